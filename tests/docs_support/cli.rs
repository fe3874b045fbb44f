//! The commands and flags the CLI accepts, read from its own `--help`, and the ones the command
//! reference (`docs/commands.md`) lists: a section `` ## `stepwise NAME` `` per command, with a
//! table whose first column names each flag (`` `--root DIR` ``) or argument (`` `DIR` ``).

use std::collections::BTreeSet;
use std::path::Path;

/// The help flags every command has; the reference describes them once.
const EVERYWHERE: [&str; 2] = ["--help", "--version"];

/// The commands `stepwise --help` lists, but `help`; a command with commands of its own, such as
/// `theme`, is listed as each of them: `theme eject`.
pub fn commands(repository: &Path) -> Vec<String> {
    subcommands(repository, &[])
}

/// The commands `stepwise PARENT… --help` lists, each with its parents, but `help`.
fn subcommands(repository: &Path, parents: &[&str]) -> Vec<String> {
    let help = help(repository, &[parents, &["--help"]].concat());
    let names: Vec<&str> = section(&help, "Commands:")
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    if names.is_empty() && !parents.is_empty() {
        return vec![parents.join(" ")];
    }
    names
        .into_iter()
        .flat_map(|name| subcommands(repository, &[parents, &[name]].concat()))
        .collect()
}

/// The flags and arguments `stepwise COMMAND --help` lists, but `--help`; `command` may be a
/// command of a command, `theme eject`.
pub fn arguments(repository: &Path, command: &str) -> BTreeSet<String> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let help = help(repository, &[&words[..], &["--help"]].concat());
    let flags = section(&help, "Options:").filter_map(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("-h, ").unwrap_or(line);
        line.starts_with("--")
            .then(|| line.split_whitespace().next().unwrap_or_default())
    });
    let positional = section(&help, "Arguments:").filter_map(|line| {
        let name = line.split_whitespace().next()?;
        Some(name.trim_matches(['[', ']', '<', '>', '.']))
    });
    flags
        .chain(positional)
        .filter(|name| !EVERYWHERE.contains(name))
        .map(str::to_string)
        .collect()
}

/// The entries of the part of `help` under `heading`, up to the next heading: the lines that
/// start an entry (indented by less than the descriptions of a long help, which come under
/// their entry).
fn section<'a>(help: &'a str, heading: &str) -> impl Iterator<Item = &'a str> {
    help.lines()
        .skip_while(move |line| *line != heading)
        .skip(1)
        .take_while(|line| line.is_empty() || line.starts_with(' '))
        .filter(|line| {
            let indent = line.len() - line.trim_start().len();
            (1..8).contains(&indent)
        })
}

fn help(repository: &Path, args: &[&str]) -> String {
    let run = crate::common::stepwise(repository, args);
    assert!(run.status.success(), "`stepwise {}` fails", args.join(" "));
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// The sections of the command reference: each command named by a heading
/// `` ## `stepwise NAME` ``, with the text under it.
pub fn documented_commands(reference: &str) -> Vec<(String, &str)> {
    reference
        .split("\n## ")
        .skip(1)
        .filter_map(|section| {
            let (heading, body) = section.split_once('\n')?;
            let name = heading.strip_prefix("`stepwise ")?.strip_suffix('`')?;
            Some((name.to_string(), body))
        })
        .collect()
}

/// The flags and arguments a section's tables name in their first column.
pub fn documented_arguments(section: &str) -> BTreeSet<String> {
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|cell| cell.trim_start_matches('[').strip_prefix('`'))
        .filter_map(|cell| cell.split(['`', ' ']).next())
        .filter(|name| {
            name.starts_with("--")
                || (!name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase()))
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_names_the_flags_in_the_first_column_of_its_tables() {
        let section = "Builds.\n\n| flag | what |\n| --- | --- |\n| `--root DIR` | the site |\n| [`--drafts`](#--drafts) | drafts too |\n| `DIR` | the folder |\n| `0` | success |\n\nSee `--drafts` above.\n";
        let names: Vec<String> = documented_arguments(section).into_iter().collect();
        assert_eq!(names, ["--drafts", "--root", "DIR"]);
    }
}
