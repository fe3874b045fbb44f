//! The `[calculator]` table of an asset, read field by field with the place of every value, so
//! that a problem points at the line of the bad value.

use super::{Calculator, Format, Input, Output, Scenario};
use crate::content::Fields;
use crate::content::node::Value;
use crate::content::{FrontMatterNode, Located};
use crate::diagnostics::{Diagnostic, Problems, did_you_mean};

/// Reads a calculator from its table, adding every problem to `problems`; `None` when a
/// required field is missing or bad (the problems say which).
pub fn read(mut fields: Fields<'_>, problems: &mut Problems) -> Option<Calculator> {
    let inputs = fields.tables("inputs", "input", read_input);
    let outputs = fields.tables("outputs", "result", read_output);
    let currency = fields.text("currency");
    let headline = fields.text("headline");
    let scenarios = fields.tables("scenarios", "scenario", read_scenario);
    let send_to = fields.text("send_to");
    for (key, list, example) in [
        ("inputs", inputs.is_empty(), "[[calculator.inputs]]"),
        ("outputs", outputs.is_empty(), "[[calculator.outputs]]"),
    ] {
        if list && !fields.has_problems() {
            fields.report(
                Diagnostic::error(
                    fields.source(),
                    fields.missing_span(),
                    format!("this calculator has no `{key}`"),
                )
                .with_help(format!(
                    "add a `{example}` table for each, with `id`, `label` and a default or formula"
                )),
            );
        }
    }
    let calculator = Calculator {
        inputs,
        outputs,
        currency,
        headline,
        scenarios,
        send_to,
    };
    fields.finish(problems)?;
    Some(calculator)
}

/// Reads one input, which is kept even with an unknown key: the calculator's reader
/// gives up on the table as a whole.
fn read_input(mut fields: Fields<'_>, problems: &mut Problems) -> Option<Input> {
    let id = fields.required_text("id", "\"trip_cost\"");
    let label = fields.required_text("label", "\"…\"");
    let default = if fields.has("default") {
        fields.number("default")
    } else {
        fields.missing("default", "1");
        None
    };
    let (min, max, step) = (
        fields.number("min"),
        fields.number("max"),
        fields.number("step"),
    );
    let unit = fields.text("unit");
    let format = format(&mut fields);
    let help = fields.text("help").map(|help| help.value);
    let source = fields.text("source").map(|source| source.value);
    let input = match (id, label, default) {
        (Some(id), Some(label), Some(default)) => Some(Input {
            id,
            label: label.value,
            default,
            min,
            max,
            step,
            unit,
            format,
            help,
            source,
        }),
        _ => None,
    };
    let _ = fields.finish(problems);
    input
}

/// Reads one output, which is kept even with an unknown key: the calculator's reader
/// gives up on the table as a whole.
fn read_output(mut fields: Fields<'_>, problems: &mut Problems) -> Option<Output> {
    let id = fields.required_text("id", "\"saved_per_meeting\"");
    let label = fields.required_text("label", "\"…\"");
    // An empty formula is the formula checker's to report, with the language's own help.
    let formula = if fields.has("formula") {
        fields.text("formula")
    } else {
        fields.missing("formula", "\"attendees * trip_cost\"");
        None
    };
    let format = format(&mut fields);
    let decimals = fields.integer("decimals").and_then(|decimals| {
        let valid = u32::try_from(decimals.value).ok();
        if valid.is_none() {
            fields.report(
                Diagnostic::error(
                    fields.source(),
                    decimals.span,
                    "`decimals` cannot be negative",
                )
                .with_help(
                    "give the number of digits after the decimal point, such as `decimals = 2`",
                ),
            );
        }
        valid
    });
    let help = fields.text("help").map(|help| help.value);
    let output = match (id, label, formula) {
        (Some(id), Some(label), Some(formula)) => Some(Output {
            id,
            label: label.value,
            formula,
            format,
            decimals,
            help,
        }),
        _ => None,
    };
    let _ = fields.finish(problems);
    output
}

/// Reads one scenario, which is kept even with an unknown key: the calculator's reader
/// gives up on the table as a whole.
fn read_scenario(mut fields: Fields<'_>, problems: &mut Problems) -> Option<Scenario> {
    let name = fields.required_text("name", "\"Conservative\"");
    let values = match fields.take("values") {
        Some(node) => scenario_values(&mut fields, node),
        None => {
            fields.missing("values", "{ attendees = 6 }");
            Vec::new()
        }
    };
    let scenario = name.map(|name| Scenario { name, values });
    let _ = fields.finish(problems);
    scenario
}

/// The `values` table of a scenario: input ids and numbers.
fn scenario_values(
    fields: &mut Fields<'_>,
    node: FrontMatterNode,
) -> Vec<(Located<String>, Located<f64>)> {
    let Value::Table(entries) = node.value else {
        fields.report(
            Diagnostic::error(
                fields.source(),
                node.span,
                "`values` must be a table of input values",
            )
            .with_help("write the values as `values = { attendees = 6, trip_cost = 700 }`"),
        );
        return Vec::new();
    };
    let mut values = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let number = match value.value {
            Value::Integer(number) => number as f64,
            Value::Float(number) => number,
            other => {
                fields.report(Diagnostic::error(
                    fields.source(),
                    value.span,
                    format!(
                        "`{}` must be a number, not {}",
                        key.value,
                        other.type_name()
                    ),
                ));
                continue;
            }
        };
        let number = Located {
            value: number,
            span: value.span,
        };
        values.push((key, number));
    }
    values
}

/// How a value is shown: `number` unless `format` says `currency` or `percent`.
fn format(fields: &mut Fields<'_>) -> Format {
    let Some(format) = fields.text("format") else {
        return Format::Number;
    };
    match format.value.as_str() {
        "number" => Format::Number,
        "currency" => Format::Currency,
        "percent" => Format::Percent,
        other => {
            let names = ["number", "currency", "percent"];
            let help = match did_you_mean(other, names) {
                Some(close) => format!("did you mean `{close}`?"),
                None => "write `number`, `currency` or `percent`".to_string(),
            };
            fields.report(
                Diagnostic::error(
                    fields.source(),
                    format.span,
                    format!("unknown format `{other}`"),
                )
                .with_help(help),
            );
            Format::Number
        }
    }
}
