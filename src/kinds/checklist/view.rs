//! What templates see of a checklist as `asset.data`: its items grouped under their headings,
//! and how many there are.

use serde::Serialize;

use super::{ChecklistData, Item};
use crate::kinds::shared::{self, Group};

impl ChecklistData {
    /// What templates see as `asset.data`.
    pub fn view(&self) -> ChecklistView<'_> {
        ChecklistView {
            total: self.items.len(),
            groups: shared::grouped(&self.items, |item| item.group.as_deref(), |item| item),
        }
    }
}

/// A checklist as templates see it: its items grouped, and how many there are.
#[derive(Serialize)]
pub struct ChecklistView<'a> {
    total: usize,
    groups: Vec<Group<&'a Item>>,
}
