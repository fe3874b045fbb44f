//! The coverage report, end to end: its numbers on a fixture made for it (known gaps, stale
//! assets, drafts, expectations met and unmet), `--fail-under`, the JSON against its schema, the
//! page, the Markdown, the report for the team (beside the output, anywhere with `--format
//! html`, in `serve`, and published only when asked), and the sample site's deliberate gaps.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};

use common::{read, repository, stderr, stepwise};
use serde_json::Value;

/// The date the fixture's numbers hold for.
const TODAY: &str = "2026-06-30";

fn fixture() -> PathBuf {
    repository().join("tests/fixtures/coverage")
}

/// `stepwise coverage` on `root` on [`TODAY`] with `extra` arguments: exit code, standard
/// output and standard error.
fn coverage(root: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    coverage_on(root, TODAY, extra)
}

fn coverage_on(root: &Path, today: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let root = root.to_string_lossy();
    let mut args = vec!["coverage", "--root", &root, "--today", today];
    args.extend(extra);
    let output = stepwise(&repository(), &args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code(), stdout, stderr(&output))
}

fn report(root: &Path) -> Value {
    let (code, json, errors) = coverage(root, &["--format", "json"]);
    assert_eq!(code, Some(0), "{errors}");
    serde_json::from_str(&json).expect("the report is JSON")
}

/// A copy of the fixture in a temporary folder, with `more` added to its `[coverage]` table
/// (the last table of its `stepwise.toml`).
fn fixture_with(more: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("a temporary folder");
    for entry in walkdir::WalkDir::new(fixture())
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = entry.path().strip_prefix(fixture()).expect("inside");
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).expect("a text file");
            common::write(site.path(), &relative.to_string_lossy(), &text);
        }
    }
    let config = read(site.path(), "stepwise.toml") + more;
    common::write(site.path(), "stepwise.toml", &config);
    site
}

/// The fixture's call to action, which its buyer pages carry and the report never does.
const CALL_TO_ACTION: &str = "https://fixture.example/contact";

/// What the report's page says when it is not published with the site.
const UNPUBLISHED: &str = "This report is not published with the site";

/// The fixture built into a temporary folder, which is returned with the output folder.
fn built(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let output = dir.path().join("out");
    let (root, out) = (root.to_string_lossy(), output.to_string_lossy());
    let args = [
        "build",
        "--root",
        &root,
        "--output-dir",
        &out,
        "--today",
        TODAY,
    ];
    let result = stepwise(&repository(), &args);
    assert!(result.status.success(), "{}", stderr(&result));
    (dir, output)
}

/// The cells of `step` under `table` (`kinds` or `stakeholders`), as (count, expected).
fn cells(report: &Value, step: usize, table: &str) -> Vec<(u64, bool)> {
    report["steps"][step][table]
        .as_array()
        .expect("cells")
        .iter()
        .map(|cell| {
            (
                cell["count"].as_u64().unwrap_or(99),
                cell["expected"] == true,
            )
        })
        .collect()
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| item[key].as_str().unwrap_or("?").to_string())
        .collect()
}

#[test]
fn the_fixture_report_has_exactly_the_known_numbers() {
    let report = report(&fixture());
    assert_eq!(report["schema"], "stepwise-coverage/1");
    assert_eq!(report["today"], TODAY);
    assert_eq!(report["percent"], 50);
    assert_eq!(report["expectations"]["declared"], 10);
    assert_eq!(report["expectations"]["met"], 5);
    assert_eq!(report["verdicts"]["covered"], 1);
    assert_eq!(report["verdicts"]["thin"], 2);
    assert_eq!(report["verdicts"]["gap"], 2);
    let verdicts = strings(&report["steps"], "verdict");
    assert_eq!(verdicts, ["thin", "thin", "gap", "covered", "gap"]);
    let dead_ends: Vec<bool> = (0..5)
        .map(|s| report["steps"][s]["dead_end"] == true)
        .collect();
    assert_eq!(dead_ends, [false, false, true, false, true]);
    // steps × kinds: guide, calculator, comparison, risk-note
    let kinds = [
        [(2, true), (0, true), (0, false), (0, false)],
        [(0, false), (0, false), (1, true), (0, false)],
        [(0, false), (0, false), (0, false), (0, true)],
        [(2, false), (0, false), (0, false), (0, false)],
        [(0, false), (0, false), (0, false), (0, false)],
    ];
    // steps × stakeholders: finance, it, legal
    let people = [
        [(1, true), (1, false), (0, false)],
        [(1, true), (0, true), (0, false)],
        [(0, true), (0, false), (0, false)],
        [(1, true), (1, false), (0, false)],
        [(0, false), (0, false), (0, false)],
    ];
    for step in 0..5 {
        assert_eq!(
            cells(&report, step, "kinds"),
            kinds[step],
            "kinds of step {step}"
        );
        assert_eq!(
            cells(&report, step, "stakeholders"),
            people[step],
            "people of step {step}"
        );
    }
    let assets = &report["assets"];
    let first_guides: Vec<&str> = (report["steps"][0]["kinds"][0]["assets"].as_array())
        .expect("indexes")
        .iter()
        .map(|i| {
            assets[i.as_u64().unwrap_or(99) as usize]["source"]
                .as_str()
                .unwrap_or("?")
        })
        .collect();
    assert_eq!(first_guides, ["content/guides/a.md", "content/guides/b.md"]);
}

