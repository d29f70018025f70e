//! Whether the logs' wall-clock times were read in the right zone. A person does not lift and
//! run at once: strength and cardio from two files that overlap by many minutes mean that one
//! file's local times were read in the wrong zone (an app writing local times beside one writing
//! UTC, read with the system's zone). So do sessions of two files that match one for one, same
//! kind and same length, but whole hours apart: one workout recorded by two apps, which cannot be
//! merged as read. Where moving one file's times by whole hours lines the files up, the report
//! says so once, and names the zone that would.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::timeline::Placed;
use crate::model::{Modality, Stamp, Warning, WarningKind};

/// Overlaps shorter than this are rounding, or a cool-down logged loosely.
const MIN_OVERLAP_MINUTES: i64 = 10;

/// The zones tried and proposed: one per offset (as in January) a person is likely to be in,
/// each with its own daylight-saving rules.
const PROPOSED: &[&str] = &[
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Halifax",
    "America/Sao_Paulo",
    "Atlantic/South_Georgia",
    "Atlantic/Azores",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Helsinki",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Brisbane",
    "Pacific/Noumea",
    "Pacific/Auckland",
];

/// A strength or cardio session with a time of day: which file, its wall-clock start where the
/// file gives one (only those can be in the wrong zone), its length, and its span in UTC seconds
/// as read.
struct Span<'a> {
    file: &'a str,
    wall: Option<NaiveDateTime>,
    seconds: i64,
    modality: Modality,
    start: i64,
}

/// How well the files line up, with one file's times read in one zone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Fit {
    /// Strength and cardio of two files that overlap by [`MIN_OVERLAP_MINUTES`] or more.
    overlapping: usize,
    /// Strength and cardio of two files that follow each other within 30 minutes (a warm-up
    /// before lifting, a run straight after).
    adjacent: usize,
    /// Sessions of two files of one kind that start within [`TWIN_START_SECONDS`] and last
    /// about as long: the same workout recorded twice.
    twins: usize,
}

/// How close the starts of one workout recorded by two apps are (apps round differently).
const TWIN_START_SECONDS: i64 = 120;

/// Whether two lengths are one workout's, as two apps time it: within 2 min or a tenth.
fn about_as_long(a: i64, b: i64) -> bool {
    (a - b).abs() <= 120.max(a.max(b) / 10)
}

/// Whether sessions of two files match in kind and length at least twice at one shift of whole
/// half hours: one pass over the sessions, so that the zones are searched for twins only where
/// there are some.
fn shifted_twins(spans: &[Span]) -> bool {
    let mut order: Vec<&Span> = spans.iter().collect();
    order.sort_unstable_by_key(|s| s.start);
    let mut shifts: HashMap<(&str, &str, i64), usize> = HashMap::new();
    for (i, a) in order.iter().enumerate() {
        for b in &order[i + 1..] {
            let apart = b.start - a.start;
            if apart > 14 * 3600 {
                break;
            }
            if a.file == b.file || a.modality != b.modality || !about_as_long(a.seconds, b.seconds)
            {
                continue;
            }
            let half_hours = (apart + 900).div_euclid(1800);
            if half_hours == 0 || (apart - half_hours * 1800).abs() > TWIN_START_SECONDS {
                continue;
            }
            let seen = shifts.entry((a.file, b.file, half_hours)).or_default();
            *seen += 1;
            if *seen >= 2 {
                return true;
            }
        }
    }
    false
}

/// [`Fit`], with the sessions of `file` read in `zone` (the others as they were read).
fn fit(spans: &[Span], file: &str, zone: Option<Tz>) -> Fit {
    let mut moved: Vec<(i64, i64, &str, Modality)> = spans
        .iter()
        .map(|s| {
            let start = match (zone, s.wall) {
                (Some(z), Some(wall)) if s.file == file => z
                    .from_local_datetime(&wall)
                    .earliest()
                    .map_or(s.start, |t| t.timestamp()),
                _ => s.start,
            };
            (start, start + s.seconds, s.file, s.modality)
        })
        .collect();
    moved.sort_unstable_by_key(|m| m.0);
    let mut fit = Fit::default();
    for (i, &(start, end, f, m)) in moved.iter().enumerate() {
        for &(s, e, g, n) in moved[..i].iter().rev() {
            if s < start - 86_400 {
                break;
            }
            if f == g {
                continue;
            }
            if m == n {
                if start - s <= TWIN_START_SECONDS && about_as_long(end - start, e - s) {
                    fit.twins += 1;
                }
                continue;
            }
            let shared = end.min(e) - start.max(s);
            if shared >= MIN_OVERLAP_MINUTES * 60 {
                fit.overlapping += 1;
            } else if (-1800..=0).contains(&shared) {
                fit.adjacent += 1;
            }
        }
    }
    fit
}

