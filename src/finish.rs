//! How the files of a build are finished for a static host: stylesheets and scripts renamed
//! after their content (`style.css` → `style.3f9a1c04be.css`) so that hosts may cache them
//! forever. It runs after the theme is
//! loaded and before output paths are claimed, and tells templates (through `static_url`) the
//! name each static file is published under.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use tera::{Kwargs, State, TeraResult, Value};

use crate::diagnostics::did_you_mean;

/// How the output is finished; both off (plain names, text as rendered) by default, as `serve`
/// wants it. `build` and `publish` fingerprint unless told not to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Finish {
    /// Stylesheets and scripts get their content hash in their names.
    pub fingerprint: bool,
}

/// How many hexadecimal digits of the content hash a fingerprinted name carries.
const HASH_DIGITS: usize = 10;

/// True for the static files that are fingerprinted: stylesheets and scripts.
/// Images, fonts and documents keep their names, since Markdown refers to them by name.
pub fn is_code(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// The first [`HASH_DIGITS`] hexadecimal digits of the SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    hex[..HASH_DIGITS].to_string()
}

/// `path` with `hash` before the extension of its file name: `js/app.js` gives
/// `js/app.<hash>.js`.
pub fn fingerprinted(path: &str, hash: &str) -> String {
    let name_start = path.rfind('/').map_or(0, |slash| slash + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => {
            let dot = name_start + dot;
            format!("{}.{hash}{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}.{hash}"),
    }
}

/// The published paths of the fingerprinted files, from `urls` (the theme's: each static
/// file's path to the path it is published at).
pub fn immutable(urls: &BTreeMap<String, String>) -> impl Iterator<Item = &String> {
    urls.iter()
        .filter(|(path, published)| path != published)
        .map(|(_, published)| published)
}

/// The Tera function `static_url(path="style.css")`: the link to a static file of the theme or
/// the site under its published (fingerprinted) name, below the base URL's path. A path that
/// names no static file is an error with the closest name.
pub fn static_url_function(
    urls: &BTreeMap<String, String>,
    root: &str,
) -> impl Fn(Kwargs, &State) -> TeraResult<Value> + Send + Sync + 'static {
    // Every page asks for a few of these: each link is made once, and shared.
    let links: BTreeMap<String, Value> = (urls.iter())
        .map(|(path, published)| (path.clone(), Value::from(format!("{root}{published}"))))
        .collect();
    move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        let path = path.trim_start_matches('/');
        match links.get(path) {
            Some(link) => Ok(link.clone()),
            None => {
                let close = did_you_mean(path, links.keys().map(String::as_str))
                    .map(|close| format!("; did you mean `{close}`?"))
                    .unwrap_or_default();
                Err(tera::Error::message(format!(
                    "`static_url`: there is no static file `{path}` in the theme's or the site's `static/`{close}"
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_names() {
        let cases = [
            ("style.css", "style.0123456789.css"),
            ("js/app.min.js", "js/app.min.0123456789.js"),
            ("v1.2/app.js", "v1.2/app.0123456789.js"),
            ("v1.2/LICENSE", "v1.2/LICENSE.0123456789"),
            (".hidden", ".hidden.0123456789"),
        ];
        for (path, expected) in cases {
            assert_eq!(fingerprinted(path, "0123456789"), expected, "{path}");
        }
    }

    #[test]
    fn hashes_change_with_every_byte_and_only_then() {
        let cases: &[(&[u8], &[u8], bool)] = &[
            (b"body { color: red }", b"body { color: red }", true),
            (b"body { color: red }", b"body { color: rec }", false),
            (b"", b" ", false),
        ];
        for (first, second, same) in cases {
            let (a, b) = (content_hash(first), content_hash(second));
            assert_eq!(a.len(), HASH_DIGITS);
            assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
            assert_eq!(a == b, *same, "{first:?} and {second:?}");
        }
        // The known SHA-256 of the empty string starts with e3b0c44298.
        assert_eq!(content_hash(b""), "e3b0c44298");
    }

    #[test]
    fn code_is_stylesheets_and_scripts() {
        let cases = [
            ("style.css", true),
            ("js/app.js", true),
            ("favicon.svg", false),
            ("report.pdf", false),
            ("data.json", false),
            ("style.css.map", false),
        ];
        for (path, expected) in cases {
            assert_eq!(is_code(path), expected, "{path}");
        }
    }
}
