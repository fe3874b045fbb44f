//! Where everything is published: the pages of a site with their links and output paths, the
//! base URL and its path prefix, and which pages an edit of one asset touches.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::content::AssetId;
use crate::diagnostics::Diagnostic;
use crate::site::{Change, Site};

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    /// The journey overview, `/`.
    Index,
    /// A step's page, by index into [`Site::steps`].
    Step(usize),
    /// An asset's page.
    Asset(AssetId),
    /// A kind's listing, by index into [`Site::kinds`].
    Kind(usize),
    /// A stakeholder's listing, by index into [`Site::stakeholders`].
    Stakeholder(usize),
    /// The page for addresses that do not exist.
    NotFound,
}

impl Page {
    /// What kind of page it is, as templates see it in `page.type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Page::Index => "index",
            Page::Step(_) => "step",
            Page::Asset(_) => "asset",
            Page::Kind(_) => "kind",
            Page::Stakeholder(_) => "stakeholder",
            Page::NotFound => "404",
        }
    }

    /// The root-relative link to the page.
    pub fn url(&self, site: &Site) -> String {
        match self {
            Page::Index => site.root.clone(),
            Page::NotFound => format!("{}404.html", site.root),
            Page::Step(i) => site.steps[*i].url.clone(),
            Page::Asset(id) => site
                .asset(id)
                .map_or_else(String::new, |asset| asset.placement.url.clone()),
            Page::Kind(i) => site.kinds[*i].url.clone(),
            Page::Stakeholder(i) => site.stakeholders[*i].url.clone(),
        }
    }

    /// Where the page is written, relative to the output folder.
    pub fn output_path(&self, site: &Site) -> String {
        output_path(&site.root, &self.url(site))
    }
}

/// Where a root-relative link is written, relative to the output folder: a link ending in `/`
/// is an `index.html` in that folder.
pub fn output_path(root: &str, url: &str) -> String {
    let path = url.strip_prefix(root).unwrap_or(url);
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Every page of a site, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Index, Page::NotFound];
    pages.extend((0..site.steps.len()).map(Page::Step));
    pages.extend((0..site.kinds.len()).map(Page::Kind));
    pages.extend((0..site.stakeholders.len()).map(Page::Stakeholder));
    pages.extend(
        site.assets()
            .map(|asset| Page::Asset(asset.asset.id.clone())),
    );
    pages
}

/// The pages an edit touches.
#[derive(Debug, PartialEq)]
pub enum Affected {
    /// Every page: the edit changed a count that the journey or the footer shows.
    All,
    /// Only these pages, in the order of [`pages`].
    Some(Vec<Page>),
}

/// The pages that show the edited asset, after the edit: its own page, the step, kind and
/// stakeholder pages it left or joined, and the overview; every page when counts changed.
pub fn affected(site: &Site, change: &Change) -> Affected {
    if change.changes_counts() {
        return Affected::All;
    }
    let placements = change.before.iter().chain(&change.after);
    let mut pages = vec![Page::Index];
    let mut add = |page: Page| {
        if !pages.contains(&page) {
            pages.push(page);
        }
    };
    for placement in placements.clone() {
        placement.steps.iter().for_each(|&s| add(Page::Step(s)));
    }
    for placement in placements.clone() {
        add(Page::Kind(placement.kind));
    }
    for placement in placements {
        placement
            .stakeholders
            .iter()
            .for_each(|&s| add(Page::Stakeholder(s)));
    }
    if change.after.is_some() {
        add(Page::Asset(change.id.clone()));
    }
    for id in &change.relinked {
        add(Page::Asset(id.clone()));
    }
    let order = pages_order(site);
    pages.sort_by_key(|page| order(page));
    Affected::Some(pages)
}

/// A sort key that puts pages in the order of [`pages`].
fn pages_order(site: &Site) -> impl Fn(&Page) -> (usize, usize) + '_ {
    move |page| match page {
        Page::Index => (0, 0),
        Page::NotFound => (1, 0),
        Page::Step(i) => (2, *i),
        Page::Kind(i) => (3, *i),
        Page::Stakeholder(i) => (4, *i),
        Page::Asset(id) => (
            5,
            site.assets().position(|a| &a.asset.id == id).unwrap_or(0),
        ),
    }
}

