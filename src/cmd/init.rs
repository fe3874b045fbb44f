//! `stepwise init`: a new site from the built-in scaffold.

use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `init`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// Runs `init`.
pub fn run(args: &Args) -> ExitCode {
    match stepwise::init(&args.dir) {
        Ok(files) => {
            let dir = args.dir.display();
            println!(
                "created a site in {dir} ({} files); build it with: cd {dir} && stepwise build",
                files.len()
            );
            ExitCode::SUCCESS
        }
        Err(problem) => super::fail(&[problem], 1),
    }
}
