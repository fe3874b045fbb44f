//! The site model: the journey, kinds and stakeholders of the configuration joined with the
//! loaded assets, which are known by their source path. Building it validates every reference
//! (with "did you mean") and fixes the order of everything: weight, then title, then path.
//! [`Site::apply`] replaces, adds or removes one asset and says what changed, so a long-running
//! process can re-render only the pages that show it. Links between assets are resolved with
//! [`links`] once every asset is known, and again for the assets that link an edited one.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::address;
use crate::config::Config;
use crate::content::{Asset, AssetId, Assets, Located, Unloaded, walk};
use crate::diagnostics::{Diagnostic, Problems, Source, did_you_mean, suggestion};
use crate::kinds::{self, KindData};
use crate::links::{self, Address, Targets};
use crate::markdown;
use crate::slug::slugify;

/// URL folders that stepwise uses itself; no kind may publish its assets there.
const RESERVED_FOLDERS: &[&str] = &["steps", "kinds", "stakeholders", "coverage"];

/// An asset resolved into the site, or given back when it has errors.
type Resolution = Result<Box<SiteAsset>, Box<Asset>>;

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
    pub kinds: Vec<Kind>,
    /// The stakeholders, in configured order.
    pub stakeholders: Vec<Stakeholder>,
    /// Every published asset by its id (boxed: a map's spare room then costs a pointer, not an
    /// asset).
    assets: HashMap<AssetId, Box<SiteAsset>>,
    /// The published assets' ids, ordered by weight, then title, then path.
    order: Vec<AssetId>,
    /// The drafts that are not published, by id: the coverage report shows what they would fill.
    drafts: HashMap<AssetId, Box<SiteAsset>>,
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
pub struct Kind {
    /// The identifier.
    pub slug: String,
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
pub struct Change {
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

impl Change {
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

/// What the site is built with beyond its files.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Replaces `base_url` of the configuration: an absolute address or a path such as `/`.
    pub base_url: Option<String>,
    /// Publishes assets marked `draft = true`.
    pub drafts: bool,
    /// How the output files are finished: fingerprinted names.
    pub finish: crate::finish::Finish,
}

impl Site {
    /// Joins configuration and assets; every broken reference is added to `problems`, and the
    /// site is `None` when its address is unusable. The files that did not load, and the assets
    /// that do not resolve, are still known by their paths: links to them are not reported.
    pub fn new(
        config: Config,
        config_source: &Source,
        assets: Assets,
        options: &SiteOptions,
        problems: &mut Problems,
    ) -> Option<Site> {
        let base_url = match &options.base_url {
            Some(given) => match address::base_url(given) {
                Some(url) => url,
                None => {
                    problems.push(Diagnostic::plain(format!("`{given}` is not an address for `--base-url`"))
                        .with_help("give an absolute address such as `https://buyers.example.com/guide/`, or a path that starts with `/`, such as `/`"));
                    return None;
                }
            },
            None => address::with_trailing_slash(config.base_url.get_ref()),
        };
        let root = address::url_path(&base_url);
        let mut site = Site {
            steps: steps(&config, &root),
            stakeholders: stakeholders(&config, &root),
            kinds: kinds(&config, config_source, &root, problems),
            assets: HashMap::with_capacity(assets.loaded.len()),
            order: Vec::new(),
            drafts: HashMap::new(),
            publish_drafts: options.drafts,
            targets: Arc::default(),
            failed: assets.unloaded,
            base_url,
            root,
            config,
        };
        // Each asset is boxed as it is resolved, so the list of results holds only pointers.
        let (resolved, found): (Vec<Resolution>, Vec<Vec<Diagnostic>>) =
            (assets.loaded.into_par_iter())
                .map(|asset| {
                    let (resolved, found) = site.resolve(asset);
                    (resolved.map(Box::new), found)
                })
                .unzip();
        problems.extend(found.into_iter().flatten());
        let mut unresolved = Vec::new();
        for result in resolved {
            match result {
                // Each id is loaded once, so nothing is replaced here.
                Ok(asset) => drop(site.insert(asset)),
                Err(asset) => unresolved.push(asset),
            }
        }
        (site.failed).extend(unresolved.iter().map(|asset| Unloaded {
            id: asset.id.clone(),
            slug: asset.slug.value.clone(),
        }));
        site.reindex();
        let failed = site.failed.iter().map(|file| file.id.clone());
        site.targets = Arc::new(site.all_targets(failed));
        site.link_all(problems);
        site.check_links_of(&unresolved, problems);
        site.link_testimonials(None, problems);
        Some(site)
    }

