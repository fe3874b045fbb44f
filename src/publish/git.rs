//! The repository, driven through the `git` command: the checks before a publish, the
//! temporary index the output is added through, the branch's tip, what changed, the commit.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostics::{Diagnostic, suggestion};

use super::{FileChange, PublishTarget};

/// A repository, driven through the `git` command.
pub(super) struct Git {
    /// The site's folder, inside the repository's working tree.
    root: PathBuf,
    /// The repository's git folder.
    git_dir: PathBuf,
}

impl Git {
    /// The repository the site at `root` is in.
    pub(super) fn open(root: &Path) -> Result<Git, Diagnostic> {
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
    pub(super) fn command<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new("git");
        command.current_dir(&self.root).args(args);
        Run(command)
    }

    /// A `git` command that works on `tree` through the index file `index`, not the user's.
    pub(super) fn on_tree<I, S>(&self, tree: &Path, index: &Path, args: I) -> Run
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
    pub(super) fn check_remote(&self, name: &str) -> Result<(), Diagnostic> {
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
    pub(super) fn check_not_checked_out(&self, branch: &str) -> Result<(), Diagnostic> {
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

    /// The commit the branch is at: the local branch, else the remote's (as last fetched).
    pub(super) fn tip(&self, target: &PublishTarget) -> Option<String> {
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
    pub(super) fn changes(
        &self,
        tip: Option<&str>,
        tree: &str,
    ) -> Result<Vec<(FileChange, String)>, Diagnostic> {
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
    pub(super) fn commit(
        &self,
        tree: &str,
        tip: Option<&str>,
        target: &PublishTarget,
    ) -> Result<String, Diagnostic> {
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
fn parse_changes(listed: &str, with_status: bool) -> Vec<(FileChange, String)> {
    let mut fields = listed.split('\0').filter(|field| !field.is_empty());
    let mut changes = Vec::new();
    while let Some(first) = fields.next() {
        if !with_status {
            changes.push((FileChange::Added, first.to_string()));
            continue;
        }
        let change = match first {
            "A" => FileChange::Added,
            "D" => FileChange::Removed,
            _ => FileChange::Changed,
        };
        if let Some(path) = fields.next() {
            changes.push((change, path.to_string()));
        }
    }
    changes
}

/// A `git` command to run.
pub(super) struct Run(Command);

/// Why a `git` command failed.
pub(super) enum Failed {
    /// There is no `git` command.
    Missing,
    /// It ran and failed, with what it printed on its error output.
    Git(String),
}

impl Failed {
    pub(super) fn into_diagnostic(self) -> Diagnostic {
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
    pub(super) fn output_text(mut self) -> Result<String, Failed> {
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
        type Case<'a> = (&'a str, bool, &'a [(FileChange, &'a str)]);
        let cases: &[Case] = &[
            ("", true, &[]),
            (
                "M\0index.html\0A\0style.0123456789.css\0D\0style.9876543210.css\0",
                true,
                &[
                    (FileChange::Changed, "index.html"),
                    (FileChange::Added, "style.0123456789.css"),
                    (FileChange::Removed, "style.9876543210.css"),
                ],
            ),
            (
                "T\0a file with spaces.pdf\0",
                true,
                &[(FileChange::Changed, "a file with spaces.pdf")],
            ),
            (
                ".nojekyll\0steps/key-facts/index.html\0",
                false,
                &[
                    (FileChange::Added, ".nojekyll"),
                    (FileChange::Added, "steps/key-facts/index.html"),
                ],
            ),
        ];
        for (listed, with_status, expected) in cases {
            let found = parse_changes(listed, *with_status);
            let expected: Vec<(FileChange, String)> =
                expected.iter().map(|(c, p)| (*c, p.to_string())).collect();
            assert_eq!(found, expected, "{listed:?}");
        }
    }
}
