//! The sample site and small sites built end to end: the pages exist, link the journey together,
//! and the same input gives the same bytes.

mod common;

use std::fs;
use std::path::Path;

use common::{read, repository, small_site, snapshot, stderr, stepwise, write};
use stepwise::site::SiteOptions;

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

#[test]
fn sample_site_links_every_step_to_the_next_and_lists_every_asset_on_its_steps() {
    let output = built(&repository(), &["--base-url", "/"]);
    let site = stepwise::load_site(
        &repository(),
        &SiteOptions {
            base_url: Some("/".into()),
            drafts: false,
        },
    )
    .unwrap();
    assert!(
        site.assets().len() >= 30,
        "the sample site has at least 30 assets"
    );
    let cta = site
        .config
        .call_to_action
        .as_ref()
        .expect("the sample site has a call to action");
    for (i, step) in site.steps.iter().enumerate() {
        let html = page(output.path(), &step.url);
        let next = site
            .steps
            .get(i + 1)
            .map_or(cta.url.as_str(), |next| next.url.as_str());
        assert!(
            html.contains(&format!("href=\"{next}\"")),
            "step {} links to {next}",
            step.slug
        );
        assert!(!step.assets.is_empty(), "step {} has resources", step.slug);
        for id in &step.assets {
            let url = &site.asset(id).unwrap().placement.url;
            assert!(
                html.contains(&format!("href=\"{url}\"")),
                "step {} lists {url}",
                step.slug
            );
        }
    }
    for asset in site.assets() {
        let url = &asset.placement.url;
        let html = page(output.path(), url);
        assert!(
            html.contains(&escaped(&asset.asset.title.value)),
            "{url} shows its title",
        );
        for &s in &asset.placement.steps {
            assert!(
                html.contains(&format!("href=\"{}\"", site.steps[s].url)),
                "{url} links to its step",
            );
        }
    }
    for url in site
        .kinds
        .iter()
        .map(|k| &k.url)
        .chain(site.stakeholders.iter().map(|s| &s.url))
    {
        assert!(
            output
                .path()
                .join(url.trim_start_matches('/'))
                .join("index.html")
                .is_file(),
            "{url} exists"
        );
    }
    let index = read(output.path(), "index.html");
    for step in &site.steps {
        assert!(
            index.contains(&format!("href=\"{}\"", step.url)),
            "the overview links to {}",
            step.url
        );
    }
    assert!(output.path().join("404.html").is_file());
    assert!(read(output.path(), "robots.txt").contains("Sitemap:"));
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
    let last = read(output.path(), "steps/sign/index.html");
    assert!(last.contains("href=\"https://example.com/contact\""));
    assert!(last.contains("Talk to us"));
}

#[test]
fn two_builds_give_identical_bytes() {
    let (first, second) = (built(&repository(), &[]), built(&repository(), &[]));
    let (a, b) = (snapshot(first.path()), snapshot(second.path()));
    assert!(a.len() > 40);
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        assert!(x.1 == y.1, "{} differs between builds", x.0);
    }
}

#[test]
fn init_then_build_gives_a_working_site() {
    let dir = tempfile::tempdir().unwrap();
    let created = stepwise(dir.path(), &["init", "mysite"]);
    assert!(created.status.success(), "{}", stderr(&created));
    let site = dir.path().join("mysite");
    assert!(site.join("stepwise.toml").is_file());
    assert!(site.join(".gitignore").is_file());
    let built = stepwise(&site, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let summary = String::from_utf8_lossy(&built.stdout);
    assert!(
        summary.starts_with("built ") && summary.contains(" pages for 10 steps"),
        "{summary}"
    );
    assert!(read(&site, "output/index.html").contains("Identify the key facts"));
    assert!(
        site.join("output/style.css").is_file(),
        "the built-in theme's static files are published"
    );
    let again = stepwise(dir.path(), &["init", "mysite"]);
    assert!(
        !again.status.success(),
        "init refuses a folder that is not empty"
    );
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
    build_into(site.path(), output.path(), &["--drafts"]);
    assert!(output.path().join("guides/wip/index.html").is_file());
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
    assert_eq!(read(output.path(), "style.css"), "body { color: black }");
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
    assert!(read(output.path(), "checklists/ready/index.html").contains("Ready to sign"));
    assert!(fs::read_dir(output.path().join("guides")).is_ok());
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
        read(output.path(), "guides/facts-guide/index.html").contains("<html"),
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
