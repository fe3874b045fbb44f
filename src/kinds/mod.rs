//! The data of an asset's kind: the table named after the kind in its front matter (such as
//! `[calculator]`). A kind with a schema reads that table into typed fields, each with its place
//! in the file, and reports what is wrong at the line of the bad value; a kind without one keeps
//! the table as free-form data for templates. A kind's schema is named by `schema` in its
//! `[[kinds]]` table, or else by its slug when that is a schema's name. Each schema has its own
//! module, which reads the table and gives templates its view of the data as `asset.data`.

pub mod calculator;

pub use calculator::CalculatorData;

use serde::{Serialize, Serializer};

use crate::config::{Config, KindConfig};
use crate::content::Node;
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
            KindData::Calculator(data) => data.workbook(title),
            KindData::None | KindData::Free(_) => Err("this asset has no file to download".into()),
        }
    }
}

/// Reads the kind table of an asset (in `source`) by the kind's schema; the problems found are
/// returned with it. `opening` is where a missing table is reported; `config` gives defaults
/// such as the currency.
pub fn read(
    schema: Option<Schema>,
    table: Option<Node>,
    source: &Source,
    opening: std::ops::Range<usize>,
    config: &Config,
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
        (Some(Schema::Calculator), Some(table)) => calculator::read(table, source, config),
    }
}

/// Templates see a free-form table as its plain values, and a schema's data as its view.
impl Serialize for KindData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            KindData::None => serializer.serialize_unit(),
            KindData::Free(node) => node.serialize(serializer),
            KindData::Calculator(data) => data.view().serialize(serializer),
        }
    }
}
