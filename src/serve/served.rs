//! The bytes of the files as served: made as `build` makes them, with the reload script in
//! every HTML page, in parallel, and packed into a new set that shares the rest with the old.
//! A kind's download, such as a calculator's workbook, is made only when it is asked for. A
//! rebuild that changes many pages makes at once only those open in a browser; the others are
//! made when they are first asked for, or when the rebuild makes them after the reload.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use rayon::prelude::*;

use crate::build::{self, Loaded, MadeOutput};
use crate::content::{self, AssetId};
use crate::coverage::Coverage;
use crate::diagnostics::{Diagnostic, Problems};
use crate::outputs::Content;
use crate::parallel;
use crate::render;
use crate::routes;
use crate::site::Site;

use super::model::{self, Model};
use super::plan::Fresh;
use super::store::{Files, Later};

/// The address of the reload script that every served page loads.
pub const SCRIPT_URL: &str = "/__stepwise/live-reload.js";

/// A rebuild that makes more pages than this makes only the open ones before the reload.
const MOST_PAGES_BEFORE_RELOAD: usize = 32;

/// A new set of files.
pub(super) struct Made {
    /// The whole set.
    pub(super) files: Files,
    /// The paths whose bytes changed, are gone, or were left to be made after the reload.
    pub(super) changed: Vec<String>,
    /// How many files were made.
    pub(super) count: usize,
    /// The pages left to be made after the reload.
    pub(super) deferred: Vec<String>,
}

/// Which pages a rebuild may leave to be made after the reload: all but the open ones, when
/// there are many; they are then made from `model` as it is when they are asked for.
pub(super) struct Defer<'a> {
    /// The model the pages are made from.
    pub(super) model: &'a Arc<RwLock<Model>>,
    /// The output paths of the pages open in a browser.
    pub(super) open: &'a HashSet<String>,
}

impl Defer<'_> {
    /// The outputs to make now and the pages to leave for after the reload.
    fn split<'a>(
        &self,
        wanted: Vec<(&'a String, &'a Content)>,
    ) -> (Vec<(&'a String, &'a Content)>, Vec<&'a String>) {
        let is_page = |content: &Content| matches!(content, Content::Page(_));
        if wanted.iter().filter(|(_, c)| is_page(c)).count() <= MOST_PAGES_BEFORE_RELOAD {
            return (wanted, Vec::new());
        }
        let (now, later): (Vec<_>, Vec<_>) = (wanted.into_iter())
            .partition(|(path, content)| !is_page(content) || self.open.contains(*path));
        (now, later.into_iter().map(|(path, _)| path).collect())
    }

    /// The page at `path`, made from the model as it is when it is first asked for.
    fn later(&self, path: &str) -> Later {
        let (model, path) = (Arc::clone(self.model), path.to_string());
        Later::new(move || {
            let model = model::read(&model);
            let mut buffer = Vec::new();
            model_bytes(&model, &path, &mut buffer).ok()?;
            Some(buffer)
        })
    }
}

/// The new set of files: `fresh` ones made again (or, with `defer`, left to be made after the
/// reload), the others shared with `old`; `None` when a file could not be made, each problem
/// added to `problems` once.
pub(super) fn make_files(
    model: &Model,
    old: &Files,
    fresh: &Fresh,
    defer: Option<&Defer>,
    problems: &mut Problems,
) -> Option<Made> {
    let (root, loaded, coverage) = (&model.root, &model.loaded, &model.coverage);
    let (downloads, wanted): (Vec<_>, Vec<_>) = (fresh.outputs(&loaded.outputs, old))
        .into_iter()
        .partition(|(_, content)| matches!(content, Content::Download(_)));
    let (wanted, deferred) = match defer {
        Some(defer) => defer.split(wanted),
        None => (wanted, Vec::new()),
    };
    let made: Vec<Result<(&String, Bytes), Diagnostic>> = wanted
        .par_iter()
        .with_max_len(parallel::RUN)
        .map_init(Vec::new, |buffer, (path, content)| {
            served_bytes(root, loaded, coverage, path, content, buffer)?;
            Ok((*path, old.pack(buffer)))
        })
        .collect();
    let (made, failed): (Vec<_>, Vec<_>) = made.into_iter().partition(Result::is_ok);
    if !failed.is_empty() {
        problems.extend(render::distinct(
            failed.into_iter().filter_map(Result::err).collect(),
        ));
        return None;
    }
    let mut files = old.clone();
    for (path, content) in downloads {
        if let Content::Download(id) = content {
            files.insert_later(path.clone(), download_later(&loaded.site, id));
        }
    }
    let mut changed = Vec::new();
    let count = made.len();
    for (path, bytes) in made.into_iter().filter_map(Result::ok) {
        if files.insert(path.clone(), bytes) {
            changed.push(path.clone());
        }
    }
    if let Some(defer) = defer {
        for path in &deferred {
            files.insert_later(path.to_string(), defer.later(path));
            changed.push(path.to_string());
        }
    }
    if fresh.generated {
        let gone: Vec<String> = (old.paths())
            .filter(|path| !loaded.outputs.contains(path))
            .cloned()
            .collect();
        for path in gone {
            files.remove(&path);
            changed.push(path);
        }
    }
    changed.sort_unstable();
    let deferred = deferred.into_iter().cloned().collect();
    Some(Made {
        files,
        changed,
        count,
        deferred,
    })
}

