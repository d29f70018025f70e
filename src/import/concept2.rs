//! The Concept2 online logbook's season export (`concept2-season-2023.csv`, from
//! log.concept2.com > History, a season's CSV export): one row per workout on a Concept2 machine.
//!
//! Two headers are read, both written by the logbook:
//!
//! - older (seasons to 2022): every field quoted, the first column `ID`, and `Work Time
//!   (Formatted)` wrapped in a second pair of quotes (`"""22:20.1"""`);
//! - newer (2023 on): quoted only where needed, the first column `Log ID`, and a last column
//!   `Date Entered`.
//!
//! The columns read, in both:
//!
//! - `Date`: when the workout *ended*, as the rower's wall clock showed it (`2024-03-05
//!   07:32:00`): a [`Stamp::Local`]. The logbook stamps a workout the monitor (or ErgData)
//!   uploads at its end: `Date Entered`, the upload's time in UTC, lies a minute after `Date` in
//!   the real exports however long the workout was, and the rowsandall logbook importer reads it
//!   the same way (bitbucket.org/sanderroosendaal/rowsandall, issue 594). So the start is `Date`
//!   minus the workout's work and rest time.
//! - `Work Time (Seconds)` (`1340.1`), else `Work Time (Formatted)` (`22:20.1`, `1:02:03.4`), and
//!   `Rest Time (Seconds)`: the session lasts the work and the rest between intervals together,
//!   as the logbook adds them up for a synced interval workout.
//! - `Work Distance`: metres (the rest intervals' metres, `Rest Distance`, are paddling between
//!   pieces and not counted).
//! - `Avg Heart Rate`: bpm; `0` or empty where no strap was worn.
//! - `Type`: the machine (`RowErg`, `Indoor Rower`, `SkiErg`, `BikeErg`, ...), read as the
//!   activity ([`activity_of`]). Every workout on an erg is cardio, and is marked so.
//! - `Description` (`5000m row`, `v1:00/1:00r...10 row`) is the title, `Comments` the notes.
//!
//! Pace, watts, stroke rate, calories, drag factor, age and weight are not read: no rule uses
//! them (docs/rules.md).

use chrono::Duration;

use super::csv_rows::{Col, Columns, Row, for_each_row};
use super::values::{parse_number, parse_stamp, positive};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::error::Result;
use crate::model::{Modality, Origin, Stamp, Workout};

const DATE: &[&str] = &["Date"];
const DESCRIPTION: &[&str] = &["Description"];
const WORK_SECONDS: &[&str] = &["Work Time (Seconds)", "Time (Seconds)"];
const WORK_FORMATTED: &[&str] = &["Work Time (Formatted)", "Time (Formatted)", "Time"];
const REST_SECONDS: &[&str] = &["Rest Time (Seconds)"];
const WORK_DISTANCE: &[&str] = &["Work Distance", "Distance"];
const AVG_HR: &[&str] = &["Avg Heart Rate"];
const TYPE: &[&str] = &["Type"];
const COMMENTS: &[&str] = &["Comments"];
/// Columns only the logbook's export has, there in both headers.
const STROKE_RATE: &[&str] = &["Stroke Rate/Cadence"];
const DRAG_FACTOR: &[&str] = &["Drag Factor"];

const REQUIRED: &[&[&str]] = &[
    DATE,
    WORK_SECONDS,
    WORK_DISTANCE,
    STROKE_RATE,
    DRAG_FACTOR,
    TYPE,
];

const DATE_EXPECTED: &str = "a date-time like 2024-03-05 07:32:00";
const SECONDS_EXPECTED: &str = "seconds, like 1340.1";
const FORMATTED_EXPECTED: &str = "a time like 22:20.1 or 1:02:03.4";

pub struct Concept2;

impl Importer for Concept2 {
    fn name(&self) -> &'static str {
        "concept2"
    }

    fn describe(&self) -> &'static str {
        "a Concept2 logbook season export (concept2-season-YYYY.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Concept2")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, REQUIRED)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut layout: Option<Layout> = None;
        for_each_row(input, "concept2", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, layout, origin, sink)
        })
    }
}

/// Where each column this importer reads is in one file.
struct Layout {
    date: Col,
    description: Col,
    work_seconds: Col,
    work_formatted: Col,
    rest_seconds: Col,
    distance: Col,
    avg_hr: Col,
    kind: Col,
    comments: Col,
}

