//! The forms a value of `stepwise.toml` may be written in, read into one: a list of names or
//! one name alone, a theme by its name or as a `[theme]` table, and the defaults of keys left
//! out.

use serde::Deserialize;
use toml::Spanned;

use super::ThemeConfig;

/// An empty text for an optional field that is not written.
pub(super) fn no_text() -> Spanned<String> {
    Spanned::new(0..0, String::new())
}

/// A list of names as written: a list, or one text alone as a list of one.
enum Names {
    /// One name, `expects = "guide"`.
    One(String),
    /// A list, `expects = ["guide", "checklist"]`.
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NamesVisitor)
    }
}

/// Reads [`Names`] from a text or a list, keeping the place of each name of a list.
struct NamesVisitor;

impl<'de> serde::de::Visitor<'de> for NamesVisitor {
    type Value = Names;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a list of slugs, such as [\"finance\"]")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Names, E> {
        Ok(Names::One(name.to_string()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut list: A) -> Result<Names, A::Error> {
        let mut names = Vec::with_capacity(list.size_hint().unwrap_or(0));
        while let Some(name) = list.next_element()? {
            names.push(name);
        }
        Ok(Names::Many(names))
    }
}

/// Reads a list of names, or one text alone as a list of one.
pub(super) fn names<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Spanned<String>>, D::Error> {
    let written = Spanned::<Names>::deserialize(deserializer)?;
    let span = written.span();
    Ok(match written.into_inner() {
        Names::One(name) => vec![Spanned::new(span, name)],
        Names::Many(names) => names,
    })
}

/// Reads a list of names that may be left out, or one text alone as a list of one.
pub(super) fn some_names<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Spanned<String>>>, D::Error> {
    names(deserializer).map(Some)
}

/// The language of a site that does not name one.
pub(super) fn default_language() -> String {
    "en".to_string()
}

/// How many assets a page of a listing shows when the site does not say: two dozen cards, a
/// minute's scrolling on a phone, and with the journey and the footer the page stays well
/// within 50 KB gzipped.
pub(super) fn default_paginate_by() -> Spanned<usize> {
    Spanned::new(0..0, 24)
}

/// How many assets the feed lists when the site does not say: the fifty most recently
/// reviewed, what a feed reader shows of a site's news (a feed of every asset of a large site
/// runs to megabytes, fetched again on every poll).
pub(super) fn default_feed_limit() -> Spanned<usize> {
    Spanned::new(0..0, 50)
}

/// The currency of a site that does not name one.
pub(super) fn default_currency() -> Spanned<String> {
    Spanned::new(0..0, "USD".to_string())
}

/// The built-in theme with no brand on it.
pub(super) fn default_theme() -> Spanned<ThemeConfig> {
    Spanned::new(0..0, ThemeConfig::default())
}

/// Reads `theme = "name"` as a `[theme]` table with that `name` alone.
pub(super) fn theme_setting<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Spanned<ThemeConfig>, D::Error> {
    let setting = Spanned::<ThemeSetting>::deserialize(deserializer)?;
    let span = setting.span();
    let config = match setting.into_inner() {
        ThemeSetting::Name(name) => ThemeConfig {
            name: Some(Spanned::new(span.clone(), name)),
            ..ThemeConfig::default()
        },
        ThemeSetting::Table(config) => *config,
    };
    Ok(Spanned::new(span, config))
}

/// A theme given by its name alone, `theme = "default"`, or as a `[theme]` table.
enum ThemeSetting {
    Name(String),
    Table(Box<ThemeConfig>),
}

impl<'de> Deserialize<'de> for ThemeSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ThemeVisitor)
    }
}

/// Reads a name, or a table with the errors of [`ThemeConfig`]'s own keys.
struct ThemeVisitor;

impl<'de> serde::de::Visitor<'de> for ThemeVisitor {
    type Value = ThemeSetting;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a theme's name, such as \"default\", or a [theme] table")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<ThemeSetting, E> {
        Ok(ThemeSetting::Name(name.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ThemeSetting, A::Error> {
        let table = serde::de::value::MapAccessDeserializer::new(map);
        ThemeConfig::deserialize(table).map(|config| ThemeSetting::Table(Box::new(config)))
    }
}
