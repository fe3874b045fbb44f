//! Savings calculators end to end: the sample site's calculators, every error as a user sees it,
//! scenarios, the JSON form inside a page, and the spreadsheet.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod calculator_support;

use std::collections::HashMap;

use calculator_support::{from_asset, from_toml};
use stepwise::calculator::{Compiled, Evaluation, compile, evaluate_all, safe_json_text, workbook};
use stepwise::diagnostics::{Problems, render};

/// Compiles and evaluates, failing the test with the rendered diagnostics.
fn build(name: &str, text: &str) -> (stepwise::calculator::Calculator, Compiled, Evaluation) {
    let (source, calculator) = from_asset(name, text);
    let mut problems = Problems::default();
    let compiled = compile(&source, &calculator, &mut problems)
        .unwrap_or_else(|| panic!("{}", render(problems.as_slice(), false)));
    let evaluation = evaluate_all(&source, &calculator, &compiled, &mut problems)
        .unwrap_or_else(|| panic!("{}", render(problems.as_slice(), false)));
    (calculator, compiled, evaluation)
}

fn by_id(compiled: &Compiled, outputs: &[f64]) -> HashMap<String, f64> {
    compiled
        .outputs
        .iter()
        .map(|o| o.id.clone())
        .zip(outputs.iter().copied())
        .collect()
}

#[test]
fn the_sample_calculators_compile_and_give_their_figures() {
    let expected: &[(&str, &[(&str, f64)])] = &[
        (
            "early-payment-discount-capture.md",
            &[
                ("discount_available", 288_000.0),
                ("discount_taken_today", 72_000.0),
                ("extra_discount", 144_000.0),
                ("annualised_return_percent", 37.2),
            ],
        ),
        (
            "invoice-processing-cost.md",
            &[
                ("monthly_cost", 28_750.0),
                ("monthly_cost_automated", 11_625.0),
                ("monthly_saving", 17_125.0),
                ("annual_saving", 205_500.0),
                ("payback_months", 2.7),
            ],
        ),
        (
            "late-payment-penalty-avoided.md",
            &[
                ("cost_per_late_invoice", 25.97),
                ("late_invoices_today", 1800.0),
                ("penalties_target", 450.0 * 25.97),
            ],
        ),
    ];
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/calculators");
    let mut seen = 0;
    for entry in std::fs::read_dir(folder).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let (_, compiled, evaluation) = build(&format!("content/calculators/{file}"), &text);
        let values = by_id(&compiled, &evaluation.defaults.outputs);
        let figures = expected
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, f)| *f)
            .unwrap_or_default();
        for (id, value) in figures {
            let got = values[*id];
            assert!(
                (got - value).abs() <= 1e-9 * value.abs(),
                "{file}: {id} is {got}, expected {value}"
            );
        }
        seen += usize::from(!figures.is_empty());
    }
    assert_eq!(seen, expected.len());
}

#[test]
fn outputs_are_evaluated_after_the_outputs_they_use() {
    let (_, compiled, evaluation) = build(
        "content/order.md",
        "+++\n[[calculator.inputs]]\nid = \"x\"\nlabel = \"X\"\ndefault = 3\n\n[[calculator.outputs]]\nid = \"total\"\nlabel = \"T\"\nformula = \"double + 1\"\n\n[[calculator.outputs]]\nid = \"double\"\nlabel = \"D\"\nformula = \"x * 2\"\n+++\n",
    );
    let order: Vec<&str> = compiled.outputs.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(order, ["double", "total"]);
    assert_eq!(by_id(&compiled, &evaluation.defaults.outputs)["total"], 7.0);
}

const BROKEN: &str = r#"[calculator]
currency = "usd"
headline = "savings"

[[calculator.inputs]]
id = "trip_cost"
label = "Cost of one trip"
default = 900
min = 1000

[[calculator.inputs]]
id = "Attendees"
label = "People"
default = 8

[[calculator.inputs]]
id = "trip_cost"
label = "Cost again"
default = 1

[[calculator.inputs]]
id = "round"
label = "A function's name"
default = 1
min = 5
max = 2

[[calculator.outputs]]
id = "saved"
label = "Saved"
formula = "attendees * trip_cst"

[[calculator.outputs]]
id = "broken"
label = "Broken"
formula = "(trip_cost + 1"

