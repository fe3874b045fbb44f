//! Reading fields: each problem at the bad value or the unknown key, in words that say what to
//! write instead.

use super::*;
use crate::content::front_matter;

/// The messages of reading `key` with `read` from the TOML table `text`, with the text each
/// points at.
fn problems_of(text: &str, read: impl Fn(&mut Fields<'_>)) -> Vec<(String, String)> {
    let source = Source::new("test.md", format!("+++\n{text}+++\n"));
    let document = front_matter::split(&source).unwrap();
    let node = front_matter::parse(&source, &document).unwrap();
    let mut fields = Fields::new(&source, "asset", node)
        .within("the front matter")
        .missing_at(0..3);
    read(&mut fields);
    let mut problems = Problems::default();
    let _ = fields.finish(&mut problems);
    problems
        .into_vec()
        .into_iter()
        .map(|problem| {
            let span = problem.labels[0].span.clone();
            (problem.message, source.text[span].to_string())
        })
        .collect()
}

#[test]
fn fields_point_at_the_bad_value_or_the_unknown_key() {
    let problem = |message: &str, at: &str| vec![(message.to_string(), at.to_string())];
    type Read = fn(&mut Fields<'_>);
    type Expected = Vec<(String, String)>;
    let cases: Vec<(&str, Read, Expected)> = vec![
        (
            "weight = \"high\"\n",
            |f| {
                let _ = f.integer("weight");
            },
            problem("`weight` must be a whole number, not text", "\"high\""),
        ),
        (
            "weight = 99999999999999999999\n",
            |f| {
                let _ = f.integer("weight");
            },
            problem("`weight` is too large", "99999999999999999999"),
        ),
        (
            "weight = 2.5\n",
            |f| {
                let _ = f.integer("weight");
            },
            problem("`weight` must be a whole number, not a number", "2.5"),
        ),
        (
            "draft = 1\n",
            |f| {
                let _ = f.flag("draft");
            },
            problem("`draft` must be true or false, not a number", "1"),
        ),
        (
            "title = [\"a\"]\n",
            |f| {
                let _ = f.text("title");
            },
            problem("`title` must be text in quotes, not a list", "[\"a\"]"),
        ),
        (
            "steps = [\"a\", 2]\n",
            |f| {
                let _ = f.text_list("steps");
            },
            problem(
                "`steps` must be a list of text in quotes, not a number",
                "2",
            ),
        ),
        (
            "reviewed = \"soon\"\n",
            |f| {
                let _ = f.date("reviewed");
            },
            problem("`soon` is not a date", "\"soon\""),
        ),
        (
            "weight = 2.5\n",
            |f| {
                let _ = f.number("weight");
            },
            vec![],
        ),
        (
            "titel = \"A\"\n",
            |f| {
                let _ = f.text("title");
            },
            problem("unknown key `titel` in the front matter", "titel"),
        ),
        (
            "kind = \"\"\n",
            |f| {
                let _ = f.required_text("kind", "\"…\"");
            },
            problem("`kind` is empty", "\"\""),
        ),
        (
            "",
            |f| {
                let _ = f.required_text("kind", "\"…\"");
            },
            problem("this asset has no `kind`", "+++"),
        ),
    ];
    for (text, read, expected) in cases {
        assert_eq!(problems_of(text, read), expected, "reading {text:?}");
    }
}

#[test]
fn a_value_of_the_wrong_type_says_what_to_write_instead() {
    let source = Source::new("test.md", "+++\ndraft = \"yes\"\n+++\n");
    let document = front_matter::split(&source).unwrap();
    let node = front_matter::parse(&source, &document).unwrap();
    let mut fields = Fields::new(&source, "asset", node);
    let _ = fields.flag("draft");
    let mut problems = Problems::default();
    assert_eq!(fields.finish(&mut problems), None);
    let helps: Vec<_> = problems.into_vec().into_iter().map(|p| p.help).collect();
    assert_eq!(
        helps,
        [Some("change the value to true or false".to_string())]
    );
}

#[test]
fn only_real_calendar_dates_are_dates() {
    let cases = [
        ("2026-03-31", true),
        ("2024-02-29", true),
        ("2026-02-31", false),
        ("2026-3-31", false),
        ("31/03/2026", false),
        ("2026-03-31T10:00:00", false),
        ("soon", false),
    ];
    for (text, expected) in cases {
        assert_eq!(is_date(text), expected, "is_date({text:?})");
    }
}
