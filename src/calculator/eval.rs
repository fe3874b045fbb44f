//! Evaluates formulas with `f64` arithmetic, the same way `calculator.js` does in the browser.

use std::collections::HashMap;
use std::ops::Range;

use super::Calculator;
use super::ast::{BinOp, Func, Kind, Node, UnOp};
use super::compile::Compiled;
use super::problem::FormulaPlace;
use crate::diagnostics::{Diagnostic, Problems, Source};
use crate::number::Style;

/// Why a formula has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalErrorKind {
    /// A division whose divisor is 0.
    DivisionByZero,
    /// A result that is infinite or not a number, such as `(-1) ^ 0.5`.
    NotFinite,
    /// The formula uses an output that has no value itself.
    Upstream(String),
    /// A tree that [`crate::calculator::compile`] would not have let through, such as a name
    /// with no value or a call with the wrong number of arguments.
    Malformed,
}

impl EvalErrorKind {
    /// A stable short code, the same as `calculator.js` reports.
    pub fn code(&self) -> &'static str {
        match self {
            EvalErrorKind::DivisionByZero => "division-by-zero",
            EvalErrorKind::NotFinite => "not-finite",
            EvalErrorKind::Upstream(_) => "upstream",
            EvalErrorKind::Malformed => "malformed",
        }
    }
}

/// Why a formula has no value, and the node (byte offsets inside the formula) where it failed.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    /// What went wrong.
    pub kind: EvalErrorKind,
    /// Where in the formula.
    pub span: Range<usize>,
}

type Value = Result<f64, EvalError>;

/// Evaluates a formula; `value` gives the value of a name, or an error for an output that has
/// none. Every intermediate result must be finite; `if` evaluates only the chosen branch.
pub fn evaluate(node: &Node, value: &dyn Fn(&str) -> Option<Result<f64, ()>>) -> Value {
    let fail = |kind| {
        Err(EvalError {
            kind,
            span: node.span.clone(),
        })
    };
    let result = match &node.kind {
        Kind::Number(number) => *number,
        Kind::Name(name) => match value(name) {
            Some(Ok(number)) => number,
            Some(Err(())) => return fail(EvalErrorKind::Upstream(name.clone())),
            None => return fail(EvalErrorKind::Malformed),
        },
        Kind::Unary(UnOp::Neg, operand) => -evaluate(operand, value)?,
        Kind::Unary(UnOp::Not, operand) => truth(evaluate(operand, value)? == 0.0),
        Kind::Binary(op, a, b) => {
            let (a, b) = (evaluate(a, value)?, evaluate(b, value)?);
            if *op == BinOp::Div && b == 0.0 {
                return fail(EvalErrorKind::DivisionByZero);
            }
            binary(*op, a, b)
        }
        Kind::Call(func, args) => match call(*func, args, value)? {
            Some(number) => number,
            None => return fail(EvalErrorKind::Malformed),
        },
    };
    if result.is_finite() {
        Ok(result)
    } else {
        fail(EvalErrorKind::NotFinite)
    }
}

fn truth(condition: bool) -> f64 {
    if condition { 1.0 } else { 0.0 }
}

fn binary(op: BinOp, a: f64, b: f64) -> f64 {
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Pow => a.powf(b),
        BinOp::Lt => truth(a < b),
        BinOp::Le => truth(a <= b),
        BinOp::Gt => truth(a > b),
        BinOp::Ge => truth(a >= b),
        BinOp::Eq => truth(a == b),
        BinOp::Ne => truth(a != b),
        BinOp::And => truth(a != 0.0 && b != 0.0),
        BinOp::Or => truth(a != 0.0 || b != 0.0),
    }
}

/// A function's value, or `None` for a wrong number of arguments.
fn call(
    func: Func,
    args: &[Node],
    value: &dyn Fn(&str) -> Option<Result<f64, ()>>,
) -> Result<Option<f64>, EvalError> {
    if let (Func::If, [condition, then, otherwise]) = (func, args) {
        let chosen = if evaluate(condition, value)? != 0.0 {
            then
        } else {
            otherwise
        };
        return evaluate(chosen, value).map(Some);
    }
    let numbers = args
        .iter()
        .map(|arg| evaluate(arg, value))
        .collect::<Result<Vec<f64>, _>>()?;
    Ok(match (func, numbers.as_slice()) {
        (Func::Min, [first, rest @ ..]) => {
            Some(rest.iter().fold(*first, |m, &x| if x < m { x } else { m }))
        }
        (Func::Max, [first, rest @ ..]) => {
            Some(rest.iter().fold(*first, |m, &x| if x > m { x } else { m }))
        }
        (Func::Round, [x]) => Some(round(*x, 0.0)),
        (Func::Round, [x, digits]) => Some(round(*x, *digits)),
        (Func::Floor, [x]) => Some(x.floor()),
        (Func::Ceil, [x]) => Some(x.ceil()),
        (Func::Abs, [x]) => Some(x.abs()),
        _ => None,
    })
}

