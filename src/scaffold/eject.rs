//! `stepwise theme eject`: copies templates of the built-in theme into the site's `templates/`,
//! where they replace the theme's own and can be edited.

use std::path::Path;

use super::files::{NewFile, already_there, write_all};
use crate::diagnostics::{Diagnostic, Problems, suggestion};
use crate::theme::{DEFAULT_THEME, embedded_files};

/// Copies the built-in theme's templates named in `names` (`step.html`, or `step`), or all of
/// them when none is named, into `root/templates/`; gives the paths written, in the site.
/// Every problem (an unknown template, a file already there) is added to `problems` at once,
/// and nothing is written then.
pub fn eject(root: &Path, names: &[String], problems: &mut Problems) -> Option<Vec<String>> {
    let templates = built_in_templates();
    let wanted = if names.is_empty() {
        templates.clone()
    } else {
        pick(&templates, names, problems)
    };
    let files: Vec<NewFile> = wanted
        .iter()
        .map(|(name, text)| NewFile::text(format!("templates/{name}"), *text))
        .collect();
    let help = "your copy replaces the theme's already: edit it, or move it away to eject the theme's again";
    problems.extend(already_there(root, &files, help));
    if problems.has_errors() {
        return None;
    }
    write_all(root, &files)
        .map_err(|problem| problems.push(problem))
        .ok()?;
    Some(files.into_iter().map(|file| file.path).collect())
}

/// The built-in theme's templates, by name (`step.html`), sorted.
fn built_in_templates() -> Vec<(String, &'static str)> {
    let mut templates: Vec<(String, &'static str)> = embedded_files(&DEFAULT_THEME)
        .into_iter()
        .filter_map(|file| {
            let path = file.path().to_string_lossy().replace('\\', "/");
            let name = path.strip_prefix("templates/")?.to_string();
            Some((name, file.contents_utf8()?))
        })
        .collect();
    templates.sort();
    templates
}

/// The templates named; an error for each name that is none of them is added to `problems`.
fn pick(
    templates: &[(String, &'static str)],
    names: &[String],
    problems: &mut Problems,
) -> Vec<(String, &'static str)> {
    let mut wanted = Vec::new();
    for name in names {
        let full = if name.contains('.') {
            name.clone()
        } else {
            format!("{name}.html")
        };
        match templates.iter().find(|(template, _)| *template == full) {
            Some(template) if !wanted.contains(template) => wanted.push(template.clone()),
            Some(_) => {}
            None => problems.push(
                Diagnostic::plain(format!("the built-in theme has no template `{name}`"))
                    .with_help(suggestion(
                        &full,
                        "template",
                        templates.iter().map(|(t, _)| t.as_str()),
                    )),
            ),
        }
    }
    wanted
}
