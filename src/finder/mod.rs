//! The resource finder's search index, written by the build beside the finder's page and split
//! so that one query downloads little however large the site:
//!
//! - `resources/index/facets.json`: the number of assets, the steps, kinds and stakeholders with
//!   the set of asset numbers each has (a bitmap in base64, [`encode::postings`]), the keys of
//!   the word shards, and how a query's words are read (the fewest and most letters of a key,
//!   the words left out);
//! - `resources/index/terms/<n>.json`: the words of titles, summaries and headings
//!   ([`terms`]) whose first letters are the `n`-th key, each with the numbers of the assets
//!   that have it;
//! - `resources/index/records/<n>.json`: what a result shows of assets `n × RECORD_CHUNK` … —
//!   title, summary, address, kind, steps, stakeholders — fetched only for the results shown.
//!
//! Assets are numbered by their first step, then in the site's order, so a step's assets are
//! near each other. The index is a pure function of the site: the same site gives the same
//! bytes.

mod encode;
mod terms;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::site::{FINDER_FOLDER, Site, SiteAsset};

/// The folder of the index, below the finder's.
pub const INDEX_FOLDER: &str = "index";

/// How many assets' records share one file: a page of results fetches at most one file per
/// result.
pub const RECORD_CHUNK: usize = 4;

/// The most characters of a summary a result shows.
const SUMMARY_CHARS: usize = 160;

/// Every file of the index by its output path (relative to the output folder).
#[derive(Debug, Default, Clone)]
pub struct SearchIndex {
    files: BTreeMap<String, Arc<[u8]>>,
}

impl SearchIndex {
    /// The index of `site`'s published assets.
    pub fn new(site: &Site) -> Self {
        let mut assets: Vec<&SiteAsset> = site.assets().collect();
        assets.sort_by_key(|asset| asset.placement.steps.first().copied());
        let words = words(&assets);
        let shards = encode::shards(&words);
        let folder = format!("{FINDER_FOLDER}/{INDEX_FOLDER}");
        let mut files = BTreeMap::new();
        let facets = facets(site, &assets, &shards);
        files.insert(SearchIndex::facets_path(), bytes(facets.to_string()));
        for (n, (_, shard)) in shards.into_iter().enumerate() {
            files.insert(format!("{folder}/terms/{n}.json"), bytes(shard));
        }
        let records: Vec<Arc<[u8]>> = (assets.par_chunks(RECORD_CHUNK))
            .map(|chunk| {
                let records: Vec<Record> = chunk.iter().map(|asset| record(asset)).collect();
                bytes(serde_json::to_string(&records).unwrap_or_default())
            })
            .collect();
        for (n, records) in records.into_iter().enumerate() {
            files.insert(format!("{folder}/records/{n}.json"), records);
        }
        SearchIndex { files }
    }

    /// Every file's output path, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The bytes of the file at `path`.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(AsRef::as_ref)
    }

    /// The output path of the facets file, which the finder's script starts from.
    pub fn facets_path() -> String {
        format!("{FINDER_FOLDER}/{INDEX_FOLDER}/facets.json")
    }

    /// The root-relative link to the facets file.
    pub fn facets_url(site: &Site) -> String {
        format!("{}{}", site.root, SearchIndex::facets_path())
    }
}

/// The bytes of a JSON text, with `<`, `>` and `&` (which stand only inside its strings)
/// written as `\u003c` …, so that no file of the index holds markup a page could take for its own.
fn bytes(json: String) -> Arc<[u8]> {
    if !json.contains(['<', '>', '&']) {
        return Arc::from(json.into_bytes());
    }
    let escaped = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    Arc::from(escaped.into_bytes())
}

/// The numbers of the assets that have each word, as gathered: looked up for every word of
/// every asset, so hashed with foldhash, which costs a fraction of std's SipHash on a word.
type Numbers = foldhash::HashMap<String, Vec<u32>>;

/// Every indexed word with the numbers of the assets that have it, as [`encode::postings`].
fn words(assets: &[&SiteAsset]) -> BTreeMap<String, String> {
    // Each thread gathers the numbers of a run of assets; the runs are joined in order, so that
    // every word's numbers stay ascending.
    let numbers = (0u32..)
        .zip(assets)
        .collect::<Vec<_>>()
        .into_par_iter()
        .fold(Numbers::default, |mut numbers: Numbers, (n, asset)| {
            let texts = [asset.asset.title.value.as_str(), &asset.asset.summary];
            let headings = asset.asset.headings.iter().map(String::as_str);
            terms::each_term(texts.into_iter().chain(headings), |word| {
                // Most words are met again and again: a new one alone is copied. An asset's
                // number is the last one of each of its words while its words are read.
                match numbers.get_mut(word) {
                    Some(found) if found.last() == Some(&n) => {}
                    Some(found) => found.push(n),
                    None => drop(numbers.insert(word.to_string(), vec![n])),
                }
            });
            numbers
        })
        .reduce(Numbers::default, |mut earlier, later| {
            for (word, numbers) in later {
                earlier.entry(word).or_default().extend(numbers);
            }
            earlier
        });
    let words: Vec<(String, String)> = (numbers.into_par_iter())
        .map(|(word, numbers)| {
            let postings = encode::postings(&numbers, assets.len());
            (word, postings)
        })
        .collect();
    words.into_iter().collect()
}

