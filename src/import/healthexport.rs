//! Apple Health workouts as the HealthExport iOS app writes them (healthexport.app: export type
//! Workouts, format CSV): one row per workout recorded in Apple Health, by an Apple Watch or any
//! app that writes there.
//!
//! ```text
//! Date,Active energy burned(kcal),Activity,Distance(km),Duration(Seconds),...,
//! Heart rate: Average(count/min),Heart rate: Maximum(count/min),...
//! 2021-01-02 15:05:17 - 2021-01-02 16:12:32,639.580,Running,10.371,4015.067,...,143.918,170.000,...
//! ```
//!
//! Each header names its unit in brackets, and which columns there are depends on the data and
//! the app's version: newer exports have elevation, METs and weather columns, older ones
//! `Flights climbed(count)` and `Swimming stroke count(count)`; the energy is `(kcal)` or
//! `(Cal)`, the duration `Duration(Seconds)` or `Duration(s)`. The columns read:
//!
//! - `Date`: the start and end, `2021-01-02 15:05:17 - 2021-01-02 16:12:32`: wall-clock times
//!   without a zone (the phone's), read in `--tz`.
//! - `Activity`: Apple's workout type (HealthKit's `HKWorkoutActivityType`, its words spaced:
//!   `Traditional Strength Training`, `Functional Strength Training`, `Running`, `Walking`,
//!   `Cycling`, `High Intensity Interval Training`, `Yoga`, ...), shown as the title; its
//!   modality comes from [`APPLE_TYPES`](super::apple_health::APPLE_TYPES) (shared with
//!   Health's own export.xml), which gives each type a name classification knows.
//! - `Duration(Seconds)`, `Duration(s)` (or `Duration(min)`): the time recorded, where the
//!   `Date` range has no end (the range, pauses included, gives the length otherwise).
//! - `Distance(km)`, `Distance(mi)` or `Distance(m)`: the unit is the header's; empty for
//!   workouts without distance.
//! - `Heart rate: Average(count/min)`, `Heart rate: Maximum(count/min)`: beats per minute.
//!
//! The energy, the share of time in each of five heart-rate zones (a fraction, `0.924`, despite
//! the `(%)`), elevation, METs and weather are not read: no rule uses them (docs/rules.md).

use chrono::NaiveDateTime;

use super::apple_health::known_name;
use super::csv_rows::{Col, Columns, KM_PER_MILE, Row, for_each_row};
use super::values::{parse_number, parse_stamp, positive};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::error::Result;
use crate::model::{Origin, Stamp, Workout};

const DATE: &[&str] = &["Date"];
const ACTIVITY: &[&str] = &["Activity"];
const DURATION_SECONDS: &[&str] = &["Duration(Seconds)", "Duration(s)"];
const DURATION_MINUTES: &[&str] = &["Duration(min)"];
const DURATION: &[&str] = &["Duration(Seconds)", "Duration(s)", "Duration(min)"];
const DISTANCE_KM: &[&str] = &["Distance(km)"];
const DISTANCE_MI: &[&str] = &["Distance(mi)"];
const DISTANCE_M: &[&str] = &["Distance(m)"];
const AVG_HR: &[&str] = &["Heart rate: Average(count/min)"];
const MAX_HR: &[&str] = &["Heart rate: Maximum(count/min)"];
const ENERGY: &[&str] = &["Active energy burned(kcal)", "Active energy burned(Cal)"];

/// The columns detection asks for; the first name of each is the one messages use. `Date`,
/// `Activity` and a duration alone are too plain to tell the file by; the energy burned is in
/// every HealthExport workouts file seen.
const REQUIRED: &[&[&str]] = &[DATE, ACTIVITY, DURATION, ENERGY];

const DATE_EXPECTED: &str =
    "a start and end like 2021-01-02 15:05:17 - 2021-01-02 16:12:32, or a start alone";
const NUMBER_EXPECTED: &str = "a number, like 4015.067";

pub struct HealthExport;

impl Importer for HealthExport {
    fn name(&self) -> &'static str {
        "healthexport"
    }

    fn describe(&self) -> &'static str {
        "an Apple Health workouts export of the HealthExport app (CSV)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Apple Health (HealthExport)")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, REQUIRED)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut layout: Option<Layout> = None;
        for_each_row(input, "healthexport", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, layout, origin, sink)
        })
    }
}

