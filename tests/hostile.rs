//! Hostile text in every field: the sample site, with every text of its configuration, of
//! every asset's front matter (every kind's table included) and of a comparison sheet's CSV
//! file (option names, criteria, groups, notes and text cells) replaced by a string built to
//! break out of wherever it is written — markup that closes an attribute and opens elements,
//! `</script>` and `<!--`, a line separator, and a spreadsheet formula at its start — still
//! builds, and the output shows each string as text: no page gains an element or attribute,
//! every JSON (in pages for scripts, and the coverage report) parses back to the strings, the
//! sitemap parses as XML, and no CSV or workbook cell becomes a formula.
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

use common::{repository, snapshot, stderr, stepwise};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use serde_json::Value;

/// Keys whose values are references, slugs, dates, formulas or addresses rather than text:
/// the build checks them against the site, so they are left as they are.
const NOT_TEXT: &[&str] = &[
    "base_url",
    "case_study",
    "data",
    "expects",
    "format",
    "formula",
    "headline",
    "id",
    "kind",
    "language",
    "owner",
    "slug",
    "stakeholders",
    "steps",
    "theme",
    "url",
    "after",
    "before",
    "currency",
    "cname",
    "schema",
    "send_to",
    "image",
];

/// The key that names one of the texts of `options` above it, and is replaced as it was.
const NAMES_AN_OPTION: &str = "ours";

/// What a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The marker every hostile string carries, so that the output can be searched for it.
const MARKER: &str = "data-injected";

/// The `n`th hostile string: a formula at its start (each start in turn), then markup that
/// would close a quoted attribute and open elements, a script's end, a comment's start and a
/// line separator; the number keeps every string apart (options and names must differ).
fn hostile(n: usize) -> String {
    let start = FORMULA_STARTS[n % FORMULA_STARTS.len()];
    format!(
        "{start}HYPERLINK(\"https://x.example\") \"'><b {MARKER}=\"{n}\">b</b><script {MARKER}>alert({n})</script><!-- </script> \u{2028}#{n}"
    )
}

/// The hostile strings planted so far, what each replaced in the file being planted, and
/// the option names planted in comparison sheets' CSV files, which `ours` names.
#[derive(Default)]
struct Planted {
    strings: Vec<String>,
    replaced: std::collections::HashMap<String, String>,
    options: std::collections::HashMap<String, String>,
}

impl Planted {
    /// A new hostile string in place of `original`, as JSON text (which TOML and YAML read).
    fn replace(&mut self, original: &str) -> String {
        let text = hostile(self.strings.len());
        self.strings.push(text.clone());
        self.replaced.insert(original.to_string(), text.clone());
        serde_json::to_string(&text).expect("a string as JSON")
    }
}

/// The text of a TOML or YAML line with its quoted text values replaced by hostile strings.
fn plant_in_line(line: &str, planted: &mut Planted) -> String {
    let separator = if line.contains(" = ") { " = " } else { ": " };
    let Some((key, value)) = line.split_once(separator) else {
        return line.to_string();
    };
    let name = key.trim().trim_start_matches("- ");
    let value = value.trim();
    if name == NAMES_AN_OPTION {
        let original: String = serde_json::from_str(value).unwrap_or_default();
        let option = planted.options.get(&original);
        return match planted.replaced.get(&original).or(option) {
            Some(text) => format!(
                "{key}{separator}{}",
                serde_json::to_string(text).expect("JSON")
            ),
            None => line.to_string(),
        };
    }
    let originals: Vec<String> = match serde_json::from_str::<Value>(value) {
        Ok(Value::String(text)) => vec![text],
        Ok(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    if NOT_TEXT.contains(&name) || originals.is_empty() || name.contains(' ') {
        return line.to_string();
    }
    let strings: Vec<String> = originals.iter().map(|o| planted.replace(o)).collect();
    let written = if value.starts_with('[') {
        format!("[{}]", strings.join(", "))
    } else {
        strings.concat()
    };
    format!("{key}{separator}{written}")
}

/// Replaces the text values of the front matter of `text` (or of all of it, for the
/// configuration) with hostile strings.
fn plant(text: &str, whole: bool, planted: &mut Planted) -> String {
    let mut delimiters = 0;
    planted.replaced.clear();
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line == "+++" || line == "---" {
                delimiters += 1;
            }
            let in_front_matter = whole || delimiters == 1;
            if in_front_matter {
                plant_in_line(line, planted)
            } else {
                line.to_string()
            }
        })
        .collect();
    lines.join("\n") + "\n"
}

