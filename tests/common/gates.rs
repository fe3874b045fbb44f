//! The gates every built page must pass: axe-core, the Nu Html Checker, a phone's width, the
//! weight of a page, its requests and its console. Each gate returns its failures, each naming
//! the page and the rule, so a test can report them all at once and the harness's own tests
//! can check that a broken page fails the right gate.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use super::browser::{Browser, DESKTOP, PHONE, Report, Viewport, runs, tool_missing};
use super::served::Served;

/// The axe-core rule tags the pages must pass: WCAG 2.2 A and AA, and best practice.
pub const AXE_TAGS: &[&str] = &[
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// The most a page may weigh, gzipped: its HTML and every CSS and JavaScript file it loads.
pub const WEIGHT_LIMIT: u64 = 50 * 1024;

/// One broken rule on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The page (its path in the site) or file.
    pub page: String,
    /// The rule, e.g. `axe label` or `weight`.
    pub rule: String,
    /// What exactly is wrong.
    pub detail: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.page, self.rule, self.detail)
    }
}

/// A failure of `rule` on `page`.
fn failure(page: &str, rule: &str, detail: impl Into<String>) -> Failure {
    Failure {
        page: page.to_string(),
        rule: rule.to_string(),
        detail: detail.into(),
    }
}

/// Panics with every failure of the gate, one a line, if there is any.
pub fn assert_passes(gate: &str, failures: &[Failure]) {
    let lines: Vec<String> = failures.iter().map(|f| format!("  {f}")).collect();
    assert!(
        failures.is_empty(),
        "{} failure(s) of the {gate} gate:\n{}",
        failures.len(),
        lines.join("\n")
    );
}

/// One HTML page of a built site.
#[derive(Debug, Clone)]
pub struct SitePage {
    /// Its path under the base URL, e.g. `/steps/key-facts/` or `/404.html`.
    pub path: String,
    /// Its file.
    pub file: PathBuf,
    /// Its page type from `<body class="page-TYPE">`, with the asset's kind for assets
    /// (`asset checklist`).
    pub page_type: String,
}

/// Every HTML page under `root`, sorted by path.
pub fn pages(root: &Path) -> Vec<SitePage> {
    let mut pages: Vec<SitePage> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "html"))
        .map(|entry| site_page(root, entry.path()))
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

/// The page of `file`, with its path and type.
fn site_page(root: &Path, file: &Path) -> SitePage {
    let relative = file.strip_prefix(root).expect("inside the site");
    let relative = relative.to_string_lossy().replace('\\', "/");
    let path = format!(
        "/{}",
        relative.strip_suffix("index.html").unwrap_or(&relative)
    );
    let html = std::fs::read_to_string(file).expect("read a page");
    SitePage {
        path,
        file: file.to_path_buf(),
        page_type: page_type(&html),
    }
}

/// The value of `attribute="..."` (or `attribute=...` unquoted, as HTML allows) in the first
/// tag of `html` that starts with `tag`.
fn attribute_of<'a>(html: &'a str, tag: &str, attribute: &str) -> Option<&'a str> {
    let from = html.find(tag)?;
    let tag = &html[from..from + html[from..].find('>')?];
    attribute_in(tag, attribute)
}

/// The value of `attribute` among the attributes of one tag, quoted or not.
fn attribute_in<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let needle = format!(" {attribute}=");
    let value = &tag[tag.find(&needle)? + needle.len()..];
    match value.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next(),
        None => value.split(char::is_whitespace).next(),
    }
}

/// `index`, `step`, … or `asset KIND`, from the classes the theme writes.
fn page_type(html: &str) -> String {
    let body_class = attribute_of(html, "<body", "class").unwrap_or("");
    let page_type = body_class
        .split_whitespace()
        .find_map(|class| class.strip_prefix("page-"))
        .unwrap_or("unknown");
    match attribute_of(html, "<body", "data-kind") {
        Some(kind) => format!("{page_type} {kind}"),
        None => page_type.to_string(),
    }
}

/// The first page of every page type (and of every kind of asset).
pub fn one_of_each_type(pages: &[SitePage]) -> Vec<&SitePage> {
    let mut seen = std::collections::BTreeMap::new();
    for page in pages {
        seen.entry(page.page_type.as_str()).or_insert(page);
    }
    seen.into_values().collect()
}

