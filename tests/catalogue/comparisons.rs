//! Comparison sheets read from CSV files: ragged rows, byte order marks, quotes never closed,
//! files of 100,000 rows.

use crate::{Case, builds, check, fails_at, fails_in, put};

/// The header row of a sheet with the options `Them` and `Us`.
const HEADER: &str = "criterion,group,weight,help,Them,Us\n";

/// A comparison sheet bundle whose `scores.csv` holds `csv`.
fn sheet(site: &std::path::Path, csv: impl AsRef<[u8]>) {
    put(
        site,
        "content/sheet/index.md",
        "+++\ntitle = \"Sheet\"\nkind = \"comparison\"\nsteps = [\"facts\"]\n\n[comparison]\ndata = \"scores.csv\"\nours = \"Us\"\n+++\nBody.\n",
    );
    put(site, "content/sheet/scores.csv", csv);
}

pub const CASES: &[Case] = &[
    Case {
        name: "a row with a cell too few",
        setup: |site| {
            sheet(
                site,
                format!("{HEADER}Speed,Capture,2,,1,5\nPrice,Cost,1,,3\n"),
            )
        },
        expect: fails_at("content/sheet/scores.csv", 3),
    },
    Case {
        name: "a row with a cell too many",
        setup: |site| sheet(site, format!("{HEADER}Speed,Capture,2,,1,5,6\n")),
        expect: fails_at("content/sheet/scores.csv", 2),
    },
    Case {
        name: "a quote never closed",
        setup: |site| {
            sheet(
                site,
                format!("{HEADER}Speed,Capture,2,,1,5\n\"Price,Cost,1,,3,4\nRisk,Cost,1,,3,4\n"),
            )
        },
        expect: fails_at("content/sheet/scores.csv", 3),
    },
    Case {
        name: "a byte order mark and Windows line ends (Excel's \"CSV UTF-8\")",
        setup: |site| {
            sheet(
                site,
                format!("\u{feff}{HEADER}Speed,Capture,2,,1,5\n").replace('\n', "\r\n"),
            )
        },
        expect: builds("comparisons/sheet/index.html", "Speed"),
    },
    Case {
        name: "Latin-1 (Excel's plain \"CSV\")",
        setup: |site| {
            sheet(
                site,
                [HEADER.as_bytes(), b"Caf\xe9,Capture,2,,1,5\n"].concat(),
            )
        },
        expect: fails_at("content/sheet/scores.csv", 2),
    },
    Case {
        name: "an empty file",
        setup: |site| sheet(site, ""),
        expect: fails_at("content/sheet/scores.csv", 1),
    },
    Case {
        name: "the header of another tool",
        setup: |site| sheet(site, "Feature,Them,Us\nSpeed,1,5\n"),
        expect: fails_at("content/sheet/scores.csv", 1),
    },
    Case {
        name: "a header without options, over a row of its four columns (found by fuzzing)",
        setup: |site| sheet(site, "criterion,group,weight,help\nSpeed,Capture,2,\n"),
        expect: fails_at("content/sheet/scores.csv", 1),
    },
    Case {
        name: "a score out of range and a weight that is text",
        setup: |site| {
            sheet(
                site,
                format!("{HEADER}Speed,Capture,heavy,,1,5\nPrice,Cost,1,,9,4\n"),
            )
        },
        expect: fails_at("content/sheet/scores.csv", 3),
    },
    Case {
        name: "a file the sheet names that is not there",
        setup: |site| {
            sheet(site, "");
            std::fs::remove_file(site.join("content/sheet/scores.csv")).expect("remove");
        },
        expect: fails_in("content/sheet/index.md"),
    },
    Case {
        name: "100,000 rows",
        setup: |site| {
            let rows: String = (0..100_000)
                .map(|row| {
                    format!(
                        "Criterion {row},Group {},{},,{},{}\n",
                        row % 10,
                        row % 5 + 1,
                        row % 6,
                        row * 7 % 6
                    )
                })
                .collect();
            sheet(site, format!("{HEADER}{rows}"));
        },
        expect: builds("comparisons/sheet/sheet.csv", "Criterion 99999"),
    },
];

#[test]
fn comparison_sheets() {
    check(CASES);
}
