//! The common fields of an asset, read from its front matter with [`Fields`]: each value keeps
//! its place in the file, so later stages can point at it.

use std::borrow::Cow;

use crate::diagnostics::{Diagnostic, Problems};
use crate::slug::{is_slug, slugify};

use super::fields::Fields;
use super::node::{FrontMatterNode, Located};

/// The common fields of an asset as written; `None` where a required field is missing or bad.
#[derive(Debug)]
pub struct CommonFields {
    /// The title.
    pub title: Option<Located<String>>,
    /// The slug of its kind.
    pub kind: Option<Located<String>>,
    /// The slugs of the steps it serves.
    pub steps: Vec<Located<String>>,
    /// The slugs of the stakeholders it speaks to.
    pub stakeholders: Vec<Located<String>>,
    /// The summary, if written.
    pub summary: Option<String>,
    /// When it was last reviewed, if written.
    pub reviewed: Option<Located<String>>,
    /// A draft is only published with `--drafts`.
    pub draft: bool,
    /// Lower weights sort first.
    pub weight: i64,
    /// The image it is shared with, if written: a path in `static/`.
    pub image: Option<Located<String>>,
    /// The slug, if written.
    pub slug: Option<Located<String>>,
    /// The `extra` table, if written.
    pub extra: Option<FrontMatterNode>,
    /// The table named after its kind, if written.
    pub data: Option<FrontMatterNode>,
    /// The other tables, when none is named after its kind: unknown keys, unless one is meant
    /// for the kind its `kind` misspells, which only the site can tell.
    pub other_tables: Vec<Located<String>>,
}

/// Reads the common fields; the table named after the kind is taken as the kind's data, the
/// other tables are kept aside when there is none, and every other key is reported as unknown.
/// The problems found are added to `problems`; what is missing or bad is `None` in the fields.
pub fn read(mut fields: Fields<'_>, problems: &mut Problems) -> CommonFields {
    let title = fields.required_text("title", "\"…\"");
    let kind = fields.required_text("kind", "\"…\"");
    let steps = required_steps(&mut fields);
    let extra = fields.take("extra");
    let data = kind
        .as_ref()
        .and_then(|kind| fields.take_named(Cow::Owned(kind.value.clone())));
    let mut common = CommonFields {
        stakeholders: fields
            .text_list("stakeholders")
            .map_or_else(Vec::new, |list| list.value),
        summary: fields.text("summary").map(|summary| summary.value),
        reviewed: fields.date("reviewed"),
        draft: fields.flag("draft"),
        weight: fields.integer("weight").map_or(0, |weight| weight.value),
        image: fields.text("image"),
        slug: valid_slug(&mut fields),
        extra,
        data,
        other_tables: Vec::new(),
        steps,
        title,
        kind,
    };
    if common.data.is_none() {
        common.other_tables = fields.take_tables();
    }
    let _ = fields.finish(problems);
    common
}

/// `steps` is required and may not be empty: every asset serves at least one step.
fn required_steps(fields: &mut Fields<'_>) -> Vec<Located<String>> {
    if !fields.has("steps") {
        fields.missing("steps", "[\"…\"]");
        return Vec::new();
    }
    match fields.text_list("steps") {
        None => Vec::new(),
        Some(list) if list.value.is_empty() => {
            let problem = Diagnostic::error(fields.source(), list.span, "`steps` is empty")
                .with_help("name at least one buying step this asset serves, such as `steps = [\"key-facts\"]`");
            fields.report(problem);
            Vec::new()
        }
        Some(list) => list.value,
    }
}

/// The `slug` override, if written and a valid slug.
fn valid_slug(fields: &mut Fields<'_>) -> Option<Located<String>> {
    let slug = fields.text("slug")?;
    if is_slug(&slug.value) {
        return Some(slug);
    }
    let suggestion = match slugify(&slug.value) {
        close if close.is_empty() => "such as `measuring-your-baseline`".to_string(),
        close => format!("such as `{close}`"),
    };
    let problem = Diagnostic::error(
        fields.source(),
        slug.span,
        format!("`{}` is not a valid slug", slug.value),
    )
    .with_help(format!(
        "use lowercase letters, digits and single hyphens, {suggestion}"
    ));
    fields.report(problem);
    None
}
