//! A problem inside one formula, with byte offsets inside the formula, and how it becomes a
//! [`Diagnostic`] pointing into the file.

use std::ops::Range;

use crate::content::Located;
use crate::diagnostics::{Diagnostic, Source, did_you_mean};

/// A problem found in a formula; its spans are byte offsets inside the formula text.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the formula.
    pub span: Range<usize>,
    /// What is wrong, in one line.
    pub message: String,
    /// A short text under the place.
    pub label: String,
    /// How to fix it, if we can tell.
    pub help: Option<String>,
    /// Other places in the same formula that explain the problem.
    pub related: Vec<(Range<usize>, String)>,
}

impl Problem {
    /// A problem at a place in the formula.
    pub fn new(span: Range<usize>, message: impl Into<String>, label: impl Into<String>) -> Self {
        Problem {
            span,
            message: message.into(),
            label: label.into(),
            help: None,
            related: Vec::new(),
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place in the same formula.
    pub fn with_related(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push((span, message.into()));
        self
    }

    /// The problem as a diagnostic in the file that holds the formula.
    pub fn to_diagnostic(&self, source: &Source, formula: &Located<String>) -> Diagnostic {
        let place = FormulaPlace::new(source, formula);
        let diagnostic = Diagnostic::error(source, place.span(&self.span), &self.message)
            .with_label_message(&self.label);
        let diagnostic = self.related.iter().fold(diagnostic, |d, (span, message)| {
            d.with_related(source, place.span(span), message)
        });
        match &self.help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }
}

/// Maps byte offsets inside a formula to byte ranges in its file.
#[derive(Debug, Clone)]
pub(crate) struct FormulaPlace {
    whole: Range<usize>,
    exact: bool,
}

impl FormulaPlace {
    /// The place of `formula` in `source`: exact when the file holds the formula verbatim between
    /// its quotes, otherwise (escapes, multi-line strings) the whole string.
    pub(crate) fn new(source: &Source, formula: &Located<String>) -> Self {
        let whole = formula.span.clone();
        let inner = whole.start.saturating_add(1)..whole.end.saturating_sub(1);
        let exact = source.text.get(inner) == Some(formula.value.as_str());
        FormulaPlace { whole, exact }
    }

    /// The byte range in the file of a byte range inside the formula.
    pub(crate) fn span(&self, inside: &Range<usize>) -> Range<usize> {
        if self.exact {
            let start = self.whole.start + 1;
            start + inside.start..start + inside.end
        } else {
            self.whole.clone()
        }
    }
}

/// The known name a misspelt one most likely means: close by [`did_you_mean`], or one edit away
/// (which catches short names such as `mn` for `min`).
pub(crate) fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    did_you_mean(word, known.iter().copied()).or_else(|| {
        known
            .iter()
            .copied()
            .find(|name| strsim::levenshtein(word, name) <= 1)
    })
}
