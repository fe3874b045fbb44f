//! `stepwise.toml`: the site's title and address, the journey of buying steps, the kinds of asset,
//! the stakeholders and what the coverage report expects. Unknown keys are errors, with a
//! suggestion for the likely typo.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Problems, Source, did_you_mean, suggestion};
use crate::slug::is_slug;

/// The name of the configuration file at the root of a site.
pub const CONFIG_FILE: &str = "stepwise.toml";

/// The whole configuration of a site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown on every page.
    pub title: String,
    /// One sentence about the site, for the overview page and search engines.
    #[serde(default)]
    pub description: String,
    /// The absolute address the site is published at; its path is the prefix of every link.
    pub base_url: Spanned<String>,
    /// The custom domain GitHub Pages serves the site at, written into `CNAME`.
    #[serde(default)]
    pub cname: Option<Spanned<String>>,
    /// The language of the content, as an HTML `lang` code.
    #[serde(default = "default_language")]
    pub language: String,
    /// The ISO 4217 code of amounts of money, such as in calculators.
    #[serde(default = "default_currency")]
    pub currency: Spanned<String>,
    /// The theme (`theme = "name"`), or a `[theme]` table with its name and the brand on it.
    #[serde(default = "default_theme", deserialize_with = "theme_setting")]
    pub theme: Spanned<ThemeConfig>,
    /// Where the last step sends the buyer.
    pub call_to_action: Option<CallToAction>,
    /// The journey: the buying steps, in order.
    pub steps: Vec<StepConfig>,
    /// The kinds of asset.
    #[serde(default)]
    pub kinds: Vec<KindConfig>,
    /// The people in the buying organisation that assets speak to.
    #[serde(default)]
    pub stakeholders: Vec<StakeholderConfig>,
    /// What the coverage report expects of every step, and where it is written.
    #[serde(default)]
    pub coverage: CoverageConfig,
}

/// `[coverage]`: the stakeholders every step should speak to, when an asset is stale, and
/// whether the report is published with the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoverageConfig {
    /// The stakeholders every step should have an asset for, unless the step names its own.
    #[serde(deserialize_with = "names")]
    pub stakeholders: Vec<Spanned<String>>,
    /// An asset reviewed longer ago than this many days is stale.
    pub stale_after_days: u32,
    /// Publishes the report at `/coverage/`; when false it is written beside the output folder.
    pub publish: bool,
}

impl Default for CoverageConfig {
    fn default() -> Self {
        CoverageConfig {
            stakeholders: Vec::new(),
            stale_after_days: 365,
            publish: true,
        }
    }
}

/// The action the last step points to, such as "talk to us".
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallToAction {
    /// The link text.
    pub title: String,
    /// A sentence or two that goes with it.
    #[serde(default)]
    pub text: String,
    /// Where it leads.
    pub url: Spanned<String>,
}

/// An empty text for an optional field that is not written.
fn no_text() -> Spanned<String> {
    Spanned::new(0..0, String::new())
}

/// One step of the journey.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepConfig {
    /// The step's identifier, used in URLs and in assets' `steps`.
    pub slug: Spanned<String>,
    /// The step's name.
    pub title: String,
    /// The question the buyer asks at this step.
    pub question: String,
    /// What happens at this step (Markdown).
    #[serde(default = "no_text")]
    pub description: Spanned<String>,
    /// The "yes" the buyer gives before moving on.
    #[serde(default)]
    pub exit: String,
    /// A step buyers rarely state out loud.
    #[serde(default)]
    pub hidden: bool,
    /// The kinds of asset this step should have.
    #[serde(default, deserialize_with = "names")]
    pub expects: Vec<Spanned<String>>,
    /// The stakeholders this step should have an asset for, replacing `[coverage]`'s list.
    #[serde(default, deserialize_with = "some_names")]
    pub stakeholders: Option<Vec<Spanned<String>>>,
}

impl StepConfig {
    /// The stakeholders this step should speak to: its own list, or the one of `[coverage]`.
    pub fn expected_stakeholders<'a>(
        &'a self,
        coverage: &'a CoverageConfig,
    ) -> &'a [Spanned<String>] {
        self.stakeholders
            .as_deref()
            .unwrap_or(&coverage.stakeholders)
    }
}

/// One kind of asset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindConfig {
    /// The kind's identifier, used in assets' `kind`.
    pub slug: Spanned<String>,
    /// Its name, in the singular.
    pub title: String,
    /// Its name, in the plural; also gives the URL folder of its assets.
    pub plural: Spanned<String>,
    /// The template its assets are rendered with: its schema's template when the theme has
    /// it, else `asset.html`, unless given.
    pub template: Option<Spanned<String>>,
    /// The built-in schema of its table, such as `calculator`; by default the schema named like
    /// its slug, if any.
    pub schema: Option<Spanned<String>>,
}

