//! The whole pipeline, one way through: configuration and content are loaded, joined into the
//! site model, rendered in parallel and written into a staging folder that replaces the output
//! only when every page succeeded. `check` runs the same stages and writes nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::content;
use crate::diagnostics::{Diagnostic, Source};
use crate::render::{self, Page, Renderer};
use crate::site::{Site, SiteOptions};
use crate::theme::{self, StaticFile, Theme};
use crate::write::{self, Staging};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder, holding `stepwise.toml`.
    pub root: PathBuf,
    /// Where to write; `output/` inside the site when not given.
    pub output_dir: Option<PathBuf>,
    /// Base URL and drafts.
    pub site: SiteOptions,
}

impl Options {
    /// Options for the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            output_dir: None,
            site: SiteOptions::default(),
        }
    }

    /// The output folder these options resolve to.
    pub fn output_dir(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }
}

/// What a successful build or check did.
#[derive(Debug)]
pub struct Report {
    /// HTML pages rendered.
    pub pages: usize,
    /// Steps in the journey.
    pub steps: usize,
    /// Assets published.
    pub assets: usize,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Why a build or check failed: every problem found, errors and warnings.
#[derive(Debug)]
pub struct Failure {
    /// All the problems, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// How many of the problems are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Builds the site into its output folder.
pub fn build(options: &Options) -> Result<Report, Failure> {
    run(options, true)
}

/// Does everything `build` does, but writes nothing.
pub fn check(options: &Options) -> Result<Report, Failure> {
    run(options, false)
}

fn run(options: &Options, write_output: bool) -> Result<Report, Failure> {
    let started = Instant::now();
    let (site, theme, mut diagnostics) = load_valid(&options.root, &options.site)?;
    let staging = if write_output {
        match write::stage(&options.root, &options.output_dir()) {
            Ok(staging) => Some(staging),
            Err(problem) => {
                diagnostics.push(problem);
                return Err(Failure { diagnostics });
            }
        }
    } else {
        None
    };
    let pages = match render_all(&site, &theme, staging.as_ref()) {
        Ok(pages) => pages,
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(Failure { diagnostics });
        }
    };
    if let Some(staging) = staging {
        staging.commit().map_err(|error| Failure {
            diagnostics: vec![Diagnostic::plain(format!(
                "cannot replace the output folder `{}`: {error}",
                options.output_dir().display()
            ))],
        })?;
    }
    Ok(Report {
        pages,
        steps: site.steps.len(),
        assets: site.assets.len(),
        elapsed: started.elapsed(),
        warnings: diagnostics,
    })
}

/// Loads and validates the site model without rendering it.
pub fn load_site(root: &Path, options: &SiteOptions) -> Result<Site, Failure> {
    load_valid(root, options).map(|(site, _, _)| site)
}

/// The site and its theme when nothing stands in the way of rendering, with the warnings found.
fn load_valid(
    root: &Path,
    options: &SiteOptions,
) -> Result<(Site, Theme, Vec<Diagnostic>), Failure> {
    match load(root, options) {
        (Some(site), Some(theme), diagnostics) if !diagnostics.iter().any(Diagnostic::is_error) => {
            Ok((site, theme, diagnostics))
        }
        (_, _, diagnostics) => Err(Failure { diagnostics }),
    }
}

/// Loads and validates everything; the site and theme are `None` when they could not be made.
fn load(root: &Path, options: &SiteOptions) -> (Option<Site>, Option<Theme>, Vec<Diagnostic>) {
    let (config, config_source, mut diagnostics) = load_config(root);
    let (assets, content_problems) = content::load(root);
    diagnostics.extend(content_problems);
    let (Some(config), Some(config_source)) = (config, config_source) else {
        return (None, None, diagnostics);
    };
    let theme = match theme::load(root, &config.theme, &config_source) {
        Ok(theme) => {
            diagnostics.extend(theme::missing_templates(&theme, &config, &config_source));
            Some(theme)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    let site = match Site::new(config, &config_source, assets, options) {
        Ok(site) => Some(site),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    (site, theme, diagnostics)
}

fn load_config(root: &Path) -> (Option<Config>, Option<Source>, Vec<Diagnostic>) {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            let problem = Diagnostic::plain(format!("cannot read `{}`: {error}", path.display()))
                .with_help("run stepwise in a site's folder, give it with `--root`, or start a site with `stepwise init`");
            return (None, None, vec![problem]);
        }
    };
    let source = Source::new(CONFIG_FILE, text);
    match Config::parse(&source) {
        Ok(config) => (Some(config), Some(source), Vec::new()),
        Err(problems) => (None, None, problems),
    }
}

/// Renders every page (into the staging folder, when given) and copies the static files;
/// returns the number of HTML pages.
fn render_all(
    site: &Site,
    theme: &Theme,
    staging: Option<&Staging>,
) -> Result<usize, Vec<Diagnostic>> {
    let renderer = Renderer::new(site, theme)?;
    let pages = render::pages(site);
    let problems: Vec<Diagnostic> = pages
        .par_iter()
        .map_init(Vec::new, |buffer, &page| {
            renderer.render(page, buffer)?;
            match staging {
                Some(staging) => {
                    let path = page.output_path(site);
                    staging
                        .write(&path, buffer)
                        .map_err(|error| write_error(&path, &error))
                }
                None => Ok(()),
            }
        })
        .filter_map(Result::err)
        .collect();
    if !problems.is_empty() {
        return Err(render::distinct(problems));
    }
    if let Some(staging) = staging {
        write_extras(site, theme, &pages, staging)?;
    }
    Ok(pages.len())
}

/// Writes the sitemap, robots.txt, the theme's static files and the assets' attachments.
fn write_extras(
    site: &Site,
    theme: &Theme,
    pages: &[Page],
    staging: &Staging,
) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let generated = [
        ("sitemap.xml", render::sitemap(site, pages)),
        ("robots.txt", render::robots(site)),
    ];
    for (path, text) in &generated {
        if let Err(error) = staging.write(path, text.as_bytes()) {
            problems.push(write_error(path, &error));
        }
    }
    for (path, file) in &theme.static_files {
        let written = match file {
            StaticFile::Disk(from) => staging.copy(path, from),
            StaticFile::Embedded(bytes) => staging.write(path, bytes),
        };
        if let Err(error) = written {
            problems.push(write_error(path, &error));
        }
    }
    for asset in &site.assets {
        for file in &asset.asset.attachments {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let path = format!("{}/{name}", asset.folder);
            if let Err(error) = staging.copy(&path, file) {
                problems.push(write_error(&path, &error));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn write_error(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::plain(format!(
        "cannot write `{path}` into the output folder: {error}"
    ))
    .with_help("check that the disk has space and that you may write to the output folder")
}
