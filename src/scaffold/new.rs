//! `stepwise new`: one more asset of a kind, at `content/<kind's folder>/<slug>.md`, with every
//! field of its kind present and explained in a comment, in the front-matter style most of the
//! site's assets use, and a body that says what to write. The file builds as it is.

use std::io::{BufRead, BufReader};
use std::path::Path;

use super::files::{NewFile, already_there, write_all};
use super::{fill, list, text, yaml};
use crate::build::load_config;
use crate::config::{Config, KindConfig};
use crate::content::front_matter::FrontMatterFormat;
use crate::content::walk;
use crate::coverage::Date;
use crate::diagnostics::{Diagnostic, Problems, suggestion};
use crate::kinds::Schema;
use crate::slug::slugify;

/// The asset to write.
#[derive(Debug, Clone)]
pub struct NewAsset {
    /// The slug of its kind.
    pub kind: String,
    /// Its title, which also gives its file name.
    pub title: String,
    /// The steps it serves; none for the steps that expect its kind.
    pub steps: Vec<String>,
    /// The stakeholders it speaks to.
    pub stakeholders: Vec<String>,
}

/// Writes the asset into the site at `root`, reviewed on `today`; gives its path in the site.
/// Every problem (an unknown kind, step or stakeholder, a file already there) is added to
/// `problems` at once, and nothing is written then.
pub fn new(root: &Path, asset: &NewAsset, today: Date, problems: &mut Problems) -> Option<String> {
    let (config, _) = load_config(root, problems)?;
    let kind = find_kind(&config, &asset.kind, problems);
    check_known(
        "step",
        &asset.steps,
        config.steps.iter().map(|s| s.slug.get_ref().as_str()),
        problems,
    );
    let stakeholders = config
        .stakeholders
        .iter()
        .map(|s| s.slug.get_ref().as_str());
    check_known("stakeholder", &asset.stakeholders, stakeholders, problems);
    let slug = slugify(&asset.title);
    if slug.is_empty() {
        problems.push(
            Diagnostic::plain(format!("the title `{}` makes no file name", asset.title)).with_help(
                "give a title with letters or digits, such as \"Measuring your baseline\"",
            ),
        );
    }
    let (Some(kind), false) = (kind, problems.has_errors()) else {
        return None;
    };
    let path = format!("content/{}/{slug}.md", slugify(kind.plural.get_ref()));
    let text = Written {
        config: &config,
        kind,
        asset,
        slug: &slug,
        today,
    }
    .text(site_style(root));
    let file = NewFile::text(path.clone(), text);
    let files = [file];
    let help = "give the new asset another title, or edit the file that is there";
    let taken = already_there(root, &files, help);
    if !taken.is_empty() {
        problems.extend(taken);
        return None;
    }
    write_all(root, &files)
        .map_err(|problem| problems.push(problem))
        .ok()?;
    Some(path)
}

/// The kind of `slug`, or an error with the closest declared kind.
fn find_kind<'a>(
    config: &'a Config,
    slug: &str,
    problems: &mut Problems,
) -> Option<&'a KindConfig> {
    let kind = config.kinds.iter().find(|kind| kind.slug.get_ref() == slug);
    if kind.is_none() {
        problems.push(
            Diagnostic::plain(format!("unknown kind `{slug}`")).with_help(suggestion(
                slug,
                "kind",
                config.kind_slugs(),
            )),
        );
    }
    kind
}

/// An error for each of `wanted` that is not among the `declared` slugs.
fn check_known<'a>(
    what: &str,
    wanted: &[String],
    declared: impl Iterator<Item = &'a str> + Clone,
    problems: &mut Problems,
) {
    for slug in wanted
        .iter()
        .filter(|slug| !declared.clone().any(|d| d == slug.as_str()))
    {
        problems.push(
            Diagnostic::plain(format!("unknown {what} `{slug}`")).with_help(suggestion(
                slug,
                what,
                declared.clone(),
            )),
        );
    }
}

