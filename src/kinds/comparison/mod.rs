//! The `comparison` schema: a comparison sheet of options (ours, competitors, "do nothing" …)
//! against weighted criteria, each rated 0–5, yes/no/partial or described in a short text. The
//! weighted score of every option is computed at build time; the page's script recomputes it
//! when the buyer changes a weight; the sheet is published as CSV. An `unbiased` sheet marks no
//! option as ours and lists the options alphabetically.

//!
//! The model is here; [`read`] reads it from the front matter or, through [`data_file`], from a
//! CSV file; [`score`] weighs it; [`text`] writes every cell as the page and the CSV file show
//! it; [`view`] is what templates see.

mod data_file;
mod read;
mod score;
mod text;
mod view;

#[cfg(test)]
mod tests;

pub use read::read;

use std::sync::Arc;

use crate::content::Located;
use crate::number::Numbers;

/// A comparison sheet as read from its `[comparison]` table, its options in the order shown.
#[derive(Debug, Clone)]
pub struct ComparisonData {
    /// The alternatives.
    pub options: Vec<String>,
    /// Which option is the vendor's own, unless the sheet is unbiased.
    pub ours: Option<usize>,
    /// True for a neutral guide: no option marked, options in alphabetical order.
    pub unbiased: bool,
    /// The rows, in the order written.
    pub criteria: Vec<Criterion>,
    /// How its scores are written, in the site's language.
    pub numbers: Arc<Numbers>,
}

/// One criterion, with a value for every option.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    /// What is compared.
    pub name: String,
    /// The heading it is listed under.
    pub group: Option<String>,
    /// How much it counts, 1–5.
    pub weight: i64,
    /// What it means.
    pub help: Option<String>,
    /// One value per option, in the order of `options`.
    pub values: Vec<Rating>,
}

/// How an option does on a criterion.
#[derive(Debug, Clone, PartialEq)]
pub enum Rating {
    /// A score from 0 to 5.
    Score(f64),
    /// Yes: counts as 5.
    Yes,
    /// Partly: counts as 2.5.
    Partial,
    /// No: counts as 0.
    No,
    /// A description, which is not scored.
    Text(String),
}

/// The options and criteria of a sheet, from the front matter or from its CSV file.
#[derive(Default)]
struct Sheet {
    options: Vec<Located<String>>,
    criteria: Vec<Criterion>,
}
