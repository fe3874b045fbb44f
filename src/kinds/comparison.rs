//! The `comparison` schema: a comparison sheet of options (ours, competitors, "do nothing" …)
//! against weighted criteria, each rated 0–5, yes/no/partial or described in a short text. The
//! weighted score of every option is computed at build time; the page's script recomputes it
//! when the buyer changes a weight; the sheet is published as CSV. An `unbiased` sheet marks no
//! option as ours and lists the options alphabetically.

use std::ops::Range;

use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::content::Fields;
use crate::content::node::Value;
use crate::content::{Located, Node};
use crate::diagnostics::{Diagnostic, Source, did_you_mean};
use crate::number::{Format, IntlOptions, Language, Numbers, Style};

use super::shared::{self, Group};
use super::{Bundle, KindData};

mod data_file;

/// The highest score, which "yes" counts as.
const TOP: f64 = 5.0;

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

/// A weighted score: one digit after the point, always shown ("4.0", "3,5" in German).
const SCORE: Style = Style {
    format: Format::Number,
    decimals: Some(1),
};

/// A score a cell holds: up to one digit after the point ("4", "3.5").
const CELL_SCORE: Style = Style {
    format: Format::Number,
    decimals: None,
};

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

/// The options and criteria of a sheet, from the front matter or from its CSV file.
#[derive(Default)]
struct Sheet {
    options: Vec<Located<String>>,
    criteria: Vec<Criterion>,
}

/// Reads a `[comparison]` table, whose options and criteria are in the table or, with `data`, in
/// a CSV file of the asset's `bundle`; every problem is returned.
pub fn read(
    table: Node,
    source: &Source,
    config: &Config,
    bundle: &mut Bundle,
) -> (KindData, Vec<Diagnostic>) {
    let mut fields = Fields::new(source, "comparison", table).within("the `[comparison]` table");
    let unbiased = fields.flag("unbiased");
    let ours = fields.text("ours");
    let sheet = if fields.has("data") {
        data_file::read(&mut fields, bundle)
    } else {
        read_sheet(&mut fields)
    };
    let ours = read_ours(&mut fields, ours, &sheet.options, unbiased);
    let problems = fields.finish();
    if !problems.is_empty() {
        return (KindData::None, problems);
    }
    let numbers = match Numbers::new(
        &Language::of_site(&config.language),
        config.currency.get_ref(),
    ) {
        Ok(numbers) => Arc::new(numbers),
        Err(message) => {
            return (
                KindData::None,
                vec![Diagnostic::error(source, 0..0, message)],
            );
        }
    };
    let mut data = ComparisonData {
        options: sheet.options.into_iter().map(|o| o.value).collect(),
        ours,
        unbiased,
        criteria: sheet.criteria,
        numbers,
    };
    if unbiased {
        data.sort_options();
    }
    (KindData::Comparison(Box::new(data)), problems)
}

/// Reads `options` and `criteria` from `fields`: the front matter's table, or the table made
/// from a CSV file.
fn read_sheet(fields: &mut Fields<'_>) -> Sheet {
    let options = read_options(fields);
    let names: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
    if !fields.has("criteria") {
        fields.missing(
            "criteria",
            "[{ name = \"…\", weight = 3, values = [4, 2] }]",
        );
    }
    let criteria = fields.tables("criteria", "criterion", |item| read_criterion(item, &names));
    Sheet { options, criteria }
}

fn read_options(fields: &mut Fields<'_>) -> Vec<Located<String>> {
    if !fields.has("options") {
        fields.missing("options", "[\"Ledgerline\", \"Do nothing\"]");
        return Vec::new();
    }
    let Some(options) = fields.text_list("options") else {
        return Vec::new();
    };
    if options.value.len() < 2 {
        let problem = Diagnostic::error(
            fields.source(),
            options.span.clone(),
            "a comparison needs at least two options",
        )
        .with_help("list every alternative the buyer weighs, such as \"Do nothing\"");
        fields.report(problem);
    }
    for (at, option) in options.value.iter().enumerate() {
        if options.value[..at].iter().any(|o| o.value == option.value) {
            let problem = Diagnostic::error(
                fields.source(),
                option.span.clone(),
                format!("`{}` is listed twice", option.value),
            )
            .with_help("each option is a column of the sheet; remove the second one");
            fields.report(problem);
        }
    }
    options.value
}

