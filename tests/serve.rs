//! `stepwise serve`: the site is served from memory for the local address, every save is
//! rebuilt and announced on the reload events, a broken save is reported there while the last
//! good pages stay, and no address leaves the site.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use common::live::{Events, Server};
use common::{repository, small_site, write};
use serde_json::Value;

/// The guide of the small site, and its page.
const GUIDE: &str = "content/guides/facts-guide.md";
const GUIDE_PAGE: &str = "/guides/facts-guide/";

/// The next message that is not the greeting.
fn next_rebuild(events: &mut Events) -> Value {
    events.next().expect("a message after the rebuild")
}

/// Replaces `from` with `to` in the site's file `relative`.
fn edit(site: &Path, relative: &str, from: &str, to: &str) {
    let path = site.join(relative);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` is not in {relative}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn named(message: &Value, page: &str) -> bool {
    message["pages"] == "all"
        || message["pages"]
            .as_array()
            .is_some_and(|pages| pages.iter().any(|p| p == page))
}

#[test]
fn an_edit_is_announced_and_served_and_an_error_keeps_the_last_good_page() {
    let site = small_site();
    let server = Server::start(site.path());
    let page = server.get(GUIDE_PAGE);
    assert!(page.status.contains("200"), "{}", page.status);
    assert!(page.body.contains("The facts guide"));
    assert!(
        page.body
            .contains("<script src=\"/__stepwise/live-reload.js\" defer></script></head>"),
        "every page loads the reload script"
    );
    let mut events = server.events();

    edit(site.path(), GUIDE, "The facts guide", "The new facts guide");
    let reload = next_rebuild(&mut events);
    assert_eq!(reload["type"], "reload", "{reload}");
    assert!(named(&reload, GUIDE_PAGE), "{reload}");
    assert!(
        named(&reload, "/steps/facts/"),
        "the step lists it: {reload}"
    );
    assert!(server.get(GUIDE_PAGE).body.contains("The new facts guide"));
    assert!(
        server
            .get("/steps/facts/")
            .body
            .contains("The new facts guide")
    );

    edit(site.path(), GUIDE, "kind = \"guide\"", "kind = \"giude\"");
    let error = next_rebuild(&mut events);
    assert_eq!(error["type"], "error", "{error}");
    let text = error["text"].as_str().unwrap();
    assert!(text.contains("content/guides/facts-guide.md:3:"), "{text}");
    assert!(text.contains("did you mean `guide`?"), "{text}");
    let kept = server.get(GUIDE_PAGE);
    assert!(kept.status.contains("200"), "{}", kept.status);
    assert!(
        kept.body.contains("The new facts guide"),
        "the last good page stays"
    );
    assert_eq!(server.status()["error"], error["text"]);

    edit(site.path(), GUIDE, "kind = \"giude\"", "kind = \"guide\"");
    let fixed = next_rebuild(&mut events);
    assert_eq!(fixed["type"], "reload", "{fixed}");
    assert_eq!(server.status()["error"], Value::Null);
}

#[test]
fn a_page_that_connects_after_a_failed_rebuild_is_told_the_error() {
    let site = small_site();
    let server = Server::start(site.path());
    let mut events = server.events();
    edit(site.path(), GUIDE, "title = \"", "title = ");
    assert_eq!(next_rebuild(&mut events)["type"], "error");
    let late = server.events();
    assert!(
        late.hello["error"]
            .as_str()
            .is_some_and(|e| e.contains(GUIDE)),
        "{}",
        late.hello
    );
}

#[test]
fn renamed_and_deleted_assets_move_and_leave_the_site() {
    let site = small_site();
    let server = Server::start(site.path());
    let mut events = server.events();
    fs::rename(
        site.path().join(GUIDE),
        site.path().join("content/guides/renamed.md"),
    )
    .unwrap();
    let moved = next_rebuild(&mut events);
    assert_eq!(moved["type"], "reload", "{moved}");
    assert!(named(&moved, GUIDE_PAGE), "the old page is gone: {moved}");
    assert!(
        server
            .get("/guides/renamed/")
            .body
            .contains("The facts guide")
    );
    assert!(server.get(GUIDE_PAGE).status.contains("404"));

    fs::remove_file(site.path().join("content/checklists/ready.md")).unwrap();
    let removed = next_rebuild(&mut events);
    assert_eq!(removed["type"], "reload", "{removed}");
    assert!(server.get("/checklists/ready/").status.contains("404"));
    assert!(!server.get("/steps/sign/").body.contains("Ready to sign"));
}

#[test]
fn an_editor_style_save_is_one_rebuild() {
    let site = small_site();
    let server = Server::start(site.path());
    let mut events = server.events();
    let folder = site.path().join("content/guides");
    // What vim and others do while editing: a swap file, a probe of the folder, and the
    // Finder's `.DS_Store`; none of them is an edit.
    fs::write(folder.join(".facts-guide.md.swp"), "swap").unwrap();
    fs::write(folder.join("4913"), "").unwrap();
    fs::remove_file(folder.join("4913")).unwrap();
    fs::write(site.path().join("content/.DS_Store"), "").unwrap();
    assert_eq!(
        events.next_within(Duration::from_millis(600)),
        None,
        "scratch files are no edit"
    );
    // Saving: keep a backup, write the new text to a temporary file and rename it over the
    // asset, remove the swap file.
    fs::copy(
        folder.join("facts-guide.md"),
        folder.join("facts-guide.md~"),
    )
    .unwrap();
    let text = fs::read_to_string(folder.join("facts-guide.md")).unwrap();
    fs::write(
        folder.join(".facts-guide.md.tmp"),
        text.replace("The facts guide", "The saved guide"),
    )
    .unwrap();
    fs::rename(
        folder.join(".facts-guide.md.tmp"),
        folder.join("facts-guide.md"),
    )
    .unwrap();
    fs::remove_file(folder.join(".facts-guide.md.swp")).unwrap();
    let saved = next_rebuild(&mut events);
    assert_eq!(saved["type"], "reload", "{saved}");
    assert_eq!(saved["rebuild"], 1, "{saved}");
    assert!(server.get(GUIDE_PAGE).body.contains("The saved guide"));
    assert_eq!(
        events.next_within(Duration::from_millis(600)),
        None,
        "no second rebuild"
    );
    assert_eq!(server.status()["rebuilds"], 1);
}

#[test]
fn a_stylesheet_is_swapped_and_a_template_reloads_its_pages() {
    let site = small_site();
    let theme = repository().join("themes/default");
    let style = fs::read_to_string(theme.join("static/style.css")).unwrap();
    write(site.path(), "static/style.css", &style);
    let step = fs::read_to_string(theme.join("templates/step.html")).unwrap();
    write(site.path(), "templates/step.html", &step);
    let server = Server::start(site.path());
    let mut events = server.events();

    write(
        site.path(),
        "static/style.css",
        &format!("{style}\nmain {{ color: red }}\n"),
    );
    let css = next_rebuild(&mut events);
    assert_eq!(css["type"], "css", "{css}");
    assert!(
        server
            .get("/style.css")
            .body
            .contains("main { color: red }")
    );

    write(
        site.path(),
        "templates/step.html",
        &step.replace("</h1>", " (edited)</h1>"),
    );
    let template = next_rebuild(&mut events);
    assert_eq!(template["type"], "reload", "{template}");
    assert!(named(&template, "/steps/facts/"), "{template}");
    assert!(!named(&template, GUIDE_PAGE), "{template}");
    assert!(server.get("/steps/facts/").body.contains("(edited)</h1>"));
}

#[test]
fn files_have_their_types_and_misses_get_the_missing_page() {
    let site = small_site();
    let server = Server::start(site.path());
    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        (
            "/__stepwise/live-reload.js",
            "text/javascript; charset=utf-8",
        ),
    ] {
        let response = server.get(path);
        assert!(
            response.status.contains("200"),
            "{path}: {}",
            response.status
        );
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{path}"
        );
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    }
    let missing = server.get("/no/such/page/");
    assert!(missing.status.contains("404"), "{}", missing.status);
    assert!(missing.body.contains("Page not found"));
    let folder = server.get("/steps/facts");
    assert!(folder.status.contains("308"), "{}", folder.status);
    assert_eq!(folder.header("location"), Some("/steps/facts/"));
    let step = server.get("/steps/facts/").body;
    assert!(
        step.contains("href=\"/steps/facts/\"") && !step.contains("127.0.0.1"),
        "links are root-relative, so they work at any address of the server"
    );
    assert!(
        !site.path().join("output").exists(),
        "serve leaves output/ alone"
    );
}

#[test]
fn addresses_that_leave_the_site_are_refused() {
    let site = small_site();
    let server = Server::start(site.path());
    for path in [
        "/../stepwise.toml",
        "/steps/../../stepwise.toml",
        "/%2e%2e/stepwise.toml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/.%2e/stepwise.toml",
        "/steps%2f..%2f..%2fstepwise.toml",
        "/..%5cstepwise.toml",
        "/..\\stepwise.toml",
        "//etc/passwd",
        "/%252e%252e/stepwise.toml",
        "/content/guides/facts-guide.md",
        "/stepwise.toml",
    ] {
        let response = server.get(path);
        assert!(
            response.status.contains("400") || response.status.contains("404"),
            "{path}: {}",
            response.status
        );
        assert!(
            !response.body.contains("[[steps]]"),
            "{path} shows the configuration"
        );
    }
    assert!(server.get("/%2e%2e/stepwise.toml").status.contains("400"));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_site_is_neither_served_nor_built() {
    let site = small_site();
    let elsewhere = tempfile::tempdir().unwrap();
    write(elsewhere.path(), "secret.txt", "top secret");
    write(site.path(), "static/real.txt", "inside");
    let link = |to: &Path, at: &str| std::os::unix::fs::symlink(to, site.path().join(at)).unwrap();
    link(&elsewhere.path().join("secret.txt"), "static/secret.txt");
    link(&site.path().join("static/real.txt"), "static/alias.txt");
    let server = Server::start(site.path());
    let secret = server.get("/secret.txt");
    assert!(secret.status.contains("404"), "{}", secret.status);
    assert!(!secret.body.contains("top secret"));
    assert_eq!(
        server.get("/alias.txt").body,
        "inside",
        "a link within the site is followed"
    );
    drop(server);
    let built = common::stepwise(site.path(), &["build"]);
    let report = common::stderr(&built);
    assert!(built.status.success(), "{report}");
    assert!(
        report.contains("static/secret.txt") && report.contains("outside the site's folder"),
        "{report}"
    );
    assert!(!site.path().join("output/secret.txt").exists());
    assert!(site.path().join("output/alias.txt").exists());
}

#[test]
fn the_reload_script_is_never_in_a_built_site() {
    let site = small_site();
    let built = common::stepwise(site.path(), &["build"]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    for (path, bytes) in common::snapshot(&site.path().join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__stepwise"),
            "{path} mentions the reload script"
        );
        assert!(!path.contains("live-reload"), "{path}");
    }
}

#[test]
fn ctrl_c_stops_the_server_with_pages_connected() {
    let site = small_site();
    let mut server = Server::start(site.path());
    let _connected = server.events();
    let (status, took) = server.interrupt();
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(3), "it took {took:?}");
}

#[test]
fn a_busy_port_is_reported_with_a_free_one_before_building() {
    let site = small_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let run = common::stepwise(site.path(), &["serve", "--port", &port.to_string()]);
    let report = common::stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{report}");
    assert!(
        report.contains(&format!("cannot listen on http://127.0.0.1:{port}/")),
        "{report}"
    );
    assert!(
        report.contains("is free: choose it with `--port "),
        "{report}"
    );
    assert!(
        !String::from_utf8_lossy(&run.stdout).contains("built "),
        "nothing is built"
    );
}

