//! The journey as templates see it: every step, kind and stakeholder with the number of its
//! assets, as `journey`, `kinds` and `stakeholders` hold them and as listings head their groups.

use serde::Serialize;
use tera::Value;

use crate::config::CallToAction;
use crate::site::{AssetKind, Site, Stakeholder, Step};

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
            steps: (site.steps.iter())
                .map(|step| Value::from_serializable(&step_view(step)))
                .collect(),
            kinds: (site.kinds.iter())
                .map(|kind| Value::from_serializable(&kind_view(kind)))
                .collect(),
            stakeholders: (site.stakeholders.iter())
                .map(|stakeholder| Value::from_serializable(&stakeholder_view(stakeholder)))
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
    close: Option<&'a CallToAction>,
    hidden: bool,
    url: &'a str,
    count: usize,
    expects: Vec<&'a str>,
}

fn step_view(step: &Step) -> StepView<'_> {
    StepView {
        slug: &step.slug,
        number: step.number,
        title: &step.title,
        question: &step.question,
        description: &step.description_html,
        exit: &step.exit,
        close: step.close.as_ref(),
        hidden: step.hidden,
        url: &step.url,
        count: step.assets.len(),
        expects: step.expects.iter().map(String::as_str).collect(),
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

fn kind_view(kind: &AssetKind) -> KindView<'_> {
    KindView {
        slug: &kind.slug,
        title: &kind.title,
        plural: &kind.plural,
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

fn stakeholder_view(stakeholder: &Stakeholder) -> StakeholderView<'_> {
    StakeholderView {
        slug: &stakeholder.slug,
        title: &stakeholder.title,
        description: &stakeholder.description,
        url: &stakeholder.url,
        count: stakeholder.assets.len(),
    }
}
