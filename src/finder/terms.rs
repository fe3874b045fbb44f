//! The words a query can find an asset by: those of its title, its summary and the headings of
//! its body, lowercased and split at every character that is neither a letter nor a digit (as
//! the finder's script splits a query), without the commonest English words.

/// Words too common to narrow a search; left out of the index, and so of queries.
pub const STOP_WORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "is", "it", "of", "on",
    "or", "that", "the", "this", "to", "was", "we", "what", "with", "you", "your",
];

/// The shortest word that is indexed, in characters.
pub const MIN_TERM_CHARS: usize = 2;

/// The distinct words of `texts`, in the order they first appear.
pub fn terms<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        let lower = text.to_lowercase();
        for word in lower.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() >= MIN_TERM_CHARS
                && !STOP_WORDS.contains(&word)
                && !found.iter().any(|seen| seen == word)
            {
                found.push(word.to_string());
            }
        }
    }
    found
}

/// The text of every heading (`<h1>` … `<h6>`) of a body rendered to HTML, without its tags.
pub fn headings(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    // A search for `<` alone is a `memchr`, several times faster than for `<h`.
    while let Some(at) = rest.find('<') {
        rest = rest.get(at + 1..).unwrap_or_default();
        let Some(after) = rest.strip_prefix('h') else {
            continue;
        };
        rest = after;
        let level = rest.chars().next().filter(|c| ('1'..='6').contains(c));
        let Some(level) = level else {
            continue;
        };
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let inner = rest.get(open_end + 1..).unwrap_or_default();
        let close = format!("</h{level}>");
        let Some(end) = inner.find(&close) else {
            break;
        };
        found.push(text_of(inner.get(..end).unwrap_or_default()));
        rest = inner.get(end..).unwrap_or_default();
    }
    found
}

/// The text of a piece of HTML: its tags left out, each replaced by a space.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_split_and_distinct() {
        let cases: [(&[&str], &[&str]); 5] = [
            (&["Pricing explained"], &["pricing", "explained"]),
            (
                &["What the CFO asks", "The CFO's questions"],
                &["cfo", "asks", "questions"],
            ),
            (
                &["ROI in 3 months: a 2-step plan"],
                &["roi", "months", "step", "plan"],
            ),
            (&["Über Café – Zürich"], &["über", "café", "zürich"]),
            (&["a I x"], &[]),
        ];
        for (texts, expected) in cases {
            assert_eq!(terms(texts.iter().copied()), expected, "{texts:?}");
        }
    }

    #[test]
    fn headings_are_read_without_their_tags() {
        let cases: [(&str, &[&str]); 4] = [
            (
                "<h2 id=\"a\">Seats and plans</h2><p>x</p><h3>Costs</h3>",
                &["Seats and plans", "Costs"],
            ),
            ("<h2>Use <code>get</code> now</h2>", &["Use  get  now"]),
            ("<header><hr><p>none</p>", &[]),
            ("<h2>never closed", &[]),
        ];
        for (html, expected) in cases {
            assert_eq!(headings(html), expected, "{html}");
        }
    }
}
