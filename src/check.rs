//! The check of the output's links, which `stepwise check` runs after rendering: every `href`
//! and `src` of every HTML page that points inside the site (relative, root-relative, or
//! absolute under the base URL) must name a file of the output, and its `#fragment` an `id` of
//! that page. A broken link is reported with its page and, when it came from a Markdown body,
//! the asset's file and line. Outside links are not fetched: there is no network. The check also
//! finds orphans: published assets that no other asset's body links to.

use std::collections::{HashMap, HashSet};

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use crate::address::has_scheme;
use crate::diagnostics::Diagnostic;
use crate::links::{self, LinkAddress};
use crate::outputs::{Content, Outputs};
use crate::routes::{Page, output_path};
use crate::site::{Site, SiteAsset};

/// How many orphans are named one by one; the others are counted.
const ORPHANS_LISTED: usize = 20;

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
fn unescape(value: &str) -> String {
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

/// Where a link of a page points inside the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Not inside the site, or nothing to check: another origin, `mailto:`, `data:` ….
    Outside,
    /// Root-relative, but outside the site's base path.
    OutsideBase(String),
    /// An output path (relative to the output folder) and a fragment.
    Inside {
        /// The path in the output, such as `guides/x/index.html`.
        path: String,
        /// The part after `#`, decoded, if any.
        fragment: Option<String>,
    },
}

/// Where `href`, found on the page at the root-relative `page_url`, points, for a site at
/// `base_url` whose links start with `root`.
pub fn resolve(base_url: &str, root: &str, page_url: &str, href: &str) -> Resolved {
    let href = match href.strip_prefix(base_url) {
        Some(rest) if has_scheme(base_url) => format!("{root}{rest}"),
        _ if has_scheme(href) => return Resolved::Outside,
        _ => href.to_string(),
    };
    let (href, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(decode(fragment))),
        None => (href.as_str(), None),
    };
    let href = href.split_once('?').map_or(href, |(path, _)| path);
    let absolute = if href.is_empty() {
        page_url.to_string()
    } else if href.starts_with('/') {
        href.to_string()
    } else {
        format!("{}{href}", folder_of(page_url))
    };
    let mut normal = normalise(&decode(&absolute));
    if format!("{normal}/") == root {
        normal.push('/');
    }
    if !normal.starts_with(root) {
        return Resolved::OutsideBase(normal);
    }
    Resolved::Inside {
        path: output_path(root, &normal),
        fragment,
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The folder of a root-relative URL, ending in `/`.
fn folder_of(url: &str) -> &str {
    url.rfind('/').map_or("/", |at| &url[..=at])
}

/// A root-relative path without `.` and `..` segments (never above `/`).
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            "" if i + 1 < segments.len() => {}
            other => parts.push(other),
        }
    }
    let trailing = matches!(segments.last(), Some(&"" | &"." | &".."));
    let mut normal = format!("/{}", parts.join("/"));
    if trailing && !normal.ends_with('/') {
        normal.push('/');
    }
    normal
}

/// The pages of the output whose links are checked, with what they link to.
pub struct Pages {
    scans: HashMap<String, Scan>,
}

impl Pages {
    /// The scans of the pages, by output path.
    pub fn new(scans: impl IntoIterator<Item = (String, Scan)>) -> Self {
        Pages {
            scans: scans.into_iter().collect(),
        }
    }

    /// Every broken link of every page, in the order of the pages' paths.
    pub fn broken_links(&self, site: &Site, outputs: &Outputs) -> Vec<Diagnostic> {
        let files: HashSet<&str> = outputs.iter().map(|(path, _)| path.as_str()).collect();
        let assets = asset_pages(site);
        let files = &files;
        let mut pages: Vec<(&String, &Scan)> = self.scans.iter().collect();
        pages.sort_unstable_by_key(|&(path, _)| path);
        pages
            .par_iter()
            .flat_map_iter(|&(path, scan)| {
                let page_url = format!(
                    "{}{}",
                    site.root,
                    path.strip_suffix("index.html").unwrap_or(path)
                );
                let asset = assets.get(path.as_str()).copied();
                let links = scan.links.iter();
                links.filter_map(move |href| {
                    let resolved = resolve(&site.base_url, &site.root, &page_url, href);
                    let why = self.why_broken(&resolved, files)?;
                    Some(broken(path, href, &why, asset))
                })
            })
            .collect()
    }

    /// Why a resolved link is broken, or `None` when it works.
    fn why_broken(&self, resolved: &Resolved, files: &HashSet<&str>) -> Option<String> {
        let (path, fragment) = match resolved {
            Resolved::Outside => return None,
            Resolved::OutsideBase(url) => {
                return Some(format!("`{url}` is outside the site's base path"));
            }
            Resolved::Inside { path, fragment } => (path, fragment),
        };
        let path = if files.contains(path.as_str()) {
            path.clone()
        } else if files.contains(format!("{path}/index.html").as_str()) {
            format!("{path}/index.html")
        } else {
            return Some(format!("the output has no file `{path}`"));
        };
        let fragment = fragment
            .as_deref()
            .filter(|f| !f.is_empty() && *f != "top")?;
        let scan = self.scans.get(&path)?;
        (!scan.ids.contains(fragment))
            .then(|| format!("`{path}` has no element with the id `{fragment}`"))
    }
}

