//! The Content-Security-Policy of the built site, in force: every page declares the policy
//! that `_headers` sends, a page of every type loads and runs in Chromium without a single
//! violation, and the policy is no decoration: a script or a style put into a page is refused.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::browser::{Browser, DESKTOP};
use common::gates::{self, Failure, assert_passes};
use common::repository;
use common::served::{Served, build_and_serve};
use std::sync::OnceLock;

/// The sample site, built once for this test binary and served on loopback.
fn sample() -> &'static Served {
    static SAMPLE: OnceLock<Served> = OnceLock::new();
    SAMPLE.get_or_init(|| build_and_serve(&repository()))
}

/// How a page declares its policy, up to the policy itself.
const POLICY_META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The policy of the `_headers` rule for every file, without the part only a header can
/// carry (`frame-ancestors`).
fn headers_policy(site: &Served) -> String {
    let headers = std::fs::read_to_string(site.path().join("_headers")).expect("read _headers");
    let header = headers
        .lines()
        .find_map(|line| line.trim().strip_prefix("Content-Security-Policy: "))
        .expect("_headers sends a Content-Security-Policy");
    header
        .strip_suffix("; frame-ancestors 'none'")
        .expect("the header forbids frames")
        .to_string()
}

#[test]
fn every_page_declares_the_policy_of_headers() {
    let site = sample();
    let policy = headers_policy(site);
    assert!(policy.starts_with("default-src 'self';"), "{policy}");
    assert!(!policy.contains("unsafe-"), "{policy}");
    let mut failures = Vec::new();
    for page in gates::pages(site.path()) {
        let html = std::fs::read_to_string(&page.file).expect("read a page");
        let declared = html
            .split_once(POLICY_META)
            .and_then(|(head, rest)| Some((head, rest.split_once('"')?.0)));
        let wrong = match declared {
            None => Some("no Content-Security-Policy meta element".to_string()),
            Some((head, _)) if head.contains("<script") || head.contains("<link") => {
                Some("the policy comes after what it governs".to_string())
            }
            Some((_, value)) if value != policy => {
                Some(format!("declares `{value}`, not `{policy}`"))
            }
            Some(_) => None,
        };
        failures.extend(wrong.map(|detail| Failure {
            page: page.path.clone(),
            rule: "CSP meta".to_string(),
            detail,
        }));
    }
    assert_passes("every page declares the policy", &failures);
}

#[test]
fn a_page_of_every_type_runs_without_a_violation() {
    let site = sample();
    let pages = gates::pages(site.path());
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut failures = Vec::new();
    let chosen = gates::one_of_each_type(&pages);
    assert!(chosen.len() >= 10, "{} page types", chosen.len());
    for page in chosen {
        let mut opened = browser.open(&site.url(&page.path), DESKTOP);
        let violations: Vec<String> = opened.eval("window.cspViolations");
        let console = opened.report().console_errors;
        let refused = console
            .into_iter()
            .filter(|e| e.contains("Content Security Policy"));
        for detail in violations.into_iter().chain(refused) {
            failures.push(Failure {
                page: page.path.clone(),
                rule: "CSP violation".to_string(),
                detail,
            });
        }
    }
    assert_passes("no page violates its policy", &failures);
}

#[test]
fn a_script_or_style_put_into_a_page_is_refused() {
    let site = sample();
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut page = browser.open(&site.url("/"), DESKTOP);
    let outcome: serde_json::Value = page.eval(
        "new Promise((resolve) => {
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.body.append(script);
            const styled = document.createElement('p');
            styled.setAttribute('style', 'color: red');
            document.body.append(styled);
            const outside = document.createElement('img');
            outside.src = 'https://tracker.example.com/pixel.gif';
            document.body.append(outside);
            setTimeout(() => resolve({
                ran: window.injected === true,
                violations: window.cspViolations,
            }), 300);
        })",
    );
    assert_eq!(outcome["ran"], false, "{outcome}");
    let violations = outcome["violations"].to_string();
    for directive in ["script-src-elem", "style-src-attr", "img-src"] {
        assert!(violations.contains(directive), "{directive}: {outcome}");
    }
}
