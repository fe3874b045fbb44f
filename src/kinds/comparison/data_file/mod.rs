//! A comparison sheet's options and criteria read from a CSV file of the asset's bundle, named
//! by `data = "scores.csv"` in its `[comparison]` table. The header row is
//! `criterion,group,weight,help` and then one column per option, named by its header cell; each
//! further row is a criterion with its value for each option. The file becomes the table the
//! front matter would hold, every cell keeping its place in the file, so that the same checks
//! read it and report each problem at the file's line and column.

mod cells;

use std::ops::Range;
use std::path::Path;

use crate::content::Fields;
use crate::content::node::Value;
use crate::content::{FrontMatterNode, Located};
use crate::diagnostics::{Diagnostic, Problems, Source, did_you_mean};
use crate::kinds::Bundle;
use crate::text_file;

use super::Sheet;
use cells::{CsvCell, rows, unclosed_quote};

/// The columns before the options, in this order, with the criterion's key each one fills.
const COLUMNS: [(&str, &str); 4] = [
    ("criterion", "name"),
    ("group", "group"),
    ("weight", "weight"),
    ("help", "help"),
];

/// How the header row starts, for messages.
const HEADER: &str = "criterion,group,weight,help";

/// Reads the sheet of the file named by `data` with `read_sheet`, the reader of the front
/// matter's sheet; its problems, and those of `data` itself, are reported into `fields`. The
/// file is taken out of `bundle`, so that it is not published: the sheet's download holds the
/// same data.
pub(super) fn read(
    fields: &mut Fields<'_>,
    bundle: &mut Bundle,
    read_sheet: fn(&mut Fields<'_>) -> Sheet,
) -> Sheet {
    for key in ["options", "criteria"] {
        if let Some(node) = fields.take(key) {
            let problem = Diagnostic::error(
                fields.source(),
                node.span,
                format!("`{key}` cannot be given with `data`"),
            )
            .with_help(format!(
                "the sheet's options and criteria come from the file named by `data`; remove `{key}`, or remove `data` to write the sheet here"
            ));
            fields.report(problem);
        }
    }
    let Some(name) = fields.text("data") else {
        return Sheet::default();
    };
    let Some(source) = load(fields, &name, bundle) else {
        return Sheet::default();
    };
    let Some(table) = table(&source, fields.problems()) else {
        return Sheet::default();
    };
    let mut sheet_fields = Fields::new(&source, "comparison", table);
    let sheet = read_sheet(&mut sheet_fields);
    let _ = sheet_fields.finish(fields.problems());
    sheet
}

/// The file `name` of the bundle, read; what stops it is reported at `data`'s value.
fn load(fields: &mut Fields<'_>, name: &Located<String>, bundle: &mut Bundle) -> Option<Source> {
    let asset = fields.source();
    let display = Path::new(&*asset.name).with_file_name(&name.value);
    let problem = if !bundle.is_bundle {
        Diagnostic::error(
            asset,
            name.span.clone(),
            "`data` names a file of the asset's bundle, but this asset is not a bundle",
        )
        .with_help(format!(
            "move the asset into a folder of its own as `index.md` and put `{}` beside it",
            name.value
        ))
    } else {
        match bundle.take(&name.value) {
            Some(path) => match text_file::read(display.to_string_lossy(), &path) {
                Ok(source) => return Some(source),
                Err(problem) => problem,
            },
            None => missing(asset, name, &display, bundle),
        }
    };
    fields.report(problem);
    None
}

/// The problem of a file the bundle does not have, with the closest of the files it has.
fn missing(asset: &Source, name: &Located<String>, display: &Path, bundle: &Bundle) -> Diagnostic {
    let names = bundle.names();
    let help = match did_you_mean(&name.value, names.iter().map(String::as_str)) {
        Some(close) => format!("did you mean `{close}`?"),
        None if names.is_empty() => format!(
            "put the CSV file in the asset's folder, as `{}`",
            display.display()
        ),
        None => format!(
            "the files of this bundle are {}",
            (names.iter().map(|n| format!("`{n}`")))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(
        asset,
        name.span.clone(),
        format!("there is no file `{}`", display.display()),
    )
    .with_help(help)
}

/// The file as the table `options` and `criteria` of a `[comparison]`; `None` when its header
/// cannot be read. The problems of the file's shape are added to `problems`.
fn table(source: &Source, problems: &mut Problems) -> Option<FrontMatterNode> {
    if let Some(at) = unclosed_quote(&source.text) {
        problems.push(
            Diagnostic::error(source, at..at + 1, "this quote is never closed")
                .with_label_message("the cell opens here and runs to the end of the file")
                .with_help("end the cell with a `\"`; a quote inside a quoted cell is written twice, `\"\"`"),
        );
        return None;
    }
    let rows = rows(source, problems);
    let Some((header, rows)) = rows.split_first() else {
        problems.push(
            Diagnostic::error(source, 0..0, "this CSV file is empty").with_help(format!(
                "write a header row `{HEADER},<option>,<option>` and a row per criterion"
            )),
        );
        return None;
    };
    let options = read_header(source, header, problems)?;
    let names: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
    let criteria = (rows.iter())
        .filter_map(|row| criterion(source, row, &names, problems))
        .collect();
    let end = source.text.len();
    Some(node(
        Value::Table(vec![
            (key("options", 0..0), list(options)),
            (key("criteria", 0..0), node(Value::Array(criteria), 0..end)),
        ]),
        0..end,
    ))
}

/// The options named by the header row; `None` when it does not start with the fixed columns.
fn read_header(
    source: &Source,
    header: &[CsvCell],
    problems: &mut Problems,
) -> Option<Vec<CsvCell>> {
    for (at, (column, _)) in COLUMNS.iter().enumerate() {
        let found = header.get(at);
        if found.is_some_and(|cell| cell.value.eq_ignore_ascii_case(column)) {
            continue;
        }
        let end = header.last().map_or(0, |cell| cell.span.end);
        let (span, what) = match found {
            Some(cell) => (cell.span.clone(), format!("`{}`", cell.value)),
            None => (end..end, "nothing".to_string()),
        };
        problems.push(
            Diagnostic::error(
                source,
                span,
                format!("column {} of the header must be `{column}`, not {what}", at + 1),
            )
            .with_help(format!(
                "the header row is `{HEADER}` and then one column per option, such as `{HEADER},Ledgerline,Do nothing`"
            )),
        );
        return None;
    }
    let options = header.get(COLUMNS.len()..).unwrap_or_default().to_vec();
    if options.is_empty() {
        let end = header.last().map_or(0, |cell| cell.span.end);
        problems.push(
            Diagnostic::error(source, end..end, "the header names no option")
                .with_help(format!(
                    "after `{HEADER}`, add one column per option, such as `{HEADER},Ledgerline,Do nothing`"
                )),
        );
        return None;
    }
    for (at, option) in options.iter().enumerate() {
        if option.value.is_empty() {
            problems.push(
                Diagnostic::error(
                    source,
                    option.span.clone(),
                    format!(
                        "column {} of the header names no option",
                        COLUMNS.len() + at + 1
                    ),
                )
                .with_help("write the option's name in the header, or delete the column"),
            );
        }
    }
    Some(options)
}

/// A criterion's row as the table the front matter would hold; `None` for a row that cannot be
/// read as one, which is reported.
fn criterion(
    source: &Source,
    row: &[CsvCell],
    options: &[&str],
    problems: &mut Problems,
) -> Option<FrontMatterNode> {
    let columns = COLUMNS.len() + options.len();
    if row.len() != columns {
        problems.push(ragged(source, row, columns, options));
        return None;
    }
    let (Some(name), Some(values @ [first_value, ..]), Some(last)) =
        (row.first(), row.get(COLUMNS.len()..), row.last())
    else {
        return None;
    };
    if name.value.is_empty() {
        problems.push(
            Diagnostic::error(source, name.span.clone(), "this row has no criterion")
                .with_help("write what is compared in the `criterion` column, or delete the row"),
        );
        return None;
    }
    let mut entries: Vec<(Located<String>, FrontMatterNode)> = (COLUMNS.iter().zip(row))
        .filter(|(_, cell)| !cell.value.is_empty())
        .map(|(&(column, key_name), cell)| {
            let value = match column {
                "weight" => number_or_text(&cell.value),
                _ => Value::String(cell.value.clone()),
            };
            (
                key(key_name, cell.span.clone()),
                node(value, cell.span.clone()),
            )
        })
        .collect();
    for (cell, option) in values.iter().zip(options) {
        if cell.value.is_empty() {
            problems.push(
                Diagnostic::error(
                    source,
                    cell.span.clone(),
                    format!("the value for `{option}` is empty"),
                )
                .with_help("write a score from 0 to 5, yes, no, partial or a short text"),
            );
        }
    }
    let values = (values.iter())
        .map(|cell| node(number_or_text(&cell.value), cell.span.clone()))
        .collect();
    let span = first_value.span.start..last.span.end;
    entries.push((
        key("values", span.clone()),
        node(Value::Array(values), span),
    ));
    let span = name.span.start..last.span.end;
    Some(node(Value::Table(entries), span))
}

/// The problem of a row without a cell for every column.
fn ragged(source: &Source, row: &[CsvCell], columns: usize, options: &[&str]) -> Diagnostic {
    let span = match row.get(columns) {
        Some(extra) => extra.span.clone(),
        None => row.last().map_or(0..0, |cell| cell.span.end..cell.span.end),
    };
    Diagnostic::error(
        source,
        span,
        format!(
            "this row has {} cells, but the header has {columns}",
            row.len()
        ),
    )
    .with_help(format!(
        "give every row one cell per column: {}, {}; put a cell that holds a comma in double quotes",
        HEADER.replace(',', ", "),
        options.join(", ")
    ))
}

/// A cell as the front matter would give it: a whole number, a number or text.
fn number_or_text(text: &str) -> Value {
    if let Ok(number) = text.parse::<i64>() {
        return Value::Integer(number);
    }
    match text.parse::<f64>() {
        Ok(number) if number.is_finite() => Value::Float(number),
        _ => Value::String(text.to_string()),
    }
}

fn list(cells: Vec<CsvCell>) -> FrontMatterNode {
    let span = match (cells.first(), cells.last()) {
        (Some(first), Some(last)) => first.span.start..last.span.end,
        _ => 0..0,
    };
    let items = cells
        .into_iter()
        .map(|cell| node(Value::String(cell.value), cell.span))
        .collect();
    node(Value::Array(items), span)
}

fn key(name: &str, span: Range<usize>) -> Located<String> {
    Located {
        value: name.to_string(),
        span,
    }
}

fn node(value: Value, span: Range<usize>) -> FrontMatterNode {
    FrontMatterNode { value, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_without_options_is_reported_before_any_row_is_read() {
        // Found by fuzzing: a row of the four fixed columns under such a header was read past
        // its end.
        let cases = [
            "criterion,group,weight,help\nSpeed,Capture,2,\n",
            "criterion,group,weight,help\n",
        ];
        for text in cases {
            let mut problems = Problems::default();
            assert!(table(&Source::new("scores.csv", text), &mut problems).is_none());
            let found: Vec<_> = (problems.as_slice().iter())
                .map(|p| p.message.as_str())
                .collect();
            assert_eq!(found, ["the header names no option"], "{text:?}");
        }
    }

    #[test]
    fn cells_read_as_the_front_matter_would_write_them() {
        let cases = [
            ("4", Value::Integer(4)),
            ("-1", Value::Integer(-1)),
            ("3.5", Value::Float(3.5)),
            ("yes", Value::String("yes".into())),
            ("$4–6", Value::String("$4–6".into())),
            ("nan", Value::String("nan".into())),
        ];
        for (text, value) in cases {
            assert_eq!(number_or_text(text), value, "{text}");
        }
    }
}
