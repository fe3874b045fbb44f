//! `stepwise.toml`: the site's title and address, the journey of buying steps, the kinds of asset,
//! the stakeholders and what the coverage report expects. Unknown keys are errors, with a
//! suggestion for the likely typo.

mod analytics;
mod checks;
mod forms;
mod read;
#[cfg(test)]
mod tests;

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Problems, Source};
pub use analytics::{AnalyticsConfig, Provider, Script};
use forms::{
    default_currency, default_feed_limit, default_language, default_paginate_by, default_theme,
    names, no_text, some_names, theme_setting,
};

/// The name of the theme built into the binary.
pub const DEFAULT_THEME_NAME: &str = "default";

/// The name of the configuration file at the root of a site.
pub const CONFIG_FILE: &str = "stepwise.toml";

/// The whole configuration of a site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown on every page.
    pub title: String,
    /// One sentence about the site, for the overview page and search engines.
    #[serde(default)]
    pub description: String,
    /// The absolute address the site is published at; its path is the prefix of every link.
    pub base_url: Spanned<String>,
    /// The image shown when a page is shared, unless its asset or step has one: a file of
    /// `static/`, by its path there.
    #[serde(default)]
    pub image: Option<Spanned<String>>,
    /// The custom domain GitHub Pages serves the site at, written into `CNAME`.
    #[serde(default)]
    pub cname: Option<Spanned<String>>,
    /// The language of the content, as an HTML `lang` code.
    #[serde(default = "default_language")]
    pub language: String,
    /// The ISO 4217 code of amounts of money, such as in calculators.
    #[serde(default = "default_currency")]
    pub currency: Spanned<String>,
    /// The theme (`theme = "name"`), or a `[theme]` table with its name and the brand on it.
    #[serde(default = "default_theme", deserialize_with = "theme_setting")]
    pub theme: Spanned<ThemeConfig>,
    /// Where the last step sends the buyer.
    pub call_to_action: Option<CallToAction>,
    /// The journey: the buying steps, in order.
    pub steps: Vec<StepConfig>,
    /// The kinds of asset.
    #[serde(default)]
    pub kinds: Vec<KindConfig>,
    /// The people in the buying organisation that assets speak to.
    #[serde(default)]
    pub stakeholders: Vec<StakeholderConfig>,
    /// What the coverage report expects of every step, and where it is written.
    #[serde(default)]
    pub coverage: CoverageConfig,
    /// What the site's calculators share.
    #[serde(default)]
    pub calculators: CalculatorsConfig,
    /// How many assets a page of a listing (a step, kind or stakeholder page) shows before the
    /// rest go onto its next page.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: Spanned<usize>,
    /// How many assets the Atom feed lists, the most recently reviewed.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: Spanned<usize>,
    /// `[analytics]`: who receives the events of buyers taking their steps; nobody by default.
    #[serde(default)]
    pub analytics: AnalyticsConfig,
}

/// `[coverage]`: the stakeholders every step should speak to, when an asset is stale, and
/// whether the report is published with the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoverageConfig {
    /// The stakeholders every step should have an asset for, unless the step names its own.
    #[serde(deserialize_with = "names")]
    pub stakeholders: Vec<Spanned<String>>,
    /// An asset reviewed longer ago than this many days is stale.
    pub stale_after_days: u32,
    /// Publishes the report at `/coverage/` with the site; when false (the default) it is for the
    /// team only: written beside the output folder, and shown by `serve`.
    pub publish: bool,
}

impl Default for CoverageConfig {
    fn default() -> Self {
        CoverageConfig {
            stakeholders: Vec::new(),
            stale_after_days: 365,
            publish: false,
        }
    }
}

/// `[calculators]`: what the site's calculators share.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalculatorsConfig {
    /// Where every calculator's "send these numbers" link goes, unless the calculator names its
    /// own `send_to`: an `https://` form or a `mailto:` address.
    pub send_to: Option<Spanned<String>>,
}

/// An action a step offers, such as "talk to us": the site's `[call_to_action]`, where the
/// last step points, or a step's trial close.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallToAction {
    /// The link text.
    pub title: String,
    /// A sentence or two that goes with it.
    #[serde(default)]
    pub text: String,
    /// Where it leads.
    pub url: Spanned<String>,
}

