//! The journey diagram of the report's page: the steps as a path of circles, each coloured by
//! its verdict and marked with its symbol and asset count, so colour is never the only sign.

use std::fmt::Write;

use super::verdict_word;
use crate::coverage::{Coverage, Verdict};
use crate::escape::markup;

/// Space between two steps' centres.
const STEP: usize = 76;
/// Space left and right of the path.
const MARGIN: usize = 44;

/// The inline SVG of the journey, described for screen readers as a whole.
pub fn svg(coverage: &Coverage) -> String {
    let count = coverage.steps.len();
    let width = 2 * MARGIN + STEP * count.saturating_sub(1);
    let label = markup(&description(coverage));
    let mut svg = format!(
        r#"<svg class="coverage-diagram" viewBox="0 0 {width} 112" width="{width}" height="112" role="img" aria-label="{label}">"#
    );
    let last = MARGIN + STEP * count.saturating_sub(1);
    let _ = write!(
        svg,
        r#"<path d="M{MARGIN} 36H{last}" class="diagram-path"/>"#
    );
    for (i, step) in coverage.steps.iter().enumerate() {
        let x = MARGIN + STEP * i;
        let verdict = verdict_word(step.verdict);
        let dashed = if step.hidden { " is-hidden" } else { "" };
        let title = markup(&format!("Step {}: {} — {verdict}", step.number, step.title));
        let _ = write!(
            svg,
            r#"<g class="diagram-step is-{verdict}{dashed}"><title>{title}</title><circle cx="{x}" cy="36" r="{r}"/><text x="{x}" y="41" class="diagram-number">{n}</text><text x="{x}" y="80">{symbol} {verdict}</text><text x="{x}" y="98" class="diagram-count">{assets} asset{s}</text></g>"#,
            r = radius(step.assets),
            n = step.number,
            symbol = symbol(step.verdict),
            assets = step.assets,
            s = if step.assets == 1 { "" } else { "s" },
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Larger circles for steps with more assets: 14 for none, up to 24 from ten.
fn radius(assets: usize) -> usize {
    14 + assets.min(10)
}

/// The mark of a verdict.
fn symbol(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Covered => "✓",
        Verdict::Thin => "~",
        Verdict::Gap => "✗",
    }
}

/// The diagram in words.
fn description(coverage: &Coverage) -> String {
    let steps: Vec<String> = (coverage.steps.iter())
        .map(|step| format!("{} {}", step.number, verdict_word(step.verdict)))
        .collect();
    format!("The journey, step by step: {}", steps.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_grow_with_assets_up_to_a_limit() {
        for (assets, r) in [(0, 14), (1, 15), (10, 24), (500, 24)] {
            assert_eq!(radius(assets), r);
        }
    }
}
