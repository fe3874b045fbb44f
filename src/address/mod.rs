//! Addresses, as text: the base address of a site and its path, the parts of a path, schemes
//! and the schemes no link may have. It knows nothing else of the site, so every stage may use
//! it.

mod send_to;

pub use send_to::SendTo;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// A URL with a `/` at its end.
pub fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// An address a site may be published under, with a trailing `/`: an absolute `http(s)`
/// address, or a path that starts with `/` for root-relative links; `None` for anything else.
pub fn base_url(given: &str) -> Option<String> {
    let valid = if given.starts_with('/') {
        is_path(given)
    } else {
        is_absolute_address(given)
    };
    valid.then(|| with_trailing_slash(given))
}

/// True for an `http` or `https` address with a host and no query or fragment.
pub fn is_absolute_address(text: &str) -> bool {
    let Ok(uri) = text.parse::<http::Uri>() else {
        return false;
    };
    matches!(uri.scheme_str(), Some("http" | "https"))
        && uri.host().is_some_and(|host| !host.is_empty())
        && uri.query().is_none()
        && !text.contains('#')
}

fn is_path(text: &str) -> bool {
    text.parse::<http::uri::PathAndQuery>()
        .is_ok_and(|path| path.query().is_none())
        && !text.contains('#')
        && !text.starts_with("//")
}

/// The path part of an address: `https://example.com/guide/` gives `/guide/`.
pub fn url_path(base_url: &str) -> String {
    let path = match base_url.parse::<http::Uri>() {
        Ok(uri) if uri.scheme().is_some() => uri.path().to_string(),
        _ => base_url.to_string(),
    };
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    with_trailing_slash(&path)
}

/// Characters that may not stand as they are in one segment of a URL path.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file name as one segment of a URL: `Q3 model.xlsx` gives `Q3%20model.xlsx`.
pub fn encode_segment(name: &str) -> String {
    utf8_percent_encode(name, SEGMENT).to_string()
}

/// What `encodeURIComponent` leaves as it is in the browser: letters, digits and `-_.!~*'()`.
const COMPONENT: &AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// `text` as one name or value of a query, written exactly as the browser's
/// `encodeURIComponent` writes it, so that a link built here and one rebuilt by a page's script
/// are the same text: `$31,250 a year` gives `%2431%2C250%20a%20year`.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// `address` with `pairs` added to its query (after any query it has, before any `#fragment`),
/// each name and value written by [`encode_component`].
pub fn with_query(address: &str, pairs: &[(&str, &str)]) -> String {
    let (before, fragment) = match address.split_once('#') {
        Some((before, fragment)) => (before, format!("#{fragment}")),
        None => (address, String::new()),
    };
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode_component(name), encode_component(value)))
        .collect();
    let separator = match before.split_once('?') {
        None => "?",
        Some((_, "")) => "",
        Some(_) if before.ends_with('&') => "",
        Some(_) => "&",
    };
    format!("{before}{separator}{}{fragment}", query.join("&"))
}

/// The origin of an `https://` address with a host and no user name or password, such as
/// `https://plausible.io` of `https://plausible.io/js/script.js`; `None` for any other text.
pub fn https_origin(address: &str) -> Option<String> {
    let uri = address.parse::<http::Uri>().ok()?;
    let authority = uri.authority()?.as_str();
    let valid = uri.scheme_str() == Some("https")
        && uri.host().is_some_and(|host| !host.is_empty())
        && !authority.contains('@');
    valid.then(|| format!("https://{}", authority.to_ascii_lowercase()))
}

/// True for an address with a scheme, such as `https://…` or `mailto:…`.
pub fn has_scheme(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// The schemes no address may have: they run code in the buyer's browser (`javascript:`,
/// `vbscript:`) or carry a whole document in the address (`data:`).
const REFUSED_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

/// The scheme of `address`, as a browser reads it, when no link may have it: browsers drop
/// control characters and spaces around an address and tabs and line breaks within it, and
/// read a scheme in any case, so `  Java\tScript:` is `javascript`.
pub fn refused_scheme(address: &str) -> Option<&'static str> {
    // Read in place, without a copy: the links of every Markdown body are checked.
    let (scheme, _) = address
        .trim_start_matches(|c: char| c <= ' ')
        .split_once(':')?;
    let read = (scheme.chars())
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| c.to_ascii_lowercase());
    REFUSED_SCHEMES
        .into_iter()
        .find(|refused| read.clone().eq(refused.chars()))
}

