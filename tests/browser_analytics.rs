//! The step events in a real browser, on the sample site: with `provider = "custom"` and a
//! listener of the site's own, a click on a next step and a change of a calculator's figure
//! each report the right event, steps and asset as a `stepwise:step` event; with no provider,
//! the pages load no analytics script and make no request to another origin, whatever the buyer
//! does.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::browser::{Browser, DESKTOP, Page};
use common::repository;
use common::served::{Served, build_and_serve};
use serde_json::{Value, json};

/// The listener of the measured site: keeps every `stepwise:step` event's `detail`, and keeps the
/// buyer on the page when a link is followed, so that the events can be read after a click.
const LISTENER: &str = r#"window.stepEvents = [];
document.addEventListener("stepwise:step", function (event) { window.stepEvents.push(event.detail); });
document.addEventListener("click", function (event) {
  if (event.target.closest("a[href]")) event.preventDefault();
});
"#;

/// The sample site's configuration and content, copied into a new folder with `[analytics]`
/// set to `custom` and the listener above.
fn measured_sample() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let from = repository();
    for entry in walkdir::WalkDir::new(from.join("content")) {
        let entry = entry.unwrap();
        let to = site.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let config = std::fs::read_to_string(from.join("stepwise.toml")).unwrap();
    let analytics = "\n[analytics]\nprovider = \"custom\"\nscript = \"js/listen.js\"\n";
    common::write(
        site.path(),
        "stepwise.toml",
        &format!("{config}{analytics}"),
    );
    common::write(site.path(), "static/js/listen.js", LISTENER);
    site
}

/// The events the listener has kept.
fn events(page: &mut Page<'_>) -> Vec<Value> {
    page.eval("window.stepEvents")
}

/// The first figure of the calculator on the page: its name.
fn first_figure(page: &mut Page<'_>) -> String {
    page.eval("document.querySelector('[data-calc-form] input').name")
}

/// The invoice cost calculator of the sample site, serving `key-facts` first.
const CALCULATOR: &str = "/savings-calculators/invoice-processing-cost/";

#[test]
fn a_next_step_click_and_a_calculator_change_report_their_step_events() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let source = measured_sample();
    let site = build_and_serve(source.path());

    let mut page = browser.open(&site.url("/steps/evaluate-alternatives/"), DESKTOP);
    page.click(".exit a[data-step-event=\"next-step\"]");
    let step_next =
        json!({"event": "next-step", "from": "evaluate-alternatives", "to": "worst-case"});
    assert_eq!(events(&mut page), [step_next], "a step page names no asset");
    page.click(".exit a[data-step-event=\"trial-close\"]");
    assert_eq!(events(&mut page).len(), 2);
    assert_eq!(events(&mut page)[1]["event"], "trial-close");
    assert!(page.report().console_errors.is_empty());

    let mut page = browser.open(&site.url(CALCULATOR), DESKTOP);
    let figure = first_figure(&mut page);
    page.type_text(&format!("#calc-in-{figure}"), "4321");
    page.eval::<Value>("document.activeElement.blur()");
    page.click(".asset-next a[data-step-event=\"next-step\"]");
    let asset = "invoice-processing-cost";
    assert_eq!(
        events(&mut page),
        [
            json!({"event": "calculator-change", "from": "key-facts", "to": "key-facts", "asset": asset, "input": figure}),
            json!({"event": "next-step", "from": "key-facts", "to": "map-stakeholders", "asset": asset}),
        ]
    );
    let report = page.report();
    assert!(
        report.other_origins.is_empty(),
        "{:?}",
        report.other_origins
    );
    assert!(
        report.console_errors.is_empty(),
        "{:?}",
        report.console_errors
    );
}

/// The addresses of the scripts the page loads.
fn scripts(page: &mut Page<'_>) -> Vec<String> {
    page.eval("Array.from(document.scripts, (script) => script.src).filter(Boolean)")
}

#[test]
fn with_no_provider_the_pages_load_no_analytics_and_ask_no_other_origin() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let site = build_and_serve(&repository());
    check_unmeasured(
        &mut browser,
        &site,
        "/steps/evaluate-alternatives/",
        |page| {
            page.click(".exit a[data-step-event=\"next-step\"]");
        },
    );
    check_unmeasured(&mut browser, &site, CALCULATOR, |page| {
        let figure = first_figure(page);
        page.type_text(&format!("#calc-in-{figure}"), "4321");
        page.eval::<Value>("document.activeElement.blur()");
    });
}

/// Opens `path`, does what a buyer does there with `act`, and checks that no analytics script
/// was loaded and no request went to another origin.
fn check_unmeasured(
    browser: &mut Browser,
    site: &Served,
    path: &str,
    act: impl FnOnce(&mut Page<'_>),
) {
    let mut page = browser.open(&site.url(path), DESKTOP);
    let loaded = scripts(&mut page);
    assert!(
        loaded
            .iter()
            .all(|src| src.starts_with(&site.base_url) && !src.contains("measure")),
        "{path}: {loaded:?}"
    );
    let provider: bool = page.eval("'plausible' in window || 'umami' in window");
    assert!(!provider, "{path}: a provider's API is defined");
    act(&mut page);
    let report = page.report();
    assert!(
        report.other_origins.is_empty(),
        "{path}: {:?}",
        report.other_origins
    );
    let own = |url: &String| url.starts_with(&site.base_url);
    let resources: Vec<&String> = report.resources.iter().map(|r| &r.url).collect();
    assert!(
        resources.iter().all(|url| own(url)),
        "{path}: {resources:?}"
    );
}
