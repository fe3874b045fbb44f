//! The report as Markdown, for a pull-request comment: the percentage, the two tables, the gaps
//! and the to-do list.

use std::fmt::Write;

use super::{Table, UNICODE, gap_text, kinds_table, stakeholders_table, summary, todo_text};
use crate::coverage::Coverage;

/// The report as Markdown.
pub fn text(coverage: &Coverage, title: &str) -> String {
    let mut out = format!(
        "### Coverage of {}: {} %\n\n{}, on {}.\n\n",
        markdown_literal(title),
        coverage.percent,
        summary(coverage),
        coverage.today
    );
    out.push_str(&table(&kinds_table(coverage, &UNICODE)));
    if !coverage.stakeholders.is_empty() {
        out.push('\n');
        out.push_str(&table(&stakeholders_table(coverage, &UNICODE)));
    }
    out.push_str("\n✓ expected and present · ✗ expected and missing · \\* hidden step\n");
    let gaps: Vec<String> = (coverage.steps.iter())
        .filter(|step| !step.missing.is_empty())
        .map(|step| {
            format!(
                "- step {} {}: {}",
                step.number,
                step.slug,
                markdown_literal(&gap_text(step))
            )
        })
        .collect();
    list(&mut out, "Gaps", &gaps);
    let todo: Vec<String> = (coverage.todo.iter())
        .map(|item| format!("{}. {}", item.rank, markdown_literal(&todo_text(item))))
        .collect();
    list(&mut out, "To do", &todo);
    out
}

fn list(out: &mut String, heading: &str, lines: &[String]) {
    if !lines.is_empty() {
        let _ = write!(out, "\n**{heading}**\n\n{}\n", lines.join("\n"));
    }
}

/// A Markdown table: the header, the alignment row (numbers to the right), the rows.
fn table(table: &Table) -> String {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|cell| markdown_literal(cell)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut alignment = vec![":---".to_string()];
    alignment.extend((1..table.header.len()).map(|_| "---:".to_string()));
    let mut out = row(&table.header);
    out.push_str(&format!("| {} |\n", alignment.join(" | ")));
    for cells in &table.rows {
        out.push_str(&row(cells));
    }
    out
}

/// Text that Markdown shows as it is: table bars and stars escaped.
fn markdown_literal(text: &str) -> String {
    text.replace('|', "\\|").replace('*', "\\*")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_escape_what_markdown_would_read() {
        let cases = [
            ("plain", "plain"),
            ("4 values*", "4 values\\*"),
            ("a | b", "a \\| b"),
        ];
        for (text, expected) in cases {
            assert_eq!(markdown_literal(text), expected);
        }
    }

    #[test]
    fn a_table_has_an_alignment_row() {
        let table = super::table(&Table {
            header: vec!["step".into(), "guide".into()],
            rows: vec![vec!["1 key-facts".into(), "2✓".into()]],
        });
        assert_eq!(
            table,
            "| step | guide |\n| :--- | ---: |\n| 1 key-facts | 2✓ |\n"
        );
    }
}
