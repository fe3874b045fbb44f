//! Writes a synthetic stepwise site of N assets, and the same content as a Hugo site, for the
//! benchmark in `bench/run.sh`.
//!
//! ```text
//! cargo run --release --example generate -- [--markdown-only] N OUT_DIR [SEED]
//! ```
//!
//! writes `OUT_DIR/stepwise/` (`stepwise.toml` + `content/`) and `OUT_DIR/hugo/` (`hugo.toml`,
//! `content/`, `layouts/`). Both trees hold the same pages with the same bodies; the output is
//! deterministic for a given N and seed (each asset draws from its own splitmix64 stream, so the
//! result does not depend on how many threads write it). Only `std` is used.
//!
//! With `--markdown-only` (or `MIX=markdown` in the environment) every asset is a guide: the same
//! titles, steps, stakeholders and bodies, but no kind tables, so no spreadsheets or scored
//! comparisons: the site the Markdown-only benchmark measures.
#![allow(
    clippy::indexing_slicing,
    reason = "indexes its own tables of made-up content by counters it keeps in range, never a site's input"
)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The seed of `generate N OUT_DIR` without one.
pub const DEFAULT_SEED: u64 = 0x5EED_57E9_2026;

// ---------------------------------------------------------------------------------------------
// PRNG: splitmix64.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// `k` distinct indices of `0..n`, in ascending order.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out.sort_unstable();
        out
    }
}

// ---------------------------------------------------------------------------------------------
// The site: journey, kinds, stakeholders, folders.

struct Step {
    slug: &'static str,
    title: &'static str,
    question: &'static str,
    description: &'static str,
    exit: &'static str,
    hidden: bool,
    expects: &'static [&'static str],
}

const STEPS: &[Step] = &[
    Step {
        slug: "key-facts",
        title: "Identify the key facts",
        question: "What is really going on?",
        description: "The team gathers shared numbers before anyone compares vendors.",
        exit: "We agree on the facts.",
        hidden: false,
        expects: &["guide", "calculator", "case-study"],
    },
    Step {
        slug: "map-stakeholders",
        title: "Identify and analyse the major stakeholders",
        question: "Who is affected, and what does each group need?",
        description: "Every group that feels the change has something to gain and something to fear.",
        exit: "We know every group affected and what it wants.",
        hidden: false,
        expects: &["guide", "checklist"],
    },
    Step {
        slug: "driving-factors",
        title: "Identify the underlying driving factors",
        question: "Why are we looking at this now?",
        description: "The stated reason is rarely the whole reason.",
        exit: "We can say in one sentence why this matters now.",
        hidden: true,
        expects: &["case-study", "guide", "testimonial"],
    },
    Step {
        slug: "operating-values",
        title: "Prioritise operating values and principles",
        question: "What matters most to us?",
        description: "Teams that rank their principles first decide faster and more steadily.",
        exit: "We have ranked our principles and written them down.",
        hidden: true,
        expects: &["guide", "checklist"],
    },
    Step {
        slug: "decision-team",
        title: "Decide who is involved in the decision",
        question: "Who needs to be in the room, and who signs?",
        description: "Name the people who recommend, who can veto and who sign.",
        exit: "We have a named decision team and a date for the decision.",
        hidden: false,
        expects: &["guide", "checklist", "action-plan"],
    },
    Step {
        slug: "evaluate-alternatives",
        title: "Determine and evaluate all viable alternatives",
        question: "What are our real options, including doing nothing?",
        description: "Compare the realistic options side by side.",
        exit: "We have a preferred option and can explain why.",
        hidden: false,
        expects: &["comparison", "calculator", "case-study", "testimonial"],
    },
    Step {
        slug: "worst-case",
        title: "Test the preferred alternative against a worst-case scenario",
        question: "What happens if we choose this and it goes wrong?",
        description: "Imagine the rollout fails and work out what it would cost.",
        exit: "We have looked at the worst case and can live with it.",
        hidden: false,
        expects: &["risk-note", "case-study"],
    },
    Step {
        slug: "preventive-measures",
        title: "Add a preventive component",
        question: "What can we put in place now so that the worst case cannot hurt us?",
        description: "Contract terms, a pilot and exit clauses turn a worst case into a managed one.",
        exit: "Each serious risk has a named safeguard and an owner.",
        hidden: false,
        expects: &["checklist", "guide", "risk-note"],
    },
    Step {
        slug: "action-plan",
        title: "Build a short- and long-term action plan",
        question: "What do we do in the first 30 days, and in the first year?",
        description: "A plan with owners and dates turns the decision into results.",
        exit: "We have a dated plan with an owner for every step.",
        hidden: false,
        expects: &["action-plan", "guide"],
    },
    Step {
        slug: "decision-checklist",
        title: "Use a decision-making checklist",
        question: "Have we covered everything before we sign?",
        description: "One last pass over the facts, the people, the risks and the plan.",
        exit: "Every item on the checklist is ticked.",
        hidden: false,
        expects: &["checklist"],
    },
];

