//! The site as `serve` has loaded it: the model and renderer, the coverage report's measure,
//! and how a batch of edits is applied to them. A rebuild changes it while nothing else reads
//! it; the pages a rebuild leaves to be made after the reload read it between rebuilds.

use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::plan::Fresh;
use super::watch::Batch;
use crate::build::{self, Loaded};
use crate::content::{self, AssetId};
use crate::coverage::{self, Coverage, Date};
use crate::diagnostics::Problems;
use crate::finder::SearchIndex;
use crate::outputs::{Content, Outputs};
use crate::render::Renderer;
use crate::routes::{self, Affected};
use crate::site::{Edit, Placement, Site, SiteOptions};
use crate::theme::FileContent;

/// The loaded site, with what loading it again takes.
pub(super) struct Model {
    /// The site's folder.
    pub(super) root: PathBuf,
    options: SiteOptions,
    /// The site model, renderer and output paths.
    pub(super) loaded: Loaded,
    /// The date the coverage report is measured for.
    today: Date,
    /// The coverage report, measured again when it is asked for after a successful rebuild.
    pub(super) coverage: Coverage,
    /// How many times an edit began to change the model: a rebuild that fails after it did may
    /// leave part of its edit behind.
    pub(super) changes: u64,
}

/// The model, for reading; a thread that panicked while holding it left it whole enough to read.
pub(super) fn read(model: &RwLock<Model>) -> RwLockReadGuard<'_, Model> {
    model.read().unwrap_or_else(PoisonError::into_inner)
}

/// The model, for a rebuild to change.
pub(super) fn write(model: &RwLock<Model>) -> RwLockWriteGuard<'_, Model> {
    model.write().unwrap_or_else(PoisonError::into_inner)
}

impl Model {
    /// Loads the site at `root`, adding the warnings or every problem to `problems`; `None`
    /// when there is an error.
    pub(super) fn load(
        root: PathBuf,
        options: SiteOptions,
        today: Date,
        problems: &mut Problems,
    ) -> Option<Model> {
        let (loaded, coverage) = build::load_dated(&root, &options, today, problems)?;
        if problems.has_errors() {
            return None;
        }
        Some(Model {
            root,
            options,
            loaded,
            today,
            coverage,
            changes: 0,
        })
    }

    /// Measures the coverage report again and makes the finder's index again; whether the
    /// index's set of files changed (the output paths are then claimed again).
    pub(super) fn measure_site_wide(&mut self, problems: &mut Problems) -> bool {
        self.coverage = coverage::measure(&self.loaded.site, self.today);
        let search = SearchIndex::new(&self.loaded.site);
        // A shard or a file of records that came or went changes the set of paths.
        let moved = !search.paths().eq(self.loaded.search.paths());
        self.loaded.search = search;
        if moved {
            self.plan(problems);
        }
        moved
    }

    /// Applies `batch` to the site, or loads everything again when `whole` says so (or the
    /// batch removed what the site knew): what to make again, `None` when it could not be
    /// applied.
    pub(super) fn apply_batch(
        &mut self,
        batch: &Batch,
        whole: bool,
        problems: &mut Problems,
    ) -> Option<Fresh> {
        if whole || batch.gone.iter().any(|p| self.knows(p)) {
            self.reload(problems)
        } else {
            self.update(batch, problems)
        }
    }

