//! One figure everywhere: for every format, in English (dollars) and German (euros), the text of
//! a result on the page without JavaScript, the text the page's script writes after the buyer
//! changes the inputs (in Chromium), and the spreadsheet cell as a spreadsheet shows it — its
//! value recalculated by the independent `formulas` engine under the cell's number format and
//! conditional format, with the separators of the site's language — are the same text. A result
//! the buyer's numbers cannot give says the same reason on the page and in the spreadsheet.
//! Every calculator of the sample site and of the site `init` writes, in English and German,
//! reads the same on its page, in its script and in its spreadsheet; a comparison sheet's scores
//! read the same on its page, in its script and in its CSV file.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::HashMap;
use std::io::Read;

use common::browser::{Browser, DESKTOP};
use common::recalc::{engine, recalculate};
use common::served::build_and_serve;
use common::{repository, stepwise, write};
use stepwise::number::{Format, Language, Numbers, Style};

/// The outputs of the calculator, one per format and digits rule, with the row of its cell.
const OUTPUTS: [(&str, u32); 5] = [
    ("meetings_held", 11),
    ("cost_per_person", 12),
    ("share_half", 13),
    ("average", 14),
    ("cost_per_meeting", 15),
];

/// A comparison whose weighted scores are 4.25 and 1.75, and whose cells hold 4 and 1.5.
const COMPARISON: &str = r#"+++
title = "Sheet"
kind = "comparison"
steps = ["facts"]

[comparison]
options = ["Ours", "Theirs"]
ours = "Ours"

[[comparison.criteria]]
name = "Speed"
weight = 3
values = [4, 1.5]

[[comparison.criteria]]
name = "Support"
weight = 1
values = ["yes", "partial"]
+++
A sheet.
"#;

const CALCULATOR: &str = r#"+++
title = "Figures"
kind = "calculator"
steps = ["facts"]

[[calculator.inputs]]
id = "people"
label = "People"
default = 8
min = 1

[[calculator.inputs]]
id = "price"
label = "Price of a trip"
default = 900
min = 0
format = "currency"

[[calculator.inputs]]
id = "share"
label = "Share held remotely"
default = 80
min = 0
max = 100
format = "percent"

[[calculator.inputs]]
id = "meetings"
label = "Meetings a year"
default = 10
min = 0

[[calculator.outputs]]
id = "meetings_held"
label = "Meetings held remotely"
formula = "round(meetings * share, 0)"

[[calculator.outputs]]
id = "cost_per_person"
label = "Cost per person"
formula = "price / people"
format = "currency"

[[calculator.outputs]]
id = "share_half"
label = "Half the share"
formula = "share / 2"
format = "percent"
decimals = 1

[[calculator.outputs]]
id = "average"
label = "Average"
formula = "people * price / 7"

[[calculator.outputs]]
id = "cost_per_meeting"
label = "Cost per meeting"
formula = "price / meetings"
format = "currency"
+++
"#;

/// A site in `language` with amounts in `currency`, holding the calculator.
fn site(language: &str, currency: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = format!(
        "title = \"Figures\"\nbase_url = \"https://example.com/\"\nlanguage = \"{language}\"\ncurrency = \"{currency}\"\n\n[[steps]]\nslug = \"facts\"\ntitle = \"Facts\"\nquestion = \"What?\"\n\n[[kinds]]\nslug = \"calculator\"\ntitle = \"Calculator\"\nplural = \"Calculators\"\n\n[[kinds]]\nslug = \"comparison\"\ntitle = \"Comparison\"\nplural = \"Comparisons\"\n"
    );
    write(dir.path(), "stepwise.toml", &config);
    write(dir.path(), "content/figures.md", CALCULATOR);
    write(dir.path(), "content/sheet.md", COMPARISON);
    dir
}

