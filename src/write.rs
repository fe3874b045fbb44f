//! Writing the output safely: pages go into a staging folder next to the output folder, which
//! replaces the output folder only when the whole build succeeded, in one atomic exchange where
//! the system has one (Linux, macOS). stepwise never writes into a folder it did not make, and
//! never into the site itself. One build at a time writes an output folder: it holds a lock on
//! a file beside it, which the system releases however the build ends, and it removes what
//! builds that were stopped left behind.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

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
    /// Held open while the build writes; closing it releases the lock.
    _lock: fs::File,
}

/// Checks that `output` may be (re)written for the site at `root`, and makes a staging folder.
pub fn stage(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
    let root = fs::canonicalize(root).map_err(|error| {
        Diagnostic::plain(format!(
            "cannot open the site folder `{}`: {error}",
            root.display()
        ))
        .with_help("give the folder that holds `stepwise.toml` with `--root`")
    })?;
    let target = resolve(output).map_err(|error| {
        Diagnostic::plain(format!(
            "cannot use `{}` as the output folder: {error}",
            output.display()
        ))
        .with_help("choose an output folder whose parent folders you may read")
    })?;
    check_target(&root, &target, output)?;
    let parent = target.parent().unwrap_or(Path::new("/"));
    fs::create_dir_all(parent).map_err(|error| match parent.ancestors().find(|p| p.is_file()) {
        Some(file) => Diagnostic::plain(format!(
            "`{}` is a file, where the output folder needs a folder",
            file.display()
        ))
        .with_help("move that file away, or choose another output folder"),
        None => cannot_create(parent, &error),
    })?;
    let lock = lock(&target, output)?;
    let dir = sibling(&target, &format!("new-{}", std::process::id()));
    let create = || -> io::Result<()> {
        remove_leftovers(&target)?;
        fs::create_dir(&dir)?;
        fs::write(
            dir.join(MARKER_FILE),
            "This folder is written by stepwise; each build replaces it whole.\n",
        )
    };
    create().map_err(|error| cannot_create(&dir, &error))?;
    Ok(Staging {
        old: sibling(&target, &format!("old-{}", std::process::id())),
        dir,
        target,
        committed: false,
        _lock: lock,
    })
}

/// Locks the output folder `target` (given as `given`) for this build; refused while another
/// build holds the lock.
fn lock(target: &Path, given: &Path) -> Result<fs::File, Diagnostic> {
    let path = sibling(target, "lock");
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|error| cannot_create(&path, &error))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(Diagnostic::plain(format!(
            "another stepwise build is writing the output folder `{}` right now",
            given.display()
        ))
        .with_help(
            "wait until it has finished, then build again: one build at a time writes a folder",
        )),
        Err(fs::TryLockError::Error(error)) => Err(cannot_create(&path, &error)),
    }
}

/// The problem of a file or folder beside the output that cannot be made.
fn cannot_create(path: &Path, error: &io::Error) -> Diagnostic {
    let folder = path.parent().unwrap_or(path);
    Diagnostic::plain(format!("cannot create `{}`: {error}", path.display())).with_help(format!(
        "check that the disk has space and that you may write to `{}`",
        folder.display()
    ))
}

/// A file or folder of the builds of `target` next to it: `.output.stepwise-lock` for the lock,
/// `.output.stepwise-new-<pid>` for a new build, `.output.stepwise-old-<pid>` for the one it
/// replaces.
fn sibling(target: &Path, role: &str) -> PathBuf {
    target.with_file_name(format!("{}{role}", sibling_prefix(target)))
}

/// The start of the names of the staging folders of `target`: `.output.stepwise-`.
fn sibling_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.stepwise-")
}

/// Removes the staging folders that stopped builds left; no other build runs, as this one holds
/// the lock. An earlier build's output that a build stopped while moving it aside is moved back
/// first, when the output folder is missing.
fn remove_leftovers(target: &Path) -> io::Result<()> {
    let Some(parent) = target.parent() else {
        return Ok(());
    };
    let prefix = sibling_prefix(target);
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(role) = name.strip_prefix(&prefix) else {
            continue;
        };
        let path = entry.path();
        let earlier = role.starts_with("old-") && path.join(MARKER_FILE).is_file();
        if earlier && !target.exists() {
            fs::rename(&path, target)?;
        } else if role.starts_with("new-") || role.starts_with("old-") {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
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
    if target.exists() && !target.is_dir() {
        return Err(Diagnostic::plain(format!(
            "the output folder `{}` is a file",
            given.display()
        ))
        .with_help("choose a folder for the output, or move that file away"));
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

    /// The full path of a file of the new build, with its folder made; a path that would lead
    /// out of the build is refused.
    fn place(&self, relative: &str) -> io::Result<PathBuf> {
        let parts = Path::new(relative).components();
        if relative.is_empty()
            || !parts
                .into_iter()
                .all(|part| matches!(part, Component::Normal(_)))
        {
            return Err(io::Error::other("this path leads out of the output folder"));
        }
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Replaces the output folder with the new build. The new build is in place once this
    /// returns `Ok`; the warning says when the old one could not be removed.
    pub fn commit(mut self) -> io::Result<Option<Diagnostic>> {
        let had_output = self.target.exists();
        let old = if had_output && exchange(&self.dir, &self.target)? {
            // The staging folder's name now holds the earlier build.
            self.dir.clone()
        } else {
            self.move_in(had_output)?;
            self.old.clone()
        };
        self.committed = true;
        if !had_output {
            return Ok(None);
        }
        Ok(fs::remove_dir_all(&old).err().map(|error| {
            Diagnostic::plain(format!(
                "the new site is in place, but the old one could not be removed from `{}`: {error}",
                old.display()
            ))
            .as_warning()
            .with_help("remove that folder by hand; the next build tries again")
        }))
    }
}

impl Staging {
    /// Moves the new build in with two renames, where the system cannot exchange two folders:
    /// the earlier output aside first (a build stopped between the two leaves it there, and the
    /// next build moves it back).
    fn move_in(&self, had_output: bool) -> io::Result<()> {
        if had_output {
            fs::rename(&self.target, &self.old)?;
        }
        let moved = fs::rename(&self.dir, &self.target);
        if moved.is_err() && had_output {
            fs::rename(&self.old, &self.target)?;
        }
        moved
    }
}

/// Exchanges two folders in one step, so that `target` is never missing; `false` where the
/// system or its file system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange(new: &Path, target: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(error) if [rustix::io::Errno::INVAL, rustix::io::Errno::NOSYS].contains(&error) => {
            Ok(false)
        }
        Err(error) => Err(error.into()),
    }
}

/// Exchanges two folders in one step; `false` where the system cannot.
#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange(_new: &Path, _target: &Path) -> io::Result<bool> {
    Ok(false)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a failed build leaves the old output as it was and no staging folder.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests;
