//! Case studies, comparison sheets, checklists, testimonials and action plans end to end: good
//! tables become the pages and files a buyer uses, bad ones are reported all at once with their
//! `file:line:column` and a hint, and the comparison sheet's CSV holds exactly its table.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::Read;
use std::path::Path;

use common::{element, fails, fingerprinted, read, stderr, stepwise, write};

/// A site with one step, a kind of each schema and two stakeholders, without assets.
fn kinds_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut config = String::from(
        "title = \"Kinds\"\nbase_url = \"https://example.com/\"\n\n\
         [[steps]]\nslug = \"compare\"\ntitle = \"Compare\"\nquestion = \"Which one?\"\n\n\
         [[stakeholders]]\nslug = \"finance\"\ntitle = \"Finance\"\n\n\
         [[stakeholders]]\nslug = \"it-security\"\ntitle = \"IT security\"\n",
    );
    for (slug, title, plural) in [
        ("case-study", "Case study", "Case studies"),
        ("comparison", "Comparison sheet", "Comparison sheets"),
        ("checklist", "Checklist", "Checklists"),
        ("testimonial", "Testimonial", "Testimonials"),
        ("action-plan", "Action plan", "Action plans"),
    ] {
        config.push_str(&format!(
            "\n[[kinds]]\nslug = \"{slug}\"\ntitle = \"{title}\"\nplural = \"{plural}\"\n"
        ));
    }
    write(dir.path(), "stepwise.toml", &config);
    dir
}

/// An asset of `kind` in TOML front matter with `table` after its common fields.
fn asset(dir: &Path, name: &str, kind: &str, table: &str) {
    write(
        dir,
        &format!("content/{kind}/{name}.md"),
        &asset_text(name, kind, table),
    );
}

/// The same asset written as a bundle, `content/<kind>/<name>/index.md`, with `files` beside it.
fn bundle(dir: &Path, name: &str, kind: &str, table: &str, files: &[(&str, &str)]) {
    let folder = format!("content/{kind}/{name}");
    write(
        dir,
        &format!("{folder}/index.md"),
        &asset_text(name, kind, table),
    );
    for (file, text) in files {
        write(dir, &format!("{folder}/{file}"), text);
    }
}

fn asset_text(name: &str, kind: &str, table: &str) -> String {
    format!(
        "+++\ntitle = \"{name}\"\nkind = \"{kind}\"\nsteps = [\"compare\"]\n\n{table}+++\nThe story.\n"
    )
}

const CASE_STUDY: &str = r#"[case-study]
customer = "Harbourline Logistics"
industry = "Freight"

[[case-study.results]]
metric = "Days to approval"
before = 14
after = 4
unit = "days"

[[case-study.results]]
metric = "Cost per invoice"
before = 12.80
after = 4.10
unit = "$"

[case-study.quote]
text = "Agreeing on our own numbers took longer."
author = "Amaka Osei"
role = "Controller"
"#;

const COMPARISON: &str = r#"[comparison]
options = ["Ledgerline", "Do nothing", "Build in-house"]
ours = "Ledgerline"

[[comparison.criteria]]
group = "Cost"
name = "Cost per invoice"
help = "All in, with the subscription."
weight = 3
values = [4, 1, 2]

[[comparison.criteria]]
group = "Cost"
name = "One-time cost"
values = ["$24k, internal time", "none", "=2+3"]

[[comparison.criteria]]
group = "Control"
name = "Audit trail"
weight = 1
values = ["yes", "no", "partial"]
"#;

/// [`COMPARISON`]'s options and criteria as a CSV file.
const COMPARISON_CSV: &str = "criterion,group,weight,help,Ledgerline,Do nothing,Build in-house\r
Cost per invoice,Cost,3,\"All in, with the subscription.\",4,1,2\r
One-time cost, Cost ,,,\"$24k, internal time\",none,=2+3\r
Audit trail,Control,1,,yes,no,partial\r
";

const CHECKLIST: &str = r#"[[checklist.items]]
group = "The facts"
text = "We measured our volume."
owner = "finance"

[[checklist.items]]
group = "The facts"
text = "The business case uses measured numbers."
help = "Finance checks the formulas."