/// axe-core's violations on each page, at a desktop's and a phone's width.
pub fn axe_gate(browser: &mut Browser, site: &Served, pages: &[&SitePage]) -> Vec<Failure> {
    let mut failures = Vec::new();
    for viewport in [DESKTOP, PHONE] {
        for page in pages {
            let violations = browser.open(&site.url(&page.path), viewport).axe(AXE_TAGS);
            failures.extend(violations.into_iter().map(|v| {
                let rule = format!("axe {} at {} px", v.id, viewport.width);
                let impact = v.impact.unwrap_or_default();
                let first: Vec<&str> = v.targets.iter().take(3).map(String::as_str).collect();
                let detail = format!(
                    "{impact}: {} ({} element(s): {})",
                    v.help,
                    v.targets.len(),
                    first.join(", ")
                );
                failure(&page.path, &rule, detail)
            }));
        }
    }
    failures
}

/// The Nu Html Checker's jar, from the driver's `node_modules`.
fn vnu_jar() -> PathBuf {
    super::browser::driver_folder().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// One message of the Nu Html Checker's JSON output.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NuMessage {
    #[serde(rename = "type")]
    kind: String,
    url: Option<String>,
    last_line: Option<u32>,
    message: String,
}

/// The Nu Html Checker's errors in `files` (named relative to `root`), checked in one run;
/// `None` (after a loud message, or a panic under `CI=true`) when Java or the jar is missing.
/// `css` checks the files as CSS instead of HTML.
pub fn nu_gate(root: &Path, files: &[PathBuf], css: bool) -> Option<Vec<Failure>> {
    if !runs("java", "-version") || !vnu_jar().exists() {
        tool_missing("Java or tests/browser/node_modules/vnu-jar (the Nu Html Checker)");
        return None;
    }
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--format", "json", "--stdout", "--errors-only"])
        .args(css.then_some("--css"))
        .args(files)
        .output()
        .expect("java runs the Nu Html Checker");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the Nu Html Checker writes JSON");
    let messages: Vec<NuMessage> =
        serde_json::from_value(report["messages"].clone()).expect("its messages");
    Some(messages.iter().map(|m| nu_failure(root, m)).collect())
}

/// A failure for one of the Nu Html Checker's messages, naming the file and line.
fn nu_failure(root: &Path, message: &NuMessage) -> Failure {
    let file = message
        .url
        .as_deref()
        .unwrap_or("?")
        .trim_start_matches("file:");
    let file = Path::new(file).strip_prefix(root).map_or_else(
        |_| file.to_string(),
        |relative| relative.display().to_string(),
    );
    let line = message.last_line.map_or(String::new(), |l| format!(":{l}"));
    failure(
        &format!("{file}{line}"),
        &format!("Nu Html Checker {}", message.kind),
        &message.message,
    )
}

/// What the phone measurement script found on a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneCheck {
    /// `document.documentElement.scrollWidth`.
    pub scroll_width: u32,
    /// `window.innerWidth`.
    pub inner_width: u32,
    /// Tables that scroll in a box that is not a labelled, focusable region, or lose their
    /// first column when scrolled.
    pub table_problems: Vec<String>,
    /// Whether a link to the call to action shows on the first screen, outside the footer
    /// (`None` when the site has no call to action).
    pub cta_on_first_screen: Option<bool>,
}

/// One page opened on a phone: what it measured and what it did.
#[derive(Debug, Clone)]
pub struct Visit {
    /// The page's path.
    pub page: String,
    /// The phone measurements.
    pub phone: PhoneCheck,
    /// Its console, requests and resources.
    pub report: Report,
}

/// Opens every page at a phone's size, measures it and records what it did. `cta` is the
/// address of the site's call to action, if it has one.
pub fn visit(
    browser: &mut Browser,
    site: &Served,
    pages: &[SitePage],
    cta: Option<&str>,
) -> Vec<Visit> {
    pages
        .iter()
        .map(|page| visit_page(browser, site, &page.path, PHONE, cta))
        .collect()
}

