//! WHOOP's workouts (`workouts.csv`, in the archive the WHOOP app sends by e-mail: More > App
//! Settings > Data Export): one row per workout, with the physiological cycle (WHOOP's day,
//! from falling asleep to falling asleep) it belongs to.
//!
//! ```text
//! Cycle start time,Cycle end time,Cycle timezone,Workout start time,Workout end time,
//! Duration (min),Activity name,Activity Strain,Energy burned (cal),Max HR (bpm),
//! Average HR (bpm),HR Zone 1 %,...,HR Zone 5 %,GPS enabled,Distance (meters),...
//! 2024-06-02 22:59:49,2024-06-03 21:51:32,UTC-04:00,2024-06-03 08:13:34,2024-06-03 08:41:25,
//! 27,Running,9.6,300.0,175,151,1,5,41,53,0,true,5008.67,47.54,-0.60
//! ```
//!
//! The columns read:
//!
//! - `Workout start time`, `Workout end time`: wall-clock times, `2024-06-03 08:13:34`, in the
//!   zone of the row's cycle.
//! - `Cycle timezone`: that zone's offset from UTC, `UTC-04:00`, `UTC+01:00`. With it the start
//!   and end are instants ([`Stamp::Instant`]): a workout recorded abroad lands at its true
//!   moment whatever `--tz` is, as Strava's UTC times do. A row without an offset keeps its
//!   wall-clock times, read in `--tz`.
//! - `Duration (min)`: whole minutes, the length where the end is missing (the end gives it to
//!   the second otherwise).
//! - `Activity name`: WHOOP's activity (`Running`, `Cycling`, `Weightlifting`, `Functional
//!   Fitness`, `Walking`, `Yoga`, `HIIT`, `Disc Golf`, `Yard Work`, ...), as activity and title.
//! - `Average HR (bpm)`, `Max HR (bpm)`: beats per minute.
//! - `Distance (meters)`: metres, filled for workouts recorded with GPS.
//!
//! `Activity Strain` (WHOOP's 0 to 21 load score), `Energy burned (cal)`, the minutes in each
//! heart-rate zone (`HR Zone 1 %` to `HR Zone 5 %`, shares of the workout) and the altitude are
//! not read: no rule uses them (docs/rules.md), and the average heart rate already gives the
//! intensity. The cycle's own start and end are not a workout's.
//!
//! The export's other files (`physiological_cycles.csv`, `sleeps.csv`, `journal_entries.csv`)
//! share the cycle columns and hold no workout; given one, concur says which file to give.

use chrono::{DateTime, FixedOffset, TimeZone};

use super::csv_rows::{Col, Columns, Row, for_each_row};
use super::values::{parse_number, parse_stamp, positive};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::error::Result;
use crate::model::{Origin, Stamp, Workout};

const TIMEZONE: &[&str] = &["Cycle timezone"];
const START: &[&str] = &["Workout start time"];
const END: &[&str] = &["Workout end time"];
const DURATION: &[&str] = &["Duration (min)"];
const ACTIVITY: &[&str] = &["Activity name"];
const STRAIN: &[&str] = &["Activity Strain"];
const AVG_HR: &[&str] = &["Average HR (bpm)"];
const MAX_HR: &[&str] = &["Max HR (bpm)"];
const DISTANCE: &[&str] = &["Distance (meters)"];

/// The columns detection asks for; the first name of each is the one messages use. (WHOOP's
/// other files, `physiological_cycles.csv` and `sleeps.csv`, share the cycle columns but have no
/// workout.)
const REQUIRED: &[&[&str]] = &[TIMEZONE, START, END, DURATION, ACTIVITY, STRAIN];

const TIME_EXPECTED: &str = "a date-time like 2024-06-03 08:13:34";
const OFFSET_EXPECTED: &str = "an offset from UTC like UTC-04:00 or UTC+01:00";
const MINUTES_EXPECTED: &str = "whole minutes, like 27";
const NUMBER_EXPECTED: &str = "a number, like 151 or 5008.67";

pub struct Whoop;

impl Importer for Whoop {
    fn name(&self) -> &'static str {
        "whoop"
    }

    fn describe(&self) -> &'static str {
        "a WHOOP workouts export (workouts.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("WHOOP")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, REQUIRED)
    }

    /// WHOOP's export holds three more files beside `workouts.csv`, with the same cycle columns
    /// and no workout: worth naming, as a folder of the unzipped export holds them all.
    fn unread_variant(&self, head: &Head) -> Option<String> {
        let cycle = head.has_column("Cycle start time") && head.has_column(TIMEZONE[0]);
        (cycle && !head.has_column(START[0])).then(|| {
            "this is a file of a WHOOP export that holds no workouts (physiological_cycles.csv, sleeps.csv or journal_entries.csv: 'Cycle start time' but no 'Workout start time'); give concur the export's workouts.csv".to_string()
        })
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut layout: Option<Layout> = None;
        for_each_row(input, "whoop", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, layout, origin, sink)
        })
    }
}

