//! The whole pipeline, one way through: configuration and content are loaded, joined into the
//! site model, every output path is claimed, the coverage report is measured, pages are rendered in parallel and written into a
//! staging folder that replaces the output only when every file succeeded. `check` runs the same
//! stages and writes nothing, then checks every internal link of the rendered pages and lists
//! the orphans (see [`crate::check`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, Scan};
use crate::config::{CONFIG_FILE, Config};
use crate::content::{self, AssetId};
use crate::coverage::{self, Coverage, Date, report};
use crate::diagnostics::{Diagnostic, Problems, Source};
use crate::finish::Finish;
use crate::kinds;
use crate::outputs::{Content, Outputs};
use crate::render::{self, Renderer};
use crate::site::{Site, SiteOptions};
use crate::text_file;
use crate::theme::{self, FileContent, STYLESHEET, Theme};
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
    /// The date the coverage report is measured for; today (UTC) when not given.
    pub today: Option<Date>,
}

impl Options {
    /// Options for the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            output_dir: None,
            site: SiteOptions::default(),
            today: None,
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
    /// The coverage report of the site.
    pub coverage: Coverage,
}

/// Why a build or check failed: every problem found, errors and warnings. A failed run has
/// written nothing.
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

impl From<Problems> for Failure {
    fn from(problems: Problems) -> Self {
        Failure {
            diagnostics: problems.into_vec(),
        }
    }
}

/// A site loaded and checked, ready to render: the model, the renderer that can live across
/// edits, and the claimed output paths.
pub struct Loaded {
    /// The site model.
    pub site: Site,
    /// The compiled templates and shared values.
    pub renderer: Renderer,
    /// Every file of the output.
    pub outputs: Outputs,
    /// How its files are finished.
    pub finish: Finish,
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
    let mut problems = Problems::default();
    let today = options.today.unwrap_or_else(Date::today);
    let loaded = match load_dated(&options.root, &options.site, today, &mut problems) {
        Some(loaded) if !problems.has_errors() => loaded,
        Some(loaded) => return Err(render_anyway(&loaded, today, problems)),
        None => return Err(problems.into()),
    };
    let staging = if write_output {
        match write::stage(&options.root, &options.output_dir()) {
            Ok(staging) => Some(staging),
            Err(problem) => {
                problems.push(problem);
                return Err(problems.into());
            }
        }
    } else {
        None
    };
    let coverage = coverage::measure(&loaded.site, today);
    let check_links = !write_output;
    let (pages, scans) = render_all(
        &loaded,
        &coverage,
        staging.as_ref(),
        check_links,
        &mut problems,
    );
    if check_links && !problems.has_errors() {
        let pages = check::Pages::new(scans);
        problems.extend(pages.broken_links(&loaded.site, &loaded.outputs));
        problems.extend(check::orphans(&loaded.site));
    }
    if problems.has_errors() {
        return Err(problems.into());
    }
    if let Some(staging) = staging {
        match staging.commit() {
            Ok(warning) => problems.extend(warning),
            Err(error) => {
                problems.push(Diagnostic::plain(format!(
                    "cannot replace the output folder `{}`: {error}",
                    options.output_dir().display()
                )));
                return Err(problems.into());
            }
        }
        if !loaded.site.config.coverage.publish {
            let folder = report::beside(&options.output_dir());
            if let Err(problem) = write_beside(&loaded, &coverage, &folder) {
                problems.push(problem);
                return Err(problems.into());
            }
        }
    }
    Ok(Report {
        pages,
        steps: loaded.site.steps.len(),
        assets: loaded.site.assets().len(),
        elapsed: started.elapsed(),
        warnings: problems.into_vec(),
        coverage,
    })
}

/// Loads and validates the site model without rendering it.
pub fn load_site(root: &Path, options: &SiteOptions) -> Result<Site, Failure> {
    let mut problems = Problems::default();
    match load(root, options, &mut problems) {
        Some(loaded) if !problems.has_errors() => Ok(loaded.site),
        _ => Err(problems.into()),
    }
}

/// Loads and validates everything, adding every problem to `problems`; `None` when the site
/// cannot be rendered at all.
pub fn load(root: &Path, options: &SiteOptions, problems: &mut Problems) -> Option<Loaded> {
    load_checking(root, options, None, problems)
}

