//! Listings cut into pages of `paginate_by` assets: the first page at the listing's own address,
//! the others at `page/2/` …, linked by `rel="prev"`/`rel="next"` and a page navigation, in the
//! sitemap, followed by the link check, and kept up to date by `serve`.
// A test states what it expects by unwrapping and panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;

use common::live::Server;
use common::{build, page, read, small_site, stderr, stepwise, write};

/// The small site showing `per_page` assets a page, with `guides` more guides for the step
/// `options`, titled "Option guide 1" … so that they come before "The facts guide".
fn site_with(per_page: usize, guides: usize) -> tempfile::TempDir {
    let site = small_site();
    let config = fs::read_to_string(site.path().join("stepwise.toml")).unwrap();
    let config = format!("paginate_by = {per_page}\n{config}");
    write(site.path(), "stepwise.toml", &config);
    for i in 1..=guides {
        write(
            site.path(),
            &format!("content/guides/option-{i}.md"),
            &format!(
                "+++\ntitle = \"Option guide {i}\"\nkind = \"guide\"\nsteps = [\"options\"]\n+++\nAbout option {i}.\n"
            ),
        );
    }
    site
}

/// The titles of the cards of a page, in order.
fn cards(html: &str) -> Vec<&str> {
    html.split("class=\"card-title\"><a href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once("\">")?.1.split_once("</a>"))
        .map(|(title, _)| title)
        .collect()
}

/// The `href` of the head's `<link rel="…">`, if there is one.
fn head_link<'a>(html: &'a str, rel: &str) -> Option<&'a str> {
    let head = html.split("</head>").next()?;
    let rest = head.split(&format!("<link rel=\"{rel}\" href=\"")).nth(1)?;
    rest.split('"').next()
}

#[test]
fn a_long_listing_is_cut_into_pages_under_its_address() {
    let site = site_with(2, 4);
    build(site.path());
    let first = page(site.path(), "steps/options/index.html");
    let second = page(site.path(), "steps/options/page/2/index.html");
    let third = page(site.path(), "steps/options/page/3/index.html");
    assert!(!site.path().join("output/steps/options/page/4").exists());
    assert!(!site.path().join("output/steps/options/page/1").exists());
    assert_eq!(cards(&first), ["Option guide 1", "Option guide 2"]);
    assert_eq!(cards(&second), ["Option guide 3", "Option guide 4"]);
    assert_eq!(cards(&third), ["The facts guide"]);

    assert_eq!(head_link(&first, "prev"), None);
    assert_eq!(head_link(&first, "next"), Some("/steps/options/page/2/"));
    assert_eq!(head_link(&second, "prev"), Some("/steps/options/"));
    assert_eq!(head_link(&second, "next"), Some("/steps/options/page/3/"));
    assert_eq!(head_link(&third, "prev"), Some("/steps/options/page/2/"));
    assert_eq!(head_link(&third, "next"), None);
    assert!(
        second.contains(
            "<link rel=\"canonical\" href=\"https://example.com/steps/options/page/2/\">"
        )
    );
    assert!(
        second.contains("<title>Compare the options · page 2 of 3 · Small site</title>"),
        "{second}"
    );

    let nav = second
        .split("<nav class=\"pagination\" aria-label=\"Pages\">")
        .nth(1)
        .expect("a page navigation");
    let nav = nav.split("</nav>").next().unwrap();
    assert!(nav.contains("Page 2 of 3"), "{nav}");
    assert!(
        nav.contains("<a href=\"/steps/options/page/2/\" aria-current=\"page\">"),
        "{nav}"
    );
    for link in ["/steps/options/", "/steps/options/page/3/"] {
        assert!(nav.contains(&format!("href=\"{link}\"")), "{link} in {nav}");
    }
}

#[test]
fn a_listing_of_exactly_paginate_by_assets_is_one_page_and_one_more_makes_two() {
    // `options` lists the facts guide and the new guides.
    let exact = site_with(3, 2);
    build(exact.path());
    let only = page(exact.path(), "steps/options/index.html");
    assert_eq!(cards(&only).len(), 3);
    assert!(
        !only.contains("aria-label=\"Pages\""),
        "one page has no page navigation"
    );
    assert_eq!(head_link(&only, "next"), None);
    assert!(!exact.path().join("output/steps/options/page").exists());

    let over = site_with(3, 3);
    build(over.path());
    let first = page(over.path(), "steps/options/index.html");
    assert_eq!(cards(&first).len(), 3);
    assert_eq!(head_link(&first, "next"), Some("/steps/options/page/2/"));
    let second = page(over.path(), "steps/options/page/2/index.html");
    assert_eq!(cards(&second), ["The facts guide"]);
}

