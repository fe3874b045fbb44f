//! One file per command, each a thin layer that turns its arguments into library calls and
//! prints the outcome; this file holds what they share: the site arguments and the printing.

pub mod build;
pub mod coverage;
pub mod init;
pub mod new;
pub mod publish;
pub mod serve;
pub mod theme;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use stepwise::coverage::Date;
use stepwise::finish::Finish;
use stepwise::site::SiteOptions;
use stepwise::{Diagnostic, Failure, Report, diagnostics};

/// Where the site is and what to publish, for the commands that read a site.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// The site's folder, holding stepwise.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Also publish assets marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// The date the coverage report is measured for [default: today, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
}

/// The address and the finish of an output for a host, for the commands that write one.
#[derive(clap::Args)]
pub struct OutputArgs {
    /// The address the site is published at, replacing base_url from stepwise.toml: an
    /// absolute address, or a path such as `/` for root-relative links.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Keeps the plain names of stylesheets and scripts (`style.css`) instead of names with
    /// their content hash (`style.3f9a1c04be.css`), which hosts may cache forever.
    #[arg(long)]
    pub no_fingerprint: bool,
}

impl OutputArgs {
    /// The build options for the site of `site`, written to `output_dir`.
    pub fn options(&self, site: &SiteArgs, output_dir: Option<PathBuf>) -> stepwise::Options {
        stepwise::Options {
            root: site.root.clone(),
            output_dir,
            site: SiteOptions {
                base_url: self.base_url.clone(),
                drafts: site.drafts,
                finish: Finish {
                    fingerprint: !self.no_fingerprint,
                },
                show_coverage: false,
            },
            today: site.today,
        }
    }
}

/// Prints the warnings and the summary line of a build or check, then `next` (what to do now),
/// or its problems.
pub fn report(result: Result<Report, Failure>, verb: &str, next: Option<&str>) -> ExitCode {
    match result {
        Ok(report) => {
            eprint!("{}", diagnostics::render(&report.warnings, color()));
            println!(
                "{verb} {} pages for {} steps ({} assets) in {} ms; {}",
                report.pages,
                report.steps,
                report.assets,
                report.elapsed.as_millis(),
                stepwise::coverage::report::summary(&report.coverage)
            );
            if let Some(next) = next {
                println!("{next}");
            }
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure.diagnostics, failure.error_count()),
    }
}

/// Prints the problems of a run that wrote nothing, and how many errors stopped it.
pub fn fail(problems: &[Diagnostic], errors: usize) -> ExitCode {
    eprint!("{}", diagnostics::render(problems, color()));
    let plural = if errors == 1 { "" } else { "s" };
    eprintln!("error: stopped with {errors} error{plural}; nothing was written");
    ExitCode::FAILURE
}

/// Colours for a terminal, unless the user asked for none (https://no-color.org).
pub fn color() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}
