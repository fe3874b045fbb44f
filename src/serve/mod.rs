//! `stepwise serve`: the site is built into memory for a local address, served over HTTP and
//! rebuilt on every save — only what the save touched — while the open pages are told what
//! changed. [`watch`] turns file events into batches of edits, [`live`] keeps the site and
//! rebuilds it ([`plan`] says which files a rebuild makes again, [`served`] makes their bytes,
//! [`store`] holds them packed), [`http`] serves them with the reload script and its stream of
//! events, sharing [`state`] with the rebuilding thread.
//! Nothing is written to the disk, so nothing is left behind when the server stops. When the
//! first build fails, the problems are served instead of the site until a save fixes them.
//! The files made from every asset — the coverage report, the feed, the resource finder's index
//! — are made again only when a page asks for one of them. A rebuild that changes many pages
//! makes the pages open in a browser before the reload, and the others after it ([`deferred`]).

mod deferred;
mod http;
mod live;
mod model;
mod plan;
mod served;
mod state;
mod store;
mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::coverage::Date;
use crate::diagnostics::{self, Diagnostic, Problems};
use crate::site::SiteOptions;

pub use live::{RebuildOutcome, Update};

/// Where to listen.
#[derive(Debug, Clone, Copy)]
pub struct Address {
    /// The interface, 127.0.0.1 unless told otherwise.
    pub interface: std::net::IpAddr,
    /// The port; 0 lets the system choose a free one.
    pub port: u16,
}

impl Address {
    /// The address the site is reached at in a browser on this machine: loopback when the
    /// server listens on every interface (`0.0.0.0` or `::`), which no browser can open.
    pub fn url(&self) -> String {
        let host = match self.interface {
            IpAddr::V4(any) if any.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(any) if any.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            given => given,
        };
        format!("http://{}/", SocketAddr::new(host, self.port))
    }

