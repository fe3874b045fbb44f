//! An asset as templates see it: its summary in listings (with links to its kind, stakeholders
//! and steps, and what its kind's data adds to a card), and the details only its own page shows
//! (its body, its kind's data, its attachments and the file its data makes).

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use tera::{Map, Value};

use crate::address::encode_segment;
use crate::kinds::calculator::SendLink;
use crate::kinds::{Card, KindData};
use crate::number::{Dates, Language};
use crate::site::{Site, SiteAsset};

/// A link to a kind or a stakeholder, as assets show them.
#[derive(Serialize)]
struct GroupLink<'a> {
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
    dates: Dates,
    steps: Vec<Value>,
    /// The links of the steps, each with the step after it: see [`with_next`].
    steps_with_next: Vec<Value>,
    kinds: Vec<Value>,
    stakeholders: Vec<Value>,
}

impl Links {
    /// The links of every step, kind and stakeholder of the site.
    pub fn new(site: &Site) -> Self {
        let config = &site.config;
        let link = |slug: &str, title: &str, url: &str| {
            Value::from_serializable(&GroupLink { slug, title, url })
        };
        let steps: Vec<Value> = (site.steps.iter())
            .map(|step| {
                Value::from_serializable(&StepLink {
                    slug: &step.slug,
                    number: step.number,
                    title: &step.title,
                    question: &step.question,
                    url: &step.url,
                    hidden: step.hidden,
                })
            })
            .collect();
        Links {
            dates: Dates::new(&Language::of_site(&config.language)),
            steps_with_next: with_next(&steps),
            steps,
            kinds: (site.kinds.iter())
                .map(|kind| link(&kind.slug, &kind.title, &kind.url))
                .collect(),
            stakeholders: (site.stakeholders.iter())
                .map(|stakeholder| link(&stakeholder.slug, &stakeholder.title, &stakeholder.url))
                .collect(),
        }
    }

    /// What listings show of an asset.
    pub fn summary(&self, asset: &SiteAsset) -> Value {
        let placement = &asset.placement;
        let reviewed = asset
            .asset
            .reviewed
            .as_ref()
            .map(|date| date.value.as_str());
        Value::from_serializable(&SummaryView {
            title: &asset.asset.title.value,
            url: &placement.url,
            summary: &asset.asset.summary,
            reviewed,
            reviewed_shown: reviewed.map(|date| self.dates.show(date)),
            kind: self.kinds.get(placement.kind).cloned().into(),
            stakeholders: (placement.stakeholders.iter())
                .filter_map(|&s| self.stakeholders.get(s).cloned())
                .collect(),
            steps: (placement.steps.iter())
                .filter_map(|&s| self.steps.get(s).cloned())
                .collect(),
            card: asset.data.card(),
        })
    }

    /// An asset's page data: its summary, with the details only its own page shows; `permalink`
    /// is the page's own address in full.
    pub fn details(&self, asset: &SiteAsset, summary: &Value, permalink: &str) -> Value {
        let given = asset.asset.summary_given;
        Value::from_serializable(&AssetPage {
            summary: summary.as_map(),
            details: AssetDetails {
                slug: &asset.asset.slug.value,
                lead: given.then_some(asset.asset.summary.as_str()),
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
                send: asset.data.send_link(&asset.asset.title.value, permalink),
            },
        })
    }

    /// The steps an asset serves, each with the step after it (none after the last).
    fn steps_with_next(&self, asset: &SiteAsset) -> Vec<Value> {
        (asset.placement.steps.iter())
            .filter_map(|&s| self.steps_with_next.get(s).cloned())
            .collect()
    }
}

/// Each step's link with the step after it as `next` (none after the last), as an asset's page
/// shows the steps it serves.
fn with_next(steps: &[Value]) -> Vec<Value> {
    (steps.iter().enumerate())
        .map(|(s, step)| {
            let mut step = step.as_map().cloned().unwrap_or_default();
            step.insert("next".into(), steps.get(s + 1).cloned().into());
            Value::from(step)
        })
        .collect()
}

#[derive(Serialize)]
struct SummaryView<'a> {
    title: &'a str,
    url: &'a str,
    summary: &'a str,
    reviewed: Option<&'a str>,
    /// The review date written out in the site's language.
    reviewed_shown: Option<String>,
    kind: Value,
    stakeholders: Vec<Value>,
    steps: Vec<Value>,
    /// What its kind's data adds to a card, such as a case study's headline result.
    card: Option<Card<'a>>,
}

/// An asset as its own page shows it: its summary's fields in their order, the summary's
/// steps replaced by those with the step after each, then the details. Serialised as one struct,
/// so that Tera builds one map of the right size and shares the summary's values, not copies.
struct AssetPage<'a> {
    summary: Option<&'a Map>,
    details: AssetDetails<'a>,
}

impl Serialize for AssetPage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = self.summary.map_or(0, Map::len) + AssetDetails::FIELDS;
        let mut page = serializer.serialize_struct("AssetPage", len)?;
        for (name, value) in super::named_entries(self.summary) {
            match name {
                "steps" => page.serialize_field("steps", &self.details.steps)?,
                _ => page.serialize_field(name, value)?,
            }
        }
        self.details.serialize_fields(&mut page)?;
        page.end()
    }
}

/// What an asset's page adds to its summary.
struct AssetDetails<'a> {
    slug: &'a str,
    /// The summary above the body, when it was given: else it is the body's first paragraph.
    lead: Option<&'a str>,
    /// The steps it serves, each with the step after it, in place of the summary's.
    steps: Vec<Value>,
    content: &'a str,
    data: &'a KindData,
    extra: Option<&'a crate::content::FrontMatterNode>,
    attachments: Vec<Attachment>,
    /// The file the kind's data makes, such as a calculator's spreadsheet.
    download: Option<Attachment>,
    /// A calculator's "send these numbers" link.
    send: Option<SendLink>,
}

impl AssetDetails<'_> {
    /// How many fields [`AssetDetails::serialize_fields`] adds to the summary's.
    const FIELDS: usize = 8;

    /// Adds its fields but the steps (which take the summary's place) to `page`.
    fn serialize_fields<S: SerializeStruct>(&self, page: &mut S) -> Result<(), S::Error> {
        page.serialize_field("slug", self.slug)?;
        page.serialize_field("lead", &self.lead)?;
        page.serialize_field("content", self.content)?;
        page.serialize_field("data", self.data)?;
        page.serialize_field("extra", &self.extra)?;
        page.serialize_field("attachments", &self.attachments)?;
        page.serialize_field("download", &self.download)?;
        page.serialize_field("send", &self.send)
    }
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
