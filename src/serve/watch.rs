//! Watching the site's files: `content/`, `templates/`, `themes/` and `static/` with all they
//! hold, and the site's folder itself for `stepwise.toml` (editors replace a file by renaming
//! another over it, which a watch on the file itself would lose). Events come from `notify`
//! and are debounced here: a batch ends once the files have been quiet for a moment — only a
//! millisecond once a file was saved whole, closed after writing or renamed into place — so a
//! burst of saves is one rebuild. Editors' scratch files — swap files, `~` backups, vim's
//! `4913` probe, Emacs's `#autosave#`, `.DS_Store` and anything hidden — are never part of a
//! batch. The web server wakes the same wait when a page asks for a file made from every asset —
//! the coverage report, the feed, the resource finder's index ([`SiteWideWanted`]).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::content::AssetId;
use crate::content::walk::is_ignored;
use crate::diagnostics::Diagnostic;

/// How long the files must be quiet before a batch ends.
const QUIET: Duration = Duration::from_millis(8);

/// How long the files must be quiet once a file was saved whole (closed after writing, or
/// renamed into place): only the rest of the same burst is waited for.
const SAVED_QUIET: Duration = Duration::from_millis(1);

/// How long the files must be quiet when the batch holds a file that is no asset.
const SCRATCH_QUIET: Duration = Duration::from_millis(60);

/// The longest a batch waits for quiet while saves keep coming.
const LONGEST: Duration = Duration::from_millis(500);

/// The folders watched with everything below them.
const FOLDERS: &[&str] = &["content", "templates", "themes", "static"];

/// What one burst of file events asks of a rebuild.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// Assets (Markdown files under `content/`) written, created, renamed or removed.
    pub assets: BTreeSet<AssetId>,
    /// A template changed: every page is rendered again.
    pub templates: bool,
    /// A static file of the theme or the site changed.
    pub statics: bool,
    /// The configuration, or a file or folder under a watched folder that is there now and
    /// is no asset (an attachment, a folder of assets): everything is loaded again.
    pub full: bool,
    /// Files or folders that are gone and are neither assets nor templates nor static files:
    /// a reason to load everything if the site knew them (a removed folder of assets, an
    /// attachment), else some program's short-lived file.
    pub gone: BTreeSet<PathBuf>,
}

impl Batch {
    /// Once the batch is complete: a file that is no asset and is still there loads
    /// everything; a short-lived one, made and removed within the batch, is gone by now.
    fn settle(&mut self, root: &Path) {
        self.full |= self.gone.iter().any(|path| root.join(path).exists());
        self.gone.retain(|path| !root.join(path).exists());
    }

    fn is_empty(&self) -> bool {
        self == &Batch::default()
    }

    /// Adds the file at `relative` (to the site's folder).
    fn add(&mut self, relative: &Path) {
        if is_scratch(relative) {
            return;
        }
        let mut parts = relative.components().filter_map(|part| match part {
            Component::Normal(name) => name.to_str(),
            _ => None,
        });
        let first = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        match (first, rest.as_slice()) {
            (CONFIG_FILE, []) => self.full = true,
            ("content", [.., name]) if name.ends_with(".md") => {
                self.assets
                    .insert(AssetId::of(Path::new("content"), relative));
            }
            ("templates", [_, ..]) => self.templates = true,
            ("static", [_, ..]) | ("themes", [_, "static", _, ..]) => self.statics = true,
            ("themes", [_, ..]) => self.templates = true,
            // A watched folder itself, or a file in one that is no asset (an attachment).
            // Whether it is still there is asked once the batch is complete.
            (folder, _) if FOLDERS.contains(&folder) => {
                self.gone.insert(relative.to_path_buf());
            }
            _ => {}
        }
    }
}

/// Whether `path` is an editor's scratch file, or lies in a hidden folder.
fn is_scratch(path: &Path) -> bool {
    path.components().any(|part| is_ignored(part.as_os_str()))
}

/// What the thread that rebuilds waits for.
enum Signal {
    /// An event of the watched files.
    Files(notify::Result<notify::Event>),
    /// A page asks for a file made from every asset.
    SiteWide,
    /// The pages left for after a reload are made.
    Deferred,
}

