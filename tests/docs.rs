//! The reference in `docs/` cannot drift from the tool. Every example of it builds in a starter
//! site; every mistake fails (or warns) with the message shown beside it; every link between
//! its pages lands on a file and a heading; and the command reference lists every command and
//! every flag the CLI accepts, and nothing it does not. The convention of marked code blocks is
//! described in `docs/README.md`.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
mod docs_support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{repository, stderr, stepwise};
use docs_support::blocks::{self, Example};
use docs_support::messages::lines_that_matter;
use docs_support::starter::{self, Starter};
use docs_support::{cli, links};

/// Every example and mistake of the reference, or the problems with their marks.
fn examples() -> Vec<Example> {
    let mut examples = Vec::new();
    let mut problems = Vec::new();
    for page in blocks::pages(&repository()) {
        match blocks::blocks(&page).and_then(|blocks| blocks::examples(&page, &blocks)) {
            Ok(found) => examples.extend(found),
            Err(problem) => problems.push(problem),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    examples
}

/// Runs `check` on each of `examples` in parallel; every problem it returns, in order.
fn problems_of(
    examples: &[Example],
    check: impl Fn(&Example) -> Option<String> + Sync,
) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let mut problems: Vec<(usize, String)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(example) = examples.get(at) else {
                            return found;
                        };
                        found.extend(check(example).map(|problem| (at, problem)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker runs"))
            .collect()
    });
    problems.sort();
    problems.into_iter().map(|(_, problem)| problem).collect()
}

/// Builds `example` in the starter site: the exit code, what it printed on standard error, and
/// how many lines of `stepwise.toml` came before the example's own.
fn build(starter: &Starter, example: &Example) -> (Option<i32>, String, usize) {
    let site = tempfile::tempdir().expect("a temporary folder");
    let before = starter.write(example, site.path());
    let run = stepwise(site.path(), &["build", "--today", starter::TODAY]);
    (run.status.code(), stderr(&run), before)
}

/// Runs `check` on every mistake of the reference (when `mistakes`) or every other example, of
/// which there must be at least `at_least`, in parallel; fails with every problem found.
fn check_every(
    mistakes: bool,
    at_least: usize,
    check: impl Fn(&Starter, &Example) -> Option<String> + Sync,
) {
    let starter = Starter::new();
    let chosen: Vec<Example> = (examples().into_iter())
        .filter(|example| example.expected.is_some() == mistakes)
        .collect();
    assert!(
        chosen.len() >= at_least,
        "the reference has only {} of these",
        chosen.len()
    );
    let problems = problems_of(&chosen, |example| check(&starter, example));
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

#[test]
fn every_example_of_the_reference_builds_without_a_warning() {
    check_every(false, 20, |starter, example| {
        let (code, said, _) = build(starter, example);
        (code != Some(0) || said.contains("warning")).then(|| {
            format!(
                "{}: this example does not build cleanly:\n{said}",
                example.place()
            )
        })
    });
}

#[test]
fn every_mistake_of_the_reference_gives_the_message_shown_beside_it() {
    check_every(true, 10, |starter, mistake| {
        let expected = mistake.expected.as_ref()?;
        let (code, said, before) = build(starter, mistake);
        let fails = expected.text.lines().any(|line| line.starts_with("error"));
        let wanted = if fails { Some(1) } else { Some(0) };
        let shown = lines_that_matter(&expected.text, 0);
        (code != wanted || lines_that_matter(&said, before) != shown).then(|| {
            format!(
                "{}: this mistake should {} with the message at {}:{}, but it exited with {code:?} and said:\n{said}",
                mistake.place(),
                if fails { "fail" } else { "warn" },
                mistake.page,
                expected.line
            )
        })
    });
}

#[test]
fn every_link_between_the_pages_of_the_reference_lands() {
    let repository = repository();
    let pages = blocks::pages(&repository);
    let anchors = links::anchors(&pages);
    let broken: Vec<String> = (pages.iter())
        .flat_map(|page| links::broken(page, &repository, &anchors))
        .collect();
    assert!(broken.is_empty(), "\n{}", broken.join("\n"));
}

#[test]
fn the_command_reference_lists_every_command_and_flag_the_cli_accepts_and_no_other() {
    let repository = repository();
    let reference = std::fs::read_to_string(repository.join("docs/commands.md"))
        .expect("docs/commands.md is readable");
    let documented = cli::documented_commands(&reference);
    let commands = cli::commands(&repository);
    let names: BTreeSet<&String> = documented.iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        commands.iter().collect::<BTreeSet<_>>(),
        "docs/commands.md has a section ## `stepwise NAME` for every command of `stepwise --help`, and no other"
    );
    let mismatches: Vec<String> = (documented.iter())
        .filter_map(|(command, section)| {
            let listed = cli::documented_arguments(section);
            let accepted = cli::arguments(&repository, command);
            let missing: Vec<&String> = accepted.difference(&listed).collect();
            let stale: Vec<&String> = listed.difference(&accepted).collect();
            (!missing.is_empty() || !stale.is_empty()).then(|| {
                format!("## `stepwise {command}`: not listed {missing:?}; listed but not accepted {stale:?}")
            })
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "the tables of docs/commands.md must name every flag and argument of `stepwise COMMAND --help`, and no other:\n{}",
        mismatches.join("\n")
    );
}
