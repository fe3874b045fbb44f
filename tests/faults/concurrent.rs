//! Two builds into one output folder: while one writes, the other is refused with a message,
//! and the output is one complete build. The lock is the system's, so a killed build does not
//! leave it behind (the kill test builds again after every kill).

use std::fs::{File, OpenOptions};
use std::process::{Command, Output, Stdio};

use crate::common::{small_site, stderr, stepwise};
use crate::{TODAY, fingerprint, leftovers};

/// The message of a build refused because another one writes the folder.
const REFUSED: &str = "another stepwise build is writing the output folder";

#[test]
fn a_build_is_refused_while_another_holds_the_output_folder() {
    let site = small_site();
    let lock = site.path().join(".output.stepwise-lock");
    let held: File = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .expect("the lock file");
    held.try_lock().expect("the test holds the lock");
    let report = crate::common::fails(site.path(), &["build"]);
    assert!(report.contains(REFUSED), "{report}");
    assert!(
        report.contains("help: wait until it has finished"),
        "{report}"
    );
    assert!(!site.path().join("output").exists(), "nothing was written");
    drop(held);
    let run = stepwise(site.path(), &["build"]);
    assert!(
        run.status.success(),
        "once the lock is free: {}",
        stderr(&run)
    );
}

#[test]
fn two_builds_started_at_once_give_one_complete_output() {
    let site = small_site();
    let alone = stepwise(site.path(), &["build", "--today", TODAY]);
    assert!(alone.status.success(), "{}", stderr(&alone));
    let expected = fingerprint(&site.path().join("output"));
    let (mut refused, mut rounds) = (0, 0);
    for _ in 0..10 {
        let runs: Vec<Output> = (0..2)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_stepwise"))
                    .args(["build", "--today", TODAY])
                    .current_dir(site.path())
                    .env("NO_COLOR", "1")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("stepwise starts")
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|child| child.wait_with_output().expect("the build ends"))
            .collect();
        for run in &runs {
            match run.status.code() {
                Some(0) => {}
                Some(1) if stderr(run).contains(REFUSED) => refused += 1,
                code => panic!("exit code {code:?}: {}", stderr(run)),
            }
        }
        assert!(
            runs.iter().any(|run| run.status.success()),
            "one of the two builds"
        );
        assert_eq!(
            fingerprint(&site.path().join("output")),
            expected,
            "one complete build"
        );
        assert_eq!(leftovers(site.path()), Vec::<String>::new());
        rounds += 1;
    }
    eprintln!(
        "{rounds} rounds of two builds at once: {refused} builds refused, the rest ran one after the other"
    );
}
