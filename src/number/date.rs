//! Dates as a buyer reads them: a `YYYY-MM-DD` date written out in the site's language with the
//! CLDR data of ICU4X ("17 May 2026" in `en-GB`, "May 17, 2026" in `en`, "17. Mai 2026" in
//! `de`), in the Gregorian calendar.

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;

use super::Language;

/// The date formatter of one language.
#[derive(Debug)]
pub struct Dates {
    formatter: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
}

impl Dates {
    /// The long dates of `language`.
    pub fn new(language: &Language) -> Dates {
        let preferences = language.locale().into();
        Dates {
            formatter: FixedCalendarDateTimeFormatter::try_new(preferences, YMD::long()).ok(),
        }
    }

    /// `iso` (`YYYY-MM-DD`) written out; `iso` as it is when it is not such a date.
    pub fn show(&self, iso: &str) -> String {
        let part = |range: std::ops::Range<usize>| iso.get(range)?.parse::<u16>().ok();
        let date = match (iso.len(), part(0..4), part(5..7), part(8..10)) {
            (10, Some(year), Some(month), Some(day)) => {
                let month = u8::try_from(month).ok();
                let day = u8::try_from(day).ok();
                month.zip(day).and_then(|(month, day)| {
                    Date::try_new_gregorian(i32::from(year), month, day).ok()
                })
            }
            _ => None,
        };
        match (date, &self.formatter) {
            (Some(date), Some(formatter)) => formatter.format(&date).to_string(),
            _ => iso.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_sites_language() {
        let cases = [
            ("en", "2026-05-17", "May 17, 2026"),
            ("en-GB", "2026-05-17", "17 May 2026"),
            ("de", "2026-03-01", "1. März 2026"),
            ("fr", "2026-03-01", "1 mars 2026"),
            ("en", "2026-02-30", "2026-02-30"),
            ("en", "someday", "someday"),
        ];
        for (tag, iso, expected) in cases {
            let dates = Dates::new(&Language::of_site(tag));
            assert_eq!(dates.show(iso), expected, "{iso} in {tag}");
        }
    }
}
