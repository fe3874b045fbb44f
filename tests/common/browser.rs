//! A real browser for the integration tests: Debian's Chromium, driven by the node script
//! `tests/browser/driver.js` (playwright-core) over JSON lines on its standard input and output.
//!
//! Where Chromium, node or the driver's `node_modules` are missing, [`Browser::start`] skips
//! with a loud message, except under `CI=true`, where a missing tool fails the test.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The folder of the node package that drives the browser.
pub fn driver_folder() -> PathBuf {
    super::repository().join("tests/browser")
}

/// The Chromium the driver launches: `CHROME_PATH`, or Debian's.
fn chromium() -> PathBuf {
    std::env::var_os("CHROME_PATH")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Whether a command runs at all (`--version` answers).
pub fn runs(program: &str, version_flag: &str) -> bool {
    Command::new(program)
        .arg(version_flag)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Says that `what` is missing: a loud skip on a developer's machine, a failure under `CI=true`.
pub fn tool_missing(what: &str) {
    let help = "run scripts/install-test-tools.sh";
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{what} is missing, and CI=true requires it ({help})");
    }
    // Written to the process's own standard error, which the test harness does not capture,
    // so the skip shows even when the test passes.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {what} is missing, so this browser test did not run ({help})"
    );
}

/// The width and height of the browser's window, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    /// The width.
    pub width: u32,
    /// The height.
    pub height: u32,
}

/// A desktop window.
pub const DESKTOP: Viewport = Viewport {
    width: 1280,
    height: 800,
};

/// A phone held upright.
pub const PHONE: Viewport = Viewport {
    width: 375,
    height: 812,
};

/// One rule axe-core found broken, with the elements that break it.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    /// The rule, e.g. `label`.
    pub id: String,
    /// How bad: minor, moderate, serious or critical.
    pub impact: Option<String>,
    /// The rule in words.
    pub help: String,
    /// CSS selectors of the elements that break it.
    pub targets: Vec<String>,
}

/// A file the page loaded, with its size after gzip.
#[derive(Debug, Clone, Deserialize)]
pub struct Resource {
    /// Its address.
    pub url: String,
    /// What the browser loaded it as: document, stylesheet, script, image, font, other.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its bytes, gzipped.
    pub gzip: u64,
}

/// What the page did while it was open.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Console errors and uncaught exceptions.
    pub console_errors: Vec<String>,
    /// Requests to the site that failed or answered 400 or more.
    pub failed_requests: Vec<String>,
    /// Requests to any other origin (refused).
    pub other_origins: Vec<String>,
    /// Every response the page received from the site.
    pub resources: Vec<Resource>,
}

/// The page's size against the window's.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// `document.documentElement.scrollWidth`.
    pub scroll_width: u32,
    /// `window.innerWidth`.
    pub inner_width: u32,
    /// `window.innerHeight`.
    pub inner_height: u32,
    /// The bytes transferred for the page and its resources.
    pub transferred: u64,
}

/// A running Chromium, with one page open at a time.
pub struct Browser {
    driver: Child,
    input: Option<ChildStdin>,
    output: BufReader<ChildStdout>,
    next_id: u64,
}

impl Browser {
    /// Starts Chromium through the driver, or `None` (after a loud message) when a tool is
    /// missing; under `CI=true` a missing tool panics instead.
    pub fn start() -> Option<Browser> {
        if !chromium().exists() {
            tool_missing(&format!("Chromium ({})", chromium().display()));
            return None;
        }
        if !runs("node", "--version") {
            tool_missing("node");
            return None;
        }
        if !driver_folder()
            .join("node_modules/playwright-core")
            .exists()
        {
            tool_missing("tests/browser/node_modules (npm ci)");
            return None;
        }
        Some(Browser::launch())
    }