/// A warning when files overlap and reading one file's wall-clock times in another zone lines
/// them up; `None` where they do not overlap, or no zone helps.
pub fn check(sessions: &[Placed], tz: Tz) -> Option<Warning> {
    let spans: Vec<Span> = sessions
        .iter()
        .filter(|p| p.time_known && p.session.modality != Modality::Other)
        .map(|p| Span {
            file: &p.session.origin.file,
            wall: match p.session.start {
                Stamp::Local(t) => {
                    Some(t + Duration::milliseconds((p.session.offset_minutes * 60_000.0) as i64))
                }
                _ => None,
            },
            seconds: (p.end - p.start).num_seconds(),
            modality: p.session.modality,
            start: p.start.timestamp(),
        })
        .collect();
    let now = fit(&spans, "", None);
    let mut files: Vec<&str> = spans
        .iter()
        .filter(|s| s.wall.is_some())
        .map(|s| s.file)
        .collect();
    files.sort_unstable();
    files.dedup();
    if now.overlapping < 2 && (files.is_empty() || !shifted_twins(&spans)) {
        return None;
    }
    let zones: Vec<Tz> = PROPOSED.iter().filter_map(|z| z.parse().ok()).collect();
    let (file, zone, after) = files
        .iter()
        .flat_map(|f| zones.iter().filter(|z| **z != tz).map(move |z| (*f, *z)))
        .map(|(f, z)| (f, z, fit(&spans, f, Some(z))))
        .min_by_key(|(_, _, fit)| {
            (
                fit.overlapping,
                std::cmp::Reverse(fit.twins),
                std::cmp::Reverse(fit.adjacent),
            )
        })?;
    let overlaps_explained = now.overlapping >= 2 && after.overlapping * 4 <= now.overlapping;
    // One workout in two files, matched only once one of them is moved: at least two, and half
    // the sessions of the smaller side, so that two routines an hour apart are not taken for it.
    let in_file = spans.iter().filter(|s| s.file == file).count();
    let elsewhere = spans.len() - in_file;
    let twins_found = after.twins >= 2
        && after.twins > now.twins
        && (after.twins - now.twins) * 2 >= in_file.min(elsewhere)
        && after.overlapping <= now.overlapping;
    if !(overlaps_explained || twins_found) {
        return None;
    }
    let when = spans.iter().find(|s| s.file == file)?.start;
    let at = DateTime::from_timestamp(when, 0)?.naive_utc();
    let offset = |z: Tz| z.offset_from_utc_datetime(&at).fix().local_minus_utc() as i64;
    let utc = |seconds: i64| {
        let d = Duration::seconds(seconds.abs());
        let sign = if seconds < 0 { "-" } else { "+" };
        match d.num_minutes() % 60 {
            0 => format!("UTC{sign}{}", d.num_hours()),
            m => format!("UTC{sign}{}:{m:02}", d.num_hours()),
        }
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut seen = Vec::new();
    if overlaps_explained {
        seen.push(format!(
            "{} strength and cardio from different files overlap by {MIN_OVERLAP_MINUTES} min or more, which no one trains",
            plural(now.overlapping, "time")
        ));
    }
    if twins_found {
        seen.push(format!(
            "{} of {file} match sessions of another file in kind and length, whole hours apart: the same workouts recorded twice, which cannot be merged as read",
            plural(after.twins - now.twins, "session")
        ));
    }
    let lined_up = if overlaps_explained {
        format!(
            "they line up ({} left)",
            plural(after.overlapping, "overlap")
        )
    } else {
        "they line up and are merged".to_string()
    };
    Some(Warning::general(
        WarningKind::Time,
        format!(
            "{}: the wall-clock times of {file} were probably not logged in {tz} ({}). Read in {zone} ({}), {lined_up}: give --tz {zone} if all your logs were recorded there, or --tz-of {file}={zone} for that file alone",
            seen.join("; and "),
            utc(offset(tz)),
            utc(offset(zone)),
        ),
    ))
}
