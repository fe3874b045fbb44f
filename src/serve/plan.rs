//! The rebuild planner: which files a rebuild makes again, from what its batch of edits touched.

use std::collections::HashSet;

use crate::outputs::{Content, Generated, Outputs};

use super::store::Files;

/// Which files a rebuild makes again; the others keep their bytes. Any path that is new is
/// made too.
#[derive(Debug, Default)]
pub(super) struct Fresh {
    pub(super) all_pages: bool,
    pub(super) pages: HashSet<String>,
    pub(super) files: bool,
    /// The sitemap and `robots.txt`, which change only when a page's address does.
    pub(super) generated: bool,
    /// The files made from every asset: the coverage report (measured again before), the
    /// feed and the resource finder's search index (made again before). A rebuild leaves
    /// them as they were; they are made when they are asked for.
    pub(super) site_wide: bool,
}

impl Fresh {
    pub(super) fn everything() -> Self {
        Fresh {
            all_pages: true,
            pages: HashSet::new(),
            files: true,
            generated: true,
            site_wide: true,
        }
    }

    fn wants(&self, path: &str, content: &Content) -> bool {
        match content {
            Content::Page(_) | Content::Download(_) => self.all_pages || self.pages.contains(path),
            Content::Generated(Generated::Feed) => self.site_wide,
            Content::Generated(_) => self.generated || self.pages.contains(path),
            Content::File(_) => self.files,
            Content::Coverage(_) | Content::SearchIndex(_) => self.site_wide,
        }
    }

    /// The outputs to make: those wanted, and any that `old` does not have. Only named pages
    /// are looked up one by one; anything more looks at every output.
    pub(super) fn outputs<'a>(
        &self,
        outputs: &'a Outputs,
        old: &Files,
    ) -> Vec<(&'a String, &'a Content)> {
        if self.all_pages || self.files || self.generated || self.site_wide {
            let wanted = |(path, content): &(&String, &Content)| {
                self.wants(path, content) || !old.contains(path)
            };
            return outputs.iter().filter(wanted).collect();
        }
        // The set of paths is as before (it changes only with `generated`).
        self.pages
            .iter()
            .filter_map(|path| outputs.get(path))
            .collect()
    }
}
