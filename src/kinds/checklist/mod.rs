//! The `checklist` schema: items a buying team ticks off, each with an optional help text, owner
//! (a stakeholder) and group. Pages show real checkboxes whose state the buyer's browser keeps,
//! keyed by each item's text, so that editing the list never ticks the wrong item.

mod view;

use serde::Serialize;

use crate::config::Config;
use crate::content::Fields;
use crate::content::{FrontMatterNode, Located};
use crate::diagnostics::{Diagnostic, Problems, Source};

use super::KindData;
use super::shared::{self, Owner};

/// A checklist as read from its `[checklist]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistData {
    /// The items, in the order written.
    pub items: Vec<Item>,
}

/// One item to tick.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// What must be true.
    pub text: String,
    /// How to check it.
    pub help: Option<String>,
    /// Who sees to it.
    pub owner: Option<Owner>,
    /// The heading it is listed under.
    pub group: Option<String>,
    /// The key its ticked state is kept under, made from its text.
    pub key: String,
}

/// Reads a `[checklist]` table, adding every problem to `problems`; `None` when it has one.
pub fn read(
    table: FrontMatterNode,
    source: &Source,
    config: &Config,
    problems: &mut Problems,
) -> Option<KindData> {
    let mut fields = Fields::new(source, "checklist", table).within("the `[checklist]` table");
    if !fields.has("items") {
        fields.missing("items", "[{ text = \"…\", owner = \"finance\" }]");
    }
    let mut keys: Vec<String> = Vec::new();
    let items = fields.tables("items", "item", |mut item, problems| {
        let text = item.required_text("text", "\"The pilot has a written success measure.\"");
        let help = item.text("help").map(|help| help.value);
        let owner = shared::owner(&mut item, "owner", config);
        let group = item.text("group").map(|group| group.value);
        let text = text.filter(|text| !repeated(&mut item, &mut keys, text));
        item.finish(problems)?;
        let text = text?;
        Some(Item {
            key: shared::item_key(&text.value),
            text: text.value,
            help,
            owner,
            group,
        })
    });
    fields.finish(problems)?;
    Some(KindData::Checklist(Box::new(ChecklistData { items })))
}

/// True, and reported, when `text` says what an earlier item said (so it would share its key).
fn repeated(item: &mut Fields<'_>, keys: &mut Vec<String>, text: &Located<String>) -> bool {
    let key = shared::item_key(&text.value);
    if !keys.contains(&key) {
        keys.push(key);
        return false;
    }
    let problem = Diagnostic::error(
        item.source(),
        text.span.clone(),
        "this item says the same as an earlier one",
    )
    .with_help("each item is ticked on its own; merge the two or say what differs");
    item.report(problem);
    true
}
