//! Rendering pages through Tera templates. The [`Renderer`] owns the compiled templates and the
//! values pages share (the journey, kinds and stakeholders in Tera's global context, and each
//! asset's summary, built once and shared by every listing that shows it), so a long-running
//! process can keep it and [`Renderer::update`] it after an edit instead of starting over.

use std::collections::HashSet;

use tera::{Context, Tera, Value};

use crate::content::AssetId;
use crate::coverage::{Coverage, report};
use crate::diagnostics::{Diagnostic, Problems, line_offset};
use crate::finish;
use crate::kinds::Schema;
use crate::links;
use crate::related::Related;
use crate::routes::{Page, Reshown};
use crate::site::{AssetChange, AssetKind, Site, SiteAsset};
use crate::theme::{DEFAULT_THEME, STYLESHEET, Theme};
use crate::views::{self, Links, PageView, Shared};

mod listing;
mod parts;
mod summaries;

use listing::Listings;
use parts::Parts;
use summaries::Summaries;

/// Templates compiled once, and the values that many pages share.
pub struct Renderer {
    theme: Theme,
    tera: Tera,
    shared: Shared,
    links: Links,
    summaries: Summaries,
    related: Related,
    listings: Listings,
    /// What the resource finder's pages show of it, the same on each of them.
    finder: Value,
    parts: Parts,
}

impl Renderer {
    /// Compiles the theme's templates and prepares the shared values of the site; `None` when
    /// a template does not compile (the reason is added to `problems`).
    pub fn new(theme: Theme, site: &Site, problems: &mut Problems) -> Option<Self> {
        let mut tera = Tera::new();
        tera.set_escape_fn(crate::escape::markup_into);
        tera.register_function("get_url", links::get_url_function(site.targets()));
        tera.register_function(
            "static_url",
            finish::static_url_function(&theme.urls, &site.root),
        );
        let compiled = tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(name, source)| (name.as_str(), &*source.text)),
        );
        let compiled = compiled.and_then(|()| add_later_templates(&mut tera, &theme));
        if let Err(error) = compiled {
            problems.push(template_error(&theme, &error));
            return None;
        }
        tera.global_context().insert(
            "site",
            &views::site_view(site, |path| theme.urls.contains_key(path)),
        );
        let shared = Shared::new(site);
        publish_globals(&mut tera, &shared);
        let parts = Parts::new(&tera, &theme, site, &shared);
        let finder = listing::finder_view(site, &theme.urls);
        let mut renderer = Renderer {
            shared,
            theme,
            tera,
            links: Links::new(site),
            summaries: Summaries::default(),
            related: Related::new(site),
            listings: Listings::new(site),
            finder,
            parts,
        };
        renderer.summaries = renderer.summaries(site);
        Some(renderer)
    }

    /// The templates and static files it renders with.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The related resources of every asset, as its pages show them: up to date with the site
    /// after [`Renderer::update`].
    pub fn related(&self) -> &Related {
        &self.related
    }

    /// Brings the shared values up to date after `change` was applied to `site`; what other
    /// pages show of the asset that changed (every listing page, when counts changed).
    pub fn update(&mut self, site: &Site, change: &AssetChange) -> Reshown {
        let get_url = links::get_url_function(site.targets());
        self.tera.register_function("get_url", get_url);
        if change.changes_counts() {
            self.shared = Shared::new(site);
            self.related = Related::new(site);
            self.publish_shared(site);
            // Every page is rendered again, and a site's own card may show the counts.
            self.summaries = self.summaries(site);
            let listing_pages = self.listings.update(site, change, true);
            return Reshown {
                listing_pages,
                summary_changed: true,
            };
        }
        let summary_changed = self.renew_summaries(site, change);
        Reshown {
            listing_pages: self.listings.update(site, change, summary_changed),
            summary_changed,
        }
    }

    /// Makes the summaries of the edited asset and of those relinked with it again (a relinked
    /// asset's summary may show the address it links to); whether the edited one's changed.
    fn renew_summaries(&mut self, site: &Site, change: &AssetChange) -> bool {
        let mut changed = false;
        for id in std::iter::once(&change.id).chain(&change.relinked) {
            let old = match site.asset(id) {
                Some(asset) => {
                    let summary = self.summary(asset, &mut Vec::new());
                    self.summaries.insert(id.clone(), summary)
                }
                None => self.summaries.remove(id),
            };
            changed |= id == &change.id && old.as_ref() != self.summaries.get(id);
        }
        changed
    }

    /// Gives templates the shared values, renders the parts every page shows with them, and
    /// makes the finder's view again (it shows how many assets there are).
    fn publish_shared(&mut self, site: &Site) {
        publish_globals(&mut self.tera, &self.shared);
        self.parts = Parts::new(&self.tera, &self.theme, site, &self.shared);
        self.finder = listing::finder_view(site, &self.theme.urls);
    }

    /// Renders one page of `site` into `out` (which is cleared first).
    pub fn render(&self, site: &Site, page: &Page, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        out.clear();
        let (template, context) = self.context(site, page)?;
        self.tera
            .render_to(template, &context, out)
            .map_err(|error| template_error(&self.theme, &error))
    }

    /// The theme's stylesheet, if it has one.
    pub fn stylesheet(&self) -> Option<&crate::theme::StaticFile> {
        let published = self.theme.urls.get(STYLESHEET)?;
        self.theme.static_files.get(published)
    }

    /// Renders the page of the coverage report into `out` (which is cleared first), for the
    /// team: without the buyer site's call to action, and saying whether it is published;
    /// `standalone` when it is written outside the output, with a copy of the stylesheet.
    pub fn render_coverage(
        &self,
        site: &Site,
        coverage: &Coverage,
        standalone: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        out.clear();
        let mut context = Context::new();
        context.insert("coverage", coverage);
        context.insert("diagram", &report::diagram::svg(coverage));
        context.insert("standalone", &standalone);
        context.insert("published", &site.config.coverage.publish);
        context.insert("site", &views::team_site_view(site));
        let url = format!("{}{}/", site.root, report::FOLDER);
        let view = PageView {
            r#type: "coverage",
            title: "Coverage report",
            permalink: site.permalink(&url),
            url,
            description: "Which step of the buying journey has which resources, and what to write next.",
            step: None,
            image: None,
        };
        context.insert("page", &view);
        context.insert_value("parts", self.parts.of_team()?);
        self.tera
            .render_to(report::TEMPLATE, &context, out)
            .map_err(|error| template_error(&self.theme, &error))
    }

    fn context<'s>(
        &'s self,
        site: &'s Site,
        page: &Page,
    ) -> Result<(&'s str, Context), Diagnostic> {
        let config = &site.config;
        let url = page.url(site);
        let permalink = site.permalink(&url);
        let mut context = Context::new();
        context.insert_value("paginator", Value::none());
        let mut own_image = None;
        let (template, title, description, step) = match page {
            Page::Index => {
                context.insert_value("start", at(&self.shared.steps, 0));
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
            Page::Listing(listing, number) => {
                self.listing_context(site, *listing, *number, &mut context)
            }
            Page::Asset(id) => match site.asset(id) {
                Some(asset) => {
                    let details = self.links.details(asset, &self.summary_of(id), &permalink);
                    context.insert_value("asset", details);
                    context.insert_value("related", self.related_of(asset));
                    let kind = site.kinds.get(asset.placement.kind);
                    let template = kind.map_or("asset.html", |kind| self.template_of(kind));
                    let (title, summary) = (&asset.asset.title.value, &asset.asset.summary);
                    let step = asset.placement.steps.first().copied();
                    own_image = asset.asset.image.as_ref().map(|image| image.value.as_str());
                    (template, title.as_str(), summary.as_str(), step)
                }
                None => (
                    "404.html",
                    "Page not found",
                    config.description.as_str(),
                    None,
                ),
            },
        };
        let view = PageView {
            r#type: page.type_name(),
            title,
            permalink,
            url,
            description,
            step: step.map(|s| at(&self.shared.steps, s)),
            image: views::share_image(site, &self.theme.urls, own_image, step),
        };
        context.insert("page", &view);
        context.insert_value("parts", self.parts.of(page, step)?);
        Ok((template, context))
    }

    /// The template a kind's assets are rendered with: the one it names, else its schema's
    /// when the theme has it, else `asset.html`.
    fn template_of<'a>(&'a self, kind: &'a AssetKind) -> &'a str {
        if let Some(name) = &kind.template {
            return name;
        }
        kind.schema
            .map(Schema::template)
            .filter(|name| self.theme.templates.contains_key(*name))
            .unwrap_or("asset.html")
    }

    /// The summaries of an asset's related resources, which its page ends with.
    fn related_of(&self, asset: &SiteAsset) -> Value {
        let related = self.related.of(asset).into_iter();
        Value::from(related.map(|id| self.summary_of(id)).collect::<Vec<_>>())
    }

    /// The summary of the published asset `id`, made by [`Renderer::summaries`].
    fn summary_of(&self, id: &AssetId) -> Value {
        self.summaries.get(id).cloned().into()
    }
}

