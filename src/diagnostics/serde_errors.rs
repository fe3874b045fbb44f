//! serde's messages about a TOML text, said for the people who write it: an unknown key with
//! the likely one it misspells, a missing key, a value of the wrong type in plain words.

use std::ops::Range;

use super::{Diagnostic, Source, did_you_mean};

/// Turns a TOML parse error into a diagnostic, with "did you mean" for unknown keys.
pub fn parse_error(source: &Source, message: &str, span: Range<usize>) -> Diagnostic {
    match unknown_field(message) {
        Some((field, expected)) => {
            let diagnostic = Diagnostic::error(source, span, format!("unknown key `{field}`"));
            match did_you_mean(field, expected.iter().copied()) {
                Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
                None => diagnostic.with_help(format!(
                    "the keys allowed here are {}",
                    quote_all(&expected)
                )),
            }
        }
        None => match missing_field(message) {
            Some(field) => Diagnostic::error(source, span, format!("the key `{field}` is missing"))
                .with_help(format!("add a line `{field} = \"…\"`; `docs/configuration.md` explains every key")),
            None => Diagnostic::error(source, span, first_line(message)).with_help(
                "write one `key = value` per line: text in double quotes, lists in [ ], dates as 2026-03-31",
            ),
        },
    }
}

/// serde's "invalid type: string "yes", expected a boolean" (or "invalid value") for the value
/// of `key` at `span`, said as for front matter: "`publish` must be true or false, not text".
pub fn wrong_type(
    source: &Source,
    key: &str,
    message: &str,
    span: &Range<usize>,
) -> Option<Diagnostic> {
    let (value, type_error) = match message.strip_prefix("invalid type: ") {
        Some(rest) => (rest, true),
        None => (message.strip_prefix("invalid value: ")?, false),
    };
    let (found, expected) = value.split_once(", expected ")?;
    let found = match found.split([' ', '`']).next()? {
        _ if !type_error => found.split('`').nth(1).unwrap_or(found),
        "string" => "text",
        "integer" | "floating" => "a number",
        "boolean" => "true or false",
        "sequence" => "a list",
        "map" => "a table",
        other => other,
    };
    let expected = match expected {
        "a boolean" => "true or false",
        "a string" => "text in quotes",
        "u32" => "a whole number of 0 or more",
        "a sequence" => "a list",
        other => other,
    };
    let problem = Diagnostic::error(
        source,
        span.clone(),
        format!("`{key}` must be {expected}, not {found}"),
    );
    Some(problem.with_help(format!("change the value to {expected}")))
}

/// Reads serde's "missing field `x`" into the field.
pub fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" into the field and the expected names.
pub fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).collect();
    Some((field, expected))
}

/// The names, each in backquotes, separated by commas.
fn quote_all(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first line of a message, trimmed.
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}