/// (slug, title, plural, weight in the mix out of 100)
const KINDS: &[(&str, &str, &str, usize)] = &[
    ("case-study", "Case study", "Case studies", 18),
    ("comparison", "Comparison sheet", "Comparison sheets", 10),
    (
        "calculator",
        "Savings calculator",
        "Savings calculators",
        10,
    ),
    ("checklist", "Checklist", "Checklists", 12),
    // `GUIDE` is its index.
    ("guide", "Guide", "Guides", 24),
    ("testimonial", "Testimonial", "Testimonials", 10),
    ("risk-note", "Worst-case note", "Worst-case notes", 9),
    (
        "action-plan",
        "Action-plan template",
        "Action-plan templates",
        7,
    ),
];

const STAKEHOLDERS: &[(&str, &str)] = &[
    ("finance", "Finance"),
    ("operations", "Operations"),
    ("it-security", "IT and security"),
    ("executive", "Executive sponsor"),
    ("procurement", "Procurement"),
];

const FOLDERS: &[&str] = &[
    "business-case",
    "customers",
    "comparisons",
    "security",
    "integration",
    "rollout",
    "risk",
    "planning",
    "team",
    "checklists",
];

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const TOPICS: &[&str] = &[
    "invoice approval",
    "supplier onboarding",
    "payment runs",
    "month-end close",
    "three-way matching",
    "early-payment discounts",
    "duplicate payments",
    "audit trails",
    "ERP integration",
    "single sign-on",
    "data retention",
    "exception handling",
    "approval routing",
    "vendor master data",
    "cash forecasting",
    "fraud prevention",
    "purchase orders",
    "expense policy",
    "budget ownership",
    "pilot planning",
];

const TITLE_PATTERNS: &[&str] = &[
    "A practical guide to {t}",
    "How one team rethought {t}",
    "{T} in ten questions",
    "What {t} really costs",
    "Getting {t} right the first time",
    "{T}: options compared",
    "The hidden risks of {t}",
    "{T} without the spreadsheets",
    "Before you change {t}",
    "Five lessons on {t}",
    "{T} for the decision team",
    "Why {t} stalls, and how to fix it",
];

const SUBJECTS: &[&str] = &[
    "The finance team",
    "Accounts payable",
    "The controller",
    "Every approver",
    "The project lead",
    "IT security",
    "Procurement",
    "The executive sponsor",
    "A mid-sized manufacturer",
    "One customer",
    "The pilot group",
    "The lead auditor",
];

const VERBS: &[&str] = &[
    "reviews",
    "measures",
    "questions",
    "documents",
    "simplifies",
    "tracks",
    "compares",
    "automates",
    "approves",
    "challenges",
    "reconciles",
    "prioritises",
];

const OBJECTS: &[&str] = &[
    "every invoice that arrives without a purchase order",
    "the cost of handling one invoice",
    "the time an approval takes",
    "the rate of payment errors",
    "the list of suppliers paid each month",
    "the terms of the contract",
    "the exceptions that block the close",
    "the data that leaves the company",
    "the steps of the current process",
    "the savings promised in the business case",
    "the risks of a rushed rollout",
    "the owners of each budget",
];

const QUALIFIERS: &[&str] = &[
    "before the next quarter ends",
    "with numbers everyone trusts",
    "without adding headcount",
    "in a single shared view",
    "so that nothing slips through",
    "long before the contract is signed",
    "at a fraction of the old cost",
    "while the auditors watch",
    "as the volume keeps growing",
    "with a clear owner for each task",
];

const HEADINGS: &[&str] = &[
    "Why it matters",
    "What we found",
    "The numbers",
    "How it works in practice",
    "Where teams go wrong",
    "What to ask your vendor",
    "The short version",
    "Lessons learned",
    "Who is involved",
    "What changes on day one",
];

const LIST_ITEMS: &[&str] = &[
    "Agree on one number for the monthly invoice volume",
    "Name an owner for every open exception",
    "Write down which approvals may be skipped",
    "Check how the ERP connection handles failures",
    "Ask for a data export in a documented format",
    "Run the pilot with real suppliers, not test data",
    "Keep the old process running for one full close",
    "Measure the cycle time before and after",
    "Review the contract's exit clause with procurement",
    "Tell the suppliers what changes and when",
    "Set a date for the first review",
    "Decide who signs and who must only be informed",
];

