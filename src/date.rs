//! Calendar dates (no time zone): parsing `YYYY-MM-DD`, comparing, and today's date.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date when the parts form a real calendar day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`; also `YYYY-MM` and `YYYY` (first day of the period), as
    /// Wikidata-derived data gives only a year or month for older facts.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let y: i32 = parts.next()?.parse().ok()?;
        let m: u8 = match parts.next() {
            Some(p) => p.parse().ok()?,
            None => 1,
        };
        let d: u8 = match parts.next() {
            Some(p) => p.parse().ok()?,
            None => 1,
        };
        Date::new(y, m, d)
    }

    /// Today's date in UTC from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_days_since_epoch`]).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (if m <= 2 { y + 1 } else { y }) as i32,
            month: m,
            day: d,
        }
    }
}

#[cfg(test)]
#[test]
fn days_since_epoch_round_trips() {
    for z in [-800_000i64, -1, 0, 1, 59, 60, 10_957, 19_000, 2_932_896] {
        assert_eq!(Date::from_days_since_epoch(z).days_since_epoch(), z);
    }
    assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// English month names and wire abbreviations ("Jan", "Sept") to month numbers.
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, name) in NAMES.iter().enumerate() {
        if w == *name || (w.len() >= 3 && w.len() <= 4 && name.starts_with(&w)) {
            return Some(i as u8 + 1);
        }
    }
    None
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a date: write it as YYYY-MM-DD"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_partial_dates_and_rejects_impossible_ones() {
        assert_eq!(Date::parse("2022-01-12"), Date::new(2022, 1, 12));
        assert_eq!(Date::parse("2014"), Date::new(2014, 1, 1));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse("twelfth"), None);
    }

    #[test]
    fn epoch_days_round_trip_known_dates() {
        assert_eq!(
            Date::from_days_since_epoch(0),
            Date::new(1970, 1, 1).unwrap()
        );
        assert_eq!(
            Date::from_days_since_epoch(19_004),
            Date::new(2022, 1, 12).unwrap()
        );
        for z in [-800_000, -1, 0, 59, 11_016, 19_004, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(z).days_since_epoch(), z);
        }
        let d = Date::new(2024, 2, 28).unwrap();
        assert_eq!(d.add_days(1), Date::new(2024, 2, 29).unwrap());
        assert_eq!(d.add_days(2), Date::new(2024, 3, 1).unwrap());
        assert_eq!(d.add_days(-59), Date::new(2023, 12, 31).unwrap());
    }

    #[test]
    fn month_names_accept_wire_abbreviations() {
        assert_eq!(month_from_name("Jan"), Some(1));
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("December"), Some(12));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(month_from_name("Janitor"), None);
    }
}
