//! The values templates see, apart from the model: each is a small serialisable view of one
//! part of the site, built from the [`Site`] and turned into a Tera value once, so that the
//! listings that show it share it. Here are what every page sees (`site`, `page`) and the
//! groups of listings; [`journey`] holds the steps, kinds and stakeholders, [`asset`] an asset's
//! summary and page. What a kind's data shows is its own, in `kinds/<kind>/view.rs`.

mod asset;
mod journey;

pub use asset::Links;
pub use journey::Shared;

use std::collections::BTreeMap;

use serde::Serialize;
use tera::value::Key;
use tera::{Map, Value};

use crate::config::{CallToAction, Provider, Script};
use crate::site::Site;

/// `site` in every template.
#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    root: &'a str,
    language: &'a str,
    generator: String,
    call_to_action: Option<&'a CallToAction>,
    /// What every page's `<meta http-equiv="Content-Security-Policy">` holds.
    content_security_policy: String,
    theme: ThemeView<'a>,
    /// How the step events are reported; none when nothing is measured.
    analytics: Option<AnalyticsView<'a>>,
}

/// `site.analytics`: the provider and its script, for `_analytics.html`.
#[derive(Serialize)]
struct AnalyticsView<'a> {
    /// `plausible`, `umami` or `custom`.
    provider: &'static str,
    /// The `https://` address of the provider's script.
    script: Option<&'a str>,
    /// The provider's script as a static file of the site, for `static_url`.
    static_script: Option<&'a str>,
    /// The site's id at the provider.
    site_id: Option<&'a str>,
}

/// `site.theme`: the brand of `[theme]` that templates show.
#[derive(Serialize)]
struct ThemeView<'a> {
    logo: Option<&'a str>,
    footer: Option<&'a str>,
    call_to_action: Option<&'a CallToAction>,
}

/// The view of the site as a whole; `has_static` tells whether the theme or the site has a
/// static file, so that a missing analytics script is reported once, where it is configured.
pub fn site_view(site: &Site, has_static: impl Fn(&str) -> bool) -> SiteView<'_> {
    let config = &site.config;
    let theme = config.theme.get_ref();
    SiteView {
        title: &config.title,
        description: &config.description,
        base_url: &site.base_url,
        root: &site.root,
        language: &config.language,
        generator: format!("stepwise {}", env!("CARGO_PKG_VERSION")),
        call_to_action: config.call_to_action.as_ref(),
        content_security_policy: crate::host::content_security_policy(&config.analytics.origins()),
        theme: ThemeView {
            logo: theme.logo.as_ref().map(|logo| logo.get_ref().as_str()),
            footer: theme.footer.as_deref(),
            call_to_action: theme.call_to_action.as_ref(),
        },
        analytics: analytics_view(site, has_static),
    }
}

/// The view of the site on the team's pages, such as the coverage report: without the buyer
/// site's call to action, which is not the team's to take, and without analytics: the team's
/// visits are no buyer's steps.
pub fn team_site_view(site: &Site) -> SiteView<'_> {
    let mut view = site_view(site, |_| false);
    view.call_to_action = None;
    view.analytics = None;
    view.theme.call_to_action = None;
    view
}

/// What `_analytics.html` needs of `[analytics]`; none when nothing is measured.
fn analytics_view(site: &Site, has_static: impl Fn(&str) -> bool) -> Option<AnalyticsView<'_>> {
    let analytics = &site.config.analytics;
    let provider = analytics.provider();
    let script = analytics.script();
    (provider != Provider::None).then(|| AnalyticsView {
        provider: provider.name(),
        script: match script {
            Some(Script::Address(address)) => Some(address),
            _ => None,
        },
        static_script: match script {
            Some(Script::File(file)) => Some(file).filter(|file| has_static(file)),
            _ => None,
        },
        site_id: (analytics.site_id.as_ref()).map(|id| id.get_ref().as_str()),
    })
}

/// `page` in every template.
#[derive(Serialize)]
pub struct PageView<'a> {
    /// What kind of page it is.
    pub r#type: &'static str,
    /// Its title.
    pub title: &'a str,
    /// Its root-relative link.
    pub url: String,
    /// Its absolute address.
    pub permalink: String,
    /// One sentence about it.
    pub description: &'a str,
    /// The journey step the page belongs to, for the journey path to highlight.
    pub step: Option<Value>,
    /// The absolute address of the image it is shared with, if any: see [`share_image`].
    pub image: Option<String>,
}

/// The absolute address of the image a page is shared with: its asset's (`own`), else its
/// step's (`step`, an index into the journey), else the site's; `urls` gives each static
/// file's published path.
pub fn share_image(
    site: &Site,
    urls: &BTreeMap<String, String>,
    own: Option<&str>,
    step: Option<usize>,
) -> Option<String> {
    let config = &site.config;
    let step_image = step
        .and_then(|step| config.steps.get(step))
        .and_then(|step| step.image.as_ref());
    let path = own
        .or_else(|| step_image.map(|image| image.get_ref().as_str()))
        .or_else(|| config.image.as_ref().map(|image| image.get_ref().as_str()))?;
    let published = urls.get(path.trim_start_matches('/'))?;
    Some(site.permalink(&format!("{}{published}", site.root)))
}

/// A group of a listing: a heading value under `key` and its assets.
pub fn group(key: &'static str, heading: Value, assets: Vec<Value>) -> Value {
    map_value(&[(key, &heading), ("assets", &Value::from(assets))])
}

/// Values under static names as one template map. Serialised as a struct, so that Tera builds
/// the map once at its size and shares the values, where a map built here would be copied into
/// a new one entry by entry.
pub fn map_value(fields: &[(&'static str, &Value)]) -> Value {
    Value::from_serializable(&NamedValues(fields))
}

/// The entries of a map made from a view, whose keys are all its fields' static names, such as
/// an asset's summary.
pub fn named_entries(map: Option<&Map>) -> impl Iterator<Item = (&'static str, &Value)> {
    (map.into_iter().flatten()).filter_map(|(key, value)| match key {
        Key::Str(name) => Some((*name, value)),
        _ => None,
    })
}

/// What [`map_value`] serialises.
struct NamedValues<'a>(&'a [(&'static str, &'a Value)]);

impl Serialize for NamedValues<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut map = serializer.serialize_struct("Map", self.0.len())?;
        for (name, value) in self.0 {
            map.serialize_field(name, value)?;
        }
        map.end()
    }
}
