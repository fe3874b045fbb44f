//! The sample site and small sites built end to end: the pages exist, each page's own content
//! (not the header and footer that every page shares) links the journey together and lists the
//! right assets in the right order, front matter reaches the templates escaped, and the same
//! input gives the same bytes.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use common::{
    element, fingerprinted, links, read, repository, small_site, snapshot, stderr, stepwise,
    stepwise_with_env, write,
};

fn build_into(site: &Path, output: &Path, extra: &[&str]) {
    let output_arg = output.to_string_lossy();
    let mut args = vec!["build", "--output-dir", output_arg.as_ref()];
    args.extend_from_slice(extra);
    let result = stepwise(site, &args);
    assert!(
        result.status.success(),
        "build failed:\n{}",
        stderr(&result)
    );
}

/// Builds the site into a new temporary folder and returns that folder.
fn built(site: &Path, extra: &[&str]) -> tempfile::TempDir {
    let output = tempfile::tempdir().unwrap();
    build_into(site, output.path(), extra);
    output
}

/// The output file of a root-relative URL of a site published at `/`.
fn page(output: &Path, url: &str) -> String {
    read(
        output,
        &format!("{}index.html", url.trim_start_matches('/')),
    )
}

/// Text as the theme prints it, escaped for HTML.
fn escaped(text: &str) -> String {
    let mut out = Vec::new();
    tera::escape_html(text, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What the step page at `url` shows as its own content: the "move on" block, the pager and the
/// resources section, without the header and footer that every page shares.
struct StepPage {
    exit: String,
    pager: String,
    resources: String,
}

/// Reads the step page at `url` of the built site in `output`.
fn step_page(output: &Path, url: &str) -> StepPage {
    let html = page(output, url);
    StepPage {
        exit: element(&html, "<section class=\"exit\"").to_string(),
        pager: element(&html, "<nav class=\"pager\"").to_string(),
        resources: element(&html, "<section class=\"resources\"").to_string(),
    }
}

/// The positions of `titles` (escaped) in `html`, which must hold every one of them.
fn positions(html: &str, titles: &[&str]) -> Vec<usize> {
    titles
        .iter()
        .map(|title| {
            html.find(&format!(">{}<", escaped(title)))
                .unwrap_or_else(|| panic!("`{title}` is not in:\n{html}"))
        })
        .collect()
}

/// The parts of `stepwise.toml` that say which pages the site must have.
#[derive(Deserialize)]
struct Plan {
    steps: Vec<Declared>,
    kinds: Vec<Declared>,
    stakeholders: Vec<Declared>,
    call_to_action: CallToAction,
}

/// A step, kind or stakeholder of [`Plan`].
#[derive(Deserialize)]
struct Declared {
    slug: String,
}

/// The call to action of [`Plan`].
#[derive(Deserialize)]
struct CallToAction {
    url: String,
}

/// An asset as its front matter declares it.
#[derive(Deserialize)]
struct DeclaredAsset {
    title: String,
    steps: Vec<String>,
    #[serde(default)]
    draft: bool,
}

/// The front matter of every published asset under the site's `content/`, read as TOML between
/// `+++` lines or as YAML between `---` lines.
fn declared_assets(site: &Path) -> Vec<DeclaredAsset> {
    walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .map(|entry| entry.expect("a content entry"))
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .map(|entry| {
            let text = fs::read_to_string(entry.path()).expect("read an asset");
            let name = entry.path().display();
            if let Some(rest) = text.strip_prefix("+++\n") {
                let (front, _) = rest
                    .split_once("\n+++\n")
                    .expect("closed TOML front matter");
                toml::from_str(front).unwrap_or_else(|e| panic!("{name}: {e}"))
            } else {
                let rest = text.strip_prefix("---\n").expect("front matter");
                let (front, _) = rest
                    .split_once("\n---\n")
                    .expect("closed YAML front matter");
                yaml_asset(front).unwrap_or_else(|| panic!("{name}: unreadable YAML"))
            }
        })
        .filter(|asset: &DeclaredAsset| !asset.draft)
        .collect()
}

/// The fields of a YAML front matter that [`declared_assets`] reads.
fn yaml_asset(front: &str) -> Option<DeclaredAsset> {
    use saphyr::{LoadableYamlNode, Yaml};
    let documents = Yaml::load_from_str(front).ok()?;
    let document = documents.first()?;
    let field = |key: &str| document.as_mapping_get(key);
    let steps = match field("steps")? {
        Yaml::Sequence(items) => items
            .iter()
            .filter_map(|step| step.as_str().map(str::to_string))
            .collect(),
        one => vec![one.as_str()?.to_string()],
    };
    Some(DeclaredAsset {
        title: field("title")?.as_str()?.to_string(),
        steps,
        draft: field("draft").and_then(Yaml::as_bool).unwrap_or(false),
    })
}

/// The asset pages of the built site in `output`, published at `base_url`: the `<h1>` of each
/// page's article, mapped to the page's root-relative URL. Asset pages are the pages of the
/// sitemap outside `/steps/`, `/kinds/` and `/stakeholders/`.
fn asset_pages(output: &Path, base_url: &str) -> HashMap<String, String> {
    read(output, "sitemap.xml")
        .split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().expect("split gives one part"))
        .map(|loc| {
            loc.strip_prefix(base_url)
                .expect("an address under the base URL")
        })
        .filter(|path| {
            !path.is_empty()
                && !["steps/", "kinds/", "stakeholders/", "resources/"]
                    .iter()
                    .any(|folder| path.starts_with(folder))
        })
        .map(|path| {
            let url = format!("/{path}");
            let html = page(output, &url);
            let h1 = element(element(&html, "<article class=\"asset\""), "<h1").to_string();
            (h1, url)
        })
        .collect()
}

#[test]
fn sample_site_links_every_step_to_the_next_and_lists_every_asset_on_its_steps() {
    let output = built(&repository(), &[]);
    let plan: Plan = toml::from_str(&read(&repository(), "stepwise.toml")).unwrap();
    let step_url = |slug: &str| format!("/steps/{slug}/");
    let then = |slug: &str| {
        let at = plan.steps.iter().position(|s| s.slug == slug).unwrap();
        plan.steps
            .get(at + 1)
            .map_or(plan.call_to_action.url.clone(), |next| step_url(&next.slug))
    };
    let assets = declared_assets(&repository());
    assert!(assets.len() >= 30, "the sample site has at least 30 assets");
    let pages = asset_pages(output.path(), "https://guide.ledgerline.example/");
    assert_eq!(pages.len(), assets.len(), "one page per published asset");
    let mut on_step: HashMap<&str, Vec<&str>> = HashMap::new();
    for asset in &assets {
        let url = &pages[&format!("<h1>{}</h1>", escaped(&asset.title))];
        let html = page(output.path(), url);
        let helps = element(&html, "<aside class=\"helps\"");
        let mut steps: Vec<&String> = asset.steps.iter().collect();
        steps.sort_by_key(|slug| plan.steps.iter().position(|s| &s.slug == *slug));
        let expected: Vec<String> = steps
            .iter()
            .flat_map(|slug| [step_url(slug), then(slug)])
            .collect();
        assert_eq!(
            links(helps),
            expected,
            "{url} links to each of its steps and where each leads"
        );
        for slug in &asset.steps {
            on_step.entry(slug).or_default().push(url);
        }
    }
    for step in &plan.steps {
        let url = step_url(&step.slug);
        let shown = step_page(output.path(), &url);
        let next = then(&step.slug);
        assert!(
            links(&shown.exit).contains(&next.as_str()),
            "the exit block of {url} leads to {next}:\n{}",
            shown.exit
        );
        assert!(
            links(&shown.pager).contains(&next.as_str()),
            "the pager of {url} leads to {next}:\n{}",
            shown.pager
        );
        let mut listed = links(&shown.resources);
        let finder = format!("/resources/?step={}", step.slug);
        assert!(listed.contains(&finder.as_str()), "{url} links {finder}");
        listed.retain(|link| *link != finder);
        listed.sort_unstable();
        let mut expected = on_step.remove(step.slug.as_str()).unwrap_or_default();
        expected.sort_unstable();
        assert!(!expected.is_empty(), "step {} has resources", step.slug);
        assert_eq!(listed, expected, "the resources of {url}");
    }
    assert!(
        on_step.is_empty(),
        "assets name undeclared steps: {on_step:?}"
    );
    let index = read(output.path(), "index.html");
    let overview = links(element(&index, "<main"));
    for step in &plan.steps {
        let url = step_url(&step.slug);
        assert!(
            overview.contains(&url.as_str()),
            "the overview links to {url}"
        );
    }
    for url in plan
        .kinds
        .iter()
        .map(|k| format!("/kinds/{}/", k.slug))
        .chain(
            plan.stakeholders
                .iter()
                .map(|s| format!("/stakeholders/{}/", s.slug)),
        )
    {
        assert!(
            element(&page(output.path(), &url), "<main").contains("<h1"),
            "{url} has a heading"
        );
    }
    assert!(read(output.path(), "404.html").contains("<h1"));
}

#[test]
fn robots_txt_points_at_the_absolute_address_of_the_sitemap() {
    let site = small_site();
    let output = built(site.path(), &["--base-url", "https://buyers.example/guide"]);
    let robots = read(output.path(), "robots.txt");
    let sitemap: Vec<&str> = robots
        .lines()
        .filter(|line| line.starts_with("Sitemap:"))
        .collect();
    assert_eq!(
        sitemap,
        ["Sitemap: https://buyers.example/guide/sitemap.xml"],
        "in:\n{robots}"
    );
}

#[test]
fn sitemap_lists_absolute_addresses_under_the_base_url() {
    let site = small_site();
    let output = built(site.path(), &["--base-url", "https://buyers.example/guide"]);
    let sitemap = read(output.path(), "sitemap.xml");
    assert!(sitemap.contains("<loc>https://buyers.example/guide/</loc>"));
    assert!(sitemap.contains("<loc>https://buyers.example/guide/steps/facts/</loc>"));
    assert!(sitemap.contains("<loc>https://buyers.example/guide/guides/facts-guide/</loc>"));
    assert!(!sitemap.contains("404"));
    let step = read(output.path(), "steps/facts/index.html");
    assert!(
        step.contains("href=\"/guide/steps/options/\""),
        "links carry the sub-path"
    );
    assert!(step.contains("href=\"/guide/guides/facts-guide/\""));
}

#[test]
fn last_step_points_to_the_call_to_action() {
    let site = small_site();
    let output = built(site.path(), &[]);
    let last = step_page(output.path(), "/steps/sign/");
    for block in [&last.exit, &last.pager] {
        assert!(
            links(block).contains(&"https://www.example.com/contact"),
            "the last step leads to the call to action:\n{block}"
        );
        assert!(block.contains("Talk to us"), "with its title:\n{block}");
    }
    let before = step_page(output.path(), "/steps/options/");
    assert_eq!(
        links(&before.exit),
        ["/steps/sign/"],
        "a step before the last leads to the next step only"
    );
}

/// Asserts that the folders `first` and `second` hold the same files with the same bytes.
fn assert_same_files(first: &Path, second: &Path) {
    let (a, b) = (snapshot(first), snapshot(second));
    assert!(a.len() > 40, "the sample site has more than 40 files");
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        assert!(x.1 == y.1, "{} differs between builds", x.0);
    }
}

