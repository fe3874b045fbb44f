//! Listing the files under `content/`: Markdown assets, the other files of bundles, and the
//! files that belong to no asset. Hidden files and editors' backup files are not content.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Problems, Source};

/// The files found under `content/`.
#[derive(Debug, Default)]
pub struct ContentFiles {
    /// Every Markdown file, sorted by path.
    pub markdown: Vec<PathBuf>,
    /// Every other file, sorted by path.
    pub other: Vec<PathBuf>,
}

/// Lists every file under `content_dir`; folders that cannot be read are reported.
pub fn list(content_dir: &Path, problems: &mut Problems) -> ContentFiles {
    let mut files = ContentFiles::default();
    let mut stopped = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_ignored(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                if is_markdown(&path) {
                    files.markdown.push(path);
                } else {
                    files.other.push(path);
                }
            }
            Ok(_) => {}
            Err(error) => stopped.push(error),
        }
    }
    // Sorted once at the end: walkdir's own sorting parses both paths at every comparison.
    files.markdown.sort_by_cached_key(|path| walk_order(path));
    files.other.sort_by_cached_key(|path| walk_order(path));
    stopped.sort_by_cached_key(|error| walk_order(error.path().unwrap_or(content_dir)));
    problems.extend(stopped.iter().map(|error| walk_problem(content_dir, error)));
    files
}

/// The key that sorts paths folder by folder, each by file name, as a walk in the order of
/// file names meets them: the path's bytes with every separator made the lowest byte, so that
/// `a/b` comes before `a-b` as the folder `a` comes before the file `a-b`.
fn walk_order(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    (bytes.iter())
        .map(|&byte| match std::path::is_separator(char::from(byte)) {
            true => 0,
            false => byte,
        })
        .collect()
}

/// What stopped the walk of `content_dir` at one path: a symbolic link that leads back into a
/// folder that holds it or to nothing, or a file or folder that cannot be read.
fn walk_problem(content_dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(content_dir);
    let root = content_dir.parent().unwrap_or(content_dir);
    let source = Source::unreadable(super::display_path(root, path));
    let (message, help) = if let Some(ancestor) = error.loop_ancestor() {
        (
            format!(
                "this symbolic link leads back to `{}`, which holds it",
                super::display_path(root, ancestor)
            ),
            "remove the link, or point it at a folder outside the one that holds it".to_string(),
        )
    } else if path.is_symlink() && !path.exists() {
        let target = std::fs::read_link(path).unwrap_or_default();
        (
            format!(
                "this symbolic link leads to `{}`, which cannot be opened",
                target.display()
            ),
            "remove the link, or make it point to a file or folder that exists".to_string(),
        )
    } else {
        (
            format!("cannot read this: {error}"),
            "check that it exists and that you may read it".to_string(),
        )
    };
    Diagnostic::error(&source, 0..0, message).with_help(help)
}

/// True for a Markdown file, which is an asset.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "md")
}

/// Hidden files and editors' scratch files are not part of a site: swap files, `~` backups,
/// vim's `4913` probe, Emacs's `#autosave#` (and its `.#lock`, hidden), `.DS_Store`.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name == "4913"
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || [".swp", ".swx", ".swo", ".tmp"]
            .iter()
            .any(|ending| name.ends_with(ending))
}

/// An `index.md` makes its folder a bundle.
pub fn is_bundle(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == "index.md")
}

/// The files under `content/` that are not Markdown, sorted by [`ContentFiles::attachments`].
#[derive(Debug, Default)]
pub struct Attachments<'a> {
    /// The other files of each bundle's folder, by folder.
    pub by_bundle: HashMap<&'a Path, Vec<PathBuf>>,
    /// The files that belong to no bundle, which are not published.
    pub stray: Vec<&'a Path>,
}

impl ContentFiles {
    /// The files that are not Markdown, each with its bundle or as belonging to none; nothing to
    /// look for in a site of Markdown files alone.
    pub fn attachments(&self) -> Attachments<'_> {
        let mut sorted = Attachments::default();
        if self.other.is_empty() {
            return sorted;
        }
        let bundles: HashSet<&Path> = self.bundle_folders().collect();
        for file in &self.other {
            match file.parent().filter(|folder| bundles.contains(folder)) {
                Some(folder) => sorted
                    .by_bundle
                    .entry(folder)
                    .or_default()
                    .push(file.clone()),
                None => sorted.stray.push(file),
            }
        }
        sorted
    }

    fn bundle_folders(&self) -> impl Iterator<Item = &Path> {
        self.markdown
            .iter()
            .filter(|path| is_bundle(path))
            .filter_map(|path| path.parent())
    }
}

/// The files published with the bundle whose `index.md` is `path`: the other files of its folder.
pub fn bundle_attachments(path: &Path) -> Vec<PathBuf> {
    let Some(folder) = path.parent().filter(|_| is_bundle(path)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| !is_ignored(&entry.file_name()))
        .map(|entry| entry.path())
        .filter(|file| file.is_file() && !is_markdown(file))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_that_cannot_be_followed_are_named_with_what_to_do() {
        let site = tempfile::tempdir().expect("a temporary folder");
        let content = site.path().join("content");
        std::fs::create_dir_all(content.join("loop")).expect("folders");
        symlink("..", content.join("loop/up")).expect("a link up");
        symlink("missing.md", content.join("gone.md")).expect("a dangling link");
        symlink("itself", content.join("itself")).expect("a link to itself");
        let mut problems = Problems::default();
        list(&content, &mut problems);
        let found: Vec<(String, String)> = (problems.as_slice().iter())
            .map(|p| (p.location().unwrap_or_default(), p.message.clone()))
            .collect();
        let expected = [
            (
                "content/gone.md:1:1",
                "this symbolic link leads to `missing.md`, which cannot be opened",
            ),
            (
                "content/itself:1:1",
                "this symbolic link leads to `itself`, which cannot be opened",
            ),
            (
                "content/loop/up:1:1",
                "this symbolic link leads back to `content`, which holds it",
            ),
        ];
        let expected: Vec<(String, String)> = (expected.iter())
            .map(|(at, message)| (at.to_string(), message.to_string()))
            .collect();
        assert_eq!(found, expected);
        assert!(problems.as_slice().iter().all(|p| p.help.is_some()));
    }

    #[test]
    fn paths_sort_folder_by_folder_by_file_name() {
        let cases: [(&[&str], &[&str]); 3] = [
            (&["a-b.md", "a/z.md", "a.md"], &["a/z.md", "a-b.md", "a.md"]),
            (
                &["b/c/d.md", "b/c.md", "b/a.md"],
                &["b/a.md", "b/c/d.md", "b/c.md"],
            ),
            (&["Z.md", "a.md", "é.md"], &["Z.md", "a.md", "é.md"]),
        ];
        for (paths, expected) in cases {
            let mut sorted: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            sorted.sort_by_cached_key(|path| walk_order(path));
            let mut by_components: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            by_components.sort();
            assert_eq!(sorted, by_components, "{paths:?}");
            assert_eq!(
                sorted,
                expected.iter().map(PathBuf::from).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn hidden_and_scratch_files_are_not_content() {
        let cases = [
            ("guide.md", false),
            ("chart.png", false),
            ("step#1.md", false),
            (".hidden.md", true),
            (".#guide.md", true),
            ("#guide.md#", true),
            ("guide.md~", true),
            (".guide.md.swp", true),
            ("guide.md.tmp", true),
            ("4913", true),
            (".DS_Store", true),
        ];
        for (name, ignored) in cases {
            assert_eq!(is_ignored(std::ffi::OsStr::new(name)), ignored, "{name}");
        }
    }
}