const LINK_TARGETS: &[(&str, &str)] = &[
    ("the full methodology", "https://example.com/methodology"),
    ("the industry survey", "https://example.com/survey-2025"),
    (
        "the security whitepaper",
        "https://example.com/security.pdf",
    ),
    ("the pricing page", "https://example.com/pricing"),
    (
        "the implementation handbook",
        "https://example.com/handbook",
    ),
    (
        "the auditors' checklist",
        "https://example.com/audit-checklist",
    ),
];

const METRICS: &[&str] = &[
    "Cost per invoice",
    "Approval cycle (days)",
    "Payment errors per 1,000",
    "Discounts captured",
    "Hours spent at month end",
    "Suppliers onboarded per week",
    "Invoices without a PO",
    "Late-payment fees",
];

const OPTIONS: &[&str] = &[
    "Do nothing",
    "OCR add-on",
    "Shared service",
    "Automation platform",
];

const VERDICTS: &[&str] = &[
    "Yes",
    "No",
    "Partly",
    "With effort",
    "Built in",
    "Extra cost",
];

// ---------------------------------------------------------------------------------------------
// Calculators: coherent sets of inputs and outputs; defaults are jittered per asset.

struct Input {
    id: &'static str,
    label: &'static str,
    default: u64,
    min: Option<u64>,
    format: Option<&'static str>,
}

struct Output {
    id: &'static str,
    label: &'static str,
    formula: &'static str,
    format: Option<&'static str>,
}

struct CalculatorTemplate {
    inputs: &'static [Input],
    outputs: &'static [Output],
}

const CALCULATORS: &[CalculatorTemplate] = &[
    CalculatorTemplate {
        inputs: &[
            Input {
                id: "invoices",
                label: "Invoices received each month",
                default: 2400,
                min: Some(1),
                format: None,
            },
            Input {
                id: "minutes",
                label: "Minutes spent on one invoice",
                default: 9,
                min: Some(0),
                format: None,
            },
            Input {
                id: "hourly_cost",
                label: "Loaded cost of one hour of work",
                default: 45,
                min: Some(0),
                format: Some("currency"),
            },
        ],
        outputs: &[
            Output {
                id: "hours",
                label: "Hours spent each month",
                formula: "invoices * minutes / 60",
                format: None,
            },
            Output {
                id: "monthly_cost",
                label: "Handling cost each month",
                formula: "hours * hourly_cost",
                format: Some("currency"),
            },
            Output {
                id: "yearly_cost",
                label: "Handling cost each year",
                formula: "monthly_cost * 12",
                format: Some("currency"),
            },
        ],
    },
    CalculatorTemplate {
        inputs: &[
            Input {
                id: "attendees",
                label: "People who would travel to each meeting",
                default: 8,
                min: Some(1),
                format: None,
            },
            Input {
                id: "trip_cost",
                label: "Average cost of one trip",
                default: 900,
                min: None,
                format: Some("currency"),
            },
        ],
        outputs: &[Output {
            id: "saved_per_meeting",
            label: "Travel cost avoided per meeting",
            formula: "attendees * trip_cost",
            format: Some("currency"),
        }],
    },
    CalculatorTemplate {
        inputs: &[
            Input {
                id: "spend",
                label: "Supplier spend each month",
                default: 800000,
                min: Some(0),
                format: Some("currency"),
            },
            Input {
                id: "eligible_share",
                label: "Share of spend with a discount offer (percent)",
                default: 30,
                min: Some(0),
                format: None,
            },
            Input {
                id: "discount",
                label: "Early-payment discount (percent)",
                default: 2,
                min: Some(0),
                format: None,
            },
            Input {
                id: "captured_now",
                label: "Share of offers captured today (percent)",
                default: 25,
                min: Some(0),
                format: None,
            },
        ],
        outputs: &[
            Output {
                id: "available",
                label: "Discounts available each month",
                formula: "spend * eligible_share / 100 * discount / 100",
                format: Some("currency"),
            },
            Output {
                id: "missed",
                label: "Discounts missed each month",
                formula: "available * (100 - captured_now) / 100",
                format: Some("currency"),
            },
            Output {
                id: "missed_yearly",
                label: "Discounts missed each year",
                formula: "missed * 12",
                format: Some("currency"),
            },
        ],
    },
    CalculatorTemplate {
        inputs: &[
            Input {
                id: "payments",
                label: "Payments made each year",
                default: 30000,
                min: Some(1),
                format: None,
            },
            Input {
                id: "error_rate",
                label: "Payments that go wrong (per 1,000)",
                default: 4,
                min: Some(0),
                format: None,
            },
            Input {
                id: "fix_cost",
                label: "Cost of fixing one wrong payment",
                default: 120,
                min: Some(0),
                format: Some("currency"),
            },
        ],
        outputs: &[
            Output {
                id: "errors",
                label: "Wrong payments each year",
                formula: "payments * error_rate / 1000",
                format: None,
            },
            Output {
                id: "error_cost",
                label: "Cost of wrong payments each year",
                formula: "errors * fix_cost",
                format: Some("currency"),
            },
        ],
    },
];

