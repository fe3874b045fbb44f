//! The parts of a page that every page shows alike — the journey path and the footer — rendered
//! once for each way they can look (the journey with each step current or none; the footer of
//! each kind's and stakeholder's page, of every other page, and of the team's pages, which carry
//! no call to action of the buyer site) when the shared values change, not once per page, and
//! given to every page as `parts.journey` and `parts.footer`.

use std::collections::HashMap;

use tera::{Context, Map, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::routes::{Listing, Page};
use crate::site::Site;
use crate::theme::Theme;
use crate::views::{self, Shared};

/// The template of the journey path; it sees `page.step`.
const JOURNEY_TEMPLATE: &str = "_journey.html";

/// The template of the footer; it sees `page.type` and `page.url`.
const FOOTER_TEMPLATE: &str = "_footer.html";

/// A part rendered, or why it could not be (reported by every page that shows it).
type Part = Result<Value, Diagnostic>;

/// The shared parts, rendered.
pub struct Parts {
    /// The journey path with no current step, then with each step current.
    journey: Vec<Part>,
    /// The footer of every page but the first page of a kind or a stakeholder, under `None`,
    /// and of each of these.
    footer: HashMap<Option<Listing>, Part>,
    /// The footer of the team's pages, such as the coverage report.
    team_footer: Part,
    /// `parts` of the pages with the footer under `None`: with no current step, then with each
    /// step current; made once, since nearly every page shows one of these.
    common: Vec<Part>,
}

impl Parts {
    /// Renders every way the parts can look, with `tera`'s templates and global values; a part
    /// whose template the theme does not have is empty.
    pub fn new(tera: &Tera, theme: &Theme, site: &Site, shared: &Shared) -> Self {
        let team_site = views::team_site_view(site);
        let render_for = |template: &str, page: Map, team: bool| -> Part {
            if !theme.templates.contains_key(template) {
                return Ok(Value::safe_string(""));
            }
            let mut context = Context::new();
            context.insert_value("page", Value::from(page));
            if team {
                context.insert("site", &team_site);
            }
            (tera.render(template, &context))
                .map(|html| Value::safe_string(&html))
                .map_err(|error| super::template_error(theme, &error))
        };
        let render = |template: &str, page: Map| render_for(template, page, false);
        let steps = std::iter::once(Value::none()).chain(shared.steps.iter().cloned());
        let journey = steps
            .map(|step| render(JOURNEY_TEMPLATE, page_map([("step", step)])))
            .collect();
        let listings = Listing::all(site)
            .filter(|listing| matches!(listing, Listing::Kind(_) | Listing::Stakeholder(_)))
            .map(|listing| {
                let url = listing.url(site).into_owned();
                (Some(listing), listing.type_name(), url)
            });
        let footer = std::iter::once((None, "", String::new()))
            .chain(listings)
            .map(|(key, kind, url)| {
                let page = page_map([("type", Value::from(kind)), ("url", Value::from(url))]);
                (key, render(FOOTER_TEMPLATE, page))
            })
            .collect();
        let team_page = page_map([("type", Value::from("coverage")), ("url", Value::from(""))]);
        let team_footer = render_for(FOOTER_TEMPLATE, team_page, true);
        let mut parts = Parts {
            journey,
            footer,
            team_footer,
            common: Vec::new(),
        };
        parts.common = (parts.journey.iter())
            .map(|journey| Self::parts(Some(journey), parts.footer.get(&None)))
            .collect();
        parts
    }

    /// `parts` of `page`, whose journey step is `step`: its journey path and its footer.
    pub fn of(&self, page: &Page, step: Option<usize>) -> Result<Value, Diagnostic> {
        let listing = match page {
            Page::Listing(listing @ (Listing::Kind(_) | Listing::Stakeholder(_)), 1) => {
                Some(*listing)
            }
            _ => None,
        };
        let at = step.map_or(0, |s| s + 1);
        match (listing, self.common.get(at)) {
            (None, Some(common)) => common.clone(),
            _ => Self::parts(self.journey.get(at), self.footer.get(&listing)),
        }
    }

    /// `parts` of the team's pages: the journey path with no current step, and a footer
    /// without the buyer site's call to action.
    pub fn of_team(&self) -> Result<Value, Diagnostic> {
        Self::parts(self.journey.first(), Some(&self.team_footer))
    }

    fn parts(journey: Option<&Part>, footer: Option<&Part>) -> Result<Value, Diagnostic> {
        let mut parts = Map::new();
        for (name, part) in [("journey", journey), ("footer", footer)] {
            let value = part.cloned().transpose()?;
            parts.insert(name.into(), value.unwrap_or_else(|| Value::safe_string("")));
        }
        Ok(Value::from(parts))
    }
}

/// A `page` of these values.
fn page_map<const N: usize>(values: [(&'static str, Value); N]) -> Map {
    values
        .into_iter()
        .map(|(name, value)| (name.into(), value))
        .collect()
}
