//! The site model: the journey, kinds and stakeholders of the configuration joined with the
//! loaded assets, which are known by their source path, in the order of everything (weight,
//! then title, then path). Building it validates every reference (`resolve`); [`Site::apply`]
//! replaces, adds or removes one asset and says what changed (`edit`), so a long-running
//! process can re-render only the pages that show it; links between assets are resolved with
//! [`crate::links`] once every asset is known, and again for the assets that link an edited one
//! (`linking`).

mod edit;
mod linking;
mod resolve;
#[cfg(test)]
mod tests;

pub use edit::{AssetChange, Edit};

use std::sync::Arc;

use crate::config::{CallToAction, Config};
use crate::content::{Asset, AssetId, Unloaded};
use crate::kinds::{KindData, Schema};
use crate::links::Targets;

/// The URL folder of the resource finder, `/resources/`, which no kind may publish in.
pub const FINDER_FOLDER: &str = "resources";

/// Assets by their id.
type ById = foldhash::HashMap<AssetId, Box<SiteAsset>>;

/// The whole site, resolved and ordered, ready to render.
#[derive(Debug)]
pub struct Site {
    /// The configuration it was built from.
    pub config: Config,
    /// The address of the site, ending with `/`: absolute, or a path for root-relative links.
    pub base_url: String,
    /// The path prefix of every link, starting and ending with `/`.
    pub root: String,
    /// The journey, in order.
    pub steps: Vec<Step>,
    /// The kinds of asset, in configured order.
    pub kinds: Vec<AssetKind>,
    /// The stakeholders, in configured order.
    pub stakeholders: Vec<Stakeholder>,
    /// Every published asset by its id (boxed: a map's spare room then costs a pointer, not an
    /// asset). Looked up for every asset each time the assets are listed in order, so hashed
    /// with foldhash, which costs a fraction of std's SipHash on a path.
    assets: ById,
    /// The published assets' ids, ordered by weight, then title, then path.
    order: Vec<AssetId>,
    /// The drafts that are not published, by id: the coverage report shows what they would fill.
    drafts: ById,
    /// Whether drafts are published.
    publish_drafts: bool,
    /// What links between assets can name: every asset's URL and heading ids.
    targets: Arc<Targets>,
    /// The files that did not load or resolve, whose problems are reported on their own: what
    /// names them is not reported again.
    failed: Vec<Unloaded>,
}

/// A step of the journey with the assets that serve it.
#[derive(Debug)]
pub struct Step {
    /// The identifier.
    pub slug: String,
    /// Its name.
    pub title: String,
    /// The question the buyer asks at this step.
    pub question: String,
    /// A step buyers rarely state out loud.
    pub hidden: bool,
    /// The "yes" the buyer gives before moving on.
    pub exit: String,
    /// The trial close offered beside the next step: its `[steps.close]`, or on the last step
    /// the site's `[call_to_action]`.
    pub close: Option<CallToAction>,
    /// The kinds of asset this step should have, by slug.
    pub expects: Vec<String>,
    /// Its place in the journey, from 1.
    pub number: usize,
    /// The link to its page.
    pub url: String,
    /// The description, rendered from Markdown.
    pub description_html: String,
    /// Its assets, in order.
    pub assets: Vec<AssetId>,
}

/// A kind of asset with its assets.
#[derive(Debug)]
pub struct AssetKind {
    /// The identifier.
    pub slug: String,
    /// Its name, in the singular.
    pub title: String,
    /// Its name, in the plural.
    pub plural: String,
    /// The template its assets are rendered with, when `template` names one.
    pub template: Option<String>,
    /// The schema its table is read by, if any.
    pub schema: Option<Schema>,
    /// The URL folder of its assets, made from its plural name.
    pub folder: String,
    /// The link to its listing.
    pub url: String,
    /// Its assets, in order.
    pub assets: Vec<AssetId>,
}

/// A stakeholder with the assets that speak to them.
#[derive(Debug)]
pub struct Stakeholder {
    /// The identifier.
    pub slug: String,
    /// Their name.
    pub title: String,
    /// Who they are and what they care about.
    pub description: String,
    /// The link to its listing.
    pub url: String,
    /// Its assets, in order.
    pub assets: Vec<AssetId>,
}

/// An asset with its references resolved.
#[derive(Debug)]
pub struct SiteAsset {
    /// The asset as loaded.
    pub asset: Asset,
    /// Its kind's table, read by the kind's schema.
    pub data: KindData,
    /// Where it sits in the site.
    pub placement: Placement,
}

/// Where an asset sits in the site: what lists it, and its address.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// Index into [`Site::kinds`].
    pub kind: usize,
    /// Indexes into [`Site::steps`], in journey order.
    pub steps: Vec<usize>,
    /// Indexes into [`Site::stakeholders`], in configured order.
    pub stakeholders: Vec<usize>,
    /// The folder of its page in the output, such as `case-studies/harbourline`.
    pub folder: String,
    /// The link to its page.
    pub url: String,
}

/// What the site is built with beyond its files.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Replaces `base_url` of the configuration: an absolute address or a path such as `/`.
    pub base_url: Option<String>,
    /// Publishes assets marked `draft = true`.
    pub drafts: bool,
    /// How the output files are finished: fingerprinted names.
    pub finish: crate::finish::Finish,
    /// Serves the coverage report at `/coverage/` even when `[coverage]` does not publish it,
    /// as `serve` does for the team.
    pub show_coverage: bool,
}

impl Site {
    /// What links between assets can name, as templates' `get_url` sees it.
    pub fn targets(&self) -> Arc<Targets> {
        Arc::clone(&self.targets)
    }

    /// The published asset `id`.
    pub fn asset(&self, id: &AssetId) -> Option<&SiteAsset> {
        self.assets.get(id).map(Box::as_ref)
    }

    /// The ids of the published assets, in order.
    pub fn ids(&self) -> &[AssetId] {
        &self.order
    }

    /// The published assets, in order.
    #[allow(
        clippy::indexing_slicing,
        reason = "every id of `order` is a key of `assets`: `index` makes `order` from `assets`, and `apply` lists an asset after adding it and unlists it before taking it out"
    )]
    pub fn assets(&self) -> impl ExactSizeIterator<Item = &SiteAsset> {
        self.order.iter().map(|id| self.assets[id].as_ref())
    }

    /// The drafts that are not published, in the order they would be listed.
    pub fn drafts(&self) -> Vec<&SiteAsset> {
        let mut drafts: Vec<&SiteAsset> = self.drafts.values().map(Box::as_ref).collect();
        drafts.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        drafts
    }

    fn is_published(&self, asset: &SiteAsset) -> bool {
        self.publish_drafts || !asset.asset.draft
    }

    /// The absolute address of a root-relative link made by [`Site`].
    pub fn permalink(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            url.strip_prefix(&self.root).unwrap_or(url)
        )
    }
}

/// Assets are ordered by weight, then title, then source path.
fn order_key(asset: &SiteAsset) -> (i64, &str, &AssetId) {
    (
        asset.asset.weight,
        &asset.asset.title.value,
        &asset.asset.id,
    )
}