#[test]
fn kind_and_stakeholder_listings_are_cut_too_and_every_page_is_in_the_sitemap() {
    let site = site_with(2, 4);
    build(site.path());
    // The guide kind: the facts guide under `facts`, then the five guides of `options`.
    let kind_pages = [
        "kinds/guide/index.html",
        "kinds/guide/page/2/index.html",
        "kinds/guide/page/3/index.html",
    ];
    let shown: Vec<Vec<String>> = kind_pages
        .iter()
        .map(|path| {
            cards(&page(site.path(), path))
                .into_iter()
                .map(String::from)
                .collect()
        })
        .collect();
    assert_eq!(
        shown,
        [
            vec!["The facts guide", "Option guide 1"],
            vec!["Option guide 2", "Option guide 3"],
            vec!["Option guide 4", "The facts guide"],
        ]
    );
    let sitemap = page(site.path(), "sitemap.xml");
    for address in [
        "https://example.com/steps/options/",
        "https://example.com/steps/options/page/2/",
        "https://example.com/steps/options/page/3/",
        "https://example.com/kinds/guide/page/3/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{address}</loc>")),
            "{address} in {sitemap}"
        );
    }
    assert!(!sitemap.contains("/kinds/guide/page/4/"));
    assert!(
        !sitemap.contains("/stakeholders/finance/page/"),
        "one page of finance"
    );
}

#[test]
fn a_step_shows_the_most_useful_first_by_weight_then_kind() {
    let site = site_with(2, 2);
    write(
        site.path(),
        "content/checklists/first.md",
        "+++\ntitle = \"A checklist to start\"\nkind = \"checklist\"\nsteps = [\"options\"]\nweight = -1\n+++\n- [ ] Start\n",
    );
    write(
        site.path(),
        "content/checklists/later.md",
        "+++\ntitle = \"A checklist for later\"\nkind = \"checklist\"\nsteps = [\"options\"]\n+++\n- [ ] Later\n",
    );
    build(site.path());
    let first = page(site.path(), "steps/options/index.html");
    assert_eq!(cards(&first), ["A checklist to start", "Option guide 1"]);
    let checklists = first.find("id=\"kind-checklist\"").unwrap();
    let guides = first.find("id=\"kind-guide\"").unwrap();
    assert!(
        checklists < guides,
        "the group of the first asset comes first"
    );
    let second = page(site.path(), "steps/options/page/2/index.html");
    assert_eq!(
        cards(&second),
        ["Option guide 2", "The facts guide"],
        "guides before checklists at one weight"
    );
    let third = page(site.path(), "steps/options/page/3/index.html");
    assert_eq!(cards(&third), ["A checklist for later"]);
}

#[test]
fn the_link_check_follows_every_page_of_a_listing() {
    let site = site_with(2, 4);
    let run = stepwise(site.path(), &["check"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // A template that links one page too far is caught on the page that does.
    let step = read(&common::repository(), "themes/default/templates/step.html");
    write(
        site.path(),
        "templates/step.html",
        &step.replace(
            "</article>",
            "<a href=\"{{ page.url }}page/9/\">more</a></article>",
        ),
    );
    let run = stepwise(site.path(), &["check"]);
    let report = stderr(&run);
    assert!(!run.status.success(), "{report}");
    assert!(
        report.contains("steps/options/page/2/index.html"),
        "{report}"
    );
}

#[test]
fn serve_renders_again_the_page_of_a_listing_that_shows_an_edit() {
    let site = site_with(2, 4);
    let server = Server::start(site.path());
    assert!(
        server
            .get("/steps/options/page/2/")
            .body
            .contains("Option guide 3")
    );
    let mut events = server.events();
    let guide = site.path().join("content/guides/option-3.md");
    let text = fs::read_to_string(&guide).unwrap();
    fs::write(
        &guide,
        text.replace("Option guide 3", "Option guide 3, revised"),
    )
    .unwrap();
    let reload = events.next().expect("a reload after the edit");
    let pages = reload["pages"].as_array().expect("the pages it names");
    let named = |page: &str| pages.iter().any(|p| p == page);
    assert!(named("/steps/options/page/2/"), "{reload}");
    assert!(named("/kinds/guide/page/2/"), "{reload}");
    assert!(
        !named("/steps/options/"),
        "page 1 does not show it: {reload}"
    );
    assert!(
        !named("/steps/options/page/3/"),
        "page 3 does not show it: {reload}"
    );
    let second = server.get("/steps/options/page/2/").body;
    assert_eq!(
        cards(&second),
        ["Option guide 3, revised", "Option guide 4"]
    );
}