/// What the thread that rebuilds is asked for next.
#[derive(Debug)]
pub enum Next {
    /// Files changed.
    Rebuild(Batch),
    /// A page waits for a file made from every asset.
    SiteWide,
    /// The thread making the pages left for after a reload has ended.
    Deferred,
}

/// Tells the thread that rebuilds that a page waits for a file made from every asset.
#[derive(Clone)]
pub struct SiteWideWanted(Sender<Signal>);

impl SiteWideWanted {
    /// Asks for the files made from every asset; nobody waiting any more is no failure.
    pub fn ask(&self) {
        let _ = self.0.send(Signal::SiteWide);
    }
}

/// Whether `event` ends the save of a file of the site at `root` that is no scratch file: the
/// file was closed after writing, or renamed into place.
fn saves_whole(event: &notify::Event, root: &Path) -> bool {
    let ends_a_save = matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    );
    // A rename names where the file came from first, then where it went.
    let saved = event.paths.last();
    ends_a_save && saved.is_some_and(|path| !is_scratch(path.strip_prefix(root).unwrap_or(path)))
}

/// The file events of a site, and the requests for its files made from every asset.
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    signals: Receiver<Signal>,
    sender: Sender<Signal>,
    /// A file made from every asset was asked for while a batch was being collected.
    site_wide_wanted: bool,
    /// The pages left for after a reload were made while a batch was being collected.
    deferred_made: bool,
}

