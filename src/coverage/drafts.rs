//! Drafts: every unpublished asset with the unmet expectations it would meet once published.

use crate::site::Site;

use super::tables::source_of;
use super::{Draft, Gap, Need, NeedType, StepCoverage};

/// The unpublished drafts, each with the unmet expectations it would meet.
pub(super) fn drafts(site: &Site, steps: &[StepCoverage]) -> Vec<Draft> {
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

pub(super) fn gap(step: &StepCoverage, need: &Need) -> Gap {
    Gap {
        step: step.slug.clone(),
        number: step.number,
        need: need.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