/// The served bytes of a built file: pages without the reload script.
fn as_built(served: &str) -> String {
    served.replace(
        "<script src=\"/__stepwise/live-reload.js\" defer></script>",
        "",
    )
}

#[test]
fn after_edits_every_served_file_is_the_one_a_fresh_build_makes() {
    let site = small_site();
    // Published, the coverage report is a file of the build too, as `serve` always shows it.
    let config = fs::read_to_string(site.path().join("stepwise.toml")).unwrap();
    write(
        site.path(),
        "stepwise.toml",
        &format!("{config}\n[coverage]\npublish = true\n"),
    );
    let server = Server::start(site.path());
    let mut events = server.events();
    edit(site.path(), GUIDE, "The facts guide", "A retitled guide");
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    write(
        site.path(),
        "content/guides/new-guide.md",
        "+++\ntitle = \"A new guide\"\nkind = \"guide\"\nsteps = [\"options\"]\n+++\nNew.\n",
    );
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    fs::remove_file(site.path().join("content/checklists/ready.md")).unwrap();
    assert_eq!(next_rebuild(&mut events)["type"], "reload");

    let files = built_files(site.path());
    assert!(files.len() > 10, "{} files", files.len());
    // `.stepwise` marks a folder that `build` owns; it is no file of the site.
    for (path, bytes) in files.into_iter().filter(|(path, _)| !path.starts_with('.')) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let served = server.get(&format!("/{path}"));
        assert!(served.status.contains("200"), "{path}: {}", served.status);
        assert!(
            as_built(&served.body) == text,
            "{path} differs from a fresh build"
        );
    }
}

