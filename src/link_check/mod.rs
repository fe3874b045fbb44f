//! The check of the output's links, which `stepwise check` runs after rendering: every `href`
//! and `src` of every HTML page that points inside the site (relative, root-relative, or
//! absolute under the base URL) must name a file of the output, and its `#fragment` an `id` of
//! that page. A broken link is reported with its page and, when it came from a Markdown body,
//! the asset's file and line. Outside links are not fetched: there is no network. The check also
//! finds orphans: published assets that no other asset's body links to.

//!
//! [`scan`] reads a page's links and ids, [`resolve`] says where a link points; here the pages
//! are checked against the output and the site.

mod resolve;
mod scan;

pub use resolve::{Resolved, resolve};
pub use scan::{Scan, scan};

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::links::{self, LinkAddress};
use crate::outputs::{Content, Outputs};
use crate::routes::Page;
use crate::site::{Site, SiteAsset};
use scan::unescape;

/// How many orphans are named one by one; the others are counted.
const ORPHANS_LISTED: usize = 20;

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
