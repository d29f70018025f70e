//! Peloton's workout history (the workouts CSV, from members.onepeloton.com > profile >
//! Workouts > Download Workouts): one row per class or ride taken.
//!
//! ```text
//! Workout Timestamp,Live/On-Demand,Instructor Name,Length (minutes),Fitness Discipline,Type,Title,Class Timestamp,Total Output,Avg. Watts,Avg. Resistance,Avg. Cadence (RPM),Avg. Speed (mph),Distance (mi),Calories Burned,Avg. Heartrate,Avg. Incline,Avg. Pace (min/mi)
//! 2024-04-15 17:30 (-07),Live,Jamie Reyes,30,Cycling,Intervals,30 min HIIT Ride,2024-04-15 17:25 (-07),312,173,46%,84,20.51,10.26,440,152.34,,
//! ```
//!
//! Accounts in metric units export `Avg. Speed (kph)`, `Distance (km)` and `Avg. Pace (min/km)`
//! instead; the header says which.
//!
//! The columns read:
//!
//! - `Workout Timestamp`: the start, to the minute, followed by a zone in brackets. The zone is
//!   written in three ways, all read into an instant ([`parse_timestamp`]):
//!   - a number of hours from UTC, `(-07)`, `(+0530)`: the offset of that workout;
//!   - `(UTC)`;
//!   - a zone's abbreviation, `(PST)`, `(CDT)`, `(EST)`, `(CET)`. This one names the account's
//!     region, not the offset of the day: real exports write `(PST)` on July rides and `(CDT)`
//!     on January ones, one abbreviation on every row. The times are that region's wall clock
//!     all year: a bedtime meditation at 19:50 stays at 19:50 across the change to winter
//!     time, a 09:30 ride stays at 09:30 across the change to summer time. So an abbreviation
//!     is read as its region's zone ([`ZONES`]), daylight saving included. Where a region of
//!     Peloton's markets keeps the same standard time all year (Arizona's MST, Saskatchewan's
//!     CST, Queensland's AEST, the UTC that GMT also is), the summer rows could be an hour off,
//!     and a warning says so. An abbreviation not in the table skips the row with a warning.
//! - `Fitness Discipline`: `Cycling`, `Running`, `Walking`, `Rowing`, `Cardio`, `Strength`,
//!   `Yoga`, `Stretching`, `Meditation`, `Bike Bootcamp`, ...: the activity, with the modality
//!   Peloton's discipline states ([`DISCIPLINES`]).
//! - `Length (minutes)`: the class's length. `None` (a scenic ride of a set distance) or `0` is
//!   no length; a class left early is still its length (the export has no other).
//! - `Distance (mi)` or `Distance (km)`: empty for classes off the bike and tread.
//! - `Avg. Heartrate`: bpm, empty where no strap was paired.
//! - `Title` (`20 min Beginner Ride`) is the title; `Type` (`Intervals`, `Low Impact`, `Warm
//!   Up/Cool Down`) and `Instructor Name` are the notes, where the words of the class type tell
//!   its intensity.
//!
//! Output, watts, resistance, cadence, speed, calories, incline and pace are not read.

