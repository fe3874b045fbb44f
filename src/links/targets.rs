//! What links can name: every asset's URL and heading ids, published or not, and the files
//! that did not load; and why a link names nothing ([`Broken`]), with the closest names.

use std::sync::Arc;

use crate::content::{Asset, AssetId};

/// What an asset offers to links: its URL and its heading ids, and whether it is published.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTarget {
    pub(super) url: String,
    pub(super) anchors: Arc<[String]>,
    pub(super) published: bool,
}

/// Every asset a link can name, published or draft, by its id, and the files that did not load
/// or resolve, whose problems are reported on their own. A copy shares its entries, so the
/// templates' `get_url` keeps the targets it was given while an edit changes one.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub(super) assets: imbl::HashMap<AssetId, LinkTarget>,
    failed: imbl::HashSet<AssetId>,
}

/// Why a link does not resolve.
#[derive(Debug, PartialEq, Eq)]
pub enum Broken {
    /// No asset has this path; the closest path, if one is close.
    NoAsset {
        /// The path as written.
        path: String,
        /// The closest existing path.
        closest: Option<String>,
    },
    /// The asset is a draft, and drafts are not published.
    Draft(String),
    /// The asset's file has problems of its own, reported where they are.
    Failed(String),
    /// The asset has no heading with this id; the closest ids.
    NoAnchor {
        /// The id as written.
        anchor: String,
        /// The closest heading ids, closest first.
        closest: Vec<String>,
    },
    /// The address has a scheme no link may have.
    Refused(&'static str),
}

impl Targets {
    /// No asset yet, and the files of `failed`, whose problems are reported on their own.
    pub fn with_failed(failed: impl IntoIterator<Item = AssetId>) -> Self {
        Targets {
            failed: failed.into_iter().collect(),
            ..Targets::default()
        }
    }

    /// Adds or replaces the target of one asset, published at `url` or not.
    pub fn put(&mut self, asset: &Asset, url: &str, published: bool) {
        let target = LinkTarget {
            url: url.to_owned(),
            anchors: Arc::clone(&asset.anchors),
            published,
        };
        self.failed.remove(&asset.id);
        self.assets.insert(asset.id.clone(), target);
    }

    /// What the asset `id` offers to links.
    pub fn get(&self, id: &AssetId) -> Option<&LinkTarget> {
        self.assets.get(id)
    }

    /// Forgets the asset `id`.
    pub fn remove(&mut self, id: &AssetId) {
        self.failed.remove(id);
        self.assets.remove(id);
    }

    /// The URL an `@/` address names, with its `#anchor`.
    pub fn url(&self, path: &str, anchor: Option<&str>) -> Result<String, Broken> {
        let id = AssetId::from(path);
        let Some(target) = self.assets.get(&id) else {
            if self.failed.contains(&id) {
                return Err(Broken::Failed(path.to_string()));
            }
            let paths = self.assets.keys().map(AssetId::as_str);
            return Err(Broken::NoAsset {
                path: path.to_string(),
                closest: closest_path(path, paths).map(str::to_string),
            });
        };
        if !target.published {
            return Err(Broken::Draft(path.to_string()));
        }
        match anchor {
            None => Ok(target.url.clone()),
            Some(anchor) => {
                check_anchor(anchor, &target.anchors)?;
                Ok(format!("{}#{anchor}", target.url))
            }
        }
    }
}

/// The path of `paths` a mistyped `path` most likely means: paths share their folders and
/// their `.md`, so they must be alike as a whole, not only at their start.
fn closest_path<'a>(path: &str, paths: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    paths
        .map(|candidate| (strsim::normalized_levenshtein(path, candidate), candidate))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Checks that `anchor` is one of `anchors`.
pub(super) fn check_anchor(anchor: &str, anchors: &[String]) -> Result<(), Broken> {
    if anchors.iter().any(|id| id == anchor) {
        return Ok(());
    }
    Err(Broken::NoAnchor {
        anchor: anchor.to_string(),
        closest: closest(anchor, anchors, 3),
    })
}

/// Up to `count` of `candidates`, the most like `word` first.
pub fn closest(word: &str, candidates: &[String], count: usize) -> Vec<String> {
    let mut scored: Vec<(f64, &String)> = candidates
        .iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(count)
        .map(|(_, id)| id.clone())
        .collect()
}
