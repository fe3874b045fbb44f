//! The files `serve` holds in memory, packed with LZ4 against the frame every page repeats, and
//! shared between one set of files and the next.

use std::sync::Arc;

use axum::body::Bytes;

/// Every output file by its path (relative, `/`-separated), as it is served. Files are packed
/// with LZ4 against the page for missing addresses, whose frame — head, navigation, footer —
/// every page repeats: pages pack several times over, and the server holds them all. A new set
/// shares every file it did not make again, and what it packs against, with the set before.
#[derive(Debug, Clone, Default)]
pub struct Files {
    packed: imbl::HashMap<String, Bytes>,
    /// The first build's `404.html`, as served.
    frame: Arc<[u8]>,
}

/// The most of the frame LZ4 can refer to.
const FRAME_WINDOW: usize = 64 * 1024;

impl Files {
    /// No files, packed against `frame`.
    pub(super) fn against(frame: &[u8]) -> Self {
        let start = frame.len().saturating_sub(FRAME_WINDOW);
        Files {
            packed: imbl::HashMap::new(),
            frame: frame.get(start..).unwrap_or_default().into(),
        }
    }

    /// The bytes of the file at `path` as it is served.
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        let packed = self.packed.get(path)?;
        lz4_flex::block::decompress_size_prepended_with_dict(packed, &self.frame).ok()
    }

    /// Whether there is a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.packed.contains_key(path)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.packed.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    /// Every path, in no order.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.packed.keys()
    }

    /// Puts `bytes`, packed, at `path`; whether they differ from what was there.
    pub(super) fn insert(&mut self, path: String, bytes: Bytes) -> bool {
        self.packed.insert(path, bytes.clone()).as_ref() != Some(&bytes)
    }

    /// Takes the file at `path` away.
    pub(super) fn remove(&mut self, path: &str) {
        self.packed.remove(path);
    }

    /// `bytes` packed against the frame.
    pub(super) fn pack(&self, bytes: &[u8]) -> Bytes {
        Bytes::from(lz4_flex::block::compress_prepend_size_with_dict(
            bytes,
            &self.frame,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_they_were_packed_against_the_frame() {
        let frame =
            b"<html><head><title>Missing</title></head><body><nav>steps</nav></body></html>";
        let mut files = Files::against(frame);
        let page = b"<html><head><title>Guide</title></head><body><nav>steps</nav></body></html>";
        files.packed.insert("guide.html".into(), files.pack(page));
        files.packed.insert("empty.txt".into(), files.pack(b""));
        assert_eq!(files.get("guide.html").as_deref(), Some(&page[..]));
        assert_eq!(files.get("empty.txt").as_deref(), Some(&b""[..]));
        assert_eq!(files.get("other.html"), None);
        let unframed = Files::against(b"");
        assert!(files.packed["guide.html"].len() < unframed.pack(page).len());
    }
}
