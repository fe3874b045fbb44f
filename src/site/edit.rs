//! The incremental edit engine: [`Site::apply`] puts, replaces or removes one asset, keeps every
//! ordered list in order one asset at a time, and says what changed ([`AssetChange`]).

use rayon::prelude::*;

use crate::content::{Asset, AssetId};
use crate::diagnostics::Problems;

use super::{AssetKind, Placement, Site, SiteAsset, Stakeholder, Step, order_key};

/// An edit of one asset, as a watcher sees it.
#[derive(Debug)]
pub enum Edit {
    /// The asset was added or changed (a draft counts as removed unless drafts are published).
    Put(Box<Asset>),
    /// The asset's file is gone.
    Remove(AssetId),
}

/// What an edit changed: where the asset was before and where it is now.
#[derive(Debug)]
pub struct AssetChange {
    /// The asset.
    pub id: AssetId,
    /// Its place before the edit, if it was published.
    pub before: Option<Placement>,
    /// Its place after the edit, if it is published.
    pub after: Option<Placement>,
    /// The other assets whose links were resolved again: those whose bodies link to the asset,
    /// when its address or headings changed, and the testimonials whose case study link
    /// changed with it.
    pub relinked: Vec<AssetId>,
}

impl AssetChange {
    /// True when the edit changed what every page shows: the counts of a step, kind or
    /// stakeholder, which the journey and the footer show.
    pub fn changes_counts(&self) -> bool {
        let lists = |placement: &Placement| {
            (
                placement.kind,
                placement.steps.clone(),
                placement.stakeholders.clone(),
            )
        };
        self.before.as_ref().map(lists) != self.after.as_ref().map(lists)
    }
}

impl Site {
    /// Replaces, adds or removes one asset. Returns what changed, or `None` (with the reasons
    /// in `problems`) when the edited asset is not valid; the site is then left as it was. A
    /// testimonial whose case study the edit removed is reported in `problems` too, with the
    /// edit made.
    pub fn apply(&mut self, edit: Edit, problems: &mut Problems) -> Option<AssetChange> {
        let target_before = match &edit {
            Edit::Remove(id) => self.targets.get(id),
            Edit::Put(asset) => self.targets.get(&asset.id),
        }
        .cloned();
        let (id, resolved) = match edit {
            Edit::Remove(id) => (id, None),
            Edit::Put(asset) => {
                let id = asset.id.clone();
                let Ok(mut resolved) = self.resolve(*asset, problems) else {
                    return None;
                };
                if !self.link_edited(&mut resolved, problems) {
                    return None;
                }
                self.failed.retain(|file| file.id != id);
                (id, Some(resolved))
            }
        };
        let after = resolved
            .as_ref()
            .filter(|asset| self.is_published(asset))
            .map(|asset| asset.placement.clone());
        let was_case_study = self.is_stored_case_study(&id);
        self.unlist(&id);
        let before = match resolved {
            Some(asset) => self.insert(Box::new(asset)),
            None => self.remove(&id),
        }
        .map(|old| old.placement);
        self.enlist(&id);
        // A case study that came, went or moved may change the link of any testimonial.
        let every_testimonial = was_case_study || self.is_stored_case_study(&id);
        let only = (!every_testimonial).then_some(&id);
        let mut relinked = self.link_testimonials(only, problems);
        self.retarget(&id);
        if self.targets.get(&id) != target_before.as_ref() {
            // The asset's address or headings changed under the links to it.
            let linking = self.linking_to(&id);
            self.relink(&linking, problems);
            relinked.extend(linking);
        }
        relinked.retain(|other| *other != id);
        relinked.sort_unstable();
        relinked.dedup();
        Some(AssetChange {
            id,
            before,
            after,
            relinked,
        })
    }

    /// Takes the published asset `id` out of the ordered lists that show it.
    fn unlist(&mut self, id: &AssetId) {
        self.relist(id, false);
    }

    /// Puts the published asset `id` in its place in the ordered lists that show it.
    fn enlist(&mut self, id: &AssetId) {
        self.relist(id, true);
    }