/// `round(x, digits)`: half away from zero at `digits` places after the point (before it when
/// negative; `digits` is truncated to a whole number between -400 and 400):
/// `r = floor(|x| · 10^d + 0.5) / 10^d`, negated for negative `x`. `10^d` is the decimal number
/// `1e<d>` read as a double, which is exact to the last bit in Rust and JavaScript alike.
pub fn round(x: f64, digits: f64) -> f64 {
    let digits = digits.trunc().clamp(-400.0, 400.0) as i32;
    let scale: f64 = format!("1e{digits}").parse().unwrap_or(f64::NAN);
    let magnitude = (x.abs() * scale + 0.5).floor() / scale;
    if x < 0.0 { -magnitude } else { magnitude }
}

/// The outputs of a compiled calculator for one value per input as the buyer writes it, in
/// evaluation order; the formulas see a percentage as its fraction (80 as 0.8).
pub fn compute(compiled: &Compiled, inputs: &[f64]) -> Vec<Value> {
    let mut values: HashMap<&str, Result<f64, ()>> = compiled
        .inputs
        .iter()
        .zip(inputs)
        .map(|(input, value)| {
            let seen = Style::of(input.format).to_formula_value(*value);
            (input.id.as_str(), Ok(seen))
        })
        .collect();
    let mut results = Vec::with_capacity(compiled.outputs.len());
    for output in &compiled.outputs {
        let result = evaluate(&output.formula, &|name| values.get(name).cloned());
        values.insert(&output.id, result.as_ref().map(|v| *v).map_err(|_| ()));
        results.push(result);
    }
    results
}

/// One set of input values and the outputs they give.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The scenario's name, or `None` for the defaults.
    pub name: Option<String>,
    /// One value per input, in the order of [`Compiled::inputs`].
    pub inputs: Vec<f64>,
    /// One value per output, in the order of [`Compiled::outputs`] (evaluation order).
    pub outputs: Vec<f64>,
}

/// The outputs for the defaults and for every scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// With every input at its default.
    pub defaults: Case,
    /// One per scenario, in the order declared.
    pub scenarios: Vec<Case>,
}

impl Evaluation {
    /// The columns of a spreadsheet or table: the scenarios, or the defaults when there are none.
    pub fn columns(&self) -> Vec<&Case> {
        if self.scenarios.is_empty() {
            vec![&self.defaults]
        } else {
            self.scenarios.iter().collect()
        }
    }
}

/// Evaluates every output for the defaults and for every scenario; a division by zero or a
/// result that is not a finite number is added to `problems` for the output and the scenario,
/// and then there is no evaluation.
pub fn evaluate_all(
    source: &Source,
    calculator: &Calculator,
    compiled: &Compiled,
    problems: &mut Problems,
) -> Option<Evaluation> {
    let mut diagnostics = Vec::new();
    let mut case = |name: Option<&str>, inputs: Vec<f64>| {
        let results = compute(compiled, &inputs);
        let outputs = results
            .iter()
            .zip(&compiled.outputs)
            .map(|(result, output)| {
                result.as_ref().copied().map_err(|error| {
                    let declared = calculator.outputs.get(output.declared);
                    let diagnostic = declared.and_then(|output| {
                        eval_diagnostic(source, calculator, output, error, name)
                    });
                    diagnostics.extend(diagnostic);
                })
            });
        let outputs: Vec<f64> = outputs.map(|v| v.unwrap_or(f64::NAN)).collect();
        Case {
            name: name.map(str::to_string),
            inputs,
            outputs,
        }
    };
    let defaults = case(
        None,
        compiled.inputs.iter().map(|input| input.default).collect(),
    );
    let scenarios = compiled
        .scenarios
        .iter()
        .map(|scenario| case(Some(&scenario.name), scenario.values.clone()))
        .collect();
    if diagnostics.is_empty() {
        Some(Evaluation {
            defaults,
            scenarios,
        })
    } else {
        problems.extend(diagnostics);
        None
    }
}

