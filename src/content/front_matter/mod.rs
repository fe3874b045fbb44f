//! Finding the front matter of an asset (TOML between `+++` lines or YAML between `---` lines)
//! and parsing it into [`FrontMatterNode`]s that keep the place of every key and value in the file: TOML
//! with `toml`'s spanned parser, YAML with `saphyr`'s marked parser.

mod toml_reader;
mod yaml_reader;

use std::ops::Range;

use crate::diagnostics::{Diagnostic, Source};

use super::node::{FrontMatterNode, Value};

/// Where the front matter and the body are in a file.
#[derive(Debug, PartialEq)]
pub struct Document {
    /// The language of the front matter.
    pub format: FrontMatterFormat,
    /// The front matter, without its delimiter lines.
    pub front_matter: Range<usize>,
    /// Everything after the closing delimiter line.
    pub body: Range<usize>,
}

/// The language of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FrontMatterFormat {
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
        "+++" => (FrontMatterFormat::Toml, "+++"),
        "---" => (FrontMatterFormat::Yaml, "---"),
        _ => {
            return Err(Diagnostic::error(source, 0..first_line.len(), "this asset has no front matter")
                .with_help("start the file with a line `+++`, then `title = \"…\"`, `kind = \"…\"`, `steps = [\"…\"]`, then a line `+++`"));
        }
    };
    let start = text.find('\n').map_or(text.len(), |newline| newline + 1);
    for (offset, line) in lines_from(text, start) {
        if line.starts_with(delimiter) && line.trim_end() == delimiter {
            return Ok(Document {
                format,
                front_matter: start..offset,
                body: offset + line.len()..text.len(),
            });
        }
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

/// The lines of `text` from byte `start`, each with its line feed and where it starts, as
/// `split_inclusive('\n')` gives them; the line feeds are found by a vectorised search.
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (usize, &str)> {
    let feeds = memchr::memchr_iter(b'\n', text.as_bytes().get(start..).unwrap_or_default());
    let ends = feeds.map(move |at| start + at + 1);
    let mut from = start;
    ends.chain([text.len()]).filter_map(move |end| {
        let line = (from < end).then(|| (from, &text[from..end]));
        from = end;
        line
    })
}

/// Parses the front matter of `document` into a table node; spans are offsets into the file.
pub fn parse(source: &Source, document: &Document) -> Result<FrontMatterNode, Diagnostic> {
    let range = document.front_matter.clone();
    let text = &source.text[range.clone()];
    let node = match document.format {
        FrontMatterFormat::Toml => toml_reader::parse(source, text, range.start)?,
        FrontMatterFormat::Yaml => yaml_reader::parse(source, text, range.start)?,
    };
    match node.value {
        Value::Table(_) => Ok(node),
        Value::Null => Ok(FrontMatterNode {
            value: Value::Table(Vec::new()),
            span: range,
        }),
        other => {
            let example = match document.format {
                FrontMatterFormat::Toml => "title = \"…\"",
                FrontMatterFormat::Yaml => "title: …",
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
                    format: FrontMatterFormat::Toml,
                    front_matter: 4..16,
                    body: 20..25,
                }),
            ),
            (
                "---\ntitle: A\n---\nBody",
                Ok(Document {
                    format: FrontMatterFormat::Yaml,
                    front_matter: 4..13,
                    body: 17..21,
                }),
            ),
            (
                "+++\r\ntitle = \"A\"\r\n+++\r\n",
                Ok(Document {
                    format: FrontMatterFormat::Toml,
                    front_matter: 5..18,
                    body: 23..23,
                }),
            ),
            (
                "+++\n+++\n",
                Ok(Document {
                    format: FrontMatterFormat::Toml,
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
