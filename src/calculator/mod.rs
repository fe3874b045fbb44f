//! Savings calculators: a small, safe formula language over a calculator's inputs and outputs.
//!
//! A calculator asset declares inputs (numbers the buyer can change), outputs (formulas over the
//! inputs and other outputs) and optional scenarios (named sets of input values). This module
//! takes that data from the front matter through these stages:
//!
//! * [`parse_formula`]: text → [`Node`] tree with byte offsets inside the formula;
//! * [`compile`]: all checks at once (syntax, names, functions, argument counts, ids, cycles,
//!   ranges, scenarios, headline) → a [`Compiled`] calculator with its outputs in evaluation
//!   order, or every problem as a [`Diagnostic`] pointing into the file;
//! * [`evaluate_all`]: every output for the defaults and for every scenario, as the page shows
//!   them without JavaScript; [`compute`] for one set of input values;
//! * [`safe_json_text`]: the compiled form as JSON that is safe inside a
//!   `<script type="application/json">`, read by the theme's `calculator.js`;
//! * [`to_excel`] and [`workbook`]: the same formulas as a spreadsheet the buyer keeps;
//! * [`reasons`]: why a result cannot be computed with the buyer's numbers, in words derived
//!   from its formula, for the page's script and the spreadsheet.
//!
//! The language: decimal numbers (`12`, `0.5`; no separators, no exponents), names
//! (`^[a-z_][a-z0-9_]*$`), `+ - * / ^` (`^` is right-associative and binds tighter than unary
//! minus, so `-2^2` is `-4`), comparisons `< <= > >= == !=` (not chained), `and`, `or`, `not`,
//! parentheses, and the functions `min`, `max`, `round`, `floor`, `ceil`, `abs` and `if`.
//! Comparisons and the logical operators give 1 or 0; any non-zero number counts as true.

mod ast;
mod compile;
mod eval;
mod excel;
mod json;
mod lexer;
mod parse;
mod problem;
pub mod schema;
mod why;

pub use ast::{BinOp, Func, Kind, Node, UnOp};
pub use compile::{Compiled, CompiledInput, CompiledOutput, CompiledScenario, compile};
pub use eval::{
    Case, EvalError, EvalErrorKind, Evaluation, compute, evaluate, evaluate_all, round,
};
pub use excel::{deterministic_workbook, to_excel, workbook};
pub use json::safe_json_text;
pub use parse::parse_formula;
pub use problem::Problem;
pub use why::{Reasons, reasons, spreadsheet_reason};

pub use crate::number::Format;

use crate::content::Located;

/// A savings calculator as declared in an asset's front matter.
#[derive(Debug, Clone)]
pub struct Calculator {
    /// The numbers the buyer can change.
    pub inputs: Vec<Input>,
    /// The results, each a formula over inputs and other outputs.
    pub outputs: Vec<Output>,
    /// ISO 4217 code for currency values, such as `USD`.
    pub currency: Option<Located<String>>,
    /// The id of the output shown largest.
    pub headline: Option<Located<String>>,
    /// Named sets of input values; the first is the one the page opens with.
    pub scenarios: Vec<Scenario>,
    /// Where the buyer may send the numbers: an `https://` form or a `mailto:` address.
    pub send_to: Option<Located<String>>,
}

/// One number the buyer can change.
#[derive(Debug, Clone)]
pub struct Input {
    /// The name formulas use.
    pub id: Located<String>,
    /// What the buyer reads next to the field.
    pub label: String,
    /// The value the page opens with.
    pub default: Located<f64>,
    /// The smallest value allowed.
    pub min: Option<Located<f64>>,
    /// The largest value allowed.
    pub max: Option<Located<f64>>,
    /// The step of the field's arrows.
    pub step: Option<Located<f64>>,
    /// A unit shown after the value, such as "hours".
    pub unit: Option<Located<String>>,
    /// How the value is shown.
    pub format: Format,
    /// A longer explanation.
    pub help: Option<String>,
    /// Where the default comes from.
    pub source: Option<String>,
}

/// One result of the calculator.
#[derive(Debug, Clone)]
pub struct Output {
    /// The name other formulas use.
    pub id: Located<String>,
    /// What the buyer reads next to the result.
    pub label: String,
    /// The formula; its span covers the formula as written in the file, quotes included.
    pub formula: Located<String>,
    /// How the result is shown.
    pub format: Format,
    /// Digits after the decimal point when shown.
    pub decimals: Option<u32>,
    /// A longer explanation.
    pub help: Option<String>,
}

/// A named set of input values; inputs it leaves out take their defaults.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Its name, such as "Conservative".
    pub name: Located<String>,
    /// Input ids and their values in this scenario.
    pub values: Vec<(Located<String>, Located<f64>)>,
}
