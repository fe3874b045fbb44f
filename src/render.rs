//! Rendering the site model through Tera templates. Each page gets a context proportional to
//! what it shows: the journey, kinds and stakeholders sit once in Tera's global context, and each
//! asset's summary is built once and shared (by reference count) by every listing that shows it.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::config::{CallToAction, StepConfig};
use crate::diagnostics::{Diagnostic, line_offset};
use crate::site::{Site, SiteAsset, Step};
use crate::theme::Theme;

/// One page of the site.
#[derive(Debug, Clone, Copy)]
pub enum Page {
    /// The journey overview, `/`.
    Index,
    /// A step's page, by index into [`Site::steps`].
    Step(usize),
    /// An asset's page, by index into [`Site::assets`].
    Asset(usize),
    /// A kind's listing, by index into [`Site::kinds`].
    Kind(usize),
    /// A stakeholder's listing, by index into [`Site::stakeholders`].
    Stakeholder(usize),
    /// The page for addresses that do not exist.
    NotFound,
}

impl Page {
    /// What kind of page it is, as templates see it in `page.type`.
    pub fn type_name(self) -> &'static str {
        match self {
            Page::Index => "index",
            Page::Step(_) => "step",
            Page::Asset(_) => "asset",
            Page::Kind(_) => "kind",
            Page::Stakeholder(_) => "stakeholder",
            Page::NotFound => "404",
        }
    }

    /// The root-relative link to the page.
    pub fn url(self, site: &Site) -> String {
        match self {
            Page::Index => site.root.clone(),
            Page::NotFound => format!("{}404.html", site.root),
            Page::Step(i) => site.steps[i].url.clone(),
            Page::Asset(i) => site.assets[i].url.clone(),
            Page::Kind(i) => site.kinds[i].url.clone(),
            Page::Stakeholder(i) => site.stakeholders[i].url.clone(),
        }
    }

    /// Where the page is written, relative to the output folder: a link ending in `/` is an
    /// `index.html` in that folder.
    pub fn output_path(self, site: &Site) -> String {
        let url = self.url(site);
        let path = url.strip_prefix(&site.root).unwrap_or(&url);
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }
}

/// Every page of a site, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Index, Page::NotFound];
    pages.extend((0..site.steps.len()).map(Page::Step));
    pages.extend((0..site.kinds.len()).map(Page::Kind));
    pages.extend((0..site.stakeholders.len()).map(Page::Stakeholder));
    pages.extend((0..site.assets.len()).map(Page::Asset));
    pages
}

