//! What the server shares between requests and the rebuilding thread: the files served now, the
//! last rebuild's status, the stream of reload events, the pages open in a browser (which a
//! rebuild makes before the reload) and whether the files made from every asset — the coverage
//! report, the feed, the resource finder's index — follow the last rebuild.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use serde_json::{Value, json};
use tokio::sync::{broadcast, watch};

use super::live::RebuildOutcome;
use super::store::Files;
use super::watch::SiteWideWanted;
use crate::coverage::report;
use crate::diagnostics;
use crate::finder::INDEX_FOLDER;
use crate::site::FINDER_FOLDER;

/// More changed pages than this are announced as "all".
const MOST_PAGES_NAMED: usize = 100;

/// What the server shares between requests and the rebuilding thread.
pub struct ServerState {
    /// The files served now.
    files: RwLock<Arc<Files>>,
    status: RwLock<Status>,
    /// The reload events, as JSON text.
    pub(super) events: broadcast::Sender<Arc<str>>,
    /// Set to stop the server.
    pub(super) stop: watch::Sender<bool>,
    /// False from a rebuild's files being served until its files made from every asset are.
    site_wide_fresh: watch::Sender<bool>,
    /// Asks for the files made from every asset to be made again.
    site_wide_wanted: SiteWideWanted,
    /// The output paths of the pages open in a browser, with how many streams of events each
    /// has.
    open: Mutex<HashMap<String, usize>>,
}

/// A page open in a browser, counted as open as long as this lives.
pub(super) struct OpenPage {
    shared: Arc<ServerState>,
    path: String,
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        let mut open = self
            .shared
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.path) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.path);
            }
        }
    }
}

/// The last rebuild, for pages that connect after it.
#[derive(Debug, Default)]
struct Status {
    rebuilds: u64,
    error: Option<String>,
}

impl ServerState {
    /// Serves `files` until the first rebuild; `error` is the first build's failure, when
    /// there are no files. A request for a file made from every asset after a rebuild asks for
    /// it through `site_wide_wanted`.
    pub fn new(files: Arc<Files>, error: Option<String>, site_wide_wanted: SiteWideWanted) -> Self {
        ServerState {
            files: RwLock::new(files),
            status: RwLock::new(Status { rebuilds: 0, error }),
            events: broadcast::channel(64).0,
            stop: watch::channel(false).0,
            site_wide_fresh: watch::channel(true).0,
            site_wide_wanted,
            open: Mutex::default(),
        }
    }

    /// Counts the page at the output path `path` as open until what this returns is dropped.
    pub(super) fn open_page(self: &Arc<Self>, path: String) -> OpenPage {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        *open.entry(path.clone()).or_default() += 1;
        OpenPage {
            shared: Arc::clone(self),
            path,
        }
    }

    /// The output paths of the pages open in a browser now.
    pub fn open_pages(&self) -> HashSet<String> {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.keys().cloned().collect()
    }

    /// Serves the files of rebuild `number`, if it succeeded, and tells every open page; the
    /// files made from every asset wait for [`ServerState::publish_site_wide`].
    pub fn publish(&self, number: u64, outcome: &RebuildOutcome) {
        let message = match outcome {
            RebuildOutcome::Rebuilt(update) => {
                self.site_wide_fresh.send_replace(false);
                self.set_files(&update.files);
                self.set_status(number, None);
                changed_message(number, &update.changed)
            }
            RebuildOutcome::Failed(problems) => {
                // The last good files are served, with their files made from every asset.
                self.site_wide_fresh.send_replace(true);
                let text = diagnostics::render(problems, false);
                self.set_status(number, Some(text.clone()));
                json!({ "type": "error", "rebuild": number, "text": text })
            }
        };
        // Nobody listening is no failure.
        let _ = self.events.send(message.to_string().into());
    }

    /// Serves `files`, with the files made from every asset after rebuild `number`. The pages
    /// that show them were already told to reload by the rebuild's message, and are answered
    /// once this is done; only a failure is announced.
    pub fn publish_site_wide(&self, number: u64, outcome: &RebuildOutcome, files: &Arc<Files>) {
        self.publish_deferred(number, outcome, files);
        self.site_wide_fresh.send_replace(true);
    }

    /// Serves `files` once the pages rebuilds left for after their reload are made: the same
    /// pages, packed, or the last good files when one could not be made, which fails rebuild
    /// `number`. Only a failure is announced.
    pub fn publish_deferred(&self, number: u64, outcome: &RebuildOutcome, files: &Arc<Files>) {
        self.set_files(files);
        if let RebuildOutcome::Failed(_) = outcome {
            self.publish(number, outcome);
        }
    }

