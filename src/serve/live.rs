//! The site as `serve` keeps it: the loaded model and renderer, and every output file in
//! memory. A rebuild does as little as the batch of edits asks — an asset is read again and
//! only the pages that show it are rendered, a template renders every page but reads no
//! content, the configuration loads everything — and makes a new set of files that replaces
//! the old one at once. After a failed rebuild the next one loads everything again, so no
//! half-applied edit outlives its fix. The files made from every asset — the coverage report,
//! the feed, the resource finder's index — are made again when they are asked for after a
//! successful rebuild ([`Live::refresh_site_wide`]), not on the way from a save to the reload.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::plan::Fresh;
use super::served::{frame, make_files};
use super::store::Files;
use super::watch::Batch;
use crate::build::{self, Loaded};
use crate::content::{self, AssetId};
use crate::coverage::{self, Coverage, Date};
use crate::diagnostics::{Diagnostic, Problems};
use crate::finder::SearchIndex;
use crate::outputs::{Content, Outputs};
use crate::render::Renderer;
use crate::routes::{self, Affected};
use crate::site::{Edit, Placement, Site, SiteOptions};
use crate::theme::FileContent;

/// What a rebuild came to.
#[derive(Debug)]
pub enum RebuildOutcome {
    /// The new files are served.
    Rebuilt(Update),
    /// The rebuild failed for these problems; the last good files are still served.
    Failed(Vec<Diagnostic>),
}

/// The files of a successful rebuild.
#[derive(Debug)]
pub struct Update {
    /// The whole new set of files.
    pub files: Arc<Files>,
    /// The output paths whose bytes changed, were added or are gone; after an asset edit, the
    /// feed and the finder's index too, whose bytes are made when they are asked for.
    pub changed: Vec<String>,
    /// How many files were made again.
    pub made: usize,
    /// Problems that did not stop the rebuild.
    pub warnings: Vec<Diagnostic>,
}

/// The loaded site and its files.
pub struct Live {
    root: PathBuf,
    options: SiteOptions,
    loaded: Loaded,
    /// The date the coverage report is measured for.
    today: Date,
    /// The coverage report, measured again when it is asked for after a successful rebuild.
    coverage: Coverage,
    files: Arc<Files>,
    /// The last rebuild failed, so the model may hold part of an edit: load everything next.
    broken: bool,
}

impl Live {
    /// Loads the site at `root` and makes every file, adding the warnings or every problem to
    /// `problems`; `None` when there is an error.
    pub fn load(
        root: PathBuf,
        options: SiteOptions,
        today: Date,
        problems: &mut Problems,
    ) -> Option<Live> {
        let loaded = build::load_dated(&root, &options, today, problems)?;
        if problems.has_errors() {
            return None;
        }
        let coverage = coverage::measure(&loaded.site, today);
        let frame = frame(&root, &loaded, &coverage);
        let made = make_files(
            &root,
            &loaded,
            &coverage,
            &Files::against(&frame),
            &Fresh::everything(),
            problems,
        );
        let (files, _, _) = made?;
        Some(Live {
            root,
            options,
            loaded,
            today,
            coverage,
            files: Arc::new(files),
            broken: false,
        })
    }

    /// The files served now.
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// Rebuilds what `batch` touched; on failure the last good files stay.
    pub fn rebuild(&mut self, batch: &Batch) -> RebuildOutcome {
        let mut problems = Problems::default();
        let whole = self.broken || batch.full || self.leads_nowhere(batch);
        let fresh = if whole || batch.gone.iter().any(|p| self.knows(p)) {
            self.reload(&mut problems)
        } else {
            self.update(batch, &mut problems)
        };
        let made = match fresh {
            Some(fresh) if !problems.has_errors() => self.make(&fresh, &mut problems),
            _ => None,
        };
        self.broken = made.is_none();
        let edited = !whole && !batch.assets.is_empty();
        let made = made.map(|(files, mut changed, count)| {
            if edited {
                changed.extend(self.listing_every_asset());
                changed.sort_unstable();
            }
            (files, changed, count)
        });
        self.swap(made, problems)
    }

    /// Measures the coverage report again and makes the files made from every asset — the
    /// report's, the feed, the finder's index — after a successful rebuild, which kept them as
    /// they were.
    pub fn refresh_site_wide(&mut self) -> RebuildOutcome {
        self.coverage = coverage::measure(&self.loaded.site, self.today);
        let mut problems = Problems::default();
        let search = SearchIndex::new(&self.loaded.site);
        // A shard or a file of records that came or went changes the set of paths.
        let moved = !search.paths().eq(self.loaded.search.paths());
        self.loaded.search = search;
        if moved {
            self.plan(&mut problems);
        }
        let fresh = Fresh {
            site_wide: true,
            generated: moved,
            ..Fresh::default()
        };
        let made = if problems.has_errors() {
            None
        } else {
            self.make(&fresh, &mut problems)
        };
        self.swap(made, problems)
    }

    /// The paths of the files an asset edit leaves to be made when asked for, whose pages
    /// reload: the feed and the first file of the finder's index, which the finder reads.
    fn listing_every_asset(&self) -> impl Iterator<Item = String> + '_ {
        [crate::feed::FEED.to_string(), SearchIndex::facets_path()]
            .into_iter()
            .filter(|path| self.loaded.outputs.contains(path))
    }

    /// The new set of files, `fresh` ones made again; `None` when one could not be made.
    fn make(&self, fresh: &Fresh, problems: &mut Problems) -> Option<(Files, Vec<String>, usize)> {
        make_files(
            &self.root,
            &self.loaded,
            &self.coverage,
            &self.files,
            fresh,
            problems,
        )
    }

    /// Serves the files made, or tells why they could not be: `problems` holds the warnings,
    /// or what stopped the rebuild.
    fn swap(
        &mut self,
        made: Option<(Files, Vec<String>, usize)>,
        problems: Problems,
    ) -> RebuildOutcome {
        match made {
            Some((files, changed, made)) => {
                self.files = Arc::new(files);
                RebuildOutcome::Rebuilt(Update {
                    files: self.files(),
                    changed,
                    made,
                    warnings: problems.into_vec(),
                })
            }
            None => RebuildOutcome::Failed(problems.into_vec()),
        }
    }

    /// Whether an asset of `batch` is a symbolic link that leads nowhere or to itself: loading
    /// everything reports it, as a build does, where reading the one asset would take it for
    /// removed.
    fn leads_nowhere(&self, batch: &Batch) -> bool {
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
        self.loaded = build::load_dated(&self.root, &self.options, self.today, problems)?;
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
            self.loaded.renderer = self.new_renderer(problems)?;
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
