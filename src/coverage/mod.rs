//! The coverage report: for every step of the journey, which kinds of asset and which
//! stakeholders it has something for, measured against what `stepwise.toml` expects of it —
//! the kinds a step `expects`, and the stakeholders of `[coverage]` (or of the step). It also
//! finds stale assets, dead ends and the drafts that would fill a gap, and ranks what to write
//! next. [`measure`] is a pure function of the site model and the date; [`report`] turns its
//! result into the page, the JSON, the badge and the terminal's text.

//!
//! The report's JSON contract is in [`contract`]; [`tables`] counts the assets of every step
//! against its expectations, [`staleness`] finds the assets due for review, [`drafts`] what each
//! draft would fill, [`ranking`] orders what to write next, and [`plan`] lists the step events
//! each step's pages can report.

mod contract;
pub mod date;
mod drafts;
mod plan;
mod ranking;
pub mod report;
mod staleness;
mod tables;

pub use contract::{
    AssetRef, Cell, Coverage, Draft, Gap, Heading, Need, NeedType, Stale, StepCoverage, StepEvent,
    StepEventName, Tally, Todo, Verdict, Verdicts,
};
pub use date::Date;
pub use staleness::future_reviews;

use crate::site::{Site, SiteAsset};
use drafts::drafts;
use ranking::todo;
use staleness::stale;
use tables::{Tables, asset_ref, headings, needs_of, step_coverage, verdicts};

/// The name and version of the JSON format, written as its `schema` field.
pub const SCHEMA: &str = "stepwise-coverage/1";

/// Measures the coverage of `site` on `today`.
pub fn measure(site: &Site, today: Date) -> Coverage {
    let config = &site.config;
    let assets: Vec<&SiteAsset> = site.assets().collect();
    let tables = Tables::count(site, &assets);
    let needs: Vec<Vec<(Need, bool)>> = (tables.steps.iter())
        .map(|cells| needs_of(site, cells))
        .collect();
    let plans = plan::plan(site, &assets);
    let steps: Vec<StepCoverage> = (site.steps.iter().zip(&needs).zip(tables.steps))
        .zip(plans)
        .map(|(((step, needs), cells), events)| step_coverage(step, needs, cells, events))
        .collect();
    let declared = needs.iter().map(Vec::len).sum();
    let met = needs.iter().flatten().filter(|(_, met)| *met).count();
    let drafts = drafts(site, &steps);
    Coverage {
        schema: SCHEMA,
        today,
        base_url: site.base_url.clone(),
        stale_after_days: config.coverage.stale_after_days,
        percent: percent(met, declared),
        expectations: Tally { declared, met },
        verdicts: verdicts(&steps),
        kinds: headings(site.kinds.iter().map(|k| (&k.slug, &k.title, &k.url))),
        stakeholders: headings(
            site.stakeholders
                .iter()
                .map(|s| (&s.slug, &s.title, &s.url)),
        ),
        todo: todo(site, &steps, &drafts),
        stale: stale(site, &assets, today),
        assets: assets.into_iter().map(asset_ref).collect(),
        steps,
        drafts,
    }
}

/// Expectations met, in whole percent, rounded down so that 100 means every one.
fn percent(met: usize, declared: usize) -> u32 {
    if declared == 0 {
        return 100;
    }
    u32::try_from(met * 100 / declared).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_down_so_100_means_every_expectation() {
        let cases = [
            (0, 0, 100),
            (0, 4, 0),
            (1, 3, 33),
            (2, 3, 66),
            (199, 200, 99),
            (5, 5, 100),
        ];
        for (met, declared, expected) in cases {
            assert_eq!(percent(met, declared), expected, "{met} of {declared}");
        }
    }
}
