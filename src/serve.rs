//! `stepwise serve`: builds a preview of the site for a local address and serves it over HTTP,
//! so links work as they will on the static host.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::{SocketAddr, TcpListener};

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::build::Options;
use crate::diagnostics::Diagnostic;

/// Where to listen.
#[derive(Debug, Clone, Copy)]
pub struct Address {
    /// The interface, 127.0.0.1 unless told otherwise.
    pub interface: std::net::IpAddr,
    /// The port.
    pub port: u16,
}

impl Address {
    /// The address the site is reached at in a browser.
    pub fn url(&self) -> String {
        format!("http://{}/", SocketAddr::new(self.interface, self.port))
    }
}

/// The options of a local preview: the local address as base URL and, unless an output folder
/// is given, a folder of its own in the system's temporary folder, so that `output/` keeps the
/// site as it will be published.
pub fn preview_options(options: &Options, address: Address) -> Options {
    let mut preview = options.clone();
    preview.site.base_url = Some(address.url());
    if preview.output_dir.is_none() {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let mut hasher = DefaultHasher::new();
        root.hash(&mut hasher);
        let name = format!("stepwise-preview-{:016x}", hasher.finish());
        preview.output_dir = Some(std::env::temp_dir().join(name));
    }
    preview
}

/// Takes the port before anything is built, so that a busy port is reported at once.
pub fn listen(address: Address) -> Result<TcpListener, Diagnostic> {
    let bind = || {
        let listener = TcpListener::bind(SocketAddr::new(address.interface, address.port))?;
        listener.set_nonblocking(true)?;
        Ok::<_, std::io::Error>(listener)
    };
    bind().map_err(|error| {
        Diagnostic::plain(format!("cannot listen on {}: {error}", address.url()))
            .with_help("another program may use this port; choose another with `--port`")
    })
}

/// Serves the output folder on `listener` until the process is stopped; unknown addresses get
/// `404.html`.
pub fn serve(options: &Options, listener: TcpListener) -> Result<(), Diagnostic> {
    let output = options.output_dir();
    let not_found = ServeFile::new(output.join("404.html"));
    let app = Router::new().fallback_service(ServeDir::new(&output).not_found_service(not_found));
    let stopped =
        |error: std::io::Error| Diagnostic::plain(format!("the web server stopped: {error}"));
    let runtime = tokio::runtime::Runtime::new().map_err(stopped)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(stopped)?;
        axum::serve(listener, app).await.map_err(stopped)
    })
}
