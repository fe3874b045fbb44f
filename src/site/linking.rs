//! Keeping the links between assets up to date: every body's `@/` links resolved once all
//! assets are known, and again for the assets that link an edited one; the link targets; and
//! each testimonial linked to the case study it names, by the testimonial kind's rule.

use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Asset, AssetId, BodyLink, Unloaded};
use crate::diagnostics::Problems;
use crate::kinds;
use crate::kinds::testimonial_link::{CaseStudies, Nameable, NameableAssets};
use crate::links::{self, LinkAddress, Targets};

use super::{Site, SiteAsset};

impl Site {
    /// Checks the links of assets that did not resolve, which are not published but whose
    /// bodies are read all the same.
    pub(super) fn check_links_of(&self, assets: &[Box<Asset>], problems: &mut Problems) {
        let published = assets
            .iter()
            .filter(|asset| self.publish_drafts || !asset.draft);
        for asset in published {
            links::resolve(&self.targets, asset, self.publish_drafts, problems);
        }
    }

    /// What links can name in the site as it is: every asset, and the files of `failed`. It
    /// reads the assets unordered, so it may run before [`Site::set_index`] orders them.
    pub(super) fn all_targets(&self, failed: impl IntoIterator<Item = AssetId>) -> Targets {
        let mut targets = Targets::with_failed(failed);
        for asset in self.assets.values() {
            targets.put(&asset.asset, &asset.placement.url, true);
        }
        for asset in self.drafts.values() {
            targets.put(&asset.asset, &asset.placement.url, false);
        }
        targets
    }

    /// Resolves the links of every published asset, in the order of their files, so that
    /// broken links are reported in the same order from one run to the next.
    pub(super) fn link_all(&mut self, problems: &mut Problems) {
        let mut ids: Vec<AssetId> = (self.assets.values())
            .filter(|asset| !asset.asset.links.is_empty())
            .map(|asset| asset.asset.id.clone())
            .collect();
        ids.sort_unstable();
        self.relink(&ids, problems);
    }

    /// Resolves the links of the published assets `ids` again and writes their URLs into
    /// their bodies; every broken link is added to `problems`.
    pub(super) fn relink(&mut self, ids: &[AssetId], problems: &mut Problems) {
        let resolved: Vec<_> = ids
            .par_iter()
            .filter_map(|id| {
                let asset = self.assets.get(id)?;
                let mut found = Problems::default();
                let urls =
                    links::resolve(&self.targets, &asset.asset, self.publish_drafts, &mut found);
                Some((id, urls, found))
            })
            .collect();
        let mut rewrites = Vec::with_capacity(resolved.len());
        for (id, urls, found) in resolved {
            problems.extend(found.into_vec());
            if let Some(urls) = urls {
                rewrites.push((id.clone(), urls));
            }
        }
        for (id, urls) in rewrites {
            if let Some(asset) = self.assets.get_mut(&id) {
                let asset = &mut asset.asset;
                links::rewrite(&mut asset.content, &mut asset.links, &urls);
            }
        }
    }

    /// The published assets other than `id` whose bodies link to `id`.
    pub(super) fn linking_to(&self, id: &AssetId) -> Vec<AssetId> {
        let names = |link: &BodyLink| matches!(links::parse(&link.target), LinkAddress::Asset { path, .. } if path == id.as_str());
        self.assets()
            .filter(|asset| &asset.asset.id != id && asset.asset.links.iter().any(names))
            .map(|asset| asset.asset.id.clone())
            .collect()
    }

    /// Brings the link target of `id` up to date with the site as it is now.
    pub(super) fn retarget(&mut self, id: &AssetId) {
        let targets = Arc::make_mut(&mut self.targets);
        match (self.assets.get(id), self.drafts.get(id)) {
            (Some(asset), _) => targets.put(&asset.asset, &asset.placement.url, true),
            (None, Some(draft)) => targets.put(&draft.asset, &draft.placement.url, false),
            (None, None) => targets.remove(id),
        }
    }

