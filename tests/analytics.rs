//! Measuring the buyers' steps: `[analytics]` read and checked (every mistake in one run, each
//! at its place), nothing of analytics and no request to another origin in a site that names no
//! provider, the provider's script and origin only where one is configured, and the step events
//! every next step, trial close, download and calculator carries.
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

use common::{element, fails, fingerprinted, read, repository, small_site, stderr, stepwise};

/// Builds the site at `site` into a new temporary folder.
fn built(site: &Path) -> tempfile::TempDir {
    let output = tempfile::tempdir().unwrap();
    let out = output.path().to_str().unwrap();
    let run = stepwise(
        site,
        &["build", "--output-dir", out, "--today", "2026-12-01"],
    );
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    output
}

/// The small site with `analytics` (the text of an `[analytics]` table) added to its
/// configuration.
fn small_site_with(analytics: &str) -> tempfile::TempDir {
    let site = small_site();
    let config = site.path().join("stepwise.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}\n[analytics]\n{analytics}")).unwrap();
    site
}

/// The line of the small site's configuration that `[analytics]`'s first key is on.
fn first_analytics_line() -> usize {
    let site = small_site();
    fs::read_to_string(site.path().join("stepwise.toml"))
        .unwrap()
        .lines()
        .count()
        + 3
}

/// A problem expected: its message, line, column and a part of its help.
type Expected<'a> = (&'a str, usize, usize, &'a str);

#[test]
fn every_mistake_of_analytics_is_reported_in_one_run_at_its_place() {
    let first = first_analytics_line();
    let cases: &[(&str, &[Expected])] = &[
        (
            "provider = \"plausibel\"\n",
            &[(
                "unknown analytics provider `plausibel`",
                first,
                12,
                "did you mean `plausible`?",
            )],
        ),
        (
            "provider = \"matomo\"\n",
            &[(
                "unknown analytics provider `matomo`",
                first,
                12,
                "the providers are `none`, `plausible`, `umami` and `custom`",
            )],
        ),
        (
            "provider = \"umami\"\nscript = \"http://stats.example.com/script.js\"\n",
            &[
                (
                    "the analytics provider `umami` needs the site's id",
                    first,
                    12,
                    "add `site_id` to [analytics]",
                ),
                (
                    "the analytics script `http://stats.example.com/script.js` is not an `https://` address",
                    first + 1,
                    10,
                    "give the `https://` address of the provider's script",
                ),
            ],
        ),
        (
            "provider = \"plausible\"\nsite_id = \"\"\n",
            &[(
                "the analytics provider `plausible` needs the site's id",
                first + 1,
                11,
                "the domain the site is added under in Plausible",
            )],
        ),
        (
            "provider = \"custom\"\nscript = \"js/listen.js\"\n",
            &[(
                "there is no static file `js/listen.js` for the analytics script",
                first + 1,
                10,
                "put the site's listener in `static/js/listen.js`",
            )],
        ),
        (
            "provider = \"custom\"\nscript = \"//tags.example.com/listen.js\"\n",
            &[(
                "is not an `https://` address",
                first + 1,
                10,
                "or a file of the site's static/ folder",
            )],
        ),
    ];
    for (analytics, problems) in cases {
        let site = small_site_with(analytics);
        let report = fails(site.path(), &["build"]);
        let errors = (report.lines())
            .filter(|line| line.starts_with("error: ") && !line.starts_with("error: stopped"));
        assert_eq!(errors.count(), problems.len(), "{analytics}\n{report}");
        for (message, line, column, help) in *problems {
            let place = format!("stepwise.toml:{line}:{column}");
            let found = report
                .split("error: ")
                .find(|problem| problem.contains(message))
                .unwrap_or_else(|| panic!("no `{message}` for {analytics}:\n{report}"));
            assert!(found.contains(&place), "{message} at {place}:\n{report}");
            assert!(found.contains(help), "{message}: help {help}:\n{report}");
        }
    }
}

