//! Never a panic, never a hang: generated input through every reader of what a user writes
//! (see `common/readers.rs`, which the fuzz targets under `fuzz/` drive too) must give a value
//! or a diagnostic placed in its file. Each property feeds raw bytes and input that is shaped
//! like the real thing but wrong: front matter with every field in every type, Markdown
//! extremes, token soup for formulas, CSV files with stray quotes and ragged rows, and
//! configurations with values of the wrong type.
//!
//! The cases come from a fixed seed (set `STEPWISE_PROPTEST_SEED` to try others and
//! `PROPTEST_CASES` for how many per property; 1,000 unless set). A case that does not end
//! within [`HANG`] fails as a hang: a bound for a loop that never ends, far above any real run.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../common/readers.rs"]
mod readers;

mod inputs;

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// How long one case may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(20);

/// Runs `property` on the cases of `strategy`, each on a thread of its own that must end
/// within [`HANG`]; a panic is shrunk to the smallest case that panics.
fn check<S>(strategy: S, property: fn(S::Value))
where
    S: Strategy,
    S::Value: Send + 'static,
{
    let seed: u64 = env_number("STEPWISE_PROPTEST_SEED").unwrap_or(27);
    let cases = env_number("PROPTEST_CASES").unwrap_or(1000);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases: u32::try_from(cases).unwrap_or(u32::MAX),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let result = runner.run(&strategy, |value| {
        ends(move || property(value));
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.parse().ok()
}

/// Runs `case` on a thread of its own; its panic is passed on, and a case still running after
/// [`HANG`] fails as a hang.
fn ends(case: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        case();
        let _ = done.send(());
    });
    match finished.recv_timeout(HANG) {
        Ok(()) | Err(RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(RecvTimeoutError::Timeout) => panic!("the case did not end within {HANG:?}"),
    }
}

#[test]
fn any_bytes_as_an_asset_give_a_value_or_a_diagnostic() {
    check(inputs::bytes(), |bytes| readers::asset(&bytes));
}

#[test]
fn wrong_toml_front_matter_gives_a_value_or_a_diagnostic() {
    check(inputs::toml_front_matter(), |bytes| readers::asset(&bytes));
}

#[test]
fn wrong_yaml_front_matter_gives_a_value_or_a_diagnostic() {
    check(inputs::yaml_front_matter(), |bytes| readers::asset(&bytes));
}

#[test]
fn markdown_extremes_are_rendered() {
    check(inputs::markdown(), |bytes| readers::asset(&bytes));
}

#[test]
fn any_formula_gives_results_or_a_diagnostic() {
    check(inputs::formula(), |formula| readers::formula(&formula));
}

#[test]
fn any_csv_file_gives_a_sheet_or_a_diagnostic() {
    check(prop_oneof![inputs::csv(), inputs::bytes()], |bytes| {
        let folder = tempfile::tempdir().expect("a temporary folder");
        readers::comparison_csv(folder.path(), &bytes);
    });
}

#[test]
fn any_configuration_gives_a_site_or_a_diagnostic() {
    check(
        prop_oneof![inputs::configuration(), inputs::bytes()],
        |bytes| {
            readers::configuration(&bytes);
        },
    );
}