/// The published assets by the output path of their pages.
fn asset_pages(site: &Site) -> HashMap<String, &SiteAsset> {
    site.assets()
        .map(|asset| (Page::Asset(asset.asset.id.clone()).output_path(site), asset))
        .collect()
}

/// The error for one broken link of the page at `path`.
fn broken(path: &str, href: &str, why: &str, asset: Option<&SiteAsset>) -> Diagnostic {
    let message = format!("the page `{path}` links to `{href}`, and {why}");
    let written = asset.and_then(|asset| {
        let body = &asset.asset;
        let link =
            (body.links.iter()).find(|link| unescape(&body.content[link.html.clone()]) == href)?;
        Some((&body.source.name, link))
    });
    match written {
        Some((name, link)) => {
            let (source, span) = link.place.source(name, link.target.len());
            Diagnostic::error(&source, span, message)
                .with_label_message("this link of the asset's body")
                .with_help("fix the address, or link another asset with `@/` and its path under content/")
        }
        None => Diagnostic::plain(message).with_help(
            "the link is in a template or a static file of the theme: fix it there (templates link assets with `get_url(path=\"@/…\")`)",
        ),
    }
}

/// The warnings for orphans: published assets that no other asset's body links to (listings,
/// the journey and the step, kind and stakeholder pages do not count).
pub fn orphans(site: &Site) -> Vec<Diagnostic> {
    let linked = linked_assets(site);
    let orphans: Vec<_> = site
        .assets()
        .filter(|a| !linked.contains(a.asset.id.as_str()))
        .collect();
    if orphans.is_empty() {
        return Vec::new();
    }
    let count = orphans.len();
    let mut warnings = vec![Diagnostic::plain(format!(
        "{count} of {} published assets are linked from no other asset's page",
        site.assets().len()
    ))
    .as_warning()
    .with_help("link each from the assets it relates to, with `[text](@/path/under/content.md)`; listings do not count")];
    for orphan in orphans.iter().take(ORPHANS_LISTED) {
        let title = &orphan.asset.title;
        warnings.push(
            Diagnostic::warning(
                &orphan.asset.source,
                title.span.clone(),
                "no other asset links to this one",
            )
            .with_label_message("an orphan"),
        );
    }
    if count > ORPHANS_LISTED {
        warnings.push(
            Diagnostic::plain(format!("and {} more orphans", count - ORPHANS_LISTED)).as_warning(),
        );
    }
    warnings
}

/// The ids of the published assets that another asset's body links to, by `@/` or by URL.
fn linked_assets(site: &Site) -> HashSet<&str> {
    let pages = asset_pages(site);
    let mut linked = HashSet::new();
    for asset in site.assets() {
        let own = asset.asset.id.as_str();
        for link in &asset.asset.links {
            let target = match links::parse(&link.target) {
                LinkAddress::Asset { path, .. } => site.asset(&path.as_str().into()),
                LinkAddress::Local(_) | LinkAddress::Refused(_) => None,
                LinkAddress::Other => {
                    match resolve(
                        &site.base_url,
                        &site.root,
                        &asset.placement.url,
                        &link.target,
                    ) {
                        Resolved::Inside { path, .. } => pages.get(&path).copied(),
                        _ => None,
                    }
                }
            };
            linked.extend(target.map(|a| a.asset.id.as_str()).filter(|id| *id != own));
        }
    }
    linked
}

/// True for the files whose links are checked: HTML pages.
pub fn is_checked(path: &str, content: &Content) -> bool {
    path.ends_with(".html") && matches!(content, Content::Page(_) | Content::Coverage(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_to_output_paths() {
        let inside = |path: &str, fragment: Option<&str>| Resolved::Inside {
            path: path.to_string(),
            fragment: fragment.map(str::to_string),
        };
        let base = "https://acme.example/sub/";
        let page = "/sub/guides/x/";
        let cases = [
            ("/sub/", inside("index.html", None)),
            ("/sub/style.css", inside("style.css", None)),
            (
                "/sub/guides/y/#costs",
                inside("guides/y/index.html", Some("costs")),
            ),
            ("#top-part", inside("guides/x/index.html", Some("top-part"))),
            ("../y/", inside("guides/y/index.html", None)),
            ("chart%20one.png", inside("guides/x/chart one.png", None)),
            ("./model.xlsx?v=2", inside("guides/x/model.xlsx", None)),
            (
                "https://acme.example/sub/kinds/guide/",
                inside("kinds/guide/index.html", None),
            ),
            ("/sub", inside("index.html", None)),
            ("/style.css", Resolved::OutsideBase("/style.css".into())),
            ("../../../x/", Resolved::OutsideBase("/x/".into())),
            ("https://other.example/", Resolved::Outside),
            ("mailto:sales@acme.example", Resolved::Outside),
            ("//cdn.example/x.js", Resolved::Outside),
        ];
        for (href, expected) in cases {
            assert_eq!(
                resolve(base, "/sub/", page, href),
                expected,
                "resolve({href:?})"
            );
        }
    }

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
