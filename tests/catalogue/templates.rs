//! Errors in a site's own templates, which override the theme's.

use crate::{Case, GUIDE, builds, check, fails_at, fails_in, put};

/// The site's own `templates/step.html`, with `line` as its third line.
fn step(site: &std::path::Path, line: &str) {
    put(
        site,
        "templates/step.html",
        format!(
            "{{% extends \"base.html\" %}}\n{{% block content %}}\n{line}\n{{% endblock content %}}\n"
        ),
    );
}

pub const CASES: &[Case] = &[
    Case {
        name: "an include of a template there is none of",
        setup: |site| step(site, "{% include \"sidebar.html\" %}"),
        expect: fails_at("step.html", 3),
    },
    Case {
        name: "a template that includes itself",
        setup: |site| step(site, "{% include \"step.html\" %}"),
        expect: fails_in("step.html"),
    },
    Case {
        name: "a template that extends itself",
        setup: |site| put(site, "templates/step.html", "{% extends \"step.html\" %}\n"),
        expect: fails_in("step.html"),
    },
    Case {
        name: "a division by zero while rendering",
        setup: |site| step(site, "{{ 1 / 0 }}"),
        expect: fails_at("templates/step.html", 3),
    },
    Case {
        name: "a block never closed",
        setup: |site| step(site, "{% if true %}"),
        expect: fails_at("templates/step.html", 4),
    },
    Case {
        name: "a filter given the wrong type",
        setup: |site| step(site, "{{ \"a\" | truncate(length=\"x\") }}"),
        expect: fails_at("templates/step.html", 3),
    },
    Case {
        name: "a loop of 100 million",
        setup: |site| step(site, "{% for i in range(end=100000000) %}{% endfor %}"),
        expect: fails_at("templates/step.html", 3),
    },
    Case {
        name: "a template in Latin-1",
        setup: |site| {
            put(
                site,
                "templates/step.html",
                b"{% extends \"base.html\" %}\n{% block content %}Caf\xe9{% endblock content %}\n",
            )
        },
        expect: fails_at("templates/step.html", 2),
    },
    Case {
        name: "an editor's backup of a broken template is no template",
        setup: |site| {
            put(site, "templates/step.html~", "{% if %}");
            put(site, "templates/#step.html#", "{% for %}");
            put(site, "content/backed-up.md", format!("{GUIDE}Backed up.\n"));
        },
        expect: builds("guides/backed-up/index.html", "Backed up."),
    },
];

#[test]
fn site_templates() {
    check(CASES);
}