[[calculator.outputs]]
id = "calls"
label = "Calls"
formula = "mn(trip_cost) + round(trip_cost, 1, 2)"

[[calculator.outputs]]
id = "a"
label = "A"
formula = "b + 1"

[[calculator.outputs]]
id = "b"
label = "B"
formula = "a * 2"

[[calculator.scenarios]]
name = "Conservative"
values = { trip_cots = 5, trip_cost = 10, saved = 1 }
"#;

#[test]
fn every_problem_of_a_calculator_is_reported_at_once() {
    let (source, calculator) = from_toml("content/calculators/broken.md", BROKEN);
    let mut problems = Problems::default();
    assert!(compile(&source, &calculator, &mut problems).is_none());
    let diagnostics = problems.into_vec();
    let rendered = render(&diagnostics, false);
    println!("{rendered}");
    let messages: Vec<(String, String)> = diagnostics
        .iter()
        .map(|d| (d.location().unwrap_or_default(), d.message.clone()))
        .collect();
    let expected = [
        (
            "content/calculators/broken.md:13:6",
            "`Attendees` is not a valid id",
        ),
        (
            "content/calculators/broken.md:18:6",
            "duplicate id `trip_cost`",
        ),
        (
            "content/calculators/broken.md:23:6",
            "`round` cannot be an id: it is a function of the formula language",
        ),
        (
            "content/calculators/broken.md:9:11",
            "the default of `trip_cost` is below its minimum",
        ),
        (
            "content/calculators/broken.md:26:7",
            "the minimum of `round` is above its maximum",
        ),
        (
            "content/calculators/broken.md:32:12",
            "unknown name `attendees`",
        ),
        (
            "content/calculators/broken.md:32:24",
            "unknown name `trip_cst`",
        ),
        (
            "content/calculators/broken.md:37:26",
            "expected `)`, found the end of the formula",
        ),
        (
            "content/calculators/broken.md:42:12",
            "unknown function `mn`",
        ),
        (
            "content/calculators/broken.md:47:12",
            "outputs depend on each other in a circle: `a → b → a`",
        ),
        (
            "content/calculators/broken.md:56:12",
            "scenario \"Conservative\" sets `trip_cots`, which is not an input",
        ),
        (
            "content/calculators/broken.md:56:39",
            "the value of `trip_cost` in scenario \"Conservative\" is below its minimum",
        ),
        (
            "content/calculators/broken.md:56:43",
            "scenario \"Conservative\" sets `saved`, which is not an input",
        ),
        (
            "content/calculators/broken.md:4:12",
            "the headline `savings` is not an output",
        ),
        (
            "content/calculators/broken.md:3:12",
            "`usd` is not an ISO 4217 currency code",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(l, m)| (l.to_string(), m.to_string()))
        .collect();
    assert_eq!(messages, expected, "{rendered}");
    let listed = "the inputs and outputs of this calculator are `trip_cost`, `saved`, `broken`, `calls`, `a`, `b`";
    assert!(rendered.contains(listed), "{rendered}");
    for help in [
        "did you mean `trip_cost`?",
        "did you mean `min`?",
        "did you mean `trip_cost`?",
    ] {
        assert!(rendered.contains(help), "{help} missing in\n{rendered}");
    }
}

#[test]
fn a_division_by_zero_names_the_output_and_the_scenario() {
    let (source, calculator) = from_toml(
        "content/calculators/payback.md",
        "[[calculator.inputs]]\nid = \"saving\"\nlabel = \"Saving\"\ndefault = 10\nmin = 0\n\n[[calculator.outputs]]\nid = \"payback\"\nlabel = \"Payback\"\nformula = \"100 / saving\"\n\n[[calculator.scenarios]]\nname = \"Expected\"\nvalues = { saving = 20 }\n\n[[calculator.scenarios]]\nname = \"Nothing saved\"\nvalues = { saving = 0 }\n",
    );
    let mut problems = Problems::default();
    let compiled = compile(&source, &calculator, &mut problems)
        .unwrap_or_else(|| panic!("{}", render(problems.as_slice(), false)));
    assert!(evaluate_all(&source, &calculator, &compiled, &mut problems).is_none());
    let diagnostics = problems.into_vec();
    let rendered = render(&diagnostics, false);
    println!("{rendered}");
    assert_eq!(diagnostics.len(), 1, "{rendered}");
    assert_eq!(
        diagnostics[0].message,
        "output `payback` divides by zero in scenario \"Nothing saved\""
    );
    assert_eq!(
        diagnostics[0].location().as_deref(),
        Some("content/calculators/payback.md:11:12")
    );
}

#[test]
fn scenarios_take_the_defaults_for_inputs_they_leave_out() {
    let (_, compiled, evaluation) = build(
        "content/s.md",
        "+++\n[[calculator.inputs]]\nid = \"a\"\nlabel = \"A\"\ndefault = 1\n\n[[calculator.inputs]]\nid = \"b\"\nlabel = \"B\"\ndefault = 10\n\n[[calculator.outputs]]\nid = \"sum\"\nlabel = \"Sum\"\nformula = \"a + b\"\n\n[[calculator.scenarios]]\nname = \"More\"\nvalues = { a = 5 }\n+++\n",
    );
    assert_eq!(evaluation.defaults.outputs, [11.0]);
    assert_eq!(evaluation.scenarios[0].inputs, [5.0, 10.0]);
    assert_eq!(evaluation.scenarios[0].outputs, [15.0]);
    assert_eq!(compiled.scenarios[0].values, [5.0, 10.0]);
    assert_eq!(evaluation.columns().len(), 1);
}

const INJECTION: &str = "</script><script>alert(1)</script><!--";

#[test]
fn nothing_from_the_front_matter_can_close_the_script_element() {
    let toml = format!(
        "[[calculator.inputs]]\nid = \"x\"\nlabel = \"{INJECTION} & more\"\ndefault = 1\nunit = \"{INJECTION}\"\n\n[[calculator.outputs]]\nid = \"y\"\nlabel = \"{INJECTION}\"\nformula = \"x\"\n\n[[calculator.scenarios]]\nname = \"{INJECTION}\"\nvalues = {{ x = 2 }}\n"
    );
    let (_, compiled, _) = build("content/x.md", &format!("+++\n{toml}\n+++\n"));
    let text = safe_json_text(&compiled);
    for forbidden in ["<", ">", "&"] {
        assert!(!text.contains(forbidden), "{forbidden} in {text}");
    }
    let back: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back["inputs"][0]["label"], format!("{INJECTION} & more"));
    assert_eq!(back["scenarios"][0]["name"], INJECTION);

    let bad = format!(
        "[[calculator.inputs]]\nid = \"{INJECTION}\"\nlabel = \"x\"\ndefault = 1\n\n[[calculator.outputs]]\nid = \"y\"\nlabel = \"y\"\nformula = \"{INJECTION}\"\n"
    );
    let (source, calculator) = from_toml("content/x.md", &bad);
    let mut problems = Problems::default();
    assert!(compile(&source, &calculator, &mut problems).is_none());
    let messages: Vec<String> = (problems.into_vec().into_iter())
        .map(|d| d.message)
        .collect();
    assert_eq!(
        messages,
        [
            format!("`{INJECTION}` is not a valid id"),
            "unexpected `!`".to_string()
        ]
    );
}

