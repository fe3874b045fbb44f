//! Text written into a context that would read it as code, escaped for that context: HTML and
//! XML text and attribute values (also what templates print, through [`markup_into`], the
//! escape function the renderer gives Tera), link addresses in an `href` as Markdown writes
//! them, JSON inside a page's `<script>` element, and CSV cells that a spreadsheet opens. Every
//! HTML and XML escape of the library is one of these.

use std::io::{self, Write};

use serde::Serialize;

/// The reference a byte that means something in HTML and XML is written as. All five are ASCII,
/// so a byte of a character of several bytes is never one of them.
fn reference(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// `text` with the five characters that mean something in HTML and XML (`&`, `<`, `>`, `"`,
/// `'`) written as references, safe as element text and as a quoted attribute value.
pub fn markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    markup_push(&mut escaped, text);
    escaped
}

/// [`markup`] appended to `out`.
pub fn markup_push(out: &mut String, text: &str) {
    markup_parts(text, |part| {
        out.push_str(part);
        Ok(())
    })
    .unwrap_or_default();
}

/// [`markup`] written into `out`: the escape function of templates, which runs on every value
/// a page prints.
pub fn markup_into(text: &str, out: &mut dyn Write) -> io::Result<()> {
    markup_parts(text, |part| out.write_all(part.as_bytes()))
}

/// Gives `write` the runs of `text` that stay as they are and the references between them, in
/// order. It reads bytes, sixteen at a time while none is one of the five, a test the compiler
/// makes with a few vector instructions: most of what pages print has nothing to escape.
fn markup_parts(text: &str, mut write: impl FnMut(&str) -> io::Result<()>) -> io::Result<()> {
    let mut run = 0;
    let mut at = 0;
    for chunk in text.as_bytes().chunks(16) {
        if chunk
            .iter()
            .fold(false, |any, &byte| any | reference(byte).is_some())
        {
            for (offset, &byte) in (at..).zip(chunk) {
                if let Some(reference) = reference(byte) {
                    // The five are ASCII, so both ends of the run are ends of characters.
                    write(text.get(run..offset).unwrap_or_default())?;
                    write(reference)?;
                    run = offset + 1;
                }
            }
        }
        at += chunk.len();
    }
    write(text.get(run..).unwrap_or_default())
}

/// A link's address written into `out` for an `href` attribute exactly as pulldown-cmark writes
/// the links of Markdown bodies: `&` and `'` as references, and what an address cannot hold
/// percent-encoded.
pub fn href_into(out: &mut String, address: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(out, address);
}

/// `value` as JSON text that can sit inside a `<script>` element: `<`, `>` and `&` are written
/// as `\u003c`, `\u003e` and `\u0026`, so that it never ends the element or opens a comment,
/// and the line separators U+2028 and U+2029 as `\u2028` and `\u2029`, which older scripts
/// read as line ends. Outside strings JSON never holds these characters, so it stays valid.
pub fn json_for_script(value: &impl Serialize) -> String {
    // Serialising plain structs of strings and finite numbers cannot fail.
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            '\u{2028}' => escaped.push_str("\\u2028"),
            '\u{2029}' => escaped.push_str("\\u2029"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The characters a spreadsheet reads as the start of a formula when a cell begins with one.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV cell: with a `'` in front when it begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return, so that a spreadsheet never runs it as a formula (as OWASP advises), and
/// quoted when it holds a comma, a quote or a line break.
pub fn csv_cell(text: &str) -> String {
    let safe = if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_what_ends_text_or_an_attribute() {
        let cases = [
            ("plain", "plain"),
            ("a & b", "a &amp; b"),
            ("<script>", "&lt;script&gt;"),
            ("\" onload=\"x", "&quot; onload=&quot;x"),
            ("it's", "it&#39;s"),
            ("€ – ü", "€ – ü"),
            ("ü<€>'", "ü&lt;€&gt;&#39;"),
            (
                "fifteen bytes <sixteen &seventeen ü€ thirty-one\"thirty-two'",
                "fifteen bytes &lt;sixteen &amp;seventeen ü€ thirty-one&quot;thirty-two&#39;",
            ),
            ("0123456789abcdef<", "0123456789abcdef&lt;"),
            ("0123456789abcde>f", "0123456789abcde&gt;f"),
        ];
        for (text, expected) in cases {
            assert_eq!(markup(text), expected, "markup({text:?})");
        }
    }

    #[test]
    fn templates_are_escaped_as_markup_is() {
        for text in [
            "plain",
            "a & b",
            "<p class=\"x\">it's</p>",
            "€ <ü>",
            "",
            "&&",
            "a longer text of more than sixteen bytes, with <b> & a 'quote' at the end\"",
        ] {
            let mut out = Vec::new();
            markup_into(text, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), markup(text), "{text:?}");
        }
    }

    #[test]
    fn addresses_are_escaped_as_markdown_writes_them() {
        let cases = [
            ("/guides/x/", "/guides/x/"),
            ("/q?a=1&b=2", "/q?a=1&amp;b=2"),
            ("it's here", "it&#x27;s%20here"),
            ("\"><script>", "%22%3E%3Cscript%3E"),
        ];
        for (address, expected) in cases {
            let mut out = String::new();
            href_into(&mut out, address);
            assert_eq!(out, expected, "{address:?}");
        }
    }

    #[test]
    fn json_for_scripts_cannot_close_its_element() {
        let cases = [
            ("</script>&", "\"\\u003c/script\\u003e\\u0026\""),
            ("<!--", "\"\\u003c!--\""),
            ("a\u{2028}b\u{2029}", "\"a\\u2028b\\u2029\""),
            ("plain", "\"plain\""),
        ];
        for (text, expected) in cases {
            let json = json_for_script(&text);
            assert_eq!(json, expected, "{text:?}");
            let back: String = serde_json::from_str(&json).unwrap();
            assert_eq!(back, text);
        }
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("a, b", "\"a, b\""),
            ("say \"yes\"", "\"say \"\"yes\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@cmd", "'@cmd"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("=1,2", "\"'=1,2\""),
            ("4–6 $", "4–6 $"),
        ];
        for (text, expected) in cases {
            assert_eq!(csv_cell(text), expected, "csv_cell({text:?})");
        }
    }
}