/// Gives templates the shared values as `journey`, `kinds` and `stakeholders`.
fn publish_globals(tera: &mut Tera, shared: &Shared) {
    let globals = tera.global_context();
    globals.insert_value("journey", Value::from(shared.steps.clone()));
    globals.insert_value("kinds", Value::from(shared.kinds.clone()));
    globals.insert_value("stakeholders", Value::from(shared.stakeholders.clone()));
}

/// The shared value at `index`; none past the end.
fn at(values: &[Value], index: usize) -> Value {
    values.get(index).cloned().into()
}

/// The pages added after themes were first made: a theme without their templates gets the
/// built-in theme's, so that themes made before them keep working.
const LATER_TEMPLATES: [&str; 2] = [report::TEMPLATE, "finder.html"];

/// Adds the built-in theme's templates of [`LATER_TEMPLATES`] that the theme does not have.
fn add_later_templates(tera: &mut Tera, theme: &Theme) -> Result<(), tera::Error> {
    for name in LATER_TEMPLATES {
        if theme.templates.contains_key(name) {
            continue;
        }
        let path = format!("templates/{name}");
        let built_in = DEFAULT_THEME
            .get_file(&path)
            .and_then(|file| file.contents_utf8());
        if let Some(text) = built_in {
            tera.add_raw_template(name, text)?;
        }
    }
    Ok(())
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

/// Removes repeated diagnostics: a broken template fails every page that uses it.
pub fn distinct(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    diagnostics
        .into_iter()
        .filter(|d| seen.insert((d.message.clone(), d.location())))
        .collect()
}