/// One step of the journey.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepConfig {
    /// The step's identifier, used in URLs and in assets' `steps`.
    pub slug: Spanned<String>,
    /// The step's name.
    pub title: String,
    /// The question the buyer asks at this step.
    pub question: String,
    /// What happens at this step (Markdown).
    #[serde(default = "no_text")]
    pub description: Spanned<String>,
    /// The "yes" the buyer gives before moving on.
    #[serde(default)]
    pub exit: String,
    /// The image shown when its pages or assets are shared, unless an asset has its own: a
    /// file of `static/`, by its path there.
    #[serde(default)]
    pub image: Option<Spanned<String>>,
    /// A step buyers rarely state out loud.
    #[serde(default)]
    pub hidden: bool,
    /// The kinds of asset this step should have.
    #[serde(default, deserialize_with = "names")]
    pub expects: Vec<Spanned<String>>,
    /// The stakeholders this step should have an asset for, replacing `[coverage]`'s list.
    #[serde(default, deserialize_with = "some_names")]
    pub stakeholders: Option<Vec<Spanned<String>>>,
    /// `[steps.close]`: the trial close, the small commitment offered beside the next step,
    /// such as "Book a 20-minute fit check".
    pub close: Option<CallToAction>,
}

impl StepConfig {
    /// The stakeholders this step should speak to: its own list, or the one of `[coverage]`.
    pub fn expected_stakeholders<'a>(
        &'a self,
        coverage: &'a CoverageConfig,
    ) -> &'a [Spanned<String>] {
        self.stakeholders
            .as_deref()
            .unwrap_or(&coverage.stakeholders)
    }
}

/// One kind of asset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindConfig {
    /// The kind's identifier, used in assets' `kind`.
    pub slug: Spanned<String>,
    /// Its name, in the singular.
    pub title: String,
    /// Its name, in the plural; also gives the URL folder of its assets.
    pub plural: Spanned<String>,
    /// The template its assets are rendered with: its schema's template when the theme has
    /// it, else `asset.html`, unless given.
    pub template: Option<Spanned<String>>,
    /// The built-in schema of its table, such as `calculator`; by default the schema named like
    /// its slug, if any.
    pub schema: Option<Spanned<String>>,
}

/// One stakeholder in the buying organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderConfig {
    /// The stakeholder's identifier, used in assets' `stakeholders`.
    pub slug: Spanned<String>,
    /// Their name.
    pub title: String,
    /// Who they are and what they care about.
    #[serde(default)]
    pub description: String,
}

/// `[theme]`: which theme, and the brand put on it without copying it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// The theme under `themes/`; `default`, built in, when not given.
    pub name: Option<Spanned<String>>,
    /// The logo shown in the header: a file in `static/`.
    pub logo: Option<Spanned<String>>,
    /// The colour of links and buttons, as `#rrggbb` or `#rgb`.
    pub accent: Option<Spanned<String>>,
    /// The font stack of the text, as CSS writes it.
    pub font: Option<Spanned<String>>,
    /// A line of text at the foot of every page.
    pub footer: Option<String>,
    /// The link in the header, replacing the site's `[call_to_action]` there.
    pub call_to_action: Option<CallToAction>,
}

impl ThemeConfig {
    /// The theme's name: `default` unless given.
    pub fn name(&self) -> &str {
        self.name
            .as_ref()
            .map_or(DEFAULT_THEME_NAME, |name| name.get_ref())
    }
}

impl Config {
    /// Parses and checks the text of `stepwise.toml`; every problem is added to `problems`. The
    /// configuration is `None` when it cannot be read or its journey, kinds or stakeholders
    /// are not sound; a wrong value is reported and the configuration kept, so that the rest of
    /// the site is checked in the same run.
    pub fn parse(source: &Source, problems: &mut Problems) -> Option<Config> {
        let config = read::read_past_bad_keys(source, problems)?;
        let sound = config.check_structure(source, problems);
        config.check_values(source, problems);
        sound.then_some(config)
    }

    /// The theme's name and where it is written.
    pub fn theme_name(&self) -> (&str, Range<usize>) {
        let theme = self.theme.get_ref();
        let span = theme.name.as_ref().map_or(self.theme.span(), Spanned::span);
        (theme.name(), span)
    }

    /// The slugs of the kinds, in order.
    pub fn kind_slugs(&self) -> impl Iterator<Item = &str> + Clone {
        self.kinds.iter().map(|kind| kind.slug.get_ref().as_str())
    }
}
