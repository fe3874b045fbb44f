//! The staging folder, the lock and the exchange, on real folders.

use super::*;

/// A site folder with a `stepwise.toml`, and the path of its output folder.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join("stepwise.toml"), "").expect("a configuration");
    let output = dir.path().join("output");
    (dir, output)
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn only_paths_inside_the_build_are_written() {
    let (dir, output) = site();
    let staging = stage(dir.path(), &output).expect("a staging folder");
    for (path, allowed) in [
        ("index.html", true),
        ("guides/a/index.html", true),
        ("/guides/a/index.html", false),
        ("../escaped.html", false),
        ("guides/../../escaped.html", false),
        ("./index.html", false),
        ("", false),
    ] {
        assert_eq!(staging.write(path, b"x").is_ok(), allowed, "{path:?}");
    }
    assert!(!dir.path().join("escaped.html").exists());
}

#[test]
fn a_second_build_into_the_same_folder_is_refused_while_the_first_runs() {
    let (dir, output) = site();
    let first = stage(dir.path(), &output).expect("the first build stages");
    let second = stage(dir.path(), &output).expect_err("the second is refused");
    assert!(
        second
            .message
            .starts_with("another stepwise build is writing"),
        "{second:?}"
    );
    assert!(second.help.is_some());
    drop(first);
    assert!(
        stage(dir.path(), &output).is_ok(),
        "the lock goes with the first build"
    );
}

#[test]
fn the_new_build_replaces_the_output_whole_and_leaves_nothing_beside_it() {
    let (dir, output) = site();
    for page in ["first", "second"] {
        let staging = stage(dir.path(), &output).expect("a staging folder");
        staging.write(&format!("{page}.html"), b"x").expect("write");
        assert_eq!(staging.commit().expect("commit").map(|w| w.message), None);
    }
    assert_eq!(names(&output), [".stepwise", "second.html"]);
    assert_eq!(
        names(dir.path()),
        [".output.stepwise-lock", "output", "stepwise.toml"]
    );
}

#[test]
fn what_a_stopped_build_left_is_cleaned_up_and_a_moved_output_moved_back() {
    let (dir, output) = site();
    let earlier = dir.path().join(".output.stepwise-old-4000000");
    fs::create_dir_all(&earlier).expect("the earlier output, moved aside");
    fs::write(earlier.join(MARKER_FILE), "").expect("its marker");
    fs::write(earlier.join("page.html"), "earlier").expect("its page");
    let half = dir.path().join(".output.stepwise-new-4000001");
    fs::create_dir_all(&half).expect("a half-written build");
    remove_leftovers(&output).expect("cleaned up");
    assert_eq!(names(dir.path()), ["output", "stepwise.toml"]);
    assert_eq!(
        fs::read_to_string(output.join("page.html")).expect("read"),
        "earlier"
    );
}

#[test]
fn a_file_in_the_way_of_the_output_folder_is_named() {
    let (dir, _) = site();
    fs::write(dir.path().join("taken"), "a file").expect("a file");
    for output in ["taken", "taken/site"] {
        let problem = stage(dir.path(), &dir.path().join(output)).expect_err("refused");
        assert!(
            problem.message.contains("is a file"),
            "{output}: {problem:?}"
        );
        assert!(problem.help.is_some(), "{output}");
    }
}