/// Every file of the output folder `dir`, as its path and its text (lossy for binary files).
fn every_file(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            let bytes = fs::read(entry.path()).unwrap();
            (path, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

/// What would make a browser load something from another origin, or mark analytics code.
const FORBIDDEN: &[&str] = &[
    "src=\"http",
    "src=\"//",
    "srcset=\"http",
    "url(http",
    "url(//",
    "url(\"http",
    "@import",
    "rel=\"stylesheet\" href=\"http",
    "rel=\"preload\" href=\"http",
    "rel=\"preconnect\"",
    "rel=\"dns-prefetch\"",
    "data-provider",
    "data-domain",
    "data-website-id",
    "plausible.io",
    "window.plausible",
    "umami.is",
    "umami.track",
    "stepwise:step",
    "measure.js",
];

#[test]
fn with_no_provider_no_file_of_the_output_has_analytics_code_or_another_origin() {
    let output = built(&repository());
    let files = every_file(output.path());
    assert!(files.len() > 50, "the sample site has its pages");
    let mut found = Vec::new();
    for (path, text) in &files {
        if path.starts_with("measure.") {
            found.push(format!("{path}: the step events' script is published"));
        }
        for forbidden in FORBIDDEN {
            if text.contains(forbidden) {
                found.push(format!("{path}: `{forbidden}`"));
            }
        }
        if let Some(policy) = text.split("Content-Security-Policy").nth(1) {
            let policy = policy.lines().next().unwrap_or_default();
            if policy.contains("https:") {
                found.push(format!("{path}: another origin in its policy: {policy}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The policy a page declares in its `<meta http-equiv>`.
fn page_policy(html: &str) -> &str {
    html.split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page declares its policy")
}

/// The directive of `policy` that starts with `name`.
fn directive<'a>(policy: &'a str, name: &str) -> &'a str {
    policy
        .split("; ")
        .find(|part| part.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} in {policy}"))
}

#[test]
fn a_provider_adds_its_script_and_its_origin_and_no_other() {
    let cases = [
        (
            "provider = \"plausible\"\nsite_id = \"example.com\"\n",
            Some("https://plausible.io"),
            "<script src=\"https://plausible.io/js/script.js\" defer data-domain=\"example.com\"></script>",
        ),
        (
            "provider = \"umami\"\nsite_id = \"94db1cb1\"\nscript = \"https://Stats.Example.com/u.js\"\n",
            Some("https://stats.example.com"),
            "<script src=\"https://Stats.Example.com/u.js\" defer data-website-id=\"94db1cb1\"></script>",
        ),
        (
            "provider = \"custom\"\n",
            None,
            "data-provider=\"custom\"></script>\n",
        ),
    ];
    for (analytics, origin, script) in cases {
        let site = small_site_with(analytics);
        let output = built(site.path());
        let measure = fingerprinted(output.path(), "measure.js");
        let page = read(output.path(), "steps/facts/index.html");
        assert!(page.contains(script), "{analytics}: {page}");
        assert!(
            page.contains(&format!("<script src=\"/{measure}\" defer data-provider=")),
            "{analytics}: {page}"
        );
        let policy = page_policy(&page);
        let headers = read(output.path(), "_headers");
        assert!(headers.contains(policy), "{analytics}: {headers}");
        for name in ["script-src", "connect-src"] {
            let expected = match origin {
                Some(origin) => format!("{name} 'self' {origin}"),
                None => format!("{name} 'self'"),
            };
            assert_eq!(directive(policy, name), expected, "{analytics}");
        }
        assert_eq!(directive(policy, "default-src"), "default-src 'self'");
    }
}

#[test]
fn a_custom_provider_loads_the_sites_own_listener() {
    let site = small_site_with("provider = \"custom\"\nscript = \"js/listen.js\"\n");
    common::write(
        site.path(),
        "static/js/listen.js",
        "document.addEventListener('stepwise:step', function () {});\n",
    );
    let output = built(site.path());
    let listener = fingerprinted(output.path(), "js/listen.js");
    let page = read(output.path(), "index.html");
    assert!(
        page.contains(&format!("<script src=\"/{listener}\" defer></script>")),
        "{page}"
    );
    assert!(!page_policy(&page).contains("https:"), "{page}");
}

/// The opening tag of the first element of `html` that holds all of `attributes`.
fn tag_with<'a>(html: &'a str, attributes: &[&str]) -> &'a str {
    html.split('<')
        .find(|tag| attributes.iter().all(|attribute| tag.contains(attribute)))
        .unwrap_or_else(|| panic!("no element with {attributes:?} in:\n{html}"))
}

#[test]
fn next_steps_trial_closes_downloads_and_calculators_carry_their_step_and_asset() {
    let output = built(&repository());
    let step = read(output.path(), "steps/evaluate-alternatives/index.html");
    let exit = element(&step, "<section class=\"exit\"");
    let next = " data-step-event=\"next-step\" data-step-from=\"evaluate-alternatives\" data-step-to=\"worst-case\"";
    let close = " data-step-event=\"trial-close\" data-step-from=\"evaluate-alternatives\" data-step-to=\"evaluate-alternatives\"";
    tag_with(
        exit,
        &["a class=\"button\" href=\"/steps/worst-case/\"", next],
    );
    tag_with(
        exit,
        &["href=\"https://ledgerline.example/fit-check\"", close],
    );
    let pager = element(&step, "<nav class=\"pager\"");
    tag_with(pager, &["a class=\"pager-next\"", next]);
    assert!(!exit.contains("data-asset"), "a step page is no asset's");

    let last = read(output.path(), "steps/decision-checklist/index.html");
    let pager = element(&last, "<nav class=\"pager\"");
    tag_with(
        pager,
        &[
            "href=\"https://ledgerline.example/contact\"",
            " data-step-event=\"trial-close\" data-step-from=\"decision-checklist\" data-step-to=\"decision-checklist\"",
        ],
    );

    let calculator = read(
        output.path(),
        "savings-calculators/invoice-processing-cost/index.html",
    );
    let asset = " data-asset=\"invoice-processing-cost\"";
    tag_with(
        &calculator,
        &[
            "section class=\"calculator\"",
            " data-step-event=\"calculator-change\" data-step-from=\"key-facts\" data-step-to=\"key-facts\"",
            asset,
        ],
    );
    tag_with(
        &calculator,
        &[
            " download",
            " data-step-event=\"download\" data-step-from=\"key-facts\"",
            asset,
        ],
    );
    let next_from_asset = element(&calculator, "<section class=\"asset-next\"");
    tag_with(
        next_from_asset,
        &[
            " data-step-event=\"next-step\" data-step-from=\"key-facts\" data-step-to=\"map-stakeholders\"",
            asset,
        ],
    );

    let comparison = read(
        output.path(),
        "comparison-sheets/four-ways-to-run-accounts-payable/index.html",
    );
    let on_comparison = " data-asset=\"four-ways-to-run-accounts-payable\"";
    tag_with(
        &comparison,
        &[" download", " data-step-event=\"download\"", on_comparison],
    );
    tag_with(
        &comparison,
        &[
            "href=\"https://ledgerline.example/fit-check\"",
            " data-step-event=\"trial-close\" data-step-from=\"evaluate-alternatives\"",
            on_comparison,
        ],
    );
    for (path, text) in every_file(output.path()) {
        if path.ends_with(".html") && text.contains(" download") {
            for tag in text
                .split('<')
                .filter(|tag| tag.starts_with("a ") && tag.contains(" download"))
            {
                assert!(
                    tag.contains("data-step-event=\"download\""),
                    "{path}: {tag}"
                );
            }
        }
    }
}

/// A step event the coverage report plans: its name, from, to, address and assets.
type Planned = (String, String, String, String, Vec<usize>);

#[test]
fn the_coverage_report_plans_the_step_events_each_step_should_see() {
    let site = small_site();
    let config = site.path().join("stepwise.toml");
    let text = fs::read_to_string(&config).unwrap().replace(
        "question = \"What can we do?\"\n",
        "question = \"What can we do?\"\n\n[steps.close]\ntitle = \"Book a fit check\"\nurl = \"https://www.example.com/fit\"\n",
    );
    fs::write(&config, text).unwrap();
    let run = stepwise(site.path(), &["coverage", "--format", "json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let index = |title: &str| {
        let assets = report["assets"].as_array().unwrap();
        assets.iter().position(|a| a["title"] == title).unwrap()
    };
    let (guide, checklist) = (index("The facts guide"), index("Ready to sign"));
    let events: Vec<Vec<Planned>> = (0..3)
        .map(|s| {
            let events = report["steps"][s]["events"].as_array().unwrap();
            events
                .iter()
                .map(|e| {
                    let text = |key: &str| e[key].as_str().unwrap().to_string();
                    let assets = e["assets"].as_array().unwrap();
                    let assets = assets.iter().map(|a| a.as_u64().unwrap() as usize);
                    (
                        text("event"),
                        text("from"),
                        text("to"),
                        text("url"),
                        assets.collect(),
                    )
                })
                .collect()
        })
        .collect();
    let event = |name: &str, from: &str, to: &str, url: &str, assets: &[usize]| {
        let owned = |text: &str| text.to_string();
        (
            owned(name),
            owned(from),
            owned(to),
            owned(url),
            assets.to_vec(),
        )
    };
    assert_eq!(
        events,
        [
            vec![event(
                "next-step",
                "facts",
                "options",
                "/steps/options/",
                &[guide]
            )],
            vec![
                event("next-step", "options", "sign", "/steps/sign/", &[]),
                event(
                    "trial-close",
                    "options",
                    "options",
                    "https://www.example.com/fit",
                    &[]
                ),
            ],
            vec![event(
                "trial-close",
                "sign",
                "sign",
                "https://www.example.com/contact",
                &[checklist]
            )],
        ],
        "the guide serves facts and options, and leads on from facts only"
    );
}
