//! FitNotes' export (Android; Settings > Spreadsheet Export, `FitNotes_Export.csv`).
//!
//! One row per set, and only the date of the day it was logged on:
//!
//! ```text
//! Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time
//! 2024-03-05,Flat Barbell Bench Press,Chest,80.0,kgs,5,,,
//! 2024-03-05,Running (Treadmill),Cardio,,,,3.2,km,0:18:30
//! ```
//!
//! - Older versions have no `Weight Unit` column and name the unit in the header instead:
//!   `Weight (lbs)` or `Weight (kgs)`. FitNotes for iOS is documented with both, `Weight (kg)`
//!   and `Weight (lbs)` (and `Notes`, `Kind` after `Time`): the kg column is read, the lbs one
//!   where a row has no kg.
//! - FitNotes writes its export in English whatever the phone's language.
//! - `Category` is the muscle group (`Chest`, `Legs`, `Abs`, or one the user made) or `Cardio`.
//!   Cardio sets log `Distance` with `Distance Unit` (`km`, `m`, `mi`, ...) and `Time`
//!   (`h:mm:ss`) instead of weight and reps. Bodyweight sets have weight `0.0`.
//! - FitNotes writes exercise names with a comma unquoted (`Overhead Press (Each Side,
//!   Dumbbells)`): a row with more fields than the header gets its extra fields back into the
//!   `Exercise` column, the only free-text one before the numbers.
//!
//! Each date is one workout ([`Stamp::Date`]: no time of day, so the timeline makes no pair and
//! marks the order unknown), with its exercises in logged order. A day whose every set has a
//! `Time` lasted as long as those add up to; other days have no length in the file. Classification goes by exercise
//! name; where it does not know a name, it goes by what the sets measured (weight or reps:
//! strength; distance or time: cardio). Where that would contradict the FitNotes category (an
//! unknown `Cardio` exercise logged with reps, a timed hold filed under `Abs`), the category is
//! added to the name in brackets, so that the name says what the category says:
//! an unknown `Cardio` exercise with only reps, `Xyz`, becomes `Xyz (Cardio)`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::csv_rows::{Col, Columns, KG_PER_LB, KM_PER_MILE, Row, SetLog, for_each_mended_row};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, column_key, detect_columns};
use crate::analysis::classify::modality_of;
use crate::error::Result;
use crate::model::{Exercise, Modality, Set, Sets, Stamp, Workout};

const DATE: &[&str] = &["Date"];
const EXERCISE: &[&str] = &["Exercise"];
const CATEGORY: &[&str] = &["Category"];
const WEIGHT_LBS: &[&str] = &["Weight (lbs)", "Weight (lb)"];
const WEIGHT_KGS: &[&str] = &["Weight (kgs)", "Weight (kg)"];
const WEIGHT: &[&str] = &[
    "Weight",
    "Weight (lbs)",
    "Weight (kgs)",
    "Weight (lb)",
    "Weight (kg)",
];
const WEIGHT_UNIT: &[&str] = &["Weight Unit"];
const REPS: &[&str] = &["Reps"];
const DISTANCE: &[&str] = &["Distance"];
const DISTANCE_UNIT: &[&str] = &["Distance Unit"];
const TIME: &[&str] = &["Time"];

/// What both variants of the header have.
const REQUIRED: &[&[&str]] = &[
    DATE,
    EXERCISE,
    CATEGORY,
    WEIGHT,
    REPS,
    DISTANCE,
    DISTANCE_UNIT,
    TIME,
];

const DATE_EXPECTED: &str = "a date like 2024-03-05";
const WEIGHT_UNIT_EXPECTED: &str = "a weight unit: kgs or lbs";
const DISTANCE_UNIT_EXPECTED: &str = "a distance unit: km, m, mi, ft or yd";

pub struct FitNotes;