#[test]
fn the_coverage_report_follows_an_edit_that_changes_no_count() {
    let site = small_site();
    let server = Server::start(site.path());
    let mut events = server.events();
    assert!(
        server
            .get("/coverage/coverage.json")
            .body
            .contains("The facts guide")
    );
    edit(site.path(), GUIDE, "The facts guide", "A retitled guide");
    let reload = next_rebuild(&mut events);
    assert!(named(&reload, "/coverage/"), "{reload}");
    let report = server.get("/coverage/coverage.json").body;
    assert!(report.contains("A retitled guide"), "{report}");
}

/// The served files of the resource finder's index: the facets, then every file of records,
/// by address.
fn index_files(server: &Server) -> Vec<(String, String)> {
    let facets_path = "/resources/index/facets.json".to_string();
    let facets = server.get(&facets_path).body;
    let read: Value = serde_json::from_str(&facets).unwrap();
    let records = read["count"]
        .as_u64()
        .unwrap()
        .div_ceil(read["chunk"].as_u64().unwrap());
    let mut files = vec![(facets_path, facets)];
    for n in 0..records {
        let path = format!("/resources/index/records/{n}.json");
        files.push((path.clone(), server.get(&path).body));
    }
    files
}

#[test]
fn the_feed_and_the_finders_index_are_made_when_asked_for_after_an_edit() {
    let site = small_site();
    let server = Server::start(site.path());
    let mut events = server.events();
    assert!(server.get("/feed.xml").body.contains("The facts guide"));
    // A heading is in the index, not on the finder's page; the page reads the index, which the
    // rebuild left to be made when asked for, so it reloads.
    edit(site.path(), GUIDE, "## A heading", "## A renamed heading");
    let reload = next_rebuild(&mut events);
    assert!(named(&reload, "/resources/"), "{reload}");
    edit(site.path(), GUIDE, "The facts guide", "A retitled guide");
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    let feed = server.get("/feed.xml");
    assert!(feed.status.contains("200"), "{}", feed.status);
    assert!(feed.body.contains("A retitled guide"), "{}", feed.body);
    let index = index_files(&server);
    assert!(
        index
            .iter()
            .any(|(_, text)| text.contains("A retitled guide")),
        "no file of the index shows the new title"
    );

    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let args = [
        "build",
        "--base-url",
        "/",
        "--output-dir",
        output.to_str().unwrap(),
    ];
    let built = common::stepwise(site.path(), &args);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let read = |path: &str| fs::read_to_string(output.join(path.trim_start_matches('/'))).unwrap();
    assert!(
        feed.body == read("feed.xml"),
        "the feed differs from a fresh build"
    );
    for (path, text) in index {
        assert!(text == read(&path), "{path} differs from a fresh build");
    }
}

