//! Checks a whole calculator at once and compiles it: every problem becomes a [`Diagnostic`].

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use super::ast::{Func, Node};
use super::parse::parse_formula;
use super::problem::{FormulaPlace, closest};
use super::{Calculator, Format, Input, Output, Scenario};
use crate::content::Located;
use crate::diagnostics::{Diagnostic, Source};

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

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entity {
    Input(usize),
    Output(usize),
}

/// The most digits after the decimal point an output may show.
const MAX_DECIMALS: u32 = 20;

/// Words that cannot be ids: the operators written as words.
const OPERATORS: [&str; 3] = ["and", "or", "not"];

/// Checks a calculator and compiles it, or returns every problem found in it.
pub fn compile(source: &Source, calculator: &Calculator) -> Result<Compiled, Vec<Diagnostic>> {
    let mut checker = Checker {
        source,
        calculator,
        names: HashMap::new(),
        diagnostics: Vec::new(),
    };
    checker.ids();
    calculator
        .inputs
        .iter()
        .for_each(|input| checker.input(input));
    let formulas: Vec<Option<Node>> = calculator
        .outputs
        .iter()
        .map(|output| checker.formula(output))
        .collect();
    let order = checker.order(&formulas);
    let scenarios = checker.scenarios();
    checker.headline();
    checker.currency();
    if !checker.diagnostics.is_empty() {
        return Err(checker.diagnostics);
    }
    Ok(Compiled {
        inputs: calculator.inputs.iter().map(compiled_input).collect(),
        outputs: order
            .into_iter()
            .filter_map(|index| {
                let formula = formulas.get(index)?.clone()?;
                Some(compiled_output(
                    calculator.outputs.get(index)?,
                    index,
                    formula,
                ))
            })
            .collect(),
        scenarios,
        currency: calculator.currency.as_ref().map(|c| c.value.clone()),
        headline: calculator.headline.as_ref().map(|h| h.value.clone()),
    })
}

