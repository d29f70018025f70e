//! Runkeeper's activity list (`cardioActivities.csv`, in the zip from runkeeper.com > Account
//! Settings > Export Data): one row per activity.
//!
//! Two headers are read:
//!
//! ```text
//! Date,Type,Route Name,Distance (mi),Duration,Average Pace,Average Speed (mph),Calories Burned,Climb (ft),Average Heart Rate (bpm),Notes,GPX File
//! Activity Id,Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File
//! ```
//!
//! the older without `Activity Id` and `Friend's Tagged`, the newer with them. Either is written
//! in the account's units, which the header names: `Distance (mi)` with `Average Speed (mph)`
//! and `Climb (ft)`, or `Distance (km)` with `(km/h)` and `(m)`.
//!
//! The columns read:
//!
//! - `Date`: the start, as the phone's wall clock showed it (`2015-06-14 07:20:05`, the time the
//!   activity's GPX file is named after, `2015-06-14-0720.gpx`): a [`Stamp::Local`].
//! - `Type`: Runkeeper's activity type, read as the activity ([`TYPES`] says where its words
//!   need help to be classified).
//! - `Duration`: `mm:ss` under an hour (`26:42`), `h:mm:ss` from an hour (`1:06:06`). Not the
//!   `h:mm` other apps write: `26:42` is 26 minutes.
//! - `Distance (mi)` or `Distance (km)`; `0.00` (a strength workout, a class) is no distance.
//! - `Average Heart Rate (bpm)`: empty where no strap was paired.
//! - `Route Name` is the title where there is one (else the type), `Notes` the notes.
//!
//! Pace, speed, calories, climb and the GPX file name are not read: no rule uses them.

use chrono::NaiveDateTime;

use super::csv_rows::{Col, Columns, KM_PER_MILE, Row, for_each_row};
use super::values::{parse_stamp, positive};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::error::Result;
use crate::model::{Modality, Origin, Stamp, Workout};

const DATE: &[&str] = &["Date"];
const TYPE: &[&str] = &["Type"];
const ROUTE: &[&str] = &["Route Name"];
const DURATION: &[&str] = &["Duration"];
const DISTANCE_KM: &[&str] = &["Distance (km)"];
const DISTANCE_MI: &[&str] = &["Distance (mi)"];
const DISTANCE_ANY: &[&str] = &["Distance (km)", "Distance (mi)"];
const AVG_HR: &[&str] = &["Average Heart Rate (bpm)"];
const NOTES: &[&str] = &["Notes"];
const PACE: &[&str] = &["Average Pace"];
const GPX: &[&str] = &["GPX File"];

const REQUIRED: &[&[&str]] = &[DATE, TYPE, ROUTE, DISTANCE_ANY, DURATION, PACE, GPX];

const DATE_EXPECTED: &str = "a date-time like 2015-06-14 07:20:05";
const DURATION_EXPECTED: &str = "a duration like 26:42 (mm:ss) or 1:06:06 (h:mm:ss)";

/// Runkeeper's activity types (the list of its Health Graph API, as
/// github.com/tableflip/fitness-activity, packages/runkeeper-activity-types, keeps it) whose
/// names classification does not read right by their words, with the modality the type says.
/// Every other type is classified by its name: Running, Cycling, Mountain Biking, Walking,
/// Hiking, Cross-Country Skiing, Skating, Swimming, Rowing, Elliptical, Spinning, Zumba,
/// Boxing / MMA, Arc Trainer, Stairmaster / Stepwell, Nordic Walking, Wheelchair, Dance and
/// Bootcamp are cardio; Strength Training, CrossFit and Circuit Training are strength; Yoga,
/// Pilates, Barre, Meditation, Downhill Skiing and Snowboarding are other. Group Workout, Sports
/// and Other say neither, and are left to the words of their notes and route (else shown as
/// other).
pub const TYPES: &[(&str, Modality)] = &[("Core Strengthening", Modality::Strength)];

pub struct Runkeeper;

impl Importer for Runkeeper {
    fn name(&self) -> &'static str {
        "runkeeper"
    }

    fn describe(&self) -> &'static str {
        "a Runkeeper activities export (cardioActivities.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Runkeeper")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, REQUIRED)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut layout: Option<Layout> = None;
        for_each_row(input, "runkeeper", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, layout, origin, sink)
        })
    }
}

/// Where each column this importer reads is in one file, and the distance's unit.
struct Layout {
    date: Col,
    kind: Col,
    route: Col,
    duration: Col,
    distance: Col,
    /// Kilometres per unit of `distance`.
    km_per_unit: f64,
    avg_hr: Col,
    notes: Col,
}

