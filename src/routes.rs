//! Where everything is published: the pages of a site with their links and output paths, the
//! base URL and its path prefix, and which pages an edit of one asset touches.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::content::AssetId;
use crate::paginate;
use crate::related::{self, Related};
use crate::site::{AssetChange, FINDER_FOLDER, Placement, Site};

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    /// The journey overview, `/`.
    Index,
    /// Page `.1` (from 1) of a listing: the first at the listing's own address, the others at
    /// `page/2/` … below it (see [`crate::paginate`]).
    Listing(Listing, usize),
    /// An asset's page.
    Asset(AssetId),
    /// The page for addresses that do not exist.
    NotFound,
}

/// A listing of assets, cut into pages of `paginate_by` assets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listing {
    /// A step's resources, by index into [`Site::steps`].
    Step(usize),
    /// A kind's assets under the steps they serve, by index into [`Site::kinds`].
    Kind(usize),
    /// A stakeholder's assets under the steps they serve, by index into [`Site::stakeholders`].
    Stakeholder(usize),
    /// The resource finder: every published asset under the steps it serves, at
    /// [`FINDER_FOLDER`].
    Finder,
}

impl Listing {
    /// What kind of page it is, as templates see it in `page.type`.
    pub fn type_name(self) -> &'static str {
        match self {
            Listing::Step(_) => "step",
            Listing::Kind(_) => "kind",
            Listing::Stakeholder(_) => "stakeholder",
            Listing::Finder => "finder",
        }
    }

    /// The root-relative link to its first page.
    pub fn url(self, site: &Site) -> Cow<'_, str> {
        let url = match self {
            Listing::Step(i) => site.steps.get(i).map(|step| &step.url),
            Listing::Kind(i) => site.kinds.get(i).map(|kind| &kind.url),
            Listing::Stakeholder(i) => site.stakeholders.get(i).map(|who| &who.url),
            Listing::Finder => return Cow::Owned(finder_url(site)),
        };
        Cow::Borrowed(url.map_or("", String::as_str))
    }

    /// The assets it lists, in the site's order; a kind or stakeholder listing shows each under
    /// every step it serves.
    pub fn assets(self, site: &Site) -> &[AssetId] {
        let assets = match self {
            Listing::Step(i) => site.steps.get(i).map(|step| &step.assets),
            Listing::Kind(i) => site.kinds.get(i).map(|kind| &kind.assets),
            Listing::Stakeholder(i) => site.stakeholders.get(i).map(|who| &who.assets),
            Listing::Finder => return site.ids(),
        };
        assets.map_or(&[], Vec::as_slice)
    }

    /// How many entries it shows: a step's assets, or a kind's or stakeholder's assets once
    /// under each step they serve.
    pub fn len(self, site: &Site) -> usize {
        let assets = self.assets(site);
        match self {
            Listing::Step(_) => assets.len(),
            Listing::Kind(_) | Listing::Stakeholder(_) | Listing::Finder => (assets.iter())
                .filter_map(|id| site.asset(id))
                .map(|asset| asset.placement.steps.len())
                .sum(),
        }
    }

    /// Whether it shows no entry.
    pub fn is_empty(self, site: &Site) -> bool {
        self.len(site) == 0
    }

    /// How many pages it makes.
    pub fn page_count(self, site: &Site) -> usize {
        paginate::page_count(self.len(site), *site.config.paginate_by.get_ref())
    }

    /// Every listing of the site, in the order of [`pages`].
    pub fn all(site: &Site) -> impl Iterator<Item = Listing> + '_ {
        let steps = (0..site.steps.len()).map(Listing::Step);
        let kinds = (0..site.kinds.len()).map(Listing::Kind);
        steps
            .chain(kinds)
            .chain((0..site.stakeholders.len()).map(Listing::Stakeholder))
            .chain(std::iter::once(Listing::Finder))
    }

    /// The listings that show an asset placed at `placement`.
    pub fn of(placement: &Placement) -> impl Iterator<Item = Listing> + '_ {
        let steps = placement.steps.iter().map(|&s| Listing::Step(s));
        let kind = std::iter::once(Listing::Kind(placement.kind));
        let stakeholders = placement.stakeholders.iter();
        steps
            .chain(kind)
            .chain(stakeholders.map(|&s| Listing::Stakeholder(s)))
            .chain(std::iter::once(Listing::Finder))
    }
}

