//! `stepwise publish`: builds the site into a temporary folder, commits the output as the whole
//! tree of a branch (`gh-pages`) with git's plumbing — a temporary index, `write-tree`,
//! `commit-tree` on the branch's previous tip — pushes that commit to a remote and only then
//! moves the local branch. The user's `HEAD`, index, working tree and current branch are never
//! touched, and a failed build publishes nothing. It runs the `git` command, so the user's own
//! configuration, credentials and hooks apply as they do on any push.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::build::{self, Failure, Options, Report};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::write::MARKER_FILE;

/// Where to publish.
#[derive(Debug, Clone)]
pub struct Target {
    /// The branch that holds the output, such as `gh-pages`.
    pub branch: String,
    /// The remote it is pushed to, such as `origin`.
    pub remote: String,
    /// The commit message; one naming the source commit when not given.
    pub message: Option<String>,
    /// Only tells what would change: no commit, no push.
    pub dry_run: bool,
}

/// How a file of the branch changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A new file.
    Added,
    /// A file whose bytes change.
    Changed,
    /// A file that is no longer in the output.
    Removed,
}

/// What `publish` did.
#[derive(Debug)]
pub enum Outcome {
    /// The branch already holds this output: no commit, no push.
    Unchanged,
    /// A dry run: what a publish would change.
    WouldChange(Vec<(Change, String)>),
    /// A new commit was pushed and the local branch moved to it.
    Pushed {
        /// The new commit.
        commit: String,
        /// What it changed.
        changes: Vec<(Change, String)>,
    },
}

/// A publish that succeeded: the build's report and what happened to the branch.
#[derive(Debug)]
pub struct Published {
    /// The build of the output.
    pub report: Report,
    /// What happened to the branch.
    pub outcome: Outcome,
}

/// Builds the site of `options` and publishes it to `target`.
pub fn publish(options: &Options, target: &Target) -> Result<Published, Failure> {
    let fail = |problem: Diagnostic| Failure {
        diagnostics: vec![problem],
    };
    let git = Git::open(&options.root).map_err(fail)?;
    git.check_remote(&target.remote).map_err(fail)?;
    git.check_not_checked_out(&target.branch).map_err(fail)?;
    let temporary = tempfile::Builder::new()
        .prefix("stepwise-publish-")
        .tempdir()
        .map_err(|error| {
            fail(Diagnostic::plain(format!(
                "cannot make a temporary folder for the build: {error}"
            )))
        })?;
    let output = temporary.path().join("site");
    let report = build::build(&Options {
        output_dir: Some(output.clone()),
        ..options.clone()
    })?;
    let outcome = git
        .commit_output(&output, &temporary.path().join("index"), target)
        .map_err(fail)?;
    Ok(Published { report, outcome })
}

/// A repository, driven through the `git` command.
struct Git {
    /// The site's folder, inside the repository's working tree.
    root: PathBuf,
    /// The repository's git folder.
    git_dir: PathBuf,
}

impl Git {
    /// The repository the site at `root` is in.
    fn open(root: &Path) -> Result<Git, Diagnostic> {
        // Checked first: git cannot even start in a folder that does not exist.
        if !root.is_dir() {
            return Err(
                Diagnostic::plain(format!("cannot find the site `{}`", root.display()))
                    .with_help("run stepwise in a site's folder or give it with `--root`"),
            );
        }
        let plain = Git {
            root: root.to_path_buf(),
            git_dir: PathBuf::new(),
        };
        let git_dir = plain
            .command(["rev-parse", "--absolute-git-dir"])
            .output_text()
            .map_err(|failure| match failure {
                Failed::Missing => failure.into_diagnostic(),
                Failed::Git(_) => Diagnostic::plain(format!(
                    "`{}` is not in a git repository",
                    root.display()
                ))
                .with_help("`stepwise publish` commits the output to a branch of the site's repository: run `git init` and `git remote add origin URL` there first"),
            })?;
        Ok(Git {
            git_dir: PathBuf::from(git_dir.trim_end()),
            ..plain
        })
    }

