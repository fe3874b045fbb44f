//! What the coverage report is written as: the files of the report ([`File`]: the page, the
//! JSON and the badge, at `/coverage/` in the site or beside the output folder), and the text
//! of each format — [`terminal`], [`markdown`], [`badge`], and the journey [`diagram`] the
//! page shows. The page itself is rendered by the theme's `coverage.html`.

pub mod badge;
pub mod diagram;
pub mod markdown;
pub mod terminal;

use std::path::{Path, PathBuf};

use super::{Cell, Coverage, NeedType, StepCoverage, Todo, Verdict};

/// The folder of the report in the built site.
pub const FOLDER: &str = "coverage";

/// The theme template of the report's page.
pub const TEMPLATE: &str = "coverage.html";

/// A file of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    /// The page, `index.html`.
    Page,
    /// The data, `coverage.json`.
    Json,
    /// The badge, `coverage.svg`.
    Badge,
}

impl File {
    /// Every file of the report.
    pub const ALL: [File; 3] = [File::Page, File::Json, File::Badge];

    /// Its file name.
    pub fn name(self) -> &'static str {
        match self {
            File::Page => "index.html",
            File::Json => "coverage.json",
            File::Badge => "coverage.svg",
        }
    }
}

/// Where the report goes when it is not published: the folder beside the output folder,
/// named after it with `-coverage` (`output/` gives `output-coverage/`).
pub fn beside(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |name| name.to_string_lossy());
    output.with_file_name(format!("{name}-coverage"))
}

/// The report as compact JSON in the format [`super::SCHEMA`], described in
/// `docs/coverage.schema.json` (pipe it through `jq` to read it). `<`, `>` and `&` are written
/// as `\u003c`, `\u003e` and `\u0026`, so that the file stays harmless wherever it is pasted
/// into a page.
pub fn json(coverage: &Coverage) -> String {
    // The report holds only strings, numbers and lists, which always serialise.
    let text = serde_json::to_string(coverage).unwrap_or_default();
    // Outside strings JSON has none of these characters, so this changes only string content.
    let mut safe = String::with_capacity(text.len() + 1);
    let mut copied = 0;
    for (at, c) in text.match_indices(['<', '>', '&']) {
        safe.push_str(&text[copied..at]);
        safe.push_str(match c {
            "<" => "\\u003c",
            ">" => "\\u003e",
            _ => "\\u0026",
        });
        copied = at + c.len();
    }
    safe.push_str(&text[copied..]);
    safe.push('\n');
    safe
}

/// What to call a verdict.
pub fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Covered => "covered",
        Verdict::Thin => "thin",
        Verdict::Gap => "gap",
    }
}

/// What a cell shows: the count and, where the step expects the column, whether it is met.
pub fn cell_text(count: usize, expected: bool, symbols: &Symbols) -> String {
    match (expected, count) {
        (true, 0) => format!("0{}", symbols.missing),
        (true, _) => format!("{count}{}", symbols.met),
        (false, 0) => symbols.none.to_string(),
        (false, _) => count.to_string(),
    }
}

/// The marks of the terminal and Markdown tables.
#[derive(Debug, Clone, Copy)]
pub struct Symbols {
    /// After the count of an expected column that has assets.
    pub met: &'static str,
    /// After the zero of an expected column with none.
    pub missing: &'static str,
    /// In place of a zero where nothing is expected.
    pub none: &'static str,
}

/// Ticks and crosses, for terminals and Markdown.
pub const UNICODE: Symbols = Symbols {
    met: "✓",
    missing: "✗",
    none: "·",
};

/// Plain ASCII, for logs and old terminals.
pub const ASCII: Symbols = Symbols {
    met: "+",
    missing: "x",
    none: ".",
};

/// The one-line summary: the percentage and the expectations behind it.
pub fn summary(coverage: &Coverage) -> String {
    let e = &coverage.expectations;
    let v = &coverage.verdicts;
    format!(
        "coverage {} % ({} of {} expectations met; {} step{} covered, {} thin, {} gap{})",
        coverage.percent,
        e.met,
        e.declared,
        v.covered,
        if v.covered == 1 { "" } else { "s" },
        v.thin,
        v.gap,
        if v.gap == 1 { "" } else { "s" },
    )
}

