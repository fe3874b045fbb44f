//! `stepwise serve`: builds a preview of the site for a local address and serves it over HTTP,
//! so links work as they will on the static host. The preview lives in a folder of its own in
//! the system's temporary folder, removed again when the server stops.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::build::Options;
use crate::diagnostics::Diagnostic;

/// Where to listen.
#[derive(Debug, Clone, Copy)]
pub struct Address {
    /// The interface, 127.0.0.1 unless told otherwise.
    pub interface: std::net::IpAddr,
    /// The port; 0 lets the system choose a free one.
    pub port: u16,
}

impl Address {
    /// The address the site is reached at in a browser.
    pub fn url(&self) -> String {
        format!("http://{}/", SocketAddr::new(self.interface, self.port))
    }
}

/// A local preview: what to build, and the temporary folder to remove when it stops.
#[derive(Debug)]
pub struct Preview {
    /// The options of the preview build: the local address as base URL, and its folder.
    pub options: Options,
    /// The folder made for the preview, removed when the server stops.
    temporary: Option<PathBuf>,
}

/// The preview of a site served at `address`: unless an output folder is given, it is built in
/// a folder of its own in the system's temporary folder, so that `output/` keeps the site as it
/// will be published.
pub fn preview(options: &Options, address: Address) -> Preview {
    let mut preview = options.clone();
    preview.site.base_url = Some(address.url());
    let mut temporary = None;
    if preview.output_dir.is_none() {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let mut hasher = DefaultHasher::new();
        root.hash(&mut hasher);
        let folder =
            std::env::temp_dir().join(format!("stepwise-preview-{:016x}", hasher.finish()));
        preview.output_dir = Some(folder.clone());
        temporary = Some(folder);
    }
    Preview {
        options: preview,
        temporary,
    }
}

/// Takes the port before anything is built, so that a busy port is reported at once; returns
/// the listener and the address it listens on (with the chosen port when 0 was asked for).
pub fn listen(address: Address) -> Result<(TcpListener, Address), Diagnostic> {
    let bind = || {
        let listener = TcpListener::bind(SocketAddr::new(address.interface, address.port))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        Ok::<_, std::io::Error>((listener, Address { port, ..address }))
    };
    bind().map_err(|error| {
        Diagnostic::plain(format!("cannot listen on {}: {error}", address.url()))
            .with_help("another program may use this port; choose another with `--port`, or `--port 0` for any free one")
    })
}

/// Serves the preview on `listener` until Ctrl+C, then removes the preview's temporary folder;
/// unknown addresses get `404.html`.
pub fn serve(preview: &Preview, listener: TcpListener) -> Result<(), Diagnostic> {
    let output = preview.options.output_dir();
    let not_found = ServeFile::new(output.join("404.html"));
    let app = Router::new().fallback_service(ServeDir::new(&output).not_found_service(not_found));
    let stopped =
        |error: std::io::Error| Diagnostic::plain(format!("the web server stopped: {error}"));
    let runtime = tokio::runtime::Runtime::new().map_err(stopped)?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(stopped)?;
        let interrupted = async {
            // Without a signal handler the server runs until the process is killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(interrupted)
            .await
            .map_err(stopped)
    });
    if let Some(folder) = &preview.temporary {
        // Best effort: the folder is in the system's temporary folder.
        let _ = std::fs::remove_dir_all(folder);
    }
    served
}
