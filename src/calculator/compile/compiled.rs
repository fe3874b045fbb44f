//! A calculator that passed every check: its inputs, its outputs in evaluation order with their
//! formula trees, its scenarios with a value for every input. The page's script reads it as
//! JSON, and the evaluator and the spreadsheet work from it.

use serde::Serialize;

use super::super::ast::Node;
use super::super::{Format, Input, Output};

/// A calculator that passed every check, ready to evaluate.
#[derive(Debug, Clone, Serialize)]
pub struct Compiled {
    /// The inputs, in the order declared.
    pub inputs: Vec<CompiledInput>,
    /// The outputs in evaluation order: each comes after every output it uses.
    pub outputs: Vec<CompiledOutput>,
    /// The scenarios, in the order declared.
    pub scenarios: Vec<CompiledScenario>,
    /// ISO 4217 code for currency values.
    pub currency: Option<String>,
    /// The id of the output shown largest.
    pub headline: Option<String>,
}

/// An input, checked.
#[derive(Debug, Clone, Serialize)]
pub struct CompiledInput {
    /// The name formulas use.
    pub id: String,
    /// What the buyer reads next to the field.
    pub label: String,
    /// The value the page opens with.
    pub default: f64,
    /// The smallest value allowed.
    pub min: Option<f64>,
    /// The largest value allowed.
    pub max: Option<f64>,
    /// The step of the field's arrows.
    pub step: Option<f64>,
    /// A unit shown after the value.
    pub unit: Option<String>,
    /// How the value is shown.
    pub format: Format,
}

/// An output, checked, with its formula tree.
#[derive(Debug, Clone, Serialize)]
pub struct CompiledOutput {
    /// The name other formulas use.
    pub id: String,
    /// What the buyer reads next to the result.
    pub label: String,
    /// Its position among the calculator's outputs as declared.
    #[serde(skip)]
    pub declared: usize,
    /// The formula.
    pub formula: Node,
    /// How the result is shown.
    pub format: Format,
    /// Digits after the decimal point when shown.
    pub decimals: Option<u32>,
}

/// A scenario with a value for every input.
#[derive(Debug, Clone, Serialize)]
pub struct CompiledScenario {
    /// Its name.
    pub name: String,
    /// One value per input, in the order of [`Compiled::inputs`].
    pub values: Vec<f64>,
}

pub(super) fn compiled_input(input: &Input) -> CompiledInput {
    CompiledInput {
        id: input.id.value.clone(),
        label: input.label.clone(),
        default: input.default.value,
        min: input.min.as_ref().map(|v| v.value),
        max: input.max.as_ref().map(|v| v.value),
        step: input.step.as_ref().map(|v| v.value),
        unit: input.unit.as_ref().map(|unit| unit.value.clone()),
        format: input.format,
    }
}

pub(super) fn compiled_output(output: &Output, declared: usize, formula: Node) -> CompiledOutput {
    CompiledOutput {
        id: output.id.value.clone(),
        label: output.label.clone(),
        declared,
        formula,
        format: output.format,
        decimals: output.decimals,
    }
}
