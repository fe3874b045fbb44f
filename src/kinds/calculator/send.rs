//! "Send these numbers": the link by which a buyer hands the scenario of a calculator to the
//! address its `send_to` names. A form or a CRM's web-to-lead page (`https://`) receives every
//! input and output as a query parameter, and the calculator's own address as `asset`; a
//! `mailto:` address receives them as a subject and a body. The link is built here with the
//! figures of the defaults; the page's script rebuilds it the same way as the buyer types.
//! Nothing is sent without the buyer's click, and no server of ours is involved.

use serde::Serialize;

use crate::address::with_query;
use crate::calculator::CompiledOutput;
use crate::content::Located;
use crate::diagnostics::{Diagnostic, Source};
use crate::number::Style;

use super::CalculatorData;

/// Where a calculator sends its numbers, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendTo {
    /// An `https://` page that reads the numbers from its query.
    Page(String),
    /// A `mailto:` address, which gets a subject and a body.
    Mail(String),
}

/// The query parameter that carries the address of the calculator's page.
pub const ASSET_PARAMETER: &str = "asset";

/// How to write a good `send_to`.
const HELP: &str = "give the `https://` address of a form or a CRM's web-to-lead page, such as `send_to = \"https://crm.example/lead\"`, or a `mailto:` address, such as `send_to = \"mailto:sales@example.com\"`";

impl SendTo {
    /// Reads `send_to`; a bad address is an error at its place in the file.
    pub fn check(given: &Located<String>, source: &Source) -> Result<SendTo, Diagnostic> {
        SendTo::parse(&given.value).map_err(|(problem, help)| {
            Diagnostic::error(source, given.span.clone(), format!("`send_to` {problem}"))
                .with_help(help)
        })
    }

    /// The address as written, or what is wrong with it and how to mend it.
    fn parse(text: &str) -> Result<SendTo, (String, &'static str)> {
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            let help =
                "write the address without spaces or line breaks; encode a space in it as `%20`";
            return Err(("holds a space or a line break".to_string(), help));
        }
        let scheme = text
            .split_once(':')
            .map(|(scheme, _)| scheme.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("https") => page(text),
            Some("mailto") => mail(text),
            Some("http") => Err((
                format!(
                    "`{text}` is not encrypted: the buyer's numbers would travel readable by anyone"
                ),
                "use the form's `https://` address",
            )),
            _ => Err((
                format!("`{text}` is not an `https://` or `mailto:` address"),
                HELP,
            )),
        }
    }

    /// The configured address, without the figures.
    fn address(&self) -> &str {
        match self {
            SendTo::Page(address) | SendTo::Mail(address) => address,
        }
    }
}

/// An `https://` address with a host.
fn page(text: &str) -> Result<SendTo, (String, &'static str)> {
    match text.parse::<http::Uri>() {
        Ok(uri) if uri.host().is_some_and(|host| !host.is_empty()) => {
            Ok(SendTo::Page(text.to_string()))
        }
        _ => Err((
            format!("`{text}` cannot be read as an address with a host"),
            HELP,
        )),
    }
}

/// A `mailto:` address of one or more recipients, without a subject or body of its own.
fn mail(text: &str) -> Result<SendTo, (String, &'static str)> {
    let rest = text.get("mailto:".len()..).unwrap_or_default();
    let (recipients, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mailbox = |to: &str| {
        to.split_once('@')
            .is_some_and(|(name, host)| !name.is_empty() && !host.is_empty() && !host.contains('@'))
    };
    if recipients.is_empty() || !recipients.split(',').all(mailbox) {
        return Err((
            format!("`{text}` names no mailbox to write to"),
            "write `mailto:` and the address, such as `send_to = \"mailto:sales@example.com\"`",
        ));
    }
    let own = query.split('&').find_map(|pair| {
        let name = pair
            .split('=')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        matches!(name.as_str(), "subject" | "body").then_some(name)
    });
    match own {
        Some(name) => Err((
            format!("`{text}` sets a `{name}` of its own"),
            "remove `subject` and `body` from the address: stepwise writes them with the buyer's numbers",
        )),
        None => Ok(SendTo::Mail(text.to_string())),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_addresses_are_kept_as_written() {
        let cases = [
            (
                "https://crm.example/lead",
                SendTo::Page("https://crm.example/lead".into()),
            ),
            (
                "HTTPS://crm.example/w2l?oid=00D&lead_source=guide",
                SendTo::Page("HTTPS://crm.example/w2l?oid=00D&lead_source=guide".into()),
            ),
            (
                "mailto:sales@ledgerline.example",
                SendTo::Mail("mailto:sales@ledgerline.example".into()),
            ),
            (
                "mailto:a@x.example,b@x.example?cc=c@x.example",
                SendTo::Mail("mailto:a@x.example,b@x.example?cc=c@x.example".into()),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(SendTo::parse(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn bad_addresses_say_what_is_wrong() {
        let cases = [
            ("http://crm.example/lead", "is not encrypted"),
            (
                "crm.example/lead",
                "is not an `https://` or `mailto:` address",
            ),
            ("/contact/", "is not an `https://` or `mailto:` address"),
            (
                "javascript:alert(1)",
                "is not an `https://` or `mailto:` address",
            ),
            (
                "ftp://files.example/",
                "is not an `https://` or `mailto:` address",
            ),
            ("https://", "cannot be read as an address with a host"),
            ("https://crm.example/a b", "holds a space"),
            ("https://crm.example/a\nb", "holds a space"),
            ("mailto:", "names no mailbox"),
            ("mailto:sales", "names no mailbox"),
            ("mailto:@example.com", "names no mailbox"),
            ("mailto:a@b@c.example", "names no mailbox"),
            ("mailto:a@x.example,", "names no mailbox"),
            (
                "mailto:a@x.example?subject=Hi",
                "sets a `subject` of its own",
            ),
            (
                "mailto:a@x.example?cc=b@x.example&Body=x",
                "sets a `body` of its own",
            ),
        ];
        for (text, expected) in cases {
            let problem = SendTo::parse(text)
                .map(|_| ())
                .err()
                .map(|(problem, _)| problem);
            assert!(
                problem
                    .as_deref()
                    .is_some_and(|problem| problem.contains(expected)),
                "{text:?}: {problem:?}, not {expected:?}"
            );
        }
    }
}