    /// Starts the driver and waits for its ready line.
    fn launch() -> Browser {
        let mut driver = Command::new("node")
            .arg("driver.js")
            .current_dir(driver_folder())
            .env("CHROME_PATH", chromium())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node starts the browser driver");
        let input = driver.stdin.take();
        let output = BufReader::new(driver.stdout.take().expect("the driver's output"));
        let mut browser = Browser {
            driver,
            input,
            output,
            next_id: 0,
        };
        let ready = browser.read_line();
        assert!(
            ready["ready"] == true,
            "the browser driver did not start: {ready}"
        );
        browser
    }

    /// One line of the driver's output, as JSON.
    fn read_line(&mut self) -> Value {
        let mut line = String::new();
        let read = self
            .output
            .read_line(&mut line)
            .expect("read from the driver");
        assert!(
            read > 0,
            "the browser driver stopped (see its message above)"
        );
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("the driver wrote {line:?}: {e}"))
    }

    /// Sends a command with its arguments and returns its result.
    fn command<T: DeserializeOwned>(&mut self, cmd: &str, mut args: Value) -> T {
        self.next_id += 1;
        args["id"] = json!(self.next_id);
        args["cmd"] = json!(cmd);
        let input = self.input.as_mut().expect("the driver's input is open");
        writeln!(input, "{args}").expect("write to the driver");
        let answer = self.read_line();
        assert!(
            answer["id"] == self.next_id,
            "the driver answered out of turn: {answer}"
        );
        assert!(
            answer["ok"] == true,
            "browser command `{cmd}` failed: {}",
            answer["error"]
        );
        serde_json::from_value(answer["result"].clone())
            .unwrap_or_else(|e| panic!("unexpected answer to `{cmd}`: {e}: {answer}"))
    }

    /// Opens `url` in a fresh page at `viewport`, with JavaScript on.
    pub fn open(&mut self, url: &str, viewport: Viewport) -> Page<'_> {
        self.open_with(url, viewport, true)
    }

    /// Opens `url` in a fresh page at `viewport`, with JavaScript on or off.
    pub fn open_with(&mut self, url: &str, viewport: Viewport, javascript: bool) -> Page<'_> {
        let status: Option<u16> = self.command(
            "open",
            json!({ "url": url, "width": viewport.width, "height": viewport.height, "javascript": javascript }),
        );
        Page {
            browser: self,
            url: url.to_string(),
            status,
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Closing its input ends the driver, which closes Chromium first.
        drop(self.input.take());
        let _ = self.driver.wait();
    }
}

/// The page open in a [`Browser`].
pub struct Page<'a> {
    browser: &'a mut Browser,
    /// The address it was opened at.
    pub url: String,
    /// The HTTP status of the document.
    pub status: Option<u16>,
}

impl Page<'_> {
    /// The value of a JavaScript expression evaluated in the page (promises are awaited).
    pub fn eval<T: DeserializeOwned>(&mut self, script: &str) -> T {
        self.browser.command("eval", json!({ "script": script }))
    }

    /// Clicks the first element that matches `selector`.
    pub fn click(&mut self, selector: &str) {
        self.browser
            .command::<Value>("click", json!({ "selector": selector }));
    }

    /// Replaces the value of the field that matches `selector` with `text`, as typing does.
    pub fn type_text(&mut self, selector: &str, text: &str) {
        self.browser
            .command::<Value>("type", json!({ "selector": selector, "text": text }));
    }

    /// Saves what the window shows (or the whole page) as a PNG file.
    pub fn screenshot(&mut self, path: &Path, full_page: bool) {
        self.browser
            .command::<Value>("screenshot", json!({ "path": path, "fullPage": full_page }));
    }

    /// The violations axe-core finds for rules with these tags.
    pub fn axe(&mut self, tags: &[&str]) -> Vec<Violation> {
        self.browser.command("axe", json!({ "tags": tags }))
    }

    /// The page's width and transferred bytes.
    pub fn metrics(&mut self) -> Metrics {
        self.browser.command("metrics", json!({}))
    }

    /// Console errors, failed requests, requests to other origins and resources, so far.
    pub fn report(&mut self) -> Report {
        self.browser.command("report", json!({}))
    }
}
