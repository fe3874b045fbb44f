//! Every reader of what a user writes, driven from raw bytes to its end the way a build drives
//! it: an asset's front matter, common fields, kind tables and Markdown body; a calculator's
//! formula, read, checked, evaluated and written for the page, its script and the spreadsheet;
//! a comparison sheet's CSV file; `stepwise.toml`, joined into a site. Each must give a value
//! or a diagnostic, never panic. The property tests (`tests/never_panics.rs`) and the fuzz
//! targets (`fuzz/`) feed them; this file uses nothing but `stepwise`, `serde_json` and the
//! standard library, so that both can include it.

use std::path::Path;
use std::sync::OnceLock;

use stepwise::calculator::{parse_formula, to_excel};
use stepwise::config::Config;
use stepwise::content::Fields;
use stepwise::content::front_matter::{self, Document};
use stepwise::content::node::Value;
use stepwise::content::{Assets, FrontMatterNode, common_fields};
use stepwise::diagnostics::{Diagnostic, Problems, Source};
use stepwise::kinds::{self, Bundle, Schema};
use stepwise::markdown;
use stepwise::site::{Site, SiteOptions};
use stepwise::text_file;

/// A configuration with a step, and a kind of every schema: what kind tables are read against.
pub const CONFIGURATION: &str = r#"title = "Readers"
base_url = "https://example.com/"
[[steps]]
slug = "facts"
title = "Facts"
question = "What?"
[[stakeholders]]
slug = "finance"
title = "Finance"
[[kinds]]
slug = "guide"
title = "Guide"
plural = "Guides"
"#;

/// Reads an asset file: its front matter, its common fields, its kind's table by every schema
/// and its body as Markdown.
pub fn asset(bytes: &[u8]) {
    let Some((source, document)) = front_matter_of(bytes) else {
        return;
    };
    let node = match front_matter::parse(&source, &document) {
        Ok(node) => node,
        Err(problem) => return assert_placed(&source, &problem),
    };
    let mut problems = Problems::default();
    let common = common_fields::read(Fields::new(&source, "asset", node), &mut problems);
    assert_read(
        &source,
        common.title.is_some() && common.kind.is_some(),
        problems.as_slice(),
    );
    if let Some(table) = common.data {
        every_schema(&source, &table);
    }
    let _body = markdown::render(&source.text[document.body.clone()]);
}

/// Reads `formula` as the one output of a calculator with the inputs `a`, `b` and `c`, and
/// writes what the page, its script and the spreadsheet hold of it.
pub fn formula(formula: &str) {
    if let (Some(node), _) = parse_formula(formula) {
        let excel = to_excel(&node, &|name| format!("{name}1"));
        assert!(excel.starts_with('='), "{excel}");
    }
    let quoted = toml_string(formula);
    let text = format!(
        "+++\n[[calculator.inputs]]\nid = \"a\"\nlabel = \"A\"\ndefault = 2\nmin = 0\nmax = 100\n\
         [[calculator.inputs]]\nid = \"b\"\nlabel = \"B\"\ndefault = 0.5\n\
         [[calculator.inputs]]\nid = \"c\"\nlabel = \"C\"\ndefault = -3\n\
         [[calculator.outputs]]\nid = \"r\"\nlabel = \"R\"\nformula = {quoted}\nformat = \"currency\"\n+++\n"
    );
    let source = Source::new("formula.md", text);
    let table = table_of(&source, "calculator").expect("the calculator table reads");
    read_kind(&source, Schema::Calculator, table, &mut Bundle::default());
}

/// `text` as a TOML basic string: in quotes, with quotes, backslashes and control characters
/// escaped.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' | '\\' => quoted.extend(['\\', ch]),
            ch if ch.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(ch))),
            ch => quoted.push(ch),
        }
    }
    quoted.push('"');
    quoted
}

/// Reads `bytes` as the CSV file `scores.csv` of a comparison sheet's bundle, written into
/// `folder` (which it may overwrite).
pub fn comparison_csv(folder: &Path, bytes: &[u8]) {
    let path = folder.join("scores.csv");
    std::fs::write(&path, bytes).expect("write the CSV file");
    let source = Source::new(
        "content/sheet/index.md",
        "+++\n[comparison]\ndata = \"scores.csv\"\nours = \"Us\"\n+++\n",
    );
    let table = table_of(&source, "comparison").expect("the comparison table reads");
    let mut bundle = Bundle {
        is_bundle: true,
        files: vec![path],
    };
    read_kind(&source, Schema::Comparison, table, &mut bundle);
}

