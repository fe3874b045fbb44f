//! Loading assets: every Markdown file under `content/`, its front matter (TOML between `+++`
//! lines or YAML between `---` lines) and its body, read and parsed in parallel.
//!
//! An asset named `index.md` makes its folder a bundle: every other file in that folder is
//! published next to the asset's page, so its Markdown can link to `chart.png` or `model.xlsx`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Map, Value};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Source, did_you_mean};
use crate::markdown;

/// The folder of a site that holds its assets.
pub const CONTENT_DIR: &str = "content";

/// The front matter fields every asset may have; a table named after the asset's kind may be
/// added for kind-specific data.
const FIELDS: &[&str] = &[
    "title",
    "kind",
    "steps",
    "stakeholders",
    "summary",
    "reviewed",
    "draft",
    "weight",
    "slug",
    "extra",
];

/// A value from the front matter with the place in the file it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is in the file, for diagnostics.
    pub span: Range<usize>,
}

/// One asset as written: its front matter fields and its rendered body.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The file, for diagnostics.
    pub source: Source,
    /// The file's path relative to `content/`.
    pub path: PathBuf,
    /// The title.
    pub title: String,
    /// The slug of its kind.
    pub kind: Located<String>,
    /// The slugs of the steps it serves.
    pub steps: Vec<Located<String>>,
    /// The slugs of the stakeholders it speaks to.
    pub stakeholders: Vec<Located<String>>,
    /// One or two sentences of plain text; the first paragraph unless given.
    pub summary: String,
    /// When it was last reviewed, as `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    /// A draft is only published with `--drafts`.
    pub draft: bool,
    /// Lower weights sort first.
    pub weight: i64,
    /// The last part of its URL.
    pub slug: Located<String>,
    /// The table named after its kind (kind-specific data), or null.
    pub data: Value,
    /// The free-form `extra` table for theme authors, or null.
    pub extra: Value,
    /// The body as HTML.
    pub content: String,
    /// Files published with it (for bundles).
    pub attachments: Vec<PathBuf>,
}

/// Loads every asset under `root/content`; problems are returned beside the assets that loaded.
/// A site without a `content/` folder has no assets.
pub fn load(root: &Path) -> (Vec<Asset>, Vec<Diagnostic>) {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.exists() {
        return (Vec::new(), Vec::new());
    }
    let files = list_files(&content_dir);
    let mut files_by_folder: HashMap<&Path, Vec<PathBuf>> = HashMap::new();
    for file in &files.other {
        if let Some(folder) = file.parent() {
            files_by_folder
                .entry(folder)
                .or_default()
                .push(file.clone());
        }
    }
    let results: Vec<(Option<Asset>, Vec<Diagnostic>)> = files
        .markdown
        .par_iter()
        .map(|path| {
            let attachments = match path.parent() {
                Some(folder) if is_bundle(path) => {
                    files_by_folder.get(folder).cloned().unwrap_or_default()
                }
                _ => Vec::new(),
            };
            load_asset(root, &content_dir, path, attachments)
        })
        .collect();
    let mut problems = files.problems;
    let mut assets = Vec::with_capacity(results.len());
    for (asset, found) in results {
        assets.extend(asset);
        problems.extend(found);
    }
    let bundles: HashSet<&Path> = files
        .markdown
        .iter()
        .filter(|path| is_bundle(path))
        .filter_map(|path| path.parent())
        .collect();
    problems.extend(stray_files(root, &files.other, &bundles));
    (assets, problems)
}

/// An `index.md` makes its folder a bundle.
fn is_bundle(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == "index.md")
}

struct ContentFiles {
    markdown: Vec<PathBuf>,
    other: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
}

fn list_files(content_dir: &Path) -> ContentFiles {
    let mut files = ContentFiles {
        markdown: Vec::new(),
        other: Vec::new(),
        problems: Vec::new(),
    };
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_ignored(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                if path.extension().is_some_and(|ext| ext == "md") {
                    files.markdown.push(path);
                } else {
                    files.other.push(path);
                }
            }
            Ok(_) => {}
            Err(error) => {
                let name = error.path().unwrap_or(content_dir).display().to_string();
                files.problems.push(
                    Diagnostic::error(
                        &Source::unreadable(name),
                        0..0,
                        format!("cannot read: {error}"),
                    )
                    .with_help("check that the folder exists and that you may read it"),
                );
            }
        }
    }
    files
}

/// Hidden files and editors' temporary files are not content.
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp")
}