/// The download of the asset `id` (a workbook, a CSV file), made when it is first asked for from
/// the asset as it is now. No page shows its bytes, so no page is reloaded for it.
fn download_later(site: &Site, id: &AssetId) -> Later {
    let asset = site.asset(id);
    let data = asset.map(|asset| asset.data.clone()).unwrap_or_default();
    let title = asset.map(|asset| asset.asset.title.value.clone());
    Later::new(move || data.download(title.as_deref()?)?.ok())
}

/// The page for missing addresses as served, which the other files are packed against; empty
/// if it cannot be made (the build then reports why).
pub(super) fn frame(model: &Model) -> Vec<u8> {
    let mut frame = Vec::new();
    let path = routes::Page::NotFound.output_path(&model.loaded.site);
    match model_bytes(model, &path, &mut frame) {
        Ok(()) => frame,
        Err(_) => Vec::new(),
    }
}

/// Puts the bytes of the output file at `path` as served into `buffer`, made from `model`;
/// nothing when the site has no such file.
pub(super) fn model_bytes(
    model: &Model,
    path: &str,
    buffer: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    let Some((path, content)) = model.loaded.outputs.get(path) else {
        return Err(Diagnostic::plain(format!("the site has no file `{path}`")));
    };
    served_bytes(
        &model.root,
        &model.loaded,
        &model.coverage,
        path,
        content,
        buffer,
    )
}

/// Puts the bytes of one output file as served into `buffer`: made as `build` makes it, with
/// the reload script in every HTML page.
fn served_bytes(
    root: &Path,
    loaded: &Loaded,
    coverage: &Coverage,
    path: &str,
    content: &Content,
    buffer: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    if let MadeOutput::Copy(from) = build::make(loaded, coverage, content, buffer)? {
        let read = std::fs::File::open(from).and_then(|mut file| file.read_to_end(buffer));
        read.map_err(|error| {
            Diagnostic::plain(format!(
                "cannot read `{}`: {error}",
                content::display_path(root, from)
            ))
            .with_help("check that the file exists and that you may read it")
        })?;
    }
    if path.ends_with(".html") {
        add_reload_script(buffer);
    }
    Ok(())
}

/// Loads the reload script at the end of the page's head (or its end, without one).
fn add_reload_script(html: &mut Vec<u8>) {
    let tag = format!("<script src=\"{SCRIPT_URL}\" defer></script>");
    let at = html
        .windows(7)
        .position(|window| window.eq_ignore_ascii_case(b"</head>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_goes_at_the_end_of_the_head() {
        let mut page = b"<html><head><title>t</title></head><body></body></html>".to_vec();
        add_reload_script(&mut page);
        assert_eq!(
            &page[..],
            b"<html><head><title>t</title><script src=\"/__stepwise/live-reload.js\" defer></script></head><body></body></html>"
        );
        let mut bare = b"<p>no head</p>".to_vec();
        add_reload_script(&mut bare);
        assert!(bare.ends_with(b"defer></script>"));
    }
}
