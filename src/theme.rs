//! Finding the templates and static files of a site: the theme's, under `themes/<name>/`, with
//! any file of the same name in the site's own `templates/` and `static/` taking its place.
//! The default theme is built into the binary, so a site needs no `themes/` folder to start.
//! The script that reports step events is left out unless `[analytics]` names a provider.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::config::{Config, DEFAULT_THEME_NAME, Provider, Script};
use crate::content::walk::is_ignored;
use crate::diagnostics::{Diagnostic, Problems, Source};
use crate::finish::{Finish, content_hash, fingerprinted, is_code};
use crate::text_file;

/// The default theme, as shipped in this repository's `themes/default/`.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The stylesheet every page links to, at the root of the output; the brand's CSS is added to
/// it.
pub const STYLESHEET: &str = "style.css";

/// The script that reports the buyers' step events, published only when `[analytics]` names a
/// provider.
pub const MEASURE_SCRIPT: &str = "measure.js";

/// The bytes of a file to publish as it is: from the disk, or from the built-in theme.
#[derive(Debug, Clone)]
pub enum FileContent {
    /// A file on disk.
    Disk(PathBuf),
    /// A file of the built-in theme.
    Embedded(&'static [u8]),
    /// Bytes made while loading, such as the stylesheet with the brand's colours.
    Made(Arc<[u8]>),
}

impl FileContent {
    /// The file's bytes.
    pub fn bytes(&self) -> std::io::Result<Cow<'_, [u8]>> {
        match self {
            FileContent::Disk(path) => std::fs::read(path).map(Cow::Owned),
            FileContent::Embedded(bytes) => Ok(Cow::Borrowed(bytes)),
            FileContent::Made(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }
}

/// A static file of the theme or the site.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Where it comes from, as the user reads it: `static/style.css`.
    pub name: String,
    /// Its bytes.
    pub content: FileContent,
}

/// The templates and static files a site is rendered with.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (such as `step.html`) to its source.
    pub templates: BTreeMap<String, Source>,
    /// Output path (relative, `/`-separated) to the file to copy there.
    pub static_files: BTreeMap<String, StaticFile>,
    /// The path of each static file as templates name it (`style.css`) to the path it is
    /// published at (`style.3f9a1c04be.css` when fingerprinted); filled by
    /// [`Theme::finish_statics`].
    pub urls: BTreeMap<String, String>,
}

/// Collects the theme named in the configuration and the site's overrides; the theme is `None`
/// when it cannot be found, and every problem (such as a missing template) is added to
/// `problems`.
pub fn load(
    root: &Path,
    config: &Config,
    config_source: &Source,
    problems: &mut Problems,
) -> Option<Theme> {
    let (name, span) = config.theme_name();
    let theme_dir = root.join("themes").join(name);
    let mut theme = Theme::default();
    if theme_dir.is_dir() {
        theme.add_dir(root, &theme_dir, problems);
    } else if name == DEFAULT_THEME_NAME {
        theme.add_embedded();
    } else {
        problems.push(
            Diagnostic::error(config_source, span, format!("there is no theme `{name}`"))
                .with_help(format!("put the theme in `themes/{name}/`, or use the built-in theme with `theme = \"default\"`")),
        );
        return None;
    }
    theme.add_dir(root, root, problems);
    if config.analytics.provider() == Provider::None {
        theme.static_files.remove(MEASURE_SCRIPT);
    }
    problems.extend(missing_analytics_script(&theme, config, config_source));
    problems.extend(missing_templates(&theme, config, config_source));
    problems.extend(crate::brand::problems(root, config, config_source));
    problems.extend(crate::share::problems(
        config,
        config_source,
        &theme.static_files,
    ));
    theme.add_brand(config, problems);
    Some(theme)
}

/// The error for `[analytics]`'s `script` when it names a file the site's `static/` folder does
/// not have.
fn missing_analytics_script(
    theme: &Theme,
    config: &Config,
    config_source: &Source,
) -> Option<Diagnostic> {
    let Some(Script::File(file)) = config.analytics.script() else {
        return None;
    };
    let span = config.analytics.script.as_ref()?.span();
    (!theme.static_files.contains_key(file)).then(|| {
        Diagnostic::error(
            config_source,
            span,
            format!("there is no static file `{file}` for the analytics script"),
        )
        .with_help(format!(
            "put the site's listener in `static/{file}`, or give its `https://` address"
        ))
    })
}

/// The templates every theme must have, besides the templates that kinds name.
const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "step.html",
    "asset.html",
    "kind.html",
    "stakeholder.html",
    "404.html",
];

