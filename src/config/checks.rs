//! The checks of a configuration that reads: a sound journey, kinds and stakeholders (valid
//! slugs, each declared once), then single values (addresses, the host name, the currency, the
//! names `expects` and `stakeholders` give), which the rest of the site can be checked without.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use crate::address::SendTo;
use crate::diagnostics::{Diagnostic, Problems, Source, suggestion};
use crate::slug::is_slug;

use super::Config;

impl Config {
    /// Adds the problems that leave the site without a sound journey, kinds or stakeholders
    /// (no steps, a slug that is not one or is declared twice) to `problems`; true when there
    /// is none.
    pub(super) fn check_structure(&self, source: &Source, problems: &mut Problems) -> bool {
        let errors_before = problems.error_count();
        if self.steps.is_empty() {
            problems.push(
                Diagnostic::error(source, 0..0, "the journey has no steps")
                    .with_help("declare the buying steps in order with [[steps]] tables"),
            );
        }
        duplicates("step", self.steps.iter().map(|s| &s.slug), source, problems);
        duplicates("kind", self.kinds.iter().map(|k| &k.slug), source, problems);
        let stakeholders = self.stakeholders.iter().map(|s| &s.slug);
        duplicates("stakeholder", stakeholders, source, problems);
        problems.error_count() == errors_before
    }

    /// Adds the error for a `cname` that is not a host name.
    fn check_cname(&self, source: &Source, problems: &mut Problems) {
        let Some(cname) = self.cname.as_ref() else {
            return;
        };
        let name = cname.get_ref();
        if !crate::host::is_host_name(name) {
            problems.push(
                Diagnostic::error(source, cname.span(), format!("`{name}` is not a host name"))
                    .with_help("give the domain alone, such as `cname = \"buyers.example.com\"`: no `https://`, no path, no port"),
            );
        }
    }

    /// Adds the errors for addresses of the configuration that would run code: the calls to
    /// the links of steps' descriptions, the calls to action, the steps' trial closes and the
    /// logo.
    fn check_addresses(&self, source: &Source, problems: &mut Problems) {
        let theme = self.theme.get_ref();
        let actions = [
            ("call_to_action.url", &self.call_to_action),
            ("theme.call_to_action.url", &theme.call_to_action),
        ];
        let closes = (self.steps.iter())
            .filter_map(|step| Some(("steps.close.url", &step.close.as_ref()?.url)));
        let addresses = actions
            .into_iter()
            .filter_map(|(field, action)| Some((field, &action.as_ref()?.url)))
            .chain(closes)
            .chain(theme.logo.as_ref().map(|logo| ("theme.logo", logo)));
        for step in &self.steps {
            let description = step.description.get_ref();
            for address in crate::markdown::addresses(description) {
                problems.extend(refused_address(
                    source,
                    step.description.span(),
                    "steps.description",
                    &address,
                ));
            }
        }
        for (field, address) in addresses {
            problems.extend(refused_address(
                source,
                address.span(),
                field,
                address.get_ref(),
            ));
        }
    }

    /// Adds the error for a `[calculators]` `send_to` that is not an `https://` or `mailto:`
    /// address.
    fn check_send_to(&self, source: &Source, problems: &mut Problems) {
        let Some(send_to) = &self.calculators.send_to else {
            return;
        };
        if let Err((problem, help)) = SendTo::parse(send_to.get_ref()) {
            let message = format!("`calculators.send_to` {problem}");
            problems.push(Diagnostic::error(source, send_to.span(), message).with_help(help));
        }
    }

