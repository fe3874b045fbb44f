//! The `stepwise` command: parses arguments and hands each command to its file under `cmd/`,
//! which calls the library and prints what happened.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Builds a per-step resource site for buyers from Markdown assets tagged by buying step.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Creates a new site: a journey, every kind with an example asset, the built-in theme and a
    /// workflow that checks and publishes it.
    Init(cmd::init::Args),
    /// Writes a new asset of a kind, with every field of the kind explained.
    New(cmd::new::Args),
    /// Builds the site into the output folder.
    Build(cmd::build::Args),
    /// Does everything build does but writes nothing, then checks every internal link and
    /// `#anchor` of the rendered pages and lists orphans (assets no other asset links to);
    /// exits with 1 on any error. Links to other sites are not fetched (no `--external`).
    Check(cmd::build::Args),
    /// Prints which step has which resources, the gaps and what to write next.
    Coverage(cmd::coverage::Args),
    /// Builds the site and pushes the output as the whole tree of a branch (gh-pages).
    Publish(cmd::publish::Args),
    /// Serves the site at http://127.0.0.1:1111/, rebuilt and reloaded on every save.
    Serve(cmd::serve::Args),
    /// Works with the built-in theme: `theme eject` copies its templates into the site.
    Theme(cmd::theme::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Init(args) => cmd::init::run(&args),
        Command::New(args) => cmd::new::run(&args),
        Command::Build(args) => cmd::build::run(&args, cmd::build::Mode::Build),
        Command::Check(args) => cmd::build::run(&args, cmd::build::Mode::Check),
        Command::Coverage(args) => cmd::coverage::run(&args),
        Command::Publish(args) => cmd::publish::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
        Command::Theme(args) => cmd::theme::run(&args),
    }
}
