//! Calendar dates as whole days, enough for the coverage report to tell how long ago an asset
//! was reviewed: `YYYY-MM-DD` in and out, and today's date in UTC from the system clock.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day of the proleptic Gregorian calendar, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// The date of `year-month-day`, when that day exists.
    pub fn new(year: i64, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then(|| Date(days_from_civil(year, month, day)))
    }

    /// Today in UTC, by the system clock (1970-01-01 if the clock is set before it).
    pub fn today() -> Date {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        Date(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// Whole days from `earlier` to this date; negative when `earlier` is later.
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0 - earlier.0
    }
}

impl FromStr for Date {
    // The message for a date given on the command line (clap shows it), not one in a file.
    type Err = String;

    /// Reads `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Date, String> {
        let number = |range: std::ops::Range<usize>| {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse::<u32>().ok())?
        };
        let dash_at = |at: usize| text.as_bytes().get(at) == Some(&b'-');
        let dashes = text.len() == 10 && dash_at(4) && dash_at(7);
        let date = match (dashes, number(0..4), number(5..7), number(8..10)) {
            (true, Some(y), Some(m), Some(d)) => Date::new(i64::from(y), m, d),
            _ => None,
        };
        date.ok_or_else(|| {
            format!("`{text}` is not a date; write it as year-month-day, such as 2026-03-31")
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil_from_days(self.0);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a number of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both are in range by construction: day in 1..=31, month in 1..=12.
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_print() {
        let cases = [
            ("1970-01-01", Some(0)),
            ("1970-01-02", Some(1)),
            ("2000-02-29", Some(11_016)),
            ("2026-12-01", Some(20_788)),
            ("1969-12-31", Some(-1)),
            ("2026-02-29", None),
            ("2026-13-01", None),
            ("2026-1-01", None),
            ("26-01-01", None),
            ("soon", None),
            ("2026-01-00", None),
            ("2026-+1-01", None),
            ("2026_01_01", None),
            ("2026-01-01x", None),
        ];
        for (text, days) in cases {
            let parsed = text.parse::<Date>().ok();
            assert_eq!(parsed.map(|d| d.0), days, "{text}");
            if let Some(date) = parsed {
                assert_eq!(date.to_string(), text, "{text} prints as it was read");
            }
        }
    }

    #[test]
    fn days_between_dates() {
        let cases = [
            ("2026-12-01", "2025-12-01", 365),
            ("2025-03-01", "2024-03-01", 365),
            ("2024-03-01", "2023-03-01", 366),
            ("2026-01-01", "2026-01-01", 0),
            ("2026-01-01", "2026-01-02", -1),
        ];
        for (later, earlier, days) in cases {
            let (later, earlier) = (later.parse::<Date>(), earlier.parse::<Date>());
            let (Ok(later), Ok(earlier)) = (later, earlier) else {
                panic!("valid dates");
            };
            assert_eq!(later.days_since(earlier), days);
        }
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        for days in -146_097..146_097 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
