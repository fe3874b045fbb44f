//! The build writes every figure as the browser's `Intl.NumberFormat` writes it: thousands of
//! values (whole, fractions, negatives, halves, large and tiny) in every format, with every
//! setting of `decimals`, in English, German, French, Japanese and Indian English, formatted by
//! [`stepwise::number`] and by the page's script under node (one process for all of them), text
//! for text.
//!
//! The only differences allowed are where the CLDR data compiled into ICU4X and the ICU data of
//! node truly differ; [`DATA_DIFFERENCES`] lists them, each with its reason.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::process::Command;

use serde_json::json;
use stepwise::number::{Format, Language, Numbers, Style};

const LANGUAGES: [&str; 5] = ["en", "de", "fr", "ja", "en-IN"];
const CURRENCIES: [&str; 6] = ["USD", "EUR", "JPY", "INR", "GBP", "CHF"];

/// Where the two sets of data disagree, as (language, currency, ICU4X's text, node's text) of
/// the currency's sign: French CLDR gives the yen no sign of its own, so node's ICU writes the
/// code `JPY`, while ICU4X's data falls back to the sign `JP¥` of the root locale.
const DATA_DIFFERENCES: [(&str, &str, &str, &str); 1] = [("fr", "JPY", "JP¥", "JPY")];

/// Every decimals setting: the format's own rule, and 0 to 20 digits.
fn decimals() -> Vec<Option<u32>> {
    std::iter::once(None).chain((0..=20).map(Some)).collect()
}

/// Values of every kind, the same on every run: whole numbers, fractions with halves that round
/// either way, negatives, zero and negative zero, large and tiny magnitudes.
fn values() -> Vec<f64> {
    let mut values = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        1.5,
        2.5,
        -2.5,
        0.005,
        1.005,
        2.675,
        0.125,
        0.0625,
        999.995,
        1000.0,
        1234.5,
        99999.99,
        123456.789,
        1234567.891,
        12345678.0,
        1e15,
        1e21,
        123e18,
        0.1,
        0.2,
        0.3,
        1e-7,
        1e-12,
        -1e-7,
        0.8,
        0.07,
        0.123456789,
        41.5,
        1e9 + 0.5,
    ];
    // A linear congruential generator: many values, the same ones every time.
    let mut state: u64 = 0x5eed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 11
    };
    for _ in 0..160 {
        let digits = (next() % 12) as i32;
        let scale = 10f64.powi((next() % 9) as i32 - 4);
        let whole = (next() % 10u64.pow(digits as u32).max(1)) as f64;
        let sign = if next() % 3 == 0 { -1.0 } else { 1.0 };
        values.push(sign * whole * scale);
    }
    values
}

/// Every style with the currency it is shown in.
fn styles() -> Vec<(Style, &'static str)> {
    let mut styles = Vec::new();
    for decimals in decimals() {
        for format in [Format::Number, Format::Percent] {
            styles.push((Style { format, decimals }, "USD"));
        }
        for currency in CURRENCIES {
            let format = Format::Currency;
            styles.push((Style { format, decimals }, currency));
        }
    }
    styles
}

/// The texts of the page's script for every batch.
fn node_texts(batches: &serde_json::Value) -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = folder.path().join("batches.json");
    std::fs::write(&input, batches.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let output = Command::new("node")
        .arg(root.join("tests/number_intl.js"))
        .arg(root.join("themes/default/static/calculator.js"))
        .arg(&input)
        .output()
        .unwrap_or_else(|e| panic!("node, which the browser tests need, could not run: {e}"));
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// Whether two texts differ only where the data of ICU4X and node differ.
fn known_difference(language: &str, currency: &str, ours: &str, theirs: &str) -> bool {
    DATA_DIFFERENCES.iter().any(|&(l, c, sign, other)| {
        l == language && c == currency && ours.replace(sign, other) == theirs
    })
}

#[test]
fn the_build_writes_every_figure_as_intl_number_format_does() {
    let values = values();
    let mut batches = Vec::new();
    let mut ours = Vec::new();
    for language in LANGUAGES {
        let parsed = Language::parse(language).unwrap_or_else(|| panic!("{language}"));
        for (style, currency) in styles() {
            let numbers = Numbers::new(&parsed, currency).unwrap_or_else(|e| panic!("{e}"));
            batches.push(json!({
                "language": parsed.tag(),
                "options": style.intl_options(currency),
                "values": values,
            }));
            let texts: Vec<String> = values.iter().map(|&v| numbers.show(v, style)).collect();
            ours.push((language, currency, style, texts));
        }
    }
    let theirs = node_texts(&serde_json::Value::Array(batches));
    let (mut compared, mut known, mut differences) = (0, 0, Vec::new());
    for ((language, currency, style, ours), theirs) in ours.iter().zip(&theirs) {
        for ((value, ours), theirs) in values.iter().zip(ours).zip(theirs) {
            compared += 1;
            if ours == theirs {
                continue;
            }
            if known_difference(language, currency, ours, theirs) {
                known += 1;
                continue;
            }
            differences.push(format!(
                "{value} in {language} as {style:?} in {currency}: build {ours:?}, script {theirs:?}"
            ));
        }
    }
    println!(
        "compared {compared} figures: {} differ, {known} only by the data difference listed",
        differences.len()
    );
    assert!(
        differences.is_empty(),
        "{} of {compared} figures differ:\n{}",
        differences.len(),
        differences[..differences.len().min(40)].join("\n")
    );
}
