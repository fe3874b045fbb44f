//! `[analytics]`: whether and how the buyers' steps are measured. `provider = "none"` (the
//! default) puts no analytics code into the site; `"plausible"` and `"umami"` load the
//! provider's script from an `https://` address and report each step event through its
//! custom-event API; `"custom"` dispatches the events on the page for the site's own script.
//! Each bad value is reported with its place, all in one run.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Problems, Source, did_you_mean};

/// Who receives the step events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Nobody: no analytics code, no request to another origin.
    None,
    /// Plausible Analytics: `window.plausible(event, {props})`.
    Plausible,
    /// Umami: `umami.track(event, data)`.
    Umami,
    /// The site's own script, through `stepwise:step` events on `document`.
    Custom,
}

impl Provider {
    /// Every provider, by the name `provider` gives it.
    const ALL: [(&'static str, Provider); 4] = [
        ("none", Provider::None),
        ("plausible", Provider::Plausible),
        ("umami", Provider::Umami),
        ("custom", Provider::Custom),
    ];

    /// The provider's name, as `provider` writes it.
    pub fn name(self) -> &'static str {
        (Self::ALL.iter())
            .find(|(_, provider)| *provider == self)
            .map_or("none", |(name, _)| name)
    }

    /// The address of the hosted service's script, for a provider that has one.
    fn hosted_script(self) -> Option<&'static str> {
        match self {
            Provider::Plausible => Some("https://plausible.io/js/script.js"),
            Provider::Umami => Some("https://cloud.umami.is/script.js"),
            Provider::None | Provider::Custom => None,
        }
    }

    /// What the provider calls the site's id, and an example of one.
    fn site_id_example(self) -> &'static str {
        match self {
            Provider::Umami => {
                "the website id Umami shows in its settings, such as `site_id = \"94db1cb1-74f4-4a40-ad6c-962362670409\"`"
            }
            _ => {
                "the domain the site is added under in Plausible, such as `site_id = \"guide.example.com\"`"
            }
        }
    }
}

/// Where the provider's script comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script<'a> {
    /// An `https://` address, whose origin pages may then load from and send to.
    Address(&'a str),
    /// A file of the site's `static/` folder, such as `js/listen.js`.
    File(&'a str),
}

/// `[analytics]` in `stepwise.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalyticsConfig {
    /// `none`, `plausible`, `umami` or `custom`.
    pub provider: Spanned<String>,
    /// The provider's script: an `https://` address (the hosted service's by default), or for
    /// `custom` also a file of the site's `static/` folder, such as `js/listen.js`.
    pub script: Option<Spanned<String>>,
    /// The site's id at the provider: Plausible's `data-domain`, Umami's `data-website-id`.
    pub site_id: Option<Spanned<String>>,
}

impl Default for AnalyticsConfig {
    fn default() -> Self {
        AnalyticsConfig {
            provider: Spanned::new(0..0, "none".to_string()),
            script: None,
            site_id: None,
        }
    }
}

impl AnalyticsConfig {
    /// The provider; [`Provider::None`] for a name that is none of them (reported by
    /// [`AnalyticsConfig::check`]).
    pub fn provider(&self) -> Provider {
        (Provider::ALL.iter())
            .find(|(name, _)| name == self.provider.get_ref())
            .map_or(Provider::None, |(_, provider)| *provider)
    }

