//! Build-time formatting with the CLDR data of ICU4X: the text `Intl.NumberFormat` writes in the
//! browser for the same language, currency and options.

use fixed_decimal::{Decimal, SignDisplay, SignedRoundingMode, UnsignedRoundingMode};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_experimental::dimension::provider::currency::fractions::CurrencyFractionsV1;
use icu_locale_core::Locale;
use icu_provider::prelude::*;

use super::{Digits, FigureChange, Format, POINTS, Style};

/// ISO 4217's code for "no currency".
const NO_CURRENCY: &str = "XXX";

/// A site's language as ICU4X and `Intl.NumberFormat` read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    locale: Locale,
}

impl Language {
    /// The language of a BCP 47 tag such as `en`, `de-CH` or `en-IN`; `None` when the tag is not
    /// one.
    pub fn parse(tag: &str) -> Option<Language> {
        Locale::try_from_str(tag)
            .ok()
            .map(|locale| Language { locale })
    }

    /// The language of a site's `language` tag, or the root language of CLDR (`und`, which
    /// `Intl.NumberFormat` also knows) when the tag is not one.
    pub fn of_site(tag: &str) -> Language {
        Language::parse(tag).unwrap_or(Language {
            locale: Locale::UNKNOWN,
        })
    }

    /// The locale ICU4X formats with.
    pub(super) fn locale(&self) -> &Locale {
        &self.locale
    }

    /// The tag in its canonical spelling, as the page's script gives it to `Intl.NumberFormat`.
    pub fn tag(&self) -> String {
        self.locale.to_string()
    }
}

/// The currencies whose signs a unit is compared with to tell that it names a currency, the most
/// used first, so that `$` names the US dollar.
const SIGNED_CURRENCIES: [&str; 24] = [
    "USD", "EUR", "GBP", "JPY", "INR", "CHF", "CNY", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK",
    "NOK", "DKK", "PLN", "CZK", "HUF", "BRL", "MXN", "KRW", "ZAR", "TRY", "ILS",
];

/// The ISO 4217 code a unit names: the unit itself when it is three capital letters, such as
/// `EUR`, or the currency whose sign it is in `language`, such as `€`; `None` for any other unit.
pub fn currency_named(language: &Language, unit: &str) -> Option<String> {
    let unit = unit.trim();
    if unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(unit.to_string());
    }
    SIGNED_CURRENCIES.into_iter().find_map(|code| {
        let numbers = Numbers::shared(language, code).ok()?;
        let (before, after) = numbers.affixes(Format::Currency);
        [before, after]
            .iter()
            .any(|sign| sign.trim() == unit)
            .then(|| code.to_string())
    })
}

/// The formatters of one language and one currency.
#[derive(Debug)]
pub struct Numbers {
    language: Language,
    currency: String,
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    money: CurrencyFormatter<DecimalFormatter>,
    currency_digits: u32,
}

impl Numbers {
    /// The formatters for `language` and amounts in `currency` (an ISO 4217 code such as
    /// `EUR`; a code that is not one, which the configuration reports, gives amounts in `XXX`,
    /// ISO's "no currency"); an error names what ICU4X could not load.
    // The error is one sentence, not a problem list: the caller knows the file and places it.
    pub fn new(language: &Language, currency: &str) -> Result<Numbers, String> {
        let code = CurrencyType::try_from_str(currency)
            .or_else(|_| CurrencyType::try_from_str(NO_CURRENCY))
            .map_err(|_| format!("`{currency}` is not an ISO 4217 currency code"))?;
        let locale = &language.locale;
        let loading = |error: DataError| format!("the number formats of `{locale}`: {error}");
        let fractions: DataPayload<CurrencyFractionsV1> = icu_experimental::provider::Baked
            .load(Default::default())
            .map_err(loading)?
            .payload;
        Ok(Numbers {
            language: language.clone(),
            currency: currency.to_string(),
            decimal: DecimalFormatter::try_new(locale.into(), Default::default())
                .map_err(loading)?,
            percent: PercentFormatter::try_new(locale.into(), Default::default())
                .map_err(loading)?,
            money: CurrencyFormatter::try_new_symbol(locale.into(), code, Default::default())
                .map_err(loading)?,
            currency_digits: u32::from(fractions.get().resolve(code).digits),
        })
    }

