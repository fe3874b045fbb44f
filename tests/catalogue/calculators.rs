//! Calculators: every kind of bad formula, values out of range, overflow, and formulas too long
//! or too deep to compute.

use crate::{Case, builds, check, fails_at, put};

/// A calculator at `content/calc.md`: the input `a` with `default` and `limits` (lines 6–9),
/// and the output `r` computing `formula` (on line 14).
fn calculator(site: &std::path::Path, default: &str, limits: &str, formula: &str) {
    put(
        site,
        "content/calc.md",
        format!(
            "+++\ntitle = \"Calc\"\nkind = \"calculator\"\nsteps = [\"facts\"]\n\n[[calculator.inputs]]\nid = \"a\"\nlabel = \"A\"\ndefault = {default}\n{limits}\n[[calculator.outputs]]\nid = \"r\"\nlabel = \"Result\"\nformula = \"{formula}\"\n+++\nBody.\n"
        ),
    );
}

/// A calculator whose only change from a good one is its formula.
fn formula(site: &std::path::Path, formula: &str) {
    calculator(site, "2", "", formula);
}

pub const CASES: &[Case] = &[
    Case {
        name: "an amount whose unit names another currency",
        setup: |site| calculator(site, "900", "format = \"currency\"\nunit = \"€\"", "a * 2"),
        expect: fails_at("content/calc.md", 11),
    },
    Case {
        name: "a formula that ends after an operator",
        setup: |site| formula(site, "a +"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "a parenthesis never closed",
        setup: |site| formula(site, "(a * 2"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "two operators in a row",
        setup: |site| formula(site, "a ** 2"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "an unknown function",
        setup: |site| formula(site, "sqrt(a)"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "an unknown name",
        setup: |site| formula(site, "b * 2"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "an output that uses itself",
        setup: |site| formula(site, "r + 1"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "a number in exponent notation",
        setup: |site| formula(site, "a * 1e6"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "a spreadsheet's `=` and `;`",
        setup: |site| formula(site, "=SUM(a; 2)"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "an empty formula",
        setup: |site| formula(site, ""),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "a division by zero with the defaults",
        setup: |site| formula(site, "a / (a - 2)"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "an overflow to infinity",
        setup: |site| formula(site, "a ^ 4000"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "the square root of a negative number",
        setup: |site| formula(site, "(0 - a) ^ 0.5"),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "a formula 10,000 operators long",
        setup: |site| formula(site, &vec!["a"; 10_001].join(" + ")),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "parentheses nested 10,000 deep",
        setup: |site| {
            formula(
                site,
                &format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000)),
            )
        },
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "10,000 minus signs",
        setup: |site| formula(site, &format!("{}a", "-".repeat(10_000))),
        expect: fails_at("content/calc.md", 14),
    },
    Case {
        name: "a default above its maximum",
        setup: |site| calculator(site, "50", "min = 0\nmax = 10", "a"),
        expect: fails_at("content/calc.md", 9),
    },
    Case {
        name: "a minimum above the maximum",
        setup: |site| calculator(site, "5", "min = 10\nmax = 0", "a"),
        expect: fails_at("content/calc.md", 10),
    },
    Case {
        name: "a default that is text",
        setup: |site| calculator(site, "\"lots\"", "", "a"),
        expect: fails_at("content/calc.md", 9),
    },
    Case {
        name: "a default that is infinite",
        setup: |site| calculator(site, "inf", "", "a"),
        expect: fails_at("content/calc.md", 9),
    },
    Case {
        name: "a default beyond 64 bits is the large number it is",
        setup: |site| {
            calculator(
                site,
                "99999999999999999999999",
                "",
                "a / 1000000000000000000000",
            )
        },
        expect: builds("calculators/calc/index.html", "100"),
    },
    Case {
        name: "a calculator without its table",
        setup: |site| {
            put(
                site,
                "content/calc.md",
                "+++\ntitle = \"Calc\"\nkind = \"calculator\"\nsteps = [\"facts\"]\n+++\n",
            )
        },
        expect: fails_at("content/calc.md", 1),
    },
];

#[test]
fn calculators() {
    check(CASES);
}
