//! Addresses that would run code in the buyer's browser: a `javascript:`, `vbscript:` or
//! `data:` address in a Markdown link or image, a step's description or the call to action,
//! however it is written (any case, spaces and tabs, an entity for a letter), is refused at
//! the field; an address that merely mentions one is built.

use crate::{Case, GUIDE, builds, check, edit, fails_at, put};

/// A guide at `content/odd.md` whose body (from line 6) is `body`.
fn guide_saying(site: &std::path::Path, body: &str) {
    put(site, "content/odd.md", format!("{GUIDE}\n{body}\n"));
}

pub const CASES: &[Case] = &[
    Case {
        name: "a `javascript:` link in a body",
        setup: |site| guide_saying(site, "[Click](javascript:alert(document.cookie))"),
        expect: fails_at("content/odd.md", 7),
    },
    Case {
        name: "a `JavaScript:` link with spaces and a tab, as an autolink's neighbour",
        setup: |site| guide_saying(site, "Text.\n\n[x](<  Java\tScript:alert(1)>)"),
        expect: fails_at("content/odd.md", 9),
    },
    Case {
        name: "a `javascript:` link with an entity for a letter",
        setup: |site| guide_saying(site, "[x](&#106;avascript:alert(1))"),
        expect: fails_at("content/odd.md", 7),
    },
    Case {
        name: "a `vbscript:` link as a reference",
        setup: |site| guide_saying(site, "[x][1]\n\n[1]: vbscript:msgbox(1)"),
        expect: fails_at("content/odd.md", 7),
    },
    Case {
        name: "a `data:` image",
        setup: |site| guide_saying(site, "![x](data:text/html;base64,PHNjcmlwdD4=)"),
        expect: fails_at("content/odd.md", 7),
    },
    Case {
        name: "a `javascript:` call to action",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "url = \"https://www.example.com/contact\"",
                "url = \"javascript:alert(1)\"",
            )
        },
        expect: fails_at("stepwise.toml", 6),
    },
    Case {
        name: "a `javascript:` link in a step's description",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "question = \"What is going on?\"",
                "question = \"What is going on?\"\ndescription = \"Read [this](javascript:alert(1)).\"",
            )
        },
        expect: fails_at("stepwise.toml", 12),
    },
    Case {
        name: "a `javascript:` logo and header link of the theme",
        setup: |site| {
            edit(
                site,
                "stepwise.toml",
                "[call_to_action]",
                "[theme]\nlogo = \"javascript:alert(1)\"\ncall_to_action = { title = \"Go\", url = \" JAVASCRIPT:alert(1)\" }\n\n[call_to_action]",
            )
        },
        expect: fails_at("stepwise.toml", 6),
    },
    Case {
        name: "an address that only mentions `javascript:`",
        setup: |site| {
            guide_saying(
                site,
                "[About javascript:](https://example.com/javascript:x)",
            )
        },
        expect: builds(
            "guides/odd/index.html",
            "href=\"https://example.com/javascript:x\"",
        ),
    },
];

#[test]
fn addresses() {
    check(CASES);
}
