//! `stepwise build` and `stepwise check`: the same pipeline, with or without writing.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{OutputArgs, SiteArgs};

/// The arguments of `build` and `check`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site [default: output/ inside the site].
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Whether to write the output.
pub enum Mode {
    /// Build and write the site.
    Build,
    /// Do everything but write.
    Check,
}

/// How to look at a built site: its links start at the site's address, so the files opened from
/// the disk have no styling and dead links.
const LOOK: &str = "look at it with `stepwise serve` (http://127.0.0.1:1111/); opened from the \
disk, its links, which start at the site's address, do not work";

/// Runs `build` or `check`.
pub fn run(args: &Args, mode: Mode) -> ExitCode {
    let options = args.output.options(&args.site, args.output_dir.clone());
    match mode {
        Mode::Build => super::report(stepwise::build(&options), "built", Some(LOOK)),
        Mode::Check => super::report(stepwise::verify(&options), "checked", None),
    }
}
