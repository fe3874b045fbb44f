//! The pages a rebuild left for after its reload, made and packed on a thread of their own
//! while the site is served. The next rebuild stops that thread first, keeps what it made, and
//! leaves the rest to the thread that follows it: a page not made yet is made, when it is asked
//! for, from the site as it is then, which is the site that page shows.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;

use axum::body::Bytes;
use rayon::prelude::*;

use super::model::{self, Model};
use super::served::model_bytes;
use super::store::Files;
use crate::diagnostics::Diagnostic;
use crate::parallel;

/// What the thread made of its pages.
pub(super) struct Made {
    /// The pages made, packed, by path.
    pub(super) pages: Vec<(String, Bytes)>,
    /// The pages it was stopped before making.
    pub(super) left: Vec<String>,
    /// Why pages could not be made.
    pub(super) problems: Vec<Diagnostic>,
}

/// The thread that makes the pages, and how to stop it.
pub(super) struct Making {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Made>,
}

impl Making {
    /// Starts making `pages` from `model`, packed as `files` packs; `done` is called when
    /// the thread ends.
    pub(super) fn start(
        model: &Arc<RwLock<Model>>,
        files: &Arc<Files>,
        pages: Vec<String>,
        done: impl FnOnce() + Send + 'static,
    ) -> Making {
        let stop = Arc::new(AtomicBool::new(false));
        let (model, files, stopped) = (Arc::clone(model), Arc::clone(files), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            let made = make(&model, &files, pages, &stopped);
            done();
            made
        });
        Making { stop, thread }
    }

    /// Whether the thread has ended.
    pub(super) fn is_finished(&self) -> bool {
        self.thread.is_finished()
    }

    /// Stops the thread (a page being made is finished) and takes what it made.
    pub(super) fn stop(self) -> Made {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or_else(|_| Made {
            pages: Vec::new(),
            left: Vec::new(),
            problems: vec![Diagnostic::plain(
                "the pages left for after the reload could not be made",
            )],
        })
    }
}

/// What came of one page.
enum Page {
    /// Made and packed.
    Made(String, Bytes),
    /// A later rebuild took it away.
    Gone,
    /// It could not be made.
    Failed(Diagnostic),
    /// The thread was stopped before it.
    Left(String),
}

/// Makes `pages` in parallel until `stop` is set.
fn make(model: &RwLock<Model>, files: &Files, pages: Vec<String>, stop: &AtomicBool) -> Made {
    let model = model::read(model);
    let pages: Vec<Page> = (pages.into_par_iter())
        .with_max_len(parallel::RUN)
        .map_init(Vec::new, |buffer, path| {
            if stop.load(Ordering::Relaxed) {
                Page::Left(path)
            } else if !model.loaded.outputs.contains(&path) {
                Page::Gone
            } else {
                match model_bytes(&model, &path, buffer) {
                    Ok(()) => Page::Made(path, files.pack(buffer)),
                    Err(problem) => Page::Failed(problem),
                }
            }
        })
        .collect();
    let mut made = Made {
        pages: Vec::new(),
        left: Vec::new(),
        problems: Vec::new(),
    };
    for page in pages {
        match page {
            Page::Made(path, bytes) => made.pages.push((path, bytes)),
            Page::Gone => {}
            Page::Failed(problem) => made.problems.push(problem),
            Page::Left(path) => made.left.push(path),
        }
    }
    made
}