[[checklist.items]]
group = "The risks"
text = "The security review is closed."
owner = "it-security"
"#;

const TESTIMONIAL: &str = r#"[testimonial]
quote = "The software was the easy part."
author = "Amaka Osei"
role = "Controller"
company = "Harbourline Logistics"
case_study = "harbourline"
"#;

const ACTION_PLAN: &str = r#"[[action-plan.tasks]]
when = "Week 1"
task = "Kick-off with the vendor"
owner = "finance"
done_when = "Scope agreed"

[[action-plan.tasks]]
when = "Week 1"
task = "Create the ERP integration user"
owner = "it-security"

[[action-plan.tasks]]
when = "Week 2"
task = "Merge duplicate suppliers"
"#;

/// The kinds site with one good asset of each schema, built.
fn built_site() -> tempfile::TempDir {
    let dir = kinds_site();
    asset(dir.path(), "harbourline", "case-study", CASE_STUDY);
    asset(dir.path(), "three-ways", "comparison", COMPARISON);
    asset(dir.path(), "before-you-sign", "checklist", CHECKLIST);
    asset(dir.path(), "amaka", "testimonial", TESTIMONIAL);
    asset(dir.path(), "first-weeks", "action-plan", ACTION_PLAN);
    let run = stepwise(dir.path(), &["build"]);
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    dir
}

/// The text of an HTML fragment: tags removed, the entities Tera writes decoded, spaces
/// collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let words = text.split([' ', '\n']).filter(|word| !word.is_empty());
    words.collect::<Vec<_>>().join(" ")
}

/// The cells of every row of `table` (HTML), each cell's text without the criterion's help.
fn table_rows(table: &str) -> Vec<(bool, Vec<String>)> {
    table
        .split("<tr")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").expect("a closed row")];
            let cells = row
                .split("<t")
                .skip(1)
                .filter(|cell| cell.starts_with("h") || cell.starts_with("d"))
                .map(|cell| {
                    let notes = [
                        "<span class=\"criterion-help\">",
                        " <span class=\"ours-badge\">",
                    ];
                    let end = notes.iter().filter_map(|note| cell.find(note)).min();
                    let cell = &cell[..end.unwrap_or(cell.len())];
                    text_of(&format!("<t{cell}"))
                })
                .collect();
            (row.contains("group-row"), cells)
        })
        .collect()
}

/// Parses CSV as [`stepwise::escape::csv_cell`] writes it.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.split("\r\n").filter(|line| !line.is_empty()) {
        let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => cells.push(std::mem::take(&mut cell)),
                (c, _) => cell.push(c),
            }
        }
        cells.push(cell);
        rows.push(cells);
    }
    rows
}

#[test]
fn a_case_study_leads_with_its_results_and_their_change() {
    let dir = built_site();
    let page = read(dir.path(), "output/case-studies/harbourline/index.html");
    let results = element(&page, "<section class=\"results\"");
    assert!(results.contains("<span class=\"sr-only\">After: </span>4\u{a0}days</p>"));
    assert!(results.contains("<span class=\"result-change\">-71%</span> from 14\u{a0}days"));
    assert!(
        results.contains("$4.10") && results.contains("from $12.80"),
        "{results}"
    );
    let quote = element(&page, "<figure class=\"quote\"");
    let (words, caption) = quote.split_once("</blockquote>").expect("a blockquote");
    assert!(words.contains("Agreeing on our own numbers"), "{quote}");
    assert!(
        caption.contains("<figcaption><span class=\"quote-author\">Amaka Osei</span>, Controller")
    );
    assert!(
        page.find("class=\"results\"") < page.find("<p>The story.</p>"),
        "results come first"
    );
    let listing = read(dir.path(), "output/kinds/case-study/index.html");
    let card = element(&listing, "<p class=\"card-headline\"");
    assert_eq!(
        text_of(card),
        "Days to approval 4\u{a0}days -71%, from 14\u{a0}days"
    );
}