impl Importer for FitNotes {
    fn name(&self) -> &'static str {
        "fitnotes"
    }

    fn describe(&self) -> &'static str {
        "a FitNotes export (FitNotes_Export.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("FitNotes")
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
        // The category of each exercise, by the line of its first set.
        let mut categories: HashMap<u64, String> = HashMap::new();
        let delimiter = input.delimiter;
        // FitNotes leaves commas in exercise names unquoted: a row with more fields than the
        // header is mended by joining the extra fields back into the `Exercise` column.
        let mend = |record: &csv::StringRecord, columns: &Columns| {
            let at = columns.find(EXERCISE)?;
            let extra = record
                .len()
                .checked_sub(columns.names.len())
                .filter(|e| *e > 0)?;
            Some(rejoin(record, at, extra, delimiter))
        };
        for_each_mended_row(input, "fitnotes", sink, mend, |row, origin, sink| {
            let c = cols.get_or_insert_with(|| Cols::new(row.columns));
            let Some(date) = row.parse(c.date, DATE_EXPECTED, parse_date)? else {
                return sink.skip(origin, "no date");
            };
            let name = row.text(c.exercise);
            if name.is_empty() {
                return sink.skip(origin, "no exercise name");
            }
            let set = Set {
                warmup: false,
                weight: weight_kg(row, c)?.filter(|w| *w != 0.0),
                reps: row.number(c.reps)?.filter(|r| *r != 0.0),
                rpe: None,
                seconds: row.minutes(c.time)?.map(|m| m * 60.0).filter(|s| *s > 0.0),
                distance_km: distance_km(row, c)?.filter(|d| *d != 0.0),
            };
            let line = origin.line;
            let key = (row.text(c.date), "");
            let workout = log.workout(sink, key, || {
                Ok(Workout::new(origin.clone(), Stamp::Date(date)))
            })?;
            log.add_set(workout, name, set, line);
            if workout.exercises.last().is_some_and(|e| e.line == line) {
                categories.insert(line, row.text(c.category).to_string());
            }
            Ok(())
        })?;
        log.finish(sink);
        for workout in &mut sink.workouts[first..] {
            for ex in &mut workout.exercises {
                if let Some(category) = categories.get(&ex.line) {
                    settle_name(ex, category);
                }
            }
            workout.minutes = timed_minutes(workout);
        }
        Ok(())
    }
}

