//! Times what the resource finder's search index adds to a build, in one process so that the
//! machine's other work blurs it less than it blurs two whole builds: the whole build into
//! OUT_DIR (for scale), then making the index and writing its files into a fresh folder, each
//! the median of RUNS tries (of 5 for the build); and the index's size and the most one query
//! downloads (the facets, the largest shard, the records of a first page of results that all lie
//! in different files, the largest ones).
//!
//! ```text
//! cargo run --release --example search_cost -- SITE_DIR OUT_DIR [RUNS]
//! ```

use std::path::PathBuf;

#[path = "timing.rs"]
mod timing;
use timing::{median, ms};

use stepwise::diagnostics::Problems;
use stepwise::finder::SearchIndex;
use stepwise::site::SiteOptions;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(root), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: search_cost SITE_DIR OUT_DIR [RUNS]");
        std::process::exit(2);
    };
    let root = PathBuf::from(root);
    let output = PathBuf::from(output);
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(11);
    let mut options = stepwise::Options::new(&root);
    options.output_dir = Some(output.clone());
    let build = median(runs.min(5), || {
        let _ = stepwise::build(&options);
    });
    let Some(loaded) = stepwise::load(&root, &SiteOptions::default(), &mut Problems::default())
    else {
        eprintln!("the site does not load; run `stepwise check` on it");
        std::process::exit(1);
    };
    let make = median(runs, || {
        let _ = SearchIndex::new(&loaded.site);
    });
    let index = SearchIndex::new(&loaded.site);
    let scratch = output.with_extension("search-index");
    let write = median(runs, || {
        let _ = std::fs::remove_dir_all(&scratch);
        for path in index.paths() {
            let file = scratch.join(path);
            if let Some(folder) = file.parent() {
                let _ = std::fs::create_dir_all(folder);
            }
            let _ = std::fs::write(&file, index.get(path).unwrap_or_default());
        }
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let size = |path: &str| index.get(path).map_or(0, <[u8]>::len);
    let mut shards: Vec<usize> = (index.paths().filter(|p| p.contains("/terms/")))
        .map(size)
        .collect();
    let mut records: Vec<usize> = (index.paths().filter(|p| p.contains("/records/")))
        .map(size)
        .collect();
    shards.sort_unstable_by(|a, b| b.cmp(a));
    records.sort_unstable_by(|a, b| b.cmp(a));
    let per_page = *loaded.site.config.paginate_by.get_ref();
    let facets = size("resources/index/facets.json");
    let shard = shards.first().copied().unwrap_or(0);
    let page: usize = records.iter().take(per_page).sum();
    let total: usize = index.paths().map(size).sum();
    println!(
        "{} assets: build {:.1} ms; index made in {:.1} ms and written in {:.1} ms ({} files, {:.2} MB); a query downloads at most {:.1} KB (facets {:.1} KB + largest of {} shards {:.1} KB + {per_page} records files {:.1} KB)",
        loaded.site.assets().len(),
        ms(build),
        ms(make),
        ms(write),
        index.paths().count(),
        total as f64 / 1e6,
        (facets + shard + page) as f64 / 1e3,
        facets as f64 / 1e3,
        shards.len(),
        shard as f64 / 1e3,
        page as f64 / 1e3,
    );
}
