//! What templates see of an action plan as `asset.data`: its tasks grouped by phase.

use serde::Serialize;

use super::{ActionPlanData, Task};
use crate::kinds::shared::{self, Group};

impl ActionPlanData {
    /// What templates see as `asset.data`.
    pub fn view(&self) -> ActionPlanView<'_> {
        ActionPlanView {
            phases: shared::grouped(&self.tasks, |task| task.when.as_deref(), |task| task),
        }
    }
}

/// An action plan as templates see it: its tasks grouped by phase.
#[derive(Serialize)]
pub struct ActionPlanView<'a> {
    phases: Vec<Group<&'a Task>>,
}
