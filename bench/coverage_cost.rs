//! Times what the coverage report adds to a build, in one process so that the machine's other
//! work blurs it less than it blurs two whole builds: the whole build into OUT_DIR and loading
//! the site (for scale), then measuring the report and making each of its three files, each the
//! median of RUNS tries (of 5 for the build and the load).
//!
//! ```text
//! cargo run --release --example coverage_cost -- SITE_DIR OUT_DIR [RUNS]
//! ```

use std::path::PathBuf;
use std::time::Instant;

#[path = "timing.rs"]
mod timing;
use timing::{median, ms};

use stepwise::coverage::{self, Date, report};
use stepwise::diagnostics::Problems;
use stepwise::site::SiteOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(root), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: coverage_cost SITE_DIR OUT_DIR [RUNS]");
        std::process::exit(2);
    };
    let root = PathBuf::from(root);
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(11);
    let today = Date::today();
    let mut options = stepwise::Options::new(&root);
    options.output_dir = Some(PathBuf::from(output));
    let build = median(runs.min(5), || {
        let _ = stepwise::build(&options);
    });
    let mut problems = Problems::default();
    let load = || stepwise::load(&root, &SiteOptions::default(), &mut Problems::default());
    let started = Instant::now();
    let Some(loaded) = stepwise::load(&root, &SiteOptions::default(), &mut problems) else {
        eprintln!("the site does not load; run `stepwise check` on it");
        std::process::exit(1);
    };
    let load_once = started.elapsed();
    let load_median = median(runs.min(5), || {
        let _ = load();
    });
    let measure = median(runs, || {
        let _ = coverage::measure(&loaded.site, today);
    });
    let report = coverage::measure(&loaded.site, today);
    let mut page = Vec::new();
    let page_time = median(runs, || {
        let _ = (loaded.renderer).render_coverage(&loaded.site, &report, false, &mut page);
    });
    let json_time = median(runs, || {
        let _ = report::json(&report);
    });
    let badge_time = median(runs, || {
        let _ = report::badge::svg(report.percent);
    });
    println!(
        "{} assets: build {:.1} ms; load {:.1} ms (first {:.1} ms); measure {:.2} ms; page {:.2} ms ({} bytes); JSON {:.2} ms ({} bytes); badge {:.3} ms",
        loaded.site.assets().len(),
        ms(build),
        ms(load_median),
        ms(load_once),
        ms(measure),
        ms(page_time),
        page.len(),
        ms(json_time),
        report::json(&report).len(),
        ms(badge_time),
    );
}
