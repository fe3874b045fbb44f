//! The `calculator` schema: a savings calculator read from its `[calculator]` table, checked,
//! evaluated for its defaults and scenarios, shown by templates with real figures (so the page
//! is complete without JavaScript), and written as a spreadsheet the buyer keeps.

use serde::Serialize;

use crate::calculator::{self, Calculator, Compiled, Evaluation, Format};
use crate::config::Config;
use crate::content::Node;
use crate::content::node::Fields;
use crate::diagnostics::{Diagnostic, Source};

use super::KindData;

/// A calculator as read, compiled and evaluated for its defaults and scenarios.
#[derive(Debug, Clone)]
pub struct CalculatorData {
    /// As declared in the front matter.
    pub calculator: Calculator,
    /// Checked, with its outputs in evaluation order.
    pub compiled: Compiled,
    /// Every output for the defaults and every scenario.
    pub evaluation: Evaluation,
}

/// Reads, checks and evaluates a calculator table; every problem is returned.
pub fn read(table: Node, source: &Source, config: &Config) -> (KindData, Vec<Diagnostic>) {
    let fields = Fields::new(source, "calculator", table).within("the `[calculator]` table");
    let (calculator, problems) = calculator::schema::read(fields);
    let Some(calculator) = calculator else {
        return (KindData::None, problems);
    };
    let compiled = match calculator::compile(source, &calculator) {
        Ok(compiled) => compiled,
        Err(found) => return (KindData::None, [problems, found].concat()),
    };
    match calculator::evaluate_all(source, &calculator, &compiled) {
        Ok(evaluation) => {
            // Settled once, so the page, its script and the spreadsheet show the same currency.
            let mut compiled = compiled;
            compiled.currency = compiled
                .currency
                .or_else(|| Some(config.currency.get_ref().clone()));
            let data = CalculatorData {
                calculator,
                compiled,
                evaluation,
            };
            (KindData::Calculator(Box::new(data)), problems)
        }
        Err(found) => (KindData::None, [problems, found].concat()),
    }
}

impl CalculatorData {
    /// The ISO 4217 code of its amounts: its own, or the site's.
    pub fn currency(&self) -> &str {
        self.compiled.currency.as_deref().unwrap_or_default()
    }

    /// The spreadsheet of this calculator, for an asset titled `title`.
    pub fn workbook(&self, title: &str) -> Result<Vec<u8>, String> {
        calculator::workbook(
            title,
            &self.calculator,
            &self.compiled,
            &self.evaluation.columns(),
        )
        .map_err(|error| error.to_string())
    }

    /// What templates see as `asset.data`.
    pub fn view(&self) -> CalculatorView<'_> {
        let shown = |value: f64, format: Format, decimals: Option<u32>| {
            format_value(value, format, decimals, self.currency())
        };
        let declared = self.declared_order();
        let outputs_of = |case: &calculator::Case| -> Vec<String> {
            declared
                .iter()
                .map(|&(at, output)| shown(case.outputs[at], output.format, output.decimals))
                .collect()
        };
        let inputs_of = |case: &calculator::Case| -> Vec<String> {
            (self.compiled.inputs.iter().zip(&case.inputs))
                .map(|(input, &value)| shown(value, input.format, None))
                .collect()
        };
        let headline = self.compiled.headline.as_deref();
        CalculatorView {
            currency: self.currency(),
            inputs: (self.calculator.inputs.iter().zip(&self.compiled.inputs))
                .map(|(declared, input)| InputView {
                    id: &input.id,
                    label: &input.label,
                    text: input.default.to_string(),
                    min_text: input.min.map(|min| min.to_string()),
                    max_text: input.max.map(|max| max.to_string()),
                    step_text: input
                        .step
                        .map_or_else(|| "any".to_string(), |step| step.to_string()),
                    unit: input.unit.as_deref(),
                    format: input.format,
                    help: declared.help.as_deref(),
                    source: declared.source.as_deref(),
                })
                .collect(),
            outputs: declared
                .iter()
                .map(|&(at, output)| OutputView {
                    id: &output.id,
                    label: &output.label,
                    value: self.evaluation.defaults.outputs[at],
                    shown: shown(
                        self.evaluation.defaults.outputs[at],
                        output.format,
                        output.decimals,
                    ),
                    help: self.calculator.outputs[output.declared].help.as_deref(),
                    headline: headline == Some(output.id.as_str()),
                })
                .collect(),
            scenarios: self
                .evaluation
                .scenarios
                .iter()
                .map(|case| ScenarioView {
                    name: case.name.as_deref().unwrap_or_default(),
                    inputs: inputs_of(case),
                    outputs: outputs_of(case),
                })
                .collect(),
            json: calculator::safe_json_text(&self.compiled),
        }
    }

    /// The compiled outputs in the order declared, each with its place in evaluation order.
    fn declared_order(&self) -> Vec<(usize, &calculator::CompiledOutput)> {
        let mut outputs: Vec<(usize, &calculator::CompiledOutput)> =
            self.compiled.outputs.iter().enumerate().collect();
        outputs.sort_by_key(|(_, output)| output.declared);
        outputs
    }
}

