//! A build killed with SIGKILL at random moments leaves `output/` as the previous complete
//! build or the new one, and the next build cleans up after it. The site is the benchmark's
//! generated one (`bench/generate.rs`): 500 assets always, and 10,000 in the ignored test
//! (`cargo test --release --test faults -- --ignored`), which the README reports.

#[allow(dead_code)]
#[path = "../../bench/generate.rs"]
mod generate;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{TODAY, fingerprint, leftovers};

/// The two versions of the site's title; every page shows it, so every page differs.
const TITLES: [&str; 2] = ["title = \"Bench site\"", "title = \"Bench site, again\""];

/// Makes the site's `stepwise.toml` hold the title of `version`.
fn set_version(site: &Path, version: usize) {
    let path = site.join("stepwise.toml");
    let text = std::fs::read_to_string(&path).expect("read stepwise.toml");
    let text = text.replace(TITLES[1 - version], TITLES[version]);
    std::fs::write(path, text).expect("write stepwise.toml");
}

/// A `stepwise build` of `site`, started.
fn start(site: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(["build", "--today", TODAY])
        .current_dir(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("stepwise starts")
}

/// Builds `site` to the end; the output's fingerprint.
fn complete(site: &Path) -> u64 {
    let status = start(site).wait().expect("the build ends");
    assert!(status.success(), "the build succeeds");
    fingerprint(&site.join("output"))
}

/// A number from 0 up to `below`, the next of a fixed sequence (splitmix64).
fn next(state: &mut u64, below: u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % below.max(1)
}

/// Generates a site of `assets`, then `kills` times starts a build of the other version and
/// kills it at a random moment of its run: the output must be one version or the other, whole.
fn killed_builds_leave_one_complete_output(assets: usize, kills: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generate::run(assets, dir.path(), generate::DEFAULT_SEED).expect("generate the site");
    let site = dir.path().join("stepwise");
    let timed = |site: &Path| {
        let started = Instant::now();
        (complete(site), started.elapsed())
    };
    let (first, first_took) = timed(&site);
    set_version(&site, 1);
    let (second, second_took) = timed(&site);
    let versions = [first, second];
    // How long a build runs, to spread the kills over it (and a little past its end).
    let span = first_took.max(second_took).as_micros() as u64 * 13 / 10;
    assert_ne!(versions[0], versions[1], "the two versions differ");
    let (mut current, mut state, mut outcomes) = (1, 27, Vec::new());
    for kill in 1..=kills {
        let target = 1 - current;
        set_version(&site, target);
        let after = Duration::from_micros(next(&mut state, span));
        let mut build = start(&site);
        std::thread::sleep(after);
        let _ = build.kill();
        let status = build.wait().expect("the build ends");
        let found = fingerprint(&site.join("output"));
        let version = versions.iter().position(|v| *v == found);
        let left = leftovers(&site);
        eprintln!(
            "kill {kill:2} after {:6.1} ms: {}; output {}; left behind: {left:?}",
            after.as_secs_f64() * 1000.0,
            if status.success() {
                "the build had ended"
            } else {
                "killed"
            },
            match version {
                Some(v) if v == target => "the new build",
                Some(_) => "the previous build",
                None => "A MIX",
            },
        );
        let version = version.unwrap_or_else(|| panic!("kill {kill}: output/ is neither build"));
        outcomes.push(version == target);
        current = version;
    }
    set_version(&site, 1 - current);
    assert_eq!(
        complete(&site),
        versions[1 - current],
        "the next build completes"
    );
    assert_eq!(
        leftovers(&site),
        Vec::<String>::new(),
        "the next build cleans up"
    );
    let new = outcomes.iter().filter(|new| **new).count();
    eprintln!(
        "{kills} kills: {new} left the new build, {} the previous one",
        kills - new
    );
}

#[test]
fn killing_a_build_of_500_assets_at_random_moments_never_mixes_the_output() {
    killed_builds_leave_one_complete_output(500, 20);
}

#[test]
#[ignore = "generates and builds 10,000 assets some 20 times: a few minutes"]
fn killing_a_build_of_10000_assets_at_random_moments_never_mixes_the_output() {
    killed_builds_leave_one_complete_output(10_000, 20);
}
