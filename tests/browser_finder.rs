//! The resource finder in a real browser: choosing a step and a role and typing a word narrow
//! the list at once, the count is said in the live region and the choice is kept in the
//! address; a shared address opens with the same choice; "Show more" shows the next results;
//! without JavaScript the page lists everything. Checked on the sample site.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::OnceLock;

use serde::Deserialize;

use common::browser::{Browser, DESKTOP, PHONE, Page};
use common::gates::{AXE_TAGS, assert_passes};
use common::repository;
use common::served::{Served, build_and_serve};

fn sample() -> &'static Served {
    static SAMPLE: OnceLock<Served> = OnceLock::new();
    SAMPLE.get_or_init(|| build_and_serve(&repository()))
}

/// What the finder shows once its script has settled.
#[derive(Debug, Deserialize)]
struct Shown {
    /// The text of the live region.
    count: String,
    /// The titles of the results the script shows (none while the full listing shows).
    titles: Vec<String>,
    /// The addresses of those results.
    urls: Vec<String>,
    /// Whether the full listing is shown.
    listing: bool,
    /// The path and query of the address.
    address: String,
    /// The values of the form's controls: q, step, kind, stakeholder.
    controls: Vec<String>,
}

/// Waits until the address is `address` and the script has shown the full listing (with
/// `listing`) or its results for it, then reads the page; fails when that has not happened
/// within ten seconds.
fn shown(page: &mut Page<'_>, address: &str, listing: bool) -> Shown {
    let now: Shown = page.eval(&format!(
        r##"new Promise(resolve => {{
            const started = Date.now();
            const read = () => ({{
                count: document.getElementById("finder-count").textContent,
                titles: [...document.querySelectorAll("#finder-results .card-title a")].map(a => a.textContent),
                urls: [...document.querySelectorAll("#finder-results .card-title a")].map(a => a.getAttribute("href")),
                listing: !document.getElementById("finder-all").hidden,
                address: location.pathname + location.search,
                controls: ["q", "step", "kind", "stakeholder"].map(n => document.forms[0].elements[n].value),
            }});
            const check = () => {{
                const now = read();
                const count = parseInt(now.count, 10);
                const busy = document.getElementById("finder-results").hasAttribute("aria-busy");
                const settled = !busy && now.address === {address:?} && ({listing}
                    ? now.listing && document.getElementById("finder-results").hidden
                    : !now.listing && (now.titles.length === Math.min(24, count) || now.count.startsWith("No ")));
                if (settled || Date.now() - started > 10000) resolve(now);
                else setTimeout(check, 25);
            }};
            check();
        }})"##
    ));
    assert_eq!(
        now.address, address,
        "the address after ten seconds: {now:?}"
    );
    assert_eq!(
        now.listing, listing,
        "whether the full listing shows: {now:?}"
    );
    now
}

/// Chooses `value` in the select `name`, as a buyer does, and lets its change event run.
fn choose(page: &mut Page<'_>, name: &str, value: &str) {
    let _: bool = page.eval(&format!(
        r#"(() => {{ const s = document.getElementById("finder-{name}"); s.value = {value:?};
            s.dispatchEvent(new Event("change", {{ bubbles: true }})); return true; }})()"#
    ));
}

