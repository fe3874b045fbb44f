//! The `calculator` schema: a savings calculator read from its `[calculator]` table, checked,
//! evaluated for its defaults and scenarios, shown by templates with real figures (so the page
//! is complete without JavaScript), and written as a spreadsheet the buyer keeps; [`send`] is
//! its "send these numbers" link.

mod send;
mod view;

pub use send::{ASSET_PARAMETER, SendLink};
pub use view::CalculatorView;

use std::sync::Arc;

use rust_xlsxwriter::XlsxError;

use crate::address::SendTo;
use crate::calculator::{self, Calculator, Compiled, Evaluation, Format};
use crate::config::Config;
use crate::content::Fields;
use crate::content::FrontMatterNode;
use crate::diagnostics::{Diagnostic, Problems, Source};
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
    /// Where the buyer may send the numbers, if anywhere.
    pub send_to: Option<SendTo>,
}

/// Reads, checks and evaluates a calculator table, adding every problem to `problems`; `None`
/// when it has an error.
pub fn read(
    table: FrontMatterNode,
    source: &Source,
    config: &Config,
    problems: &mut Problems,
) -> Option<KindData> {
    let fields = Fields::new(source, "calculator", table).within("the `[calculator]` table");
    let calculator = calculator::schema::read(fields, problems)?;
    let mut compiled = calculator::compile(source, &calculator, problems)?;
    // Settled once, so the page, its script and the spreadsheet show the same currency.
    compiled.currency = compiled
        .currency
        .or_else(|| Some(config.currency.get_ref().clone()));
    let numbers = Numbers::shared(&Language::of_site(&config.language), currency_of(&compiled))
        .map_err(|message| problems.push(Diagnostic::error(source, 0..0, message)))
        .ok()?;
    let units = check_units(source, &calculator, &numbers, problems);
    let send_to = check_send_to(source, &calculator, config, problems);
    units?;
    let send_to = send_to?;
    let evaluation = calculator::evaluate_all(source, &calculator, &compiled, problems)?;
    let data = CalculatorData {
        calculator,
        compiled,
        evaluation,
        numbers,
        send_to,
    };
    Some(KindData::Calculator(Box::new(data)))
}

/// A `unit` beside `format = "currency"` that names a currency: another currency than the
/// calculator's is an error (the amounts would read as the wrong money), the same one a warning
/// (its sign is shown already). `None` when there is an error.
fn check_units(
    source: &Source,
    calculator: &Calculator,
    numbers: &Numbers,
    problems: &mut Problems,
) -> Option<()> {
    let currency = numbers.currency();
    let amounts = calculator
        .inputs
        .iter()
        .filter(|i| i.format == Format::Currency);
    let found: Vec<Diagnostic> = amounts
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
        .collect();
    let clean = !found.iter().any(Diagnostic::is_error);
    problems.extend(found);
    clean.then_some(())
}

/// The checked `send_to` of a calculator, or else the site's `[calculators]` one (`Some(None)`
/// when neither is given), adding what is wrong to `problems`: a bad address, or an input or
/// output whose id is the parameter that carries the page's address; `None` when something is.
/// The site's address is checked with the configuration, and sends nowhere when it is bad.
fn check_send_to(
    source: &Source,
    calculator: &Calculator,
    config: &Config,
    problems: &mut Problems,
) -> Option<Option<SendTo>> {
    let send_to = match (&calculator.send_to, &config.calculators.send_to) {
        (Some(given), _) => send::check(given, source)
            .map_err(|problem| problems.push(problem))
            .ok()?,
        (None, Some(site)) => match SendTo::parse(site.get_ref()) {
            Ok(send_to) => send_to,
            Err(_) => return Some(None),
        },
        (None, None) => return Some(None),
    };
    let ids = (calculator.inputs.iter().map(|input| &input.id))
        .chain(calculator.outputs.iter().map(|output| &output.id));
    let clashes: Vec<Diagnostic> = ids
        .filter(|id| matches!(send_to, SendTo::Page(_)) && id.value == ASSET_PARAMETER)
        .map(|id| {
            let message = format!(
                "the id `{ASSET_PARAMETER}` is the name `send_to` gives the address of this page"
            );
            Diagnostic::error(source, id.span.clone(), message)
                .with_help("give this input or output another id, such as `asset_count`")
        })
        .collect();
    let clean = clashes.is_empty();
    problems.extend(clashes);
    clean.then_some(Some(send_to))
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
    pub fn workbook(&self, title: &str) -> Result<Vec<u8>, XlsxError> {
        calculator::workbook(
            title,
            &self.calculator,
            &self.compiled,
            &self.evaluation.columns(),
            &self.numbers,
        )
    }
}
