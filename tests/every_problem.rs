//! Every problem in one run, and no false ones: a site with a mistake in each of many files
//! reports each mistake once, at its `file:line:column` and with its help, in the first run, and
//! nothing else; the same site with one mistake alone reports just that one. A file that does
//! not parse is still known by its path, so links and testimonials that name it are not
//! reported as well.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use common::{stderr, stepwise, write};

/// The date the runs are made on, so that a `reviewed` date can be in the future.
const TODAY: &str = "2026-06-01";

/// The configuration of the site; `{top}` and `{end}` are the lines where a mistake adds a key
/// of its own (one mistake each, so that every line keeps its number).
const CONFIG: &str = r#"title = "Every problem"
base_url = "https://example.com/"
{top}
[[steps]]
slug = "key-facts"
title = "Key facts"
question = "What is going on?"

[[steps]]
slug = "options"
title = "Options"
question = "What can we do?"

[[kinds]]
slug = "guide"
title = "Guide"
plural = "Guides"

[[kinds]]
slug = "calculator"
title = "Calculator"
plural = "Calculators"

[[kinds]]
slug = "testimonial"
title = "Testimonial"
plural = "Testimonials"

[[kinds]]
slug = "case-study"
title = "Case study"
plural = "Case studies"

[[kinds]]
slug = "comparison"
title = "Comparison"
plural = "Comparisons"

[[stakeholders]]
slug = "finance"
title = "Finance"
{end}"#;

/// The assets of the site without mistakes; a step and a stakeholder written as one text
/// alone are lists of one.
const SOUND: &[(&str, &str)] = &[
    (
        "content/guides/start.md",
        "+++\ntitle = \"Start here\"\nkind = \"guide\"\nsteps = \"key-facts\"\nstakeholders = \"finance\"\n+++\nRead [the options](@/guides/options.md).\n",
    ),
    (
        "content/guides/options.md",
        "---\ntitle: The options\nkind: guide\nsteps: options\nstakeholders: finance\n---\nThe options.\n",
    ),
];