    /// A `git` command for this repository.
    fn command<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new("git");
        command.current_dir(&self.root).args(args);
        Run(command)
    }

    /// A `git` command that works on `tree` through the index file `index`, not the user's.
    fn on_tree<I, S>(&self, tree: &Path, index: &Path, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new("git");
        command
            .current_dir(tree)
            .env("GIT_INDEX_FILE", index)
            .arg("--git-dir")
            .arg(&self.git_dir)
            .arg("--work-tree")
            .arg(tree)
            .args(["-c", "core.autocrlf=false", "-c", "core.safecrlf=false"])
            .args(args);
        Run(command)
    }

    /// Fails unless the repository has the remote `name`.
    fn check_remote(&self, name: &str) -> Result<(), Diagnostic> {
        let remotes = self
            .command(["remote"])
            .output_text()
            .map_err(Failed::into_diagnostic)?;
        if remotes.lines().any(|remote| remote == name) {
            return Ok(());
        }
        let help = if remotes.trim().is_empty() {
            format!("add one with `git remote add {name} URL`")
        } else {
            suggestion(name, "remote", remotes.lines())
                .replace("declared in stepwise.toml", "of this repository")
        };
        Err(
            Diagnostic::plain(format!("the repository has no remote `{name}`"))
                .with_help(format!("{help}; or name another with `--remote`")),
        )
    }

    /// Fails when `branch` is the one checked out, whose files the publish would replace.
    fn check_not_checked_out(&self, branch: &str) -> Result<(), Diagnostic> {
        let head = self
            .command(["symbolic-ref", "--quiet", "HEAD"])
            .output_text();
        if head.is_ok_and(|head| head.trim_end() == format!("refs/heads/{branch}")) {
            return Err(Diagnostic::plain(format!(
                "`{branch}` is the branch checked out here, and publishing replaces all of its files"
            ))
            .with_help("switch to the branch of the site's sources, or publish to another branch with `--branch`"));
        }
        Ok(())
    }

    /// Commits the folder `output` as the whole tree of the branch and pushes it, unless the
    /// branch holds it already or this is a dry run.
    fn commit_output(
        &self,
        output: &Path,
        index: &Path,
        target: &Target,
    ) -> Result<Outcome, Diagnostic> {
        // The marker that lets `build` replace its own output is not part of the site.
        let _ = std::fs::remove_file(output.join(MARKER_FILE));
        let on_tree = |args: &[&str]| self.on_tree(output, index, args).output_text();
        on_tree(&["add", "--all", "--force", "."]).map_err(Failed::into_diagnostic)?;
        let tree = on_tree(&["write-tree"]).map_err(Failed::into_diagnostic)?;
        let tree = tree.trim_end();
        let tip = self.tip(target);
        let changes = self.changes(tip.as_deref(), tree)?;
        if changes.is_empty() {
            return Ok(Outcome::Unchanged);
        }
        if target.dry_run {
            return Ok(Outcome::WouldChange(changes));
        }
        let commit = self.commit(tree, tip.as_deref(), target)?;
        self.command([
            "push",
            &target.remote,
            &format!("{commit}:refs/heads/{}", target.branch),
        ])
        .output_text()
        .map_err(|failure| rejected(failure, target))?;
        self.command([
            "update-ref",
            &format!("refs/heads/{}", target.branch),
            &commit,
        ])
        .output_text()
        .map_err(Failed::into_diagnostic)?;
        Ok(Outcome::Pushed { commit, changes })
    }

    /// The commit the branch is at: the local branch, else the remote's (as last fetched).
    fn tip(&self, target: &Target) -> Option<String> {
        [
            format!("refs/heads/{}^{{commit}}", target.branch),
            format!(
                "refs/remotes/{}/{}^{{commit}}",
                target.remote, target.branch
            ),
        ]
        .iter()
        .find_map(|name| {
            self.command(["rev-parse", "--verify", "--quiet", name])
                .output_text()
                .ok()
                .map(|sha| sha.trim_end().to_string())
        })
    }

    /// What changes from the tree of `tip` to `tree`: every file of `tree` when there is no tip.
    fn changes(&self, tip: Option<&str>, tree: &str) -> Result<Vec<(Change, String)>, Diagnostic> {
        let listed = match tip {
            Some(tip) => self.command([
                "diff-tree",
                "-r",
                "-z",
                "--no-renames",
                "--name-status",
                tip,
                tree,
            ]),
            None => self.command(["ls-tree", "-r", "-z", "--name-only", tree]),
        }
        .output_text()
        .map_err(Failed::into_diagnostic)?;
        Ok(parse_changes(&listed, tip.is_some()))
    }

    /// A new commit of `tree` on `tip`.
    fn commit(&self, tree: &str, tip: Option<&str>, target: &Target) -> Result<String, Diagnostic> {
        let message = target
            .message
            .clone()
            .unwrap_or_else(|| self.default_message());
        let mut args = vec!["commit-tree", tree, "-m", &message];
        if let Some(tip) = tip {
            args.extend(["-p", tip]);
        }
        let commit = self
            .command(args)
            .output_text()
            .map_err(Failed::into_diagnostic)?;
        Ok(commit.trim_end().to_string())
    }

    /// "Publish the site built from 1a2b3c4", or without the commit in a repository that has none.
    fn default_message(&self) -> String {
        match self.command(["rev-parse", "--short", "HEAD"]).output_text() {
            Ok(head) => format!("Publish the site built from {}", head.trim_end()),
            Err(_) => "Publish the site".to_string(),
        }
    }
}

