//! The coverage report: for every step of the journey, which kinds of asset and which
//! stakeholders it has something for, measured against what `stepwise.toml` expects of it —
//! the kinds a step `expects`, and the stakeholders of `[coverage]` (or of the step). It also
//! finds stale assets, dead ends and the drafts that would fill a gap, and ranks what to write
//! next. [`measure`] is a pure function of the site model and the date; [`report`] turns its
//! result into the page, the JSON, the badge and the terminal's text.

pub mod date;
pub mod report;

use std::cmp::Reverse;

use serde::Serialize;

pub use date::Date;

use crate::config::KindConfig;
use crate::diagnostics::Diagnostic;
use crate::site::{Kind, Site, SiteAsset, Step};

/// The name and version of the JSON format, written as its `schema` field.
pub const SCHEMA: &str = "stepwise-coverage/1";

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The date the report was measured for.
    pub today: Date,
    /// The address of the site; every `url` of the report is a link relative to its host.
    pub base_url: String,
    /// An asset reviewed longer ago than this many days is stale.
    pub stale_after_days: u32,
    /// Expectations met, in whole percent of those declared (rounded down).
    pub percent: u32,
    /// How many expectations were declared and how many are met.
    pub expectations: Tally,
    /// How many steps have each verdict.
    pub verdicts: Verdicts,
    /// The kinds, in configured order: the columns of every step's `kinds`.
    pub kinds: Vec<Heading>,
    /// The stakeholders, in configured order: the columns of every step's `stakeholders`.
    pub stakeholders: Vec<Heading>,
    /// Every step, in journey order.
    pub steps: Vec<StepCoverage>,
    /// Every published asset, in site order; cells refer to them by index.
    pub assets: Vec<AssetRef>,
    /// Published assets never reviewed or reviewed too long ago, oldest first.
    pub stale: Vec<Stale>,
    /// The unpublished drafts, with the gaps each would fill.
    pub drafts: Vec<Draft>,
    /// The missing expectations, most urgent first.
    pub todo: Vec<Todo>,
}

/// A count of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tally {
    /// How many there are.
    pub declared: usize,
    /// How many are met.
    pub met: usize,
}

/// How many steps have each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Verdicts {
    /// Steps with at least two assets and every expectation met.
    pub covered: usize,
    /// Steps with one asset only, or an expectation unmet.
    pub thin: usize,
    /// Steps with no published asset.
    pub gap: usize,
}

/// A kind or a stakeholder, as the report names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// The identifier.
    pub slug: String,
    /// The name.
    pub title: String,
    /// The link to its listing.
    pub url: String,
}

/// What the report says of one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCoverage {
    /// The identifier.
    pub slug: String,
    /// Its place in the journey, from 1.
    pub number: usize,
    /// Its name.
    pub title: String,
    /// The link to its page.
    pub url: String,
    /// Whether buyers rarely state it out loud.
    pub hidden: bool,
    /// How many published assets serve it.
    pub assets: usize,
    /// Covered, thin or gap.
    pub verdict: Verdict,
    /// True when its page offers the buyer nothing to take to the next step.
    pub dead_end: bool,
    /// One cell per kind, in the order of [`Coverage::kinds`].
    pub kinds: Vec<Cell>,
    /// One cell per stakeholder, in the order of [`Coverage::stakeholders`].
    pub stakeholders: Vec<Cell>,
    /// The expectations of this step that are not met.
    pub missing: Vec<Need>,
}

/// The verdict on a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// At least two assets, and every expectation met.
    Covered,
    /// One asset only, or an expectation unmet.
    Thin,
    /// No published asset.
    Gap,
}

/// The assets of one step for one kind or stakeholder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// How many assets.
    pub count: usize,
    /// Whether the step expects this kind or stakeholder.
    pub expected: bool,
    /// The assets, as indexes into [`Coverage::assets`].
    pub assets: Vec<usize>,
}

/// A published asset, as cells refer to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetRef {
    /// Its title.
    pub title: String,
    /// The link to its page.
    pub url: String,
    /// Its source file, relative to the site.
    pub source: String,
}

/// Something a step should have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Need {
    /// What is needed.
    pub r#type: NeedType,
    /// The kind's or the stakeholder's slug; none for [`NeedType::Any`].
    pub slug: Option<String>,
    /// What to call it: the kind's or the stakeholder's name, or "any asset".
    pub title: String,
}