/// One mistake: what it adds to the configuration's top and end and which files it writes, and
/// the problems it must give, each as its first line, its place and its help.
struct Mistake {
    what: &'static str,
    top: &'static str,
    end: &'static str,
    files: &'static [(&'static str, &'static str)],
    reported: &'static [(&'static str, &'static str, &'static str)],
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        what: "a front matter never closed, and links to its file",
        top: "",
        end: "",
        files: &[
            (
                "content/guides/unclosed.md",
                "+++\ntitle = \"Never closed\"\nkind = \"guide\"\nsteps = [\"key-facts\"]\n\nThe body.\n",
            ),
            (
                "content/guides/links-to-unclosed.md",
                "+++\ntitle = \"Links to it\"\nkind = \"guide\"\nsteps = [\"key-facts\"]\n+++\nSee [the guide](@/guides/unclosed.md) and [its part](@/guides/unclosed.md#part).\n",
            ),
        ],
        reported: &[(
            "error: the front matter is never closed",
            "content/guides/unclosed.md:1:1",
            "add a line `+++` after the last front matter field",
        )],
    },
    Mistake {
        what: "a case study that does not parse, and testimonials that name it",
        top: "",
        end: "",
        files: &[
            (
                "content/case-studies/broken.md",
                "---\ntitle: Broken\nkind: case-study\nsteps: [options\n---\n",
            ),
            (
                "content/testimonials/by-path.md",
                "+++\ntitle = \"By path\"\nkind = \"testimonial\"\nsteps = [\"options\"]\n\n[testimonial]\nquote = \"Good.\"\nauthor = \"Ben\"\ncase_study = \"@/case-studies/broken.md\"\n+++\n",
            ),
            (
                "content/testimonials/by-slug.md",
                "+++\ntitle = \"By slug\"\nkind = \"testimonial\"\nsteps = [\"options\"]\n\n[testimonial]\nquote = \"Good.\"\nauthor = \"Cleo\"\ncase_study = \"broken\"\n+++\n",
            ),
        ],
        reported: &[(
            "error: this front matter is not valid YAML: while parsing a flow sequence, expected ',' or ']'",
            "content/case-studies/broken.md:5:1",
            "close every quote and bracket",
        )],
    },
    Mistake {
        what: "a kind misspelt, with the table of the kind it means",
        top: "",
        end: "",
        files: &[(
            "content/testimonials/anna.md",
            "+++\ntitle = \"Anna\"\nkind = \"testimonials\"\nsteps = [\"options\"]\n\n[testimonial]\nquote = \"Good.\"\nauthor = \"Anna\"\n+++\n",
        )],
        reported: &[(
            "error: unknown kind `testimonials`",
            "content/testimonials/anna.md:3:8",
            "did you mean `testimonial`?",
        )],
    },
    Mistake {
        what: "a front matter field misspelt",
        top: "",
        end: "",
        files: &[(
            "content/guides/typo.md",
            "+++\ntitel = \"A typo\"\nkind = \"guide\"\nsteps = [\"options\"]\n+++\nText.\n",
        )],
        reported: &[(
            "error: unknown key `titel` in the front matter",
            "content/guides/typo.md:2:1",
            "did you mean `title`?",
        )],
    },
    Mistake {
        what: "a calculator input with `name` where `id` belongs",
        top: "",
        end: "",
        files: &[(
            "content/calculators/named.md",
            "+++\ntitle = \"Named\"\nkind = \"calculator\"\nsteps = [\"options\"]\n\n[[calculator.inputs]]\nname = \"meetings\"\nlabel = \"Meetings\"\ndefault = 4\n\n[[calculator.outputs]]\nid = \"total\"\nlabel = \"Total\"\nformula = \"meetings * 2\"\n+++\n",
        )],
        reported: &[(
            "error: unknown key `name` in this input",
            "content/calculators/named.md:7:1",
            "did you mean `id`?",
        )],
    },
    Mistake {
        what: "an asset without a title, whose step is unknown too",
        top: "",
        end: "",
        files: &[(
            "content/guides/untitled.md",
            "+++\nkind = \"guide\"\nsteps = [\"option\"]\n+++\nText.\n",
        )],
        reported: &[
            (
                "error: this asset has no `title`",
                "content/guides/untitled.md:1:1",
                "add a line `title = ",
            ),
            (
                "error: unknown step `option`",
                "content/guides/untitled.md:3:10",
                "did you mean `options`?",
            ),
        ],
    },
    Mistake {
        what: "a calculator with an unknown step and an unknown format",
        top: "",
        end: "",
        files: &[(
            "content/calculators/both.md",
            "+++\ntitle = \"Both\"\nkind = \"calculator\"\nsteps = [\"optoins\"]\n\n[[calculator.inputs]]\nid = \"meetings\"\nlabel = \"Meetings\"\ndefault = 4\n\n[[calculator.outputs]]\nid = \"total\"\nlabel = \"Total\"\nformula = \"meetings * 2\"\nformat = \"percentage\"\n+++\n",
        )],
        reported: &[
            (
                "error: unknown step `optoins`",
                "content/calculators/both.md:4:10",
                "did you mean `options`?",
            ),
            (
                "error: unknown format `percentage`",
                "content/calculators/both.md:15:10",
                "did you mean `percent`?",
            ),
        ],
    },
    Mistake {
        what: "a value of the wrong type",
        top: "",
        end: "",
        files: &[(
            "content/guides/heavy.md",
            "+++\ntitle = \"Heavy\"\nkind = \"guide\"\nsteps = [\"options\"]\nweight = \"high\"\n+++\nText.\n",
        )],
        reported: &[(
            "error: `weight` must be a whole number, not text",
            "content/guides/heavy.md:5:10",
            "change the value to a whole number",
        )],
    },
    Mistake {
        what: "a formula that does not parse",
        top: "",
        end: "",
        files: &[(
            "content/calculators/formula.md",
            "+++\ntitle = \"Formula\"\nkind = \"calculator\"\nsteps = [\"options\"]\n\n[[calculator.inputs]]\nid = \"meetings\"\nlabel = \"Meetings\"\ndefault = 4\n\n[[calculator.outputs]]\nid = \"total\"\nlabel = \"Total\"\nformula = \"meetings * * 2\"\n+++\n",
        )],
        reported: &[(
            "error: unexpected `*`",
            "content/calculators/formula.md:14:23",
            "write a number, a name or `(` here, or remove this `*`",
        )],
    },
    Mistake {
        what: "a link to no asset",
        top: "",
        end: "",
        files: &[(
            "content/guides/broken-link.md",
            "+++\ntitle = \"Broken link\"\nkind = \"guide\"\nsteps = [\"options\"]\n+++\nSee [nothing](@/guides/nowhere-at-all.md).\n",
        )],
        reported: &[(
            "error: this link names `guides/nowhere-at-all.md`, and there is no such asset",
            "content/guides/broken-link.md:6:15",
            "link an asset by its path under content/",
        )],
    },
    Mistake {
        what: "an unknown step, written as one text",
        top: "",
        end: "",
        files: &[(
            "content/guides/step.md",
            "---\ntitle: Unknown step\nkind: guide\nsteps: key-fact\n---\nText.\n",
        )],
        reported: &[(
            "error: unknown step `key-fact`",
            "content/guides/step.md:4:8",
            "did you mean `key-facts`?",
        )],
    },
    Mistake {
        what: "an unknown stakeholder, written as one text",
        top: "",
        end: "",
        files: &[(
            "content/guides/stakeholder.md",
            "+++\ntitle = \"Unknown stakeholder\"\nkind = \"guide\"\nsteps = [\"options\"]\nstakeholders = \"finanse\"\n+++\nText.\n",
        )],
        reported: &[(
            "error: unknown stakeholder `finanse`",
            "content/guides/stakeholder.md:5:16",
            "did you mean `finance`?",
        )],
    },
    Mistake {
        what: "a score out of range in a comparison's CSV file",
        top: "",
        end: "",
        files: &[
            (
                "content/comparisons/crm/index.md",
                "+++\ntitle = \"CRM\"\nkind = \"comparison\"\nsteps = [\"options\"]\n\n[comparison]\ndata = \"scores.csv\"\n+++\n",
            ),
            (
                "content/comparisons/crm/scores.csv",
                "criterion,group,weight,help,Us,Them\nPrice,Cost,2,,5,3\nSpeed,Cost,3,,9,2\n",
            ),
        ],
        reported: &[(
            "error: a score of 9 is out of range",
            "content/comparisons/crm/scores.csv:3:15",
            "scores run from 0 (worst) to 5 (best)",
        )],
    },
    Mistake {
        what: "two assets with one slug",
        top: "",
        end: "",
        files: &[
            (
                "content/guides/same-a.md",
                "+++\ntitle = \"Same A\"\nkind = \"guide\"\nsteps = [\"options\"]\nslug = \"same\"\n+++\nText.\n",
            ),
            (
                "content/guides/same-b.md",
                "+++\ntitle = \"Same B\"\nkind = \"guide\"\nsteps = [\"options\"]\nslug = \"same\"\n+++\nText.\n",
            ),
        ],
        reported: &[(
            "error: two assets would be published at `/guides/same/`",
            "content/guides/same-b.md:5:8",
            "give one of them another `slug`",
        )],
    },
    Mistake {
        what: "a configuration value that is not valid",
        top: "currency = \"euro\"",
        end: "",
        files: &[],
        reported: &[(
            "error: `euro` is not an ISO 4217 currency code",
            "stepwise.toml:3:12",
            "write three capital letters",
        )],
    },
    Mistake {
        what: "a key of stepwise.toml misspelt",
        top: "",
        end: "descripton = \"The CFO.\"",
        files: &[],
        reported: &[(
            "error: unknown key `descripton`",
            "stepwise.toml:42:1",
            "did you mean `description`?",
        )],
    },
    Mistake {
        what: "a template that does not compile",
        top: "",
        end: "",
        files: &[(
            "templates/step.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ step.title }{% endblock %}\n",
        )],
        reported: &[(
            "error: template error: Found `}` but expected }}.",
            "templates/step.html:2:34",
            "fix the template",
        )],
    },
    Mistake {
        what: "a review date in the future",
        top: "",
        end: "",
        files: &[(
            "content/guides/future.md",
            "+++\ntitle = \"Reviewed later\"\nkind = \"guide\"\nsteps = [\"options\"]\nreviewed = 2099-01-01\n+++\nText.\n",
        )],
        reported: &[(
            "warning: `reviewed` is 2099-01-01, which is after today, 2026-06-01",
            "content/guides/future.md:5:12",
            "a date in the future keeps it from ever counting as stale",
        )],
    },
];