    /// Puts the published asset `id` into (`listed`) or takes it out of the ordered lists that
    /// show it, found by binary search on the order of assets.
    fn relist(&mut self, id: &AssetId, listed: bool) {
        let Some(asset) = self.assets.get(id) else {
            return;
        };
        let key = order_key(asset);
        for list in lists_of(
            &asset.placement,
            &mut self.order,
            &mut self.steps,
            &mut self.kinds,
            &mut self.stakeholders,
        ) {
            let found = list.binary_search_by(|other| {
                (self.assets.get(other))
                    .map(|other| order_key(other))
                    .cmp(&Some(key))
            });
            match (found, listed) {
                (Ok(at), false) => {
                    list.remove(at);
                }
                (Err(at), true) => list.insert(at, id.clone()),
                _ => {}
            }
        }
    }

    /// Adds or replaces a resolved asset, published or kept aside as a draft; returns the
    /// published asset it replaces.
    pub(super) fn insert(&mut self, asset: Box<SiteAsset>) -> Option<Box<SiteAsset>> {
        let id = asset.asset.id.clone();
        let replaced = self.remove(&id);
        if self.is_published(&asset) {
            self.assets.insert(id, asset);
        } else {
            self.drafts.insert(id, asset);
        }
        replaced
    }

    /// Removes an asset, published or draft; returns it if it was published.
    pub(super) fn remove(&mut self, id: &AssetId) -> Option<Box<SiteAsset>> {
        self.drafts.remove(id);
        self.assets.remove(id)
    }

    /// Orders the published assets and lists them under their steps, kinds and stakeholders,
    /// without changing the site, so that other work can read it meanwhile; [`Site::set_index`]
    /// puts the lists in place, and [`Site::apply`] then keeps them in order one asset at a time.
    pub(super) fn index(&self) -> Index {
        let mut order: Vec<&SiteAsset> = self.assets.values().map(Box::as_ref).collect();
        order.par_sort_unstable_by(|a, b| order_key(a).cmp(&order_key(b)));
        let mut index = Index {
            order: Vec::with_capacity(order.len()),
            steps: vec![Vec::new(); self.steps.len()],
            kinds: vec![Vec::new(); self.kinds.len()],
            stakeholders: vec![Vec::new(); self.stakeholders.len()],
        };
        for asset in order {
            let (id, placement) = (&asset.asset.id, &asset.placement);
            push_to(&mut index.kinds, placement.kind, id);
            for &step in &placement.steps {
                push_to(&mut index.steps, step, id);
            }
            for &stakeholder in &placement.stakeholders {
                push_to(&mut index.stakeholders, stakeholder, id);
            }
            index.order.push(id.clone());
        }
        index
    }

    /// Puts the lists made by [`Site::index`] in place.
    pub(super) fn set_index(&mut self, index: Index) {
        for (step, list) in self.steps.iter_mut().zip(index.steps) {
            step.assets = list;
        }
        for (kind, list) in self.kinds.iter_mut().zip(index.kinds) {
            kind.assets = list;
        }
        for (stakeholder, list) in self.stakeholders.iter_mut().zip(index.stakeholders) {
            stakeholder.assets = list;
        }
        self.order = index.order;
    }
}

/// The ordered lists that show an asset at `placement`: the site's own order, and its
/// steps', kind's and stakeholders' lists.
fn lists_of<'a>(
    placement: &Placement,
    order: &'a mut Vec<AssetId>,
    steps: &'a mut [Step],
    kinds: &'a mut [AssetKind],
    stakeholders: &'a mut [Stakeholder],
) -> Vec<&'a mut Vec<AssetId>> {
    let steps = steps.iter_mut().enumerate();
    let stakeholders = stakeholders.iter_mut().enumerate();
    std::iter::once(order)
        .chain(kinds.get_mut(placement.kind).map(|kind| &mut kind.assets))
        .chain(
            steps.filter_map(|(i, step)| placement.steps.contains(&i).then_some(&mut step.assets)),
        )
        .chain(
            stakeholders
                .filter_map(|(i, s)| placement.stakeholders.contains(&i).then_some(&mut s.assets)),
        )
        .collect()
}

/// The published assets in order, and listed under each step, kind and stakeholder by their
/// positions in the site's lists.
pub(super) struct Index {
    order: Vec<AssetId>,
    steps: Vec<Vec<AssetId>>,
    kinds: Vec<Vec<AssetId>>,
    stakeholders: Vec<Vec<AssetId>>,
}

/// Adds `id` to the `at`th list of `lists`, if there is one.
fn push_to(lists: &mut [Vec<AssetId>], at: usize, id: &AssetId) {
    if let Some(list) = lists.get_mut(at) {
        list.push(id.clone());
    }
}