impl Layout {
    fn new(c: &Columns) -> Layout {
        Layout {
            date: c.find(DATE),
            description: c.find(DESCRIPTION),
            work_seconds: c.find(WORK_SECONDS),
            work_formatted: c.find(WORK_FORMATTED),
            rest_seconds: c.find(REST_SECONDS),
            distance: c.find(WORK_DISTANCE),
            avg_hr: c.find(AVG_HR),
            kind: c.find(TYPE),
            comments: c.find(COMMENTS),
        }
    }
}

fn read_row(row: &Row, layout: &Layout, origin: &Origin, sink: &mut Sink) -> Result<()> {
    let Some(date) = row.value(layout.date) else {
        return sink.skip(origin, "no Date");
    };
    let Some(ended) = parse_stamp(date) else {
        return row.skip_unreadable(layout.date, DATE_EXPECTED, origin, sink);
    };
    let work = match row.value(layout.work_seconds) {
        Some(s) => match parse_number(s, false).filter(|s| *s >= 0.0) {
            Some(seconds) => Some(seconds),
            None => {
                return row.skip_unreadable(layout.work_seconds, SECONDS_EXPECTED, origin, sink);
            }
        },
        None => match row
            .value(layout.work_formatted)
            .map(|s| s.trim_matches('"'))
        {
            Some("") | None => None,
            Some(s) => match parse_formatted(s) {
                Some(seconds) => Some(seconds),
                None => {
                    return row.skip_unreadable(
                        layout.work_formatted,
                        FORMATTED_EXPECTED,
                        origin,
                        sink,
                    );
                }
            },
        },
    };
    let Some(work) = work.filter(|s| *s > 0.0) else {
        // The date is the workout's end: without its length there is no start to place.
        return sink.skip(
            origin,
            "no Work Time: the Date is when the workout ended, so its start cannot be told",
        );
    };
    let rest = match row.value(layout.rest_seconds) {
        None => 0.0,
        Some(s) => match parse_number(s, false).filter(|s| *s >= 0.0) {
            Some(seconds) => seconds,
            None => {
                return row.skip_unreadable(layout.rest_seconds, SECONDS_EXPECTED, origin, sink);
            }
        },
    };
    let seconds = work + rest;
    // To the second, as the logbook's own times are: a tenth of a second of a start is noise.
    let before = Duration::try_seconds(seconds.round() as i64);
    let start = match ended {
        Stamp::Local(t) => before
            .and_then(|b| t.checked_sub_signed(b))
            .map(Stamp::Local),
        Stamp::Instant(t) => before
            .and_then(|b| t.checked_sub_signed(b))
            .map(Stamp::Instant),
        // A date without a time of day: the day is all there is to place it by.
        Stamp::Date(d) => Some(Stamp::Date(d)),
    };
    let Some(start) = start else {
        return sink.skip(
            origin,
            format!("a work and rest time of {seconds} s is longer than any workout"),
        );
    };
    let mut w = Workout::new(origin.clone(), start);
    if !matches!(ended, Stamp::Date(_)) {
        w.end = Some(ended);
    }
    w.minutes = Some(seconds / 60.0);
    w.modality = Some(Modality::Cardio);
    w.activity = activity_of(row.text(layout.kind)).to_string();
    w.title = row.text(layout.description).to_string();
    w.notes = row.text(layout.comments).to_string();
    // The logbook writes 0 where a workout has no heart rate or distance.
    w.distance_km = positive(row.number(layout.distance)?).map(|m| m / 1000.0);
    w.avg_hr = positive(row.number(layout.avg_hr)?);
    sink.workouts.push(w);
    Ok(())
}

/// The activity a logbook `Type` is, in the words classification knows: the rowers (`RowErg`,
/// `Indoor Rower`, `Dynamic Indoor Rower`) are indoor rowing; `SkiErg` and `BikeErg` are
/// kept, and so is anything else (on-water rowing, snow skiing logged by hand).
fn activity_of(kind: &str) -> &str {
    if kind.to_ascii_lowercase().contains("rower") {
        "Indoor Rowing"
    } else {
        kind
    }
}

