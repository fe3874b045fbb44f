//! Writing the output safely: pages go into a staging folder next to the output folder, which
//! replaces the output folder only when the whole build succeeded. stepwise never writes into a
//! folder it did not make, and never into the site itself.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The file that marks a folder as made by stepwise, so that it may be replaced.
pub const MARKER_FILE: &str = ".stepwise";

/// The folders of a site that stepwise reads; the output may not be inside any of them.
const SOURCE_FOLDERS: &[&str] = &["content", "templates", "static", "themes"];

/// A folder being filled with a new build; it is removed again unless committed.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    old: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Checks that `output` may be (re)written for the site at `root`, and makes a staging folder.
pub fn stage(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
    let root = fs::canonicalize(root).map_err(|error| {
        Diagnostic::plain(format!(
            "cannot open the site folder `{}`: {error}",
            root.display()
        ))
    })?;
    let target = resolve(output).map_err(|error| {
        Diagnostic::plain(format!(
            "cannot use `{}` as the output folder: {error}",
            output.display()
        ))
    })?;
    check_target(&root, &target, output)?;
    let parent = target.parent().unwrap_or(Path::new("/"));
    let dir = sibling(&target, "new");
    let create = || -> io::Result<()> {
        fs::create_dir_all(parent)?;
        remove_leftovers(&target)?;
        fs::create_dir(&dir)?;
        fs::write(
            dir.join(MARKER_FILE),
            "This folder is written by stepwise; each build replaces it whole.\n",
        )
    };
    create().map_err(|error| {
        Diagnostic::plain(format!("cannot create `{}`: {error}", dir.display()))
    })?;
    Ok(Staging {
        dir,
        old: sibling(&target, "old"),
        target,
        committed: false,
    })
}

/// A folder of this build next to the output folder: `.output.stepwise-new-<pid>` for the new
/// build, `.output.stepwise-old-<pid>` for the one it replaces.
fn sibling(target: &Path, role: &str) -> PathBuf {
    target.with_file_name(format!(
        "{}{role}-{}",
        sibling_prefix(target),
        std::process::id()
    ))
}

/// The start of the names of the staging folders of `target`: `.output.stepwise-`.
fn sibling_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.stepwise-")
}

/// Removes the staging folders that builds left when they were stopped: those of processes that
/// no longer run (or all but this one's, where the system cannot tell).
fn remove_leftovers(target: &Path) -> io::Result<()> {
    let Some(parent) = target.parent() else {
        return Ok(());
    };
    let prefix = sibling_prefix(target);
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_prefix("new-").or(rest.strip_prefix("old-")))
        else {
            continue;
        };
        let ours = pid == std::process::id().to_string();
        if ours || !is_running(pid) {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// True when the process `pid` runs, as far as the system can tell.
fn is_running(pid: &str) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid).exists()
}

fn check_target(root: &Path, target: &Path, given: &Path) -> Result<(), Diagnostic> {
    if root.starts_with(target) {
        return Err(Diagnostic::plain(format!(
            "the output folder `{}` contains the site itself",
            given.display()
        ))
        .with_help("choose an output folder inside the site, such as `output`, or outside it"));
    }
    if let Some(folder) = SOURCE_FOLDERS
        .iter()
        .find(|folder| target.starts_with(root.join(folder)))
    {
        return Err(Diagnostic::plain(format!(
            "the output folder `{}` is inside the site's `{folder}/` folder",
            given.display()
        ))
        .with_help("stepwise reads that folder; choose an output folder such as `output`"));
    }
    if target.exists() && !is_replaceable(target) {
        return Err(Diagnostic::plain(format!("the output folder `{}` holds files that stepwise did not write", given.display()))
            .with_help(format!("stepwise only replaces folders it made (they hold a `{MARKER_FILE}` file); choose an empty or new folder, or move those files away")));
    }
    Ok(())
}

/// An empty folder, or one that holds the marker of an earlier build.
fn is_replaceable(dir: &Path) -> bool {
    match fs::read_dir(dir) {
        Ok(mut entries) => dir.join(MARKER_FILE).is_file() || entries.next().is_none(),
        Err(_) => false,
    }
}

/// An absolute path with `.` and `..` resolved, for a path that may not exist yet.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(
            existing
                .file_name()
                .ok_or_else(|| io::Error::other("no such folder"))?,
        );
        existing = existing
            .parent()
            .ok_or_else(|| io::Error::other("no such folder"))?;
    }
    let mut resolved = fs::canonicalize(existing)?;
    for part in rest.iter().rev() {
        if *part == ".." {
            resolved.pop();
        } else if *part != "." {
            resolved.push(part);
        }
    }
    Ok(resolved)
}

impl Staging {
    /// Writes a file at a `/`-separated path inside the new build.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        fs::write(self.place(relative)?, bytes)
    }

    /// Copies a file into the new build.
    pub fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        fs::copy(from, self.place(relative)?).map(|_| ())
    }

    /// The full path of a file of the new build, with its folder made.
    fn place(&self, relative: &str) -> io::Result<PathBuf> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Replaces the output folder with the new build. The new build is in place once this
    /// returns `Ok`; the warning says when the old one could not be removed.
    pub fn commit(mut self) -> io::Result<Option<Diagnostic>> {
        let old = &self.old;
        let had_output = self.target.exists();
        if had_output {
            fs::rename(&self.target, old)?;
        }
        if let Err(error) = fs::rename(&self.dir, &self.target) {
            if had_output {
                fs::rename(old, &self.target)?;
            }
            return Err(error);
        }
        self.committed = true;
        if !had_output {
            return Ok(None);
        }
        Ok(fs::remove_dir_all(old).err().map(|error| {
            Diagnostic::plain(format!(
                "the new site is in place, but the old one could not be removed from `{}`: {error}",
                old.display()
            ))
            .as_warning()
            .with_help("remove that folder by hand; the next build tries again")
        }))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a failed build leaves the old output as it was and no staging folder.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
