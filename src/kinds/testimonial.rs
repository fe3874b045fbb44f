//! The `testimonial` schema: a customer's words and who said them, with an optional link to the
//! case study they come from, named by its content path (`@/case-studies/harbourline.md`) or
//! its slug and checked once the site knows its assets. Testimonials appear as quotes on the
//! pages of their steps, with the attribution outside the quote.

use crate::content::Fields;
use crate::content::{FrontMatterNode, Located};
use crate::diagnostics::{Problems, Source};

use super::KindData;
use super::shared::{self, Quote};

/// A testimonial as read from its `[testimonial]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct TestimonialData {
    /// The words and their attribution; its `url` is the case study's page once linked.
    pub quote: Quote,
    /// The case study the words come from, as written: its content path or its slug.
    pub case_study: Option<Located<String>>,
}

/// Reads a `[testimonial]` table, adding every problem to `problems`; `None` when it has one.
pub fn read(table: FrontMatterNode, source: &Source, problems: &mut Problems) -> Option<KindData> {
    let mut fields = Fields::new(source, "testimonial", table).within("the `[testimonial]` table");
    let quote = shared::quote(&mut fields, "quote", true);
    let case_study = fields.text("case_study");
    fields.finish(problems)?;
    let data = TestimonialData {
        quote: quote?,
        case_study,
    };
    Some(KindData::Testimonial(Box::new(data)))
}