/// One stakeholder in the buying organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderConfig {
    /// The stakeholder's identifier, used in assets' `stakeholders`.
    pub slug: Spanned<String>,
    /// Their name.
    pub title: String,
    /// Who they are and what they care about.
    #[serde(default)]
    pub description: String,
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
fn names<'de, D: serde::Deserializer<'de>>(
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
fn some_names<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Spanned<String>>>, D::Error> {
    names(deserializer).map(Some)
}

fn default_language() -> String {
    "en".to_string()
}

fn default_currency() -> Spanned<String> {
    Spanned::new(0..0, "USD".to_string())
}

/// `[theme]`: which theme, and the brand put on it without copying it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// The theme under `themes/`; `default`, built in, when not given.
    pub name: Option<Spanned<String>>,
    /// The logo shown in the header: a file in `static/`.
    pub logo: Option<Spanned<String>>,
    /// The colour of links and buttons, as `#rrggbb` or `#rgb`.
    pub accent: Option<Spanned<String>>,
    /// The font stack of the text, as CSS writes it.
    pub font: Option<Spanned<String>>,
    /// A line of text at the foot of every page.
    pub footer: Option<String>,
    /// The link in the header, replacing the site's `[call_to_action]` there.
    pub call_to_action: Option<CallToAction>,
}

impl ThemeConfig {
    /// The theme's name: `default` unless given.
    pub fn name(&self) -> &str {
        self.name
            .as_ref()
            .map_or(crate::theme::DEFAULT_THEME_NAME, |name| name.get_ref())
    }
}

fn default_theme() -> Spanned<ThemeConfig> {
    Spanned::new(0..0, ThemeConfig::default())
}

/// Reads `theme = "name"` as a `[theme]` table with that `name` alone.
fn theme_setting<'de, D: serde::Deserializer<'de>>(
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

impl Config {
    /// Parses and checks the text of `stepwise.toml`; every problem is added to `problems`. The
    /// configuration is `None` when it cannot be read or its journey, kinds or stakeholders
    /// are not sound; a wrong value is reported and the configuration kept, so that the rest of
    /// the site is checked in the same run.
    pub fn parse(source: &Source, problems: &mut Problems) -> Option<Config> {
        let config = read_past_bad_keys(source, problems)?;
        let structure = config.structure_problems(source);
        let usable = structure.is_empty();
        problems.extend(structure);
        problems.extend(config.value_problems(source));
        usable.then_some(config)
    }

    /// The theme's name and where it is written.
    pub fn theme_name(&self) -> (&str, Range<usize>) {
        let theme = self.theme.get_ref();
        let span = theme.name.as_ref().map_or(self.theme.span(), Spanned::span);
        (theme.name(), span)
    }

    /// The slugs of the kinds, in order.
    pub fn kind_slugs(&self) -> impl Iterator<Item = &str> + Clone {
        self.kinds.iter().map(|kind| kind.slug.get_ref().as_str())
    }

    /// The error for a `cname` that is not a host name.
    fn cname_problem(&self, source: &Source) -> Option<Diagnostic> {
        let cname = self.cname.as_ref()?;
        let name = cname.get_ref();
        (!crate::host::is_host_name(name)).then(|| {
            Diagnostic::error(source, cname.span(), format!("`{name}` is not a host name"))
                .with_help("give the domain alone, such as `cname = \"buyers.example.com\"`: no `https://`, no path, no port")
        })
    }

    /// The problems that leave the site without a sound journey, kinds or stakeholders: no
    /// steps, a slug that is not one or is declared twice.
    fn structure_problems(&self, source: &Source) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.steps.is_empty() {
            problems.push(
                Diagnostic::error(source, 0..0, "the journey has no steps")
                    .with_help("declare the buying steps in order with [[steps]] tables"),
            );
        }
        duplicates(
            "step",
            self.steps.iter().map(|s| &s.slug),
            source,
            &mut problems,
        );
        duplicates(
            "kind",
            self.kinds.iter().map(|k| &k.slug),
            source,
            &mut problems,
        );
        let stakeholders = self.stakeholders.iter().map(|s| &s.slug);
        duplicates("stakeholder", stakeholders, source, &mut problems);
        problems
    }

    /// The problems of single values, which the rest of the site can be checked without.
    /// The errors for addresses of the configuration that would run code: the calls to action
    /// and the logo.
    fn refused_addresses(&self, source: &Source) -> Vec<Diagnostic> {
        let theme = self.theme.get_ref();
        let actions = [
            ("call_to_action.url", &self.call_to_action),
            ("theme.call_to_action.url", &theme.call_to_action),
        ];
        let addresses = actions
            .into_iter()
            .filter_map(|(field, action)| Some((field, &action.as_ref()?.url)))
            .chain(theme.logo.as_ref().map(|logo| ("theme.logo", logo)));
        addresses
            .filter_map(|(field, address)| {
                crate::links::refused_address(source, address.span(), field, address.get_ref())
            })
            .collect()
    }

    fn value_problems(&self, source: &Source) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let base_url = self.base_url.get_ref();
        if !crate::routes::is_absolute_address(base_url) {
            problems.push(
                Diagnostic::error(source, self.base_url.span(), format!("`{base_url}` is not an absolute address"))
                    .with_help("give the address the site is published at, such as `base_url = \"https://buyers.example.com/\"`; the sitemap and canonical links need it"),
            );
        }
        problems.extend(self.cname_problem(source));
        for step in &self.steps {
            let description = step.description.get_ref();
            for address in crate::markdown::addresses(description) {
                problems.extend(crate::links::refused_address(
                    source,
                    step.description.span(),
                    "steps.description",
                    &address,
                ));
            }
        }
        problems.extend(self.refused_addresses(source));
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
        for name in self.kinds.iter().filter_map(|kind| kind.schema.as_ref()) {
            if crate::kinds::Schema::from_name(name.get_ref()).is_none() {
                let schemas = crate::kinds::Schema::ALL.iter().map(|schema| schema.name());
                problems.push(
                    Diagnostic::error(
                        source,
                        name.span(),
                        format!("unknown schema `{}`", name.get_ref()),
                    )
                    .with_help(suggestion(name.get_ref(), "schema", schemas)),
                );
            }
        }
        let expects = self.steps.iter().flat_map(|step| &step.expects);
        unknown(
            "kind",
            "`expects`",
            expects,
            self.kind_slugs(),
            source,
            &mut problems,
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
            &mut problems,
        );
        problems
    }
}