/// Templates compiled once, and the values that many pages share.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    tera: Tera,
    steps: Vec<Value>,
    kinds: Vec<Value>,
    stakeholders: Vec<Value>,
    links: Links,
    summaries: Vec<Value>,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates and prepares the shared values of the site.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, source)| (name.as_str(), &*source.text)),
        )
        .map_err(|error| vec![template_error(theme, &error)])?;
        let steps: Vec<Value> = (0..site.steps.len())
            .map(|i| Value::from_serializable(&step_view(site, i)))
            .collect();
        let kinds: Vec<Value> = (0..site.kinds.len())
            .map(|i| Value::from_serializable(&kind_view(site, i)))
            .collect();
        let stakeholders: Vec<Value> = (0..site.stakeholders.len())
            .map(|i| Value::from_serializable(&stakeholder_view(site, i)))
            .collect();
        let links = Links::new(site);
        let summaries = site
            .assets
            .par_iter()
            .map(|asset| links.summary(asset))
            .collect();
        let globals = tera.global_context();
        globals.insert("site", &site_view(site));
        globals.insert_value("journey", Value::from(steps.clone()));
        globals.insert_value("kinds", Value::from(kinds.clone()));
        globals.insert_value("stakeholders", Value::from(stakeholders.clone()));
        Ok(Renderer {
            site,
            theme,
            tera,
            steps,
            kinds,
            stakeholders,
            links,
            summaries,
        })
    }

    /// Renders one page into `out` (which is cleared first).
    pub fn render(&self, page: Page, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        out.clear();
        let (template, context) = self.context(page);
        self.tera
            .render_to(template, &context, out)
            .map_err(|error| template_error(self.theme, &error))
    }

    fn context(&self, page: Page) -> (&str, Context) {
        let site = self.site;
        let config = &site.config;
        let mut context = Context::new();
        let (template, title, description, step) = match page {
            Page::Index => {
                context.insert_value("start", self.steps[0].clone());
                (
                    "index.html",
                    config.title.as_str(),
                    config.description.as_str(),
                    None,
                )
            }
            Page::NotFound => (
                "404.html",
                "Page not found",
                config.description.as_str(),
                None,
            ),
            Page::Step(i) => {
                self.step_context(i, &mut context);
                let step = &config.steps[i];
                (
                    "step.html",
                    step.title.as_str(),
                    step.question.as_str(),
                    Some(i),
                )
            }
            Page::Kind(i) => {
                context.insert_value("kind", self.kinds[i].clone());
                context.insert_value("groups", self.groups_by_step(&site.kinds[i].assets));
                let plural = config.kinds[i].plural.as_str();
                ("kind.html", plural, plural, None)
            }
            Page::Stakeholder(i) => {
                context.insert_value("stakeholder", self.stakeholders[i].clone());
                context.insert_value("groups", self.groups_by_step(&site.stakeholders[i].assets));
                let stakeholder = &config.stakeholders[i];
                (
                    "stakeholder.html",
                    stakeholder.title.as_str(),
                    stakeholder.description.as_str(),
                    None,
                )
            }
            Page::Asset(i) => {
                context.insert_value("asset", self.asset_value(i));
                let asset = &site.assets[i];
                let template = config.kinds[asset.kind].template();
                (
                    template,
                    asset.asset.title.as_str(),
                    asset.asset.summary.as_str(),
                    asset.steps.first().copied(),
                )
            }
        };
        let url = page.url(site);
        let view = PageView {
            r#type: page.type_name(),
            title,
            permalink: site.permalink(&url),
            url,
            description,
            step: step.map(|s| self.steps[s].clone()),
        };
        context.insert("page", &view);
        (template, context)
    }

    /// An asset's page data: its summary, with the details only its own page shows.
    fn asset_value(&self, i: usize) -> Value {
        let asset = &self.site.assets[i];
        let mut value = self.summaries[i].as_map().cloned().unwrap_or_default();
        let details = Value::from_serializable(&AssetDetails {
            slug: &asset.asset.slug.value,
            steps: self.links.steps_with_next(asset),
            content: &asset.asset.content,
            data: &asset.asset.data,
            extra: &asset.asset.extra,
            attachments: attachments(asset),
        });
        value.extend(details.into_map().unwrap_or_default());
        Value::from(value)
    }

    fn step_context(&self, i: usize, context: &mut Context) {
        let site = self.site;
        context.insert_value("step", self.steps[i].clone());
        context.insert_value(
            "previous",
            i.checked_sub(1).map(|p| self.steps[p].clone()).into(),
        );
        context.insert_value("next", self.steps.get(i + 1).cloned().into());
        let groups: Vec<Value> = site
            .kinds
            .iter()
            .enumerate()
            .filter_map(|(k, _)| {
                let assets: Vec<Value> = site.steps[i]
                    .assets
                    .iter()
                    .filter(|&&a| site.assets[a].kind == k)
                    .map(|&a| self.summaries[a].clone())
                    .collect();
                (!assets.is_empty()).then(|| group("kind", self.kinds[k].clone(), assets))
            })
            .collect();
        context.insert_value("groups", Value::from(groups));
    }

    /// The given assets grouped under each step they serve, in journey order.
    fn groups_by_step(&self, assets: &[usize]) -> Value {
        let mut by_step: Vec<Vec<Value>> = vec![Vec::new(); self.site.steps.len()];
        for &a in assets {
            for &s in &self.site.assets[a].steps {
                by_step[s].push(self.summaries[a].clone());
            }
        }
        let groups: Vec<Value> = by_step
            .into_iter()
            .enumerate()
            .filter(|(_, assets)| !assets.is_empty())
            .map(|(s, assets)| group("step", self.steps[s].clone(), assets))
            .collect();
        Value::from(groups)
    }
}

