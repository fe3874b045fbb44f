//! Helpers shared by the integration tests: run the real binary on real files in temporary
//! folders.
#![allow(dead_code)]
// Helpers of tests fail the test that calls them as tests do.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod browser;
pub mod gates;
pub mod live;
pub mod recalc;
pub mod served;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of this repository, which is also the sample site.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `stepwise` with `args` in `dir`.
pub fn stepwise(dir: &Path, args: &[&str]) -> Output {
    stepwise_with_env(dir, args, &[])
}

/// Runs `stepwise` with `args` in `dir`, with the environment variables `env` set.
pub fn stepwise_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("the stepwise binary runs")
}

/// The standard error of a run, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `stepwise` with `args` in `dir`, which must fail with exit code 1; its standard error.
pub fn fails(dir: &Path, args: &[&str]) -> String {
    let run = stepwise(dir, args);
    let report = stderr(&run);
    assert_eq!(
        run.status.code(),
        Some(1),
        "`stepwise {}` should fail; it said:\n{report}",
        args.join(" ")
    );
    report
}

/// Builds the site in `dir` into `dir/output`, which must succeed.
pub fn build(dir: &Path) {
    let run = stepwise(dir, &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// The text of `relative` in the built output of the site in `dir`.
pub fn page(dir: &Path, relative: &str) -> String {
    read(dir, &format!("output/{relative}"))
}

/// Writes `text` to `dir/relative`, making folders as needed.
pub fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().expect("a file has a parent")).expect("create folders");
    fs::write(path, text).expect("write a file");
}

/// Reads a file of the output as text.
pub fn read(dir: &Path, relative: &str) -> String {
    fs::read_to_string(dir.join(relative)).unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// The path a fingerprinted static file is published at in the output folder `dir`:
/// `style.css` is found as `style.<10 hex digits>.css`. Panics when there is none, or several.
pub fn fingerprinted(dir: &Path, relative: &str) -> String {
    let (stem, extension) = relative.rsplit_once('.').expect("a name with an extension");
    let folder = dir
        .join(relative)
        .parent()
        .expect("a file has a parent")
        .to_path_buf();
    let prefix = relative.rfind('/').map_or("", |slash| &relative[..=slash]);
    let stem_name = &stem[prefix.len()..];
    let found: Vec<String> = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| {
            name.strip_prefix(&format!("{stem_name}."))
                .and_then(|rest| rest.strip_suffix(&format!(".{extension}")))
                .is_some_and(|hash| hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one fingerprinted `{relative}` in {}: {found:?}",
        folder.display()
    );
    format!("{prefix}{}", found[0])
}

/// A small valid site: three steps, two kinds, two stakeholders and two assets.
pub fn small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(
        dir.path(),
        "stepwise.toml",
        r#"title = "Small site"
base_url = "https://example.com/"

[call_to_action]
title = "Talk to us"
url = "https://www.example.com/contact"

[[steps]]
slug = "facts"
title = "Gather the facts"
question = "What is going on?"

[[steps]]
slug = "options"
title = "Compare the options"
question = "What can we do?"

[[steps]]
slug = "sign"
title = "Sign"
question = "Are we ready?"

[[kinds]]
slug = "guide"
title = "Guide"
plural = "Guides"

[[kinds]]
slug = "checklist"
title = "Checklist"
plural = "Checklists"

[[stakeholders]]
slug = "finance"
title = "Finance"

[[stakeholders]]
slug = "it"
title = "IT"
"#,
    );
    write(
        dir.path(),
        "content/guides/facts-guide.md",
        "+++\ntitle = \"The facts guide\"\nkind = \"guide\"\nsteps = [\"facts\", \"options\"]\nstakeholders = [\"finance\"]\n+++\nThe first paragraph.\n\n## A heading\n\nMore text.\n",
    );
    write(
        dir.path(),
        "content/checklists/ready.md",
        "---\ntitle: Ready to sign\nkind: checklist\nsteps: [sign]\n---\n- [ ] Everything agreed\n",
    );
    dir
}

/// Every file under `dir`, as relative paths with their bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            (relative, fs::read(entry.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// The HTML element that starts with `opening` (such as `<section class="exit"`), up to and
/// including its matching closing tag; elements of the same name nested inside it are skipped.
/// Panics when the page has no such element.
pub fn element<'a>(html: &'a str, opening: &str) -> &'a str {
    let start = html
        .find(opening)
        .unwrap_or_else(|| panic!("no `{opening}` in the page:\n{html}"));
    let name: String = opening
        .trim_start_matches('<')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let close = format!("</{name}>");
    let opens = [format!("<{name} "), format!("<{name}>")];
    let mut depth = 0;
    let mut at = start + 1;
    loop {
        let next_open = opens.iter().filter_map(|o| html[at..].find(o)).min();
        let next_close = html[at..]
            .find(&close)
            .unwrap_or_else(|| panic!("`{opening}` is never closed"));
        match next_open {
            Some(inner) if inner < next_close => {
                depth += 1;
                at += inner + 1;
            }
            _ if depth == 0 => return &html[start..at + next_close + close.len()],
            _ => {
                depth -= 1;
                at += next_close + 1;
            }
        }
    }
}

/// Every `href` in `html`, in order.
pub fn links(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().expect("split gives one part"))
        .collect()
}
