//! `stepwise build` and `stepwise check`: the same pipeline, with or without writing.

use std::path::PathBuf;
use std::process::ExitCode;

use stepwise::site::SiteOptions;

use super::SiteArgs;

/// The arguments of `build` and `check`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site [default: output/ inside the site].
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// The address the site is published at, replacing base_url from stepwise.toml: an
    /// absolute address, or a path such as `/` for root-relative links.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

/// Whether to write the output.
pub enum Mode {
    /// Build and write the site.
    Build,
    /// Do everything but write.
    Check,
}

/// Runs `build` or `check`.
pub fn run(args: &Args, mode: Mode) -> ExitCode {
    let options = stepwise::Options {
        root: args.site.root.clone(),
        output_dir: args.output_dir.clone(),
        site: SiteOptions {
            base_url: args.base_url.clone(),
            drafts: args.site.drafts,
        },
        today: args.site.today,
    };
    match mode {
        Mode::Build => super::report(stepwise::build(&options), "built"),
        Mode::Check => super::report(stepwise::check(&options), "checked"),
    }
}
