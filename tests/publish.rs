//! `stepwise publish` against a local bare repository: the branch holds exactly the output,
//! publishing again without a change makes no commit, the user's branch, index and working tree
//! stay as they were, `--dry-run` pushes nothing, and every failure is a clear error.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use common::{small_site, stderr, stepwise, stepwise_with_env, write};
use walkdir::WalkDir;

/// Runs git in `dir` and returns its output, failing the test when git fails.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A site in a git repository with one commit and the remote `origin`, a bare repository.
struct Repository {
    site: tempfile::TempDir,
    remote: tempfile::TempDir,
}

impl Repository {
    fn new() -> Self {
        let site = small_site();
        let remote = tempfile::tempdir().unwrap();
        git(remote.path(), &["init", "--bare", "--quiet"]);
        let dir = site.path();
        git(dir, &["init", "--quiet", "--initial-branch", "main"]);
        git(dir, &["config", "user.name", "Test"]);
        git(dir, &["config", "user.email", "test@example.com"]);
        write(dir, ".gitignore", "output/\n");
        git(dir, &["add", "."]);
        git(dir, &["commit", "--quiet", "-m", "The site"]);
        git(
            dir,
            &["remote", "add", "origin", remote.path().to_str().unwrap()],
        );
        Repository { site, remote }
    }

    fn dir(&self) -> &Path {
        self.site.path()
    }

    fn publish(&self, extra: &[&str]) -> Output {
        let mut args = vec!["publish", "--today", "2026-12-01"];
        args.extend_from_slice(extra);
        stepwise(self.dir(), &args)
    }

    /// The commit of `gh-pages` on the remote, if it has the branch.
    fn remote_tip(&self) -> Option<String> {
        let listed = git(
            self.remote.path(),
            &[
                "for-each-ref",
                "--format=%(objectname)",
                "refs/heads/gh-pages",
            ],
        );
        (!listed.trim().is_empty()).then(|| listed.trim().to_string())
    }
}