fn stray_files(root: &Path, other: &[PathBuf], bundles: &HashSet<&Path>) -> Vec<Diagnostic> {
    other
        .iter()
        .filter(|path| path.parent().is_none_or(|dir| !bundles.contains(dir)))
        .map(|path| {
            let source = Source::unreadable(display_path(root, path));
            Diagnostic::warning(&source, 0..0, "this file belongs to no asset and is not published")
                .with_help("to publish a file with an asset, put both in one folder and name the asset `index.md`")
        })
        .collect()
}

/// A path as the user should read it: relative to the site root.
pub fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn load_asset(
    root: &Path,
    content_dir: &Path,
    path: &Path,
    attachments: Vec<PathBuf>,
) -> (Option<Asset>, Vec<Diagnostic>) {
    let name = display_path(root, path);
    let source = match read_source(name, path) {
        Ok(source) => source,
        Err(problem) => return (None, vec![problem]),
    };
    let relative = path.strip_prefix(content_dir).unwrap_or(path).to_path_buf();
    let parsed =
        split(&source).and_then(|document| Ok((parse_front_matter(&source, &document)?, document)));
    let (fields, document) = match parsed {
        Ok(parsed) => parsed,
        Err(problem) => return (None, vec![problem]),
    };
    let body = markdown::render(&source.text[document.body.clone()]);
    // Later diagnostics only point into the front matter: keep that, not the whole body.
    let header = Source::new(source.name.clone(), &source.text[..document.body.start]);
    FrontMatter {
        source: &header,
        fields,
        front_matter: document.front_matter.clone(),
    }
    .into_asset(relative, body, attachments)
}

fn read_source(name: String, path: &Path) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::error(
            &Source::unreadable(name.clone()),
            0..0,
            format!("cannot read this file: {error}"),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(
            name,
            text.strip_prefix('\u{feff}').unwrap_or(&text),
        )),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = Source::new(name, lossy);
            Err(Diagnostic::error(
                &source,
                valid..valid + 1,
                "this file is not valid UTF-8 text",
            )
            .with_label_message("the first byte that is not UTF-8")
            .with_help("save the file with UTF-8 encoding in your editor"))
        }
    }
}

/// Where the front matter and the body are in a file.
struct Document {
    format: Format,
    front_matter: Range<usize>,
    body: Range<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Toml,
    Yaml,
}

/// Finds the front matter block between its delimiter lines.
fn split(source: &Source) -> Result<Document, Diagnostic> {
    let text: &str = &source.text;
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let (format, delimiter) = match first_line {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(Diagnostic::error(source, 0..first_line.len(), "this asset has no front matter")
                .with_help("start the file with a line `+++`, then `title = \"…\"`, `kind = \"…\"`, `steps = [\"…\"]`, then a line `+++`"));
        }
    };
    let start = text.find('\n').map_or(text.len(), |newline| newline + 1);
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == delimiter {
            return Ok(Document {
                format,
                front_matter: start..offset,
                body: offset + line.len()..text.len(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        source,
        0..delimiter.len(),
        "the front matter is never closed",
    )
    .with_help(format!(
        "add a line `{delimiter}` after the last front matter field"
    )))
}

fn parse_front_matter(
    source: &Source,
    document: &Document,
) -> Result<Map<String, Value>, Diagnostic> {
    let text = &source.text[document.front_matter.clone()];
    let offset = document.front_matter.start;
    let value = match document.format {
        Format::Toml => toml::from_str::<toml::Table>(text)
            .map(|table| toml_to_json(toml::Value::Table(table)))
            .map_err(|error| {
                let span = error.span().unwrap_or(0..0);
                crate::config::parse_error(
                    source,
                    error.message(),
                    span.start + offset..span.end + offset,
                )
            })?,
        Format::Yaml => serde_yaml_ng::from_str::<Value>(text).map_err(|error| {
            let at = error.location().map_or(0, |location| location.index()) + offset;
            let message = error.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Diagnostic::error(
                source,
                at..at + 1,
                format!("this front matter is not valid YAML: {message}"),
            )
            .with_help("write one `key: value` per line, lists as `[a, b]`, and close every quote and bracket")
        })?,
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(Diagnostic::error(
            source,
            document.front_matter.clone(),
            "the front matter must be a list of `key = value` fields",
        )),
    }
}

/// Converts a TOML value to the JSON-like data model templates see; dates become strings.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(number) => Value::from(number),
        toml::Value::Float(number) => Value::from(number),
        toml::Value::Boolean(flag) => Value::Bool(flag),
        toml::Value::Datetime(date) => Value::String(date.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(key, value)| (key, toml_to_json(value)))
                .collect(),
        ),
    }
}

