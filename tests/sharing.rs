//! Shared and followed: the Atom feed of the assets (one entry per published asset, newest
//! `reviewed` first, at most `feed_limit` of them, none for drafts, text escaped), linked from every page's head, kept by
//! `serve` after an edit, and sound for `stepwise check`; the canonical address, description,
//! Open Graph and Twitter card of every page.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use common::{read, small_site, stderr, stepwise, write};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The small site with a third asset reviewed later than the guide, a draft, and a title that
/// XML must escape.
fn site() -> tempfile::TempDir {
    let site = small_site();
    let guide = read(site.path(), "content/guides/facts-guide.md").replace(
        "stakeholders = [\"finance\"]",
        "stakeholders = [\"finance\"]\nreviewed = 2026-03-01",
    );
    write(site.path(), "content/guides/facts-guide.md", &guide);
    write(
        site.path(),
        "content/guides/costs.md",
        "+++\ntitle = \"Costs & <risks>\"\nkind = \"guide\"\nsteps = [\"options\"]\nsummary = \"What it costs, \\\"all in\\\".\"\nreviewed = 2026-05-17\n+++\nText.\n",
    );
    write(
        site.path(),
        "content/guides/unfinished.md",
        "+++\ntitle = \"Unfinished\"\nkind = \"guide\"\nsteps = [\"options\"]\ndraft = true\nreviewed = 2026-06-01\n+++\nText.\n",
    );
    site
}

fn build(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().to_str().unwrap();
    let result = stepwise(root, &["build", "--output-dir", output]);
    assert!(result.status.success(), "{}", stderr(&result));
    out
}

/// The Atom child `name` of `node`.
fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
}

