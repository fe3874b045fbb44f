//! The harness's own tests: a deliberately broken page fails the right gate, with a message
//! naming the page and the rule, and a good page passes them all.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::OnceLock;

use common::browser::Browser;
use common::gates::{self, Failure, Visit};
use common::served::{Served, serve_folder};
use common::{small_site, write};

/// The call to action every test page links to from its header.
const CTA: &str = "https://www.example.com/contact";

/// A valid page with `head` in its head and `body` after its header.
fn page(head: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>A test page</title>\n{head}\n</head>\n<body>\n\
         <header><a href=\"{CTA}\">Talk to us</a></header>\n<main>\n<h1>A test page</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

/// Text that gzip cannot shrink much: `bytes` characters of 64 kinds from a simple
/// pseudo-random sequence (six bits of entropy each).
fn incompressible(bytes: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..bytes)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(ALPHABET[(state % 64) as usize])
        })
        .collect()
}

/// A table of `columns` long cells.
fn table(columns: usize) -> String {
    let cells = "<td>a-rather-long-unbreakable-cell-value</td>".repeat(columns);
    format!("<table><tr>{cells}</tr></table>")
}

/// The test pages, each broken in one way (but `good.html`), served on loopback.
fn broken_site() -> &'static Served {
    static SITE: OnceLock<Served> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let pages = [
            ("good.html", page("", "<p>Nothing wrong here.</p>")),
            ("404.html", page("", "<p>Not found.</p>")),
            ("unlabelled-input.html", page("", "<input type=\"text\">")),
            (
                "heavy.html",
                page("", &format!("<p>{}</p>", incompressible(80_000))),
            ),
            ("overflowing-table.html", page("", &table(8))),
            (
                "unlabelled-scroller.html",
                page(
                    "",
                    &format!("<div style=\"overflow-x: auto\">{}</div>", table(8)),
                ),
            ),
            (
                "external-font.html",
                page(
                    "<link rel=\"stylesheet\" href=\"https://fonts.example.net/css?family=Inter\">",
                    "",
                ),
            ),
            (
                "console-error.html",
                page("<script>console.error(\"boom\")</script>", ""),
            ),
            (
                "missing-image.html",
                page("", "<img src=\"missing.png\" alt=\"A chart\">"),
            ),
            (
                "cta-below.html",
                page("", "<div style=\"height: 2000px\"></div>")
                    .replacen("<header>", "<footer>", 1),
            ),
        ];
        for (name, html) in pages {
            write(dir.path(), name, &html);
        }
        serve_folder(dir)
    })
}

/// Every test page opened on a phone (`None` when there is no browser).
fn visits() -> Option<&'static [Visit]> {
    static VISITS: OnceLock<Option<Vec<Visit>>> = OnceLock::new();
    VISITS
        .get_or_init(|| {
            let mut browser = Browser::start()?;
            let pages = gates::pages(broken_site().path());
            Some(gates::visit(&mut browser, broken_site(), &pages, Some(CTA)))
        })
        .as_deref()
}

/// Asserts that the failures name exactly the pages in `expected` (and so not `good.html`),
/// each with a rule that contains `rule`.
fn assert_fails_on(failures: &[Failure], expected: &[&str], rule: &str) {
    let mut pages: Vec<&str> = failures.iter().map(|f| f.page.as_str()).collect();
    pages.dedup();
    assert_eq!(pages, expected, "failures: {failures:#?}");
    for f in failures {
        assert!(f.rule.contains(rule), "`{f}` should name the rule `{rule}`");
    }
}

#[test]
fn an_unlabelled_input_fails_axe_at_both_widths() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let pages = gates::pages(broken_site().path());
    let chosen: Vec<_> = pages
        .iter()
        .filter(|p| p.path == "/good.html" || p.path == "/unlabelled-input.html")
        .collect();
    let failures = gates::axe_gate(&mut browser, broken_site(), &chosen);
    let rules: Vec<&str> = failures.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"axe label at 1280 px"), "{failures:#?}");
    assert!(rules.contains(&"axe label at 375 px"), "{failures:#?}");
    assert!(
        failures.iter().all(|f| f.page == "/unlabelled-input.html"),
        "{failures:#?}"
    );
}

#[test]
fn a_60_kb_page_fails_the_weight_gate_as_the_heaviest() {
    if let Some(visits) = visits() {
        let failures = gates::weight_gate(visits);
        assert_fails_on(&failures, &["/heavy.html"], "weight");
        assert!(failures[0].detail.contains("heaviest"), "{}", failures[0]);
    }
}

