//! The pages of listings: the entries of every listing in the order its pages show them, kept
//! across edits, which entries a page shows (cut by [`crate::paginate`]), how they are grouped,
//! and which pages an edit changes.
//!
//! A step's page puts the most useful resources first — lower `weight`, then the kinds in their
//! configured order — and groups each page's resources by kind; a kind's or a stakeholder's page
//! lists its assets under each step they serve, in journey order.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use crate::content::AssetId;
use crate::paginate::{self, Paginator};
use crate::routes::{Listing, Page};
use crate::site::{AssetChange, Site};

/// The resource finder's page title.
const FINDER_TITLE: &str = "Find a resource";

/// The resource finder's page description.
const FINDER_DESCRIPTION: &str =
    "Every resource, by step of the buying journey, type and role, with a search.";

/// What the resource finder's template sees besides its groups, as `finder`.
#[derive(Debug, serde::Serialize)]
struct FinderView {
    /// How many published assets it lists.
    count: usize,
    /// The root-relative link to its first page, which its form sends its choice to.
    url: String,
    /// The root-relative link to its search index's facets file, which its script starts from.
    index: String,
    /// How many results a page of its script shows: `paginate_by`.
    per_page: usize,
    /// The link to the theme's `finder.js`, if it has one.
    script: Option<String>,
}

/// The static file of the finder's script.
const FINDER_SCRIPT: &str = "finder.js";

/// What the resource finder's template sees as `finder`, made once for all its pages.
pub fn finder_view(site: &Site, urls: &std::collections::BTreeMap<String, String>) -> Value {
    Value::from_serializable(&FinderView::of(site, urls))
}

impl FinderView {
    fn of(site: &Site, urls: &std::collections::BTreeMap<String, String>) -> Self {
        FinderView {
            count: site.ids().len(),
            url: crate::routes::finder_url(site),
            index: crate::finder::SearchIndex::facets_url(site),
            per_page: *site.config.paginate_by.get_ref(),
            script: (urls.get(FINDER_SCRIPT)).map(|published| format!("{}{published}", site.root)),
        }
    }
}

/// One entry of a listing: an asset under a group — its kind on a step's page, a step it
/// serves on a kind's or a stakeholder's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index into the site's kinds (a step's listing) or steps (the others).
    pub group: usize,
    /// The asset.
    pub id: AssetId,
}

/// Every listing's entries, in page order, and the addresses of its pages.
pub struct Listings {
    per_page: usize,
    entries: HashMap<Listing, Vec<Entry>>,
    /// The address of each page of each listing, made once for the paginators that link to it.
    /// A listing's pages change in number only with the counts, and [`Listings::update`] then
    /// makes every listing anew.
    urls: HashMap<Listing, Vec<Value>>,
}

impl Listings {
    /// The listings of `site`, sorted.
    pub fn new(site: &Site) -> Self {
        let listings: Vec<Listing> = Listing::all(site).collect();
        let per_page = *site.config.paginate_by.get_ref();
        let entries: HashMap<Listing, Vec<Entry>> = (listings.par_iter())
            .map(|&listing| (listing, entries(site, listing)))
            .collect();
        let urls = (entries.iter())
            .map(|(&listing, entries)| {
                let count = paginate::page_count(entries.len(), per_page);
                (listing, page_urls(&listing.url(site), count))
            })
            .collect();
        Listings {
            per_page,
            entries,
            urls,
        }
    }

    /// The entries page `number` (from 1) of `listing` shows.
    pub fn page(&self, listing: Listing, number: usize) -> &[Entry] {
        let all = self.entries.get(&listing).map_or(&[][..], Vec::as_slice);
        paginate::page_items(all, self.per_page, number)
    }

    /// The paginator of page `number` of `listing`.
    pub fn paginator(&self, listing: Listing, number: usize) -> Paginator<Value> {
        let urls = self.urls.get(&listing).map_or(&[][..], Vec::as_slice);
        Paginator::linking(number, urls.len(), |number| {
            urls.get(number - 1).cloned().unwrap_or_else(Value::none)
        })
    }

