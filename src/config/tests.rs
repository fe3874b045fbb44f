//! Reading `stepwise.toml`: every bad key in one run, each at its place.

use super::*;
use crate::diagnostics::Problems;

/// The start of a configuration every case adds to, which reads without a problem.
const START: &str = "title = \"T\"\nbase_url = \"https://example.com/\"\n";

/// A journey of one step, after which a case's own tables come.
const STEP: &str = "[[steps]]\nslug = \"a\"\ntitle = \"A\"\nquestion = \"A?\"\n";

/// The problems of reading `text`, each as its message and its place, and whether a
/// configuration came out.
fn read(text: &str) -> (Vec<(String, String)>, bool) {
    let source = Source::new(CONFIG_FILE, text);
    let mut problems = Problems::default();
    let config = Config::parse(&source, &mut problems);
    let found = (problems.into_vec().into_iter())
        .map(|problem| (problem.location().unwrap_or_default(), problem.message))
        .map(|(place, message)| (message, place))
        .collect();
    (found, config.is_some())
}

#[test]
fn every_bad_key_of_the_configuration_is_reported_in_one_run() {
    let problem = |message: &str, place: &str| (message.to_string(), place.to_string());
    let cases = [
        (
            format!("{START}languge = \"en\"\nthem = \"x\"\n{STEP}hiden = true\n"),
            vec![
                problem("unknown key `languge`", "stepwise.toml:3:1"),
                problem("unknown key `them`", "stepwise.toml:4:1"),
                problem("unknown key `hiden`", "stepwise.toml:9:1"),
            ],
            true,
        ),
        (
            format!(
                "{START}[call_to_actoin]\ntitle = \"Talk\"\nurl = \"https://example.com/\"\n\n{STEP}"
            ),
            vec![problem("unknown key `call_to_actoin`", "stepwise.toml:3:2")],
            true,
        ),
        (
            format!("{START}[coverage]\npublish = \"yes\"\nstale_after_days = -3\n{STEP}"),
            vec![
                problem(
                    "`publish` must be true or false, not text",
                    "stepwise.toml:4:11",
                ),
                problem(
                    "`stale_after_days` must be a whole number of 0 or more, not -3",
                    "stepwise.toml:5:20",
                ),
            ],
            true,
        ),
        (
            format!("{START}{STEP}expects = \"guide\"\nstakeholders = \"finance\"\n"),
            vec![
                problem("unknown kind `guide` in `expects`", "stepwise.toml:7:11"),
                problem(
                    "unknown stakeholder `finance` in `stakeholders`",
                    "stepwise.toml:8:16",
                ),
            ],
            true,
        ),
        (
            format!("{START}[[steps]]\nslug = \"a\"\ntitel = \"A\"\nquestion = \"A?\"\nexit = 3\n"),
            vec![
                problem("unknown key `titel`", "stepwise.toml:5:1"),
                problem(
                    "`exit` must be text in quotes, not a number",
                    "stepwise.toml:7:8",
                ),
            ],
            true,
        ),
        (
            format!("{START}{STEP}[[steps]]\nslug = \"b\"\ntitle = 3\nquestion = \"B?\"\n"),
            vec![problem(
                "`title` must be text in quotes, not a number",
                "stepwise.toml:9:9",
            )],
            false,
        ),
        (
            format!("{START}languge = \"en\"\n{STEP}title = \"again\"\n"),
            vec![problem("duplicate key", "stepwise.toml:8:1")],
            false,
        ),
    ];
    for (text, expected, read_through) in cases {
        assert_eq!(read(&text), (expected, read_through), "reading:\n{text}");
    }
}
