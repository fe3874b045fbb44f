//! `stepwise serve`: the site is built into memory for a local address, served over HTTP and
//! rebuilt on every save — only what the save touched — while the open pages are told what
//! changed. [`watch`] turns file events into batches of edits, [`live`] keeps the files and
//! rebuilds them, [`http`] serves them with the reload script and its stream of events.
//! Nothing is written to the disk, so nothing is left behind when the server stops.

mod http;
mod live;
mod watch;

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::coverage::Date;
use crate::diagnostics::Diagnostic;
use crate::site::SiteOptions;

pub use live::{Outcome, Update};

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

/// How many ports above a taken one are tried for a suggestion.
const PORTS_TO_PROBE: u16 = 10;

/// Takes the port before anything is built, so that a busy port is reported at once; returns
/// the listener and the address it listens on (with the chosen port when 0 was asked for).
pub fn listen(address: Address) -> Result<(TcpListener, Address), Diagnostic> {
    bind(address).map_err(|error| {
        let help = match free_port_above(address) {
            Some(port) => format!(
                "another program may use this port; port {port} is free: choose it with `--port {port}`, or `--port 0` for any free one"
            ),
            None => "another program may use this port; choose another with `--port`, or `--port 0` for any free one".to_string(),
        };
        Diagnostic::plain(format!("cannot listen on {}: {error}", address.url())).with_help(help)
    })
}

fn bind(address: Address) -> std::io::Result<(TcpListener, Address)> {
    let listener = TcpListener::bind(SocketAddr::new(address.interface, address.port))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    Ok((listener, Address { port, ..address }))
}

/// The first of the few ports above `address`'s that can be taken now.
fn free_port_above(address: Address) -> Option<u16> {
    (1..=PORTS_TO_PROBE)
        .filter_map(|step| address.port.checked_add(step))
        .find(|&port| bind(Address { port, ..address }).is_ok())
}

/// One rebuild after a save, as the terminal reports it.
#[derive(Debug)]
pub struct Rebuild {
    /// Counts the rebuilds since the server started, from 1.
    pub number: u64,
    /// From the end of the burst of file events to the new files being served.
    pub elapsed: Duration,
    /// What came of it.
    pub outcome: Outcome,
}

/// A site built into memory and watched, ready to serve.
pub struct Server {
    live: live::Live,
    watcher: watch::Watcher,
    address: Address,
}

/// What the first build made.
#[derive(Debug)]
pub struct Started {
    /// The files in memory, pages and others.
    pub files: usize,
    /// Wall time of the first build.
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl Server {
    /// Watches the site at `root`, then builds it into memory for `address`; the problems when
    /// it cannot be built.
    pub fn start(
        root: &Path,
        drafts: bool,
        today: Option<Date>,
        address: Address,
    ) -> Result<(Server, Started), Vec<Diagnostic>> {
        let started = Instant::now();
        let root = std::fs::canonicalize(root).map_err(|error| {
            vec![
                Diagnostic::plain(format!(
                    "cannot find the site `{}`: {error}",
                    root.display()
                ))
                .with_help("run stepwise in a site's folder or give it with `--root`"),
            ]
        })?;
        // Watching starts first, so that no save during the first build is missed.
        let watcher = watch::Watcher::start(&root).map_err(|problem| vec![problem])?;
        let options = SiteOptions {
            base_url: Some(address.url()),
            drafts,
            ..SiteOptions::default()
        };
        let today = today.unwrap_or_else(Date::today);
        let (live, warnings) = live::Live::load(root, options, today)?;
        let report = Started {
            files: live.files().len(),
            elapsed: started.elapsed(),
            warnings,
        };
        let server = Server {
            live,
            watcher,
            address,
        };
        Ok((server, report))
    }

    /// Serves on `listener` until Ctrl+C, rebuilding after every burst of saves; `report` is
    /// told of each rebuild.
    pub fn run(
        self,
        listener: TcpListener,
        report: impl FnMut(&Rebuild) + Send + 'static,
    ) -> Result<(), Diagnostic> {
        let shared = Arc::new(http::Shared::new(self.live.files()));
        let rebuilding = Arc::clone(&shared);
        let (mut live, mut watcher) = (self.live, self.watcher);
        std::thread::spawn(move || rebuild_on_saves(&mut live, &mut watcher, &rebuilding, report));
        http::serve(shared, listener, self.address)
    }
}

/// Rebuilds after every batch of edits and publishes the result, until the watcher stops.
fn rebuild_on_saves(
    live: &mut live::Live,
    watcher: &mut watch::Watcher,
    shared: &http::Shared,
    mut report: impl FnMut(&Rebuild),
) {
    let mut number = 0;
    while let Some(batch) = watcher.next_batch() {
        let started = Instant::now();
        number += 1;
        let outcome = live.rebuild(&batch);
        if batch.full {
            watcher.watch_folders();
        }
        shared.publish(number, &outcome);
        report(&Rebuild {
            number,
            elapsed: started.elapsed(),
            outcome,
        });
    }
}
