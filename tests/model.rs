//! The site model as a long-running process uses it: one asset is loaded again after an edit,
//! applied to the site, and only the pages the change names are rendered again; the result is
//! byte-identical to a full build of the edited site.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{repository, snapshot, write};
use stepwise::content::{self, AssetId};
use stepwise::diagnostics::Problems;
use stepwise::routes::{self, Affected, Page};
use stepwise::site::{Edit, SiteOptions};
use stepwise::{Loaded, Options};

/// The guide the tests edit, and where it is published.
const GUIDE: &str = "guides/measuring-your-ap-baseline.md";

/// A copy of the sample site's configuration and content in a new temporary folder.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        repository().join("stepwise.toml"),
        dir.path().join("stepwise.toml"),
    )
    .unwrap();
    for (relative, bytes) in snapshot(&repository().join("content")) {
        let path = dir.path().join("content").join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn options() -> SiteOptions {
    SiteOptions {
        base_url: Some("/".into()),
        ..SiteOptions::default()
    }
}

fn load(root: &Path) -> Loaded {
    let mut problems = Problems::default();
    let loaded = stepwise::load(root, &options(), &mut problems);
    assert!(!problems.has_errors(), "{problems:?}");
    loaded.expect("the site loads")
}

/// Every HTML page of a full build of the site at `root`, by output path.
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let output = tempfile::tempdir().unwrap();
    let mut options = Options::new(root);
    options.output_dir = Some(output.path().join("out"));
    options.site = self::options();
    stepwise::build(&options).expect("the site builds");
    snapshot(&output.path().join("out"))
        .into_iter()
        // The coverage report is measured once per build, not rendered as one of the pages.
        .filter(|(path, _)| path.ends_with(".html") && !path.starts_with("coverage/"))
        .collect()
}

/// A copy of the sample site in which nothing links to the guide, which other assets link
/// with `@/`: removing it or making it a draft would break their links (see `tests/links.rs`).
fn sample_copy_with_the_guide_unlinked() -> tempfile::TempDir {
    let dir = sample_copy();
    for (relative, bytes) in snapshot(&dir.path().join("content")) {
        let text = String::from_utf8_lossy(&bytes);
        let link = format!("](@/{GUIDE}");
        if text.contains(&link) {
            let unlinked = text.replace(&link, "](https://example.com/baseline");
            write(dir.path(), &format!("content/{relative}"), &unlinked);
        }
    }
    dir
}

/// Re-reads the asset `id` after an edit on disk and applies it; returns the pages it names.
fn reload(loaded: &mut Loaded, root: &Path, id: &AssetId) -> Affected {
    let mut problems = Problems::default();
    let edit = match content::load_one(root, id, &mut problems) {
        Some(asset) => Edit::Put(Box::new(asset)),
        None => Edit::Remove(id.clone()),
    };
    let change = loaded
        .site
        .apply(edit, &mut problems)
        .expect("the edit applies");
    assert!(problems.is_empty(), "{problems:?}");
    let reshown = loaded.renderer.update(&loaded.site, &change);
    let related = loaded.renderer.related();
    routes::affected(&loaded.site, related, &change, &reshown)
}

/// Renders `pages` of the loaded site, by output path.
fn render(loaded: &Loaded, pages: &[Page]) -> BTreeMap<String, Vec<u8>> {
    pages
        .iter()
        .map(|page| {
            let mut html = Vec::new();
            loaded
                .renderer
                .render(&loaded.site, page, &mut html)
                .unwrap();
            (page.output_path(&loaded.site), html)
        })
        .collect()
}

fn edit(root: &Path, relative: &str, from: &str, to: &str) {
    let path = root.join("content").join(relative);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "`{from}` is not in {relative}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The output paths of pages whose bytes differ between two builds, or that only one has.
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = before.keys().chain(after.keys()).cloned().collect();
    paths.sort();
    paths.dedup();
    paths.retain(|path| before.get(path) != after.get(path));
    paths
}

/// Asserts that the named `pages`, rendered again, are as a full build `after` the edit has
/// them, and that every page whose bytes the edit changed since `before` is among them.
fn assert_like_a_full_build(
    loaded: &Loaded,
    pages: &[Page],
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) {
    let rerendered = render(loaded, pages);
    for (path, html) in &rerendered {
        assert!(after[path] == *html, "{path} differs from a full build");
    }
    for path in changed(before, after) {
        assert!(
            rerendered.contains_key(&path),
            "{path} changed in the full build but was not named"
        );
    }
}