fn compiled_input(input: &Input) -> CompiledInput {
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

fn compiled_output(output: &Output, declared: usize, formula: Node) -> CompiledOutput {
    CompiledOutput {
        id: output.id.value.clone(),
        label: output.label.clone(),
        declared,
        formula,
        format: output.format,
        decimals: output.decimals,
    }
}

struct Checker<'a> {
    source: &'a Source,
    calculator: &'a Calculator,
    names: HashMap<&'a str, (Entity, Range<usize>)>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, span: Range<usize>, message: String, label: &str, help: String) {
        let diagnostic = Diagnostic::error(self.source, span, message)
            .with_label_message(label)
            .with_help(help);
        self.diagnostics.push(diagnostic);
    }

    /// Ids are valid and unique across inputs and outputs.
    fn ids(&mut self) {
        let inputs = self.calculator.inputs.iter().enumerate();
        let inputs = inputs.map(|(index, input)| (&input.id, Entity::Input(index)));
        let outputs = self.calculator.outputs.iter().enumerate();
        let outputs = outputs.map(|(index, output)| (&output.id, Entity::Output(index)));
        for (id, entity) in inputs.chain(outputs).collect::<Vec<_>>() {
            if let Some(problem) = id_problem(&id.value) {
                self.error(id.span.clone(), problem.0, "not usable as an id", problem.1);
            } else if let Some((_, first)) = self.names.get(id.value.as_str()) {
                let message = format!("duplicate id `{}`", id.value);
                let place = (id.span.clone(), "declared again here");
                let help = "inputs and outputs share one set of ids: rename one of them";
                self.related_error(message, place, (first.clone(), "first declared here"), help);
            } else {
                self.names.insert(&id.value, (entity, id.span.clone()));
            }
        }
    }

    /// The numbers of an input are finite, its range is sound and holds its default.
    fn input(&mut self, input: &Input) {
        let id = &input.id.value;
        let bounds = [
            ("minimum", &input.min),
            ("maximum", &input.max),
            ("step", &input.step),
        ];
        let mut sound = self.finite(&format!("the default of `{id}`"), &input.default);
        for (what, value) in bounds {
            if let Some(value) = value {
                sound &= self.finite(&format!("the {what} of `{id}`"), value);
            }
        }
        if !sound {
            return;
        }
        if let Some(step) = input.step.as_ref().filter(|step| step.value <= 0.0) {
            let message = format!("the step of `{id}` must be above 0");
            self.error(
                step.span.clone(),
                message,
                "0 or less",
                "remove it or write a positive number".into(),
            );
        }
        if let (Some(min), Some(max)) = (&input.min, &input.max)
            && min.value > max.value
        {
            let message = format!("the minimum of `{id}` is above its maximum");
            let label = format!("{} is above {}", min.value, max.value);
            let help = "swap them, or correct one of them";
            self.related_error(
                message,
                (min.span.clone(), &label),
                (max.span.clone(), "the maximum"),
                help,
            );
            return;
        }
        self.in_range(input, &input.default, &format!("the default of `{id}`"));
    }

    fn finite(&mut self, what: &str, value: &Located<f64>) -> bool {
        if value.value.is_finite() {
            return true;
        }
        let message = format!("{what} is not a finite number");
        self.error(
            value.span.clone(),
            message,
            "infinite or not a number",
            "write an ordinary number such as `100`".into(),
        );
        false
    }

    /// A default or scenario value lies within the input's minimum and maximum.
    fn in_range(&mut self, input: &Input, value: &Located<f64>, what: &str) {
        let below = input
            .min
            .as_ref()
            .filter(|min| value.value < min.value)
            .map(|min| ("below its minimum", min));
        let above = input
            .max
            .as_ref()
            .filter(|max| value.value > max.value)
            .map(|max| ("above its maximum", max));
        if let Some((relation, bound)) = below.or(above) {
            let label = format!("{} is {relation} {}", value.value, bound.value);
            let (place, limit) = (
                (value.span.clone(), label.as_str()),
                (bound.span.clone(), "declared here"),
            );
            self.related_error(
                format!("{what} is {relation}"),
                place,
                limit,
                "change the value or the limit",
            );
        }
    }

    /// Parses an output's formula and checks the names it uses.
    fn formula(&mut self, output: &Output) -> Option<Node> {
        if output.decimals.is_some_and(|d| d > MAX_DECIMALS) {
            let message = format!(
                "`{}` shows more than {MAX_DECIMALS} decimals",
                output.id.value
            );
            self.error(
                output.id.span.clone(),
                message,
                "in this output",
                format!("set `decimals` to {MAX_DECIMALS} or less"),
            );
        }
        let (node, problems) = parse_formula(&output.formula.value);
        let place = FormulaPlace::new(self.source, &output.formula);
        for problem in &problems {
            self.diagnostics
                .push(problem.to_diagnostic(self.source, &output.formula));
        }
        let node = node?;
        let mut known = true;
        for (name, span) in node.names() {
            if !self.names.contains_key(name) {
                known = false;
                let help = self.unknown_name_help(name);
                self.error(
                    place.span(&span),
                    format!("unknown name `{name}`"),
                    "not an input or output of this calculator",
                    help,
                );
            }
        }
        (known && problems.is_empty()).then_some(node)
    }

    fn unknown_name_help(&self, name: &str) -> String {
        if let Some(func) = Func::from_name(name) {
            return format!("`{name}` is a function: write `{}`", func.usage());
        }
        let ids = self
            .calculator
            .inputs
            .iter()
            .map(|i| &i.id)
            .chain(self.calculator.outputs.iter().map(|o| &o.id));
        let ids = ids
            .map(|id| id.value.as_str())
            .filter(|id| id_problem(id).is_none());
        let mut ids: Vec<&str> = ids.collect();
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(*id));
        known_names_help(name, &ids, "inputs and outputs")
    }

    /// The outputs in evaluation order; a cycle among them is reported, naming it.
    fn order(&mut self, formulas: &[Option<Node>]) -> Vec<usize> {
        let deps: Vec<Vec<(usize, Range<usize>)>> = formulas
            .iter()
            .map(|formula| {
                formula
                    .as_ref()
                    .map(|node| self.output_uses(node))
                    .unwrap_or_default()
            })
            .collect();
        let mut walk = Walk {
            deps: &deps,
            state: vec![State::New; deps.len()],
            path: Vec::new(),
            order: Vec::new(),
            cycles: Vec::new(),
        };
        (0..deps.len()).for_each(|index| walk.visit(index));
        for cycle in &walk.cycles {
            self.cycle(cycle, &deps);
        }
        walk.order
    }

    fn output_uses(&self, node: &Node) -> Vec<(usize, Range<usize>)> {
        let mut uses: Vec<(usize, Range<usize>)> = Vec::new();
        for (name, span) in node.names() {
            if let Some((Entity::Output(index), _)) = self.names.get(name)
                && !uses.iter().any(|(seen, _)| seen == index)
            {
                uses.push((*index, span));
            }
        }
        uses
    }

    fn cycle(&mut self, cycle: &[usize], deps: &[Vec<(usize, Range<usize>)>]) {
        let outputs = &self.calculator.outputs;
        let id = |index: usize| outputs.get(index).map_or("", |o| o.id.value.as_str());
        let mut names: Vec<&str> = cycle.iter().map(|index| id(*index)).collect();
        names.extend(cycle.first().map(|&first| id(first)));
        let edges = cycle
            .iter()
            .zip(cycle.iter().cycle().skip(1))
            .filter_map(|(from, to)| {
                let span = (deps.get(*from))
                    .and_then(|uses| uses.iter().find(|(index, _)| index == to))
                    .map(|(_, span)| span.clone())
                    .unwrap_or_default();
                let place = FormulaPlace::new(self.source, &outputs.get(*from)?.formula);
                Some((
                    place.span(&span),
                    format!("`{}` uses `{}` here", id(*from), id(*to)),
                ))
            });
        let mut edges = edges.collect::<Vec<_>>().into_iter();
        let Some((span, label)) = edges.next() else {
            return;
        };
        let message = format!(
            "outputs depend on each other in a circle: `{}`",
            names.join(" → ")
        );
        let diagnostic = Diagnostic::error(self.source, span, message).with_label_message(label);
        let diagnostic = edges.fold(diagnostic, |d, (span, label)| {
            d.with_related(self.source, span, &label)
        });
        self.diagnostics.push(
            diagnostic
                .with_help("compute one of them from inputs only, or merge them into one output"),
        );
    }

    /// Every scenario names inputs only, once each, with values in range.
    fn scenarios(&mut self) -> Vec<CompiledScenario> {
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        let mut compiled = Vec::new();
        for scenario in &self.calculator.scenarios {
            let name = &scenario.name;
            if let Some(first) = seen.insert(&name.value, name.span.clone()) {
                let message = format!("two scenarios are named \"{}\"", name.value);
                let place = (name.span.clone(), "named again here");
                let help = "give each scenario its own name";
                self.related_error(message, place, (first, "first named here"), help);
            }
            compiled.push(self.scenario(scenario));
        }
        compiled
    }

    /// One scenario's values, every input it leaves out at its default.
    fn scenario(&mut self, scenario: &Scenario) -> CompiledScenario {
        let name = &scenario.name.value;
        let defaults = self.calculator.inputs.iter().map(|i| i.default.value);
        let mut values: Vec<f64> = defaults.collect();
        let mut set: HashMap<usize, Range<usize>> = HashMap::new();
        for (id, value) in &scenario.values {
            let Some(index) = self.scenario_input(name, id) else {
                continue;
            };
            if let Some(first) = set.insert(index, id.span.clone()) {
                let message = format!("scenario \"{name}\" sets `{}` twice", id.value);
                let place = (id.span.clone(), "set again here");
                self.related_error(
                    message,
                    place,
                    (first, "first set here"),
                    "keep one of the two values",
                );
            }
            let what = format!("the value of `{}` in scenario \"{name}\"", id.value);
            let calculator = self.calculator;
            if self.finite(&what, value)
                && let Some(input) = calculator.inputs.get(index)
            {
                self.in_range(input, value, &what);
            }
            if let Some(slot) = values.get_mut(index) {
                *slot = value.value;
            }
        }
        CompiledScenario {
            name: name.clone(),
            values,
        }
    }

    /// An error at one place that refers to an earlier place, such as a duplicate.
    fn related_error(
        &mut self,
        message: String,
        (span, label): (Range<usize>, &str),
        (first, first_label): (Range<usize>, &str),
        help: &str,
    ) {
        let diagnostic = Diagnostic::error(self.source, span, message)
            .with_label_message(label)
            .with_related(self.source, first, first_label)
            .with_help(help);
        self.diagnostics.push(diagnostic);
    }

    fn scenario_input(&mut self, scenario: &str, id: &Located<String>) -> Option<usize> {
        match self.names.get(id.value.as_str()) {
            Some((Entity::Input(index), _)) => return Some(*index),
            Some((Entity::Output(_), _)) => {
                let help = format!(
                    "`{}` is an output, computed from the inputs; a scenario sets inputs only",
                    id.value
                );
                self.error(
                    id.span.clone(),
                    format!(
                        "scenario \"{scenario}\" sets `{}`, which is not an input",
                        id.value
                    ),
                    "an output",
                    help,
                );
            }
            None => {
                let inputs: Vec<&str> = self
                    .calculator
                    .inputs
                    .iter()
                    .map(|i| i.id.value.as_str())
                    .collect();
                let help = known_names_help(&id.value, &inputs, "inputs");
                self.error(
                    id.span.clone(),
                    format!(
                        "scenario \"{scenario}\" sets `{}`, which is not an input",
                        id.value
                    ),
                    "no input of this name",
                    help,
                );
            }
        }
        None
    }

    fn headline(&mut self) {
        let Some(headline) = &self.calculator.headline else {
            return;
        };
        if let Some((Entity::Output(_), _)) = self.names.get(headline.value.as_str()) {
            return;
        }
        let outputs: Vec<&str> = self
            .calculator
            .outputs
            .iter()
            .map(|o| o.id.value.as_str())
            .collect();
        let help = known_names_help(&headline.value, &outputs, "outputs");
        self.error(
            headline.span.clone(),
            format!("the headline `{}` is not an output", headline.value),
            "no output of this name",
            help,
        );
    }

    fn currency(&mut self) {
        let Some(currency) = &self.calculator.currency else {
            return;
        };
        let code = &currency.value;
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            let message = format!("`{code}` is not an ISO 4217 currency code");
            self.error(
                currency.span.clone(),
                message,
                "not three capital letters",
                "write a code such as `USD` or `EUR`".into(),
            );
        }
    }
}