#[test]
fn two_builds_give_identical_bytes() {
    let (first, second) = (built(&repository(), &[]), built(&repository(), &[]));
    assert_same_files(first.path(), second.path());
}

#[test]
fn one_thread_and_two_threads_give_identical_bytes() {
    let outputs = ["1", "2"].map(|threads| {
        let output = tempfile::tempdir().unwrap();
        let output_arg = output.path().to_string_lossy().into_owned();
        let run = stepwise_with_env(
            &repository(),
            &["build", "--output-dir", &output_arg],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(
            run.status.success(),
            "build with {threads} thread(s) failed:\n{}",
            stderr(&run)
        );
        output
    });
    assert_same_files(outputs[0].path(), outputs[1].path());
}

#[test]
fn init_then_build_gives_a_working_site() {
    let dir = tempfile::tempdir().unwrap();
    let created = stepwise(dir.path(), &["init", "mysite"]);
    assert!(created.status.success(), "{}", stderr(&created));
    let site = dir.path().join("mysite");
    assert!(
        read(&site, ".gitignore")
            .lines()
            .any(|line| line == "/output"),
        "git ignores the output folder"
    );
    let before = entries(&site);
    let built = stepwise(&site, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let ignored = read(&site, ".gitignore");
    for made in entries(&site).difference(&before) {
        assert!(
            ignored.lines().any(|rule| ignores(rule, made)),
            "git does not ignore `{made}`, which the build made in the site's folder:\n{ignored}"
        );
    }
    let summary = String::from_utf8_lossy(&built.stdout);
    assert!(
        summary.starts_with("built ") && summary.contains(" pages for 10 steps (7 assets)"),
        "{summary}"
    );
    assert!(read(&site, "output/index.html").contains("Identify the key facts"));
    assert_eq!(
        read(
            &site,
            &format!(
                "output/{}",
                fingerprinted(&site.join("output"), "style.css")
            )
        ),
        read(&repository(), "themes/default/static/style.css"),
        "the built-in theme's static files are published"
    );
    let again = stepwise(dir.path(), &["init", "mysite"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("is not empty"),
        "init refuses a folder that is not empty:\n{}",
        stderr(&again)
    );
}

/// The names of the files and folders in `folder`.
fn entries(folder: &Path) -> std::collections::BTreeSet<String> {
    (fs::read_dir(folder).unwrap())
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Whether a `.gitignore` rule anchored at the site's folder (`/output`, `/.output.stepwise-*`)
/// ignores the entry `name` of that folder.
fn ignores(rule: &str, name: &str) -> bool {
    match rule.strip_prefix('/') {
        Some(pattern) => match pattern.strip_suffix('*') {
            Some(start) => name.starts_with(start),
            None => pattern == name,
        },
        None => false,
    }
}

#[test]
fn drafts_are_published_only_when_asked() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/wip.md",
        "+++\ntitle = \"Work in progress\"\nkind = \"guide\"\nsteps = [\"facts\"]\ndraft = true\n+++\nNot yet.\n",
    );
    let output = built(site.path(), &[]);
    assert!(!output.path().join("guides/wip").exists());
    let facts = step_page(output.path(), "/steps/facts/");
    assert!(!facts.resources.contains("Work in progress"));
    build_into(site.path(), output.path(), &["--drafts"]);
    assert!(page(output.path(), "/guides/wip/").contains("<h1>Work in progress</h1>"));
    let facts = step_page(output.path(), "/steps/facts/");
    assert!(links(&facts.resources).contains(&"/guides/wip/"));
}

/// The counts that the built site in `output` shows: the kind `Guides` and the stakeholder
/// `Finance` in the footer, the resources of the first step on the overview, and the guides on
/// the step page `facts`.
fn shown_counts(output: &Path) -> [String; 4] {
    let index = read(output, "index.html");
    let footer = element(&index, "<footer");
    let count_of = |name: &str| {
        let after = footer
            .split(&format!(">{name}</a> <span class=\"count\">"))
            .nth(1)
            .unwrap_or_else(|| panic!("no count of {name} in:\n{footer}"));
        after
            .split('<')
            .next()
            .expect("split gives one part")
            .to_string()
    };
    let first_step = element(&index, "<p class=\"step-item-meta\"");
    let facts = step_page(output, "/steps/facts/");
    let guides = element(
        &facts.resources,
        "<h3 class=\"group-title\" id=\"kind-guide\"",
    );
    [
        count_of("Guides"),
        count_of("Finance"),
        first_step.to_string(),
        guides.to_string(),
    ]
}

#[test]
fn drafts_are_left_out_of_every_count_unless_published() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/wip.md",
        "+++\ntitle = \"Work in progress\"\nkind = \"guide\"\nsteps = [\"facts\"]\nstakeholders = [\"finance\"]\ndraft = true\n+++\nNot yet.\n",
    );
    let without = built(site.path(), &[]);
    assert_eq!(
        shown_counts(without.path()),
        [
            "1",
            "1",
            "<p class=\"step-item-meta\">1 resource</p>",
            "<h3 class=\"group-title\" id=\"kind-guide\">Guides <span class=\"count\">1</span></h3>",
        ]
    );
    let with = built(site.path(), &["--drafts"]);
    assert_eq!(
        shown_counts(with.path()),
        [
            "2",
            "2",
            "<p class=\"step-item-meta\">2 resources</p>",
            "<h3 class=\"group-title\" id=\"kind-guide\">Guides <span class=\"count\">2</span></h3>",
        ]
    );
}

