//! `stepwise serve`: takes the port, builds the site into memory, serves it, and reports every
//! rebuild after a save.

use std::net::IpAddr;
use std::process::{Command, ExitCode, Stdio};

use stepwise::diagnostics::{self, Problems};
use stepwise::serve::{self, Rebuild, RebuildOutcome};

use super::SiteArgs;

/// The arguments of `serve`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// The port to listen on; 0 for any free port.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The interface to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    interface: IpAddr,
    /// Opens the site in the default browser.
    #[arg(long)]
    open: bool,
}

/// Runs `serve` until Ctrl+C.
pub fn run(args: &Args) -> ExitCode {
    let wanted = serve::Address {
        interface: args.interface,
        port: args.port,
    };
    let (listener, address) = match serve::listen(wanted) {
        Ok(bound) => bound,
        Err(problem) => return super::fail(&[problem], 1),
    };
    let mut problems = Problems::default();
    let site = &args.site;
    let started = serve::Server::start(&site.root, site.drafts, site.today, address, &mut problems);
    let Some((server, started)) = started else {
        return super::fail(problems.as_slice(), problems.as_slice().len());
    };
    eprint!(
        "{}",
        diagnostics::render(problems.as_slice(), super::color())
    );
    if started.failed {
        eprintln!(
            "error: the site could not be built; its problems are served until a save fixes them"
        );
    } else {
        println!(
            "built {} files in {} ms",
            started.files,
            started.elapsed.as_millis()
        );
    }
    if address.is_shared() {
        println!(
            "listening on {}: other machines reach it at this machine's address, port {}",
            address.interface, address.port
        );
    }
    let url = address.url();
    println!(
        "serving {} at {url} (press Ctrl+C to stop)",
        args.site.root.display()
    );
    if args.open {
        open(&url);
    }
    match server.run(listener, report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprint!("{}", diagnostics::render(&[problem], super::color()));
            ExitCode::FAILURE
        }
    }
}

/// Prints one rebuild: a line when it worked, its problems when it failed.
fn report(rebuild: &Rebuild) {
    let number = rebuild.number;
    let elapsed = rebuild.elapsed.as_millis();
    match &rebuild.outcome {
        RebuildOutcome::Rebuilt(update) => {
            eprint!("{}", diagnostics::render(&update.warnings, super::color()));
            let later = match update.deferred {
                0 => String::new(),
                pages => format!(" ({pages} pages more after the reload)"),
            };
            println!(
                "rebuild {number}: made {} files{later}, {} changed, in {elapsed} ms",
                update.made,
                update.changed.len()
            );
        }
        RebuildOutcome::Failed(problems) => {
            eprint!("{}", diagnostics::render(problems, super::color()));
            eprintln!(
                "error: rebuild {number} failed in {elapsed} ms; the last good site is still served"
            );
        }
    }
}

/// Opens `url` with the desktop's opener, or says to open it by hand.
fn open(url: &str) {
    let opened = Command::new("xdg-open")
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if opened.is_err() {
        println!("open {url} in a browser (no `xdg-open` was found)");
    }
}