/// The changes listed by `git diff-tree -z --name-status` (`with_status`) or by
/// `git ls-tree -z --name-only` (every file added).
fn parse_changes(listed: &str, with_status: bool) -> Vec<(Change, String)> {
    let mut fields = listed.split('\0').filter(|field| !field.is_empty());
    let mut changes = Vec::new();
    while let Some(first) = fields.next() {
        if !with_status {
            changes.push((Change::Added, first.to_string()));
            continue;
        }
        let change = match first {
            "A" => Change::Added,
            "D" => Change::Removed,
            _ => Change::Changed,
        };
        if let Some(path) = fields.next() {
            changes.push((change, path.to_string()));
        }
    }
    changes
}

/// The error for a push that failed, with git's reason.
fn rejected(failure: Failed, target: &Target) -> Diagnostic {
    let Failed::Git(reason) = failure else {
        return failure.into_diagnostic();
    };
    Diagnostic::plain(format!(
        "`{}` could not push `{}`:\n{}",
        target.remote,
        target.branch,
        reason.trim_end()
    ))
    .with_help(format!(
        "nothing was changed here; when the remote's `{branch}` has commits this one lacks, bring them in with `git fetch {remote} {branch}:{branch}` and publish again",
        branch = target.branch,
        remote = target.remote
    ))
}

/// A `git` command to run.
struct Run(Command);

/// Why a `git` command failed.
enum Failed {
    /// There is no `git` command.
    Missing,
    /// It ran and failed, with what it printed on its error output.
    Git(String),
}

impl Failed {
    fn into_diagnostic(self) -> Diagnostic {
        match self {
            Failed::Missing => {
                Diagnostic::plain("git is not installed (there is no `git` command)")
                    .with_help("install git (https://git-scm.com) and try again")
            }
            Failed::Git(message) => {
                Diagnostic::plain(format!("git failed: {}", message.trim_end()))
            }
        }
    }
}

impl Run {
    /// Runs the command and returns what it printed, or why it failed.
    fn output_text(mut self) -> Result<String, Failed> {
        let output = self.0.output().map_err(|error| match error.kind() {
            ErrorKind::NotFound => Failed::Missing,
            _ => Failed::Git(error.to_string()),
        })?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(Failed::Git(
                String::from_utf8_lossy(&output.stderr).into_owned(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_from_git_listings() {
        /// What git lists, whether with statuses, and the changes read from it.
        type Case<'a> = (&'a str, bool, &'a [(Change, &'a str)]);
        let cases: &[Case] = &[
            ("", true, &[]),
            (
                "M\0index.html\0A\0style.0123456789.css\0D\0style.9876543210.css\0",
                true,
                &[
                    (Change::Changed, "index.html"),
                    (Change::Added, "style.0123456789.css"),
                    (Change::Removed, "style.9876543210.css"),
                ],
            ),
            (
                "T\0a file with spaces.pdf\0",
                true,
                &[(Change::Changed, "a file with spaces.pdf")],
            ),
            (
                ".nojekyll\0steps/key-facts/index.html\0",
                false,
                &[
                    (Change::Added, ".nojekyll"),
                    (Change::Added, "steps/key-facts/index.html"),
                ],
            ),
        ];
        for (listed, with_status, expected) in cases {
            let found = parse_changes(listed, *with_status);
            let expected: Vec<(Change, String)> =
                expected.iter().map(|(c, p)| (*c, p.to_string())).collect();
            assert_eq!(found, expected, "{listed:?}");
        }
    }
}
