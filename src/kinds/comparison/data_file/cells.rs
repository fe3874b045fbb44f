//! A CSV file as rows of cells, each cell with its place in the file (the CSV reader gives only
//! a record's start), and the quote a file opens and never closes, found before the reader
//! would swallow the rest of the file into one cell.

use std::ops::Range;

use crate::content::Located;
use crate::diagnostics::{Diagnostic, Problems, Source};

/// A cell of the file with its place.
pub(super) type CsvCell = Located<String>;

/// Every row of the file as its cells; a file that the CSV reader cannot read on is reported.
pub(super) fn rows(source: &Source, problems: &mut Problems) -> Vec<Vec<CsvCell>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(source.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => rows.push(cells(source, &record)),
            Err(error) => {
                let at = error.position().map_or(0, |p| p.byte() as usize);
                problems.push(Diagnostic::error(
                    source,
                    at..at,
                    format!("cannot read this CSV file on from here: {error}"),
                ));
                break;
            }
        }
    }
    rows
}

/// The cells of a record, each with its place in the file.
fn cells(source: &Source, record: &csv::StringRecord) -> Vec<CsvCell> {
    let start = record.position().map_or(0, |p| p.byte() as usize);
    let spans = field_spans(&source.text[start.min(source.text.len())..]);
    (record.iter().enumerate())
        .map(|(at, text)| Located {
            value: text.to_string(),
            span: spans
                .get(at)
                .map_or(start..start, |span| start + span.start..start + span.end),
        })
        .collect()
}

/// Where each field of the record at the start of `raw` is written, relative to `raw`: fields
/// end at a comma or a line break outside double quotes.
fn field_spans(raw: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (at, ch) in raw.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                spans.push(start..at);
                start = at + 1;
            }
            '\n' | '\r' if !quoted => {
                spans.push(start..at);
                return spans;
            }
            _ => {}
        }
    }
    spans.push(start..raw.len());
    spans
}

/// Where a quoted cell opens that the file never closes, read as the CSV reader reads quotes:
/// a quote opens a cell only as its first character, and two quotes inside it stand for one.
pub(super) fn unclosed_quote(text: &str) -> Option<usize> {
    let mut open = None;
    let mut cell_starts = true;
    let mut chars = text.char_indices().peekable();
    while let Some((at, ch)) = chars.next() {
        match (open, ch) {
            (None, '"') if cell_starts => open = Some(at),
            (None, ',' | '\n' | '\r') => {
                cell_starts = true;
                continue;
            }
            (Some(_), '"') if chars.next_if(|&(_, next)| next == '"').is_none() => open = None,
            _ => {}
        }
        cell_starts = false;
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_never_closed_is_found_where_it_opens() {
        let cases = [
            ("a,b\n1,2\n", None),
            ("a,\"b, c\"\n", None),
            ("a,\"say \"\"hi\"\"\"\n", None),
            ("a,5\" screen\n", None),
            ("a\n\"open,2\n3,4\n", Some(2)),
            ("a,\"x\"\"\n", Some(2)),
            ("\"", Some(0)),
        ];
        for (text, expected) in cases {
            assert_eq!(unclosed_quote(text), expected, "{text:?}");
        }
    }

    #[test]
    fn fields_end_at_commas_and_line_breaks_outside_quotes() {
        let cases: &[(&str, &[Range<usize>])] = &[
            ("a,b", &[0..1, 2..3]),
            ("a,,b\nc", &[0..1, 2..2, 3..4]),
            ("\"x, y\",z\r\n", &[0..6, 7..8]),
            ("\"two\nlines\",\"say \"\"hi\"\"\"", &[0..11, 12..24]),
            ("a,", &[0..1, 2..2]),
        ];
        for (raw, spans) in cases {
            assert_eq!(field_spans(raw), *spans, "{raw:?}");
        }
    }
}
