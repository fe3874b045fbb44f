//! Times what the kinds' downloads cost: every spreadsheet and CSV file of a site, made again
//! RUNS times in one process, with the median per file of each kind and the bytes written. The
//! calculators and action plans of the benchmark's generated sites are what the build's
//! spreadsheets cost there.
//!
//! ```text
//! cargo run --release --example download_cost -- SITE_DIR [RUNS]
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use stepwise::diagnostics::Problems;
use stepwise::site::SiteOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: download_cost SITE_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let mut problems = Problems::default();
    let Some(loaded) = stepwise::load(&PathBuf::from(root), &SiteOptions::default(), &mut problems)
    else {
        eprintln!("the site does not load; run `stepwise check` on it");
        std::process::exit(1);
    };
    let mut by_kind: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    let mut bytes: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for asset in loaded.site.assets() {
        let Some(name) = asset.data.download_name("x") else {
            continue;
        };
        let kind = asset.asset.kind.value.clone();
        let mut times = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let started = Instant::now();
            size = asset
                .data
                .download(&asset.asset.title.value)
                .map_or(0, |file| file.len());
            times.push(started.elapsed());
        }
        times.sort();
        by_kind
            .entry(format!("{kind} ({})", extension(&name)))
            .or_default()
            .push(times[runs / 2]);
        let total = bytes.entry(kind).or_default();
        total.0 += 1;
        total.1 += size;
    }
    for ((label, mut times), (count, size)) in by_kind.into_iter().zip(bytes.into_values()) {
        times.sort();
        let sum: Duration = times.iter().sum();
        println!(
            "{label}: {count} files, median {:.1} µs each, {:.1} ms in all, {} bytes on average",
            times[times.len() / 2].as_secs_f64() * 1e6,
            sum.as_secs_f64() * 1e3,
            size / count
        );
    }
}

fn extension(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}
