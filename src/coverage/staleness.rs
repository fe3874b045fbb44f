//! Staleness: the published assets due for review, and the review dates written in the future.

use crate::diagnostics::Diagnostic;
use crate::site::{Site, SiteAsset};

use super::tables::source_of;
use super::{Date, Stale};

/// A warning for each asset, published or draft, reviewed after `today`: most likely a typo,
/// and one that keeps the asset from ever counting as stale.
pub fn future_reviews(site: &Site, today: Date) -> Vec<Diagnostic> {
    (site.assets().chain(site.drafts()))
        .filter_map(|asset| {
            let written = asset.asset.reviewed.as_ref()?;
            let reviewed = written.value.parse::<Date>().ok()?;
            (reviewed > today).then(|| {
                Diagnostic::warning(
                    &asset.asset.source,
                    written.span.clone(),
                    format!("`reviewed` is {reviewed}, which is after today, {today}"),
                )
                .with_help("write the date this asset was last reviewed; a date in the future keeps it from ever counting as stale")
            })
        })
        .collect()
}

/// The published assets due for review on `today`: never reviewed, or reviewed more than
/// `stale_after_days` ago; never reviewed first, then the oldest.
pub(super) fn stale(site: &Site, assets: &[&SiteAsset], today: Date) -> Vec<Stale> {
    let limit = i64::from(site.config.coverage.stale_after_days);
    let mut stale: Vec<Stale> = assets
        .iter()
        .filter_map(|asset| {
            let reviewed =
                (asset.asset.reviewed.as_ref()).and_then(|d| d.value.parse::<Date>().ok());
            let age_days = reviewed.map(|date| today.days_since(date));
            age_days.is_none_or(|age| age > limit).then(|| Stale {
                title: asset.asset.title.value.clone(),
                url: asset.placement.url.clone(),
                source: source_of(asset),
                reviewed,
                age_days,
            })
        })
        .collect();
    stale.sort_by(|a, b| (a.reviewed, &a.source).cmp(&(b.reviewed, &b.source)));
    stale
}
