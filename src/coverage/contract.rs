//! The coverage report's contract: the types its JSON (`stepwise-coverage/1`), its page and the
//! terminal's text are made from. A field added here is a field of the JSON format.

use serde::Serialize;

use super::Date;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Always [`SCHEMA`](super::SCHEMA).
    pub schema: &'static str,
    /// The date the report was measured for.
    pub today: Date,
    /// The address of the site; every `url` of the report is a link relative to its host.
    pub base_url: String,
    /// An asset reviewed longer ago than this many days is stale.
    pub stale_after_days: u32,
    /// Expectations met, in whole percent of those declared (rounded down).
    pub percent: u32,
    /// How many expectations were declared and how many are met.
    pub expectations: Tally,
    /// How many steps have each verdict.
    pub verdicts: Verdicts,
    /// The kinds, in configured order: the columns of every step's `kinds`.
    pub kinds: Vec<Heading>,
    /// The stakeholders, in configured order: the columns of every step's `stakeholders`.
    pub stakeholders: Vec<Heading>,
    /// Every step, in journey order.
    pub steps: Vec<StepCoverage>,
    /// Every published asset, in site order; cells refer to them by index.
    pub assets: Vec<AssetRef>,
    /// Published assets never reviewed or reviewed too long ago, oldest first.
    pub stale: Vec<Stale>,
    /// The unpublished drafts, with the gaps each would fill.
    pub drafts: Vec<Draft>,
    /// The missing expectations, most urgent first.
    pub todo: Vec<Todo>,
}

/// A count of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tally {
    /// How many there are.
    pub declared: usize,
    /// How many are met.
    pub met: usize,
}

/// How many steps have each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Verdicts {
    /// Steps with at least two assets and every expectation met.
    pub covered: usize,
    /// Steps with one asset only, or an expectation unmet.
    pub thin: usize,
    /// Steps with no published asset.
    pub gap: usize,
}

/// A kind or a stakeholder, as the report names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// The identifier.
    pub slug: String,
    /// The name.
    pub title: String,
    /// The link to its listing.
    pub url: String,
}

/// What the report says of one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCoverage {
    /// The identifier.
    pub slug: String,
    /// Its place in the journey, from 1.
    pub number: usize,
    /// Its name.
    pub title: String,
    /// The link to its page.
    pub url: String,
    /// Whether buyers rarely state it out loud.
    pub hidden: bool,
    /// How many published assets serve it.
    pub assets: usize,
    /// Covered, thin or gap.
    pub verdict: Verdict,
    /// True when its page offers the buyer nothing to take to the next step.
    pub dead_end: bool,
    /// One cell per kind, in the order of [`Coverage::kinds`].
    pub kinds: Vec<Cell>,
    /// One cell per stakeholder, in the order of [`Coverage::stakeholders`].
    pub stakeholders: Vec<Cell>,
    /// The expectations of this step that are not met.
    pub missing: Vec<Need>,
    /// The plan of its measurement: the step events its pages can report when the site has
    /// `[analytics]`, each with the assets whose pages offer it.
    pub events: Vec<StepEvent>,
}

/// A step event a site with `[analytics]` should expect to see (see `docs/analytics.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepEvent {
    /// What the buyer does.
    pub event: StepEventName,
    /// The step's slug.
    pub from: String,
    /// The slug of the step the buyer moves to: the next one, or the same for a trial close.
    pub to: String,
    /// Where the link leads: the next step's page, or the trial close's address.
    pub url: String,
    /// The published assets whose pages offer it besides the step's own page, as indexes into
    /// [`Coverage::assets`].
    pub assets: Vec<usize>,
}

/// The step events that move a buyer on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepEventName {
    /// The link to the next step.
    NextStep,
    /// The link of the step's trial close (on the last step, the site's call to action).
    TrialClose,
}

/// The verdict on a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// At least two assets, and every expectation met.
    Covered,
    /// One asset only, or an expectation unmet.
    Thin,
    /// No published asset.
    Gap,
}

/// The assets of one step for one kind or stakeholder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// How many assets.
    pub count: usize,
    /// Whether the step expects this kind or stakeholder.
    pub expected: bool,
    /// The assets, as indexes into [`Coverage::assets`].
    pub assets: Vec<usize>,
}

/// A published asset, as cells refer to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetRef {
    /// Its title.
    pub title: String,
    /// The link to its page.
    pub url: String,
    /// Its source file, relative to the site.
    pub source: String,
}

/// Something a step should have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Need {
    /// What is needed.
    pub r#type: NeedType,
    /// The kind's or the stakeholder's slug; none for [`NeedType::Any`].
    pub slug: Option<String>,
    /// What to call it: the kind's or the stakeholder's name, or "any asset".
    pub title: String,
}

/// What a step needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NeedType {
    /// An asset of an expected kind.
    Kind,
    /// An asset for an expected stakeholder.
    Stakeholder,
    /// Any asset at all: the need of a step that expects nothing in particular.
    Any,
}

/// A published asset that is due for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stale {
    /// Its title.
    pub title: String,
    /// The link to its page.
    pub url: String,
    /// Its source file, relative to the site.
    pub source: String,
    /// When it was last reviewed, if it says.
    pub reviewed: Option<Date>,
    /// Days since then.
    pub age_days: Option<i64>,
}

/// An unpublished draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// Its title.
    pub title: String,
    /// Its source file, relative to the site.
    pub source: String,
    /// Its kind's slug.
    pub kind: String,
    /// The slugs of the steps it serves.
    pub steps: Vec<String>,
    /// The unmet expectations it would meet if published.
    pub fills: Vec<Gap>,
}

/// An unmet expectation of one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The step's slug.
    pub step: String,
    /// The step's number.
    pub number: usize,
    /// What the step lacks.
    pub need: Need,
}

/// One item of the to-do list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Todo {
    /// Its place in the list, from 1.
    pub rank: usize,
    /// The step and what it lacks.
    pub gap: Gap,
    /// The step's name.
    pub step_title: String,
    /// The expected stakeholders that have nothing at this step, by name: whom to write for.
    pub for_stakeholders: Vec<String>,
    /// The source file of a draft that would fill the gap if published.
    pub draft: Option<String>,
}
