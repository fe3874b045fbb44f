//! The `action-plan` schema: tasks with an owner (a stakeholder), a week or phase and what "done"
//! means. Pages show them as a timeline table grouped by phase, and the plan is published as a
//! spreadsheet the buyer adopts as their own.

mod view;

use rust_xlsxwriter::XlsxError;
use serde::Serialize;

use crate::config::Config;
use crate::content::Fields;
use crate::content::FrontMatterNode;
use crate::diagnostics::{Problems, Source};

use super::KindData;
use super::shared::{self, Owner};

/// An action plan as read from its `[action-plan]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionPlanData {
    /// The tasks, in the order written.
    pub tasks: Vec<Task>,
}

/// One task of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// What to do.
    pub task: String,
    /// Who does it.
    pub owner: Option<Owner>,
    /// The week or phase, such as "Week 1"; tasks are grouped by it.
    pub when: Option<String>,
    /// How the team knows it is done.
    pub done_when: Option<String>,
}

/// The columns of the plan's spreadsheet; the last is left for the buyer to fill in.
const COLUMNS: [&str; 5] = ["When", "Task", "Owner", "Done when", "Status"];

/// Reads an `[action-plan]` table, adding every problem to `problems`; `None` when it has one.
pub fn read(
    table: FrontMatterNode,
    source: &Source,
    config: &Config,
    problems: &mut Problems,
) -> Option<KindData> {
    let mut fields = Fields::new(source, "action plan", table).within("the `[action-plan]` table");
    if !fields.has("tasks") {
        fields.missing(
            "tasks",
            "[{ task = \"…\", owner = \"finance\", when = \"Week 1\" }]",
        );
    }
    let tasks = fields.tables("tasks", "task", |mut item, problems| {
        let task = item.required_text("task", "\"Book the weekly steering meeting\"");
        let owner = shared::owner(&mut item, "owner", config);
        let when = item.text("when").map(|when| when.value);
        let done_when = item.text("done_when").map(|done| done.value);
        item.finish(problems)?;
        Some(Task {
            task: task?.value,
            owner,
            when,
            done_when,
        })
    });
    fields.finish(problems)?;
    Some(KindData::ActionPlan(Box::new(ActionPlanData { tasks })))
}

impl ActionPlanData {
    /// The plan as a spreadsheet, one row per task, for an asset titled `title`.
    pub fn workbook(&self, title: &str) -> Result<Vec<u8>, XlsxError> {
        let rows: Vec<Vec<String>> = (self.tasks.iter())
            .map(|task| {
                let text = |value: &Option<String>| value.clone().unwrap_or_default();
                let owner = task.owner.as_ref().map(|owner| owner.title.clone());
                vec![
                    text(&task.when),
                    task.task.clone(),
                    owner.unwrap_or_default(),
                    text(&task.done_when),
                    String::new(),
                ]
            })
            .collect();
        shared::workbook(title, "Action plan", &COLUMNS, &rows)
    }
}