/// The titles and addresses of the sample's published assets that pass `keep`, read from their
/// front matter through the built site's index: title, url, step slugs, stakeholder slugs.
fn expected(keep: impl Fn(&[String], &[String], &str) -> bool) -> Vec<String> {
    let index = sample().path().join("resources/index");
    let facets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(index.join("facets.json")).unwrap()).unwrap();
    let slugs = |list: &str, at: &serde_json::Value| -> Vec<String> {
        at.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                facets[list][i.as_u64().unwrap() as usize]["slug"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let count = facets["count"].as_u64().unwrap() as usize;
    let chunk = facets["chunk"].as_u64().unwrap() as usize;
    let mut titles = Vec::new();
    for n in 0..count.div_ceil(chunk) {
        let path = index.join(format!("records/{n}.json"));
        let records: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for record in records.as_array().unwrap() {
            let title = record[0].as_str().unwrap();
            if keep(
                &slugs("steps", &record[4]),
                &slugs("stakeholders", &record[5]),
                title,
            ) {
                titles.push(title.to_string());
            }
        }
    }
    titles
}

fn resources(n: usize) -> String {
    format!("{n} resource{}", if n == 1 { "" } else { "s" })
}

#[test]
fn filters_and_a_word_narrow_the_list_and_the_address_keeps_them() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut page = browser.open(&sample().url("/resources/"), DESKTOP);
    let total = expected(|_, _, _| true).len();
    let all = shown(&mut page, "/resources/", true);
    assert!(all.listing && all.titles.is_empty(), "{all:?}");
    assert_eq!(all.count, resources(total));

    choose(&mut page, "step", "evaluate-alternatives");
    let step = expected(|steps, _, _| steps.iter().any(|s| s == "evaluate-alternatives"));
    let by_step = shown(&mut page, "/resources/?step=evaluate-alternatives", false);
    assert_eq!(by_step.count, resources(step.len()));
    assert_eq!(by_step.titles, step[..step.len().min(24)]);
    assert!(!by_step.listing);

    choose(&mut page, "stakeholder", "finance");
    let both = expected(|steps, people, _| {
        steps.iter().any(|s| s == "evaluate-alternatives") && people.iter().any(|p| p == "finance")
    });
    assert!(!both.is_empty() && both.len() < step.len(), "{both:?}");
    let address = "/resources/?step=evaluate-alternatives&stakeholder=finance";
    let by_both = shown(&mut page, address, false);
    assert_eq!(by_both.count, resources(both.len()));
    assert_eq!(by_both.titles, both);

    page.type_text("#finder-q", "Calcul");
    let word = expected(|steps, people, title| {
        steps.iter().any(|s| s == "evaluate-alternatives")
            && people.iter().any(|p| p == "finance")
            && title.to_lowercase().contains("calcul")
    });
    let address = "/resources/?step=evaluate-alternatives&stakeholder=finance&q=Calcul";
    let searched = shown(&mut page, address, false);
    assert!(!word.is_empty(), "a title of the choice has the word");
    for title in &word {
        assert!(searched.titles.contains(title), "{title} in {searched:?}");
    }
    for title in &searched.titles {
        assert!(
            both.contains(title),
            "{title} is among the step's for finance"
        );
    }
    assert!(searched.titles.len() < both.len(), "{searched:?}");
    assert_eq!(searched.count, resources(searched.titles.len()));
    for url in &searched.urls {
        assert!(url.starts_with('/') && url.ends_with('/'), "{url}");
    }

    // a shared address opens with the same choice and the same results
    let mut shared = browser.open(&sample().url(&searched.address), PHONE);
    let opened = shown(&mut shared, address, false);
    assert_eq!(opened.count, searched.count);
    assert_eq!(opened.titles, searched.titles);
    assert_eq!(
        opened.controls,
        ["Calcul", "evaluate-alternatives", "", "finance"]
    );
    assert_passes(
        "axe-core",
        &shared
            .axe(AXE_TAGS)
            .into_iter()
            .map(|v| common::gates::Failure {
                page: opened.address.clone(),
                rule: format!("axe {}", v.id),
                detail: v.help,
            })
            .collect::<Vec<_>>(),
    );
    let report = shared.report();
    assert!(
        report.console_errors.is_empty() && report.failed_requests.is_empty(),
        "{report:?}"
    );
}

#[test]
fn clearing_the_choice_shows_the_listing_and_more_results_come_on_demand() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut page = browser.open(&sample().url("/resources/?stakeholder=finance"), DESKTOP);
    let finance = expected(|_, people, _| people.iter().any(|p| p == "finance"));
    assert!(
        finance.len() > 24,
        "the sample has more than a page for finance"
    );
    let first = shown(&mut page, "/resources/?stakeholder=finance", false);
    assert_eq!(first.count, resources(finance.len()));
    assert_eq!(first.titles, finance[..24]);
    page.click(".finder-more");
    let more: Vec<String> = page.eval(
        r##"new Promise(resolve => { const check = () => { const t = [...document.querySelectorAll("#finder-results .card-title a")];
            if (t.length > 24) resolve(t.map(a => a.textContent)); else setTimeout(check, 25); }; check(); })"##,
    );
    assert_eq!(more, finance);
    let focused: String = page.eval("document.activeElement.textContent");
    assert_eq!(focused, finance[24], "the first new result has the focus");

    choose(&mut page, "stakeholder", "");
    let cleared = shown(&mut page, "/resources/", true);
    assert_eq!(cleared.count, resources(expected(|_, _, _| true).len()));
}

#[test]
fn without_javascript_the_finder_lists_everything() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut page = browser.open_with(
        &sample().url("/resources/?step=evaluate-alternatives"),
        DESKTOP,
        false,
    );
    let listed: usize = page.eval(
        "document.getElementById('finder-all').hidden ? -1 : document.querySelectorAll('#finder-all .card').length",
    );
    assert_eq!(listed, 24, "the first page of the full listing");
}