/// What a step needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NeedType {
    /// An asset of an expected kind.
    Kind,
    /// An asset for an expected stakeholder.
    Stakeholder,
    /// Any asset at all: the need of a step that expects nothing in particular.
    Any,
}

/// A published asset that is due for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stale {
    /// Its title.
    pub title: String,
    /// The link to its page.
    pub url: String,
    /// Its source file, relative to the site.
    pub source: String,
    /// When it was last reviewed, if it says.
    pub reviewed: Option<Date>,
    /// Days since then.
    pub age_days: Option<i64>,
}

/// An unpublished draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// Its title.
    pub title: String,
    /// Its source file, relative to the site.
    pub source: String,
    /// Its kind's slug.
    pub kind: String,
    /// The slugs of the steps it serves.
    pub steps: Vec<String>,
    /// The unmet expectations it would meet if published.
    pub fills: Vec<Gap>,
}

/// An unmet expectation of one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The step's slug.
    pub step: String,
    /// The step's number.
    pub number: usize,
    /// What the step lacks.
    pub need: Need,
}

/// One item of the to-do list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Todo {
    /// Its place in the list, from 1.
    pub rank: usize,
    /// The step and what it lacks.
    pub gap: Gap,
    /// The step's name.
    pub step_title: String,
    /// The expected stakeholders that have nothing at this step, by name: whom to write for.
    pub for_stakeholders: Vec<String>,
    /// The source file of a draft that would fill the gap if published.
    pub draft: Option<String>,
}

