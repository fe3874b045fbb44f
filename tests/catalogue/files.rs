//! The file system: symbolic links that loop, leave the site or lead nowhere; names with
//! spaces, accents, capitals and characters no address may hold; hidden files and editors'
//! scratch files; things that are not files at all.

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::{Case, GUIDE, builds, check, fails_in, put};

/// A folder beside the site (outside it) holding a guide.
fn outside(site: &Path) -> std::path::PathBuf {
    let folder = site.parent().expect("the site has a parent").join("shared");
    put(
        &folder,
        "shared-guide.md",
        format!("{GUIDE}Shared between sites.\n"),
    );
    folder
}

pub const CASES: &[Case] = &[
    Case {
        name: "a link to a folder that holds it",
        setup: |site| symlink("..", site.join("content/guides/up")).expect("link"),
        expect: fails_in("content/guides/up"),
    },
    Case {
        name: "a link to itself",
        setup: |site| symlink("itself.md", site.join("content/itself.md")).expect("link"),
        expect: fails_in("content/itself.md"),
    },
    Case {
        name: "a dangling link",
        setup: |site| symlink("/nowhere/gone.md", site.join("content/gone.md")).expect("link"),
        expect: fails_in("content/gone.md"),
    },
    Case {
        name: "a link to a folder outside the site, whose assets are published",
        setup: |site| symlink(outside(site), site.join("content/shared")).expect("link"),
        expect: builds("guides/shared-guide/index.html", "Shared between sites."),
    },
    Case {
        name: "a link to one Markdown file outside the site",
        setup: |site| {
            let file = outside(site).join("shared-guide.md");
            symlink(file, site.join("content/linked.md")).expect("link");
        },
        expect: builds("guides/linked/index.html", "Shared between sites."),
    },
    Case {
        name: "a name with spaces",
        setup: |site| {
            put(
                site,
                "content/My Great Guide.md",
                format!("{GUIDE}Spaces.\n"),
            )
        },
        expect: builds("guides/my-great-guide/index.html", "Spaces."),
    },
    Case {
        name: "a name with accents, folded to ASCII",
        setup: |site| {
            put(
                site,
                "content/Café Übersicht.md",
                format!("{GUIDE}Accents.\n"),
            )
        },
        expect: builds("guides/cafe-ubersicht/index.html", "Accents."),
    },
    Case {
        name: "a name in capitals",
        setup: |site| put(site, "content/README.md", format!("{GUIDE}Capitals.\n")),
        expect: builds("guides/readme/index.html", "Capitals."),
    },
    Case {
        name: "a name with characters an address cannot hold",
        setup: |site| {
            put(
                site,
                "content/a?b#c%d&e<f>.md",
                format!("{GUIDE}Escaped.\n"),
            )
        },
        expect: builds("guides/a-b-c-d-e-f/index.html", "Escaped."),
    },
    Case {
        name: "a name no address can be made of",
        setup: |site| put(site, "content/!!!.md", GUIDE),
        expect: fails_in("content/!!!.md"),
    },
    Case {
        name: "editors' scratch files beside an asset are not content",
        setup: |site| {
            for name in [
                ".#draft.md",
                "draft.md~",
                "#draft.md#",
                ".draft.md.swp",
                "4913",
                ".DS_Store",
            ] {
                put(
                    site,
                    &format!("content/{name}"),
                    "half a thought, no front matter",
                );
            }
            put(site, "content/draft.md", format!("{GUIDE}Saved.\n"));
        },
        expect: builds("guides/draft/index.html", "Saved."),
    },
    Case {
        name: "a hidden folder (a .git of its own) is not content",
        setup: |site| {
            put(site, "content/.git/HEAD", "ref: refs/heads/main\n");
            put(site, "content/.obsidian/notes.md", "no front matter");
            put(site, "content/visible.md", format!("{GUIDE}Visible.\n"));
        },
        expect: builds("guides/visible/index.html", "Visible."),
    },
    Case {
        name: "a named pipe called .md is no file and is skipped, not read forever",
        setup: |site| {
            let made = std::process::Command::new("mkfifo")
                .arg(site.join("content/pipe.md"))
                .status()
                .expect("mkfifo runs");
            assert!(made.success());
            put(
                site,
                "content/beside.md",
                format!("{GUIDE}Beside a pipe.\n"),
            );
        },
        expect: builds("guides/beside/index.html", "Beside a pipe."),
    },
    Case {
        name: "a folder called .md is no file",
        setup: |site| {
            put(site, "content/folder.md/inside.txt", "not an asset");
            put(site, "content/plain.md", format!("{GUIDE}Plain.\n"));
        },
        expect: builds("guides/plain/index.html", "Plain."),
    },
];

#[test]
fn the_file_system() {
    check(CASES);
}

/// The message of a loop names the link and what to do.
#[test]
fn a_link_that_loops_says_to_remove_it() {
    let (_outer, site) = crate::site();
    symlink("..", site.join("content/guides/up")).expect("link");
    let report = crate::common::fails(&site, &["build"]);
    assert!(report.contains("leads back to `content`"), "{report}");
}