fn read_ours(
    fields: &mut Fields<'_>,
    ours: Option<Located<String>>,
    options: &[Located<String>],
    unbiased: bool,
) -> Option<usize> {
    let ours = ours?;
    if unbiased {
        let problem = Diagnostic::error(
            fields.source(),
            ours.span,
            "an unbiased comparison marks no option as ours",
        )
        .with_help("remove `ours`, or `unbiased = true` if the sheet may favour an option");
        fields.report(problem);
        return None;
    }
    let found = options.iter().position(|o| o.value == ours.value);
    // Without options (none written, or the CSV file unread) that problem is reported instead.
    if found.is_none() && !options.is_empty() {
        let names = options.iter().map(|o| o.value.as_str());
        let help = match did_you_mean(&ours.value, names.clone()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the options are {}", names.collect::<Vec<_>>().join(", ")),
        };
        let problem = Diagnostic::error(
            fields.source(),
            ours.span,
            format!("`{}` is not one of the options", ours.value),
        )
        .with_help(help);
        fields.report(problem);
    }
    found
}

fn read_criterion(
    mut fields: Fields<'_>,
    options: &[&str],
) -> (Option<Criterion>, Vec<Diagnostic>) {
    let name = fields.required_text("name", "\"Cost per invoice\"");
    let group = fields.text("group").map(|group| group.value);
    let help = fields.text("help").map(|help| help.value);
    let weight = read_weight(&mut fields);
    let values = read_values(&mut fields, options);
    let problems = fields.finish();
    let criterion = match (name, values) {
        (Some(name), Some(values)) if problems.is_empty() => Some(Criterion {
            name: name.value,
            group,
            weight,
            help,
            values,
        }),
        _ => None,
    };
    (criterion, problems)
}

fn read_weight(fields: &mut Fields<'_>) -> i64 {
    let Some(weight) = fields.integer("weight") else {
        return 1;
    };
    if !(1..=5).contains(&weight.value) {
        let problem = Diagnostic::error(
            fields.source(),
            weight.span,
            format!("a weight of {} is out of range", weight.value),
        )
        .with_help("weights run from 1 (counts little) to 5 (counts most)");
        fields.report(problem);
    }
    weight.value
}

fn read_values(fields: &mut Fields<'_>, options: &[&str]) -> Option<Vec<Rating>> {
    let example = vec!["3"; options.len().max(2)].join(", ");
    if !fields.has("values") {
        fields.missing("values", &format!("[{example}]"));
        return None;
    }
    let node = fields.take("values")?;
    let Value::Array(items) = node.value else {
        let problem = Diagnostic::error(
            fields.source(),
            node.span,
            format!("`values` must be a list, not {}", node.value.type_name()),
        )
        .with_help(format!(
            "write one value per option, such as `values = [{example}]`"
        ));
        fields.report(problem);
        return None;
    };
    if items.len() != options.len() && !options.is_empty() {
        report_count(fields, node.span, items.len(), options);
    }
    let ratings: Vec<Option<Rating>> = items.into_iter().map(|item| rating(fields, item)).collect();
    ratings.into_iter().collect()
}

fn report_count(fields: &mut Fields<'_>, span: Range<usize>, found: usize, options: &[&str]) {
    let plural = if found == 1 { "" } else { "s" };
    let problem = Diagnostic::error(
        fields.source(),
        span,
        format!(
            "this criterion has {found} value{plural}, but there are {} options",
            options.len()
        ),
    )
    .with_help(format!(
        "write one value per option, in the order of `options`: {}",
        options.join(", ")
    ));
    fields.report(problem);
}

/// One value of a criterion: a score 0–5, `true`/`false`, "yes", "no", "partial" or a text.
fn rating(fields: &mut Fields<'_>, item: Node) -> Option<Rating> {
    let score = match item.value {
        Value::Integer(score) => score as f64,
        Value::Float(score) => score,
        Value::Bool(true) => return Some(Rating::Yes),
        Value::Bool(false) => return Some(Rating::No),
        Value::String(text) => return Some(word_rating(text)),
        other => {
            let problem = Diagnostic::error(
                fields.source(),
                item.span,
                format!(
                    "a value must be a score from 0 to 5, yes, no, partial or a short text, not {}",
                    other.type_name()
                ),
            );
            fields.report(problem);
            return None;
        }
    };
    if (0.0..=TOP).contains(&score) {
        return Some(Rating::Score(score));
    }
    let problem = Diagnostic::error(
        fields.source(),
        item.span,
        format!("a score of {} is out of range", score_text(score)),
    )
    .with_help("scores run from 0 (worst) to 5 (best)");
    fields.report(problem);
    None
}

fn word_rating(text: String) -> Rating {
    match text.trim().to_lowercase().as_str() {
        "yes" => Rating::Yes,
        "no" => Rating::No,
        "partial" | "partly" => Rating::Partial,
        _ => Rating::Text(text),
    }
}

