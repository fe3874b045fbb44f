//! The data of an asset's kind: the table named after the kind in its front matter (such as
//! `[calculator]`). A kind with a schema reads that table into typed fields, each with its place
//! in the file, and reports what is wrong at the line of the bad value; a kind without one keeps
//! the table as free-form data for templates. A kind's schema is named by `schema` in its
//! `[[kinds]]` table, or else by its slug when that is a schema's name. Each schema has its own
//! module, which reads the table and gives templates its view of the data as `asset.data`;
//! [`shared`] holds what several schemas use.

mod action_plan;
pub mod calculator;
mod case_study;
mod checklist;
mod comparison;
mod shared;
mod testimonial;
pub mod testimonial_link;

pub use action_plan::ActionPlanData;
pub use calculator::CalculatorData;
pub use case_study::CaseStudyData;
pub use checklist::ChecklistData;
pub use comparison::ComparisonData;
pub use shared::{Figure, Quote, item_key};
pub use testimonial::TestimonialData;

use std::path::PathBuf;

use rust_xlsxwriter::XlsxError;
use serde::{Serialize, Serializer};

use crate::config::{Config, KindConfig};
use crate::content::{FrontMatterNode, Located};
use crate::diagnostics::{Diagnostic, Problems, Source, suggestion};

/// The built-in schemas of kind tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// A savings calculator: inputs, formula outputs and scenarios.
    Calculator,
    /// A case study: the customer, results before and after, a quote.
    CaseStudy,
    /// A comparison sheet: options against weighted criteria.
    Comparison,
    /// A decision checklist: items to tick, with owners.
    Checklist,
    /// A testimonial: a customer's words and who said them.
    Testimonial,
    /// An action plan: tasks with owners, grouped by phase.
    ActionPlan,
}

impl Schema {
    /// Every schema.
    pub const ALL: &[Schema] = &[
        Schema::Calculator,
        Schema::CaseStudy,
        Schema::Comparison,
        Schema::Checklist,
        Schema::Testimonial,
        Schema::ActionPlan,
    ];

    /// The name that `schema` and the kind's slug use.
    pub fn name(self) -> &'static str {
        match self {
            Schema::Calculator => "calculator",
            Schema::CaseStudy => "case-study",
            Schema::Comparison => "comparison",
            Schema::Checklist => "checklist",
            Schema::Testimonial => "testimonial",
            Schema::ActionPlan => "action-plan",
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

    /// Adds an error for each kind of `config` whose `schema` names no schema.
    pub fn check_names(config: &Config, source: &Source, problems: &mut Problems) {
        for name in config.kinds.iter().filter_map(|kind| kind.schema.as_ref()) {
            if Schema::from_name(name.get_ref()).is_none() {
                let schemas = Schema::ALL.iter().map(|schema| schema.name());
                problems.push(
                    Diagnostic::error(
                        source,
                        name.span(),
                        format!("unknown schema `{}`", name.get_ref()),
                    )
                    .with_help(suggestion(name.get_ref(), "schema", schemas)),
                );
            }
        }
    }

    /// The theme template its assets are rendered with, when the theme has it.
    pub fn template(self) -> &'static str {
        match self {
            Schema::Calculator => "calculator.html",
            Schema::CaseStudy => "case-study.html",
            Schema::Comparison => "comparison.html",
            Schema::Checklist => "checklist.html",
            Schema::Testimonial => "testimonial.html",
            Schema::ActionPlan => "action-plan.html",
        }
    }

    /// True when an asset of this schema must have its table; the others may be plain
    /// Markdown, shown as written.
    fn needs_table(self) -> bool {
        self == Schema::Calculator
    }
}

/// What an asset's kind table holds, as its schema read it.
#[derive(Debug, Clone, Default)]
pub enum KindData {
    /// The asset has no table for its kind.
    #[default]
    None,
    /// The table of a kind without a schema, as written.
    Free(FrontMatterNode),
    /// A savings calculator, checked and evaluated.
    Calculator(Box<CalculatorData>),
    /// A case study.
    CaseStudy(Box<CaseStudyData>),
    /// A comparison sheet, its options in the order shown.
    Comparison(Box<ComparisonData>),
    /// A decision checklist.
    Checklist(Box<ChecklistData>),
    /// A testimonial.
    Testimonial(Box<TestimonialData>),
    /// An action plan.
    ActionPlan(Box<ActionPlanData>),
}