/// The diagnostic for an output without a value; `None` when it only inherits another output's
/// problem, which is reported there.
fn eval_diagnostic(
    source: &Source,
    calculator: &Calculator,
    output: &super::Output,
    error: &EvalError,
    scenario: Option<&str>,
) -> Option<Diagnostic> {
    let (what, help) = match error.kind {
        EvalErrorKind::DivisionByZero => (
            "divides by zero",
            "guard the division, such as `if(b == 0, 0, a / b)`, or change the values",
        ),
        EvalErrorKind::NotFinite => (
            "is not a finite number",
            "keep the values in range with `min`, `max` or `if`, or change the values",
        ),
        EvalErrorKind::Upstream(_) | EvalErrorKind::Malformed => return None,
    };
    let with = match scenario {
        Some(name) => format!("in scenario \"{name}\""),
        None => "with the default values".to_string(),
    };
    let place = FormulaPlace::new(source, &output.formula);
    let diagnostic = Diagnostic::error(
        source,
        place.span(&error.span),
        format!("output `{}` {what} {with}", output.id.value),
    )
    .with_label_message(format!("this part {what}"))
    .with_help(help);
    let scenario =
        scenario.and_then(|name| calculator.scenarios.iter().find(|s| s.name.value == name));
    Some(match scenario {
        Some(scenario) => {
            diagnostic.with_related(source, scenario.name.span.clone(), "the scenario")
        }
        None => diagnostic,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculator::parse_formula;

    /// Evaluates a formula with `a = 2`, `b = 0`, `c = -1.5`.
    fn value_of(formula: &str) -> Value {
        let (node, problems) = parse_formula(formula);
        assert_eq!(problems, vec![], "{formula}");
        let node = node.unwrap_or_else(|| panic!("{formula} did not parse"));
        let names = |name: &str| match name {
            "a" => Some(Ok(2.0)),
            "b" => Some(Ok(0.0)),
            "c" => Some(Ok(-1.5)),
            "failed" => Some(Err(())),
            _ => None,
        };
        evaluate(&node, &names)
    }

    #[test]
    fn values() {
        let table = [
            ("1 + 2 * 3", 7.0),
            ("10 - 4 - 3", 3.0),
            ("7 / 2", 3.5),
            ("-2^2", -4.0),
            ("2^3^2", 512.0),
            ("(-2)^2", 4.0),
            ("2^-1", 0.5),
            ("-c", 1.5),
            ("3 > 2", 1.0),
            ("2 >= 3", 0.0),
            ("a < 3", 1.0),
            ("a <= 1", 0.0),
            ("a == 2", 1.0),
            ("a != 2", 0.0),
            ("1 and 0", 0.0),
            ("2 and c", 1.0),
            ("2 or b", 1.0),
            ("b or 0", 0.0),
            ("not b", 1.0),
            ("not c", 0.0),
            ("min(3, 1, 2)", 1.0),
            ("max(3, c, 2)", 3.0),
            ("min(c)", -1.5),
            ("round(2.5)", 3.0),
            ("round(-2.5)", -3.0),
            ("round(c)", -2.0),
            ("round(1.2345, 2)", 1.23),
            ("round(1250, -2)", 1300.0),
            ("round(2.675, 2)", 2.68),
            ("round(1.005, 2)", 1.0),
            ("round(0.5, 0.9)", 1.0),
            ("floor(c)", -2.0),
            ("ceil(c)", -1.0),
            ("floor(2.5)", 2.0),
            ("ceil(2.5)", 3.0),
            ("abs(c)", 1.5),
            ("if(a > 1, 10, 1 / b)", 10.0),
            ("if(b, 1 / b, 2)", 2.0),
        ];
        for (formula, expected) in table {
            assert_eq!(value_of(formula), Ok(expected), "{formula}");
        }
    }

    #[test]
    fn errors_name_the_failing_part() {
        let table = [
            ("1 / b", EvalErrorKind::DivisionByZero, 0..5),
            ("a + 1 / (a - 2)", EvalErrorKind::DivisionByZero, 4..15),
            ("0 / 0", EvalErrorKind::DivisionByZero, 0..5),
            ("c ^ 0.5", EvalErrorKind::NotFinite, 0..7),
            ("10 ^ 400 * 0", EvalErrorKind::NotFinite, 0..8),
            ("b and 1 / b", EvalErrorKind::DivisionByZero, 6..11),
            ("failed + 1", EvalErrorKind::Upstream("failed".into()), 0..6),
            ("nobody", EvalErrorKind::Malformed, 0..6),
        ];
        for (formula, kind, span) in table {
            assert_eq!(
                value_of(formula),
                Err(EvalError { kind, span }),
                "{formula}"
            );
        }
    }
}