/// Reports each of `wanted` (found under `key`) that is not among the `declared` slugs.
fn unknown<'a>(
    what: &str,
    key: &str,
    wanted: impl Iterator<Item = &'a Spanned<String>>,
    declared: impl Iterator<Item = &'a str> + Clone,
    source: &Source,
    problems: &mut Vec<Diagnostic>,
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
    problems: &mut Vec<Diagnostic>,
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

/// How many unknown keys and values of the wrong type one run reads past.
const MOST_BAD_KEYS: usize = 100;

/// Reads the configuration, reporting each unknown key and value of the wrong type, so that one
/// run reports them all: a key spelt like a known one is read as that key, anything else is
/// blanked out, and the rest is read again. `None`, after reporting it, when the text is not
/// TOML or a required key is missing; what follows from a key blanked is not reported.
fn read_past_bad_keys(source: &Source, problems: &mut Problems) -> Option<Config> {
    let mut reading = Reading {
        text: source.text.to_string(),
        moves: Vec::new(),
        blanked: Vec::new(),
    };
    for _ in 0..MOST_BAD_KEYS {
        let error = match toml::from_str::<Config>(&reading.text) {
            Ok(config) => return Some(config),
            Err(error) => error,
        };
        let missing = missing_field(error.message());
        if missing.is_some_and(|key| reading.blanked.iter().any(|b| b == key)) {
            return None;
        }
        let span = error.span().unwrap_or(0..0);
        let written = reading.original(span.start)..reading.original(span.end);
        let key = entry_at(&reading.text, span.start).map(|(key, _)| key);
        let problem = key.and_then(|key| wrong_type(source, &key, error.message(), &written));
        problems.push(problem.unwrap_or_else(|| parse_error(source, error.message(), written)));
        let meant = unknown_field(error.message())
            .and_then(|(field, expected)| did_you_mean(field, expected.iter().copied()));
        let read_on = missing.is_none()
            && (meant.is_some_and(|meant| reading.rename(span.clone(), meant))
                || reading.take_out(span.start));
        if !read_on {
            return None;
        }
    }
    None
}

/// The text of `stepwise.toml` as it is read past its bad keys.
struct Reading {
    /// The text, with its bad keys renamed or blanked.
    text: String,
    /// Where a key was renamed, in the text as written, and how many bytes longer it became.
    moves: Vec<(usize, isize)>,
    /// The keys blanked out.
    blanked: Vec<String>,
}

