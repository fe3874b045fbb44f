//! What templates see of a calculator as `asset.data`: every figure already written for the
//! defaults and the scenarios in the site's language, and the data of the page's script, apart
//! from the reading and the checking of [`super`].

use std::collections::BTreeMap;

use serde::Serialize;

use crate::calculator::{self, Compiled, Format};
use crate::number::{IntlOptions, Style};

use super::CalculatorData;

impl CalculatorData {
    /// What templates see as `asset.data`.
    pub fn view(&self) -> CalculatorView<'_> {
        let declared = self.declared_order();
        let shown = |value: f64, style: Style| self.numbers.show(value, style);
        let outputs_of = |case: &calculator::Case| -> Vec<String> {
            declared
                .iter()
                .map(|&(at, output)| shown(output_at(case, at), output_style(output)))
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
                    value: output_at(&self.evaluation.defaults, at),
                    shown: shown(
                        output_at(&self.evaluation.defaults, at),
                        output_style(output),
                    ),
                    help: (self.calculator.outputs.get(output.declared))
                        .and_then(|declared| declared.help.as_deref()),
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

/// The value of the `at`th compiled output in `case`; a case holds one for each, and a value
/// that cannot be computed is NaN as well.
fn output_at(case: &calculator::Case, at: usize) -> f64 {
    case.outputs.get(at).copied().unwrap_or(f64::NAN)
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
