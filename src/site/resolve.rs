//! Joining the configuration and the loaded assets into a [`Site`]: each asset's kind, steps
//! and stakeholders found among the declared ones (with "did you mean"), its kind's table read
//! by the kind's schema, and each kind's folder checked free.

use foldhash::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::address;
use crate::config::Config;
use crate::content::{Asset, Assets, Located, Unloaded, walk};
use crate::diagnostics::{Diagnostic, Problems, Source, did_you_mean, suggestion};
use crate::kinds::{self, KindData};
use crate::markdown;
use crate::slug::slugify;

use super::{AssetKind, FINDER_FOLDER, Placement, Site, SiteAsset, SiteOptions, Stakeholder, Step};

/// URL folders that stepwise uses itself; no kind may publish its assets there.
const RESERVED_FOLDERS: &[&str] = &["steps", "kinds", "stakeholders", "coverage", FINDER_FOLDER];

/// An asset resolved into the site, or given back when it has errors.
type Resolution = Result<Box<SiteAsset>, Box<Asset>>;

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
            assets: HashMap::with_capacity_and_hasher(assets.loaded.len(), Default::default()),
            order: Vec::new(),
            drafts: HashMap::default(),
            publish_drafts: options.drafts,
            targets: Arc::default(),
            failed: assets.unloaded,
            base_url,
            root,
            config,
        };
        // Each asset is boxed as it is resolved, so the list of results holds only pointers.
        let (resolved, found): (Vec<Resolution>, Vec<Problems>) = (assets.loaded.into_par_iter())
            .map(|asset| {
                let mut found = Problems::default();
                let resolved = site.resolve(asset, &mut found).map(Box::new);
                (resolved, found)
            })
            .unzip();
        problems.extend(found.into_iter().flat_map(Problems::into_vec));
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
        // Ordering the assets and gathering what links can name only read the site: done side
        // by side.
        let failed = site.failed.iter().map(|file| file.id.clone());
        let (index, targets) = rayon::join(|| site.index(), || site.all_targets(failed));
        site.set_index(index);
        site.targets = Arc::new(targets);
        site.link_all(problems);
        site.check_links_of(&unresolved, problems);
        site.link_testimonials(None, problems);
        Some(site)
    }

    /// The asset with its references resolved, or the asset back when it has errors; the
    /// problems found either way are added to `problems`. Its kind's table is read whenever its
    /// kind is known, so a wrong step does not hide a wrong value.
    pub(super) fn resolve(
        &self,
        mut asset: Asset,
        problems: &mut Problems,
    ) -> Result<SiteAsset, Box<Asset>> {
        let errors_before = problems.error_count();
        let source = &asset.source;
        let kind = find(
            &asset.kind,
            "kind",
            self.kinds.iter().map(|k| k.slug.as_str()),
            source,
            problems,
        );
        let mut steps = find_all(
            &asset.steps,
            "step",
            self.steps.iter().map(|s| s.slug.as_str()),
            source,
            problems,
        );
        let mut stakeholders = find_all(
            &asset.stakeholders,
            "stakeholder",
            self.stakeholders.iter().map(|s| s.slug.as_str()),
            source,
            problems,
        );
        let Some((kind, of_kind)) = kind.and_then(|at| Some((at, self.kinds.get(at)?))) else {
            return Err(Box::new(asset));
        };
        report_unknown_tables(&asset, &of_kind.slug, problems);
        let data = self.read_data(&mut asset, kind, problems);
        if problems.error_count() > errors_before {
            return Err(Box::new(asset));
        }
        steps.sort_unstable();
        steps.dedup();
        stakeholders.sort_unstable();
        stakeholders.dedup();
        let folder = format!("{}/{}", of_kind.folder, asset.slug.value);
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
        Ok(resolved)
    }

    /// Reads the table of the asset's kind (the `kind`th) by the kind's schema, taking the
    /// files it reads out of the asset's attachments; its problems are added to `problems`.
    fn read_data(&self, asset: &mut Asset, kind: usize, problems: &mut Problems) -> KindData {
        let schema = self.kinds.get(kind).and_then(|kind| kind.schema);
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
            problems,
        );
        asset.attachments = bundle.files;
        read
    }
}

/// Finds each slug among the declared ones; unknown ones are reported.
fn find_all<'a>(
    wanted: &[Located<String>],
    what: &str,
    declared: impl Iterator<Item = &'a str> + Clone,
    source: &Source,
    problems: &mut Problems,
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
    problems: &mut Problems,
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

/// Reports the tables of an asset's front matter that are not its kind's (`kind`) as unknown
/// keys.
fn report_unknown_tables(asset: &Asset, kind: &str, problems: &mut Problems) {
    for table in &asset.other_tables {
        let help = match did_you_mean(&table.value, [kind, "extra"]) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the table of this asset's kind is `[{kind}]`"),
        };
        problems.push(
            Diagnostic::error(
                &asset.source,
                table.span.clone(),
                format!("unknown key `{}` in the front matter", table.value),
            )
            .with_help(help),
        );
    }
}

fn steps(config: &Config, root: &str) -> Vec<Step> {
    let last = config.steps.len().saturating_sub(1);
    config
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| Step {
            slug: step.slug.get_ref().clone(),
            title: step.title.clone(),
            question: step.question.clone(),
            hidden: step.hidden,
            exit: step.exit.clone(),
            close: (step.close.clone())
                .or_else(|| (index == last).then(|| config.call_to_action.clone())?),
            expects: (step.expects.iter())
                .map(|kind| kind.get_ref().clone())
                .collect(),
            number: index + 1,
            url: format!("{root}steps/{}/", step.slug.get_ref()),
            description_html: markdown::render_inline(step.description.get_ref()),
            assets: Vec::new(),
        })
        .collect()
}

fn kinds(config: &Config, source: &Source, root: &str, problems: &mut Problems) -> Vec<AssetKind> {
    let mut kinds: Vec<AssetKind> = Vec::with_capacity(config.kinds.len());
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
        kinds.push(AssetKind {
            slug: kind.slug.get_ref().clone(),
            title: kind.title.clone(),
            plural: kind.plural.get_ref().clone(),
            template: kind.template.as_ref().map(|name| name.get_ref().clone()),
            schema: kinds::Schema::of(kind),
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
            title: stakeholder.title.clone(),
            description: stakeholder.description.clone(),
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
