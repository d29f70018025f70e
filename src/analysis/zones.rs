//! Whether the logs' wall-clock times were read in the right zone. A person does not lift and
//! run at once: strength and cardio from two files that overlap by many minutes mean that one
//! file's local times were read in the wrong zone (an app writing local times beside one writing
//! UTC, read with the system's zone). Where moving one file's times by whole hours lines the
//! files up, the report says so once, and names the zone that would.

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

/// Counts, with the sessions of `file` read in `zone` (the others as they were read): strength
/// and cardio of two files that overlap by [`MIN_OVERLAP_MINUTES`] or more, and that follow each
/// other within 30 minutes (a warm-up before lifting, a run straight after).
fn fit(spans: &[Span], file: &str, zone: Option<Tz>) -> (usize, usize) {
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
    let (mut overlapping, mut adjacent) = (0, 0);
    for (i, &(start, end, f, m)) in moved.iter().enumerate() {
        for &(s, e, g, n) in moved[..i].iter().rev() {
            if s < start - 86_400 {
                break;
            }
            if f == g || m == n {
                continue;
            }
            let shared = end.min(e) - start.max(s);
            if shared >= MIN_OVERLAP_MINUTES * 60 {
                overlapping += 1;
            } else if (-1800..=0).contains(&shared) {
                adjacent += 1;
            }
        }
    }
    (overlapping, adjacent)
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
    let (now, _) = fit(&spans, "", None);
    if now < 2 {
        return None;
    }
    let mut files: Vec<&str> = spans
        .iter()
        .filter(|s| s.wall.is_some())
        .map(|s| s.file)
        .collect();
    files.sort_unstable();
    files.dedup();
    let zones: Vec<Tz> = PROPOSED.iter().filter_map(|z| z.parse().ok()).collect();
    let (file, zone, (after, _)) = files
        .iter()
        .flat_map(|f| zones.iter().filter(|z| **z != tz).map(move |z| (*f, *z)))
        .map(|(f, z)| (f, z, fit(&spans, f, Some(z))))
        .min_by_key(|(_, _, (overlapping, adjacent))| {
            (*overlapping, std::cmp::Reverse(*adjacent))
        })?;
    if after * 4 > now {
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
    Some(Warning::general(
        WarningKind::Time,
        format!(
            "{now} times strength and cardio from different files overlap by {MIN_OVERLAP_MINUTES} min or more, which no one trains: the wall-clock times of {file} were probably not logged in {tz} ({}). Read in {zone} ({}), they line up ({after} overlap{} left): give --tz {zone} if all your logs were recorded there, or --tz-of {file}={zone} for that file alone",
            utc(offset(tz)),
            utc(offset(zone)),
            if after == 1 { "" } else { "s" },
        ),
    ))
}