    /// Checks the links of assets that did not resolve, which are not published but whose
    /// bodies are read all the same.
    fn check_links_of(&self, assets: &[Box<Asset>], problems: &mut Problems) {
        let published = assets
            .iter()
            .filter(|asset| self.publish_drafts || !asset.draft);
        for asset in published {
            if let Err(found) = links::resolve(&self.targets, asset, self.publish_drafts) {
                problems.extend(found);
            }
        }
    }

    /// What links can name in the site as it is: every asset, and the files of `failed`.
    fn all_targets(&self, failed: impl IntoIterator<Item = AssetId>) -> Targets {
        let mut targets = Targets::with_failed(failed);
        for asset in self.assets() {
            targets.put(&asset.asset, &asset.placement.url, true);
        }
        for asset in self.drafts() {
            targets.put(&asset.asset, &asset.placement.url, false);
        }
        targets
    }

    /// What links between assets can name, as templates' `get_url` sees it.
    pub fn targets(&self) -> Arc<Targets> {
        Arc::clone(&self.targets)
    }

    /// Resolves the links of every published asset.
    fn link_all(&mut self, problems: &mut Problems) {
        let ids: Vec<AssetId> = (self.assets.values())
            .filter(|asset| !asset.asset.links.is_empty())
            .map(|asset| asset.asset.id.clone())
            .collect();
        self.relink(&ids, problems);
    }

