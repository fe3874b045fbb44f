//! The site as `serve` keeps it: the loaded model and renderer, and every output file in
//! memory. A rebuild does as little as the batch of edits asks — an asset is read again and
//! only the pages that show it are rendered, a template renders every page but reads no
//! content, the configuration loads everything — and makes a new set of files that replaces
//! the old one at once. After a failed rebuild the next one loads everything again, so no
//! half-applied edit outlives its fix. The coverage report is measured again when it is
//! asked for after a successful rebuild ([`Live::refresh_coverage`]).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use rayon::prelude::*;

use super::watch::Batch;
use crate::build::{self, Loaded, Made};
use crate::content::{self, AssetId};
use crate::coverage::{self, Coverage, Date};
use crate::diagnostics::{Diagnostic, Problems};
use crate::outputs::{Content, Outputs};
use crate::render::{self, Renderer};
use crate::routes::{self, Affected};
use crate::site::{Edit, Placement, Site, SiteOptions};
use crate::theme::FileContent;

/// Every output file by its path (relative, `/`-separated), as it is served. Files are packed
/// with LZ4 against the page for missing addresses, whose frame — head, navigation, footer —
/// every page repeats: pages pack several times over, and the server holds them all. A new set
/// shares every file it did not make again, and what it packs against, with the set before.
#[derive(Debug, Clone, Default)]
pub struct Files {
    packed: imbl::HashMap<String, Bytes>,
    /// The first build's `404.html`, as served.
    frame: Arc<[u8]>,
}

/// The most of the frame LZ4 can refer to.
const FRAME_WINDOW: usize = 64 * 1024;

impl Files {
    /// No files, packed against `frame`.
    fn against(frame: &[u8]) -> Self {
        let start = frame.len().saturating_sub(FRAME_WINDOW);
        Files {
            packed: imbl::HashMap::new(),
            frame: frame.get(start..).unwrap_or_default().into(),
        }
    }

    /// The bytes of the file at `path` as it is served.
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        let packed = self.packed.get(path)?;
        lz4_flex::block::decompress_size_prepended_with_dict(packed, &self.frame).ok()
    }

    /// Whether there is a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.packed.contains_key(path)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.packed.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    /// Every path, in no order.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.packed.keys()
    }

    fn pack(&self, bytes: &[u8]) -> Bytes {
        Bytes::from(lz4_flex::block::compress_prepend_size_with_dict(
            bytes,
            &self.frame,
        ))
    }
}

/// The address of the reload script that every served page loads.
pub const SCRIPT_URL: &str = "/__stepwise/live-reload.js";

/// What a rebuild came to.
#[derive(Debug)]
pub enum Outcome {
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
    /// The output paths whose bytes changed, were added or are gone.
    pub changed: Vec<String>,
    /// How many files were made again.
    pub made: usize,
    /// Problems that did not stop the rebuild.
    pub warnings: Vec<Diagnostic>,
}

/// The loaded site and its files.
pub struct Live {
    root: PathBuf,
    options: SiteOptions,
    loaded: Loaded,
    /// The date the coverage report is measured for.
    today: Date,
    /// The coverage report, measured again when it is asked for after a successful rebuild.
    coverage: Coverage,
    files: Arc<Files>,
    /// The last rebuild failed, so the model may hold part of an edit: load everything next.
    broken: bool,
}

/// Which files a rebuild makes again; the others keep their bytes. Any path that is new is
/// made too.
#[derive(Debug, Default)]
struct Fresh {
    all_pages: bool,
    pages: HashSet<String>,
    files: bool,
    /// The sitemap and `robots.txt`, which change only when a page's address does.
    generated: bool,
    /// The files of the coverage report (measured again before).
    coverage: bool,
}

impl Fresh {
    fn everything() -> Self {
        Fresh {
            all_pages: true,
            pages: HashSet::new(),
            files: true,
            generated: true,
            coverage: true,
        }
    }

    fn wants(&self, path: &str, content: &Content) -> bool {
        match content {
            Content::Page(_) | Content::Download(_) => self.all_pages || self.pages.contains(path),
            Content::Generated(_) => self.generated,
            Content::File(_) => self.files,
            Content::Coverage(_) => self.coverage,
        }
    }

    /// The outputs to make: those wanted, and any that `old` does not have. Only named pages
    /// are looked up one by one; anything more looks at every output.
    fn outputs<'a>(&self, outputs: &'a Outputs, old: &Files) -> Vec<(&'a String, &'a Content)> {
        if self.all_pages || self.files || self.generated || self.coverage {
            let wanted = |(path, content): &(&String, &Content)| {
                self.wants(path, content) || !old.contains(path)
            };
            return outputs.iter().filter(wanted).collect();
        }
        // The set of paths is as before (it changes only with `generated`).
        self.pages
            .iter()
            .filter_map(|path| outputs.get(path))
            .collect()
    }
}