#[test]
fn site_templates_override_the_theme() {
    let site = small_site();
    write(
        site.path(),
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}Lost on the journey{% endblock content %}",
    );
    write(site.path(), "static/style.css", "body { color: black }");
    let output = built(site.path(), &[]);
    assert!(read(output.path(), "404.html").contains("Lost on the journey"));
    let style = fingerprinted(output.path(), "style.css");
    assert_eq!(read(output.path(), &style), "body { color: black }");
}

#[test]
fn bundle_files_are_published_with_their_asset_and_stray_files_are_reported() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/roi/index.md",
        "+++\ntitle = \"ROI model\"\nkind = \"guide\"\nsteps = [\"options\"]\n+++\nSee [the model](model.csv).\n",
    );
    write(site.path(), "content/guides/roi/model.csv", "a,b\n1,2\n");
    write(site.path(), "content/guides/notes.txt", "stray");
    let output = tempfile::tempdir().unwrap();
    let output_arg = output.path().to_string_lossy().into_owned();
    let result = stepwise(site.path(), &["build", "--output-dir", &output_arg]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(read(output.path(), "guides/roi/model.csv"), "a,b\n1,2\n");
    assert!(read(output.path(), "guides/roi/index.html").contains("model.csv"));
    assert!(
        stderr(&result).contains("content/guides/notes.txt"),
        "the stray file is named"
    );
    assert!(!output.path().join("guides/notes.txt").exists());
}