    /// The paths of the files an asset edit leaves to be made when asked for, whose pages
    /// reload: the feed and the first file of the finder's index, which the finder reads.
    pub(super) fn listing_every_asset(&self) -> impl Iterator<Item = String> + '_ {
        [crate::feed::FEED.to_string(), SearchIndex::facets_path()]
            .into_iter()
            .filter(|path| self.loaded.outputs.contains(path))
    }

    /// Whether an asset of `batch` is a symbolic link that leads nowhere or to itself: loading
    /// everything reports it, as a build does, where reading the one asset would take it for
    /// removed.
    pub(super) fn leads_nowhere(&self, batch: &Batch) -> bool {
        let content = self.root.join(content::CONTENT_DIR);
        batch.assets.iter().any(|id| {
            let path = content.join(id.as_str());
            path.is_symlink() && !path.exists()
        })
    }

    /// Whether the site has an asset in the folder `relative` (to the root), or publishes
    /// the file at `relative` as an attachment, or it is a watched folder.
    fn knows(&self, relative: &Path) -> bool {
        let path = self.root.join(relative);
        // Ids are `/`-separated paths under `content/`: comparing text costs no allocation
        // for each of the site's assets.
        let folder = relative
            .strip_prefix("content")
            .ok()
            .and_then(Path::to_str)
            .map(|folder| format!("{}/", folder.replace('\\', "/")));
        let in_folder = |asset: &AssetId| {
            folder
                .as_deref()
                .is_some_and(|f| asset.as_str().starts_with(f))
        };
        relative.parent() == Some(Path::new(""))
            || self.loaded.site.assets().any(|asset| in_folder(&asset.asset.id))
            || self.loaded.outputs.iter().any(|(_, content)| {
                matches!(content, Content::File(file) if matches!(&file.content, FileContent::Disk(from) if *from == path))
            })
    }

    /// Loads everything again.
    fn reload(&mut self, problems: &mut Problems) -> Option<Fresh> {
        let (loaded, coverage) =
            build::load_dated(&self.root, &self.options, self.today, problems)?;
        self.changes += 1;
        self.loaded = loaded;
        self.coverage = coverage;
        Some(Fresh::everything())
    }

    /// Applies the batch's asset edits and theme changes to the loaded site.
    fn update(&mut self, batch: &Batch, problems: &mut Problems) -> Option<Fresh> {
        let mut fresh = Fresh::default();
        for id in &batch.assets {
            let (affected, moved) = self.apply(id, problems)?;
            fresh.generated |= moved;
            fresh.pages.extend(self.download_path(id));
            match affected {
                Affected::All => fresh.all_pages = true,
                Affected::Some(pages) => fresh
                    .pages
                    .extend(pages.iter().map(|page| page.output_path(&self.loaded.site))),
            }
        }
        if batch.templates || batch.statics {
            let renderer = self.new_renderer(problems)?;
            self.changes += 1;
            self.loaded.renderer = renderer;
            fresh.all_pages |= batch.templates;
            fresh.files = true;
            fresh.generated = true;
        }
        // Only a page or file that came, went or moved changes the set of paths.
        if fresh.generated {
            self.plan(problems);
        }
        Some(fresh)
    }

    /// Claims the path of every file of the site as it is now.
    fn plan(&mut self, problems: &mut Problems) {
        let theme = self.loaded.renderer.theme();
        let (site, search) = (&self.loaded.site, &self.loaded.search);
        let coverage = site.config.coverage.publish || self.options.show_coverage;
        self.loaded.outputs = Outputs::plan(&self.root, site, theme, search, coverage, problems);
    }

    /// Reads the asset `id` again and applies it; the pages it touches, and whether its page
    /// or attachments came, went or moved.
    fn apply(&mut self, id: &AssetId, problems: &mut Problems) -> Option<(Affected, bool)> {
        let errors = problems.error_count();
        let edit = match content::load_one(&self.root, id, problems) {
            Some(asset) => Edit::Put(Box::new(asset)),
            None if problems.error_count() > errors => return None,
            None => Edit::Remove(id.clone()),
        };
        self.changes += 1;
        let site = &mut self.loaded.site;
        let attachments = |site: &Site| site.asset(id).map(|a| a.asset.attachments.clone());
        let attached = attachments(site);
        let change = site.apply(edit, problems)?;
        let reshown = self.loaded.renderer.update(site, &change);
        let folder = |placement: &Option<Placement>| placement.as_ref().map(|p| p.folder.clone());
        let moved =
            folder(&change.before) != folder(&change.after) || attachments(site) != attached;
        let related = self.loaded.renderer.related();
        Some((routes::affected(site, related, &change, &reshown), moved))
    }

    /// Where the download of the asset `id` is published, if it has one.
    fn download_path(&self, id: &AssetId) -> Option<String> {
        let asset = self.loaded.site.asset(id)?;
        let name = asset.data.download_name(&asset.asset.slug.value)?;
        Some(format!("{}/{name}", asset.placement.folder))
    }

    /// The theme read again and compiled for the site as it is; no content is read.
    fn new_renderer(&self, problems: &mut Problems) -> Option<Renderer> {
        let (_, config_source) = build::load_config(&self.root, problems)?;
        let site = &self.loaded.site;
        let finish = self.options.finish;
        let theme = build::load_theme(&self.root, &site.config, &config_source, finish, problems)?;
        Renderer::new(theme, site, problems)
    }
}