use chrono::{FixedOffset, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use super::csv_rows::{Col, Columns, KM_PER_MILE, Row, for_each_row};
use super::values::positive;
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::analysis::timeline::resolve_local;
use crate::error::Result;
use crate::model::{Modality, Origin, Stamp, Warning, WarningKind, Workout};

const TIMESTAMP: &[&str] = &["Workout Timestamp"];
const INSTRUCTOR: &[&str] = &["Instructor Name"];
const LENGTH: &[&str] = &["Length (minutes)"];
const DISCIPLINE: &[&str] = &["Fitness Discipline"];
const CLASS_TYPE: &[&str] = &["Type"];
const TITLE: &[&str] = &["Title"];
const DISTANCE_MI: &[&str] = &["Distance (mi)", "Distance (miles)"];
const DISTANCE_KM: &[&str] = &["Distance (km)"];
const AVG_HR: &[&str] = &["Avg. Heartrate"];

const REQUIRED: &[&[&str]] = &[TIMESTAMP, INSTRUCTOR, LENGTH, DISCIPLINE, TITLE];

const TIMESTAMP_EXPECTED: &str =
    "a time like 2020-04-07 16:39 (PST), 2021-03-15 15:55 (-07) or 2020-04-04 13:55 (UTC)";
const LENGTH_EXPECTED: &str = "minutes, like 30";

/// Zone abbreviations and the zone whose wall clock they stand for, in Peloton's markets (the
/// United States, Canada, the United Kingdom, Germany, Austria, Australia); each with the zone
/// of a region that keeps the same standard time all year, where there is one.
pub const ZONES: &[(&str, Tz, Option<Tz>)] = &[
    ("EST", chrono_tz::America::New_York, None),
    ("EDT", chrono_tz::America::New_York, None),
    (
        "CST",
        chrono_tz::America::Chicago,
        Some(chrono_tz::America::Regina),
    ),
    ("CDT", chrono_tz::America::Chicago, None),
    (
        "MST",
        chrono_tz::America::Denver,
        Some(chrono_tz::America::Phoenix),
    ),
    ("MDT", chrono_tz::America::Denver, None),
    ("PST", chrono_tz::America::Los_Angeles, None),
    ("PDT", chrono_tz::America::Los_Angeles, None),
    ("AKST", chrono_tz::America::Anchorage, None),
    ("AKDT", chrono_tz::America::Anchorage, None),
    ("HST", chrono_tz::Pacific::Honolulu, None),
    (
        "AST",
        chrono_tz::America::Halifax,
        Some(chrono_tz::America::Puerto_Rico),
    ),
    ("ADT", chrono_tz::America::Halifax, None),
    ("NST", chrono_tz::America::St_Johns, None),
    ("NDT", chrono_tz::America::St_Johns, None),
    ("GMT", chrono_tz::Europe::London, Some(chrono_tz::UTC)),
    ("BST", chrono_tz::Europe::London, None),
    ("CET", chrono_tz::Europe::Berlin, None),
    ("CEST", chrono_tz::Europe::Berlin, None),
    (
        "AEST",
        chrono_tz::Australia::Sydney,
        Some(chrono_tz::Australia::Brisbane),
    ),
    ("AEDT", chrono_tz::Australia::Sydney, None),
    (
        "ACST",
        chrono_tz::Australia::Adelaide,
        Some(chrono_tz::Australia::Darwin),
    ),
    ("ACDT", chrono_tz::Australia::Adelaide, None),
    ("AWST", chrono_tz::Australia::Perth, None),
];

/// Peloton's fitness disciplines (as the workouts CSV writes them), the activity each is read
/// as, and the modality the discipline states. A bootcamp (`Bootcamp`, `Bike Bootcamp`, `Tread
/// Bootcamp`, `Row Bootcamp`) is both cardio and lifting in one class, and is left to the words
/// of its name; a discipline not listed here too.
pub const DISCIPLINES: &[(&str, &str, Modality)] = &[
    ("Cycling", "Cycling", Modality::Cardio),
    ("Running", "Running", Modality::Cardio),
    ("Walking", "Walking", Modality::Cardio),
    ("Rowing", "Rowing", Modality::Cardio),
    ("Cardio", "Cardio", Modality::Cardio),
    ("Strength", "Strength Training", Modality::Strength),
    ("Yoga", "Yoga", Modality::Other),
    ("Stretching", "Stretching", Modality::Other),
    ("Meditation", "Meditation", Modality::Other),
];

pub struct Peloton;

impl Importer for Peloton {
    fn name(&self) -> &'static str {
        "peloton"
    }

    fn describe(&self) -> &'static str {
        "a Peloton workout history (the workouts CSV)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Peloton")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, REQUIRED)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let file = input.file.clone();
        let mut layout: Option<Layout> = None;
        // The first row whose zone abbreviation a region without daylight saving also writes,
        // dated where the two readings differ.
        let mut either_zone: Option<(Origin, &'static str, Tz, Tz)> = None;
        for_each_row(input, "peloton", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, layout, origin, sink, &mut either_zone)
        })?;
        if let Some((origin, label, zone, other)) = either_zone {
            sink.warnings.push(Warning::about(
                WarningKind::Assumption,
                &file,
                format!(
                    "times marked ({label}) are read as {zone}, with daylight saving; {other} keeps {label} all year, so if these workouts were logged there, those from the daylight-saving months are read an hour early (the first is on line {})",
                    origin.line
                ),
            ));
        }
        Ok(())
    }
}