#[test]
fn markdown_features_render() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/features.md",
        "+++\ntitle = \"Features\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nIntro with a note.[^1]\n\n## Costs & Savings\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~\n\n[^1]: The note.\n",
    );
    let output = built(site.path(), &[]);
    let html = read(output.path(), "guides/features/index.html");
    for expected in [
        "<table>",
        "id=\"costs-savings\"",
        "type=\"checkbox\"",
        "<del>old</del>",
        "footnote",
    ] {
        assert!(html.contains(expected), "{expected} in the asset page");
    }
    let step = read(output.path(), "steps/facts/index.html");
    assert!(
        step.contains("Intro with a note."),
        "the summary defaults to the first paragraph"
    );
}

#[test]
fn yaml_and_toml_front_matter_both_load() {
    let site = small_site();
    let output = built(site.path(), &[]);
    for (url, title, body, step) in [
        (
            "/guides/facts-guide/",
            "The facts guide",
            "<h2 id=\"a-heading\">A heading</h2>",
            "/steps/options/",
        ),
        (
            "/checklists/ready/",
            "Ready to sign",
            "Everything agreed",
            "/steps/sign/",
        ),
    ] {
        let html = page(output.path(), url);
        let article = element(&html, "<article class=\"asset\"");
        assert!(
            article.contains(&format!("<h1>{title}</h1>")),
            "{url}:\n{article}"
        );
        assert!(article.contains(body), "{url} shows its body:\n{article}");
        assert!(
            links(&step_page(output.path(), step).resources).contains(&url),
            "{step} lists {url}"
        );
    }
}

