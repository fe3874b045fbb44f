//! The files static hosts read beside the pages: `.nojekyll` (GitHub Pages publishes the output
//! as it is), `CNAME` (GitHub Pages' custom domain) and `_headers` (what Netlify and Cloudflare
//! Pages send with each file: the Content-Security-Policy of every page, fingerprinted files
//! cached forever, pages revalidated on every visit). The policy is also what every page's
//! `<meta http-equiv="Content-Security-Policy">` holds.

/// The `Cache-Control` of a fingerprinted file: its name changes whenever its bytes do.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The `Cache-Control` of pages and of every other file: checked again on every visit.
pub const REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// The Content-Security-Policy of every page, as its `<meta http-equiv>` holds it: the site's
/// own files only, no inline script or style, no plugins; images may also be `data:` addresses
/// (the stylesheet draws its ticks with them). `origins` are the outside origins a page may
/// also load scripts and images from and connect to, such as an analytics provider's
/// (`https://analytics.example.com`): the one place one is added.
pub fn content_security_policy(origins: &[String]) -> String {
    let extra: String = origins.iter().map(|origin| format!(" {origin}")).collect();
    format!(
        "default-src 'self'; script-src 'self'{extra}; connect-src 'self'{extra}; img-src 'self' data:{extra}; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// The policy as the `Content-Security-Policy` header of every file: the page's, and no site
/// may show the pages in a frame, which only a header can forbid.
pub fn content_security_policy_header(origins: &[String]) -> String {
    format!(
        "{}; frame-ancestors 'none'",
        content_security_policy(origins)
    )
}

/// The text of `.nojekyll`: the file's presence is what counts.
pub const NOJEKYLL: &str = "";

/// The text of `CNAME`: the custom domain on one line.
pub fn cname(host: &str) -> String {
    format!("{host}\n")
}

/// The `_headers` file for a site whose links start with `root` (`/` or `/buyers/`): the
/// Content-Security-Policy (with the other `origins` of an analytics provider) and
/// `X-Content-Type-Options: nosniff` for every file, one rule
/// per fingerprinted file, and rules for the pages (`.html` output paths) that match no
/// fingerprinted file, since Cloudflare Pages joins the values of every rule that matches.
/// Pages at the top are named one by one; deeper ones by their top folder (`/steps/*`).
pub fn headers<'a>(
    root: &str,
    origins: &[String],
    pages: impl Iterator<Item = &'a str>,
    immutable: impl Iterator<Item = &'a str>,
) -> String {
    let mut page_rules: Vec<String> = pages
        .map(|path| match path.split_once('/') {
            Some((folder, _)) => format!("{root}{folder}/*"),
            None => format!("{root}{}", path.strip_suffix("index.html").unwrap_or(path)),
        })
        .collect();
    page_rules.sort();
    page_rules.dedup();
    let mut text = format!(
        "# Written by stepwise for Netlify and Cloudflare Pages: every file with the pages'\n# Content-Security-Policy, fingerprinted files are cached for a year, pages are checked\n# again on every visit.\n{root}*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n",
        content_security_policy_header(origins)
    );
    for path in immutable {
        text.push_str(&format!("{root}{path}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    for rule in page_rules {
        text.push_str(&format!("{rule}\n  Cache-Control: {REVALIDATE}\n"));
    }
    text
}

/// True for a host name such as `buyers.example.com`: two labels or more, each of letters,
/// digits and inner hyphens, at most 63 characters, 253 in all.
pub fn is_host_name(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    text.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|top| !top.chars().all(|c| c.is_ascii_digit()))
}

/// A `robots.txt` that lets crawlers in and names the sitemap at `sitemap`, an absolute
/// address, when there is one.
pub fn robots(sitemap: Option<&str>) -> String {
    let line = match sitemap {
        Some(sitemap) => format!("Sitemap: {sitemap}"),
        None => {
            "# No `Sitemap:` line: the site was built without an absolute base URL.".to_string()
        }
    };
    format!("User-agent: *\nAllow: /\n{line}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_names_an_absolute_sitemap() {
        let cases = [
            (
                Some("https://buyers.example.com/guide/sitemap.xml"),
                Some("Sitemap: https://buyers.example.com/guide/sitemap.xml"),
            ),
            (
                Some("http://127.0.0.1:1111/sitemap.xml"),
                Some("Sitemap: http://127.0.0.1:1111/sitemap.xml"),
            ),
            (None, None),
        ];
        for (sitemap, line) in cases {
            let text = robots(sitemap);
            assert!(text.starts_with("User-agent: *\nAllow: /\n"), "{text}");
            let found = text.lines().find(|l| l.starts_with("Sitemap:"));
            assert_eq!(found, line, "{sitemap:?}");
        }
    }

    #[test]
    fn host_names() {
        let cases = [
            ("buyers.example.com", true),
            ("guide.ledgerline.example", true),
            ("a-b.c9.io", true),
            ("example", false),
            ("https://buyers.example.com", false),
            ("buyers.example.com/guide", false),
            ("buyers.example.com:8080", false),
            ("-buyers.example.com", false),
            ("buyers-.example.com", false),
            ("buyers..example.com", false),
            ("buyers.example.com.", false),
            ("127.0.0.1", false),
            ("bü.example.com", false),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(is_host_name(text), expected, "{text}");
        }
        assert!(!is_host_name(&format!("{}.com", "a".repeat(64))));
    }

    #[test]
    fn the_policy_names_the_site_and_the_origins_given() {
        let own = content_security_policy(&[]);
        assert!(own.starts_with("default-src 'self';"), "{own}");
        assert!(
            !own.contains("unsafe") && !own.contains("frame-ancestors"),
            "{own}"
        );
        let measured = content_security_policy(&["https://analytics.example.com".to_string()]);
        for directive in ["script-src", "connect-src", "img-src"] {
            assert!(
                measured.split("; ").any(|part| part.starts_with(directive)
                    && part.ends_with(" https://analytics.example.com")),
                "{directive}: {measured}"
            );
        }
        let header = content_security_policy_header(&[]);
        assert_eq!(header, format!("{own}; frame-ancestors 'none'"));
        let file = headers("/", &[], ["index.html"].into_iter(), std::iter::empty());
        assert!(
            file.contains(&format!(
                "/*\n  Content-Security-Policy: {header}\n  X-Content-Type-Options: nosniff\n"
            )),
            "{file}"
        );
    }

    #[test]
    fn header_rules() {
        /// The root, the page paths, the fingerprinted paths and the rules, in their order.
        type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a [&'a str]);
        let cases: &[Case] = &[
            (
                "/",
                &[
                    "index.html",
                    "404.html",
                    "steps/a/index.html",
                    "steps/b/index.html",
                ],
                &["style.0123456789.css"],
                &["/style.0123456789.css", "/", "/404.html", "/steps/*"],
            ),
            (
                "/buyers/",
                &[
                    "index.html",
                    "case-studies/x/index.html",
                    "coverage/index.html",
                ],
                &["style.0123456789.css", "js/app.0123456789.js"],
                &[
                    "/buyers/style.0123456789.css",
                    "/buyers/js/app.0123456789.js",
                    "/buyers/",
                    "/buyers/case-studies/*",
                    "/buyers/coverage/*",
                ],
            ),
            ("/", &["index.html"], &[], &["/"]),
        ];
        for (root, pages, immutable, rules) in cases {
            let text = headers(root, &[], pages.iter().copied(), immutable.iter().copied());
            let every_file = format!("{root}*");
            let found: Vec<&str> = text.lines().filter(|line| line.starts_with('/')).collect();
            let mut expected = rules.to_vec();
            expected[immutable.len()..].sort_unstable();
            expected.insert(0, &every_file);
            assert_eq!(found, expected, "{root}");
            let values: Vec<&str> = text
                .lines()
                .filter_map(|line| line.strip_prefix("  Cache-Control: "))
                .collect();
            let mut wanted = vec![IMMUTABLE; immutable.len()];
            wanted.extend(vec![REVALIDATE; rules.len() - immutable.len()]);
            assert_eq!(values, wanted, "{root}");
        }
    }
}