/// Reads `bytes` as `stepwise.toml` and joins the configuration into a site without assets.
pub fn configuration(bytes: &[u8]) {
    let source = match text_file::decode("stepwise.toml", bytes.to_vec()) {
        Ok(source) => source,
        Err(problem) => return assert_placed(&Source::new("stepwise.toml", ""), &problem),
    };
    let mut problems = Problems::default();
    let config = Config::parse(&source, &mut problems);
    assert_read(&source, config.is_some(), problems.as_slice());
    if let Some(config) = config {
        let site = Site::new(
            config,
            &source,
            Assets::default(),
            &SiteOptions::default(),
            &mut problems,
        );
        assert_read(&source, site.is_some(), problems.as_slice());
    }
}

/// The text of an asset file and where its front matter is; `None` (after checking the
/// diagnostic) when it has none.
fn front_matter_of(bytes: &[u8]) -> Option<(Source, Document)> {
    let source = match text_file::decode("content/asset.md", bytes.to_vec()) {
        Ok(source) => source,
        Err(problem) => {
            assert_placed(&Source::new("content/asset.md", ""), &problem);
            return None;
        }
    };
    match front_matter::split(&source) {
        Ok(document) => Some((source, document)),
        Err(problem) => {
            assert_placed(&source, &problem);
            None
        }
    }
}

/// The table `key` of the front matter of `source`.
fn table_of(source: &Source, key: &str) -> Option<FrontMatterNode> {
    let document = front_matter::split(source).ok()?;
    let Value::Table(entries) = front_matter::parse(source, &document).ok()?.value else {
        return None;
    };
    entries
        .into_iter()
        .find(|(name, _)| name.value == key)
        .map(|(_, table)| table)
}

/// Reads `table` by every schema, as an asset of each kind would have it read.
fn every_schema(source: &Source, table: &FrontMatterNode) {
    for &schema in Schema::ALL {
        read_kind(source, schema, table.clone(), &mut Bundle::default());
    }
}

/// Reads a kind's table by `schema`, and what templates and downloads make of the data.
fn read_kind(source: &Source, schema: Schema, table: FrontMatterNode, bundle: &mut Bundle) {
    let config = configuration_for_kinds();
    let mut problems = Problems::default();
    let data = kinds::read(
        Some(schema),
        Some(table),
        source,
        0..3,
        config,
        bundle,
        &mut problems,
    );
    let read = !matches!(data, kinds::KindData::None);
    assert_read(
        source,
        read || schema == Schema::Comparison,
        problems.as_slice(),
    );
    serde_json::to_string(&data).expect("the data serialises for templates");
    if schema == Schema::Comparison && problems.is_empty() {
        (data.download("Sheet").and_then(Result::ok)).expect("the CSV file is made");
    }
}

/// Asserts that a reader gave a value, or at least one error, each placed in the file.
fn assert_read(source: &Source, value: bool, problems: &[Diagnostic]) {
    assert!(
        value || problems.iter().any(Diagnostic::is_error),
        "neither a value nor an error for {:?}",
        source.text
    );
    for problem in problems {
        assert_inside(source, problem);
    }
    stepwise::diagnostics::render(problems, false);
}

/// Asserts that a diagnostic says what is wrong and points inside its file, and renders it.
fn assert_placed(source: &Source, problem: &Diagnostic) {
    assert_inside(source, problem);
    stepwise::diagnostics::render(std::slice::from_ref(problem), false);
}

/// Asserts that a diagnostic says what is wrong and points inside its file.
fn assert_inside(source: &Source, problem: &Diagnostic) {
    assert!(!problem.message.is_empty(), "a problem without a message");
    for label in &problem.labels {
        if *label.source.name == *source.name {
            let end = label.source.text.len();
            assert!(
                label.span.start <= label.span.end && label.span.end <= end + 1,
                "{:?} points outside its file ({} bytes): {:?}",
                problem.message,
                end,
                label.span
            );
        }
    }
}

/// The configuration kind tables are read against, parsed once.
fn configuration_for_kinds() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let source = Source::new("stepwise.toml", CONFIGURATION);
        Config::parse(&source, &mut Problems::default()).expect("the configuration reads")
    })
}