impl Layout {
    fn new(c: &Columns) -> Layout {
        let (distance, km_per_unit) = match c.find(DISTANCE_KM) {
            Some(i) => (Some(i), 1.0),
            None => (c.find(DISTANCE_MI), KM_PER_MILE),
        };
        Layout {
            date: c.find(DATE),
            kind: c.find(TYPE),
            route: c.find(ROUTE),
            duration: c.find(DURATION),
            distance,
            km_per_unit,
            avg_hr: c.find(AVG_HR),
            notes: c.find(NOTES),
        }
    }
}

fn read_row(row: &Row, layout: &Layout, origin: &Origin, sink: &mut Sink) -> Result<()> {
    let Some(date) = row.value(layout.date) else {
        return sink.skip(origin, "no Date");
    };
    let Some(start) = parse_date(date) else {
        return row.skip_unreadable(layout.date, DATE_EXPECTED, origin, sink);
    };
    let minutes = match row.value(layout.duration) {
        None => None,
        Some(text) => match parse_duration(text) {
            Some(minutes) => Some(minutes),
            None => return row.skip_unreadable(layout.duration, DURATION_EXPECTED, origin, sink),
        },
    };
    let kind = row.text(layout.kind);
    let mut w = Workout::new(origin.clone(), start);
    w.minutes = minutes;
    w.activity = kind.to_string();
    w.modality = TYPES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(kind))
        .map(|(_, modality)| *modality);
    w.title = match row.text(layout.route) {
        "" => kind.to_string(),
        route => route.to_string(),
    };
    w.notes = row.text(layout.notes).to_string();
    // Runkeeper writes `0.00` where an activity has no distance.
    w.distance_km = positive(row.number(layout.distance)?).map(|d| d * layout.km_per_unit);
    w.avg_hr = positive(row.number(layout.avg_hr)?);
    sink.workouts.push(w);
    Ok(())
}

/// Runkeeper writes its dates `2015-06-14 07:20:05`; other ISO forms are read as
/// [`parse_stamp`] reads them.
fn parse_date(s: &str) -> Option<Stamp> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(Stamp::Local)
        .or_else(|| parse_stamp(s))
}

