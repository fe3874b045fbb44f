//! `stepwise coverage`: loads and checks the site without building it, measures its coverage
//! and prints the report as a table, JSON or Markdown; `--fail-under` makes it a CI gate.

use std::io::IsTerminal;
use std::process::ExitCode;

use stepwise::coverage::{self, Date, report};
use stepwise::site::SiteOptions;

use super::SiteArgs;

/// The exit code when the coverage is below `--fail-under`: not 1, which says the site has
/// errors, nor 2, which says the command line is wrong.
const COVERAGE_UNDER: u8 = 3;

/// The arguments of `coverage`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Plain ASCII instead of ticks and crosses (also when the output is not a terminal).
    #[arg(long)]
    plain: bool,
    /// Exits with 3 when the coverage is below this many percent.
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u32).range(0..=100))]
    fail_under: Option<u32>,
}

/// How the report is printed.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// A table and lists for a terminal.
    Text,
    /// The JSON of `coverage.json`.
    Json,
    /// Markdown, for a pull-request comment.
    Markdown,
}

/// Runs `coverage`.
pub fn run(args: &Args) -> ExitCode {
    let options = SiteOptions {
        drafts: args.site.drafts,
        ..SiteOptions::default()
    };
    let site = match stepwise::load_site(&args.site.root, &options) {
        Ok(site) => site,
        Err(failure) => return super::fail(&failure.diagnostics, failure.error_count()),
    };
    let coverage = coverage::measure(&site, args.site.today.unwrap_or_else(Date::today));
    let title = &site.config.title;
    let plain = args.plain || !std::io::stdout().is_terminal();
    print!(
        "{}",
        match args.format {
            Format::Text => report::terminal::text(&coverage, title, plain),
            Format::Json => report::json(&coverage),
            Format::Markdown => report::markdown::text(&coverage, title),
        }
    );
    match args.fail_under {
        Some(required) if coverage.percent < required => {
            eprintln!(
                "error: the coverage is {} %, under the {required} % that `--fail-under` asks for",
                coverage.percent
            );
            ExitCode::from(COVERAGE_UNDER)
        }
        _ => ExitCode::SUCCESS,
    }
}