/// Loads and validates everything as [`load`] does, with the problems that depend on the date
/// it is `today`: a `reviewed` date in the future.
pub fn load_dated(
    root: &Path,
    options: &SiteOptions,
    today: Date,
    problems: &mut Problems,
) -> Option<Loaded> {
    load_checking(root, options, Some(today), problems)
}

/// Loads and validates everything; with `today`, also what depends on the date.
fn load_checking(
    root: &Path,
    options: &SiteOptions,
    today: Option<Date>,
    problems: &mut Problems,
) -> Option<Loaded> {
    let loaded_config = load_config(root, problems);
    let assets = content::load(root, problems);
    let (config, config_source) = loaded_config?;
    let theme = load_theme(root, &config, &config_source, options.finish, problems);
    let site = Site::new(config, &config_source, assets, options, problems)?;
    if let Some(today) = today {
        problems.extend(coverage::future_reviews(&site, today));
    }
    let theme = theme?;
    let outputs = Outputs::plan(root, &site, &theme, problems);
    let renderer = Renderer::new(theme, &site, problems)?;
    Some(Loaded {
        site,
        renderer,
        outputs,
        finish: options.finish,
    })
}

/// Loads the theme with the site's overrides and gives its static files their finished names
/// and bytes; `None` when there is no such theme.
pub fn load_theme(
    root: &Path,
    config: &Config,
    config_source: &Source,
    finish: Finish,
    problems: &mut Problems,
) -> Option<Theme> {
    let mut theme = theme::load(root, config, config_source, problems)?;
    theme.finish_statics(finish, problems);
    Some(theme)
}

/// Reads and parses `stepwise.toml`, with its text for messages; `None` when it cannot be used.
pub fn load_config(root: &Path, problems: &mut Problems) -> Option<(Config, Source)> {
    let path = root.join(CONFIG_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            problems.push(Diagnostic::plain(format!("cannot read `{}`: {error}", path.display()))
                .with_help("run stepwise in a site's folder, give it with `--root`, or start a site with `stepwise init`"));
            return None;
        }
    };
    let source = text_file::decode(CONFIG_FILE, bytes)
        .map_err(|problem| problems.push(problem))
        .ok()?;
    let config = Config::parse(&source, problems)?;
    kinds::Schema::check_names(&config, &source, problems);
    Some((config, source))
}

/// Renders every page of a site that has errors, writing nothing, so that the problems of its
/// templates are reported in the same run; the failure with them. Only problems placed in a
/// template are kept: one with no place, such as a template that is missing, follows from a
/// problem reported already.
fn render_anyway(loaded: &Loaded, today: Date, mut problems: Problems) -> Failure {
    let coverage = coverage::measure(&loaded.site, today);
    let mut rendering = Problems::default();
    render_all(loaded, &coverage, None, false, &mut rendering);
    let placed = rendering
        .into_vec()
        .into_iter()
        .filter(|p| p.location().is_some());
    problems.extend(placed);
    problems.into()
}

/// Renders every page and writes every file into the staging folder, when given; returns the
/// number of HTML pages, and the links and ids of each when `scan_links`.
fn render_all(
    loaded: &Loaded,
    coverage: &Coverage,
    staging: Option<&Staging>,
    scan_links: bool,
    problems: &mut Problems,
) -> (usize, Vec<(String, Scan)>) {
    let files: Vec<_> = loaded.outputs.iter().collect();
    let done: Vec<Result<Option<(String, Scan)>, Diagnostic>> = files
        .par_iter()
        .map_init(Vec::new, |buffer, (path, content)| {
            let made = make(loaded, coverage, content, buffer)?;
            let scan = (scan_links && check::is_checked(path, content)).then(|| {
                (
                    (*path).clone(),
                    check::scan(&String::from_utf8_lossy(buffer)),
                )
            });
            let Some(staging) = staging else {
                return Ok(scan);
            };
            match made {
                Made::Bytes => staging.write(path, buffer),
                Made::Copy(from) => staging.copy(path, from),
            }
            .map(|()| scan)
            .map_err(|error| write_error(path, &error))
        })
        .collect();
    let mut scans = Vec::new();
    let mut found = Vec::new();
    for result in done {
        match result {
            Ok(scan) => scans.extend(scan),
            Err(problem) => found.push(problem),
        }
    }
    problems.extend(render::distinct(found));
    let pages = files
        .iter()
        .filter(|(_, content)| matches!(content, Content::Page(_)))
        .count();
    (pages, scans)
}