#[test]
fn assets_of_a_step_are_ordered_by_weight_then_title() {
    let site = small_site();
    for (file, title, weight) in [
        ("alpha", "Alpha", "weight = 2\n"),
        ("beta", "Beta", "weight = 1\n"),
        ("gamma", "Gamma", "weight = 1\n"),
        ("delta", "Delta", ""),
        ("omega", "Omega", "weight = -1\n"),
    ] {
        write(
            site.path(),
            &format!("content/guides/{file}.md"),
            &format!(
                "+++\ntitle = \"{title}\"\nkind = \"guide\"\nsteps = [\"facts\"]\n{weight}+++\nBody.\n"
            ),
        );
    }
    let output = built(site.path(), &[]);
    let resources = step_page(output.path(), "/steps/facts/").resources;
    let order = [
        "Omega",
        "Delta",
        "The facts guide",
        "Beta",
        "Gamma",
        "Alpha",
    ];
    let found = positions(&resources, &order);
    assert!(
        found.is_sorted(),
        "the step lists {order:?} in this order:\n{resources}"
    );
}

#[test]
fn slug_in_the_front_matter_replaces_the_file_name_in_the_url() {
    let site = small_site();
    let guide = read(site.path(), "content/guides/facts-guide.md").replacen(
        "+++\n",
        "+++\nslug = \"start-here\"\n",
        1,
    );
    write(site.path(), "content/guides/facts-guide.md", &guide);
    let output = built(site.path(), &[]);
    assert!(page(output.path(), "/guides/start-here/").contains("<h1>The facts guide</h1>"));
    assert!(!output.path().join("guides/facts-guide").exists());
    assert!(
        links(&step_page(output.path(), "/steps/facts/").resources)
            .contains(&"/guides/start-here/")
    );
    assert!(
        read(output.path(), "sitemap.xml")
            .contains("<loc>https://example.com/guides/start-here/</loc>")
    );
}

