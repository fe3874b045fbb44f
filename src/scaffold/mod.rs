//! Starting and growing a site from the files built into stepwise: [`init`] writes a new site
//! with every kind of asset, [`new`] one more asset of a kind with every field explained, and
//! [`eject`] copies the default theme's templates into the site to be edited. All three only
//! ever add files: what they would overwrite stops them (unless `init --force`), and a file that
//! cannot be written undoes what they wrote before it.

mod eject;
mod files;
mod init;
mod new;
mod yaml;

pub use eject::eject;
pub use init::{COVERAGE_FLOOR, Ci, InitOptions, Journey, init};
pub use new::{NewAsset, new};

use include_dir::{Dir, include_dir};

/// The files stepwise starts and grows sites from, as shipped in this repository's `scaffold/`.
static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold");

/// The text of a built-in file under `scaffold/`, such as `journeys/ten-steps.toml`.
fn text(path: &str) -> &'static str {
    SCAFFOLD
        .get_file(path)
        .and_then(|file| file.contents_utf8())
        .unwrap_or_default()
}

/// `template` with each `{{name}}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{{{name}}}}}"), value)
        })
}

/// A TOML (and YAML) list of the slugs, each between double quotes.
fn list(slugs: &[&str]) -> String {
    let quoted: Vec<String> = slugs.iter().map(|slug| format!("\"{slug}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_named_placeholder_and_leaves_others() {
        let cases = [
            ("steps = {{steps}}", "steps = [\"a\"]"),
            ("{{steps}} and {{steps}}", "[\"a\"] and [\"a\"]"),
            ("${{ github.ref }}", "${{ github.ref }}"),
            ("{{other}}", "{{other}}"),
        ];
        for (template, expected) in cases {
            assert_eq!(
                fill(template, &[("steps", "[\"a\"]")]),
                expected,
                "{template}"
            );
        }
    }

    #[test]
    fn every_built_in_file_is_text() {
        for path in [
            "site/stepwise.toml",
            "journeys/ten-steps.toml",
            "journeys/buying-jobs.toml",
            "ci/github.yml",
        ] {
            assert!(!text(path).is_empty(), "{path}");
        }
    }
}
