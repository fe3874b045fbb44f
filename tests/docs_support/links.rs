//! The links between the pages of the reference: each must name a file of the repository, and
//! its `#fragment` a heading of that page, by the anchor a code host makes from the heading.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::blocks::{Page, line_of};

/// The anchors of every page's headings, by the page's path.
pub fn anchors(pages: &[Page]) -> HashMap<String, Vec<String>> {
    (pages.iter())
        .map(|page| (page.path.clone(), headings(&page.text)))
        .collect()
}

/// The anchor of each heading of `text`, as GitHub makes them: lower case, only letters, digits,
/// `-`, `_` and spaces kept, spaces made `-`, and `-1`, `-2` … after a repeated one.
pub fn headings(text: &str) -> Vec<String> {
    let mut anchors: Vec<String> = Vec::new();
    let mut heading: Option<String> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(words) | Event::Code(words) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&words);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let anchor = anchor(&heading.take().unwrap_or_default());
                let repeats = anchors.iter().filter(|a| **a == anchor).count();
                anchors.push(match repeats {
                    0 => anchor,
                    n => format!("{anchor}-{n}"),
                });
            }
            _ => {}
        }
    }
    anchors
}

fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Every link of `page` that names no file of `repository`, or no heading of the page it names.
pub fn broken(
    page: &Page,
    repository: &Path,
    anchors: &HashMap<String, Vec<String>>,
) -> Vec<String> {
    let mut broken = Vec::new();
    for (event, range) in Parser::new(&page.text).into_offset_iter() {
        let target = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if target.contains(':') {
            continue;
        }
        let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
        let place = format!("{}:{}", page.path, line_of(&page.text, range.start));
        let named = match file {
            "" => page.path.clone(),
            file => resolve(&page.path, file),
        };
        if !repository.join(&named).exists() {
            broken.push(format!("{place}: `{target}` names no file (`{named}`)"));
        } else if let Some(headings) = anchors.get(&named).filter(|_| !fragment.is_empty())
            && !headings.iter().any(|anchor| anchor == fragment)
        {
            broken.push(format!(
                "{place}: `{target}`: `{named}` has no heading `#{fragment}`"
            ));
        }
    }
    broken
}

/// The repository path of `link`, written on the page at `page`.
fn resolve(page: &str, link: &str) -> String {
    let mut path: PathBuf = Path::new(page)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    for part in Path::new(link).components() {
        match part {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(name) => path.push(name),
            _ => {}
        }
    }
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_the_anchors_a_code_host_gives_them() {
        let text = "# stepwise\n## `stepwise build`\n## Flags, and more\n## Flags, and more\n## What `asset.data` holds: a case study\n";
        assert_eq!(
            headings(text),
            [
                "stepwise",
                "stepwise-build",
                "flags-and-more",
                "flags-and-more-1",
                "what-assetdata-holds-a-case-study"
            ]
        );
    }

    #[test]
    fn links_are_resolved_from_their_page() {
        let cases = [
            (
                "docs/kinds/calculator.md",
                "../formulas.md",
                "docs/formulas.md",
            ),
            (
                "docs/README.md",
                "kinds/comparison.md",
                "docs/kinds/comparison.md",
            ),
            ("README.md", "docs/README.md", "docs/README.md"),
            (
                "docs/publishing.md",
                "../.github/workflows/publish.yml",
                ".github/workflows/publish.yml",
            ),
        ];
        for (page, link, expected) in cases {
            assert_eq!(resolve(page, link), expected, "{link} on {page}");
        }
    }
}
