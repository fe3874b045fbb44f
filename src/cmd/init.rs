//! `stepwise init`: a new site from the built-in starter.

use std::path::PathBuf;
use std::process::ExitCode;

use stepwise::scaffold::{self, Ci, InitOptions, Journey};

/// The arguments of `init`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create the site in; it may hold hidden files such as `.git`.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The journey of buying steps the site starts with.
    #[arg(long, value_enum, default_value_t = JourneyArg::TenSteps)]
    journey: JourneyArg,
    /// The continuous integration to write a workflow for: checks the site and publishes it.
    #[arg(long, value_enum, default_value_t = CiArg::Github, value_name = "SERVICE")]
    ci: CiArg,
    /// Writes no workflow.
    #[arg(long, conflicts_with = "ci")]
    no_ci: bool,
    /// Writes into a folder that holds other files, replacing the files of the same name.
    #[arg(long)]
    force: bool,
}

/// `--journey`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum JourneyArg {
    /// The ten steps of a buying organisation's decision.
    TenSteps,
    /// The six buying jobs.
    BuyingJobs,
}

/// `--ci`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum CiArg {
    /// GitHub Actions and GitHub Pages: .github/workflows/pages.yml.
    Github,
}

/// Runs `init`.
pub fn run(args: &Args) -> ExitCode {
    let options = InitOptions {
        journey: match args.journey {
            JourneyArg::TenSteps => Journey::TenSteps,
            JourneyArg::BuyingJobs => Journey::BuyingJobs,
        },
        ci: (!args.no_ci).then_some(match args.ci {
            CiArg::Github => Ci::Github,
        }),
        force: args.force,
    };
    match scaffold::init(&args.dir, &options) {
        Ok(files) => {
            let dir = args.dir.display();
            println!("created a site in {dir} ({} files):", files.len());
            for file in &files {
                println!("  {file}");
            }
            match args.dir.as_os_str() == "." {
                true => println!("look at it with: stepwise serve"),
                false => println!("look at it with: cd {dir} && stepwise serve"),
            }
            ExitCode::SUCCESS
        }
        Err(problem) => super::fail(&[problem], 1),
    }
}
