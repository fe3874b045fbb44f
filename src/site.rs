//! The site model: the journey, kinds and stakeholders of the configuration joined with the
//! loaded assets. Building it validates every reference (with "did you mean") and every output
//! path, and fixes the order of everything: weight, then title.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Asset, Located};
use crate::diagnostics::{Diagnostic, Source, suggestion};
use crate::markdown;

/// URL folders that stepwise uses itself; no kind may publish its assets there.
const RESERVED_FOLDERS: &[&str] = &["steps", "kinds", "stakeholders"];

/// The whole site, resolved and ordered, ready to render.
#[derive(Debug)]
pub struct Site {
    /// The configuration it was built from.
    pub config: Config,
    /// The absolute address of the site, ending with `/`.
    pub base_url: String,
    /// The path prefix of every link, starting and ending with `/`.
    pub root: String,
    /// The journey, in order.
    pub steps: Vec<Step>,
    /// The kinds of asset, in configured order.
    pub kinds: Vec<Kind>,
    /// The stakeholders, in configured order.
    pub stakeholders: Vec<Stakeholder>,
    /// The published assets, ordered by weight, then title.
    pub assets: Vec<SiteAsset>,
}

/// A step of the journey with the assets that serve it.
#[derive(Debug)]
pub struct Step {
    /// The identifier.
    pub slug: String,
    /// Its place in the journey, from 1.
    pub number: usize,
    /// The link to its page.
    pub url: String,
    /// The description, rendered from Markdown.
    pub description_html: String,
    /// Indexes into [`Site::assets`], in order.
    pub assets: Vec<usize>,
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
    /// Indexes into [`Site::assets`], in order.
    pub assets: Vec<usize>,
}

/// A stakeholder with the assets that speak to them.
#[derive(Debug)]
pub struct Stakeholder {
    /// The identifier.
    pub slug: String,
    /// The link to its listing.
    pub url: String,
    /// Indexes into [`Site::assets`], in order.
    pub assets: Vec<usize>,
}

/// An asset with its references resolved to indexes.
#[derive(Debug)]
pub struct SiteAsset {
    /// The asset as loaded.
    pub asset: Asset,
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

/// What the site is built with beyond its files.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Replaces `base_url` of the configuration, e.g. for a preview deployment.
    pub base_url: Option<String>,
    /// Publishes assets marked `draft = true`.
    pub drafts: bool,
}

impl Site {
    /// Joins configuration and assets; every broken reference and clash is reported at once.
    pub fn new(
        config: Config,
        config_source: &Source,
        assets: Vec<Asset>,
        options: &SiteOptions,
    ) -> Result<Site, Vec<Diagnostic>> {
        let base_url = with_trailing_slash(
            options
                .base_url
                .as_deref()
                .unwrap_or(config.base_url.get_ref()),
        );
        let root = url_path(&base_url);
        let mut problems = Vec::new();
        let kinds = kinds(&config, config_source, &root, &mut problems);
        let mut site = Site {
            steps: steps(&config, &root),
            stakeholders: stakeholders(&config, &root),
            kinds,
            assets: Vec::new(),
            base_url,
            root,
            config,
        };
        let resolved: Vec<(Option<SiteAsset>, Vec<Diagnostic>)> = assets
            .into_par_iter()
            .map(|asset| site.resolve(asset))
            .collect();
        let mut published = Vec::with_capacity(resolved.len());
        for (asset, found) in resolved {
            published.extend(asset.filter(|resolved| options.drafts || !resolved.asset.draft));
            problems.extend(found);
        }
        published.par_sort_unstable_by(|a, b| {
            (a.asset.weight, &a.asset.title, &a.asset.path).cmp(&(
                b.asset.weight,
                &b.asset.title,
                &b.asset.path,
            ))
        });
        problems.extend(clashing_folders(&published));
        if !problems.is_empty() {
            return Err(problems);
        }
        site.assets = published;
        site.index_assets();
        Ok(site)
    }