#[test]
fn a_site_that_cannot_be_built_at_first_serves_its_problems_until_fixed() {
    let site = small_site();
    edit(site.path(), GUIDE, "kind = \"guide\"", "kind = \"giude\"");
    let server = Server::start(site.path());
    let mut events = server.events();
    assert!(
        events.hello["error"]
            .as_str()
            .is_some_and(|text| text.contains("content/guides/facts-guide.md:3:")),
        "{}",
        events.hello
    );
    for path in ["/", GUIDE_PAGE, "/no/such/page/"] {
        let page = server.get(path);
        assert!(page.status.contains("500"), "{path}: {}", page.status);
        assert!(page.body.contains("facts-guide.md:3:"), "{}", page.body);
        assert!(
            page.body.contains("/__stepwise/live-reload.js"),
            "{}",
            page.body
        );
    }
    edit(site.path(), GUIDE, "kind = \"giude\"", "kind = \"guide\"");
    let fixed = next_rebuild(&mut events);
    assert_eq!(fixed["type"], "reload", "{fixed}");
    assert!(named(&fixed, GUIDE_PAGE), "{fixed}");
    let page = server.get(GUIDE_PAGE);
    assert!(page.status.contains("200"), "{}", page.status);
    assert!(page.body.contains("The facts guide"));
    assert_eq!(server.status()["error"], Value::Null);
}