fn read_row(row: &Row, layout: &Layout, origin: &Origin, sink: &mut Sink) -> Result<()> {
    let offset = row.parse(layout.timezone, OFFSET_EXPECTED, parse_offset)?;
    let at = |col: Col| -> Result<Option<Stamp>> {
        row.parse(col, TIME_EXPECTED, |s| in_offset(parse_stamp(s)?, offset))
    };
    let Some(start) = at(layout.start)? else {
        return sink.skip(origin, "no Workout start time");
    };
    let mut w = Workout::new(origin.clone(), start);
    w.end = at(layout.end)?;
    w.minutes = row.parse(layout.duration, MINUTES_EXPECTED, number)?;
    let activity = row.text(layout.activity);
    w.activity = activity.to_string();
    w.title = activity.to_string();
    // WHOOP leaves a value empty where it measured nothing; a 0 means the same.
    w.avg_hr = positive(row.parse(layout.avg_hr, NUMBER_EXPECTED, number)?);
    w.max_hr = positive(row.parse(layout.max_hr, NUMBER_EXPECTED, number)?);
    w.distance_km =
        positive(row.parse(layout.distance, NUMBER_EXPECTED, number)?).map(|m| m / 1000.0);
    sink.workouts.push(w);
    Ok(())
}

/// A wall-clock time of the file as the instant it is in `offset`, where the row gives one. A
/// date without a time of day is no WHOOP time.
fn in_offset(stamp: Stamp, offset: Option<FixedOffset>) -> Option<Stamp> {
    match (stamp, offset) {
        (Stamp::Date(_), _) => None,
        (Stamp::Local(t), Some(offset)) => {
            let instant: DateTime<FixedOffset> = offset.from_local_datetime(&t).single()?;
            Some(Stamp::Instant(instant))
        }
        (stamp, _) => Some(stamp),
    }
}

/// `UTC-04:00`, `UTC+01:00`, `UTC+05:30`; also `UTC` alone, `GMT` for `UTC`, and the offset
/// without the prefix (`-04:00`, `+0100`).
pub fn parse_offset(s: &str) -> Option<FixedOffset> {
    let s = s.trim();
    let rest = ["UTC", "GMT"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s)
        .trim();
    if rest.is_empty() && s.len() == 3 {
        return FixedOffset::east_opt(0);
    }
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "00"),
    };
    let whole = |p: &str, max: i32| -> Option<i32> {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    let seconds = whole(hours, 14)? * 3600 + whole(minutes, 59)? * 60;
    FixedOffset::east_opt(sign * seconds)
}

fn number(s: &str) -> Option<f64> {
    parse_number(s, false)
}

/// Where each column this importer reads is in one file.
struct Layout {
    timezone: Col,
    start: Col,
    end: Col,
    duration: Col,
    activity: Col,
    avg_hr: Col,
    max_hr: Col,
    distance: Col,
}

