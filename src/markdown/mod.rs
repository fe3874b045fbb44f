//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists, smart
//! punctuation and an `id` on every heading, plus the first paragraph as plain text, the ids of
//! the headings, and every link that points inside the site with where it is written and where
//! its address sits in the HTML, so that [`crate::links`] can resolve `@/` links once every asset
//! is known.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::address::{has_scheme, refused_scheme};
use crate::slug::slugify;

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The text of the first paragraph, without markup.
    pub first_paragraph: String,
    /// The `id` of every heading, in order.
    pub anchors: Vec<String>,
    /// The plain text of every heading, in order.
    pub headings: Vec<String>,
    /// Every link and image whose address is not an outside one (no scheme such as `https:`),
    /// or has a scheme no link may have (such as `javascript:`), which resolving refuses.
    pub links: Vec<Link>,
}

/// A link of a Markdown body that points inside the site, or that is refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The address as written, such as `@/guides/baseline.md#costs` or `#costs`.
    pub target: String,
    /// The byte offset of the address in the Markdown.
    pub offset: usize,
    /// The byte range of the address in the HTML, inside its `href="…"` or `src="…"`.
    pub html: Range<usize>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a Markdown body to HTML and extracts its first paragraph.
pub fn render(markdown: &str) -> Rendered {
    let mut events = Vec::new();
    let mut written = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Some(target) = inside_link(&event) {
            let offset = markdown[range.clone()]
                .rfind(target)
                .map_or(range.start, |at| range.start + at);
            written.push((target.to_string(), offset));
        }
        events.push(event);
    }
    let headings = heading_texts(&events);
    let anchors = add_heading_ids(&mut events, &headings);
    let first_paragraph = first_paragraph(&events);
    make_accessible(&mut events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    // Kept for every asset until its page is made: no room to spare.
    html.shrink_to_fit();
    let links = place_in_html(&html, written);
    Rendered {
        html,
        first_paragraph,
        anchors,
        headings,
        links,
    }
}

/// Writes the body's events as every theme shows them: each table inside a scrolling region of
/// its own, which a keyboard can reach and a screen reader names ("Table 1" …), so that a wide
/// table never widens the page; each task list's box a disabled marker hidden from screen
/// readers, which read the item's text instead.
fn make_accessible(events: &mut Vec<Event>) {
    let mut tables = 0;
    let mut at = 0;
    while let Some(event) = events.get_mut(at) {
        match event {
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                let region = format!(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table {tables}\" tabindex=\"0\">"
                );
                events.insert(at, Event::Html(region.into()));
                at += 1;
            }
            Event::End(TagEnd::Table) => *event = Event::Html("</tbody></table></div>\n".into()),
            Event::TaskListMarker(checked) => {
                let checked = if *checked { " checked=\"\"" } else { "" };
                let marker = format!(
                    "<input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\"{checked}/>\n"
                );
                *event = Event::InlineHtml(marker.into());
            }
            _ => {}
        }
        at += 1;
    }
}

/// The address of a link or image that points inside the site, or that is refused.
fn inside_link<'a>(event: &'a Event) -> Option<&'a str> {
    match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            Some(dest_url.as_ref()).filter(|url| {
                !url.is_empty() && (!has_scheme(url) || refused_scheme(url).is_some())
            })
        }
        _ => None,
    }
}

/// Finds each written link's address in the HTML, in order: pulldown-cmark writes them in the
/// order of the events, escaped as [`crate::escape::href_into`] does.
fn place_in_html(html: &str, written: Vec<(String, usize)>) -> Vec<Link> {
    let mut cursor = 0;
    let mut links = Vec::with_capacity(written.len());
    for (target, offset) in written {
        let mut escaped = String::with_capacity(target.len());
        crate::escape::href_into(&mut escaped, &target);
        let Some(found) = find_attribute_value(&html[cursor..], &escaped) else {
            continue;
        };
        let start = cursor + found;
        cursor = start + escaped.len();
        links.push(Link {
            target,
            offset,
            html: start..cursor,
        });
    }
    links
}

/// The offset of `value` as the whole value of an `href` or `src` attribute in `html`.
fn find_attribute_value(html: &str, value: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = html[from..].find(value) {
        let start = from + at;
        let before = &html[..start];
        let quoted = before.ends_with("href=\"") || before.ends_with("src=\"");
        if quoted && html[start + value.len()..].starts_with('"') {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// Renders a short Markdown text of the configuration, such as a step's description, to HTML;
/// HTML written in it is shown as text, never run.
pub fn render_inline(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::new();
    html::push_html(&mut html, events);
    html.trim_end().to_string()
}

/// The address of every link and image of a Markdown text, as the browser would read it.
pub fn addresses(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// The plain text of every heading, in order.
fn heading_texts(events: &[Event]) -> Vec<String> {
    (events.iter().enumerate())
        .filter(|(_, event)| matches!(event, Event::Start(Tag::Heading { .. })))
        .map(|(at, _)| text_until_heading_end(events.get(at + 1..).unwrap_or_default()))
        .collect()
}

/// Gives every heading without an explicit `{#id}` one made from its text (`texts`, in order),
/// unique in the page; returns every heading's id, in order.
fn add_heading_ids(events: &mut [Event], texts: &[String]) -> Vec<String> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut texts = texts.iter();
    let mut ids = Vec::new();
    for event in events.iter_mut() {
        let Event::Start(Tag::Heading { id, .. }) = event else {
            continue;
        };
        let text = texts.next().map_or("", String::as_str);
        let id = id.get_or_insert_with(|| unique_id(&slugify(text), &mut used).into());
        ids.push(id.to_string());
    }
    ids
}

fn text_until_heading_end(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(part) | Event::Code(part) => text.push_str(part),
            _ => {}
        }
    }
    text
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    let mut candidate = base.to_string();
    let mut counter = 1;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{counter}");
        counter += 1;
    }
    candidate
}

fn first_paragraph(events: &[Event]) -> String {
    let mut from_paragraph =
        (events.iter()).skip_while(|event| !matches!(event, Event::Start(Tag::Paragraph)));
    if from_paragraph.next().is_none() {
        return String::new();
    }
    let mut text = String::new();
    for event in from_paragraph {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            Event::Text(part) | Event::Code(part) => text.push_str(part),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests;
