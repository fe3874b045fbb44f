//! The one rule for slugs, in the configuration and in assets: lowercase ASCII letters and
//! digits in words joined by single hyphens. Other letters are folded to ASCII (`Über Café`
//! becomes `uber-cafe`), so every address the site publishes is a plain, valid URI.

/// Turns a title or file name into a slug.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// True for a text that is already a slug: not empty, and unchanged by [`slugify`].
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_folds_and_joins_words() {
        let cases = [
            ("Case studies", "case-studies"),
            ("Über Café.md", "uber-cafe-md"),
            ("  Costs & Savings  ", "costs-savings"),
            ("a--b", "a-b"),
            ("-lead and trail-", "lead-and-trail"),
            ("Q3 2026", "q3-2026"),
            ("日本語", "ri-ben-yu"),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(slugify(text), expected, "slugify({text:?})");
        }
    }

    #[test]
    fn is_slug_accepts_only_what_slugify_leaves_alone() {
        let cases = [
            ("evaluate-alternatives", true),
            ("q3", true),
            ("a--b", false),
            ("-a", false),
            ("a-", false),
            ("Key-facts", false),
            ("key_facts", false),
            ("café", false),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(is_slug(text), expected, "is_slug({text:?})");
        }
    }
}
