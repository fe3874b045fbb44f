//! "Send these numbers": a calculator with `send_to` links the buyer's scenario to a form (as
//! query parameters) or a mailbox (as a subject and a body). The built page links the figures of
//! the defaults; in a browser the link follows the buyer's numbers, each figure exactly as the
//! page shows it, and the page passes axe-core at both widths; a bad address stops the build at
//! its place in the file.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::browser::{Browser, DESKTOP, PHONE};
use common::gates::AXE_TAGS;
use common::served::build_and_serve;
use common::{fails, read, repository, small_site, stderr, stepwise, write};

const INVOICE_PAGE: &str = "/savings-calculators/invoice-processing-cost/";
const SAMPLE_FORM: &str = "https://ledgerline.example/business-case";
const SAMPLE_PERMALINK: &str =
    "https://guide.ledgerline.example/savings-calculators/invoice-processing-cost/";

/// The opening tag of the "send these numbers" link in a page.
fn send_tag(html: &str) -> &str {
    let start = html.find("<a class=\"button\" href=").expect("a send link");
    let tag = &html[start..start + html[start..].find('>').unwrap()];
    assert!(tag.contains(" data-calc-send "), "{tag}");
    tag
}

/// The value of `name="…"` in a tag, with the HTML escapes Tera writes undone.
fn attribute(tag: &str, name: &str) -> String {
    let value = tag.split(&format!(" {name}=\"")).nth(1).expect(name);
    let value = &value[..value.find('"').unwrap()];
    value
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The pairs of an address's query, decoded, in order.
fn query_pairs(address: &str) -> Vec<(String, String)> {
    let query = address.split_once('?').expect("a query").1;
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(text)
            .decode_utf8()
            .unwrap()
            .to_string()
    };
    query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').expect("name=value");
            (decode(name), decode(value))
        })
        .collect()
}

/// The text of the `<output>` of `id` in a page.
fn output_text(html: &str, id: &str) -> String {
    let start = html.find(&format!("<output id=\"calc-out-{id}\"")).unwrap();
    let rest = &html[start..];
    rest[rest.find('>').unwrap() + 1..rest.find("</output>").unwrap()].to_string()
}