/// `Work Time (Formatted)` in seconds: `m:ss.f` or `h:mm:ss.f`, the tenth optional.
fn parse_formatted(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let whole = |p: &str| -> Option<f64> {
        (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (last, rest) = parts.split_last()?;
    let seconds = {
        let (int, frac) = last.split_once('.').unwrap_or((last, "0"));
        whole(int)?;
        whole(frac)?;
        last.parse::<f64>().ok().filter(|s| *s < 60.0)?
    };
    match rest {
        [m] => Some(whole(m)? * 60.0 + seconds),
        [h, m] => {
            let minutes = whole(m).filter(|m| *m < 60.0)?;
            Some(whole(h)? * 3600.0 + minutes * 60.0 + seconds)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::analysis::classify::modality_of;
    use crate::import::testing::{head, read};

    const OLD: &str = "\"ID\",\"Date\",\"Description\",\"Work Time (Formatted)\",\"Work Time (Seconds)\",\"Rest Time (Formatted)\",\"Rest Time (Seconds)\",\"Work Distance\",\"Rest Distance\",\"Stroke Rate/Cadence\",\"Stroke Count\",\"Pace\",\"Avg Watts\",\"Cal/Hour\",\"Total Cal\",\"Avg Heart Rate\",\"Drag Factor\",\"Age\",\"Weight\",\"Type\",\"Ranked\",\"Comments\"";
    const NEW: &str = "\"Log ID\",Date,Description,\"Work Time (Formatted)\",\"Work Time (Seconds)\",\"Rest Time (Formatted)\",\"Rest Time (Seconds)\",\"Work Distance\",\"Rest Distance\",\"Stroke Rate/Cadence\",\"Stroke Count\",Pace,\"Avg Watts\",Cal/Hour,\"Total Cal\",\"Avg Heart Rate\",\"Drag Factor\",Age,Weight,Type,Ranked,Comments,\"Date Entered\"";

    fn local(s: &str) -> Stamp {
        Stamp::Local(NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap())
    }

    fn read_ok(text: &str) -> Sink {
        read(&Concept2, "concept2-season-2024.csv", text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn detects_both_headers_and_leaves_others_alone() {
        for header in [OLD, NEW] {
            assert!(matches!(
                Concept2.detect(&head(header)),
                Detection::Match(_)
            ));
        }
        let cut = NEW.replace("\"Drag Factor\",", "");
        assert_eq!(
            Concept2.detect(&head(&cut)),
            Detection::Near {
                missing: vec!["Drag Factor"]
            }
        );
        for other in [
            "Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Notes,GPX File",
            "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR",
        ] {
            assert_eq!(Concept2.detect(&head(other)), Detection::No, "{other}");
        }
    }

    #[test]
    fn the_older_variant_with_tripled_quotes_ends_at_its_date() {
        let text = format!(
            "{OLD}\n\
             \"60000002\",\"2021-11-07 19:40:00\",\"5000m row\",\"\"\"21:30.4\"\"\",\"1290.4\",\"\",\"\",\"5000\",\"\",\"23\",\"\",\"2:09.0\",\"163\",\"862\",\"306\",\"\",\"120\",\"35\",\"Hwt\",\"Indoor Rower\",\"No\",\"\"\n\
             \"60000001\",\"2021-11-06 09:15:00\",\"2000m row\",\"\"\"8:02.5\"\"\",\"\",\"\",\"\",\"2000\",\"\",\"27\",\"\",\"2:00.6\",\"200\",\"990\",\"131\",\"158\",\"121\",\"35\",\"Hwt\",\"Indoor Rower\",\"No\",\"felt strong\"\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.skipped, 0);
        let [long, short] = &sink.workouts[..] else {
            panic!("two workouts: {:?}", sink.workouts);
        };
        // 21:30.4 before 19:40:00, to the second.
        assert_eq!(long.start, local("2021-11-07 19:18:30"));
        assert_eq!(long.end, Some(local("2021-11-07 19:40:00")));
        assert!((long.minutes.unwrap() - 1290.4 / 60.0).abs() < 1e-9);
        assert_eq!(long.distance_km, Some(5.0));
        assert_eq!(long.avg_hr, None);
        assert_eq!(long.activity, "Indoor Rowing");
        assert_eq!(long.modality, Some(Modality::Cardio));
        assert_eq!(long.title, "5000m row");
        // No seconds column value: the formatted time, quotes and all.
        assert!((short.minutes.unwrap() - 482.5 / 60.0).abs() < 1e-9);
        assert_eq!(short.avg_hr, Some(158.0));
        assert_eq!(short.notes, "felt strong");
    }

    #[test]
    fn the_newer_variant_counts_rest_in_the_length() {
        let text = format!(
            "{NEW}\n\
             70000002,\"2024-05-12 18:20:00\",\"v1:00/1:00r...10 row\",10:00.0,600,10:00.0,600,2105,380,26,262,2:22.5,121,735,128,0,130,44,Hwt,RowErg,No,,\"2024-05-12 16:20:41\"\n\
             70000001,\"2024-05-10 07:45:00\",\"30:00 ski\",30:00.0,1800,,,6250,,36,1080,2:24.0,118,780,360,149,90,44,Hwt,SkiErg,No,,\"2024-05-10 05:45:37\"\n"
        );
        let sink = read_ok(&text);
        let rows = &sink.workouts;
        assert_eq!(rows[0].start, local("2024-05-12 18:00:00"));
        assert_eq!(rows[0].minutes, Some(20.0));
        assert_eq!(rows[0].distance_km, Some(2.105));
        assert_eq!(rows[0].avg_hr, None, "0 is no heart rate");
        assert_eq!(rows[1].activity, "SkiErg");
        assert_eq!(rows[1].avg_hr, Some(149.0));
        assert_eq!(rows[1].start, local("2024-05-10 07:15:00"));
    }

    #[test]
    fn every_machine_is_cardio_by_its_words_too() {
        for kind in [
            "RowErg",
            "Indoor Rower",
            "Dynamic Indoor Rower",
            "SkiErg",
            "BikeErg",
        ] {
            assert_eq!(
                modality_of(activity_of(kind)),
                Some(Modality::Cardio),
                "{kind}"
            );
        }
    }

    #[test]
    fn formatted_times() {
        assert_eq!(parse_formatted("22:20.1"), Some(1340.1));
        assert_eq!(parse_formatted("7:55.5"), Some(475.5));
        assert_eq!(parse_formatted("1:02:03.4"), Some(3723.4));
        assert_eq!(parse_formatted("10:00"), Some(600.0));
        assert_eq!(parse_formatted("1:75:00.0"), None);
        assert_eq!(parse_formatted("22:60.0"), None);
        assert_eq!(parse_formatted("fast"), None);
        assert_eq!(parse_formatted(""), None);
    }

    #[test]
    fn unreadable_dates_and_times_skip_the_row_naming_the_column() {
        let text = format!(
            "{NEW}\n\
             1,\"30/04/2023 13:07\",row,10:00.0,600,,,2000,,25,253,2:30.0,100,644,109,0,151,48,Hwt,RowErg,No,,\n\
             2,\"2024-05-12 13:07:00\",row,10:00.0,ten minutes,,,2000,,25,253,2:30.0,100,644,109,0,151,48,Hwt,RowErg,No,,\n\
             3,\"2024-05-12 15:07:00\",row,,,,,2000,,25,253,2:30.0,100,644,109,0,151,48,Hwt,RowErg,No,,\n\
             4,\"2024-05-12 18:07:00\",row,10:00.0,600,,,2000,,25,253,2:30.0,100,644,109,0,151,48,Hwt,RowErg,No,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.skipped, 3);
        let messages: Vec<String> = sink
            .warnings
            .iter()
            .map(|w| format!("{}{}", w.place(), w.message))
            .collect();
        assert!(
            messages[0].starts_with(
                "concept2-season-2024.csv:2: row skipped: column 2 (Date): expected a date-time"
            ),
            "{messages:?}"
        );
        assert!(messages[0].contains("\"30/04/2023 13:07\""), "{messages:?}");
        assert!(
            messages[1].contains("column 5 (Work Time (Seconds)): expected seconds"),
            "{messages:?}"
        );
        assert!(messages[2].contains("no Work Time"), "{messages:?}");

        let mut strict = Sink::new(true);
        let input = Input {
            path: "c2.csv".into(),
            file: "c2.csv".into(),
            reader: Box::new(std::io::Cursor::new(text.into_bytes())),
            delimiter: b',',
        };
        let e = Concept2.read(input, &mut strict).unwrap_err().to_string();
        assert!(e.starts_with("c2.csv:2: column 2 (Date)"), "{e}");
        assert!(e.ends_with("(--strict)"), "{e}");
    }

    #[test]
    fn a_time_longer_than_the_calendar_is_a_skipped_row_not_a_panic() {
        let text = format!(
            "{NEW}\n1,\"2024-05-12 13:07:00\",row,,1e300,,,2000,,25,253,2:30.0,100,644,109,0,151,48,Hwt,RowErg,No,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!((sink.workouts.len(), sink.skipped), (0, 1));
        assert!(sink.warnings[0].message.contains("longer than any workout"));
    }
}