/// A calculator as templates see it: every figure already formatted for the defaults.
#[derive(Serialize)]
pub struct CalculatorView<'a> {
    currency: &'a str,
    inputs: Vec<InputView<'a>>,
    outputs: Vec<OutputView<'a>>,
    scenarios: Vec<ScenarioView<'a>>,
    /// The compiled calculator for the page's script, safe inside `<script>`.
    json: String,
}

#[derive(Serialize)]
struct InputView<'a> {
    id: &'a str,
    label: &'a str,
    /// The default as the field holds it: a plain number such as `2500` or `11.5`.
    text: String,
    min_text: Option<String>,
    max_text: Option<String>,
    /// The step of the field's arrows, `any` unless given.
    step_text: String,
    unit: Option<&'a str>,
    format: Format,
    help: Option<&'a str>,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct OutputView<'a> {
    id: &'a str,
    label: &'a str,
    value: f64,
    shown: String,
    help: Option<&'a str>,
    headline: bool,
}

#[derive(Serialize)]
struct ScenarioView<'a> {
    name: &'a str,
    inputs: Vec<String>,
    outputs: Vec<String>,
}

/// A value as the page shows it, the way the page's script formats it for English
/// (`Intl.NumberFormat`): currency with its symbol and two decimals below 1,000 (none above),
/// percentages from fractions with up to one decimal, other numbers with up to two; `decimals`
/// fixes the number of decimals.
pub fn format_value(value: f64, format: Format, decimals: Option<u32>, currency: &str) -> String {
    let (scaled, default_decimals, fixed) = match format {
        Format::Currency => (value, if value.abs() < 1000.0 { 2 } else { 0 }, true),
        Format::Percent => (value * 100.0, 1, false),
        Format::Number => (value, 2, false),
    };
    let places = decimals.unwrap_or(default_decimals);
    let rounded = calculator::round(scaled, f64::from(places));
    let mut digits = format!("{:.*}", places as usize, rounded.abs());
    if !(fixed || decimals.is_some()) && digits.contains('.') {
        digits = digits
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string();
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut text = group_thousands(whole);
    if !fraction.is_empty() {
        text = format!("{text}.{fraction}");
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    match format {
        Format::Currency => match currency_symbol(currency) {
            Some(symbol) => format!("{sign}{symbol}{text}"),
            None => format!("{sign}{currency}\u{a0}{text}"),
        },
        Format::Percent => format!("{sign}{text}%"),
        Format::Number => format!("{sign}{text}"),
    }
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The symbol English uses for a currency, for the common ones.
fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_shown_like_the_pages_script_shows_them() {
        let cases = [
            (2875.0, Format::Currency, None, "USD", "$2,875"),
            (11.5, Format::Currency, None, "USD", "$11.50"),
            (-42000.4, Format::Currency, None, "EUR", "-€42,000"),
            (
                1234567.891,
                Format::Currency,
                Some(2),
                "GBP",
                "£1,234,567.89",
            ),
            (900.0, Format::Currency, None, "CHF", "CHF\u{a0}900.00"),
            (0.25, Format::Percent, None, "USD", "25%"),
            (0.1234, Format::Percent, None, "USD", "12.3%"),
            (2.7, Format::Number, None, "USD", "2.7"),
            (2.0, Format::Number, None, "USD", "2"),
            (1000000.0, Format::Number, None, "USD", "1,000,000"),
            (2.675, Format::Number, Some(2), "USD", "2.68"),
            (0.125, Format::Number, None, "USD", "0.13"),
        ];
        for (value, format, decimals, currency, expected) in cases {
            assert_eq!(
                format_value(value, format, decimals, currency),
                expected,
                "format_value({value}, {format:?}, {decimals:?}, {currency})"
            );
        }
    }
}
