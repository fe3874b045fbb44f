//! The site as `serve` keeps it: the loaded model and renderer, and every output file in
//! memory. A rebuild does as little as the batch of edits asks — an asset is read again and
//! only the pages that show it are rendered, a template renders every page but reads no
//! content, the configuration loads everything — and makes a new set of files that replaces
//! the old one at once. After a failed rebuild the next one loads everything again, so no
//! half-applied edit outlives its fix. The files made from every asset — the coverage report,
//! the feed, the resource finder's index — are made again when they are asked for after a
//! successful rebuild ([`Live::refresh_site_wide`]), not on the way from a save to the reload.
//! A rebuild that changes many pages (a template edit, a title shown by many listings) makes
//! only those open in a browser before the reload; the others are made when first asked for,
//! and packed on a thread of their own after the reload ([`Live::make_deferred`]).

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use super::deferred::Making;
use super::model::{self, Model};
use super::plan::Fresh;
use super::served::{Defer, Made, frame, make_files};
use super::store::Files;
use super::watch::Batch;
use crate::coverage::Date;
use crate::diagnostics::{Diagnostic, Problems};
use crate::render;
use crate::site::SiteOptions;

/// What a rebuild came to.
#[derive(Debug)]
pub enum RebuildOutcome {
    /// The new files are served.
    Rebuilt(Update),
    /// The rebuild failed for these problems; the last good files are still served.
    Failed(Vec<Diagnostic>),
}

/// The files of a successful rebuild.
#[derive(Debug)]
pub struct Update {
    /// The whole new set of files.
    pub files: Arc<Files>,
    /// The output paths whose bytes changed, were added or are gone, or are made after the
    /// reload; after an asset edit, the feed and the finder's index too, whose bytes are made
    /// when they are asked for.
    pub changed: Vec<String>,
    /// How many files were made again before the reload.
    pub made: usize,
    /// How many pages are made after the reload (or when first asked for).
    pub deferred: usize,
    /// Problems that did not stop the rebuild.
    pub warnings: Vec<Diagnostic>,
}

/// The loaded site and its files.
pub struct Live {
    /// The site, shared with the pages made when they are first asked for.
    model: Arc<RwLock<Model>>,
    files: Arc<Files>,
    /// The last rebuild failed, so the model may hold part of an edit: load everything next.
    broken: bool,
    /// The pages rebuilds left to be made after their reload, and not made yet.
    pending: BTreeSet<String>,
    /// While pages are pending, the files served before the first rebuild that left them:
    /// served again if one of them cannot be made.
    last_good: Option<Arc<Files>>,
    /// The thread making the pending pages.
    making: Option<Making>,
}

impl Live {
    /// Loads the site at `root` and makes every file, adding the warnings or every problem to
    /// `problems`; `None` when there is an error.
    pub fn load(
        root: PathBuf,
        options: SiteOptions,
        today: Date,
        problems: &mut Problems,
    ) -> Option<Live> {
        let model = Model::load(root, options, today, problems)?;
        let old = Files::against(&frame(&model));
        let made = make_files(&model, &old, &Fresh::everything(), None, problems)?;
        Some(Live {
            model: Arc::new(RwLock::new(model)),
            files: Arc::new(made.files),
            broken: false,
            pending: BTreeSet::new(),
            last_good: None,
            making: None,
        })
    }