    /// Sorts again the listings `change` touched, in `site` after the change; the pages whose
    /// entries changed, that show the changed asset when its summary changed, or that show an
    /// asset it relinked.
    pub fn update(
        &mut self,
        site: &Site,
        change: &AssetChange,
        summary_changed: bool,
    ) -> Vec<Page> {
        if change.changes_counts() {
            *self = Listings::new(site);
            return self.all_pages();
        }
        let placements = change.before.iter().chain(&change.after);
        let mut touched: Vec<Listing> = placements.flat_map(Listing::of).collect();
        touched.sort_unstable();
        touched.dedup();
        let mut pages = Vec::new();
        for listing in touched {
            let fresh = entries(site, listing);
            let old = self.entries.insert(listing, fresh).unwrap_or_default();
            let shown = summary_changed.then_some(&change.id);
            pages.extend(self.changed_pages(listing, &old, shown));
        }
        for id in &change.relinked {
            let Some(asset) = site.asset(id) else {
                continue;
            };
            for listing in Listing::of(&asset.placement) {
                pages.extend(self.pages_showing(listing, id));
            }
        }
        pages.sort_unstable_by_key(page_key);
        pages.dedup();
        pages
    }

    /// Every page of every listing.
    fn all_pages(&self) -> Vec<Page> {
        let mut pages: Vec<Page> = (self.entries.iter())
            .flat_map(|(&listing, entries)| {
                let count = paginate::page_count(entries.len(), self.per_page);
                (1..=count).map(move |number| Page::Listing(listing, number))
            })
            .collect();
        pages.sort_unstable_by_key(page_key);
        pages
    }

    /// The pages of `listing` whose entries differ from `old`'s or that show `shown` (the asset
    /// whose summary changed, if it did).
    fn changed_pages(&self, listing: Listing, old: &[Entry], shown: Option<&AssetId>) -> Vec<Page> {
        let count = paginate::page_count(
            self.entries.get(&listing).map_or(0, Vec::len),
            self.per_page,
        )
        .max(paginate::page_count(old.len(), self.per_page));
        (1..=count)
            .filter(|&number| {
                let now = self.page(listing, number);
                now != paginate::page_items(old, self.per_page, number)
                    || now.iter().any(|entry| Some(&entry.id) == shown)
            })
            .map(|number| Page::Listing(listing, number))
            .collect()
    }

    /// The pages of `listing` that show `id`.
    fn pages_showing(&self, listing: Listing, id: &AssetId) -> Vec<Page> {
        let Some(entries) = self.entries.get(&listing) else {
            return Vec::new();
        };
        let mut numbers: Vec<usize> = (entries.iter().enumerate())
            .filter(|(_, entry)| &entry.id == id)
            .map(|(at, _)| at / self.per_page.max(1) + 1)
            .collect();
        numbers.dedup();
        numbers
            .into_iter()
            .map(|number| Page::Listing(listing, number))
            .collect()
    }
}

fn page_key(page: &Page) -> Option<(Listing, usize)> {
    match page {
        Page::Listing(listing, number) => Some((*listing, *number)),
        _ => None,
    }
}

/// The addresses of the `count` pages of the listing at `first`.
fn page_urls(first: &str, count: usize) -> Vec<Value> {
    (1..=count)
        .map(|number| Value::from(paginate::page_url(first, number)))
        .collect()
}

/// The entries of `listing` in page order.
fn entries(site: &Site, listing: Listing) -> Vec<Entry> {
    let assets = listing.assets(site).iter().filter_map(|id| site.asset(id));
    let mut entries: Vec<(i64, Entry)> = match listing {
        Listing::Step(_) => assets
            .map(|asset| {
                let entry = Entry {
                    group: asset.placement.kind,
                    id: asset.asset.id.clone(),
                };
                (asset.asset.weight, entry)
            })
            .collect(),
        Listing::Kind(_) | Listing::Stakeholder(_) | Listing::Finder => assets
            .flat_map(|asset| {
                asset.placement.steps.iter().map(|&step| {
                    let id = asset.asset.id.clone();
                    (0, Entry { group: step, id })
                })
            })
            .collect(),
    };
    // Stable: within a weight and a group, the site's order (weight, title, path) stays.
    entries.sort_by_key(|(weight, entry)| (*weight, entry.group));
    entries.into_iter().map(|(_, entry)| entry).collect()
}

