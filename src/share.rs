//! The image a page is shared with: the site's `image` and each step's `[[steps]] image` in
//! `stepwise.toml`, and an asset's `image` in its front matter, checked to name a static file.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Source, did_you_mean};

/// The problems of the images of `stepwise.toml` (the site's and its steps'): each that names
/// no file of `statics` (the static files by their path) is an error at its value.
pub fn problems<V>(
    config: &Config,
    source: &Source,
    statics: &BTreeMap<String, V>,
) -> Vec<Diagnostic> {
    let steps = config.steps.iter().filter_map(|step| step.image.as_ref());
    (config.image.iter().chain(steps))
        .filter_map(|image| missing(image.get_ref(), image.span(), source, statics))
        .collect()
}

/// The error for an image (`path`, written at `span` of `source`) that names no file of
/// `statics`, with the closest name.
pub fn missing<V>(
    path: &str,
    span: Range<usize>,
    source: &Source,
    statics: &BTreeMap<String, V>,
) -> Option<Diagnostic> {
    let path = path.trim_start_matches('/');
    if statics.contains_key(path) {
        return None;
    }
    let close = did_you_mean(path, statics.keys().map(String::as_str))
        .map(|close| format!(", or did you mean `{close}`?"))
        .unwrap_or_default();
    let problem = Diagnostic::error(source, span, format!("there is no image `static/{path}`"));
    Some(problem.with_help(format!(
        "put the file at `static/{path}` or fix the path{close}"
    )))
}
