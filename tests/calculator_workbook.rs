//! The calculators' workbooks recalculate to the Rust evaluator's values in an independent
//! formula engine: the PyPI package `formulas` (installed by `scripts/install-formulas.sh`).
//!
//! The workbooks are written with deliberately wrong cached results, so a value that matches
//! can only come from the engine's own recalculation; then the inputs are changed in the engine
//! and the results compared with the Rust evaluator on the same inputs. Without the engine the
//! test is skipped loudly, except under `CI=true`, where it fails.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod calculator_support;
mod common;

use std::collections::HashMap;
use std::path::Path;

use calculator_support::{from_asset, from_toml};
use common::recalc::{engine, recalculate};
use stepwise::calculator::{Calculator, Case, Compiled, compile, compute, evaluate_all, workbook};
use stepwise::diagnostics::{Problems, render};
use stepwise::number::{Language, Numbers, Style};

/// Every operator and function, two scenarios, and an output that uses another.
const EVERYTHING: &str = r#"[[calculator.inputs]]
id = "x"
label = "=x, written as text"
default = 3

[[calculator.inputs]]
id = "y"
label = "@y"
default = -2.5

[[calculator.inputs]]
id = "z"
label = "-z"
default = 0.4
format = "percent"

[[calculator.outputs]]
id = "arithmetic"
label = "+arithmetic"
formula = "x + y * z - x / 4 - (y - z - 1)"

[[calculator.outputs]]
id = "powers"
label = "Powers"
formula = "-x ^ 2 + 2 ^ 3 ^ 0.5 + (-x) ^ 2 + 2 ^ -x"

[[calculator.outputs]]
id = "extremes"
label = "Extremes"
formula = "min(x, y, z) + max(x, y) * 10 + min(z)"
format = "currency"

[[calculator.outputs]]
id = "rounding"
label = "Rounding"
formula = "round(x * 1.2345, 2) + round(y) + round(x * 123.4, -1) + floor(y) + ceil(y) + abs(y) + ceil(x / 2)"

[[calculator.outputs]]
id = "logic"
label = "Logic"
formula = "if(x > y and not (z == 0), 1, 2) + (x >= 3) + (y != 1) * 2 + (z < 1 or x <= 0) * 4 + if(x - 3, 10, 20)"

[[calculator.outputs]]
id = "uses_another"
label = "Uses another output"
formula = "arithmetic * 2 + logic"
decimals = 2

[[calculator.scenarios]]
name = "Low"
values = { x = 1 }

[[calculator.scenarios]]
name = "High"
values = { x = 10, z = 2 }
"#;

/// The cell of an output in a column (0 = the first value column), as the workbook lays it out:
/// title, note, blank, inputs header, inputs, blank, results header, outputs as declared.
fn output_cell(calculator: &Calculator, declared: usize, column: usize) -> String {
    let row = 4 + calculator.inputs.len() + 3 + declared;
    format!("{}{row}", char::from(b'B' + column as u8))
}

fn input_cell(index: usize, column: usize) -> String {
    format!("{}{}", char::from(b'B' + column as u8), 5 + index)
}

/// Compares the engine's values with the Rust results for the given inputs of each column.
fn assert_same(
    name: &str,
    calculator: &Calculator,
    compiled: &Compiled,
    engine: &HashMap<String, serde_json::Value>,
    inputs: &[Vec<f64>],
) -> usize {
    let mut compared = 0;
    for (column, inputs) in inputs.iter().enumerate() {
        for (output, rust) in compiled.outputs.iter().zip(compute(compiled, inputs)) {
            let rust = rust.unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let cell = output_cell(calculator, output.declared, column);
            let theirs = engine.get(&cell).and_then(serde_json::Value::as_f64);
            let close = theirs.is_some_and(|v| (v - rust).abs() <= 1e-9 * rust.abs().max(1.0));
            assert!(
                close,
                "{name}: `{}` in {cell}: engine {:?}, Rust {rust}",
                output.id,
                engine.get(&cell)
            );
            compared += 1;
        }
    }
    compared
}

