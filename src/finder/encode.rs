//! How the search index is written small: a set of asset numbers as a bitmap in base64 or as a
//! list of gaps, whichever is shorter, and the words cut into shards by their first letters, a
//! shard split by one more letter while it is larger than [`SHARD_BYTES`].

use std::collections::BTreeMap;
use std::fmt::Write;

/// The size a shard is split above, in bytes, unless its words already share
/// [`MAX_KEY_CHARS`] letters.
pub const SHARD_BYTES: usize = 16 * 1024;

/// The fewest letters a shard's key has: a word of fewer letters is not indexed.
pub const MIN_KEY_CHARS: usize = super::terms::MIN_TERM_CHARS;

/// The most letters a shard's key has.
pub const MAX_KEY_CHARS: usize = 8;

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as the browser's `atob` reads it.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = |i: usize| u32::from(group.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        for i in 0..4 {
            if i <= group.len() {
                let sextet = (n >> (18 - 6 * i)) & 63;
                out.push(char::from(
                    BASE64.get(sextet as usize).copied().unwrap_or(b'A'),
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The numbers below `count` in `numbers` as a bitmap, bit `n % 8` of byte `n / 8` for `n`.
pub fn bitmap(numbers: &[u32], count: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; count.div_ceil(8)];
    for &n in numbers {
        if let Some(byte) = bytes.get_mut(n as usize / 8) {
            *byte |= 1 << (n % 8);
        }
    }
    bytes
}

/// A set of asset numbers (sorted, below `count`) as JSON: a string of base64 for a bitmap, or
/// an array of gaps (the first number, then each one's distance from the one before), whichever
/// is shorter.
pub fn postings(numbers: &[u32], count: usize) -> String {
    let bits = count.div_ceil(8).div_ceil(3) * 4 + 2;
    // Every gap takes a digit and a comma at least: past this, the bitmap is the shorter.
    let fewest_gap_chars = 2 * numbers.len() + 1;
    if bits < fewest_gap_chars {
        return bitmap_postings(numbers, count);
    }
    let mut gaps = String::from("[");
    let mut last = 0;
    for (i, &n) in numbers.iter().enumerate() {
        if i > 0 {
            gaps.push(',');
        }
        // Writing into a String cannot fail.
        let _ = write!(gaps, "{}", n - last);
        last = n;
    }
    gaps.push(']');
    if bits < gaps.len() {
        bitmap_postings(numbers, count)
    } else {
        gaps
    }
}

/// A set of asset numbers below `count` as a JSON string of its bitmap in base64.
fn bitmap_postings(numbers: &[u32], count: usize) -> String {
    format!("\"{}\"", base64(&bitmap(numbers, count)))
}

/// The words with their postings (as [`postings`] writes them) cut into shards: each shard's
/// key, in order, with its JSON object of words. A word is in the shard whose key is the
/// longest that begins it.
pub fn shards(words: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let all: Vec<(&str, &str)> = (words.iter())
        .map(|(word, postings)| (word.as_str(), postings.as_str()))
        .collect();
    let mut shards = Vec::new();
    split(&all, MIN_KEY_CHARS, &mut shards);
    shards
}

/// Cuts `words` (sorted) into shards by their first `chars` letters, into `shards`.
fn split(words: &[(&str, &str)], chars: usize, shards: &mut Vec<(String, String)>) {
    let mut rest = words;
    while let Some(&(first, _)) = rest.first() {
        let key = prefix(first, chars);
        let len = rest
            .iter()
            .take_while(|(w, _)| prefix(w, chars) == key)
            .count();
        let (group, after) = rest.split_at(len);
        rest = after;
        let size: usize = group.iter().map(|(w, p)| w.len() + p.len() + 4).sum();
        if size <= SHARD_BYTES || chars >= MAX_KEY_CHARS {
            shards.push((key.to_string(), object(group)));
            continue;
        }
        // Words of exactly `chars` letters stay under this key; the others go one letter deeper.
        let exact = group
            .iter()
            .take_while(|(w, _)| w.chars().count() == chars)
            .count();
        let (short, long) = group.split_at(exact);
        if !short.is_empty() {
            shards.push((key.to_string(), object(short)));
        }
        split(long, chars + 1, shards);
    }
}

/// The first `chars` letters of `word`, or all of it.
fn prefix(word: &str, chars: usize) -> &str {
    word.char_indices()
        .nth(chars)
        .map_or(word, |(at, _)| word.get(..at).unwrap_or(word))
}

/// A JSON object of words and their postings.
fn object(words: &[(&str, &str)]) -> String {
    let mut json = String::from("{");
    for (i, (word, postings)) in words.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::Value::from(*word).to_string());
        json.push(':');
        json.push_str(postings);
    }
    json.push('}');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_atob_reads_it() {
        let cases: [(&[u8], &str); 5] = [
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (&[0xff, 0x01], "/wE="),
        ];
        for (bytes, expected) in cases {
            assert_eq!(base64(bytes), expected, "{bytes:?}");
        }
    }

    #[test]
    fn postings_are_gaps_or_a_bitmap() {
        let cases: [(&[u32], usize, &str); 4] = [
            (&[], 10, "[]"),
            (&[3, 5, 12], 100, "[3,2,7]"),
            (&[0, 1, 2, 3, 4, 5, 6, 7, 8], 9, "\"/wE=\""),
            (&[9], 9, "[9]"),
        ];
        for (numbers, count, expected) in cases {
            assert_eq!(postings(numbers, count), expected, "{numbers:?}");
        }
    }

    #[test]
    fn small_shards_keep_two_letters_and_big_ones_split() {
        let big = format!("[{}]", vec!["1"; SHARD_BYTES / 4].join(","));
        let words: BTreeMap<String, String> = [
            ("price", "[1]".to_string()),
            ("pricing", big.clone()),
            ("pro", "[2]".to_string()),
            ("proof", big.clone()),
            ("plan", "[3]".to_string()),
        ]
        .into_iter()
        .map(|(w, p)| (w.to_string(), p))
        .collect();
        let keys: Vec<String> = shards(&words).into_iter().map(|(key, _)| key).collect();
        assert_eq!(keys, ["pl", "pri", "pro"]);
        let small: BTreeMap<String, String> = [("ab".to_string(), "[0]".to_string())].into();
        assert_eq!(
            shards(&small),
            [("ab".to_string(), "{\"ab\":[0]}".to_string())]
        );
    }
}