/// Opens one page at `viewport` and records a [`Visit`].
pub fn visit_page(
    browser: &mut Browser,
    site: &Served,
    path: &str,
    viewport: Viewport,
    cta: Option<&str>,
) -> Visit {
    let mut page = browser.open(&site.url(path), viewport);
    let script = format!(
        "({})({})",
        include_str!("../browser/phone-check.js"),
        serde_json::to_string(&cta).expect("an address as JSON")
    );
    let phone = page.eval(&script);
    Visit {
        page: path.to_string(),
        phone,
        report: page.report(),
    }
}

/// No page scrolls sideways on a phone, wide tables scroll only inside a labelled, focusable
/// region that keeps their first column, and the call to action shows on the first screen.
pub fn phone_gate(visits: &[Visit]) -> Vec<Failure> {
    let mut failures = Vec::new();
    for visit in visits {
        let phone = &visit.phone;
        if phone.scroll_width > phone.inner_width {
            let detail = format!(
                "the page is {} px wide on a {} px phone",
                phone.scroll_width, phone.inner_width
            );
            failures.push(failure(&visit.page, "phone: scrolls sideways", detail));
        }
        for problem in &phone.table_problems {
            failures.push(failure(&visit.page, "phone: wide table", problem));
        }
        if phone.cta_on_first_screen == Some(false) {
            let detail = "no link to the call to action on the first screen outside the footer";
            failures.push(failure(&visit.page, "phone: call to action", detail));
        }
    }
    failures
}

/// The gzipped bytes of a visit's HTML, CSS and JavaScript.
fn weight(visit: &Visit) -> u64 {
    visit
        .report
        .resources
        .iter()
        .filter(|r| matches!(r.kind.as_str(), "document" | "stylesheet" | "script"))
        .map(|r| r.gzip)
        .sum()
}

/// Every page weighs at most [`WEIGHT_LIMIT`] gzipped; the failures come heaviest first.
pub fn weight_gate(visits: &[Visit]) -> Vec<Failure> {
    let mut heavy: Vec<(u64, &Visit)> = visits
        .iter()
        .map(|visit| (weight(visit), visit))
        .filter(|(bytes, _)| *bytes > WEIGHT_LIMIT)
        .collect();
    heavy.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.page.cmp(&b.1.page)));
    heavy
        .iter()
        .enumerate()
        .map(|(rank, (bytes, visit))| {
            let heaviest = if rank == 0 { " (the heaviest page)" } else { "" };
            let detail = format!(
                "{bytes} bytes gzipped with its CSS and JavaScript, more than {WEIGHT_LIMIT}{heaviest}"
            );
            failure(&visit.page, "weight", detail)
        })
        .collect()
}

/// No page asks any other origin for anything (fonts, CDNs, analytics).
pub fn origin_gate(visits: &[Visit]) -> Vec<Failure> {
    visits
        .iter()
        .flat_map(|visit| {
            let other = visit.report.other_origins.iter();
            other.map(|url| failure(&visit.page, "request to another origin", url))
        })
        .collect()
}

/// No page logs a console error or makes a request that fails.
pub fn console_gate(visits: &[Visit]) -> Vec<Failure> {
    let mut failures = Vec::new();
    for visit in visits {
        let report = &visit.report;
        failures.extend(
            report
                .console_errors
                .iter()
                .map(|e| failure(&visit.page, "console error", e)),
        );
        failures.extend(
            report
                .failed_requests
                .iter()
                .map(|r| failure(&visit.page, "failed request", r)),
        );
    }
    failures
}

/// Pages whose scripts are not all files: every `<script>` must load a file (`src`) or hold data
/// (`type="application/json"`), so that a strict Content-Security-Policy can forbid inline code.
pub fn inline_script_gate(pages: &[SitePage]) -> Vec<Failure> {
    let mut failures = Vec::new();
    for page in pages {
        let html = std::fs::read_to_string(&page.file).expect("read a built page");
        for tag in html.split("<script").skip(1) {
            let attributes = tag.split('>').next().unwrap_or_default();
            let data = attribute_in(attributes, "type") == Some("application/json");
            if !(attributes.contains(" src=") || data) {
                failures.push(failure(
                    &page.path,
                    "inline script",
                    format!("<script{attributes}> holds code in the page; load it from a file"),
                ));
            }
        }
    }
    failures
}
