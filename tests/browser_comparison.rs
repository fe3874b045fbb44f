//! Comparison sheets on a phone: whatever the number of options, the option marked ours, its
//! weighted score and the name of every criterion are on the 375 px screen, and the page does
//! not scroll sideways; at desktop width the sheet is still one table. Sheets of two, three and
//! five options, ours last (the place a wide table pushes furthest off the screen), are built
//! and measured in Chromium, and pass the gates at both widths.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use serde::Deserialize;

use common::browser::{Browser, DESKTOP, PHONE, Page};
use common::gates::{self, assert_passes};
use common::served::{Served, build_and_serve};
use common::{read, small_site, write};

/// The options of each sheet; the last is ours.
const SHEETS: [(&str, &[&str]); 3] = [
    ("two", &["Outsourced shared service", "Ledgerline"]),
    (
        "three",
        &[
            "Procure-to-pay suite",
            "Spend-management platform",
            "Ledgerline",
        ],
    ),
    (
        "five",
        &[
            "Manual process",
            "ERP add-on OCR",
            "Procure-to-pay suite",
            "Outsourced shared service",
            "Ledgerline",
        ],
    ),
];

/// A sheet of `options`, ours last: text, yes/no and scored criteria under group headings.
fn sheet(options: &[&str]) -> String {
    let list = |values: &[&str]| {
        let cells: Vec<String> = (0..options.len())
            .map(|at| values[at % values.len()].to_string())
            .collect();
        cells.join(", ")
    };
    let names: Vec<String> = options.iter().map(|name| format!("{name:?}")).collect();
    format!(
        "+++\ntitle = \"A sheet of {count}\"\nkind = \"comparison\"\nsteps = [\"options\"]\n\n[comparison]\noptions = [{names}]\nours = \"Ledgerline\"\n\n\
         [[comparison.criteria]]\ngroup = \"How each one works\"\nname = \"Who handles the exceptions and the supplier questions\"\nvalues = [{text}]\n\n\
         [[comparison.criteria]]\ngroup = \"How each one works\"\nname = \"Three-way match\"\nvalues = [{yes_no}]\n\n\
         [[comparison.criteria]]\ngroup = \"Scores\"\nname = \"Speed\"\nhelp = \"Days from receipt to approval, the fewer the better.\"\nweight = 4\nvalues = [{scores}]\n\n\
         [[comparison.criteria]]\ngroup = \"Scores\"\nname = \"Control and audit trail\"\nweight = 3\nvalues = [{scores}]\n+++\nWhere each option wins.\n",
        count = options.len(),
        names = names.join(", "),
        text = list(&[
            "\"your own team, by email and spreadsheets\"",
            "\"the provider's team, in 1–3 days\""
        ]),
        yes_no = list(&["\"no\"", "\"partial\"", "\"yes\""]),
        scores = list(&["1", "3", "5", "2"]),
    )
}

/// A small site with the three sheets, built and served.
fn site() -> Served {
    let dir = small_site();
    let config = read(dir.path(), "stepwise.toml").replacen(
        "[[stakeholders]]",
        "[[kinds]]\nslug = \"comparison\"\ntitle = \"Comparison sheet\"\nplural = \"Comparison sheets\"\n\n[[stakeholders]]",
        1,
    );
    write(dir.path(), "stepwise.toml", &config);
    for (slug, options) in SHEETS {
        write(
            dir.path(),
            &format!("content/comparisons/{slug}.md"),
            &sheet(options),
        );
    }
    build_and_serve(dir.path())
}

/// Where the things a buyer must see are, measured in the page.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Seen {
    scroll_width: f64,
    inner_width: f64,
    /// Each criterion's name (and the weighted score's row): its text, left and right edge.
    criteria: Vec<(String, f64, f64)>,
    /// Every place that shows ours: the header cell, or each value's label on a phone.
    ours: Vec<(String, f64, f64)>,
    /// Ours's weighted score: its text, left and right edge.
    score: (String, f64, f64),
    /// Whether the sheet is laid out as a table.
    table: bool,
}

