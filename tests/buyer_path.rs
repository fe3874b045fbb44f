//! The way on from every page a buyer may land on: a step's trial close beside its next step, on
//! the step's page and on its assets' pages, with the last step's call to action as the trial
//! close of the last step; an asset page that ends with the next step and related resources.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;

use common::{element, fails, links, read, small_site, stepwise, write};

/// The small site with a trial close on its first step.
fn site_with_a_close(url: &str) -> tempfile::TempDir {
    let site = small_site();
    let config = read(site.path(), "stepwise.toml").replacen(
        "question = \"What is going on?\"\n",
        &format!(
            "question = \"What is going on?\"\n\n[steps.close]\ntitle = \"Book a fit check\"\ntext = \"Twenty minutes.\"\nurl = \"{url}\"\n"
        ),
        1,
    );
    fs::write(site.path().join("stepwise.toml"), config).unwrap();
    site
}

fn build(site: &std::path::Path) {
    let run = stepwise(site, &["build"]);
    assert!(run.status.success(), "{}", common::stderr(&run));
}

#[test]
fn a_trial_close_shows_beside_the_next_step_on_the_step_and_its_assets() {
    let site = site_with_a_close("https://www.example.com/fit-check");
    build(site.path());
    let out = site.path().join("output");
    let step = read(&out, "steps/facts/index.html");
    let exit = element(&step, "<section class=\"exit\"");
    assert_eq!(
        links(exit),
        ["/steps/options/", "https://www.example.com/fit-check"],
        "{exit}"
    );
    assert!(exit.contains("Book a fit check") && exit.contains("Twenty minutes."));
    let guide = read(&out, "guides/facts-guide/index.html");
    let next = element(&guide, "<section class=\"asset-next\"");
    assert_eq!(
        links(next)[..2],
        ["/steps/options/", "https://www.example.com/fit-check"],
        "{next}"
    );
    // the step without a close offers the next step alone
    let options = read(&out, "steps/options/index.html");
    assert_eq!(
        links(element(&options, "<section class=\"exit\"")),
        ["/steps/sign/"]
    );
}

#[test]
fn the_last_steps_call_to_action_is_its_trial_close() {
    let site = small_site();
    build(site.path());
    let out = site.path().join("output");
    let last = read(&out, "steps/sign/index.html");
    let exit = element(&last, "<section class=\"exit\"");
    assert_eq!(links(exit), ["https://www.example.com/contact"], "{exit}");
    let checklist = read(&out, "checklists/ready/index.html");
    let next = element(&checklist, "<section class=\"asset-next\"");
    assert_eq!(links(next), ["https://www.example.com/contact"], "{next}");
}

#[test]
fn a_trial_close_that_would_run_code_is_refused_at_its_field() {
    for url in ["javascript:alert(1)", "data:text/html,x"] {
        let site = site_with_a_close(url);
        let report = fails(site.path(), &["build"]);
        assert!(
            report.contains("`steps.close.url` is a `") && report.contains("stepwise.toml:16:"),
            "{report}"
        );
    }
}

#[test]
fn an_asset_page_ends_with_related_resources_and_its_lead_once() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/options-guide.md",
        "+++\ntitle = \"Options guide\"\nkind = \"guide\"\nsteps = [\"facts\"]\nstakeholders = [\"it\"]\nreviewed = 2026-05-17\n+++\nOnly paragraph.\n",
    );
    build(site.path());
    let out = site.path().join("output");
    let guide = read(&out, "guides/facts-guide/index.html");
    let next = element(&guide, "<section class=\"asset-next\"");
    assert!(
        links(next).contains(&"/guides/options-guide/"),
        "the other asset of the step is related: {next}"
    );
    let options = read(&out, "guides/options-guide/index.html");
    let article = element(&options, "<article class=\"asset\"");
    assert_eq!(article.matches("Only paragraph.").count(), 1, "{article}");
    assert!(options.contains("<time datetime=\"2026-05-17\">May 17, 2026</time>"));
}

#[test]
fn an_empty_last_step_without_a_way_on_says_so_without_an_empty_list() {
    let site = small_site();
    fs::remove_file(site.path().join("content/checklists/ready.md")).unwrap();
    let config = read(site.path(), "stepwise.toml").replacen(
        "[call_to_action]\ntitle = \"Talk to us\"\nurl = \"https://www.example.com/contact\"\n",
        "",
        1,
    );
    fs::write(site.path().join("stepwise.toml"), config).unwrap();
    build(site.path());
    let last = read(&site.path().join("output"), "steps/sign/index.html");
    let empty = element(&last, "<div class=\"empty\"");
    assert!(
        empty.contains("Nothing is written for this step yet.") && !empty.contains("<ul"),
        "{empty}"
    );
    assert_eq!(
        links(empty),
        ["/resources/"],
        "the resource finder is the way on"
    );
}
