//! Rendering the site model through Tera templates. Each page gets a context proportional to
//! what it shows: the journey, kinds and stakeholders sit once in Tera's global context, and each
//! asset's summary is built once and shared (by reference count) by every listing that shows it.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::config::CallToAction;
use crate::diagnostics::{Diagnostic, line_offset};
use crate::site::{Site, SiteAsset};
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

    /// Where a page is written, relative to the output folder.
    pub fn output_path(&self, page: Page) -> String {
        let site = self.site;
        match page {
            Page::Index => "index.html".to_string(),
            Page::NotFound => "404.html".to_string(),
            Page::Step(i) => format!("steps/{}/index.html", site.steps[i].slug),
            Page::Asset(i) => format!("{}/index.html", site.assets[i].folder),
            Page::Kind(i) => format!("kinds/{}/index.html", site.kinds[i].slug),
            Page::Stakeholder(i) => {
                format!("stakeholders/{}/index.html", site.stakeholders[i].slug)
            }
        }
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
        let (template, view) = match page {
            Page::Index => {
                context.insert_value("start", self.steps[0].clone());
                let view = self.page_view("index", &config.title, &site.root, &config.description);
                ("index.html", view)
            }
            Page::NotFound => {
                let url = format!("{}404.html", site.root);
                (
                    "404.html",
                    self.page_view("404", "Page not found", &url, &config.description),
                )
            }
            Page::Step(i) => {
                self.step_context(i, &mut context);
                let step = &config.steps[i];
                let view = self.page_view("step", &step.title, &site.steps[i].url, &step.question);
                (
                    "step.html",
                    PageView {
                        step: Some(self.steps[i].clone()),
                        ..view
                    },
                )
            }
            Page::Kind(i) => {
                context.insert_value("kind", self.kinds[i].clone());
                context.insert_value("groups", self.groups_by_step(&site.kinds[i].assets));
                let plural = &config.kinds[i].plural;
                (
                    "kind.html",
                    self.page_view("kind", plural, &site.kinds[i].url, plural),
                )
            }
            Page::Stakeholder(i) => {
                context.insert_value("stakeholder", self.stakeholders[i].clone());
                context.insert_value("groups", self.groups_by_step(&site.stakeholders[i].assets));
                let (stakeholder, url) = (&config.stakeholders[i], &site.stakeholders[i].url);
                let view = self.page_view(
                    "stakeholder",
                    &stakeholder.title,
                    url,
                    &stakeholder.description,
                );
                ("stakeholder.html", view)
            }
            Page::Asset(i) => {
                let asset = &site.assets[i];
                context.insert_value("asset", self.asset_value(i));
                let view = self.page_view(
                    "asset",
                    &asset.asset.title,
                    &asset.url,
                    &asset.asset.summary,
                );
                let step = asset.steps.first().map(|&s| self.steps[s].clone());
                (
                    config.kinds[asset.kind].template(),
                    PageView { step, ..view },
                )
            }
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

    /// What every page tells its template about itself; `step` is set by the pages of a step.
    fn page_view<'v>(
        &self,
        kind: &'static str,
        title: &'v str,
        url: &str,
        description: &'v str,
    ) -> PageView<'v> {
        PageView {
            r#type: kind,
            title,
            url: url.to_string(),
            permalink: self.site.permalink(url),
            description,
            step: None,
        }
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
        let steps = site
            .steps
            .iter()
            .zip(&config.steps)
            .map(|(step, config)| StepLink {
                slug: &step.slug,
                number: step.number,
                title: &config.title,
                question: &config.question,
                url: &step.url,
                hidden: config.hidden,
            });
        let kinds = site
            .kinds
            .iter()
            .zip(&config.kinds)
            .map(|(kind, config)| Link {
                slug: &kind.slug,
                title: &config.title,
                url: &kind.url,
            });
        let stakeholders =
            site.stakeholders
                .iter()
                .zip(&config.stakeholders)
                .map(|(stakeholder, config)| Link {
                    slug: &stakeholder.slug,
                    title: &config.title,
                    url: &stakeholder.url,
                });
        Links {
            steps: steps.map(|link| Value::from_serializable(&link)).collect(),
            kinds: kinds.map(|link| Value::from_serializable(&link)).collect(),
            stakeholders: stakeholders
                .map(|link| Value::from_serializable(&link))
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
        .filter_map(|page| match *page {
            Page::Index => Some(site.root.clone()),
            Page::NotFound => None,
            Page::Step(i) => Some(site.steps[i].url.clone()),
            Page::Asset(i) => Some(site.assets[i].url.clone()),
            Page::Kind(i) => Some(site.kinds[i].url.clone()),
            Page::Stakeholder(i) => Some(site.stakeholders[i].url.clone()),
        })
        .map(|url| site.permalink(&url))
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