/// The root-relative link to the resource finder's first page.
pub fn finder_url(site: &Site) -> String {
    format!("{}{FINDER_FOLDER}/", site.root)
}

impl Page {
    /// What kind of page it is, as templates see it in `page.type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Page::Index => "index",
            Page::Listing(listing, _) => listing.type_name(),
            Page::Asset(_) => "asset",
            Page::NotFound => "404",
        }
    }

    /// The root-relative link to the page.
    pub fn url(&self, site: &Site) -> String {
        match self {
            Page::Index => site.root.clone(),
            Page::NotFound => format!("{}404.html", site.root),
            Page::Listing(listing, number) => paginate::page_url(&listing.url(site), *number),
            Page::Asset(id) => site
                .asset(id)
                .map_or_else(String::new, |asset| asset.placement.url.clone()),
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

/// Every page of a site, in a fixed order: the overview, the missing-page page, every page of
/// every listing, every asset's page.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Index, Page::NotFound];
    for listing in Listing::all(site) {
        let count = listing.page_count(site);
        pages.extend((1..=count).map(|number| Page::Listing(listing, number)));
    }
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

/// What an edit changed of what other pages show of the edited asset, as the renderer knows it.
#[derive(Debug)]
pub struct Reshown {
    /// The pages of listings whose entries changed, or that show the asset's changed summary.
    pub listing_pages: Vec<Page>,
    /// Whether the asset's summary changed: all that listings and other assets' related
    /// resources show of it. A sentence added to the body leaves it as it was.
    pub summary_changed: bool,
}

/// The pages that show the edited asset, after the edit: its own page, the pages of listings
/// that changed (which the renderer knows), the overview and, when its summary changed, the
/// asset pages that show it among their related resources (as `related`, the renderer's
/// choice, has them); every page when counts changed.
pub fn affected(
    site: &Site,
    related: &Related,
    change: &AssetChange,
    reshown: &Reshown,
) -> Affected {
    if change.changes_counts() {
        return Affected::All;
    }
    let mut pages = vec![Page::Index];
    let mut seen: HashSet<Page> = pages.iter().cloned().collect();
    let mut add = |page: Page| {
        if seen.insert(page.clone()) {
            pages.push(page);
        }
    };
    reshown.listing_pages.iter().cloned().for_each(&mut add);
    if change.after.is_some() {
        add(Page::Asset(change.id.clone()));
    }
    if change.after.is_some() && reshown.summary_changed {
        related::showing(site, related, &change.id)
            .into_iter()
            .for_each(|id| add(Page::Asset(id)));
    }
    for id in &change.relinked {
        add(Page::Asset(id.clone()));
    }
    let order = pages_order(site);
    pages.sort_by_cached_key(|page| order(page));
    Affected::Some(pages)
}

/// A sort key that puts pages in the order of [`pages`].
/// The place of each asset is looked up once, not once per page: an edit that moves a title
/// names the pages of whole listings.
fn pages_order(site: &Site) -> impl Fn(&Page) -> (usize, Option<(Listing, usize)>, usize) + '_ {
    let places: HashMap<&AssetId, usize> = (site.assets().enumerate())
        .map(|(place, asset)| (&asset.asset.id, place))
        .collect();
    move |page| match page {
        Page::Index => (0, None, 0),
        Page::NotFound => (1, None, 0),
        Page::Listing(listing, number) => (2, Some((*listing, *number)), 0),
        Page::Asset(id) => (3, None, places.get(id).copied().unwrap_or(0)),
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
