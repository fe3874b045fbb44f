//! Which case study a testimonial's `case_study` names, by content path
//! (`@/case-studies/harbourline.md`) or by slug, and what is wrong when it names none: the rule
//! of the testimonial kind, over any store of assets that can say what each one is
//! ([`NameableAssets`], which the site model gives).

use std::collections::HashMap;

use crate::content::Located;
use crate::diagnostics::{Diagnostic, Problems, Source, did_you_mean};

/// An asset as a testimonial's `case_study` may name it.
#[derive(Debug, Clone, Copy)]
pub struct Nameable<'a> {
    /// Its path under `content/`.
    pub path: &'a str,
    /// Its slug.
    pub slug: &'a str,
    /// The link to its page.
    pub url: &'a str,
    /// The name of its kind, for messages.
    pub kind_title: &'a str,
    /// True when its kind has the case-study schema.
    pub is_case_study: bool,
}

/// The assets a testimonial may name, looked up by their path under `content/`.
pub trait NameableAssets {
    /// The published asset at `path`.
    fn published(&self, path: &str) -> Option<Nameable<'_>>;
    /// The draft at `path` that is not published.
    fn draft(&self, path: &str) -> Option<Nameable<'_>>;
}

/// The case studies a testimonial may name: the published ones by content path and by slug,
/// and the drafts that are not published.
pub struct CaseStudies<'a> {
    assets: &'a dyn NameableAssets,
    by_slug: HashMap<&'a str, Nameable<'a>>,
    drafts_by_slug: HashMap<&'a str, Nameable<'a>>,
}

impl<'a> CaseStudies<'a> {
    /// The case studies among `published` and `drafts`, the assets of `assets`.
    pub fn new(
        assets: &'a dyn NameableAssets,
        published: impl Iterator<Item = Nameable<'a>>,
        drafts: impl Iterator<Item = Nameable<'a>>,
    ) -> Self {
        CaseStudies {
            assets,
            by_slug: case_studies_by_slug(published),
            drafts_by_slug: case_studies_by_slug(drafts),
        }
    }

    /// The URL of the case study `written` names, by content path or slug; `None` when it names
    /// none, with the problem at its place in `source` added to `problems`.
    pub fn url(
        &self,
        written: &Located<String>,
        source: &Source,
        problems: &mut Problems,
    ) -> Option<String> {
        let value = written.value.as_str();
        let (published, draft) = match value.strip_prefix("@/") {
            Some(path) => (self.assets.published(path), self.assets.draft(path)),
            None => (
                self.by_slug.get(value).copied(),
                self.drafts_by_slug.get(value).copied(),
            ),
        };
        let message = match (published, draft) {
            (Some(asset), _) if asset.is_case_study => return Some(asset.url.to_owned()),
            (Some(asset), _) => format!(
                "`{value}` is a {}, not a case study",
                asset.kind_title.to_lowercase()
            ),
            (None, Some(_)) => {
                format!("the case study `{value}` is a draft, which is not published")
            }
            (None, None) if value.starts_with("@/") => format!("`{value}` names no asset"),
            (None, None) => format!("no case study has the slug `{value}`"),
        };
        let help = self.help(value, draft.is_some());
        problems.push(Diagnostic::error(source, written.span.clone(), message).with_help(help));
        None
    }

    /// How to name a published case study: the closest one's content path, or any one's.
    fn help(&self, value: &str, draft: bool) -> String {
        let mut paths: Vec<(String, &str)> = (self.by_slug.values())
            .map(|asset| (format!("@/{}", asset.path), asset.slug))
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

/// The case studies among `assets`, by slug.
fn case_studies_by_slug<'a>(
    assets: impl Iterator<Item = Nameable<'a>>,
) -> HashMap<&'a str, Nameable<'a>> {
    assets
        .filter(|asset| asset.is_case_study)
        .map(|asset| (asset.slug, asset))
        .collect()
}
