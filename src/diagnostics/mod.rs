//! Problems found in a site, as values: every stage collects them, the build reports all of them
//! at once in the style of rustc (file, line, column, the source line, a hint), then fails.

pub mod serde_errors;

use std::io::Write;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic as report;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::Buffer;

/// How serious a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing, but the site is built anyway.
    Warning,
}

/// A file that diagnostics can point into.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user should read it, relative to the site root where possible.
    pub name: Arc<str>,
    /// The whole text of the file.
    pub text: Arc<str>,
}

impl Source {
    /// A file with its name and text.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
        }
    }

    /// A file whose text could not be read: diagnostics point at its start.
    pub fn unreadable(name: impl Into<Arc<str>>) -> Self {
        Source::new(name, "")
    }
}

/// A place in a file, kept without the file's text: its line and column, and the text of its
/// line for the diagnostic to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column, in characters.
    pub column: usize,
    /// The text of the line, without its line break.
    pub text: String,
}

impl Place {
    /// The place of the byte `offset` of `text`.
    pub fn of(text: &str, offset: usize) -> Place {
        let (line, column) = line_and_column(text, offset);
        let start = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |at| start + at);
        Place {
            line,
            column,
            text: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        }
    }

    /// A source named `name` that holds this place's line at its line number, and the span of
    /// `len` bytes from the place: enough for a diagnostic to show `file:line:column`.
    pub fn source(&self, name: &str, len: usize) -> (Source, Range<usize>) {
        let mut text = "\n".repeat(self.line.saturating_sub(1));
        let start = text.len()
            + self
                .text
                .char_indices()
                .nth(self.column.saturating_sub(1))
                .map_or(self.text.len(), |(at, _)| at);
        text.push_str(&self.text);
        let end = (start + len).min(text.len());
        (Source::new(name, text), start..end)
    }
}

/// A place in a file that a diagnostic points at.
#[derive(Debug, Clone)]
pub struct Label {
    /// The file.
    pub source: Source,
    /// Byte range within the file's text.
    pub span: Range<usize>,
    /// What this place has to do with the problem (may be empty).
    pub message: String,
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// Where: the first label is the primary place, the others are related places.
    pub labels: Vec<Label>,
    /// How to fix it, if we can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at a place in a file.
    pub fn error(source: &Source, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            labels: vec![Label {
                source: source.clone(),
                span,
                message: String::new(),
            }],
            help: None,
        }
    }

    /// An error about no particular place in a file, such as an unusable output folder.
    pub fn plain(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    /// A warning at a place in a file.
    pub fn warning(source: &Source, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(source, span, message)
        }
    }

    /// The same problem as a warning, which does not stop the build.
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a short text under the primary place.
    pub fn with_label_message(mut self, message: impl Into<String>) -> Self {
        if let Some(label) = self.labels.first_mut() {
            label.message = message.into();
        }
        self
    }

    /// Adds a related place, such as the other file of a duplicate.
    pub fn with_related(mut self, source: &Source, span: Range<usize>, message: &str) -> Self {
        self.labels.push(Label {
            source: source.clone(),
            span,
            message: message.to_string(),
        });
        self
    }

    /// True for problems that stop the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary place as `file:line:column`, as editors and CI logs understand it.
    pub fn location(&self) -> Option<String> {
        let label = self.labels.first()?;
        let (line, column) = line_and_column(&label.source.text, label.span.start);
        Some(format!("{}:{line}:{column}", label.source.name))
    }
}

/// The problems a run has found so far, in the order found. Every stage takes one and adds
/// what it finds, so that a run reports everything at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<Diagnostic>);

impl Problems {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// True when a problem stops the run.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many of the problems are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, in the order found.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.0
    }

    /// The problems, in the order found.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl Extend<Diagnostic> for Problems {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, problems: I) {
        self.0.extend(problems);
    }
}

impl From<Vec<Diagnostic>> for Problems {
    fn from(problems: Vec<Diagnostic>) -> Self {
        Problems(problems)
    }
}

/// Renders diagnostics one after the other in the style of rustc; `color` adds ANSI colours for
/// a terminal.
pub fn render(diagnostics: &[Diagnostic], color: bool) -> String {
    let config = term::Config::default();
    let mut out = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for diagnostic in diagnostics {
        let mut files = SimpleFiles::new();
        let labels = diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(index, label)| {
                let id = files.add(label.source.name.clone(), label.source.text.clone());
                let span = clamp(&label.span, &label.source.text);
                let style = if index == 0 {
                    report::LabelStyle::Primary
                } else {
                    report::LabelStyle::Secondary
                };
                report::Label::new(style, id, span).with_message(&label.message)
            })
            .collect();
        let severity = match diagnostic.severity {
            Severity::Error => report::Severity::Error,
            Severity::Warning => report::Severity::Warning,
        };
        let report = report::Diagnostic::new(severity)
            .with_message(&diagnostic.message)
            .with_labels(labels)
            .with_notes(
                diagnostic
                    .help
                    .iter()
                    .map(|help| format!("help: {help}"))
                    .collect(),
            );
        if term::emit_to_write_style(&mut out, &config, &files, &report).is_err() {
            // The spans are clamped, so this only happens on a bug; still say what is wrong.
            let _ = writeln!(out, "error: {}", diagnostic.message);
        }
        // Writing into a memory buffer cannot fail.
        let _ = writeln!(out);
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// The closest of `candidates` to a misspelt `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// A help text that suggests the closest known name or lists the known ones.
pub fn suggestion<'a>(
    word: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    match did_you_mean(word, candidates.clone()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => {
            let known: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
            if known.is_empty() {
                format!("no {what} is declared in stepwise.toml")
            } else {
                format!(
                    "the {what}s declared in stepwise.toml are {}",
                    known.join(", ")
                )
            }
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of a 1-based line and 0-based column (in characters).
pub fn line_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start..];
    line_start
        + rest
            .char_indices()
            .nth(column)
            .map_or(rest.len(), |(at, _)| at)
}

fn clamp(span: &Range<usize>, text: &str) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    start..end
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
