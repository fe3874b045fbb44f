//! [`Fields`] takes typed fields out of a front-matter table and reports a wrong type, a
//! missing key or an unknown key at its own line. Assets use it for their common fields; kinds
//! use it for their own tables. A table's problems are kept until [`Fields::finish`] hands them
//! to the run's [`Problems`]: only then can a misspelt key be told from a missing one.

mod finish;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;

use crate::diagnostics::{Diagnostic, Problems, Source};

use super::node::{FrontMatterNode, Located, Value};

/// The size from which a number cannot be a whole number of 64 bits: 2^63.
const TOO_LARGE: f64 = 9_223_372_036_854_775_808.0;

/// A table being read field by field. Each getter removes its key; [`Fields::finish`] reports
/// the keys nobody asked for as unknown, with the closest known key.
pub struct Fields<'a> {
    source: &'a Source,
    /// What the table describes, for messages: "asset", "input", "result".
    what: &'static str,
    /// Where unknown keys are, for messages, such as "the front matter"; "this input" (after
    /// `what`) unless named.
    within: Option<&'static str>,
    /// Where missing keys are reported: the table's header or the front matter's first line.
    span: Range<usize>,
    entries: Vec<(Located<String>, FrontMatterNode)>,
    /// The keys asked for: literals but for the one named by the asset's kind.
    known: Vec<Cow<'static, str>>,
    problems: Problems,
    /// The keys reported missing, with the index of their problem in `problems`.
    missing: Vec<(String, usize)>,
}

impl<'a> Fields<'a> {
    /// Starts reading `node`, which should be a table of `what`, such as "input"; anything else is
    /// reported and read as an empty table.
    pub fn new(source: &'a Source, what: &'static str, node: FrontMatterNode) -> Self {
        let mut fields = Fields {
            source,
            what,
            within: None,
            span: node.span.clone(),
            entries: Vec::new(),
            known: Vec::new(),
            problems: Problems::default(),
            missing: Vec::new(),
        };
        match node.value {
            Value::Table(entries) => fields.entries = entries,
            other => fields.problems.push(
                Diagnostic::error(
                    source,
                    node.span,
                    format!("this {what} must be a table, not {}", other.type_name()),
                )
                .with_help("write it as `key = value` lines under a [table] header"),
            ),
        }
        fields
    }

    /// Where a missing key is reported.
    pub fn missing_span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Names the place of unknown keys in messages, such as "the front matter".
    pub fn within(mut self, place: &'static str) -> Self {
        self.within = Some(place);
        self
    }

    /// Reports a missing key at `span` instead of the table's own place.
    pub fn missing_at(mut self, span: Range<usize>) -> Self {
        self.span = span;
        self
    }

