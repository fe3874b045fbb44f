//! The checks of a calculator's scenarios: unique names, inputs only, each set once, values
//! finite and in range; every input a scenario leaves out keeps its default.

use std::collections::HashMap;
use std::ops::Range;

use super::super::Scenario;
use super::names::known_names_help;
use super::{Checker, CompiledScenario, Entity};
use crate::content::Located;

impl Checker<'_> {
    /// Every scenario names inputs only, once each, with values in range.
    pub(super) fn scenarios(&mut self) -> Vec<CompiledScenario> {
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
}
