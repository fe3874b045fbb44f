//! The one way the site's text files are read (assets, `stepwise.toml`, templates, data files):
//! as UTF-8, with a byte order mark dropped, old Mac line ends (a carriage return alone, which
//! CommonMark counts as a line end) made line feeds, and NUL characters made U+FFFD, as
//! CommonMark asks (no page may hold one); so every reader sees the same lines and every
//! message the same line numbers. A file that is not UTF-8 is reported at its first bad byte.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Source};

/// Reads the text file at `path`, shown to the user as `name`.
pub fn read(name: impl Into<Arc<str>>, path: &Path) -> Result<Source, Diagnostic> {
    let name = name.into();
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::error(
            &Source::unreadable(name.clone()),
            0..0,
            format!("cannot read this file: {error}"),
        )
        .with_help("check that the file exists and that you may read it")
    })?;
    decode(name, bytes)
}

/// The text of a file's `bytes`, as [`read`] reads it.
pub fn decode(name: impl Into<Arc<str>>, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
    let name = name.into();
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let source = Source::unreadable(name);
        return Err(Diagnostic::error(&source, 0..0, "this file is UTF-16 text")
            .with_help("save the file with UTF-8 encoding in your editor"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            if !has_cr_or_nul(text.as_bytes()) {
                return Ok(Source::new(name, text));
            }
            Ok(Source::new(name, without_nul(&unix_line_ends(text))))
        }
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = Source::new(name, lossy);
            Err(Diagnostic::error(
                &source,
                valid..valid + 1,
                "this file is not valid UTF-8 text",
            )
            .with_label_message("the first byte that is not UTF-8")
            .with_help("save the file with UTF-8 encoding in your editor"))
        }
    }
}

/// True when `bytes` hold a carriage return or a NUL, the characters [`decode`] may replace.
fn has_cr_or_nul(bytes: &[u8]) -> bool {
    memchr::memchr2(b'\r', 0, bytes).is_some()
}

/// `text` with every carriage return that does not start a Windows line end (`\r\n`) made a line
/// feed; borrowed as it is when there is none.
fn unix_line_ends(text: &str) -> Cow<'_, str> {
    let lone = |at: usize| text.as_bytes().get(at + 1) != Some(&b'\n');
    if !text.match_indices('\r').any(|(at, _)| lone(at)) {
        return Cow::Borrowed(text);
    }
    let fixed = text
        .char_indices()
        .map(|(at, ch)| if ch == '\r' && lone(at) { '\n' } else { ch })
        .collect();
    Cow::Owned(fixed)
}

/// `text` with every NUL character made the replacement character.
fn without_nul(text: &str) -> Cow<'_, str> {
    if text.contains('\0') {
        Cow::Owned(text.replace('\0', "\u{fffd}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text read, or the message and the offset of the problem.
    type Read<'a> = Result<&'a str, (&'a str, usize)>;

    #[test]
    fn text_is_read_as_utf8_with_unix_or_windows_line_ends() {
        let cases: [(&[u8], Read); 10] = [
            (b"plain\n", Ok("plain\n")),
            (b"\xef\xbb\xbfmarked\n", Ok("marked\n")),
            (b"win\r\ndows\r\n", Ok("win\r\ndows\r\n")),
            (b"old\rmac\r", Ok("old\nmac\n")),
            (b"mixed\r\r\nends", Ok("mixed\n\r\nends")),
            (b"", Ok("")),
            (b"a\0b\r", Ok("a\u{fffd}b\n")),
            (b"Caf\xe9\n", Err(("this file is not valid UTF-8 text", 3))),
            (b"\xff\xfe+\x00", Err(("this file is UTF-16 text", 0))),
            (b"\xfe\xff\x00+", Err(("this file is UTF-16 text", 0))),
        ];
        for (bytes, expected) in cases {
            let read = decode("test.md", bytes.to_vec());
            let found = match &read {
                Ok(source) => Ok(&*source.text),
                Err(problem) => Err((problem.message.as_str(), problem.labels[0].span.start)),
            };
            assert_eq!(found, expected, "decode({bytes:?})");
            if let Err(problem) = read {
                assert!(problem.help.is_some(), "{bytes:?} has no help");
            }
        }
    }
}
