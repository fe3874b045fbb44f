//! The `testimonial` schema: a customer's words and who said them, with an optional link to the
//! case study they come from. Testimonials appear as quotes on the pages of their steps, with
//! the attribution outside the quote.

use crate::content::Node;
use crate::content::node::Fields;
use crate::diagnostics::{Diagnostic, Source};

use super::KindData;
use super::shared::{self, Quote};

/// A testimonial as read from its `[testimonial]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct TestimonialData {
    /// The words and their attribution; its `url` is the case study's page once linked.
    pub quote: Quote,
    /// The slug of the case study the words come from, if any.
    pub case_study: Option<String>,
}

/// Reads a `[testimonial]` table; every problem is returned.
pub fn read(table: Node, source: &Source) -> (KindData, Vec<Diagnostic>) {
    let mut fields = Fields::new(source, "testimonial", table).within("the `[testimonial]` table");
    let quote = shared::quote(&mut fields, "quote", true);
    let case_study = fields.text("case_study").map(|slug| slug.value);
    let problems = fields.finish();
    match quote.filter(|_| problems.is_empty()) {
        Some(quote) => {
            let data = TestimonialData { quote, case_study };
            (KindData::Testimonial(Box::new(data)), problems)
        }
        None => (KindData::None, problems),
    }
}

impl TestimonialData {
    /// Links the quote to its case study, whose pages are under `case_studies` (the URL of the
    /// case-study kind's folder, ending in `/`).
    pub fn link(&mut self, case_studies: &str) {
        if let Some(slug) = &self.case_study {
            self.quote.url = Some(format!("{case_studies}{slug}/"));
        }
    }
}
