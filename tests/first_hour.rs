//! A marketer's first hour, end to end, with the real binary: `init` in a folder that holds only
//! `.git`, `stepwise new` for every kind, the brand in `[theme]`, `build`, `check` and the
//! coverage gate of the workflow, every page type through the harness's gates with the brand's
//! accent colour and logo on the pages, `theme eject` with an edited template taking effect,
//! and an accent colour that reads poorly refused with its ratio.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::browser::{Browser, PHONE};
use common::gates::{self, SitePage, assert_passes};
use common::served::{Served, build_and_serve};
use common::{fails, read, snapshot, stderr, stepwise, write};

/// The brand's accent colour: a dark amber, which passes AA on every background of the theme.
const ACCENT: &str = "#8a5c0f";
/// The same amber as most brand guides give it, too light to read on white.
const LIGHT_ACCENT: &str = "#f5a623";

/// The kinds `init` declares, and the type of their pages.
const KINDS: [&str; 7] = [
    "guide",
    "calculator",
    "comparison",
    "checklist",
    "case-study",
    "testimonial",
    "action-plan",
];

/// Runs `stepwise` with `args` in `dir`, which must succeed; its standard output.
fn succeeds(dir: &Path, args: &[&str]) -> String {
    let run = stepwise(dir, args);
    assert!(
        run.status.success(),
        "`stepwise {}` failed:\n{}",
        args.join(" "),
        stderr(&run)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// The site of the first hour: made once for this test binary, in a folder that stays.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, site) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let site = dir.path().join("our-guide");
        write(&site, ".git/HEAD", "ref: refs/heads/main\n");
        succeeds(&site, &["init", "."]);
        for kind in KINDS {
            succeeds(&site, &["new", kind, &format!("Our first {kind}")]);
        }
        write(&site, "static/logo.svg", LOGO);
        brand(&site, ACCENT);
        (dir, site)
    });
    site
}

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"32\" height=\"32\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#8a5c0f\"/></svg>\n";

/// Uncomments the brand lines `init` writes into `[theme]`, with `accent` as the colour.
fn brand(site: &Path, accent: &str) {
    let config = read(site, "stepwise.toml");
    let branded = config
        .replace("# logo = ", "logo = ")
        .replace("# accent = \"#1d5bb6\"", &format!("accent = \"{accent}\""))
        .replace("# footer = ", "footer = ");
    assert_ne!(config, branded, "init writes the brand's lines, commented");
    write(site, "stepwise.toml", &branded);
}

/// The site built and served on loopback, once.
fn served() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| build_and_serve(site()))
}

fn pages() -> Vec<SitePage> {
    gates::pages(served().path())
}

#[test]
fn the_new_site_checks_and_passes_the_coverage_gate_of_its_workflow() {
    let site = site();
    assert!(site.join(".github/workflows/pages.yml").is_file());
    let checked = succeeds(site, &["check"]);
    assert!(checked.contains("(14 assets)"), "{checked}");
    let floor = stepwise::scaffold::COVERAGE_FLOOR.to_string();
    succeeds(site, &["coverage", "--fail-under", &floor]);
    let built = succeeds(site, &["build"]);
    assert!(
        built.contains("stepwise serve"),
        "build says how to look at the site:\n{built}"
    );
}

#[test]
fn every_page_type_and_kind_is_there() {
    let pages = pages();
    let types: Vec<&str> = gates::one_of_each_type(&pages)
        .iter()
        .map(|page| page.page_type.as_str())
        .collect();
    let mut expected = vec!["index", "step", "kind", "stakeholder", "404"];
    let assets: Vec<String> = KINDS[1..]
        .iter()
        .map(|kind| format!("asset {kind}"))
        .collect();
    expected.extend(assets.iter().map(String::as_str));
    for page_type in expected {
        assert!(
            types.contains(&page_type),
            "no `{page_type}` page among {types:?}"
        );
    }
    assert!(
        pages
            .iter()
            .any(|page| page.path == "/guides/our-first-guide/")
    );
}