    /// Resolves the links of an edited asset, which may link to itself, against the site as
    /// it will be with it; `false` (with the reasons in `problems`) when one is broken.
    pub(super) fn link_edited(&mut self, asset: &mut SiteAsset, problems: &mut Problems) -> bool {
        let published = self.is_published(asset);
        Arc::make_mut(&mut self.targets).put(&asset.asset, &asset.placement.url, published);
        if !published {
            return true;
        }
        match links::resolve(&self.targets, &asset.asset, self.publish_drafts, problems) {
            Some(urls) => {
                let asset = &mut asset.asset;
                links::rewrite(&mut asset.content, &mut asset.links, &urls);
                true
            }
            None => {
                self.retarget(&asset.asset.id.clone());
                false
            }
        }
    }

    /// Links every published testimonial, or `only` that asset if it is one, to the case study
    /// it names; returns the ids of those whose link changed. Each name that is no published
    /// case study is added to `problems` at its value.
    pub(super) fn link_testimonials(
        &mut self,
        only: Option<&AssetId>,
        problems: &mut Problems,
    ) -> Vec<AssetId> {
        let mut testimonials: Vec<&SiteAsset> = match only {
            Some(id) => self.asset(id).into_iter().collect(),
            None => self.assets().collect(),
        };
        testimonials.retain(|asset| asset.data.case_study().is_some());
        if testimonials.is_empty() {
            // Finding the case studies looks at every asset.
            return Vec::new();
        }
        let case_studies = CaseStudies::new(
            self,
            self.assets.values().map(|asset| self.nameable(asset)),
            self.drafts.values().map(|asset| self.nameable(asset)),
        );
        let links: Vec<(AssetId, String)> = (testimonials.into_iter())
            .filter_map(|asset| {
                let written = asset.data.case_study()?;
                if self.names_failed(&written.value) {
                    // Its problems are reported where they are.
                    return None;
                }
                let url = case_studies.url(written, &asset.asset.source, problems)?;
                Some((asset.asset.id.clone(), url))
            })
            .collect();
        let mut changed = Vec::new();
        for (id, url) in links {
            if let Some(asset) = self.assets.get_mut(&id)
                && asset.data.link(url)
            {
                changed.push(id);
            }
        }
        changed
    }

    /// An asset as a testimonial may name it.
    fn nameable<'a>(&'a self, asset: &'a SiteAsset) -> Nameable<'a> {
        Nameable {
            path: asset.asset.id.as_str(),
            slug: &asset.asset.slug.value,
            url: &asset.placement.url,
            kind_title: (self.kinds.get(asset.placement.kind))
                .map_or("", |kind| kind.title.as_str()),
            is_case_study: self.is_case_study(asset),
        }
    }

    /// True when `written`, an `@/` path or a slug, names a file that did not load or resolve.
    fn names_failed(&self, written: &str) -> bool {
        let named = |file: &Unloaded| match written.strip_prefix(links::PREFIX) {
            Some(path) => file.id.as_str() == path,
            None => file.slug == written,
        };
        self.failed.iter().any(named)
    }

    /// True when `asset` is of a kind with the case-study schema.
    fn is_case_study(&self, asset: &SiteAsset) -> bool {
        (self.kinds.get(asset.placement.kind)).and_then(|kind| kind.schema)
            == Some(kinds::Schema::CaseStudy)
    }

    /// Whether the asset `id`, published or draft, is a case study.
    pub(super) fn is_stored_case_study(&self, id: &AssetId) -> bool {
        let stored = self.assets.get(id).or_else(|| self.drafts.get(id));
        stored.is_some_and(|asset| self.is_case_study(asset))
    }
}

impl NameableAssets for Site {
    fn published(&self, path: &str) -> Option<Nameable<'_>> {
        let asset = self.assets.get(&AssetId::from(path))?;
        Some(self.nameable(asset))
    }

    fn draft(&self, path: &str) -> Option<Nameable<'_>> {
        let asset = self.drafts.get(&AssetId::from(path))?;
        Some(self.nameable(asset))
    }
}
