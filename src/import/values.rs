//! Parsers for the values export files hold: date-times in the forms apps write them, durations
//! ("1h 5m", "01:05:00", "45"), and numbers with a decimal point or comma. Each returns what it
//! expected on failure, so the caller can name the file, line and column.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::Stamp;

pub const DATE_TIME_EXPECTED: &str =
    "a date-time like 2024-03-04 07:30, 2024-03-04T07:30:00+01:00 or a date 2024-03-04";

/// Reads a date-time with or without offset, or a bare date.
pub fn parse_stamp(s: &str) -> Option<Stamp> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(t) = plain_local(s) {
        return Some(Stamp::Local(t));
    }
    stamp_by_formats(s)
}

/// [`parse_stamp`] of a trimmed, non-empty text, trying each form in turn.
fn stamp_by_formats(s: &str) -> Option<Stamp> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(Stamp::Instant(dt));
    }
    let with_space = s.replacen(' ', "T", 1);
    if let Ok(dt) = DateTime::parse_from_rfc3339(&with_space) {
        return Some(Stamp::Instant(dt));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(Stamp::Instant(dt));
        }
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Stamp::Local(dt));
        }
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(Stamp::Date(d));
        }
    }
    None
}

/// The commonest form, `2024-03-04 07:30:00` or `2024-03-04T07:30` (no offset, no fraction),
/// read without chrono's format parser, which the many forms above would otherwise each run on
/// every row of a long export. `None` for anything else, left to the formats above; a value
/// read here reads the same there.
fn plain_local(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if !matches!(b.len(), 16 | 19) {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let seconds = if b.len() == 19 {
        if b[16] != b':' {
            return None;
        }
        digits(17..19)?
    } else {
        0
    };
    if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b' ' | b'T') || b[13] != b':' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    let time = NaiveTime::from_hms_opt(digits(11..13)?, digits(14..16)?, seconds)?;
    Some(date.and_time(time))
}

pub const DURATION_EXPECTED: &str =
    "a duration: minutes (45 or 45.5), h:mm:ss (1:05:00), or words (1h 5m, 45 min, 90s)";

/// Reads a duration in minutes. A bare number is minutes; `h:mm:ss` and `h:mm` are clock forms;
/// `1h 5m`, `45 min`, `90s`, `1 hr 20 mins` are word forms.
pub fn parse_minutes(s: &str) -> Option<f64> {
    parse_minutes_in(s, false)
}

/// [`parse_minutes`] for files whose numbers have decimal commas (`45,5`).
pub fn parse_minutes_in(s: &str, decimal_comma: bool) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(n) = parse_number(s, decimal_comma) {
        return Some(n);
    }
    // A sign applies to the whole duration: -0:08:10 and -5 min are negative (and then
    // rejected as such by the caller), not 8 minutes and an error.
    if let Some(rest) = s.strip_prefix('-').filter(|r| !r.starts_with(['-', '+'])) {
        return parse_minutes_in(rest, decimal_comma).map(|m| -m);
    }
    if s.contains(':') {
        let parts: Vec<&str> = s.split(':').collect();
        let nums: Option<Vec<f64>> = parts.iter().map(|p| parse_number(p, false)).collect();
        let nums = nums?;
        if nums.iter().any(|n| *n < 0.0) || nums.iter().skip(1).any(|n| *n >= 60.0) {
            return None;
        }
        return match nums.as_slice() {
            [h, m, sec] => Some(h * 60.0 + m + sec / 60.0),
            [h, m] => Some(h * 60.0 + m),
            _ => None,
        };
    }
    // Word forms: a run of (number, unit) pairs.
    let lower = s.to_ascii_lowercase();
    let mut total = 0.0;
    let mut rest = lower.as_str();
    let mut any = false;
    while !rest.trim_start().is_empty() {
        rest = rest.trim_start();
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let n = parse_number(&rest[..num_len], true)?;
        rest = rest[num_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            // Days are never a real session's length, but read so that the row is skipped as
            // "longer than a day" rather than stopping the run as an unknown unit.
            "d" | "day" | "days" => 24.0 * 60.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0 / 60.0,
            _ => return None,
        };
        total += n * factor;
        any = true;
        rest = &rest[unit_len..];
    }
    any.then_some(total)
}