#[test]
fn the_built_page_links_the_figures_of_the_defaults() {
    let output = tempfile::tempdir().unwrap();
    let run = stepwise(
        &repository(),
        &["build", "--output-dir", output.path().to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let html = read(output.path(), &format!("{}index.html", &INVOICE_PAGE[1..]));
    let tag = send_tag(&html);
    let href = attribute(tag, "href");
    assert!(href.starts_with(&format!("{SAMPLE_FORM}?")), "{href}");
    assert!(
        href.contains("&annual_saving=%24205%2C500&"),
        "written as encodeURIComponent writes it: {href}"
    );
    let pairs = query_pairs(&href);
    let names: Vec<&str> = pairs.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names[..2],
        ["invoices_per_month", "cost_per_invoice"],
        "the inputs first, in order"
    );
    assert_eq!(pairs[0].1, "2500", "an input as its field holds it");
    assert_eq!(pairs[1].1, "11.5");
    for (name, value) in &pairs {
        if html.contains(&format!("<output id=\"calc-out-{name}\"")) {
            assert_eq!(
                value,
                &output_text(&html, name),
                "{name} as the page shows it"
            );
        }
    }
    let outputs = html.matches("<output id=\"calc-out-").count();
    let inputs = html.matches("<input id=\"calc-in-").count();
    assert_eq!(pairs.len(), inputs + outputs + 1, "{pairs:?}");
    assert_eq!(
        pairs.last().unwrap(),
        &("asset".to_string(), SAMPLE_PERMALINK.to_string())
    );
    assert_eq!(attribute(tag, "data-send-to"), SAMPLE_FORM);
    assert_eq!(attribute(tag, "data-step-event"), "send-numbers");
    assert_eq!(attribute(tag, "data-asset"), "invoice-processing-cost");
    assert!(!tag.contains("data-send-subject"), "a form gets no subject");
}

/// A small site with one calculator; `send_to` is written under `[calculator]`.
fn site_sending_to(send_to: &str) -> tempfile::TempDir {
    let site = small_site();
    let config = read(site.path(), "stepwise.toml").replacen(
        "[[stakeholders]]",
        "[[kinds]]\nslug = \"calculator\"\ntitle = \"Calculator\"\nplural = \"Calculators\"\n\n[[stakeholders]]",
        1,
    );
    write(site.path(), "stepwise.toml", &config);
    write(
        site.path(),
        "content/calculators/travel.md",
        &format!(
            "+++\ntitle = \"Travel\"\nkind = \"calculator\"\nsteps = [\"options\"]\n\n[calculator]\nsend_to = {send_to:?}\n\n[[calculator.inputs]]\nid = \"trips\"\nlabel = \"Trips a year\"\ndefault = 4\n\n[[calculator.inputs]]\nid = \"trip_cost\"\nlabel = \"Cost of a trip\"\ndefault = 900\nformat = \"currency\"\n\n[[calculator.outputs]]\nid = \"saved\"\nlabel = \"Saved\"\nformula = \"trips * trip_cost\"\nformat = \"currency\"\n+++\nBody.\n"
        ),
    );
    site
}

#[test]
fn a_mailbox_gets_a_subject_and_a_body_of_the_figures() {
    let site = site_sending_to("mailto:sales@example.com?cc=team@example.com");
    let run = stepwise(site.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = read(site.path(), "output/calculators/travel/index.html");
    let href = attribute(send_tag(&html), "href");
    assert!(
        href.starts_with(
            "mailto:sales@example.com?cc=team@example.com&subject=Our%20numbers%3A%20Travel&body="
        ),
        "{href}"
    );
    assert_eq!(
        query_pairs(&href),
        [
            ("cc".to_string(), "team@example.com".to_string()),
            ("subject".into(), "Our numbers: Travel".into()),
            (
                "body".into(),
                "Trips a year: 4\r\nCost of a trip: $900\r\nSaved: $3,600\r\n\r\nhttps://example.com/calculators/travel/".into()
            ),
        ]
    );
    assert!(html.contains("data-send-subject=\"Our numbers: Travel\""));
}

#[test]
fn a_bad_address_stops_the_build_at_its_place_with_help() {
    let cases = [
        (
            "http://crm.example/lead",
            "error: `send_to` `http://crm.example/lead` is not encrypted",
            "help: use the form's `https://` address",
        ),
        (
            "crm.example/lead",
            "error: `send_to` `crm.example/lead` is not an `https://` or `mailto:` address",
            "help: give the `https://` address of a form",
        ),
        (
            "https://",
            "error: `send_to` `https://` cannot be read as an address with a host",
            "help: give the `https://` address of a form",
        ),
        (
            "mailto:sales",
            "error: `send_to` `mailto:sales` names no mailbox to write to",
            "help: write `mailto:` and the address",
        ),
        (
            "mailto:sales@example.com?subject=Hi",
            "error: `send_to` `mailto:sales@example.com?subject=Hi` sets a `subject` of its own",
            "help: remove `subject` and `body` from the address",
        ),
    ];
    for (send_to, message, help) in cases {
        let site = site_sending_to(send_to);
        let report = fails(site.path(), &["build"]);
        assert!(report.contains(message), "{send_to}: {report}");
        assert!(
            report.contains("┌─ content/calculators/travel.md:7:11"),
            "{send_to}: {report}"
        );
        assert!(report.contains(help), "{send_to}: {report}");
        assert!(!site.path().join("output").exists());
    }
}

#[test]
fn every_bad_address_and_a_clashing_id_are_reported_in_one_run() {
    let site = site_sending_to("ftp://crm.example/");
    let clash = read(site.path(), "content/calculators/travel.md")
        .replace(
            "send_to = \"ftp://crm.example/\"",
            "send_to = \"https://crm.example/\"",
        )
        .replace("id = \"trips\"", "id = \"asset\"")
        .replace("trips * trip_cost", "asset * trip_cost");
    write(site.path(), "content/calculators/clash.md", &clash);
    let report = fails(site.path(), &["build"]);
    assert!(
        report.contains("`ftp://crm.example/` is not an `https://` or `mailto:` address"),
        "{report}"
    );
    assert!(
        report
            .contains("error: the id `asset` is the name `send_to` gives the address of this page"),
        "{report}"
    );
    assert!(
        report.contains("┌─ content/calculators/clash.md:10:6"),
        "{report}"
    );
    assert!(report.contains("stopped with 2 errors"), "{report}");
}

/// Adds a `[calculators]` table with `send_to` to the site's `stepwise.toml`.
fn site_wide(site: &tempfile::TempDir, send_to: &str) {
    let config = read(site.path(), "stepwise.toml");
    let config = format!("{config}\n[calculators]\nsend_to = {send_to:?}\n");
    write(site.path(), "stepwise.toml", &config);
}

#[test]
fn the_sites_address_serves_every_calculator_without_one_of_its_own() {
    let site = site_sending_to("https://crm.example/travel");
    site_wide(&site, "mailto:sales@example.com");
    let own = read(site.path(), "content/calculators/travel.md");
    let without = own.replace("send_to = \"https://crm.example/travel\"\n", "");
    write(site.path(), "content/calculators/plain.md", &without);
    let run = stepwise(site.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = |slug: &str| {
        read(
            site.path(),
            &format!("output/calculators/{slug}/index.html"),
        )
    };
    let plain = attribute(send_tag(&page("plain")), "href");
    assert!(
        plain.starts_with("mailto:sales@example.com?subject="),
        "{plain}"
    );
    let travel = attribute(send_tag(&page("travel")), "href");
    assert!(
        travel.starts_with("https://crm.example/travel?trips=4&"),
        "a calculator's own address replaces the site's: {travel}"
    );
}

#[test]
fn a_bad_address_for_the_site_stops_the_build_in_stepwise_toml() {
    let site = site_sending_to("https://crm.example/travel");
    site_wide(&site, "ftp://crm.example/");
    let lines = read(site.path(), "stepwise.toml").lines().count();
    let report = fails(site.path(), &["build"]);
    assert!(
        report.contains("error: `calculators.send_to` `ftp://crm.example/` is not an `https://` or `mailto:` address"),
        "{report}"
    );
    assert!(
        report.contains(&format!("┌─ stepwise.toml:{lines}:11")),
        "{report}"
    );
    assert!(report.contains("stopped with 1 error"), "{report}");
}

#[test]
fn in_a_browser_the_link_carries_the_buyers_numbers_as_the_page_shows_them() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let site = build_and_serve(&repository());
    let built = {
        let html = std::fs::read_to_string(site.path().join(&INVOICE_PAGE[1..]).join("index.html"))
            .unwrap();
        attribute(send_tag(&html), "href")
    };
    for viewport in [DESKTOP, PHONE] {
        let violations = browser
            .open(&site.url(INVOICE_PAGE), viewport)
            .axe(AXE_TAGS);
        assert!(
            violations.is_empty(),
            "at {} px: {violations:?}",
            viewport.width
        );
    }
    let href = "document.querySelector('[data-calc-send]').getAttribute('href')";
    let mut page = browser.open(&site.url(INVOICE_PAGE), PHONE);
    let opened: String = page.eval(href);
    assert_eq!(
        opened, built,
        "the script writes the defaults' link exactly as the build did"
    );
    page.type_text("#calc-in-invoices_per_month", "4000");
    let typed: String = page.eval(href);
    let shown: Vec<(String, String)> = page.eval(
        "[...document.querySelectorAll('output[id^=calc-out-]')].map(o => [o.id.slice(9), o.textContent])",
    );
    let pairs = query_pairs(&typed);
    assert!(
        pairs.contains(&("invoices_per_month".into(), "4000".into())),
        "{pairs:?}"
    );
    let inputs: usize = page.eval("document.querySelectorAll('[data-calc-form] input').length");
    assert_eq!(pairs.len(), inputs + shown.len() + 1, "{pairs:?}");
    for (id, text) in &shown {
        assert!(
            pairs.contains(&(id.clone(), text.clone())),
            "{id} as the page shows it, {text:?}: {pairs:?}"
        );
    }
    let annual = shown.iter().find(|(id, _)| id == "annual_saving").unwrap();
    assert_ne!(
        annual.1, "$205,500",
        "the figure changed with the buyer's number"
    );
    assert_eq!(
        pairs.last().unwrap(),
        &(
            "asset".to_string(),
            SAMPLE_PERMALINK.replace("https://guide.ledgerline.example/", &site.base_url)
        )
    );
}