/// Measures the coverage of `site` on `today`.
pub fn measure(site: &Site, today: Date) -> Coverage {
    let config = &site.config;
    let assets: Vec<&SiteAsset> = site.assets().collect();
    let tables = Tables::count(site, &assets);
    let needs: Vec<Vec<(Need, bool)>> = (tables.steps.iter())
        .map(|cells| needs_of(site, cells))
        .collect();
    let steps: Vec<StepCoverage> = (site.steps.iter().zip(&needs).zip(tables.steps))
        .map(|((step, needs), cells)| step_coverage(step, needs, cells))
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
        kinds: headings(
            site.kinds
                .iter()
                .zip(&config.kinds)
                .map(|(k, c)| (&k.slug, &c.title, &k.url)),
        ),
        stakeholders: headings(
            (site.stakeholders.iter().zip(&config.stakeholders))
                .map(|(s, c)| (&s.slug, &c.title, &s.url)),
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

/// One step's cells: its assets, the kind cells and the stakeholder cells.
type StepCells = (usize, Vec<Cell>, Vec<Cell>);

/// The cells of every step, filled from the published assets in one pass.
struct Tables {
    /// Per step, in journey order.
    steps: Vec<StepCells>,
}

impl Tables {
    fn count(site: &Site, assets: &[&SiteAsset]) -> Tables {
        let cell = |expected: bool| Cell {
            count: 0,
            expected,
            assets: Vec::new(),
        };
        let mut steps: Vec<StepCells> = (site.config.steps.iter())
            .map(|step| {
                let expects = |slug: &str| step.expects.iter().any(|e| e.get_ref() == slug);
                let expected = step.expected_stakeholders(&site.config.coverage);
                let expects_stakeholder = |slug: &str| expected.iter().any(|e| e.get_ref() == slug);
                let kinds = (site.kinds.iter())
                    .map(|kind| cell(expects(&kind.slug)))
                    .collect();
                let people = (site.stakeholders.iter())
                    .map(|stakeholder| cell(expects_stakeholder(&stakeholder.slug)));
                (0, kinds, people.collect())
            })
            .collect();
        for (index, asset) in assets.iter().enumerate() {
            let placement = &asset.placement;
            for &s in &placement.steps {
                let Some((count, kinds, people)) = steps.get_mut(s) else {
                    continue;
                };
                *count += 1;
                add(kinds.get_mut(placement.kind), index);
                for &t in &placement.stakeholders {
                    add(people.get_mut(t), index);
                }
            }
        }
        Tables { steps }
    }
}

fn add(cell: Option<&mut Cell>, asset: usize) {
    if let Some(cell) = cell {
        cell.count += 1;
        cell.assets.push(asset);
    }
}

/// The expectations of a step, each with whether it is met: its expected kinds, then its
/// expected stakeholders; a step that expects nothing needs at least one asset.
fn needs_of(site: &Site, (count, kinds, people): &StepCells) -> Vec<(Need, bool)> {
    let config = &site.config;
    let kind_cells = kinds.iter().zip(site.kinds.iter().zip(&config.kinds));
    let mut needs: Vec<(Need, bool)> = kind_cells
        .filter(|(cell, _)| cell.expected)
        .map(|(cell, (kind, kind_config))| (kind_need(kind, kind_config), cell.count > 0))
        .collect();
    let stakeholders = site.stakeholders.iter().zip(&config.stakeholders);
    needs.extend(
        (people.iter().zip(stakeholders))
            .filter(|(cell, _)| cell.expected)
            .map(|(cell, (stakeholder, stakeholder_config))| {
                let need = Need {
                    r#type: NeedType::Stakeholder,
                    slug: Some(stakeholder.slug.clone()),
                    title: stakeholder_config.title.clone(),
                };
                (need, cell.count > 0)
            }),
    );
    if needs.is_empty() {
        let any = Need {
            r#type: NeedType::Any,
            slug: None,
            title: "any asset".to_string(),
        };
        needs.push((any, *count > 0));
    }
    needs
}

fn kind_need(kind: &Kind, config: &KindConfig) -> Need {
    Need {
        r#type: NeedType::Kind,
        slug: Some(kind.slug.clone()),
        title: config.title.clone(),
    }
}

fn step_coverage(
    step: &Step,
    needs: &[(Need, bool)],
    (assets, kinds, stakeholders): StepCells,
) -> StepCoverage {
    let missing: Vec<Need> = needs
        .iter()
        .filter(|(_, met)| !met)
        .map(|(need, _)| need.clone())
        .collect();
    let verdict = match assets {
        0 => Verdict::Gap,
        1 => Verdict::Thin,
        _ if !missing.is_empty() => Verdict::Thin,
        _ => Verdict::Covered,
    };
    StepCoverage {
        slug: step.slug.clone(),
        number: step.number,
        title: step.title.clone(),
        url: step.url.clone(),
        hidden: step.hidden,
        assets,
        verdict,
        dead_end: assets == 0,
        kinds,
        stakeholders,
        missing,
    }
}

fn verdicts(steps: &[StepCoverage]) -> Verdicts {
    let mut verdicts = Verdicts::default();
    for step in steps {
        *match step.verdict {
            Verdict::Covered => &mut verdicts.covered,
            Verdict::Thin => &mut verdicts.thin,
            Verdict::Gap => &mut verdicts.gap,
        } += 1;
    }
    verdicts
}

fn headings<'a>(items: impl Iterator<Item = (&'a String, &'a String, &'a String)>) -> Vec<Heading> {
    items
        .map(|(slug, title, url)| Heading {
            slug: slug.clone(),
            title: title.clone(),
            url: url.clone(),
        })
        .collect()
}

fn asset_ref(asset: &SiteAsset) -> AssetRef {
    AssetRef {
        title: asset.asset.title.value.clone(),
        url: asset.placement.url.clone(),
        source: source_of(asset),
    }
}

/// The asset's source file as the user reads it, under `content/`.
fn source_of(asset: &SiteAsset) -> String {
    asset.asset.source.name.to_string()
}

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
fn stale(site: &Site, assets: &[&SiteAsset], today: Date) -> Vec<Stale> {
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

/// The unpublished drafts, each with the unmet expectations it would meet.
fn drafts(site: &Site, steps: &[StepCoverage]) -> Vec<Draft> {
    site.drafts()
        .into_iter()
        .map(|draft| {
            let placement = &draft.placement;
            let kind = (site.kinds.get(placement.kind))
                .map(|kind| kind.slug.clone())
                .unwrap_or_default();
            let stakeholders: Vec<&str> = (placement.stakeholders.iter())
                .filter_map(|&t| site.stakeholders.get(t))
                .map(|stakeholder| stakeholder.slug.as_str())
                .collect();
            let its_steps = || placement.steps.iter().filter_map(|&s| steps.get(s));
            let fills = its_steps()
                .flat_map(|step| {
                    step.missing
                        .iter()
                        .filter(|need| fills(need, &kind, &stakeholders))
                        .map(|need| gap(step, need))
                })
                .collect();
            Draft {
                title: draft.asset.title.value.clone(),
                source: source_of(draft),
                steps: its_steps().map(|step| step.slug.clone()).collect(),
                kind,
                fills,
            }
        })
        .collect()
}

/// True when an asset of `kind` for `stakeholders` meets `need`.
fn fills(need: &Need, kind: &str, stakeholders: &[&str]) -> bool {
    let slug = need.slug.as_deref().unwrap_or_default();
    match need.r#type {
        NeedType::Kind => slug == kind,
        NeedType::Stakeholder => stakeholders.contains(&slug),
        NeedType::Any => true,
    }
}

