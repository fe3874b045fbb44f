//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists, smart
//! punctuation and an `id` on every heading, plus the first paragraph as plain text, the ids of
//! the headings, and every link that points inside the site with where it is written and where
//! its address sits in the HTML, so that [`crate::links`] can resolve `@/` links once every asset
//! is known.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use pulldown_cmark::{
    DefaultBrokenLinkCallback, Event, OffsetIter, Options, Parser, Tag, TagEnd, html,
};

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

/// The Markdown extensions stepwise turns on: tables, footnotes, strikethrough, task lists,
/// heading attributes (`{#id}`) and typographic quotes and dashes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a Markdown body to HTML and extracts its first paragraph.
pub fn render(markdown: &str) -> Rendered {
    let mut explicit = HashMap::new();
    loop {
        // A heading's explicit `{#id}` may name an id already made for a heading before it:
        // then the body is rendered again with every explicit id known from the start, which
        // no id made from a heading's text takes, so that the second time is the last.
        match Body::new(markdown, explicit).render() {
            Ok(rendered) => return rendered,
            Err(every_explicit) => explicit = every_explicit,
        }
    }
}

/// The ids of a body's headings so far, each `true` when made from its heading's text and
/// `false` when written as `{#id}`.
type Ids = HashMap<String, bool>;

/// The events of a body on their way to the HTML writer, and what is read from them on the way:
/// the text of the first paragraph and of every heading, the id of every heading, the links.
struct Body<'a> {
    markdown: &'a str,
    source: OffsetIter<'a, DefaultBrokenLinkCallback>,
    /// Events read from the source and not yet written: a heading's, or a table's start.
    pending: VecDeque<Event<'a>>,
    ids: Ids,
    /// Whether an explicit id named one made for a heading before it.
    clash: bool,
    tables: usize,
    first_paragraph: FirstParagraph,
    anchors: Vec<String>,
    headings: Vec<String>,
    /// Every link inside the site, with the offset of its address in the Markdown.
    written: Vec<(String, usize)>,
}

impl<'a> Body<'a> {
    fn new(markdown: &'a str, ids: Ids) -> Self {
        Body {
            markdown,
            source: Parser::new_ext(markdown, options()).into_offset_iter(),
            pending: VecDeque::new(),
            ids,
            clash: false,
            tables: 0,
            first_paragraph: FirstParagraph::Before,
            anchors: Vec::new(),
            headings: Vec::new(),
            written: Vec::new(),
        }
    }

    /// Writes the body's HTML and gives it with all that was read on the way, or, when an
    /// explicit id clashed, every explicit id of the body.
    fn render(mut self) -> Result<Rendered, Ids> {
        let mut html = String::with_capacity(self.markdown.len() * 3 / 2);
        html::push_html(&mut html, &mut self);
        if self.clash {
            self.ids.retain(|_, made| !*made);
            return Err(self.ids);
        }
        // Kept for every asset until its page is made: no room to spare.
        html.shrink_to_fit();
        let links = place_in_html(&html, self.written);
        Ok(Rendered {
            html,
            first_paragraph: self.first_paragraph.text(),
            anchors: self.anchors,
            headings: self.headings,
            links,
        })
    }

    /// Makes an event of the source as every theme shows it (see [`accessible`]), and notes its
    /// link and first paragraph's text.
    #[inline(always)]
    fn read(&mut self, event: &mut Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.note_link(event, range),
            Event::End(TagEnd::Table) | Event::TaskListMarker(_) => *event = accessible(event),
            _ => self.first_paragraph.read(event),
        }
    }

    /// Notes the address of a link or image when it points inside the site, or is refused.
    fn note_link(&mut self, event: &Event, range: Range<usize>) {
        if let Some(target) = inside_link(event) {
            let offset = self.markdown[range.clone()]
                .rfind(target)
                .map_or(range.start, |at| range.start + at);
            self.written.push((target.to_string(), offset));
        }
    }

    /// Reads a heading's events up to its end into `pending`, and gives its start the id the
    /// heading has or one made from its text, unique in the page.
    fn heading(&mut self, start: &mut Event<'a>) {
        let mut text = String::new();
        while let Some((mut event, range)) = self.source.next() {
            self.read(&mut event, range);
            if let Event::Text(part) | Event::Code(part) = &event {
                text.push_str(part);
            }
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            self.pending.push_back(event);
            if end {
                break;
            }
        }
        let Event::Start(Tag::Heading { id, .. }) = start else {
            return;
        };
        if let Some(id) = id {
            self.clash |= self.ids.insert(id.to_string(), false) == Some(true);
        }
        let id = id.get_or_insert_with(|| unique_id(&slugify(&text), &mut self.ids).into());
        self.anchors.push(String::from(&**id));
        self.headings.push(text);
    }

    /// A table's start, after the start of the scrolling region it is written in.
    fn table(&mut self, start: &mut Event<'a>) {
        self.tables += 1;
        let region = format!(
            "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table {}\" tabindex=\"0\">",
            self.tables
        );
        self.pending
            .push_back(std::mem::replace(start, Event::Html(region.into())));
    }
}

impl<'a> Iterator for Body<'a> {
    type Item = Event<'a>;

    /// Every heading with an id, and each table inside a scrolling region of its own, which a
    /// keyboard can reach and a screen reader names ("Table 1" …), so that a wide table never
    /// widens the page.
    fn next(&mut self) -> Option<Event<'a>> {
        if !self.pending.is_empty() {
            return self.pending.pop_front();
        }
        let (mut event, range) = self.source.next()?;
        self.read(&mut event, range);
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading(&mut event),
            Event::Start(Tag::Table(_)) => self.table(&mut event),
            _ => {}
        }
        Some(event)
    }
}

/// A table's end, which closes its scrolling region (see [`Body::next`]), or a task list's box,
/// a disabled marker hidden from screen readers, which read the item's text instead.
fn accessible<'a>(event: &Event) -> Event<'a> {
    let checked = match event {
        Event::TaskListMarker(true) => " checked=\"\"",
        Event::TaskListMarker(false) => "",
        _ => return Event::Html("</tbody></table></div>\n".into()),
    };
    let marker =
        format!("<input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\"{checked}/>\n");
    Event::InlineHtml(marker.into())
}

/// The text of a body's first paragraph, without markup, read from its events as they pass.
enum FirstParagraph {
    Before,
    Reading(String),
    Read(String),
}

impl FirstParagraph {
    /// Reads an event: the start of the first paragraph, or its text, or its end.
    #[inline(always)]
    fn read(&mut self, event: &Event) {
        match self {
            Self::Read(_) => {}
            Self::Before => {
                if let Event::Start(Tag::Paragraph) = event {
                    *self = Self::Reading(String::new());
                }
            }
            Self::Reading(text) => match event {
                Event::End(TagEnd::Paragraph) => *self = Self::Read(std::mem::take(text)),
                Event::Text(part) | Event::Code(part) => text.push_str(part),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            },
        }
    }

    fn text(self) -> String {
        match self {
            Self::Before => String::new(),
            Self::Reading(text) | Self::Read(text) => text.trim().to_string(),
        }
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

/// `base`, or `section` for an empty one, with the first counter (`-1`, `-2` …) that makes it
/// an id not in `ids`, which it joins.
fn unique_id(base: &str, ids: &mut Ids) -> String {
    let base = if base.is_empty() { "section" } else { base };
    let mut candidate = base.to_string();
    let mut counter = 1;
    while ids.contains_key(&candidate) {
        candidate = format!("{base}-{counter}");
        counter += 1;
    }
    ids.insert(candidate.clone(), true);
    candidate
}

#[cfg(test)]
mod tests;