/// Writes the site with the `mistakes` into `dir`.
fn write_site(dir: &Path, mistakes: &[&Mistake]) {
    let top: String = mistakes.iter().map(|mistake| mistake.top).collect();
    let end: String = mistakes.iter().map(|mistake| mistake.end).collect();
    let config = CONFIG.replace("{top}", &top).replace("{end}", &end);
    write(dir, "stepwise.toml", &config);
    let files = mistakes.iter().flat_map(|mistake| mistake.files);
    for (path, text) in SOUND.iter().chain(files) {
        write(dir, path, text);
    }
}

/// One problem of a report: its first line, its place and its help.
type Reported = (String, String, String);

/// The problems of a run's report, sorted, with the exit code.
fn run(dir: &Path) -> (Option<i32>, Vec<Reported>, String) {
    let output = stepwise(dir, &["build", "--today", TODAY]);
    let report = stderr(&output);
    let mut problems = Vec::new();
    let mut lines = report.lines().peekable();
    while let Some(line) = lines.next() {
        let is_problem = line.starts_with("error: ") || line.starts_with("warning: ");
        if !is_problem || line.starts_with("error: stopped with") {
            continue;
        }
        let place = lines
            .peek()
            .and_then(|next| next.trim().strip_prefix("┌─ "));
        let place = place.unwrap_or_default().to_string();
        let help = (lines.clone())
            .take_while(|next| !next.starts_with("error: ") && !next.starts_with("warning: "))
            .find_map(|next| next.trim().strip_prefix("= help: "))
            .unwrap_or_default()
            .to_string();
        problems.push((line.to_string(), place, help));
    }
    problems.sort();
    (output.status.code(), problems, report)
}

