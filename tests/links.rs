//! Links between assets and the link check: `@/path.md#anchor` in Markdown and `get_url` in
//! templates become the asset's URL under any base URL; a link to a missing asset, heading or
//! unpublished draft is an error at its file, line and column; `check` follows every internal
//! link of the output and lists orphans; and the sample site built for a sub-path works there,
//! crawled link by link.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;

use common::live::Server;
use common::served::build_and_serve_under;
use common::{fails, read, repository, small_site, stderr, stepwise, write};

const GUIDE: &str = "content/guides/facts-guide.md";
const CHECKLIST: &str = "content/checklists/ready.md";

/// The checklist of the small site with `body` as its Markdown.
fn checklist_with(dir: &Path, body: &str) {
    write(
        dir,
        CHECKLIST,
        &format!("---\ntitle: Ready to sign\nkind: checklist\nsteps: [sign]\n---\n{body}"),
    );
}

/// Asserts that `report` holds every one of `fragments`.
fn assert_has(report: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(
            report.contains(fragment),
            "`{fragment}` is missing from:\n{report}"
        );
    }
}

#[test]
fn links_between_assets_resolve_with_anchors_under_a_sub_path() {
    let site = small_site();
    checklist_with(
        site.path(),
        "See [the facts](@/guides/facts-guide.md#a-heading) and [the top](#checks).\n\n## Checks\n",
    );
    let out = site.path().join("out");
    let result = stepwise(
        site.path(),
        &[
            "build",
            "--base-url",
            "https://acme.example/buyers/",
            "--output-dir",
            out.to_str().unwrap(),
        ],
    );
    assert!(result.status.success(), "{}", stderr(&result));
    let page = read(&out, "checklists/ready/index.html");
    assert_has(
        &page,
        &[
            r#"<a href="/buyers/guides/facts-guide/#a-heading">the facts</a>"#,
            r##"<a href="#checks">the top</a>"##,
        ],
    );
    assert!(!page.contains("@/"), "no written address is left");
}

#[test]
fn a_link_to_a_missing_asset_is_an_error_at_its_place_with_did_you_mean() {
    let site = small_site();
    checklist_with(
        site.path(),
        "Intro.\n\nRead [the guide](@/guides/fact-guide.md).\n",
    );
    let report = fails(site.path(), &["build"]);
    assert_has(
        &report,
        &[
            "this link names `guides/fact-guide.md`, and there is no such asset",
            "content/checklists/ready.md:8:18",
            "did you mean `@/guides/facts-guide.md`?",
        ],
    );
    assert!(!site.path().join("output").exists(), "nothing is written");
}

#[test]
fn broken_links_of_many_assets_are_reported_in_the_order_of_their_files() {
    let site = small_site();
    let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    for name in names {
        write(
            site.path(),
            &format!("content/guides/{name}.md"),
            &format!(
                "+++\ntitle = \"Guide {name}\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nSee [it](@/guides/missing-{name}.md).\n"
            ),
        );
    }
    let report = fails(site.path(), &["build"]);
    let reported: Vec<&str> = (report.lines())
        .filter_map(|line| line.split_once("content/guides/"))
        .map(|(_, place)| place.split_once('.').map_or(place, |(name, _)| name))
        .collect();
    assert_eq!(reported, names, "{report}");
}

#[test]
fn a_link_to_a_missing_heading_is_an_error_with_the_closest_headings() {
    let site = small_site();
    checklist_with(
        site.path(),
        "[one](@/guides/facts-guide.md#a-headin)\n\n[two](#nowhere)\n",
    );
    let report = fails(site.path(), &["check"]);
    assert_has(
        &report,
        &[
            "this link names the heading `#a-headin`, which the page does not have",
            "content/checklists/ready.md:6:7",
            "the closest heading ids are `#a-heading`",
            "this link names the heading `#nowhere`",
            "content/checklists/ready.md:8:7",
            "the page has no headings",
            "stopped with 2 errors",
        ],
    );
}