    /// The file being read.
    pub fn source(&self) -> &'a Source {
        self.source
    }

    /// Takes the node of `key`, if written; `key` counts as known either way.
    pub fn take(&mut self, key: &'static str) -> Option<FrontMatterNode> {
        self.take_named(Cow::Borrowed(key))
    }

    /// Takes the node of a key not known in advance, such as the one named by the kind.
    pub fn take_named(&mut self, key: Cow<'static, str>) -> Option<FrontMatterNode> {
        let at = self.entries.iter().position(|(k, _)| k.value == key);
        self.known.push(key);
        Some(self.entries.remove(at?).1)
    }

    /// The value of `key` read by `read`, if written; a value of another type is reported as not
    /// being `expected`.
    fn typed<T>(
        &mut self,
        key: &'static str,
        expected: &str,
        read: impl FnOnce(Value) -> Result<T, Value>,
    ) -> Option<Located<T>> {
        let node = self.take(key)?;
        match read(node.value) {
            Ok(value) => Some(Located {
                value,
                span: node.span,
            }),
            Err(other) => {
                self.wrong_type(key, expected, &other, node.span);
                None
            }
        }
    }

    /// Text, if written.
    pub fn text(&mut self, key: &'static str) -> Option<Located<String>> {
        self.typed(key, "text in quotes", |value| match value {
            Value::String(text) => Ok(text),
            other => Err(other),
        })
    }

    /// Text that must be written and not be blank; `example` shows its shape in the help.
    pub fn required_text(&mut self, key: &'static str, example: &str) -> Option<Located<String>> {
        if !self.has(key) {
            self.missing(key, example);
            return None;
        }
        let text = self.text(key)?;
        if text.value.trim().is_empty() {
            self.problems.push(
                Diagnostic::error(self.source, text.span, format!("`{key}` is empty"))
                    .with_help(format!("write a {key} between the quotes")),
            );
            return None;
        }
        Some(text)
    }

    /// True when `key` is written and not taken yet.
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k.value == key)
    }

    /// A list of text (one text alone counts as a list of one), if written and a list.
    pub fn text_list(&mut self, key: &'static str) -> Option<Located<Vec<Located<String>>>> {
        let node = self.take(key)?;
        let items = match node.value {
            Value::String(text) => vec![Located {
                value: text,
                span: node.span.clone(),
            }],
            Value::Array(items) => {
                let mut texts = Vec::with_capacity(items.len());
                for item in items {
                    match item.value {
                        Value::String(text) => texts.push(Located {
                            value: text,
                            span: item.span,
                        }),
                        other => {
                            self.wrong_type(key, "a list of text in quotes", &other, item.span)
                        }
                    }
                }
                texts
            }
            other => {
                self.wrong_type(
                    key,
                    "a list of slugs, such as [\"key-facts\"]",
                    &other,
                    node.span,
                );
                return None;
            }
        };
        Some(Located {
            value: items,
            span: node.span,
        })
    }

    /// `true` or `false`; `false` when not written.
    pub fn flag(&mut self, key: &'static str) -> bool {
        let flag = self.typed(key, "true or false", |value| match value {
            Value::Bool(flag) => Ok(flag),
            other => Err(other),
        });
        flag.is_some_and(|flag| flag.value)
    }

    /// A whole number, if written; one beyond what 64 bits hold is reported as too large.
    pub fn integer(&mut self, key: &'static str) -> Option<Located<i64>> {
        let number = self.typed(key, "a whole number", |value| match value {
            Value::Integer(number) => Ok(Some(number)),
            Value::Float(number) if number.abs() >= TOO_LARGE => Ok(None),
            other => Err(other),
        })?;
        if number.value.is_none() {
            self.problems.push(
                Diagnostic::error(
                    self.source,
                    number.span.clone(),
                    format!("`{key}` is too large"),
                )
                .with_help(format!(
                    "write a whole number between {} and {}",
                    i64::MIN,
                    i64::MAX
                )),
            );
        }
        Some(Located {
            value: number.value?,
            span: number.span,
        })
    }

    /// A number, whole or not, if written.
    pub fn number(&mut self, key: &'static str) -> Option<Located<f64>> {
        self.typed(key, "a number", |value| match value {
            // Front-matter numbers are far below 2^53, where this conversion is exact.
            Value::Integer(number) => Ok(number as f64),
            Value::Float(number) => Ok(number),
            other => Err(other),
        })
    }

    /// A calendar date `YYYY-MM-DD`, written as a TOML date or as text, if written.
    pub fn date(&mut self, key: &'static str) -> Option<Located<String>> {
        let date = self.typed(key, "a date such as 2026-03-31", |value| match value {
            Value::Date(text) | Value::String(text) => Ok(text),
            other => Err(other),
        })?;
        if is_date(&date.value) {
            return Some(date);
        }
        self.problems.push(
            Diagnostic::error(
                self.source,
                date.span,
                format!("`{}` is not a date", date.value),
            )
            .with_help(format!(
                "write the date as year-month-day, such as `{key} = 2026-03-31`"
            )),
        );
        None
    }

    /// A list of tables, each read by `read`, which adds its problems to this table's, if
    /// written.
    pub fn tables<T>(
        &mut self,
        key: &'static str,
        what: &'static str,
        mut read: impl FnMut(Fields<'a>, &mut Problems) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = self.take(key) else {
            return Vec::new();
        };
        let items = match node.value {
            Value::Array(items) => items,
            other => {
                self.wrong_type(key, "a list of tables", &other, node.span);
                return Vec::new();
            }
        };
        let mut read_all = Vec::with_capacity(items.len());
        for item in items {
            read_all.extend(read(
                Fields::new(self.source, what, item),
                &mut self.problems,
            ));
        }
        read_all
    }

    /// True when a problem was found in this table so far.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Adds a problem found while reading, such as a value out of range.
    pub fn report(&mut self, problem: Diagnostic) {
        self.problems.push(problem);
    }

    /// This table's problems so far, for a reader of something inside it (such as a file it
    /// names) to add its own to.
    pub fn problems(&mut self) -> &mut Problems {
        &mut self.problems
    }

    /// Takes out the keys left whose values are tables, unreported: an asset's tables other
    /// than its kind's, which can only be judged once its kind is known.
    pub fn take_tables(&mut self) -> Vec<Located<String>> {
        let (tables, rest) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|(_, node)| matches!(node.value, Value::Table(_)));
        self.entries = rest;
        tables.into_iter().map(|(key, _)| key).collect()
    }

    /// Reports that `key` is missing; [`Fields::finish`] reports it as the unknown key written
    /// in its place instead, when there is one.
    pub fn missing(&mut self, key: &'static str, example: &str) {
        self.known.push(Cow::Borrowed(key));
        self.missing
            .push((key.to_string(), self.problems.as_slice().len()));
        self.problems.push(
            Diagnostic::error(
                self.source,
                self.span.clone(),
                format!("this {} has no `{key}`", self.what),
            )
            .with_help(format!("add a line `{key} = {example}`")),
        );
    }

    fn wrong_type(&mut self, key: &str, expected: &str, found: &Value, span: Range<usize>) {
        self.problems.push(
            Diagnostic::error(
                self.source,
                span,
                format!("`{key}` must be {expected}, not {}", found.type_name()),
            )
            .with_help(format!("change the value to {expected}")),
        );
    }
}

/// True for a calendar date written `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    text.len() == 10
        && text
            .parse::<toml::value::Datetime>()
            .is_ok_and(|datetime| datetime.date.is_some() && datetime.time.is_none())
}
