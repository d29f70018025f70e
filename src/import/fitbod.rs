//! Fitbod's workout export (`WorkoutExport.csv`, from the app's Export Workout Data): one row per
//! set, the newest workout first.
//!
//! ```text
//! Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier
//! 2024-04-15 16:05:12 +0000,Dumbbell Row, 8,34.01946820767298,0.0,0.0,0.0,0.0,false,, 2.0
//! ```
//!
//! Older exports end at `Note`, without `multiplier`; both are read. The columns read:
//!
//! - `Date`: the workout's start with its offset from UTC, `+0000` in every real export seen (so
//!   a [`Stamp::Instant`]); a date-time without an offset is the file's wall clock.
//! - `Exercise`: the exercise, as Fitbod names it. Cardio is an exercise like any other
//!   (`Running`, `Cycling`, `Walking`, `Hiking`, `Stair Stepper`), logged with a time and a
//!   distance instead of reps and weight.
//! - `Reps`; `Weight(kg)`: kilograms per implement (a pound weight is converted, `34.019...` is
//!   75 lb); `multiplier` (2 for a pair of dumbbells) is not read, the heaviest weight only
//!   telling that a set was lifted.
//! - `Duration(s)`: seconds; `Distance(m)`: metres.
//! - `isWarmup`: `true` marks a warm-up set.
//! - `Note`: the exercise's note, repeated on each of its sets: kept once in the workout's notes.
//! - `0` in a number is "not logged", as the app writes it. `Incline` and `Resistance` are not
//!   read.
//!
//! **Workouts.** Every set of one workout carries the workout's `Date` to the second, and the
//! rows of a workout follow one another: in the two real exports at hand (21,643 sets, 1,775
//! workouts) no timestamp appears in two runs of rows, and none advances within a workout. So
//! rows with the same `Date` are one workout, and any other `Date`, even seconds later, is
//! another: a cardio warm-up logged before the lifting is its own workout, with its own start,
//! minutes before the lifting's. A workout of timed sets only, with no reps or weight (a run, a
//! ride, a stair session, which is how Fitbod logs cardio), lasts as long as its sets' times
//! together; any other workout has no length in the export, and its end is estimated.
//!
//! **The same activity twice.** A run or ride can be listed more than once (one copy for each
//! source it reached Fitbod from, by the look of the real exports): as two or three sets of one
//! workout, or as a second workout seconds after the first, with distances a few metres apart
//! (24,957.38 m and 24,957.40 m, or 3,430.62 m and 3,403 m). Added up, it would be a ride twice
//! as long. So two sets of one exercise whose distances are within 1 % of each
//! other, one of them measured (to a fraction of a metre: no one types that in), and whose times
//! overlap, are one activity: it is read once, counted with the file's duplicates and named in a
//! warning. Pieces logged by hand (4 × 400 m) have whole distances and are all kept.

use super::csv_rows::{Col, Columns, Row, SetLog, for_each_row};
use super::values::parse_stamp;
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::error::Result;
use crate::model::{Origin, Set, Stamp, Warning, WarningKind, Workout};

const DATE: &[&str] = &["Date"];
const EXERCISE: &[&str] = &["Exercise"];
const REPS: &[&str] = &["Reps"];
const WEIGHT: &[&str] = &["Weight(kg)"];
const SECONDS: &[&str] = &["Duration(s)"];
const DISTANCE: &[&str] = &["Distance(m)"];
const WARMUP: &[&str] = &["isWarmup"];
const NOTE: &[&str] = &["Note"];

const REQUIRED: &[&[&str]] = &[DATE, EXERCISE, REPS, WEIGHT, SECONDS, DISTANCE, WARMUP];

const DATE_EXPECTED: &str = "a date-time like 2024-04-15 16:05:12 +0000";
const SECONDS_EXPECTED: &str = "seconds, like 547.0";
const WARMUP_EXPECTED: &str = "true or false";

/// How close two measured distances are to be one activity, as a share of the longer.
const SAME_DISTANCE: f64 = 0.01;
/// How many of the last measured sets a new one is compared with: the copies of one activity
/// stand within a few rows of each other.
const RECENT: usize = 8;

pub struct Fitbod;