#[test]
fn the_kind_table_and_extra_reach_the_templates() {
    // Guides have no schema, so their table reaches templates as written; a site's own
    // `asset.html` leaves the kinds with templates of their own (such as checklists) intact.
    let site = small_site();
    fs::remove_dir_all(site.path().join("content")).unwrap();
    write(
        site.path(),
        "content/guides/toml.md",
        "+++\ntitle = \"In TOML\"\nkind = \"guide\"\nsteps = [\"sign\"]\n\n[guide]\nitems = 7\n\n[extra]\nowner = \"The controller\"\n+++\nBody.\n",
    );
    write(
        site.path(),
        "content/guides/yaml.md",
        "---\ntitle: In YAML\nkind: guide\nsteps: [sign]\nguide:\n  items: 3\nextra:\n  owner: The AP team\n---\nBody.\n",
    );
    write(
        site.path(),
        "content/checklists/ready.md",
        "+++\ntitle = \"Ready\"\nkind = \"checklist\"\nsteps = [\"sign\"]\n\n[[checklist.items]]\ntext = \"Signed\"\n+++\n",
    );
    write(
        site.path(),
        "templates/asset.html",
        "items={{ asset.data.items }} owner={{ asset.extra.owner }}",
    );
    let output = built(site.path(), &[]);
    assert_eq!(
        read(output.path(), "guides/toml/index.html"),
        "items=7 owner=The controller"
    );
    assert_eq!(
        read(output.path(), "guides/yaml/index.html"),
        "items=3 owner=The AP team"
    );
    let checklist = read(output.path(), "checklists/ready/index.html");
    assert!(checklist.contains("<label for=\"item-"), "{checklist}");
}

#[test]
fn front_matter_text_is_escaped_on_every_page() {
    let site = small_site();
    let title = "<script>alert(1)</script> \"Quoted\" & more";
    let summary = "Costs <script>alert(2)</script> & \"savings\"";
    write(
        site.path(),
        "content/guides/unsafe.md",
        &format!(
            "+++\ntitle = '{title}'\nsummary = '{summary}'\nkind = \"guide\"\nsteps = [\"facts\"]\nstakeholders = [\"it\"]\n+++\nBody.\n"
        ),
    );
    let output = built(site.path(), &[]);
    let (title, summary) = (escaped(title), escaped(summary));
    let asset = page(output.path(), "/guides/unsafe/");
    for expected in [
        format!("<title>{title} · Small site</title>"),
        format!("<meta property=\"og:title\" content=\"{title}\">"),
        format!("<meta name=\"description\" content=\"{summary}\">"),
        format!("<h1>{title}</h1>"),
        format!("<p class=\"lead\">{summary}</p>"),
    ] {
        assert!(asset.contains(&expected), "the asset page has {expected}");
    }
    for listing in ["/steps/facts/", "/kinds/guide/", "/stakeholders/it/"] {
        let html = page(output.path(), listing);
        for expected in [
            format!("<a href=\"/guides/unsafe/\">{title}</a>"),
            format!("<p class=\"card-summary\">{summary}</p>"),
        ] {
            assert!(html.contains(&expected), "{listing} has {expected}");
        }
    }
    for (file, bytes) in snapshot(output.path()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("<script>alert"),
            "{file} holds the script unescaped"
        );
    }
}