/// Measures the sheet with its table scrolled to `scroll` ("start" or "end").
fn seen(page: &mut Page<'_>, scroll: &str) -> Seen {
    page.eval(&format!(
        "(() => {{
          const region = document.querySelector('.comparison-scroll');
          region.scrollLeft = '{scroll}' === 'end' ? region.scrollWidth : 0;
          const shown = (el) => {{ const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }};
          const edges = (el, text) => {{ const r = el.getBoundingClientRect(); return [text, r.left, r.right]; }};
          const label = (el) => getComputedStyle(el, '::before').content.replace(/^\"|\"$/g, '');
          const ours = [...document.querySelectorAll('.comparison-table .is-ours')].filter(shown)
            .filter((el) => !el.closest('tfoot'))
            .map((el) => edges(el, label(el) === 'none'
              ? document.querySelector('thead .is-ours').textContent.trim() : label(el)));
          const score = document.querySelector('.comparison-table tfoot .is-ours');
          return {{
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            criteria: [...document.querySelectorAll('.comparison-table th[scope=row]')]
              .map((th) => edges(th, th.firstChild.textContent.trim())),
            ours,
            score: edges(score, score.textContent.trim()),
            table: getComputedStyle(document.querySelector('.comparison-table')).display === 'table',
          }};
        }})()"
    ))
}

/// True when the edges lie within a screen `width` wide.
fn on_screen(left: f64, right: f64, width: f64) -> bool {
    left >= 0.0 && right <= width && right > left
}

#[test]
fn on_a_phone_ours_its_score_and_every_criterion_stay_on_screen() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let site = site();
    for (slug, options) in SHEETS {
        let url = site.url(&format!("/comparison-sheets/{slug}/"));
        for javascript in [true, false] {
            let mut page = browser.open_with(&url, PHONE, javascript);
            for scroll in ["start", "end"] {
                let seen = seen(&mut page, scroll);
                let at = format!(
                    "{slug} ({} options), scrolled to the {scroll}, script {javascript}",
                    options.len()
                );
                assert!(
                    seen.scroll_width <= seen.inner_width,
                    "{at}: the page is {} px wide on a {} px phone",
                    seen.scroll_width,
                    seen.inner_width
                );
                let width = seen.inner_width;
                assert_eq!(seen.criteria.len(), 5, "{at}: four criteria and the score");
                for (name, left, right) in &seen.criteria {
                    assert!(
                        on_screen(*left, *right, width),
                        "{at}: the criterion {name:?} is at {left}–{right} px"
                    );
                }
                assert!(!seen.ours.is_empty(), "{at}: ours is shown");
                for (name, left, right) in &seen.ours {
                    assert!(
                        name.contains("Ledgerline"),
                        "{at}: ours is named, not {name:?}"
                    );
                    assert!(
                        on_screen(*left, *right, width),
                        "{at}: ours ({name:?}) is at {left}–{right} px"
                    );
                }
                let (score, left, right) = &seen.score;
                assert!(!score.is_empty(), "{at}: ours has a score");
                assert!(
                    on_screen(*left, *right, width),
                    "{at}: ours's score {score} is at {left}–{right} px"
                );
            }
        }
    }
}

#[test]
fn on_a_desktop_every_sheet_is_one_table_with_ours_in_its_header() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let site = site();
    for (slug, options) in SHEETS {
        let mut page = browser.open(&site.url(&format!("/comparison-sheets/{slug}/")), DESKTOP);
        let seen = seen(&mut page, "start");
        assert!(seen.table, "{slug}: a table at desktop width");
        let marked: usize =
            page.eval("document.querySelectorAll('.comparison-table thead .is-ours').length");
        assert_eq!(marked, 1, "{slug}: ours is marked in the header row");
        let headers: usize =
            page.eval("document.querySelectorAll('.comparison-table thead th').length");
        assert_eq!(
            headers,
            options.len() + 2,
            "{slug}: a column for every option"
        );
        assert!(seen.scroll_width <= seen.inner_width, "{slug}");
    }
}

#[test]
fn every_sheet_passes_the_gates_at_both_widths() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let site = site();
    let pages: Vec<gates::SitePage> = gates::pages(site.path())
        .into_iter()
        .filter(|page| page.page_type == "asset comparison")
        .collect();
    assert_eq!(pages.len(), SHEETS.len());
    let refs: Vec<&gates::SitePage> = pages.iter().collect();
    assert_passes("axe", &gates::axe_gate(&mut browser, &site, &refs));
    let visits = gates::visit(&mut browser, &site, &pages, None);
    assert_passes("phone", &gates::phone_gate(&visits));
    assert_passes("console", &gates::console_gate(&visits));
    let files: Vec<std::path::PathBuf> = pages.iter().map(|page| page.file.clone()).collect();
    if let Some(failures) = gates::nu_gate(site.path(), &files, false) {
        assert_passes("Nu Html Checker", &failures);
    }
}
