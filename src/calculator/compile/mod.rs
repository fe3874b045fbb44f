//! Checks a whole calculator at once and compiles it: every problem becomes a [`Diagnostic`].
//! The checks of ids, inputs, formulas, the order of outputs, the headline and the currency are
//! here; those of scenarios in [`scenarios`], what may be an id and the help texts of names in
//! [`names`], the sort of outputs in [`order`], and the result in [`compiled`].

mod compiled;
mod names;
mod order;
mod scenarios;

pub use compiled::{Compiled, CompiledInput, CompiledOutput, CompiledScenario};
use order::topological_order;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::ast::{Func, Node};
use super::parse::parse_formula;
use super::problem::FormulaPlace;
use super::{Calculator, Input, Output};
use crate::content::Located;
use crate::diagnostics::{Diagnostic, Problems, Source};
use compiled::{compiled_input, compiled_output};
use names::{id_problem, known_names_help};

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entity {
    Input(usize),
    Output(usize),
}

/// The most digits after the decimal point an output may show.
const MAX_DECIMALS: u32 = 20;

/// Checks a calculator and compiles it; `None` when it has a problem, each added to `problems`.
pub fn compile(
    source: &Source,
    calculator: &Calculator,
    problems: &mut Problems,
) -> Option<Compiled> {
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
        problems.extend(checker.diagnostics);
        return None;
    }
    Some(Compiled {
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
        let mut seen = HashSet::new();
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
        let graph: Vec<Vec<usize>> = (deps.iter())
            .map(|uses| uses.iter().map(|(index, _)| *index).collect())
            .collect();
        let sorted = topological_order(&graph);
        for cycle in &sorted.cycles {
            self.cycle(cycle, &deps);
        }
        sorted.order
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
