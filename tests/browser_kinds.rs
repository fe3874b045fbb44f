//! The scripts of comparison sheets and checklists in a real browser, on the built sample site:
//! changing a weight changes the weighted scores, and a ticked checklist item is still ticked
//! after a reload. Without JavaScript both pages show their build-time content.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::OnceLock;

use common::browser::{Browser, DESKTOP, PHONE};
use common::repository;
use common::served::{Served, build_and_serve};

/// The sample site, built once for this test binary and served on loopback.
fn sample() -> &'static Served {
    static SAMPLE: OnceLock<Served> = OnceLock::new();
    SAMPLE.get_or_init(|| build_and_serve(&repository()))
}

/// The neutral comparison sheet of the sample site: its options in alphabetical order.
const SHEET: &str = "/comparison-sheets/four-ways-to-run-accounts-payable/";

/// The decision checklist of the sample site's last step.
const CHECKLIST: &str = "/checklists/final-decision-checklist/";

/// The weighted score shown for the option at `option` (0-based, in the order shown).
fn score(page: &mut common::browser::Page<'_>, option: usize) -> String {
    page.eval(&format!(
        "document.querySelector('[data-score=\"{option}\"]').textContent"
    ))
}

#[test]
fn changing_a_weight_changes_the_weighted_scores() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut page = browser.open(&sample().url(SHEET), DESKTOP);
    let visible: bool = page.eval("!document.querySelector('[data-weights]').hidden");
    assert!(visible, "the script shows the weights form");
    // Ledgerline is the second option alphabetically; "Running cost" (weight 5) is criterion 7.
    assert_eq!(score(&mut page, 1), "4.0");
    page.type_text("input[data-criterion=\"7\"]", "0");
    // (2·2 + 4·5 + 4·5 + 2·3 + 3·3) / 15 = 59 / 15.
    assert_eq!(score(&mut page, 1), "3.9");
    let weight: String = page.eval("document.querySelector('[data-weight-of=\"7\"]').textContent");
    assert_eq!(weight, "0", "the table shows the buyer's weight");
    page.click("[data-weights] button[type=reset]");
    assert_eq!(
        score(&mut page, 1),
        "4.0",
        "reset brings back the sheet's weights"
    );
}

#[test]
fn without_javascript_the_sheet_shows_its_own_scores_and_no_dead_form() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut page = browser.open_with(&sample().url(SHEET), PHONE, false);
    assert_eq!(score(&mut page, 1), "4.0");
    let hidden: bool = page.eval("document.querySelector('[data-weights]').hidden");
    assert!(hidden);
}

#[test]
fn a_ticked_checklist_item_is_still_ticked_after_a_reload() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let first = "[data-checklist] input[type=checkbox]";
    let mut page = browser.open(&sample().url(CHECKLIST), PHONE);
    let progress = "document.querySelector('[data-progress]').textContent";
    assert_eq!(page.eval::<String>(progress), "0 of 17 done");
    let id: String = page.eval(&format!("document.querySelector('{first}').id"));
    page.click(&format!("label[for=\"{id}\"]"));
    assert_eq!(page.eval::<String>(progress), "1 of 17 done");
    let mut page = browser.open(&sample().url(CHECKLIST), PHONE);
    let ticked: bool = page.eval(&format!("document.querySelector('{first}').checked"));
    assert!(ticked, "the tick was kept in the browser");
    assert_eq!(page.eval::<String>(progress), "1 of 17 done");
    page.click("[data-reset]");
    let ticked: bool = page.eval(&format!("document.querySelector('{first}').checked"));
    assert!(!ticked, "reset unticks every item");
    let mut page = browser.open(&sample().url(CHECKLIST), PHONE);
    assert_eq!(
        page.eval::<String>(progress),
        "0 of 17 done",
        "and forgets them"
    );
}

/// A step page shows its testimonials as quotes a buyer can read at desktop and phone width:
/// every quote is on the page, has its words, and fits the width of the screen. With
/// `STEPWISE_SCREENSHOTS=DIR` the page is also saved at both widths (the gates save one step
/// page, which may have none).
#[test]
fn testimonials_on_a_step_page_can_be_looked_at() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let screenshots = std::env::var_os("STEPWISE_SCREENSHOTS").map(std::path::PathBuf::from);
    for (viewport, width) in [(DESKTOP, 1280), (PHONE, 375)] {
        let mut page = browser.open(&sample().url("/steps/evaluate-alternatives/"), viewport);
        let quotes: Vec<(String, f64, f64)> = page.eval(
            "[...document.querySelectorAll('.card-quote')].map(quote => { \
               const box = quote.getBoundingClientRect(); \
               return [quote.textContent.trim(), box.width, box.right]; })",
        );
        assert!(
            !quotes.is_empty(),
            "the step shows its testimonials as quotes at {width} px"
        );
        for (text, shown_width, right) in &quotes {
            assert!(!text.is_empty(), "a quote has its words at {width} px");
            assert!(
                *shown_width > 0.0,
                "the quote {text:?} is shown at {width} px"
            );
            assert!(
                *right <= f64::from(width),
                "the quote {text:?} ends at {right} px, past the {width} px screen"
            );
        }
        if let Some(dir) = &screenshots {
            std::fs::create_dir_all(dir).expect("make the screenshot folder");
            page.screenshot(&dir.join(format!("step-testimonials-{width}.png")), true);
        }
    }
}
