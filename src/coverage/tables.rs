//! Measuring: the assets of every step counted by kind and by stakeholder in one pass, each
//! cell marked when the step expects it, and what a step needs and whether it has it.

use crate::site::{AssetKind, Site, SiteAsset, Step};

use super::{AssetRef, Cell, Heading, Need, NeedType, StepCoverage, StepEvent, Verdict, Verdicts};

/// One step's cells: its assets, the kind cells and the stakeholder cells.
pub(super) type StepCells = (usize, Vec<Cell>, Vec<Cell>);

/// The cells of every step, filled from the published assets in one pass.
pub(super) struct Tables {
    /// Per step, in journey order.
    pub(super) steps: Vec<StepCells>,
}

impl Tables {
    pub(super) fn count(site: &Site, assets: &[&SiteAsset]) -> Tables {
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
pub(super) fn needs_of(site: &Site, (count, kinds, people): &StepCells) -> Vec<(Need, bool)> {
    let mut needs: Vec<(Need, bool)> = (kinds.iter().zip(&site.kinds))
        .filter(|(cell, _)| cell.expected)
        .map(|(cell, kind)| (kind_need(kind), cell.count > 0))
        .collect();
    needs.extend(
        (people.iter().zip(&site.stakeholders))
            .filter(|(cell, _)| cell.expected)
            .map(|(cell, stakeholder)| {
                let need = Need {
                    r#type: NeedType::Stakeholder,
                    slug: Some(stakeholder.slug.clone()),
                    title: stakeholder.title.clone(),
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

fn kind_need(kind: &AssetKind) -> Need {
    Need {
        r#type: NeedType::Kind,
        slug: Some(kind.slug.clone()),
        title: kind.title.clone(),
    }
}

pub(super) fn step_coverage(
    step: &Step,
    needs: &[(Need, bool)],
    (assets, kinds, stakeholders): StepCells,
    events: Vec<StepEvent>,
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
        events,
    }
}

pub(super) fn verdicts(steps: &[StepCoverage]) -> Verdicts {
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

pub(super) fn headings<'a>(
    items: impl Iterator<Item = (&'a String, &'a String, &'a String)>,
) -> Vec<Heading> {
    items
        .map(|(slug, title, url)| Heading {
            slug: slug.clone(),
            title: title.clone(),
            url: url.clone(),
        })
        .collect()
}

pub(super) fn asset_ref(asset: &SiteAsset) -> AssetRef {
    AssetRef {
        title: asset.asset.title.value.clone(),
        url: asset.placement.url.clone(),
        source: source_of(asset),
    }
}

/// The asset's source file as the user reads it, under `content/`.
pub(super) fn source_of(asset: &SiteAsset) -> String {
    asset.asset.source.name.to_string()
}