// ---------------------------------------------------------------------------------------------
// One asset.

struct Asset {
    folder: &'static str,
    slug: String,
    title: String,
    kind: usize,
    steps: Vec<usize>,
    stakeholders: Vec<usize>,
    reviewed: (u32, u32, u32),
    /// The kind's table in TOML (a calculator's inputs, a case study's results …), if its kind
    /// has a schema.
    table: Option<String>,
    body: String,
}

/// The index of the guide in `KINDS`: every asset of a Markdown-only site.
const GUIDE: usize = 4;

fn pick_kind(rng: &mut Rng) -> usize {
    let total: usize = KINDS.iter().map(|k| k.3).sum();
    let mut x = rng.below(total);
    for (i, k) in KINDS.iter().enumerate() {
        if x < k.3 {
            return i;
        }
        x -= k.3;
    }
    KINDS.len() - 1
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Appends sentences to `out` until about `words` words were written; returns the count.
fn paragraph(rng: &mut Rng, out: &mut String, words: usize, link: bool) -> usize {
    let mut n = 0;
    let mut linked = !link;
    while n < words {
        let s = rng.pick(SUBJECTS);
        let v = rng.pick(VERBS);
        let o = rng.pick(OBJECTS);
        let q = rng.pick(QUALIFIERS);
        if n > 0 {
            out.push(' ');
        }
        if !linked && n >= words / 2 {
            let (text, url) = rng.pick(LINK_TARGETS);
            let _ = write!(out, "{s} {v} {o}, as [{text}]({url}) shows {q}.");
            n += count_words(s) + 1 + count_words(o) + 3 + count_words(text) + 1 + count_words(q);
            linked = true;
        } else if rng.chance(25) {
            let _ = write!(out, "{s} {v} **{o}** {q}.");
            n += count_words(s) + 1 + count_words(o) + count_words(q);
        } else {
            let _ = write!(out, "{s} {v} {o} {q}.");
            n += count_words(s) + 1 + count_words(o) + count_words(q);
        }
    }
    out.push_str("\n\n");
    n
}

fn count_words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn bullet_list(rng: &mut Rng, out: &mut String, items: usize, numbered: bool) -> usize {
    let mut n = 0;
    for (i, idx) in rng
        .distinct(LIST_ITEMS.len(), items)
        .into_iter()
        .enumerate()
    {
        let item = LIST_ITEMS[idx];
        if numbered {
            let _ = writeln!(out, "{}. {item}.", i + 1);
        } else {
            let _ = writeln!(out, "- {item}.");
        }
        n += count_words(item);
    }
    out.push('\n');
    n
}

fn metric_table(rng: &mut Rng, out: &mut String) -> usize {
    out.push_str("| Metric | Before | After |\n| --- | ---: | ---: |\n");
    let rows = rng.range(3, 5);
    let mut n = 3;
    for idx in rng.distinct(METRICS.len(), rows) {
        let before = rng.range(10, 999);
        let after = before * rng.range(30, 90) / 100;
        let _ = writeln!(out, "| {} | {before} | {after} |", METRICS[idx]);
        n += count_words(METRICS[idx]) + 2;
    }
    out.push('\n');
    n
}

fn calculator_toml(rng: &mut Rng) -> String {
    let t = rng.pick(CALCULATORS);
    let mut s = String::new();
    for i in t.inputs {
        // Jitter the default by -30 % .. +30 %, keeping it at least 1.
        let d = (i.default * rng.range(70, 130) as u64 / 100).max(1);
        let _ = write!(
            s,
            "\n[[calculator.inputs]]\nid = \"{}\"\nlabel = \"{}\"\ndefault = {d}\n",
            i.id, i.label
        );
        if let Some(m) = i.min {
            let _ = writeln!(s, "min = {m}");
        }
        if let Some(f) = i.format {
            let _ = writeln!(s, "format = \"{f}\"");
        }
    }
    for o in t.outputs {
        let _ = write!(
            s,
            "\n[[calculator.outputs]]\nid = \"{}\"\nlabel = \"{}\"\nformula = \"{}\"\n",
            o.id, o.label, o.formula
        );
        if let Some(f) = o.format {
            let _ = writeln!(s, "format = \"{f}\"");
        }
    }
    s
}

/// The structured table of an asset of `kind`, for the kinds with a schema.
fn kind_table(rng: &mut Rng, kind: &str) -> Option<String> {
    Some(match kind {
        "calculator" => calculator_toml(rng),
        "case-study" => case_study_toml(rng),
        "comparison" => comparison_toml(rng),
        "checklist" => checklist_toml(rng),
        "testimonial" => testimonial_toml(rng),
        "action-plan" => action_plan_toml(rng),
        _ => return None,
    })
}

const CUSTOMERS: &[&str] = &[
    "Harbourline Logistics",
    "Brightwater Foods",
    "Pellworth Manufacturing",
    "Kestrel Hotels",
    "Castellan Dental Group",
    "Northgate Builders",
];

const PEOPLE: &[(&str, &str)] = &[
    ("Amaka Osei", "Controller"),
    ("Daniel Reyes", "Chief Financial Officer"),
    ("Mei Lin Tan", "AP Team Lead"),
    ("Sunil Varma", "IT Director"),
];

/// One sentence, as a quote or a task.
fn sentence(rng: &mut Rng) -> String {
    let (s, v, o) = (rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS));
    capitalise(&format!("{s} {v} {o}."))
}

