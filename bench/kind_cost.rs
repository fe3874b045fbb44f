//! Times what each kind of asset costs, in one process so that the machine's other work blurs it
//! less than it blurs whole builds: every asset page of a site rendered RUNS times, and every
//! download (spreadsheet or CSV file) made RUNS times, with the median per file of each kind and
//! the bytes written.
//!
//! ```text
//! cargo run --release --example kind_cost -- SITE_DIR [RUNS]
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use stepwise::diagnostics::Problems;
use stepwise::routes::Page;
use stepwise::site::{SiteAsset, SiteOptions};

/// The medians of one kind's files and their bytes in all.
#[derive(Default)]
struct Costs {
    times: Vec<Duration>,
    bytes: usize,
}

impl Costs {
    fn add(&mut self, runs: usize, mut make: impl FnMut() -> usize) {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                self.bytes += make() / runs;
                started.elapsed()
            })
            .collect();
        times.sort();
        self.times.push(median(&times));
    }

    fn line(mut self) -> String {
        self.times.sort();
        let count = self.times.len();
        format!(
            "{count:>5} files, median {:>7.1} µs each, {:>7.1} ms in all, {:>6} bytes on average",
            median(&self.times).as_secs_f64() * 1e6,
            self.times.iter().sum::<Duration>().as_secs_f64() * 1e3,
            self.bytes / count
        )
    }
}

/// The middle of sorted times; zero for none.
fn median(sorted: &[Duration]) -> Duration {
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: kind_cost SITE_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5).max(1);
    let mut problems = Problems::default();
    let Some(loaded) = stepwise::load(&PathBuf::from(root), &SiteOptions::default(), &mut problems)
    else {
        eprintln!("the site does not load; run `stepwise check` on it");
        std::process::exit(1);
    };
    let mut pages: BTreeMap<&str, Costs> = BTreeMap::new();
    let mut downloads: BTreeMap<&str, Costs> = BTreeMap::new();
    let mut out = Vec::new();
    for asset in loaded.site.assets() {
        let kind = asset.asset.kind.value.as_str();
        let page = Page::Asset(asset.asset.id.clone());
        pages.entry(kind).or_default().add(runs, || {
            let _ = loaded.renderer.render(&loaded.site, &page, &mut out);
            out.len()
        });
        if has_download(asset) {
            downloads.entry(kind).or_default().add(runs, || {
                let title = &asset.asset.title.value;
                (asset.data.download(title).and_then(Result::ok)).map_or(0, |file| file.len())
            });
        }
    }
    for (kind, costs) in pages {
        println!("{kind:<12} page      {}", costs.line());
        if let Some(costs) = downloads.remove(kind) {
            println!("{kind:<12} download  {}", costs.line());
        }
    }
}

fn has_download(asset: &SiteAsset) -> bool {
    asset.data.download_name("x").is_some()
}
