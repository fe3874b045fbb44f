//! The `calculator` schema: a savings calculator read from its `[calculator]` table, checked,
//! evaluated for its defaults and scenarios, shown by templates with real figures (so the page
//! is complete without JavaScript), and written as a spreadsheet the buyer keeps.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::calculator::{self, Calculator, Compiled, Evaluation, Format};
use crate::config::Config;
use crate::content::Node;
use crate::content::node::Fields;
use crate::diagnostics::{Diagnostic, Source};
use crate::number::{IntlOptions, Language, Numbers, Style, currency_named};

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
    /// How its figures are written, in the site's language and its currency.
    pub numbers: Arc<Numbers>,
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
    // Settled once, so the page, its script and the spreadsheet show the same currency.
    let mut compiled = compiled;
    compiled.currency = compiled
        .currency
        .or_else(|| Some(config.currency.get_ref().clone()));
    let numbers = match Numbers::new(&Language::of_site(&config.language), currency_of(&compiled)) {
        Ok(numbers) => Arc::new(numbers),
        Err(message) => {
            let problem = Diagnostic::error(source, 0..0, message);
            return (KindData::None, [problems, vec![problem]].concat());
        }
    };
    let problems = [problems, unit_problems(source, &calculator, &numbers)].concat();
    if problems.iter().any(Diagnostic::is_error) {
        return (KindData::None, problems);
    }
    match calculator::evaluate_all(source, &calculator, &compiled) {
        Ok(evaluation) => {
            let data = CalculatorData {
                calculator,
                compiled,
                evaluation,
                numbers,
            };
            (KindData::Calculator(Box::new(data)), problems)
        }
        Err(found) => (KindData::None, [problems, found].concat()),
    }
}

/// A `unit` beside `format = "currency"` that names a currency: another currency than the
/// calculator's is an error (the amounts would read as the wrong money), the same one a warning
/// (its sign is shown already).
fn unit_problems(source: &Source, calculator: &Calculator, numbers: &Numbers) -> Vec<Diagnostic> {
    let currency = numbers.currency();
    let amounts = calculator
        .inputs
        .iter()
        .filter(|i| i.format == Format::Currency);
    amounts
        .filter_map(|input| {
            let unit = input.unit.as_ref()?;
            let named = currency_named(numbers.language(), &unit.value)?;
            let at = unit.span.clone();
            let sign = numbers.show(1.0, Style::of(Format::Currency));
            Some(if named == currency {
                Diagnostic::warning(source, at, format!("`{}` repeats the currency", unit.value))
                    .with_help(format!(
                        "remove `unit`: an amount shows its currency's sign already ({sign})"
                    ))
            } else {
                Diagnostic::error(
                    source,
                    at,
                    format!(
                        "`{}` names {named}, but this calculator's amounts are in {currency}",
                        unit.value
                    ),
                )
                .with_help(format!(
                    "set `currency = \"{named}\"` under `[calculator]` (or the site's `currency`) and remove `unit`: an amount shows its currency's sign itself"
                ))
            })
        })
        .collect()
}

/// The ISO 4217 code of a compiled calculator's amounts.
fn currency_of(compiled: &Compiled) -> &str {
    compiled.currency.as_deref().unwrap_or_default()
}

impl CalculatorData {
    /// The ISO 4217 code of its amounts: its own, or the site's.
    pub fn currency(&self) -> &str {
        currency_of(&self.compiled)
    }

    /// The spreadsheet of this calculator, for an asset titled `title`.
    pub fn workbook(&self, title: &str) -> Result<Vec<u8>, String> {
        calculator::workbook(
            title,
            &self.calculator,
            &self.compiled,
            &self.evaluation.columns(),
            &self.numbers,
        )
        .map_err(|error| error.to_string())
    }

    /// What templates see as `asset.data`.
    pub fn view(&self) -> CalculatorView<'_> {
        let declared = self.declared_order();
        let shown = |value: f64, style: Style| self.numbers.show(value, style);
        let outputs_of = |case: &calculator::Case| -> Vec<String> {
            declared
                .iter()
                .map(|&(at, output)| shown(case.outputs[at], output_style(output)))
                .collect()
        };
        let inputs_of = |case: &calculator::Case| -> Vec<String> {
            (self.compiled.inputs.iter().zip(&case.inputs))
                .map(|(input, &written)| {
                    let style = Style::of(input.format);
                    shown(style.to_formula_value(written), style)
                })
                .collect()
        };
        let headline = self.compiled.headline.as_deref();
        CalculatorView {
            currency: self.currency(),
            inputs: (self.calculator.inputs.iter().zip(&self.compiled.inputs))
                .map(|(declared, input)| {
                    let (prefix, suffix) = self.numbers.affixes(input.format);
                    InputView {
                        id: &input.id,
                        label: &input.label,
                        text: input.default.to_string(),
                        min_text: input.min.map(|min| min.to_string()),
                        max_text: input.max.map(|max| max.to_string()),
                        step_text: input
                            .step
                            .map_or_else(|| "any".to_string(), |step| step.to_string()),
                        prefix,
                        suffix,
                        unit: input.unit.as_deref(),
                        format: input.format,
                        help: declared.help.as_deref(),
                        source: declared.source.as_deref(),
                    }
                })
                .collect(),
            outputs: declared
                .iter()
                .map(|&(at, output)| OutputView {
                    id: &output.id,
                    label: &output.label,
                    value: self.evaluation.defaults.outputs[at],
                    shown: shown(self.evaluation.defaults.outputs[at], output_style(output)),
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
            json: calculator::safe_json_text(&self.script_data()),
        }
    }

    /// A value of `output` as the page shows it.
    pub fn show_output(&self, value: f64, output: &calculator::CompiledOutput) -> String {
        self.numbers.show(value, output_style(output))
    }

    /// What the page's script reads: the compiled calculator, the language, the options of
    /// `Intl.NumberFormat` for every input and output, and the reasons of results that cannot
    /// be computed.
    fn script_data(&self) -> ScriptData<'_> {
        let currency = self.currency();
        let inputs = self.compiled.inputs.iter().map(|input| {
            let options = Style::of(input.format).intl_options(currency);
            (input.id.as_str(), options)
        });
        let outputs = self.compiled.outputs.iter().map(|output| {
            (
                output.id.as_str(),
                output_style(output).intl_options(currency),
            )
        });
        ScriptData {
            compiled: &self.compiled,
            language: self.numbers.language().tag(),
            formats: inputs.chain(outputs).collect(),
            why: calculator::reasons(&self.compiled),
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

/// The style of an output's figures.
fn output_style(output: &calculator::CompiledOutput) -> Style {
    Style {
        format: output.format,
        decimals: output.decimals,
    }
}

/// The data of the page's script.
#[derive(Serialize)]
struct ScriptData<'a> {
    #[serde(flatten)]
    compiled: &'a Compiled,
    /// The BCP 47 tag `Intl.NumberFormat` formats for.
    language: String,
    /// The options of `Intl.NumberFormat` for every input and output, by id.
    formats: BTreeMap<&'a str, IntlOptions>,
    /// Why each output may not be computed with the buyer's numbers, by id.
    why: BTreeMap<&'a str, calculator::Reasons>,
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
    /// What the language writes before the number: the currency's sign in English.
    prefix: String,
    /// What the language writes after the number: the percent sign, the currency's in German.
    suffix: String,
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