fn case_study_toml(rng: &mut Rng) -> String {
    let customer = rng.pick(CUSTOMERS);
    let mut s = format!("\n[case-study]\ncustomer = \"{customer}\"\nindustry = \"Distribution\"\n");
    let results = rng.range(2, 3);
    for idx in rng.distinct(METRICS.len(), results) {
        let before = rng.range(10, 999);
        let after = before * rng.range(30, 90) / 100;
        let _ = write!(
            s,
            "\n[[case-study.results]]\nmetric = \"{}\"\nbefore = {before}\nafter = {after}\n",
            METRICS[idx]
        );
    }
    let (author, role) = rng.pick(PEOPLE);
    let text = sentence(rng);
    let _ = write!(
        s,
        "\n[case-study.quote]\ntext = \"{text}\"\nauthor = \"{author}\"\nrole = \"{role}\"\n"
    );
    s
}

fn comparison_toml(rng: &mut Rng) -> String {
    let mut s = String::from("\n[comparison]\noptions = [");
    let options: Vec<String> = OPTIONS.iter().map(|o| format!("\"{o}\"")).collect();
    s.push_str(&options.join(", "));
    s.push_str("]\n");
    if rng.chance(20) {
        s.push_str("unbiased = true\n");
    } else {
        let _ = writeln!(s, "ours = \"{}\"", OPTIONS[OPTIONS.len() - 1]);
    }
    let rows = rng.range(5, 7);
    for idx in rng.distinct(METRICS.len(), rows) {
        let _ = write!(
            s,
            "\n[[comparison.criteria]]\nname = \"{}\"\nweight = {}\nvalues = [",
            METRICS[idx],
            rng.range(1, 5)
        );
        let scored = rng.chance(70);
        let values: Vec<String> = (0..OPTIONS.len())
            .map(|_| match scored {
                true => rng.range(0, 5).to_string(),
                false => format!("\"{}\"", rng.pick(VERDICTS)),
            })
            .collect();
        s.push_str(&values.join(", "));
        s.push_str("]\n");
    }
    s
}

fn checklist_toml(rng: &mut Rng) -> String {
    let mut s = String::new();
    let items = rng.range(5, 10);
    for (i, idx) in rng
        .distinct(LIST_ITEMS.len(), items)
        .into_iter()
        .enumerate()
    {
        let group = HEADINGS[i / 3 % HEADINGS.len()];
        let owner = rng.pick(STAKEHOLDERS).0;
        let _ = write!(
            s,
            "\n[[checklist.items]]\ngroup = \"{group}\"\ntext = \"{}\"\nowner = \"{owner}\"\n",
            LIST_ITEMS[idx]
        );
    }
    s
}

fn testimonial_toml(rng: &mut Rng) -> String {
    let (author, role) = rng.pick(PEOPLE);
    let (quote, company) = (sentence(rng), rng.pick(CUSTOMERS));
    format!(
        "\n[testimonial]\nquote = \"{quote}\"\nauthor = \"{author}\"\nrole = \"{role}\"\ncompany = \"{company}\"\n"
    )
}