fn read_row(row: &Row, layout: &Layout, origin: &Origin, sink: &mut Sink) -> Result<()> {
    let Some((start, end)) = row.parse(layout.date, DATE_EXPECTED, parse_range)? else {
        return sink.skip(origin, "no Date");
    };
    let mut w = Workout::new(origin.clone(), Stamp::Local(start));
    w.end = end.map(Stamp::Local);
    let (duration, per_minute) = layout.duration;
    w.minutes = row
        .parse(duration, NUMBER_EXPECTED, number)?
        .map(|d| d * per_minute);
    let written = row.text(layout.activity);
    w.title = written.to_string();
    w.activity = known_name(written).unwrap_or(written).to_string();
    // HealthExport leaves a value empty where Health has none; 0 means the same.
    w.avg_hr = positive(row.parse(layout.avg_hr, NUMBER_EXPECTED, number)?);
    w.max_hr = positive(row.parse(layout.max_hr, NUMBER_EXPECTED, number)?);
    let (distance, km_per_unit) = layout.distance;
    w.distance_km =
        positive(row.parse(distance, NUMBER_EXPECTED, number)?).map(|d| d * km_per_unit);
    sink.workouts.push(w);
    Ok(())
}

/// `start - end`, or a start alone; each a wall-clock date-time.
fn parse_range(s: &str) -> Option<(NaiveDateTime, Option<NaiveDateTime>)> {
    let local = |s: &str| match parse_stamp(s)? {
        Stamp::Local(t) => Some(t),
        _ => None,
    };
    match s.split_once(" - ") {
        Some((start, end)) => Some((local(start)?, Some(local(end)?))),
        None => Some((local(s)?, None)),
    }
}

fn number(s: &str) -> Option<f64> {
    parse_number(s, false)
}

/// Where each column this importer reads is in one file, with the unit of the duration and the
/// distance (minutes and km per unit of the header's).
struct Layout {
    date: Col,
    activity: Col,
    duration: (Col, f64),
    distance: (Col, f64),
    avg_hr: Col,
    max_hr: Col,
}

