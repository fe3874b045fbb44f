//! Every file of the output claims its path once: clashes name both sources, addresses are
//! valid URIs, and a build cleans up after a build that was stopped.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;

use common::{fails, fingerprinted, read, small_site, stderr, stepwise, write};

/// Builds the site in `dir`, which must fail with exactly one error and write nothing; returns
/// the report.
fn build_fails_once(dir: &std::path::Path) -> String {
    let run = stepwise(dir, &["build"]);
    let report = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{report}");
    assert!(
        report.ends_with("error: stopped with 1 error; nothing was written\n"),
        "{report}"
    );
    assert!(!dir.join("output").exists(), "a failed build wrote output/");
    report
}

#[test]
fn a_bundle_file_named_like_its_page_is_an_error_naming_both() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/roi/index.md",
        "+++\ntitle = \"ROI model\"\nkind = \"guide\"\nsteps = [\"options\"]\n+++\nBody.\n",
    );
    write(
        site.path(),
        "content/guides/roi/index.html",
        "<p>Old export</p>",
    );
    let report = build_fails_once(site.path());
    assert!(
        report.contains("error: two files would be published at `guides/roi/index.html`"),
        "{report}"
    );
    assert!(
        report.contains("┌─ content/guides/roi/index.html"),
        "{report}"
    );
    assert!(report.contains("content/guides/roi/index.md"), "{report}");
    assert!(report.contains("rename or move one of them"), "{report}");
}

#[test]
fn a_static_file_in_place_of_the_overview_is_an_error() {
    let site = small_site();
    write(site.path(), "static/index.html", "<p>My own home page</p>");
    let report = build_fails_once(site.path());
    assert!(
        report.contains("error: two files would be published at `index.html`"),
        "{report}"
    );
    assert!(report.contains("┌─ static/index.html"), "{report}");
    assert!(report.contains("the journey overview"), "{report}");
}

#[test]
fn a_clash_of_paths_is_reported_before_a_template_error_as_they_are_found() {
    let site = small_site();
    write(site.path(), "static/index.html", "<p>My own home page</p>");
    write(
        site.path(),
        "templates/step.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ step.title }{% endblock %}\n",
    );
    let run = stepwise(site.path(), &["build"]);
    let report = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{report}");
    let clash = report.find("error: two files would be published at `index.html`");
    let template = report.find("error: template error:");
    assert!(
        clash.is_some() && template.is_some() && clash < template,
        "the clash of paths, found while planning the output, comes first:\n{report}"
    );
}

#[test]
fn a_site_static_file_still_replaces_the_themes_file_of_the_same_name() {
    let site = small_site();
    write(site.path(), "static/style.css", "body { color: black }");
    let run = stepwise(site.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        read(
            site.path(),
            &format!(
                "output/{}",
                fingerprinted(&site.path().join("output"), "style.css")
            )
        ),
        "body { color: black }"
    );
}

#[test]
fn unicode_file_names_publish_at_ascii_addresses() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/Über Café.md",
        "+++\ntitle = \"Über\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nBody.\n",
    );
    write(
        site.path(),
        "content/guides/plan/index.md",
        "+++\ntitle = \"Plan\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nBody.\n",
    );
    write(
        site.path(),
        "content/guides/plan/Q3 Modell Übersicht.xlsx",
        "cells",
    );
    let run = stepwise(site.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        site.path()
            .join("output/guides/uber-cafe/index.html")
            .is_file()
    );
    let sitemap = read(site.path(), "output/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.com/guides/uber-cafe/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.is_ascii(),
        "every address in the sitemap is a valid URI"
    );
    let page = read(site.path(), "output/guides/plan/index.html");
    assert!(
        page.contains("href=\"/guides/plan/Q3%20Modell%20%C3%9Cbersicht.xlsx\""),
        "the attachment's link is percent-encoded"
    );
}

#[test]
fn a_base_url_that_is_neither_an_address_nor_a_path_is_an_error() {
    for given in ["not a url", "guide", "ftp://example.com/"] {
        let site = small_site();
        let report = fails(site.path(), &["build", "--base-url", given]);
        assert!(
            report.contains(&format!(
                "error: `{given}` is not an address for `--base-url`"
            )),
            "{report}"
        );
        assert!(report.contains("a path that starts with `/`"), "{report}");
        assert!(!site.path().join("output").exists());
    }
}

#[test]
fn a_base_url_path_gives_root_relative_links() {
    let site = small_site();
    let run = stepwise(site.path(), &["build", "--base-url", "/preview"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let step = read(site.path(), "output/steps/facts/index.html");
    assert!(step.contains("href=\"/preview/steps/options/\""), "{step}");
}

#[test]
fn staging_folders_of_a_stopped_build_are_removed_by_the_next_build() {
    let site = small_site();
    // A process id that no running process has: larger than Linux's maximum.
    let stale = ["new", "old"].map(|role| {
        site.path()
            .join(format!(".output.stepwise-{role}-99999999"))
    });
    for folder in &stale {
        write(folder, "index.html", "half written");
    }
    let run = stepwise(site.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    for folder in &stale {
        assert!(!folder.exists(), "{} is left", folder.display());
    }
    let ignored = fs::read_to_string(common::repository().join(".gitignore")).unwrap();
    assert!(
        ignored.lines().any(|line| line == "/.output.stepwise-*"),
        "git ignores the staging folders of output/"
    );
}

#[test]
fn a_command_refuses_flags_it_would_ignore() {
    let site = small_site();
    for args in [
        &["init", "new-site", "--drafts"][..],
        &["init", "new-site", "--base-url", "/"],
        &["serve", "--base-url", "/"],
        &["serve", "--output-dir", "elsewhere"],
    ] {
        let run = stepwise(site.path(), args);
        assert_eq!(run.status.code(), Some(2), "{args:?} is refused");
        assert!(
            stderr(&run).contains("unexpected argument"),
            "{}",
            stderr(&run)
        );
    }
    assert!(!site.path().join("new-site").exists());
}
