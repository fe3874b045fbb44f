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

/// Every step's assets by id, which the choice of every asset reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Related {
    steps: Vec<Vec<Entry>>,
}

impl Related {
    /// The assets of each step of `site`, in the order of their ids.
    pub fn new(site: &Site) -> Self {
        let steps = site
            .steps
            .iter()
            .map(|step| {
                let mut entries: Vec<Entry> = (step.assets.iter())
                    .filter_map(|id| site.asset(id))
                    .map(|asset| Entry {
                        id: asset.asset.id.clone(),
                        stakeholders: asset.placement.stakeholders.clone(),
                    })
                    .collect();
                entries.sort_by(|a, b| a.id.cmp(&b.id));
                entries
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

    /// The related resources of the asset `id` of `step` for `stakeholders`.
    fn choose(&self, id: &AssetId, step: usize, stakeholders: &[usize]) -> Vec<&AssetId> {
        let shares = |entry: &Entry| entry.stakeholders.iter().any(|s| stakeholders.contains(s));
        let mut chosen: Vec<&AssetId> = Vec::with_capacity(LIMIT);
        for entries in [step, step + 1].iter().filter_map(|&s| self.steps.get(s)) {
            for stakeholder_first in [true, false] {
                let candidates = (entries.iter())
                    .filter(|entry| entry.id != *id && shares(entry) == stakeholder_first)
                    .map(|entry| &entry.id);
                for candidate in candidates {
                    if chosen.len() == LIMIT {
                        return chosen;
                    }
                    if !chosen.contains(&candidate) {
                        chosen.push(candidate);
                    }
                }
            }
        }
        chosen
    }
}

/// The assets whose pages show `id` among their related resources: those of its steps and of
/// the steps before them whose choice holds it.
pub fn showing(site: &Site, id: &AssetId) -> Vec<AssetId> {
    let Some(asset) = site.asset(id) else {
        return Vec::new();
    };
    let related = Related::new(site);
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

    /// A journey of three steps: each asset as (id, step, stakeholders).
    fn related(assets: &[(&str, usize, &[usize])]) -> Related {
        let mut steps = vec![Vec::new(); 3];
        for &(id, step, stakeholders) in assets {
            steps[step].push(Entry {
                id: AssetId::from(id),
                stakeholders: stakeholders.to_vec(),
            });
        }
        for entries in &mut steps {
            entries.sort_by(|a, b| a.id.cmp(&b.id));
        }
        Related { steps }
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
}