/// A score rounded to one digit after the point, half away from zero as the page's script rounds.
fn one_decimal(score: f64) -> f64 {
    (score * 10.0).round() / 10.0
}

/// A score with at most one decimal, such as `3.5` or `4`, as a message quotes it.
fn score_text(score: f64) -> String {
    format!("{}", one_decimal(score))
}

impl ComparisonData {
    /// Lists the options alphabetically, the values of every criterion with them.
    fn sort_options(&mut self) {
        let mut order: Vec<usize> = (0..self.options.len()).collect();
        order.sort_by_key(|&at| self.options[at].to_lowercase());
        let reorder = |values: &[Rating]| order.iter().map(|&at| values[at].clone()).collect();
        for criterion in &mut self.criteria {
            criterion.values = reorder(&criterion.values);
        }
        self.options = order.iter().map(|&at| self.options[at].clone()).collect();
    }

    /// The weighted score of every option out of 5 with the weights written, over the criteria
    /// scored for every option; `None` when no criterion is scored.
    pub fn scores(&self) -> Vec<Option<f64>> {
        let scored: Vec<&Criterion> = self.criteria.iter().filter(|c| c.scored()).collect();
        let total: i64 = scored.iter().map(|c| c.weight).sum();
        (0..self.options.len())
            .map(|option| {
                let sum: f64 = (scored.iter())
                    .filter_map(|c| Some(c.weight as f64 * c.values[option].points()?))
                    .sum();
                (total > 0).then(|| sum / total as f64)
            })
            .collect()
    }

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
    /// True when every option has a score (or yes/no/partial) on it, so it counts.
    pub fn scored(&self) -> bool {
        self.values.iter().all(|value| value.points().is_some())
    }

    /// The weight as the sheet shows it: none for a criterion that is not scored.
    fn shown_weight(&self) -> String {
        if self.scored() {
            self.weight.to_string()
        } else {
            String::new()
        }
    }

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

/// A weighted score as the page, its script and the CSV file show it; none is empty.
fn shown_score(numbers: &Numbers, score: Option<f64>) -> String {
    score
        .map(|s| numbers.show(one_decimal(s), SCORE))
        .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(tag: &str) -> Arc<Numbers> {
        Arc::new(Numbers::new(&Language::of_site(tag), "USD").unwrap())
    }

    fn criterion(weight: i64, values: Vec<Rating>) -> Criterion {
        Criterion {
            name: format!("weight {weight}"),
            group: None,
            weight,
            help: None,
            values,
        }
    }

    fn sheet(language: &str) -> ComparisonData {
        ComparisonData {
            options: vec!["A".into(), "B".into()],
            ours: None,
            unbiased: false,
            criteria: vec![
                criterion(3, vec![Rating::Score(4.0), Rating::Score(1.5)]),
                criterion(1, vec![Rating::Yes, Rating::Partial]),
                criterion(5, vec![Rating::Text("cheap".into()), Rating::No]),
            ],
            numbers: numbers(language),
        }
    }

    #[test]
    fn the_weighted_score_counts_only_criteria_scored_for_every_option() {
        // A: (3·4 + 1·5) / 4 = 4.25; B: (3·1.5 + 1·2.5) / 4 = 1.75.
        assert_eq!(sheet("en").scores(), vec![Some(4.25), Some(1.75)]);
    }

    #[test]
    fn scores_are_written_in_the_language_of_the_site() {
        for (language, first_row, scores) in [
            ("en", ["4/5", "1.5/5"], ["4.3", "1.8"]),
            ("de", ["4/5", "1,5/5"], ["4,3", "1,8"]),
            ("fr", ["4/5", "1,5/5"], ["4,3", "1,8"]),
        ] {
            let rows = sheet(language).rows();
            assert_eq!(rows[1][3..], first_row, "{language}");
            assert_eq!(rows.last().unwrap()[3..], scores, "{language}");
        }
    }

    #[test]
    fn an_unbiased_sheet_sorts_its_options_with_their_values() {
        let mut data = ComparisonData {
            options: vec!["ours".into(), "Build in-house".into(), "Do nothing".into()],
            ours: None,
            unbiased: true,
            criteria: vec![criterion(
                1,
                vec![Rating::Score(5.0), Rating::Score(2.0), Rating::No],
            )],
            numbers: numbers("en"),
        };
        data.sort_options();
        assert_eq!(data.options, ["Build in-house", "Do nothing", "ours"]);
        assert_eq!(
            data.criteria[0].values,
            [Rating::Score(2.0), Rating::No, Rating::Score(5.0)]
        );
    }
}