    /// Resolves the links of the published assets `ids` again and writes their URLs into
    /// their bodies; every broken link is added to `problems`.
    fn relink(&mut self, ids: &[AssetId], problems: &mut Problems) {
        let resolved: Vec<_> = ids
            .par_iter()
            .filter_map(|id| {
                let asset = self.assets.get(id)?;
                Some((
                    id,
                    links::resolve(&self.targets, &asset.asset, self.publish_drafts),
                ))
            })
            .collect();
        let mut rewrites = Vec::with_capacity(resolved.len());
        for (id, result) in resolved {
            match result {
                Ok(urls) => rewrites.push((id.clone(), urls)),
                Err(found) => problems.extend(found),
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
    fn linking_to(&self, id: &AssetId) -> Vec<AssetId> {
        let names = |link: &crate::content::BodyLink| matches!(links::parse(&link.target), Address::Asset { path, .. } if path == id.as_str());
        self.assets()
            .filter(|asset| &asset.asset.id != id && asset.asset.links.iter().any(names))
            .map(|asset| asset.asset.id.clone())
            .collect()
    }

    /// Brings the link target of `id` up to date with the site as it is now.
    fn retarget(&mut self, id: &AssetId) {
        let targets = Arc::make_mut(&mut self.targets);
        match (self.assets.get(id), self.drafts.get(id)) {
            (Some(asset), _) => targets.put(&asset.asset, &asset.placement.url, true),
            (None, Some(draft)) => targets.put(&draft.asset, &draft.placement.url, false),
            (None, None) => targets.remove(id),
        }
    }

    /// Resolves the links of an edited asset, which may link to itself, against the site as
    /// it will be with it; `false` (with the reasons in `problems`) when one is broken.
    fn link_edited(&mut self, asset: &mut SiteAsset, problems: &mut Problems) -> bool {
        let published = self.is_published(asset);
        Arc::make_mut(&mut self.targets).put(&asset.asset, &asset.placement.url, published);
        if !published {
            return true;
        }
        match links::resolve(&self.targets, &asset.asset, self.publish_drafts) {
            Ok(urls) => {
                let asset = &mut asset.asset;
                links::rewrite(&mut asset.content, &mut asset.links, &urls);
                true
            }
            Err(found) => {
                problems.extend(found);
                self.retarget(&asset.asset.id.clone());
                false
            }
        }
    }

    /// The published asset `id`.
    pub fn asset(&self, id: &AssetId) -> Option<&SiteAsset> {
        self.assets.get(id).map(Box::as_ref)
    }

    /// The published assets, in order.
    pub fn assets(&self) -> impl ExactSizeIterator<Item = &SiteAsset> {
        self.order.iter().map(|id| self.assets[id].as_ref())
    }

    /// The drafts that are not published, in the order they would be listed.
    pub fn drafts(&self) -> Vec<&SiteAsset> {
        let mut drafts: Vec<&SiteAsset> = self.drafts.values().map(Box::as_ref).collect();
        drafts.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        drafts
    }

    /// Adds or replaces a resolved asset, published or kept aside as a draft; returns the
    /// published asset it replaces.
    fn insert(&mut self, asset: Box<SiteAsset>) -> Option<Box<SiteAsset>> {
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
    fn remove(&mut self, id: &AssetId) -> Option<Box<SiteAsset>> {
        self.drafts.remove(id);
        self.assets.remove(id)
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

    /// Replaces, adds or removes one asset. Returns what changed, or `None` (with the reasons
    /// in `problems`) when the edited asset is not valid; the site is then left as it was. A
    /// testimonial whose case study the edit removed is reported in `problems` too, with the
    /// edit made.
    pub fn apply(&mut self, edit: Edit, problems: &mut Problems) -> Option<Change> {
        let target_before = match &edit {
            Edit::Remove(id) => self.targets.get(id),
            Edit::Put(asset) => self.targets.get(&asset.id),
        }
        .cloned();
        let (id, resolved) = match edit {
            Edit::Remove(id) => (id, None),
            Edit::Put(asset) => {
                let id = asset.id.clone();
                let (resolved, found) = self.resolve(*asset);
                problems.extend(found);
                let Ok(mut resolved) = resolved else {
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
        Some(Change {
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
            let found = list.binary_search_by(|other| order_key(&self.assets[other]).cmp(&key));
            match (found, listed) {
                (Ok(at), false) => {
                    list.remove(at);
                }
                (Err(at), true) => list.insert(at, id.clone()),
                _ => {}
            }
        }
    }

    /// The asset with its references resolved, or the asset back when it has errors; the
    /// problems found either way. Its kind's table is read whenever its kind is known, so a
    /// wrong step does not hide a wrong value.
    fn resolve(&self, mut asset: Asset) -> (Result<SiteAsset, Box<Asset>>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let source = &asset.source;
        let kind = find(
            &asset.kind,
            "kind",
            self.kinds.iter().map(|k| k.slug.as_str()),
            source,
            &mut problems,
        );
        let mut steps = find_all(
            &asset.steps,
            "step",
            self.steps.iter().map(|s| s.slug.as_str()),
            source,
            &mut problems,
        );
        let mut stakeholders = find_all(
            &asset.stakeholders,
            "stakeholder",
            self.stakeholders.iter().map(|s| s.slug.as_str()),
            source,
            &mut problems,
        );
        let Some(kind) = kind else {
            return (Err(Box::new(asset)), problems);
        };
        problems.extend(unknown_tables(&asset, &self.kinds[kind].slug));
        let (data, found) = self.read_data(&mut asset, kind);
        problems.extend(found);
        if problems.iter().any(Diagnostic::is_error) {
            return (Err(Box::new(asset)), problems);
        }
        steps.sort_unstable();
        steps.dedup();
        stakeholders.sort_unstable();
        stakeholders.dedup();
        let folder = format!("{}/{}", self.kinds[kind].folder, asset.slug.value);
        let placement = Placement {
            url: format!("{}{folder}/", self.root),
            folder,
            kind,
            steps,
            stakeholders,
        };
        let resolved = SiteAsset {
            asset,
            data,
            placement,
        };
        (Ok(resolved), problems)
    }

    /// Reads the table of the asset's kind (the `kind`th) by the kind's schema, taking the
    /// files it reads out of the asset's attachments.
    fn read_data(&self, asset: &mut Asset, kind: usize) -> (KindData, Vec<Diagnostic>) {
        let schema = kinds::Schema::of(&self.config.kinds[kind]);
        let mut bundle = kinds::Bundle {
            is_bundle: walk::is_bundle(Path::new(asset.id.as_str())),
            files: std::mem::take(&mut asset.attachments),
        };
        let table = asset.data.take();
        let read = kinds::read(
            schema,
            table,
            &asset.source,
            0..3,
            &self.config,
            &mut bundle,
        );
        asset.attachments = bundle.files;
        read
    }

    /// True when `asset` is of a kind with the case-study schema.
    fn is_case_study(&self, asset: &SiteAsset) -> bool {
        kinds::Schema::of(&self.config.kinds[asset.placement.kind])
            == Some(kinds::Schema::CaseStudy)
    }

    /// Whether the asset `id`, published or draft, is a case study.
    fn is_stored_case_study(&self, id: &AssetId) -> bool {
        let stored = self.assets.get(id).or_else(|| self.drafts.get(id));
        stored.is_some_and(|asset| self.is_case_study(asset))
    }

    /// Links every published testimonial, or `only` that asset if it is one, to the case study
    /// it names; returns the ids of those whose link changed. Each name that is no published
    /// case study is added to `problems` at its value.
    fn link_testimonials(
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
        let case_studies = CaseStudies::of(self);
        let links: Vec<(AssetId, Result<String, Diagnostic>)> = (testimonials.into_iter())
            .filter_map(|asset| {
                let written = asset.data.case_study()?;
                if self.names_failed(&written.value) {
                    // Its problems are reported where they are.
                    return None;
                }
                let link = case_studies.url(written, &asset.asset.source);
                Some((asset.asset.id.clone(), link))
            })
            .collect();
        let mut changed = Vec::new();
        for (id, link) in links {
            match (link, self.assets.get_mut(&id)) {
                (Ok(url), Some(asset)) => {
                    if asset.data.link(url) {
                        changed.push(id);
                    }
                }
                (Err(problem), _) => problems.push(problem),
                (Ok(_), None) => {}
            }
        }
        changed
    }

    /// True when `written`, an `@/` path or a slug, names a file that did not load or resolve.
    fn names_failed(&self, written: &str) -> bool {
        let named = |file: &Unloaded| match written.strip_prefix(links::PREFIX) {
            Some(path) => file.id.as_str() == path,
            None => file.slug == written,
        };
        self.failed.iter().any(named)
    }

    /// Orders the published assets and lists them under their steps, kinds and stakeholders;
    /// [`Site::apply`] then keeps the lists in order one asset at a time.
    fn reindex(&mut self) {
        let mut order: Vec<&SiteAsset> = self.assets.values().map(Box::as_ref).collect();
        order.par_sort_unstable_by(|a, b| order_key(a).cmp(&order_key(b)));
        for list in self.steps.iter_mut().map(|s| &mut s.assets) {
            list.clear();
        }
        for list in self.kinds.iter_mut().map(|k| &mut k.assets) {
            list.clear();
        }
        for list in self.stakeholders.iter_mut().map(|s| &mut s.assets) {
            list.clear();
        }
        for asset in &order {
            let (id, placement) = (&asset.asset.id, &asset.placement);
            self.kinds[placement.kind].assets.push(id.clone());
            for &step in &placement.steps {
                self.steps[step].assets.push(id.clone());
            }
            for &stakeholder in &placement.stakeholders {
                self.stakeholders[stakeholder].assets.push(id.clone());
            }
        }
        self.order = order.into_iter().map(|a| a.asset.id.clone()).collect();
    }
}

/// The case studies a testimonial may name: the published ones by content path and by slug,
/// and the drafts that are not published.
struct CaseStudies<'a> {
    site: &'a Site,
    by_slug: HashMap<&'a str, &'a SiteAsset>,
    drafts_by_slug: HashMap<&'a str, &'a SiteAsset>,
}

impl<'a> CaseStudies<'a> {
    fn of(site: &'a Site) -> Self {
        let by_slug = |assets: &'a HashMap<AssetId, Box<SiteAsset>>| {
            (assets.values())
                .filter(|asset| site.is_case_study(asset))
                .map(|asset| (asset.asset.slug.value.as_str(), asset.as_ref()))
                .collect()
        };
        CaseStudies {
            site,
            by_slug: by_slug(&site.assets),
            drafts_by_slug: by_slug(&site.drafts),
        }
    }

    /// The URL of the case study `written` names, by content path (`@/case-studies/x.md`) or
    /// slug, or the problem with it at its place in `source`.
    fn url(&self, written: &Located<String>, source: &Source) -> Result<String, Diagnostic> {
        let value = written.value.as_str();
        let (published, draft) = match value.strip_prefix("@/") {
            Some(path) => {
                let id = AssetId::from(path);
                (
                    self.site.asset(&id),
                    self.site.drafts.get(&id).map(Box::as_ref),
                )
            }
            None => (
                self.by_slug.get(value).copied(),
                self.drafts_by_slug.get(value).copied(),
            ),
        };
        let message = match (published, draft) {
            (Some(asset), _) if self.site.is_case_study(asset) => {
                return Ok(asset.placement.url.clone());
            }
            (Some(asset), _) => format!(
                "`{value}` is a {}, not a case study",
                self.site.config.kinds[asset.placement.kind]
                    .title
                    .to_lowercase()
            ),
            (None, Some(_)) => {
                format!("the case study `{value}` is a draft, which is not published")
            }
            (None, None) if value.starts_with("@/") => format!("`{value}` names no asset"),
            (None, None) => format!("no case study has the slug `{value}`"),
        };
        let help = self.help(value, draft.is_some());
        Err(Diagnostic::error(source, written.span.clone(), message).with_help(help))
    }

    /// How to name a published case study: the closest one's content path, or any one's.
    fn help(&self, value: &str, draft: bool) -> String {
        let mut paths: Vec<(String, &str)> = (self.by_slug.values())
            .map(|asset| {
                (
                    format!("@/{}", asset.asset.id),
                    asset.asset.slug.value.as_str(),
                )
            })
            .collect();
        paths.sort_unstable();
        let written_as_path = value.starts_with("@/");
        let close = did_you_mean(
            value,
            paths
                .iter()
                .map(|(path, slug)| if written_as_path { path.as_str() } else { slug }),
        )
        .and_then(|close| {
            paths
                .iter()
                .find(|(path, slug)| *path == close || *slug == close)
        });
        let publish = if draft {
            "remove `draft = true` from it or build with `--drafts`; or "
        } else {
            ""
        };
        match (close, paths.first()) {
            (Some((path, _)), _) => format!("{publish}did you mean `{path}`?"),
            (None, Some((path, _))) => {
                format!("{publish}name a case study by its file under `content/`, such as `{path}`")
            }
            (None, None) => {
                format!("{publish}this site publishes no case study; remove `case_study`")
            }
        }
    }
}

/// The ordered lists that show an asset at `placement`: the site's own order, and its
/// steps', kind's and stakeholders' lists.
fn lists_of<'a>(
    placement: &Placement,
    order: &'a mut Vec<AssetId>,
    steps: &'a mut [Step],
    kinds: &'a mut [Kind],
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

/// Assets are ordered by weight, then title, then source path.
fn order_key(asset: &SiteAsset) -> (i64, &str, &AssetId) {
    (
        asset.asset.weight,
        &asset.asset.title.value,
        &asset.asset.id,
    )
}

/// Finds each slug among the declared ones; unknown ones are reported.
fn find_all<'a>(
    wanted: &[Located<String>],
    what: &str,
    declared: impl Iterator<Item = &'a str> + Clone,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    wanted
        .iter()
        .filter_map(|slug| find(slug, what, declared.clone(), source, problems))
        .collect()
}

/// Finds a slug among the declared ones, or reports it with the closest match.
fn find<'a>(
    wanted: &Located<String>,
    what: &str,
    declared: impl Iterator<Item = &'a str> + Clone,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let found = declared.clone().position(|slug| slug == wanted.value);
    if found.is_none() {
        problems.push(
            Diagnostic::error(
                source,
                wanted.span.clone(),
                format!("unknown {what} `{}`", wanted.value),
            )
            .with_label_message(format!(
                "no {what} of this name is declared in stepwise.toml"
            ))
            .with_help(suggestion(&wanted.value, what, declared)),
        );
    }
    found
}

/// The tables of an asset's front matter that are not its kind's (`kind`), as unknown keys.
fn unknown_tables(asset: &Asset, kind: &str) -> Vec<Diagnostic> {
    (asset.other_tables.iter())
        .map(|table| {
            let help = match did_you_mean(&table.value, [kind, "extra"]) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the table of this asset's kind is `[{kind}]`"),
            };
            Diagnostic::error(
                &asset.source,
                table.span.clone(),
                format!("unknown key `{}` in the front matter", table.value),
            )
            .with_help(help)
        })
        .collect()
}

fn steps(config: &Config, root: &str) -> Vec<Step> {
    config
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| Step {
            slug: step.slug.get_ref().clone(),
            title: step.title.clone(),
            question: step.question.clone(),
            hidden: step.hidden,
            number: index + 1,
            url: format!("{root}steps/{}/", step.slug.get_ref()),
            description_html: markdown::render_inline(step.description.get_ref()),
            assets: Vec::new(),
        })
        .collect()
}

fn kinds(config: &Config, source: &Source, root: &str, problems: &mut Problems) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = Vec::with_capacity(config.kinds.len());
    for kind in &config.kinds {
        let folder = slugify(kind.plural.get_ref());
        if folder.is_empty() {
            problems.push(
                Diagnostic::error(
                    source,
                    kind.plural.span(),
                    format!(
                        "the plural of the kind `{}` makes no address",
                        kind.slug.get_ref()
                    ),
                )
                .with_help("give it a plural name with letters or digits, such as `Guides`"),
            );
        } else if RESERVED_FOLDERS.contains(&folder.as_str())
            || kinds.iter().any(|k| k.folder == folder)
        {
            problems.push(
                Diagnostic::error(
                    source,
                    kind.plural.span(),
                    format!(
                        "the kind `{}` would publish its assets in `/{folder}/`, which is taken",
                        kind.slug.get_ref()
                    ),
                )
                .with_help("give this kind another `plural` name"),
            );
        }
        kinds.push(Kind {
            slug: kind.slug.get_ref().clone(),
            url: format!("{root}kinds/{}/", kind.slug.get_ref()),
            folder,
            assets: Vec::new(),
        });
    }
    kinds
}

fn stakeholders(config: &Config, root: &str) -> Vec<Stakeholder> {
    config
        .stakeholders
        .iter()
        .map(|stakeholder| Stakeholder {
            slug: stakeholder.slug.get_ref().clone(),
            url: format!("{root}stakeholders/{}/", stakeholder.slug.get_ref()),
            assets: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_folder_is_a_free_slug() {
        let cases = [
            ("Guides", None),
            (
                "!!!",
                Some("the plural of the kind `guide` makes no address"),
            ),
            (
                "Steps",
                Some("the kind `guide` would publish its assets in `/steps/`, which is taken"),
            ),
        ];
        for (plural, expected) in cases {
            let text = format!(
                "title = \"T\"\nbase_url = \"https://example.com/\"\n[[steps]]\nslug = \"a\"\ntitle = \"A\"\nquestion = \"A?\"\n[[kinds]]\nslug = \"guide\"\ntitle = \"Guide\"\nplural = \"{plural}\"\n"
            );
            let source = Source::new("stepwise.toml", text);
            let mut problems = Problems::default();
            let config = Config::parse(&source, &mut problems).expect("a configuration");
            kinds(&config, &source, "/", &mut problems);
            let messages: Vec<_> = problems
                .as_slice()
                .iter()
                .map(|p| p.message.as_str())
                .collect();
            assert_eq!(
                messages,
                expected.into_iter().collect::<Vec<_>>(),
                "plural {plural:?}"
            );
        }
    }
}
