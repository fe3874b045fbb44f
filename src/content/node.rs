//! Front-matter values with the place in the file where each was written, the same for TOML
//! and YAML; [`super::fields`] reads typed fields out of them.

use std::ops::Range;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A value with the place in the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is in the file (a byte range), for diagnostics.
    pub span: Range<usize>,
}

/// A front-matter value and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatterNode {
    /// The value.
    pub value: Value,
    /// Where it is in the file (a byte range).
    pub span: Range<usize>,
}

/// The values front matter can hold, the same for TOML and YAML.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty YAML value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    String(String),
    /// A TOML date or date-time, as written.
    Date(String),
    /// A list.
    Array(Vec<FrontMatterNode>),
    /// A table: its keys, in the order written, with their values.
    Table(Vec<(Located<String>, FrontMatterNode)>),
}

impl Value {
    /// How a message names this type of value.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true or false",
            Value::Integer(_) | Value::Float(_) => "a number",
            Value::String(_) => "text",
            Value::Date(_) => "a date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// Templates see a node as its plain value, without positions.
impl Serialize for FrontMatterNode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.value {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(flag) => serializer.serialize_bool(*flag),
            Value::Integer(number) => serializer.serialize_i64(*number),
            Value::Float(number) => serializer.serialize_f64(*number),
            Value::String(text) | Value::Date(text) => serializer.serialize_str(text),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Table(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(&key.value, value)?;
                }
                map.end()
            }
        }
    }
}
