//! `stepwise theme`: what a site can do with the built-in theme; `eject` copies its templates.

use std::path::PathBuf;
use std::process::ExitCode;

use stepwise::diagnostics::Problems;

/// The arguments of `theme`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Copies the built-in theme's templates into the site's templates/, to be edited there.
    Eject(EjectArgs),
}

/// The arguments of `theme eject`.
#[derive(clap::Args)]
struct EjectArgs {
    /// The templates to copy, such as `step.html` [default: all of them].
    templates: Vec<String>,
    /// The site's folder, holding stepwise.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

/// Runs `theme`.
pub fn run(args: &Args) -> ExitCode {
    let Command::Eject(eject) = &args.command;
    let mut problems = Problems::default();
    match stepwise::scaffold::eject(&eject.root, &eject.templates, &mut problems) {
        Some(files) => {
            println!("copied {} templates of the built-in theme:", files.len());
            for file in &files {
                println!("  {file}");
            }
            println!(
                "they replace the theme's own: edit them, and `stepwise serve` shows the change"
            );
            ExitCode::SUCCESS
        }
        None => super::fail(problems.as_slice(), problems.as_slice().len()),
    }
}