/// The `(id, title, updated, link, summary)` of every entry, in order.
fn entries(feed: &str) -> Vec<[String; 5]> {
    let document = roxmltree::Document::parse(feed).expect("the feed is XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some(ATOM));
    let text = |node: roxmltree::Node, name: &str| {
        child(node, name)
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    for required in ["id", "title", "updated", "author"] {
        assert!(child(root, required).is_some(), "the feed has <{required}>");
    }
    assert_eq!(text(root, "updated"), "2026-05-17T00:00:00Z");
    root.children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|entry| {
            let link = child(entry, "link")
                .and_then(|l| l.attribute("href"))
                .unwrap_or_default()
                .to_string();
            [
                text(entry, "id"),
                text(entry, "title"),
                text(entry, "updated"),
                link,
                text(entry, "summary"),
            ]
        })
        .collect()
}

#[test]
fn the_feed_is_atom_with_one_entry_per_published_asset_newest_first() {
    let site = site();
    let out = build(site.path());
    let feed = read(out.path(), "feed.xml");
    let found = entries(&feed);
    let address = |path: &str| format!("https://example.com/{path}");
    assert_eq!(
        found,
        [
            [
                address("guides/costs/"),
                "Costs & <risks>".into(),
                "2026-05-17T00:00:00Z".into(),
                address("guides/costs/"),
                "What it costs, \"all in\".".into(),
            ],
            [
                address("guides/facts-guide/"),
                "The facts guide".into(),
                "2026-03-01T00:00:00Z".into(),
                address("guides/facts-guide/"),
                "The first paragraph.".into(),
            ],
            // Never reviewed: last, dated like the feed.
            [
                address("checklists/ready/"),
                "Ready to sign".into(),
                "2026-05-17T00:00:00Z".into(),
                address("checklists/ready/"),
                String::new(),
            ],
        ],
        "{feed}"
    );
    assert!(!feed.contains("Unfinished"), "no draft: {feed}");
    let index = read(out.path(), "index.html");
    assert!(
        index.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\" title=\"Small site\">"),
        "the head links the feed"
    );
    let check = stepwise(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// The site of [`site`] with `feed_limit = limit` as the first line of its configuration.
fn site_with_feed_limit(limit: &str) -> tempfile::TempDir {
    let site = site();
    let config = read(site.path(), "stepwise.toml");
    let limited = format!("feed_limit = {limit}\n{config}");
    write(site.path(), "stepwise.toml", &limited);
    site
}

#[test]
fn the_feed_lists_only_the_feed_limit_most_recently_reviewed_assets() {
    let site = site_with_feed_limit("2");
    let out = build(site.path());
    let feed = read(out.path(), "feed.xml");
    let titles: Vec<String> = entries(&feed)
        .into_iter()
        .map(|[_, title, ..]| title)
        .collect();
    assert_eq!(titles, ["Costs & <risks>", "The facts guide"], "{feed}");
}

#[test]
fn a_feed_of_no_assets_is_an_error_at_its_place() {
    let site = site_with_feed_limit("0");
    let result = stepwise(site.path(), &["build"]);
    assert!(!result.status.success());
    let message = stderr(&result);
    assert!(
        message.contains("error: the feed cannot show 0 assets"),
        "{message}"
    );
    assert!(message.contains("stepwise.toml:1:14"), "{message}");
    assert!(message.contains("such as `feed_limit = 50`"), "{message}");
}

#[test]
fn serve_keeps_the_feed_up_to_date_after_an_edit() {
    let site = site();
    let server = common::live::Server::start(site.path());
    let mut events = server.events();
    assert!(server.get("/feed.xml").body.contains("The facts guide"));
    let path = site.path().join("content/guides/facts-guide.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("The facts guide", "A retitled guide")).unwrap();
    let reload = events.next().expect("a message after the rebuild");
    assert_eq!(reload["type"], "reload", "{reload}");
    let feed = server.get("/feed.xml").body;
    assert!(feed.contains("A retitled guide"), "{feed}");
    assert_eq!(entries(&feed).len(), 3);
}

#[test]
fn pages_carry_their_canonical_address_description_open_graph_and_card() {
    let site = site();
    let out = build(site.path());
    let cases = [
        (
            "guides/costs/index.html",
            "https://example.com/guides/costs/",
            "What it costs, &quot;all in&quot;.",
            "article",
        ),
        (
            "steps/options/index.html",
            "https://example.com/steps/options/",
            "What can we do?",
            "website",
        ),
    ];
    for (file, address, description, kind) in cases {
        let page = read(out.path(), file);
        for tag in [
            format!("<link rel=\"canonical\" href=\"{address}\">"),
            format!("<meta name=\"description\" content=\"{description}\">"),
            format!("<meta property=\"og:description\" content=\"{description}\">"),
            format!("<meta property=\"og:url\" content=\"{address}\">"),
            format!("<meta property=\"og:type\" content=\"{kind}\">"),
            "<meta property=\"og:site_name\" content=\"Small site\">".to_string(),
            "<meta name=\"twitter:card\" content=\"summary\">".to_string(),
        ] {
            assert!(page.contains(&tag), "{file} has {tag}");
        }
        assert!(!page.contains("og:image"), "{file} has no image");
    }
}

/// The site with an image of its own, one for the step `facts` and one for the asset `costs`,
/// moved to that step; `site_image` is the site's as written.
fn site_with_images(site_image: &str) -> tempfile::TempDir {
    let site = site();
    let config = read(site.path(), "stepwise.toml")
        .replace(
            "base_url = \"https://example.com/\"",
            &format!("base_url = \"https://example.com/\"\nimage = \"{site_image}\""),
        )
        .replace(
            "question = \"What is going on?\"",
            "question = \"What is going on?\"\nimage = \"images/facts.png\"",
        );
    write(site.path(), "stepwise.toml", &config);
    let costs = read(site.path(), "content/guides/costs.md")
        .replace(
            "reviewed = 2026-05-17",
            "reviewed = 2026-05-17\nimage = \"images/costs.png\"",
        )
        .replace("steps = [\"options\"]", "steps = [\"facts\"]");
    write(site.path(), "content/guides/costs.md", &costs);
    for name in ["site", "facts", "costs"] {
        write(site.path(), &format!("static/images/{name}.png"), name);
    }
    site
}

#[test]
fn a_shared_page_shows_its_assets_image_else_its_steps_else_the_sites() {
    let site = site_with_images("images/site.png");
    let out = build(site.path());
    let cases = [
        (
            "guides/costs/index.html",
            "costs",
            "Costs &amp; &lt;risks&gt;",
        ),
        ("guides/facts-guide/index.html", "facts", "The facts guide"),
        ("steps/facts/index.html", "facts", "Gather the facts"),
        ("steps/options/index.html", "site", "Compare the options"),
        ("index.html", "site", "Small site"),
    ];
    for (file, image, alt) in cases {
        let page = read(out.path(), file);
        for tag in [
            format!(
                "<meta property=\"og:image\" content=\"https://example.com/images/{image}.png\">"
            ),
            format!("<meta property=\"og:image:alt\" content=\"{alt}\">"),
            "<meta name=\"twitter:card\" content=\"summary_large_image\">".to_string(),
        ] {
            assert!(page.contains(&tag), "{file} has {tag}");
        }
    }
    assert_eq!(
        read(out.path(), "images/costs.png"),
        "costs",
        "the image is published"
    );
}

#[test]
fn an_image_that_is_not_there_is_an_error_at_its_value() {
    let site = site_with_images("images/sites.png");
    let costs = read(site.path(), "content/guides/costs.md").replace("costs.png", "cost.png");
    write(site.path(), "content/guides/costs.md", &costs);
    let report = common::fails(site.path(), &["build"]);
    for expected in [
        "stepwise.toml:3:9",
        "there is no image `static/images/sites.png`",
        "put the file at `static/images/sites.png` or fix the path, or did you mean `images/site.png`?",
        "content/guides/costs.md:7:9",
        "there is no image `static/images/cost.png`",
    ] {
        assert!(report.contains(expected), "{expected} in:\n{report}");
    }
}