/// Reports templates that pages need but neither the theme nor the site has.
fn missing_templates(theme: &Theme, config: &Config, config_source: &Source) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = PAGE_TEMPLATES
        .iter()
        .filter(|name| !theme.templates.contains_key(**name))
        .map(|name| {
            Diagnostic::plain(format!(
                "the theme `{}` has no template `{name}`",
                config.theme_name().0
            ))
            .with_help(format!(
                "add `templates/{name}` to the site, or use a complete theme"
            ))
        })
        .collect();
    for kind in &config.kinds {
        if let Some(name) = kind
            .template
            .as_ref()
            .filter(|name| !theme.templates.contains_key(name.get_ref()))
        {
            problems.push(
                Diagnostic::error(
                    config_source,
                    name.span(),
                    format!("there is no template `{}`", name.get_ref()),
                )
                .with_help(format!(
                    "add `templates/{}` to the site, or leave `template` out to use `asset.html`",
                    name.get_ref()
                )),
            );
        }
    }
    problems
}

impl Theme {
    /// Adds `dir/templates/**` and `dir/static/**`, replacing files of the same name.
    fn add_dir(&mut self, root: &Path, dir: &Path, problems: &mut Problems) {
        for (name, path) in files_under(&dir.join("templates")) {
            let display = crate::content::display_path(root, &path);
            match text_file::read(display, &path) {
                Ok(source) => {
                    self.templates.insert(name, source);
                }
                Err(problem) => problems.push(problem),
            }
        }
        for (name, path) in files_under(&dir.join("static")) {
            let file = StaticFile {
                name: crate::content::display_path(root, &path),
                content: FileContent::Disk(path),
            };
            self.static_files.insert(name, file);
        }
    }

    /// Gives the stylesheets and scripts their finished bytes and published names, and records
    /// every static file's published path in [`Theme::urls`]. A file that cannot be read is
    /// added to `problems`.
    pub fn finish_statics(&mut self, finish: Finish, problems: &mut Problems) {
        let files = std::mem::take(&mut self.static_files);
        for (path, file) in files {
            let published = if is_code(&path) && finish.fingerprint {
                let Some(published) = fingerprinted_path(&path, &file, problems) else {
                    continue;
                };
                published
            } else {
                path.clone()
            };
            self.urls.insert(path, published.clone());
            self.static_files.insert(published, file);
        }
    }

    /// Appends the brand's CSS of `[theme]` to the stylesheet, if the theme has one.
    fn add_brand(&mut self, config: &Config, problems: &mut Problems) {
        let css = crate::brand::stylesheet(config.theme.get_ref());
        let Some(file) = self
            .static_files
            .get_mut(STYLESHEET)
            .filter(|_| !css.is_empty())
        else {
            return;
        };
        match file.content.bytes() {
            Ok(bytes) => {
                let branded = [bytes.as_ref(), css.as_bytes()].concat();
                file.content = FileContent::Made(branded.into());
            }
            Err(error) => problems.push(
                Diagnostic::plain(format!("cannot read `{}`: {error}", file.name))
                    .with_help("check that the file is readable"),
            ),
        }
    }

    fn add_embedded(&mut self) {
        for file in embedded_files(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents());
                let display = format!("(built-in theme)/{path}");
                self.templates
                    .insert(name.to_string(), Source::new(display, text.as_ref()));
            } else if let Some(name) = path.strip_prefix("static/") {
                let file = StaticFile {
                    name: format!("(built-in theme)/{path}"),
                    content: FileContent::Embedded(file.contents()),
                };
                self.static_files.insert(name.to_string(), file);
            }
        }
    }
}

/// The published path of one stylesheet or script, named after its content; `None` (with the
/// reason in `problems`) when it cannot be read.
fn fingerprinted_path(path: &str, file: &StaticFile, problems: &mut Problems) -> Option<String> {
    match file.content.bytes() {
        Ok(bytes) => Some(fingerprinted(path, &content_hash(&bytes))),
        Err(error) => {
            problems.push(Diagnostic::error(
                &Source::unreadable(file.name.as_str()),
                0..0,
                format!("cannot read this file: {error}"),
            ));
            None
        }
    }
}

/// Every file of a built-in folder, at any depth.
pub fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

/// Every file under `dir` as (path relative to `dir` with `/` separators, full path), skipping
/// hidden files and editors' scratch files; nothing when `dir` does not exist.
fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_ignored(entry.file_name()))
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((relative, entry.into_path()))
        })
        .collect()
}
