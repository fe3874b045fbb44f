//! Reads the arrows between modules out of the library's source: every `crate::…` and `super::…`
//! path, in `use` trees (with their `{…}` groups) and in code, after comments, strings and
//! character literals are blanked out. A path names the longest module it starts with; an arrow
//! runs from the module of the file the path is written in to that module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path below the crate root, such as `["site", "edit"]`; the root is empty.
pub type ModulePath = Vec<String>;

/// One source file of the library: its module and its text.
pub struct SourceFile {
    /// The module the file holds.
    pub module: ModulePath,
    /// Its text.
    pub text: String,
}

/// Every `.rs` file under `src/` but the binary's (`main.rs` and `cmd/`), which sits above the
/// library and is no part of its graph.
pub fn library_files(src: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for path in rust_files(src) {
        let relative = path
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if relative == "main.rs" || relative.starts_with("cmd/") {
            continue;
        }
        files.push(SourceFile {
            module: module_of(&relative),
            text: std::fs::read_to_string(&path).unwrap(),
        });
    }
    files
}

/// Every `.rs` file under `dir`, in a stable order.
pub fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
    found
}

/// The module a file below `src/` holds: `lib.rs` the root, `a/mod.rs` and `a.rs` `a`.
fn module_of(relative: &str) -> ModulePath {
    let without = relative.trim_end_matches(".rs");
    let mut parts: ModulePath = without.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The arrows between modules: from each file's module to every module its paths name (never
/// to itself or to the root).
pub fn arrows(files: &[SourceFile]) -> BTreeSet<(ModulePath, ModulePath)> {
    let modules: BTreeSet<ModulePath> = files.iter().map(|file| file.module.clone()).collect();
    let mut arrows = BTreeSet::new();
    for file in files {
        for path in paths(&file.module, &file.text) {
            let target = (0..=path.len())
                .rev()
                .map(|length| path[..length].to_vec())
                .find(|prefix| modules.contains(prefix))
                .unwrap_or_default();
            if !target.is_empty() && target != file.module {
                arrows.insert((file.module.clone(), target));
            }
        }
    }
    arrows
}

/// The absolute paths (below the crate root) that the code of `module` names with `crate::`
/// or `super::`, `super` counted from the inline module (such as `mod tests`) it is written in.
fn paths(module: &ModulePath, text: &str) -> Vec<ModulePath> {
    let tokens = tokens(&blank(text));
    let mut found = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i].as_str();
        match token {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if inline.last().is_some_and(|(_, at)| *at == depth) {
                    inline.pop();
                }
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t == "{") => {
                inline.push((tokens[i + 1].clone(), depth));
            }
            "crate" | "super" if tokens.get(i + 1).is_some_and(|t| t == "::") => {
                let mut here = module.clone();
                here.extend(inline.iter().map(|(name, _)| name.clone()));
                let (trees, next) = use_tree(&tokens, i, Vec::new());
                for tree in trees {
                    if let Some(path) = absolute(&here, &tree) {
                        found.push(path);
                    }
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Resolves a path starting with `crate` or `super` against the module `here`.
fn absolute(here: &ModulePath, path: &[String]) -> Option<ModulePath> {
    let mut at = here.clone();
    let mut rest = path.iter().peekable();
    match rest.peek().map(|s| s.as_str()) {
        Some("crate") => {
            at.clear();
            rest.next();
        }
        Some("super") => {
            while rest.peek().is_some_and(|s| *s == "super") {
                at.pop()?;
                rest.next();
            }
        }
        _ => return None,
    }
    at.extend(rest.filter(|s| *s != "self" && *s != "*").cloned());
    Some(at)
}

/// Reads a path (or a `use` tree) from `tokens[start]`, after `prefix`: every full path it
/// spells out, and the index after it.
fn use_tree(tokens: &[String], start: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix;
    let mut i = start;
    loop {
        let Some(token) = tokens.get(i) else {
            return (vec![path], i);
        };
        if token == "{" {
            return group(tokens, i + 1, path);
        }
        if !is_segment(token) {
            return (vec![path], i);
        }
        path.push(token.clone());
        i += 1;
        if tokens.get(i).is_some_and(|t| t == "as") {
            i += 2;
        }
        if tokens.get(i).is_none_or(|t| t != "::") {
            return (vec![path], i);
        }
        i += 1;
    }
}

/// Reads the inside of a `{…}` group of a `use` tree, starting after its `{`.
fn group(tokens: &[String], start: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut paths = Vec::new();
    let mut i = start;
    while let Some(token) = tokens.get(i) {
        match token.as_str() {
            "}" => return (paths, i + 1),
            "," => i += 1,
            _ => {
                let (found, next) = use_tree(tokens, i, prefix.clone());
                paths.extend(found);
                // A token that is no part of a tree is stepped over.
                i = next.max(i + 1);
            }
        }
    }
    (paths, i)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_segment(token: &str) -> bool {
    token == "*" || token.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The identifiers, `::` and single punctuation characters of blanked text.
fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_owned());
            i += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
            i += 1;
        }
    }
    tokens
}

/// The text with comments, string literals and character literals replaced by spaces (a
/// lifetime's `'` is kept apart from a character literal by what follows it).
pub fn blank(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let skip = if at(i) == '/' && at(i + 1) == '/' {
            (i..chars.len())
                .find(|&j| chars[j] == '\n')
                .unwrap_or(chars.len())
                - i
        } else if at(i) == '/' && at(i + 1) == '*' {
            block_comment(&chars, i)
        } else if at(i) == 'r' && !is_ident(at(i.wrapping_sub(1))) {
            match raw_string(&chars, i + 1) {
                0 => 0,
                length => length + 1,
            }
        } else if at(i) == '"' || (at(i) == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'')) {
            string(&chars, i)
        } else {
            0
        };
        if skip == 0 {
            out.push(at(i));
            i += 1;
        } else {
            out.extend(std::iter::repeat_n(' ', skip));
            i += skip;
        }
    }
    out
}

