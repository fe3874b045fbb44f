//! Front matter: never closed, every common field of the wrong type, syntax errors, keys given
//! twice, TOML and YAML mixed, and nothing at all.

use crate::{Case, builds, check, fails_at, put};

/// A TOML asset at `content/odd.md` whose front matter holds `fields` after its title.
fn toml_asset(site: &std::path::Path, fields: &str) {
    put(
        site,
        "content/odd.md",
        format!("+++\ntitle = \"Odd\"\n{fields}+++\nBody.\n"),
    );
}

/// A guide at `content/odd.md` with `line` (on line 5) added to its front matter.
fn guide_with(site: &std::path::Path, line: &str) {
    toml_asset(
        site,
        &format!("kind = \"guide\"\nsteps = [\"facts\"]\n{line}\n"),
    );
}

pub const CASES: &[Case] = &[
    Case {
        name: "YAML front matter never closed",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "---\ntitle: Open\nkind: guide\n\nBody.\n",
            )
        },
        expect: fails_at("content/odd.md", 1),
    },
    Case {
        name: "a closing line with text after the delimiter",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "+++\ntitle = \"X\"\n+++ end\nBody.\n",
            )
        },
        expect: fails_at("content/odd.md", 1),
    },
    Case {
        name: "`title` as a number",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "+++\ntitle = 2026\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n",
            )
        },
        expect: fails_at("content/odd.md", 2),
    },
    Case {
        name: "`kind` as a list",
        setup: |site| toml_asset(site, "kind = [\"guide\"]\nsteps = [\"facts\"]\n"),
        expect: fails_at("content/odd.md", 3),
    },
    Case {
        name: "`steps` as a number",
        setup: |site| toml_asset(site, "kind = \"guide\"\nsteps = 1\n"),
        expect: fails_at("content/odd.md", 4),
    },
    Case {
        name: "`stakeholders` as a table",
        setup: |site| guide_with(site, "stakeholders = { finance = true }"),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "`summary` as true",
        setup: |site| guide_with(site, "summary = true"),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "`reviewed` as a number",
        setup: |site| guide_with(site, "reviewed = 20260331"),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "`draft` as text",
        setup: |site| guide_with(site, "draft = \"yes\""),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "`weight` with a fraction",
        setup: |site| guide_with(site, "weight = 1.5"),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "`weight` beyond 64 bits",
        setup: |site| guide_with(site, "weight = 99999999999999999999"),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "`slug` as a list",
        setup: |site| guide_with(site, "slug = [\"a\"]"),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "YAML `steps` as a table",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "---\ntitle: Odd\nkind: guide\nsteps: {facts: yes}\n---\n",
            )
        },
        expect: fails_at("content/odd.md", 4),
    },
    Case {
        name: "TOML: a value without quotes",
        setup: |site| toml_asset(site, "kind = guide\nsteps = [\"facts\"]\n"),
        expect: fails_at("content/odd.md", 3),
    },
    Case {
        name: "TOML: a list never closed",
        setup: |site| toml_asset(site, "kind = \"guide\"\nsteps = [\"facts\"\n"),
        expect: fails_at("content/odd.md", 4),
    },
    Case {
        name: "YAML: a tab for indentation",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "---\ntitle: Odd\nkind: guide\nsteps:\n\t- facts\n---\n",
            )
        },
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "TOML: a key given twice",
        setup: |site| guide_with(site, "title = \"Again\""),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "YAML: a key given twice",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "---\ntitle: Odd\nkind: guide\nsteps: [facts]\nkind: guide\n---\n",
            )
        },
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "YAML lines between TOML delimiters",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "+++\ntitle: Odd\nkind: guide\nsteps: [facts]\n+++\n",
            )
        },
        expect: fails_at("content/odd.md", 2),
    },
    Case {
        name: "opened with `---`, closed with `+++`",
        setup: |site| {
            put(
                site,
                "content/odd.md",
                "---\ntitle: Odd\nkind: guide\nsteps: [facts]\n+++\n",
            )
        },
        expect: fails_at("content/odd.md", 1),
    },
    Case {
        name: "an empty file",
        setup: |site| put(site, "content/odd.md", ""),
        expect: fails_at("content/odd.md", 1),
    },
    Case {
        name: "front matter with no fields",
        setup: |site| put(site, "content/odd.md", "+++\n+++\nBody.\n"),
        expect: fails_at("content/odd.md", 1),
    },
    Case {
        name: "YAML front matter that is one line of text",
        setup: |site| put(site, "content/odd.md", "---\njust a sentence\n---\nBody.\n"),
        expect: fails_at("content/odd.md", 2),
    },
    Case {
        name: "front matter with only a comment",
        setup: |site| put(site, "content/odd.md", "+++\n# nothing yet\n+++\n"),
        expect: fails_at("content/odd.md", 1),
    },
    Case {
        name: "a YAML anchor and alias, resolved",
        setup: |site| {
            put(
                site,
                "content/alias.md",
                "---\ntitle: &name Aliased guide\nkind: guide\nsteps: [facts]\nsummary: *name\n---\nBody.\n",
            )
        },
        expect: builds("guides/alias/index.html", "Aliased guide"),
    },
];

#[test]
fn front_matter() {
    check(CASES);
}
