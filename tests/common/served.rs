//! Built sites served on loopback for the browser: the test binds `127.0.0.1:0` itself, so the
//! address is known before the build (it becomes the base URL) and no other process can take it.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

/// A folder of files served over HTTP until the test process ends.
pub struct Served {
    /// The temporary folder that holds the files, removed when this value is dropped.
    _dir: tempfile::TempDir,
    /// The folder served at the base URL.
    root: PathBuf,
    /// `http://127.0.0.1:PORT/`.
    pub base_url: String,
}

impl Served {
    /// The address of `path` in the site, e.g. `/steps/key-facts/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The served folder.
    pub fn path(&self) -> &Path {
        &self.root
    }
}

/// Builds the site at `root` with the real binary into a new temporary folder, with the served
/// address as its base URL, and serves it. `STEPWISE_BUILD_FLAGS` adds flags to the build, such
/// as `STEPWISE_BUILD_FLAGS=--no-fingerprint` to hold a build with plain names to the gates.
pub fn build_and_serve(root: &Path) -> Served {
    build_and_serve_under(root, "")
}

/// Builds the site at `root` as [`build_and_serve`] does, for the base URL
/// `http://127.0.0.1:PORT/{sub_path}` (`sub_path` empty or ending in `/`), and serves it there
/// alone: every address outside `sub_path` is a 404.
pub fn build_and_serve_under(root: &Path, sub_path: &str) -> Served {
    let (listener, host) = loopback();
    let base_url = format!("{host}{sub_path}");
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a temporary folder");
    let output = dir.path().join("site");
    let extra = std::env::var("STEPWISE_BUILD_FLAGS").unwrap_or_default();
    let mut args = vec![
        "build",
        "--output-dir",
        output.to_str().expect("a UTF-8 temporary path"),
        "--base-url",
        &base_url,
    ];
    args.extend(extra.split_whitespace());
    let result = super::stepwise(root, &args);
    assert!(
        result.status.success(),
        "the build failed:\n{}",
        super::stderr(&result)
    );
    serve_on(listener, output.clone(), sub_path);
    Served {
        _dir: dir,
        root: output,
        base_url,
    }
}

/// Serves the files already in `dir` (e.g. hand-written pages), on a new loopback port.
pub fn serve_folder(dir: tempfile::TempDir) -> Served {
    let (listener, base_url) = loopback();
    let root = dir.path().to_path_buf();
    serve_on(listener, root.clone(), "");
    Served {
        _dir: dir,
        root,
        base_url,
    }
}

/// A new listener on a free loopback port, and its address as a base URL.
fn loopback() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let base_url = format!("http://{}/", listener.local_addr().expect("its address"));
    (listener, base_url)
}

/// Serves `dir` from `listener` at `/{sub_path}` on a thread of its own: files, `index.html`
/// for folders, and `404.html` with status 404 for anything else.
fn serve_on(listener: TcpListener, dir: PathBuf, sub_path: &str) {
    let prefix = format!("/{}", sub_path.trim_end_matches('/'));
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .expect("a runtime for the test server");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
            let not_found = ServeFile::new(dir.join("404.html"));
            let files = ServeDir::new(dir).not_found_service(not_found.clone());
            let app = if prefix == "/" {
                Router::new().fallback_service(files)
            } else {
                Router::new()
                    .nest_service(&prefix, files)
                    .fallback_service(not_found)
            };
            axum::serve(listener, app)
                .await
                .expect("the test server runs");
        });
    });
}
