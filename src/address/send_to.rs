//! The address a calculator's "send these numbers" link goes to, as `send_to` gives it in a
//! calculator's front matter or in `stepwise.toml`: an `https://` page (a form, a CRM's
//! web-to-lead page) or a `mailto:` address, and what is wrong with any other.

/// Where a calculator's "send these numbers" goes: an address checked by [`SendTo::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendTo {
    /// An `https://` page that reads the numbers from its query.
    Page(String),
    /// A `mailto:` address, which gets a subject and a body.
    Mail(String),
}

/// How to write a good `send_to`.
const HELP: &str = "give the `https://` address of a form or a CRM's web-to-lead page, such as `send_to = \"https://crm.example/lead\"`, or a `mailto:` address, such as `send_to = \"mailto:sales@example.com\"`";

impl SendTo {
    /// The address as written, or what is wrong with it (to follow the key's name, such as
    /// "`send_to` …") and how to mend it.
    pub fn parse(text: &str) -> Result<SendTo, (String, &'static str)> {
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

    /// The address as written.
    pub fn address(&self) -> &str {
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
