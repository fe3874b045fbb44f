//! Faults of a build: a build killed at any moment, a write that fails, two builds at once.
//! Whatever happens, `output/` is the previous complete build or the new one, never a mix; the
//! next build cleans up what a stopped one left; and a failed write names its path.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/mod.rs"]
mod common;

mod concurrent;
mod kill;
mod writes;

use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

/// The date every build measures coverage for, so that two builds of a site are the same.
pub const TODAY: &str = "2026-06-01";

/// A fingerprint of every file under `dir` (its path and bytes); empty when `dir` is missing.
pub fn fingerprint(dir: &Path) -> u64 {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_path_buf();
            files.insert(
                relative,
                fs::read(entry.path()).expect("read a file of the output"),
            );
        }
    }
    let mut hasher = DefaultHasher::new();
    for (path, bytes) in &files {
        hasher.write(path.as_os_str().as_encoded_bytes());
        hasher.write(bytes);
    }
    hasher.finish()
}

/// What builds left beside the output folder of the site in `dir`, other than its lock.
pub fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list the site")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(".output.stepwise-") && name != ".output.stepwise-lock")
        .collect()
}