/// A measure as exports write it: most write 0 where nothing was measured (no heart-rate strap
/// worn, a sport without distance), so 0 is no value, as is anything below it.
pub fn positive(n: Option<f64>) -> Option<f64> {
    n.filter(|v| *v > 0.0)
}

/// Reads a number. With `decimal_comma`, `1,5` is one and a half (the files of semicolon
/// locales); otherwise a comma is a thousands separator only where it groups three digits.
pub fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    // Before trimming: a plain decimal has no spaces to trim.
    if let Some(n) = plain_decimal(s) {
        return Some(n);
    }
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let cleaned: String;
    let text = if decimal_comma && s.contains(',') && !s.contains('.') {
        cleaned = s.replace(',', ".");
        cleaned.as_str()
    } else if s.contains(',') {
        let (int, _) = s.split_once('.').unwrap_or((s, ""));
        let groups: Vec<&str> = int.trim_start_matches('-').split(',').collect();
        let grouped = groups.len() > 1
            && !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return None;
        }
        cleaned = s.replace(',', "");
        cleaned.as_str()
    } else {
        s
    };
    if !text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The commonest number, `100`, `102.5` or `-0.25` (at most 15 digits), read without the
/// general float parser: the digits make an integer below 2^53 and the decimals a power of ten
/// no larger than 1e15, both exact as `f64`, so one division gives the correctly rounded value,
/// the very one `str::parse` gives. `None` for anything else.
fn plain_decimal(s: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let bytes = s.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    // Digits after the point, once there is one.
    let mut decimals: Option<usize> = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => mantissa = mantissa * 10 + u64::from(b - b'0'),
            // A point between digits: not first, not last, not twice.
            b'.' if decimals.is_none() && i > 0 && i + 1 < digits.len() => {
                decimals = Some(digits.len() - i - 1);
            }
            _ => return None,
        }
    }
    let decimals = decimals.unwrap_or(0);
    let count = digits.len() - usize::from(decimals > 0);
    if count > 15 {
        return None;
    }
    let n = mantissa as f64 / POWERS[decimals];
    Some(if negative { -n } else { n })
}

