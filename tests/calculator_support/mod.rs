//! Reads a calculator from TOML front matter with the places of its values, as the site loader
//! will, so that tests can check diagnostics against real files.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use stepwise::calculator::{Calculator, Format, Input, Output, Scenario};
use stepwise::content::Located;
use stepwise::diagnostics::Source;
use toml::Spanned;

#[derive(Deserialize)]
struct Front {
    calculator: Raw,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    inputs: Vec<RawInput>,
    #[serde(default)]
    outputs: Vec<RawOutput>,
    currency: Option<Spanned<String>>,
    headline: Option<Spanned<String>>,
    #[serde(default)]
    scenarios: Vec<RawScenario>,
}

#[derive(Deserialize)]
struct RawInput {
    id: Spanned<String>,
    label: String,
    default: Spanned<f64>,
    min: Option<Spanned<f64>>,
    max: Option<Spanned<f64>>,
    step: Option<Spanned<f64>>,
    unit: Option<String>,
    #[serde(default)]
    format: String,
    help: Option<String>,
    source: Option<String>,
}

#[derive(Deserialize)]
struct RawOutput {
    id: Spanned<String>,
    label: String,
    formula: Spanned<String>,
    #[serde(default)]
    format: String,
    decimals: Option<u32>,
    help: Option<String>,
}

#[derive(Deserialize)]
struct RawScenario {
    name: Spanned<String>,
    values: BTreeMap<Spanned<String>, Spanned<f64>>,
}

/// A value with its place, moved by `offset` bytes (where the front matter starts in the file).
fn located<T>(spanned: Spanned<T>, offset: usize) -> Located<T> {
    let span: Range<usize> = spanned.span();
    Located {
        span: span.start + offset..span.end + offset,
        value: spanned.into_inner(),
    }
}

fn format(name: &str) -> Format {
    match name {
        "currency" => Format::Currency,
        "percent" => Format::Percent,
        _ => Format::Number,
    }
}

/// The calculator of an asset file (`+++` TOML front matter), and the file as a [`Source`].
pub fn from_asset(name: &str, text: &str) -> (Source, Calculator) {
    let body = text
        .strip_prefix("+++\n")
        .unwrap_or_else(|| panic!("{name}: no front matter"));
    let end = body
        .find("\n+++")
        .unwrap_or_else(|| panic!("{name}: front matter not closed"));
    let front: Front = toml::from_str(&body[..end]).unwrap_or_else(|e| panic!("{name}: {e}"));
    (Source::new(name, text), calculator(front.calculator, 4))
}

/// The calculator of a TOML text that holds only the `[calculator]` tables.
pub fn from_toml(name: &str, text: &str) -> (Source, Calculator) {
    from_asset(name, &format!("+++\n{text}\n+++\n"))
}

fn calculator(raw: Raw, offset: usize) -> Calculator {
    let at = |s| located(s, offset);
    let at_f = |s: Option<Spanned<f64>>| s.map(|s| located(s, offset));
    Calculator {
        inputs: raw
            .inputs
            .into_iter()
            .map(|i| Input {
                id: at(i.id),
                label: i.label,
                default: located(i.default, offset),
                min: at_f(i.min),
                max: at_f(i.max),
                step: at_f(i.step),
                unit: i.unit,
                format: format(&i.format),
                help: i.help,
                source: i.source,
            })
            .collect(),
        outputs: raw
            .outputs
            .into_iter()
            .map(|o| Output {
                id: at(o.id),
                label: o.label,
                formula: at(o.formula),
                format: format(&o.format),
                decimals: o.decimals,
                help: o.help,
            })
            .collect(),
        currency: raw.currency.map(at),
        headline: raw.headline.map(at),
        scenarios: raw
            .scenarios
            .into_iter()
            .map(|s| Scenario {
                name: at(s.name),
                values: s
                    .values
                    .into_iter()
                    .map(|(k, v)| (at(k), located(v, offset)))
                    .collect(),
            })
            .collect(),
    }
}
