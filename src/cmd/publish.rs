//! `stepwise publish`: builds the site and pushes the output as the whole tree of a branch.

use std::process::ExitCode;

use stepwise::publish::{self, FileChange, PublishOutcome, PublishTarget};

use super::{OutputArgs, SiteArgs};

/// The arguments of `publish`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    output: OutputArgs,
    /// The branch that holds the output.
    #[arg(long, default_value = "gh-pages")]
    branch: String,
    /// The remote the branch is pushed to.
    #[arg(long, default_value = "origin")]
    remote: String,
    /// Shows what would be added, changed and removed; commits and pushes nothing.
    #[arg(long)]
    dry_run: bool,
    /// The commit message [default: "Publish the site built from <commit>"].
    #[arg(long, value_name = "TEXT")]
    message: Option<String>,
}

/// Runs `publish`.
pub fn run(args: &Args) -> ExitCode {
    let options = args.output.options(&args.site, None);
    let target = PublishTarget {
        branch: args.branch.clone(),
        remote: args.remote.clone(),
        message: args.message.clone(),
        dry_run: args.dry_run,
    };
    let published = match publish::publish(&options, &target) {
        Ok(published) => published,
        Err(failure) => return super::fail(&failure.diagnostics, failure.error_count()),
    };
    let report = published.report;
    eprint!(
        "{}",
        stepwise::diagnostics::render(&report.warnings, super::color())
    );
    let (branch, remote) = (&args.branch, &args.remote);
    match published.outcome {
        PublishOutcome::Unchanged => {
            println!("nothing to publish: `{branch}` already holds this site");
        }
        PublishOutcome::WouldChange(changes) => {
            for (change, path) in &changes {
                println!("{:<7} {path}", verb(*change));
            }
            println!(
                "would publish to `{branch}` on `{remote}`: {}; this was a dry run, nothing was committed or pushed",
                counts(&changes)
            );
        }
        PublishOutcome::Pushed { commit, changes } => {
            let short = commit.get(..7).unwrap_or(&commit);
            println!(
                "published {} pages as {short} to `{branch}` on `{remote}`: {}",
                report.pages,
                counts(&changes)
            );
        }
    }
    ExitCode::SUCCESS
}

/// How a change is listed.
fn verb(change: FileChange) -> &'static str {
    match change {
        FileChange::Added => "add",
        FileChange::Changed => "change",
        FileChange::Removed => "remove",
    }
}

/// "3 added, 1 changed, 0 removed".
fn counts(changes: &[(FileChange, String)]) -> String {
    let count = |wanted: FileChange| changes.iter().filter(|(c, _)| *c == wanted).count();
    format!(
        "{} added, {} changed, {} removed",
        count(FileChange::Added),
        count(FileChange::Changed),
        count(FileChange::Removed)
    )
}
