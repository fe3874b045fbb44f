//! The values templates see, apart from the model: each is a small serialisable view of one
//! part of the site (a step, a kind, an asset's summary …), built from the [`Site`] and turned
//! into a Tera value once, so that the listings that show it share it.

use serde::Serialize;
use tera::Value;

use crate::address::encode_segment;
use crate::config::CallToAction;
use crate::kinds::{Card, KindData};
use crate::site::{Site, SiteAsset};

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
}

/// `site.theme`: the brand of `[theme]` that templates show.
#[derive(Serialize)]
struct ThemeView<'a> {
    logo: Option<&'a str>,
    footer: Option<&'a str>,
    call_to_action: Option<&'a CallToAction>,
}

/// The view of the site as a whole.
pub fn site_view(site: &Site) -> SiteView<'_> {
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
        content_security_policy: crate::host::content_security_policy(&[]),
        theme: ThemeView {
            logo: theme.logo.as_ref().map(|logo| logo.get_ref().as_str()),
            footer: theme.footer.as_deref(),
            call_to_action: theme.call_to_action.as_ref(),
        },
    }
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
}

/// The values every page shares: the journey, the kinds and the stakeholders with their counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// Every step, as `journey` holds them.
    pub steps: Vec<Value>,
    /// Every kind, as `kinds` holds them.
    pub kinds: Vec<Value>,
    /// Every stakeholder, as `stakeholders` holds them.
    pub stakeholders: Vec<Value>,
}

impl Shared {
    /// The shared values of the site as it is now.
    pub fn new(site: &Site) -> Self {
        Shared {
            steps: (0..site.steps.len())
                .map(|i| Value::from_serializable(&step_view(site, i)))
                .collect(),
            kinds: (0..site.kinds.len())
                .map(|i| Value::from_serializable(&kind_view(site, i)))
                .collect(),
            stakeholders: (0..site.stakeholders.len())
                .map(|i| Value::from_serializable(&stakeholder_view(site, i)))
                .collect(),
        }
    }
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
        plural: config.plural.get_ref(),
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

/// The links that asset summaries and pages share. They depend only on the configuration, so
/// they are built once and stay valid while assets change.
pub struct Links {
    steps: Vec<Value>,
    kinds: Vec<Value>,
    stakeholders: Vec<Value>,
}

impl Links {
    /// The links of every step, kind and stakeholder of the site.
    pub fn new(site: &Site) -> Self {
        let config = &site.config;
        let link = |slug: &str, title: &str, url: &str| {
            Value::from_serializable(&Link { slug, title, url })
        };
        Links {
            steps: (site.steps.iter().zip(&config.steps))
                .map(|(step, config)| {
                    Value::from_serializable(&StepLink {
                        slug: &step.slug,
                        number: step.number,
                        title: &config.title,
                        question: &config.question,
                        url: &step.url,
                        hidden: config.hidden,
                    })
                })
                .collect(),
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
    pub fn summary(&self, asset: &SiteAsset) -> Value {
        let placement = &asset.placement;
        Value::from_serializable(&SummaryView {
            title: &asset.asset.title.value,
            url: &placement.url,
            summary: &asset.asset.summary,
            reviewed: asset
                .asset
                .reviewed
                .as_ref()
                .map(|date| date.value.as_str()),
            kind: self.kinds[placement.kind].clone(),
            stakeholders: placement
                .stakeholders
                .iter()
                .map(|&s| self.stakeholders[s].clone())
                .collect(),
            steps: placement
                .steps
                .iter()
                .map(|&s| self.steps[s].clone())
                .collect(),
            card: asset.data.card(),
        })
    }

    /// An asset's page data: its summary, with the details only its own page shows.
    pub fn details(&self, asset: &SiteAsset, summary: &Value) -> Value {
        let mut value = summary.as_map().cloned().unwrap_or_default();
        let details = Value::from_serializable(&AssetDetails {
            slug: &asset.asset.slug.value,
            steps: self.steps_with_next(asset),
            content: &asset.asset.content,
            data: &asset.data,
            extra: asset.asset.extra.as_ref(),
            attachments: attachments(asset),
            download: asset
                .data
                .download_name(&asset.asset.slug.value)
                .map(|name| Attachment {
                    url: format!("{}{}", asset.placement.url, encode_segment(&name)),
                    name,
                }),
        });
        value.extend(details.into_map().unwrap_or_default());
        Value::from(value)
    }

    /// The steps an asset serves, each with the step after it (none after the last).
    fn steps_with_next(&self, asset: &SiteAsset) -> Vec<Value> {
        asset
            .placement
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
    /// What its kind's data adds to a card, such as a case study's headline result.
    card: Option<Card<'a>>,
}

/// What an asset's page adds to its summary.
#[derive(Serialize)]
struct AssetDetails<'a> {
    slug: &'a str,
    steps: Vec<Value>,
    content: &'a str,
    data: &'a KindData,
    extra: Option<&'a crate::content::Node>,
    attachments: Vec<Attachment>,
    /// The file the kind's data makes, such as a calculator's spreadsheet.
    download: Option<Attachment>,
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
                url: format!("{}{}", asset.placement.url, encode_segment(&name)),
                name,
            }
        })
        .collect()
}

/// A group of a listing: a heading value under `key` and its assets.
pub fn group(key: &'static str, heading: Value, assets: Vec<Value>) -> Value {
    let mut map = tera::Map::new();
    map.insert(key.into(), heading);
    map.insert("assets".into(), Value::from(assets));
    Value::from(map)
}