#[test]
fn the_json_form_carries_the_trees_in_evaluation_order() {
    let (_, compiled, _) = build(
        "content/j.md",
        "+++\n[[calculator.inputs]]\nid = \"x\"\nlabel = \"X\"\ndefault = 2\nformat = \"percent\"\n\n[[calculator.outputs]]\nid = \"y\"\nlabel = \"Y\"\nformula = \"-min(x, 1) ^ 2 + (not x)\"\ndecimals = 1\n+++\n",
    );
    let json: serde_json::Value =
        serde_json::from_str(&safe_json_text(&compiled)).unwrap_or_else(|e| panic!("{e}"));
    let expected = serde_json::json!({
        "op": "+",
        "a": {"op": "neg", "a": {"op": "^", "a": {"fn": "min", "args": [{"v": "x"}, {"n": 1.0}]}, "b": {"n": 2.0}, "at": "1-14"}},
        "b": {"op": "not", "a": {"v": "x"}}
    });
    assert_eq!(json["outputs"][0]["formula"], expected);
    assert_eq!(json["outputs"][0]["decimals"], 1);
    assert_eq!(json["inputs"][0]["format"], "percent");
    assert_eq!(json["inputs"][0]["default"], 2.0);
}

/// The XML of one part of an .xlsx file.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap_or_else(|e| panic!("{e}"));
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut file, &mut text).unwrap_or_else(|e| panic!("{e}"));
    text
}

