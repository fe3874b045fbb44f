//! `stepwise publish`: builds the site into a temporary folder, commits the output as the whole
//! tree of a branch (`gh-pages`) with git's plumbing — a temporary index, `write-tree`,
//! `commit-tree` on the branch's previous tip — pushes that commit to a remote and only then
//! moves the local branch. The user's `HEAD`, index, working tree and current branch are never
//! touched, and a failed build publishes nothing. It runs the `git` command, so the user's own
//! configuration, credentials and hooks apply as they do on any push.

mod git;

use std::path::Path;

use crate::build::{self, Failure, Options, Report};
use crate::diagnostics::Diagnostic;
use crate::write::MARKER_FILE;
use git::{Failed, Git};

/// Where to publish.
#[derive(Debug, Clone)]
pub struct PublishTarget {
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
pub enum FileChange {
    /// A new file.
    Added,
    /// A file whose bytes change.
    Changed,
    /// A file that is no longer in the output.
    Removed,
}

/// What `publish` did.
#[derive(Debug)]
pub enum PublishOutcome {
    /// The branch already holds this output: no commit, no push.
    Unchanged,
    /// A dry run: what a publish would change.
    WouldChange(Vec<(FileChange, String)>),
    /// A new commit was pushed and the local branch moved to it.
    Pushed {
        /// The new commit.
        commit: String,
        /// What it changed.
        changes: Vec<(FileChange, String)>,
    },
}

/// A publish that succeeded: the build's report and what happened to the branch.
#[derive(Debug)]
pub struct Published {
    /// The build of the output.
    pub report: Report,
    /// What happened to the branch.
    pub outcome: PublishOutcome,
}

/// Builds the site of `options` and publishes it to `target`.
pub fn publish(options: &Options, target: &PublishTarget) -> Result<Published, Failure> {
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
    let outcome =
        commit_output(&git, &output, &temporary.path().join("index"), target).map_err(fail)?;
    Ok(Published { report, outcome })
}

/// The error for a push that failed, with git's reason.
fn rejected(failure: Failed, target: &PublishTarget) -> Diagnostic {
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

/// Commits the folder `output` as the whole tree of the branch and pushes it, unless the
/// branch holds it already or this is a dry run.
fn commit_output(
    git: &Git,
    output: &Path,
    index: &Path,
    target: &PublishTarget,
) -> Result<PublishOutcome, Diagnostic> {
    // The marker that lets `build` replace its own output is not part of the site.
    let _ = std::fs::remove_file(output.join(MARKER_FILE));
    let on_tree = |args: &[&str]| git.on_tree(output, index, args).output_text();
    on_tree(&["add", "--all", "--force", "."]).map_err(Failed::into_diagnostic)?;
    let tree = on_tree(&["write-tree"]).map_err(Failed::into_diagnostic)?;
    let tree = tree.trim_end();
    let tip = git.tip(target);
    let changes = git.changes(tip.as_deref(), tree)?;
    if changes.is_empty() {
        return Ok(PublishOutcome::Unchanged);
    }
    if target.dry_run {
        return Ok(PublishOutcome::WouldChange(changes));
    }
    let commit = git.commit(tree, tip.as_deref(), target)?;
    git.command([
        "push",
        &target.remote,
        &format!("{commit}:refs/heads/{}", target.branch),
    ])
    .output_text()
    .map_err(|failure| rejected(failure, target))?;
    git.command([
        "update-ref",
        &format!("refs/heads/{}", target.branch),
        &commit,
    ])
    .output_text()
    .map_err(Failed::into_diagnostic)?;
    Ok(PublishOutcome::Pushed { commit, changes })
}
