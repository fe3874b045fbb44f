//! The `calculator` schema: a savings calculator read from its `[calculator]` table, checked,
//! evaluated for its defaults and scenarios, shown by templates with real figures (so the page
//! is complete without JavaScript), and written as a spreadsheet the buyer keeps.

mod view;

pub use view::CalculatorView;

use std::sync::Arc;

use crate::calculator::{self, Calculator, Compiled, Evaluation, Format};
use crate::config::Config;
use crate::content::Fields;
use crate::content::FrontMatterNode;
use crate::diagnostics::{Diagnostic, Source};
use crate::number::{Language, Numbers, Style, currency_named};

use super::KindData;

/// A calculator as read, compiled and evaluated for its defaults and scenarios.
#[derive(Debug, Clone)]
pub struct CalculatorData {
    /// As declared in the front matter.
    pub calculator: Calculator,
    /// Checked, with its outputs in evaluation order.
    pub compiled: Compiled,
    /// Every output for the defaults and every scenario.
    pub evaluation: Evaluation,
    /// How its figures are written, in the site's language and its currency.
    pub numbers: Arc<Numbers>,
}

/// Reads, checks and evaluates a calculator table; every problem is returned.
pub fn read(
    table: FrontMatterNode,
    source: &Source,
    config: &Config,
) -> (KindData, Vec<Diagnostic>) {
    let fields = Fields::new(source, "calculator", table).within("the `[calculator]` table");
    let (calculator, problems) = calculator::schema::read(fields);
    let Some(calculator) = calculator else {
        return (KindData::None, problems);
    };
    let compiled = match calculator::compile(source, &calculator) {
        Ok(compiled) => compiled,
        Err(found) => return (KindData::None, [problems, found].concat()),
    };
    // Settled once, so the page, its script and the spreadsheet show the same currency.
    let mut compiled = compiled;
    compiled.currency = compiled
        .currency
        .or_else(|| Some(config.currency.get_ref().clone()));
    let numbers = match Numbers::new(&Language::of_site(&config.language), currency_of(&compiled)) {
        Ok(numbers) => Arc::new(numbers),
        Err(message) => {
            let problem = Diagnostic::error(source, 0..0, message);
            return (KindData::None, [problems, vec![problem]].concat());
        }
    };
    let problems = [problems, unit_problems(source, &calculator, &numbers)].concat();
    if problems.iter().any(Diagnostic::is_error) {
        return (KindData::None, problems);
    }
    match calculator::evaluate_all(source, &calculator, &compiled) {
        Ok(evaluation) => {
            let data = CalculatorData {
                calculator,
                compiled,
                evaluation,
                numbers,
            };
            (KindData::Calculator(Box::new(data)), problems)
        }
        Err(found) => (KindData::None, [problems, found].concat()),
    }
}

/// A `unit` beside `format = "currency"` that names a currency: another currency than the
/// calculator's is an error (the amounts would read as the wrong money), the same one a warning
/// (its sign is shown already).
fn unit_problems(source: &Source, calculator: &Calculator, numbers: &Numbers) -> Vec<Diagnostic> {
    let currency = numbers.currency();
    let amounts = calculator
        .inputs
        .iter()
        .filter(|i| i.format == Format::Currency);
    amounts
        .filter_map(|input| {
            let unit = input.unit.as_ref()?;
            let named = currency_named(numbers.language(), &unit.value)?;
            let at = unit.span.clone();
            let sign = numbers.show(1.0, Style::of(Format::Currency));
            Some(if named == currency {
                Diagnostic::warning(source, at, format!("`{}` repeats the currency", unit.value))
                    .with_help(format!(
                        "remove `unit`: an amount shows its currency's sign already ({sign})"
                    ))
            } else {
                Diagnostic::error(
                    source,
                    at,
                    format!(
                        "`{}` names {named}, but this calculator's amounts are in {currency}",
                        unit.value
                    ),
                )
                .with_help(format!(
                    "set `currency = \"{named}\"` under `[calculator]` (or the site's `currency`) and remove `unit`: an amount shows its currency's sign itself"
                ))
            })
        })
        .collect()
}

/// The ISO 4217 code of a compiled calculator's amounts.
fn currency_of(compiled: &Compiled) -> &str {
    compiled.currency.as_deref().unwrap_or_default()
}

impl CalculatorData {
    /// The ISO 4217 code of its amounts: its own, or the site's.
    pub fn currency(&self) -> &str {
        currency_of(&self.compiled)
    }

    /// The spreadsheet of this calculator, for an asset titled `title`.
    pub fn workbook(&self, title: &str) -> Result<Vec<u8>, String> {
        calculator::workbook(
            title,
            &self.calculator,
            &self.compiled,
            &self.evaluation.columns(),
            &self.numbers,
        )
        .map_err(|error| error.to_string())
    }
}
