//! The report as `stepwise coverage` prints it: the steps × kinds and steps × stakeholders
//! tables with counts and marks, the gaps, dead ends, stale assets, drafts, the to-do list and
//! the overall percentage. Ticks and crosses on a terminal, plain ASCII otherwise.

use std::fmt::Write;

use super::{
    ASCII, Symbols, Table, UNICODE, gap_text, kinds_table, stakeholders_table, summary, todo_text,
};
use crate::coverage::Coverage;

/// The report as text; `plain` keeps it to ASCII.
pub fn text(coverage: &Coverage, title: &str, plain: bool) -> String {
    let symbols = if plain { ASCII } else { UNICODE };
    let mut out = format!("Coverage of {title} on {}\n\n", coverage.today);
    out.push_str(&aligned(&kinds_table(coverage, &symbols)));
    out.push('\n');
    if !coverage.stakeholders.is_empty() {
        out.push_str(&aligned(&stakeholders_table(coverage, &symbols)));
        out.push('\n');
    }
    out.push_str(&legend(&symbols));
    out.push_str(&lists(coverage));
    out.push_str(&summary(coverage));
    out.push('\n');
    out
}

/// What the marks mean.
fn legend(symbols: &Symbols) -> String {
    format!(
        "{} expected and present   0{} expected and missing   {} none, not expected   * hidden step\n",
        symbols.met, symbols.missing, symbols.none
    )
}

/// The gaps, dead ends, stale assets, drafts and the to-do list, each under its heading.
fn lists(coverage: &Coverage) -> String {
    let mut out = String::new();
    let gaps = coverage
        .steps
        .iter()
        .filter(|step| !step.missing.is_empty());
    section(
        &mut out,
        "Gaps",
        gaps.map(|step| format!("step {} {}: {}", step.number, step.slug, gap_text(step))),
    );
    let dead_ends = coverage.steps.iter().filter(|step| step.dead_end);
    let hidden = |hidden: bool| if hidden { " (hidden step)" } else { "" };
    section(
        &mut out,
        "Dead ends: steps with nothing for the buyer",
        dead_ends.map(|step| format!("step {} {}{}", step.number, step.slug, hidden(step.hidden))),
    );
    let heading = format!("Stale: not reviewed in {} days", coverage.stale_after_days);
    section(
        &mut out,
        &heading,
        coverage
            .stale
            .iter()
            .map(|stale| match (stale.reviewed, stale.age_days) {
                (Some(date), Some(age)) => {
                    format!("{}  reviewed {date}, {age} days ago", stale.source)
                }
                _ => format!("{}  never reviewed", stale.source),
            }),
    );
    let filling = coverage
        .drafts
        .iter()
        .filter(|draft| !draft.fills.is_empty());
    section(
        &mut out,
        "Drafts that would fill a gap",
        filling.map(|draft| {
            let fills: Vec<String> = (draft.fills.iter())
                .map(|gap| format!("step {} {}", gap.number, gap.need.title))
                .collect();
            format!("{}: {}", draft.source, fills.join(", "))
        }),
    );
    section(
        &mut out,
        "To do",
        coverage
            .todo
            .iter()
            .map(|item| format!("{:>2}. {}", item.rank, todo_text(item))),
    );
    out
}

/// A heading and its lines, indented; nothing when there are no lines.
fn section(out: &mut String, heading: &str, lines: impl Iterator<Item = String>) {
    let mut lines = lines.peekable();
    if lines.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
}

/// A table with its columns aligned: the first to the left, the others to the right.
fn aligned(table: &Table) -> String {
    let width = |column: usize| {
        let rows = table.rows.iter().filter_map(|row| row.get(column));
        (rows.chain(table.header.get(column)))
            .map(|cell| cell.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..table.header.len()).map(width).collect();
    let line = |cells: &Vec<String>| {
        let mut line = String::new();
        for (column, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(width - cell.chars().count());
            if column == 0 {
                let _ = write!(line, "{cell}{pad}");
            } else {
                let _ = write!(line, "  {pad}{cell}");
            }
        }
        line.trim_end().to_string() + "\n"
    };
    let rows = table.rows.iter().map(line);
    std::iter::once(line(&table.header)).chain(rows).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_whatever_the_marks() {
        let table = Table {
            header: vec!["step".into(), "guide".into(), "verdict".into()],
            rows: vec![
                vec!["1 key-facts".into(), "2✓".into(), "covered".into()],
                vec!["2 values*".into(), "0✗".into(), "gap".into()],
            ],
        };
        let expected = "\
step         guide  verdict
1 key-facts     2✓  covered
2 values*       0✗      gap
";
        assert_eq!(aligned(&table), expected);
    }
}