/// The files of a built output, as `git ls-tree -r --name-only` lists them.
fn output_files(dir: &Path) -> BTreeSet<String> {
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|path| path != ".stepwise")
        .collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_branch_holds_exactly_the_output_and_a_second_publish_makes_no_commit() {
    let repo = Repository::new();
    let run = repo.publish(&[]);
    assert_succeeds_saying(&run, "to `gh-pages` on `origin`");
    let tip = repo.remote_tip().expect("the remote has gh-pages");
    assert_eq!(
        git(repo.dir(), &["rev-parse", "refs/heads/gh-pages"]).trim(),
        tip,
        "the local branch follows"
    );

    let output = tempfile::tempdir().unwrap();
    let out = output.path().to_str().unwrap();
    let build = stepwise(
        repo.dir(),
        &["build", "--output-dir", out, "--today", "2026-12-01"],
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let published: BTreeSet<String> = git(
        repo.remote.path(),
        &["ls-tree", "-r", "--name-only", "gh-pages"],
    )
    .lines()
    .map(str::to_string)
    .collect();
    assert_eq!(published, output_files(output.path()));
    assert!(published.contains(".nojekyll") && published.contains("index.html"));
    let page = git(repo.remote.path(), &["show", "gh-pages:index.html"]);
    assert_eq!(
        page,
        std::fs::read_to_string(output.path().join("index.html")).unwrap()
    );

    let again = repo.publish(&[]);
    assert_succeeds_saying(&again, "nothing to publish");
    assert_eq!(
        repo.remote_tip().as_deref(),
        Some(tip.as_str()),
        "no new commit"
    );
    assert_eq!(
        git(repo.dir(), &["rev-list", "--count", "gh-pages"]).trim(),
        "1"
    );

    write(
        repo.dir(),
        "content/guides/facts-guide.md",
        "+++\ntitle = \"The facts guide\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nChanged.\n",
    );
    let changed = repo.publish(&[]);
    assert!(changed.status.success(), "{}", stderr(&changed));
    let new_tip = repo.remote_tip().unwrap();
    assert_ne!(new_tip, tip);
    assert_eq!(
        git(repo.dir(), &["rev-parse", &format!("{new_tip}^")]).trim(),
        tip,
        "on top of the last publish"
    );
}

#[test]
fn the_users_branch_index_and_working_tree_are_untouched() {
    let repo = Repository::new();
    write(
        repo.dir(),
        "content/guides/staged.md",
        "+++\ntitle = \"Staged\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nStaged.\n",
    );
    git(repo.dir(), &["add", "content/guides/staged.md"]);
    write(
        repo.dir(),
        "content/checklists/ready.md",
        "---\ntitle: Ready to sign now\nkind: checklist\nsteps: [sign]\n---\n- [ ] Everything agreed\n",
    );
    let before = (
        git(repo.dir(), &["status", "--porcelain"]),
        git(repo.dir(), &["rev-parse", "HEAD"]),
        git(repo.dir(), &["symbolic-ref", "HEAD"]),
        git(repo.dir(), &["diff", "--cached"]),
    );
    assert!(
        before.0.contains("A  content/guides/staged.md")
            && before.0.contains(" M content/checklists/ready.md")
    );
    let run = repo.publish(&[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let after = (
        git(repo.dir(), &["status", "--porcelain"]),
        git(repo.dir(), &["rev-parse", "HEAD"]),
        git(repo.dir(), &["symbolic-ref", "HEAD"]),
        git(repo.dir(), &["diff", "--cached"]),
    );
    assert_eq!(before, after);
    assert!(
        !repo.dir().join("output").exists(),
        "publish leaves output/ alone"
    );
    let page = git(
        repo.remote.path(),
        &["show", "gh-pages:guides/staged/index.html"],
    );
    assert!(page.contains("Staged"), "the working tree is what is built");
}

#[test]
fn a_dry_run_lists_the_changes_and_pushes_nothing() {
    let repo = Repository::new();
    let run = repo.publish(&["--dry-run"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    assert!(
        text.contains("add     index.html") && text.contains("add     .nojekyll"),
        "{text}"
    );
    assert!(
        text.contains("this was a dry run, nothing was committed or pushed"),
        "{text}"
    );
    assert_eq!(repo.remote_tip(), None);
    let local = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"])
        .current_dir(repo.dir())
        .output()
        .unwrap();
    assert!(!local.status.success(), "no local branch either");

    assert!(repo.publish(&[]).status.success());
    write(repo.dir(), "static/style.css", "body { color: navy }\n");
    let run = repo.publish(&["--dry-run"]);
    let text = stdout(&run);
    assert!(
        text.lines()
            .any(|l| l.starts_with("add     style.") && l.ends_with(".css")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("remove  style.")),
        "{text}"
    );
    assert!(text.contains("change  index.html"), "{text}");
}

/// Asserts a run succeeded and printed `message`.
fn assert_succeeds_saying(run: &Output, message: &str) {
    assert!(run.status.success(), "{}", stderr(run));
    let text = stdout(run);
    assert!(text.contains(message), "`{message}` in:\n{text}");
}

/// Asserts a run failed with exit code 1 and a message, and no stack trace.
fn assert_fails_with(run: &Output, message: &str) {
    let text = stderr(run);
    assert_eq!(run.status.code(), Some(1), "{text}");
    assert!(text.contains(message), "`{message}` in:\n{text}");
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn clear_errors_for_no_repository_no_remote_and_a_rejected_push() {
    let plain = small_site();
    let missing = stepwise(plain.path(), &["publish", "--root", "no-such-site"]);
    assert_fails_with(&missing, "cannot find the site `no-such-site`");
    let run = stepwise(plain.path(), &["publish"]);
    assert_fails_with(&run, "is not in a git repository");
    assert_fails_with(&run, "git init");

    let repo = Repository::new();
    let no_git = stepwise_with_env(repo.dir(), &["publish"], &[("PATH", "")]);
    assert_fails_with(&no_git, "git is not installed");
    let run = repo.publish(&["--remote", "orign"]);
    assert_fails_with(&run, "the repository has no remote `orign`");
    assert_fails_with(&run, "did you mean `origin`?");

    let hook = repo.remote.path().join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'pages are frozen today' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let run = repo.publish(&[]);
    assert_fails_with(&run, "`origin` could not push `gh-pages`");
    assert_fails_with(&run, "pages are frozen today");
    assert_eq!(repo.remote_tip(), None);
    let local = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "refs/heads/gh-pages"])
        .current_dir(repo.dir())
        .output()
        .unwrap();
    assert!(
        !local.status.success(),
        "a rejected push leaves the local branch as it was"
    );

    git(repo.dir(), &["checkout", "--quiet", "-b", "gh-pages"]);
    assert_fails_with(
        &repo.publish(&[]),
        "`gh-pages` is the branch checked out here",
    );
}

#[test]
fn a_failed_build_publishes_nothing() {
    let repo = Repository::new();
    write(
        repo.dir(),
        "content/guides/broken.md",
        "+++\ntitle = \"Broken\"\nkind = \"gide\"\nsteps = [\"facts\"]\n+++\n",
    );
    assert_fails_with(&repo.publish(&[]), "did you mean `guide`?");
    assert_eq!(repo.remote_tip(), None);
}
