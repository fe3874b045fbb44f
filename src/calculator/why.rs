//! Why a result cannot be computed with the buyer's numbers, in words derived from its formula:
//! a division names what must not be 0 ("needs “Meetings a year” above 0"), a power or any
//! other part names the values to change. The page's script shows these words in place of the
//! result, and the spreadsheet shows them through `IFERROR`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::ast::{BinOp, Kind, Node};
use super::compile::{Compiled, CompiledOutput};

/// The reasons of one output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reasons {
    /// By the place of a division or a power in the formula, written `start-end`.
    pub at: BTreeMap<String, String>,
    /// For a failure anywhere else in the formula.
    pub otherwise: String,
}

/// The key of a node's place, as the formula's JSON gives it to the script (`at`).
pub fn place_key(node: &Node) -> String {
    format!("{}-{}", node.span.start, node.span.end)
}

/// The reasons of every output, by id.
pub fn reasons(compiled: &Compiled) -> BTreeMap<&str, Reasons> {
    let words = Words::new(compiled);
    (compiled.outputs.iter())
        .map(|output| (output.id.as_str(), words.reasons(&output.formula)))
        .collect()
}

/// What the spreadsheet shows for an output that cannot be computed, `None` for one that
/// always can: the reason of its one division or power, or else of its whole formula; for an
/// output that fails only through another output, that output's.
pub fn spreadsheet_reason(compiled: &Compiled, output: &CompiledOutput) -> Option<String> {
    let words = Words::new(compiled);
    let risky = risky_nodes(&output.formula);
    match risky.as_slice() {
        [only] => return Some(words.reason_at(only)),
        [_, _, ..] => return Some(words.reasons(&output.formula).otherwise),
        [] => {}
    }
    output.formula.names().into_iter().find_map(|(name, _)| {
        let used = compiled.outputs.iter().find(|o| o.id == name)?;
        spreadsheet_reason(compiled, used)
    })
}

/// The divisions and powers of a formula, in order.
fn risky_nodes(node: &Node) -> Vec<&Node> {
    let mut found = Vec::new();
    collect_risky(node, &mut found);
    found
}

fn collect_risky<'a>(node: &'a Node, found: &mut Vec<&'a Node>) {
    match &node.kind {
        Kind::Number(_) | Kind::Name(_) => {}
        Kind::Unary(_, operand) => collect_risky(operand, found),
        Kind::Binary(op, a, b) => {
            collect_risky(a, found);
            collect_risky(b, found);
            if matches!(op, BinOp::Div | BinOp::Pow) {
                found.push(node);
            }
        }
        Kind::Call(_, args) => args.iter().for_each(|arg| collect_risky(arg, found)),
    }
}

/// The buyer's words for the names of a calculator.
struct Words<'a> {
    /// The label of every input and output.
    labels: HashMap<&'a str, &'a str>,
    /// The inputs that cannot be negative.
    not_negative: Vec<&'a str>,
}

impl<'a> Words<'a> {
    fn new(compiled: &'a Compiled) -> Self {
        let inputs = compiled
            .inputs
            .iter()
            .map(|i| (i.id.as_str(), i.label.as_str()));
        let outputs = compiled
            .outputs
            .iter()
            .map(|o| (o.id.as_str(), o.label.as_str()));
        Words {
            labels: inputs.chain(outputs).collect(),
            not_negative: (compiled.inputs.iter())
                .filter(|input| input.min.is_some_and(|min| min >= 0.0))
                .map(|input| input.id.as_str())
                .collect(),
        }
    }

    fn reasons(&self, formula: &Node) -> Reasons {
        Reasons {
            at: (risky_nodes(formula).into_iter())
                .map(|node| (place_key(node), self.reason_at(node)))
                .collect(),
            otherwise: format!(
                "cannot be computed with these numbers: change {}",
                self.names_in(formula)
            ),
        }
    }

    /// The reason of a division (its divisor must not be 0) or a power (it must have a real
    /// value).
    fn reason_at(&self, node: &Node) -> String {
        match &node.kind {
            Kind::Binary(BinOp::Div, _, divisor) => match &divisor.kind {
                Kind::Name(name) if self.not_negative.contains(&name.as_str()) => {
                    format!("needs {} above 0", self.label(name))
                }
                Kind::Name(name) => format!("needs {} other than 0", self.label(name)),
                _ => format!("cannot divide by 0: change {}", self.names_in(divisor)),
            },
            _ => format!(
                "has no real value with these numbers: change {}",
                self.names_in(node)
            ),
        }
    }

    /// The labels of the names of a formula, in quotation marks: “A”, “B” or “C”.
    fn names_in(&self, node: &Node) -> String {
        let mut names: Vec<&str> = Vec::new();
        for (name, _) in node.names() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let labels: Vec<String> = names.iter().map(|name| self.label(name)).collect();
        match labels.split_last() {
            None => "the numbers above".to_string(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }

    fn label(&self, name: &str) -> String {
        format!("“{}”", self.labels.get(name).copied().unwrap_or(name))
    }
}

#[cfg(test)]
mod tests;
