//! The `case-study` schema: the customer, their situation, the results as before and after (with
//! the change computed where it means something) and an optional quote. Pages lead with the
//! results as large figures; listings show the first result on the card.
//!
//! Figures are written by [`crate::number`] in the site's language: a `%` unit makes them
//! percentages, a currency code (or the site currency's sign) amounts, any other unit a word after
//! the number. A percentage changes in points ("+23 pts"); other numbers change relatively
//! ("−71 %") when the value before is not zero; text figures have no change.

mod view;

pub use view::ResultView;

use std::sync::Arc;

use crate::config::Config;
use crate::content::Fields;
use crate::content::FrontMatterNode;
use crate::diagnostics::{Diagnostic, Problems, Source};
use crate::number::{FigureChange, Format, Language, Numbers, Style};

use super::KindData;
use super::shared::{self, Figure, Quote};

/// A case study as read from its `[case-study]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStudyData {
    /// The customer's name.
    pub customer: String,
    /// Their industry, size and region, each if written.
    pub industry: Option<String>,
    /// How big they are, such as "4,200 invoices a month".
    pub size: Option<String>,
    /// Where they are.
    pub region: Option<String>,
    /// What they had to solve, in a sentence.
    pub challenge: Option<String>,
    /// What they did, in a sentence.
    pub solution: Option<String>,
    /// The results, the headline first.
    pub results: Vec<CaseStudyResult>,
    /// What the customer said.
    pub quote: Option<Quote>,
}

/// One measured result.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStudyResult {
    /// What was measured.
    pub metric: String,
    /// The value before.
    pub before: Figure,
    /// The value after.
    pub after: Figure,
    /// The unit of both numbers, such as "days" or "$".
    pub unit: Option<String>,
    /// The figures and the change as the page shows them.
    pub shown: Shown,
}

/// An outcome's figures as the page shows them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    before: String,
    after: String,
    change: Option<String>,
}

/// Reads a `[case-study]` table, adding every problem to `problems`; `None` when it has one.
pub fn read(
    table: FrontMatterNode,
    source: &Source,
    config: &Config,
    problems: &mut Problems,
) -> Option<KindData> {
    let mut fields = Fields::new(source, "case study", table).within("the `[case-study]` table");
    let customer = fields.required_text("customer", "\"Harbourline Logistics\"");
    let mut optional = |key: &'static str| fields.text(key).map(|text| text.value);
    let (industry, size, region) = (optional("industry"), optional("size"), optional("region"));
    let (challenge, solution) = (optional("challenge"), optional("solution"));
    let written = fields.has("results");
    let mut results = fields.tables("results", "result", read_result);
    if !written {
        fields.missing(
            "results",
            "[{ metric = \"…\", before = 14, after = 4, unit = \"days\" }]",
        );
    }
    let quote = fields.take("quote").and_then(|node| {
        let mut quote_fields = Fields::new(source, "quote", node);
        let quote = shared::quote(&mut quote_fields, "text", false);
        quote_fields.finish(fields.problems())?;
        quote
    });
    fields.finish(problems)?;
    let numbers = |currency: &str| Numbers::shared(&Language::of_site(&config.language), currency);
    let site = numbers(config.currency.get_ref())
        .map_err(|message| problems.push(Diagnostic::error(source, 0..0, message)))
        .ok()?;
    (results.iter_mut())
        .for_each(|outcome| outcome.shown = shown_outcome(outcome, &site, &numbers));
    let data = CaseStudyData {
        customer: customer?.value,
        industry,
        size,
        region,
        challenge,
        solution,
        results,
        quote,
    };
    Some(KindData::CaseStudy(Box::new(data)))
}

fn read_result(mut fields: Fields<'_>, problems: &mut Problems) -> Option<CaseStudyResult> {
    let metric = fields.required_text("metric", "\"Days from receipt to approval\"");
    let mut required = |key: &'static str, example: &str| {
        if !fields.has(key) {
            fields.missing(key, example);
            return None;
        }
        shared::figure(&mut fields, key)
    };
    let (before, after) = (required("before", "14"), required("after", "4"));
    let unit = fields.text("unit").map(|unit| unit.value);
    let _ = fields.finish(problems);
    Some(CaseStudyResult {
        metric: metric?.value,
        before: before?.value,
        after: after?.value,
        unit,
        shown: Shown::default(),
    })
}

/// How an outcome's numbers are written: as percentages for the unit `%`, as amounts for a
/// currency (its ISO code, or the sign of the site's currency), otherwise as numbers followed by
/// the unit.
enum UnitKind<'a> {
    Percent,
    Amount(Option<Arc<Numbers>>),
    Number(Option<&'a str>),
}

/// The figures and change of an outcome; `numbers` gives the formatters of another currency.
fn shown_outcome(
    outcome: &CaseStudyResult,
    site: &Numbers,
    numbers: &dyn Fn(&str) -> Result<Arc<Numbers>, String>,
) -> Shown {
    let kind = match outcome.unit.as_deref() {
        Some("%") => UnitKind::Percent,
        Some(code) if is_currency_code(code) => UnitKind::Amount(numbers(code).ok()),
        Some(sign) if site.affixes(Format::Currency).0.trim() == sign => UnitKind::Amount(None),
        Some(sign) if site.affixes(Format::Currency).1.trim() == sign => UnitKind::Amount(None),
        unit => UnitKind::Number(unit),
    };
    let figure = |figure: &Figure| -> String {
        let Figure::Number { value, decimals } = figure else {
            return match figure {
                Figure::Text(text) => text.clone(),
                Figure::Number { .. } => String::new(),
            };
        };
        let style = |format| Style {
            format,
            decimals: Some(*decimals),
        };
        match &kind {
            UnitKind::Percent => site.show(value / 100.0, style(Format::Percent)),
            UnitKind::Amount(other) => other
                .as_ref()
                .map_or(site, |numbers| numbers.as_ref())
                .show(*value, style(Format::Currency)),
            UnitKind::Number(None) => site.show(*value, style(Format::Number)),
            UnitKind::Number(Some(unit)) => {
                format!("{}\u{a0}{unit}", site.show(*value, style(Format::Number)))
            }
        }
    };
    let change = match (&outcome.before, &outcome.after, &kind) {
        (
            Figure::Number {
                value: from,
                decimals: a,
            },
            Figure::Number {
                value: to,
                decimals: b,
            },
            UnitKind::Percent,
        ) => Some(site.change(FigureChange::Points {
            from: *from,
            to: *to,
            decimals: (*a).max(*b),
        })),
        (Figure::Number { value: from, .. }, Figure::Number { value: to, .. }, _)
            if *from != 0.0 =>
        {
            Some(site.change(FigureChange::Relative {
                from: *from,
                to: *to,
            }))
        }
        _ => None,
    };
    Shown {
        before: figure(&outcome.before),
        after: figure(&outcome.after),
        change,
    }
}

/// Whether a unit is written as an ISO 4217 code: three capital letters.
fn is_currency_code(unit: &str) -> bool {
    unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase())
}
