//! The related resources an asset page ends with, so that a buyer who arrives on it from a search
//! always has somewhere to go: other assets of the asset's step (its first), then of the step
//! after it, those for one of the same stakeholders first, each group in the order of the
//! assets' source paths.
//!
//! The choice depends only on where assets are placed (their steps and stakeholders) and on
//! their ids, never on their titles or weights, so an edit that keeps an asset where it is
//! changes no other page's choice: only the pages that show the edited asset ([`showing`]) are
//! rendered again.

use crate::content::AssetId;
use crate::site::{Site, SiteAsset};

/// How many related resources an asset page shows.
pub const LIMIT: usize = 4;

/// One published asset as the choice sees it.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    id: AssetId,
    stakeholders: Vec<usize>,
}

/// The assets of one step by id, and for each stakeholder the places of theirs among them, so
/// that the choice of an asset reads a few entries instead of the whole step.
#[derive(Debug, Clone, PartialEq, Default)]
struct StepAssets {
    entries: Vec<Entry>,
    /// For each stakeholder, the indexes into `entries` of its assets, ascending.
    by_stakeholder: Vec<Vec<usize>>,
}

impl StepAssets {
    /// The step's entries sorted by id, indexed by stakeholder.
    fn new(mut entries: Vec<Entry>, stakeholders: usize) -> Self {
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let mut by_stakeholder = vec![Vec::new(); stakeholders];
        for (at, entry) in entries.iter().enumerate() {
            for &stakeholder in &entry.stakeholders {
                if let Some(list) = by_stakeholder.get_mut(stakeholder) {
                    list.push(at);
                }
            }
        }
        StepAssets {
            entries,
            by_stakeholder,
        }
    }

    /// The first entries, by id, of any of `stakeholders`: enough of them for any choice,
    /// which passes over at most the asset itself and the `LIMIT - 1` already chosen.
    fn first_sharing(&self, stakeholders: &[usize]) -> impl Iterator<Item = &Entry> {
        let mut places: Vec<usize> = (stakeholders.iter())
            .filter_map(|&s| self.by_stakeholder.get(s))
            .flat_map(|list| list.iter().take(2 * LIMIT))
            .copied()
            .collect();
        places.sort_unstable();
        places.dedup();
        places.into_iter().filter_map(|at| self.entries.get(at))
    }
}

/// Every step's assets by id, which the choice of every asset reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Related {
    steps: Vec<StepAssets>,
}

impl Related {
    /// The assets of each step of `site`, in the order of their ids.
    pub fn new(site: &Site) -> Self {
        let stakeholders = site.stakeholders.len();
        let steps = site
            .steps
            .iter()
            .map(|step| {
                let entries: Vec<Entry> = (step.assets.iter())
                    .filter_map(|id| site.asset(id))
                    .map(|asset| Entry {
                        id: asset.asset.id.clone(),
                        stakeholders: asset.placement.stakeholders.clone(),
                    })
                    .collect();
                StepAssets::new(entries, stakeholders)
            })
            .collect();
        Related { steps }
    }

    /// The related resources of `asset`, at most [`LIMIT`], best first.
    pub fn of(&self, asset: &SiteAsset) -> Vec<&AssetId> {
        let placement = &asset.placement;
        match placement.steps.first() {
            Some(&step) => self.choose(&asset.asset.id, step, &placement.stakeholders),
            None => Vec::new(),
        }
    }

    /// The related resources of the asset `id` of `step` for `stakeholders`: those of the step
    /// for one of the stakeholders, then the step's others, then the same of the next step.
    /// Each pass reads only as many entries as it may choose or pass over, whatever the size of
    /// the step.
    fn choose(&self, id: &AssetId, step: usize, stakeholders: &[usize]) -> Vec<&AssetId> {
        let shares = |entry: &Entry| entry.stakeholders.iter().any(|s| stakeholders.contains(s));
        let mut chosen: Vec<&AssetId> = Vec::with_capacity(LIMIT);
        for assets in [step, step + 1].iter().filter_map(|&s| self.steps.get(s)) {
            let sharing = assets.first_sharing(stakeholders);
            let others = (assets.entries.iter()).filter(|entry| !shares(entry));
            for candidate in sharing.chain(others).map(|entry| &entry.id) {
                if chosen.len() == LIMIT {
                    return chosen;
                }
                if candidate != id && !chosen.contains(&candidate) {
                    chosen.push(candidate);
                }
            }
        }
        chosen
    }
}

