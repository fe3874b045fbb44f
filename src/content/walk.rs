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
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
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
            Err(error) => {
                let name = error.path().unwrap_or(content_dir).display().to_string();
                problems.push(
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

/// True for a Markdown file, which is an asset.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "md")
}

/// Hidden files and editors' temporary files are not content.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp")
}

/// An `index.md` makes its folder a bundle.
pub fn is_bundle(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == "index.md")
}

impl ContentFiles {
    /// The other files of each bundle's folder, by folder.
    pub fn attachments_by_bundle(&self) -> HashMap<&Path, Vec<PathBuf>> {
        let bundles: HashSet<&Path> = self.bundle_folders().collect();
        let mut by_folder: HashMap<&Path, Vec<PathBuf>> = HashMap::new();
        for file in &self.other {
            if let Some(folder) = file.parent().filter(|folder| bundles.contains(folder)) {
                by_folder.entry(folder).or_default().push(file.clone());
            }
        }
        by_folder
    }

    /// The files that belong to no bundle, which are not published.
    pub fn stray_files(&self) -> Vec<&Path> {
        let bundles: HashSet<&Path> = self.bundle_folders().collect();
        self.other
            .iter()
            .filter(|path| path.parent().is_none_or(|dir| !bundles.contains(dir)))
            .map(PathBuf::as_path)
            .collect()
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