#[test]
fn a_new_title_rerenders_only_the_pages_that_show_the_asset() {
    let site = sample_copy();
    let mut loaded = load(site.path());
    let before = full_build(site.path());
    edit(site.path(), GUIDE, "title = \"", "title = \"Step by step: ");
    let affected = reload(&mut loaded, site.path(), &AssetId::from(GUIDE));
    let Affected::Some(pages) = affected else {
        panic!("a new title changes no count, so not every page is named")
    };
    let names: Vec<String> = pages.iter().map(|p| p.output_path(&loaded.site)).collect();
    assert_eq!(
        names,
        [
            "index.html",
            "steps/key-facts/index.html",
            "kinds/guide/index.html",
            "stakeholders/finance/index.html",
            "stakeholders/operations/index.html",
            "resources/index.html",
            "case-studies/brightwater-foods/index.html",
            "savings-calculators/early-payment-discount-capture/index.html",
            "case-studies/harbourline-logistics/index.html",
            "guides/measuring-your-ap-baseline/index.html",
            "savings-calculators/invoice-processing-cost/index.html",
        ],
        "the overview, the guide's steps, kind and stakeholders, the resource finder, its own page and the pages that show it among their related resources"
    );
    assert_like_a_full_build(&loaded, &pages, &before, &full_build(site.path()));
}

#[test]
fn a_sentence_added_to_the_body_rerenders_only_the_assets_own_page() {
    let site = sample_copy();
    let mut loaded = load(site.path());
    let before = full_build(site.path());
    let path = site.path().join("content").join(GUIDE);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\nOne more sentence at the end.\n")).unwrap();
    let affected = reload(&mut loaded, site.path(), &AssetId::from(GUIDE));
    let Affected::Some(pages) = affected else {
        panic!("a new sentence changes no count, so not every page is named")
    };
    let names: Vec<String> = pages.iter().map(|p| p.output_path(&loaded.site)).collect();
    assert_eq!(
        names,
        ["index.html", "guides/measuring-your-ap-baseline/index.html"],
        "its summary, all that listings and related resources show of it, is as it was"
    );
    assert_like_a_full_build(&loaded, &pages, &before, &full_build(site.path()));
}

#[test]
fn new_steps_and_stakeholders_rerender_every_page_like_a_full_build() {
    let site = sample_copy();
    let mut loaded = load(site.path());
    edit(site.path(), GUIDE, "title = \"", "title = \"Moved: ");
    edit(site.path(), GUIDE, "steps = [", "steps = [\"worst-case\", ");
    edit(
        site.path(),
        GUIDE,
        "stakeholders = [",
        "stakeholders = [\"procurement\", ",
    );
    let affected = reload(&mut loaded, site.path(), &AssetId::from(GUIDE));
    assert_eq!(
        affected,
        Affected::All,
        "the counts of the journey and the footer change"
    );
    let after = full_build(site.path());
    let rerendered = render(&loaded, &routes::pages(&loaded.site));
    assert_eq!(
        rerendered.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, html) in &rerendered {
        assert!(after[path] == *html, "{path} differs from a full build");
    }
    assert!(
        String::from_utf8_lossy(&rerendered["steps/worst-case/index.html"]).contains("Moved: "),
        "the guide joined the worst-case step"
    );
}

#[test]
fn a_removed_and_an_added_asset_match_a_full_build() {
    let site = sample_copy_with_the_guide_unlinked();
    let mut loaded = load(site.path());
    let gone = AssetId::from(GUIDE);
    fs::remove_file(site.path().join("content").join(GUIDE)).unwrap();
    assert_eq!(reload(&mut loaded, site.path(), &gone), Affected::All);
    assert!(loaded.site.asset(&gone).is_none());
    let added = "guides/a-new-guide.md";
    write(
        site.path(),
        &format!("content/{added}"),
        "+++\ntitle = \"A new guide\"\nkind = \"guide\"\nsteps = [\"key-facts\"]\n+++\nNew.\n",
    );
    assert_eq!(
        reload(&mut loaded, site.path(), &AssetId::from(added)),
        Affected::All
    );
    let after = full_build(site.path());
    let rerendered = render(&loaded, &routes::pages(&loaded.site));
    assert_eq!(changed(&rerendered, &after), Vec::<String>::new());
}

#[test]
fn an_edit_that_breaks_an_asset_leaves_the_site_as_it_was() {
    let site = sample_copy();
    let mut loaded = load(site.path());
    let id = AssetId::from(GUIDE);
    let title = loaded.site.asset(&id).unwrap().asset.title.value.clone();
    edit(
        site.path(),
        GUIDE,
        "steps = [",
        "steps = [\"no-such-step\", ",
    );
    let mut problems = Problems::default();
    let asset = content::load_one(site.path(), &id, &mut problems).unwrap();
    assert!(
        loaded
            .site
            .apply(Edit::Put(Box::new(asset)), &mut problems)
            .is_none()
    );
    let report = stepwise::diagnostics::render(problems.as_slice(), false);
    assert!(report.contains("unknown step `no-such-step`"), "{report}");
    assert_eq!(loaded.site.asset(&id).unwrap().asset.title.value, title);
}