/// Reads a time of day as HH:MM for `--day-start`.
pub fn parse_time_of_day(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};

    #[test]
    fn plain_decimals_read_exactly_as_the_float_parser_reads_them() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "5",
            "100.0",
            "102.5",
            "-0.25",
            "0.1",
            "0.3",
            "7.333",
            "61.2349",
            "123456789012345",
            "1234567.89012345",
            "0.00000000000001",
            "999999999999999",
        ]
        .map(String::from)
        .to_vec();
        // A spread of values with one to six decimals, and a pseudo-random sample.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..20_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let decimals = (i % 7) as usize;
            let n = x % 10u64.pow(9);
            let text = format!("{n}");
            let text = if decimals > 0 && text.len() > decimals {
                format!(
                    "{}.{}",
                    &text[..text.len() - decimals],
                    &text[text.len() - decimals..]
                )
            } else {
                text
            };
            texts.push(if i % 5 == 0 { format!("-{text}") } else { text });
        }
        for text in &texts {
            let quick = plain_decimal(text).unwrap_or_else(|| panic!("{text}"));
            let full: f64 = text.parse().unwrap();
            assert_eq!(quick.to_bits(), full.to_bits(), "{text}");
        }
        // Other forms are left to the general path.
        for text in [
            "", "-", ".5", "5.", "1e3", "+5", "1,000", "12,5", "1.2.3", "0x10", "--5",
        ] {
            assert_eq!(plain_decimal(text), None, "{text}");
        }
        assert_eq!(plain_decimal("1234567890123456"), None, "16 digits");
        assert_eq!(parse_number(".5", false), Some(0.5));
        assert_eq!(parse_number("1e3", false), Some(1000.0));
    }

    #[test]
    fn the_quick_path_reads_what_the_formats_read() {
        for s in [
            "2024-03-04 07:30:00",
            "2024-03-04T07:30:00",
            "2024-03-04 07:30",
            "2024-03-04T07:30",
            "1999-12-31 23:59:59",
            "2024-02-29 12:00",
        ] {
            let quick = plain_local(s).map(Stamp::Local);
            assert!(quick.is_some(), "{s}");
            assert_eq!(quick, stamp_by_formats(s), "{s}");
        }
        // Not a valid date or time, or not this form: left to the formats.
        for s in [
            "2023-02-29 12:00",
            "2024-13-01 12:00",
            "2024-03-04 24:00",
            "2024-03-04 23:59:60",
            "2024-03-04 7:30:00",
            "2024-03-04 07:30:00Z",
            "2024/03/04 07:30",
            "2024-03-04_07:30",
            "2024-03-04 07-30",
            "+2024-03-04 07:30",
        ] {
            assert_eq!(plain_local(s), None, "{s}");
        }
        assert_eq!(
            parse_stamp("2024-03-04 7:30:00"),
            stamp_by_formats("2024-03-04 7:30:00")
        );
    }

    #[test]
    fn stamps_in_every_form() {
        let local = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(
            parse_stamp("2024-03-04 07:30"),
            Some(Stamp::Local(local("2024-03-04 07:30:00")))
        );
        assert_eq!(
            parse_stamp("2024-03-04T07:30:15"),
            Some(Stamp::Local(local("2024-03-04 07:30:15")))
        );
        let plus_one = FixedOffset::east_opt(3600).unwrap();
        let instant = plus_one.with_ymd_and_hms(2024, 3, 4, 7, 30, 0).unwrap();
        assert_eq!(
            parse_stamp("2024-03-04T07:30:00+01:00"),
            Some(Stamp::Instant(instant))
        );
        assert_eq!(
            parse_stamp("2024-03-04 07:30:00+01:00"),
            Some(Stamp::Instant(instant))
        );
        assert_eq!(
            parse_stamp("2024-03-04"),
            Some(Stamp::Date(NaiveDate::from_ymd_opt(2024, 3, 4).unwrap()))
        );
        assert_eq!(parse_stamp("2024-13-04 07:00"), None);
        assert_eq!(parse_stamp("yesterday"), None);
    }

    #[test]
    fn durations_in_every_form() {
        assert_eq!(parse_minutes("45"), Some(45.0));
        assert_eq!(parse_minutes("1:05:00"), Some(65.0));
        assert_eq!(parse_minutes("0:45"), Some(45.0));
        assert_eq!(parse_minutes("1h 5m"), Some(65.0));
        assert_eq!(parse_minutes("45 min"), Some(45.0));
        assert_eq!(parse_minutes("90s"), Some(1.5));
        assert_eq!(parse_minutes("1 hr 20 mins"), Some(80.0));
        assert_eq!(parse_minutes("40 days"), Some(40.0 * 24.0 * 60.0));
        assert_eq!(parse_minutes("1:75"), None);
        assert_eq!(parse_minutes_in("45,5", true), Some(45.5));
        assert_eq!(parse_minutes("45,5"), None);
        assert_eq!(parse_minutes("long"), None);
        assert_eq!(parse_minutes("-5 min"), Some(-5.0));
        assert_eq!(parse_minutes("-1:30"), Some(-90.0));
        assert_eq!(parse_minutes("-0:08:10").map(|m| m < 0.0), Some(true));
        assert_eq!(parse_minutes("0:-8"), None);
    }

    #[test]
    fn numbers_with_points_commas_and_groups() {
        assert_eq!(parse_number("12.5", false), Some(12.5));
        assert_eq!(parse_number("12,5", true), Some(12.5));
        assert_eq!(parse_number("12,5", false), None);
        assert_eq!(parse_number("1,234.5", false), Some(1234.5));
        assert_eq!(parse_number("abc", false), None);
        assert_eq!(parse_number("NaN", false), None);
    }
}