/// The bytes of the download of the asset `id`, made by its kind data.
fn download(site: &Site, id: &AssetId) -> Result<Vec<u8>, Diagnostic> {
    let asset = site
        .asset(id)
        .ok_or_else(|| Diagnostic::plain(format!("no asset `{id}`")))?;
    asset
        .data
        .download(&asset.asset.title.value)
        .map_err(|error| {
            Diagnostic::error(
                &asset.asset.source,
                0..3,
                format!("cannot make the download of this asset: {error}"),
            )
            .with_help("check the values of this asset's kind table")
        })
}

/// Makes one file of the coverage report into `out`.
fn coverage_file(
    loaded: &Loaded,
    coverage: &Coverage,
    file: report::File,
    standalone: bool,
    out: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    let text = match file {
        report::File::Page => {
            let renderer = &loaded.renderer;
            return renderer.render_coverage(&loaded.site, coverage, standalone, out);
        }
        report::File::Json => report::json(coverage),
        report::File::Badge => report::badge::svg(coverage.percent),
    };
    out.clear();
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

/// Writes the coverage report into `folder` beside the output, with the stylesheet its page
/// needs when opened from the disk.
fn write_beside(loaded: &Loaded, coverage: &Coverage, folder: &Path) -> Result<(), Diagnostic> {
    let failed = |error: std::io::Error| {
        Diagnostic::plain(format!(
            "cannot write the coverage report into `{}`: {error}",
            folder.display()
        ))
        .with_help("check that you may write there, or publish the report with the site (`publish = true` under `[coverage]`)")
    };
    std::fs::create_dir_all(folder).map_err(failed)?;
    let mut buffer = Vec::new();
    for file in report::File::ALL {
        coverage_file(loaded, coverage, file, true, &mut buffer)?;
        std::fs::write(folder.join(file.name()), &buffer).map_err(failed)?;
    }
    if let Some(style) = loaded.renderer.stylesheet() {
        let bytes = style.content.bytes().map_err(failed)?;
        std::fs::write(folder.join(STYLESHEET), bytes).map_err(failed)?;
    }
    Ok(())
}

/// What [`make`] made of one output file.
#[derive(Debug)]
pub enum Made<'a> {
    /// The file's bytes are in the buffer.
    Bytes,
    /// The file is this file on disk, to copy as it is.
    Copy(&'a Path),
}

/// Makes the file of one output path, as `build` writes it and `serve` keeps it in memory: a
/// page is rendered and a generated or embedded file is put into `buffer` (cleared first), a
/// file on disk is named for copying.
pub fn make<'a>(
    loaded: &Loaded,
    coverage: &Coverage,
    content: &'a Content,
    buffer: &mut Vec<u8>,
) -> Result<Made<'a>, Diagnostic> {
    buffer.clear();
    match content {
        Content::Page(page) => {
            loaded.renderer.render(&loaded.site, page, buffer)?;
        }
        Content::Generated(file) => {
            let text = file.text(&loaded.site, &loaded.outputs);
            buffer.extend_from_slice(text.as_bytes());
        }
        Content::Download(id) => buffer.extend_from_slice(&download(&loaded.site, id)?),
        Content::Coverage(file) => {
            coverage_file(loaded, coverage, *file, false, buffer)?;
        }
        Content::File(file) => match &file.content {
            FileContent::Embedded(bytes) => buffer.extend_from_slice(bytes),
            FileContent::Made(bytes) => buffer.extend_from_slice(bytes),
            FileContent::Disk(from) => return Ok(Made::Copy(from)),
        },
    }
    Ok(Made::Bytes)
}

fn write_error(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::plain(format!(
        "cannot write `{path}` into the output folder: {error}"
    ))
    .with_help("check that the disk has space and that you may write to the output folder")
}