/// Asserts that `found` holds exactly the problems of `mistakes`, each once, with its help.
fn assert_reports(found: &[Reported], mistakes: &[&Mistake], report: &str) {
    let mut expected: Vec<(&str, &str, &str)> = mistakes
        .iter()
        .flat_map(|mistake| mistake.reported.iter().copied())
        .collect();
    expected.sort();
    let found_places: Vec<(&str, &str)> = (found.iter())
        .map(|(line, place, _)| (line.as_str(), place.as_str()))
        .collect();
    let expected_places: Vec<(&str, &str)> = (expected.iter())
        .map(|&(line, place, _)| (line, place))
        .collect();
    assert_eq!(found_places, expected_places, "the report was:\n{report}");
    for ((line, _, help), (_, _, wanted)) in found.iter().zip(&expected) {
        assert!(
            help.contains(wanted),
            "`{line}` should help with `{wanted}`, not `{help}`"
        );
    }
}

/// The exit code a run with `mistakes` must end with: 1 for errors, 0 for warnings alone.
fn exit_code(mistakes: &[&Mistake]) -> Option<i32> {
    let errors = mistakes
        .iter()
        .flat_map(|mistake| mistake.reported)
        .any(|(line, _, _)| line.starts_with("error: "));
    Some(i32::from(errors))
}

#[test]
fn the_site_without_mistakes_builds_without_a_word() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_site(dir.path(), &[]);
    let (code, found, report) = run(dir.path());
    assert_eq!((code, found), (Some(0), Vec::new()), "{report}");
}

#[test]
fn every_mistake_of_a_site_is_reported_in_the_first_run_and_nothing_else() {
    assert!(MISTAKES.len() >= 12, "at least twelve different mistakes");
    let all: Vec<&Mistake> = MISTAKES.iter().collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_site(dir.path(), &all);
    let (code, found, report) = run(dir.path());
    assert_reports(&found, &all, &report);
    assert_eq!(code, exit_code(&all), "{report}");
    let errors = all
        .iter()
        .flat_map(|mistake| mistake.reported)
        .filter(|(line, _, _)| line.starts_with("error: "))
        .count();
    assert!(
        report.ends_with(&format!(
            "error: stopped with {errors} errors; nothing was written\n"
        )),
        "{report}"
    );
}

#[test]
fn each_mistake_alone_reports_just_itself() {
    for mistake in MISTAKES {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write_site(dir.path(), &[mistake]);
        let (code, found, report) = run(dir.path());
        assert_reports(&found, &[mistake], &format!("{}:\n{report}", mistake.what));
        assert_eq!(code, exit_code(&[mistake]), "{}:\n{report}", mistake.what);
    }
}

#[test]
fn a_template_that_fails_on_its_pages_is_reported_with_the_problems_of_the_content() {
    let mistakes: Vec<&Mistake> = (MISTAKES.iter())
        .filter(|mistake| mistake.what == "a value of the wrong type")
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_site(dir.path(), &mistakes);
    write(
        dir.path(),
        "templates/stakeholder.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ stakeholder.nickname | upper }}{% endblock %}\n",
    );
    let (code, found, report) = run(dir.path());
    let places: Vec<(&str, &str)> = (found.iter())
        .map(|(line, place, _)| (line.as_str(), place.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            (
                "error: `weight` must be a whole number, not text",
                "content/guides/heavy.md:5:10"
            ),
            (
                "error: template error: Invalid type for the value, expected `string` but got `undefined`",
                "templates/stakeholder.html:2:23"
            ),
        ],
        "{report}"
    );
    assert_eq!(code, Some(1), "{report}");
}
