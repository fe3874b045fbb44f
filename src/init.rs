//! `stepwise init`: a new site with the default journey, three example assets and the built-in
//! theme, ready to build.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diagnostics::Diagnostic;
use crate::theme::embedded_files;

/// The files of a new site, as shipped in this repository's `scaffold/`.
static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// Creates a new site in `dir`, which must be new or empty; returns the files written. When a
/// file cannot be written, everything written so far is removed again, so a failed `init`
/// leaves the folder as it was.
pub fn init(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let existed = dir.exists();
    let occupied = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(
            Diagnostic::plain(format!("`{}` is not empty", dir.display()))
                .with_help("give the name of a new folder, such as `stepwise init my-guide`"),
        );
    }
    write_scaffold(dir).inspect_err(|_| undo(dir, existed))
}

fn write_scaffold(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let mut written = Vec::new();
    for file in embedded_files(&SCAFFOLD) {
        // Packaged as `gitignore`: a dotfile would be left out of the published crate.
        let relative = match file.path().to_string_lossy() {
            name if name == "gitignore" => ".gitignore".to_string(),
            name => name.into_owned(),
        };
        let path = dir.join(&relative);
        let result = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, file.contents()));
        result.map_err(|error| {
            Diagnostic::plain(format!("cannot write `{}`: {error}", path.display()))
                .with_help("check that you may write there and that the disk has space")
        })?;
        written.push(relative);
    }
    written.sort();
    Ok(written)
}

/// Removes what a failed `init` wrote: the folder was new or empty, so all it holds is ours.
fn undo(dir: &Path, existed: bool) {
    // Best effort: the error that stopped `init` is what the user needs to see.
    if !existed {
        let _ = fs::remove_dir_all(dir);
        return;
    }
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let _ = if path.is_dir() {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        };
    }
}