/// A table of the report: its header row and one row per step.
pub struct Table {
    /// The column names.
    pub header: Vec<String>,
    /// One row per step, as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

/// The steps × kinds table, with each step's verdict.
pub fn kinds_table(coverage: &Coverage, symbols: &Symbols) -> Table {
    let columns = coverage.kinds.iter().map(|kind| kind.slug.clone());
    let mut table = table(coverage, columns, |step| &step.kinds, symbols);
    table.header.push("verdict".to_string());
    for (row, step) in table.rows.iter_mut().zip(&coverage.steps) {
        row.push(verdict_word(step.verdict).to_string());
    }
    table
}

/// The steps × stakeholders table.
pub fn stakeholders_table(coverage: &Coverage, symbols: &Symbols) -> Table {
    let columns = coverage.stakeholders.iter().map(|s| s.slug.clone());
    table(coverage, columns, |step| &step.stakeholders, symbols)
}

fn table(
    coverage: &Coverage,
    columns: impl Iterator<Item = String>,
    cells: impl Fn(&StepCoverage) -> &Vec<Cell>,
    symbols: &Symbols,
) -> Table {
    let mut header = vec!["step".to_string()];
    header.extend(columns);
    let rows = (coverage.steps.iter())
        .map(|step| {
            let mut row = vec![step_label(step)];
            let counts = cells(step).iter();
            row.extend(counts.map(|cell| cell_text(cell.count, cell.expected, symbols)));
            row
        })
        .collect();
    Table { header, rows }
}

/// A step as tables name it: `4 operating-values*`, the star marking a hidden step.
fn step_label(step: &StepCoverage) -> String {
    let hidden = if step.hidden { "*" } else { "" };
    format!("{} {}{hidden}", step.number, step.slug)
}

/// What a step lacks, in words: `no Checklist; nothing for Procurement`.
pub fn gap_text(step: &StepCoverage) -> String {
    let needs = step.missing.iter().map(|need| match need.r#type {
        NeedType::Kind => format!("no {}", need.title),
        NeedType::Stakeholder => format!("nothing for {}", need.title),
        NeedType::Any => "no asset at all".to_string(),
    });
    needs.collect::<Vec<_>>().join("; ")
}

/// One item of the to-do list, in words.
pub fn todo_text(item: &Todo) -> String {
    let need = &item.gap.need;
    let what = match need.r#type {
        NeedType::Kind => format!("a {}", need.title),
        NeedType::Stakeholder => format!("an asset for {}", need.title),
        NeedType::Any => "any asset".to_string(),
    };
    let audience = match (need.r#type, item.for_stakeholders.as_slice()) {
        (NeedType::Stakeholder, _) | (_, []) => String::new(),
        (_, names) => format!(", for {}", names.join(", ")),
    };
    let draft =
        (item.draft.as_ref()).map_or_else(String::new, |d| format!(" (the draft {d} would do)"));
    format!(
        "step {} {}: {what}{audience}{draft}",
        item.gap.number, item.gap.step
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_show_counts_and_marks() {
        let cases = [
            (0, true, "0✗", "0x"),
            (2, true, "2✓", "2+"),
            (0, false, "·", "."),
            (3, false, "3", "3"),
        ];
        for (count, expected, unicode, ascii) in cases {
            assert_eq!(cell_text(count, expected, &UNICODE), unicode);
            assert_eq!(cell_text(count, expected, &ASCII), ascii);
        }
    }

    #[test]
    fn the_unpublished_report_sits_beside_the_output() {
        let cases = [
            ("output", "output-coverage"),
            ("site/output", "site/output-coverage"),
            ("/tmp/out/", "/tmp/out-coverage"),
        ];
        for (output, expected) in cases {
            assert_eq!(beside(Path::new(output)), PathBuf::from(expected));
        }
    }
}
