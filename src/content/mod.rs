//! Loading assets: every Markdown file under `content/`, its front matter (TOML between `+++`
//! lines or YAML between `---` lines) and its body, read and parsed in parallel. An asset is
//! known by its source path relative to `content/`, so one file can be loaded again on its own.
//!
//! An asset named `index.md` makes its folder a bundle: every other file in that folder is
//! published next to the asset's page, so its Markdown can link to `chart.png` or `model.xlsx`.

pub mod common_fields;
pub mod fields;
pub mod front_matter;
pub mod node;
pub mod walk;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Place, Problems, Source};
use crate::markdown;
use crate::parallel;
use crate::slug::slugify;
use crate::text_file;

pub use fields::Fields;
pub use node::{FrontMatterNode, Located};

/// The folder of a site that holds its assets.
pub const CONTENT_DIR: &str = "content";

/// What identifies an asset: its source path relative to `content/`, with `/` separators, such
/// as `guides/measuring-your-baseline.md`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AssetId(Arc<str>);

impl AssetId {
    /// The id of the file at `path` under `content_dir`.
    pub fn of(content_dir: &Path, path: &Path) -> AssetId {
        if let Some(plain) = plain_tail(path, content_dir) {
            return AssetId(plain.into());
        }
        let relative = path.strip_prefix(content_dir).unwrap_or(path);
        let mut text = String::with_capacity(relative.as_os_str().len());
        for part in relative.components() {
            if !text.is_empty() {
                text.push('/');
            }
            text.push_str(&part.as_os_str().to_string_lossy());
        }
        AssetId(text.into())
    }

    /// The path relative to `content/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for AssetId {
    /// The id of a path relative to `content/`, written with `/`.
    fn from(path: &str) -> Self {
        AssetId(path.into())
    }
}

impl fmt::Display for AssetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One asset as written: its front matter fields and its rendered body.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The source path relative to `content/`.
    pub id: AssetId,
    /// The file's front matter, for diagnostics (the body is not kept).
    pub source: Source,
    /// The title.
    pub title: Located<String>,
    /// The slug of its kind.
    pub kind: Located<String>,
    /// The slugs of the steps it serves.
    pub steps: Vec<Located<String>>,
    /// The slugs of the stakeholders it speaks to.
    pub stakeholders: Vec<Located<String>>,
    /// One or two sentences of plain text; the first paragraph unless given.
    pub summary: String,
    /// Whether the summary was given, rather than taken from the body, whose page then shows
    /// it above the body once.
    pub summary_given: bool,
    /// When it was last reviewed, as `YYYY-MM-DD`.
    pub reviewed: Option<Located<String>>,
    /// A draft is only published with `--drafts`.
    pub draft: bool,
    /// Lower weights sort first.
    pub weight: i64,
    /// The last part of its URL.
    pub slug: Located<String>,
    /// The image it is shared with, if given: a path in `static/`.
    pub image: Option<Located<String>>,
    /// The table named after its kind, as written; its kind's schema reads it.
    pub data: Option<FrontMatterNode>,
    /// The free-form `extra` table for theme authors.
    pub extra: Option<FrontMatterNode>,
    /// The other tables of its front matter, when none is named after its kind: unknown keys
    /// once its kind is known.
    pub other_tables: Vec<Located<String>>,
    /// The body as HTML.
    pub content: String,
    /// The `id` of every heading of the body, which links may name after `#` (shared with the
    /// link targets of the site).
    pub anchors: Arc<[String]>,
    /// The plain text of every heading of the body, which the resource finder indexes.
    pub headings: Vec<String>,
    /// The body's links that point inside the site, in order.
    pub links: Vec<BodyLink>,
    /// Files published with it (for bundles).
    pub attachments: Vec<PathBuf>,
}

/// A Markdown file under `content/` that did not load, still known by its path and slug, so
/// that what names it is not reported as well.
#[derive(Debug, Clone, PartialEq)]
pub struct Unloaded {
    /// The source path relative to `content/`.
    pub id: AssetId,
    /// Its slug as written, or as made from its file name.
    pub slug: String,
}

