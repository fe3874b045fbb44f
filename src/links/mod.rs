//! Links between assets. A Markdown body links another asset by its source path, as Zola
//! writes it: `[the baseline guide](@/guides/measuring-your-ap-baseline.md#costs)`; templates do
//! the same with `get_url(path="@/guides/measuring-your-ap-baseline.md")`. Markdown is rendered
//! before every asset is known, so the body keeps the written address and where it sits in the
//! HTML, and [`resolve`] replaces it with the asset's URL once the site is resolved. A link to an
//! asset that does not exist, to a draft that is not published, or to a heading the asset does
//! not have, is an error at the link with the closest names; so is a `#heading` of the same body
//! that does not exist.

mod targets;

pub use targets::{Broken, LinkTarget, Targets, closest};

use std::sync::Arc;

use percent_encoding::percent_decode_str;

use crate::address::{REFUSED_HELP, refused_scheme};
use crate::content::{Asset, BodyLink};
use crate::diagnostics::{Diagnostic, Problems};
use targets::check_anchor;

/// How a link to another asset starts.
pub const PREFIX: &str = "@/";

/// A written address, taken apart.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkAddress<'a> {
    /// `@/path.md` with an optional `#anchor`.
    Asset {
        /// The path under `content/`.
        path: String,
        /// The heading id after `#`.
        anchor: Option<&'a str>,
    },
    /// `#anchor`: a heading of the same body.
    Local(&'a str),
    /// An address with a scheme no link may have, such as `javascript:`.
    Refused(&'static str),
    /// Anything else: a link the output check follows.
    Other,
}

/// Takes a written address apart.
pub fn parse(target: &str) -> LinkAddress<'_> {
    if let Some(scheme) = refused_scheme(target) {
        return LinkAddress::Refused(scheme);
    }
    if let Some(anchor) = target.strip_prefix('#') {
        return LinkAddress::Local(anchor);
    }
    let Some(rest) = target.strip_prefix(PREFIX) else {
        return LinkAddress::Other;
    };
    let (path, anchor) = match rest.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (rest, None),
    };
    LinkAddress::Asset {
        path: percent_decode_str(path).decode_utf8_lossy().into_owned(),
        anchor,
    }
}

/// What a written address comes to in the HTML: `None` to keep it as written.
pub fn resolve_address(
    targets: &Targets,
    own_anchors: &[String],
    target: &str,
) -> Result<Option<String>, Broken> {
    match parse(target) {
        LinkAddress::Asset { path, anchor } => targets.url(&path, anchor).map(Some),
        LinkAddress::Local(anchor) => check_anchor(anchor, own_anchors).map(|()| None),
        LinkAddress::Refused(scheme) => Err(Broken::Refused(scheme)),
        LinkAddress::Other => Ok(None),
    }
}

/// The new URLs of an asset's links (`None`: keep); `None` when one is broken, with the
/// problems added to `problems`. A link to a file with problems of its own is kept as written,
/// and not reported again.
pub fn resolve(
    targets: &Targets,
    asset: &Asset,
    drafts_published: bool,
    problems: &mut Problems,
) -> Option<Vec<Option<String>>> {
    let mut urls = Vec::with_capacity(asset.links.len());
    let mut broken_links = false;
    for link in &asset.links {
        match resolve_address(targets, &asset.anchors, &link.target) {
            Ok(url) => urls.push(url),
            Err(broken) => {
                urls.push(None);
                if let Some(problem) = diagnostic(asset, link, &broken, drafts_published) {
                    problems.push(problem);
                    broken_links = true;
                }
            }
        }
    }
    (!broken_links).then_some(urls)
}

/// Replaces the addresses of `links` in `content` with `urls` (where given), and moves each
/// link's range onto what now stands there.
pub fn rewrite(content: &mut String, links: &mut [BodyLink], urls: &[Option<String>]) {
    if urls.iter().all(Option::is_none) {
        return;
    }
    let mut out = String::with_capacity(content.len() + 64);
    let mut copied = 0;
    for (link, url) in links.iter_mut().zip(urls) {
        out.push_str(&content[copied..link.html.start]);
        let start = out.len();
        match url {
            Some(url) => crate::escape::href_into(&mut out, url),
            None => out.push_str(&content[link.html.clone()]),
        }
        copied = link.html.end;
        link.html = start..out.len();
    }
    out.push_str(&content[copied..]);
    *content = out;
}

/// The error for one broken link; none for a link to a file with problems of its own.
fn diagnostic(
    asset: &Asset,
    link: &BodyLink,
    broken: &Broken,
    drafts_published: bool,
) -> Option<Diagnostic> {
    let (source, span) = link.place.source(&asset.source.name, link.target.len());
    let (message, help) = match broken {
        Broken::NoAsset { path, closest } => (
            format!("this link names `{path}`, and there is no such asset"),
            match closest {
                Some(close) => format!("did you mean `{PREFIX}{close}`?"),
                None => format!(
                    "link an asset by its path under content/, such as `{PREFIX}guides/measuring-your-baseline.md`"
                ),
            },
        ),
        Broken::Draft(path) => (
            format!("this link names `{path}`, which is a draft and is not published"),
            if drafts_published {
                "publish the draft (remove `draft = true`) or remove the link".to_string()
            } else {
                "drafts are only built with `--drafts`: publish the draft (remove `draft = true`) or remove the link".to_string()
            },
        ),
        Broken::Failed(_) => return None,
        Broken::NoAnchor { anchor, closest } => (
            format!("this link names the heading `#{anchor}`, which the page does not have"),
            if closest.is_empty() {
                "the page has no headings; link the page without `#…`".to_string()
            } else {
                let names: Vec<String> = closest.iter().map(|id| format!("`#{id}`")).collect();
                format!("the closest heading ids are {}", names.join(", "))
            },
        ),
        Broken::Refused(scheme) => (
            format!("this link is a `{scheme}:` address, which no link may have"),
            REFUSED_HELP.to_string(),
        ),
    };
    let problem = Diagnostic::error(&source, span, message)
        .with_label_message("broken link")
        .with_help(help);
    Some(problem)
}