/// A day whose every set has a time (a run, a ride, timed holds) lasted as long as those times
/// add up to; a day with untimed sets has no length in the file.
fn timed_minutes(workout: &Workout) -> Option<f64> {
    let all_timed = workout
        .exercises
        .iter()
        .all(|e| e.sets.timed == e.sets.count);
    let seconds: f64 = workout
        .exercises
        .iter()
        .filter_map(|e| e.sets.seconds())
        .sum();
    (all_timed && seconds > 0.0).then_some(seconds / 60.0)
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The modality a FitNotes category stands for: `Cardio` (or another word concur knows, such as
/// `Yoga`) as the words say; a muscle group (`Chest`, `Legs`, `Abs`, ...) is strength.
fn category_modality(category: &str) -> Modality {
    modality_of(category).unwrap_or(Modality::Strength)
}

/// What the sets of an exercise measured, as classification reads them when it does not know
/// the name: weight or reps are lifting, distance or time alone is cardio.
fn measured_modality(sets: &Sets) -> Option<Modality> {
    if sets.lifted() {
        Some(Modality::Strength)
    } else if sets.moved() {
        Some(Modality::Cardio)
    } else {
        None
    }
}

/// Where the name is unknown and the sets would say something other than the category, the
/// category goes into the name (a muscle group the words do not know as `strength`).
fn settle_name(ex: &mut Exercise, category: &str) {
    let category = category.trim();
    if category.is_empty() || modality_of(&ex.name).is_some() {
        return;
    }
    let wanted = category_modality(category);
    if measured_modality(&ex.sets) == Some(wanted) {
        return;
    }
    let label = if modality_of(category) == Some(wanted) {
        category
    } else {
        wanted.as_str()
    };
    ex.name = format!("{} ({label})", ex.name).into();
}

fn weight_kg(row: &Row, c: &Cols) -> Result<Option<f64>> {
    let Some(weight) = row.number(c.weight)? else {
        // Both unit columns (FitNotes for iOS): a row may give its weight in the other.
        return Ok(row.number(c.weight_lbs_too)?.map(|lbs| lbs * KG_PER_LB));
    };
    let lbs = match c.weight_unit {
        WeightUnit::Lbs => true,
        WeightUnit::Kgs => false,
        WeightUnit::PerRow(col) => match column_key(row.text(col)).as_str() {
            "lbs" | "lb" => true,
            "kgs" | "kg" | "" => false,
            _ if weight == 0.0 => false,
            _ => return Err(row.bad(col, WEIGHT_UNIT_EXPECTED)),
        },
    };
    Ok(Some(if lbs { weight * KG_PER_LB } else { weight }))
}

fn distance_km(row: &Row, c: &Cols) -> Result<Option<f64>> {
    let Some(distance) = row.number(c.distance)? else {
        return Ok(None);
    };
    let km_per_unit = match column_key(row.text(c.distance_unit)).as_str() {
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" | "" => 1.0,
        "m" | "meter" | "meters" | "metre" | "metres" => 0.001,
        "mi" | "mile" | "miles" => KM_PER_MILE,
        "ft" | "feet" => 0.000_304_8,
        "yd" | "yds" | "yard" | "yards" => 0.000_914_4,
        // FitNotes writes a weight unit beside a distance of 0 on some timed holds.
        _ if distance == 0.0 => 0.0,
        _ => return Err(row.bad(c.distance_unit, DISTANCE_UNIT_EXPECTED)),
    };
    Ok(Some(distance * km_per_unit))
}

/// Where the weight's unit is written.
#[derive(Clone, Copy)]
enum WeightUnit {
    Kgs,
    Lbs,
    PerRow(Col),
}

/// Where each column is in one file.
struct Cols {
    date: Col,
    exercise: Col,
    category: Col,
    weight: Col,
    weight_unit: WeightUnit,
    /// `Weight (lbs)` beside a `Weight (kg)` column that is read first.
    weight_lbs_too: Col,
    reps: Col,
    distance: Col,
    distance_unit: Col,
    time: Col,
}

impl Cols {
    fn new(c: &Columns) -> Cols {
        let (kgs, lbs) = (c.find(WEIGHT_KGS), c.find(WEIGHT_LBS));
        let (weight, weight_unit, weight_lbs_too) = match (kgs, lbs) {
            (Some(_), Some(_)) => (kgs, WeightUnit::Kgs, lbs),
            (None, Some(_)) => (lbs, WeightUnit::Lbs, None),
            (Some(_), None) => (kgs, WeightUnit::Kgs, None),
            (None, None) => (
                c.find(WEIGHT),
                WeightUnit::PerRow(c.find(WEIGHT_UNIT)),
                None,
            ),
        };
        Cols {
            date: c.find(DATE),
            exercise: c.find(EXERCISE),
            category: c.find(CATEGORY),
            weight,
            weight_unit,
            weight_lbs_too,
            reps: c.find(REPS),
            distance: c.find(DISTANCE),
            distance_unit: c.find(DISTANCE_UNIT),
            time: c.find(TIME),
        }
    }
}

/// The record with the field at `at` and the `extra` fields after it joined into one.
fn rejoin(record: &csv::StringRecord, at: usize, extra: usize, delimiter: u8) -> csv::StringRecord {
    let mut out = csv::StringRecord::new();
    let mut joined = String::new();
    for (i, field) in record.iter().enumerate() {
        if i < at || i > at + extra {
            out.push_field(field);
        } else {
            if i > at {
                joined.push(char::from(delimiter));
            }
            joined.push_str(field);
            if i == at + extra {
                out.push_field(&joined);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Head<'_> {
        crate::import::testing::head(text)
    }

    fn read(text: &str) -> Result<Sink> {
        crate::import::testing::read(&FitNotes, "FitNotes_Export.csv", text)
    }

    fn read_err(text: &str) -> String {
        match read(text) {
            Ok(_) => panic!("expected an error for {text}"),
            Err(e) => e.to_string(),
        }
    }

    const UNIT_HEADER: &str =
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n";
    const LBS_HEADER: &str =
        "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n";
    const KGS_HEADER: &str =
        "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n";

    fn names(w: &Workout) -> Vec<&str> {
        w.exercises.iter().map(|e| &*e.name).collect()
    }

    #[test]
    fn the_ios_header_with_both_weight_columns() {
        // As carpenike/replog documents FitNotes for iOS (docs/adr/006-import-export.md).
        let text = "Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,Kind\n\
2024-03-05,Squat,Legs,100.0,220.46,5,,,,,3\n\
2024-03-05,Leg Press,Legs,,400.0,10,,,,,3\n";
        assert!(matches!(
            FitNotes.detect(&header(text)),
            Detection::Match(_)
        ));
        let sink = read(text).unwrap();
        let w = &sink.workouts[0];
        assert_eq!(
            w.exercises[0].sets.weight(),
            Some(100.0),
            "the kg column first"
        );
        let press = w.exercises[1].sets.weight().unwrap();
        assert!(
            (press - 400.0 * KG_PER_LB).abs() < 1e-9,
            "the lbs column where kg is blank"
        );
    }

    #[test]
    fn detects_every_header_variant() {
        for text in [UNIT_HEADER, LBS_HEADER, KGS_HEADER] {
            assert!(
                matches!(FitNotes.detect(&header(text)), Detection::Match(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_cut_header_is_a_near_miss_naming_the_column() {
        let text = UNIT_HEADER.replace("Category,", "");
        assert_eq!(
            FitNotes.detect(&header(&text)),
            Detection::Near {
                missing: vec!["Category"]
            }
        );
    }

    #[test]
    fn other_headers_are_not_fitnotes() {
        for text in [
            "start,end,duration,type,title,rpe\n",
            "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier\n",
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
            "Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (kg);Reps;RPE;Distance (meters);Seconds;Notes;Workout Notes\n",
        ] {
            assert_eq!(FitNotes.detect(&header(text)), Detection::No, "{text}");
        }
    }

    #[test]
    fn one_workout_per_date_in_logged_order_with_units() {
        let text = format!(
            "{UNIT_HEADER}\
2024-03-05,Barbell Squat,Legs,100.0,kgs,5,,,\n\
2024-03-05,Barbell Squat,Legs,225.0,lbs,3,,,\n\
2024-03-05,Running (Treadmill),Cardio,,,,2.0,mi,0:18:30\n\
2024-03-06,Push Up,Chest,0.0,kgs,20,,,\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.workouts.len(), 2);
        let day = &sink.workouts[0];
        assert_eq!(
            day.start,
            Stamp::Date(NaiveDate::from_ymd_opt(2024, 3, 5).unwrap())
        );
        assert_eq!(day.end, None);
        assert_eq!(names(day), ["Barbell Squat", "Running (Treadmill)"]);
        let squat = &day.exercises[0].sets;
        // 100 kg and 225 lbs: the heaviest is the 225 lbs.
        assert_eq!((squat.count, squat.reps()), (2, Some(8.0)));
        assert!((squat.weight().unwrap() - 102.058).abs() < 0.01);
        let run = &day.exercises[1].sets;
        assert!((run.distance_km().unwrap() - 3.219).abs() < 0.001);
        assert_eq!(run.seconds(), Some(1110.0));
        assert_eq!((run.weight(), run.reps()), (None, None));
        let push = &sink.workouts[1].exercises[0].sets;
        assert_eq!(
            (push.weight(), push.reps()),
            (None, Some(20.0)),
            "0.0 is no load"
        );
    }

    #[test]
    fn a_day_of_timed_sets_lasts_their_sum() {
        let text = format!(
            "{UNIT_HEADER}\
2024-03-05,Running (Outdoor),Cardio,,,,5.0,km,0:27:30\n\
2024-03-05,Cycling,Cardio,,,,10.0,km,0:20:00\n\
2024-03-06,Plank,Abs,,,,,,0:01:00\n\
2024-03-06,Crunches,Abs,0.0,kgs,20,,,\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.workouts[0].minutes, Some(47.5));
        assert_eq!(sink.workouts[1].minutes, None, "the crunches have no time");
    }

    #[test]
    fn weight_unit_from_the_header() {
        let lbs = read(&format!(
            "{LBS_HEADER}2017-06-23,Deadlift,Back,315.0,5,,,\n"
        ))
        .unwrap();
        let w = lbs.workouts[0].exercises[0].sets.weight().unwrap();
        assert!((w - 142.88).abs() < 0.01, "{w}");
        let kgs = read(&format!(
            "{KGS_HEADER}2017-06-23,Deadlift,Back,140.0,5,,,\n"
        ))
        .unwrap();
        assert_eq!(kgs.workouts[0].exercises[0].sets.weight(), Some(140.0));
    }

    #[test]
    fn distances_in_metres_and_zero_time() {
        let text = format!(
            "{LBS_HEADER}\
2017-06-23,Rowing Machine,Cardio,,,2000.0,m,0:08:00\n\
2017-06-23,Side Plank,Abs,,,0.0,kg,0:00:00\n"
        );
        let sink = read(&text).unwrap();
        let row = &sink.workouts[0].exercises[0].sets;
        assert_eq!(row.distance_km(), Some(2.0));
        assert_eq!(row.seconds(), Some(480.0));
        let plank = &sink.workouts[0].exercises[1].sets;
        assert_eq!(
            plank,
            &Sets::of([&Set::default()]),
            "zero distance and time are nothing"
        );
    }

    #[test]
    fn unquoted_commas_in_names_are_mended() {
        let text = format!(
            "{UNIT_HEADER}\
2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,5,,,\n\
2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,10.0,kgs,3,,,\n\
2025-04-29,Curl,Biceps,10.0\n"
        );
        let sink = read(&text).unwrap();
        let day = &sink.workouts[0];
        assert_eq!(names(day), ["Overhead Press (Each Side, Dumbbells)"]);
        assert_eq!(day.exercises[0].sets.count, 2);
        assert_eq!(day.exercises[0].sets.weight(), Some(10.0));
        assert_eq!(sink.skipped, 1, "a short row is still skipped");
    }

    #[test]
    fn categories_settle_names_the_words_do_not_know() {
        let text = format!(
            "{UNIT_HEADER}\
2024-03-05,Quorblat,Cardio,,,,,,0:20:00\n\
2024-03-05,Wobbleflap,Cardio,0.0,kgs,30,,,\n\
2024-03-05,Vexler,Zygomatics,,,,,,0:00:45\n\
2024-03-05,Krellon,Legs,60.0,kgs,8,,,\n\
2024-03-05,Burpees,Cardio,0.0,kgs,15,,,\n\
2024-03-05,Snorfle,Chest,,,,,,0:01:00\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(
            names(&sink.workouts[0]),
            [
                "Quorblat",
                "Wobbleflap (Cardio)",
                "Vexler (strength)",
                "Krellon",
                "Burpees",
                "Snorfle (Chest)",
            ]
        );
        let ex = &sink.workouts[0].exercises;
        assert_eq!(modality_of(&ex[1].name), Some(Modality::Cardio));
        assert_eq!(modality_of(&ex[2].name), Some(Modality::Strength));
        assert_eq!(modality_of(&ex[5].name), Some(Modality::Strength));
    }

    #[test]
    fn bad_values_name_line_and_column() {
        let bad_date = read_err(&format!(
            "{UNIT_HEADER}05/03/2024,Squat,Legs,100,kgs,5,,,\n"
        ));
        assert!(
            bad_date.contains("FitNotes_Export.csv:2: column 1 (Date): expected a date like 2024-03-05, found \"05/03/2024\""),
            "{bad_date}"
        );
        let bad_time = read_err(&format!(
            "{UNIT_HEADER}2024-03-05,Running,Cardio,,,,5,km,fast\n"
        ));
        assert!(bad_time.contains("column 9 (Time)"), "{bad_time}");
        let bad_unit = read_err(&format!(
            "{UNIT_HEADER}2024-03-05,Running,Cardio,,,,5,parsecs,0:30:00\n"
        ));
        assert!(
            bad_unit.contains("column 8 (Distance Unit): expected a distance unit"),
            "{bad_unit}"
        );
        let bad_weight_unit = read_err(&format!(
            "{UNIT_HEADER}2024-03-05,Squat,Legs,100,stone,5,,,\n"
        ));
        assert!(
            bad_weight_unit.contains("column 5 (Weight Unit)"),
            "{bad_weight_unit}"
        );
    }

    #[test]
    fn rows_without_date_or_exercise_are_skipped() {
        let text = format!(
            "{UNIT_HEADER},Squat,Legs,100,kgs,5,,,\n2024-03-05,,Legs,100,kgs,5,,,\n2024-03-05,Squat,Legs,100,kgs,5,,,\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.skipped, 2);
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.workouts[0].origin.line, 4);
    }
}