#[test]
fn a_testimonial_is_a_quote_on_its_steps_page_linked_to_its_case_study() {
    let dir = built_site();
    let step = read(dir.path(), "output/steps/compare/index.html");
    let quote = element(&step, "<figure class=\"card-quote\"");
    let (words, caption) = quote.split_once("</blockquote>").expect("a blockquote");
    assert!(words.contains("The software was the easy part."), "{quote}");
    assert!(
        !words.contains("Amaka"),
        "the attribution is outside the quote"
    );
    assert!(
        caption.contains("Amaka Osei, Controller, Harbourline Logistics"),
        "{quote}"
    );
    let page = read(dir.path(), "output/testimonials/amaka/index.html");
    assert!(page.contains("<a href=\"/case-studies/harbourline/\">Read the case study</a>"));
}

#[test]
fn a_comparison_sheet_scores_its_options_and_marks_ours() {
    let dir = built_site();
    let page = read(dir.path(), "output/comparison-sheets/three-ways/index.html");
    let table = element(&page, "<table class=\"comparison-table\"");
    assert!(table.contains("<caption id=\"comparison-caption\">"));
    assert!(table.contains(
        "<th scope=\"col\" class=\"is-ours\">Ledgerline <span class=\"ours-badge\">Ours</span></th>"
    ));
    assert!(table.contains("<th scope=\"rowgroup\">Cost</th><td colspan=\"4\"></td>"));
    // Ledgerline (3·4 + 1·5) / 4 = 4.25; do nothing (3·1 + 0) / 4 = 0.75; in-house (6 + 2.5) / 4.
    let rows = table_rows(table);
    assert_eq!(
        rows.last().map(|row| row.1.clone()),
        Some(vec![
            "Weighted score (out of 5)".to_string(),
            String::new(),
            "4.3".into(),
            "0.8".into(),
            "2.1".into()
        ])
    );
    assert!(page.contains("<script type=\"application/json\" id=\"comparison-data\">{\"weights\":[3,1,1],\"points\":[[4.0,1.0,2.0],null,[5.0,0.0,2.5]],\"language\":\"en\",\"score\":{\"style\":\"decimal\",\"minimumFractionDigits\":1,\"maximumFractionDigits\":1}}</script>"));
    let script = fingerprinted(&dir.path().join("output"), "comparison.js");
    assert!(page.contains(&format!("<script src=\"/{script}\" defer></script>")));
    assert!(
        page.contains("<form class=\"weights\" data-weights hidden>"),
        "the weights wait for the script"
    );
}

#[test]
fn the_csv_of_a_comparison_sheet_holds_its_table() {
    let dir = built_site();
    let page = read(dir.path(), "output/comparison-sheets/three-ways/index.html");
    assert!(page.contains("<a class=\"button\" href=\"/comparison-sheets/three-ways/three-ways.csv\" download data-step-event=\"download\""));
    assert!(page.contains(" data-asset=\"three-ways\">Download as CSV</a>"));
    let csv = read(
        dir.path(),
        "output/comparison-sheets/three-ways/three-ways.csv",
    );
    assert!(
        csv.contains(",'=2+3\r\n"),
        "a formula-like cell is made safe: {csv}"
    );
    let mut expected = Vec::new();
    let mut group = String::new();
    for (is_group, cells) in table_rows(element(&page, "<table class=\"comparison-table\"")) {
        if is_group {
            group = cells[0].clone();
            continue;
        }
        let first = if expected.is_empty() {
            "Group".to_string()
        } else {
            group.clone()
        };
        expected.push([vec![first], cells].concat());
    }
    let last = expected.len() - 1;
    expected[last][0].clear();
    let mut csv = parse_csv(&csv);
    csv[2][5] = csv[2][5].trim_start_matches('\'').to_string();
    assert_eq!(csv, expected);
}

