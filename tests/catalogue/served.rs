//! The catalogue through a running `stepwise serve`: a server watches a site that built
//! cleanly, a case is saved into it, and the reload stream must tell the open pages the case's
//! problem — the overlay shows that text — naming the file and line as a build does (or, for
//! an odd but legitimate input, serve the right page); then a save that puts the site back
//! must bring the pages back, with no error left. The server keeps running throughout. Every
//! family is represented by a few of its cases.

use std::fs;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use crate::common::live::{Events, PATIENCE, Server};
use crate::{Case, Expect, TODAY, put, site, snapshot};

/// The cases tried: every other case of every family, so that each kind of mistake of each
/// family is represented and the test stays short.
fn subset() -> Vec<&'static Case> {
    let families: [&[Case]; 10] = [
        crate::addresses::CASES,
        crate::calculators::CASES,
        crate::comparisons::CASES,
        crate::configuration::CASES,
        crate::encodings::CASES,
        crate::files::CASES,
        crate::front_matter::CASES,
        crate::markdown::CASES,
        crate::paths::CASES,
        crate::templates::CASES,
    ];
    families
        .iter()
        .flat_map(|cases| cases.iter().step_by(2))
        .collect()
}

/// Messages until one satisfies `wanted`; what was seen instead when none did in time.
fn wait_for(events: &mut Events, wanted: impl Fn(&Value) -> bool) -> Result<Value, String> {
    let started = Instant::now();
    let mut seen = Vec::new();
    while started.elapsed() < PATIENCE {
        match events.next_within(PATIENCE.saturating_sub(started.elapsed())) {
            Some(message) if wanted(&message) => return Ok(message),
            Some(message) => seen.push(message.to_string()),
            None => break,
        }
    }
    Err(format!("no such message; seen: {seen:?}"))
}

/// Puts `site` back as `clean` holds it: what was added is removed, what was changed is
/// written again, as an editor's undo and save would.
fn restore(site: &Path, clean: &[(String, Vec<u8>)]) {
    let entries: Vec<_> = walkdir::WalkDir::new(site)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    for entry in entries {
        let relative = entry
            .path()
            .strip_prefix(site)
            .expect("inside")
            .display()
            .to_string();
        let folder = entry.file_type().is_dir();
        let known = clean.iter().any(|(path, _)| match folder {
            true => path.starts_with(&format!("{relative}/")),
            false => path == &relative,
        });
        #[cfg(unix)]
        if !entry.path_is_symlink() {
            use std::os::unix::fs::PermissionsExt;
            let mode = if folder { 0o755 } else { 0o644 };
            let _ = fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode));
        }
        if known && !entry.path_is_symlink() {
            continue;
        }
        if folder {
            fs::remove_dir_all(entry.path()).expect("remove an added folder");
        } else {
            fs::remove_file(entry.path()).expect("remove an added file");
        }
    }
    for (relative, bytes) in clean {
        if fs::read(site.join(relative)).ok().as_ref() != Some(bytes) {
            put(site, relative, bytes);
        }
    }
}

/// Runs one case through a running server; what it did wrong, if anything.
fn served(case: &Case) -> Option<String> {
    let (_outer, site) = site();
    let clean = snapshot(&site);
    let server = Server::start_with(&site, &["--today", TODAY]);
    let mut events = server.events();
    (case.setup)(&site);
    let shown = match case.expect {
        Expect::Fails { file, line } => {
            let place = line.map_or_else(|| file.to_string(), |line| format!("{file}:{line}:"));
            wait_for(&mut events, |message| {
                message["type"] == "error"
                    && message["text"]
                        .as_str()
                        .is_some_and(|text| text.contains(&place) && text.contains("help: "))
            })
            .map(drop)
            .map_err(|why| format!("the overlay never named `{place}` with a help: {why}"))
        }
        Expect::Builds { page, text } => wait_for(&mut events, |_| {
            server.get(&format!("/{page}")).body.contains(text)
        })
        .map(drop)
        .map_err(|why| format!("/{page} never held `{text}`: {why}")),
    };
    let recovered = shown.and_then(|()| {
        restore(&site, &clean);
        let fixed = |_: &Value| server.status()["error"].is_null();
        wait_for(&mut events, fixed)
            .map_err(|why| format!("the fixing save did not clear the error: {why}"))
    });
    let page = server.get("/guides/facts-guide/");
    let wrong = match recovered {
        Err(why) => Some(why),
        Ok(_) if !page.status.contains("200") => Some(format!("after the fix: {}", page.status)),
        Ok(_) => None,
    };
    wrong.map(|why| format!("{}: {why}", case.name))
}

#[test]
fn serve_shows_each_family_of_bad_input_and_recovers_on_a_fixing_save() {
    let cases = subset();
    let wrong: Vec<String> = cases.iter().filter_map(|case| served(case)).collect();
    assert!(
        wrong.is_empty(),
        "{} of {} cases went wrong through serve:\n\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n\n")
    );
}
