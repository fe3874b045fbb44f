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

/// Gives `visit` every word of `texts`, in order, as often as it stands there.
pub fn each_term<'a>(texts: impl IntoIterator<Item = &'a str>, mut visit: impl FnMut(&str)) {
    for text in texts {
        let lowered = text.to_lowercase();
        (lowered.split(|c: char| !c.is_alphanumeric()))
            .filter(|word| is_indexed(word))
            .for_each(&mut visit);
    }
}

/// Whether a query can find an asset by `word` (lowercased): it has two letters or more and is
/// not one of the [`STOP_WORDS`].
fn is_indexed(word: &str) -> bool {
    word.len() >= MIN_TERM_CHARS
        && word.chars().nth(MIN_TERM_CHARS - 1).is_some()
        && (word.len() > LONGEST_STOP_WORD || !STOP_WORDS.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distinct words of `texts`, sorted.
    fn terms<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut words = Vec::new();
        each_term(texts, |word| words.push(word.to_string()));
        words.sort_unstable();
        words.dedup();
        words
    }

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
