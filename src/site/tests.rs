//! [`Site::apply`], table-driven: each edit of one asset of a small site, with where the asset
//! was listed before and after, and the other assets whose links were resolved again.

use std::path::Path;

use super::*;
use crate::content::{self, AssetId};
use crate::diagnostics::{Problems, Source};

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://example.com/\"\n\
[[steps]]\nslug = \"a\"\ntitle = \"A\"\nquestion = \"A?\"\n\
[[steps]]\nslug = \"b\"\ntitle = \"B\"\nquestion = \"B?\"\n\
[[kinds]]\nslug = \"guide\"\ntitle = \"Guide\"\nplural = \"Guides\"\n";

/// A guide serving `step`, with `extra` front matter and `body`.
fn guide(title: &str, step: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nkind = \"guide\"\nsteps = [\"{step}\"]\n{extra}+++\n{body}\n"
    )
}

/// Writes `files` under `content/` of `root` and loads the site.
fn site(root: &Path, files: &[(&str, String)]) -> Site {
    std::fs::write(root.join("stepwise.toml"), CONFIG).unwrap();
    for (path, text) in files {
        let path = root.join("content").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let mut problems = Problems::default();
    let source = Source::new("stepwise.toml", CONFIG);
    let config = Config::parse(&source, &mut problems).unwrap();
    let assets = content::load(root, &mut problems);
    let site = Site::new(
        config,
        &source,
        assets,
        &SiteOptions::default(),
        &mut problems,
    );
    assert!(!problems.has_errors(), "{:?}", problems.as_slice());
    site.unwrap()
}

/// What an edit comes to, as the steps the asset was and is listed under and the assets
/// relinked.
type Expected = (Option<Vec<usize>>, Option<Vec<usize>>, Vec<&'static str>);

#[test]
fn an_edit_says_where_the_asset_was_where_it_is_and_what_was_relinked() {
    let one = guide("One", "a", "", "## Costs");
    let two = guide("Two", "b", "", "See [one](@/guides/one.md).");
    let cases: [(&str, Option<String>, Expected); 5] = [
        (
            "moved to another step",
            Some(guide("One", "b", "", "## Costs")),
            (Some(vec![0]), Some(vec![1]), vec![]),
        ),
        (
            "a new address",
            Some(guide("One", "a", "slug = \"first\"\n", "## Costs")),
            (Some(vec![0]), Some(vec![0]), vec!["guides/two.md"]),
        ),
        (
            "made a draft",
            Some(guide("One", "a", "draft = true\n", "## Costs")),
            (Some(vec![0]), None, vec!["guides/two.md"]),
        ),
        (
            "removed",
            None,
            (Some(vec![0]), None, vec!["guides/two.md"]),
        ),
        (
            "put anew",
            Some(guide("Three", "b", "", "")),
            (None, Some(vec![1]), vec![]),
        ),
    ];
    for (name, put, (before, after, expected_relinked)) in cases {
        let root = tempfile::tempdir().unwrap();
        let files = [
            ("guides/one.md", one.clone()),
            ("guides/two.md", two.clone()),
        ];
        let mut site = site(root.path(), &files);
        let id = AssetId::from(if name == "put anew" {
            "guides/three.md"
        } else {
            "guides/one.md"
        });
        let edit = match put {
            Some(text) => {
                std::fs::write(root.path().join("content").join(id.as_str()), text).unwrap();
                let asset = content::load_one(root.path(), &id, &mut Problems::default());
                Edit::Put(Box::new(asset.unwrap()))
            }
            None => Edit::Remove(id.clone()),
        };
        let change = site.apply(edit, &mut Problems::default()).unwrap();
        let steps = |placement: Option<Placement>| placement.map(|p| p.steps);
        let relinked: Vec<&str> = change.relinked.iter().map(AssetId::as_str).collect();
        assert_eq!(change.id, id, "{name}");
        assert_eq!(steps(change.before), before, "{name}: before");
        assert_eq!(steps(change.after), after, "{name}: after");
        assert_eq!(relinked, expected_relinked, "{name}: relinked");
    }
}