#[test]
fn the_fixture_report_finds_stale_assets_drafts_and_what_to_write_next() {
    let report = report(&fixture());
    let stale = &report["stale"];
    assert_eq!(
        strings(stale, "source"),
        ["content/comparisons/c.md", "content/guides/b.md"]
    );
    assert_eq!(stale[0]["reviewed"], Value::Null);
    assert_eq!(stale[1]["reviewed"], "2025-12-01");
    assert_eq!(stale[1]["age_days"], 211);
    let drafts = &report["drafts"];
    assert_eq!(
        strings(drafts, "source"),
        ["content/drafts/calc.md", "content/drafts/risk.md"]
    );
    assert_eq!(drafts[0]["fills"][0]["step"], "problem");
    assert_eq!(drafts[0]["fills"][0]["need"]["slug"], "calculator");
    assert_eq!(
        drafts[1]["fills"].as_array().map(Vec::len),
        Some(1),
        "legal is not finance"
    );
    let todo = report["todo"].as_array().expect("a list");
    let items: Vec<(u64, &str, &str, String, String)> = todo
        .iter()
        .map(|item| {
            let need = &item["gap"]["need"];
            let whom: Vec<&str> = (item["for_stakeholders"].as_array().expect("names"))
                .iter()
                .filter_map(Value::as_str)
                .collect();
            (
                item["rank"].as_u64().unwrap_or(0),
                item["gap"]["step"].as_str().unwrap_or("?"),
                need["type"].as_str().unwrap_or("?"),
                need["slug"].as_str().unwrap_or("-").to_string(),
                format!("{whom:?} {}", item["draft"].as_str().unwrap_or("-")),
            )
        })
        .collect();
    let expected = [
        (
            1,
            "problem",
            "kind",
            "calculator",
            "[] content/drafts/calc.md",
        ),
        (2, "options", "stakeholder", "it", "[\"IT\"] -"),
        (
            3,
            "risks",
            "kind",
            "risk-note",
            "[\"Finance\"] content/drafts/risk.md",
        ),
        (4, "extra", "any", "-", "[] -"),
    ];
    let expected: Vec<(u64, &str, &str, String, String)> = expected
        .iter()
        .map(|(r, s, t, k, w)| (*r, *s, *t, k.to_string(), w.to_string()))
        .collect();
    assert_eq!(items, expected);
}

#[test]
fn fail_under_exits_with_3_below_the_percentage_and_says_so_apart_from_a_broken_site() {
    let cases = [
        (None, Some(0)),
        (Some("50"), Some(0)),
        (Some("51"), Some(3)),
        (Some("0"), Some(0)),
    ];
    for (threshold, code) in cases {
        let extra: Vec<&str> = threshold.map_or_else(Vec::new, |t| vec!["--fail-under", t]);
        let (exit, _, errors) = coverage(&fixture(), &extra);
        assert_eq!(exit, code, "--fail-under {threshold:?}: {errors}");
        if code == Some(3) {
            assert!(
                errors.contains("the coverage is 50 %, under the 51 %"),
                "{errors}"
            );
        }
    }
    let (exit, _, errors) = coverage(&fixture(), &["--fail-under", "101"]);
    assert_eq!(exit, Some(2), "a percentage above 100 is refused: {errors}");
    let broken = tempfile::tempdir().expect("a temporary folder");
    let (exit, _, errors) = coverage(broken.path(), &["--fail-under", "100"]);
    assert_eq!(
        exit,
        Some(1),
        "a site that does not load is broken: {errors}"
    );
}