/// The parsed front matter of one file, read field by field into an asset.
struct FrontMatter<'a> {
    source: &'a Source,
    fields: Map<String, Value>,
    front_matter: Range<usize>,
}

impl FrontMatter<'_> {
    fn into_asset(
        mut self,
        path: PathBuf,
        body: markdown::Rendered,
        attachments: Vec<PathBuf>,
    ) -> (Option<Asset>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let title = self.required_text("title", &mut problems);
        let kind = self.required_text("kind", &mut problems);
        let steps = self.list("steps", true, &mut problems);
        let stakeholders = self.list("stakeholders", false, &mut problems);
        let summary = self.optional_text("summary", &mut problems);
        let reviewed = self.reviewed(&mut problems);
        let draft = self.flag("draft", &mut problems);
        let weight = self.integer("weight", &mut problems);
        let slug = self.slug(&path, &mut problems);
        let extra = self.fields.remove("extra").unwrap_or(Value::Null);
        let data = kind
            .as_ref()
            .and_then(|kind| self.fields.remove(&kind.value))
            .unwrap_or(Value::Null);
        problems.extend(self.unknown_fields());
        let asset = match (title, kind) {
            (Some(title), Some(kind)) => Some(Asset {
                source: self.source.clone(),
                path,
                title: title.value,
                kind,
                steps,
                stakeholders,
                summary: summary.unwrap_or(body.first_paragraph),
                reviewed,
                draft,
                weight,
                slug,
                data,
                extra,
                content: body.html,
                attachments,
            }),
            _ => None,
        };
        (asset, problems)
    }

    /// Where a top-level key is written in the file: its name at the start of a line, before any
    /// TOML table header, or its own table header.
    fn key_span(&self, key: &str) -> Range<usize> {
        let text = &self.source.text[self.front_matter.clone()];
        let mut offset = self.front_matter.start;
        let mut in_table = false;
        for line in text.split_inclusive('\n') {
            let is_header = line.starts_with('[');
            in_table |= is_header;
            let name = line.trim_start_matches('[').trim_start_matches('"');
            let at_top = !line.starts_with(char::is_whitespace) && (is_header || !in_table);
            if let Some(after) = name.strip_prefix(key).filter(|_| at_top) {
                let after = after.trim_start_matches('"').trim_start();
                if after.starts_with(['=', ':', ']', '.']) {
                    let start = offset + (line.len() - name.len());
                    return start..start + key.len();
                }
            }
            offset += line.len();
        }
        self.opening_span()
    }

    /// Where a value of a key is written: the first whole occurrence of its text after the
    /// key, or else the key.
    fn value_span(&self, key: &str, value: &str) -> Range<usize> {
        let key_span = self.key_span(key);
        let search = &self.source.text[key_span.end..self.front_matter.end];
        let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
        let whole = search.match_indices(value).find(|(at, _)| {
            let before = search[..*at].chars().next_back();
            let after = search[at + value.len()..].chars().next();
            !value.is_empty() && !before.is_some_and(is_word) && !after.is_some_and(is_word)
        });
        let Some((at, _)) = whole else {
            return key_span;
        };
        let (start, end) = (key_span.end + at, key_span.end + at + value.len());
        let text = self.source.text.as_bytes();
        let quoted = start > 0
            && end < text.len()
            && matches!(text[start - 1], b'"' | b'\'')
            && text[end] == text[start - 1];
        if quoted {
            start - 1..end + 1
        } else {
            start..end
        }
    }

    /// The opening delimiter line, for problems of the front matter as a whole.
    fn opening_span(&self) -> Range<usize> {
        self.front_matter.start.saturating_sub(4)..self.front_matter.start.saturating_sub(1)
    }

    fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.source, self.key_span(key), message)
    }

    fn required_text(
        &mut self,
        key: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Located<String>> {
        match self.fields.remove(key) {
            Some(Value::String(text)) if !text.trim().is_empty() => {
                let span = self.value_span(key, &text);
                Some(Located { value: text, span })
            }
            Some(Value::String(_)) => {
                problems.push(
                    self.error(key, format!("`{key}` is empty"))
                        .with_help(format!("write a {key} between the quotes")),
                );
                None
            }
            Some(other) => {
                problems.push(self.wrong_type(key, "text in quotes", &other));
                None
            }
            None => {
                problems.push(self.missing(key, "\"…\""));
                None
            }
        }
    }

    fn optional_text(&mut self, key: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
        match self.fields.remove(key)? {
            Value::String(text) => Some(text),
            other => {
                problems.push(self.wrong_type(key, "text in quotes", &other));
                None
            }
        }
    }

    fn list(
        &mut self,
        key: &str,
        required: bool,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<Located<String>> {
        let items = match self.fields.remove(key) {
            Some(Value::String(one)) => vec![Value::String(one)],
            Some(Value::Array(items)) => items,
            None if !required => return Vec::new(),
            None => {
                problems.push(self.missing(key, "[\"…\"]"));
                return Vec::new();
            }
            Some(other) => {
                problems.push(self.wrong_type(
                    key,
                    "a list of slugs, such as [\"key-facts\"]",
                    &other,
                ));
                return Vec::new();
            }
        };
        if required && items.is_empty() {
            problems.push(self.error(key, format!("`{key}` is empty")).with_help("name at least one buying step this asset serves, such as `steps = [\"key-facts\"]`"));
        }
        let mut located = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(text) => located.push(Located {
                    span: self.value_span(key, &text),
                    value: text,
                }),
                other => problems.push(self.wrong_type(key, "a list of slugs in quotes", &other)),
            }
        }
        located
    }

    fn reviewed(&mut self, problems: &mut Vec<Diagnostic>) -> Option<String> {
        let text = self.optional_text("reviewed", problems)?;
        if is_date(&text) {
            Some(text)
        } else {
            problems.push(
                Diagnostic::error(
                    self.source,
                    self.value_span("reviewed", &text),
                    format!("`{text}` is not a date"),
                )
                .with_help("write the date as year-month-day, such as `reviewed = 2026-03-31`"),
            );
            None
        }
    }

    fn flag(&mut self, key: &str, problems: &mut Vec<Diagnostic>) -> bool {
        match self.fields.remove(key) {
            None => false,
            Some(Value::Bool(flag)) => flag,
            Some(other) => {
                problems.push(self.wrong_type(key, "true or false", &other));
                false
            }
        }
    }

    fn integer(&mut self, key: &str, problems: &mut Vec<Diagnostic>) -> i64 {
        match self.fields.remove(key) {
            None => 0,
            Some(Value::Number(number)) if number.is_i64() => number.as_i64().unwrap_or(0),
            Some(other) => {
                problems.push(self.wrong_type(key, "a whole number", &other));
                0
            }
        }
    }

    fn slug(&mut self, path: &Path, problems: &mut Vec<Diagnostic>) -> Located<String> {
        match self.optional_text("slug", problems) {
            Some(slug) => {
                let span = self.value_span("slug", &slug);
                if markdown::slugify(&slug) != slug {
                    problems.push(
                        Diagnostic::error(
                            self.source,
                            span.clone(),
                            format!("`{slug}` is not a valid slug"),
                        )
                        .with_help(format!(
                            "use lowercase letters, digits and hyphens, such as `{}`",
                            markdown::slugify(&slug)
                        )),
                    );
                }
                Located { value: slug, span }
            }
            None => Located {
                value: markdown::slugify(&file_stem(path)),
                span: self.opening_span(),
            },
        }
    }

    /// A required key that the front matter lacks; `example` is the shape of its value.
    fn missing(&self, key: &str, example: &str) -> Diagnostic {
        Diagnostic::error(
            self.source,
            self.opening_span(),
            format!("this asset has no `{key}`"),
        )
        .with_help(format!(
            "add a line `{key} = {example}` to the front matter"
        ))
    }

    fn wrong_type(&self, key: &str, expected: &str, found: &Value) -> Diagnostic {
        self.error(
            key,
            format!("`{key}` must be {expected}, not {}", type_name(found)),
        )
    }

    fn unknown_fields(&self) -> Vec<Diagnostic> {
        self.fields
            .keys()
            .map(|key| {
                let diagnostic =
                    self.error(key, format!("unknown key `{key}` in the front matter"));
                match did_you_mean(key, FIELDS.iter().copied()) {
                    Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
                    None => diagnostic.with_help(format!(
                        "the fields of an asset are {}, and a table named after its kind",
                        FIELDS
                            .iter()
                            .map(|f| format!("`{f}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
            })
            .collect()
    }
}

/// The slug a file gets by default: its name, or its folder's name for `index.md`.
fn file_stem(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "index" {
        if let Some(folder) = path.parent().and_then(Path::file_name) {
            return folder.to_string_lossy().into_owned();
        }
    }
    stem
}

/// True for a calendar date written `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    text.len() == 10
        && text
            .parse::<toml::value::Datetime>()
            .is_ok_and(|datetime| datetime.date.is_some() && datetime.time.is_none())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}
