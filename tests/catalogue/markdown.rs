//! Markdown at its extremes: bodies of megabytes, nesting ten thousand deep, huge tables.

use crate::{Case, GUIDE, builds, check, put};

/// A guide at `content/<name>.md` with `body`.
fn guide(site: &std::path::Path, name: &str, body: &str) {
    put(
        site,
        &format!("content/{name}.md"),
        format!("{GUIDE}{body}"),
    );
}

pub const CASES: &[Case] = &[
    Case {
        name: "a body of 10 MB",
        setup: |site| {
            let paragraph = "Words of a long report, written out in full. ".repeat(40);
            guide(
                site,
                "huge",
                &format!("{paragraph}\n\n").repeat(10 * 1024 * 1024 / 1800),
            );
        },
        expect: builds("guides/huge/index.html", "Words of a long report"),
    },
    Case {
        name: "lists nested 10,000 deep",
        setup: |site| {
            let lists: String = (0..10_000)
                .map(|depth| format!("{}- level\n", "  ".repeat(depth)))
                .collect();
            guide(site, "deep-lists", &lists);
        },
        expect: builds("guides/deep-lists/index.html", "<li>level"),
    },
    Case {
        name: "block quotes nested 10,000 deep",
        setup: |site| {
            guide(
                site,
                "deep-quotes",
                &format!("{} quoted\n", ">".repeat(10_000)),
            )
        },
        expect: builds("guides/deep-quotes/index.html", "quoted"),
    },
    Case {
        name: "list markers 10,000 deep on one line",
        setup: |site| {
            guide(
                site,
                "deep-markers",
                &format!("{}item\n", "- ".repeat(10_000)),
            )
        },
        expect: builds("guides/deep-markers/index.html", "item"),
    },
    Case {
        name: "10,000 brackets and emphasis marks never closed",
        setup: |site| {
            guide(
                site,
                "brackets",
                &format!("{}{} end\n", "[".repeat(10_000), "*_".repeat(5_000)),
            )
        },
        expect: builds("guides/brackets/index.html", " end"),
    },
    Case {
        name: "a table of 500 columns and 2,000 rows",
        setup: |site| {
            let row = |cell: &str| format!("|{}|\n", vec![cell; 500].join("|"));
            let table = format!("{}{}{}", row("head"), row("---"), row("cell").repeat(2_000));
            guide(site, "table", &table);
        },
        expect: builds("guides/table/index.html", "<td>cell</td>"),
    },
    Case {
        name: "a heading 10,000 characters long and 1,000 headings alike",
        setup: |site| {
            let long = format!("## {}\n\n", "word".repeat(2_500));
            guide(
                site,
                "headings",
                &format!("{long}{}", "## Same\n\n".repeat(1_000)),
            );
        },
        expect: builds("guides/headings/index.html", "id=\"same-999\""),
    },
    Case {
        name: "raw HTML never closed",
        setup: |site| guide(site, "raw", "<div><table><tr><td>open\n\nAfter.\n"),
        expect: builds("guides/raw/index.html", "open"),
    },
];

#[test]
fn markdown_extremes() {
    check(CASES);
}