impl Reading {
    /// The offset in the text as written of `offset` in the text being read.
    fn original(&self, offset: usize) -> usize {
        let mut shift = 0;
        for &(at, growth) in &self.moves {
            if at.saturating_add_signed(shift) < offset {
                shift += growth;
            }
        }
        offset.saturating_add_signed(-shift)
    }

    /// Renames the key at `span` to `meant`, if the text stays TOML.
    fn rename(&mut self, span: Range<usize>, meant: &str) -> bool {
        let mut renamed = self.text.clone();
        renamed.replace_range(span.clone(), meant);
        if toml::de::DeTable::parse(&renamed).is_err() {
            return false;
        }
        let growth = meant.len() as isize - span.len() as isize;
        self.moves.push((self.original(span.start), growth));
        self.moves.sort_unstable();
        self.text = renamed;
        true
    }

    /// Blanks out the entry that holds the byte `at`, if the text stays TOML.
    fn take_out(&mut self, at: usize) -> bool {
        let Some((key, entry)) = entry_at(&self.text, at) else {
            return false;
        };
        blank(&mut self.text, entry);
        self.blanked.push(key);
        toml::de::DeTable::parse(&self.text).is_ok()
    }
}

/// The innermost `key = value` of the TOML `text` that holds the byte `at`: its key, and the
/// bytes from its key to the end of its value; for a table, from its `[header]` line to the
/// next header.
fn entry_at(text: &str, at: usize) -> Option<(String, Range<usize>)> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let (key, entry) = innermost(table.get_ref(), at)?;
    let line_start = text[..entry.start]
        .rfind('\n')
        .map_or(0, |newline| newline + 1);
    if !matches!(text[line_start..entry.start].trim(), "[" | "[[") {
        return Some((key, entry));
    }
    let body = text[line_start..]
        .find('\n')
        .map_or(text.len(), |end| line_start + end);
    let next_header = (text[body..].split_inclusive('\n'))
        .scan(body, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .find(|(_, line)| line.trim_start().starts_with('['))
        .map_or(text.len(), |(start, _)| start);
    Some((key, line_start..next_header))
}

/// The innermost entry of `table` that holds the byte `at`: the last one written before it, or
/// an entry inside that one, when it is a table or a list of tables.
fn innermost(table: &toml::de::DeTable<'_>, at: usize) -> Option<(String, Range<usize>)> {
    use toml::de::DeValue;
    let (key, value) = (table.iter())
        .filter(|(key, _)| key.span().start <= at)
        .max_by_key(|(key, _)| key.span().start)?;
    let inner = |item: &Spanned<DeValue<'_>>| match item.get_ref() {
        DeValue::Table(inner) => innermost(inner, at),
        _ => None,
    };
    let deeper = match value.get_ref() {
        DeValue::Array(items) => {
            (items.iter().filter_map(inner)).max_by_key(|(_, entry)| entry.start)
        }
        _ => inner(value),
    };
    let end = value.span().end.max(key.span().end);
    deeper.or_else(|| (at < end).then(|| (key.get_ref().to_string(), key.span().start..end)))
}

/// Writes spaces over the bytes of `range` in `text`, keeping its line breaks and offsets.
fn blank(text: &mut String, range: Range<usize>) {
    let blanked: String = (text[range.clone()].chars())
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            other => " ".repeat(other.len_utf8()),
        })
        .collect();
    text.replace_range(range, &blanked);
}

/// Turns a TOML parse error into a diagnostic, with "did you mean" for unknown keys.
pub(crate) fn parse_error(source: &Source, message: &str, span: Range<usize>) -> Diagnostic {
    match unknown_field(message) {
        Some((field, expected)) => {
            let diagnostic = Diagnostic::error(source, span, format!("unknown key `{field}`"));
            match did_you_mean(field, expected.iter().copied()) {
                Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
                None => diagnostic.with_help(format!(
                    "the keys allowed here are {}",
                    quote_all(&expected)
                )),
            }
        }
        None => match missing_field(message) {
            Some(field) => Diagnostic::error(source, span, format!("the key `{field}` is missing"))
                .with_help(format!("add a line `{field} = \"…\"`; `docs/configuration.md` explains every key")),
            None => Diagnostic::error(source, span, first_line(message)).with_help(
                "write one `key = value` per line: text in double quotes, lists in [ ], dates as 2026-03-31",
            ),
        },
    }
}