fn gap(step: &StepCoverage, need: &Need) -> Gap {
    Gap {
        step: step.slug.clone(),
        number: step.number,
        need: need.clone(),
    }
}

/// What to write next, ranked: earlier steps first; within a step, the items for more
/// stakeholders who have nothing there first, then kinds before stakeholders, in configured
/// order. Each missing kind is an item, written for the expected stakeholders who lack
/// anything at the step; a missing stakeholder is an item of its own where no kind is missing.
fn todo(site: &Site, steps: &[StepCoverage], drafts: &[Draft]) -> Vec<Todo> {
    let mut items: Vec<(usize, Todo)> = steps
        .iter()
        .flat_map(|step| {
            let lacking = lacking(site, step);
            // An asset of a missing kind, written for the stakeholders who lack anything,
            // meets their needs too: they get an item of their own only when no kind is missing.
            let kind_missing = (step.missing.iter()).any(|need| need.r#type == NeedType::Kind);
            let needs = step.missing.iter().enumerate();
            let needs = needs
                .filter(move |(_, need)| !(kind_missing && need.r#type == NeedType::Stakeholder));
            needs.map(move |(order, need)| {
                let for_stakeholders = match need.r#type {
                    NeedType::Stakeholder => vec![need.title.clone()],
                    NeedType::Kind | NeedType::Any => lacking.clone(),
                };
                let gap = gap(step, need);
                let draft = (drafts.iter())
                    .find(|draft| draft.fills.contains(&gap))
                    .map(|draft| draft.source.clone());
                let item = Todo {
                    rank: 0,
                    gap,
                    step_title: step.title.clone(),
                    for_stakeholders,
                    draft,
                };
                (order, item)
            })
        })
        .collect();
    items.sort_by_key(|(order, item)| {
        (
            item.gap.number,
            Reverse(item.for_stakeholders.len()),
            *order,
        )
    });
    (items.into_iter().enumerate())
        .map(|(rank, (_, item))| Todo {
            rank: rank + 1,
            ..item
        })
        .collect()
}

/// The names of the stakeholders a step expects that have nothing at it.
fn lacking(site: &Site, step: &StepCoverage) -> Vec<String> {
    (step.stakeholders.iter().zip(&site.config.stakeholders))
        .filter(|(cell, _)| cell.expected && cell.count == 0)
        .map(|(_, stakeholder)| stakeholder.title.clone())
        .collect()
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

    #[test]
    fn an_asset_fills_the_needs_of_its_kind_and_stakeholders() {
        let need = |r#type, slug: Option<&str>| Need {
            r#type,
            slug: slug.map(str::to_string),
            title: String::new(),
        };
        let cases = [
            (
                need(NeedType::Kind, Some("guide")),
                "guide",
                vec!["it"],
                true,
            ),
            (
                need(NeedType::Kind, Some("guide")),
                "checklist",
                vec!["it"],
                false,
            ),
            (
                need(NeedType::Stakeholder, Some("it")),
                "checklist",
                vec!["finance", "it"],
                true,
            ),
            (
                need(NeedType::Stakeholder, Some("it")),
                "checklist",
                vec!["finance"],
                false,
            ),
            (need(NeedType::Any, None), "checklist", vec![], true),
        ];
        for (need, kind, stakeholders, expected) in cases {
            assert_eq!(
                fills(&need, kind, &stakeholders),
                expected,
                "{need:?} by {kind}"
            );
        }
    }
}