/// How to mend an address with a refused scheme.
pub const REFUSED_HELP: &str = "link a page of the site (`@/` and the asset's path under content/) or an `https://` address: a `javascript:`, `vbscript:` or `data:` address could run code in the buyer's browser";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_https_addresses() {
        let cases = [
            (
                "https://plausible.io/js/script.js",
                Some("https://plausible.io"),
            ),
            (
                "https://Stats.Example.com:8443/s.js",
                Some("https://stats.example.com:8443"),
            ),
            ("https://cloud.umami.is", Some("https://cloud.umami.is")),
            ("http://plausible.io/js/script.js", None),
            ("//plausible.io/js/script.js", None),
            ("https://user@plausible.io/js/script.js", None),
            ("js/listen.js", None),
            ("/js/listen.js", None),
            ("javascript:alert(1)", None),
            ("", None),
        ];
        for (address, origin) in cases {
            assert_eq!(https_origin(address).as_deref(), origin, "{address}");
        }
    }

    #[test]
    fn base_urls_from_the_command_line() {
        let cases = [
            (
                "https://buyers.example/guide",
                Some("https://buyers.example/guide/"),
            ),
            ("http://127.0.0.1:1111/", Some("http://127.0.0.1:1111/")),
            ("/", Some("/")),
            ("/sub/path", Some("/sub/path/")),
            ("not a url", None),
            ("guide", None),
            ("ftp://example.com/", None),
            ("https://", None),
            ("https://example.com/?a=1", None),
            ("https://example.com/#top", None),
            ("//example.com/", None),
        ];
        for (given, expected) in cases {
            assert_eq!(base_url(given).as_deref(), expected, "base_url({given:?})");
        }
    }

    #[test]
    fn paths_of_base_urls() {
        let cases = [
            ("https://example.com/", "/"),
            ("https://example.com/guide/", "/guide/"),
            ("https://example.com:8443/a/b/", "/a/b/"),
            ("/", "/"),
            ("/sub/", "/sub/"),
        ];
        for (base, expected) in cases {
            assert_eq!(url_path(base), expected, "url_path({base})");
        }
    }

    #[test]
    fn file_names_become_valid_path_segments() {
        let cases = [
            ("model.xlsx", "model.xlsx"),
            ("Q3 model.xlsx", "Q3%20model.xlsx"),
            ("Über.pdf", "%C3%9Cber.pdf"),
            ("a#b?.csv", "a%23b%3F.csv"),
        ];
        for (name, expected) in cases {
            assert_eq!(encode_segment(name), expected, "encode_segment({name})");
        }
    }

    #[test]
    fn query_values_are_written_as_the_browser_writes_them() {
        let cases = [
            ("2500", "2500"),
            ("$31,250", "%2431%2C250"),
            ("a b&c=d", "a%20b%26c%3Dd"),
            ("-_.!~*'()", "-_.!~*'()"),
            ("1 234,5 €", "1%20234%2C5%20%E2%82%AC"),
            (
                "https://x.example/a/?b=1",
                "https%3A%2F%2Fx.example%2Fa%2F%3Fb%3D1",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                encode_component(text),
                expected,
                "encode_component({text:?})"
            );
        }
    }

    #[test]
    fn pairs_join_the_query_an_address_has() {
        let pairs = [("volume", "2500"), ("saved", "$1,000")];
        let cases = [
            (
                "https://x.example/form",
                "https://x.example/form?volume=2500&saved=%241%2C000",
            ),
            (
                "https://x.example/form?c=q4",
                "https://x.example/form?c=q4&volume=2500&saved=%241%2C000",
            ),
            (
                "https://x.example/form?",
                "https://x.example/form?volume=2500&saved=%241%2C000",
            ),
            (
                "https://x.example/form?c=1&",
                "https://x.example/form?c=1&volume=2500&saved=%241%2C000",
            ),
            (
                "https://x.example/form#top",
                "https://x.example/form?volume=2500&saved=%241%2C000#top",
            ),
            (
                "mailto:a@b.example?cc=c@b.example",
                "mailto:a@b.example?cc=c@b.example&volume=2500&saved=%241%2C000",
            ),
        ];
        for (address, expected) in cases {
            assert_eq!(
                with_query(address, &pairs),
                expected,
                "with_query({address:?})"
            );
        }
    }

    #[test]
    fn addresses_that_run_code_are_refused_however_written() {
        let cases = [
            ("javascript:alert(1)", Some("javascript")),
            ("JavaScript:alert(1)", Some("javascript")),
            ("  java\tscript:alert(1)", Some("javascript")),
            ("\u{1}javascript:x", Some("javascript")),
            ("java\nscript:x", Some("javascript")),
            ("vbscript:msgbox", Some("vbscript")),
            ("DATA:text/html;base64,PHNjcmlwdD4=", Some("data")),
            ("https://x.example/javascript:", None),
            ("/guides/javascript:x", None),
            ("mailto:a@b.example", None),
            ("@/guides/x.md", None),
            ("#javascript:", None),
            ("javascript", None),
            ("javascript  ", None),
            ("javascript :x", None),
            ("javascrip:x", None),
            ("javascripts:x", None),
            ("j\u{e4}vascript:x", None),
            ("\u{0}\u{1f} VB\rScript:x", Some("vbscript")),
            ("data:", Some("data")),
        ];
        for (address, scheme) in cases {
            assert_eq!(refused_scheme(address), scheme, "{address:?}");
        }
    }
}