/// The `get_url` function of templates: `get_url(path="@/guides/x.md#costs")` gives the
/// asset's URL; a path that names no asset or heading fails the page with the reason.
pub fn get_url_function(
    targets: Arc<Targets>,
) -> impl Fn(tera::Kwargs, &tera::State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |kwargs, _| {
        let path: String = kwargs.must_get("path")?;
        let LinkAddress::Asset {
            path: asset,
            anchor,
        } = parse(&path)
        else {
            return Err(tera::Error::message(format!(
                "get_url: `{path}` is not a link to an asset; write `@/` and its path under content/, such as `@/guides/baseline.md`"
            )));
        };
        match targets.url(&asset, anchor) {
            // The build fails with that file's own problems; this page is not written.
            Err(Broken::Failed(_)) => Ok(String::new()),
            url => {
                url.map_err(|broken| tera::Error::message(format!("get_url: {}", explain(&broken))))
            }
        }
    }
}

/// One sentence on why a link does not resolve, for template errors.
fn explain(broken: &Broken) -> String {
    match broken {
        Broken::NoAsset { path, closest } => match closest {
            Some(close) => format!("no asset `{path}`; did you mean `{PREFIX}{close}`?"),
            None => format!("no asset `{path}`"),
        },
        Broken::Draft(path) => format!("`{path}` is a draft and drafts are not built"),
        Broken::Failed(path) => format!("`{path}` has problems of its own"),
        Broken::NoAnchor { anchor, closest } => {
            format!("no heading `#{anchor}`; the closest are {closest:?}")
        }
        Broken::Refused(scheme) => format!("a `{scheme}:` address is refused"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::AssetId;

    #[test]
    fn written_addresses_are_taken_apart() {
        let asset = |path: &str, anchor| LinkAddress::Asset {
            path: path.to_string(),
            anchor,
        };
        let cases = [
            ("@/guides/x.md", asset("guides/x.md", None)),
            ("@/guides/x.md#costs", asset("guides/x.md", Some("costs"))),
            ("@/guides/my%20x.md", asset("guides/my x.md", None)),
            ("@/x.md#", asset("x.md", Some(""))),
            ("#costs", LinkAddress::Local("costs")),
            ("../x/", LinkAddress::Other),
            ("/guides/x/", LinkAddress::Other),
            ("guides/x.md", LinkAddress::Other),
        ];
        for (written, expected) in cases {
            assert_eq!(parse(written), expected, "parse({written:?})");
        }
    }

    fn targets() -> Targets {
        let mut targets = Targets::default();
        for (id, url, published) in [
            ("guides/baseline.md", "/sub/guides/baseline/", true),
            ("guides/draft.md", "/sub/guides/draft/", false),
        ] {
            targets.assets.insert(
                AssetId::from(id),
                LinkTarget {
                    url: url.to_string(),
                    anchors: ["the-four-numbers".into(), "week-one".into()].into(),
                    published,
                },
            );
        }
        targets
    }

    #[test]
    fn addresses_resolve_to_urls_or_say_why_not() {
        let own = vec!["local-heading".to_string()];
        let cases: [(&str, Result<Option<&str>, Broken>); 7] = [
            ("@/guides/baseline.md", Ok(Some("/sub/guides/baseline/"))),
            (
                "@/guides/baseline.md#week-one",
                Ok(Some("/sub/guides/baseline/#week-one")),
            ),
            ("#local-heading", Ok(None)),
            ("../elsewhere/", Ok(None)),
            (
                "@/guides/baselin.md",
                Err(Broken::NoAsset {
                    path: "guides/baselin.md".into(),
                    closest: Some("guides/baseline.md".into()),
                }),
            ),
            (
                "@/guides/draft.md",
                Err(Broken::Draft("guides/draft.md".into())),
            ),
            (
                "@/guides/baseline.md#week-on",
                Err(Broken::NoAnchor {
                    anchor: "week-on".into(),
                    closest: vec!["week-one".into(), "the-four-numbers".into()],
                }),
            ),
        ];
        for (written, expected) in cases {
            let got = resolve_address(&targets(), &own, written);
            assert_eq!(
                got,
                expected.map(|url| url.map(str::to_string)),
                "resolve_address({written:?})"
            );
        }
    }

    #[test]
    fn resolved_urls_replace_the_written_addresses() {
        let place = crate::diagnostics::Place::of("", 0);
        let html = r##"<a href="@/a.md">a</a> <a href="#x">x</a> <a href="@/b.md#y">b</a>"##;
        let link = |target: &str| {
            let start = html.find(&format!("\"{target}\"")).unwrap_or(0) + 1;
            BodyLink {
                target: target.to_string(),
                html: start..start + target.len(),
                place: place.clone(),
            }
        };
        let mut links = vec![link("@/a.md"), link("#x"), link("@/b.md#y")];
        let mut content = html.to_string();
        let urls = [
            Some("/a/".to_string()),
            None,
            Some("/long/b/#y".to_string()),
        ];
        rewrite(&mut content, &mut links, &urls);
        assert_eq!(
            content,
            r##"<a href="/a/">a</a> <a href="#x">x</a> <a href="/long/b/#y">b</a>"##
        );
        let now: Vec<&str> = links.iter().map(|l| &content[l.html.clone()]).collect();
        assert_eq!(now, ["/a/", "#x", "/long/b/#y"]);
    }
}
