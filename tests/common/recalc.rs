//! The independent formula engine the spreadsheet tests recalculate workbooks with: the PyPI
//! package `formulas` (installed by `scripts/install-formulas.sh`), run by
//! `scripts/recalc_xlsx.py`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The engine's Python, or `None` (skipping loudly) when it is not installed.
pub fn engine() -> Option<PathBuf> {
    let venv = std::env::var("STEPWISE_FORMULAS_VENV")
        .unwrap_or_else(|_| "/tmp/stepwise-formulas-venv".into());
    let python = Path::new(&venv).join("bin/python");
    let ok = Command::new(&python)
        .args(["-c", "import formulas"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(python);
    }
    let message = format!(
        "the `formulas` engine is not installed in {venv} (run scripts/install-formulas.sh): the workbooks were NOT recalculated"
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
    eprintln!("SKIPPED: {message}");
    None
}

/// The engine's values of every formula cell, once per set of changes (cell → value).
pub fn recalculate(
    python: &Path,
    xlsx: &[u8],
    change_sets: &[HashMap<String, f64>],
) -> Vec<HashMap<String, serde_json::Value>> {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let book = folder.path().join("book.xlsx");
    std::fs::write(&book, xlsx).unwrap_or_else(|e| panic!("{e}"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/recalc_xlsx.py");
    let changes = serde_json::to_string(change_sets).unwrap_or_default();
    let output = Command::new(python)
        .arg(script)
        .arg(&book)
        .arg(changes)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"))
}