fn group(key: &'static str, heading: Value, assets: Vec<Value>) -> Value {
    let mut map = tera::Map::new();
    map.insert(key.into(), heading);
    map.insert("assets".into(), Value::from(assets));
    Value::from(map)
}

/// Turns a Tera error into a diagnostic that points into the template's file.
fn template_error(theme: &Theme, error: &tera::Error) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => report,
        other => {
            // Tera has already rendered these as reports that name the template, line and column.
            let text = other.to_string();
            return Diagnostic::plain(text.strip_prefix("error: ").unwrap_or(&text).trim_end())
                .with_help(
                    "fix the template named after `-->`, in the site's or the theme's `templates/`",
                );
        }
    };
    let Some(source) = theme.templates.get(report.filename()) else {
        return Diagnostic::plain(format!(
            "template error in `{}`: {}",
            report.filename(),
            report.message()
        ));
    };
    let span = report.span();
    let start = line_offset(&source.text, span.start_line, span.start_col);
    let end = line_offset(&source.text, span.end_line, span.end_col).max(start);
    Diagnostic::error(
        source,
        start..end,
        format!("template error: {}", report.message()),
    )
    .with_help("fix the template; the Tera documentation describes its syntax")
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    root: &'a str,
    language: &'a str,
    generator: String,
    call_to_action: Option<&'a CallToAction>,
}

fn site_view(site: &Site) -> SiteView<'_> {
    let config = &site.config;
    SiteView {
        title: &config.title,
        description: &config.description,
        base_url: &site.base_url,
        root: &site.root,
        language: &config.language,
        generator: format!("stepwise {}", env!("CARGO_PKG_VERSION")),
        call_to_action: config.call_to_action.as_ref(),
    }
}

#[derive(Serialize)]
struct PageView<'a> {
    r#type: &'static str,
    title: &'a str,
    url: String,
    permalink: String,
    description: &'a str,
    /// The journey step the page belongs to, for the journey path to highlight.
    step: Option<Value>,
}

#[derive(Serialize)]
struct StepView<'a> {
    slug: &'a str,
    number: usize,
    title: &'a str,
    question: &'a str,
    description: &'a str,
    exit: &'a str,
    hidden: bool,
    url: &'a str,
    count: usize,
    expects: Vec<&'a str>,
}

fn step_view(site: &Site, i: usize) -> StepView<'_> {
    let (step, config) = (&site.steps[i], &site.config.steps[i]);
    StepView {
        slug: &step.slug,
        number: step.number,
        title: &config.title,
        question: &config.question,
        description: &step.description_html,
        exit: &config.exit,
        hidden: config.hidden,
        url: &step.url,
        count: step.assets.len(),
        expects: config
            .expects
            .iter()
            .map(|kind| kind.get_ref().as_str())
            .collect(),
    }
}

#[derive(Serialize)]
struct KindView<'a> {
    slug: &'a str,
    title: &'a str,
    plural: &'a str,
    url: &'a str,
    count: usize,
}

fn kind_view(site: &Site, i: usize) -> KindView<'_> {
    let (kind, config) = (&site.kinds[i], &site.config.kinds[i]);
    KindView {
        slug: &kind.slug,
        title: &config.title,
        plural: &config.plural,
        url: &kind.url,
        count: kind.assets.len(),
    }
}

#[derive(Serialize)]
struct StakeholderView<'a> {
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    url: &'a str,
    count: usize,
}

fn stakeholder_view(site: &Site, i: usize) -> StakeholderView<'_> {
    let (stakeholder, config) = (&site.stakeholders[i], &site.config.stakeholders[i]);
    StakeholderView {
        slug: &stakeholder.slug,
        title: &config.title,
        description: &config.description,
        url: &stakeholder.url,
        count: stakeholder.assets.len(),
    }
}

/// A link to a kind or a stakeholder, as assets show them.
#[derive(Serialize)]
struct Link<'a> {
    slug: &'a str,
    title: &'a str,
    url: &'a str,
}

