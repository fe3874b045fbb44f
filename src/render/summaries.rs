//! Each asset's summary as listings show it, with its card rendered once at the heading levels
//! the default theme lists cards at, so that a listing of thousands of assets is mostly copied.

use rayon::prelude::*;
use tera::value::Key;
use tera::{Context, Map, Value};

use crate::content::AssetId;
use crate::parallel;
use crate::site::{Site, SiteAsset};
use crate::views;

/// The template of one card of a listing. The renderer renders it once per asset at each of
/// [`CARD_LEVELS`]; `_asset_cards.html` reuses those and includes it for any other level.
const CARD_TEMPLATE: &str = "_asset_card.html";

/// The heading levels of the default theme's cards: 3 on kind and stakeholder pages, 4 on
/// step pages.
const CARD_LEVELS: [u64; 2] = [3, 4];

/// Each published asset's summary by its id. Looked up for every card of every listing page,
/// so hashed with foldhash, which costs a fraction of std's SipHash on a path.
pub(super) type Summaries = foldhash::HashMap<AssetId, Value>;

impl super::Renderer {
    /// Every asset's summary, with its cards.
    pub(super) fn summaries(&self, site: &Site) -> Summaries {
        let assets: Vec<&SiteAsset> = site.assets().collect();
        (assets.par_iter())
            .with_max_len(parallel::RUN)
            .map_init(Vec::new, |html, asset| {
                (asset.asset.id.clone(), self.summary(asset, html))
            })
            .collect()
    }

    /// What listings show of an asset: its summary, and under `cards` its card rendered at each
    /// of [`CARD_LEVELS`], so that a listing of thousands of assets is mostly copied. `html`
    /// is a buffer the cards are rendered in, kept from one summary to the next.
    pub(super) fn summary(&self, asset: &SiteAsset, html: &mut Vec<u8>) -> Value {
        let summary = self.links.summary(asset);
        let cards = self.cards(&summary, html);
        let mut fields: Vec<_> = views::named_entries(summary.as_map()).collect();
        fields.push(("cards", &cards));
        views::map_value(&fields)
    }

    /// The card of the asset `summary` at each of [`CARD_LEVELS`], keyed by level, each
    /// rendered in `html`; one context serves every level.
    fn cards(&self, summary: &Value, html: &mut Vec<u8>) -> Value {
        let mut cards = Map::with_capacity(CARD_LEVELS.len());
        if !self.theme.templates.contains_key(CARD_TEMPLATE) {
            return Value::from(cards);
        }
        let mut context = Context::new();
        context.insert_value("asset", summary.clone());
        for level in CARD_LEVELS {
            context.insert_value("card_level", Value::from(level));
            html.clear();
            // A card that fails is left out: the listing includes the template itself and
            // reports the error where it is used.
            let rendered = self.tera.render_to(CARD_TEMPLATE, &context, &mut *html);
            if let (Ok(()), Ok(text)) = (rendered, std::str::from_utf8(html)) {
                cards.insert(Key::U64(level), Value::safe_string(text));
            }
        }
        Value::from(cards)
    }
}