    /// Waits until the files made from every asset follow the last rebuild, asking for them if
    /// they do not.
    pub(super) async fn site_wide_followed(&self) {
        let mut fresh = self.site_wide_fresh.subscribe();
        if !*fresh.borrow() {
            self.site_wide_wanted.ask();
        }
        // The sender lives as long as `self`.
        let _ = fresh.wait_for(|fresh| *fresh).await;
    }

    /// Serves `files` from now on.
    pub(super) fn set_files(&self, files: &Arc<Files>) {
        *self.files.write().unwrap_or_else(PoisonError::into_inner) = Arc::clone(files);
    }

    fn set_status(&self, rebuilds: u64, error: Option<String>) {
        *self.status.write().unwrap_or_else(PoisonError::into_inner) = Status { rebuilds, error };
    }

    pub(super) fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files.read().unwrap_or_else(PoisonError::into_inner))
    }

    pub(super) fn status(&self) -> Value {
        let status = self.status.read().unwrap_or_else(PoisonError::into_inner);
        json!({ "rebuilds": status.rebuilds, "error": status.error })
    }
}

/// The message after a rebuild: the stylesheets to swap when only they changed, else the
/// addresses of the pages to reload, with the coverage report's, which follows every rebuild. A
/// changed file of the resource finder's index reloads the finder's first page, whose script
/// reads it; a file no page shows in place (the feed, the sitemap, a download) reloads nothing.
fn changed_message(number: u64, changed: &[String]) -> Value {
    if !changed.is_empty() && changed.iter().all(|path| path.ends_with(".css")) {
        return json!({ "type": "css", "rebuild": number });
    }
    let index = format!("{FINDER_FOLDER}/{INDEX_FOLDER}/");
    let finder = format!("{FINDER_FOLDER}/index.html");
    let mut finder_named = false;
    let changed: Vec<&str> = (changed.iter())
        .filter(|path| !shown_by_no_page(path))
        .filter_map(|path| {
            if path.starts_with(&index) || *path == finder {
                (!std::mem::replace(&mut finder_named, true)).then_some(finder.as_str())
            } else {
                Some(path.as_str())
            }
        })
        .collect();
    let coverage = format!("/{}/", report::FOLDER);
    let mut pages: Vec<String> = changed.iter().map(|path| address(path)).collect();
    if !pages.contains(&coverage) {
        pages.push(coverage);
    }
    let named =
        changed.len() <= MOST_PAGES_NAMED && changed.iter().all(|path| path.ends_with(".html"));
    let pages = if named { json!(pages) } else { json!("all") };
    json!({ "type": "reload", "rebuild": number, "pages": pages })
}

/// Whether the file at `path` is one that no page shows in place, so no open page needs a reload
/// when it changes: a feed, the sitemap, `robots.txt`, a spreadsheet, a CSV or a calendar file
/// (a page only links to it, by an address that stays the same).
fn shown_by_no_page(path: &str) -> bool {
    const LINKED_ONLY: [&str; 5] = ["xml", "txt", "xlsx", "csv", "ics"];
    std::path::Path::new(path)
        .extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| LINKED_ONLY.contains(&extension))
}

/// The address a page is opened at: `steps/facts/index.html` is at `/steps/facts/`.
fn address(path: &str) -> String {
    let folder = path.strip_suffix("index.html").unwrap_or(path);
    format!("/{folder}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stylesheet_alone_is_swapped_and_many_pages_are_all() {
        let css = changed_message(3, &["style.css".to_string()]);
        assert_eq!(css, json!({ "type": "css", "rebuild": 3 }));
        let pages = changed_message(4, &["index.html".to_string(), "a/index.html".to_string()]);
        assert_eq!(pages["pages"], json!(["/", "/a/", "/coverage/"]));
        let many: Vec<String> = (0..=MOST_PAGES_NAMED)
            .map(|n| format!("{n}/index.html"))
            .collect();
        assert_eq!(changed_message(5, &many)["pages"], json!("all"));
        let image = changed_message(6, &["logo.png".to_string()]);
        assert_eq!(image["pages"], json!("all"));
        let index = [
            "resources/index/facets.json",
            "resources/index/terms/3.json",
        ];
        let search = changed_message(7, &index.map(String::from));
        assert_eq!(search["pages"], json!(["/resources/", "/coverage/"]));
        let linked = ["feed.xml", "guides/a/index.html", "calculators/b/b.xlsx"];
        let edit = changed_message(8, &linked.map(String::from));
        assert_eq!(edit["pages"], json!(["/guides/a/", "/coverage/"]));
    }
}
