//! `stepwise init`: the folders it writes into and refuses, its journeys and its workflow.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::path::Path;

use common::{fails, read, snapshot, stderr, stepwise, write};

/// Runs `stepwise init` with `args` in `dir`, which must succeed.
fn init(dir: &Path, args: &[&str]) {
    let mut all = vec!["init"];
    all.extend(args);
    let run = stepwise(dir, &all);
    assert!(
        run.status.success(),
        "init {args:?} failed:\n{}",
        stderr(&run)
    );
}

/// The coverage of the site in `dir`, in percent, as `stepwise coverage --format json` gives it.
fn coverage_percent(dir: &Path) -> u64 {
    let run = stepwise(dir, &["coverage", "--format", "json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    report["percent"].as_u64().expect("a percentage")
}

#[test]
fn init_writes_into_a_folder_that_holds_only_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".git/HEAD", "ref: refs/heads/main\n");
    write(dir.path(), ".github/CODEOWNERS", "* @marketing\n");
    init(dir.path(), &["."]);
    assert_eq!(read(dir.path(), ".git/HEAD"), "ref: refs/heads/main\n");
    assert_eq!(read(dir.path(), ".github/CODEOWNERS"), "* @marketing\n");
    assert!(dir.path().join("stepwise.toml").is_file());
    assert!(dir.path().join(".github/workflows/pages.yml").is_file());
}

#[test]
fn init_refuses_a_folder_with_another_file_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".git/HEAD", "ref: refs/heads/main\n");
    write(dir.path(), "notes.txt", "mine\n");
    write(dir.path(), "README.md", "# Ours\n");
    let before = snapshot(dir.path());
    let message = fails(dir.path(), &["init", "."]);
    assert!(
        message.contains("`.` is not empty: it holds `README.md`") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(snapshot(dir.path()), before, "nothing is written");
}

#[test]
fn init_refuses_to_replace_a_hidden_file_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", "/target\n");
    let before = snapshot(dir.path());
    let message = fails(dir.path(), &["init", "."]);
    assert!(message.contains(".gitignore` already exists"), "{message}");
    assert_eq!(snapshot(dir.path()), before, "nothing is written");
}

#[test]
fn init_force_writes_beside_other_files_and_replaces_its_own() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", "# Ours\n");
    write(dir.path(), "stepwise.toml", "old");
    init(dir.path(), &[".", "--force"]);
    assert_eq!(read(dir.path(), "README.md"), "# Ours\n");
    assert!(read(dir.path(), "stepwise.toml").contains("[[steps]]"));
}

#[test]
fn init_refuses_a_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site", "a file\n");
    let message = fails(dir.path(), &["init", "site"]);
    assert!(
        message.contains("`site` is a file, not a folder"),
        "{message}"
    );
}

#[test]
fn the_workflow_installs_a_released_binary_and_gates_the_site() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["site"]);
    let workflow = read(&dir.path().join("site"), ".github/workflows/pages.yml");
    for expected in [
        &format!("STEPWISE_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
        "sha256sum --check",
        "run: stepwise check",
        "stepwise coverage --fail-under",
        "actions/deploy-pages",
    ] {
        assert!(
            workflow.contains(expected),
            "no `{expected}` in:\n{workflow}"
        );
    }
    assert!(
        !workflow.contains("cargo"),
        "nothing is compiled:\n{workflow}"
    );
    init(dir.path(), &["bare", "--no-ci"]);
    assert!(!dir.path().join("bare/.github").exists());
}

#[test]
fn ci_and_no_ci_cannot_be_given_together() {
    let dir = tempfile::tempdir().unwrap();
    let run = stepwise(dir.path(), &["init", "site", "--ci", "github", "--no-ci"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
}

#[test]
fn each_journey_builds_every_kind_with_a_coverage_above_the_workflow_floor() {
    let floor = stepwise::scaffold::COVERAGE_FLOOR;
    for (journey, steps, first) in [
        ("ten-steps", 10, "Identify the key facts"),
        ("buying-jobs", 6, "Problem identification"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), &["site", "--journey", journey]);
        let site = dir.path().join("site");
        let built = stepwise(&site, &["build"]);
        assert!(built.status.success(), "{journey}: {}", stderr(&built));
        assert!(
            stderr(&built).is_empty(),
            "{journey} warns:\n{}",
            stderr(&built)
        );
        let summary = String::from_utf8_lossy(&built.stdout);
        assert!(
            summary.contains(&format!(" pages for {steps} steps (7 assets)"))
                && summary.contains("stepwise serve"),
            "{journey}: {summary}"
        );
        assert!(
            read(&site, "output/index.html").contains(first),
            "{journey}"
        );
        let percent = coverage_percent(&site);
        assert!(
            percent >= u64::from(floor) && percent < 100,
            "{journey}: the coverage is {percent} %, the workflow asks for {floor} %, and the report should show a gap"
        );
        let kinds = fs::read_dir(site.join("content")).unwrap().count();
        assert_eq!(kinds, 7, "{journey}: one folder per kind");
    }
}

/// The kinds of the starter site, each with its folder under `content/`.
const KINDS: [(&str, &str); 7] = [
    ("guide", "guides"),
    ("calculator", "savings-calculators"),
    ("comparison", "comparison-sheets"),
    ("checklist", "checklists"),
    ("case-study", "case-studies"),
    ("testimonial", "testimonials"),
    ("action-plan", "action-plans"),
];

/// A starter site in a new temporary folder, at `site/` inside it.
fn starter() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), &["site", "--no-ci"]);
    let site = dir.path().join("site");
    (dir, site)
}

