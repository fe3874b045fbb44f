//! The catalogue of bad and odd input: every case is applied to a site that first built
//! cleanly, and `stepwise build` is run again. A bad input must fail with exit code 1 (never
//! a panic's 101, never a signal), a message that names the file (and its line where it has
//! one) and says how to fix it (a `help:`), and the earlier `output/` byte for byte as it was,
//! with no staging folder left. An odd but legitimate input must build, with its page at the
//! right address holding the right text. Cases are grouped by family, one file each, as a Zola
//! or Hugo user would meet them; `tests/errors.rs` holds the exact messages of the common
//! mistakes, this catalogue the breadth.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/mod.rs"]
mod common;

mod addresses;
mod calculators;
mod comparisons;
mod configuration;
mod encodings;
mod files;
mod front_matter;
mod markdown;
mod paths;
mod served;
mod templates;

use std::fs;
use std::path::{Path, PathBuf};

use common::{snapshot, stderr, stepwise, write};

/// The date every build measures coverage for, so that two builds of a site are the same.
const TODAY: &str = "2026-06-01";

/// One bad or odd input.
pub struct Case {
    /// What is tried, for the report.
    pub name: &'static str,
    /// Changes the site (the folder holding `stepwise.toml`) after its first build.
    pub setup: fn(&Path),
    /// What the build must do.
    pub expect: Expect,
}

/// What a build of a case must do.
pub enum Expect {
    /// Fail, naming `file` (as `file:line:` when `line` is given), with a help.
    Fails {
        /// The file, as the message names it.
        file: &'static str,
        /// The 1-based line of the problem, where the file has one.
        line: Option<usize>,
    },
    /// Build, with the file `page` of the output holding `text`.
    Builds {
        /// The page, relative to `output/`.
        page: &'static str,
        /// Text the page holds.
        text: &'static str,
    },
}

/// A failure naming `file` at `line`.
pub const fn fails_at(file: &'static str, line: usize) -> Expect {
    Expect::Fails {
        file,
        line: Some(line),
    }
}

/// A failure naming `file`, which has no line to point at.
pub const fn fails_in(file: &'static str) -> Expect {
    Expect::Fails { file, line: None }
}

/// A build that publishes `page` with `text` in it.
pub const fn builds(page: &'static str, text: &'static str) -> Expect {
    Expect::Builds { page, text }
}

/// The front matter of a guide serving the first step, for assets added by cases.
pub const GUIDE: &str = "+++\ntitle = \"Odd guide\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n";

/// Writes the bytes of a file of the site, making folders as needed.
pub fn put(site: &Path, relative: &str, bytes: impl AsRef<[u8]>) {
    let path = site.join(relative);
    fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folders");
    fs::write(path, bytes).expect("write a file");
}

/// Replaces the first `from` in the site's file `relative` with `to`.
pub fn edit(site: &Path, relative: &str, from: &str, to: &str) {
    let text = fs::read_to_string(site.join(relative)).expect("read the file to edit");
    assert!(text.contains(from), "`{from}` is not in {relative}");
    put(site, relative, text.replacen(from, to, 1));
}

/// A site that builds: the small site of the other tests with calculators and comparison
/// sheets as kinds, in `site/` of a temporary folder that cases may use beside it.
fn site() -> (tempfile::TempDir, PathBuf) {
    let outer = tempfile::tempdir().expect("a temporary folder");
    let site = outer.path().join("site");
    for (relative, bytes) in snapshot(common::small_site().path()) {
        put(&site, &relative, bytes);
    }
    let config = fs::read_to_string(site.join("stepwise.toml")).expect("the configuration");
    write(
        &site,
        "stepwise.toml",
        &format!(
            "{config}\n[[kinds]]\nslug = \"calculator\"\ntitle = \"Calculator\"\nplural = \"Calculators\"\n\n[[kinds]]\nslug = \"comparison\"\ntitle = \"Comparison\"\nplural = \"Comparisons\"\n"
        ),
    );
    (outer, site)
}

/// `stepwise build` of `site` for the fixed date.
fn build(site: &Path) -> std::process::Output {
    stepwise(site, &["build", "--today", TODAY])
}

/// Runs one case; what it did wrong, if anything.
fn run(case: &Case) -> Option<String> {
    let (_outer, site) = site();
    let first = build(&site);
    assert!(
        first.status.success(),
        "the site builds: {}",
        stderr(&first)
    );
    let output = site.join("output");
    let before = snapshot(&output);
    (case.setup)(&site);
    let run = build(&site);
    let report = stderr(&run);
    let wrong = match case.expect {
        Expect::Fails { file, line } => {
            failed_well(&run, &report, file, line, snapshot(&output) == before)
        }
        Expect::Builds { page, text } => built_well(&run, &output.join(page), text),
    }
    .or_else(|| leftovers(&site));
    wrong.map(|why| format!("{}: {why}\n{report}", case.name))
}

/// What is wrong with a run that should have failed.
fn failed_well(
    run: &std::process::Output,
    report: &str,
    file: &str,
    line: Option<usize>,
    output_kept: bool,
) -> Option<String> {
    let place = line.map_or_else(|| file.to_string(), |line| format!("{file}:{line}:"));
    let stopped = report
        .lines()
        .last()
        .is_some_and(|last| last.starts_with("error: stopped with "));
    if run.status.code() != Some(1) {
        Some(format!("exit code {:?}, not 1", run.status.code()))
    } else if !report.contains(&place) {
        Some(format!("the report does not name `{place}`"))
    } else if !report.contains("help: ") {
        Some("the report has no help".to_string())
    } else if !stopped {
        Some("the report does not end with how many errors stopped it".to_string())
    } else if !output_kept {
        Some("the earlier output/ changed".to_string())
    } else {
        None
    }
}

/// What is wrong with a run that should have built `page` with `text`.
fn built_well(run: &std::process::Output, page: &Path, text: &str) -> Option<String> {
    if !run.status.success() {
        return Some(format!("exit code {:?}, not 0", run.status.code()));
    }
    match fs::read(page) {
        Ok(bytes) if String::from_utf8_lossy(&bytes).contains(text) => None,
        Ok(_) => Some(format!("{} does not hold `{text}`", page.display())),
        Err(error) => Some(format!("{} cannot be read: {error}", page.display())),
    }
}

/// The staging folders a run left beside the output of `site`, if any.
fn leftovers(site: &Path) -> Option<String> {
    let left: Vec<String> = fs::read_dir(site)
        .expect("list the site")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".stepwise-new-") || name.contains(".stepwise-old-"))
        .collect();
    (!left.is_empty()).then(|| format!("staging folders left behind: {left:?}"))
}

/// Runs every case of a family and fails with everything that went wrong, all at once.
pub fn check(cases: &[Case]) {
    let wrong: Vec<String> = cases.iter().filter_map(run).collect();
    assert!(
        wrong.is_empty(),
        "{} of {} cases went wrong:\n\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n\n")
    );
}