fn action_plan_toml(rng: &mut Rng) -> String {
    let mut s = String::new();
    for week in 1..=rng.range(3, 5) {
        for _ in 0..rng.range(2, 3) {
            let (task, owner) = (sentence(rng), rng.pick(STAKEHOLDERS).0);
            let _ = write!(
                s,
                "\n[[action-plan.tasks]]\nwhen = \"Week {week}\"\ntask = \"{task}\"\nowner = \"{owner}\"\ndone_when = \"{}\"\n",
                rng.pick(LIST_ITEMS)
            );
        }
    }
    s
}

/// Which kinds the generated assets are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// Every kind, in the shares of `KINDS`: the default.
    Every,
    /// Guides only, with the bodies every kind would have had and no kind tables.
    MarkdownOnly,
}

fn make_asset(seed: u64, index: usize, mix: Mix) -> Asset {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    // Warm up so that neighbouring indices diverge at once.
    rng.next_u64();

    let folder = *rng.pick(FOLDERS);
    let kind = pick_kind(&mut rng);
    let kind_slug = KINDS[kind].0;
    let topic = *rng.pick(TOPICS);
    let pattern = *rng.pick(TITLE_PATTERNS);
    let title = pattern
        .replace("{t}", topic)
        .replace("{T}", &capitalise(topic));
    let slug = format!("{}-{index:06}", slugify(&title));

    // 1–2 steps; a step that expects this kind is preferred, as a planner would.
    let n_steps = if rng.chance(60) { 1 } else { 2 };
    let mut steps = Vec::with_capacity(2);
    let fitting: Vec<usize> = (0..STEPS.len())
        .filter(|&i| STEPS[i].expects.contains(&kind_slug))
        .collect();
    if !fitting.is_empty() && rng.chance(70) {
        steps.push(*rng.pick(&fitting));
    }
    while steps.len() < n_steps {
        let s = rng.below(STEPS.len());
        if !steps.contains(&s) {
            steps.push(s);
        }
    }
    steps.sort_unstable();

    let n_stake = match rng.below(10) {
        0..=1 => 0,
        2..=6 => 1,
        _ => 2,
    };
    let stakeholders = rng.distinct(STAKEHOLDERS.len(), n_stake);

    // Mostly recent, some stale: 2024-01 .. 2026-06.
    let year = 2024 + rng.range(0, 2) as u32;
    let month = if year == 2026 {
        rng.range(1, 6)
    } else {
        rng.range(1, 12)
    } as u32;
    let day = rng.range(1, 28) as u32;

    // Drawn in both mixes, so that a Markdown-only asset has the same body as its twin.
    let table = kind_table(&mut rng, kind_slug).filter(|_| mix == Mix::Every);

    // The body: ~400 words with headings, lists, a table and links.
    let mut body = String::with_capacity(3200);
    let mut words = 0;
    words += paragraph(&mut rng, &mut body, 60, false);
    let h = rng.distinct(HEADINGS.len(), 3);
    let _ = writeln!(body, "## {}\n", HEADINGS[h[0]]);
    words += paragraph(&mut rng, &mut body, 70, true);
    let items = rng.range(3, 6);
    words += bullet_list(&mut rng, &mut body, items, kind_slug == "checklist");
    let _ = writeln!(body, "## {}\n", HEADINGS[h[1]]);
    // A comparison sheet's comparison is in its `[comparison]` table, not in its body.
    words += metric_table(&mut rng, &mut body);
    words += paragraph(&mut rng, &mut body, 60, false);
    let _ = writeln!(body, "### {}\n", HEADINGS[h[2]]);
    words += bullet_list(&mut rng, &mut body, 3, true);
    if words < 400 {
        paragraph(&mut rng, &mut body, 400 - words, true);
    }
    while body.ends_with('\n') {
        body.pop();
    }
    body.push('\n');

    Asset {
        folder,
        slug,
        title,
        kind: match mix {
            Mix::Every => kind,
            Mix::MarkdownOnly => GUIDE,
        },
        steps,
        stakeholders,
        reviewed: (year, month, day),
        table,
        body,
    }
}

fn toml_list(out: &mut String, key: &str, slugs: impl Iterator<Item = &'static str>) {
    let _ = write!(out, "{key} = [");
    for (i, s) in slugs.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "\"{s}\"");
    }
    out.push_str("]\n");
}