impl Importer for Fitbod {
    fn name(&self) -> &'static str {
        "fitbod"
    }

    fn describe(&self) -> &'static str {
        "a Fitbod workout export (WorkoutExport.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Fitbod")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, REQUIRED)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let first = sink.workouts.len();
        let mut cols: Option<Cols> = None;
        let mut log = SetLog::default();
        let mut repeats = Repeats::default();
        for_each_row(input, "fitbod", sink, |row, origin, sink| {
            let c = cols.get_or_insert_with(|| Cols::new(row.columns));
            read_row(row, c, origin, sink, &mut log, &mut repeats)
        })?;
        log.finish(sink);
        for w in &mut sink.workouts[first..] {
            w.minutes = timed_only_minutes(w);
        }
        if let Some(example) = repeats.example {
            sink.repeated += repeats.count;
            sink.warnings.push(Warning::at(
                WarningKind::Duplicate,
                &example,
                format!(
                    "{} set{} repeated a run or ride already read (the same exercise, a measured distance within 1 %, at the same time: one activity listed again) and {} read once; for example this one",
                    repeats.count,
                    if repeats.count == 1 { "" } else { "s" },
                    if repeats.count == 1 { "was" } else { "were" },
                ),
            ));
        }
        Ok(())
    }
}

/// Where each column is in one file.
struct Cols {
    date: Col,
    exercise: Col,
    reps: Col,
    weight: Col,
    seconds: Col,
    distance: Col,
    warmup: Col,
    note: Col,
}

impl Cols {
    fn new(c: &Columns) -> Cols {
        Cols {
            date: c.find(DATE),
            exercise: c.find(EXERCISE),
            reps: c.find(REPS),
            weight: c.find(WEIGHT),
            seconds: c.find(SECONDS),
            distance: c.find(DISTANCE),
            warmup: c.find(WARMUP),
            note: c.find(NOTE),
        }
    }
}

/// A set with a measured distance, kept to find its copies.
struct Measured {
    exercise: String,
    /// The workout's start, in seconds (of UTC, or of the wall clock for a time without offset).
    at: i64,
    seconds: f64,
    metres: f64,
}

/// The last sets with a measured distance, and the copies of them found.
#[derive(Default)]
struct Repeats {
    recent: Vec<Measured>,
    count: usize,
    example: Option<Origin>,
}

impl Repeats {
    /// Whether the set repeats one read before; if not, it is remembered. Two distances typed
    /// in (whole metres both) are two pieces, however alike.
    fn seen(&mut self, set: Measured) -> bool {
        let copy = self.recent.iter().any(|m| {
            m.exercise == set.exercise
                && (m.metres.fract() != 0.0 || set.metres.fract() != 0.0)
                && (m.metres - set.metres).abs() <= SAME_DISTANCE * m.metres.max(set.metres)
                && ((m.at - set.at).abs() as f64) <= m.seconds.max(set.seconds).max(60.0)
        });
        if !copy {
            if self.recent.len() == RECENT {
                self.recent.remove(0);
            }
            self.recent.push(set);
        }
        copy
    }
}

fn read_row(
    row: &Row,
    c: &Cols,
    origin: &Origin,
    sink: &mut Sink,
    log: &mut SetLog,
    repeats: &mut Repeats,
) -> Result<()> {
    let key = (row.text(c.date), "");
    // A row of a workout already open has the date that opened it, read then.
    let found = log.find(key);
    let start = match found {
        Some(i) => sink.workouts[i].start,
        None => match row.value(c.date) {
            None => return sink.skip(origin, "no Date"),
            Some(text) => match parse_stamp(text) {
                Some(start) => start,
                None => return row.skip_unreadable(c.date, DATE_EXPECTED, origin, sink),
            },
        },
    };
    let name = row.text(c.exercise);
    if name.is_empty() {
        return sink.skip(origin, "no Exercise");
    }
    let Ok(seconds) = row.number(c.seconds) else {
        return row.skip_unreadable(c.seconds, SECONDS_EXPECTED, origin, sink);
    };
    let metres = logged(row.number(c.distance)?);
    let set = Set {
        warmup: row
            .parse(c.warmup, WARMUP_EXPECTED, parse_bool)?
            .unwrap_or(false),
        weight: logged(row.number(c.weight)?),
        reps: logged(row.number(c.reps)?),
        rpe: None,
        seconds: logged(seconds),
        distance_km: metres.map(|m| m / 1000.0),
    };
    if let (Some(metres), None, None, Some(at)) = (metres, set.reps, set.weight, seconds_of(start))
    {
        let measured = Measured {
            exercise: name.to_string(),
            at,
            seconds: set.seconds.unwrap_or(0.0),
            metres,
        };
        if repeats.seen(measured) {
            repeats.count += 1;
            repeats.example.get_or_insert_with(|| origin.clone());
            return Ok(());
        }
    }
    let line = origin.line;
    let make = || Ok(Workout::new(origin.clone(), start));
    let workout = log.found_or_new(sink, found, key, make)?;
    let note = row.text(c.note);
    if !note.is_empty() && !workout.notes.contains(note) {
        if !workout.notes.is_empty() {
            workout.notes.push_str("; ");
        }
        workout.notes.push_str(note);
    }
    log.add_set(workout, name, set, line);
    Ok(())
}