/// `Duration` in minutes: `mm:ss` (two parts: minutes and seconds, `26:42`) or `h:mm:ss`.
fn parse_duration(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let number = |p: &str| -> Option<f64> {
        let (int, frac) = p.split_once('.').unwrap_or((p, "0"));
        let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
        (digits(int) && digits(frac))
            .then(|| p.parse().ok())
            .flatten()
    };
    let below_60 = |p: &str| number(p).filter(|n| *n < 60.0);
    match parts.as_slice() {
        [m, sec] => Some(number(m)? + below_60(sec)? / 60.0),
        [h, m, sec] => Some(number(h)? * 60.0 + below_60(m)? + below_60(sec)? / 60.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::classify::modality_of;
    use crate::import::testing::{head, read};

    const OLD_MI: &str = "Date,Type,Route Name,Distance (mi),Duration,Average Pace,Average Speed (mph),Calories Burned,Climb (ft),Average Heart Rate (bpm),Notes,GPX File";
    const OLD_KM: &str = "Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Notes,GPX File";
    const NEW_MI: &str = "Activity Id,Date,Type,Route Name,Distance (mi),Duration,Average Pace,Average Speed (mph),Calories Burned,Climb (ft),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File";

    fn local(s: &str) -> Stamp {
        Stamp::Local(NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap())
    }

    fn read_ok(text: &str) -> Sink {
        read(&Runkeeper, "cardioActivities.csv", text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn detects_every_variant_and_no_other_export() {
        for header in [OLD_MI, OLD_KM, NEW_MI, &NEW_MI.replace("(mi)", "(km)")] {
            assert!(
                matches!(Runkeeper.detect(&head(header)), Detection::Match(_)),
                "{header}"
            );
        }
        assert_eq!(
            Runkeeper.detect(&head(&OLD_KM.replace(",GPX File", ""))),
            Detection::Near {
                missing: vec!["GPX File"]
            }
        );
        for other in [
            "start,end,duration,type,title,rpe,avg_hr,distance_km,notes",
            "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR",
        ] {
            assert_eq!(Runkeeper.detect(&head(other)), Detection::No, "{other}");
        }
    }

    #[test]
    fn miles_and_both_duration_forms_in_the_older_variant() {
        let text = format!(
            "{OLD_MI}\n\
             2015-06-14 07:20:05,Running,,3.11,26:42,8:35,6.99,390.0,60.20,,\"First run in the new shoes\",2015-06-14-0720.gpx\n\
             2015-06-12 18:02:40,Running,\"River loop\",7.02,1:06:06,9:25,6.37,880.0,130.50,152,,2015-06-12-1802.gpx\n"
        );
        let sink = read_ok(&text);
        let [short, long] = &sink.workouts[..] else {
            panic!("{:?}", sink.workouts);
        };
        assert_eq!(short.start, local("2015-06-14 07:20:05"));
        assert!(close(short.minutes, 26.7));
        assert!(close(short.distance_km, 3.11 * KM_PER_MILE));
        assert_eq!(short.title, "Running");
        assert_eq!(short.notes, "First run in the new shoes");
        assert_eq!(short.avg_hr, None);
        assert!(close(long.minutes, 66.1));
        assert_eq!(long.title, "River loop");
        assert_eq!(long.avg_hr, Some(152.0));
    }

    #[test]
    fn kilometres_and_the_newer_variant_with_activity_ids() {
        let text = format!(
            "{}\n\
             0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d,2024-03-28 08:30:00,Strength Training,,0.00,45:00,,,245.0,0,,\"\",\"\",\n\
             1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e,2024-03-25 17:50:12,Cycling,,22.30,55:10,2:28,24.25,600.0,54,135,\"\",\"\",2024-03-25-175012.gpx\n",
            NEW_MI
                .replace("(mi)", "(km)")
                .replace("(mph)", "(km/h)")
                .replace("(ft)", "(m)")
        );
        let sink = read_ok(&text);
        let [lift, ride] = &sink.workouts[..] else {
            panic!("{:?}", sink.workouts);
        };
        assert_eq!(lift.activity, "Strength Training");
        assert_eq!(lift.distance_km, None);
        assert_eq!(lift.minutes, Some(45.0));
        assert_eq!(ride.distance_km, Some(22.3));
        assert_eq!(ride.avg_hr, Some(135.0));
        assert_eq!(ride.start, local("2024-03-25 17:50:12"));
    }

    #[test]
    fn durations_are_minutes_and_seconds_below_an_hour() {
        assert_eq!(parse_duration("26:42"), Some(26.7));
        assert_eq!(parse_duration("1:06:06"), Some(66.1));
        assert_eq!(parse_duration("0:45"), Some(0.75));
        assert_eq!(parse_duration("45:00"), Some(45.0));
        assert_eq!(parse_duration("12:60"), None);
        assert_eq!(parse_duration("1:60:00"), None);
        assert_eq!(parse_duration("45"), None);
        assert_eq!(parse_duration("half an hour"), None);
    }

    #[test]
    fn every_type_is_classified_by_name_or_by_the_table() {
        let cardio = [
            "Running",
            "Cycling",
            "Mountain Biking",
            "Walking",
            "Hiking",
            "Cross-Country Skiing",
            "Skating",
            "Swimming",
            "Rowing",
            "Elliptical",
            "Spinning",
            "Zumba",
            "Boxing / MMA",
            "Arc Trainer",
            "Stairmaster / Stepwell",
            "Nordic Walking",
            "Wheelchair",
            "Dance",
            "Bootcamp",
        ];
        for kind in cardio {
            assert_eq!(modality_of(kind), Some(Modality::Cardio), "{kind}");
        }
        for kind in ["Strength Training", "CrossFit", "Circuit Training"] {
            assert_eq!(modality_of(kind), Some(Modality::Strength), "{kind}");
        }
        // Downhill skiing is lift-served: not cardio training.
        for kind in [
            "Yoga",
            "Pilates",
            "Barre",
            "Meditation",
            "Downhill Skiing",
            "Snowboarding",
        ] {
            assert_eq!(modality_of(kind), Some(Modality::Other), "{kind}");
        }
        // The table is only for names the words do not read as the type says.
        for (kind, modality) in TYPES {
            assert_ne!(modality_of(kind), Some(*modality), "{kind}");
        }
    }

    #[test]
    fn the_table_sets_the_modality() {
        let text = format!(
            "{OLD_KM}\n2024-03-05 07:00:00,Core Strengthening,,0.00,20:00,,,90,0,,,\n2024-03-06 07:00:00,Wheelchair,,5.10,30:00,5:53,10.2,200,12,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.workouts[0].modality, Some(Modality::Strength));
        // Known by its words: no modality set here.
        assert_eq!(sink.workouts[1].modality, None);
    }

    #[test]
    fn unreadable_dates_and_durations_skip_the_row_naming_the_column() {
        let text = format!(
            "{OLD_KM}\n\
             14/06/2015 07:20,Running,,5.00,30:00,6:00,10.0,350,40,,,\n\
             2015-06-14 07:20:05,Running,,5.00,half an hour,6:00,10.0,350,40,,,\n\
             2015-06-15 07:20:05,Running,,5.00,30:00,6:00,10.0,350,40,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!((sink.workouts.len(), sink.skipped), (1, 2));
        let first = &sink.warnings[0];
        assert_eq!(first.line, Some(2));
        assert!(
            first
                .message
                .starts_with("row skipped: column 1 (Date): expected a date-time"),
            "{}",
            first.message
        );
        assert!(
            sink.warnings[1]
                .message
                .contains("column 5 (Duration): expected a duration like 26:42 (mm:ss)"),
            "{}",
            sink.warnings[1].message
        );
    }
}
