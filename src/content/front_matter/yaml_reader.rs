//! YAML front matter read with `saphyr`'s marked parser, every value keeping its place.

use std::borrow::Cow;
use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use crate::content::node::{FrontMatterNode, Located, Value};
use crate::diagnostics::{Diagnostic, Source, line_offset};

/// Parses YAML front matter that starts at byte `offset` of the file.
pub(super) fn parse(
    source: &Source,
    text: &str,
    offset: usize,
) -> Result<FrontMatterNode, Diagnostic> {
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
        return Ok(FrontMatterNode {
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

/// Turns saphyr's marked nodes into [`FrontMatterNode`]s, with character positions made byte offsets.
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

    fn node(&self, yaml: MarkedYaml<'_>) -> Result<FrontMatterNode, Diagnostic> {
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
        Ok(FrontMatterNode { value, span })
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