    /// The absolute address of a root-relative link made by [`Site`].
    pub fn permalink(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            url.strip_prefix(&self.root).unwrap_or(url)
        )
    }

    /// The asset with its references resolved, or the problems with them.
    fn resolve(&self, asset: Asset) -> (Option<SiteAsset>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let kind_slugs = self.config.kind_slugs();
        let kind = find(
            &asset.kind,
            "kind",
            kind_slugs,
            &asset.source,
            &mut problems,
        );
        let step_slugs = self.steps.iter().map(|step| step.slug.as_str());
        let mut steps: Vec<usize> = asset
            .steps
            .iter()
            .filter_map(|step| {
                find(
                    step,
                    "step",
                    step_slugs.clone(),
                    &asset.source,
                    &mut problems,
                )
            })
            .collect();
        let stakeholder_slugs = self.stakeholders.iter().map(|s| s.slug.as_str());
        let mut stakeholders: Vec<usize> = asset
            .stakeholders
            .iter()
            .filter_map(|s| {
                find(
                    s,
                    "stakeholder",
                    stakeholder_slugs.clone(),
                    &asset.source,
                    &mut problems,
                )
            })
            .collect();
        let Some(kind) = kind.filter(|_| problems.is_empty()) else {
            return (None, problems);
        };
        steps.sort_unstable();
        steps.dedup();
        stakeholders.sort_unstable();
        stakeholders.dedup();
        let folder = format!("{}/{}", self.kinds[kind].folder, asset.slug.value);
        let resolved = SiteAsset {
            url: format!("{}{folder}/", self.root),
            folder,
            kind,
            steps,
            stakeholders,
            asset,
        };
        (Some(resolved), problems)
    }

    fn index_assets(&mut self) {
        for (index, resolved) in self.assets.iter().enumerate() {
            self.kinds[resolved.kind].assets.push(index);
            for &step in &resolved.steps {
                self.steps[step].assets.push(index);
            }
            for &stakeholder in &resolved.stakeholders {
                self.stakeholders[stakeholder].assets.push(index);
            }
        }
    }
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

fn clashing_folders(assets: &[SiteAsset]) -> Vec<Diagnostic> {
    let mut first_by_folder: HashMap<&str, &SiteAsset> = HashMap::new();
    let mut problems = Vec::new();
    for resolved in assets {
        match first_by_folder.get(resolved.folder.as_str()) {
            Some(first) => problems.push(
                Diagnostic::error(
                    &resolved.asset.source,
                    resolved.asset.slug.span.clone(),
                    format!("two assets would be published at `{}`", resolved.url),
                )
                .with_related(
                    &first.asset.source,
                    first.asset.slug.span.clone(),
                    "the other asset with this slug",
                )
                .with_help(
                    "give one of them another `slug` in its front matter, or rename its file",
                ),
            ),
            None => {
                first_by_folder.insert(&resolved.folder, resolved);
            }
        }
    }
    problems
}

fn steps(config: &Config, root: &str) -> Vec<Step> {
    config
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| Step {
            slug: step.slug.get_ref().clone(),
            number: index + 1,
            url: format!("{root}steps/{}/", step.slug.get_ref()),
            description_html: markdown::render_inline(&step.description),
            assets: Vec::new(),
        })
        .collect()
}

fn kinds(
    config: &Config,
    source: &Source,
    root: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = Vec::with_capacity(config.kinds.len());
    for kind in &config.kinds {
        let folder = markdown::slugify(&kind.plural);
        if RESERVED_FOLDERS.contains(&folder.as_str()) || kinds.iter().any(|k| k.folder == folder) {
            problems.push(
                Diagnostic::error(
                    source,
                    kind.slug.span(),
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

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// The path part of an address: `https://example.com/guide/` gives `/guide/`.
fn url_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = if base_url.contains("://") {
        without_scheme
            .find('/')
            .map_or("/", |slash| &without_scheme[slash..])
    } else {
        without_scheme
    };
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    with_trailing_slash(&path)
}
