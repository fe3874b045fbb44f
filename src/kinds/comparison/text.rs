//! A comparison sheet as text: every rating, weight and weighted score as the page, its script
//! and the CSV file show it, in the site's language, and the rows of the CSV file.

use crate::kinds::shared;
use crate::number::{Format, Numbers, Style};

use super::score::one_decimal;
use super::{ComparisonData, Criterion, Rating};

/// A weighted score: one digit after the point, always shown ("4.0", "3,5" in German).
pub(super) const SCORE: Style = Style {
    format: Format::Number,
    decimals: Some(1),
};

/// A score a cell holds: up to one digit after the point ("4", "3.5").
const CELL_SCORE: Style = Style {
    format: Format::Number,
    decimals: None,
};

impl Rating {
    /// As the page and the CSV show it, the score written as `numbers` writes it.
    pub fn shown(&self, numbers: &Numbers) -> String {
        match self {
            Rating::Score(score) => format!("{}/5", numbers.show(one_decimal(*score), CELL_SCORE)),
            Rating::Yes => "Yes".into(),
            Rating::Partial => "Partial".into(),
            Rating::No => "No".into(),
            Rating::Text(text) => text.clone(),
        }
    }
}

impl Criterion {
    /// The weight as the sheet shows it: none for a criterion that is not scored.
    pub(super) fn shown_weight(&self) -> String {
        if self.scored() {
            self.weight.to_string()
        } else {
            String::new()
        }
    }
}

impl ComparisonData {
    /// The sheet as rows of text: a header, one row per criterion, and the weighted scores. The
    /// CSV is these rows; the page's table shows the same cells.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let mut header = vec!["Group".to_string(), "Criterion".into(), "Weight".into()];
        header.extend(self.options.iter().cloned());
        let mut rows = vec![header];
        for criterion in &self.criteria {
            let mut row = vec![
                criterion.group.clone().unwrap_or_default(),
                criterion.name.clone(),
                criterion.shown_weight(),
            ];
            row.extend(criterion.values.iter().map(|v| v.shown(&self.numbers)));
            rows.push(row);
        }
        let mut scores = vec![
            String::new(),
            "Weighted score (out of 5)".into(),
            String::new(),
        ];
        scores.extend((self.scores().into_iter()).map(|score| shown_score(&self.numbers, score)));
        rows.push(scores);
        rows
    }

    /// The CSV file of the sheet.
    pub fn csv(&self) -> Vec<u8> {
        shared::csv(&self.rows())
    }
}

/// A weighted score as the page, its script and the CSV file show it; none is empty.
pub(super) fn shown_score(numbers: &Numbers, score: Option<f64>) -> String {
    score
        .map(|s| numbers.show(one_decimal(s), SCORE))
        .unwrap_or_default()
}
