//! The `case-study` schema: the customer, their situation, the results as before and after (with
//! the change computed where both are numbers, such as "−71 %") and an optional quote. Pages lead
//! with the results as large figures; listings show the first result on the card.

use serde::Serialize;

use crate::calculator::Format;
use crate::content::Node;
use crate::content::node::Fields;
use crate::diagnostics::{Diagnostic, Source};

use super::KindData;
use super::calculator::format_value;
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
    pub results: Vec<Outcome>,
    /// What the customer said.
    pub quote: Option<Quote>,
}

/// One measured result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What was measured.
    pub metric: String,
    /// The value before.
    pub before: Figure,
    /// The value after.
    pub after: Figure,
    /// The unit of both numbers, such as "days" or "$".
    pub unit: Option<String>,
}

/// Reads a `[case-study]` table; every problem is returned.
pub fn read(table: Node, source: &Source) -> (KindData, Vec<Diagnostic>) {
    let mut fields = Fields::new(source, "case study", table).within("the `[case-study]` table");
    let customer = fields.required_text("customer", "\"Harbourline Logistics\"");
    let mut optional = |key: &str| fields.text(key).map(|text| text.value);
    let (industry, size, region) = (optional("industry"), optional("size"), optional("region"));
    let (challenge, solution) = (optional("challenge"), optional("solution"));
    let written = fields.has("results");
    let results = fields.tables("results", "result", read_result);
    if !written {
        fields.missing(
            "results",
            "[{ metric = \"…\", before = 14, after = 4, unit = \"days\" }]",
        );
    }
    let quote = fields.take("quote").and_then(|node| {
        let mut quote_fields = Fields::new(source, "quote", node);
        let quote = shared::quote(&mut quote_fields, "text", false);
        let problems = quote_fields.finish();
        let complete = problems.is_empty();
        problems.into_iter().for_each(|p| fields.report(p));
        quote.filter(|_| complete)
    });
    let problems = fields.finish();
    let Some(customer) = customer.filter(|_| problems.is_empty()) else {
        return (KindData::None, problems);
    };
    let data = CaseStudyData {
        customer: customer.value,
        industry,
        size,
        region,
        challenge,
        solution,
        results,
        quote,
    };
    (KindData::CaseStudy(Box::new(data)), problems)
}

fn read_result(mut fields: Fields<'_>) -> (Option<Outcome>, Vec<Diagnostic>) {
    let metric = fields.required_text("metric", "\"Days from receipt to approval\"");
    let mut required = |key: &str, example: &str| {
        if !fields.has(key) {
            fields.missing(key, example);
            return None;
        }
        shared::figure(&mut fields, key)
    };
    let (before, after) = (required("before", "14"), required("after", "4"));
    let unit = fields.text("unit").map(|unit| unit.value);
    let problems = fields.finish();
    let outcome = match (metric, before, after) {
        (Some(metric), Some(before), Some(after)) => Some(Outcome {
            metric: metric.value,
            before: before.value,
            after: after.value,
            unit,
        }),
        _ => None,
    };
    (outcome, problems)
}

impl CaseStudyData {
    /// What templates see as `asset.data`.
    pub fn view(&self) -> CaseStudyView<'_> {
        CaseStudyView {
            customer: &self.customer,
            industry: self.industry.as_deref(),
            size: self.size.as_deref(),
            region: self.region.as_deref(),
            challenge: self.challenge.as_deref(),
            solution: self.solution.as_deref(),
            results: self.results.iter().map(Outcome::view).collect(),
            quote: self.quote.as_ref(),
        }
    }

    /// What a card shows: the first result.
    pub fn headline(&self) -> Option<ResultView<'_>> {
        self.results.first().map(Outcome::view)
    }
}

impl Outcome {
    fn view(&self) -> ResultView<'_> {
        let unit = self.unit.as_deref();
        ResultView {
            metric: &self.metric,
            before: shown(&self.before, unit),
            after: shown(&self.after, unit),
            change: change(&self.before, &self.after),
        }
    }
}

/// A case study as templates see it.
#[derive(Serialize)]
pub struct CaseStudyView<'a> {
    customer: &'a str,
    industry: Option<&'a str>,
    size: Option<&'a str>,
    region: Option<&'a str>,
    challenge: Option<&'a str>,
    solution: Option<&'a str>,
    results: Vec<ResultView<'a>>,
    quote: Option<&'a Quote>,
}

/// A result with its figures formatted and its change, such as "−71 %".
#[derive(Serialize)]
pub struct ResultView<'a> {
    metric: &'a str,
    before: String,
    after: String,
    change: Option<String>,
}

/// A figure as the page shows it: a number with its unit (a currency sign in front, `%` right
/// after it, a word after a space), or text as written.
fn shown(figure: &Figure, unit: Option<&str>) -> String {
    let number = match figure {
        Figure::Text(text) => return text.clone(),
        Figure::Number { value, decimals } => {
            format_value(*value, Format::Number, Some(*decimals), "")
        }
    };
    match unit {
        None => number,
        Some(sign @ ("$" | "€" | "£" | "¥" | "₹")) => match number.strip_prefix('-') {
            Some(positive) => format!("-{sign}{positive}"),
            None => format!("{sign}{number}"),
        },
        Some("%") => format!("{number}%"),
        Some(word) => format!("{number}\u{a0}{word}"),
    }
}

/// The change from `before` to `after` in whole percent with its sign, such as "−71 %", when
/// both are numbers and `before` is not zero.
fn change(before: &Figure, after: &Figure) -> Option<String> {
    let (Figure::Number { value: from, .. }, Figure::Number { value: to, .. }) = (before, after)
    else {
        return None;
    };
    if *from == 0.0 {
        return None;
    }
    let percent = ((to - from) / from.abs() * 100.0).round();
    let sign = match percent {
        p if p < 0.0 => "\u{2212}",
        p if p > 0.0 => "+",
        _ => "",
    };
    Some(format!("{sign}{}\u{a0}%", percent.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64, decimals: u32) -> Figure {
        Figure::Number { value, decimals }
    }

    #[test]
    fn changes_are_whole_percent_with_a_real_minus() {
        let cases = [
            (number(14.0, 0), number(4.0, 0), Some("\u{2212}71\u{a0}%")),
            (number(12.8, 2), number(4.1, 2), Some("\u{2212}68\u{a0}%")),
            (number(40.0, 0), number(100.0, 0), Some("+150\u{a0}%")),
            (number(5.0, 0), number(5.0, 0), Some("0\u{a0}%")),
            (number(0.0, 0), number(3.0, 0), None),
            (Figure::Text("a week".into()), number(3.0, 0), None),
        ];
        for (before, after, expected) in cases {
            assert_eq!(
                change(&before, &after).as_deref(),
                expected,
                "{before:?} → {after:?}"
            );
        }
    }

    #[test]
    fn figures_keep_their_decimals_and_place_their_unit() {
        let cases = [
            (number(12.8, 2), Some("$"), "$12.80"),
            (number(4200.0, 0), None, "4,200"),
            (number(19.0, 0), Some("%"), "19%"),
            (number(14.2, 1), Some("days"), "14.2\u{a0}days"),
            (Figure::Text("a week".into()), Some("days"), "a week"),
        ];
        for (figure, unit, expected) in cases {
            assert_eq!(shown(&figure, unit), expected, "{figure:?} {unit:?}");
        }
    }
}