    /// The files served now.
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// Rebuilds what `batch` touched; on failure the last good files stay. When it changes
    /// many pages, only those in `open` (output paths) are made before the reload; the others
    /// are made when first asked for, or by [`Live::make_deferred`].
    pub fn rebuild(&mut self, batch: &Batch, open: &HashSet<String>) -> RebuildOutcome {
        // A page that could not be made marks the site broken: everything is loaded again.
        let _ = self.stop_making();
        let mut problems = Problems::default();
        let mut model = model::write(&self.model);
        let changes = model.changes;
        let whole = self.broken || batch.full || model.leads_nowhere(batch);
        let fresh = model.apply_batch(batch, whole, &mut problems);
        let defer = Defer {
            model: &self.model,
            open,
        };
        let made = match fresh {
            Some(fresh) if !problems.has_errors() => {
                make_files(&model, &self.files, &fresh, Some(&defer), &mut problems)
            }
            _ => None,
        };
        self.broken = made.is_none();
        if self.broken && model.changes != changes {
            // The pages not made yet would be made from a model holding part of this edit.
            self.pending.clear();
            self.files = self.last_good.take().unwrap_or_else(|| self.files());
        }
        let edited = !whole && !batch.assets.is_empty();
        let made = made.map(|mut made| {
            if edited {
                made.changed.extend(model.listing_every_asset());
                made.changed.sort_unstable();
            }
            made
        });
        drop(model);
        if let Some(made) = made.as_ref().filter(|made| !made.deferred.is_empty()) {
            if self.pending.is_empty() {
                self.last_good = Some(self.files());
            }
            self.pending.extend(made.deferred.iter().cloned());
        }
        self.swap(made, problems)
    }

    /// Starts making the pages rebuilds left for after their reload on a thread of its own,
    /// unless it runs or none are left; `done` is called when it ends.
    pub fn make_deferred(&mut self, done: impl FnOnce() + Send + 'static) {
        if self.making.is_some() || self.pending.is_empty() {
            return;
        }
        let pages = std::mem::take(&mut self.pending).into_iter().collect();
        self.making = Some(Making::start(&self.model, &self.files, pages, done));
    }

    /// Once the thread started by [`Live::make_deferred`] has ended: the files with its pages
    /// packed, or, if one could not be made, the files from before the rebuilds that left
    /// them, and why. `None` while it runs, or when none was started.
    pub fn deferred_made(&mut self) -> Option<RebuildOutcome> {
        if !self.making.as_ref().is_some_and(Making::is_finished) {
            return None;
        }
        Some(match self.stop_making() {
            Some(problems) => RebuildOutcome::Failed(problems),
            None => RebuildOutcome::Rebuilt(Update {
                files: self.files(),
                changed: Vec::new(),
                made: 0,
                deferred: self.pending.len(),
                warnings: Vec::new(),
            }),
        })
    }

    /// Stops making the pending pages and keeps those made; the others stay pending. If one
    /// could not be made, the last good files are back and the site is broken: why.
    fn stop_making(&mut self) -> Option<Vec<Diagnostic>> {
        let made = self.making.take()?.stop();
        self.pending.extend(made.left);
        if !made.problems.is_empty() {
            self.pending.clear();
            self.files = self.last_good.take().unwrap_or_else(|| self.files());
            self.broken = true;
            return Some(render::distinct(made.problems));
        }
        let mut files = (*self.files).clone();
        for (path, bytes) in made.pages {
            files.insert(path, bytes);
        }
        self.files = Arc::new(files);
        if self.pending.is_empty() {
            self.last_good = None;
        }
        None
    }

    /// Measures the coverage report again and makes the files made from every asset — the
    /// report's, the feed, the finder's index — after a successful rebuild, which kept them as
    /// they were.
    pub fn refresh_site_wide(&mut self) -> RebuildOutcome {
        if let Some(problems) = self.stop_making() {
            return RebuildOutcome::Failed(problems);
        }
        let mut problems = Problems::default();
        let mut model = model::write(&self.model);
        let moved = model.measure_site_wide(&mut problems);
        let fresh = Fresh {
            site_wide: true,
            generated: moved,
            ..Fresh::default()
        };
        let made = if problems.has_errors() {
            None
        } else {
            make_files(&model, &self.files, &fresh, None, &mut problems)
        };
        drop(model);
        self.swap(made, problems)
    }

    /// Serves the files made, or tells why they could not be: `problems` holds the warnings,
    /// or what stopped the rebuild.
    fn swap(&mut self, made: Option<Made>, problems: Problems) -> RebuildOutcome {
        match made {
            Some(made) => {
                self.files = Arc::new(made.files);
                RebuildOutcome::Rebuilt(Update {
                    files: self.files(),
                    changed: made.changed,
                    made: made.count,
                    deferred: made.deferred.len(),
                    warnings: problems.into_vec(),
                })
            }
            None => RebuildOutcome::Failed(problems.into_vec()),
        }
    }
}
