//! The web server of `serve`: the files in memory by their address (`index.html` for a folder,
//! `404.html` for anything missing), the reload script, the stream of reload events
//! (Server-Sent Events: one-way, plain HTTP, and the browser reconnects by itself) and the
//! status as JSON. Addresses that try to leave the site — `..` in any encoding, encoded
//! slashes, backslashes, empty segments — are refused with 400; nothing is read from the disk.
//! While no build has succeeded, every page is the build's problems, with status 500. A file
//! made from every asset — of the coverage report, the feed, a file of the resource finder's
//! index — is answered once those files follow the last rebuild. Every response
//! carries the headers a host sends with the built site: `X-Content-Type-Options: nosniff` and
//! the pages' Content-Security-Policy.

use std::convert::Infallible;
use std::net::TcpListener;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, X_CONTENT_TYPE_OPTIONS,
};
use http::{HeaderValue, Method, StatusCode, Uri};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};
use tokio::sync::broadcast;

use super::Address;
use super::served::SCRIPT_URL;
use super::state::ServerState;
use crate::coverage::report;
use crate::diagnostics::Diagnostic;
use crate::feed::FEED;
use crate::finder::INDEX_FOLDER;
use crate::host;
use crate::site::FINDER_FOLDER;

/// The reload script, served at [`SCRIPT_URL`].
const SCRIPT: &str = include_str!("live-reload.js");

/// Serves until Ctrl+C; the event streams end first, so the shutdown waits for nobody.
pub fn serve(
    shared: Arc<ServerState>,
    listener: TcpListener,
    address: Address,
) -> Result<(), Diagnostic> {
    let stopped = |error: std::io::Error| {
        Diagnostic::plain(format!(
            "the web server at {} stopped: {error}",
            address.url()
        ))
    };
    let app = Router::new()
        .route(SCRIPT_URL, get(script))
        .route("/__stepwise/events", get(events))
        .route("/__stepwise/status", get(status))
        .fallback(file)
        .with_state(Arc::clone(&shared))
        .layer(axum::middleware::map_response(as_a_host_sends));
    let runtime = tokio::runtime::Runtime::new().map_err(stopped)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(stopped)?;
        let interrupted = async move {
            // Without a signal handler the server runs until the process is killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
            shared.stop.send_replace(true);
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(interrupted)
            .await
            .map_err(stopped)
    })
}

