//! `stepwise serve` in a real browser: an open page shows a saved title by itself, shows a
//! broken save as an overlay that goes when the file is fixed, and takes a new stylesheet
//! without reloading.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::browser::{Browser, DESKTOP, Page};
use common::live::Server;
use common::{repository, small_site, write};

const GUIDE: &str = "content/guides/facts-guide.md";

/// Waits until the expression is true in the page; a question asked while the page reloads
/// fails, and is asked again.
fn until(page: &mut Page<'_>, script: &str) {
    let started = Instant::now();
    let mut holds = || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page.eval::<bool>(script)))
            .unwrap_or(false)
    };
    while !holds() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never true: {script}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "`{from}` is not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_open_page_follows_saves_errors_and_stylesheets() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let site = small_site();
    let style = fs::read_to_string(repository().join("themes/default/static/style.css")).unwrap();
    write(site.path(), "static/style.css", &style);
    let server = Server::start(site.path());
    let url = format!("http://127.0.0.1:{}/guides/facts-guide/", server.port);
    let mut page = browser.open(&url, DESKTOP);
    assert_eq!(page.status, Some(200));
    // The script is connected once the server counted the page's stream.
    std::thread::sleep(Duration::from_millis(300));

    page.eval::<bool>("window.stepwiseStayed = true");
    write(
        site.path(),
        "static/style.css",
        &format!("{style}\nh1 {{ color: rgb(1, 2, 3) !important }}\n"),
    );
    until(
        &mut page,
        "getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'",
    );
    assert!(
        page.eval::<bool>("window.stepwiseStayed === true"),
        "the page was not reloaded"
    );
    edit(
        &site.path().join(GUIDE),
        "The facts guide",
        "The retitled guide",
    );
    until(
        &mut page,
        "document.querySelector('h1').textContent.includes('The retitled guide')",
    );

    edit(
        &site.path().join(GUIDE),
        "kind = \"guide\"",
        "kind = \"giude\"",
    );
    until(&mut page, "!!document.querySelector('[role=alertdialog]')");
    let overlay: String = page.eval("document.querySelector('[role=alertdialog] pre').textContent");
    assert!(
        overlay.contains("content/guides/facts-guide.md:3:"),
        "{overlay}"
    );
    let focused: String = page.eval("document.activeElement.textContent");
    assert_eq!(focused, "Close", "the close button has the focus");
    page.click("[role=alertdialog] button");
    until(&mut page, "!document.querySelector('[role=alertdialog]')");

    edit(
        &site.path().join(GUIDE),
        "kind = \"giude\"",
        "kind = \"guide\"",
    );
    std::thread::sleep(Duration::from_millis(500));
    edit(
        &site.path().join(GUIDE),
        "kind = \"guide\"",
        "kind = \"giude\"",
    );
    until(&mut page, "!!document.querySelector('[role=alertdialog]')");
    edit(
        &site.path().join(GUIDE),
        "kind = \"giude\"",
        "kind = \"guide\"",
    );
    until(
        &mut page,
        "!document.querySelector('[role=alertdialog]') && document.readyState === 'complete'",
    );

    assert!(page.report().console_errors.is_empty());
}
