//! `stepwise init`: a new site with a journey, every kind of asset with one short example of
//! each, the built-in theme and, unless asked not to, a GitHub Actions workflow that checks the
//! site and publishes it to GitHub Pages.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use super::files::{NewFile, already_there, write_all};
use super::{SCAFFOLD, fill, list, text};
use crate::coverage::Date;
use crate::diagnostics::Diagnostic;
use crate::theme::embedded_files;

/// The journey a new site starts with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Journey {
    /// The ten steps of a buying organisation's decision, from the key facts to the checklist.
    #[default]
    TenSteps,
    /// The six buying jobs, from problem identification to consensus creation.
    BuyingJobs,
}

impl Journey {
    /// Its name on the command line, which is also its file under `scaffold/journeys/`.
    pub fn name(self) -> &'static str {
        match self {
            Journey::TenSteps => "ten-steps",
            Journey::BuyingJobs => "buying-jobs",
        }
    }
}

/// The continuous integration a new site gets a workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    /// GitHub Actions: `.github/workflows/pages.yml`.
    Github,
}

/// What `init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitOptions {
    /// The journey of the new site.
    pub journey: Journey,
    /// The workflow to write, if any.
    pub ci: Option<Ci>,
    /// Writes into a folder that holds other files, replacing the files of the same name.
    pub force: bool,
}

impl Default for InitOptions {
    fn default() -> Self {
        InitOptions {
            journey: Journey::default(),
            ci: Some(Ci::Github),
            force: false,
        }
    }
}

/// The coverage, in percent, the workflow `init` writes asks of the site: the starter site has
/// more, and a site that loses most of its assets fails.
pub const COVERAGE_FLOOR: u32 = 50;

/// Creates a new site in `dir`: a new folder, an empty one, or one that holds only hidden files
/// such as `.git` (any folder with `force`). Returns the paths of the files written, sorted.
/// When a file cannot be written, everything written so far is removed again.
pub fn init(dir: &Path, options: &InitOptions) -> Result<Vec<String>, Diagnostic> {
    let files = site_files(options)?;
    if !options.force {
        check_folder(dir)?;
        let help = "init never replaces a file: move it away, or give `--force` to replace it";
        if let Some(problem) = already_there(dir, &files, help).into_iter().next() {
            return Err(problem);
        }
    }
    write_all(dir, &files)?;
    let mut written: Vec<String> = files.into_iter().map(|file| file.path).collect();
    written.sort();
    Ok(written)
}

/// Refuses a path that is a file, and a folder holding anything but hidden files, naming the
/// first such file.
fn check_folder(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists() && !dir.is_dir() {
        return Err(
            Diagnostic::plain(format!("`{}` is a file, not a folder", dir.display()))
                .with_help("give the name of a new folder, such as `stepwise init my-guide`"),
        );
    }
    let mut visible: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    visible.sort();
    match visible.first() {
        None => Ok(()),
        Some(name) => Err(Diagnostic::plain(format!(
            "`{}` is not empty: it holds `{name}`",
            dir.display()
        ))
        .with_help(
            "give the name of a new folder, such as `stepwise init my-guide`, or use a folder \
             that holds only hidden files such as `.git`; `--force` writes the site beside what \
             is there, replacing files of the same name",
        )),
    }
}

/// Every file of the new site.
fn site_files(options: &InitOptions) -> Result<Vec<NewFile>, Diagnostic> {
    let journey = Starter::read(options.journey)?;
    let mut files = Vec::new();
    for file in embedded_files(&SCAFFOLD) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let Some(path) = path.strip_prefix("site/") else {
            continue;
        };
        let text = String::from_utf8_lossy(file.contents());
        files.push(match path {
            // Packaged as `gitignore`: a dotfile would be left out of the published crate.
            "gitignore" => NewFile::text(".gitignore", text),
            "stepwise.toml" => NewFile::text(path, fill(&text, &[("journey", &journey.steps)])),
            _ => NewFile::text(path, journey.fill_asset(path, &text)?),
        });
    }
    files.extend(options.ci.map(workflow));
    Ok(files)
}

/// The workflow file of `ci`.
fn workflow(ci: Ci) -> NewFile {
    match ci {
        Ci::Github => NewFile::text(
            ".github/workflows/pages.yml",
            fill(
                text("ci/github.yml"),
                &[
                    ("version", env!("CARGO_PKG_VERSION")),
                    ("repository", env!("CARGO_PKG_REPOSITORY")),
                    ("fail_under", &COVERAGE_FLOOR.to_string()),
                ],
            ),
        ),
    }
}

/// A journey file of `scaffold/journeys/`: its `[[steps]]` tables, as written into
/// `stepwise.toml`, and the steps each example asset serves.
struct Starter {
    /// The `[[steps]]` tables with their comments.
    steps: String,
    /// The steps of each example asset, by its path under `content/`.
    assets: BTreeMap<String, Vec<String>>,
}

/// The part of a journey file after its steps.
#[derive(Deserialize)]
struct StarterTable {
    starter: BTreeMap<String, Vec<String>>,
}

impl Starter {
    fn read(journey: Journey) -> Result<Starter, Diagnostic> {
        let path = format!("journeys/{}.toml", journey.name());
        let whole = text(&path);
        let (steps, rest) = whole.split_once("[starter]\n").unwrap_or((whole, ""));
        let table: StarterTable = toml::from_str(&format!("[starter]\n{rest}"))
            .map_err(|error| built_in_problem(&path, &error.to_string()))?;
        Ok(Starter {
            steps: steps.to_string(),
            assets: table.starter,
        })
    }

    /// The example asset at `path` (`content/…`), with the steps it serves in this journey.
    fn fill_asset(&self, path: &str, text: &str) -> Result<String, Diagnostic> {
        let under_content = path.strip_prefix("content/").unwrap_or(path);
        let steps = self
            .assets
            .get(under_content)
            .ok_or_else(|| built_in_problem(path, "no steps are given for it"))?;
        let steps: Vec<&str> = steps.iter().map(String::as_str).collect();
        let today = Date::today().to_string();
        Ok(fill(text, &[("steps", &list(&steps)), ("today", &today)]))
    }
}

/// A mistake in the files built into stepwise, which no user can cause.
fn built_in_problem(path: &str, what: &str) -> Diagnostic {
    Diagnostic::plain(format!(
        "the built-in starter file `{path}` is wrong: {what}"
    ))
    .with_help("this is a bug of stepwise; please report it")
}