    /// The provider's script: the one given, else the hosted service's; none when nothing is
    /// measured, or the one given is neither an `https://` address nor, for `custom`, a file of
    /// the site (reported by [`AnalyticsConfig::check`]).
    pub fn script(&self) -> Option<Script<'_>> {
        let provider = self.provider();
        let given = (self.script.as_ref())
            .map(|script| script.get_ref().as_str())
            .or(provider.hosted_script())?;
        let is_address = crate::address::has_scheme(given) || given.starts_with('/');
        if provider == Provider::None {
            None
        } else if crate::address::https_origin(given).is_some() {
            Some(Script::Address(given))
        } else {
            (provider == Provider::Custom && !is_address).then_some(Script::File(given))
        }
    }

    /// The other origins pages may load scripts from and send events to: the origin of the
    /// provider's script, when it is on another one.
    pub fn origins(&self) -> Vec<String> {
        match self.script() {
            Some(Script::Address(address)) => {
                crate::address::https_origin(address).into_iter().collect()
            }
            _ => Vec::new(),
        }
    }

    /// Adds each bad value of `[analytics]` to `problems`: an unknown provider, a missing site
    /// id, a script address that is not `https://`.
    pub(super) fn check(&self, source: &Source, problems: &mut Problems) {
        let name = self.provider.get_ref();
        let provider = self.provider();
        if provider == Provider::None && name != "none" {
            let names = Provider::ALL.iter().map(|(name, _)| *name);
            let known = "the providers are `none`, `plausible`, `umami` and `custom`";
            let help = match did_you_mean(name, names) {
                Some(close) => format!("did you mean `{close}`? {known}"),
                None => known.to_string(),
            };
            problems.push(
                Diagnostic::error(
                    source,
                    self.provider.span(),
                    format!("unknown analytics provider `{name}`"),
                )
                .with_help(help),
            );
        }
        let needs_id = matches!(provider, Provider::Plausible | Provider::Umami);
        if needs_id
            && self
                .site_id
                .as_ref()
                .is_none_or(|id| id.get_ref().trim().is_empty())
        {
            let span = (self.site_id.as_ref()).map_or(self.provider.span(), Spanned::span);
            problems.push(
                Diagnostic::error(
                    source,
                    span,
                    format!("the analytics provider `{name}` needs the site's id"),
                )
                .with_help(format!(
                    "add `site_id` to [analytics]: {}",
                    provider.site_id_example()
                )),
            );
        }
        if let Some(script) = self.script.as_ref() {
            self.check_script(script, provider, source, problems);
        }
    }

    /// Adds the error for a script that is neither an `https://` address nor, for `custom`, a
    /// file of the site.
    fn check_script(
        &self,
        script: &Spanned<String>,
        provider: Provider,
        source: &Source,
        problems: &mut Problems,
    ) {
        let address = script.get_ref();
        if provider == Provider::None || self.script().is_some() {
            return;
        }
        let help = match provider {
            Provider::Custom => {
                "give an `https://` address, such as `script = \"https://tags.example.com/listen.js\"`, or a file of the site's static/ folder, such as `script = \"js/listen.js\"`"
            }
            _ => {
                "give the `https://` address of the provider's script, such as `script = \"https://plausible.example.com/js/script.js\"`, or leave `script` out for the hosted service's"
            }
        };
        problems.push(
            Diagnostic::error(
                source,
                script.span(),
                format!("the analytics script `{address}` is not an `https://` address"),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_and_its_origin_of_each_provider() {
        let cases = [
            ("none", Some("https://plausible.io/s.js"), None, None),
            (
                "plausible",
                None,
                Some(Script::Address("https://plausible.io/js/script.js")),
                Some("https://plausible.io"),
            ),
            (
                "umami",
                None,
                Some(Script::Address("https://cloud.umami.is/script.js")),
                Some("https://cloud.umami.is"),
            ),
            (
                "umami",
                Some("https://u.example.com/u.js"),
                Some(Script::Address("https://u.example.com/u.js")),
                Some("https://u.example.com"),
            ),
            ("umami", Some("js/u.js"), None, None),
            ("plausible", Some("http://p.example.com/p.js"), None, None),
            ("custom", None, None, None),
            (
                "custom",
                Some("js/listen.js"),
                Some(Script::File("js/listen.js")),
                None,
            ),
            ("custom", Some("/js/listen.js"), None, None),
            ("custom", Some("//t.example.com/t.js"), None, None),
            ("matomo", Some("https://m.example.com/m.js"), None, None),
        ];
        for (provider, script, expected, origin) in cases {
            let config = AnalyticsConfig {
                provider: Spanned::new(0..0, provider.to_string()),
                script: script.map(|script| Spanned::new(0..0, script.to_string())),
                site_id: None,
            };
            assert_eq!(config.script(), expected, "{provider} {script:?}");
            let origins: Vec<String> = origin.map(str::to_string).into_iter().collect();
            assert_eq!(config.origins(), origins, "{provider} {script:?}");
        }
    }
}
