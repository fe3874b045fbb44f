//! `stepwise.toml`: missing, broken, of the wrong shape, naming a theme there is none of.

use crate::{Case, GUIDE, builds, check, edit, fails_at, fails_in, put};

pub const CASES: &[Case] = &[
    Case {
        name: "no stepwise.toml",
        setup: |site| std::fs::remove_file(site.join("stepwise.toml")).expect("remove"),
        expect: fails_in("stepwise.toml"),
    },
    Case {
        name: "stepwise.toml is a folder",
        setup: |site| {
            std::fs::remove_file(site.join("stepwise.toml")).expect("remove");
            std::fs::create_dir(site.join("stepwise.toml")).expect("a folder");
        },
        expect: fails_in("stepwise.toml"),
    },
    Case {
        name: "an empty stepwise.toml",
        setup: |site| put(site, "stepwise.toml", ""),
        expect: fails_at("stepwise.toml", 1),
    },
    Case {
        name: "a string never closed",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "title = \"Small site\"",
                "title = \"Small site",
            )
        },
        expect: fails_at("stepwise.toml", 1),
    },
    Case {
        name: "a title that is a number",
        setup: |site| edit(site, "stepwise.toml", "title = \"Small site\"", "title = 5"),
        expect: fails_at("stepwise.toml", 1),
    },
    Case {
        name: "`[steps]` for `[[steps]]`",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "[[steps]]\nslug = \"sign\"",
                "[steps]\nslug = \"sign\"",
            )
        },
        expect: fails_at("stepwise.toml", 18),
    },
    Case {
        name: "a journey without steps",
        setup: |site| {
            let text = std::fs::read_to_string(site.join("stepwise.toml")).expect("read");
            let (head, rest) = text.split_once("[[steps]]").expect("steps");
            let kinds = &rest[rest.find("[[kinds]]").expect("kinds")..];
            put(
                site,
                "stepwise.toml",
                format!("{head}steps = []\n\n{kinds}"),
            );
            std::fs::remove_dir_all(site.join("content")).expect("no assets");
        },
        expect: fails_in("stepwise.toml"),
    },
    Case {
        name: "a theme named by a path out of the site",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "base_url",
                "theme = \"../../../etc\"\nbase_url",
            )
        },
        expect: fails_at("stepwise.toml", 2),
    },
    Case {
        name: "a theme folder without templates",
        setup: |site| {
            put(site, "themes/empty/README.md", "Nothing here yet.\n");
            edit(
                site,
                "stepwise.toml",
                "base_url",
                "theme = \"empty\"\nbase_url",
            );
        },
        expect: fails_in("index.html"),
    },
    Case {
        name: "a step slug that names a folder of stepwise's is only a step",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "slug = \"sign\"",
                "slug = \"coverage\"",
            );
            edit(
                site,
                "content/checklists/ready.md",
                "steps: [sign]",
                "steps: [coverage]",
            );
            put(site, "content/reserved.md", GUIDE);
        },
        expect: builds("steps/coverage/index.html", "Ready to sign"),
    },
    Case {
        name: "a stakeholder and a kind of one slug",
        setup: |site| edit(site, "stepwise.toml", "slug = \"it\"", "slug = \"guide\""),
        expect: builds("stakeholders/guide/index.html", "IT"),
    },
];

#[test]
fn configuration() {
    check(CASES);
}