/// A part of a zip file as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut text = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(xlsx))
        .and_then(|mut archive| {
            archive
                .by_name(name)
                .map(|mut file| file.read_to_string(&mut text))
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    text
}

/// The values of the attribute `name` of every element `tag` in `xml`, in order.
fn attributes<'a>(xml: &'a str, tag: &str, name: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    xml.split(&open)
        .skip(1)
        .map(|element| {
            let from = element
                .find(&format!("{name}=\""))
                .map_or(element.len(), |at| at + name.len() + 2);
            let rest = &element[from..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The number formats of a workbook's cells: the format of each cell, and the format and
/// condition of its conditional format.
struct Formats {
    cell: HashMap<String, String>,
    when: HashMap<String, (String, String)>,
}

impl Formats {
    fn read(xlsx: &[u8]) -> Formats {
        let styles = part(xlsx, "xl/styles.xml");
        let sheet = part(xlsx, "xl/worksheets/sheet1.xml");
        let codes: HashMap<&str, String> = attributes(&styles, "numFmt", "numFmtId")
            .into_iter()
            .zip(
                attributes(&styles, "numFmt", "formatCode")
                    .into_iter()
                    .map(unescape),
            )
            .collect();
        let cell_xfs = &styles[styles.find("<cellXfs").unwrap_or(0)..];
        let styles_of: Vec<String> = attributes(cell_xfs, "xf", "numFmtId")
            .into_iter()
            .map(|id| codes.get(id).cloned().unwrap_or_else(|| "General".into()))
            .collect();
        let dxfs = &styles[styles.find("<dxfs").unwrap_or(0)..];
        let dxf_codes: Vec<String> = attributes(dxfs, "numFmt", "formatCode")
            .into_iter()
            .map(unescape)
            .collect();
        let cells = attributes(&sheet, "c", "r")
            .into_iter()
            .zip(attributes(&sheet, "c", "s"));
        let cell = cells
            .map(|(at, style)| {
                let index: usize = style.parse().unwrap_or(0);
                (at.to_string(), styles_of[index].clone())
            })
            .collect();
        let rules = sheet.split("<conditionalFormatting ").skip(1).map(|rule| {
            let at = attributes(&format!("<c {rule}"), "c", "sqref")[0].to_string();
            let dxf: usize = attributes(rule, "cfRule", "dxfId")[0].parse().unwrap_or(0);
            let formula = rule.split("<formula>").nth(1).unwrap_or_default();
            let formula = unescape(&formula[..formula.find("</formula>").unwrap_or(0)]);
            (at, (dxf_codes[dxf].clone(), formula))
        });
        Formats {
            cell,
            when: rules.collect(),
        }
    }

    /// The text a spreadsheet shows for `value` in the cell `at`, with the separators of
    /// `numbers`' language.
    fn show(&self, at: &str, value: f64, numbers: &Numbers) -> String {
        let code = match self.when.get(at) {
            Some((whole, condition)) if holds(condition, at, value) => whole,
            _ => &self.cell[at],
        };
        render(code, value, numbers)
    }
}

/// Whether a condition `ROUND(X,d)=ROUND(X,0)` holds, where `X` is the cell or the cell `*100`.
fn holds(condition: &str, at: &str, value: f64) -> bool {
    let shown = if condition.contains(&format!("{at}*100")) {
        value * 100.0
    } else {
        value
    };
    let digits: i32 = condition
        .split(',')
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    let round = |x: f64, d: i32| stepwise::calculator::round(x, f64::from(d));
    round(shown, digits) == round(shown, 0)
}

/// A value under a number format of the forms the workbook uses: quoted text, `#,##0` with
/// digits after the point (`0` always shown, `#` when not zero), and `%`.
fn render(code: &str, value: f64, numbers: &Numbers) -> String {
    let sample = numbers.show(
        1234.5,
        Style {
            format: Format::Number,
            decimals: Some(1),
        },
    );
    let group = sample.chars().nth(1).unwrap_or(',');
    let point = sample.chars().rev().nth(1).unwrap_or('.');
    let scaled = if code.contains('%') {
        value * 100.0
    } else {
        value
    };
    let (min, max) = match code.split_once('.') {
        Some((_, after)) => {
            let digits: String = after
                .chars()
                .take_while(|c| *c == '0' || *c == '#')
                .collect();
            (digits.matches('0').count(), digits.len())
        }
        None => (0, 0),
    };
    let rounded = stepwise::calculator::round(scaled.abs(), max as f64);
    let mut text = format!("{rounded:.max$}");
    let fraction_digits = |text: &str| text.find('.').map_or(0, |at| text.len() - at - 1);
    while fraction_digits(&text) > min && text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (at, digit) in whole.chars().enumerate() {
        if at > 0 && (whole.len() - at) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped = format!("{grouped}{point}{fraction}");
    }
    let pattern_start = code.find(['#', '0']).unwrap_or(0);
    let pattern_end = code.rfind(['#', '0']).map_or(0, |at| at + 1);
    let literal = |text: &str| text.replace('"', "");
    let sign = if value < 0.0 && rounded != 0.0 {
        "-"
    } else {
        ""
    };
    format!(
        "{sign}{}{grouped}{}",
        literal(&code[..pattern_start]),
        literal(&code[pattern_end..])
    )
}

/// The text of every output of the page.
fn shown(page: &mut common::browser::Page<'_>) -> Vec<String> {
    OUTPUTS
        .iter()
        .map(|(id, _)| {
            page.eval(&format!(
                "document.querySelector('#calc-out-{id}').textContent"
            ))
        })
        .collect()
}

/// The spreadsheet's texts of the outputs for each set of changed input cells.
fn spreadsheet(
    xlsx: &[u8],
    numbers: &Numbers,
    changes: &[HashMap<String, f64>],
) -> Vec<Vec<String>> {
    let cells: Vec<String> = OUTPUTS.iter().map(|(_, row)| format!("B{row}")).collect();
    spreadsheet_cells(xlsx, numbers, changes, &cells)
}

/// The spreadsheet's texts of `cells` for each set of changed input cells.
fn spreadsheet_cells(
    xlsx: &[u8],
    numbers: &Numbers,
    changes: &[HashMap<String, f64>],
    cells: &[String],
) -> Vec<Vec<String>> {
    let python = engine().unwrap_or_else(|| panic!("the engine is needed"));
    let formats = Formats::read(xlsx);
    recalculate(&python, xlsx, changes)
        .into_iter()
        .map(|values| {
            cells
                .iter()
                .map(|at| match &values[at] {
                    serde_json::Value::Number(n) => {
                        formats.show(at, n.as_f64().unwrap_or(f64::NAN), numbers)
                    }
                    other => other.as_str().unwrap_or_default().to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_figure_reads_the_same_on_the_page_in_its_script_and_in_the_spreadsheet() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let page_path = "/calculators/figures/";
    for (language, currency) in [("en", "USD"), ("de", "EUR")] {
        let dir = site(language, currency);
        let served = build_and_serve(dir.path());
        let xlsx = std::fs::read(served.path().join("calculators/figures/figures.xlsx"))
            .unwrap_or_else(|e| panic!("{e}"));
        let numbers =
            Numbers::new(&Language::of_site(language), currency).unwrap_or_else(|e| panic!("{e}"));
        let changed = HashMap::from([
            ("B6".to_string(), 1234.5),
            ("B7".to_string(), 0.125),
            ("B5".to_string(), 3.0),
        ]);
        let no_meetings = HashMap::from([("B8".to_string(), 0.0)]);
        let sheet = spreadsheet(&xlsx, &numbers, &[HashMap::new(), changed, no_meetings]);

        let mut page = browser.open_with(&served.url(page_path), DESKTOP, false);
        assert_eq!(
            shown(&mut page),
            sheet[0],
            "{language}: the page without JavaScript"
        );

        let mut page = browser.open(&served.url(page_path), DESKTOP);
        page.type_text("#calc-in-price", "1234.5");
        page.type_text("#calc-in-share", "12.5");
        page.type_text("#calc-in-people", "3");
        assert_eq!(
            shown(&mut page),
            sheet[1],
            "{language}: the script after a change"
        );

        page.type_text("#calc-in-people", "8");
        page.type_text("#calc-in-price", "900");
        page.type_text("#calc-in-share", "80");
        page.type_text("#calc-in-meetings", "0");
        let texts = shown(&mut page);
        assert_eq!(texts[4], "needs “Meetings a year” above 0", "{language}");
        assert_eq!(
            texts, sheet[2],
            "{language}: a result the numbers cannot give"
        );
        println!(
            "{language}: {:?} | {:?} | {:?}",
            sheet[0], sheet[1], sheet[2]
        );
    }
}

/// The ratings of the first criterion, then the weighted scores, as the open page shows them.
fn sheet_texts(page: &mut common::browser::Page<'_>) -> Vec<String> {
    page.eval(
        "[...document.querySelectorAll('[data-score], tbody tr:first-child td.rating')] \
         .map(cell => cell.textContent.trim())",
    )
}

#[test]
fn a_comparison_score_reads_the_same_on_the_page_in_its_script_and_in_the_csv() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    for (language, scores, cells) in [
        ("en", ["4.3", "1.8"], ["4/5", "1.5/5"]),
        ("de", ["4,3", "1,8"], ["4/5", "1,5/5"]),
    ] {
        let dir = site(language, "EUR");
        let served = build_and_serve(dir.path());
        let url = served.url("/comparisons/sheet/");
        let mut without_script = browser.open_with(&url, DESKTOP, false);
        let built = sheet_texts(&mut without_script);
        drop(without_script);
        let mut page = browser.open(&url, DESKTOP);
        // The script writes every score again on any input.
        page.eval::<bool>(
            "document.querySelector('[data-weights]').dispatchEvent(new Event('input')); true",
        );
        let scripted = sheet_texts(&mut page);
        let csv = std::fs::read_to_string(served.path().join("comparisons/sheet/sheet.csv"))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let expected: Vec<String> = cells.iter().chain(&scores).map(|s| s.to_string()).collect();
        assert_eq!(built, expected, "{language}: the page without JavaScript");
        assert_eq!(
            scripted, built,
            "{language}: the script writes what the build wrote"
        );
        assert_eq!(rows[1][3..], cells, "{language}: CSV cells");
        assert_eq!(rows.last().unwrap()[3..], scores, "{language}: CSV scores");
    }
}

/// The sample site and a site `init` writes, in `language`: a copy of each with its `language`
/// line set, and the site's currency.
fn real_sites(language: &str) -> Vec<(tempfile::TempDir, String)> {
    let sample = tempfile::tempdir().unwrap();
    for folder in ["content", "static", "templates"] {
        let from = repository().join(folder);
        if from.is_dir() {
            let status = std::process::Command::new("cp")
                .args(["-a"])
                .arg(&from)
                .arg(sample.path())
                .status()
                .unwrap();
            assert!(status.success());
        }
    }
    let config = std::fs::read_to_string(repository().join("stepwise.toml")).unwrap();
    write(sample.path(), "stepwise.toml", &config);
    let starter = tempfile::tempdir().unwrap();
    let run = stepwise(starter.path(), &["init", ".", "--no-ci"]);
    assert!(run.status.success(), "{run:?}");
    [sample, starter]
        .into_iter()
        .map(|dir| {
            let path = dir.path().join("stepwise.toml");
            let config = std::fs::read_to_string(&path).unwrap();
            let config = config.replace("language = \"en\"", &format!("language = \"{language}\""));
            assert!(config.contains(&format!("language = \"{language}\"")));
            std::fs::write(&path, &config).unwrap();
            let currency = config
                .lines()
                .find_map(|line| line.strip_prefix("currency = \""))
                .map_or("USD".to_string(), |rest| {
                    rest.trim_end_matches('"').to_string()
                });
            (dir, currency)
        })
        .collect()
}

/// The texts of every result of the open calculator page, in the order declared.
fn results(page: &mut common::browser::Page<'_>) -> Vec<String> {
    page.eval("[...document.querySelectorAll('[id^=\"calc-out-\"]')].map(e => e.textContent)")
}

#[test]
fn every_calculator_of_the_sample_and_the_starter_site_reads_the_same_everywhere() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let mut compared = 0;
    for language in ["en", "de"] {
        for (dir, currency) in real_sites(language) {
            let served = build_and_serve(dir.path());
            let numbers = Numbers::new(&Language::of_site(language), &currency).unwrap();
            let workbooks = walkdir::WalkDir::new(served.path())
                .into_iter()
                .filter_map(Result::ok)
                .filter(|entry| entry.path().extension().is_some_and(|e| e == "xlsx"));
            for workbook in workbooks {
                let folder = workbook.path().parent().unwrap();
                let html = std::fs::read_to_string(folder.join("index.html")).unwrap();
                if !html.contains("id=\"calc-out-") {
                    continue; // an action plan's workbook
                }
                let address = folder.strip_prefix(served.path()).unwrap();
                let url = served.url(&format!("/{}/", address.display()));
                let mut page = browser.open_with(&url, DESKTOP, false);
                let built = results(&mut page);
                drop(page);
                let mut page = browser.open(&url, DESKTOP);
                let inputs: usize =
                    page.eval("document.querySelectorAll('input[id^=\"calc-in-\"]').length");
                page.eval::<bool>(
                    "document.querySelector('input[id^=\"calc-in-\"]') \
                     .dispatchEvent(new Event('input')); true",
                );
                let scripted = results(&mut page);
                let cells: Vec<String> = (0..built.len())
                    .map(|declared| format!("B{}", 4 + inputs + 3 + declared))
                    .collect();
                let xlsx = std::fs::read(workbook.path()).unwrap();
                let sheet = spreadsheet_cells(&xlsx, &numbers, &[HashMap::new()], &cells);
                assert_eq!(scripted, built, "{url} in {language}: the script");
                assert_eq!(sheet[0], built, "{url} in {language}: the spreadsheet");
                compared += built.len();
            }
        }
    }
    assert!(compared >= 20, "only {compared} results compared");
    println!("{compared} results compared on the page, in its script and in the spreadsheet");
}