#[test]
fn on_every_interface_the_printed_address_is_one_a_browser_opens() {
    let site = small_site();
    let server = Server::start_with(site.path(), &["--interface", "0.0.0.0"]);
    let printed = server.printed.join("\n");
    assert!(
        printed.contains(&format!("at http://127.0.0.1:{}/", server.port)),
        "{printed}"
    );
    assert!(
        printed.contains(&format!(
            "other machines reach it at this machine's address, port {}",
            server.port
        )),
        "{printed}"
    );
    assert!(server.get(GUIDE_PAGE).status.contains("200"));
}

/// Every file a fresh build of `site` writes, as `serve` makes it (without the reload script),
/// by path.
fn built_files(site: &Path) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let built = common::stepwise(
        site,
        &[
            "build",
            "--base-url",
            "/",
            // `serve` keeps the plain names, so that a changed stylesheet swaps in place.
            "--no-fingerprint",
            "--output-dir",
            output.to_str().unwrap(),
        ],
    );
    assert!(built.status.success(), "{}", common::stderr(&built));
    common::snapshot(&output)
}

/// Every page a fresh build of `site` writes, as `serve` answers it (without the reload script).
fn built_pages(site: &Path) -> Vec<(String, String)> {
    (built_files(site).into_iter())
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The pages at the paths of `built`, as served now (without the reload script).
fn served_pages(server: &Server, built: &[(String, String)]) -> Vec<(String, String)> {
    (built.iter())
        .map(|(path, _)| {
            let served = server.get(&format!("/{path}"));
            assert!(served.status.contains("200"), "{path}: {}", served.status);
            (path.clone(), as_built(&served.body))
        })
        .collect()
}

/// Asserts that every page of `built` is served with the same bytes.
fn assert_served_as_built(server: &Server, built: &[(String, String)], when: &str) {
    assert_same_pages(&served_pages(server, built), built, when);
}

/// Asserts that `served` holds the pages of `built`, byte for byte.
fn assert_same_pages(served: &[(String, String)], built: &[(String, String)], when: &str) {
    assert_eq!(served.len(), built.len(), "{when}");
    for ((path, served), (_, text)) in served.iter().zip(built) {
        assert!(served == text, "{path} differs from a fresh build {when}");
    }
}

/// The small site with `guides` more guides in the same step, so that a template edit changes
/// more pages than a rebuild makes before the reload.
fn site_of_many_pages(guides: usize) -> tempfile::TempDir {
    let site = small_site();
    for n in 0..guides {
        write(
            site.path(),
            &format!("content/guides/guide-{n}.md"),
            &format!(
                "+++\ntitle = \"Guide {n}\"\nkind = \"guide\"\nsteps = [\"facts\"]\nstakeholders = [\"finance\"]\n+++\nAbout guide {n}.\n"
            ),
        );
    }
    let base = fs::read_to_string(repository().join("themes/default/templates/base.html"));
    write(site.path(), "templates/base.html", &base.unwrap());
    site
}

/// The server's line for its first rebuild.
fn first_rebuild_line(server: &Server) -> String {
    for _ in 0..1000 {
        let lines = server.later();
        if let Some(line) = lines.iter().find(|line| line.starts_with("rebuild 1:")) {
            return line.clone();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("no line for the first rebuild: {:?}", server.later())
}

/// The number before `word` in `line`.
fn number_before(line: &str, word: &str) -> usize {
    let before = &line[..line
        .find(word)
        .unwrap_or_else(|| panic!("{word} in {line}"))];
    let digits = before.trim_end().rsplit([' ', '(']).next().unwrap();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number before {word} in {line}"))
}

#[test]
fn pages_made_after_the_reload_are_those_a_fresh_build_makes() {
    let site = site_of_many_pages(1000);
    let server = Server::start(site.path());
    // The guide's page is open in a browser: it is made before the reload.
    let mut events = server.events_of(GUIDE_PAGE);

    let template = "templates/base.html";
    edit(
        site.path(),
        template,
        "</head>",
        "<meta name=\"edited\" content=\"1\"></head>",
    );
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    // Every page changed; all but the open one are made after the reload.
    let line = first_rebuild_line(&server);
    let later = number_before(&line, "pages more after the reload");
    assert_eq!(number_before(&line, "changed"), later + 1, "{line}");
    let built = built_pages(site.path());
    assert_served_as_built(&server, &built, "after a template edit");

    // The next save comes while the pages of this one are being made, and the pages are asked
    // for while those of the next one are.
    edit(site.path(), template, "content=\"1\"", "content=\"2\"");
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    edit(
        site.path(),
        GUIDE,
        "The facts guide",
        "A retitled facts guide",
    );
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    let served = served_pages(&server, &built);
    assert_same_pages(&served, &built_pages(site.path()), "after two saves");
}

#[test]
fn a_page_that_fails_after_the_reload_brings_back_the_last_good_files() {
    let site = site_of_many_pages(40);
    let server = Server::start(site.path());
    let mut events = server.events_of(GUIDE_PAGE);
    let good = built_pages(site.path());

    // Only the page of `Guide 7`, which no browser shows, fails: after the reload.
    let failing = "{% if page.title == \"Guide 7\" %}{{ no_such_value.at_all }}{% endif %}</head>";
    edit(site.path(), "templates/base.html", "</head>", failing);
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    let error = next_rebuild(&mut events);
    assert_eq!(error["type"], "error", "{error}");
    assert_eq!(server.status()["error"], error["text"]);
    assert_served_as_built(&server, &good, "before the failed rebuild");

    edit(site.path(), "templates/base.html", failing, "</head>");
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    assert_eq!(server.status()["error"], Value::Null);
    assert_served_as_built(&server, &good, "after the fix");
}

#[test]
fn a_save_that_fails_while_pages_are_being_made_serves_a_whole_good_site() {
    let site = site_of_many_pages(1000);
    let server = Server::start(site.path());
    let mut events = server.events_of(GUIDE_PAGE);
    let template = "templates/base.html";
    let (base, guide) = (
        common::read(site.path(), template),
        common::read(site.path(), GUIDE),
    );
    let (plain, edited) = ("</head>", "<meta name=\"edited\" content=\"1\"></head>");
    let (title, retitled) = ("The facts guide", "A retitled facts guide");

    edit(site.path(), template, plain, edited);
    assert_eq!(next_rebuild(&mut events)["type"], "reload");
    // One save applies the guide's new title, then fails on the template.
    edit(site.path(), GUIDE, title, retitled);
    edit(site.path(), template, edited, "{% if %}</head>");
    let mut message = next_rebuild(&mut events);
    while message["type"] != "error" {
        message = next_rebuild(&mut events);
    }

    // Every page is of one whole good state: before the template edit, after it, or after it
    // and the new title (when the title's save was a rebuild of its own).
    let states = [
        (base.clone(), guide.clone()),
        (base.replacen(plain, edited, 1), guide.clone()),
        (
            base.replacen(plain, edited, 1),
            guide.replacen(title, retitled, 1),
        ),
    ];
    let builds: Vec<Vec<(String, String)>> = (states.iter())
        .map(|(base, guide)| {
            let state = copy_of(site.path());
            write(state.path(), template, base);
            write(state.path(), GUIDE, guide);
            built_pages(state.path())
        })
        .collect();
    let served = served_pages(&server, &builds[0]);
    assert!(builds.contains(&served), "the pages served mix states");
}

/// A copy of the files of `site`.
fn copy_of(site: &Path) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    for (path, bytes) in common::snapshot(site) {
        let to = copy.path().join(&path);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::write(to, bytes).unwrap();
    }
    copy
}
