use super::*;
use crate::calculator::compile::CompiledInput;
use crate::calculator::parse_formula;
use crate::number::Format;

fn input(id: &str, label: &str, min: Option<f64>) -> CompiledInput {
    CompiledInput {
        id: id.to_string(),
        label: label.to_string(),
        default: 1.0,
        min,
        max: None,
        step: None,
        unit: None,
        format: Format::Number,
    }
}

fn output(id: &str, label: &str, formula: &str) -> CompiledOutput {
    CompiledOutput {
        id: id.to_string(),
        label: label.to_string(),
        declared: 0,
        formula: parse_formula(formula)
            .0
            .unwrap_or_else(|| panic!("{formula}")),
        format: Format::Number,
        decimals: None,
    }
}

/// Meetings (at least 0), a change (any number) and an output, `per_meeting`, over them.
fn calculator(formula: &str) -> Compiled {
    Compiled {
        inputs: vec![
            input("meetings", "Meetings a year", Some(0.0)),
            input("change", "Change in cost", None),
            input("cost", "Cost", None),
        ],
        outputs: vec![
            output("per_meeting", "Cost per meeting", "cost / meetings"),
            output("result", "Result", formula),
        ],
        scenarios: Vec::new(),
        currency: None,
        headline: None,
    }
}

#[test]
fn a_reason_names_what_the_buyer_can_change() {
    let table = [
        ("cost / meetings", "0-15", "needs “Meetings a year” above 0"),
        (
            "cost / change",
            "0-13",
            "needs “Change in cost” other than 0",
        ),
        (
            "cost / (meetings - change)",
            "0-26",
            "cannot divide by 0: change “Meetings a year” or “Change in cost”",
        ),
        (
            "change ^ 0.5",
            "0-12",
            "has no real value with these numbers: change “Change in cost”",
        ),
    ];
    for (formula, at, expected) in table {
        let compiled = calculator(formula);
        let reasons = reasons(&compiled);
        let result = &reasons["result"];
        assert_eq!(
            result.at.get(at).map(String::as_str),
            Some(expected),
            "{formula}"
        );
        assert_eq!(
            spreadsheet_reason(&compiled, &compiled.outputs[1]).as_deref(),
            Some(expected),
            "{formula}"
        );
    }
}

#[test]
fn the_spreadsheet_reason_is_the_whole_formulas_or_the_one_it_inherits() {
    let table = [
        ("cost * 2", None),
        ("per_meeting * 2", Some("needs “Meetings a year” above 0")),
        (
            "cost / meetings + cost / change",
            Some(
                "cannot be computed with these numbers: change “Cost”, “Meetings a year” or “Change in cost”",
            ),
        ),
    ];
    for (formula, expected) in table {
        let compiled = calculator(formula);
        assert_eq!(
            spreadsheet_reason(&compiled, &compiled.outputs[1]).as_deref(),
            expected,
            "{formula}"
        );
    }
}
