//! TOML front matter read with `toml`'s spanned parser, every value keeping its place.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::content::node::{FrontMatterNode, Located, Value};
use crate::diagnostics::{Diagnostic, Source};

/// Parses TOML front matter that starts at byte `offset` of the file.
pub(super) fn parse(
    source: &Source,
    text: &str,
    offset: usize,
) -> Result<FrontMatterNode, Diagnostic> {
    let table = DeTable::parse(text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        crate::diagnostics::serde_errors::parse_error(
            source,
            error.message(),
            span.start + offset..span.end + offset,
        )
    })?;
    let span = shift(table.span(), offset);
    Ok(FrontMatterNode {
        value: toml_table(table.into_inner(), offset),
        span,
    })
}

/// A TOML table as a table [`Value`], its places moved by `offset`.
fn toml_table(table: DeTable<'_>, offset: usize) -> Value {
    Value::Table(
        table
            .into_iter()
            .map(|(key, value)| {
                let key = Located {
                    span: shift(key.span(), offset),
                    value: key.into_inner().into_owned(),
                };
                (key, toml_node(value, offset))
            })
            .collect(),
    )
}

/// A TOML value as a [`FrontMatterNode`], its places moved by `offset`.
fn toml_node(value: Spanned<DeValue<'_>>, offset: usize) -> FrontMatterNode {
    let span = shift(value.span(), offset);
    let value = match value.into_inner() {
        DeValue::String(text) => Value::String(text.into_owned()),
        // A whole number beyond 64 bits is kept as the nearest float, for messages to say so.
        DeValue::Integer(number) => i64::from_str_radix(number.as_str(), number.radix())
            .map_or_else(
                |_| Value::Float(number.as_str().parse().unwrap_or(f64::INFINITY)),
                Value::Integer,
            ),
        DeValue::Float(number) => Value::Float(number.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(flag) => Value::Bool(flag),
        DeValue::Datetime(date) => Value::Date(date.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| toml_node(item, offset))
                .collect(),
        ),
        DeValue::Table(table) => toml_table(table, offset),
    };
    FrontMatterNode { value, span }
}

/// `span` moved by `offset`.
fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}
