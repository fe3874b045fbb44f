//! A calculator formula of any text: parsed, checked, evaluated and written for the page, its
//! script and the spreadsheet.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/common/readers.rs"]
mod readers;

libfuzzer_sys::fuzz_target!(|formula: &str| readers::formula(formula));