    /// Adds the problems of single values, which the rest of the site can be checked without.
    pub(super) fn check_values(&self, source: &Source, problems: &mut Problems) {
        let base_url = self.base_url.get_ref();
        if !crate::address::is_absolute_address(base_url) {
            problems.push(
                Diagnostic::error(source, self.base_url.span(), format!("`{base_url}` is not an absolute address"))
                    .with_help("give the address the site is published at, such as `base_url = \"https://buyers.example.com/\"`; the sitemap and canonical links need it"),
            );
        }
        self.check_cname(source, problems);
        let counts = [
            (&self.paginate_by, "a page of a listing", "paginate_by = 24"),
            (&self.feed_limit, "the feed", "feed_limit = 50"),
        ];
        for (count, shown_on, default) in counts {
            if *count.get_ref() == 0 {
                problems.push(
                    Diagnostic::error(
                        source,
                        count.span(),
                        format!("{shown_on} cannot show 0 assets"),
                    )
                    .with_help(format!(
                        "give a whole number of 1 or more, such as `{default}`, the default"
                    )),
                );
            }
        }
        self.check_addresses(source, problems);
        self.check_send_to(source, problems);
        self.analytics.check(source, problems);
        let currency = self.currency.get_ref();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push(
                Diagnostic::error(
                    source,
                    self.currency.span(),
                    format!("`{currency}` is not an ISO 4217 currency code"),
                )
                .with_help(
                    "write three capital letters, such as `currency = \"USD\"` or `\"EUR\"`",
                ),
            );
        }
        let expects = self.steps.iter().flat_map(|step| &step.expects);
        unknown(
            "kind",
            "`expects`",
            expects,
            self.kind_slugs(),
            source,
            problems,
        );
        let stakeholders = self.coverage.stakeholders.iter().chain(
            self.steps
                .iter()
                .flat_map(|step| step.stakeholders.iter().flatten()),
        );
        let declared = self.stakeholders.iter().map(|s| s.slug.get_ref().as_str());
        unknown(
            "stakeholder",
            "`stakeholders`",
            stakeholders,
            declared,
            source,
            problems,
        );
    }
}

/// Reports each of `wanted` (found under `key`) that is not among the `declared` slugs.
fn unknown<'a>(
    what: &str,
    key: &str,
    wanted: impl Iterator<Item = &'a Spanned<String>>,
    declared: impl Iterator<Item = &'a str> + Clone,
    source: &Source,
    problems: &mut Problems,
) {
    for slug in wanted.filter(|slug| !declared.clone().any(|d| d == slug.get_ref())) {
        problems.push(
            Diagnostic::error(
                source,
                slug.span(),
                format!("unknown {what} `{}` in {key}", slug.get_ref()),
            )
            .with_help(suggestion(slug.get_ref(), what, declared.clone())),
        );
    }
}

/// Reports slugs that are empty, not URL-safe, or declared twice.
fn duplicates<'a>(
    what: &str,
    slugs: impl Iterator<Item = &'a Spanned<String>>,
    source: &Source,
    problems: &mut Problems,
) {
    let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
    for slug in slugs {
        if !is_slug(slug.get_ref()) {
            problems.push(
                Diagnostic::error(source, slug.span(), format!("`{}` is not a valid {what} slug", slug.get_ref()))
                    .with_help("a slug is lowercase letters, digits and hyphens between words, such as `evaluate-alternatives`"),
            );
        } else if let Some(first) = seen.insert(slug.get_ref(), slug.span()) {
            problems.push(
                Diagnostic::error(
                    source,
                    slug.span(),
                    format!("the {what} `{}` is declared twice", slug.get_ref()),
                )
                .with_related(source, first, "first declared here")
                .with_help(format!(
                    "give one of the two {what}s another slug, or remove one"
                )),
            );
        }
    }
}

/// The error for the address of `field` when it has a scheme no link may have, such as
/// `javascript:`; `span` is where the address is written in `source`.
fn refused_address(
    source: &Source,
    span: Range<usize>,
    field: &str,
    address: &str,
) -> Option<Diagnostic> {
    let scheme = crate::address::refused_scheme(address)?;
    Some(
        Diagnostic::error(
            source,
            span,
            format!("`{field}` is a `{scheme}:` address, which no link may have"),
        )
        .with_help(crate::address::REFUSED_HELP),
    )
}
