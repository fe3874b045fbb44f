//! Splits formula text into tokens with their byte offsets.

use std::ops::Range;

use super::problem::Problem;

/// One token of a formula.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    /// A decimal number.
    Number(f64),
    /// A name: an input, an output, a function or `and`, `or`, `not`.
    Name(String),
    /// One of `+ - * / ^ ( ) , < <= > >= == !=`.
    Symbol(&'static str),
    /// The end of the formula.
    End,
}

impl Token {
    /// The token as the user wrote it, for messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Token::Number(value) => format!("`{value}`"),
            Token::Name(name) => format!("`{name}`"),
            Token::Symbol(symbol) => format!("`{symbol}`"),
            Token::End => "the end of the formula".to_string(),
        }
    }
}

/// The symbols, longest first so that `<=` wins over `<`.
const SYMBOLS: [&str; 14] = [
    "<=", ">=", "==", "!=", "+", "-", "*", "/", "^", "(", ")", ",", "<", ">",
];

/// Common mistakes and what to write instead.
const MISTAKES: [(&str, &str); 6] = [
    ("&&", "write `and`"),
    ("||", "write `or`"),
    ("=", "compare with `==`"),
    ("!", "write `not x` or `a != b`"),
    ("&", "write `and`"),
    ("|", "write `or`"),
];

/// The tokens of a formula, each with its byte range; the last is [`Token::End`].
pub(crate) fn tokens(text: &str) -> Result<Vec<(Token, Range<usize>)>, Problem> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let (token, len) = token_at(text, at)?;
        tokens.push((token, at..at + len));
        at += len;
    }
    tokens.push((Token::End, text.len()..text.len()));
    Ok(tokens)
}

/// The token that starts at byte `at`, and its length.
fn token_at(text: &str, at: usize) -> Result<(Token, usize), Problem> {
    let rest = &text[at..];
    let first = rest.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() {
        number(rest, at)
    } else if first.is_ascii_alphabetic() || first == '_' {
        name(rest, at)
    } else if let Some(symbol) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
        Ok((Token::Symbol(symbol), symbol.len()))
    } else {
        Err(unexpected_character(rest, at))
    }
}

fn number(rest: &str, at: usize) -> Result<(Token, usize), Problem> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let mut len = digits(rest);
    if rest[len..].starts_with('.') {
        let fraction = digits(&rest[len + 1..]);
        if fraction == 0 {
            return Err(Problem::new(
                at..at + len + 1,
                "expected a digit after the decimal point",
                "a number ends here",
            )
            .with_help(format!("write `{}` or `{}.0`", &rest[..len], &rest[..len])));
        }
        len += 1 + fraction;
    }
    let next = rest[len..].chars().next();
    if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
        return Err(Problem::new(
            at..at + len + 1,
            format!("unexpected `{}` after the number", next.unwrap_or(' ')),
            "a number ends here",
        )
        .with_help(
            "write numbers with digits and one decimal point only, such as `1000000` or `0.5`",
        ));
    }
    let value = rest[..len].parse().unwrap_or(f64::INFINITY);
    Ok((Token::Number(value), len))
}

fn name(rest: &str, at: usize) -> Result<(Token, usize), Problem> {
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let word = &rest[..len];
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(Problem::new(
            at..at + len,
            format!("names are written in lower case, found `{word}`"),
            "upper-case letters here",
        )
        .with_help(format!("write `{}`", word.to_ascii_lowercase())));
    }
    Ok((Token::Name(word.to_string()), len))
}

fn unexpected_character(rest: &str, at: usize) -> Problem {
    if let Some((mistake, help)) = MISTAKES.iter().find(|(m, _)| rest.starts_with(m)) {
        return Problem::new(
            at..at + mistake.len(),
            format!("unexpected `{mistake}`"),
            "not part of the formula language",
        )
        .with_help(*help);
    }
    let c = rest.chars().next().unwrap_or(' ');
    Problem::new(
        at..at + c.len_utf8(),
        format!("unexpected `{c}`"),
        "not part of the formula language",
    )
    .with_help(
        "formulas use numbers, names, `+ - * / ^`, comparisons, `and`, `or`, `not`, parentheses and functions",
    )
}