impl Live {
    /// Loads the site at `root` and makes every file; the warnings, or every problem.
    pub fn load(
        root: PathBuf,
        options: SiteOptions,
        today: Date,
    ) -> Result<(Live, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut problems = Problems::default();
        let loaded = match build::load_dated(&root, &options, today, &mut problems) {
            Some(loaded) if !problems.has_errors() => loaded,
            _ => return Err(problems.into_vec()),
        };
        let coverage = coverage::measure(&loaded.site, today);
        let frame = frame(&root, &loaded, &coverage);
        let made = make_files(
            &root,
            &loaded,
            &coverage,
            &Files::against(&frame),
            &Fresh::everything(),
        );
        let (files, _, _) = made?;
        let live = Live {
            root,
            options,
            loaded,
            today,
            coverage,
            files: Arc::new(files),
            broken: false,
        };
        Ok((live, problems.into_vec()))
    }

    /// The files served now.
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// Rebuilds what `batch` touched; on failure the last good files stay.
    pub fn rebuild(&mut self, batch: &Batch) -> Outcome {
        let mut problems = Problems::default();
        let whole = self.broken || batch.full || self.leads_nowhere(batch);
        let fresh = if whole || batch.gone.iter().any(|p| self.knows(p)) {
            self.reload(&mut problems)
        } else {
            self.update(batch, &mut problems)
        };
        let made = match fresh {
            Some(fresh) if !problems.has_errors() => self.make(&fresh),
            _ => Err(Vec::new()),
        };
        self.broken = made.is_err();
        self.swap(made, problems)
    }

    /// Measures the coverage report again and makes its files, after a successful rebuild
    /// (which kept the report's files as they were).
    pub fn refresh_coverage(&mut self) -> Outcome {
        self.coverage = coverage::measure(&self.loaded.site, self.today);
        let made = self.make(&Fresh {
            coverage: true,
            ..Fresh::default()
        });
        self.swap(made, Problems::default())
    }

    /// The new set of files, `fresh` ones made again.
    fn make(&self, fresh: &Fresh) -> Result<(Files, Vec<String>, usize), Vec<Diagnostic>> {
        make_files(&self.root, &self.loaded, &self.coverage, &self.files, fresh)
    }

    /// Serves the files made, or tells why they could not be.
    fn swap(
        &mut self,
        made: Result<(Files, Vec<String>, usize), Vec<Diagnostic>>,
        mut problems: Problems,
    ) -> Outcome {
        match made {
            Ok((files, changed, made)) => {
                self.files = Arc::new(files);
                Outcome::Rebuilt(Update {
                    files: self.files(),
                    changed,
                    made,
                    warnings: problems.into_vec(),
                })
            }
            Err(found) => {
                problems.extend(found);
                Outcome::Failed(problems.into_vec())
            }
        }
    }

    /// Whether an asset of `batch` is a symbolic link that leads nowhere or to itself: loading
    /// everything reports it, as a build does, where reading the one asset would take it for
    /// removed.
    fn leads_nowhere(&self, batch: &Batch) -> bool {
        let content = self.root.join(content::CONTENT_DIR);
        batch.assets.iter().any(|id| {
            let path = content.join(id.as_str());
            path.is_symlink() && !path.exists()
        })
    }

    /// Whether the site has an asset in the folder `relative` (to the root), or publishes
    /// the file at `relative` as an attachment, or it is a watched folder.
    fn knows(&self, relative: &Path) -> bool {
        let path = self.root.join(relative);
        // Ids are `/`-separated paths under `content/`: comparing text costs no allocation
        // for each of the site's assets.
        let folder = relative
            .strip_prefix("content")
            .ok()
            .and_then(Path::to_str)
            .map(|folder| format!("{}/", folder.replace('\\', "/")));
        let in_folder = |asset: &AssetId| {
            folder
                .as_deref()
                .is_some_and(|f| asset.as_str().starts_with(f))
        };
        relative.parent() == Some(Path::new(""))
            || self.loaded.site.assets().any(|asset| in_folder(&asset.asset.id))
            || self.loaded.outputs.iter().any(|(_, content)| {
                matches!(content, Content::File(file) if matches!(&file.content, FileContent::Disk(from) if *from == path))
            })
    }

    /// Loads everything again.
    fn reload(&mut self, problems: &mut Problems) -> Option<Fresh> {
        self.loaded = build::load_dated(&self.root, &self.options, self.today, problems)?;
        Some(Fresh::everything())
    }

    /// Applies the batch's asset edits and theme changes to the loaded site.
    fn update(&mut self, batch: &Batch, problems: &mut Problems) -> Option<Fresh> {
        let mut fresh = Fresh::default();
        for id in &batch.assets {
            let (affected, moved) = self.apply(id, problems)?;
            fresh.generated |= moved;
            fresh.pages.extend(self.download_path(id));
            match affected {
                Affected::All => fresh.all_pages = true,
                Affected::Some(pages) => fresh
                    .pages
                    .extend(pages.iter().map(|page| page.output_path(&self.loaded.site))),
            }
        }
        if batch.templates || batch.statics {
            self.loaded.renderer = self.new_renderer(problems)?;
            fresh.all_pages |= batch.templates;
            fresh.files = true;
            fresh.generated = true;
        }
        // Only a page or file that came, went or moved changes the set of paths.
        if fresh.generated {
            let theme = self.loaded.renderer.theme();
            self.loaded.outputs = Outputs::plan(&self.root, &self.loaded.site, theme, problems);
        }
        Some(fresh)
    }

