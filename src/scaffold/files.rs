//! Writing the new files of a site all or none: a file that cannot be written removes every file
//! and folder written before it, so a failed command leaves the site as it was (files it was
//! allowed to replace excepted).

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// A file to write, by its path in the site (`/`-separated).
#[derive(Debug, Clone)]
pub struct NewFile {
    /// Its path in the site, such as `content/guides/pricing.md`.
    pub path: String,
    /// Its bytes.
    pub contents: Vec<u8>,
}

impl NewFile {
    /// A file of text.
    pub fn text(path: impl Into<String>, text: impl Into<String>) -> NewFile {
        NewFile {
            path: path.into(),
            contents: text.into().into_bytes(),
        }
    }
}

/// An error for each of `files` that already exists in `dir`, saying what to do instead.
pub fn already_there(dir: &Path, files: &[NewFile], help: &str) -> Vec<Diagnostic> {
    files
        .iter()
        .filter(|file| dir.join(&file.path).exists())
        .map(|file| {
            Diagnostic::plain(format!(
                "`{}` already exists",
                dir.join(&file.path).display()
            ))
            .with_help(help)
        })
        .collect()
}

/// Writes `files` under `dir`, making the folders they need. When one cannot be written, what
/// this call made is removed again and the error names the file.
pub fn write_all(dir: &Path, files: &[NewFile]) -> Result<(), Diagnostic> {
    let mut made = Made::default();
    for file in files {
        let path = dir.join(&file.path);
        made.write(&path, &file.contents).map_err(|error| {
            made.undo();
            Diagnostic::plain(format!("cannot write `{}`: {error}", path.display()))
                .with_help("check that you may write there and that the disk has space")
        })?;
    }
    Ok(())
}

/// What a call of [`write_all`] made: new files, and the outermost folders it created.
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Made {
    fn write(&mut self, path: &Path, contents: &[u8]) -> std::io::Result<()> {
        if let Some(folder) = path.parent() {
            if let Some(outermost) = outermost_missing(folder) {
                self.folders.push(outermost);
            }
            fs::create_dir_all(folder)?;
        }
        let existed = path.exists();
        fs::write(path, contents)?;
        if !existed {
            self.files.push(path.to_path_buf());
        }
        Ok(())
    }

    /// Removes what was made. Best effort: the error that stopped the command is what the user
    /// needs to see.
    fn undo(&self) {
        for file in &self.files {
            let _ = fs::remove_file(file);
        }
        for folder in &self.folders {
            let _ = fs::remove_dir_all(folder);
        }
    }
}

/// The outermost folder of `folder`'s ancestors (itself included) that does not exist yet.
fn outermost_missing(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .take_while(|ancestor| !ancestor.as_os_str().is_empty() && !ancestor.exists())
        .last()
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_written_removes_what_was_written_before_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("taken"), "a file, not a folder").unwrap();
        fs::write(dir.path().join("kept.md"), "already here").unwrap();
        let files = [
            NewFile::text("kept.md", "replaced"),
            NewFile::text("new.md", "new"),
            NewFile::text("content/guides/a.md", "new"),
            NewFile::text("taken/b.md", "cannot be written"),
        ];
        let problem = write_all(dir.path(), &files).unwrap_err();
        assert!(
            problem.message.contains("taken/b.md"),
            "{}",
            problem.message
        );
        assert!(!dir.path().join("new.md").exists());
        assert!(!dir.path().join("content").exists());
        assert!(
            dir.path().join("kept.md").exists(),
            "a file it replaced stays"
        );
    }

    #[test]
    fn already_there_names_each_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "").unwrap();
        let files = [NewFile::text("a.md", ""), NewFile::text("b.md", "")];
        let problems = already_there(dir.path(), &files, "move it");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("a.md` already exists"));
    }
}