/// The length of the (nested) block comment at `start`.
fn block_comment(chars: &[char], start: usize) -> usize {
    let (mut depth, mut i) = (0, start);
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => (depth, i) = (depth + 1, i + 2),
            ('*', '/') if depth == 1 => return i + 2 - start,
            ('*', '/') => (depth, i) = (depth - 1, i + 2),
            _ => i += 1,
        }
    }
    chars.len() - start
}

/// The length of the string or character literal at `start`, quotes included.
fn string(chars: &[char], start: usize) -> usize {
    let quote = chars[start];
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    (i + 1).min(chars.len()) - start
}

/// The length of the raw string whose hashes or quote start at `start` (after its `r`).
fn raw_string(chars: &[char], start: usize) -> usize {
    let hashes = chars[start..].iter().take_while(|&&c| c == '#').count();
    let open = start + hashes;
    if chars.get(open) != Some(&'"') {
        return 0;
    }
    let closing: String = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let rest: String = chars[open + 1..].iter().collect();
    match rest.find(&closing) {
        Some(at) => hashes + 1 + rest[..at].chars().count() + closing.len(),
        None => chars.len() - start,
    }
}

/// The graph of the children of `parent` among `files`: an arrow between two of them for every
/// arrow from inside one to inside the other.
pub fn children_graph(
    files: &[SourceFile],
    arrows: &BTreeSet<(ModulePath, ModulePath)>,
    parent: &[String],
) -> BTreeMap<String, BTreeSet<String>> {
    let child = |path: &ModulePath| {
        (path.len() > parent.len() && path.starts_with(parent)).then(|| path[parent.len()].clone())
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = (files.iter())
        .filter_map(|file| child(&file.module))
        .map(|name| (name, BTreeSet::new()))
        .collect();
    for (from, to) in arrows {
        if let (Some(from), Some(to)) = (child(from), child(to))
            && from != to
        {
            graph.entry(from).or_default().insert(to);
        }
    }
    graph
}