/// A URL with a `/` at its end.
pub fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// Checks an address given on the command line: an absolute `http(s)` address, or a path that
/// starts with `/` for root-relative links. Returns it with a trailing `/`.
pub fn base_url(given: &str) -> Result<String, Diagnostic> {
    let valid = if given.starts_with('/') {
        is_path(given)
    } else {
        is_absolute_address(given)
    };
    if valid {
        Ok(with_trailing_slash(given))
    } else {
        Err(Diagnostic::plain(format!("`{given}` is not an address for `--base-url`"))
            .with_help("give an absolute address such as `https://buyers.example.com/guide/`, or a path that starts with `/`, such as `/`"))
    }
}

/// True for an `http` or `https` address with a host and no query or fragment.
pub fn is_absolute_address(text: &str) -> bool {
    let Ok(uri) = text.parse::<http::Uri>() else {
        return false;
    };
    matches!(uri.scheme_str(), Some("http" | "https"))
        && uri.host().is_some_and(|host| !host.is_empty())
        && uri.query().is_none()
        && !text.contains('#')
}

fn is_path(text: &str) -> bool {
    text.parse::<http::uri::PathAndQuery>()
        .is_ok_and(|path| path.query().is_none())
        && !text.contains('#')
        && !text.starts_with("//")
}

/// The path part of an address: `https://example.com/guide/` gives `/guide/`.
pub fn url_path(base_url: &str) -> String {
    let path = match base_url.parse::<http::Uri>() {
        Ok(uri) if uri.scheme().is_some() => uri.path().to_string(),
        _ => base_url.to_string(),
    };
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    with_trailing_slash(&path)
}

/// Characters that may not stand as they are in one segment of a URL path.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file name as one segment of a URL: `Q3 model.xlsx` gives `Q3%20model.xlsx`.
pub fn encode_segment(name: &str) -> String {
    utf8_percent_encode(name, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_of_links() {
        let cases = [
            ("/", "/", "index.html"),
            ("/", "/steps/key-facts/", "steps/key-facts/index.html"),
            ("/", "/404.html", "404.html"),
            ("/guide/", "/guide/", "index.html"),
            ("/guide/", "/guide/kinds/guide/", "kinds/guide/index.html"),
        ];
        for (root, url, expected) in cases {
            assert_eq!(
                output_path(root, url),
                expected,
                "output_path({root}, {url})"
            );
        }
    }

    #[test]
    fn base_urls_from_the_command_line() {
        let cases = [
            (
                "https://buyers.example/guide",
                Some("https://buyers.example/guide/"),
            ),
            ("http://127.0.0.1:1111/", Some("http://127.0.0.1:1111/")),
            ("/", Some("/")),
            ("/sub/path", Some("/sub/path/")),
            ("not a url", None),
            ("guide", None),
            ("ftp://example.com/", None),
            ("https://", None),
            ("https://example.com/?a=1", None),
            ("https://example.com/#top", None),
            ("//example.com/", None),
        ];
        for (given, expected) in cases {
            assert_eq!(
                base_url(given).ok().as_deref(),
                expected,
                "base_url({given:?})"
            );
        }
    }

    #[test]
    fn paths_of_base_urls() {
        let cases = [
            ("https://example.com/", "/"),
            ("https://example.com/guide/", "/guide/"),
            ("https://example.com:8443/a/b/", "/a/b/"),
            ("/", "/"),
            ("/sub/", "/sub/"),
        ];
        for (base, expected) in cases {
            assert_eq!(url_path(base), expected, "url_path({base})");
        }
    }

    #[test]
    fn file_names_become_valid_path_segments() {
        let cases = [
            ("model.xlsx", "model.xlsx"),
            ("Q3 model.xlsx", "Q3%20model.xlsx"),
            ("Über.pdf", "%C3%9Cber.pdf"),
            ("a#b?.csv", "a%23b%3F.csv"),
        ];
        for (name, expected) in cases {
            assert_eq!(encode_segment(name), expected, "encode_segment({name})");
        }
    }
}