#[test]
fn an_overflowing_table_fails_the_phone_gate() {
    if let Some(visits) = visits() {
        let failures = gates::phone_gate(visits);
        let on = |page: &str| -> Vec<String> {
            failures
                .iter()
                .filter(|f| f.page == page)
                .map(ToString::to_string)
                .collect()
        };
        assert!(on("/good.html").is_empty(), "{failures:#?}");
        let overflowing = on("/overflowing-table.html").join("\n");
        assert!(
            overflowing.contains("phone: scrolls sideways"),
            "{overflowing}"
        );
        let scroller = on("/unlabelled-scroller.html").join("\n");
        assert!(
            scroller.contains("phone: wide table: table 1 scrolls inside div"),
            "{scroller}"
        );
        let below = on("/cta-below.html").join("\n");
        assert!(below.contains("phone: call to action"), "{below}");
    }
}

#[test]
fn an_external_font_fails_the_origin_gate() {
    if let Some(visits) = visits() {
        let failures = gates::origin_gate(visits);
        assert_fails_on(
            &failures,
            &["/external-font.html"],
            "request to another origin",
        );
        assert!(
            failures[0].detail.starts_with("https://fonts.example.net/"),
            "{}",
            failures[0]
        );
    }
}

#[test]
fn a_console_error_and_a_missing_image_fail_the_console_gate() {
    if let Some(visits) = visits() {
        let failures = gates::console_gate(visits);
        assert_fails_on(
            &failures,
            &["/console-error.html", "/missing-image.html"],
            "",
        );
        let listed: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert!(
            listed.contains(&"/console-error.html: console error: boom".to_string()),
            "{listed:#?}"
        );
        let missing = format!(
            "/missing-image.html: failed request: {}missing.png (404)",
            broken_site().base_url
        );
        assert!(listed.contains(&missing), "{listed:#?}");
    }
}

#[test]
fn invalid_html_fails_the_nu_html_checker_naming_the_file_and_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(dir.path(), "good.html", &page("", "<p>Fine.</p>"));
    write(
        dir.path(),
        "bad.html",
        &page("", "<p><div>A block in a paragraph</p>"),
    );
    let files = [dir.path().join("bad.html"), dir.path().join("good.html")];
    if let Some(failures) = gates::nu_gate(dir.path(), &files, false) {
        assert!(!failures.is_empty(), "no failure for bad.html");
        for f in &failures {
            assert!(f.page.starts_with("bad.html:"), "{f}");
            assert_eq!(f.rule, "Nu Html Checker error");
        }
    }
}

#[test]
fn the_page_set_has_one_page_of_each_type_and_kind() {
    let site = small_site();
    let config = std::fs::read_to_string(site.path().join("stepwise.toml")).expect("the config");
    let published = format!("{config}\n[coverage]\npublish = true\n");
    write(site.path(), "stepwise.toml", &published);
    let output = site.path().join("output");
    let result = common::stepwise(site.path(), &["build"]);
    assert!(result.status.success(), "{}", common::stderr(&result));
    let pages = gates::pages(&output);
    let chosen: Vec<(&str, &str)> = gates::one_of_each_type(&pages)
        .iter()
        .map(|p| (p.page_type.as_str(), p.path.as_str()))
        .collect();
    assert_eq!(
        chosen,
        [
            ("404", "/404.html"),
            ("asset checklist", "/checklists/ready/"),
            ("asset guide", "/guides/facts-guide/"),
            ("coverage", "/coverage/"),
            ("finder", "/resources/"),
            ("index", "/"),
            ("kind", "/kinds/checklist/"),
            ("stakeholder", "/stakeholders/finance/"),
            ("step", "/steps/facts/"),
        ]
    );
}

#[test]
fn an_inline_script_fails_the_inline_script_gate_and_json_data_does_not() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(
        dir.path(),
        "good.html",
        &page(
            "<script src=\"/a.js\" defer></script>",
            "<script type=\"application/json\">{}</script>",
        ),
    );
    write(
        dir.path(),
        "inline.html",
        &page("<script>console.error(\"boom\")</script>", ""),
    );
    let failures = gates::inline_script_gate(&gates::pages(dir.path()));
    assert_fails_on(&failures, &["/inline.html"], "inline script");
}
