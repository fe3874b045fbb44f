//! Reading a `[comparison]` table: its options, which of them is ours, and its criteria with a
//! rating for every option, from the front matter or (with `data`) from a CSV file of the
//! asset's bundle. An unbiased sheet's options are put in alphabetical order here.

use std::ops::Range;

use crate::config::Config;
use crate::content::Fields;
use crate::content::node::Value;
use crate::content::{FrontMatterNode, Located};
use crate::diagnostics::{Diagnostic, Problems, Source, did_you_mean};
use crate::kinds::{Bundle, KindData};
use crate::number::{Language, Numbers};

use super::score::{TOP, one_decimal};
use super::{ComparisonData, Criterion, Rating, Sheet, data_file};

/// Reads a `[comparison]` table, whose options and criteria are in the table or, with `data`, in
/// a CSV file of the asset's `bundle`; every problem is added to `problems`, and `None` given when
/// there is one.
pub fn read(
    table: FrontMatterNode,
    source: &Source,
    config: &Config,
    bundle: &mut Bundle,
    problems: &mut Problems,
) -> Option<KindData> {
    let mut fields = Fields::new(source, "comparison", table).within("the `[comparison]` table");
    let unbiased = fields.flag("unbiased");
    let ours = fields.text("ours");
    let sheet = if fields.has("data") {
        data_file::read(&mut fields, bundle, read_sheet)
    } else {
        read_sheet(&mut fields)
    };
    let ours = read_ours(&mut fields, ours, &sheet.options, unbiased);
    fields.finish(problems)?;
    let numbers = Numbers::shared(
        &Language::of_site(&config.language),
        config.currency.get_ref(),
    )
    .map_err(|message| problems.push(Diagnostic::error(source, 0..0, message)))
    .ok()?;
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
    Some(KindData::Comparison(Box::new(data)))
}

/// Reads `options` and `criteria` from `fields`: the front matter's table, or the table made
/// from a CSV file.
pub(super) fn read_sheet(fields: &mut Fields<'_>) -> Sheet {
    let options = read_options(fields);
    let names: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
    if !fields.has("criteria") {
        fields.missing(
            "criteria",
            "[{ name = \"…\", weight = 3, values = [4, 2] }]",
        );
    }
    let criteria = fields.tables("criteria", "criterion", |item, problems| {
        read_criterion(item, &names, problems)
    });
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
        if (options.value.iter().take(at)).any(|o| o.value == option.value) {
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
    problems: &mut Problems,
) -> Option<Criterion> {
    let name = fields.required_text("name", "\"Cost per invoice\"");
    let group = fields.text("group").map(|group| group.value);
    let help = fields.text("help").map(|help| help.value);
    let weight = read_weight(&mut fields);
    let values = read_values(&mut fields, options);
    fields.finish(problems)?;
    Some(Criterion {
        name: name?.value,
        group,
        weight,
        help,
        values: values?,
    })
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
fn rating(fields: &mut Fields<'_>, item: FrontMatterNode) -> Option<Rating> {
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

/// A score with at most one decimal, such as `3.5` or `4`, as a message quotes it.
fn score_text(score: f64) -> String {
    format!("{}", one_decimal(score))
}

impl ComparisonData {
    /// Lists the options alphabetically, the values of every criterion with them.
    pub(super) fn sort_options(&mut self) {
        let mut order: Vec<usize> = (0..self.options.len()).collect();
        order.sort_by_key(|&at| self.options.get(at).map(|option| option.to_lowercase()));
        let reorder = |values: &[Rating]| {
            (order.iter())
                .filter_map(|&at| values.get(at).cloned())
                .collect()
        };
        for criterion in &mut self.criteria {
            criterion.values = reorder(&criterion.values);
        }
        self.options = (order.iter())
            .filter_map(|&at| self.options.get(at).cloned())
            .collect();
    }
}