#[test]
fn an_unbiased_sheet_marks_nothing_and_sorts_its_options() {
    let dir = kinds_site();
    let table = COMPARISON.replace("ours = \"Ledgerline\"", "unbiased = true");
    asset(dir.path(), "neutral", "comparison", &table);
    let run = stepwise(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = read(dir.path(), "output/comparison-sheets/neutral/index.html");
    let rows = table_rows(element(&page, "<table class=\"comparison-table\""));
    assert_eq!(
        rows[0].1,
        [
            "Criterion",
            "Weight",
            "Build in-house",
            "Do nothing",
            "Ledgerline"
        ]
    );
    assert_eq!(rows[2].1[2..], ["2/5", "1/5", "4/5"]);
    assert!(!page.contains("is-ours") && !page.contains("ours-badge"));
}

#[test]
fn a_checklist_has_real_labelled_checkboxes_keyed_by_their_text() {
    let dir = built_site();
    let page = read(dir.path(), "output/checklists/before-you-sign/index.html");
    let list = element(&page, "<section class=\"checklist\"");
    assert!(list.contains("data-checklist=\"/checklists/before-you-sign/\""));
    assert_eq!(list.matches("<input type=\"checkbox\"").count(), 3);
    assert!(!list.contains("disabled"));
    let key = stepwise::kinds::item_key("We measured our volume.");
    assert!(
        list.contains(&format!(
            "id=\"item-{key}\" data-key=\"{key}\" aria-describedby=\"about-{key}\">"
        )),
        "{list}"
    );
    assert!(list.contains(&format!(
        "<label for=\"item-{key}\">We measured our volume.</label>"
    )));
    assert!(
        list.contains("<legend>The facts</legend>") && list.contains("<legend>The risks</legend>")
    );
    assert!(list.contains("<span class=\"owner\">Owner: IT security</span>"));
    assert!(
        list.contains("<p class=\"checklist-progress\" role=\"status\" data-progress>3 items</p>")
    );
    assert!(
        list.contains("data-reset hidden>"),
        "the reset button waits for the script"
    );
}

#[test]
fn an_action_plan_is_a_timeline_by_phase_and_a_spreadsheet() {
    let dir = built_site();
    let page = read(dir.path(), "output/action-plans/first-weeks/index.html");
    let table = element(&page, "<table class=\"plan-table\"");
    assert_eq!(table.matches("<tbody>").count(), 2);
    assert!(table.contains(
        "<tr class=\"phase-row\"><th scope=\"rowgroup\">Week 1</th><td colspan=\"2\"></td></tr>"
    ));
    assert!(table.contains(
        "<tr><td>Kick-off with the vendor</td><td>Finance</td><td>Scope agreed</td></tr>"
    ));
    assert!(page.contains(
        "href=\"/action-plans/first-weeks/first-weeks.xlsx\" download data-step-event=\"download\""
    ));
    assert!(page.contains(" data-asset=\"first-weeks\">Download as a spreadsheet</a>"));
    let xlsx = std::fs::read(
        dir.path()
            .join("output/action-plans/first-weeks/first-weeks.xlsx"),
    )
    .expect("the spreadsheet is written");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut strings = String::new();
    (archive
        .by_name("xl/sharedStrings.xml")
        .expect("shared strings"))
    .read_to_string(&mut strings)
    .expect("text");
    for text in [
        "When",
        "Done when",
        "Week 2",
        "Create the ERP integration user",
        "IT security",
    ] {
        assert!(
            strings.contains(text),
            "the spreadsheet should hold `{text}`"
        );
    }
}

#[test]
fn bad_tables_are_reported_at_the_bad_value_all_in_one_run() {
    let dir = kinds_site();
    asset(
        dir.path(),
        "bad-case",
        "case-study",
        "[case-study]\ncustomr = \"Acme\"\n\n[[case-study.results]]\nmetric = \"Days\"\nbefore = 14\nafter = { days = 4 }\n",
    );
    asset(
        dir.path(),
        "bad-sheet",
        "comparison",
        "[comparison]\noptions = [\"Us\", \"Them\"]\nours = \"Uss\"\n\n[[comparison.criteria]]\nname = \"Cost\"\nweight = 7\nvalues = [3, 9, 1]\n\n[[comparison.criteria]]\nname = \"Fit\"\nvalues = [[1], 2]\n",
    );
    asset(
        dir.path(),
        "neutral",
        "comparison",
        "[comparison]\noptions = [\"Us\", \"Us\"]\nunbiased = true\nours = \"Us\"\ncriteria = []\n",
    );
    asset(
        dir.path(),
        "bad-list",
        "checklist",
        "[[checklist.items]]\ntext = \"Numbers agreed\"\nowner = \"finanse\"\n\n[[checklist.items]]\ntext = \"Numbers  agreed.\"\n",
    );
    asset(
        dir.path(),
        "bad-plan",
        "action-plan",
        "[[action-plan.tasks]]\ntsk = \"Kick-off\"\nowner = \"legal\"\n",
    );
    write(
        dir.path(),
        "content/testimonial/bad-quote.md",
        "---\ntitle: Bad quote\nkind: testimonial\nsteps: [compare]\ntestimonial:\n  quote: \"It works.\"\n  author: 3\n---\n",
    );
    let report = fails(dir.path(), &["build"]);
    let expected: &[(&str, &str, &str)] = &[
        (
            "unknown key `customr` in the `[case-study]` table",
            "case-study/bad-case.md:7:1",
            "did you mean `customer`?",
        ),
        (
            "`after` must be a number or text, not a table",
            "case-study/bad-case.md:12:9",
            "write a number such as `after = 14`",
        ),
        (
            "`Uss` is not one of the options",
            "comparison/bad-sheet.md:8:8",
            "did you mean `Us`?",
        ),
        (
            "a weight of 7 is out of range",
            "comparison/bad-sheet.md:12:10",
            "weights run from 1 (counts little) to 5 (counts most)",
        ),
        (
            "this criterion has 3 values, but there are 2 options",
            "comparison/bad-sheet.md:13:10",
            "in the order of `options`: Us, Them",
        ),
        (
            "a score of 9 is out of range",
            "comparison/bad-sheet.md:13:14",
            "scores run from 0 (worst) to 5 (best)",
        ),
        (
            "a value must be a score from 0 to 5, yes, no, partial or a short text, not a list",
            "comparison/bad-sheet.md:17:11",
            "",
        ),
        (
            "`Us` is listed twice",
            "comparison/neutral.md:7:18",
            "remove the second one",
        ),
        (
            "an unbiased comparison marks no option as ours",
            "comparison/neutral.md:9:8",
            "remove `ours`",
        ),
        (
            "`finanse` is not a stakeholder of this site",
            "checklist/bad-list.md:8:9",
            "did you mean `finance`?",
        ),
        (
            "this item says the same as an earlier one",
            "checklist/bad-list.md:11:8",
            "merge the two",
        ),
        (
            "unknown key `tsk` in this task",
            "action-plan/bad-plan.md:7:1",
            "did you mean `task`?",
        ),
        (
            "`legal` is not a stakeholder of this site",
            "action-plan/bad-plan.md:8:9",
            "the stakeholders declared in stepwise.toml are `finance`, `it-security`",
        ),
        (
            "`author` must be text in quotes, not a number",
            "testimonial/bad-quote.md:7:11",
            "",
        ),
    ];
    assert_reported(&report, expected);
}

/// Checks that `report` says each `(message, place, help)` once, pointing at `content/<place>`
/// with the help, and nothing else.
fn assert_reported(report: &str, expected: &[(&str, &str, &str)]) {
    for (message, place, help) in expected {
        let at = report
            .find(&format!("error: {message}\n"))
            .unwrap_or_else(|| panic!("the report should say `{message}`:\n{report}"));
        let block = &report[at..];
        let block = &block[..block[1..]
            .find("\nerror: ")
            .map_or(block.len(), |end| end + 1)];
        assert!(
            block.contains(&format!("content/{place}\n")),
            "`{message}` should point at {place}:\n{block}"
        );
        assert!(
            block.contains(help),
            "`{message}` should help with `{help}`:\n{block}"
        );
    }
    let count = format!(
        "error: stopped with {} errors; nothing was written",
        expected.len()
    );
    assert_eq!(report.lines().last(), Some(count.as_str()), "{report}");
}

#[test]
fn a_kind_with_a_schema_may_still_be_plain_markdown() {
    let dir = kinds_site();
    write(
        dir.path(),
        "content/checklist/plain.md",
        "+++\ntitle = \"Plain\"\nkind = \"checklist\"\nsteps = [\"compare\"]\n+++\n- [ ] One thing\n",
    );
    let run = stepwise(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = read(dir.path(), "output/checklists/plain/index.html");
    assert!(page.contains("One thing") && !page.contains("checklist.js"));
}

#[test]
fn a_comparison_read_from_a_csv_file_builds_the_same_page_and_download() {
    let from_toml = kinds_site();
    asset(from_toml.path(), "three-ways", "comparison", COMPARISON);
    let run = stepwise(from_toml.path(), &["build"]);
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    let from_csv = kinds_site();
    let table = "[comparison]\ndata = \"scores.csv\"\nours = \"Ledgerline\"\n";
    bundle(
        from_csv.path(),
        "three-ways",
        "comparison",
        table,
        &[("scores.csv", COMPARISON_CSV)],
    );
    let run = stepwise(from_csv.path(), &["build"]);
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    let folder = "output/comparison-sheets/three-ways";
    for file in ["index.html", "three-ways.csv"] {
        let path = format!("{folder}/{file}");
        assert!(
            read(from_csv.path(), &path) == read(from_toml.path(), &path),
            "{file} should not depend on how the sheet is written"
        );
    }
    assert!(
        !from_csv.path().join(folder).join("scores.csv").exists(),
        "the source file is not published: the download holds the same data"
    );
    assert!(!read(from_csv.path(), &format!("{folder}/index.html")).contains("scores.csv"));
}

#[test]
fn a_csv_file_named_like_the_download_does_not_clash_with_it() {
    let dir = kinds_site();
    let table = "[comparison]\ndata = \"three-ways.csv\"\nours = \"Ledgerline\"\n";
    let files = [("three-ways.csv", COMPARISON_CSV), ("chart.png", "png")];
    bundle(dir.path(), "three-ways", "comparison", table, &files);
    let run = stepwise(dir.path(), &["build"]);
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    let folder = "output/comparison-sheets/three-ways";
    let download = read(dir.path(), &format!("{folder}/three-ways.csv"));
    assert!(
        download.starts_with("Group,Criterion,Weight,Ledgerline"),
        "{download}"
    );
    assert!(dir.path().join(folder).join("chart.png").exists());
}

#[test]
fn bad_csv_sheets_are_reported_at_their_line_and_column_all_in_one_run() {
    let dir = kinds_site();
    let data = "[comparison]\ndata = \"scores.csv\"\n";
    let csv = "criterion,group,weight,help,Us,Them,Us\n\
               Cost,,7,,3,9,1\n\
               ,Fit,2,,1,2,3\n\
               Speed,,2,\"fast, slow\",1,2\n\
               Audit,,,,yes,,no,extra\n\
               Trust,,high,,1,,3\n";
    bundle(
        dir.path(),
        "bad",
        "comparison",
        data,
        &[("scores.csv", csv)],
    );
    bundle(
        dir.path(),
        "typo",
        "comparison",
        data,
        &[("score.csv", "criterion")],
    );
    asset(dir.path(), "single", "comparison", data);
    let both = "[comparison]\ndata = \"scores.csv\"\noptions = [\"Us\", \"Them\"]\n";
    let header = "criterion,weight,group,help,Us,Them\n";
    bundle(
        dir.path(),
        "both",
        "comparison",
        both,
        &[("scores.csv", header)],
    );
    let report = fails(dir.path(), &["build"]);
    let expected: &[(&str, &str, &str)] = &[
        (
            "a weight of 7 is out of range",
            "comparison/bad/scores.csv:2:7",
            "weights run from 1",
        ),
        (
            "a score of 9 is out of range",
            "comparison/bad/scores.csv:2:12",
            "scores run from 0",
        ),
        (
            "this row has no criterion",
            "comparison/bad/scores.csv:3:1",
            "write what is compared in the `criterion` column",
        ),
        (
            "this row has 6 cells, but the header has 7",
            "comparison/bad/scores.csv:4:26",
            "one cell per column: criterion, group, weight, help, Us, Them, Us",
        ),
        (
            "this row has 8 cells, but the header has 7",
            "comparison/bad/scores.csv:5:18",
            "put a cell that holds a comma in double quotes",
        ),
        (
            "`weight` must be a whole number, not text",
            "comparison/bad/scores.csv:6:8",
            "",
        ),
        (
            "the value for `Them` is empty",
            "comparison/bad/scores.csv:6:16",
            "write a score from 0 to 5, yes, no, partial or a short text",
        ),
        (
            "`Us` is listed twice",
            "comparison/bad/scores.csv:1:37",
            "remove the second one",
        ),
        (
            "there is no file `content/comparison/typo/scores.csv`",
            "comparison/typo/index.md:7:8",
            "did you mean `score.csv`?",
        ),
        (
            "`data` names a file of the asset's bundle, but this asset is not a bundle",
            "comparison/single.md:7:8",
            "move the asset into a folder of its own as `index.md`",
        ),
        (
            "`options` cannot be given with `data`",
            "comparison/both/index.md:8:11",
            "remove `options`, or remove `data`",
        ),
        (
            "column 2 of the header must be `group`, not `weight`",
            "comparison/both/scores.csv:1:11",
            "the header row is `criterion,group,weight,help`",
        ),
    ];
    assert_reported(&report, expected);
}

/// A testimonial whose `case_study` is `names`.
fn testimonial_of(names: &str) -> String {
    format!(
        "[testimonial]\nquote = \"It works.\"\nauthor = \"Amaka Osei\"\ncase_study = \"{names}\"\n"
    )
}

#[test]
fn a_testimonial_links_to_the_real_address_of_the_case_study_it_names() {
    let dir = kinds_site();
    let case_study = format!("slug = \"hl\"\n\n{CASE_STUDY}");
    asset(dir.path(), "harbourline", "case-study", &case_study);
    let by_path = testimonial_of("@/case-study/harbourline.md");
    asset(dir.path(), "by-path", "testimonial", &by_path);
    asset(dir.path(), "by-slug", "testimonial", &testimonial_of("hl"));
    let run = stepwise(
        dir.path(),
        &["build", "--base-url", "https://example.com/guide/"],
    );
    assert!(run.status.success(), "the build failed:\n{}", stderr(&run));
    for name in ["by-path", "by-slug"] {
        let page = read(
            dir.path(),
            &format!("output/testimonials/{name}/index.html"),
        );
        assert!(
            page.contains("<a href=\"/guide/case-studies/hl/\">Read the case study</a>"),
            "{name} should link to the case study's page"
        );
    }
}

#[test]
fn a_testimonial_naming_no_published_case_study_is_reported_with_the_closest() {
    let dir = kinds_site();
    asset(dir.path(), "harbourline", "case-study", CASE_STUDY);
    let draft = format!("draft = true\n\n{CASE_STUDY}");
    asset(dir.path(), "kestrel", "case-study", &draft);
    asset(dir.path(), "before-you-sign", "checklist", CHECKLIST);
    let names = [
        ("typo", "@/case-study/harbourlin.md"),
        ("checklist", "@/checklist/before-you-sign.md"),
        ("draft", "@/case-study/kestrel.md"),
        ("slug", "harbourlin"),
    ];
    for (name, names) in names {
        asset(dir.path(), name, "testimonial", &testimonial_of(names));
    }
    let closest = "did you mean `@/case-study/harbourline.md`?";
    let mut expected = vec![
        (
            "`@/checklist/before-you-sign.md` is a checklist, not a case study",
            "testimonial/checklist.md:9:14",
            closest,
        ),
        (
            "`@/case-study/harbourlin.md` names no asset",
            "testimonial/typo.md:9:14",
            closest,
        ),
        (
            "no case study has the slug `harbourlin`",
            "testimonial/slug.md:9:14",
            closest,
        ),
    ];
    assert_reported(&fails(dir.path(), &["build", "--drafts"]), &expected);
    expected.push((
        "the case study `@/case-study/kestrel.md` is a draft, which is not published",
        "testimonial/draft.md:9:14",
        "remove `draft = true` from it or build with `--drafts`",
    ));
    assert_reported(&fails(dir.path(), &["build"]), &expected);
}
