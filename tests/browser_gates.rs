//! The gates on the built sample site: every page in a real browser (Chromium) and through the
//! validators the web trusts. The pages come from the build, so a new page type or kind of
//! asset is checked the day it appears.
//!
//! Set `STEPWISE_SCREENSHOTS=DIR` to also save a desktop and a phone screenshot of one page of
//! each type into `DIR`.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::browser::{Browser, DESKTOP, PHONE};
use common::gates::{self, SitePage, Visit, assert_passes};
use common::repository;
use common::served::{Served, build_and_serve};

/// The sample site, built once for this test binary and served on loopback, with the coverage
/// report its team sees (not published with it) written at `/coverage/` to be gated too.
fn sample() -> &'static Served {
    static SAMPLE: OnceLock<Served> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let served = build_and_serve(&repository());
        let folder = served.path().join("coverage");
        let folder = folder.to_string_lossy();
        let args = ["coverage", "--format", "html", "--output", &folder];
        let result = common::stepwise(&repository(), &args);
        assert!(result.status.success(), "{}", common::stderr(&result));
        served
    })
}

/// Every HTML page of the sample site.
fn sample_pages() -> Vec<SitePage> {
    gates::pages(sample().path())
}

/// The address of the sample site's call to action.
fn call_to_action() -> String {
    let config =
        std::fs::read_to_string(repository().join("stepwise.toml")).expect("read stepwise.toml");
    let config: toml::Table = toml::from_str(&config).expect("stepwise.toml is TOML");
    config["call_to_action"]["url"]
        .as_str()
        .expect("the sample site has a call to action")
        .to_string()
}

/// Every page of the sample site, opened once on a phone (`None` when there is no browser).
fn sample_visits() -> Option<&'static [Visit]> {
    static VISITS: OnceLock<Option<Vec<Visit>>> = OnceLock::new();
    VISITS
        .get_or_init(|| {
            let mut browser = Browser::start()?;
            let cta = call_to_action();
            // The coverage report is the team's, not a buyer's: it offers no call to action.
            let visit = |page: &SitePage| {
                let cta = (page.page_type != "coverage").then_some(cta.as_str());
                gates::visit_page(&mut browser, sample(), &page.path, PHONE, cta)
            };
            Some(sample_pages().iter().map(visit).collect())
        })
        .as_deref()
}

#[test]
fn the_pages_cover_every_page_type_and_kind() {
    let pages = sample_pages();
    let types: Vec<&str> = gates::one_of_each_type(&pages)
        .iter()
        .map(|page| page.page_type.as_str())
        .collect();
    for expected in [
        "index",
        "coverage",
        "step",
        "kind",
        "stakeholder",
        "finder",
        "404",
        "asset checklist",
        "asset comparison",
    ] {
        assert!(
            types.contains(&expected),
            "no `{expected}` page among {types:?}"
        );
    }
}

#[test]
fn axe_finds_no_violation_on_any_page_type_at_desktop_and_phone_width() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let pages = sample_pages();
    let mut representatives = gates::one_of_each_type(&pages);
    // a listing's later page: the resource finder's second page
    let second = pages.iter().find(|page| page.path == "/resources/page/2/");
    representatives.push(second.expect("the sample's finder has a page 2"));
    assert_passes(
        "axe-core",
        &gates::axe_gate(&mut browser, sample(), &representatives),
    );
    if let Some(dir) = std::env::var_os("STEPWISE_SCREENSHOTS") {
        save_screenshots(&mut browser, &representatives, &PathBuf::from(dir));
    }
}

/// A desktop and a phone screenshot of each page, named after its type.
fn save_screenshots(browser: &mut Browser, pages: &[&SitePage], dir: &std::path::Path) {
    std::fs::create_dir_all(dir).expect("create the screenshot folder");
    for page in pages {
        for viewport in [DESKTOP, PHONE] {
            let name = format!(
                "{}-{}.png",
                page.page_type.replace(' ', "-"),
                viewport.width
            );
            let mut open = browser.open(&sample().url(&page.path), viewport);
            open.screenshot(&dir.join(name), true);
        }
    }
}

#[test]
fn the_nu_html_checker_finds_no_error_in_any_page() {
    let files: Vec<PathBuf> = sample_pages().into_iter().map(|page| page.file).collect();
    if let Some(failures) = gates::nu_gate(sample().path(), &files, false) {
        assert_passes("Nu Html Checker", &failures);
    }
}

#[test]
fn no_page_holds_an_inline_script() {
    assert_passes("inline script", &gates::inline_script_gate(&sample_pages()));
}

#[test]
fn the_nu_html_checker_finds_no_error_in_the_theme_css() {
    let theme = repository().join("themes/default/static");
    let css: Vec<PathBuf> = std::fs::read_dir(&theme)
        .expect("read the theme's static folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "css"))
        .collect();
    if let Some(failures) = gates::nu_gate(&theme, &css, true) {
        assert_passes("Nu Html Checker (CSS)", &failures);
    }
}

#[test]
fn no_page_scrolls_sideways_on_a_phone_and_the_call_to_action_shows() {
    if let Some(visits) = sample_visits() {
        assert_passes("phone", &gates::phone_gate(visits));
    }
}

#[test]
fn every_page_weighs_at_most_50_kb_gzipped() {
    if let Some(visits) = sample_visits() {
        assert_passes("weight", &gates::weight_gate(visits));
    }
}

#[test]
fn no_page_asks_another_origin_for_anything() {
    if let Some(visits) = sample_visits() {
        assert_passes("other origins", &gates::origin_gate(visits));
    }
}

#[test]
fn no_page_logs_a_console_error_or_fails_a_request() {
    if let Some(visits) = sample_visits() {
        assert_passes("console", &gates::console_gate(visits));
    }
}
