//! Paths and slugs: anything that would write outside the output folder or over another file.

use crate::{Case, GUIDE, check, edit, fails_at, fails_in, put};

/// A guide at `content/odd.md` whose slug is `slug` (on line 5).
fn slugged(site: &std::path::Path, slug: &str) {
    put(
        site,
        "content/odd.md",
        format!(
            "+++\ntitle = \"Odd\"\nkind = \"guide\"\nsteps = [\"facts\"]\nslug = {slug}\n+++\n"
        ),
    );
}

pub const CASES: &[Case] = &[
    Case {
        name: "a slug that climbs out with `..`",
        setup: |site| slugged(site, "\"../../../etc/passwd\""),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "a slug with a `/`",
        setup: |site| slugged(site, "\"guides/facts-guide\""),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "a slug that is an absolute path",
        setup: |site| slugged(site, "\"/tmp/x\""),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "a slug with a backslash",
        setup: |site| slugged(site, "'..\\..\\x'"),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "a slug of `.`",
        setup: |site| slugged(site, "\".\""),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "a slug percent-encoded",
        setup: |site| slugged(site, "\"%2e%2e\""),
        expect: fails_at("content/odd.md", 5),
    },
    Case {
        name: "a bundle file that would write over its asset's page",
        setup: |site| {
            put(site, "content/bundle/index.md", GUIDE);
            put(site, "content/bundle/index.html", "<p>Not the page.</p>");
        },
        expect: fails_in("content/bundle/index.html"),
    },
    Case {
        name: "a bundle and a file of the same slug",
        setup: |site| {
            put(site, "content/twin/index.md", GUIDE);
            put(site, "content/twin.md", GUIDE);
        },
        expect: fails_at("content/twin.md", 1),
    },
    Case {
        name: "the same name in capitals and in lower case",
        setup: |site| {
            put(site, "content/Upper.md", GUIDE);
            put(site, "content/upper.md", GUIDE);
        },
        expect: fails_at("content/Upper.md", 1),
    },
    Case {
        name: "a kind whose plural makes no address (it wrote outside the output)",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "plural = \"Guides\"",
                "plural = \"!!!\"",
            )
        },
        expect: fails_at("stepwise.toml", 26),
    },
    Case {
        name: "a kind whose plural takes the coverage report's folder",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "plural = \"Guides\"",
                "plural = \"Coverage\"",
            )
        },
        expect: fails_at("stepwise.toml", 26),
    },
    Case {
        name: "two kinds with one plural",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "plural = \"Checklists\"",
                "plural = \"Guides\"",
            )
        },
        expect: fails_at("stepwise.toml", 31),
    },
];

#[test]
fn paths_and_slugs() {
    check(CASES);
}