/// The assets whose pages show `id` among their related resources, as `related` (the choice of
/// the site as it is) chooses them: those of its steps and of the steps before them whose
/// choice holds it.
pub fn showing(site: &Site, related: &Related, id: &AssetId) -> Vec<AssetId> {
    let Some(asset) = site.asset(id) else {
        return Vec::new();
    };
    let steps = (asset.placement.steps.iter())
        .flat_map(|&s| [s.checked_sub(1), Some(s)])
        .flatten();
    let mut found: Vec<AssetId> = steps
        .filter_map(|s| site.steps.get(s))
        .flat_map(|step| &step.assets)
        .filter_map(|other| site.asset(other))
        .filter(|other| related.of(other).contains(&id))
        .map(|other| other.asset.id.clone())
        .collect();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A journey of three steps and five stakeholders: each asset as (id, step,
    /// stakeholders).
    fn related(assets: &[(&str, usize, &[usize])]) -> Related {
        let mut steps = vec![Vec::new(); 3];
        for &(id, step, stakeholders) in assets {
            steps[step].push(Entry {
                id: AssetId::from(id),
                stakeholders: stakeholders.to_vec(),
            });
        }
        let steps = steps.into_iter().map(|entries| StepAssets::new(entries, 5));
        Related {
            steps: steps.collect(),
        }
    }

    #[test]
    fn same_step_then_next_step_same_stakeholder_first() {
        const FINANCE: &[usize] = &[0];
        const IT: &[usize] = &[1];
        const BOTH: &[usize] = &[0, 1];
        let site = related(&[
            ("a.md", 0, FINANCE),
            ("b.md", 0, IT),
            ("c.md", 0, BOTH),
            ("c.md", 1, BOTH),
            ("d.md", 1, FINANCE),
            ("e.md", 1, IT),
            ("f.md", 1, FINANCE),
            ("g.md", 2, FINANCE),
        ]);
        let cases: [(&str, usize, &[usize], &[&str]); 6] = [
            // the step's own first, for the same stakeholder first, then the next step's
            ("a.md", 0, FINANCE, &["c.md", "b.md", "d.md", "f.md"]),
            ("b.md", 0, IT, &["c.md", "a.md", "e.md", "d.md"]),
            // the next step only after the step's own, however many share a stakeholder there
            ("d.md", 1, FINANCE, &["c.md", "f.md", "e.md", "g.md"]),
            // the last step has no step after it
            ("g.md", 2, FINANCE, &[]),
            // a stakeholder nobody else serves: the order of source paths
            ("x.md", 0, &[4], &["a.md", "b.md", "c.md", "d.md"]),
            // an asset of two steps is chosen once
            ("z.md", 0, IT, &["b.md", "c.md", "a.md", "e.md"]),
        ];
        for (id, step, stakeholders, expected) in cases {
            let chosen = site.choose(&AssetId::from(id), step, stakeholders);
            let chosen: Vec<&str> = chosen.iter().map(|id| id.as_str()).collect();
            assert_eq!(chosen, expected, "related of {id}");
        }
    }

    /// The choice as it reads every entry of the steps, to hold the indexed one to.
    fn read_all<'a>(
        site: &'a Related,
        id: &AssetId,
        step: usize,
        stakeholders: &[usize],
    ) -> Vec<&'a AssetId> {
        let shares = |entry: &Entry| entry.stakeholders.iter().any(|s| stakeholders.contains(s));
        let mut chosen = Vec::new();
        for assets in [step, step + 1].iter().filter_map(|&s| site.steps.get(s)) {
            for sharing in [true, false] {
                for entry in &assets.entries {
                    if shares(entry) == sharing && entry.id != *id && !chosen.contains(&&entry.id) {
                        chosen.push(&entry.id);
                    }
                }
            }
        }
        chosen.truncate(LIMIT);
        chosen
    }

    #[test]
    fn the_index_chooses_as_reading_every_asset_does() {
        // 180 assets on three steps, each for none, one or two of five stakeholders, some of
        // them on two steps; many share a stakeholder, so the index must pass over some.
        let mut state = 7_u64;
        let mut next = |below: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) % below
        };
        let mut assets: Vec<(String, usize, Vec<usize>)> = Vec::new();
        for i in 0..180 {
            let stakeholders: Vec<usize> = match next(4) {
                0 => vec![],
                1 => vec![0],
                2 => vec![next(5) as usize],
                _ => vec![0, 1 + next(4) as usize],
            };
            let step = next(3) as usize;
            assets.push((format!("{:03}.md", next(1000)), step, stakeholders.clone()));
            if i % 7 == 0 && step < 2 {
                let (id, _, _) = assets.last().cloned().unwrap_or_default();
                assets.push((id, step + 1, stakeholders));
            }
        }
        let listed: Vec<(&str, usize, &[usize])> = (assets.iter())
            .map(|(id, step, who)| (id.as_str(), *step, who.as_slice()))
            .collect();
        let site = related(&listed);
        for (id, step, stakeholders) in listed {
            let id = AssetId::from(id);
            assert_eq!(
                site.choose(&id, step, stakeholders),
                read_all(&site, &id, step, stakeholders),
                "related of {id} on step {step} for {stakeholders:?}"
            );
        }
    }
}
