//! Reading a rendered page for its links and ids: the attributes of its tags, outside comments,
//! scripts and styles, with the entities templates and Markdown write decoded.

use std::collections::HashSet;

/// The links and ids of one HTML page of the output.
#[derive(Debug, Default, PartialEq)]
pub struct Scan {
    /// Every `href` and `src` value, as written (entities decoded).
    pub links: Vec<String>,
    /// Every `id`.
    pub ids: HashSet<String>,
}

/// Reads the links and ids of an HTML page: the attributes of its tags, outside comments,
/// scripts and styles.
pub fn scan(html: &str) -> Scan {
    let mut scan = Scan::default();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        each_attribute(&tag[name_end..], |attribute, value| {
            if attribute.eq_ignore_ascii_case("href") || attribute.eq_ignore_ascii_case("src") {
                scan.links.push(unescape(value));
            } else if attribute.eq_ignore_ascii_case("id") {
                scan.ids.insert(unescape(value));
            }
        });
        for raw in ["script", "style"] {
            if name.eq_ignore_ascii_case(raw) {
                let close = format!("</{raw}");
                rest = rest.find(&close).map_or("", |end| &rest[end..]);
            }
        }
    }
    scan
}

/// Where a tag that starts `text` ends: its `>` outside quotes, or the end of the text.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return at,
            _ => {}
        }
    }
    text.len()
}

/// Calls `found` with the name and the raw value of each attribute of a tag's text after its
/// name.
fn each_attribute<'a>(mut text: &'a str, mut found: impl FnMut(&'a str, &'a str)) {
    loop {
        text = text.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let name_end = text
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(text.len());
        if name_end == 0 {
            return;
        }
        let name = &text[..name_end];
        text = text[name_end..].trim_start();
        let Some(after) = text.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let (value, rest) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &after[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        found(name, value);
        text = rest;
    }
}

/// An attribute value with the entities templates and Markdown write decoded.
pub(super) fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_scanned_for_links_and_ids() {
        let cases = [
            (
                r#"<a href="/a/" id=one>x</a><img src='b.png' alt="">"#,
                vec!["/a/", "b.png"],
                vec!["one"],
            ),
            (
                r#"<!-- <a href="/commented/"> --><h2 id="t">T</h2>"#,
                vec![],
                vec!["t"],
            ),
            (
                r#"<script>let a = "<a href='/no/'>";</script><a href="/q?a=1&amp;b=2">q</a>"#,
                vec!["/q?a=1&b=2"],
                vec![],
            ),
            (
                r#"<input disabled value="a > b"><a data-x="1" href="/c/">c</a>"#,
                vec!["/c/"],
                vec![],
            ),
        ];
        for (html, links, ids) in cases {
            let scan = scan(html);
            assert_eq!(scan.links, links, "links of {html}");
            let mut found: Vec<&str> = scan.ids.iter().map(String::as_str).collect();
            found.sort_unstable();
            assert_eq!(found, ids, "ids of {html}");
        }
    }
}
