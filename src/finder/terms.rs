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
}