impl Watcher {
    /// Starts watching the site at `root` (an absolute path).
    pub fn start(root: &Path) -> Result<Watcher, Diagnostic> {
        let (sender, signals) = mpsc::channel();
        let files = sender.clone();
        let handler = move |event| {
            // The receiver goes only when the server stops.
            let _ = files.send(Signal::Files(event));
        };
        let mut watcher =
            notify::recommended_watcher(handler).map_err(|error| watch_error(root, &error))?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|error| watch_error(root, &error))?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            watcher,
            signals,
            sender,
            site_wide_wanted: false,
            deferred_made: false,
        };
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Watches each of the site's folders that exists now (again, after a folder was made).
    pub fn watch_folders(&mut self) {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() {
                // A folder that vanished meanwhile is watched once it is back.
                let _ = self.watcher.watch(&path, RecursiveMode::Recursive);
            }
        }
    }

    /// What asks for the files made from every asset, for the web server.
    pub fn site_wide_wanted(&self) -> SiteWideWanted {
        SiteWideWanted(self.sender.clone())
    }

    /// What tells the thread that rebuilds that the pages left for after a reload are made.
    pub fn deferred_made(&self) -> impl FnOnce() + Send + 'static {
        let sender = self.sender.clone();
        // Nobody waiting any more is no failure.
        move || drop(sender.send(Signal::Deferred))
    }

    /// Waits for the next burst of events that asks for a rebuild, for a page that asks for
    /// a file made from every asset, or for the pages left for after a reload to be made;
    /// `None` when the watcher stopped.
    pub fn next(&mut self) -> Option<Next> {
        loop {
            if std::mem::take(&mut self.site_wide_wanted) {
                return Some(Next::SiteWide);
            }
            if std::mem::take(&mut self.deferred_made) {
                return Some(Next::Deferred);
            }
            let mut batch = Batch::default();
            let saved = match self.signals.recv().ok()? {
                Signal::SiteWide => return Some(Next::SiteWide),
                Signal::Deferred => return Some(Next::Deferred),
                Signal::Files(event) => self.add(&mut batch, event),
            };
            let started = Instant::now();
            self.collect(&mut batch, QUIET, saved, started)?;
            // A file that is no asset may be a temporary file about to be renamed over one
            // (as `sed -i` does): it gets a longer moment to go.
            if batch.gone.iter().any(|path| self.root.join(path).exists()) {
                self.collect(&mut batch, SCRATCH_QUIET, false, started)?;
            }
            batch.settle(&self.root);
            if !batch.is_empty() {
                return Some(Next::Rebuild(batch));
            }
        }
    }

    /// Adds events to `batch` until none came for `quiet`, or only for a moment after a file
    /// was saved whole (`saved`, for the event before), or the batch is old; `None` when the
    /// watcher stopped. A request for a file made from every asset waits for the batch.
    fn collect(
        &mut self,
        batch: &mut Batch,
        quiet: Duration,
        mut saved: bool,
        started: Instant,
    ) -> Option<()> {
        while started.elapsed() < LONGEST {
            let wait = if saved { SAVED_QUIET } else { quiet };
            match self.signals.recv_timeout(wait) {
                Ok(Signal::Files(event)) => saved = self.add(batch, event),
                Ok(Signal::SiteWide) => self.site_wide_wanted = true,
                Ok(Signal::Deferred) => self.deferred_made = true,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(())
    }

    /// Adds the files of `event` to `batch`; whether it saved a file whole: closed one after
    /// writing it, or renamed one into place, that is no scratch file.
    fn add(&self, batch: &mut Batch, event: notify::Result<notify::Event>) -> bool {
        let event = match event {
            Ok(event) => event,
            // Events were lost (the queue overflowed): only loading everything is safe.
            Err(_) => {
                batch.full = true;
                return false;
            }
        };
        if !matches!(event.kind, EventKind::Access(_)) {
            for path in &event.paths {
                batch.add(path.strip_prefix(&self.root).unwrap_or(path));
            }
        }
        saves_whole(&event, &self.root)
    }
}

fn watch_error(root: &Path, error: &notify::Error) -> Diagnostic {
    Diagnostic::plain(format!(
        "cannot watch the files of `{}`: {error}",
        root.display()
    ))
    .with_help(
        "on Linux, raise the number of watches with `sysctl fs.inotify.max_user_watches=524288`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(paths: &[&str]) -> Batch {
        let mut batch = Batch::default();
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("content/guides/bundle")).unwrap();
        std::fs::write(site.path().join("content/guides/bundle/chart.png"), "").unwrap();
        for path in paths {
            batch.add(Path::new(path));
        }
        batch.settle(site.path());
        batch
    }

    #[test]
    fn editor_scratch_files_are_no_edit() {
        let scratch = [
            "content/guides/.facts.md.swp",
            "content/guides/facts.md~",
            "content/guides/4913",
            "content/.DS_Store",
            "templates/.step.html.swx",
            "content/.git/index",
            "content/guides/facts.md.tmp",
            "content/guides/#facts.md#",
            "README.md",
            "output/index.html",
        ];
        assert!(batch(&scratch).is_empty(), "{:?}", batch(&scratch));
    }

    #[test]
    fn a_save_ends_when_the_file_is_closed_after_writing_or_renamed_into_place() {
        use notify::event::{CreateKind, DataChange};
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let moved = |mode| EventKind::Modify(ModifyKind::Name(mode));
        let root = Path::new("/tmp/.tmpSite");
        for (kind, paths, whole) in [
            (closed, &["content/guides/facts.md"][..], true),
            (closed, &["content/guides/.facts.md.swp"], false),
            (closed, &["content/guides/4913"], false),
            (
                renamed,
                &["content/.facts.md.tmp", "content/facts.md"],
                true,
            ),
            (renamed, &["content/facts.md", "content/facts.md~"], false),
            (moved(RenameMode::To), &["stepwise.toml"], true),
            (moved(RenameMode::From), &["content/facts.md"], false),
            (
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                &["content/facts.md"],
                false,
            ),
            (
                EventKind::Create(CreateKind::File),
                &["content/facts.md"],
                false,
            ),
        ] {
            let mut event = notify::Event::new(kind);
            for path in paths {
                event = event.add_path(root.join(path));
            }
            assert_eq!(saves_whole(&event, root), whole, "{kind:?} {paths:?}");
        }
    }

    #[test]
    fn each_file_asks_for_its_own_rebuild() {
        let assets = batch(&["content/guides/facts.md", "content/a.md"]);
        let ids: Vec<&str> = assets.assets.iter().map(AssetId::as_str).collect();
        assert_eq!(ids, ["a.md", "guides/facts.md"]);
        assert!(!assets.full && !assets.templates && !assets.statics);
        assert!(batch(&["templates/step.html"]).templates);
        assert!(batch(&["themes/default/templates/base.html"]).templates);
        assert!(batch(&["themes/default/static/style.css"]).statics);
        assert!(batch(&["static/logo.svg"]).statics);
        assert!(batch(&["stepwise.toml"]).full);
        assert!(batch(&["content/guides/bundle/chart.png"]).full);
        assert!(batch(&["content"]).full);
        let gone = batch(&["content/guides/sedX4aB1c", "content/old-folder"]);
        assert!(!gone.full && gone.gone.len() == 2, "{gone:?}");
    }
}
