//! An asset file of any bytes: its front matter, common fields, kind tables and Markdown body.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/common/readers.rs"]
mod readers;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| readers::asset(bytes));
