//! How [`Fields::finish`] tells a misspelt key from a missing one and reports what is left.

use std::borrow::Cow;

use crate::content::node::Located;
use crate::diagnostics::{Diagnostic, Problems, did_you_mean};

use super::Fields;

impl Fields<'_> {
    /// Adds the problems found to `problems`, with every key nobody asked for reported as
    /// unknown; `None` when there was one, so that a reader can give up with `?`. An unknown
    /// key is meant as the known key it is spelt like; failing that, as the one missing key when
    /// it is the one unknown key left. Either way, the missing key is not reported as well.
    pub fn finish(mut self, problems: &mut Problems) -> Option<()> {
        let entries = std::mem::take(&mut self.entries);
        let mut meant: Vec<Option<String>> = (entries.iter())
            .map(|(key, _)| did_you_mean(&key.value, self.known.iter().map(AsRef::as_ref)))
            .map(|close| close.map(str::to_string))
            .collect();
        let unmatched_missing: Vec<&String> = (self.missing.iter())
            .map(|(key, _)| key)
            .filter(|key| !meant.contains(&Some(key.to_string())))
            .collect();
        let mut unmatched_unknown = meant.iter_mut().filter(|close| close.is_none());
        if let ([missing], Some(only), None) = (
            unmatched_missing.as_slice(),
            unmatched_unknown.next(),
            unmatched_unknown.next(),
        ) {
            *only = Some(missing.to_string());
        }
        let replaced: Vec<usize> = (self.missing.iter())
            .filter(|(key, _)| meant.contains(&Some(key.clone())))
            .map(|&(_, at)| at)
            .collect();
        let found: Vec<Diagnostic> = (std::mem::take(&mut self.problems).into_vec())
            .into_iter()
            .enumerate()
            .filter(|(at, _)| !replaced.contains(at))
            .map(|(_, problem)| problem)
            .collect();
        let clean = found.is_empty() && entries.is_empty();
        problems.extend(found);
        for ((key, _), close) in entries.into_iter().zip(meant) {
            problems.push(self.unknown(&key, close.as_deref()));
        }
        clean.then_some(())
    }

    /// The problem of the unknown `key`, with the known key it likely means.
    fn unknown(&self, key: &Located<String>, close: Option<&str>) -> Diagnostic {
        let within = match self.within {
            Some(place) => Cow::Borrowed(place),
            None => Cow::Owned(format!("this {}", self.what)),
        };
        let diagnostic = Diagnostic::error(
            self.source,
            key.span.clone(),
            format!("unknown key `{}` in {within}", key.value),
        );
        let help = match close {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "the keys of {within} are {}",
                self.known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        diagnostic.with_help(help)
    }
}
