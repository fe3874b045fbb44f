//! Reading `stepwise.toml` past its bad keys: each unknown key and value of the wrong type is
//! reported, a key spelt like a known one is read as that key, anything else is blanked out,
//! and the rest is read again, so that one run reports them all.

use std::ops::Range;

use toml::Spanned;

use crate::diagnostics::serde_errors::{missing_field, parse_error, unknown_field, wrong_type};
use crate::diagnostics::{Problems, Source, did_you_mean};

use super::Config;

/// How many unknown keys and values of the wrong type one run reads past.
const MOST_BAD_KEYS: usize = 100;

/// Reads the configuration, reporting each unknown key and value of the wrong type, so that one
/// run reports them all: a key spelt like a known one is read as that key, anything else is
/// blanked out, and the rest is read again. `None`, after reporting it, when the text is not
/// TOML or a required key is missing; what follows from a key blanked is not reported.
pub(super) fn read_past_bad_keys(source: &Source, problems: &mut Problems) -> Option<Config> {
    let mut reading = Reading {
        text: source.text.to_string(),
        moves: Vec::new(),
        blanked: Vec::new(),
    };
    for _ in 0..MOST_BAD_KEYS {
        let error = match toml::from_str::<Config>(&reading.text) {
            Ok(config) => return Some(config),
            Err(error) => error,
        };
        let missing = missing_field(error.message());
        if missing.is_some_and(|key| reading.blanked.iter().any(|b| b == key)) {
            return None;
        }
        let span = error.span().unwrap_or(0..0);
        let written = reading.original(span.start)..reading.original(span.end);
        let key = entry_at(&reading.text, span.start).map(|(key, _)| key);
        let problem = key.and_then(|key| wrong_type(source, &key, error.message(), &written));
        problems.push(problem.unwrap_or_else(|| parse_error(source, error.message(), written)));
        let meant = unknown_field(error.message())
            .and_then(|(field, expected)| did_you_mean(field, expected.iter().copied()));
        let read_on = missing.is_none()
            && (meant.is_some_and(|meant| reading.rename(span.clone(), meant))
                || reading.take_out(span.start));
        if !read_on {
            return None;
        }
    }
    None
}

/// The text of `stepwise.toml` as it is read past its bad keys.
struct Reading {
    /// The text, with its bad keys renamed or blanked.
    text: String,
    /// Where a key was renamed, in the text as written, and how many bytes longer it became.
    moves: Vec<(usize, isize)>,
    /// The keys blanked out.
    blanked: Vec<String>,
}

impl Reading {
    /// The offset in the text as written of `offset` in the text being read.
    fn original(&self, offset: usize) -> usize {
        let mut shift = 0;
        for &(at, growth) in &self.moves {
            if at.saturating_add_signed(shift) < offset {
                shift += growth;
            }
        }
        offset.saturating_add_signed(-shift)
    }

    /// Renames the key at `span` to `meant`, if the text stays TOML.
    fn rename(&mut self, span: Range<usize>, meant: &str) -> bool {
        let mut renamed = self.text.clone();
        renamed.replace_range(span.clone(), meant);
        if toml::de::DeTable::parse(&renamed).is_err() {
            return false;
        }
        let growth = meant.len() as isize - span.len() as isize;
        self.moves.push((self.original(span.start), growth));
        self.moves.sort_unstable();
        self.text = renamed;
        true
    }

    /// Blanks out the entry that holds the byte `at`, if the text stays TOML.
    fn take_out(&mut self, at: usize) -> bool {
        let Some((key, entry)) = entry_at(&self.text, at) else {
            return false;
        };
        blank(&mut self.text, entry);
        self.blanked.push(key);
        toml::de::DeTable::parse(&self.text).is_ok()
    }
}

/// The innermost `key = value` of the TOML `text` that holds the byte `at`: its key, and the
/// bytes from its key to the end of its value; for a table, from its `[header]` line to the
/// next header.
fn entry_at(text: &str, at: usize) -> Option<(String, Range<usize>)> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let (key, entry) = innermost(table.get_ref(), at)?;
    let line_start = text[..entry.start]
        .rfind('\n')
        .map_or(0, |newline| newline + 1);
    if !matches!(text[line_start..entry.start].trim(), "[" | "[[") {
        return Some((key, entry));
    }
    let body = text[line_start..]
        .find('\n')
        .map_or(text.len(), |end| line_start + end);
    let next_header = (text[body..].split_inclusive('\n'))
        .scan(body, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .find(|(_, line)| line.trim_start().starts_with('['))
        .map_or(text.len(), |(start, _)| start);
    Some((key, line_start..next_header))
}

/// The innermost entry of `table` that holds the byte `at`: the last one written before it, or
/// an entry inside that one, when it is a table or a list of tables.
fn innermost(table: &toml::de::DeTable<'_>, at: usize) -> Option<(String, Range<usize>)> {
    use toml::de::DeValue;
    let (key, value) = (table.iter())
        .filter(|(key, _)| key.span().start <= at)
        .max_by_key(|(key, _)| key.span().start)?;
    let inner = |item: &Spanned<DeValue<'_>>| match item.get_ref() {
        DeValue::Table(inner) => innermost(inner, at),
        _ => None,
    };
    let deeper = match value.get_ref() {
        DeValue::Array(items) => {
            (items.iter().filter_map(inner)).max_by_key(|(_, entry)| entry.start)
        }
        _ => inner(value),
    };
    let end = value.span().end.max(key.span().end);
    deeper.or_else(|| (at < end).then(|| (key.get_ref().to_string(), key.span().start..end)))
}

/// Writes spaces over the bytes of `range` in `text`, keeping its line breaks and offsets.
fn blank(text: &mut String, range: Range<usize>) {
    let blanked: String = (text[range.clone()].chars())
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            other => " ".repeat(other.len_utf8()),
        })
        .collect();
    text.replace_range(range, &blanked);
}
