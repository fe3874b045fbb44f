//! What templates see of a comparison sheet as `asset.data`: its options with their weighted
//! scores, its criteria grouped under their headings with every cell as [`super::text`] writes
//! it, and the weights and points the page's script recomputes the scores from.

use serde::Serialize;

use crate::kinds::shared::{self, Group};
use crate::number::{IntlOptions, Numbers};

use super::text::{SCORE, shown_score};
use super::{ComparisonData, Criterion, Rating};

impl ComparisonData {
    /// What templates see as `asset.data`.
    pub fn view(&self) -> ComparisonView<'_> {
        let scores = self.scores();
        let options = (self.options.iter().zip(&scores).enumerate())
            .map(|(at, (name, score))| OptionView {
                name,
                ours: self.ours == Some(at),
                score: shown_score(&self.numbers, *score),
            })
            .collect();
        let script = Script {
            weights: self.criteria.iter().map(|c| c.weight).collect(),
            points: (self.criteria.iter())
                .map(|c| {
                    c.scored()
                        .then(|| c.values.iter().filter_map(Rating::points).collect())
                })
                .collect(),
            language: self.numbers.language().tag(),
            score: SCORE.intl_options(self.numbers.currency()),
        };
        ComparisonView {
            options,
            unbiased: self.unbiased,
            scored: scores.iter().any(Option::is_some),
            groups: shared::grouped(
                &self.criteria.iter().enumerate().collect::<Vec<_>>(),
                |(_, c)| c.group.as_deref(),
                |&(index, c)| c.view(index, &self.numbers),
            ),
            json: crate::escape::json_for_script(&script),
        }
    }
}

impl Criterion {
    fn view(&self, index: usize, numbers: &Numbers) -> CriterionView<'_> {
        CriterionView {
            index,
            name: &self.name,
            help: self.help.as_deref(),
            weight: self.shown_weight(),
            scored: self.scored(),
            cells: (self.values.iter())
                .map(|value| CellView {
                    shown: value.shown(numbers),
                    class: value.class(),
                })
                .collect(),
        }
    }
}

impl Rating {
    fn class(&self) -> &'static str {
        match self {
            Rating::Score(_) => "score",
            Rating::Yes => "yes",
            Rating::Partial => "partial",
            Rating::No => "no",
            Rating::Text(_) => "text",
        }
    }
}

/// A comparison sheet as templates see it.
#[derive(Serialize)]
pub struct ComparisonView<'a> {
    options: Vec<OptionView<'a>>,
    unbiased: bool,
    /// True when at least one criterion is scored, so there are weighted scores to show.
    scored: bool,
    groups: Vec<Group<CriterionView<'a>>>,
    /// The weights and points for the page's script, safe inside `<script>`.
    json: String,
}

#[derive(Serialize)]
struct OptionView<'a> {
    name: &'a str,
    ours: bool,
    score: String,
}

#[derive(Serialize)]
struct CriterionView<'a> {
    /// Its place among all criteria, which the script's weights follow.
    index: usize,
    name: &'a str,
    help: Option<&'a str>,
    weight: String,
    scored: bool,
    cells: Vec<CellView>,
}

#[derive(Serialize)]
struct CellView {
    shown: String,
    class: &'static str,
}

/// What the page's script needs: every criterion's weight and, for the scored ones, the points
/// of each option.
#[derive(Serialize)]
struct Script {
    weights: Vec<i64>,
    points: Vec<Option<Vec<f64>>>,
    /// The site's language, for `Intl.NumberFormat`.
    language: String,
    /// The options `Intl.NumberFormat` writes a weighted score with, as the build wrote it.
    score: IntlOptions,
}
