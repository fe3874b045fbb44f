//! Numbers as a buyer reads them: the one definition of each format (`number`, `currency`,
//! `percent`, with `decimals`) that the page, its script, the spreadsheet and the downloads follow.
//!
//! A [`Style`] says how a value is shown. From it come, and only from it:
//!
//! * [`Style::digits`]: how many digits after the point, the rule every place applies;
//! * [`Style::intl_options`]: the options the page's script gives `Intl.NumberFormat`, so the
//!   browser writes what the build wrote;
//! * [`Numbers::show`]: the text at build time, from the CLDR data of ICU4X for the site's
//!   language, equal to what `Intl.NumberFormat` writes with those options;
//! * [`Style::spreadsheet_format`]: the number format of a spreadsheet cell, over the value the
//!   formulas see (a percentage as its fraction).
//!
//! [`Dates`] writes the dates a page shows, such as when an asset was reviewed, in the same
//! language.
//!
//! The percent convention: a percentage is written and typed as the number the buyer reads (80
//! for 80 %); formulas and the spreadsheet see the fraction (0.8).

mod date;
mod locale;
mod shared;
mod spreadsheet;

pub use date::Dates;
pub use locale::{Language, Numbers, currency_named};
pub use spreadsheet::{CellFormat, WholeFormat};

use serde::Serialize;

/// The word after a change of a percentage in points, such as "+23 pts": CLDR has no unit for
/// percentage points, so it is the same in every language.
pub const POINTS: &str = "pts";

/// A change from one figure to another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureChange {
    /// Of a percentage (written as the buyer reads it, 38 for 38 %), in points with `decimals`.
    Points {
        /// The percentage before.
        from: f64,
        /// The percentage after.
        to: f64,
        /// Digits after the point.
        decimals: u32,
    },
    /// Of any other number, relative to the value before (which must not be zero).
    Relative {
        /// The value before.
        from: f64,
        /// The value after.
        to: f64,
    },
}

/// How a value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A plain number.
    #[default]
    Number,
    /// An amount of money in the calculator's currency.
    Currency,
    /// A fraction shown as a percentage: 0.25 is shown as 25 %.
    Percent,
}

/// How one value is shown: its format and, if fixed, its digits after the point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Number, currency or percent.
    pub format: Format,
    /// Digits after the point, always shown; the format's own rule when `None`.
    pub decimals: Option<u32>,
}

/// The most digits after the point any format shows (what `Intl.NumberFormat` accepts).
pub const MAX_DECIMALS: u32 = 20;

/// How many digits after the point a value shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// Between `min` and `max`, trailing zeros beyond `min` dropped.
    Range {
        /// Always shown.
        min: u32,
        /// At most; the value is rounded half away from zero there.
        max: u32,
    },
    /// The currency's own digits (two for USD, none for JPY), none when the amount rounds to a
    /// whole number.
    CurrencyUnlessWhole,
}

/// The options of `Intl.NumberFormat` for one style, as the page's script receives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IntlOptions {
    style: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum_fraction_digits: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_fraction_digits: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trailing_zero_display: Option<&'static str>,
}

impl Style {
    /// A style of `format` with the format's own digits.
    pub fn of(format: Format) -> Self {
        Style {
            format,
            decimals: None,
        }
    }

    /// The digits after the point: `decimals` when given; otherwise up to two for a number, up
    /// to one for a percentage, and the currency's own for an amount unless it is whole.
    pub fn digits(&self) -> Digits {
        let decimals = self.decimals.map(|d| d.min(MAX_DECIMALS));
        match (self.format, decimals) {
            (_, Some(fixed)) => Digits::Range {
                min: fixed,
                max: fixed,
            },
            (Format::Number, None) => Digits::Range { min: 0, max: 2 },
            (Format::Percent, None) => Digits::Range { min: 0, max: 1 },
            (Format::Currency, None) => Digits::CurrencyUnlessWhole,
        }
    }

    /// The options the page's script gives `Intl.NumberFormat` for this style, amounts in
    /// `currency` (an ISO 4217 code).
    pub fn intl_options(&self, currency: &str) -> IntlOptions {
        let (style, currency) = match self.format {
            Format::Number => ("decimal", None),
            Format::Percent => ("percent", None),
            Format::Currency => ("currency", Some(currency.to_string())),
        };
        let (min, max, trailing) = match self.digits() {
            Digits::Range { min, max } => (Some(min), Some(max), None),
            Digits::CurrencyUnlessWhole => (None, None, Some("stripIfInteger")),
        };
        IntlOptions {
            style,
            currency,
            minimum_fraction_digits: min,
            maximum_fraction_digits: max,
            trailing_zero_display: trailing,
        }
    }

    /// The value the formulas and the spreadsheet see for a value as the buyer writes it: a
    /// percentage as its fraction (80 → 0.8), any other value as it is.
    pub fn to_formula_value(&self, written: f64) -> f64 {
        match self.format {
            Format::Percent => written / 100.0,
            _ => written,
        }
    }
}

#[cfg(test)]
mod tests;