/// A cell of a comparison sheet's CSV file that is a score, a weight or empty, not text.
fn is_score(cell: &str) -> bool {
    cell.is_empty() || cell.parse::<f64>().is_ok() || ["yes", "no", "partial"].contains(&cell)
}

/// A comparison sheet's CSV file with hostile strings in place of its option names,
/// criteria, groups, notes and text cells (a group's text the same string in every row); the
/// option names are kept, as the sheet reads them (trimmed), for `ours`.
fn plant_csv(bytes: &[u8], planted: &mut Planted) -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut groups = std::collections::HashMap::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.expect("the sample's CSV file reads");
        let cells: Vec<String> = (record.iter().enumerate())
            .map(|(column, cell)| match (row, column) {
                (0, 0..4) => cell.to_string(),
                (0, _) => {
                    let name = planted.replace(cell);
                    let name: String = serde_json::from_str(&name).expect("JSON text");
                    planted
                        .options
                        .insert(cell.to_string(), name.trim().to_string());
                    name
                }
                (_, 1) => groups
                    .entry(cell.to_string())
                    .or_insert_with(|| hostile_text(planted, cell))
                    .clone(),
                (_, 2) => cell.to_string(),
                _ if is_score(cell) => cell.to_string(),
                _ => hostile_text(planted, cell),
            })
            .collect();
        writer.write_record(&cells).expect("write a record");
    }
    writer.into_inner().expect("the CSV text")
}

/// A new hostile string in place of `original`, as text.
fn hostile_text(planted: &mut Planted, original: &str) -> String {
    serde_json::from_str(&planted.replace(original)).expect("JSON text")
}

/// A copy of the sample site in `dir` with hostile strings planted; the strings.
fn hostile_site(dir: &Path) -> Vec<String> {
    let mut planted = Planted::default();
    for folder in ["content", "themes"] {
        let mut files = snapshot(&repository().join(folder));
        // A sheet's CSV file first, so that `ours` beside it names its planted option.
        files.sort_by_key(|(relative, _)| !relative.ends_with(".csv"));
        for (relative, bytes) in files {
            let path = dir.join(folder).join(&relative);
            fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
            let is_sheet = relative.ends_with(".csv") && bytes.starts_with(b"criterion,");
            let planted_bytes = match (relative.ends_with(".md"), String::from_utf8(bytes.clone()))
            {
                (true, Ok(text)) => plant(&text, false, &mut planted).into_bytes(),
                _ if is_sheet => plant_csv(&bytes, &mut planted),
                _ => bytes,
            };
            fs::write(path, planted_bytes).expect("write a file");
        }
    }
    let config = fs::read_to_string(repository().join("stepwise.toml")).expect("the config");
    fs::write(
        dir.join("stepwise.toml"),
        plant(&config, true, &mut planted),
    )
    .expect("write");
    planted.strings
}

/// Every string inside a JSON value.
fn strings(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::String(text) => into.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, into)),
        Value::Object(map) => map.values().for_each(|item| strings(item, into)),
        _ => {}
    }
}

/// The names of the elements of `html` that carry the marker as an attribute, as an HTML
/// tokenizer of the WHATWG standard reads the page (script and style elements as raw text).
fn injected_tags(html: &str) -> Vec<String> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter)
        .flatten()
        .filter_map(|token| match token {
            Token::StartTag(tag) if tag.attributes.contains_key(MARKER.as_bytes()) => {
                Some(String::from_utf8_lossy(&tag.name).into_owned())
            }
            _ => None,
        })
        .collect()
}

/// What is wrong with a page: markup of a hostile string read as markup, or JSON for its
/// scripts that does not parse or does not give the strings back.
fn page_problems(path: &str, html: &str, planted: &[String]) -> Vec<String> {
    let mut problems: Vec<String> = injected_tags(html)
        .into_iter()
        .map(|tag| format!("{path}: a hostile string became the element <{tag}>"))
        .collect();
    for island in html.split("<script type=\"application/json\"").skip(1) {
        let Some((_, rest)) = island.split_once('>') else {
            continue;
        };
        let json = rest.split("</script>").next().unwrap_or_default();
        if json.contains("<!--") || json.contains('\u{2028}') {
            problems.push(format!(
                "{path}: the JSON for scripts holds `<!--` or U+2028"
            ));
        }
        match serde_json::from_str::<Value>(json) {
            Ok(value) => problems.extend(round_trip_problems(path, &value, planted)),
            Err(error) => problems.push(format!("{path}: the JSON does not parse: {error}")),
        }
    }
    problems
}