fn stepwise_file(a: &Asset) -> String {
    let mut s = String::with_capacity(a.body.len() + 1024);
    let (y, m, d) = a.reviewed;
    let _ = write!(
        s,
        "+++\ntitle = \"{}\"\nkind = \"{}\"\n",
        a.title, KINDS[a.kind].0
    );
    toml_list(&mut s, "steps", a.steps.iter().map(|&i| STEPS[i].slug));
    toml_list(
        &mut s,
        "stakeholders",
        a.stakeholders.iter().map(|&i| STAKEHOLDERS[i].0),
    );
    let _ = writeln!(s, "reviewed = {y:04}-{m:02}-{d:02}");
    if let Some(table) = &a.table {
        s.push_str(table);
    }
    s.push_str("+++\n");
    s.push_str(&a.body);
    s
}

fn hugo_file(a: &Asset) -> String {
    let mut s = String::with_capacity(a.body.len() + 1024);
    let (y, m, d) = a.reviewed;
    let _ = write!(
        s,
        "+++\ntitle = \"{}\"\ndate = {y:04}-{m:02}-{d:02}\n",
        a.title
    );
    toml_list(&mut s, "steps", a.steps.iter().map(|&i| STEPS[i].slug));
    toml_list(&mut s, "kinds", std::iter::once(KINDS[a.kind].0));
    toml_list(
        &mut s,
        "stakeholders",
        a.stakeholders.iter().map(|&i| STAKEHOLDERS[i].0),
    );
    if let Some(table) = &a.table {
        s.push_str(table);
    }
    s.push_str("+++\n");
    s.push_str(&a.body);
    s
}

// ---------------------------------------------------------------------------------------------
// Site-level files.

fn stepwise_toml() -> String {
    let mut s = String::from(
        "title = \"Bench site\"\nbase_url = \"https://bench.example/\"\nlanguage = \"en\"\ntheme = \"default\"\n",
    );
    for st in STEPS {
        let _ = write!(
            s,
            "\n[[steps]]\nslug = \"{}\"\ntitle = \"{}\"\nquestion = \"{}\"\ndescription = \"{}\"\nexit = \"{}\"\n",
            st.slug, st.title, st.question, st.description, st.exit
        );
        if st.hidden {
            s.push_str("hidden = true\n");
        }
        toml_list(&mut s, "expects", st.expects.iter().copied());
    }
    for (slug, title, plural, _) in KINDS {
        let _ = write!(
            s,
            "\n[[kinds]]\nslug = \"{slug}\"\ntitle = \"{title}\"\nplural = \"{plural}\"\n"
        );
    }
    for (slug, title) in STAKEHOLDERS {
        let _ = write!(
            s,
            "\n[[stakeholders]]\nslug = \"{slug}\"\ntitle = \"{title}\"\n"
        );
    }
    s
}

fn hugo_toml() -> String {
    let mut s = String::from(
        "baseURL = \"https://bench.example/\"\ntitle = \"Bench site\"\n\
         disableKinds = [\"rss\"]\n\n[taxonomies]\nstep = \"steps\"\nkind = \"kinds\"\nstakeholder = \"stakeholders\"\n",
    );
    // The journey, in order, for the home page (Hugo's taxonomy listing is alphabetical).
    for st in STEPS {
        let _ = write!(
            s,
            "\n[[params.journey]]\nslug = \"{}\"\ntitle = \"{}\"\nquestion = \"{}\"\n",
            st.slug, st.title, st.question
        );
    }
    s
}

/// Minimal templates, equivalent in scope to what stepwise renders: a page per asset, a list per
/// section, a page per taxonomy and per term, and a home page listing the journey's steps.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>{{ range .GetTerms "kinds" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
· reviewed {{ .Date.Format "2006-01-02" }}</p>
<p>Steps: {{ range .GetTerms "steps" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>For: {{ range .GetTerms "stakeholders" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ with .Params.calculator }}
<table>
<thead><tr><th>Input</th><th>Default</th></tr></thead>
<tbody>{{ range .inputs }}<tr><td>{{ .label }}</td><td>{{ .default }}</td></tr>{{ end }}</tbody>
</table>
<ul>{{ range .outputs }}<li>{{ .label }}: <code>{{ .formula }}</code></li>{{ end }}</ul>
{{ end }}
{{ .Content }}
</article>
{{ end }}
"#,
    ),
    (
        // One list template for sections, taxonomies and terms (the file names for taxonomy and
        // term templates changed meaning between Hugo versions; a branch on .Kind works in all).
        "_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ if eq .Kind "taxonomy" }}{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}{{ else }}{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ .Date.Format "2006-01-02" }}</li>
{{ end }}{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ol>
{{ range site.Params.journey }}{{ $terms := index site.Taxonomies.steps .slug }}
<li><a href="{{ printf "/steps/%s/" .slug | relURL }}">{{ .title }}</a>: {{ .question }} ({{ len $terms }} resources)</li>
{{ end }}
</ol>
{{ end }}
"#,
    ),
];

// ---------------------------------------------------------------------------------------------

fn ensure_empty(dir: &Path) -> io::Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists and is not empty; remove it first", dir.display()),
        ));
    }
    Ok(())
}

