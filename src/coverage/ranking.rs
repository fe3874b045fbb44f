//! Ranking: what to write next, from the unmet expectations of every step and the drafts that
//! would meet them.

use std::cmp::Reverse;

use crate::site::Site;

use super::drafts::gap;
use super::{Draft, NeedType, StepCoverage, Todo};

/// What to write next, ranked: earlier steps first; within a step, the items for more
/// stakeholders who have nothing there first, then kinds before stakeholders, in configured
/// order. Each missing kind is an item, written for the expected stakeholders who lack
/// anything at the step; a missing stakeholder is an item of its own where no kind is missing.
pub(super) fn todo(site: &Site, steps: &[StepCoverage], drafts: &[Draft]) -> Vec<Todo> {
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
    (step.stakeholders.iter().zip(&site.stakeholders))
        .filter(|(cell, _)| cell.expected && cell.count == 0)
        .map(|(_, stakeholder)| stakeholder.title.clone())
        .collect()
}
