//! The resource finder at `/resources/`: every published asset and no draft, under the steps it
//! serves in journey order, cut into pages like every listing, with a form to choose a step, a
//! type and a role and to search; linked from every page's header, from each step page, and from
//! an empty step; in the sitemap.
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

use common::{build, element, links, page, read, small_site, stderr, stepwise, write};

/// The step headings of a listing's groups, in order.
fn group_steps(html: &str) -> Vec<&str> {
    html.split("<h2 class=\"group-title\" id=\"step-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// The titles of the cards of a page, in order.
fn cards(html: &str) -> Vec<&str> {
    html.split("class=\"card-title\"><a href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once("\">")?.1.split_once("</a>"))
        .map(|(title, _)| title)
        .collect()
}

/// The small site with a draft and a guide for the last step.
fn site_with_a_draft() -> tempfile::TempDir {
    let site = small_site();
    write(
        site.path(),
        "content/guides/draft.md",
        "+++\ntitle = \"Unfinished guide\"\nkind = \"guide\"\nsteps = [\"facts\"]\ndraft = true\n+++\nNot yet.\n",
    );
    write(
        site.path(),
        "content/guides/signing.md",
        "+++\ntitle = \"How signing works\"\nkind = \"guide\"\nsteps = [\"sign\"]\nstakeholders = [\"it\"]\n+++\nThe steps of signing.\n",
    );
    site
}

#[test]
fn the_finder_lists_every_published_asset_under_its_steps_and_no_draft() {
    let site = site_with_a_draft();
    build(site.path());
    let finder = page(site.path(), "resources/index.html");
    let listing = element(&finder, "<div class=\"finder-all\"");
    assert_eq!(group_steps(listing), ["facts", "options", "sign"]);
    assert_eq!(
        cards(listing),
        [
            "The facts guide",
            "The facts guide",
            "How signing works",
            "Ready to sign"
        ],
        "an asset is listed under each step it serves, in the site's order"
    );
    assert!(
        !finder.contains("Unfinished guide"),
        "a draft is not listed"
    );
    assert!(finder.contains("<title>Find a resource · Small site</title>"));
    let count = element(&finder, "<p class=\"finder-count\"");
    assert!(count.contains("3 resources"), "{count}");
    assert!(count.contains("aria-live=\"polite\""), "{count}");
}

#[test]
fn the_finders_form_chooses_a_step_a_kind_and_a_role_and_searches() {
    let site = site_with_a_draft();
    build(site.path());
    let finder = page(site.path(), "resources/index.html");
    let form = element(&finder, "<form class=\"finder-form\"");
    assert!(
        form.contains("method=\"get\" action=\"/resources/\""),
        "{form}"
    );
    let options = |name: &str| -> Vec<String> {
        let select = element(
            form,
            &format!("<select id=\"finder-{name}\" name=\"{name}\""),
        );
        select
            .split("<option value=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(options("step"), ["", "facts", "options", "sign"]);
    assert_eq!(options("kind"), ["", "guide", "checklist"]);
    assert_eq!(options("stakeholder"), ["", "finance", "it"]);
    for (id, name) in [("finder-q", "q"), ("finder-step", "step")] {
        assert!(
            form.contains(&format!("<label for=\"{id}\"")),
            "{id} is labelled"
        );
        assert!(
            form.contains(&format!("id=\"{id}\" name=\"{name}\"")),
            "{form}"
        );
    }
}

#[test]
fn every_page_links_the_finder_and_each_step_page_its_own_choice() {
    let site = site_with_a_draft();
    build(site.path());
    for relative in [
        "index.html",
        "404.html",
        "steps/facts/index.html",
        "kinds/guide/index.html",
        "stakeholders/finance/index.html",
        "guides/facts-guide/index.html",
        "resources/index.html",
    ] {
        let html = page(site.path(), relative);
        let header = element(&html, "<header class=\"site-header\"");
        assert!(
            links(header).contains(&"/resources/"),
            "{relative}: {header}"
        );
    }
    let finder = page(site.path(), "resources/index.html");
    assert!(finder.contains("href=\"/resources/\" aria-current=\"page\">Find a resource</a>"));
    let facts = page(site.path(), "steps/facts/index.html");
    let resources = element(&facts, "<section class=\"resources\"");
    assert!(
        links(resources).contains(&"/resources/?step=facts"),
        "{resources}"
    );
}

#[test]
fn an_empty_step_points_to_the_finder_and_the_next_step() {
    let site = small_site();
    fs::remove_file(site.path().join("content/guides/facts-guide.md")).unwrap();
    build(site.path());
    let facts = page(site.path(), "steps/facts/index.html");
    let empty = element(&facts, "<div class=\"empty\"");
    assert_eq!(links(empty), ["/steps/options/", "/resources/"], "{empty}");
    assert!(
        !element(&facts, "<section class=\"resources\"").contains("?step=facts"),
        "an empty step offers no choice of its own"
    );
}

#[test]
fn the_finder_is_cut_into_pages_and_listed_in_the_sitemap() {
    let site = site_with_a_draft();
    let config = read(site.path(), "stepwise.toml");
    write(
        site.path(),
        "stepwise.toml",
        &format!("paginate_by = 2\n{config}"),
    );
    build(site.path());
    let first = page(site.path(), "resources/index.html");
    let second = page(site.path(), "resources/page/2/index.html");
    assert!(!site.path().join("output/resources/page/3").exists());
    assert_eq!(cards(&first), ["The facts guide", "The facts guide"]);
    assert_eq!(cards(&second), ["How signing works", "Ready to sign"]);
    assert!(first.contains("<link rel=\"next\" href=\"/resources/page/2/\">"));
    assert!(second.contains("<link rel=\"prev\" href=\"/resources/\">"));
    let sitemap = page(site.path(), "sitemap.xml");
    for url in ["resources/", "resources/page/2/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.com/{url}</loc>")),
            "{sitemap}"
        );
    }
    let check = stepwise(site.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// The JSON file at `relative` under the built site's index.
fn index_file(site: &Path, relative: &str) -> serde_json::Value {
    let text = page(site, &format!("resources/index/{relative}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The postings of `word` in its shard, found as the finder's script finds it: the shard of the
/// longest key that begins the word.
fn postings(site: &Path, word: &str) -> Option<serde_json::Value> {
    let facets = index_file(site, "facets.json");
    let keys: Vec<&str> = facets["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key.as_str().unwrap())
        .collect();
    let shard = (2..=word.len())
        .rev()
        .find_map(|n| keys.iter().position(|key| *key == &word[..n]))?;
    let terms = index_file(site, &format!("terms/{shard}.json"));
    terms.get(word).cloned()
}

#[test]
fn the_index_finds_assets_by_the_words_of_their_titles_summaries_and_headings() {
    let site = site_with_a_draft();
    build(site.path());
    let facets = index_file(site.path(), "facets.json");
    assert_eq!(facets["count"], 3, "the draft is left out");
    // numbered by first step, then in the site's order: the facts guide, the signing guide,
    // the checklist; sets are bitmaps of those numbers in base64
    let sets = |list: &str| -> Vec<(String, String)> {
        facets[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let slug = v["slug"].as_str().unwrap().to_string();
                (slug, v["set"].as_str().unwrap().to_string())
            })
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        sets("steps"),
        pairs(&[("facts", "AQ=="), ("options", "AQ=="), ("sign", "Bg==")])
    );
    assert_eq!(
        sets("kinds"),
        pairs(&[("guide", "Aw=="), ("checklist", "BA==")])
    );
    assert_eq!(
        sets("stakeholders"),
        pairs(&[("finance", "AQ=="), ("it", "Ag==")])
    );
    let cases = [
        ("heading", Some(serde_json::json!([0]))),
        ("paragraph", Some(serde_json::json!([0]))),
        ("signing", Some(serde_json::json!([1]))),
        ("ready", Some(serde_json::json!([2]))),
        ("unfinished", None),
        ("the", None),
    ];
    for (word, expected) in cases {
        assert_eq!(postings(site.path(), word), expected, "{word}");
    }
    let records = index_file(site.path(), "records/0.json");
    assert_eq!(
        records[0],
        serde_json::json!([
            "The facts guide",
            "The first paragraph.",
            "/guides/facts-guide/",
            0,
            [0, 1],
            [0]
        ])
    );
    assert_eq!(records[2][0], "Ready to sign");
    let finder = page(site.path(), "resources/index.html");
    assert!(finder.contains("data-finder-index=\"/resources/index/facets.json\""));
}

#[path = "../bench/generate.rs"]
#[allow(dead_code)]
mod generate;

/// The bytes of the file at `path`.
fn size(path: &Path) -> usize {
    fs::metadata(path).unwrap().len() as usize
}

/// The sizes of the files of a folder, largest first.
fn sizes(folder: &Path) -> Vec<usize> {
    let mut sizes: Vec<usize> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| size(&entry.unwrap().path()))
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes
}

#[test]
fn a_query_downloads_at_most_100_kb_at_10000_assets() {
    let dir = tempfile::tempdir().unwrap();
    generate::run(10_000, dir.path(), generate::DEFAULT_SEED).unwrap();
    let site = dir.path().join("stepwise");
    build(&site);
    let index = site.join("output/resources/index");
    // the worst a one-word query can fetch: the facets, the largest shard, and the records of
    // a first page of results that all lie in different files, the largest ones
    let facets = size(&index.join("facets.json"));
    let shard = sizes(&index.join("terms"))[0];
    let records: usize = sizes(&index.join("records")).iter().take(24).sum();
    let query = facets + shard + records;
    println!(
        "facets {facets} B, largest shard {shard} B, a page of records {records} B: {query} B"
    );
    assert!(query <= 100_000, "a query downloads {query} bytes");
    assert_eq!(fs::read_dir(index.join("records")).unwrap().count(), 2_500);
}