fn check(
    python: &Path,
    name: &str,
    calculator: &Calculator,
    compiled: &Compiled,
    columns: &[&Case],
) -> usize {
    let wrong: Vec<Case> = columns
        .iter()
        .map(|c| Case {
            outputs: vec![999.0; c.outputs.len()],
            ..(*c).clone()
        })
        .collect();
    let xlsx = workbook(
        name,
        calculator,
        compiled,
        &wrong.iter().collect::<Vec<_>>(),
        &Numbers::new(&Language::of_site("en"), "USD").unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let inputs: Vec<Vec<f64>> = columns.iter().map(|c| c.inputs.clone()).collect();
    let changed: Vec<Vec<f64>> = inputs
        .iter()
        .map(|values| values.iter().map(|v| v * 1.5 + 1.0).collect())
        .collect();
    let changes = changed.iter().enumerate().flat_map(|(column, values)| {
        values.iter().enumerate().map(move |(index, v)| {
            let style = Style::of(compiled.inputs[index].format);
            (input_cell(index, column), style.to_formula_value(*v))
        })
    });
    let engine = recalculate(python, &xlsx, &[HashMap::new(), changes.collect()]);
    assert_same(name, calculator, compiled, &engine[0], &inputs)
        + assert_same(name, calculator, compiled, &engine[1], &changed)
}

#[test]
fn workbooks_recalculate_to_the_same_values_in_an_independent_engine() {
    let Some(python) = engine() else { return };
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/calculators");
    let mut books: Vec<(String, (stepwise::diagnostics::Source, Calculator))> =
        std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| {
                let name = entry.path().display().to_string();
                let text = std::fs::read_to_string(entry.path()).unwrap_or_else(|e| panic!("{e}"));
                (name.clone(), from_asset(&name, &text))
            })
            .collect();
    books.push(("everything".into(), from_toml("everything.md", EVERYTHING)));
    let mut compared = 0;
    for (name, (source, calculator)) in &books {
        let mut problems = Problems::default();
        let compiled = compile(source, calculator, &mut problems)
            .unwrap_or_else(|| panic!("{}", render(problems.as_slice(), false)));
        let evaluation = evaluate_all(source, calculator, &compiled, &mut problems)
            .unwrap_or_else(|| panic!("{}", render(problems.as_slice(), false)));
        compared += check(&python, name, calculator, &compiled, &evaluation.columns());
    }
    eprintln!(
        "the engine recalculated {compared} output cells of {} workbooks to the Rust values",
        books.len()
    );
}

/// The texts between quotes of an Excel formula as written in a sheet's XML, a doubled quote
/// read as one.
fn texts_of(formula: &str) -> Vec<String> {
    let formula = (formula.replace("&quot;", "\"").replace("&lt;", "<"))
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let mut texts = Vec::new();
    let mut chars = formula.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut text = String::new();
        loop {
            match chars.next() {
                Some('"') if chars.next_if_eq(&'"').is_some() => text.push('"'),
                Some('"') | None => break,
                Some(c) => text.push(c),
            }
        }
        texts.push(text);
    }
    texts
}

/// Every formula of the workbook's sheets.
fn formulas_of(xlsx: &[u8]) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut formulas = Vec::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        if !part.name().unwrap().starts_with("xl/worksheets/") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
        let found = xml
            .split("<f>")
            .skip(1)
            .filter_map(|f| f.split("</f>").next());
        formulas.extend(found.map(String::from));
    }
    formulas
}

/// Excel refuses a workbook with a text of more than 255 characters in a formula. A label of 300
/// characters makes the reason of a result that cannot be computed longer than that: the
/// workbook writes it in pieces, and the engine shows it whole, in the words the page's script
/// shows.
#[test]
fn a_reason_longer_than_a_formula_text_can_be_is_written_in_pieces_and_read_whole() {
    let label: String = "Meetings a year, “as counted” by the \"finance\" team; "
        .chars()
        .cycle()
        .take(300)
        .collect();
    let toml = format!(
        r#"[[calculator.inputs]]
id = "meetings"
label = {label:?}
default = 12
min = 0

[[calculator.outputs]]
id = "per_meeting"
label = "Cost per meeting"
formula = "1200 / meetings"
"#
    );
    let (source, calculator) = from_toml("long.md", &toml);
    let mut problems = Problems::default();
    let compiled = compile(&source, &calculator, &mut problems).unwrap();
    let evaluation = evaluate_all(&source, &calculator, &compiled, &mut problems).unwrap();
    let numbers = Numbers::new(&Language::of_site("en"), "USD").unwrap();
    let xlsx = workbook(
        "long",
        &calculator,
        &compiled,
        &evaluation.columns(),
        &numbers,
    )
    .unwrap();
    let texts: Vec<String> = formulas_of(&xlsx)
        .iter()
        .flat_map(|f| texts_of(f))
        .collect();
    let longest = texts.iter().map(|t| t.encode_utf16().count()).max();
    assert!(
        longest.is_some_and(|n| n <= 255),
        "a formula's text of {longest:?} characters"
    );

    let script = &stepwise::calculator::reasons(&compiled)["per_meeting"];
    let expected = script.at.values().next().unwrap();
    assert!(
        expected.chars().count() > 300,
        "the reason names the label: {expected}"
    );
    let Some(python) = engine() else { return };
    let changes = HashMap::from([(input_cell(0, 0), 0.0)]);
    let engine = recalculate(&python, &xlsx, &[changes]);
    let shown = &engine[0][&output_cell(&calculator, 0, 0)];
    assert_eq!(shown.as_str(), Some(expected.as_str()));
}
