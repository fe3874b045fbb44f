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

/// The longest word of [`STOP_WORDS`], in bytes: a longer word is never looked for in it.
const LONGEST_STOP_WORD: usize = 4;

/// The distinct words of `texts`, sorted.
pub fn terms<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let lowered: Vec<String> = texts.into_iter().map(str::to_lowercase).collect();
    let mut found: Vec<&str> = (lowered.iter())
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| {
            word.len() >= MIN_TERM_CHARS
                && word.chars().count() >= MIN_TERM_CHARS
                && (word.len() > LONGEST_STOP_WORD || !STOP_WORDS.contains(word))
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_split_distinct_and_sorted() {
        let cases: [(&[&str], &[&str]); 5] = [
            (&["Pricing explained"], &["explained", "pricing"]),
            (
                &["What the CFO asks", "The CFO's questions"],
                &["asks", "cfo", "questions"],
            ),
            (
                &["ROI in 3 months: a 2-step plan"],
                &["months", "plan", "roi", "step"],
            ),
            (&["Über Café – Zürich"], &["café", "zürich", "über"]),
            (&["a I x"], &[]),
        ];
        for (texts, expected) in cases {
            assert_eq!(terms(texts.iter().copied()), expected, "{texts:?}");
        }
    }

    #[test]
    fn no_stop_word_is_longer_than_the_longest_looked_for() {
        assert!(
            STOP_WORDS
                .iter()
                .all(|word| word.len() <= LONGEST_STOP_WORD)
        );
        assert!(terms(["your yours"]) == ["yours"]);
    }
}