#[test]
fn a_theme_under_themes_replaces_the_default_theme() {
    let site = small_site();
    let default = repository().join("themes/default");
    for (relative, bytes) in snapshot(&default) {
        let text = String::from_utf8(bytes).expect("the theme is text");
        let text = match relative.as_str() {
            "templates/step.html" => text.replace(
                "<h2 id=\"resources-title\">Resources for this step</h2>",
                "<h2 id=\"resources-title\">Reading for this step</h2>",
            ),
            "static/style.css" => "body { color: navy }".to_string(),
            _ => text,
        };
        write(site.path(), &format!("themes/mine/{relative}"), &text);
    }
    let config = read(site.path(), "stepwise.toml");
    write(
        site.path(),
        "stepwise.toml",
        &config.replacen("base_url", "theme = \"mine\"\nbase_url", 1),
    );
    let output = built(site.path(), &[]);
    let resources = step_page(output.path(), "/steps/facts/").resources;
    assert!(
        resources.contains("Reading for this step"),
        "the step page is rendered with the theme `mine`:\n{resources}"
    );
    let style = fingerprinted(output.path(), "style.css");
    assert_eq!(read(output.path(), &style), "body { color: navy }");
}

#[test]
fn a_kind_can_name_its_own_template() {
    let site = small_site();
    let config = read(site.path(), "stepwise.toml").replace(
        "plural = \"Checklists\"\n",
        "plural = \"Checklists\"\ntemplate = \"checklist.html\"\n",
    );
    write(site.path(), "stepwise.toml", &config);
    write(
        site.path(),
        "templates/checklist.html",
        "Checklist page: {{ asset.title }}",
    );
    let output = built(site.path(), &[]);
    assert_eq!(
        read(output.path(), "checklists/ready/index.html"),
        "Checklist page: Ready to sign"
    );
    assert!(
        read(output.path(), "guides/facts-guide/index.html").contains("<article class=\"asset\""),
        "other kinds keep asset.html"
    );
}

#[test]
fn a_site_without_content_builds_its_journey() {
    let site = small_site();
    fs::remove_dir_all(site.path().join("content")).unwrap();
    let output = built(site.path(), &[]);
    assert!(read(output.path(), "steps/facts/index.html").contains("What is going on?"));
}

#[cfg(unix)]
#[test]
fn content_behind_a_symbolic_link_is_published() {
    let site = small_site();
    let shared = tempfile::tempdir().unwrap();
    write(
        shared.path(),
        "shared-guide.md",
        "+++\ntitle = \"Shared guide\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nKept in another folder.\n",
    );
    std::os::unix::fs::symlink(shared.path(), site.path().join("content/shared")).unwrap();
    let output = built(site.path(), &[]);
    assert!(
        read(output.path(), "guides/shared-guide/index.html").contains("Kept in another folder.")
    );
}

#[test]
fn listing_cards_sit_one_heading_level_under_their_group() {
    let output = built(&repository(), &[]);
    let step = read(output.path(), "steps/key-facts/index.html");
    let kind = read(output.path(), "kinds/guide/index.html");
    for (page, html, card, other) in [
        ("a step page", &step, "h4", "h3"),
        ("a kind page", &kind, "h3", "h4"),
    ] {
        assert!(
            html.contains(&format!("<{card} class=\"card-title\">")),
            "{page} has no card titled with <{card}>"
        );
        assert!(
            !html.contains(&format!("<{other} class=\"card-title\">")),
            "{page} has a card titled with <{other}>"
        );
    }
}

#[test]
fn templates_see_each_kind_and_stakeholder_with_its_own_names() {
    let site = small_site();
    let config = read(site.path(), "stepwise.toml").replace(
        "title = \"Finance\"",
        "title = \"Finance\"\ndescription = \"Owns the budget.\"",
    );
    write(site.path(), "stepwise.toml", &config);
    write(
        site.path(),
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}\
         {% for kind in kinds %}[{{ kind.slug }}|{{ kind.title }}|{{ kind.plural }}]{% endfor %}\
         {% for who in stakeholders %}[{{ who.slug }}|{{ who.title }}|{{ who.description }}]{% endfor %}\
         {% endblock content %}",
    );
    let output = built(site.path(), &[]);
    let shown = read(output.path(), "404.html");
    for expected in [
        "[guide|Guide|Guides][checklist|Checklist|Checklists]",
        "[finance|Finance|Owns the budget.][it|IT|]",
    ] {
        assert!(shown.contains(expected), "{expected} in:\n{shown}");
    }
    let finance = page(output.path(), "/stakeholders/finance/");
    assert!(finance.contains("Owns the budget."), "{finance}");
}