/// What a listing's card shows of an asset's data, as `asset.card`: a case study's first
/// result (`headline`) or a testimonial's words (`quote`).
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Card<'a> {
    /// A case study's first result.
    Headline(case_study::ResultView<'a>),
    /// A testimonial's quote.
    Quote(&'a Quote),
}

impl KindData {
    /// The file this data publishes next to the asset's page, named after the asset's slug:
    /// a calculator's or an action plan's spreadsheet, a comparison sheet's CSV.
    pub fn download_name(&self, slug: &str) -> Option<String> {
        match self {
            KindData::Calculator(_) | KindData::ActionPlan(_) => Some(format!("{slug}.xlsx")),
            KindData::Comparison(_) => Some(format!("{slug}.csv")),
            _ => None,
        }
    }

    /// The bytes of the file of [`KindData::download_name`], for an asset titled `title`;
    /// `None` when it has none. The error is the spreadsheet writer's, which the one caller
    /// turns into a diagnostic.
    pub fn download(&self, title: &str) -> Option<Result<Vec<u8>, XlsxError>> {
        match self {
            KindData::Calculator(data) => Some(data.workbook(title)),
            KindData::ActionPlan(data) => Some(data.workbook(title)),
            KindData::Comparison(data) => Some(Ok(data.csv())),
            _ => None,
        }
    }

    /// A calculator's "send these numbers" link, for the page of the asset titled `title` at
    /// the address `page`, when it sends its numbers anywhere.
    pub fn send_link(&self, title: &str, page: &str) -> Option<calculator::SendLink> {
        match self {
            KindData::Calculator(data) => data.send_link(title, page),
            _ => None,
        }
    }

    /// What a listing's card shows of this data, if anything.
    pub fn card(&self) -> Option<Card<'_>> {
        match self {
            KindData::CaseStudy(data) => data.headline().map(Card::Headline),
            KindData::Testimonial(data) => Some(Card::Quote(&data.quote)),
            _ => None,
        }
    }

    /// The case study a testimonial names, as written.
    pub fn case_study(&self) -> Option<&Located<String>> {
        match self {
            KindData::Testimonial(data) => data.case_study.as_ref(),
            _ => None,
        }
    }

    /// Links a testimonial's quote to the page of its case study at `url`; whether the link
    /// changed.
    pub fn link(&mut self, url: String) -> bool {
        match self {
            KindData::Testimonial(data) if data.quote.url.as_ref() != Some(&url) => {
                data.quote.url = Some(url);
                true
            }
            _ => false,
        }
    }
}

/// The files beside an asset written as a bundle (an `index.md` in a folder of its own), which
/// its kind's data may read, such as a comparison sheet's CSV file. A file read is taken out, so
/// that it is not published as well.
#[derive(Debug, Default)]
pub struct Bundle {
    /// False for an asset written as a file of its own, which has no files beside it.
    pub is_bundle: bool,
    /// The files published with the asset.
    pub files: Vec<PathBuf>,
}

impl Bundle {
    /// Takes the file called `name` out of the bundle, if it has one.
    pub fn take(&mut self, name: &str) -> Option<PathBuf> {
        let at =
            (self.files.iter()).position(|file| file.file_name().is_some_and(|n| n == name))?;
        Some(self.files.remove(at))
    }

    /// The names of its files.
    pub fn names(&self) -> Vec<String> {
        (self.files.iter())
            .filter_map(|file| file.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect()
    }
}

/// Reads the kind table of an asset (in `source`) by the kind's schema, adding the problems
/// found to `problems` (then the data is [`KindData::None`]). `opening` is where a missing table
/// is reported; `config` gives defaults such as the currency; `bundle` holds the files the table
/// may name.
pub fn read(
    schema: Option<Schema>,
    table: Option<FrontMatterNode>,
    source: &Source,
    opening: std::ops::Range<usize>,
    config: &Config,
    bundle: &mut Bundle,
    problems: &mut Problems,
) -> KindData {
    match (schema, table) {
        (None, None) => KindData::None,
        (None, Some(table)) => KindData::Free(table),
        (Some(schema), None) if !schema.needs_table() => KindData::None,
        (Some(schema), None) => {
            problems.push(Diagnostic::error(
                source,
                opening,
                format!("this asset has no `[{}]` table", schema.name()),
            )
            .with_help(format!(
                "a {0} keeps its data in a `[{0}]` table of its front matter; `docs/kinds/{0}.md` shows one",
                schema.name()
            )));
            KindData::None
        }
        (Some(schema), Some(table)) => {
            read_table(schema, table, source, config, bundle, problems).unwrap_or_default()
        }
    }
}

fn read_table(
    schema: Schema,
    table: FrontMatterNode,
    source: &Source,
    config: &Config,
    bundle: &mut Bundle,
    problems: &mut Problems,
) -> Option<KindData> {
    match schema {
        Schema::Calculator => calculator::read(table, source, config, problems),
        Schema::CaseStudy => case_study::read(table, source, config, problems),
        Schema::Comparison => comparison::read(table, source, config, bundle, problems),
        Schema::Checklist => checklist::read(table, source, config, problems),
        Schema::Testimonial => testimonial::read(table, source, problems),
        Schema::ActionPlan => action_plan::read(table, source, config, problems),
    }
}

/// Templates see a free-form table as its plain values, and a schema's data as its view.
impl Serialize for KindData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            KindData::None => serializer.serialize_unit(),
            KindData::Free(node) => node.serialize(serializer),
            KindData::Calculator(data) => data.view().serialize(serializer),
            KindData::CaseStudy(data) => data.view().serialize(serializer),
            KindData::Comparison(data) => data.view().serialize(serializer),
            KindData::Checklist(data) => data.view().serialize(serializer),
            KindData::Testimonial(data) => data.quote.serialize(serializer),
            KindData::ActionPlan(data) => data.view().serialize(serializer),
        }
    }
}
