//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists, smart
//! punctuation and an `id` on every heading, plus the first paragraph as plain text.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::slug::slugify;

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The text of the first paragraph, without markup.
    pub first_paragraph: String,
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
    let mut events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    add_heading_ids(&mut events);
    let first_paragraph = first_paragraph(&events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        first_paragraph,
    }
}

/// Renders a short Markdown text, such as a step's description, to HTML.
pub fn render_inline(markdown: &str) -> String {
    let mut html = String::new();
    html::push_html(&mut html, Parser::new_ext(markdown, options()));
    html.trim_end().to_string()
}

/// Gives every heading without an explicit `{#id}` one made from its text, unique in the page.
fn add_heading_ids(events: &mut [Event]) {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    for start in 0..events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[start] {
            let id = unique_id(
                &slugify(&text_until_heading_end(&events[start + 1..])),
                &mut used,
            );
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                *slot = Some(CowStr::from(id));
            }
        }
    }
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
    let Some(start) = events
        .iter()
        .position(|event| matches!(event, Event::Start(Tag::Paragraph)))
    else {
        return String::new();
    };
    let mut text = String::new();
    for event in &events[start + 1..] {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            Event::Text(part) | Event::Code(part) => text.push_str(part),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}