/// Every response with the headers a host sends with the built site (`_headers`): never
/// sniffed, and under the pages' Content-Security-Policy.
async fn as_a_host_sends(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(policy) = HeaderValue::from_str(&host::content_security_policy_header(&[])) {
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// A response with its content type, never cached.
fn respond(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let headers = [
        (CONTENT_TYPE, content_type.to_string()),
        (CACHE_CONTROL, "no-store".to_string()),
    ];
    (status, headers, body.into()).into_response()
}

async fn script() -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", SCRIPT)
}

async fn status(State(shared): State<Arc<ServerState>>) -> Response {
    let body = shared.status().to_string();
    respond(StatusCode::OK, "application/json", body)
}

/// The stream of reload events: first a greeting with the last rebuild (and its error, if it
/// failed), then one event per rebuild, until the server stops. The page that listens, named
/// by `?page=` (its address), counts as open as long as it does.
async fn events(State(shared): State<Arc<ServerState>>, uri: Uri) -> impl IntoResponse {
    let open = listening_page(&uri).map(|path| shared.open_page(path));
    let receiver = shared.events.subscribe();
    let mut hello = shared.status();
    if let Some(fields) = hello.as_object_mut() {
        fields.insert("type".into(), json!("hello"));
    }
    let hello: Arc<str> = hello.to_string().into();
    let mut stop = shared.stop.subscribe();
    let stream = stream::once(async move { hello })
        .chain(rebuilds(receiver))
        .map(move |message| {
            // The page is open while its stream lasts.
            let _ = &open;
            Ok::<_, Infallible>(Event::default().data(&*message))
        })
        .take_until(async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The output path of the page a stream of events is for, from its `?page=` (percent-encoded).
fn listening_page(uri: &Uri) -> Option<String> {
    let value = (uri.query()?.split('&')).find_map(|pair| pair.strip_prefix("page="))?;
    output_path(&percent_decode_str(value).decode_utf8().ok()?)
}

/// The messages of the rebuilds; a page that fell behind is told to reload.
fn rebuilds(receiver: broadcast::Receiver<Arc<str>>) -> impl Stream<Item = Arc<str>> {
    stream::unfold(receiver, |mut receiver| async move {
        let message = match receiver.recv().await {
            Ok(message) => message,
            Err(broadcast::error::RecvError::Lagged(_)) => {
                json!({ "type": "reload", "pages": "all" })
                    .to_string()
                    .into()
            }
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((message, receiver))
    })
}

/// A file of the site by its address; a folder without its `/` is redirected to it.
async fn file(State(shared): State<Arc<ServerState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain",
            "only GET and HEAD\n",
        );
    }
    let Some(path) = output_path(uri.path()) else {
        return respond(
            StatusCode::BAD_REQUEST,
            "text/plain",
            "not an address of this site\n",
        );
    };
    if made_from_every_asset(&path) {
        shared.site_wide_followed().await;
    }
    let files = shared.files();
    if files.is_empty() {
        return problems_page(shared.status().get("error").unwrap_or(&Value::Null));
    }
    if let Some(bytes) = files.get(&path) {
        return respond(StatusCode::OK, &content_type(&path), bytes);
    }
    if files.contains(&format!("{path}/index.html")) {
        let to = format!("{}/", uri.path());
        let mut response = respond(StatusCode::PERMANENT_REDIRECT, "text/plain", "");
        if let Ok(to) = to.parse() {
            response.headers_mut().insert(LOCATION, to);
        }
        return response;
    }
    match files.get("404.html") {
        Some(page) => respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", page),
        None => respond(StatusCode::NOT_FOUND, "text/plain", "not found\n"),
    }
}

/// Whether the file at the output path `path` is made from every asset, and so made again only
/// when it is asked for after a rebuild: a file of the coverage report, the feed, or one of the
/// resource finder's index (which may be new).
fn made_from_every_asset(path: &str) -> bool {
    let index = format!("{FINDER_FOLDER}/{INDEX_FOLDER}/");
    path.starts_with(&format!("{}/", report::FOLDER)) || path == FEED || path.starts_with(&index)
}

/// The page served for every address while no build succeeded: the problems, which the
/// reload script also shows over it, and reloads once they are fixed.
fn problems_page(error: &Value) -> Response {
    let text = error.as_str().unwrap_or("the site is being built");
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>The site could not be built</title>\n<script src=\"{SCRIPT_URL}\" defer></script>\n\
         </head>\n<body>\n<main>\n<h1>The site could not be built</h1>\n\
         <p>Fix the files below and save: this page reloads by itself.</p>\n<pre>{}</pre>\n\
         </main>\n</body>\n</html>\n",
        crate::escape::markup(text)
    );
    respond(
        StatusCode::INTERNAL_SERVER_ERROR,
        "text/html; charset=utf-8",
        page,
    )
}

/// The output path of a request's path, or `None` when it is not the address of a file of
/// the site: it must be absolute, with no `.`, `..` or empty segment, encoded or not, and no
/// encoded `/`, backslash or NUL.
fn output_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if ["\\", "%5c", "%2f", "%00"]
        .iter()
        .any(|bad| lower.contains(bad))
    {
        return None;
    }
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let relative = decoded.strip_prefix('/')?;
    let (folders, name) = relative.rsplit_once('/').unwrap_or(("", relative));
    let bad_folder = |part: &str| part.is_empty() || part == "." || part == "..";
    if (!folders.is_empty() && folders.split('/').any(bad_folder))
        || relative.starts_with('/')
        || name == "."
        || name == ".."
    {
        return None;
    }
    Some(if name.is_empty() {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    })
}

/// The content type of an output path, with the character set of text.
fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || ["javascript", "json", "xml"].contains(&mime.subtype().as_str());
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_map_to_output_paths() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            output_path("/steps/facts/").as_deref(),
            Some("steps/facts/index.html")
        );
        assert_eq!(output_path("/style.css").as_deref(), Some("style.css"));
        assert_eq!(
            output_path("/uber%20cafe/").as_deref(),
            Some("uber cafe/index.html")
        );
    }

    #[test]
    fn addresses_that_leave_the_site_are_refused() {
        for raw in [
            "/../stepwise.toml",
            "/steps/../../etc/passwd",
            "/%2e%2e/stepwise.toml",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/steps/..",
            "/steps%2f..%2f..%2fetc",
            "/..%5c..%5cetc",
            "/steps\\..\\..",
            "//etc/passwd",
            "/steps//facts/",
            "/./index.html",
            "/a%00.html",
            "relative",
        ] {
            assert_eq!(output_path(raw), None, "{raw}");
        }
    }

    #[test]
    fn text_has_its_character_set() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("no-extension"), "application/octet-stream");
    }
}
