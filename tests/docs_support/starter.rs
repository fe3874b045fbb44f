//! The starter site every example is built in: what `stepwise init` writes, which declares
//! every built-in kind, so that an example of any kind builds. An example is added to it: its files are written over the starter's, and a part of a
//! `stepwise.toml` is merged into the starter's (a whole one, with a `title`, replaces it and
//! the starter's assets).

use std::fs;
use std::path::{Path, PathBuf};

use stepwise::scaffold::InitOptions;
use toml::{Table, Value};

use super::blocks::Example;

/// The date every example is built on, and the starter made on, so that a message that names
/// today reads the same every day.
pub const TODAY: &str = "2027-01-01";

/// The files of the starter site and its configuration.
pub struct Starter {
    /// Every file but `stepwise.toml`, by its path in the site.
    files: Vec<(PathBuf, Vec<u8>)>,
    /// `stepwise.toml`.
    config: Table,
}

impl Starter {
    /// Makes the starter site with `stepwise init`, and reads it.
    pub fn new() -> Starter {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let options = InitOptions {
            ci: None,
            ..InitOptions::default()
        };
        stepwise::scaffold::init(dir.path(), &options).expect("`stepwise init` makes a site");
        let text = fs::read_to_string(dir.path().join("stepwise.toml")).expect("init's config");
        let config: Table = text.parse().expect("init's stepwise.toml is TOML");
        let files = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file() && entry.file_name() != "stepwise.toml")
            .map(|entry| {
                let path = entry.path().strip_prefix(dir.path()).expect("inside");
                let bytes = fs::read(entry.path()).expect("a file init wrote");
                (path.to_path_buf(), as_if_made_on_today(bytes))
            })
            .collect();
        Starter { files, config }
    }

    /// Writes the starter with `example` added into `dir`; returns how many lines of the
    /// written `stepwise.toml` come before the example's own.
    pub fn write(&self, example: &Example, dir: &Path) -> usize {
        let whole = example
            .config()
            .and_then(|block| block.text.parse::<Table>().ok())
            .is_some_and(|config| config.contains_key("title"));
        let mut before = 0;
        if !whole {
            for (path, bytes) in &self.files {
                write(dir, path, bytes);
            }
            let part = example.config().map_or("", |block| block.text.as_str());
            let (text, lines) = merge(&self.config, part);
            write(dir, Path::new("stepwise.toml"), text.as_bytes());
            before = lines;
        }
        let merged = |file: &str| !whole && file == "stepwise.toml";
        for (file, block) in example.files.iter().filter(|(file, _)| !merged(file)) {
            write(dir, Path::new(file), block.text.as_bytes());
        }
        before
    }
}

/// `part` of a `stepwise.toml` merged into `config`: the starter's plain keys the part does not
/// set, then the part as written, then the starter's tables the part does not replace (an
/// element of a list of tables is replaced by one with the same `slug`). Returns the text and
/// how many lines come before the part.
fn merge(config: &Table, part: &str) -> (String, usize) {
    let written: Table = part.parse().unwrap_or_default();
    let (mut head, mut tail) = (Table::new(), Table::new());
    for (key, value) in config {
        match value {
            Value::Table(_) if written.contains_key(key) => {}
            Value::Table(_) => {
                tail.insert(key.clone(), value.clone());
            }
            Value::Array(items) if items.iter().all(Value::is_table) => {
                let kept = without_slugs(items, written.get(key));
                if !kept.is_empty() {
                    tail.insert(key.clone(), Value::Array(kept));
                }
            }
            _ if written.contains_key(key) => {}
            _ => {
                head.insert(key.clone(), value.clone());
            }
        }
    }
    let head = toml::to_string(&head).expect("a table serialises");
    let tail = toml::to_string(&tail).expect("a table serialises");
    (format!("{head}{part}\n{tail}"), head.lines().count())
}

/// The tables of `items` whose `slug` no table of `replacing` has.
fn without_slugs(items: &[Value], replacing: Option<&Value>) -> Vec<Value> {
    let slugs: Vec<&Value> = match replacing {
        Some(Value::Array(tables)) => tables.iter().filter_map(|t| t.get("slug")).collect(),
        _ => Vec::new(),
    };
    (items.iter())
        .filter(|item| item.get("slug").is_none_or(|slug| !slugs.contains(&slug)))
        .cloned()
        .collect()
}

fn write(dir: &Path, relative: &Path, bytes: &[u8]) {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().expect("a file has a folder")).expect("make folders");
    fs::write(path, bytes).expect("write a file of the example's site");
}

/// A file `init` wrote, as if it had been made on [`TODAY`]: the dates of its assets' reviews.
fn as_if_made_on_today(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => text
            .replace(&stepwise::coverage::Date::today().to_string(), TODAY)
            .into_bytes(),
        Err(binary) => binary.into_bytes(),
    }
}
