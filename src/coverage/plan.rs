//! The plan side of measurement: for every step, the step events a site with `[analytics]`
//! should expect its pages to report — `next-step` from it to the step after, its
//! `trial-close` — and the published assets whose pages offer each besides the step's own
//! page: those whose first step it is, since an asset's page leads on from its first step.

use crate::site::{Site, SiteAsset};

use super::{StepEvent, StepEventName};

/// The expected step events of every step, in journey order; `assets` are indexes into
/// `assets`, the published assets in the report's order.
pub(super) fn plan(site: &Site, assets: &[&SiteAsset]) -> Vec<Vec<StepEvent>> {
    let event = |name, from: &str, to: &str, url: &str| StepEvent {
        event: name,
        from: from.to_string(),
        to: to.to_string(),
        url: url.to_string(),
        assets: Vec::new(),
    };
    let mut plans: Vec<Vec<StepEvent>> = (site
        .steps
        .iter()
        .zip(site.steps.iter().skip(1).map(Some).chain([None])))
    .map(|(step, next)| {
        let next =
            next.map(|next| event(StepEventName::NextStep, &step.slug, &next.slug, &next.url));
        let close = (step.close.as_ref()).map(|close| {
            event(
                StepEventName::TrialClose,
                &step.slug,
                &step.slug,
                close.url.get_ref(),
            )
        });
        next.into_iter().chain(close).collect()
    })
    .collect();
    for (index, asset) in assets.iter().enumerate() {
        let first = asset.placement.steps.first();
        for planned in first
            .and_then(|&step| plans.get_mut(step))
            .into_iter()
            .flatten()
        {
            planned.assets.push(index);
        }
    }
    plans
}