fn write_assets(
    seed: u64,
    mix: Mix,
    range: std::ops::Range<usize>,
    sw: &Path,
    hg: &Path,
) -> io::Result<()> {
    for i in range {
        let a = make_asset(seed, i, mix);
        let name = format!("{}.md", a.slug);
        fs::write(sw.join(a.folder).join(&name), stepwise_file(&a))?;
        fs::write(hg.join(a.folder).join(&name), hugo_file(&a))?;
    }
    Ok(())
}

/// Writes `out/stepwise/` and `out/hugo/` with `n` assets each, of every kind; the kill test in
/// `tests/faults/` writes its site with it too.
pub fn run(n: usize, out: &Path, seed: u64) -> io::Result<()> {
    run_mix(n, out, seed, Mix::Every)
}

/// Writes `out/stepwise/` and `out/hugo/` with `n` assets each, of the kinds `mix` says.
pub fn run_mix(n: usize, out: &Path, seed: u64, mix: Mix) -> io::Result<()> {
    let sw = out.join("stepwise");
    let hg = out.join("hugo");
    ensure_empty(&sw)?;
    ensure_empty(&hg)?;
    let sw_content = sw.join("content");
    let hg_content = hg.join("content");
    for f in FOLDERS {
        fs::create_dir_all(sw_content.join(f))?;
        fs::create_dir_all(hg_content.join(f))?;
    }
    fs::write(sw.join("stepwise.toml"), stepwise_toml())?;
    fs::write(hg.join("hugo.toml"), hugo_toml())?;
    for (path, text) in HUGO_LAYOUTS {
        let p: PathBuf = hg.join("layouts").join(path);
        if let Some(folder) = p.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::write(p, text)?;
    }

    // Term pages with the same titles stepwise shows (Hugo would otherwise title them by slug).
    let term_pages = STEPS
        .iter()
        .map(|st| ("steps", st.slug, st.title))
        .chain(KINDS.iter().map(|k| ("kinds", k.0, k.2)))
        .chain(STAKEHOLDERS.iter().map(|s| ("stakeholders", s.0, s.1)));
    for (taxonomy, slug, title) in term_pages {
        let dir = hg_content.join(taxonomy).join(slug);
        fs::create_dir_all(&dir)?;
        fs::write(
            dir.join("_index.md"),
            format!("+++\ntitle = \"{title}\"\n+++\n"),
        )?;
    }

    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 16);
    let chunk = n.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let (sw_content, hg_content) = (&sw_content, &hg_content);
                scope.spawn(move || {
                    let range = start..(start + chunk).min(n);
                    write_assets(seed, mix, range, sw_content, hg_content)
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err(io::Error::other("a writer thread panicked")))
        })
    })
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: generate [--markdown-only] N OUT_DIR [SEED]\n  writes OUT_DIR/stepwise/ and OUT_DIR/hugo/ with N assets each\n  --markdown-only (or MIX=markdown): guides only, no kind tables";
    let flagged = args.len();
    args.retain(|arg| arg != "--markdown-only");
    let mix = match std::env::var("MIX").as_deref() {
        _ if args.len() < flagged => Mix::MarkdownOnly,
        Ok("markdown") => Mix::MarkdownOnly,
        Ok("" | "every") | Err(_) => Mix::Every,
        Ok(other) => {
            eprintln!("MIX must be `markdown` or `every`, got {other:?}\n{usage}");
            return ExitCode::from(2);
        }
    };
    if args.len() < 2 || args.len() > 3 {
        eprintln!("{usage}");
        return ExitCode::from(2);
    }
    let n: usize = match args[0].replace(['_', ','], "").parse() {
        Ok(n) => n,
        Err(_) => {
            eprintln!("N must be a whole number, got {:?}\n{usage}", args[0]);
            return ExitCode::from(2);
        }
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => DEFAULT_SEED,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("SEED must be a whole number, got {:?}\n{usage}", args[2]);
            return ExitCode::from(2);
        }
    };
    let out = PathBuf::from(&args[1]);
    let started = std::time::Instant::now();
    match run_mix(n, &out, seed, mix) {
        Ok(()) => {
            let what = match mix {
                Mix::Every => "assets of every kind",
                Mix::MarkdownOnly => "Markdown-only guides",
            };
            eprintln!(
                "generated {n} {what} in {} (stepwise/ and hugo/) in {:.2} s",
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}