/// Writes an asset of each kind with `stepwise new` into `site`, and checks the site builds
/// without a warning; returns the files written.
fn new_of_every_kind_builds(site: &Path) -> Vec<String> {
    let mut written = Vec::new();
    for (kind, folder) in KINDS {
        let title = format!("A new {kind}: \"quoted\" {{{{title}}}}");
        let run = stepwise(site, &["new", kind, &title, "--stakeholder", "finance"]);
        assert!(run.status.success(), "new {kind}: {}", stderr(&run));
        let path = format!("content/{folder}/a-new-{kind}-quoted-title.md");
        assert!(
            String::from_utf8_lossy(&run.stdout).contains(&path),
            "{}",
            String::from_utf8_lossy(&run.stdout)
        );
        written.push(read(site, &path));
    }
    let built = stepwise(site, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(stderr(&built).is_empty(), "{}", stderr(&built));
    written
}

#[test]
fn new_writes_an_asset_of_every_kind_that_builds_as_it_is() {
    let (_dir, site) = starter();
    let written = new_of_every_kind_builds(&site);
    for (text, (kind, _)) in written.iter().zip(KINDS) {
        assert!(
            text.starts_with("+++\n"),
            "the starter writes TOML:\n{text}"
        );
        assert!(text.contains("title = 'A new"), "{text}");
        assert!(text.contains(&format!("kind = \"{kind}\"")), "{text}");
        assert!(text.contains("stakeholders = [\"finance\"]"), "{text}");
        let commented = text
            .lines()
            .filter(|line| line.trim_start().starts_with('#'))
            .count();
        assert!(commented >= 8, "every field is explained:\n{text}");
    }
    let calculator = &written[1];
    for field in [
        "headline",
        "inputs",
        "outputs",
        "scenarios",
        "formula",
        "source",
    ] {
        assert!(calculator.contains(field), "no `{field}`:\n{calculator}");
    }
    let page = read(
        &site,
        "output/savings-calculators/a-new-calculator-quoted-title/index.html",
    );
    assert!(
        page.contains("<h1>A new calculator: &quot;quoted&quot; {{title}}</h1>"),
        "the title is kept"
    );
}

#[test]
fn new_follows_a_site_that_writes_yaml() {
    let (_dir, site) = starter();
    fs::remove_dir_all(site.join("content")).unwrap();
    write(
        &site,
        "content/guides/start.md",
        "---\ntitle: Start\nkind: guide\nsteps: [key-facts]\n---\nHello.\n",
    );
    for text in new_of_every_kind_builds(&site) {
        assert!(text.starts_with("---\n"), "{text}");
    }
}

#[test]
fn new_suggests_the_closest_kind_step_and_stakeholder_and_writes_nothing() {
    let (_dir, site) = starter();
    let before = snapshot(&site);
    let message = fails(
        &site,
        &[
            "new",
            "calculater",
            "Cost",
            "--step",
            "key-fact",
            "--stakeholder",
            "financ",
        ],
    );
    for expected in [
        "unknown kind `calculater`",
        "did you mean `calculator`?",
        "unknown step `key-fact`",
        "did you mean `key-facts`?",
        "unknown stakeholder `financ`",
        "did you mean `finance`?",
        "stopped with 3 errors",
    ] {
        assert!(message.contains(expected), "no `{expected}` in:\n{message}");
    }
    assert_eq!(snapshot(&site), before);
}

#[test]
fn new_refuses_to_overwrite_an_asset() {
    let (_dir, site) = starter();
    let before = snapshot(&site);
    let message = fails(&site, &["new", "guide", "Getting the facts straight"]);
    assert!(
        message.contains("content/guides/getting-the-facts-straight.md` already exists"),
        "{message}"
    );
    assert_eq!(snapshot(&site), before);
}

#[test]
fn theme_eject_copies_the_named_templates_or_all_and_never_overwrites() {
    let (_dir, site) = starter();
    let run = stepwise(&site, &["theme", "eject", "step.html", "asset"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        said.contains("templates/step.html") && said.contains("templates/asset.html"),
        "{said}"
    );
    assert_eq!(
        read(&site, "templates/step.html"),
        read(&common::repository(), "themes/default/templates/step.html")
    );
    assert_eq!(fs::read_dir(site.join("templates")).unwrap().count(), 2);

    let before = snapshot(&site);
    let message = fails(&site, &["theme", "eject", "stpe.html"]);
    assert!(
        message.contains("no template `stpe.html`")
            && message.contains("did you mean `step.html`?"),
        "{message}"
    );
    let message = fails(&site, &["theme", "eject"]);
    assert!(
        message.contains("templates/step.html` already exists"),
        "{message}"
    );
    assert_eq!(snapshot(&site), before, "nothing is written");

    fs::remove_dir_all(site.join("templates")).unwrap();
    let run = stepwise(&site, &["theme", "eject"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let theme = fs::read_dir(common::repository().join("themes/default/templates"))
        .unwrap()
        .count();
    assert_eq!(fs::read_dir(site.join("templates")).unwrap().count(), theme);
}