#[test]
fn the_workbook_holds_formulas_cached_values_and_text_that_stays_text() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/calculators/invoice-processing-cost.md"
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let text = text
        .replace(
            "label = \"Monthly saving\"",
            "label = \"=HYPERLINK(\\\"http://x\\\")\"",
        )
        .replace(
            "label = \"Invoices received per month\"",
            "label = \"+1 invoices\"",
        );
    let (calculator, compiled, evaluation) =
        build("content/calculators/invoice-processing-cost.md", &text);
    let write = || {
        workbook(
            "Invoice processing cost",
            &calculator,
            &compiled,
            &evaluation.columns(),
            &english_dollars(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let (xlsx, again) = (write(), write());
    assert!(
        xlsx == again,
        "the same calculator gives a different workbook"
    );
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<f>B5*B6</f><v>28750</v>"), "{sheet}");
    assert!(
        sheet.contains(concat!(
            "<f>IFERROR(IF(B15&gt;0,ROUND(B10/B15,1),0),",
            "\"needs “=HYPERLINK(\"\"http://x\"\")” other than 0\")</f><v>2.7</v>"
        )),
        "{sheet}"
    );
    let columns = evaluation.columns().len();
    assert_eq!(
        sheet.matches("<f>").count(),
        5 * columns,
        "five outputs per scenario"
    );
    let strings = part(&xlsx, "xl/sharedStrings.xml");
    assert!(
        strings.contains("=HYPERLINK(\"http://x\")")
            || strings.contains("=HYPERLINK(&quot;http://x&quot;)"),
        "{strings}"
    );
    assert!(strings.contains("+1 invoices"), "{strings}");
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(
        styles.contains(r#"formatCode="&quot;$&quot;#,##0.00""#),
        "amounts of money are shown with the site's dollar sign and two decimals: {styles}"
    );
}

const MORE_BROKEN: &str = r#"[calculator]
headline = "x"

[[calculator.inputs]]
id = "x"
label = "X"
default = nan
step = 0

[[calculator.inputs]]
id = "y"
label = "Y"
default = 1
step = -1

[[calculator.outputs]]
id = "itself"
label = "Itself"
formula = "itself + 1"
decimals = 40

[[calculator.outputs]]
id = "uses_min"
label = "Uses min"
formula = "min + 1"

[[calculator.outputs]]
id = "empty"
label = "Empty"
formula = ""

[[calculator.scenarios]]
name = "Same"
values = { y = inf }

[[calculator.scenarios]]
name = "Same"
values = { y = 2 }
"#;

#[test]
fn more_problems_with_their_messages() {
    let (source, mut calculator) = from_toml("content/calculators/more.md", MORE_BROKEN);
    let twice = calculator.scenarios[1].values[0].clone();
    calculator.scenarios[1].values.push(twice);
    let mut problems = Problems::default();
    assert!(compile(&source, &calculator, &mut problems).is_none());
    let diagnostics = problems.into_vec();
    let rendered = render(&diagnostics, false);
    println!("{rendered}");
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the default of `x` is not a finite number",
            "the step of `y` must be above 0",
            "`itself` shows more than 20 decimals",
            "unknown name `min`",
            "the formula is empty",
            "outputs depend on each other in a circle: `itself → itself`",
            "the value of `y` in scenario \"Same\" is not a finite number",
            "two scenarios are named \"Same\"",
            "scenario \"Same\" sets `y` twice",
            "the headline `x` is not an output",
        ],
        "{rendered}"
    );
    assert!(
        rendered.contains("`min` is a function: write `min(a, b, …)`"),
        "{rendered}"
    );
}

/// Amounts in dollars, written in English.
fn english_dollars() -> stepwise::number::Numbers {
    let english = stepwise::number::Language::of_site("en");
    stepwise::number::Numbers::new(&english, "USD").unwrap_or_else(|e| panic!("{e}"))
}
