//! The Atom feed, `feed.xml`: the site's `feed_limit` published assets most recently reviewed,
//! newest first, so that a buyer or a colleague can follow what the site adds and updates. An entry's date is the
//! asset's `reviewed` date, the only date a file writes; an asset without one comes after the
//! dated ones, in the site's order, dated like the feed: the newest `reviewed` date of the
//! site (the build date would change every build).

use crate::escape::{markup, markup_push};
use crate::site::{Site, SiteAsset};

/// The path of the feed in the output.
pub const FEED: &str = "feed.xml";

/// The date of a feed none of whose assets has a `reviewed` date: a fixed one, so that two
/// builds of the same files give the same feed.
const NO_DATE: &str = "1970-01-01";

/// The text of the Atom feed of `site`.
pub fn atom(site: &Site) -> String {
    let mut assets: Vec<&SiteAsset> = site.assets().collect();
    // Newest first; undated last. The sort is stable, so equal dates keep the site's order.
    assets.sort_by(|a, b| reviewed(b).cmp(&reviewed(a)));
    assets.truncate(*site.config.feed_limit.get_ref());
    let updated = assets.first().and_then(|a| reviewed(a)).unwrap_or(NO_DATE);
    let home = site.permalink(&site.root);
    let mut xml = String::with_capacity(1024 + 512 * assets.len());
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        markup(&site.config.language)
    ));
    element(&mut xml, "  ", "title", &site.config.title);
    if !site.config.description.is_empty() {
        element(&mut xml, "  ", "subtitle", &site.config.description);
    }
    link(&mut xml, "  ", "alternate", "text/html", &home);
    let own = site.permalink(&format!("{}{FEED}", site.root));
    link(&mut xml, "  ", "self", "application/atom+xml", &own);
    element(&mut xml, "  ", "id", &home);
    element(&mut xml, "  ", "updated", &timestamp(updated));
    xml.push_str("  <author><name>");
    xml.push_str(&markup(&site.config.title));
    xml.push_str("</name></author>\n");
    for asset in assets {
        entry(&mut xml, site, asset, reviewed(asset).unwrap_or(updated));
    }
    xml.push_str("</feed>\n");
    xml
}

/// One asset's `<entry>`, dated `date`.
fn entry(xml: &mut String, site: &Site, asset: &SiteAsset, date: &str) {
    let address = site.permalink(&asset.placement.url);
    xml.push_str("  <entry>\n");
    element(xml, "    ", "title", &asset.asset.title.value);
    link(xml, "    ", "alternate", "text/html", &address);
    element(xml, "    ", "id", &address);
    element(xml, "    ", "updated", &timestamp(date));
    if !asset.asset.summary.is_empty() {
        element(xml, "    ", "summary", &asset.asset.summary);
    }
    xml.push_str("  </entry>\n");
}

/// The asset's `reviewed` date, `YYYY-MM-DD`, if written.
fn reviewed(asset: &SiteAsset) -> Option<&str> {
    asset
        .asset
        .reviewed
        .as_ref()
        .map(|date| date.value.as_str())
}

/// A date as Atom writes a moment: midnight UTC of that day.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// `<name>text</name>` on a line of its own, the text escaped.
fn element(xml: &mut String, indent: &str, name: &str, text: &str) {
    for part in [indent, "<", name, ">"] {
        xml.push_str(part);
    }
    markup_push(xml, text);
    for part in ["</", name, ">\n"] {
        xml.push_str(part);
    }
}

/// `<link rel=… type=… href=…/>` on a line of its own, the address escaped.
fn link(xml: &mut String, indent: &str, rel: &str, media_type: &str, href: &str) {
    for part in [
        indent,
        "<link rel=\"",
        rel,
        "\" type=\"",
        media_type,
        "\" href=\"",
    ] {
        xml.push_str(part);
    }
    markup_push(xml, href);
    xml.push_str("\"/>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_midnight_utc_of_that_day() {
        let cases = [
            ("2026-05-17", "2026-05-17T00:00:00Z"),
            (NO_DATE, "1970-01-01T00:00:00Z"),
        ];
        for (date, moment) in cases {
            assert_eq!(timestamp(date), moment);
        }
    }

    #[test]
    fn text_and_addresses_are_escaped() {
        let cases = [
            (
                "title",
                "A & B <c>",
                "  <title>A &amp; B &lt;c&gt;</title>\n",
            ),
            (
                "id",
                "https://x.example/?a=1&b=2",
                "  <id>https://x.example/?a=1&amp;b=2</id>\n",
            ),
        ];
        for (name, text, written) in cases {
            let mut xml = String::new();
            element(&mut xml, "  ", name, text);
            assert_eq!(xml, written);
        }
    }
}
