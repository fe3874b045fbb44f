//! The whole pipeline, one way through: configuration and content are loaded, joined into the
//! site model, every output path is claimed and the coverage report measured (beside the
//! templates and every asset's summary), pages are rendered in parallel and written into a
//! staging folder that replaces the output only when every file succeeded. [`verify`], which
//! `stepwise check` runs, runs the same stages and writes nothing, then checks every internal
//! link of the rendered pages and lists the orphans (see [`crate::link_check`]).

//!
//! [`load`] loads and checks everything up to the renderer; [`make`] makes the bytes of one
//! output file, as `build` writes it and `serve` keeps it.

mod load;
mod make;

pub use load::{load, load_config, load_dated, load_site, load_theme};
pub use make::{MadeOutput, make};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::coverage::{Coverage, Date, report};
use crate::diagnostics::{Diagnostic, Problems};
use crate::finder::SearchIndex;
use crate::finish::Finish;
use crate::link_check::{self, Scan};
use crate::outputs::{Content, Outputs};
use crate::parallel;
use crate::render::{self, Renderer};
use crate::site::{Site, SiteOptions};
use crate::write::{self, Staging};
use make::{report_beside, write_beside};

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
    /// The resource finder's search index.
    pub search: SearchIndex,
    /// How its files are finished.
    pub finish: Finish,
}

/// Builds the site into its output folder.
pub fn build(options: &Options) -> Result<Report, Failure> {
    run(options, true)
}

/// Does everything `build` does but write, then checks the links of the pages made: what
/// `stepwise check` runs.
pub fn verify(options: &Options) -> Result<Report, Failure> {
    run(options, false)
}

fn run(options: &Options, write_output: bool) -> Result<Report, Failure> {
    let started = Instant::now();
    let mut problems = Problems::default();
    let today = options.today.unwrap_or_else(Date::today);
    let (loaded, coverage) = match load_dated(&options.root, &options.site, today, &mut problems) {
        Some(loaded) if !problems.has_errors() => loaded,
        Some((loaded, coverage)) => return Err(render_anyway(&loaded, &coverage, problems)),
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
    let check_links = !write_output;
    let beside = (write_output && !loaded.site.config.coverage.publish)
        .then(|| report::beside(&options.output_dir()));
    // The report written beside the output is made while the pages are.
    let ((pages, scans), report_files) = rayon::join(
        || {
            render_all(
                &loaded,
                &coverage,
                staging.as_ref(),
                check_links,
                &mut problems,
            )
        },
        || (beside.as_ref()).map(|folder| report_beside(&loaded, &coverage, folder)),
    );
    if check_links && !problems.has_errors() {
        let pages = link_check::Pages::new(scans);
        problems.extend(pages.broken_links(&loaded.site, &loaded.outputs));
        problems.extend(link_check::orphans(&loaded.site));
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
        if let (Some(folder), Some(files)) = (&beside, report_files) {
            let written = files.and_then(|files| write_beside(&files, folder));
            if let Err(problem) = written {
                problems.push(problem);
                return Err(problems.into());
            }
        }
    }
    let report = Report {
        pages,
        steps: loaded.site.steps.len(),
        assets: loaded.site.assets().len(),
        elapsed: started.elapsed(),
        warnings: problems.into_vec(),
        coverage,
    };
    // Freeing a large site's model and pages takes tens of milliseconds no one waits for: a
    // thread of its own does it, and a command that ends now does not wait for it.
    std::thread::spawn(move || drop(loaded));
    Ok(report)
}

/// Loads and checks the site at `root` without building it, measures its coverage for `today`
/// and writes the report into `folder`, wherever that is: its page (`index.html`, with a copy of
/// the stylesheet), `coverage.json` and `coverage.svg`. The report, or every problem.
pub fn write_coverage(
    root: &Path,
    options: &SiteOptions,
    today: Date,
    folder: &Path,
) -> Result<Coverage, Failure> {
    let mut problems = Problems::default();
    let (loaded, coverage) = match load_dated(root, options, today, &mut problems) {
        Some(loaded) if !problems.has_errors() => loaded,
        _ => return Err(problems.into()),
    };
    let written = report_beside(&loaded, &coverage, folder).and_then(|f| write_beside(&f, folder));
    match written {
        Ok(()) => Ok(coverage),
        Err(problem) => {
            problems.push(problem);
            Err(problems.into())
        }
    }
}

/// Renders every page of a site that has errors, writing nothing, so that the problems of its
/// templates are reported in the same run; the failure with them. Only problems placed in a
/// template are kept: one with no place, such as a template that is missing, follows from a
/// problem reported already.
fn render_anyway(loaded: &Loaded, coverage: &Coverage, mut problems: Problems) -> Failure {
    let mut rendering = Problems::default();
    render_all(loaded, coverage, None, false, &mut rendering);
    let placed = rendering
        .into_vec()
        .into_iter()
        .filter(|p| p.location().is_some());
    problems.extend(placed);
    problems.into()
}

/// What became of one output file: the links and ids of a page when they are scanned, or why
/// it could not be made or written.
type FileResult = Result<Option<(String, Scan)>, Diagnostic>;

/// Renders every page and writes every file into the staging folder, when given; returns the
/// number of HTML pages, and the links and ids of each when `scan_links`.
fn render_all(
    loaded: &Loaded,
    coverage: &Coverage,
    staging: Option<&Staging>,
    scan_links: bool,
    problems: &mut Problems,
) -> (usize, Vec<(String, Scan)>) {
    // The downloads are made on threads beside those of the pages, and started first: see
    // [`parallel::beside_then_shared`].
    let (downloads, files): (Vec<_>, Vec<_>) =
        (loaded.outputs.iter()).partition(|(_, content)| matches!(content, Content::Download(_)));
    let make_file = |(path, content): &(&String, &Content), buffer: &mut Vec<u8>| -> FileResult {
        let made = make(loaded, coverage, content, buffer)?;
        let scan = (scan_links && link_check::is_checked(path, content)).then(|| {
            (
                (*path).clone(),
                link_check::scan(&String::from_utf8_lossy(buffer)),
            )
        });
        let Some(staging) = staging else {
            return Ok(scan);
        };
        match made {
            MadeOutput::Bytes => staging.write(path, buffer),
            MadeOutput::Copy(from) => staging.copy(path, from),
        }
        .map(|()| scan)
        .map_err(|error| write_error(path, &error))
    };
    let (done, downloaded) = parallel::beside_then_shared(&downloads, make_file, || {
        (files.par_iter())
            .with_max_len(parallel::RUN)
            .map_init(Vec::new, |buffer, file| make_file(file, buffer))
            .collect::<Vec<_>>()
    });
    let mut scans = Vec::new();
    let mut found = Vec::new();
    for result in done.into_iter().chain(downloaded) {
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

fn write_error(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::plain(format!(
        "cannot write `{path}` into the output folder: {error}"
    ))
    .with_help("check that the disk has space and that you may write to the output folder")
}
