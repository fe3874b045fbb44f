//! `stepwise coverage`: loads and checks the site without building it, measures its coverage
//! and prints the report as a table, JSON or Markdown, or writes its HTML page into a folder;
//! `--fail-under` makes it a CI gate.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use stepwise::Failure;
use stepwise::coverage::{self, Coverage, Date, report};
use stepwise::site::SiteOptions;

use super::SiteArgs;

/// The exit code when the coverage is below `--fail-under`: not 1, which says the site has
/// errors, nor 2, which says the command line is wrong.
const COVERAGE_UNDER: u8 = 3;

/// The exit code of a command line that is wrong, as clap gives it.
const USAGE: u8 = 2;

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
    /// The folder `--format html` writes the report into [default: output-coverage/ in the
    /// site's folder].
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
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
    /// The report's page with its JSON, badge and stylesheet, written into a folder.
    Html,
}

/// Runs `coverage`.
pub fn run(args: &Args) -> ExitCode {
    let options = SiteOptions {
        drafts: args.site.drafts,
        ..SiteOptions::default()
    };
    let today = args.site.today.unwrap_or_else(Date::today);
    let plain = args.plain || !std::io::stdout().is_terminal();
    let measured = match args.format {
        Format::Html => write_html(args, &options, today),
        _ if args.output.is_some() => {
            eprintln!(
                "error: `--output` is for `--format html`; the other formats are printed, so redirect them (`> coverage.md`)"
            );
            return ExitCode::from(USAGE);
        }
        Format::Text => print(args, &options, today, |coverage, title| {
            report::terminal::text(coverage, title, plain)
        }),
        Format::Json => print(args, &options, today, |coverage, _| report::json(coverage)),
        Format::Markdown => print(args, &options, today, report::markdown::text),
    };
    let coverage = match measured {
        Ok(coverage) => coverage,
        Err(failure) => return super::fail(&failure.diagnostics, failure.error_count()),
    };
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

/// Writes the HTML report into `--output` (by default `output-coverage/` in the site, where
/// `build` writes it) and says where it is.
fn write_html(args: &Args, options: &SiteOptions, today: Date) -> Result<Coverage, Failure> {
    let folder = args
        .output
        .clone()
        .unwrap_or_else(|| report::beside(&args.site.root.join("output")));
    let coverage = stepwise::write_coverage(&args.site.root, options, today, &folder)?;
    println!(
        "wrote the coverage report into {}; open {}; {}",
        folder.display(),
        folder.join("index.html").display(),
        report::summary(&coverage)
    );
    Ok(coverage)
}

/// Prints the report as `text` makes it of the coverage and the site's title.
fn print(
    args: &Args,
    options: &SiteOptions,
    today: Date,
    text: impl Fn(&Coverage, &str) -> String,
) -> Result<Coverage, Failure> {
    let site = stepwise::load_site(&args.site.root, options)?;
    let coverage = coverage::measure(&site, today);
    print!("{}", text(&coverage, &site.config.title));
    Ok(coverage)
}