    /// Reads the asset `id` again and applies it; the pages it touches, and whether its page
    /// or attachments came, went or moved.
    fn apply(&mut self, id: &AssetId, problems: &mut Problems) -> Option<(Affected, bool)> {
        let errors = problems.error_count();
        let edit = match content::load_one(&self.root, id, problems) {
            Some(asset) => Edit::Put(Box::new(asset)),
            None if problems.error_count() > errors => return None,
            None => Edit::Remove(id.clone()),
        };
        let site = &mut self.loaded.site;
        let attachments = |site: &Site| site.asset(id).map(|a| a.asset.attachments.clone());
        let attached = attachments(site);
        let change = site.apply(edit, problems)?;
        self.loaded.renderer.update(site, &change);
        let folder = |placement: &Option<Placement>| placement.as_ref().map(|p| p.folder.clone());
        let moved =
            folder(&change.before) != folder(&change.after) || attachments(site) != attached;
        Some((routes::affected(site, &change), moved))
    }

    /// Where the download of the asset `id` is published, if it has one.
    fn download_path(&self, id: &AssetId) -> Option<String> {
        let asset = self.loaded.site.asset(id)?;
        let name = asset.data.download_name(&asset.asset.slug.value)?;
        Some(format!("{}/{name}", asset.placement.folder))
    }

    /// The theme read again and compiled for the site as it is; no content is read.
    fn new_renderer(&self, problems: &mut Problems) -> Option<Renderer> {
        let (_, config_source) = build::load_config(&self.root, problems)?;
        let site = &self.loaded.site;
        let finish = self.options.finish;
        let theme = build::load_theme(&self.root, &site.config, &config_source, finish, problems)?;
        Renderer::new(theme, site, problems)
    }
}

/// The new set of files: `fresh` ones made again, the others shared with `old`. Returns it
/// with the paths that changed (or are gone) and how many files were made.
fn make_files(
    root: &Path,
    loaded: &Loaded,
    coverage: &Coverage,
    old: &Files,
    fresh: &Fresh,
) -> Result<(Files, Vec<String>, usize), Vec<Diagnostic>> {
    let wanted = fresh.outputs(&loaded.outputs, old);
    let made: Vec<Result<(&String, Bytes), Diagnostic>> = wanted
        .par_iter()
        .map_init(Vec::new, |buffer, (path, content)| {
            served_bytes(root, loaded, coverage, path, content, buffer)?;
            Ok((*path, old.pack(buffer)))
        })
        .collect();
    let (made, problems): (Vec<_>, Vec<_>) = made.into_iter().partition(Result::is_ok);
    if !problems.is_empty() {
        return Err(render::distinct(
            problems.into_iter().filter_map(Result::err).collect(),
        ));
    }
    let mut files = old.clone();
    let mut changed = Vec::new();
    let count = made.len();
    for (path, bytes) in made.into_iter().filter_map(Result::ok) {
        if files.packed.insert(path.clone(), bytes.clone()).as_ref() != Some(&bytes) {
            changed.push(path.clone());
        }
    }
    if fresh.generated {
        let gone: Vec<String> = (old.paths())
            .filter(|path| !loaded.outputs.contains(path))
            .cloned()
            .collect();
        for path in gone {
            files.packed.remove(&path);
            changed.push(path);
        }
    }
    changed.sort_unstable();
    Ok((files, changed, count))
}

/// The page for missing addresses as served, which the other files are packed against; empty
/// if it cannot be made (the build then reports why).
fn frame(root: &Path, loaded: &Loaded, coverage: &Coverage) -> Vec<u8> {
    let mut frame = Vec::new();
    let path = routes::Page::NotFound.output_path(&loaded.site);
    let made = (loaded.outputs.get(&path))
        .map(|(path, content)| served_bytes(root, loaded, coverage, path, content, &mut frame));
    match made {
        Some(Ok(())) => frame,
        _ => Vec::new(),
    }
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
    if let Made::Copy(from) = build::make(loaded, coverage, content, buffer)? {
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

    #[test]
    fn files_come_back_as_they_were_packed_against_the_frame() {
        let frame =
            b"<html><head><title>Missing</title></head><body><nav>steps</nav></body></html>";
        let mut files = Files::against(frame);
        let page = b"<html><head><title>Guide</title></head><body><nav>steps</nav></body></html>";
        files.packed.insert("guide.html".into(), files.pack(page));
        files.packed.insert("empty.txt".into(), files.pack(b""));
        assert_eq!(files.get("guide.html").as_deref(), Some(&page[..]));
        assert_eq!(files.get("empty.txt").as_deref(), Some(&b""[..]));
        assert_eq!(files.get("other.html"), None);
        let unframed = Files::against(b"");
        assert!(files.packed["guide.html"].len() < unframed.pack(page).len());
    }
}
