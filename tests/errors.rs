//! What goes wrong, and how stepwise says so: every bad input is reported with its message, its
//! `file:line:column` and a hint; the run fails; and nothing is written. The output folder is
//! never a folder stepwise did not make, and a failed build leaves the earlier output as it was.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::path::Path;

use common::{small_site, snapshot, stderr, stepwise, write};

/// The TOML asset of [`small_site`], which publishes at `/guides/facts-guide/`.
const FACTS_GUIDE: &str = "content/guides/facts-guide.md";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Runs `stepwise args` in `dir`, which must fail with exit code 1 after reporting `errors`
/// errors, and must leave every file under `dir` as it was: no output folder appears (or an
/// earlier one stays byte-identical) and no staging folder is left behind. Returns the report.
fn fails(dir: &Path, args: &[&str], errors: usize) -> String {
    let output_existed = dir.join("output").exists();
    let before = snapshot(dir);
    let run = stepwise(dir, args);
    let report = stderr(&run);
    assert_eq!(
        run.status.code(),
        Some(1),
        "`stepwise {}` should fail; it said:\n{report}",
        args.join(" ")
    );
    let plural = if errors == 1 { "" } else { "s" };
    assert_eq!(
        report.lines().last(),
        Some(format!("error: stopped with {errors} error{plural}; nothing was written").as_str()),
        "the last line should count the errors; the report was:\n{report}"
    );
    assert!(
        snapshot(dir) == before,
        "a failed run changed files under the site; the report was:\n{report}"
    );
    assert_eq!(
        dir.join("output").exists(),
        output_existed,
        "a failed run created or removed the output folder"
    );
    assert_no_staging(dir);
    report
}

/// `stepwise build` in `dir`, which must fail as [`fails`] describes.
fn build_fails(dir: &Path, errors: usize) -> String {
    fails(dir, &["build"], errors)
}

/// `stepwise build` in `dir`, which must succeed.
fn build_succeeds(dir: &Path) {
    let run = stepwise(dir, &["build"]);
    assert!(
        run.status.success(),
        "the build should succeed; it said:\n{}",
        stderr(&run)
    );
}

/// No staging or left-over folder of stepwise's atomic swap remains in `dir`.
fn assert_no_staging(dir: &Path) {
    let leftovers: Vec<String> = fs::read_dir(dir)
        .expect("list the folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.contains(".stepwise-new-") || name.contains(".stepwise-old-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

/// The report of the one error whose message starts with `message`: from its `error:` line up to
/// the next diagnostic.
fn diagnostic<'a>(report: &'a str, message: &str) -> &'a str {
    let header = format!("error: {message}");
    let start = report
        .find(&header)
        .unwrap_or_else(|| panic!("no error `{}` in the report:\n{report}", message.trim_end()));
    assert_eq!(
        report.matches(&header).count(),
        1,
        "the error `{}` is reported more than once:\n{report}",
        message.trim_end()
    );
    let rest = &report[start + header.len()..];
    let end = ["\nerror: ", "\nwarning: "]
        .iter()
        .filter_map(|next| rest.find(next))
        .min()
        .unwrap_or(rest.len());
    &report[start..start + header.len() + end]
}

/// Asserts that the report has the error `message` at `location` (`file:line:column`), with
/// every one of `fragments` (such as the help) in the same diagnostic; returns the diagnostic.
fn assert_error<'a>(report: &'a str, message: &str, location: &str, fragments: &[&str]) -> &'a str {
    let found = diagnostic(report, message);
    let primary = found.lines().nth(1).unwrap_or_default().trim();
    assert_eq!(
        primary,
        format!("┌─ {location}"),
        "the error `{}` should point at {location}:\n{found}",
        message.trim_end()
    );
    assert_fragments(found, fragments);
    found
}

/// Asserts that the report has the error `message` about no place in a file, with `help`.
fn assert_plain_error(report: &str, message: &str, help: &str) {
    let found = diagnostic(report, message);
    let next = found.lines().nth(1).unwrap_or_default().trim();
    assert_eq!(next, format!("= help: {help}"), "in:\n{found}");
}

fn assert_fragments(found: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(
            found.contains(fragment),
            "`{fragment}` is missing from:\n{found}"
        );
    }
}

