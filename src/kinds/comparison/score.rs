//! The weighted score of a comparison sheet: what each rating counts for, which criteria count,
//! and every option's score out of 5 with the weights written (the page's script computes the
//! same with the buyer's weights).

use super::{ComparisonData, Criterion, Rating};

/// The highest score, which "yes" counts as.
pub(super) const TOP: f64 = 5.0;

impl Rating {
    /// What it counts for in the weighted score; text counts for nothing.
    pub fn points(&self) -> Option<f64> {
        match self {
            Rating::Score(score) => Some(*score),
            Rating::Yes => Some(TOP),
            Rating::Partial => Some(TOP / 2.0),
            Rating::No => Some(0.0),
            Rating::Text(_) => None,
        }
    }
}

impl Criterion {
    /// True when every option has a score (or yes/no/partial) on it, so it counts.
    pub fn scored(&self) -> bool {
        self.values.iter().all(|value| value.points().is_some())
    }
}

impl ComparisonData {
    /// The weighted score of every option out of 5 with the weights written, over the criteria
    /// scored for every option; `None` when no criterion is scored.
    pub fn scores(&self) -> Vec<Option<f64>> {
        let scored: Vec<&Criterion> = self.criteria.iter().filter(|c| c.scored()).collect();
        let total: i64 = scored.iter().map(|c| c.weight).sum();
        (0..self.options.len())
            .map(|option| {
                let sum: f64 = (scored.iter())
                    .filter_map(|c| Some(c.weight as f64 * c.values.get(option)?.points()?))
                    .sum();
                (total > 0).then(|| sum / total as f64)
            })
            .collect()
    }
}

/// A score rounded to one digit after the point, half away from zero as the page's script rounds.
pub(super) fn one_decimal(score: f64) -> f64 {
    (score * 10.0).round() / 10.0
}
