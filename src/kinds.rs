//! The data of an asset's kind: the table named after the kind in its front matter (such as
//! `[calculator]`). A kind with a schema reads that table into typed fields, each with its place
//! in the file, and reports what is wrong at the line of the bad value; a kind without one keeps
//! the table as free-form data for templates. A kind's schema is named by `schema` in its
//! `[[kinds]]` table, or else by its slug when that is a schema's name.

use serde::{Serialize, Serializer};

use crate::calculator::{self, Calculator, Compiled, Evaluation};
use crate::config::KindConfig;
use crate::content::Node;
use crate::content::node::Fields;
use crate::diagnostics::{Diagnostic, Source};

/// The built-in schemas of kind tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// A savings calculator: inputs, formula outputs and scenarios.
    Calculator,
}

impl Schema {
    /// Every schema.
    pub const ALL: &[Schema] = &[Schema::Calculator];

    /// The name that `schema` and the kind's slug use.
    pub fn name(self) -> &'static str {
        match self {
            Schema::Calculator => "calculator",
        }
    }

    /// The schema of this name.
    pub fn from_name(name: &str) -> Option<Schema> {
        Schema::ALL
            .iter()
            .copied()
            .find(|schema| schema.name() == name)
    }

    /// The schema of a kind: the one it names, or the one named like its slug.
    pub fn of(kind: &KindConfig) -> Option<Schema> {
        match &kind.schema {
            Some(name) => Schema::from_name(name.get_ref()),
            None => Schema::from_name(kind.slug.get_ref()),
        }
    }

    /// The theme template its assets are rendered with, when the theme has it.
    pub fn template(self) -> &'static str {
        match self {
            Schema::Calculator => "calculator.html",
        }
    }
}

/// What an asset's kind table holds, as its schema read it.
#[derive(Debug, Clone, Default)]
pub enum KindData {
    /// The asset has no table for its kind.
    #[default]
    None,
    /// The table of a kind without a schema, as written.
    Free(Node),
    /// A savings calculator, checked and evaluated.
    Calculator(Box<CalculatorData>),
}

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

impl KindData {
    /// The file this data publishes next to the asset's page, named after the asset's slug:
    /// a calculator's spreadsheet.
    pub fn download_name(&self, slug: &str) -> Option<String> {
        match self {
            KindData::Calculator(_) => Some(format!("{slug}.xlsx")),
            KindData::None | KindData::Free(_) => None,
        }
    }

    /// The bytes of the file of [`KindData::download_name`], for an asset titled `title`.
    pub fn download(&self, title: &str) -> Result<Vec<u8>, String> {
        match self {
            KindData::Calculator(data) => calculator::workbook(
                title,
                &data.calculator,
                &data.compiled,
                &data.evaluation.columns(),
            )
            .map_err(|error| error.to_string()),
            KindData::None | KindData::Free(_) => Err("this asset has no file to download".into()),
        }
    }
}

/// Reads the kind table of an asset (in `source`) by the kind's schema; the problems found are
/// returned with it.
pub fn read(
    schema: Option<Schema>,
    table: Option<Node>,
    source: &Source,
    opening: std::ops::Range<usize>,
) -> (KindData, Vec<Diagnostic>) {
    match (schema, table) {
        (None, None) => (KindData::None, Vec::new()),
        (None, Some(table)) => (KindData::Free(table), Vec::new()),
        (Some(schema), None) => {
            let problem = Diagnostic::error(
                source,
                opening,
                format!("this asset has no `[{}]` table", schema.name()),
            )
            .with_help(format!(
                "a {0} keeps its data in a `[{0}]` table of its front matter; the README shows one",
                schema.name()
            ));
            (KindData::None, vec![problem])
        }
        (Some(Schema::Calculator), Some(table)) => read_calculator(table, source),
    }
}

fn read_calculator(table: Node, source: &Source) -> (KindData, Vec<Diagnostic>) {
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

/// Templates see a free-form table as its plain values; a schema's data reaches them through
/// the views of [`crate::views`].
impl Serialize for KindData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            KindData::None | KindData::Calculator(_) => serializer.serialize_unit(),
            KindData::Free(node) => node.serialize(serializer),
        }
    }
}