#[test]
fn a_draft_is_kept_aside_and_publishing_it_names_every_page() {
    let site = sample_copy_with_the_guide_unlinked();
    let mut loaded = load(site.path());
    let id = AssetId::from(GUIDE);
    edit(site.path(), GUIDE, "weight = 1", "weight = 1\ndraft = true");
    assert_eq!(reload(&mut loaded, site.path(), &id), Affected::All);
    assert!(loaded.site.asset(&id).is_none(), "a draft is not published");
    let drafts: Vec<&AssetId> = loaded.site.drafts().iter().map(|a| &a.asset.id).collect();
    assert_eq!(drafts.len(), 2, "the sample site's own draft and this one");
    assert!(drafts.contains(&&id));
    edit(site.path(), GUIDE, "draft = true", "draft = false");
    assert_eq!(reload(&mut loaded, site.path(), &id), Affected::All);
    assert!(loaded.site.asset(&id).is_some());
    assert_eq!(loaded.site.drafts().len(), 1);
}

/// The address a testimonial's quote links to.
fn link_of(loaded: &Loaded, id: &AssetId) -> Option<String> {
    match &loaded.site.asset(id)?.data {
        stepwise::kinds::KindData::Testimonial(data) => data.quote.url.clone(),
        _ => None,
    }
}

#[test]
fn an_edited_testimonial_is_linked_again_and_a_broken_link_is_reported() {
    let site = sample_copy();
    let mut loaded = load(site.path());
    let relative = "testimonials/castellan-cfo.md";
    let id = AssetId::from(relative);
    assert_eq!(
        link_of(&loaded, &id).as_deref(),
        Some("/case-studies/castellan-dental-group/")
    );
    let (before, after) = ("castellan-dental-group.md", "kestrel-hotels.md");
    edit(site.path(), relative, before, after);
    reload(&mut loaded, site.path(), &id);
    assert_eq!(
        link_of(&loaded, &id).as_deref(),
        Some("/case-studies/kestrel-hotels/")
    );
    edit(site.path(), relative, after, "kestrel-hotel.md");
    let mut problems = Problems::default();
    let asset = content::load_one(site.path(), &id, &mut problems).unwrap();
    loaded.site.apply(Edit::Put(Box::new(asset)), &mut problems);
    let report = stepwise::diagnostics::render(problems.as_slice(), false);
    assert!(
        report.contains("`@/case-studies/kestrel-hotel.md` names no asset")
            && report.contains("did you mean `@/case-studies/kestrel-hotels.md`?"),
        "{report}"
    );
}

#[test]
fn a_case_study_that_moves_relinks_its_testimonial_like_a_full_build() {
    let site = sample_copy();
    let mut loaded = load(site.path());
    let case_study = "case-studies/castellan-dental-group.md";
    let testimonial = AssetId::from("testimonials/castellan-cfo.md");
    edit(
        site.path(),
        case_study,
        "kind = ",
        "slug = \"castellan\"\nkind = ",
    );
    let Affected::Some(pages) = reload(&mut loaded, site.path(), &AssetId::from(case_study)) else {
        panic!("a new slug changes no count, so not every page is named")
    };
    assert_eq!(
        link_of(&loaded, &testimonial).as_deref(),
        Some("/case-studies/castellan/")
    );
    assert!(
        pages.contains(&Page::Asset(testimonial.clone())),
        "the testimonial's page shows the link: {pages:?}"
    );
    let after = full_build(site.path());
    let rerendered = render(&loaded, &pages);
    let path = "testimonials/castellan-cfo/index.html";
    assert!(
        after[path] == rerendered[path],
        "{path} differs from a full build"
    );
}

#[test]
fn removing_an_asset_that_others_link_is_an_error_at_each_link() {
    let site = sample_copy();
    let mut loaded = load(site.path());
    let mut problems = Problems::default();
    let change = loaded
        .site
        .apply(Edit::Remove(AssetId::from(GUIDE)), &mut problems)
        .expect("a removal applies");
    let report = stepwise::diagnostics::render(problems.as_slice(), false);
    for linking in [
        "content/guides/designing-a-parallel-run.md:22:",
        "content/calculators/invoice-processing-cost.md:",
    ] {
        assert!(
            report.contains(linking),
            "{linking} is not named:\n{report}"
        );
    }
    assert!(report.contains("there is no such asset"), "{report}");
    assert_eq!(change.relinked.len(), 2, "both linking pages are named");
}