/// A link to a step, as assets show them.
#[derive(Serialize)]
struct StepLink<'a> {
    slug: &'a str,
    number: usize,
    title: &'a str,
    question: &'a str,
    url: &'a str,
    hidden: bool,
}

/// The links that asset summaries and pages share, built once per site.
struct Links {
    steps: Vec<Value>,
    kinds: Vec<Value>,
    stakeholders: Vec<Value>,
}

impl Links {
    fn new(site: &Site) -> Self {
        let config = &site.config;
        let step = |(step, config): (&Step, &StepConfig)| {
            Value::from_serializable(&StepLink {
                slug: &step.slug,
                number: step.number,
                title: &config.title,
                question: &config.question,
                url: &step.url,
                hidden: config.hidden,
            })
        };
        let link = |slug: &str, title: &str, url: &str| {
            Value::from_serializable(&Link { slug, title, url })
        };
        Links {
            steps: site.steps.iter().zip(&config.steps).map(step).collect(),
            kinds: (site.kinds.iter().zip(&config.kinds))
                .map(|(kind, config)| link(&kind.slug, &config.title, &kind.url))
                .collect(),
            stakeholders: (site.stakeholders.iter().zip(&config.stakeholders))
                .map(|(stakeholder, config)| {
                    link(&stakeholder.slug, &config.title, &stakeholder.url)
                })
                .collect(),
        }
    }

    /// What listings show of an asset.
    fn summary(&self, asset: &SiteAsset) -> Value {
        Value::from_serializable(&SummaryView {
            title: &asset.asset.title,
            url: &asset.url,
            summary: &asset.asset.summary,
            reviewed: asset.asset.reviewed.as_deref(),
            kind: self.kinds[asset.kind].clone(),
            stakeholders: asset
                .stakeholders
                .iter()
                .map(|&s| self.stakeholders[s].clone())
                .collect(),
            steps: asset.steps.iter().map(|&s| self.steps[s].clone()).collect(),
        })
    }

    /// The steps an asset serves, each with the step after it (none after the last).
    fn steps_with_next(&self, asset: &SiteAsset) -> Vec<Value> {
        asset
            .steps
            .iter()
            .map(|&s| {
                let mut step = self.steps[s].as_map().cloned().unwrap_or_default();
                step.insert("next".into(), self.steps.get(s + 1).cloned().into());
                Value::from(step)
            })
            .collect()
    }
}

#[derive(Serialize)]
struct SummaryView<'a> {
    title: &'a str,
    url: &'a str,
    summary: &'a str,
    reviewed: Option<&'a str>,
    kind: Value,
    stakeholders: Vec<Value>,
    steps: Vec<Value>,
}

/// What an asset's page adds to its summary.
#[derive(Serialize)]
struct AssetDetails<'a> {
    slug: &'a str,
    steps: Vec<Value>,
    content: &'a str,
    data: &'a serde_json::Value,
    extra: &'a serde_json::Value,
    attachments: Vec<Attachment>,
}

#[derive(Serialize)]
struct Attachment {
    name: String,
    url: String,
}

fn attachments(asset: &SiteAsset) -> Vec<Attachment> {
    asset
        .asset
        .attachments
        .iter()
        .filter_map(|path| path.file_name())
        .map(|name| {
            let name = name.to_string_lossy().into_owned();
            Attachment {
                url: format!("{}{name}", asset.url),
                name,
            }
        })
        .collect()
}

/// The `sitemap.xml` of the site: every page's absolute address.
pub fn sitemap(site: &Site, pages: &[Page]) -> String {
    let mut urls: Vec<String> = pages
        .iter()
        .filter(|page| !matches!(page, Page::NotFound))
        .map(|page| site.permalink(&page.url(site)))
        .collect();
    urls.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape_xml(&url));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The `robots.txt` of the site, which points crawlers at the sitemap.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.permalink(&format!("{}sitemap.xml", site.root))
    )
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Removes repeated diagnostics: a broken template fails every page that uses it.
pub fn distinct(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    diagnostics
        .into_iter()
        .filter(|d| seen.insert((d.message.clone(), d.location())))
        .collect()
}