/// Where each column this importer reads is in one file, and the distance's unit.
struct Layout {
    timestamp: Col,
    instructor: Col,
    length: Col,
    discipline: Col,
    class_type: Col,
    title: Col,
    distance: Col,
    km_per_unit: f64,
    avg_hr: Col,
}

impl Layout {
    fn new(c: &Columns) -> Layout {
        let (distance, km_per_unit) = match c.find(DISTANCE_KM) {
            Some(i) => (Some(i), 1.0),
            None => (c.find(DISTANCE_MI), KM_PER_MILE),
        };
        Layout {
            timestamp: c.find(TIMESTAMP),
            instructor: c.find(INSTRUCTOR),
            length: c.find(LENGTH),
            discipline: c.find(DISCIPLINE),
            class_type: c.find(CLASS_TYPE),
            title: c.find(TITLE),
            distance,
            km_per_unit,
            avg_hr: c.find(AVG_HR),
        }
    }
}

fn read_row(
    row: &Row,
    layout: &Layout,
    origin: &Origin,
    sink: &mut Sink,
    either_zone: &mut Option<(Origin, &'static str, Tz, Tz)>,
) -> Result<()> {
    let Some(text) = row.value(layout.timestamp) else {
        return sink.skip(origin, "no Workout Timestamp");
    };
    let mut time_warnings = Vec::new();
    let read = parse_timestamp(text, |why| {
        time_warnings.push(Warning::at(WarningKind::Time, origin, why));
    });
    let start = match read {
        Ok(Read { stamp, either }) => {
            if let Some((label, zone, other)) = either
                && either_zone.is_none()
            {
                *either_zone = Some((origin.clone(), label, zone, other));
            }
            stamp
        }
        Err(TimestampError::Unreadable) => {
            return row.skip_unreadable(layout.timestamp, TIMESTAMP_EXPECTED, origin, sink);
        }
        Err(TimestampError::UnknownZone(label)) => {
            return sink.skip(
                origin,
                format!(
                    "column {} (Workout Timestamp): the zone ({label}) is not one concur knows ({}, a number of hours like -07, or UTC); give the file's zone with --tz-of and write the times without it",
                    layout.timestamp.map_or(0, |i| i + 1),
                    ZONES.iter().map(|(l, ..)| *l).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    };
    sink.warnings.append(&mut time_warnings);
    let minutes = match row.value(layout.length) {
        None => None,
        // A ride of a set distance has no class length.
        Some(s) if s.eq_ignore_ascii_case("none") => None,
        Some(s) => match super::values::parse_number(s, false).filter(|m| *m >= 0.0) {
            Some(m) => Some(m).filter(|m| *m > 0.0),
            None => return row.skip_unreadable(layout.length, LENGTH_EXPECTED, origin, sink),
        },
    };
    let discipline = row.text(layout.discipline);
    let mut w = Workout::new(origin.clone(), start);
    w.minutes = minutes;
    match DISCIPLINES
        .iter()
        .find(|(name, ..)| name.eq_ignore_ascii_case(discipline))
    {
        Some((_, activity, modality)) => {
            w.activity = activity.to_string();
            w.modality = Some(*modality);
        }
        None => w.activity = discipline.to_string(),
    }
    w.title = match row.text(layout.title) {
        "" => discipline.to_string(),
        title => title.to_string(),
    };
    w.notes = [row.text(layout.class_type), row.text(layout.instructor)]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    // Peloton writes 0 for an empty metric (a ride with the bike's screen off).
    w.distance_km = positive(row.number(layout.distance)?).map(|d| d * layout.km_per_unit);
    w.avg_hr = positive(row.number(layout.avg_hr)?);
    sink.workouts.push(w);
    Ok(())
}

/// A `Workout Timestamp` read.
#[derive(Debug, PartialEq)]
pub struct Read {
    pub stamp: Stamp,
    /// The abbreviation, its zone and the zone without daylight saving that also writes it,
    /// where the two read this time differently.
    pub either: Option<(&'static str, Tz, Tz)>,
}

#[derive(Debug, PartialEq)]
pub enum TimestampError {
    Unreadable,
    UnknownZone(String),
}

/// Reads `2020-04-07 16:39 (PST)`, `2021-03-15 15:55 (-07)`, `2020-04-04 13:55 (UTC)`, and a
/// time without a zone (`2020-04-07 16:39`) as a wall-clock time in the file's zone. `warn` hears
/// of a time that does not exist or exists twice in its zone (a daylight-saving change).
pub fn parse_timestamp(
    s: &str,
    warn: impl FnMut(String),
) -> std::result::Result<Read, TimestampError> {
    let s = s.trim();
    let (time, zone) = match s.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
        Some((time, zone)) => (time.trim(), Some(zone.trim())),
        None => (s, None),
    };
    let local = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(time, f).ok())
        .ok_or(TimestampError::Unreadable)?;
    let plain = |stamp| Read {
        stamp,
        either: None,
    };
    let Some(zone) = zone else {
        return Ok(plain(Stamp::Local(local)));
    };
    if zone.eq_ignore_ascii_case("UTC") || zone.eq_ignore_ascii_case("Z") {
        return Ok(plain(Stamp::Instant(
            chrono::Utc.from_utc_datetime(&local).fixed_offset(),
        )));
    }
    if zone.starts_with(['+', '-']) {
        let offset = parse_offset(zone).ok_or(TimestampError::Unreadable)?;
        let at = offset
            .from_local_datetime(&local)
            .single()
            .ok_or(TimestampError::Unreadable)?;
        return Ok(plain(Stamp::Instant(at)));
    }
    let Some((label, tz, other)) = ZONES
        .iter()
        .find(|(label, ..)| label.eq_ignore_ascii_case(zone))
    else {
        return Err(TimestampError::UnknownZone(zone.to_string()));
    };
    let at = resolve_local(*tz, local, warn).fixed_offset();
    let either = other
        .filter(|other| {
            other
                .from_local_datetime(&local)
                .earliest()
                .is_some_and(|there| there.fixed_offset() != at)
        })
        .map(|other| (*label, *tz, other));
    Ok(Read {
        stamp: Stamp::Instant(at),
        either,
    })
}

/// `-07`, `+0530`, `+05:30`: hours (and minutes) east of UTC.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let (sign, digits) = match s.split_at(1) {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    if hours > 14 || minutes >= 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::analysis::classify::modality_of;
    use crate::import::testing::{head, read};

    const US: &str = "Workout Timestamp,Live/On-Demand,Instructor Name,Length (minutes),Fitness Discipline,Type,Title,Class Timestamp,Total Output,Avg. Watts,Avg. Resistance,Avg. Cadence (RPM),Avg. Speed (mph),Distance (mi),Calories Burned,Avg. Heartrate,Avg. Incline,Avg. Pace (min/mi)";
    const METRIC: &str = "Workout Timestamp,Live/On-Demand,Instructor Name,Length (minutes),Fitness Discipline,Type,Title,Class Timestamp,Total Output,Avg. Watts,Avg. Resistance,Avg. Cadence (RPM),Avg. Speed (kph),Distance (km),Calories Burned,Avg. Heartrate,Avg. Incline,Avg. Pace (min/km)";

    fn instant(s: &str) -> Stamp {
        Stamp::Instant(DateTime::parse_from_rfc3339(s).unwrap())
    }

    fn parse(s: &str) -> std::result::Result<Read, TimestampError> {
        parse_timestamp(s, |_| {})
    }

    fn stamp(s: &str) -> Stamp {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}")).stamp
    }

    fn read_ok(text: &str) -> Sink {
        read(&Peloton, "workouts.csv", text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn detects_both_units_and_no_other_export() {
        for header in [US, METRIC] {
            assert!(matches!(Peloton.detect(&head(header)), Detection::Match(_)));
        }
        assert_eq!(
            Peloton.detect(&head(&US.replace("Length (minutes)", "Length"))),
            Detection::Near {
                missing: vec!["Length (minutes)"]
            }
        );
        assert_eq!(
            Peloton.detect(&head("start,end,duration,type,title,rpe,avg_hr")),
            Detection::No
        );
    }

    #[test]
    fn numeric_offsets_and_utc_are_the_instant_written() {
        assert_eq!(
            stamp("2021-03-15 15:55 (-07)"),
            instant("2021-03-15T15:55:00-07:00")
        );
        assert_eq!(
            stamp("2021-01-21 13:47 (-08)"),
            instant("2021-01-21T13:47:00-08:00")
        );
        assert_eq!(
            stamp("2022-01-05 07:00 (+0530)"),
            instant("2022-01-05T07:00:00+05:30")
        );
        assert_eq!(
            stamp("2022-01-05 07:00 (+10:30)"),
            instant("2022-01-05T07:00:00+10:30")
        );
        assert_eq!(
            stamp("2020-04-04 13:55 (UTC)"),
            instant("2020-04-04T13:55:00Z")
        );
        for bad in [
            "2021-03-15 15:55 (-7a)",
            "2021-03-15 15:55 (+25)",
            "2021-03-15 15:55 (-071)",
        ] {
            assert_eq!(parse(bad), Err(TimestampError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn an_abbreviation_is_its_regions_wall_clock_all_year() {
        // (PST) on a July ride: Pacific daylight time, as the clock on the wall showed it.
        assert_eq!(
            stamp("2020-07-24 07:52 (PST)"),
            instant("2020-07-24T07:52:00-07:00")
        );
        assert_eq!(
            stamp("2020-12-24 07:52 (PST)"),
            instant("2020-12-24T07:52:00-08:00")
        );
        // (CDT) on a January ride: Central standard time.
        assert_eq!(
            stamp("2020-01-30 09:30 (CDT)"),
            instant("2020-01-30T09:30:00-06:00")
        );
        assert_eq!(
            stamp("2018-02-22 17:25 (EST)"),
            instant("2018-02-22T17:25:00-05:00")
        );
        assert_eq!(
            stamp("2020-12-15 21:18 (CET)"),
            instant("2020-12-15T21:18:00+01:00")
        );
        assert_eq!(
            stamp("2021-06-15 21:18 (cet)"),
            instant("2021-06-15T21:18:00+02:00")
        );
    }

    #[test]
    fn an_abbreviation_a_region_keeps_all_year_is_flagged_where_it_matters() {
        let summer = parse("2021-07-01 08:00 (MST)").unwrap();
        assert_eq!(summer.stamp, instant("2021-07-01T08:00:00-06:00"));
        assert_eq!(
            summer.either,
            Some((
                "MST",
                chrono_tz::America::Denver,
                chrono_tz::America::Phoenix
            ))
        );
        // In winter Denver and Phoenix agree.
        assert_eq!(parse("2021-01-10 08:00 (MST)").unwrap().either, None);
        assert_eq!(parse("2021-07-01 08:00 (PST)").unwrap().either, None);
    }

    #[test]
    fn an_unknown_abbreviation_or_a_bad_time_is_an_error_never_a_guess() {
        assert_eq!(
            parse("2021-07-01 08:00 (XYZ)"),
            Err(TimestampError::UnknownZone("XYZ".into()))
        );
        assert_eq!(
            parse("2021-07-01 8 AM (PST)"),
            Err(TimestampError::Unreadable)
        );
        assert_eq!(
            stamp("2021-07-01 08:00"),
            Stamp::Local(
                NaiveDateTime::parse_from_str("2021-07-01 08:00", "%Y-%m-%d %H:%M").unwrap()
            )
        );
    }

    #[test]
    fn a_time_the_clocks_skip_is_moved_with_a_warning() {
        let mut heard = Vec::new();
        let read = parse_timestamp("2021-03-14 02:30 (PST)", |w| heard.push(w)).unwrap();
        assert_eq!(read.stamp, instant("2021-03-14T03:30:00-07:00"));
        assert_eq!(heard.len(), 1);
        assert!(heard[0].contains("does not exist"), "{heard:?}");
    }

    #[test]
    fn rows_in_miles_with_every_kind_of_zone() {
        let text = format!(
            "{US}\n\
             2021-04-19 14:45 (-07),Live,Priya Daniels,45,Cycling,Power Zone,45 min Power Zone Endurance Ride,2021-04-15 13:50 (-07),505,187,49%,81,20.40,15.30,720,146.25,,\n\
             2021-04-19 15:32 (-07),On Demand,Tess Holloway,5,Stretching,Pre & Post-Ride Stretch,5 min Post-Ride Stretch,2021-04-13 06:00 (-07),,,,,,,16,,,\n\
             2021-04-21 15:24 (PST),On Demand,Marco Bell,15,Strength,Lower Body,15 min Lower Body Strength,2021-04-20 09:30 (PST),,,,,,,110,,,\n\
             2021-05-24 15:19 (-07),On Demand,,None,Cycling,Scenic Ride,5 KM Lakeside Ride,,80,110,42%,74,16.20,3.11,110,,,\n\
             2020-04-14 20:15 (UTC),On Demand,Lena Marsh,10,Meditation,Mindfulness,10 min Mindfulness Meditation,2020-03-10 22:30 (UTC),,,,,,,10,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.skipped, 0);
        let w = &sink.workouts;
        assert_eq!(w[0].start, instant("2021-04-19T14:45:00-07:00"));
        assert_eq!(w[0].minutes, Some(45.0));
        assert_eq!(w[0].modality, Some(Modality::Cardio));
        assert_eq!(w[0].avg_hr, Some(146.25));
        assert!((w[0].distance_km.unwrap() - 15.3 * KM_PER_MILE).abs() < 1e-9);
        assert_eq!(w[0].title, "45 min Power Zone Endurance Ride");
        assert_eq!(w[0].notes, "Power Zone, Priya Daniels");
        assert_eq!(w[1].modality, Some(Modality::Other));
        assert_eq!(w[1].distance_km, None);
        assert_eq!(w[2].modality, Some(Modality::Strength));
        assert_eq!(w[2].activity, "Strength Training");
        assert_eq!(w[2].start, instant("2021-04-21T15:24:00-07:00"));
        // A ride of a set distance: no class length.
        assert_eq!(w[3].minutes, None);
        assert!((w[3].distance_km.unwrap() - 3.11 * KM_PER_MILE).abs() < 1e-9);
        assert_eq!(w[4].start, instant("2020-04-14T20:15:00Z"));
        assert_eq!(w[4].modality, Some(Modality::Other));
    }

    #[test]
    fn kilometres_in_a_metric_export() {
        let text = format!(
            "{METRIC}\n2020-12-15 21:18 (CET),On Demand,Greta Vogel,30,Cycling,Theme,30 min Winter Ride,2020-12-14 19:00 (CET),280,155,44%,86,31.10,15.63,380,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.workouts[0].distance_km, Some(15.63));
        assert_eq!(sink.workouts[0].start, instant("2020-12-15T21:18:00+01:00"));
    }

    #[test]
    fn unreadable_times_and_unknown_zones_skip_the_row_and_say_why() {
        let text = format!(
            "{US}\n\
             2021-04-19 (-07),Live,Jamie Reyes,30,Cycling,Music,30 min Pop Ride,,300,160,45%,80,20.0,10.0,400,,,\n\
             2021-04-19 14:45 (XYZ),Live,Jamie Reyes,30,Cycling,Music,30 min Pop Ride,,300,160,45%,80,20.0,10.0,400,,,\n\
             2021-04-20 14:45 (-07),Live,Jamie Reyes,half,Cycling,Music,30 min Pop Ride,,300,160,45%,80,20.0,10.0,400,,,\n\
             2021-04-21 14:45 (-07),Live,Jamie Reyes,30,Cycling,Music,30 min Pop Ride,,300,160,45%,80,20.0,10.0,400,,,\n\
             2021-07-21 08:00 (MST),Live,Jamie Reyes,30,Cycling,Music,30 min Pop Ride,,300,160,45%,80,20.0,10.0,400,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!((sink.workouts.len(), sink.skipped), (2, 3));
        let said: Vec<&str> = sink.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            said[0].contains("column 1 (Workout Timestamp): expected a time like"),
            "{said:?}"
        );
        assert!(
            said[1].contains("the zone (XYZ) is not one concur knows"),
            "{said:?}"
        );
        assert!(
            said[2].contains("column 4 (Length (minutes)): expected minutes"),
            "{said:?}"
        );
        assert!(
            said[3].contains("(MST) are read as America/Denver")
                && said[3].contains("America/Phoenix")
                && said[3].contains("line 6"),
            "{said:?}"
        );
    }

    #[test]
    fn disciplines_agree_with_their_words() {
        for (name, activity, modality) in DISCIPLINES {
            assert_eq!(modality_of(activity), Some(*modality), "{name}");
        }
    }
}