/// serde's "invalid type: string "yes", expected a boolean" (or "invalid value") for the value
/// of `key` at `span`, said as for front matter: "`publish` must be true or false, not text".
fn wrong_type(
    source: &Source,
    key: &str,
    message: &str,
    span: &Range<usize>,
) -> Option<Diagnostic> {
    let (value, type_error) = match message.strip_prefix("invalid type: ") {
        Some(rest) => (rest, true),
        None => (message.strip_prefix("invalid value: ")?, false),
    };
    let (found, expected) = value.split_once(", expected ")?;
    let found = match found.split([' ', '`']).next()? {
        _ if !type_error => found.split('`').nth(1).unwrap_or(found),
        "string" => "text",
        "integer" | "floating" => "a number",
        "boolean" => "true or false",
        "sequence" => "a list",
        "map" => "a table",
        other => other,
    };
    let expected = match expected {
        "a boolean" => "true or false",
        "a string" => "text in quotes",
        "u32" => "a whole number of 0 or more",
        "a sequence" => "a list",
        other => other,
    };
    let problem = Diagnostic::error(
        source,
        span.clone(),
        format!("`{key}` must be {expected}, not {found}"),
    );
    Some(problem.with_help(format!("change the value to {expected}")))
}

/// Reads serde's "missing field `x`" into the field.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" into the field and the expected names.
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).collect();
    Some((field, expected))
}

fn quote_all(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of a configuration every case adds to, which reads without a problem.
    const START: &str = "title = \"T\"\nbase_url = \"https://example.com/\"\n";

    /// A journey of one step, after which a case's own tables come.
    const STEP: &str = "[[steps]]\nslug = \"a\"\ntitle = \"A\"\nquestion = \"A?\"\n";

    /// The problems of reading `text`, each as its message and its place, and whether a
    /// configuration came out.
    fn read(text: &str) -> (Vec<(String, String)>, bool) {
        let source = Source::new(CONFIG_FILE, text);
        let mut problems = Problems::default();
        let config = Config::parse(&source, &mut problems);
        let found = (problems.into_vec().into_iter())
            .map(|problem| (problem.location().unwrap_or_default(), problem.message))
            .map(|(place, message)| (message, place))
            .collect();
        (found, config.is_some())
    }

    #[test]
    fn every_bad_key_of_the_configuration_is_reported_in_one_run() {
        let problem = |message: &str, place: &str| (message.to_string(), place.to_string());
        let cases = [
            (
                format!("{START}languge = \"en\"\nthem = \"x\"\n{STEP}hiden = true\n"),
                vec![
                    problem("unknown key `languge`", "stepwise.toml:3:1"),
                    problem("unknown key `them`", "stepwise.toml:4:1"),
                    problem("unknown key `hiden`", "stepwise.toml:9:1"),
                ],
                true,
            ),
            (
                format!(
                    "{START}[call_to_actoin]\ntitle = \"Talk\"\nurl = \"https://example.com/\"\n\n{STEP}"
                ),
                vec![problem("unknown key `call_to_actoin`", "stepwise.toml:3:2")],
                true,
            ),
            (
                format!("{START}[coverage]\npublish = \"yes\"\nstale_after_days = -3\n{STEP}"),
                vec![
                    problem(
                        "`publish` must be true or false, not text",
                        "stepwise.toml:4:11",
                    ),
                    problem(
                        "`stale_after_days` must be a whole number of 0 or more, not -3",
                        "stepwise.toml:5:20",
                    ),
                ],
                true,
            ),
            (
                format!("{START}{STEP}expects = \"guide\"\nstakeholders = \"finance\"\n"),
                vec![
                    problem("unknown kind `guide` in `expects`", "stepwise.toml:7:11"),
                    problem(
                        "unknown stakeholder `finance` in `stakeholders`",
                        "stepwise.toml:8:16",
                    ),
                ],
                true,
            ),
            (
                format!(
                    "{START}[[steps]]\nslug = \"a\"\ntitel = \"A\"\nquestion = \"A?\"\nexit = 3\n"
                ),
                vec![
                    problem("unknown key `titel`", "stepwise.toml:5:1"),
                    problem(
                        "`exit` must be text in quotes, not a number",
                        "stepwise.toml:7:8",
                    ),
                ],
                true,
            ),
            (
                format!("{START}{STEP}[[steps]]\nslug = \"b\"\ntitle = 3\nquestion = \"B?\"\n"),
                vec![problem(
                    "`title` must be text in quotes, not a number",
                    "stepwise.toml:9:9",
                )],
                false,
            ),
            (
                format!("{START}languge = \"en\"\n{STEP}title = \"again\"\n"),
                vec![problem("duplicate key", "stepwise.toml:8:1")],
                false,
            ),
        ];
        for (text, expected, read_through) in cases {
            assert_eq!(read(&text), (expected, read_through), "reading:\n{text}");
        }
    }
}
