//! The files `serve` holds in memory, packed with LZ4 against the frame every page repeats, and
//! shared between one set of files and the next; and the files made only when they are first
//! asked for, such as a calculator's workbook, or a page a rebuild left for after its reload.

use std::fmt;
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;

/// Every output file by its path (relative, `/`-separated), as it is served. Files are packed
/// with LZ4 against the page for missing addresses, whose frame — head, navigation, footer —
/// every page repeats: pages pack several times over, and the server holds them all. A new set
/// shares every file it did not make again, and what it packs against, with the set before.
#[derive(Debug, Clone, Default)]
pub struct Files {
    packed: imbl::HashMap<String, Bytes>,
    /// The files made when they are first asked for, by path.
    later: imbl::HashMap<String, Arc<Later>>,
    /// The first build's `404.html`, as served.
    frame: Arc<[u8]>,
}

/// How to make a file that is made only when it is first asked for, and its bytes once made:
/// a rebuild that touches its asset puts a new one in its place, and one nobody asks for is
/// never made.
pub(super) struct Later {
    make: Box<dyn Fn() -> Option<Vec<u8>> + Send + Sync>,
    made: OnceLock<Option<Bytes>>,
}

impl Later {
    /// A file that `make` makes, or fails to (it is then missing).
    pub(super) fn new(make: impl Fn() -> Option<Vec<u8>> + Send + Sync + 'static) -> Self {
        Later {
            make: Box::new(make),
            made: OnceLock::new(),
        }
    }

    /// Its bytes, made now when they were not yet.
    fn bytes(&self) -> Option<&Bytes> {
        self.made
            .get_or_init(|| (self.make)().map(Bytes::from))
            .as_ref()
    }
}

impl fmt::Debug for Later {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let made = self.made.get().map(|bytes| bytes.as_ref().map(Bytes::len));
        f.debug_struct("Later").field("made", &made).finish()
    }
}

/// The most of the frame LZ4 can refer to.
const FRAME_WINDOW: usize = 64 * 1024;

impl Files {
    /// No files, packed against `frame`.
    pub(super) fn against(frame: &[u8]) -> Self {
        let start = frame.len().saturating_sub(FRAME_WINDOW);
        Files {
            packed: imbl::HashMap::new(),
            later: imbl::HashMap::new(),
            frame: frame.get(start..).unwrap_or_default().into(),
        }
    }

    /// The bytes of the file at `path` as it is served; a file made when it is first asked for
    /// is made now, once.
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        match self.packed.get(path) {
            Some(packed) => {
                lz4_flex::block::decompress_size_prepended_with_dict(packed, &self.frame).ok()
            }
            None => Some(self.later.get(path)?.bytes()?.to_vec()),
        }
    }

    /// Whether there is a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.packed.contains_key(path) || self.later.contains_key(path)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.packed.len() + self.later.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.packed.is_empty() && self.later.is_empty()
    }

    /// Every path, in no order.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.packed.keys().chain(self.later.keys())
    }

    /// Puts `bytes`, packed, at `path`; whether they differ from what was there.
    pub(super) fn insert(&mut self, path: String, bytes: Bytes) -> bool {
        self.later.remove(&path);
        self.packed.insert(path, bytes.clone()).as_ref() != Some(&bytes)
    }

    /// Puts at `path` a file made when it is first asked for.
    pub(super) fn insert_later(&mut self, path: String, later: Later) {
        self.packed.remove(&path);
        self.later.insert(path, Arc::new(later));
    }

    /// Takes the file at `path` away.
    pub(super) fn remove(&mut self, path: &str) {
        self.packed.remove(path);
        self.later.remove(path);
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

    #[test]
    fn a_later_file_is_made_when_first_asked_for_and_once() {
        let made = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut files = Files::against(b"");
        let count = Arc::clone(&made);
        files.insert_later(
            "plan.xlsx".into(),
            Later::new(move || {
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Some(b"workbook".to_vec())
            }),
        );
        files.insert_later("broken.xlsx".into(), Later::new(|| None));
        assert!(files.contains("plan.xlsx"));
        assert_eq!(
            made.load(std::sync::atomic::Ordering::SeqCst),
            0,
            "not made before asked for"
        );
        let shared = files.clone();
        assert_eq!(files.get("plan.xlsx").as_deref(), Some(&b"workbook"[..]));
        assert_eq!(shared.get("plan.xlsx").as_deref(), Some(&b"workbook"[..]));
        assert_eq!(
            made.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "made once"
        );
        assert_eq!(files.get("broken.xlsx"), None);
        files.insert("plan.xlsx".into(), files.pack(b"packed"));
        assert_eq!(files.get("plan.xlsx").as_deref(), Some(&b"packed"[..]));
        assert_eq!(files.len(), 2);
    }
}
