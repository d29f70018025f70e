//! A session's start or end as RFC 3339 text, kept inline rather than in a `String` of its own:
//! a long history has tens of thousands of sessions, and two heap strings each, made through
//! `fmt`, were a measurable part of building the report and of its memory.

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, Datelike, Offset, SecondsFormat, TimeZone, Timelike};
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
    pub fn of<Tz: TimeZone>(t: &DateTime<Tz>) -> TimeText {
        let offset = t.offset().fix().local_minus_utc();
        let local = t.naive_local();
        let year = local.year();
        // The common case written here; chrono writes the rest (years outside 0..=9999, offsets
        // with seconds, a leap second), and its text is the reference for both.
        if !(0..=9999).contains(&year) || offset % 60 != 0 || local.nanosecond() >= 1_000_000_000 {
            return TimeText::copy(&t.to_rfc3339_opts(SecondsFormat::Secs, false));
        }
        let mut out = TimeText {
            len: 25,
            bytes: [0; CAP],
        };
        let b = &mut out.bytes;
        let two = |b: &mut [u8], n: u32| {
            b[0] = b'0' + (n / 10) as u8;
            b[1] = b'0' + (n % 10) as u8;
        };
        two(&mut b[0..2], year as u32 / 100);
        two(&mut b[2..4], year as u32 % 100);
        b[4] = b'-';
        two(&mut b[5..7], local.month());
        b[7] = b'-';
        two(&mut b[8..10], local.day());
        b[10] = b'T';
        two(&mut b[11..13], local.hour());
        b[13] = b':';
        two(&mut b[14..16], local.minute());
        b[16] = b':';
        two(&mut b[17..19], local.second());
        b[19] = if offset < 0 { b'-' } else { b'+' };
        let minutes = offset.unsigned_abs() / 60;
        two(&mut b[20..22], minutes / 60);
        b[22] = b':';
        two(&mut b[23..25], minutes % 60);
        out
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

    /// Every path of the writer against chrono's own text: zones east and west, half- and
    /// quarter-hour offsets, historical offsets with seconds, DST, and the years at the edges.
    #[test]
    fn writes_what_chrono_writes() {
        let zones: [chrono_tz::Tz; 7] = [
            chrono_tz::UTC,
            chrono_tz::Europe::Berlin,
            chrono_tz::America::St_Johns,
            chrono_tz::Asia::Kathmandu,
            chrono_tz::Pacific::Kiritimati,
            chrono_tz::Europe::Amsterdam, // +00:19:32 before 1937
            chrono_tz::America::Los_Angeles,
        ];
        let mut checked = 0;
        for year in [1, 99, 100, 999, 1000, 1900, 1930, 1970, 2024, 9998, 9999] {
            for (month, day) in [(1, 1), (3, 31), (7, 4), (10, 27), (12, 31)] {
                let utc = NaiveDate::from_ymd_opt(year, month, day)
                    .and_then(|d| d.and_hms_opt(23, 59, 58))
                    .expect("a valid date")
                    .and_utc();
                for tz in zones {
                    let t = utc.with_timezone(&tz);
                    let expected = t.to_rfc3339_opts(SecondsFormat::Secs, false);
                    assert_eq!(TimeText::of(&t).as_str(), expected);
                    checked += 1;
                }
                assert_eq!(
                    TimeText::of(&utc).as_str(),
                    utc.to_rfc3339_opts(SecondsFormat::Secs, false)
                );
            }
        }
        assert_eq!(checked, 11 * 5 * 7);
        let fixed = FixedOffset::west_opt(3 * 3600 + 30 * 60)
            .expect("an offset")
            .with_ymd_and_hms(2024, 3, 4, 7, 5, 9)
            .single()
            .expect("a time");
        assert_eq!(TimeText::of(&fixed).as_str(), "2024-03-04T07:05:09-03:30");
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
