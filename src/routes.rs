//! Where everything is published: the pages of a site with their links and output paths, the
//! base URL and its path prefix, and which pages an edit of one asset touches.

use crate::content::AssetId;
use crate::site::{AssetChange, Site};

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
            Page::Step(i) => (site.steps.get(*i)).map_or_else(String::new, |step| step.url.clone()),
            Page::Asset(id) => site
                .asset(id)
                .map_or_else(String::new, |asset| asset.placement.url.clone()),
            Page::Kind(i) => (site.kinds.get(*i)).map_or_else(String::new, |kind| kind.url.clone()),
            Page::Stakeholder(i) => (site.stakeholders.get(*i))
                .map_or_else(String::new, |stakeholder| stakeholder.url.clone()),
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
/// stakeholder pages it left or joined, the overview and the asset pages that show it among
/// their related resources; every page when counts changed.
pub fn affected(site: &Site, change: &AssetChange) -> Affected {
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
        crate::related::showing(site, &change.id)
            .into_iter()
            .for_each(|id| add(Page::Asset(id)));
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
}
