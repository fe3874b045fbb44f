//! The number format of a spreadsheet cell for a style: the same digits, currency sign and
//! percent sign as the page, over the value the formulas see (a percentage as its fraction).
//!
//! A spreadsheet format cannot drop the point of a whole number by itself, so a style whose
//! digits depend on the value (up to two for a number, none for a whole amount) has two
//! formats: the one with digits, and the whole one a conditional format applies when the value
//! rounds to a whole number.

use super::{Digits, Format, Numbers, Style};

/// The number formats of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellFormat {
    /// The format of the cell.
    pub format: String,
    /// When the value rounded at `digits` places is whole, this format instead.
    pub when_whole: Option<WholeFormat>,
}

/// The format of a value that rounds to a whole number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WholeFormat {
    /// The places the cell's format rounds at, in the shown value (a percentage times 100).
    pub digits: u32,
    /// The format without digits after the point.
    pub format: String,
}

impl WholeFormat {
    /// The condition of a conditional format on `cell` (such as `B5`): the shown value rounded
    /// at the format's digits is a whole number.
    pub fn condition(&self, cell: &str, format: Format) -> String {
        let shown = match format {
            Format::Percent => format!("{cell}*100"),
            _ => cell.to_string(),
        };
        format!("=ROUND({shown},{})=ROUND({shown},0)", self.digits)
    }
}

impl Numbers {
    /// The number formats of a cell holding a value of `style`.
    pub fn cell_format(&self, style: Style) -> CellFormat {
        let (min, max, whole) = match style.digits() {
            Digits::Range { min, max } => (min, max, min == 0 && max > 0),
            Digits::CurrencyUnlessWhole => {
                let digits = self.currency_digits();
                (digits, digits, digits > 0)
            }
        };
        let shown_min = if whole { min.max(1) } else { min };
        let format = |min: u32, max: u32| self.with_affixes(style, &number_pattern(min, max));
        CellFormat {
            format: format(shown_min, max),
            when_whole: whole.then(|| WholeFormat {
                digits: max,
                format: format(0, 0),
            }),
        }
    }

    /// A number pattern with the currency or percent sign placed as this language places it.
    fn with_affixes(&self, style: Style, number: &str) -> String {
        let (before, after) = self.affixes(style.format);
        format!("{}{number}{}", literal(&before), literal(&after))
    }
}

/// `#,##0` with `min` to `max` digits after the point.
fn number_pattern(min: u32, max: u32) -> String {
    if max == 0 {
        return "#,##0".to_string();
    }
    let optional = max.saturating_sub(min) as usize;
    format!("#,##0.{}{}", "0".repeat(min as usize), "#".repeat(optional))
}

/// Text of a number format shown as it is: quoted, with a percent sign left outside the quotes
/// so that the spreadsheet shows the fraction times 100.
fn literal(text: &str) -> String {
    text.split('%')
        .map(|part| {
            if part.is_empty() {
                String::new()
            } else {
                format!("\"{part}\"")
            }
        })
        .collect::<Vec<_>>()
        .join("%")
}
