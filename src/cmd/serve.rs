//! `stepwise serve`: takes the port, builds a local preview and serves it.

use std::net::IpAddr;
use std::process::ExitCode;

use stepwise::serve;
use stepwise::site::SiteOptions;

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
    let options = stepwise::Options {
        root: args.site.root.clone(),
        output_dir: None,
        site: SiteOptions {
            base_url: None,
            drafts: args.site.drafts,
        },
        today: args.site.today,
    };
    let preview = serve::preview(&options, address);
    let built = super::report(stepwise::build(&preview.options), "built");
    if built != ExitCode::SUCCESS {
        return built;
    }
    println!(
        "serving {} at {} (press Ctrl+C to stop)",
        preview.options.output_dir().display(),
        address.url()
    );
    match serve::serve(&preview, listener) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            // The preview is built by now: only the server failed.
            eprint!(
                "{}",
                stepwise::diagnostics::render(&[problem], super::color())
            );
            ExitCode::FAILURE
        }
    }
}