/// The facets file: the count, each step, kind and stakeholder with its assets, the shards.
fn facets(site: &Site, assets: &[&SiteAsset], shards: &[(String, String)]) -> Value {
    let count = assets.len();
    let having = |has: &dyn Fn(&SiteAsset) -> bool| -> String {
        let numbers: Vec<u32> = (0u32..)
            .zip(assets)
            .filter(|(_, asset)| has(asset))
            .map(|(n, _)| n)
            .collect();
        encode::base64(&encode::bitmap(&numbers, count))
    };
    let steps: Vec<Value> = (0..site.steps.len())
        .zip(&site.steps)
        .map(|(i, step)| {
            let set = having(&|asset| asset.placement.steps.contains(&i));
            json!({"slug": step.slug, "title": step.title, "number": step.number, "url": step.url, "set": set})
        })
        .collect();
    let kinds: Vec<Value> = (0..site.kinds.len())
        .zip(&site.kinds)
        .map(|(i, kind)| {
            let title = site.config.kinds.get(i).map_or("", |k| k.title.as_str());
            let set = having(&|asset| asset.placement.kind == i);
            json!({"slug": kind.slug, "title": title, "set": set})
        })
        .collect();
    let stakeholders: Vec<Value> = (0..site.stakeholders.len())
        .zip(&site.stakeholders)
        .map(|(i, who)| {
            let title = site
                .config
                .stakeholders
                .get(i)
                .map_or("", |s| s.title.as_str());
            let set = having(&|asset| asset.placement.stakeholders.contains(&i));
            json!({"slug": who.slug, "title": title, "set": set})
        })
        .collect();
    let keys: Vec<&str> = shards.iter().map(|(key, _)| key.as_str()).collect();
    json!({
        "count": count,
        "chunk": RECORD_CHUNK,
        "minChars": encode::MIN_KEY_CHARS,
        "maxChars": encode::MAX_KEY_CHARS,
        "stopWords": terms::STOP_WORDS,
        "steps": steps,
        "kinds": kinds,
        "stakeholders": stakeholders,
        "shards": keys,
    })
}

/// What a result shows of an asset: `[title, summary, url, kind, [steps], [stakeholders]]`,
/// the last three as indexes into the facets' lists.
type Record<'a> = (&'a str, String, &'a str, usize, &'a [usize], &'a [usize]);

/// The [`Record`] of `asset`.
fn record(asset: &SiteAsset) -> Record<'_> {
    let placement = &asset.placement;
    (
        &asset.asset.title.value,
        shorten(&asset.asset.summary, SUMMARY_CHARS),
        &placement.url,
        placement.kind,
        &placement.steps,
        &placement.stakeholders,
    )
}

/// `text` cut after at most `chars` characters, at the end of a word, with `…`.
fn shorten(text: &str, chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(chars) else {
        return text.to_string();
    };
    let head = text.get(..cut).unwrap_or(text);
    let head = head.rsplit_once(' ').map_or(head, |(words, _)| words);
    format!("{}…", head.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_index_is_escaped_as_json_allows() {
        let cases = [
            ("[\"plain\"]", "[\"plain\"]"),
            (
                "[\"<b>&</b>\"]",
                "[\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"]",
            ),
        ];
        for (json, expected) in cases {
            let written = bytes(json.to_string());
            assert_eq!(std::str::from_utf8(&written), Ok(expected), "{json}");
            let read: serde_json::Value = serde_json::from_slice(&written).unwrap_or_default();
            assert_eq!(
                read,
                serde_json::from_str::<serde_json::Value>(json).unwrap_or_default()
            );
        }
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let cases = [
            ("Short.", 10, "Short."),
            ("One two three four", 10, "One two…"),
            ("Costs, and more", 8, "Costs…"),
        ];
        for (text, chars, expected) in cases {
            assert_eq!(shorten(text, chars), expected, "{text}");
        }
    }
}
