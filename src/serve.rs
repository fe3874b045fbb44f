//! `stepwise serve`: builds the site for a local address and serves the output folder over HTTP,
//! so links work as they will on the static host.

use std::net::SocketAddr;

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::build::{self, Failure, Options, Report};
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

/// Builds the site with the local address as its base URL; the report says what was built.
pub fn build_for(options: &Options, address: Address) -> Result<Report, Failure> {
    let mut local = options.clone();
    local.site.base_url = Some(address.url());
    build::build(&local)
}

/// Serves the output folder until the process is stopped; unknown addresses get `404.html`.
pub fn serve(options: &Options, address: Address) -> Result<(), Diagnostic> {
    let output = options.output_dir();
    let not_found = ServeFile::new(output.join("404.html"));
    let app = Router::new().fallback_service(ServeDir::new(&output).not_found_service(not_found));
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|error| Diagnostic::plain(format!("cannot start the web server: {error}")))?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::new(address.interface, address.port))
                .await
                .map_err(|error| {
                    Diagnostic::plain(format!("cannot listen on {}: {error}", address.url()))
                        .with_help(
                            "another program may use this port; choose another with `--port`",
                        )
                })?;
        axum::serve(listener, app)
            .await
            .map_err(|error| Diagnostic::plain(format!("the web server stopped: {error}")))
    })
}