/// The front-matter style most assets of the site use; TOML for a site without assets.
fn site_style(root: &Path) -> FrontMatterFormat {
    let files = walk::list(&root.join("content"), &mut Problems::default());
    let yaml = files
        .markdown
        .iter()
        .filter(|path| first_line(path).is_some_and(|line| line.trim_end() == "---"))
        .count();
    if yaml * 2 > files.markdown.len() {
        FrontMatterFormat::Yaml
    } else {
        FrontMatterFormat::Toml
    }
}

fn first_line(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    BufReader::new(file).lines().next()?.ok()
}

/// What goes into the new file.
struct Written<'a> {
    config: &'a Config,
    kind: &'a KindConfig,
    asset: &'a NewAsset,
    slug: &'a str,
    today: Date,
}

impl Written<'_> {
    /// The whole file, its front matter in `format`.
    fn text(&self, format: FrontMatterFormat) -> String {
        let template = match Schema::of(self.kind) {
            Some(schema) => text(&format!("new/{}.md", schema.name())),
            None => text("new/asset.md"),
        };
        let (table, body) = template.split_once("+++\n").unwrap_or(("", template));
        let toml = format!("{}{}", text("new/front-matter.toml"), self.table(table));
        let front_matter = self.fill(&toml);
        match format {
            FrontMatterFormat::Toml => format!("+++\n{front_matter}+++\n{body}"),
            FrontMatterFormat::Yaml => {
                format!("---\n{}---\n{body}", yaml::from_toml(&front_matter))
            }
        }
    }

    /// The kind's table, with a blank line before it; its `owner` lines commented out when the
    /// site has no stakeholder to name.
    fn table(&self, table: &str) -> String {
        if table.is_empty() {
            return String::new();
        }
        let table = if self.stakeholder().is_none() {
            table.replace("owner = \"{{stakeholder}}\"", "# owner = \"…\"")
        } else {
            table.to_string()
        };
        format!("\n{table}")
    }

    /// The stakeholder the examples of owners name: the first given, or the site's first.
    fn stakeholder(&self) -> Option<&str> {
        (self.asset.stakeholders.first().map(String::as_str)).or_else(|| {
            self.config
                .stakeholders
                .first()
                .map(|s| s.slug.get_ref().as_str())
        })
    }

    fn fill(&self, template: &str) -> String {
        let steps = self.steps();
        let declared = |slugs: Vec<&str>| list(&slugs).trim_matches(['[', ']']).to_string();
        let all_steps = declared(
            self.config
                .steps
                .iter()
                .map(|s| s.slug.get_ref().as_str())
                .collect(),
        );
        let all_stakeholders = declared(
            self.config
                .stakeholders
                .iter()
                .map(|s| s.slug.get_ref().as_str())
                .collect(),
        );
        let stakeholders: Vec<&str> = self.asset.stakeholders.iter().map(String::as_str).collect();
        let values = [
            ("kinds", declared(self.config.kind_slugs().collect())),
            ("kind", self.kind.slug.get_ref().clone()),
            ("table", self.kind.slug.get_ref().clone()),
            ("steps", list(&steps)),
            ("all_steps", all_steps),
            ("stakeholders", list(&stakeholders)),
            ("all_stakeholders", all_stakeholders),
            (
                "stakeholder",
                self.stakeholder().unwrap_or_default().to_string(),
            ),
            ("currency", self.config.currency.get_ref().clone()),
            ("today", self.today.to_string()),
            ("slug", self.slug.to_string()),
            // Last, so that nothing in the title is taken for a placeholder.
            (
                "title",
                toml::Value::String(self.asset.title.clone()).to_string(),
            ),
        ];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &values)
    }

    /// The steps given, or else the steps that expect the kind, or else the first step.
    fn steps(&self) -> Vec<&str> {
        if !self.asset.steps.is_empty() {
            return self.asset.steps.iter().map(String::as_str).collect();
        }
        let kind = self.kind.slug.get_ref();
        let expecting: Vec<&str> = (self.config.steps.iter())
            .filter(|step| {
                step.expects
                    .iter()
                    .any(|expected| expected.get_ref() == kind)
            })
            .map(|step| step.slug.get_ref().as_str())
            .collect();
        match expecting.is_empty() {
            true => self
                .config
                .steps
                .iter()
                .take(1)
                .map(|s| s.slug.get_ref().as_str())
                .collect(),
            false => expecting,
        }
    }
}