/// The length of a workout of timed sets only (how Fitbod logs a run or a ride): its sets'
/// times together. `None` for a workout with a lifted set, or an untimed one.
fn timed_only_minutes(w: &Workout) -> Option<f64> {
    let timed_only = !w.exercises.is_empty()
        && w.exercises
            .iter()
            .all(|e| e.sets.timed == e.sets.count && !e.sets.lifted());
    let seconds: f64 = w.exercises.iter().filter_map(|e| e.sets.seconds()).sum();
    (timed_only && seconds > 0.0).then(|| seconds / 60.0)
}

/// A start as seconds, to compare the starts of two workouts of one file.
fn seconds_of(start: Stamp) -> Option<i64> {
    match start {
        Stamp::Instant(t) => Some(t.timestamp()),
        Stamp::Local(t) => Some(t.and_utc().timestamp()),
        Stamp::Date(_) => None,
    }
}

/// A number where Fitbod's `0` means "not logged".
fn logged(n: Option<f64>) -> Option<f64> {
    n.filter(|n| *n != 0.0)
}

/// `isWarmup`: `true` or `false` as Fitbod writes it, in any case (a spreadsheet writes `TRUE`).
fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::{head, read};

    const HEADER: &str = "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier";
    const OLD_HEADER: &str =
        "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note";

    fn read_ok(text: &str) -> Sink {
        read(&Fitbod, "WorkoutExport.csv", text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Fitbod's `2024-04-15 16:05:12 +0000`.
    fn instant(s: &str) -> Stamp {
        Stamp::Instant(chrono::DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S %z").unwrap())
    }

    fn names(w: &Workout) -> Vec<&str> {
        w.exercises.iter().map(|e| &*e.name).collect()
    }

    #[test]
    fn detects_both_headers_and_no_other_export() {
        for header in [HEADER, OLD_HEADER] {
            assert!(matches!(Fitbod.detect(&head(header)), Detection::Match(_)));
        }
        assert_eq!(
            Fitbod.detect(&head(&HEADER.replace("isWarmup", "Warmup"))),
            Detection::Near {
                missing: vec!["isWarmup"]
            }
        );
        for other in [
            "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        ] {
            assert_eq!(Fitbod.detect(&head(other)), Detection::No, "{other}");
        }
    }

    #[test]
    fn sets_sharing_a_timestamp_are_one_workout_and_another_timestamp_another() {
        let text = format!(
            "{HEADER}\n\
             2024-06-12 17:20:31 +0000,Back Squat, 5,100.0,0.0,0.0,0.0,0.0,true,, 1.0\n\
             2024-06-12 17:20:31 +0000,Back Squat, 5,120.0,0.0,0.0,0.0,0.0,false,knees out, 1.0\n\
             2024-06-12 17:20:31 +0000,Back Squat, 5,120.0,0.0,0.0,0.0,0.0,false,knees out, 1.0\n\
             2024-06-12 17:20:31 +0000,Plank, 0,0.0,60.0,0.0,0.0,0.0,false,, 0.0\n\
             2024-06-12 17:09:50 +0000,Cycling, 0,0.0,548.0,2512.3310546875,0.0,0.0,false,, 0.0\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.skipped, 0);
        let [lift, ride] = &sink.workouts[..] else {
            panic!("{:?}", sink.workouts);
        };
        assert_eq!(lift.start, instant("2024-06-12 17:20:31 +0000"));
        assert_eq!(names(lift), ["Back Squat", "Plank"]);
        let squat = &lift.exercises[0].sets;
        assert_eq!(
            (squat.count, squat.warmups, squat.weight()),
            (3, 1, Some(120.0))
        );
        assert_eq!(lift.exercises[1].sets.seconds(), Some(60.0));
        assert_eq!(lift.notes, "knees out");
        // Lifting has no length in the export: it is estimated later.
        assert_eq!(lift.minutes, None);
        // The ride: its own workout, as long as its set.
        assert_eq!(ride.start, instant("2024-06-12 17:09:50 +0000"));
        assert!((ride.minutes.unwrap() - 548.0 / 60.0).abs() < 1e-9);
        let sets = &ride.exercises[0].sets;
        assert!((sets.distance_km().unwrap() - 2.5123310546875).abs() < 1e-12);
        assert_eq!((sets.reps(), sets.weight()), (None, None));
    }

    #[test]
    fn the_older_header_without_multiplier_reads_the_same() {
        let text = format!(
            "{OLD_HEADER}\n\
             2019-10-02 06:40:10 +0000,Dumbbell Bench Press,10,22.67964547178199,0.0,0.0,0.0,0.0,false,\n\
             2019-10-02 06:40:10 +0000,Stair Stepper,0,0.0,600.0,0.0,0.0,0.0,false,\n"
        );
        let sink = read_ok(&text);
        let w = &sink.workouts[0];
        assert_eq!(names(w), ["Dumbbell Bench Press", "Stair Stepper"]);
        assert_eq!(w.minutes, None, "a lifted set: no length from the sets");
    }

    #[test]
    fn the_same_ride_listed_twice_is_read_once() {
        let text = format!(
            "{HEADER}\n\
             2022-08-20 08:15:40 +0000,Cycling, 0,0.0,4102.6181640625,23411.0703125,0.0,0.0,false,, 0.0\n\
             2022-08-20 08:15:40 +0000,Cycling, 0,0.0,4350.0,23411.099609375,0.0,0.0,false,, 0.0\n\
             2022-08-18 18:02:19 +0000,Running, 0,0.0,1702.0,4020.0,0.0,0.0,false,, 0.0\n\
             2022-08-18 18:02:10 +0000,Running, 0,0.0,1745.0,4051.3369140625,0.0,0.0,false,, 0.0\n\
             2022-08-15 07:00:00 +0000,Rowing, 0,0.0,90.0,400.0,0.0,0.0,false,, 0.0\n\
             2022-08-15 07:00:00 +0000,Rowing, 0,0.0,92.0,400.0,0.0,0.0,false,, 0.0\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.workouts.len(), 3, "{:?}", sink.workouts);
        assert_eq!(sink.repeated, 2);
        let ride = &sink.workouts[0];
        assert_eq!(ride.exercises[0].sets.count, 1);
        assert!((ride.minutes.unwrap() - 4102.6181640625 / 60.0).abs() < 1e-9);
        assert_eq!(sink.workouts[1].start, instant("2022-08-18 18:02:19 +0000"));
        // Two 400 m pieces typed in: both kept.
        let rows = &sink.workouts[2];
        assert_eq!(rows.exercises[0].sets.count, 2);
        assert_eq!(rows.minutes, Some(182.0 / 60.0));
        let warning = sink.warnings.last().unwrap();
        assert_eq!(warning.kind, WarningKind::Duplicate);
        assert_eq!(warning.line, Some(3));
        assert!(
            warning.message.starts_with("2 sets repeated"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn a_ride_long_after_another_of_the_same_distance_is_kept() {
        let text = format!(
            "{HEADER}\n\
             2022-08-21 08:15:40 +0000,Cycling, 0,0.0,4102.0,23411.0703125,0.0,0.0,false,, 0.0\n\
             2022-08-20 08:15:40 +0000,Cycling, 0,0.0,4350.0,23411.099609375,0.0,0.0,false,, 0.0\n"
        );
        let sink = read_ok(&text);
        assert_eq!((sink.workouts.len(), sink.repeated), (2, 0));
    }

    #[test]
    fn unreadable_dates_and_durations_skip_the_row_naming_the_column() {
        let text = format!(
            "{HEADER}\n\
             17/12/2025 03:24,Dumbbell Row, 8,34.0,0.0,0.0,0.0,0.0,false,, 2.0\n\
             2024-04-15 16:05:12 +0000,Dumbbell Row, 8,34.0,a minute,0.0,0.0,0.0,false,, 2.0\n\
             2024-04-15 16:05:12 +0000,Dumbbell Row, 8,34.0,0.0,0.0,0.0,0.0,false,, 2.0\n"
        );
        let sink = read_ok(&text);
        assert_eq!((sink.workouts.len(), sink.skipped), (1, 2));
        assert!(
            sink.warnings[0]
                .message
                .starts_with("row skipped: column 1 (Date): expected a date-time like 2024-04-15 16:05:12 +0000, found \"17/12/2025 03:24\""),
            "{}",
            sink.warnings[0].message
        );
        assert!(
            sink.warnings[1]
                .message
                .contains("column 5 (Duration(s)): expected seconds"),
            "{}",
            sink.warnings[1].message
        );
        // A bad warm-up flag is no date or duration: an error, as in every importer.
        let bad = format!(
            "{HEADER}\n2024-04-15 16:05:12 +0000,Dumbbell Row, 8,34.0,0.0,0.0,0.0,0.0,maybe,, 2.0\n"
        );
        let e = read(&Fitbod, "WorkoutExport.csv", &bad)
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("column 9 (isWarmup): expected true or false"),
            "{e}"
        );
    }
}
