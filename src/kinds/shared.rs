//! What the schemas of case studies, testimonials, comparison sheets, checklists and action plans
//! share: reading a stakeholder slug or a "number or text" value, a quote and its attribution,
//! items grouped under their labels, keys for checklist items, JSON for a page's script, and the
//! CSV and spreadsheet files they publish.

use rust_xlsxwriter::{Format, XlsxError};
use serde::Serialize;

use crate::config::Config;
use crate::content::Fields;
use crate::content::Located;
use crate::content::node::Value;
use crate::diagnostics::{Diagnostic, suggestion};
use crate::escape;

/// A stakeholder named by its slug, with the title pages show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Owner {
    /// The stakeholder's slug.
    pub slug: String,
    /// Their name, as `stepwise.toml` writes it.
    pub title: String,
}

/// Reads `key` as the slug of a stakeholder of the site; an unknown slug is reported with the
/// closest one.
pub fn owner(fields: &mut Fields<'_>, key: &'static str, config: &Config) -> Option<Owner> {
    let slug = fields.text(key)?;
    let found = (config.stakeholders.iter()).find(|s| s.slug.get_ref() == &slug.value);
    match found {
        Some(stakeholder) => Some(Owner {
            slug: slug.value,
            title: stakeholder.title.clone(),
        }),
        None => {
            let known = config
                .stakeholders
                .iter()
                .map(|s| s.slug.get_ref().as_str());
            let problem = Diagnostic::error(
                fields.source(),
                slug.span,
                format!("`{}` is not a stakeholder of this site", slug.value),
            )
            .with_help(suggestion(&slug.value, "stakeholder", known));
            fields.report(problem);
            None
        }
    }
}

/// A value that is either a number or a short text, such as a result's `before`.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// A number, with the decimals it was written with.
    Number {
        /// The value.
        value: f64,
        /// How many decimals the file wrote, so that `12.80` stays `12.80`.
        decimals: u32,
    },
    /// Text, shown as written.
    Text(String),
}

/// Reads `key` as a number or a text; anything else is reported.
pub fn figure(fields: &mut Fields<'_>, key: &'static str) -> Option<Located<Figure>> {
    let node = fields.take(key)?;
    let written = &fields.source().text[node.span.clone()];
    let decimals = written
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.trim_matches('_').len() as u32);
    let figure = match node.value {
        Value::Integer(number) => Figure::Number {
            // Front-matter numbers are far below 2^53, where this conversion is exact.
            value: number as f64,
            decimals: 0,
        },
        Value::Float(value) => Figure::Number { value, decimals },
        Value::String(text) => Figure::Text(text),
        other => {
            let problem = Diagnostic::error(
                fields.source(),
                node.span,
                format!(
                    "`{key}` must be a number or text, not {}",
                    other.type_name()
                ),
            )
            .with_help(format!(
                "write a number such as `{key} = 14` or a text such as `{key} = \"two weeks\"`"
            ));
            fields.report(problem);
            return None;
        }
    };
    Some(Located {
        value: figure,
        span: node.span,
    })
}

/// A quote and who said it, as pages show it: the words in a `<blockquote>`, the attribution in
/// the `<figcaption>` outside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The words, without quotation marks.
    pub text: String,
    /// Who said them.
    pub author: String,
    /// Their role.
    pub role: Option<String>,
    /// Their company.
    pub company: Option<String>,
    /// The case study the quote comes from, once the site has linked it.
    pub url: Option<String>,
}

/// Reads a quote's `key` for the words, `author`, `role` and (when `with_company`) `company`.
pub fn quote(fields: &mut Fields<'_>, key: &'static str, with_company: bool) -> Option<Quote> {
    let text = fields.required_text(key, "\"What the customer said.\"");
    let author = fields.required_text("author", "\"Amaka Osei\"");
    let role = fields.text("role").map(|role| role.value);
    let company = with_company
        .then(|| fields.text("company").map(|company| company.value))
        .flatten();
    Some(Quote {
        text: text?.value,
        author: author?.value,
        role,
        company,
        url: None,
    })
}

/// Items that follow each other under the same label, as a page groups them.
#[derive(Debug, Serialize)]
pub struct Group<T> {
    /// The label they share; `None` for items written without one.
    pub name: Option<String>,
    /// The items, in the order written.
    pub items: Vec<T>,
}

/// Groups `items` by `label`: each run of items with the same label is one group, so the
/// order written is kept.
pub fn grouped<'a, T, V>(
    items: &'a [T],
    label: impl Fn(&T) -> Option<&str>,
    view: impl Fn(&'a T) -> V,
) -> Vec<Group<V>> {
    let mut groups: Vec<Group<V>> = Vec::new();
    for item in items {
        let name = label(item);
        match groups.last_mut() {
            Some(group) if group.name.as_deref() == name => group.items.push(view(item)),
            _ => groups.push(Group {
                name: name.map(str::to_string),
                items: vec![view(item)],
            }),
        }
    }
    groups
}

/// A short key for an item made from its text (case, spacing and punctuation ignored), so that
/// a ticked item stays ticked when other items are added, removed or moved.
pub fn item_key(text: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty());
    let mut add = |byte: u8| hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    for word in words {
        // ASCII is lowercased byte by byte, without the copy `to_lowercase` makes.
        if word.is_ascii() {
            word.bytes().for_each(|byte| add(byte.to_ascii_lowercase()));
        } else {
            word.to_lowercase().bytes().for_each(&mut add);
        }
        add(b' ');
    }
    format!("{hash:08x}")
}

/// Rows of cells as CSV, each line ended by CRLF as RFC 4180 has it.
pub fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| escape::csv_cell(cell)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

/// A spreadsheet of one sheet named `name`: a bold header row and the rows under it as text,
/// with a fixed creation date so that the same plan gives the same bytes.
pub fn workbook(
    title: &str,
    name: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = crate::calculator::deterministic_workbook(title)?;
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (column, heading) in header.iter().enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(0, column, *heading, &bold)?;
        sheet.set_column_width(column, if column == 1 { 50 } else { 24 })?;
    }
    for (row, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            sheet.write_string_with_format(1 + row as u32, column as u16, cell, &wrap)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_lines_of_cells() {
        let rows = vec![vec!["a".to_string(), "b,c".to_string()], vec!["=x".into()]];
        assert_eq!(csv(&rows), b"a,\"b,c\"\r\n'=x\r\n");
    }

    #[test]
    fn item_keys_ignore_case_spacing_and_punctuation_but_not_words() {
        let key = item_key("The pilot has a written success measure.");
        assert_eq!(key, item_key("the pilot  has a written success measure"));
        assert_ne!(key, item_key("The pilot has a success measure."));
        assert_eq!(key.len(), 8);
    }

    #[test]
    fn runs_of_the_same_label_are_one_group() {
        let items = [
            ("a", Some("x")),
            ("b", Some("x")),
            ("c", None),
            ("d", Some("x")),
        ];
        let groups = grouped(&items, |item| item.1, |item| item.0);
        let shape: Vec<(Option<&str>, Vec<&str>)> = groups
            .iter()
            .map(|g| (g.name.as_deref(), g.items.clone()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("x"), vec!["a", "b"]),
                (None, vec!["c"]),
                (Some("x"), vec!["d"])
            ]
        );
    }
}
