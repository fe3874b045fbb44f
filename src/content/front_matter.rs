//! Finding the front matter of an asset (TOML between `+++` lines or YAML between `---` lines)
//! and parsing it into [`Node`]s that keep the place of every key and value in the file: TOML
//! with `toml`'s spanned parser, YAML with `saphyr`'s marked parser.

use std::borrow::Cow;
use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Source, line_offset};

use super::node::{Located, Node, Value};

/// Where the front matter and the body are in a file.
#[derive(Debug, PartialEq)]
pub struct Document {
    /// The language of the front matter.
    pub format: Format,
    /// The front matter, without its delimiter lines.
    pub front_matter: Range<usize>,
    /// Everything after the closing delimiter line.
    pub body: Range<usize>,
}

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

/// Finds the front matter block between its delimiter lines.
pub fn split(source: &Source) -> Result<Document, Diagnostic> {
    let text: &str = &source.text;
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let (format, delimiter) = match first_line {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(Diagnostic::error(source, 0..first_line.len(), "this asset has no front matter")
                .with_help("start the file with a line `+++`, then `title = \"…\"`, `kind = \"…\"`, `steps = [\"…\"]`, then a line `+++`"));
        }
    };
    let start = text.find('\n').map_or(text.len(), |newline| newline + 1);
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == delimiter {
            return Ok(Document {
                format,
                front_matter: start..offset,
                body: offset + line.len()..text.len(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        source,
        0..delimiter.len(),
        "the front matter is never closed",
    )
    .with_help(format!(
        "add a line `{delimiter}` after the last front matter field"
    )))
}

/// Parses the front matter of `document` into a table node; spans are offsets into the file.
pub fn parse(source: &Source, document: &Document) -> Result<Node, Diagnostic> {
    let range = document.front_matter.clone();
    let text = &source.text[range.clone()];
    let node = match document.format {
        Format::Toml => parse_toml(source, text, range.start)?,
        Format::Yaml => parse_yaml(source, text, range.start)?,
    };
    match node.value {
        Value::Table(_) => Ok(node),
        Value::Null => Ok(Node {
            value: Value::Table(Vec::new()),
            span: range,
        }),
        other => {
            let example = match document.format {
                Format::Toml => "title = \"…\"",
                Format::Yaml => "title: …",
            };
            Err(Diagnostic::error(
                source,
                range,
                format!(
                    "the front matter must be a table of fields, not {}",
                    other.type_name()
                ),
            )
            .with_help(format!("write one field per line, such as `{example}`")))
        }
    }
}

fn parse_toml(source: &Source, text: &str, offset: usize) -> Result<Node, Diagnostic> {
    let table = DeTable::parse(text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        crate::diagnostics::serde_errors::parse_error(
            source,
            error.message(),
            span.start + offset..span.end + offset,
        )
    })?;
    let span = shift(table.span(), offset);
    Ok(Node {
        value: toml_table(table.into_inner(), offset),
        span,
    })
}

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

fn toml_node(value: Spanned<DeValue<'_>>, offset: usize) -> Node {
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
    Node { value, span }
}

fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

fn parse_yaml(source: &Source, text: &str, offset: usize) -> Result<Node, Diagnostic> {
    let documents = MarkedYaml::load_from_str(text).map_err(|error| {
        let marker = error.marker();
        let at = offset + line_offset(text, marker.line(), marker.col());
        Diagnostic::error(
            source,
            at..at + 1,
            format!("this front matter is not valid YAML: {}", error.info()),
        )
        .with_help(
            "write one `key: value` per line, lists as `[a, b]`, and close every quote and bracket",
        )
    })?;
    let Some(document) = documents.into_iter().next() else {
        return Ok(Node {
            value: Value::Null,
            span: offset..offset + text.len(),
        });
    };
    YamlReader {
        source,
        text,
        offset,
    }
    .node(document)
}

/// Turns saphyr's marked nodes into [`Node`]s, with character positions made byte offsets.
struct YamlReader<'a> {
    source: &'a Source,
    text: &'a str,
    offset: usize,
}

