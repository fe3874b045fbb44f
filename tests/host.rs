//! What static hosts read: fingerprinted stylesheets and scripts that change name when, and only
//! when, their bytes change; `.nojekyll`, `CNAME` and `_headers`.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::path::Path;

use common::{fails, fingerprinted, read, repository, small_site, stderr, stepwise, write};

/// Builds the site at `site` into a new temporary folder with `extra` flags.
fn built(site: &Path, extra: &[&str]) -> tempfile::TempDir {
    let output = tempfile::tempdir().unwrap();
    let out = output.path().to_str().unwrap();
    let mut args = vec!["build", "--output-dir", out, "--today", "2026-12-01"];
    args.extend_from_slice(extra);
    let run = stepwise(site, &args);
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    output
}

/// The `href` of the page's stylesheet link.
fn stylesheet_link(page: &str) -> &str {
    page.split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page links its stylesheet")
}

#[test]
fn fingerprinted_names_change_when_the_file_changes_and_not_otherwise() {
    let site = small_site();
    write(site.path(), "static/style.css", "body { color: black }\n");
    let first = built(site.path(), &[]);
    let style = fingerprinted(first.path(), "style.css");
    assert!(
        !first.path().join("style.css").exists(),
        "no plain name is published"
    );
    assert_eq!(
        stylesheet_link(&read(first.path(), "index.html")),
        format!("/{style}")
    );

    let again = built(site.path(), &[]);
    assert_eq!(
        fingerprinted(again.path(), "style.css"),
        style,
        "an unchanged file keeps its name"
    );
    assert_eq!(
        fingerprinted(again.path(), "checklist.js"),
        fingerprinted(first.path(), "checklist.js")
    );

    write(site.path(), "static/style.css", "body { color: blacK }\n");
    let changed = built(site.path(), &[]);
    let new_style = fingerprinted(changed.path(), "style.css");
    assert_ne!(new_style, style, "one changed byte gives a new name");
    for page in [
        "index.html",
        "steps/facts/index.html",
        "404.html",
        "guides/facts-guide/index.html",
    ] {
        assert_eq!(
            stylesheet_link(&read(changed.path(), page)),
            format!("/{new_style}"),
            "{page}"
        );
    }
    assert_eq!(
        fingerprinted(changed.path(), "checklist.js"),
        fingerprinted(first.path(), "checklist.js"),
        "the other files keep their names"
    );
    assert!(
        changed.path().join("favicon.svg").is_file(),
        "images keep their names"
    );
}

#[test]
fn without_fingerprints_the_names_stay_plain() {
    let output = built(small_site().path(), &["--no-fingerprint"]);
    assert!(output.path().join("style.css").is_file());
    assert_eq!(
        stylesheet_link(&read(output.path(), "index.html")),
        "/style.css"
    );
    let headers = read(output.path(), "_headers");
    assert!(!headers.contains("immutable"), "{headers}");
}

#[test]
fn hosts_get_nojekyll_cname_and_cache_rules_under_the_base_path() {
    let site = small_site();
    let config = read(site.path(), "stepwise.toml").replace(
        "base_url = \"https://example.com/\"",
        "base_url = \"https://acme.github.io/buyers/\"\ncname = \"buyers.example.com\"",
    );
    write(site.path(), "stepwise.toml", &config);
    let output = built(site.path(), &[]);
    let out = output.path();
    assert_eq!(read(out, ".nojekyll"), "");
    assert_eq!(read(out, "CNAME"), "buyers.example.com\n");
    assert_eq!(
        read(out, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://acme.github.io/buyers/sitemap.xml\n"
    );
    let headers = read(out, "_headers");
    let style = fingerprinted(out, "style.css");
    let rules: Vec<(&str, &str)> = headers
        .split("\n/")
        .skip(1)
        .filter_map(|rule| rule.split_once("\n  Cache-Control: "))
        .map(|(path, value)| (path, value.trim_end()))
        .collect();
    let rule = |path: &str| rules.iter().find(|(p, _)| *p == path).map(|(_, v)| *v);
    let immutable = "public, max-age=31536000, immutable";
    let revalidate = "public, max-age=0, must-revalidate";
    assert_eq!(
        rule(&format!("buyers/{style}")),
        Some(immutable),
        "{headers}"
    );
    for script in [
        "checklist.js",
        "calculator.js",
        "comparison.js",
        "finder.js",
    ] {
        assert_eq!(
            rule(&format!("buyers/{}", fingerprinted(out, script))),
            Some(immutable)
        );
    }
    for pages in [
        "buyers/",
        "buyers/404.html",
        "buyers/steps/*",
        "buyers/guides/*",
        "buyers/resources/*",
    ] {
        assert_eq!(rule(pages), Some(revalidate), "{pages} in {headers}");
    }
    assert_eq!(rule("buyers/coverage/*"), None, "the report is the team's");
    assert_eq!(rules.len(), 5 + 8, "only these rules: {headers}");
    assert!(
        rules.iter().all(|(path, _)| path.starts_with("buyers/")),
        "{headers}"
    );
}

#[test]
fn no_cname_file_without_cname() {
    let output = built(small_site().path(), &[]);
    assert!(!output.path().join("CNAME").exists());
    assert!(output.path().join(".nojekyll").is_file());
}

#[test]
fn a_cname_that_is_no_host_name_is_an_error_at_its_value() {
    let site = small_site();
    let config = read(site.path(), "stepwise.toml").replace(
        "title = \"Small site\"",
        "title = \"Small site\"\ncname = \"https://buyers.example.com/\"",
    );
    write(site.path(), "stepwise.toml", &config);
    let text = fails(site.path(), &["build"]);
    assert!(
        text.contains("error: `https://buyers.example.com/` is not a host name"),
        "{text}"
    );
    assert!(text.contains("stepwise.toml:2:9"), "{text}");
    assert!(text.contains("cname = \"buyers.example.com\""), "{text}");
    assert!(!site.path().join("output").exists(), "nothing is written");
}

#[test]
fn a_site_file_where_a_host_file_goes_is_an_error_naming_both() {
    let cases = [
        (
            "CNAME",
            "cname = \"buyers.example.com\"\n",
            "stepwise's `CNAME`",
        ),
        ("_headers", "", "stepwise's `_headers`"),
    ];
    for (file, config_line, generated) in cases {
        let site = small_site();
        let config = format!("{config_line}{}", read(site.path(), "stepwise.toml"));
        write(site.path(), "stepwise.toml", &config);
        write(site.path(), &format!("static/{file}"), "mine\n");
        let text = fails(site.path(), &["build"]);
        assert!(
            text.contains(&format!("two files would be published at `{file}`")),
            "{text}"
        );
        assert!(
            text.contains(&format!("static/{file}")) && text.contains(generated),
            "{text}"
        );
    }
}

#[test]
fn a_template_naming_a_missing_static_file_is_an_error_with_the_closest_name() {
    let site = small_site();
    let theme = repository().join("themes/default/templates/base.html");
    let base = fs::read_to_string(theme).unwrap();
    write(
        site.path(),
        "templates/base.html",
        &base.replace(
            "static_url(path=\"style.css\")",
            "static_url(path=\"styles.css\")",
        ),
    );
    let text = fails(site.path(), &["build"]);
    assert!(
        text.contains("there is no static file `styles.css`"),
        "{text}"
    );
    assert!(text.contains("did you mean `style.css`?"), "{text}");
    let line = 1 + base
        .lines()
        .position(|line| line.contains("static_url(path=\"style.css\")"))
        .unwrap();
    assert!(
        text.contains(&format!("templates/base.html:{line}:")),
        "{text}"
    );
}