/// Strings of `value` that carry a planted string's markup but are no planted string (an
/// address made of one carries only its words).
fn round_trip_problems(path: &str, value: &Value, planted: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    strings(value, &mut found);
    found
        .into_iter()
        .filter(|text| {
            text.contains(&format!("<b {MARKER}"))
                && !planted.iter().any(|p| text.contains(p.trim()))
        })
        .map(|text| format!("{path}: the JSON gives back {text:?}, no planted string"))
        .collect()
}

/// What is wrong with a CSV download: a cell that a spreadsheet would run as a formula.
fn csv_problems(path: &str, bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    reader
        .records()
        .map(|record| record.expect("the download is CSV"))
        .flat_map(|record| {
            record
                .iter()
                .filter(|cell| cell.starts_with(FORMULA_STARTS))
                .map(|cell| format!("{path}: the cell {cell:?} is a formula"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A spreadsheet formula without its string literals (`"…"`, a quote inside written `""`):
/// the part that runs.
fn outside_strings(formula: &str) -> String {
    let mut outside = String::new();
    let mut in_string = false;
    for c in formula.chars() {
        if c == '"' {
            // `""` inside a literal closes and reopens it: the same state after both.
            in_string = !in_string;
        } else if !in_string {
            outside.push(c);
        }
    }
    outside
}

/// What is wrong with a workbook download: a formula that runs planted text (outside its
/// string literals), or planted text that is in no text cell.
fn workbook_problems(path: &str, bytes: &[u8]) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let mut problems = Vec::new();
    let mut shared = String::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).expect("a part");
        let name = part.name().expect("a part's name").to_string();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("a part is text");
        if name.ends_with("sharedStrings.xml") {
            shared = xml;
        } else if name.starts_with("xl/worksheets/") {
            let formulas = xml
                .split("<f>")
                .skip(1)
                .filter_map(|f| f.split("</f>").next());
            let outside = formulas.map(outside_strings);
            for formula in outside.filter(|f| f.contains("injected") || f.contains("HYPERLINK")) {
                problems.push(format!("{path}: a formula runs planted text: {formula}"));
            }
        }
    }
    if !shared.contains(MARKER) {
        problems.push(format!("{path}: no text cell holds a planted string"));
    }
    problems
}

#[test]
fn hostile_text_in_every_field_is_written_as_text_everywhere() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let planted = hostile_site(dir.path());
    let sheet = fs::read_to_string(
        dir.path()
            .join("content/comparisons/ledgerline-vs-erp-ocr-add-on/scores.csv"),
    )
    .unwrap();
    assert!(
        sheet.matches(MARKER).count() > 20,
        "the sheet's CSV file is planted:\n{sheet}"
    );
    assert!(planted.len() > 500, "{} strings planted", planted.len());
    let run = stepwise(dir.path(), &["build", "--today", "2026-11-01"]);
    assert!(run.status.success(), "the site builds:\n{}", stderr(&run));
    let mut problems = Vec::new();
    let mut shown = 0;
    for (path, bytes) in snapshot(&dir.path().join("output")) {
        let text = String::from_utf8_lossy(&bytes);
        shown += text.matches(&format!("&lt;b {MARKER}")).count();
        if path.ends_with(".html") {
            problems.extend(page_problems(&path, &text, &planted));
        } else if path.ends_with(".json") {
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(value) => problems.extend(round_trip_problems(&path, &value, &planted)),
                Err(error) => problems.push(format!("{path}: does not parse: {error}")),
            }
        } else if path.ends_with(".xml") {
            if let Err(error) = roxmltree::Document::parse(&text) {
                problems.push(format!("{path}: not XML: {error}"));
            }
        } else if path.ends_with(".csv") {
            problems.extend(csv_problems(&path, &bytes));
        } else if path.ends_with(".xlsx") {
            problems.extend(workbook_problems(&path, &bytes));
        }
    }
    let output = snapshot(&dir.path().join("output"));
    let (_, download) = (output.iter())
        .find(|(path, _)| path.ends_with("/ledgerline-vs-erp-ocr-add-on.csv"))
        .expect("the sheet's download");
    let download = String::from_utf8_lossy(download);
    assert!(
        download.matches(MARKER).count() > 20,
        "the sheet's download holds the strings of its CSV file:\n{download}"
    );
    assert!(
        shown > planted.len(),
        "the strings are shown as text ({shown} times)"
    );
    assert!(
        problems.is_empty(),
        "{} problems with {} planted strings:\n{}",
        problems.len(),
        planted.len(),
        problems.join("\n")
    );
}
