//! Where a link found on a page points: outside the site, outside its base path, or a file of
//! the output and a fragment.

use percent_encoding::percent_decode_str;

use crate::address::has_scheme;
use crate::routes::output_path;

/// Where a link of a page points inside the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Not inside the site, or nothing to check: another origin, `mailto:`, `data:` ….
    Outside,
    /// Root-relative, but outside the site's base path.
    OutsideBase(String),
    /// An output path (relative to the output folder) and a fragment.
    Inside {
        /// The path in the output, such as `guides/x/index.html`.
        path: String,
        /// The part after `#`, decoded, if any.
        fragment: Option<String>,
    },
}

/// Where `href`, found on the page at the root-relative `page_url`, points, for a site at
/// `base_url` whose links start with `root`.
pub fn resolve(base_url: &str, root: &str, page_url: &str, href: &str) -> Resolved {
    let href = match href.strip_prefix(base_url) {
        Some(rest) if has_scheme(base_url) => format!("{root}{rest}"),
        _ if has_scheme(href) => return Resolved::Outside,
        _ => href.to_string(),
    };
    let (href, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(decode(fragment))),
        None => (href.as_str(), None),
    };
    let href = href.split_once('?').map_or(href, |(path, _)| path);
    let absolute = if href.is_empty() {
        page_url.to_string()
    } else if href.starts_with('/') {
        href.to_string()
    } else {
        format!("{}{href}", folder_of(page_url))
    };
    let mut normal = normalise(&decode(&absolute));
    if format!("{normal}/") == root {
        normal.push('/');
    }
    if !normal.starts_with(root) {
        return Resolved::OutsideBase(normal);
    }
    Resolved::Inside {
        path: output_path(root, &normal),
        fragment,
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The folder of a root-relative URL, ending in `/`.
fn folder_of(url: &str) -> &str {
    url.rfind('/').map_or("/", |at| &url[..=at])
}

/// A root-relative path without `.` and `..` segments (never above `/`).
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            "" if i + 1 < segments.len() => {}
            other => parts.push(other),
        }
    }
    let trailing = matches!(segments.last(), Some(&"" | &"." | &".."));
    let mut normal = format!("/{}", parts.join("/"));
    if trailing && !normal.ends_with('/') {
        normal.push('/');
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_to_output_paths() {
        let inside = |path: &str, fragment: Option<&str>| Resolved::Inside {
            path: path.to_string(),
            fragment: fragment.map(str::to_string),
        };
        let base = "https://acme.example/sub/";
        let page = "/sub/guides/x/";
        let cases = [
            ("/sub/", inside("index.html", None)),
            ("/sub/style.css", inside("style.css", None)),
            (
                "/sub/guides/y/#costs",
                inside("guides/y/index.html", Some("costs")),
            ),
            ("#top-part", inside("guides/x/index.html", Some("top-part"))),
            ("../y/", inside("guides/y/index.html", None)),
            ("chart%20one.png", inside("guides/x/chart one.png", None)),
            ("./model.xlsx?v=2", inside("guides/x/model.xlsx", None)),
            (
                "https://acme.example/sub/kinds/guide/",
                inside("kinds/guide/index.html", None),
            ),
            ("/sub", inside("index.html", None)),
            ("/style.css", Resolved::OutsideBase("/style.css".into())),
            ("../../../x/", Resolved::OutsideBase("/x/".into())),
            ("https://other.example/", Resolved::Outside),
            ("mailto:sales@acme.example", Resolved::Outside),
            ("//cdn.example/x.js", Resolved::Outside),
        ];
        for (href, expected) in cases {
            assert_eq!(
                resolve(base, "/sub/", page, href),
                expected,
                "resolve({href:?})"
            );
        }
    }
}