impl Layout {
    fn new(c: &Columns) -> Layout {
        let duration = match c.find(DURATION_SECONDS) {
            Some(col) => (Some(col), 1.0 / 60.0),
            None => (c.find(DURATION_MINUTES), 1.0),
        };
        let distance = [
            (DISTANCE_KM, 1.0),
            (DISTANCE_MI, KM_PER_MILE),
            (DISTANCE_M, 0.001),
        ]
        .into_iter()
        .find_map(|(names, factor)| c.find(names).map(|col| (Some(col), factor)))
        .unwrap_or((None, 1.0));
        Layout {
            date: c.find(DATE),
            activity: c.find(ACTIVITY),
            duration,
            distance,
            avg_hr: c.find(AVG_HR),
            max_hr: c.find(MAX_HR),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header of the newer exports (elevation, METs, weather).
    const NEWER: &str = "Date,Active energy burned(kcal),Activity,Distance(km),Duration(Seconds),Elevation: Ascended(m),Elevation: Maximum(m),Elevation: Minimum(m),Heart rate zone: A Easy (<115bpm)(%),Heart rate zone: B Fat Burn (115-135bpm)(%),Heart rate zone: C Moderate Training (135-155bpm)(%),Heart rate zone: D Hard Training (155-175bpm)(%),Heart rate zone: E Extreme Training (>175bpm)(%),Heart rate: Average(count/min),Heart rate: Maximum(count/min),METs Average(kcal/hr·kg),Weather: Humidity(%),Weather: Temperature(degC)\n";
    /// The header of the older ones (flights climbed, swimming strokes).
    const OLDER: &str = "Date,Active energy burned(kcal),Activity,Distance(km),Duration(Seconds),Flights climbed(count),Heart rate zone: A Easy (<115bpm)(%),Heart rate zone: B Fat Burn (115-135bpm)(%),Heart rate zone: C Moderate Training (135-155bpm)(%),Heart rate zone: D Hard Training (155-175bpm)(%),Heart rate zone: E Extreme Training (>175bpm)(%),Heart rate: Average(count/min),Heart rate: Maximum(count/min),Swimming stroke count(count)\n";

    fn read(text: &str) -> Result<Sink> {
        crate::import::testing::read(&HealthExport, "Workouts.csv", text)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn detects_every_header_and_names_a_missing_column() {
        for header in [
            NEWER,
            OLDER,
            "Date,Active energy burned(Cal),Activity,Duration(s),Heart rate: Average(count/min),Heart rate: Maximum(count/min)\n",
        ] {
            let head = crate::import::testing::head(header);
            assert!(
                matches!(HealthExport.detect(&head), Detection::Match(_)),
                "{header}"
            );
        }
        let cut = OLDER.replace("Duration(Seconds),", "");
        assert_eq!(
            HealthExport.detect(&crate::import::testing::head(&cut)),
            Detection::Near {
                missing: vec!["Duration(Seconds)"]
            }
        );
        let garmin = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR\n";
        assert_eq!(
            HealthExport.detect(&crate::import::testing::head(garmin)),
            Detection::No
        );
    }

    #[test]
    fn reads_the_range_duration_distance_and_heart_rate() {
        let text = format!(
            "{NEWER}2021-01-02 15:05:17 - 2021-01-02 16:12:32,639.580,Running,10.371,4015.067,59.500,279.961,227.586,0.000,0.029,0.924,0.047,0.000,143.918,170.000,9.983,96.000,1.000\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (1, 0));
        let run = &sink.workouts[0];
        assert_eq!(run.start, Stamp::Local(local("2021-01-02 15:05:17")));
        assert_eq!(run.end, Some(Stamp::Local(local("2021-01-02 16:12:32"))));
        assert!((run.minutes.unwrap() - 66.917_783).abs() < 1e-5);
        assert_eq!(run.distance_km, Some(10.371));
        assert_eq!((run.avg_hr, run.max_hr), (Some(143.918), Some(170.0)));
        assert_eq!(
            (run.title.as_str(), run.activity.as_str()),
            ("Running", "Running")
        );
    }

    #[test]
    fn strength_types_are_named_for_classification_and_keep_apple_s_name_as_title() {
        let text = format!(
            "{OLDER}2020-12-03 13:20:51 - 2020-12-03 14:04:51,172.175,Traditional Strength Training,,2639.833,,0.958,0.042,0,0,0,94.626,123,\n\
             2020-12-08 17:04:33 - 2020-12-08 18:03:22,462.832,Squash,1.358,3528.24,,0.367,0.19,0.333,0.11,0,124.111,169,\n"
        );
        let sink = read(&text).unwrap();
        let lift = &sink.workouts[0];
        assert_eq!(lift.title, "Traditional Strength Training");
        assert_eq!(lift.activity, "Strength Training");
        assert_eq!(lift.distance_km, None);
        // A type the table does not name is left as written.
        assert_eq!(sink.workouts[1].activity, "Squash");
    }

    #[test]
    fn units_come_from_the_header() {
        let miles = "Date,Active energy burned(Cal),Activity,Distance(mi),Duration(min),Heart rate: Average(count/min)\n\
                     2024-06-11 07:00:00,300,Running,3.1,30.5,150\n";
        let sink = read(miles).unwrap();
        let run = &sink.workouts[0];
        assert!((run.distance_km.unwrap() - 4.988_966).abs() < 1e-5);
        assert_eq!((run.minutes, run.end), (Some(30.5), None));
        let seconds = "Date,Active energy burned(Cal),Activity,Distance(m),Duration(s)\n\
                       2024-06-11 07:00:00 - 2024-06-11 07:30:00,300,Swimming,1500,1800\n";
        let swim = &read(seconds).unwrap().workouts[0];
        assert_eq!((swim.distance_km, swim.minutes), (Some(1.5), Some(30.0)));
    }

    #[test]
    fn bad_values_name_line_and_column_and_a_row_without_a_date_is_skipped() {
        let err = read(&format!(
            "{OLDER}02/12/2020 13:20 - 02/12/2020 14:04,172,Running,5,2639.833,,1,0,0,0,0,94,123,\n"
        ))
        .err()
        .expect("an error")
        .to_string();
        assert!(
            err.contains("Workouts.csv:2: column 1 (Date): expected a start and end like 2021-01-02 15:05:17 - 2021-01-02 16:12:32"),
            "{err}"
        );
        let err = read(&format!(
            "{OLDER}2020-12-03 13:20:51 - 2020-12-03 14:04:51,172,Running,5,44 min,,1,0,0,0,0,94,123,\n"
        ))
        .err().expect("an error")
        .to_string();
        assert!(
            err.contains("column 5 (Duration(Seconds)): expected a number"),
            "{err}"
        );
        let sink = read(&format!(
            "{OLDER},172,Running,5,2639.833,,1,0,0,0,0,94,123,\n"
        ))
        .unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (0, 1));
    }
}