#[test]
fn a_link_to_a_draft_is_an_error_unless_drafts_are_built() {
    let site = small_site();
    let guide = read(site.path(), GUIDE).replacen("+++\n", "+++\ndraft = true\n", 1);
    write(site.path(), GUIDE, &guide);
    checklist_with(site.path(), "[the facts](@/guides/facts-guide.md)\n");
    let report = fails(site.path(), &["build"]);
    assert_has(
        &report,
        &[
            "which is a draft and is not published",
            "drafts are only built with `--drafts`",
        ],
    );
    let result = stepwise(site.path(), &["build", "--drafts"]);
    assert!(result.status.success(), "{}", stderr(&result));
}

#[test]
fn templates_link_assets_with_get_url() {
    let site = small_site();
    write(
        site.path(),
        "templates/404.html",
        r#"{% extends "base.html" %}{% block content %}<a href="{{ get_url(path="@/guides/facts-guide.md#a-heading") }}">facts</a>{% endblock content %}"#,
    );
    let result = stepwise(site.path(), &["build", "--base-url", "/sub/"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let page = read(&site.path().join("output"), "404.html");
    assert!(
        page.contains(r#"<a href="/sub/guides/facts-guide/#a-heading">facts</a>"#),
        "{page}"
    );

    write(
        site.path(),
        "templates/404.html",
        r#"{% extends "base.html" %}{% block content %}{{ get_url(path="@/guides/fact-guide.md") }}{% endblock content %}"#,
    );
    let report = fails(site.path(), &["build"]);
    assert_has(
        &report,
        &["get_url: no asset `guides/fact-guide.md`; did you mean `@/guides/facts-guide.md`?"],
    );
}

#[test]
fn check_reports_broken_links_of_templates_and_bodies_and_orphans() {
    let site = small_site();
    write(
        site.path(),
        "templates/404.html",
        r#"{% extends "base.html" %}{% block content %}<a href="{{ site.root }}nowhere/">x</a> <a href="/style.css">y</a>{% endblock content %}"#,
    );
    checklist_with(
        site.path(),
        "Intro.\n\n[gone](../../guides/gone/) and [facts](@/guides/facts-guide.md#a-heading) and [bad](/sub/guides/facts-guide/#nope)\n",
    );
    let report = fails(site.path(), &["check", "--base-url", "/sub/"]);
    assert_has(
        &report,
        &[
            "the page `404.html` links to `/sub/nowhere/`, and the output has no file `nowhere/index.html`",
            "the page `404.html` links to `/style.css`, and `/style.css` is outside the site's base path",
            "the link is in a template or a static file of the theme",
            "the page `checklists/ready/index.html` links to `../../guides/gone/`, and the output has no file `guides/gone/index.html`",
            "content/checklists/ready.md:8:8",
            "`guides/facts-guide/index.html` has no element with the id `nope`",
            "content/checklists/ready.md:8:85",
        ],
    );
    // The guide is linked from the checklist; the checklist from no asset.
    assert_has(
        &report,
        &[
            "1 of 2 published assets are linked from no other asset's page",
            "warning: no other asset links to this one",
            "content/checklists/ready.md:2:8",
        ],
    );
    assert!(!report.contains("facts-guide.md:2"), "{report}");
}

#[test]
fn an_edit_that_breaks_a_link_is_an_error_in_serve() {
    let site = small_site();
    checklist_with(
        site.path(),
        "[the facts](@/guides/facts-guide.md#a-heading)\n",
    );
    let server = Server::start(site.path());
    let page = server.get("/checklists/ready/");
    assert!(
        page.body
            .contains(r#"href="/guides/facts-guide/#a-heading""#),
        "{}",
        page.body
    );
    let mut events = server.events();

    let guide = read(site.path(), GUIDE);
    write(
        site.path(),
        GUIDE,
        &guide.replace("## A heading", "## Another heading"),
    );
    let error = events.next().expect("a message after the rebuild");
    assert_eq!(error["type"], "error", "{error}");
    let text = error["text"].as_str().unwrap_or_default();
    assert_has(
        text,
        &["content/checklists/ready.md:6:13", "`#another-heading`"],
    );

    write(
        site.path(),
        GUIDE,
        &guide.replacen("+++\n", "+++\nslug = \"facts\"\n", 1),
    );
    let reload = events.next().expect("a message after the rebuild");
    assert_eq!(reload["type"], "reload", "{reload}");
    let page = server.get("/checklists/ready/");
    assert!(
        page.body.contains(r#"href="/guides/facts/#a-heading""#),
        "the link follows the move"
    );
}

/// A response's status code and body.
fn fetch(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let head_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&response[..head_end]);
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status code");
    (code, response[head_end + 4..].to_vec())
}

/// Every `href` and `src` of an HTML page, and every `url(…)` of a stylesheet.
fn references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for part in text.split(attribute).skip(1) {
            found.extend(part.split('"').next().map(|v| v.replace("&amp;", "&")));
        }
    }
    for part in text.split("url(").skip(1) {
        let value = part.split(')').next().unwrap_or_default();
        found.push(value.trim_matches(['"', '\'']).to_string());
    }
    found
}

/// The path (without fragment or query) a reference of the page at `page` asks the server for,
/// or `None` for another origin and `data:` or `mailto:` addresses.
fn request_path(origin: &str, page: &str, reference: &str) -> Option<String> {
    let reference = reference.split(['#', '?']).next().unwrap_or_default();
    if reference.is_empty() || reference.starts_with("data:") || reference.starts_with("mailto:") {
        return None;
    }
    let path = if let Some(rest) = reference.strip_prefix(origin) {
        format!("/{rest}")
    } else if reference.contains("://") || reference.starts_with("//") {
        return None;
    } else if reference.starts_with('/') {
        reference.to_string()
    } else {
        format!("{}{reference}", &page[..=page.rfind('/').unwrap_or(0)])
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        match segment {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

#[test]
fn the_sample_site_built_for_a_sub_path_works_there_link_by_link() {
    let served = build_and_serve_under(&repository(), "sub/path/");
    let origin = served.base_url.trim_end_matches("sub/path/").to_string();
    let port: u16 = origin
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|port| port.parse().ok())
        .expect("a port");
    let mut seen = BTreeSet::from(["/sub/path/".to_string(), "/sub/path/404.html".to_string()]);
    let mut queue: VecDeque<String> = seen.iter().cloned().collect();
    // The missing-page page is served for any address, at any depth: its links must work there.
    let deep_miss = "/sub/path/no/such/page/".to_string();
    queue.push_back(deep_miss.clone());
    let mut outside = Vec::new();
    let mut missing = Vec::new();
    while let Some(path) = queue.pop_front() {
        let (code, body) = fetch(port, &path);
        let expected = if path == deep_miss { 404 } else { 200 };
        if code != expected {
            missing.push(format!("{path}: {code}"));
            continue;
        }
        let followed = path.ends_with('/') || path.ends_with(".html") || path.ends_with(".css");
        if !followed {
            continue;
        }
        for reference in references(&String::from_utf8_lossy(&body)) {
            let Some(next) = request_path(&origin, &path, &reference) else {
                continue;
            };
            if !next.starts_with("/sub/path/") {
                outside.push(format!("{path} → {reference}"));
            } else if seen.insert(next.clone()) {
                queue.push_back(next);
            }
        }
    }
    assert!(
        outside.is_empty(),
        "links outside the sub-path: {outside:#?}"
    );
    assert!(missing.is_empty(), "links that are not found: {missing:#?}");
    let stylesheet = |path: &&String| {
        (path.strip_prefix("/sub/path/style.")).is_some_and(|rest| rest.ends_with(".css"))
    };
    assert!(
        seen.iter().any(|path| stylesheet(&path)),
        "the stylesheet was not reached: {seen:#?}"
    );
    for expected in [
        "/sub/path/404.html",
        "/sub/path/guides/measuring-your-ap-baseline/",
        "/sub/path/savings-calculators/early-payment-discount-capture/",
    ] {
        assert!(
            seen.contains(expected),
            "{expected} was not reached: {seen:#?}"
        );
    }
    let downloads = seen.iter().filter(|p| p.ends_with(".xlsx")).count();
    assert!(downloads > 0, "the downloads are fetched too: {seen:#?}");
    let sitemap = String::from_utf8_lossy(&fetch(port, "/sub/path/sitemap.xml").1).into_owned();
    for location in sitemap.split("<loc>").skip(1) {
        let url = location.split("</loc>").next().unwrap_or_default();
        assert!(
            url.starts_with(&served.base_url),
            "{url} is under the base URL"
        );
        let path = format!("/{}", url.strip_prefix(&origin).unwrap_or_default());
        assert_eq!(fetch(port, &path).0, 200, "{url} from the sitemap");
    }
}