/// The entries of one page under their groups, in the order each group first appears: each
/// group is `{<key>: heading, assets: [summary …]}`, with `heading` the group's own value.
pub fn groups(
    entries: &[Entry],
    key: &'static str,
    heading: impl Fn(usize) -> Value,
    summary: impl Fn(&AssetId) -> Option<Value>,
) -> Value {
    // A page has few groups: a list searched in order costs less than a hash map.
    let mut members: Vec<(usize, Vec<Value>)> = Vec::new();
    for entry in entries {
        let Some(value) = summary(&entry.id) else {
            continue;
        };
        match members.iter_mut().find(|(group, _)| *group == entry.group) {
            Some((_, assets)) => assets.push(value),
            None => {
                let mut assets = Vec::with_capacity(entries.len());
                assets.push(value);
                members.push((entry.group, assets));
            }
        }
    }
    let groups: Vec<Value> = (members.into_iter())
        .map(|(group, assets)| crate::views::group(key, heading(group), assets))
        .collect();
    Value::from(groups)
}

impl super::Renderer {
    /// Puts what page `number` of `listing` shows into `context`: its listing's own value
    /// (`step`, with `previous` and `next`; `kind`; `stakeholder`), `groups` and `paginator`.
    /// Returns its template, title, description and step.
    pub(super) fn listing_context<'s>(
        &'s self,
        site: &'s Site,
        listing: Listing,
        number: usize,
        context: &mut tera::Context,
    ) -> (&'static str, &'s str, &'s str, Option<usize>) {
        let entries = self.listings.page(listing, number);
        let summary = |id: &AssetId| self.summaries.get(id).cloned();
        let shared = &self.shared;
        let value = |values: &[Value], i: usize| values.get(i).cloned().unwrap_or_else(Value::none);
        let by_step = |step: usize| value(&shared.steps, step);
        let paginator = self.listings.paginator(listing, number);
        context.insert("paginator", &paginator);
        match listing {
            Listing::Step(i) => {
                context.insert_value("step", value(&shared.steps, i));
                let previous = i.checked_sub(1).and_then(|p| shared.steps.get(p).cloned());
                context.insert_value("previous", previous.into());
                context.insert_value("next", shared.steps.get(i + 1).cloned().into());
                let by_kind = |kind: usize| value(&shared.kinds, kind);
                context.insert_value("groups", groups(entries, "kind", by_kind, summary));
                let step = site.steps.get(i);
                let title = step.map_or("", |step| step.title.as_str());
                let question = step.map_or("", |step| step.question.as_str());
                ("step.html", title, question, Some(i))
            }
            Listing::Kind(i) => {
                context.insert_value("kind", value(&shared.kinds, i));
                context.insert_value("groups", groups(entries, "step", by_step, summary));
                let plural = (site.kinds.get(i)).map_or("", |kind| kind.plural.as_str());
                ("kind.html", plural, plural, None)
            }
            Listing::Stakeholder(i) => {
                context.insert_value("stakeholder", value(&shared.stakeholders, i));
                context.insert_value("groups", groups(entries, "step", by_step, summary));
                let stakeholder = site.stakeholders.get(i);
                let title = stakeholder.map_or("", |who| who.title.as_str());
                let description = stakeholder.map_or("", |who| who.description.as_str());
                ("stakeholder.html", title, description, None)
            }
            Listing::Finder => {
                context.insert_value("groups", groups(entries, "step", by_step, summary));
                context.insert_value("finder", self.finder.clone());
                ("finder.html", FINDER_TITLE, FINDER_DESCRIPTION, None)
            }
        }
    }
}
