//! A comparison sheet's CSV file of any bytes.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/common/readers.rs"]
mod readers;

use std::sync::OnceLock;

/// The folder the CSV file is written into, for the whole run: in memory where the system has
/// /dev/shm.
fn folder() -> &'static tempfile::TempDir {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let memory = std::path::Path::new("/dev/shm");
        let folder = if memory.is_dir() {
            tempfile::tempdir_in(memory)
        } else {
            tempfile::tempdir()
        };
        folder.expect("a temporary folder")
    })
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| readers::comparison_csv(folder().path(), bytes));
