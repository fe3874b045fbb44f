//! The floor of the benchmark: the least a static site generator must do with a site's pages,
//! and nothing more. It reads each Markdown file under `SITE/content`, skips its front matter,
//! renders its body with pulldown-cmark (the same crate, with stepwise's own extensions:
//! `stepwise::markdown::options`) and writes it as `OUT/<folder>/<name>/index.html`, in parallel
//! with rayon. No templates, no listings, no model of the site.
//!
//! ```text
//! cargo run --release --example floor -- SITE OUT
//! ```
//!
//! `bench/run.sh` runs it beside stepwise and Hugo on the same generated site (see
//! `bench/README.md`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

/// The body of a page: what follows its `+++` or `---` front matter, or all of it.
fn body(text: &str) -> &str {
    for fence in ["+++", "---"] {
        if let Some(rest) = text.strip_prefix(fence)
            && let Some(end) = rest.find(&format!("\n{fence}\n"))
        {
            return rest.get(end + fence.len() + 2..).unwrap_or("");
        }
    }
    text
}

/// Renders one page from `source` into `out`, at the address its path under `content` gives it.
fn page(content: &Path, source: &Path, out: &Path) -> io::Result<()> {
    let text = fs::read_to_string(source)?;
    let markdown = body(&text);
    let mut buffer = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut buffer,
        Parser::new_ext(markdown, stepwise::markdown::options()),
    );
    let relative = source.strip_prefix(content).unwrap_or(source);
    let folder = out.join(relative.with_extension(""));
    fs::create_dir_all(&folder)?;
    fs::write(folder.join("index.html"), buffer)
}

/// Renders every page under `site/content` into `out`; how many it wrote.
fn run(site: &Path, out: &Path) -> io::Result<usize> {
    let content = site.join("content");
    let sources: Vec<PathBuf> = WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    sources
        .par_iter()
        .try_for_each(|source| page(&content, source, out))?;
    Ok(sources.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(site), Some(out), None) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: floor SITE OUT\n  renders the Markdown of SITE/content into OUT");
        return ExitCode::from(2);
    };
    match run(Path::new(site), Path::new(out)) {
        Ok(pages) => {
            eprintln!("floor: {pages} pages written into {out}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("floor: {error}");
            ExitCode::FAILURE
        }
    }
}