impl YamlReader<'_> {
    fn span(&self, node: &MarkedYaml<'_>) -> Range<usize> {
        let at = |marker: &saphyr::Marker| {
            self.offset + line_offset(self.text, marker.line(), marker.col())
        };
        let start = at(&node.span.start);
        start..at(&node.span.end).max(start)
    }

    fn node(&self, yaml: MarkedYaml<'_>) -> Result<Node, Diagnostic> {
        let mut span = self.span(&yaml);
        // saphyr ends a flow list or table before its closing bracket.
        let after = self.text.as_bytes().get(span.end - self.offset);
        if yaml.data.is_sequence() && after == Some(&b']')
            || yaml.data.is_mapping() && after == Some(&b'}')
        {
            span.end += 1;
        }
        let value = match yaml.data {
            YamlData::Value(scalar) => scalar_value(scalar),
            YamlData::Representation(text, ..) => Value::String(text.into_owned()),
            YamlData::Sequence(items) => Value::Array(
                items
                    .into_iter()
                    .map(|item| self.node(item))
                    .collect::<Result<_, _>>()?,
            ),
            YamlData::Mapping(entries) => {
                let mut table = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    table.push((self.key(key)?, self.node(value)?));
                }
                Value::Table(table)
            }
            YamlData::Tagged(_, inner) => return self.node(*inner),
            YamlData::Alias(_) | YamlData::BadValue => {
                return Err(Diagnostic::error(
                    self.source,
                    span,
                    "this YAML value cannot be read",
                )
                .with_help("write the value out in full; anchors and aliases (`&a`, `*a`) are not supported"));
            }
        };
        Ok(Node { value, span })
    }

    fn key(&self, key: MarkedYaml<'_>) -> Result<Located<String>, Diagnostic> {
        let span = self.span(&key);
        let text = match key.data {
            YamlData::Value(Scalar::String(text)) => text,
            YamlData::Value(Scalar::Integer(number)) => Cow::Owned(number.to_string()),
            _ => {
                return Err(
                    Diagnostic::error(self.source, span, "a key must be a plain name")
                        .with_help("write keys as `name: value`"),
                );
            }
        };
        Ok(Located {
            value: text.into_owned(),
            span,
        })
    }
}

fn scalar_value(scalar: Scalar<'_>) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(flag) => Value::Bool(flag),
        Scalar::Integer(number) => Value::Integer(number),
        Scalar::FloatingPoint(number) => Value::Float(number.into_inner()),
        Scalar::String(text) => Value::String(text.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Result<Document, String> {
        split(&Source::new("test.md", text)).map_err(|problem| problem.message)
    }

    #[test]
    fn split_finds_the_front_matter_and_the_body() {
        let cases: [(&str, Result<Document, String>); 6] = [
            (
                "+++\ntitle = \"A\"\n+++\nBody\n",
                Ok(Document {
                    format: Format::Toml,
                    front_matter: 4..16,
                    body: 20..25,
                }),
            ),
            (
                "---\ntitle: A\n---\nBody",
                Ok(Document {
                    format: Format::Yaml,
                    front_matter: 4..13,
                    body: 17..21,
                }),
            ),
            (
                "+++\r\ntitle = \"A\"\r\n+++\r\n",
                Ok(Document {
                    format: Format::Toml,
                    front_matter: 5..18,
                    body: 23..23,
                }),
            ),
            (
                "+++\n+++\n",
                Ok(Document {
                    format: Format::Toml,
                    front_matter: 4..4,
                    body: 8..8,
                }),
            ),
            (
                "# Title\n",
                Err("this asset has no front matter".to_string()),
            ),
            (
                "---\ntitle: A\n",
                Err("the front matter is never closed".to_string()),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(document(text), expected, "split({text:?})");
        }
    }

    #[test]
    fn front_matter_that_is_no_table_is_reported_with_an_example() {
        let cases = [
            ("---\njust text\n---\n", "not text", "`title: …`"),
            ("---\n- a\n- b\n---\n", "not a list", "`title: …`"),
        ];
        for (text, message, help) in cases {
            let source = Source::new("test.md", text);
            let document = split(&source).expect("front matter");
            let problem = parse(&source, &document).expect_err("not a table");
            assert!(
                problem.message.ends_with(message),
                "{text:?}: {}",
                problem.message
            );
            assert!(problem.help.is_some_and(|h| h.contains(help)), "{text:?}");
        }
    }

    #[test]
    fn whole_numbers_beyond_64_bits_keep_their_size() {
        let source = Source::new("test.md", "+++\nweight = 99999999999999999999\n+++\n");
        let document = split(&source).expect("front matter");
        let node = parse(&source, &document).expect("parses");
        let Value::Table(entries) = node.value else {
            panic!("a table")
        };
        assert_eq!(entries[0].1.value, Value::Float(1e20));
    }

    /// The text of the file at each top-level key's span and value's span.
    fn spans(text: &str) -> Vec<(String, String)> {
        let source = Source::new("test.md", text);
        let document = split(&source).expect("front matter");
        let node = parse(&source, &document).expect("parses");
        let Value::Table(entries) = node.value else {
            panic!("a table")
        };
        entries
            .into_iter()
            .map(|(key, value)| {
                (
                    text[key.span].to_string(),
                    text[value.span].trim_end().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn keys_and_values_keep_their_place_in_the_file() {
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        let cases = [
            (
                "+++\ntitle = \"A\"\nweight = 3\nsteps = [\"x\", \"y\"]\n+++\n",
                pairs(&[
                    ("title", "\"A\""),
                    ("weight", "3"),
                    ("steps", "[\"x\", \"y\"]"),
                ]),
            ),
            (
                "---\ntitle: A\nweight: 3\nsteps: [x, y]\n---\n",
                pairs(&[("title", "A"), ("weight", "3"), ("steps", "[x, y]")]),
            ),
            (
                "---\ntitle: \"Über\"\nkind: guide\n---\n",
                pairs(&[("title", "\"Über\""), ("kind", "guide")]),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(spans(text), expected, "spans of {text:?}");
        }
    }
}