    /// Whether other machines may reach the server: it listens on an interface that is not
    /// loopback.
    pub fn is_shared(&self) -> bool {
        !self.interface.is_loopback()
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

/// How many connections may wait to be accepted: a thousand opened at once are all taken in
/// on their first try (the system's default of 128 makes the rest try again a second later).
#[cfg(unix)]
const WAITING_CONNECTIONS: i32 = 1024;

fn bind(address: Address) -> std::io::Result<(TcpListener, Address)> {
    let listener = TcpListener::bind(SocketAddr::new(address.interface, address.port))?;
    // Listening again on a listening socket only lengthens its queue.
    #[cfg(unix)]
    rustix::net::listen(&listener, WAITING_CONNECTIONS)?;
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
    pub outcome: RebuildOutcome,
}

/// A site built into memory and watched, ready to serve.
pub struct Server {
    site: Served,
    watcher: watch::Watcher,
    address: Address,
    /// The problems of a first build that failed, as the terminal shows them.
    error: Option<String>,
}

/// The site as served: built, or only where it is while its first build has failed.
enum Served {
    Built(Box<live::Live>),
    Unbuilt(Unbuilt),
}

/// What loading a site that could not be built takes.
struct Unbuilt {
    root: PathBuf,
    options: SiteOptions,
    today: Date,
}

impl Unbuilt {
    /// Loads and builds the whole site; `None` when it has an error, which `problems` holds.
    fn load(&self, problems: &mut Problems) -> Option<live::Live> {
        live::Live::load(
            self.root.clone(),
            self.options.clone(),
            self.today,
            problems,
        )
    }
}

/// What the first build made.
#[derive(Debug)]
pub struct Started {
    /// The files in memory, pages and others; none when the build failed.
    pub files: usize,
    /// Wall time of the first build.
    pub elapsed: Duration,
    /// The build failed: its problems are served until a save fixes them.
    pub failed: bool,
}

impl Server {
    /// Watches the site at `root`, then builds it into memory for `address`, adding the build's
    /// warnings or errors to `problems`. A site that cannot be built is served all the same, as
    /// its problems; `None` when the site's folder cannot be found or watched.
    pub fn start(
        root: &Path,
        drafts: bool,
        today: Option<Date>,
        address: Address,
        problems: &mut Problems,
    ) -> Option<(Server, Started)> {
        let started = Instant::now();
        let root = std::fs::canonicalize(root)
            .map_err(|error| {
                problems.push(
                    Diagnostic::plain(format!(
                        "cannot find the site `{}`: {error}",
                        root.display()
                    ))
                    .with_help("run stepwise in a site's folder or give it with `--root`"),
                );
            })
            .ok()?;
        // Watching starts first, so that no save during the first build is missed.
        let watcher = watch::Watcher::start(&root)
            .map_err(|problem| problems.push(problem))
            .ok()?;
        // Root-relative links work at whatever address the browser used.
        let options = SiteOptions {
            base_url: Some("/".to_string()),
            drafts,
            show_coverage: true,
            ..SiteOptions::default()
        };
        let unbuilt = Unbuilt {
            root,
            options,
            today: today.unwrap_or_else(Date::today),
        };
        let (site, files, failed) = match unbuilt.load(problems) {
            Some(live) => {
                let files = live.files().len();
                (Served::Built(Box::new(live)), files, false)
            }
            None => (Served::Unbuilt(unbuilt), 0, true),
        };
        let server = Server {
            site,
            watcher,
            address,
            error: failed.then(|| diagnostics::render(problems.as_slice(), false)),
        };
        let report = Started {
            files,
            elapsed: started.elapsed(),
            failed,
        };
        Some((server, report))
    }

    /// Serves on `listener` until Ctrl+C, rebuilding after every burst of saves; `report` is
    /// told of each rebuild.
    pub fn run(
        self,
        listener: TcpListener,
        report: impl FnMut(&Rebuild) + Send + 'static,
    ) -> Result<(), Diagnostic> {
        let files = match &self.site {
            Served::Built(live) => live.files(),
            Served::Unbuilt(_) => Arc::default(),
        };
        let site_wide_wanted = self.watcher.site_wide_wanted();
        let shared = Arc::new(state::ServerState::new(files, self.error, site_wide_wanted));
        let rebuilding = Arc::clone(&shared);
        let (mut site, mut watcher) = (self.site, self.watcher);
        std::thread::spawn(move || rebuild_on_saves(&mut site, &mut watcher, &rebuilding, report));
        http::serve(shared, listener, self.address)
    }
}

/// Rebuilds after every batch of edits and publishes the result, until the watcher stops.
/// The files made from every asset are made again when a page asks for one after a successful
/// rebuild, so that making them never delays the reload, nor the next rebuild; so are the pages
/// a rebuild left for after its reload, on a thread of their own.
fn rebuild_on_saves(
    site: &mut Served,
    watcher: &mut watch::Watcher,
    shared: &state::ServerState,
    mut report: impl FnMut(&Rebuild),
) {
    let mut number = 0;
    // The files served are of a rebuild whose files made from every asset are not made yet.
    let mut site_wide_stale = false;
    while let Some(next) = watcher.next() {
        let started = Instant::now();
        match (next, &mut *site) {
            (watch::Next::Rebuild(batch), _) => {
                number += 1;
                let unbuilt = matches!(site, Served::Unbuilt(_));
                let outcome = rebuild(site, &batch, &shared.open_pages());
                // A failed rebuild serves the last good files with their files made from every
                // asset.
                site_wide_stale = matches!(outcome, RebuildOutcome::Rebuilt(_));
                // Folders made since watching started are watched too.
                if batch.full || unbuilt {
                    watcher.watch_folders();
                }
                if let (RebuildOutcome::Failed(_), Served::Built(live)) = (&outcome, &*site) {
                    // The last good files, which may be older than those served until now.
                    shared.set_files(&live.files());
                }
                shared.publish(number, &outcome);
                report(&Rebuild {
                    number,
                    elapsed: started.elapsed(),
                    outcome,
                });
            }
            (watch::Next::SiteWide, Served::Built(live)) if site_wide_stale => {
                let outcome = live.refresh_site_wide();
                shared.publish_site_wide(number, &outcome, &live.files());
                site_wide_stale = false;
            }
            (watch::Next::SiteWide, _) => site_wide_stale = false,
            (watch::Next::Deferred, Served::Built(live)) => {
                if let Some(outcome) = live.deferred_made() {
                    shared.publish_deferred(number, &outcome, &live.files());
                    if let RebuildOutcome::Failed(_) = outcome {
                        site_wide_stale = false;
                        report(&Rebuild {
                            number,
                            elapsed: started.elapsed(),
                            outcome,
                        });
                    }
                }
            }
            (watch::Next::Deferred, Served::Unbuilt(_)) => {}
        }
        if let Served::Built(live) = &mut *site {
            live.make_deferred(watcher.deferred_made());
        }
    }
}

/// Rebuilds what `batch` touched, or the whole site when it was never built; the pages at the
/// output paths `open` are made before the reload.
fn rebuild(
    site: &mut Served,
    batch: &watch::Batch,
    open: &std::collections::HashSet<String>,
) -> RebuildOutcome {
    let mut problems = Problems::default();
    let loaded = match site {
        Served::Built(live) => return live.rebuild(batch, open),
        Served::Unbuilt(unbuilt) => unbuilt.load(&mut problems),
    };
    match loaded {
        Some(live) => {
            let files = live.files();
            *site = Served::Built(Box::new(live));
            let mut changed: Vec<String> = files.paths().cloned().collect();
            changed.sort_unstable();
            RebuildOutcome::Rebuilt(live::Update {
                made: files.len(),
                deferred: 0,
                files,
                changed,
                warnings: problems.into_vec(),
            })
        }
        None => RebuildOutcome::Failed(problems.into_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_address_is_one_a_browser_opens() {
        for (interface, url, shared) in [
            ("127.0.0.1", "http://127.0.0.1:1111/", false),
            ("0.0.0.0", "http://127.0.0.1:1111/", true),
            ("::", "http://[::1]:1111/", true),
            ("::1", "http://[::1]:1111/", false),
            ("192.168.1.20", "http://192.168.1.20:1111/", true),
        ] {
            let address = Address {
                interface: interface.parse().unwrap(),
                port: 1111,
            };
            assert_eq!(address.url(), url, "{interface}");
            assert_eq!(address.is_shared(), shared, "{interface}");
        }
    }
}
