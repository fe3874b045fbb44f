//! `stepwise new`: one more asset of a kind, with every field explained.

use std::path::PathBuf;
use std::process::ExitCode;

use stepwise::coverage::Date;
use stepwise::diagnostics::Problems;
use stepwise::scaffold::{self, NewAsset};

/// The arguments of `new`.
#[derive(clap::Args)]
pub struct Args {
    /// The kind of the asset, as declared in stepwise.toml, such as `calculator`.
    kind: String,
    /// Its title, which also gives its file name.
    title: String,
    /// A step it serves (repeat for more) [default: the steps that expect its kind].
    #[arg(long = "step", value_name = "SLUG")]
    steps: Vec<String>,
    /// A stakeholder it speaks to (repeat for more).
    #[arg(long = "stakeholder", value_name = "SLUG")]
    stakeholders: Vec<String>,
    /// The site's folder, holding stepwise.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

/// Runs `new`.
pub fn run(args: &Args) -> ExitCode {
    let asset = NewAsset {
        kind: args.kind.clone(),
        title: args.title.clone(),
        steps: args.steps.clone(),
        stakeholders: args.stakeholders.clone(),
    };
    let mut problems = Problems::default();
    match scaffold::new(&args.root, &asset, Date::today(), &mut problems) {
        Some(path) => {
            println!(
                "wrote {path}: every field is explained in it; look at it with `stepwise serve`"
            );
            ExitCode::SUCCESS
        }
        None => super::fail(problems.as_slice(), problems.as_slice().len()),
    }
}
