//! A write that fails fails the build cleanly with the path named: an output folder on a
//! read-only file system, a full disk (a tmpfs of 1 MB), a file where a folder must go. The
//! first two need to mount a tmpfs, which needs root: where the system refuses, they are
//! skipped with a loud message, except under `CI=true`, where they fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, fails, small_site, stepwise, write};
use crate::{TODAY, fingerprint, leftovers};

/// A tmpfs mounted for a test, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// A tmpfs of `size` (such as `1m`), or `None` (said loudly) where mounting is refused.
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("a mount point");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|output| output.status.success());
        if mounted {
            return Some(Tmpfs { dir });
        }
        let message = "cannot mount a tmpfs (it needs root): the failed-write test did NOT run";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
        eprintln!("SKIPPED: {message}");
        None
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Mounts it again read-only.
    fn read_only(&self) {
        let done = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .expect("mount runs");
        assert!(done.success(), "remount read-only");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Builds `site` into `output`, which must succeed.
fn build_into(site: &Path, output: &Path) {
    let run = stepwise(
        site,
        &["build", "--today", TODAY, "--output-dir", &path(output)],
    );
    assert!(run.status.success(), "{}", common::stderr(&run));
}

fn path(output: &Path) -> String {
    output.display().to_string()
}

/// Builds `site` into `output`, which must fail naming `named`, with a help, and leave the
/// earlier output and the folder that holds it as they were.
fn fails_naming(site: &Path, output: &Path, named: &str) -> String {
    let before = fingerprint(output);
    let report = fails(
        site,
        &["build", "--today", TODAY, "--output-dir", &path(output)],
    );
    assert!(
        report.contains(named),
        "the report names `{named}`:\n{report}"
    );
    assert!(
        report.contains("help: "),
        "the report has a help:\n{report}"
    );
    assert_eq!(
        fingerprint(output),
        before,
        "the earlier output changed:\n{report}"
    );
    for folder in [site, output.parent().expect("a parent")] {
        if folder.is_dir() {
            assert_eq!(leftovers(folder), Vec::<String>::new(), "{report}");
        }
    }
    eprintln!("{report}");
    report
}

#[test]
fn an_output_folder_on_a_read_only_file_system_fails_naming_it() {
    let Some(disk) = Tmpfs::mount("4m") else {
        return;
    };
    let site = small_site();
    let output: PathBuf = disk.path().join("output");
    build_into(site.path(), &output);
    disk.read_only();
    write(
        site.path(),
        "content/new.md",
        "+++\ntitle = \"New\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n",
    );
    let report = fails_naming(site.path(), &output, &path(disk.path()));
    assert!(report.contains("Read-only file system"), "{report}");
}

#[test]
fn a_full_disk_fails_the_build_naming_the_file() {
    let Some(disk) = Tmpfs::mount("1m") else {
        return;
    };
    let site = small_site();
    let output = disk.path().join("output");
    build_into(site.path(), &output);
    let big = format!("{}\n", "A paragraph that fills the disk. ".repeat(64)).repeat(1_000);
    write(
        site.path(),
        "content/guides/big.md",
        &format!("+++\ntitle = \"Big\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n{big}"),
    );
    let report = fails_naming(site.path(), &output, "guides/big/index.html");
    assert!(report.contains("No space left on device"), "{report}");
}

#[test]
fn a_file_where_the_output_folder_or_its_parent_must_go_is_named() {
    let site = small_site();
    write(site.path(), "taken", "a file of the user's\n");
    for output in ["taken", "taken/site"] {
        let output = site.path().join(output);
        let report = fails_naming(site.path(), &output, &path(&site.path().join("taken")));
        assert!(report.contains("is a file"), "{report}");
    }
    assert_eq!(common::read(site.path(), "taken"), "a file of the user's\n");
}
