//! "Send these numbers": the link by which a buyer hands the scenario of a calculator to the
//! address its `send_to` names. A form or a CRM's web-to-lead page (`https://`) receives every
//! input and output as a query parameter, and the calculator's own address as `asset`; a
//! `mailto:` address receives them as a subject and a body. The link is built here with the
//! figures of the defaults; the page's script rebuilds it the same way as the buyer types.
//! Nothing is sent without the buyer's click, and no server of ours is involved.

use serde::Serialize;

use crate::address::{SendTo, with_query};
use crate::calculator::CompiledOutput;
use crate::content::Located;
use crate::diagnostics::{Diagnostic, Source};
use crate::number::Style;

use super::CalculatorData;

/// The query parameter that carries the address of the calculator's page.
pub const ASSET_PARAMETER: &str = "asset";

/// Reads a calculator's `send_to`; a bad address is an error at its place in the file.
pub fn check(given: &Located<String>, source: &Source) -> Result<SendTo, Diagnostic> {
    SendTo::parse(&given.value).map_err(|(problem, help)| {
        Diagnostic::error(source, given.span.clone(), format!("`send_to` {problem}"))
            .with_help(help)
    })
}

/// The "send these numbers" link of a calculator, as templates see it.
#[derive(Debug, Serialize)]
pub struct SendLink {
    /// The address with the figures of the defaults: what the page links without JavaScript.
    pub href: String,
    /// The address as configured, which the page's script adds the buyer's figures to.
    pub to: String,
    /// True for a `mailto:` address: the figures go in a subject and a body.
    pub mail: bool,
    /// The subject of the mail.
    pub subject: String,
    /// The address of the calculator's page.
    pub asset: String,
}

/// One figure of a scenario: as the query carries it and as a mail shows it.
struct Figure<'a> {
    id: &'a str,
    label: &'a str,
    /// An input as its field holds it, an output as the page shows it.
    value: String,
    /// As the page writes it in its scenarios and results.
    shown: String,
}

impl CalculatorData {
    /// The link that sends the figures of the defaults to `send_to`, for the page of the asset
    /// titled `title` at the address `page`; `None` when the calculator sends nowhere.
    pub fn send_link(&self, title: &str, page: &str) -> Option<SendLink> {
        let send_to = self.send_to.as_ref()?;
        let figures = self.default_figures();
        let subject = format!("Our numbers: {title}");
        let href = match send_to {
            SendTo::Page(to) => {
                let pairs: Vec<(&str, &str)> = (figures.iter())
                    .map(|figure| (figure.id, figure.value.as_str()))
                    .chain([(ASSET_PARAMETER, page)])
                    .collect();
                with_query(to, &pairs)
            }
            SendTo::Mail(to) => {
                let lines: Vec<String> = (figures.iter())
                    .map(|figure| format!("{}: {}", figure.label, figure.shown))
                    .collect();
                let body = format!("{}\r\n\r\n{page}", lines.join("\r\n"));
                with_query(to, &[("subject", &subject), ("body", &body)])
            }
        };
        Some(SendLink {
            href,
            to: send_to.address().to_string(),
            mail: matches!(send_to, SendTo::Mail(_)),
            subject,
            asset: page.to_string(),
        })
    }

    /// Every input with its default, then every output that has a value for the defaults, in
    /// the order the page lists them.
    fn default_figures(&self) -> Vec<Figure<'_>> {
        let inputs = self.compiled.inputs.iter().map(|input| {
            let style = Style::of(input.format);
            Figure {
                id: &input.id,
                label: &input.label,
                value: input.default.to_string(),
                shown: self
                    .numbers
                    .show(style.to_formula_value(input.default), style),
            }
        });
        let mut outputs: Vec<(usize, &CompiledOutput)> =
            self.compiled.outputs.iter().enumerate().collect();
        outputs.sort_by_key(|(_, output)| output.declared);
        let outputs = outputs.into_iter().filter_map(|(at, output)| {
            let value = self.evaluation.defaults.outputs.get(at).copied()?;
            let shown = value.is_finite().then(|| self.show_output(value, output))?;
            Some(Figure {
                id: &output.id,
                label: &output.label,
                value: shown.clone(),
                shown,
            })
        });
        inputs.chain(outputs).collect()
    }
}
