//! The `stepwise` command: parses arguments, calls the library and prints what happened.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use stepwise::site::SiteOptions;
use stepwise::{diagnostics, serve};

/// Builds a per-step resource site for buyers from Markdown assets tagged by buying step.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The site's folder, holding stepwise.toml.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Where to write the site [default: output/ inside the site].
    #[arg(long, global = true, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// The address the site is published at, replacing base_url from stepwise.toml.
    #[arg(long, global = true, value_name = "URL")]
    base_url: Option<String>,
    /// Also publish assets marked `draft = true`.
    #[arg(long, global = true)]
    drafts: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Creates a new site with the default journey and theme.
    Init {
        /// The folder to create.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Builds the site into the output folder.
    Build,
    /// Does everything build does but writes nothing; exits with 1 on any error.
    Check,
    /// Builds a preview of the site and serves it at http://127.0.0.1:1111/.
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The interface to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = stepwise::Options {
        root: cli.root,
        output_dir: cli.output_dir,
        site: SiteOptions {
            base_url: cli.base_url,
            drafts: cli.drafts,
        },
    };
    match cli.command {
        Command::Init { dir } => match stepwise::init(&dir) {
            Ok(files) => {
                println!(
                    "created a site in {} ({} files); build it with: cd {} && stepwise build",
                    dir.display(),
                    files.len(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(problem) => fail(&[problem], 1),
        },
        Command::Build => report(stepwise::build(&options), "built"),
        Command::Check => report(stepwise::check(&options), "checked"),
        Command::Serve { port, interface } => {
            let address = serve::Address { interface, port };
            let listener = match serve::listen(address) {
                Ok(listener) => listener,
                Err(problem) => return fail(&[problem], 1),
            };
            let preview = serve::preview_options(&options, address);
            let built = report(stepwise::build(&preview), "built");
            if built != ExitCode::SUCCESS {
                return built;
            }
            println!(
                "serving {} at {} (press Ctrl+C to stop)",
                preview.output_dir().display(),
                address.url()
            );
            match serve::serve(&preview, listener) {
                Ok(()) => ExitCode::SUCCESS,
                Err(problem) => {
                    // The preview is built by now: only the server failed.
                    eprint!("{}", diagnostics::render(&[problem], color()));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Prints the warnings and the summary line of a build or check, or its problems.
fn report(result: Result<stepwise::Report, stepwise::Failure>, verb: &str) -> ExitCode {
    match result {
        Ok(report) => {
            eprint!("{}", diagnostics::render(&report.warnings, color()));
            println!(
                "{verb} {} pages for {} steps ({} assets) in {} ms",
                report.pages,
                report.steps,
                report.assets,
                report.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure.diagnostics, failure.error_count()),
    }
}

/// Colours for a terminal, unless the user asked for none (https://no-color.org).
fn color() -> bool {
    std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// Prints the problems of a run that wrote nothing, and how many errors stopped it.
fn fail(problems: &[stepwise::Diagnostic], errors: usize) -> ExitCode {
    eprint!("{}", diagnostics::render(problems, color()));
    let plural = if errors == 1 { "" } else { "s" };
    eprintln!("error: stopped with {errors} error{plural}; nothing was written");
    ExitCode::FAILURE
}