    /// The language these numbers are written in.
    pub fn language(&self) -> &Language {
        &self.language
    }

    /// The ISO 4217 code of the amounts.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// The digits after the point of the currency (two for USD, none for JPY).
    pub fn currency_digits(&self) -> u32 {
        self.currency_digits
    }

    /// What this language writes before and after a number of `format`: the currency's sign
    /// (`$` before in English, ` €` after in German), the percent sign (`%` after in English,
    /// ` %` in German), nothing for a plain number.
    pub fn affixes(&self, format: Format) -> (String, String) {
        let one = match format {
            Format::Number => return (String::new(), String::new()),
            Format::Percent => 0.01,
            Format::Currency => 1.0,
        };
        let sample = self.show(
            one,
            Style {
                format,
                decimals: Some(0),
            },
        );
        let (before, after) = sample.split_once('1').unwrap_or_default();
        (before.to_string(), after.to_string())
    }

    /// A value as the buyer reads it: a percentage from its fraction (0.8 is "80%" in English,
    /// "80 %" in German), an amount with the currency's sign where the language puts it.
    pub fn show(&self, value: f64, style: Style) -> String {
        self.show_signed(value, style, SignDisplay::Auto)
    }

    /// A change as the page shows it, with its sign: a percentage's in points ("+23 pts", the
    /// word [`POINTS`] after the number), any other relative to the value before, as a
    /// percentage without decimals ("−71 %" where the language writes that).
    pub fn change(&self, change: FigureChange) -> String {
        let signed = |value: f64, style| self.show_signed(value, style, SignDisplay::ExceptZero);
        match change {
            FigureChange::Points { from, to, decimals } => {
                let style = Style {
                    format: Format::Number,
                    decimals: Some(decimals),
                };
                format!("{}\u{a0}{POINTS}", signed(to - from, style))
            }
            FigureChange::Relative { from, to } => {
                let style = Style {
                    format: Format::Percent,
                    decimals: Some(0),
                };
                signed((to - from) / from.abs(), style)
            }
        }
    }

    /// A value in a style, its sign shown as `sign` says.
    fn show_signed(&self, value: f64, style: Style, sign: SignDisplay) -> String {
        let Some(mut decimal) = exact(value) else {
            return value.to_string();
        };
        if style.format == Format::Percent {
            decimal.absolute.multiply_pow10(2);
            decimal.absolute.trim_start();
        }
        match style.digits() {
            Digits::Range { min, max } => round(&mut decimal, min, max),
            Digits::CurrencyUnlessWhole => {
                round(&mut decimal, self.currency_digits, self.currency_digits);
                decimal.absolute.trim_end_if_integer();
            }
        }
        decimal.apply_sign_display(sign);
        match style.format {
            Format::Number => self.decimal.format(&decimal).to_string(),
            Format::Percent => self.percent.format(&decimal).to_string(),
            Format::Currency => self.amount(&decimal),
        }
    }

    /// An amount already rounded: the currency's pattern and sign from ICU4X, which always
    /// writes the currency's own digits, with the digits of `decimal` put in their place.
    fn amount(&self, decimal: &Decimal) -> String {
        let mut template = decimal.clone();
        round(&mut template, self.currency_digits, self.currency_digits);
        let whole = self.money.format_fixed_decimal(&template).to_string();
        let absolute = |d: &Decimal| {
            let mut d = d.clone();
            d.sign = fixed_decimal::Sign::None;
            self.decimal.format(&d).to_string()
        };
        whole.replacen(&absolute(&template), &absolute(decimal), 1)
    }
}

/// The decimal value of a double, written with the fewest digits that read back as it, as
/// JavaScript and `Intl.NumberFormat` read it; `None` for infinities and NaN.
fn exact(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::try_from_str(&value.to_string()).ok()
}

/// Rounds half away from zero at `max` digits after the point, then keeps between `min` and
/// `max` of them, trailing zeros dropped.
fn round(decimal: &mut Decimal, min: u32, max: u32) {
    let position = |digits: u32| -(digits.min(i16::MAX as u32) as i16);
    decimal.round_with_mode(
        position(max),
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
    );
    decimal.absolute.trim_end();
    decimal.absolute.pad_end(position(min));
}