/// The Markdown files under `content/`: the assets that loaded, and the files that did not.
#[derive(Debug, Default)]
pub struct Assets {
    /// The assets, in the order of their paths.
    pub loaded: Vec<Asset>,
    /// The files that did not load.
    pub unloaded: Vec<Unloaded>,
}

/// A link of an asset's body that points inside the site.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyLink {
    /// The address as written, such as `@/guides/baseline.md#costs`.
    pub target: String,
    /// The byte range of the address in [`Asset::content`]; once resolved, of the URL that
    /// replaced it.
    pub html: std::ops::Range<usize>,
    /// Where the address is written in the asset's file.
    pub place: Place,
}

/// Loads every asset under `root/content`; the problems of files that do not load are added to
/// `problems`. A site without a `content/` folder has no assets.
pub fn load(root: &Path, problems: &mut Problems) -> Assets {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.exists() {
        return Assets::default();
    }
    let files = walk::list(&content_dir, problems);
    let walk::Attachments {
        mut by_bundle,
        stray,
    } = files.attachments();
    let (results, found): (Vec<Result<Asset, Unloaded>>, Vec<Problems>) = files
        .markdown
        .iter()
        .map(|path| {
            let files = path
                .parent()
                .filter(|_| walk::is_bundle(path))
                .and_then(|folder| by_bundle.remove(folder))
                .unwrap_or_default();
            (path, files)
        })
        .collect::<Vec<_>>()
        .into_par_iter()
        .with_max_len(parallel::RUN)
        .map(|(path, files)| {
            let mut found = Problems::default();
            let loaded = load_file(root, &content_dir, path, files, &mut found);
            (loaded, found)
        })
        .unzip();
    problems.extend(found.into_iter().flat_map(Problems::into_vec));
    let mut assets = Assets {
        loaded: Vec::with_capacity(results.len()),
        unloaded: Vec::new(),
    };
    for result in results {
        match result {
            Ok(asset) => assets.loaded.push(asset),
            Err(unloaded) => assets.unloaded.push(unloaded),
        }
    }
    problems.extend(stray.into_iter().map(|path| {
        let source = Source::unreadable(display_path(root, path));
        Diagnostic::warning(
            &source,
            0..0,
            "this file belongs to no asset and is not published",
        )
        .with_help(
            "to publish a file with an asset, put both in one folder and name the asset `index.md`",
        )
    }));
    assets
}

/// Loads the one asset `id` again, as after an edit: `None` when its file no longer exists or
/// could not be loaded (then `problems` says why).
pub fn load_one(root: &Path, id: &AssetId, problems: &mut Problems) -> Option<Asset> {
    let content_dir = root.join(CONTENT_DIR);
    let path = content_dir.join(id.as_str());
    if !path.is_file() {
        return None;
    }
    let attachments = walk::bundle_attachments(&path);
    load_file(root, &content_dir, &path, attachments, problems).ok()
}

/// A path as the user should read it: relative to the site root.
pub fn display_path(root: &Path, path: &Path) -> String {
    if let Some(plain) = plain_tail(path, root) {
        return plain.to_string();
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    // Valid UTF-8, as nearly every path is, is copied as it is, without the formatter.
    match relative.to_str() {
        Some(text) => text.to_string(),
        None => relative.display().to_string(),
    }
}

/// The part of `path` after `dir` when it is UTF-8 names joined by single `/`s, as the files
/// found under a folder are: then it is what `strip_prefix` and `components` give, found
/// without parsing either path into its parts.
fn plain_tail<'p>(path: &'p Path, dir: &Path) -> Option<&'p str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let rest = (bytes.strip_prefix(dir.as_os_str().as_encoded_bytes())?).strip_prefix(b"/")?;
    let rest = std::str::from_utf8(rest).ok()?;
    let plain = std::path::MAIN_SEPARATOR == '/'
        && rest.split('/').all(|name| !name.is_empty() && name != ".");
    plain.then_some(rest)
}