/// "did you mean …?" or the list of known names.
fn known_names_help(name: &str, known: &[&str], what: &str) -> String {
    match closest(name, known) {
        Some(close) => format!("did you mean `{close}`?"),
        None if known.is_empty() => format!("this calculator has no {what}"),
        None => {
            let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!("the {what} of this calculator are {}", list.join(", "))
        }
    }
}

/// Why a text cannot be an id (message, help), if it cannot.
fn id_problem(id: &str) -> Option<(String, String)> {
    let mut bytes = id.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_');
    let rest_ok = bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !(first_ok && rest_ok) {
        let help = format!(
            "ids use lower-case letters, digits and `_` and start with a letter or `_`, such as `{}`",
            id_like(id)
        );
        return Some((format!("`{id}` is not a valid id"), help));
    }
    let role = if OPERATORS.contains(&id) {
        "an operator"
    } else if Func::from_name(id).is_some() {
        "a function"
    } else {
        return None;
    };
    let help = format!("choose another id, such as `{id}_value`");
    Some((
        format!("`{id}` cannot be an id: it is {role} of the formula language"),
        help,
    ))
}

/// A valid id close to a text: lower case, `_` for anything else.
fn id_like(text: &str) -> String {
    let id: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    match id.chars().next() {
        Some(c) if !c.is_ascii_digit() => id,
        _ => format!("_{id}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    New,
    Visiting,
    Done,
}

/// A depth-first walk over the outputs that yields them in evaluation order and finds cycles.
struct Walk<'d> {
    deps: &'d [Vec<(usize, Range<usize>)>],
    state: Vec<State>,
    path: Vec<usize>,
    order: Vec<usize>,
    cycles: Vec<Vec<usize>>,
}

impl Walk<'_> {
    fn visit(&mut self, index: usize) {
        if self.state.get(index) != Some(&State::New) {
            return;
        }
        self.mark(index, State::Visiting);
        self.path.push(index);
        let deps = self.deps;
        for (next, _) in deps.get(index).into_iter().flatten() {
            match self.state.get(*next) {
                Some(State::New) => self.visit(*next),
                Some(State::Visiting) => {
                    let start = self.path.iter().position(|p| p == next).unwrap_or(0);
                    let cycle = self.path.get(start..).unwrap_or_default();
                    self.cycles.push(cycle.to_vec());
                }
                Some(State::Done) | None => {}
            }
        }
        self.path.pop();
        self.mark(index, State::Done);
        self.order.push(index);
    }

    fn mark(&mut self, index: usize, state: State) {
        if let Some(slot) = self.state.get_mut(index) {
            *slot = state;
        }
    }
}
