//! `--minify`: HTML, CSS and JavaScript made smaller with minify-html (which minifies the CSS
//! with lightningcss and the JavaScript with oxc). Everything stays valid HTML: closing tags,
//! quoted attributes and the doctype are kept, and data islands such as
//! `<script type="application/json">` are left as they are.

use minify_html::Cfg;

/// The settings that keep the output compliant HTML, for the validators of the harness gates.
fn settings() -> Cfg {
    Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: true,
        ..Cfg::default()
    }
}

/// A page, minified.
pub fn html(page: &[u8]) -> Vec<u8> {
    minify_html::minify(page, &settings())
}

/// The kinds of text file that [`file`] minifies, by the end of their name.
const WRAPPERS: &[(&str, &str, &str)] = &[
    (".css", "<style>", "</style>"),
    (".js", "<script>", "</script>"),
    (".html", "", ""),
];

/// A stylesheet, script or page, minified by the end of its `path`; `None` for other files.
/// A stylesheet or script is minified as the content of its element in a page, so it is
/// minified exactly as inline CSS and JavaScript are; one that would close that element
/// early is kept as it is.
pub fn file(path: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let (_, open, close) = WRAPPERS.iter().find(|(end, ..)| path.ends_with(end))?;
    if close.is_empty() {
        return Some(html(bytes));
    }
    let text = std::str::from_utf8(bytes).ok()?;
    if text
        .to_ascii_lowercase()
        .contains(&close[..close.len() - 1])
    {
        return Some(bytes.to_vec());
    }
    let wrapped = html(format!("{open}{text}{close}").as_bytes());
    let inner = wrapped
        .strip_prefix(open.as_bytes())
        .and_then(|rest| rest.strip_suffix(close.as_bytes()))
        .map_or_else(|| bytes.to_vec(), <[u8]>::to_vec);
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_by_their_names() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "style.css",
                "body {\n  color : red ;\n}\n",
                Some("body{color:red}"),
            ),
            (
                "app.js",
                "function add(first, second) {\n  return first + second;\n}\nwindow.add = add;\n",
                None,
            ),
            (
                "odd.css",
                "a::after { content: \"</style>\" }",
                Some("a::after { content: \"</style>\" }"),
            ),
            ("photo.png", "not text", None),
            ("notes.txt", "  kept  ", None),
        ];
        for (path, input, expected) in cases {
            let made = file(path, input.as_bytes()).map(|b| String::from_utf8(b).unwrap());
            match (expected, path.ends_with(".js")) {
                (_, true) => {
                    let made = made.expect("a script is minified");
                    assert!(
                        made.len() < input.len() && made.contains("window.add"),
                        "{path}: {made}"
                    );
                }
                (Some(expected), false) => assert_eq!(made.as_deref(), Some(*expected), "{path}"),
                (None, false) => assert_eq!(made, None, "{path}"),
            }
        }
    }

    #[test]
    fn pages_keep_their_data_and_stay_compliant() {
        let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <title>A  page</title>\n</head>\n<body>\n  <p class=\"lead\">Some   text</p>\n  <script type=\"application/json\" id=\"data\">{\"a\": [1, 2]}</script>\n</body>\n</html>\n";
        let made = String::from_utf8(html(page.as_bytes())).unwrap();
        for kept in [
            "<!doctype html>",
            "<html lang=en>",
            "</p>",
            "{\"a\": [1, 2]}",
            "</body></html>",
        ] {
            assert!(made.contains(kept), "`{kept}` is kept in {made}");
        }
        assert!(made.len() < page.len());
    }
}