/// Loads one asset file, or says which file did not load; the problems found are added to
/// `problems`.
fn load_file(
    root: &Path,
    content_dir: &Path,
    path: &Path,
    attachments: Vec<PathBuf>,
    problems: &mut Problems,
) -> Result<Asset, Unloaded> {
    let id = AssetId::of(content_dir, path);
    let unloaded = |slug: Option<String>| Unloaded {
        id: id.clone(),
        slug: slug.unwrap_or_else(|| slugify(&file_stem(path))),
    };
    let source = match text_file::read(display_path(root, path), path) {
        Ok(source) => source,
        Err(problem) => {
            problems.push(problem);
            return Err(unloaded(None));
        }
    };
    let parsed = front_matter::split(&source).and_then(|document| {
        let node = front_matter::parse(&source, &document)?;
        Ok((node, document))
    });
    let (node, document) = match parsed {
        Ok(parsed) => parsed,
        Err(problem) => {
            problems.push(problem);
            return Err(unloaded(None));
        }
    };
    // Later diagnostics only point into the front matter: keep that, not the whole body.
    let header = Source::new(source.name.clone(), &source.text[..document.body.start]);
    let fields = Fields::new(&header, "asset", node)
        .within("the front matter")
        .missing_at(opening_line(&document));
    let common = common_fields::read(fields, problems);
    let slug = common.slug.unwrap_or_else(|| Located {
        value: slugify(&file_stem(path)),
        span: opening_line(&document),
    });
    if slug.value.is_empty() {
        problems.push(
            Diagnostic::error(&header, slug.span.clone(), "cannot make an address from this file's name")
                .with_help("give the asset a `slug`, such as `slug = \"measuring-your-baseline\"`, or rename the file"),
        );
    }
    let body = markdown::render(&source.text[document.body.clone()]);
    let links = (body.links.into_iter())
        .map(|link| BodyLink {
            place: Place::of(&source.text, document.body.start + link.offset),
            target: link.target,
            html: link.html,
        })
        .collect();
    // Without a title (reported) the asset is still checked against the site, untitled.
    let title = common.title.unwrap_or_else(|| Located {
        value: String::new(),
        span: opening_line(&document),
    });
    match common.kind {
        Some(kind) => Ok(Asset {
            slug,
            id: id.clone(),
            source: header,
            title,
            kind,
            steps: common.steps,
            stakeholders: common.stakeholders,
            summary_given: common.summary.is_some(),
            summary: common.summary.unwrap_or(body.first_paragraph),
            reviewed: common.reviewed,
            draft: common.draft,
            weight: common.weight,
            image: common.image,
            data: common.data,
            extra: common.extra,
            other_tables: common.other_tables,
            content: body.html,
            anchors: body.anchors.into(),
            headings: body.headings,
            links,
            attachments,
        }),
        None => Err(unloaded(Some(slug.value))),
    }
}

/// The opening delimiter line, for problems of the front matter as a whole.
fn opening_line(document: &front_matter::Document) -> std::ops::Range<usize> {
    let start = document.front_matter.start;
    0..start.saturating_sub(1).min(3)
}

/// The name a file's slug is made from: its name, or its folder's name for `index.md`.
fn file_stem(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "index"
        && let Some(folder) = path.parent().and_then(Path::file_name)
    {
        return folder.to_string_lossy().into_owned();
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths as the walk gives them and as they may be written: the id and the shown path are
    /// the same whether a path is plain (read from its bytes) or not (read part by part).
    #[test]
    fn ids_and_shown_paths_are_the_path_below_the_folder_in_slashes() {
        let cases = [
            ("site/content", "site/content/guides/a.md", "guides/a.md"),
            ("site/content", "site/content/a.md", "a.md"),
            ("site/content/", "site/content/guides/a.md", "guides/a.md"),
            ("site/content", "site/content/guides/./a.md", "guides/a.md"),
            ("site/content", "site/content/guides//a.md", "guides/a.md"),
            ("site/content", "site/content/x/../a.md", "x/../a.md"),
            ("/", "/guides/a.md", "guides/a.md"),
            ("site/cont", "site/content/a.md", "site/content/a.md"),
        ];
        for (folder, path, expected) in cases {
            let (folder, path) = (Path::new(folder), Path::new(path));
            assert_eq!(AssetId::of(folder, path).as_str(), expected, "{path:?}");
            let shown = display_path(folder, path);
            assert_eq!(Path::new(&shown), Path::new(expected), "{path:?}");
        }
    }
}