/// Replaces `from` with `to` in the `stepwise.toml` of [`small_site`] and asserts that the build
/// fails with the one error `message` at the place of `at` in the edited file, with `fragments`.
fn assert_config_error(from: &str, to: &str, at: &str, message: &str, fragments: &[&str]) {
    let site = small_site();
    edit(site.path(), "stepwise.toml", from, to);
    let at = position(site.path(), "stepwise.toml", at);
    let report = build_fails(site.path(), 1);
    assert_error(&report, message, &format!("stepwise.toml:{at}"), fragments);
}

/// Replaces the first `from` in the site's file `relative` with `to`.
fn edit(dir: &Path, relative: &str, from: &str, to: &str) {
    let text = fs::read_to_string(dir.join(relative)).expect("read the file to edit");
    assert!(text.contains(from), "`{from}` is not in {relative}");
    write(dir, relative, &text.replacen(from, to, 1));
}

/// The 1-based `line:column` where `needle` first occurs in the site's file `relative`.
fn position(dir: &Path, relative: &str, needle: &str) -> String {
    let text = fs::read_to_string(dir.join(relative)).expect("read the file");
    let (number, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in {relative}"));
    let column = line[..line.find(needle).expect("found")].chars().count();
    format!("{}:{}", number + 1, column + 1)
}

/// A site with one broken asset at `content/broken.md`, with the text given.
fn site_with_broken_asset(text: &str) -> tempfile::TempDir {
    let site = small_site();
    write(site.path(), "content/broken.md", text);
    site
}

/// Builds a site with one broken asset; the build must fail with one error, which is returned.
fn broken_asset_report(text: &str) -> String {
    let site = site_with_broken_asset(text);
    build_fails(site.path(), 1)
}

/// Builds the small site with an asset that lacks the required `field`: the build must fail
/// with the problem reported at the asset's opening `+++` line.
fn assert_missing_field_reported(field: &str) {
    let fields = [
        ("title", "title = \"Half done\"\n"),
        ("kind", "kind = \"guide\"\n"),
        ("steps", "steps = [\"facts\"]\n"),
    ];
    let front_matter: String = fields
        .iter()
        .filter(|(name, _)| *name != field)
        .map(|(_, line)| *line)
        .collect();
    let report = broken_asset_report(&format!("+++\n{front_matter}+++\nBody.\n"));
    assert_error(
        &report,
        &format!("this asset has no `{field}`\n"),
        "content/broken.md:1:1",
        &[&format!("help: add a line `{field} = ")],
    );
}

// ---------------------------------------------------------------------------------------------
// Bad input: the message, the place, a failed run, nothing written
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_step_is_reported_with_did_you_mean() {
    let report = broken_asset_report(
        "+++\ntitle = \"Typo\"\nkind = \"guide\"\nsteps = [\"fact\"]\n+++\nBody.\n",
    );
    assert_error(
        &report,
        "unknown step `fact`\n",
        "content/broken.md:4:10",
        &[
            "no step of this name is declared in stepwise.toml",
            "= help: did you mean `facts`?",
        ],
    );
}

#[test]
fn unknown_kind_is_reported_with_did_you_mean() {
    let report = broken_asset_report(
        "+++\ntitle = \"Typo\"\nkind = \"gide\"\nsteps = [\"facts\"]\n+++\nBody.\n",
    );
    assert_error(
        &report,
        "unknown kind `gide`\n",
        "content/broken.md:3:8",
        &[
            "no kind of this name is declared in stepwise.toml",
            "= help: did you mean `guide`?",
        ],
    );
}

#[test]
fn unknown_stakeholder_in_yaml_is_reported_with_did_you_mean() {
    let report = broken_asset_report(
        "---\ntitle: Typo\nkind: checklist\nsteps: [sign]\nstakeholders: [finanse]\n---\nBody.\n",
    );
    assert_error(
        &report,
        "unknown stakeholder `finanse`\n",
        "content/broken.md:5:16",
        &[
            "no stakeholder of this name is declared in stepwise.toml",
            "= help: did you mean `finance`?",
        ],
    );
}

#[test]
fn two_assets_at_one_output_path_are_reported_naming_both_files() {
    let site = small_site();
    let original = fs::read_to_string(site.path().join(FACTS_GUIDE)).expect("read the guide");
    write(site.path(), "content/more/facts-guide.md", &original);
    let report = build_fails(site.path(), 1);
    assert_error(
        &report,
        "two assets would be published at `/guides/facts-guide/`\n",
        "content/more/facts-guide.md:1:1",
        &[
            "┌─ content/guides/facts-guide.md:1:1",
            "the other asset with this slug",
            "= help: give one of them another `slug` in its front matter, or rename its file",
        ],
    );
}

#[test]
fn slug_in_the_front_matter_that_takes_another_assets_folder_is_reported_naming_both_files() {
    let site = small_site();
    write(
        site.path(),
        "content/guides/other.md",
        "+++\ntitle = \"Other\"\nkind = \"guide\"\nsteps = [\"facts\"]\nslug = \"facts-guide\"\n+++\nBody.\n",
    );
    let report = build_fails(site.path(), 1);
    let found = diagnostic(
        &report,
        "two assets would be published at `/guides/facts-guide/`\n",
    );
    assert_fragments(
        found,
        &[
            "┌─ content/guides/facts-guide.md:1:1",
            "┌─ content/guides/other.md:5:8",
            "the other asset with this slug",
            "= help: give one of them another `slug` in its front matter, or rename its file",
        ],
    );
}

#[test]
fn slug_in_the_front_matter_that_is_not_a_slug_is_reported_with_one_that_is() {
    for (slug, suggested) in [
        ("Start Here", "start-here"),
        ("-start", "start"),
        ("start-", "start"),
    ] {
        let report = broken_asset_report(&format!(
            "+++\ntitle = \"Bad slug\"\nkind = \"guide\"\nsteps = [\"facts\"]\nslug = \"{slug}\"\n+++\nBody.\n"
        ));
        assert_error(
            &report,
            &format!("`{slug}` is not a valid slug\n"),
            "content/broken.md:5:8",
            &[&format!("such as `{suggested}`")],
        );
    }
}

#[test]
fn missing_title_is_reported() {
    assert_missing_field_reported("title");
}

#[test]
fn missing_kind_is_reported() {
    assert_missing_field_reported("kind");
}

#[test]
fn missing_steps_is_reported() {
    assert_missing_field_reported("steps");
}

#[test]
fn empty_steps_is_reported() {
    let report =
        broken_asset_report("+++\ntitle = \"Nowhere\"\nkind = \"guide\"\nsteps = []\n+++\nBody.\n");
    assert_error(
        &report,
        "`steps` is empty\n",
        "content/broken.md:4:9",
        &["= help: name at least one buying step this asset serves"],
    );
}

#[test]
fn malformed_toml_front_matter_is_reported_at_the_line_of_the_file() {
    // The unclosed string is on line 3 of the file (line 2 of the front matter).
    let report = broken_asset_report(
        "+++\ntitle = \"Open\"\nkind = \"guide\nsteps = [\"facts\"]\n+++\nBody.\n",
    );
    assert_error(
        &report,
        "invalid basic string",
        "content/broken.md:3:14",
        &[
            "3 │ kind = \"guide",
            "= help: write one `key = value` per line",
        ],
    );
}

#[test]
fn malformed_yaml_front_matter_is_reported_at_the_line_of_the_file() {
    let report = broken_asset_report(
        "---\ntitle: Colons\nkind: checklist: yes\nsteps: [sign]\n---\nBody.\n",
    );
    assert_error(
        &report,
        "this front matter is not valid YAML: mapping values are not allowed in this context\n",
        "content/broken.md:3:16",
        &["3 │ kind: checklist: yes"],
    );
}

#[test]
fn file_without_front_matter_is_reported() {
    let report = broken_asset_report("# Just a heading\n\nNo front matter here.\n");
    assert_error(
        &report,
        "this asset has no front matter\n",
        "content/broken.md:1:1",
        &["= help: start the file with a line `+++`"],
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    let report =
        broken_asset_report("+++\ntitle = \"Open\"\nkind = \"guide\"\nsteps = [\"facts\"]\n");
    assert_error(
        &report,
        "the front matter is never closed\n",
        "content/broken.md:1:1",
        &["= help: add a line `+++` after the last front matter field"],
    );
}

#[test]
fn file_that_is_not_utf8_is_reported_at_the_first_bad_byte() {
    let site = small_site();
    fs::write(
        site.path().join("content/broken.md"),
        b"+++\ntitle = \"Caf\xe9\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n",
    )
    .expect("write the Latin-1 file");
    let report = build_fails(site.path(), 1);
    assert_error(
        &report,
        "this file is not valid UTF-8 text\n",
        "content/broken.md:2:13",
        &[
            "the first byte that is not UTF-8",
            "= help: save the file with UTF-8 encoding in your editor",
        ],
    );
}

#[test]
fn unknown_key_in_the_configuration_is_reported_with_did_you_mean() {
    assert_config_error(
        "[[steps]]",
        "[[stpes]]",
        "stpes",
        "unknown key `stpes`\n",
        &["= help: did you mean `steps`?"],
    );
}

#[test]
fn unknown_key_in_the_front_matter_is_reported_with_did_you_mean() {
    let report = broken_asset_report(
        "+++\ntitle = \"Typo\"\nkind = \"guide\"\nsteps = [\"facts\"]\nstakholders = [\"it\"]\n+++\n",
    );
    assert_error(
        &report,
        "unknown key `stakholders` in the front matter\n",
        "content/broken.md:5:1",
        &["= help: did you mean `stakeholders`?"],
    );
}

#[test]
fn reviewed_date_that_is_not_a_date_is_reported() {
    let report = broken_asset_report(
        "+++\ntitle = \"Old\"\nkind = \"guide\"\nsteps = [\"facts\"]\nreviewed = \"31/03/2026\"\n+++\n",
    );
    assert_error(
        &report,
        "`31/03/2026` is not a date\n",
        "content/broken.md:5:12",
        &["= help: write the date as year-month-day, such as `reviewed = 2026-03-31`"],
    );
}

#[test]
fn expects_naming_an_unknown_kind_is_reported_with_did_you_mean() {
    assert_config_error(
        "question = \"What is going on?\"\n",
        "question = \"What is going on?\"\nexpects = [\"guide\", \"checklst\"]\n",
        "\"checklst\"",
        "unknown kind `checklst` in `expects`\n",
        &["= help: did you mean `checklist`?"],
    );
}

#[test]
fn kind_template_that_does_not_exist_is_reported_in_the_configuration() {
    assert_config_error(
        "plural = \"Checklists\"\n",
        "plural = \"Checklists\"\ntemplate = \"decision-list.html\"\n",
        "\"decision-list.html\"",
        "there is no template `decision-list.html`\n",
        &["add `templates/decision-list.html` to the site"],
    );
}

#[test]
fn slugs_in_the_configuration_that_are_not_slugs_are_reported() {
    for (what, declared) in [
        ("step", "slug = \"facts\""),
        ("kind", "slug = \"guide\""),
        ("stakeholder", "slug = \"it\""),
    ] {
        for bad in ["Key Facts", "-a", "a-"] {
            assert_config_error(
                declared,
                &format!("slug = \"{bad}\""),
                &format!("\"{bad}\""),
                &format!("`{bad}` is not a valid {what} slug\n"),
                &["= help: a slug is lowercase letters, digits and hyphens"],
            );
        }
    }
}

#[test]
fn slug_in_the_configuration_with_a_double_hyphen_is_reported() {
    assert_config_error(
        "slug = \"facts\"",
        "slug = \"a--b\"",
        "\"a--b\"",
        "`a--b` is not a valid step slug\n",
        &["= help: a slug is lowercase letters, digits and hyphens"],
    );
}

#[test]
fn slug_declared_twice_in_the_configuration_is_reported_at_the_second() {
    for (what, table, slug, fields) in [
        (
            "step",
            "[[steps]]",
            "facts",
            "title = \"Again\"\nquestion = \"Again?\"\n",
        ),
        (
            "kind",
            "[[kinds]]",
            "guide",
            "title = \"Again\"\nplural = \"Agains\"\n",
        ),
        (
            "stakeholder",
            "[[stakeholders]]",
            "it",
            "title = \"Again\"\n",
        ),
    ] {
        assert_config_error(
            "title = \"IT\"\n",
            &format!("title = \"IT\"\n\n{table}\nslug = \"{slug}\" # again\n{fields}"),
            &format!("\"{slug}\" # again"),
            &format!("the {what} `{slug}` is declared twice\n"),
            &[],
        );
    }
}

#[test]
fn kind_whose_plural_names_a_folder_of_stepwise_is_reported() {
    for (plural, folder) in [
        ("Steps", "steps"),
        ("kinds", "kinds"),
        ("Stakeholders", "stakeholders"),
        ("Steps!", "steps"),
    ] {
        assert_config_error(
            "plural = \"Guides\"",
            &format!("plural = \"{plural}\""),
            &format!("\"{plural}\""),
            &format!("the kind `guide` would publish its assets in `/{folder}/`, which is taken\n"),
            &["= help: give this kind another `plural` name"],
        );
    }
}

#[test]
fn theme_that_does_not_exist_is_reported_in_the_configuration() {
    assert_config_error(
        "base_url",
        "theme = \"nope\"\nbase_url",
        "\"nope\"",
        "there is no theme `nope`\n",
        &[
            "= help: put the theme in `themes/nope/`, or use the built-in theme with `theme = \"default\"`",
        ],
    );
}

#[test]
fn base_url_that_is_not_an_absolute_address_is_reported() {
    assert_config_error(
        "https://example.com/\"\n",
        "guide\"\n",
        "\"guide\"",
        "`guide` is not an absolute address\n",
        &["base_url = \"https://buyers.example.com/\""],
    );
}

#[test]
fn missing_base_url_is_reported() {
    let site = small_site();
    edit(
        site.path(),
        "stepwise.toml",
        "base_url = \"https://example.com/\"\n",
        "",
    );
    let report = build_fails(site.path(), 1);
    assert_error(
        &report,
        "the key `base_url` is missing\n",
        "stepwise.toml:1:1",
        &["add a line `base_url = \"…\"`"],
    );
}

#[test]
fn every_problem_of_every_file_is_reported_in_one_run() {
    let site = small_site();
    write(
        site.path(),
        "content/a-step.md",
        "+++\ntitle = \"A\"\nkind = \"guide\"\nsteps = [\"optoins\"]\n+++\n",
    );
    write(site.path(), "content/b-plain.md", "Only text.\n");
    write(
        site.path(),
        "content/c-date.md",
        "---\ntitle: C\nkind: checklist\nsteps: [sign]\nreviewed: soon\n---\n",
    );
    let report = build_fails(site.path(), 3);
    assert_error(
        &report,
        "unknown step `optoins`\n",
        "content/a-step.md:4:10",
        &["= help: did you mean `options`?"],
    );
    assert_error(
        &report,
        "this asset has no front matter\n",
        "content/b-plain.md:1:1",
        &[],
    );
    assert_error(
        &report,
        "`soon` is not a date\n",
        "content/c-date.md:5:11",
        &[],
    );
}

// ---------------------------------------------------------------------------------------------
// `stepwise check`
// ---------------------------------------------------------------------------------------------

#[test]
fn check_passes_a_good_site_and_writes_nothing() {
    let site = small_site();
    let before = snapshot(site.path());
    let run = stepwise(site.path(), &["check"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        said.starts_with("checked ") && said.contains("for 3 steps (2 assets)"),
        "{said}"
    );
    assert!(snapshot(site.path()) == before, "check changed files");
    assert!(
        !site.path().join("output").exists(),
        "check made an output folder"
    );
    assert_no_staging(site.path());
}

#[test]
fn check_fails_a_bad_site_with_its_messages() {
    let site = site_with_broken_asset(
        "+++\ntitle = \"Typo\"\nkind = \"guide\"\nsteps = [\"fact\"]\n+++\nBody.\n",
    );
    let report = fails(site.path(), &["check"], 1);
    assert_error(
        &report,
        "unknown step `fact`\n",
        "content/broken.md:4:10",
        &["= help: did you mean `facts`?"],
    );
}

// ---------------------------------------------------------------------------------------------
// The output folder: never a user's files, never the site, replaced only whole
// ---------------------------------------------------------------------------------------------

#[test]
fn build_refuses_a_non_empty_folder_that_stepwise_did_not_make() {
    let site = small_site();
    write(site.path(), "output/notes.md", "My own notes.\n");
    write(site.path(), "output/plans/q3.txt", "Keep me.\n");
    let report = build_fails(site.path(), 1);
    assert_plain_error(
        &report,
        "the output folder `./output` holds files that stepwise did not write\n",
        "stepwise only replaces folders it made (they hold a `.stepwise` file); choose an empty or new folder, or move those files away",
    );
}

#[test]
fn build_refuses_the_site_itself_as_output_folder() {
    let site = small_site();
    let report = fails(site.path(), &["build", "--output-dir", "."], 1);
    assert_plain_error(
        &report,
        "the output folder `.` contains the site itself\n",
        "choose an output folder inside the site, such as `output`, or outside it",
    );
}

#[test]
fn build_refuses_a_parent_of_the_site_as_output_folder() {
    let outer = tempfile::tempdir().expect("a temporary folder");
    write(outer.path(), "notes.txt", "Beside the site.\n");
    let site = outer.path().join("site");
    for (relative, bytes) in snapshot(small_site().path()) {
        write(&site, &relative, &String::from_utf8(bytes).expect("text"));
    }
    let before = snapshot(outer.path());
    let report = fails(&site, &["build", "--output-dir", ".."], 1);
    assert_plain_error(
        &report,
        "the output folder `..` contains the site itself\n",
        "choose an output folder inside the site, such as `output`, or outside it",
    );
    assert!(
        snapshot(outer.path()) == before,
        "the parent folder changed"
    );
    assert_no_staging(outer.path());
}

#[test]
fn build_refuses_an_output_folder_inside_content() {
    let site = small_site();
    let report = fails(site.path(), &["build", "--output-dir", "content/site"], 1);
    assert_plain_error(
        &report,
        "the output folder `content/site` is inside the site's `content/` folder\n",
        "stepwise reads that folder; choose an output folder such as `output`",
    );
    assert!(!site.path().join("content/site").exists());
}

#[test]
fn second_build_replaces_the_earlier_output_whole() {
    let site = small_site();
    let page = site.path().join("output/guides/facts-guide/index.html");
    build_succeeds(site.path());
    assert!(page.is_file(), "the first build publishes the guide");
    fs::remove_file(site.path().join(FACTS_GUIDE)).expect("delete the guide");
    build_succeeds(site.path());
    assert!(
        !page.exists(),
        "the deleted asset's page is still published"
    );
    assert!(
        site.path()
            .join("output/checklists/ready/index.html")
            .is_file()
    );
    assert!(site.path().join("output/.stepwise").is_file());
    assert_no_staging(site.path());
}

#[test]
fn failed_build_leaves_the_earlier_output_as_it_was() {
    let site = small_site();
    build_succeeds(site.path());
    write(site.path(), "content/broken.md", "No front matter.\n");
    let report = build_fails(site.path(), 1);
    assert_error(
        &report,
        "this asset has no front matter\n",
        "content/broken.md:1:1",
        &[],
    );
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

/// A template that overrides the theme's `step.html`, with `line` as its third line.
fn step_template(line: &str) -> String {
    format!(
        "{{% extends \"base.html\" %}}\n{{% block content %}}\n{line}\n{{% endblock content %}}\n"
    )
}

#[test]
fn template_syntax_error_names_the_template() {
    let site = small_site();
    write(
        site.path(),
        "templates/step.html",
        &step_template("  {% for x in %}{% endfor %}"),
    );
    let report = build_fails(site.path(), 1);
    assert_error(
        &report,
        "template error: Found `%}` but expected one of",
        "templates/step.html:3:15",
        &["= help: fix the template"],
    );
}

#[test]
fn unknown_filter_in_a_template_is_reported_with_its_line() {
    let site = small_site();
    write(
        site.path(),
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title | shout }}{% endblock content %}",
    );
    let report = build_fails(site.path(), 1);
    let found = diagnostic(&report, "Unknown filter `shout`");
    assert_fragments(found, &["--> 404.html:2:36", "= help: fix the template"]);
}

#[test]
fn template_render_error_names_the_template_and_keeps_the_earlier_output() {
    let site = small_site();
    build_succeeds(site.path());
    write(
        site.path(),
        "templates/step.html",
        &step_template("<p>{{ missing_variable.field }}</p>"),
    );
    let report = build_fails(site.path(), 1);
    assert_error(
        &report,
        "template error: Variable `missing_variable` is not defined",
        "templates/step.html:3:7",
        &["= help: fix the template"],
    );
}

// ---------------------------------------------------------------------------------------------
// Places that are easy to get wrong: a value that starts like another, nested keys, dates
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_unquoted_yaml_step_points_at_itself() {
    let report =
        broken_asset_report("---\ntitle: Prefix\nkind: guide\nsteps: [facts, fact]\n---\nBody.\n");
    // `fact` is at column 16, after `facts` at column 9, which starts with the same letters.
    assert_error(
        &report,
        "unknown step `fact`\n",
        "content/broken.md:4:16",
        &["= help: did you mean `facts`?"],
    );
}

#[test]
fn impossible_reviewed_date_is_reported() {
    let report = broken_asset_report(
        "---\ntitle: Leap\nkind: guide\nsteps: [facts]\nreviewed: 2026-02-31\n---\nBody.\n",
    );
    assert_error(
        &report,
        "`2026-02-31` is not a date\n",
        "content/broken.md:5:11",
        &["= help: write the date as year-month-day"],
    );
}

#[test]
fn wrong_type_of_a_key_points_at_its_value() {
    let report = broken_asset_report(
        "---\ntitle: Nested\nextra:\n  kind: note\nkind: 5\nsteps: [facts]\n---\nBody.\n",
    );
    // The value of the top-level `kind`, not the nested `extra.kind` on line 4.
    assert_error(
        &report,
        "`kind` must be text in quotes, not a number\n",
        "content/broken.md:5:7",
        &[],
    );
}