#[test]
fn a_wrong_date_is_refused_with_the_format_to_use() {
    let root = fixture();
    let root = root.to_string_lossy();
    let output = stepwise(
        &repository(),
        &["coverage", "--root", &root, "--today", "2026-02-30"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("write it as year-month-day, such as 2026-03-31"));
}

/// Checks `value` against the part of JSON Schema that `docs/coverage.schema.json` uses.
fn validate(value: &Value, schema: &Value, root: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference
            .strip_prefix("#/$defs/")
            .expect("a local reference");
        return validate(value, &root["$defs"][name], root, at, errors);
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(one) => vec![one.as_str()],
            many => many
                .as_array()
                .expect("types")
                .iter()
                .filter_map(Value::as_str)
                .collect(),
        };
        let matches = |t: &&str| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            other => panic!("the test does not know the type {other}"),
        };
        if !types.iter().any(matches) {
            errors.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    check_values(value, schema, at, errors);
    for key in schema["required"].as_array().into_iter().flatten() {
        let key = key.as_str().expect("a key");
        if value.get(key).is_none() {
            errors.push(format!("{at}: `{key}` is missing"));
        }
    }
    if let (Some(properties), Some(object)) = (schema["properties"].as_object(), value.as_object())
    {
        for key in object.keys().filter(|key| !properties.contains_key(*key)) {
            errors.push(format!("{at}: `{key}` is not in the schema"));
        }
        for (key, property) in properties {
            if let Some(inner) = object.get(key) {
                validate(inner, property, root, &format!("{at}.{key}"), errors);
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            validate(item, items, root, &format!("{at}[{i}]"), errors);
        }
    }
}

/// `const`, `enum`, `minimum`, `maximum` and the date `pattern`.
fn check_values(value: &Value, schema: &Value, at: &str, errors: &mut Vec<String>) {
    if schema.get("const").is_some_and(|c| c != value) {
        errors.push(format!("{at}: {value} is not {}", schema["const"]));
    }
    if let Some(allowed) = schema["enum"]
        .as_array()
        .filter(|allowed| !allowed.contains(value))
    {
        errors.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    if let (Some(min), Some(n)) = (schema["minimum"].as_i64(), value.as_i64())
        && n < min
    {
        errors.push(format!("{at}: {n} < {min}"));
    }
    if let (Some(max), Some(n)) = (schema["maximum"].as_i64(), value.as_i64())
        && n > max
    {
        errors.push(format!("{at}: {n} > {max}"));
    }
    if let (Some(pattern), Some(text)) = (schema["pattern"].as_str(), value.as_str()) {
        assert_eq!(
            pattern, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "the test knows only the date pattern"
        );
        let shape: String = text
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        if shape != "9999-99-99" {
            errors.push(format!("{at}: `{text}` is not a date"));
        }
    }
}

#[test]
fn the_json_follows_its_published_schema() {
    let schema: Value = serde_json::from_str(&read(&repository(), "docs/coverage.schema.json"))
        .expect("the schema is JSON");
    for root in [fixture(), repository()] {
        let mut errors = Vec::new();
        validate(&report(&root), &schema, &schema, "$", &mut errors);
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            root.display(),
            errors.join("\n")
        );
    }
    let mut errors = Vec::new();
    let mut broken = report(&fixture());
    broken["steps"][0]["verdict"] = Value::from("fine");
    broken["todo"][0]
        .as_object_mut()
        .map(|item| item.remove("rank"));
    validate(&broken, &schema, &schema, "$", &mut errors);
    assert_eq!(
        errors.len(),
        2,
        "the checker finds what is wrong: {errors:?}"
    );
}

#[test]
fn the_page_has_a_row_per_step_a_legend_and_stays_out_of_search_and_navigation() {
    let site = fixture_with("publish = true\n");
    let (_dir, output) = built(site.path());
    let page = read(&output, "coverage/index.html");
    let table = common::element(&page, "<table");
    assert_eq!(table.matches("<th scope=\"row\">").count(), 5, "{table}");
    for step in [
        "Name the problem",
        "Compare the options",
        "Face the risks",
        "Decide",
        "Look back",
    ] {
        assert!(table.contains(step), "a row for {step}");
    }
    assert!(page.contains("class=\"coverage-legend\""), "a legend");
    assert!(
        page.contains("0 <span aria-hidden=\"true\">✗</span>"),
        "a missing cell has a mark"
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        page.contains("<svg class=\"coverage-diagram\""),
        "the journey diagram"
    );
    assert!(page.contains("content/drafts/risk.md") && page.contains("content/comparisons/c.md"));
    assert!(
        !read(&output, "sitemap.xml").contains("coverage"),
        "not in the sitemap"
    );
    for other in [
        "index.html",
        "steps/problem/index.html",
        "guides/a/index.html",
    ] {
        assert!(
            !read(&output, other).contains("/coverage/"),
            "{other} does not link to it"
        );
    }
    assert!(!page.contains(UNPUBLISHED), "published, so no such note");
    assert!(
        read(&output, "index.html").contains(CALL_TO_ACTION),
        "the buyer pages carry the call to action"
    );
    assert!(
        !page.contains(CALL_TO_ACTION),
        "the report is for the team: no call to action of the buyer site"
    );
    let json: Value = serde_json::from_str(&read(&output, "coverage/coverage.json")).expect("JSON");
    assert_eq!(json["percent"], 50);
    assert!(read(&output, "coverage/coverage.svg").contains(">50 %</text>"));
}

#[test]
fn the_markdown_tables_have_the_same_columns_on_every_row() {
    let (code, markdown, _) = coverage(&fixture(), &["--format", "markdown"]);
    assert_eq!(code, Some(0));
    assert!(
        markdown.starts_with("### Coverage of Coverage fixture: 50 %"),
        "{markdown}"
    );
    let columns = |line: &str| line.replace("\\|", "").matches('|').count() - 1;
    let mut tables = 0;
    for block in markdown.split("\n\n") {
        let rows: Vec<&str> = block.lines().filter(|line| line.starts_with('|')).collect();
        if rows.is_empty() {
            continue;
        }
        tables += 1;
        assert!(rows[1].contains("---"), "an alignment row: {block}");
        assert_eq!(rows.len(), 2 + 5, "a row per step: {block}");
        let widths: Vec<usize> = rows.iter().map(|row| columns(row)).collect();
        assert!(
            widths.iter().all(|w| *w == widths[0]),
            "{widths:?} in\n{block}"
        );
    }
    assert_eq!(tables, 2, "steps × kinds and steps × stakeholders");
}

#[test]
fn the_terminal_table_is_plain_ascii_when_piped() {
    let (code, text, _) = coverage(&fixture(), &[]);
    assert_eq!(code, Some(0));
    assert!(text.is_ascii(), "{text}");
    let row = text
        .lines()
        .find(|line| line.starts_with("1 problem"))
        .expect("a row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells, ["1", "problem", "2+", "0x", ".", ".", "thin"]);
    assert!(
        text.contains("step 3 risks (hidden step)"),
        "a hidden dead end:\n{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("coverage 50 % (5 of 10 expectations met; 1 step covered, 2 thin, 2 gaps)")
    );
}

#[test]
fn by_default_the_report_is_left_out_of_the_site_and_written_beside_it() {
    let (_dir, output) = built(&fixture());
    assert!(!output.join("coverage").exists(), "not in the site");
    assert!(
        !read(&output, "_headers").contains("coverage"),
        "{output:?}"
    );
    let beside = output.with_file_name("out-coverage");
    for file in ["index.html", "coverage.json", "coverage.svg", "style.css"] {
        assert!(beside.join(file).is_file(), "{file} beside the output");
    }
    let page = read(&beside, "index.html");
    assert!(page.contains("<link rel=\"stylesheet\" href=\"style.css\">"));
    assert!(page.contains(UNPUBLISHED), "{page}");
    assert!(
        !page.contains(CALL_TO_ACTION),
        "no call to action of the buyer site"
    );
}

#[test]
fn format_html_writes_the_report_into_any_folder_and_output_is_for_html_only() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("for/the/team");
    let (code, out, errors) = coverage(
        &fixture(),
        &["--format", "html", "--output", &folder.to_string_lossy()],
    );
    assert_eq!(code, Some(0), "{errors}");
    assert!(out.contains(&folder.display().to_string()), "{out}");
    assert!(out.contains("coverage 50 %"), "{out}");
    for file in ["index.html", "coverage.json", "coverage.svg", "style.css"] {
        assert!(folder.join(file).is_file(), "{file} in the folder");
    }
    let page = read(&folder, "index.html");
    assert!(page.contains("<h1>Coverage: 50 %</h1>"), "{page}");
    assert!(page.contains(UNPUBLISHED) && !page.contains(CALL_TO_ACTION));
    let json: Value = serde_json::from_str(&read(&folder, "coverage.json")).expect("JSON");
    assert_eq!(json["percent"], 50);

    let site = fixture_with("");
    let (code, _, errors) = coverage(site.path(), &["--format", "html"]);
    assert_eq!(code, Some(0), "{errors}");
    let default = site.path().join("output-coverage/index.html");
    assert!(default.is_file(), "where build writes it, by default");
    assert!(!site.path().join("output").exists(), "nothing is built");

    let (code, out, errors) = coverage(&fixture(), &["--format", "json", "--output", "x"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        errors.contains("`--output` is for `--format html`"),
        "{errors}"
    );
}

#[test]
fn serve_shows_the_unpublished_report_at_its_address_with_a_note() {
    let site = fixture_with("");
    let server = common::live::Server::start(site.path());
    let page = server.get("/coverage/");
    assert!(page.status.contains("200"), "{}", page.status);
    assert!(page.body.contains("<h1>Coverage: "), "{}", page.body);
    assert!(page.body.contains(UNPUBLISHED), "{}", page.body);
    assert!(!page.body.contains(CALL_TO_ACTION), "{}", page.body);
    assert!(server.get("/").body.contains(CALL_TO_ACTION));
    let json = server.get("/coverage/coverage.json").body;
    assert!(json.contains("stepwise-coverage/1"), "{json}");
}

#[test]
fn unknown_stakeholders_in_the_coverage_rules_are_errors_with_their_place() {
    let site = common::small_site();
    let config =
        read(site.path(), "stepwise.toml") + "\n[coverage]\nstakeholders = [\"finanse\"]\n";
    common::write(site.path(), "stepwise.toml", &config);
    let output = stepwise(site.path(), &["coverage"]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        errors.contains("unknown stakeholder `finanse` in `stakeholders`"),
        "{errors}"
    );
    assert!(errors.contains("stepwise.toml:"), "{errors}");
    assert!(errors.contains("did you mean `finance`?"), "{errors}");
}

#[test]
fn the_sample_site_shows_its_deliberate_gaps() {
    let (code, json, errors) = coverage_on(&repository(), "2026-12-01", &["--format", "json"]);
    assert_eq!(code, Some(0), "{errors}");
    let report: Value = serde_json::from_str(&json).expect("JSON");
    let step = |slug: &str| {
        (report["steps"].as_array().expect("steps").iter())
            .find(|step| step["slug"] == slug)
            .unwrap_or_else(|| panic!("the step {slug}"))
            .clone()
    };
    let kind = |slug: &str| {
        (report["kinds"].as_array().expect("kinds").iter())
            .position(|kind| kind["slug"] == slug)
            .unwrap_or_else(|| panic!("the kind {slug}"))
    };
    let values = step("operating-values");
    assert_eq!(values["assets"], 1, "operating values has one asset");
    assert_eq!(
        values["kinds"][kind("guide")]["count"],
        1,
        "and it is a guide"
    );
    let worst = step("worst-case");
    assert_eq!(
        worst["kinds"][kind("case-study")],
        serde_json::json!({"count": 0, "expected": true, "assets": []})
    );
    let preventive = step("preventive-measures");
    assert_eq!(preventive["kinds"][kind("risk-note")]["count"], 0);
    assert_eq!(preventive["kinds"][kind("risk-note")]["expected"], true);
    let stakeholders = report["stakeholders"].as_array().expect("stakeholders");
    let steps = report["steps"].as_array().expect("steps");
    let counts: Vec<(&str, u64)> = (stakeholders.iter().enumerate())
        .map(|(at, stakeholder)| {
            let count = (steps.iter())
                .map(|step| step["stakeholders"][at]["count"].as_u64().expect("a count"))
                .sum();
            (stakeholder["slug"].as_str().expect("a slug"), count)
        })
        .collect();
    let (_, for_procurement) = *(counts.iter())
        .find(|(slug, _)| *slug == "procurement")
        .expect("procurement");
    assert!(
        (1..=3).contains(&for_procurement),
        "procurement has a few assets, not none: {for_procurement}"
    );
    for (slug, count) in counts.iter().filter(|(slug, _)| *slug != "procurement") {
        assert!(
            *count > for_procurement,
            "procurement has fewer assets than {slug}: {counts:?}"
        );
    }
    let old = (report["stale"].as_array().expect("stale").iter())
        .filter(|stale| stale["age_days"].as_i64().is_some_and(|age| age > 365))
        .count();
    assert!(old >= 3, "several reviews are older than a year: {old}");
    assert!(report["percent"].as_u64().is_some_and(|p| p < 100));
}
