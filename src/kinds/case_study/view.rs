//! What templates see of a case study as `asset.data`, and what a listing's card shows of it:
//! the results with the figures and the change [`super`] wrote when it read them.

use serde::Serialize;

use super::{CaseStudyData, CaseStudyResult};
use crate::kinds::shared::Quote;

impl CaseStudyData {
    /// What templates see as `asset.data`.
    pub fn view(&self) -> CaseStudyView<'_> {
        CaseStudyView {
            customer: &self.customer,
            industry: self.industry.as_deref(),
            size: self.size.as_deref(),
            region: self.region.as_deref(),
            challenge: self.challenge.as_deref(),
            solution: self.solution.as_deref(),
            results: self.results.iter().map(CaseStudyResult::view).collect(),
            quote: self.quote.as_ref(),
        }
    }

    /// What a card shows: the first result.
    pub fn headline(&self) -> Option<ResultView<'_>> {
        self.results.first().map(CaseStudyResult::view)
    }
}

impl CaseStudyResult {
    fn view(&self) -> ResultView<'_> {
        ResultView {
            metric: &self.metric,
            before: &self.shown.before,
            after: &self.shown.after,
            change: self.shown.change.as_deref(),
        }
    }
}

/// A case study as templates see it.
#[derive(Serialize)]
pub struct CaseStudyView<'a> {
    customer: &'a str,
    industry: Option<&'a str>,
    size: Option<&'a str>,
    region: Option<&'a str>,
    challenge: Option<&'a str>,
    solution: Option<&'a str>,
    results: Vec<ResultView<'a>>,
    quote: Option<&'a Quote>,
}

/// A result with its figures formatted and its change, such as "−71 %".
#[derive(Serialize)]
pub struct ResultView<'a> {
    metric: &'a str,
    before: &'a str,
    after: &'a str,
    change: Option<&'a str>,
}