#[test]
fn every_page_type_passes_axe_and_the_nu_checker() {
    let pages = pages();
    let representatives = gates::one_of_each_type(&pages);
    let files: Vec<PathBuf> = pages.iter().map(|page| page.file.clone()).collect();
    if let Some(failures) = gates::nu_gate(served().path(), &files, false) {
        assert_passes("Nu Html Checker", &failures);
    }
    assert_passes("inline script", &gates::inline_script_gate(&pages));
    let Some(mut browser) = Browser::start() else {
        return;
    };
    assert_passes(
        "axe-core",
        &gates::axe_gate(&mut browser, served(), &representatives),
    );
}

#[test]
fn every_page_type_passes_the_phone_weight_origin_and_console_gates() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let pages = pages();
    let representatives: Vec<SitePage> = gates::one_of_each_type(&pages)
        .into_iter()
        .cloned()
        .collect();
    let visits = gates::visit(&mut browser, served(), &representatives, None);
    assert_passes("phone", &gates::phone_gate(&visits));
    assert_passes("weight", &gates::weight_gate(&visits));
    assert_passes("other origins", &gates::origin_gate(&visits));
    assert_passes("console", &gates::console_gate(&visits));
}

#[test]
fn the_brand_shows_on_the_built_pages() {
    let index = read(served().path(), "index.html");
    assert!(
        index.contains("<img class=\"brand-logo\" src=\"/logo.svg\" alt=\"\">"),
        "the logo is in the header"
    );
    assert!(
        !index.contains("style="),
        "no style attribute: the brand is in the stylesheet"
    );
    let stylesheet = common::fingerprinted(served().path(), "style.css");
    let css = read(served().path(), &stylesheet);
    assert!(
        css.contains(&format!("--accent: {ACCENT};")),
        "the accent is a custom property"
    );
    assert_eq!(read(served().path(), "logo.svg"), LOGO);
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut page = browser.open(&served().url("/"), PHONE);
    let colours: Vec<String> = page.eval(
        "[getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(), \
          getComputedStyle(document.querySelector('.skip-link')).backgroundColor, \
          getComputedStyle(document.querySelector('.brand-logo')).height, \
          getComputedStyle(document.querySelector('.footer-note')).display]",
    );
    assert_eq!(
        colours,
        [ACCENT, "rgb(138, 92, 15)", "32px", "block"],
        "the page takes the accent, the logo and the footer show"
    );
}

#[test]
fn an_ejected_template_edited_takes_effect() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    succeeds(site, &["init", ".", "--no-ci"]);
    let said = succeeds(site, &["theme", "eject", "step.html"]);
    assert!(said.contains("templates/step.html"), "{said}");
    let template = read(site, "templates/step.html");
    let edited = template.replacen(
        "{% block content %}",
        "{% block content %}<p class=\"our-note\">Ask us anything.</p>",
        1,
    );
    assert_ne!(template, edited, "the step template has a content block");
    write(site, "templates/step.html", &edited);
    succeeds(site, &["build"]);
    assert!(
        read(site, "output/steps/key-facts/index.html")
            .contains("<p class=\"our-note\">Ask us anything.</p>")
    );
    assert!(
        !read(site, "output/index.html").contains("our-note"),
        "only the step pages change"
    );
}

#[test]
fn an_accent_colour_that_reads_poorly_is_refused_with_its_ratio() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    succeeds(site, &["init", ".", "--no-ci"]);
    write(site, "static/logo.svg", LOGO);
    brand(site, LIGHT_ACCENT);
    let before = snapshot(site);
    let message = fails(site, &["build"]);
    for expected in [
        "the accent colour #f5a623 has a contrast of 1.8:1",
        "under the 4.5:1 that WCAG AA asks of text",
        "stepwise.toml:",
        "the nearest colour that passes is `accent = \"#",
    ] {
        assert!(message.contains(expected), "no `{expected}` in:\n{message}");
    }
    assert_eq!(snapshot(site), before, "nothing is written");
    let _ = fs::remove_dir_all(site.join("static"));
    let message = fails(site, &["build"]);
    assert!(
        message.contains("there is no file `static/logo.svg`"),
        "{message}"
    );
}
