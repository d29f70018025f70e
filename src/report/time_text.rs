//! A session's start or end as RFC 3339 text, kept inline rather than in a `String` of its own:
//! a long history has tens of thousands of sessions, and two heap strings each were a
//! measurable part of the report's memory.

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, SecondsFormat, TimeZone};
use serde::{Serialize, Serializer};

/// Room for any time chrono can write this way (`+262143-12-31T23:59:59+23:59` is 28 bytes).
const CAP: usize = 32;

/// `2024-03-04T07:30:00+01:00`: the time in its zone's offset, to the second, as chrono's
/// `to_rfc3339_opts(SecondsFormat::Secs, false)` writes it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TimeText {
    len: u8,
    bytes: [u8; CAP],
}

impl TimeText {
    pub fn of<Tz: TimeZone>(t: &DateTime<Tz>) -> TimeText
    where
        Tz::Offset: fmt::Display,
    {
        // chrono writes it; a hand-written writer saved 2 % of a run's instructions, less than
        // it cost to keep (bench/RESULTS.md, what was kept and what went).
        TimeText::copy(&t.to_rfc3339_opts(SecondsFormat::Secs, false))
    }

    fn copy(s: &str) -> TimeText {
        let mut out = TimeText {
            len: 0,
            bytes: [0; CAP],
        };
        debug_assert!(s.len() <= CAP, "{s} does not fit");
        // Cut at a character boundary should chrono ever write more than fits (it cannot).
        let mut n = s.len().min(CAP);
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        out.bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
        out.len = n as u8;
        out
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits and signs are written, or a prefix of a `str` cut at a boundary.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl Deref for TimeText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for TimeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for TimeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for TimeText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, NaiveDate, Utc};

    use super::*;

    #[test]
    fn writes_what_chrono_writes() {
        let fixed = FixedOffset::west_opt(3 * 3600 + 30 * 60)
            .expect("an offset")
            .with_ymd_and_hms(2024, 3, 4, 7, 5, 9)
            .single()
            .expect("a time");
        assert_eq!(TimeText::of(&fixed).as_str(), "2024-03-04T07:05:09-03:30");
        let berlin = fixed.with_timezone(&chrono_tz::Europe::Berlin);
        assert_eq!(TimeText::of(&berlin).as_str(), "2024-03-04T11:35:09+01:00");
    }

    #[test]
    fn years_outside_four_digits_and_offsets_with_seconds_are_chronos_text() {
        let far = NaiveDate::from_ymd_opt(-44, 3, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a date")
            .and_utc();
        assert_eq!(TimeText::of(&far).as_str(), "-0044-03-15T12:00:00+00:00");
        let late = NaiveDate::from_ymd_opt(10_000, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a date")
            .and_utc();
        assert_eq!(TimeText::of(&late).as_str(), "+10000-01-01T00:00:00+00:00");
        let amsterdam = NaiveDate::from_ymd_opt(1930, 6, 1)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a date")
            .and_utc()
            .with_timezone(&chrono_tz::Europe::Amsterdam);
        assert_eq!(
            TimeText::of(&amsterdam).as_str(),
            amsterdam.to_rfc3339_opts(SecondsFormat::Secs, false)
        );
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 1_000))
            .expect("a leap second")
            .and_utc();
        assert_eq!(TimeText::of(&leap).as_str(), "2016-12-31T23:59:60+00:00");
        assert_eq!(
            serde_json::to_string(&TimeText::of(&Utc.timestamp_opt(0, 0).unwrap())).unwrap(),
            "\"1970-01-01T00:00:00+00:00\""
        );
    }
}