impl Layout {
    fn new(c: &Columns) -> Layout {
        Layout {
            timezone: c.find(TIMEZONE),
            start: c.find(START),
            end: c.find(END),
            duration: c.find(DURATION),
            activity: c.find(ACTIVITY),
            avg_hr: c.find(AVG_HR),
            max_hr: c.find(MAX_HR),
            distance: c.find(DISTANCE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::classify::modality_of;
    use crate::model::Modality;

    const HEADER: &str = "Cycle start time,Cycle end time,Cycle timezone,Workout start time,Workout end time,Duration (min),Activity name,Activity Strain,Energy burned (cal),Max HR (bpm),Average HR (bpm),HR Zone 1 %,HR Zone 2 %,HR Zone 3 %,HR Zone 4 %,HR Zone 5 %,GPS enabled,Distance (meters),Altitude gain (meters),Altitude change (meters)\n";

    fn read(rows: &str) -> Result<Sink> {
        crate::import::testing::read(&Whoop, "workouts.csv", &format!("{HEADER}{rows}"))
    }

    fn instant(s: &str) -> Stamp {
        Stamp::Instant(DateTime::parse_from_rfc3339(s).unwrap())
    }

    #[test]
    fn detects_the_workouts_file_and_no_other_whoop_file() {
        let head = crate::import::testing::head(HEADER);
        assert!(matches!(Whoop.detect(&head), Detection::Match(_)));
        let cycles = "Cycle start time,Cycle end time,Cycle timezone,Recovery score %,Resting heart rate (bpm),Heart rate variability (ms),Skin temp (celsius),Blood oxygen %,Day Strain,Energy burned (cal),Max HR (bpm),Average HR (bpm)\n";
        assert_eq!(
            Whoop.detect(&crate::import::testing::head(cycles)),
            Detection::No
        );
        assert!(
            Whoop
                .unread_variant(&crate::import::testing::head(cycles))
                .is_some()
        );
        assert_eq!(
            Whoop.unread_variant(&crate::import::testing::head(HEADER)),
            None
        );
        let cut = HEADER.replace("Cycle timezone,", "");
        assert_eq!(
            Whoop.detect(&crate::import::testing::head(&cut)),
            Detection::Near {
                missing: vec!["Cycle timezone"]
            }
        );
    }

    #[test]
    fn times_are_instants_in_the_cycle_offset() {
        let sink = read(
            "2024-06-02 22:59:49,2024-06-03 21:51:32,UTC-04:00,2024-06-03 08:13:34,2024-06-03 08:41:25,27,Running,9.6,300.0,175,151,1,5,41,53,0,true,5008.67,47.54,-0.60\n\
             2024-06-10 04:43:44,2024-06-11 02:46:25,UTC+01:00,2024-06-10 13:10:30,2024-06-10 14:05:29,55,Weightlifting,8.1,250.0,160,118,20,50,30,0,0,false,,,\n",
        )
        .unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (2, 0));
        let run = &sink.workouts[0];
        assert_eq!(run.start, instant("2024-06-03T08:13:34-04:00"));
        assert_eq!(run.end, Some(instant("2024-06-03T08:41:25-04:00")));
        assert_eq!(run.minutes, Some(27.0));
        assert_eq!(
            (run.activity.as_str(), run.title.as_str()),
            ("Running", "Running")
        );
        assert_eq!((run.avg_hr, run.max_hr), (Some(151.0), Some(175.0)));
        assert_eq!(run.distance_km, Some(5.00867));
        let lift = &sink.workouts[1];
        assert_eq!(lift.start, instant("2024-06-10T12:10:30Z"));
        assert_eq!(lift.distance_km, None);
    }

    #[test]
    fn a_row_without_an_offset_keeps_its_wall_clock_and_without_an_end_its_minutes() {
        let sink = read(
            "2024-06-02 22:59:49,,,2024-06-03 08:13:34,,27,Yoga,3.0,90.0,120,95,80,20,0,0,0,false,,,\n",
        )
        .unwrap();
        let w = &sink.workouts[0];
        assert!(matches!(w.start, Stamp::Local(_)), "{:?}", w.start);
        assert_eq!((w.end, w.minutes), (None, Some(27.0)));
    }

    #[test]
    fn offsets_in_every_form() {
        let east = |s: i32| FixedOffset::east_opt(s);
        assert_eq!(parse_offset("UTC-04:00"), east(-4 * 3600));
        assert_eq!(parse_offset("UTC+01:00"), east(3600));
        assert_eq!(parse_offset("UTC+05:30"), east(5 * 3600 + 1800));
        assert_eq!(parse_offset("UTC"), east(0));
        assert_eq!(parse_offset("GMT+2"), east(7200));
        assert_eq!(parse_offset("-0330"), east(-(3 * 3600 + 1800)));
        for bad in [
            "",
            "UTC-4:75",
            "UTC+25:00",
            "EST",
            "America/New_York",
            "UTC 04:00",
        ] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_values_name_line_and_column_and_a_row_without_a_start_is_skipped() {
        let err = read("2024-06-02 22:59:49,,UTC-04:00,06/03/2024 08:13,2024-06-03 08:41:25,27,Running,9.6,300.0,175,151,1,5,41,53,0,true,,,\n")
            .err().expect("an error")
            .to_string();
        assert!(
            err.contains("workouts.csv:2: column 4 (Workout start time): expected a date-time like 2024-06-03 08:13:34, found \"06/03/2024 08:13\""),
            "{err}"
        );
        let err = read("2024-06-02 22:59:49,,Eastern,2024-06-03 08:13:34,2024-06-03 08:41:25,27,Running,9.6,300.0,175,151,1,5,41,53,0,true,,,\n")
            .err().expect("an error")
            .to_string();
        assert!(
            err.contains("column 3 (Cycle timezone): expected an offset"),
            "{err}"
        );
        let err = read("2024-06-02 22:59:49,,UTC-04:00,2024-06-03 08:13:34,2024-06-03 08:41:25,27 min,Running,9.6,300.0,175,151,1,5,41,53,0,true,,,\n")
            .err().expect("an error")
            .to_string();
        assert!(
            err.contains("column 6 (Duration (min)): expected whole minutes"),
            "{err}"
        );
        let sink = read(
            "2024-06-02 22:59:49,,UTC-04:00,,,27,Running,9.6,300.0,175,151,1,5,41,53,0,true,,,\n",
        )
        .unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (0, 1));
    }

    #[test]
    fn whoop_activities_classify() {
        for (name, modality) in [
            ("Running", Some(Modality::Cardio)),
            ("Cycling", Some(Modality::Cardio)),
            ("Walking", Some(Modality::Cardio)),
            ("Hiking/Rucking", Some(Modality::Cardio)),
            ("HIIT", Some(Modality::Cardio)),
            ("Weightlifting", Some(Modality::Strength)),
            ("Yoga", Some(Modality::Other)),
            ("Disc Golf", Some(Modality::Other)),
            ("Yard Work", Some(Modality::Other)),
            // CrossFit-style work: lifting, mixed with conditioning.
            ("Functional Fitness", Some(Modality::Strength)),
            ("Tennis", Some(Modality::Cardio)),
        ] {
            assert_eq!(modality_of(name), modality, "{name}");
        }
        // Neither strength nor cardio by its name: shown as other, named in a warning.
        assert_eq!(modality_of("Ice Bath"), None);
    }
}
