//! The Strong app's workout export (`strong.csv`): one row per set, the rows of one workout
//! sharing its `Date` and `Workout Name`.
//!
//! Strong has written several headers over the years, all read here:
//!
//! - classic iOS, comma: `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,
//!   Distance,Seconds,Notes,Workout Notes,RPE`, durations like `1h 5m`, `44m`, `20s`, reps
//!   sometimes as `5.0`; the 2017-19 exports lack `Duration` and `RPE`;
//! - the oldest (2016-17), where the unit is the column name (`kg`/`lbs`, `km`/`mi.`) and
//!   `Set Order` counts from 0;
//! - Android 2023+, semicolon: `Weight Unit` and `Distance Unit` columns and `Workout Duration`
//!   last;
//! - Strong 6.x, semicolon, every field quoted: `Workout #`, `Duration (sec)`, `Weight (kg)` or
//!   `Weight (lbs)`, `Distance (meters)`.
//!
//! `Set Order` is a set number or a tag: `W`/`WARM_UP` marks a warm-up set, `F`/`FAILURE` and
//! `D`/`DROP` other working sets, and `Note` and `Rest Timer` rows are no sets at all (an
//! exercise note, the rest between two sets) and are passed over. Strong translates the rest
//! timer's tag (`Ruhezeit`, `Temporizador de descanso`), so a tag no language of the table has is
//! not taken for a set: its row is skipped with a warning naming it. Strong writes `0` in the
//! columns a set did not log, so a 0 weight, reps, distance or time is "not logged".
//!
//! Dates are wall-clock times without a zone (`2024-03-04 18:05:00`; some iOS versions write a
//! 12-hour clock, `2024-03-04 6:05:00 PM`). A `Weight` or `Distance` header without a unit and
//! without a unit column is read as kg and km. A workout duration under a minute is Strong's
//! timer, not the workout (finished at once after logging from memory): it is dropped with a
//! warning and the end is estimated instead. A timer left running for hours or days is told the
//! same way for every app's workouts of sets, in classification (`left_running`).

use std::sync::LazyLock;

use chrono::NaiveDateTime;

use super::csv_rows::{Col, Columns, KG_PER_LB, KM_PER_MILE, Row, SetLog, for_each_row};
use super::lang::Languages;
use super::values::{DURATION_EXPECTED, parse_minutes_in, parse_number, parse_stamp};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, column_key, detect_columns};
use crate::error::Result;
use crate::model::{Origin, Set, Stamp, Warning, Workout};

/// The languages of Strong's export: header names by role and the `Set Order` tags.
static LANGUAGES: LazyLock<Languages> =
    LazyLock::new(|| Languages::parse("strong", include_str!("lang/strong.toml")));

/// Every language's names for each column Strong writes, English first (the names messages use).
struct Names {
    date: Vec<&'static str>,
    workout_name: Vec<&'static str>,
    exercise: Vec<&'static str>,
    set_order: Vec<&'static str>,
    reps: Vec<&'static str>,
    rpe: Vec<&'static str>,
    seconds: Vec<&'static str>,
    workout_notes: Vec<&'static str>,
    /// The workout's length as text (`1h 5m`, `1 h 46 min`).
    duration_text: Vec<&'static str>,
    /// The workout's length in seconds (Strong 6.x).
    duration_seconds: Vec<&'static str>,
    /// Every weight header; which unit each means is in the four lists after it.
    weight_any: Vec<&'static str>,
    weight_plain: Vec<&'static str>,
    weight_kg: Vec<&'static str>,
    weight_lbs: Vec<&'static str>,
    weight_unit: Vec<&'static str>,
    distance_plain: Vec<&'static str>,
    distance_km: Vec<&'static str>,
    distance_mi: Vec<&'static str>,
    distance_m: Vec<&'static str>,
    distance_unit: Vec<&'static str>,
    /// `Set Order` values of rows that are no set (a rest timer, an exercise note), as
    /// [`column_key`]s.
    not_a_set: Vec<String>,
    /// `Set Order` values of warm-up sets, as [`column_key`]s.
    warm_up: Vec<String>,
    /// `Set Order` values of other working sets (failure, drop set), as [`column_key`]s.
    working: Vec<String>,
    /// The duration's units in the languages that do not write `h`, `min`, `s`, each with the
    /// English unit it stands for.
    duration_units: Vec<(&'static str, &'static str)>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let t: &'static Languages = &LANGUAGES;
    let words = |key: &str| -> Vec<String> {
        t.all
            .iter()
            .flat_map(|l| l.words.get(key).into_iter().flatten())
            .map(|w| column_key(w))
            .collect()
    };
    let weight_plain = t.columns("weight");
    let weight_kg = t.columns("weight_kg");
    let weight_lbs = t.columns("weight_lbs");
    let weight_any = [&weight_plain, &weight_kg, &weight_lbs]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let mut not_a_set = words("rest_timer");
    not_a_set.extend(words("note"));
    let duration_units = [("hour", "h"), ("minute", "min"), ("second", "s")]
        .into_iter()
        .flat_map(|(key, english)| {
            t.all
                .iter()
                .flat_map(move |l| l.words.get(key).into_iter().flatten())
                .map(move |w| (w.as_str(), english))
        })
        .collect();
    Names {
        date: t.columns("date"),
        workout_name: t.columns("workout_name"),
        exercise: t.columns("exercise"),
        set_order: t.columns("set_order"),
        reps: t.columns("reps"),
        rpe: t.columns("rpe"),
        seconds: t.columns("seconds"),
        workout_notes: t.columns("workout_notes"),
        duration_text: t.columns("duration"),
        duration_seconds: t.columns("duration_seconds"),
        weight_any,
        weight_plain,
        weight_kg,
        weight_lbs,
        weight_unit: t.columns("weight_unit"),
        distance_plain: t.columns("distance"),
        distance_km: t.columns("distance_km"),
        distance_mi: t.columns("distance_mi"),
        distance_m: t.columns("distance_m"),
        distance_unit: t.columns("distance_unit"),
        not_a_set,
        warm_up: words("warm_up"),
        working: words("working"),
        duration_units,
    }
});

/// Workout durations under this many minutes are Strong's timer, not the workout.
const SHORTEST_MINUTES: f64 = 1.0;

const STRONG_DATE_EXPECTED: &str = "a date-time like 2024-03-04 18:05:00";

pub struct Strong;

impl Importer for Strong {
    fn languages(&self) -> Option<&'static Languages> {
        Some(&LANGUAGES)
    }

    fn name(&self) -> &'static str {
        "strong"
    }

    fn describe(&self) -> &'static str {
        "a Strong workout export (strong.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Strong")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        let n = &*NAMES;
        detect_columns(
            head,
            &[
                &n.date,
                &n.workout_name,
                &n.exercise,
                &n.set_order,
                &n.weight_any,
                &n.reps,
            ],
        )
    }

    fn unread_variant(&self, head: &Head) -> Option<String> {
        unread_variant(head)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut layout: Option<Layout> = None;
        let mut sets = SetLog::default();
        let mut units = Units::default();
        for_each_row(input, "strong", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, origin, sink, layout, &mut sets, &mut units)
        })?;
        sets.finish(sink);
        Ok(())
    }
}

/// How a column's numbers turn into kg or km.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    /// The header names the unit: multiply by this.
    Fixed(f64),
    /// A unit column says, row by row.
    PerRow(usize),
}

/// Where each field is in one file, and in which unit.
struct Layout {
    date: Col,
    workout_name: Col,
    exercise: Col,
    set_order: Col,
    weight: Col,
    weight_unit: Unit,
    reps: Col,
    distance: Col,
    distance_unit: Unit,
    seconds: Col,
    rpe: Col,
    duration_text: Col,
    duration_seconds: Col,
    workout_notes: Col,
}

impl Layout {
    fn new(c: &Columns) -> Layout {
        let n = &*NAMES;
        let (weight, weight_unit) = if let Some(i) = c.find(&n.weight_kg) {
            (Some(i), Unit::Fixed(1.0))
        } else if let Some(i) = c.find(&n.weight_lbs) {
            (Some(i), Unit::Fixed(KG_PER_LB))
        } else {
            let unit = c
                .find(&n.weight_unit)
                .map_or(Unit::Fixed(1.0), Unit::PerRow);
            (c.find(&n.weight_plain), unit)
        };
        let (distance, distance_unit) = if let Some(i) = c.find(&n.distance_km) {
            (Some(i), Unit::Fixed(1.0))
        } else if let Some(i) = c.find(&n.distance_mi) {
            (Some(i), Unit::Fixed(KM_PER_MILE))
        } else if let Some(i) = c.find(&n.distance_m) {
            (Some(i), Unit::Fixed(0.001))
        } else {
            let unit = c
                .find(&n.distance_unit)
                .map_or(Unit::Fixed(1.0), Unit::PerRow);
            (c.find(&n.distance_plain), unit)
        };
        Layout {
            date: c.find(&n.date),
            workout_name: c.find(&n.workout_name),
            exercise: c.find(&n.exercise),
            set_order: c.find(&n.set_order),
            weight,
            weight_unit,
            reps: c.find(&n.reps),
            distance,
            distance_unit,
            seconds: c.find(&n.seconds),
            rpe: c.find(&n.rpe),
            duration_text: c.find(&n.duration_text),
            duration_seconds: c.find(&n.duration_seconds),
            workout_notes: c.find(&n.workout_notes),
        }
    }
}

/// The last unit a unit column named: a row that leaves it blank is in the file's unit.
#[derive(Default)]
struct Units {
    weight: Option<f64>,
    distance: Option<f64>,
}

fn weight_factor(unit: &str) -> Option<f64> {
    match unit
        .trim()
        .trim_end_matches('.')
        .to_ascii_lowercase()
        .as_str()
    {
        "kg" | "kgs" | "kilograms" => Some(1.0),
        "lb" | "lbs" | "pounds" => Some(KG_PER_LB),
        _ => None,
    }
}

fn distance_factor(unit: &str) -> Option<f64> {
    match unit
        .trim()
        .trim_end_matches('.')
        .to_ascii_lowercase()
        .as_str()
    {
        "km" | "kilometers" | "kilometres" => Some(1.0),
        "mi" | "mile" | "miles" => Some(KM_PER_MILE),
        "m" | "meters" | "metres" => Some(0.001),
        _ => None,
    }
}

/// What a `Set Order` value says the row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowKind {
    Set {
        warmup: bool,
    },
    /// An exercise note or a rest timer: no set.
    NotASet,
    /// A tag no language of the table has: perhaps a rest timer in a language whose word for
    /// it no export has shown, perhaps a set; neither is assumed.
    Unknown,
}

fn row_kind(set_order: &str) -> RowKind {
    // Nearly every row: a set number (an empty one is a set too).
    if set_order.bytes().all(|b| b.is_ascii_digit()) {
        return RowKind::Set { warmup: false };
    }
    let key = column_key(set_order);
    let n = &*NAMES;
    if n.not_a_set.contains(&key) {
        return RowKind::NotASet;
    }
    // A tag, or one followed by its number (`W1`).
    let tagged = |tags: &[String]| {
        tags.iter().any(|t| {
            key.strip_prefix(t.as_str())
                .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    if tagged(&n.warm_up) {
        RowKind::Set { warmup: true }
    } else if tagged(&n.working) {
        RowKind::Set { warmup: false }
    } else {
        RowKind::Unknown
    }
}

/// A workout's length as Strong writes it (`1h 5m`, `1 h 46 min`), also with the units of a
/// language of the table (`1小时13分钟`).
fn parse_duration(s: &str, decimal_comma: bool) -> Option<f64> {
    parse_minutes_in(s, decimal_comma).or_else(|| {
        let units = &NAMES.duration_units;
        if !units.iter().any(|(word, _)| s.contains(word)) {
            return None;
        }
        let mut english = s.to_string();
        for (word, unit) in units {
            english = english.replace(word, &format!(" {unit} "));
        }
        parse_minutes_in(&english, decimal_comma)
    })
}

/// Strong's start times: ISO-like wall-clock times, or a 12-hour clock with AM/PM (which some iOS
/// versions separate with a narrow no-break space).
fn parse_date(s: &str) -> Option<Stamp> {
    if let Some(stamp) = parse_stamp(s) {
        return Some(stamp);
    }
    let spaced = s.replace(['\u{202f}', '\u{a0}'], " ").to_ascii_uppercase();
    ["%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p"]
        .iter()
        .find_map(|fmt| NaiveDateTime::parse_from_str(spaced.trim(), fmt).ok())
        .map(Stamp::Local)
}

/// A number where Strong's `0` means "not logged".
fn logged(n: Option<f64>) -> Option<f64> {
    n.filter(|n| *n != 0.0)
}

/// A number in a column whose unit is fixed by the header or given by a unit column.
fn measured(
    row: &Row,
    col: Col,
    unit: Unit,
    last: &mut Option<f64>,
    factor_of: fn(&str) -> Option<f64>,
    expected: &str,
) -> Result<Option<f64>> {
    let factor = match unit {
        Unit::Fixed(f) => f,
        Unit::PerRow(u) => match row.value(Some(u)) {
            Some(text) => {
                let f = factor_of(text).ok_or_else(|| row.bad(Some(u), expected))?;
                *last = Some(f);
                f
            }
            None => last.unwrap_or(1.0),
        },
    };
    Ok(logged(row.number(col)?).map(|n| n * factor))
}

fn read_row(
    row: &Row,
    origin: &Origin,
    sink: &mut Sink,
    layout: &Layout,
    sets: &mut SetLog,
    units: &mut Units,
) -> Result<()> {
    let warmup = match row_kind(row.text(layout.set_order)) {
        RowKind::Set { warmup } => warmup,
        RowKind::NotASet => return Ok(()),
        RowKind::Unknown => {
            return sink.skip(
                origin,
                format!(
                    "'{}' in '{}' is neither a set number nor a tag concur reads (a rest timer in a language not read yet?)",
                    row.text(layout.set_order),
                    layout
                        .set_order
                        .and_then(|i| row.columns.names.get(i))
                        .map_or("Set Order", String::as_str)
                ),
            );
        }
    };
    let key = (row.text(layout.date), row.text(layout.workout_name));
    // A row of a workout already open has the date that opened it, read then.
    let found = sets.find(key);
    let start = match found {
        Some(_) => None,
        None => match row.parse(layout.date, STRONG_DATE_EXPECTED, parse_date)? {
            Some(start) => Some(start),
            None => return sink.skip(origin, "no date"),
        },
    };
    let name = row.text(layout.exercise);
    if name.is_empty() {
        return sink.skip(origin, "no exercise name");
    }
    let set = Set {
        warmup,
        weight: measured(
            row,
            layout.weight,
            layout.weight_unit,
            &mut units.weight,
            weight_factor,
            "a weight unit: kg or lbs",
        )?,
        reps: logged(row.number(layout.reps)?),
        rpe: logged(row.number(layout.rpe)?),
        seconds: logged(row.number(layout.seconds)?),
        distance_km: measured(
            row,
            layout.distance,
            layout.distance_unit,
            &mut units.distance,
            distance_factor,
            "a distance unit: km, mi or m",
        )?,
    };
    let line = origin.line;
    let mut notes: Vec<Warning> = Vec::new();
    let make = || {
        let start = start.expect("a new workout's date was read");
        let mut w = Workout::new(origin.clone(), start);
        w.title = row.text(layout.workout_name).to_string();
        w.notes = row.text(layout.workout_notes).to_string();
        w.minutes = workout_minutes(row, layout, &w.origin, &mut notes)?;
        Ok(w)
    };
    let workout = sets.found_or_new(sink, found, key, make)?;
    sets.add_set(workout, name, set, line);
    sink.warnings.append(&mut notes);
    Ok(())
}

/// The workout's length: `None` where Strong has none (missing or 0) or where it cannot be the
/// workout's (see the module's notes), so that the end is estimated.
fn workout_minutes(
    row: &Row,
    layout: &Layout,
    origin: &Origin,
    notes: &mut Vec<Warning>,
) -> Result<Option<f64>> {
    let minutes = match layout.duration_seconds {
        Some(_) => row.number(layout.duration_seconds)?.map(|s| s / 60.0),
        None => {
            let comma = row.decimal_comma;
            row.parse(layout.duration_text, DURATION_EXPECTED, |s| {
                parse_duration(s, comma)
            })?
        }
    };
    let Some(minutes) = logged(minutes) else {
        return Ok(None);
    };
    if minutes < SHORTEST_MINUTES {
        notes.push(Warning::at(
            crate::model::WarningKind::Assumption,
            origin,
            format!(
                "workout duration of {:.0} s is Strong's timer, not the workout (finished right after logging); its end is estimated",
                minutes * 60.0
            ),
        ));
        return Ok(None);
    }
    Ok(Some(minutes))
}

/// What a column of one of Strong's layouts holds, told by its values.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Free text (names, notes, a duration in words of the app's language).
    Text,
    /// `2024-03-04 18:05:00`, or with a 12-hour clock.
    DateTime,
    /// Set numbers, with the odd tag word (a warm-up, a rest timer) among them.
    SetOrder,
    /// A number or nothing.
    Number,
    /// A unit symbol (`kg`, `lbs`, `mi.`) or nothing.
    Unit,
}

/// A run of columns of a layout: the English name of what each holds, and its shape.
type Part = &'static [(&'static str, Shape)];

/// Strong's layouts, each made of runs of columns: most share the columns of their sets, and an
/// older layout is a newer one without its last columns.
const LAYOUTS: &[&[Part]] = {
    use Shape::*;
    const WORKOUT: Part = &[("Date", DateTime), ("Workout Name", Text)];
    const SETS: Part = &[
        ("Exercise Name", Text),
        ("Set Order", SetOrder),
        ("Weight", Number),
        ("Reps", Number),
        ("Distance", Number),
        ("Seconds", Number),
        ("Notes", Text),
        ("Workout Notes", Text),
        ("RPE", Number),
    ];
    const ANDROID_SETS: Part = &[
        ("Exercise Name", Text),
        ("Set Order", SetOrder),
        ("Weight", Number),
        ("Weight Unit", Unit),
        ("Reps", Number),
        ("RPE", Number),
        ("Distance", Number),
        ("Distance Unit", Unit),
        ("Seconds", Number),
        ("Notes", Text),
        ("Workout Notes", Text),
        ("Workout Duration", Text),
    ];
    &[
        // The iOS classic.
        &[WORKOUT, &[("Duration", Text)], SETS],
        // The 2017-19 exports, with RPE and without.
        &[WORKOUT, SETS],
        &[WORKOUT, SETS.split_at(SETS.len() - 1).0],
        // The oldest (2016-17).
        &[WORKOUT, SETS.split_at(SETS.len() - 2).0],
        // Android 2023+, with the duration and without.
        &[WORKOUT, ANDROID_SETS],
        &[WORKOUT, ANDROID_SETS.split_at(ANDROID_SETS.len() - 1).0],
        // Strong 6.x.
        &[
            &[("Workout #", Number)],
            WORKOUT,
            &[
                ("Duration (sec)", Number),
                ("Exercise Name", Text),
                ("Set Order", SetOrder),
                ("Weight", Number),
                ("Reps", Number),
                ("RPE", Number),
                ("Distance", Number),
                ("Seconds", Number),
                ("Notes", Text),
                ("Workout Notes", Text),
            ],
        ],
    ]
};

/// How many rows of the file's start the shape is judged on.
const SAMPLE_ROWS: usize = 50;

/// A header no language of the table names, over rows shaped as one of Strong's layouts:
/// a Strong export in a language concur does not read yet.
fn unread_variant(head: &Head) -> Option<String> {
    let (fields, delimiter) = head.csv_header.as_ref()?;
    let rows = sample_rows(head.text, *delimiter);
    let whole: Vec<&csv::StringRecord> = rows.iter().filter(|r| r.len() == fields.len()).collect();
    // Rows cut short by the end of the sample, or an odd ragged row, do not decide.
    if whole.is_empty() || whole.len() * 10 < rows.len() * 9 {
        return None;
    }
    let comma = *delimiter == b';';
    let layout = LAYOUTS
        .iter()
        .filter(|l| l.iter().map(|run| run.len()).sum::<usize>() == fields.len())
        .find(|layout| {
            layout
                .iter()
                .copied()
                .flatten()
                .enumerate()
                .all(|(i, (_, shape))| {
                    let values = whole.iter().map(|r| r[i].trim()).filter(|v| !v.is_empty());
                    fits(*shape, values, comma)
                })
        })?;
    let named: Vec<String> = layout
        .iter()
        .copied()
        .flatten()
        .zip(fields)
        .filter(|((name, _), _)| matches!(*name, "Date" | "Set Order" | "Weight" | "Reps"))
        .map(|((name, _), field)| format!("{name} = '{}'", field.trim()))
        .collect();
    Some(format!(
        "this looks like a Strong export in a language concur does not read yet (by its values: {}); concur reads Strong in {}",
        named.join(", "),
        LANGUAGES.names()
    ))
}

/// The first records after the header, as the csv crate reads them.
fn sample_rows(text: &str, delimiter: u8) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes())
        .into_records()
        .take(SAMPLE_ROWS)
        .map_while(|r| r.ok())
        .collect()
}

/// Whether a column's non-empty values are all of the shape (a date or set column also needs
/// one value at least).
fn fits<'a>(shape: Shape, mut values: impl Iterator<Item = &'a str>, comma: bool) -> bool {
    match shape {
        Shape::Text => true,
        Shape::Number => values.all(|v| parse_number(v, comma).is_some()),
        Shape::Unit => {
            values.all(|v| v.len() <= 6 && v.chars().all(|c| c.is_alphabetic() || c == '.'))
        }
        Shape::DateTime => {
            let mut any = false;
            values.all(|v| {
                any = true;
                matches!(parse_date(v), Some(Stamp::Local(_)))
            }) && any
        }
        Shape::SetOrder => {
            // Set numbers, most of them; a word now and then is a tag in the app's language.
            let (mut numbers, mut words) = (0, 0);
            for v in values {
                if v.bytes().all(|b| b.is_ascii_digit()) {
                    numbers += 1;
                } else if v.chars().any(char::is_numeric) && !v.starts_with(['W', 'w']) {
                    return false;
                } else {
                    words += 1;
                }
            }
            numbers > 0 && numbers * 2 >= words
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::path::PathBuf;
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Exercise, Sets};

    const CLASSIC: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";
    const OLD_2017: &str = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes";
    const OLDEST: &str = "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes";
    const ANDROID: &str = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration";
    const STRONG6: &str = "\"Workout #\";\"Date\";\"Workout Name\";\"Duration (sec)\";\"Exercise Name\";\"Set Order\";\"Weight (kg)\";\"Reps\";\"RPE\";\"Distance (meters)\";\"Seconds\";\"Notes\";\"Workout Notes\"";

    fn head_of(text: &str) -> Head<'_> {
        let first = text.lines().next().unwrap_or("");
        let delimiter = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        let fields = super::super::csv_rows::header_of(first, delimiter).names;
        Head::new(text, (fields.len() > 1).then_some((fields, delimiter)))
    }

    fn read(text: &str) -> Result<Sink> {
        crate::import::testing::read(&Strong, "strong.csv", text)
    }

    fn read_ok(text: &str) -> Sink {
        read(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn local(s: &str) -> Stamp {
        Stamp::Local(NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap())
    }

    fn names(w: &Workout) -> Vec<&str> {
        w.exercises.iter().map(|e| &*e.name).collect()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-6)
    }

    #[test]
    fn detects_every_header_variant() {
        let headers = [
            CLASSIC,
            OLD_2017,
            OLDEST,
            ANDROID,
            STRONG6,
            "Date,Workout Name,Exercise Name,Set Order,lbs,Reps,mi.,Seconds,Notes,Workout Notes",
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight (lbs),Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        ];
        for header in headers {
            assert_eq!(
                Strong.detect(&head_of(header)),
                Detection::Match(16),
                "{header}"
            );
        }
    }

    #[test]
    fn leaves_other_formats_alone() {
        let others = [
            "start,end,duration,type,title,modality,rpe,avg_hr,max_hr,distance_km,notes",
            "start,end,duration,title,exercise,weight,reps,rpe,seconds,distance_km",
            "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"",
            "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
            "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier",
            "[{\"start\": \"2024-03-04 07:00\"}]",
        ];
        for header in others {
            assert_eq!(Strong.detect(&head_of(header)), Detection::No, "{header}");
        }
    }

    #[test]
    fn a_cut_header_is_a_near_miss_naming_the_column() {
        let cut = "Date,Workout Name,Duration,Exercise,Set Order,Weight,Reps,Distance,Seconds";
        assert_eq!(
            Strong.detect(&head_of(cut)),
            Detection::Near {
                missing: vec!["Exercise Name"]
            }
        );
    }

    #[test]
    fn classic_rows_group_into_one_workout_in_logged_order() {
        let text = format!(
            "{CLASSIC}\n\
             2024-05-06 17:30:00,\"Legs\",1h 5m,\"Squat (Barbell)\",1,100.0,5.0,0,0.0,\"\",\"felt good\",8\n\
             2024-05-06 17:30:00,\"Legs\",1h 5m,\"Squat (Barbell)\",2,100.0,5.0,0,0.0,,,8.5\n\
             2024-05-06 17:30:00,\"Legs\",1h 5m,\"Running (Treadmill)\",1,0,0,2.5,900,,,\n\
             2024-05-06 17:30:00,\"Legs\",1h 5m,\"Plank\",1,0,0,0,60,,,\n\
             2024-05-08 07:00:00,\"Push\",44m,\"Bench Press (Barbell)\",1,60,8,0,0,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.workouts.len(), 2);
        assert_eq!(sink.skipped, 0);
        let legs = &sink.workouts[0];
        assert_eq!(legs.start, local("2024-05-06 17:30:00"));
        assert_eq!(legs.title, "Legs");
        assert_eq!(legs.notes, "felt good");
        assert_eq!(legs.minutes, Some(65.0));
        assert_eq!(legs.origin.line, 2);
        assert_eq!(
            names(legs),
            ["Squat (Barbell)", "Running (Treadmill)", "Plank"]
        );
        let squat = Set {
            warmup: false,
            weight: Some(100.0),
            reps: Some(5.0),
            rpe: Some(8.0),
            seconds: None,
            distance_km: None,
        };
        let squat_2 = Set {
            rpe: Some(8.5),
            ..squat.clone()
        };
        assert_eq!(legs.exercises[0].sets, Sets::of([&squat, &squat_2]));
        assert_eq!(legs.exercises[0].sets.count, 2);
        let run = &legs.exercises[1].sets;
        assert_eq!((run.count, run.weight(), run.reps()), (1, None, None));
        assert_eq!((run.seconds(), run.distance_km()), (Some(900.0), Some(2.5)));
        assert_eq!(legs.exercises[2].sets.seconds(), Some(60.0));
        assert_eq!(sink.workouts[1].minutes, Some(44.0));
    }

    #[test]
    fn the_2017_variant_has_no_duration_and_no_rpe() {
        let text = format!(
            "{OLD_2017}\n\
             2017-05-12 19:00:00,\"Afternoon Workout\",\"Bench Press (Barbell)\",1,50,10,0,0,\"\",\"\"\n\
             2017-05-12 19:00:00,\"Afternoon Workout\",\"Leg Press\",1,110,10,0,0,\"\",\"\"\n"
        );
        let sink = read_ok(&text);
        let w = &sink.workouts[0];
        assert_eq!(w.minutes, None);
        assert_eq!(names(w), ["Bench Press (Barbell)", "Leg Press"]);
        assert_eq!(w.exercises[1].sets.weight(), Some(110.0));
        assert_eq!(w.exercises[1].sets.rpe_count, 0);
    }

    #[test]
    fn the_oldest_variant_names_units_in_the_header_and_counts_sets_from_zero() {
        let text = format!(
            "{OLDEST}\n\
             2016-10-03 19:30:55,\"W1D1\",\"Squat\",0,70.0,5,0.0,0,\"\"\n\
             2016-10-03 19:30:55,\"W1D1\",\"Squat\",1,70.0,5,0.0,0,\"\"\n\
             2016-10-03 19:30:55,\"W1D1\",\"Rowing (Machine)\",0,0.0,0,2.0,480,\"\"\n"
        );
        let sink = read_ok(&text);
        let w = &sink.workouts[0];
        assert_eq!(w.exercises[0].sets.count, 2);
        assert_eq!(w.exercises[0].sets.weight(), Some(70.0));
        assert_eq!(w.exercises[1].sets.distance_km(), Some(2.0));

        let imperial = "Date,Workout Name,Exercise Name,Set Order,lbs,Reps,mi.,Seconds,Notes,Workout Notes\n\
             2018-01-20 17:03:17,\"Bike\",\"Deadlift\",1,225,5,0,0,\"\",\"\"\n\
             2018-01-20 17:03:17,\"Bike\",\"Cycling (Indoor)\",1,0,0,2.4,2100,\"\",\"\"\n";
        let sink = read_ok(imperial);
        let w = &sink.workouts[0];
        assert!(close(w.exercises[0].sets.weight(), 225.0 * KG_PER_LB));
        assert!(close(w.exercises[1].sets.distance_km(), 2.4 * KM_PER_MILE));
    }

    #[test]
    fn android_rows_carry_their_units_and_the_duration_last() {
        let text = format!(
            "{ANDROID}\n\
             2023-07-30 16:49:28;\"Arms\";\"Bench Press (Dumbbell)\";1;14;kg;8;;;;0;\"\";\"\";44m\n\
             2023-07-30 16:49:28;\"Arms\";\"Chest Fly\";1;;;;;;;0;;;44m\n\
             2023-07-30 16:49:28;\"Arms\";\"Elliptical Machine\";1;;;;;0,46;km;300;\"\";\"\";44m\n\
             2023-08-01 16:16:08;\"Back\";\"Lat Pulldown (Cable)\";1;100;lbs;10;7,5;;;0;;;1h 2m\n\
             2023-08-01 16:16:08;\"Back\";\"Seated Row (Cable)\";1;90;;10;;;;0;;;1h 2m\n\
             2023-08-01 16:16:08;\"Back\";\"Running (Treadmill)\";1;;;;;1,5;mi.;600;;;1h 2m\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.workouts.len(), 2);
        let arms = &sink.workouts[0];
        assert_eq!(arms.minutes, Some(44.0));
        assert_eq!(arms.exercises[0].sets.weight(), Some(14.0));
        assert_eq!(arms.exercises[1].sets, Sets::of([&Set::default()]));
        let elliptical = &arms.exercises[2].sets;
        assert_eq!(elliptical.distance_km(), Some(0.46));
        assert_eq!(elliptical.seconds(), Some(300.0));
        let back = &sink.workouts[1];
        assert_eq!(back.minutes, Some(62.0));
        assert!(close(back.exercises[0].sets.weight(), 100.0 * KG_PER_LB));
        assert_eq!(back.exercises[0].sets.rpe_sum, 7.5);
        // A blank unit is the file's unit so far.
        assert!(close(back.exercises[1].sets.weight(), 90.0 * KG_PER_LB));
        assert!(close(
            back.exercises[2].sets.distance_km(),
            1.5 * KM_PER_MILE
        ));
    }

    #[test]
    fn strong6_reads_seconds_meters_and_set_tags() {
        let text = format!(
            "{STRONG6}\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Squat (Barbell)\";\"WARM_UP\";\"40.0\";\"8\";\"\";\"\";\"\";\"\";\"multi\nline\"\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Squat (Barbell)\";\"Rest Timer\";\"\";\"\";\"\";\"\";\"120\";\"\";\"\"\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Squat (Barbell)\";\"1\";\"100.0\";\"5\";\"9.5\";\"\";\"\";\"\";\"\"\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Squat (Barbell)\";\"FAILURE\";\"100.0\";\"3\";\"10.0\";\"\";\"\";\"\";\"\"\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Squat (Barbell)\";\"DROP\";\"80.0\";\"6\";\"\";\"\";\"\";\"\";\"\"\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Squat (Barbell)\";\"Note\";\"\";\"\";\"\";\"\";\"\";\"knees out\";\"\"\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Running (Treadmill)\";\"1\";\"\";\"\";\"\";\"3000\";\"1080\";\"\";\"\"\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.skipped, 0, "note and rest-timer rows are no sets");
        let w = &sink.workouts[0];
        assert_eq!(w.minutes, Some(3324.0 / 60.0));
        assert_eq!(w.notes, "multi\nline");
        assert_eq!(w.origin.line, 2);
        let squat: &Exercise = &w.exercises[0];
        // One warm-up and three working sets (the rest timer and the note are no sets).
        assert_eq!((squat.sets.count, squat.sets.warmups), (4, 1));
        assert_eq!((squat.sets.rpe_sum, squat.sets.rpe_count), (19.5, 2));
        let run = &w.exercises[1].sets;
        assert_eq!(run.distance_km(), Some(3.0));
        assert_eq!(run.seconds(), Some(1080.0));

        let lbs = "\"Workout #\";\"Date\";\"Workout Name\";\"Duration (sec)\";\"Exercise Name\";\"Set Order\";\"Weight (lbs)\";\"Reps\";\"RPE\";\"Distance (miles)\";\"Seconds\";\"Notes\";\"Workout Notes\"\n\
             \"1\";\"2025-03-01 09:00:00\";\"Run\";\"1500\";\"Running\";\"1\";\"\";\"\";\"\";\"3.1\";\"1500\";\"\";\"\"\n\
             \"1\";\"2025-03-01 09:00:00\";\"Run\";\"1500\";\"Bench Press (Barbell)\";\"W\";\"135\";\"5\";\"\";\"\";\"\";\"\";\"\"\n";
        let sink = read_ok(lbs);
        let w = &sink.workouts[0];
        assert!(close(w.exercises[0].sets.distance_km(), 3.1 * KM_PER_MILE));
        assert!(close(w.exercises[1].sets.weight(), 135.0 * KG_PER_LB));
        assert_eq!(w.exercises[1].sets.warmups, 1);
    }

    const FRENCH: &str = "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,Notes,Notes d'entraînement,RPE";
    const SPANISH: &str = "Fecha,Nombre de entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,Rep.,Distancia,Segundos,Notas,Notas del entrenamiento,RPE";
    const GERMAN: &str = "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE";
    const PORTUGUESE: &str = "Data,Nome do treino,Duração,Nome do exercício,Ordem da série,Peso,Reps,Distância,Segundos,Notas,Notas do treino,RPE";
    const CHINESE: &str = "日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE";

    #[test]
    fn the_table_loads_with_a_source_for_every_language() {
        for language in &LANGUAGES.all {
            assert!(!language.source.is_empty(), "{}", language.code);
        }
        let n = &*NAMES;
        assert_eq!(
            n.date[0], "Date",
            "English first: messages name its columns"
        );
        assert_eq!(n.set_order[0], "Set Order");
        assert!(
            n.not_a_set
                .contains(&column_key("Temporizador de descanso"))
        );
        assert!(n.not_a_set.contains(&column_key("Ruhezeit")));
        assert_eq!(
            LANGUAGES.names(),
            "English, French, Spanish, German, Portuguese, Chinese (Simplified)"
        );
    }

    #[test]
    fn localized_headers_read_as_the_classic_layout() {
        for (header, duration, rest) in [
            (FRENCH, "1h 2min", "Rest Timer"),
            (SPANISH, "1 h 2 min", "Temporizador de descanso"),
            (GERMAN, "62min", "Ruhezeit"),
        ] {
            assert_eq!(
                Strong.detect(&head_of(header)),
                Detection::Match(16),
                "{header}"
            );
            let text = format!(
                "{header}\n\
                 2024-05-06 17:30:00,\"Pierna\",{duration},\"Squat (Barbell)\",1,100.0,5.0,0,0.0,\"\",\"\",8\n\
                 2024-05-06 17:30:00,\"Pierna\",{duration},\"Squat (Barbell)\",{rest},0,0.0,0,120.0,,,\n\
                 2024-05-06 17:30:00,\"Pierna\",{duration},\"Squat (Barbell)\",2,100.0,5.0,0,0.0,,,\n"
            );
            let sink = read_ok(&text);
            assert_eq!(sink.skipped, 0, "{header}");
            let w = &sink.workouts[0];
            assert_eq!(w.start, local("2024-05-06 17:30:00"));
            assert_eq!(w.minutes, Some(62.0), "{header}");
            assert_eq!(
                w.exercises[0].sets.count, 2,
                "{header}: the rest timer is no set"
            );
            assert_eq!(w.exercises[0].sets.weight(), Some(100.0));
        }
    }

    #[test]
    fn chinese_durations_read_in_hours_and_minutes() {
        assert_eq!(Strong.detect(&head_of(CHINESE)), Detection::Match(16));
        for (duration, minutes) in [("1小时13分钟", 73.0), ("2小时", 120.0), ("49分钟", 49.0)]
        {
            let text = format!(
                "{CHINESE}\n\
                 2020-09-29 07:10:22,\"Pull\",{duration},\"Bent Over Row (Barbell)\",1,44.5,5,0,0,\"\",\"\",\n\
                 2020-09-29 07:10:22,\"Pull\",{duration},\"Bent Over Row (Barbell)\",2,44.5,5,0,0,\"\",,\n"
            );
            let sink = read_ok(&text);
            let w = &sink.workouts[0];
            assert_eq!(w.minutes, Some(minutes), "{duration}");
            assert_eq!(w.exercises[0].sets.count, 2);
            assert_eq!(w.exercises[0].sets.weight(), Some(44.5));
        }
        // A unit no language has is still an error naming the column and what was expected.
        let text = format!(
            "{CHINESE}\n2020-09-29 07:10:22,\"Pull\",1天,\"Row\",1,44.5,5,0,0,\"\",\"\",\n"
        );
        let err = read(&text).err().expect("an unknown unit").to_string();
        assert!(
            err.contains("column 3 (时长): expected a duration"),
            "{err}"
        );
    }

    #[test]
    fn portuguese_headers_read_without_the_duration() {
        assert_eq!(Strong.detect(&head_of(PORTUGUESE)), Detection::Match(16));
        let text = format!(
            "{PORTUGUESE}\n\
             2024-05-06 17:30:00,\"Pernas\",1h 2min,\"Squat (Barbell)\",1,100.0,5.0,0,0.0,\"\",\"nota\",8\n\
             2024-05-06 17:30:00,\"Pernas\",1h 2min,\"Squat (Barbell)\",2,102.5,5.0,0,0.0,,,\n"
        );
        let sink = read_ok(&text);
        let w = &sink.workouts[0];
        assert_eq!((w.title.as_str(), w.notes.as_str()), ("Pernas", "nota"));
        assert_eq!(
            w.minutes, None,
            "Duração is not read: its words are unknown"
        );
        assert_eq!(w.exercises[0].sets.count, 2);
        assert_eq!(w.exercises[0].sets.weight(), Some(102.5));
    }

    #[test]
    fn a_set_order_tag_no_language_has_skips_its_row_with_a_warning() {
        let text = format!(
            "{PORTUGUESE}\n\
             2024-05-06 17:30:00,\"Pernas\",,\"Squat (Barbell)\",1,100.0,5.0,0,0.0,\"\",\"\",8\n\
             2024-05-06 17:30:00,\"Pernas\",,\"Squat (Barbell)\",Pausa longa,0,0.0,0,120.0,,,\n\
             2024-05-06 17:30:00,\"Pernas\",,\"Squat (Barbell)\",2,100.0,5.0,0,0.0,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.skipped, 1);
        assert_eq!(sink.workouts[0].exercises[0].sets.count, 2);
        let warning = &sink.warnings[0];
        assert_eq!(warning.line, Some(3));
        assert!(
            warning
                .message
                .contains("'Pausa longa' in 'Ordem da série' is neither a set number nor a tag"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn an_export_in_a_language_not_in_the_table_is_named_by_its_shape() {
        // The header's names are placeholders: what is recognised is where Strong's values are.
        let header = "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10,Q11,Q12";
        let text = format!(
            "{header}\n\
             2024-05-06 17:30:00,\"Legs\",1h,\"Squat (Barbell)\",1,100.0,5.0,0,0.0,\"\",\"\",\n\
             2024-05-06 17:30:00,\"Legs\",1h,\"Squat (Barbell)\",Pause,0,0.0,0,120.0,,,\n\
             2024-05-06 17:30:00,\"Legs\",1h,\"Squat (Barbell)\",2,100.0,5.0,0,0.0,,,8\n"
        );
        let h = head_of(&text);
        assert_eq!(Strong.detect(&h), Detection::No);
        let message = Strong.unread_variant(&h).expect("recognised by its shape");
        assert!(
            message.starts_with(
                "this looks like a Strong export in a language concur does not read yet"
            ),
            "{message}"
        );
        assert!(
            message.contains("Date = 'Q1', Set Order = 'Q5', Weight = 'Q6', Reps = 'Q7'"),
            "{message}"
        );
        // Strong 6.x and Android in another language are recognised too.
        let strong6 = "\"a\";\"b\";\"c\";\"d\";\"e\";\"f\";\"g\";\"h\";\"i\";\"j\";\"k\";\"l\";\"m\"\n\
             \"7\";\"2025-02-24 15:10:32\";\"Legs\";\"3324\";\"Squat\";\"1\";\"100.0\";\"5\";\"\";\"\";\"\";\"\";\"\"\n";
        assert!(Strong.unread_variant(&head_of(strong6)).is_some());
        // Rows that are not Strong's are left alone.
        for other in [
            "a,b,c,d,e,f,g,h,i,j,k,l\nx,y,z,1,2,3,4,5,6,7,8,9\n",
            "a,b,c,d,e,f,g,h,i,j,k,l\n2024-05-06,Legs,1h,Squat,1,100,5,0,0,,,\n",
            "a,b,c,d,e,f,g,h,i,j,k,l\n2024-05-06 17:30:00,Legs,1h,Squat,first,100,5,0,0,,,\n",
            "a,b,c,d,e,f,g,h,i\n",
        ] {
            assert_eq!(Strong.unread_variant(&head_of(other)), None, "{other}");
        }
    }

    #[test]
    fn set_order_tags() {
        assert_eq!(row_kind("1"), RowKind::Set { warmup: false });
        assert_eq!(row_kind("0"), RowKind::Set { warmup: false });
        assert_eq!(row_kind("W"), RowKind::Set { warmup: true });
        assert_eq!(row_kind("W1"), RowKind::Set { warmup: true });
        assert_eq!(row_kind("WARM_UP"), RowKind::Set { warmup: true });
        assert_eq!(row_kind("F"), RowKind::Set { warmup: false });
        assert_eq!(row_kind("DROP"), RowKind::Set { warmup: false });
        assert_eq!(row_kind("F2"), RowKind::Set { warmup: false });
        assert_eq!(row_kind("Pause"), RowKind::Unknown);
        assert_eq!(row_kind("A"), RowKind::Unknown);
        assert_eq!(row_kind(""), RowKind::Set { warmup: false });
        assert_eq!(row_kind("Rest Timer"), RowKind::NotASet);
        assert_eq!(row_kind("Note"), RowKind::NotASet);
        assert_eq!(row_kind("Ruhezeit"), RowKind::NotASet);
        assert_eq!(row_kind("Temporizador de descanso"), RowKind::NotASet);
    }

    #[test]
    fn dates_in_both_clocks() {
        assert_eq!(
            parse_date("2024-03-04 18:05:00"),
            Some(local("2024-03-04 18:05:00"))
        );
        assert_eq!(
            parse_date("2024-03-04 6:05:00\u{202f}PM"),
            Some(local("2024-03-04 18:05:00"))
        );
        assert_eq!(
            parse_date("2024-03-04 12:30:00 am"),
            Some(local("2024-03-04 00:30:00"))
        );
        assert_eq!(
            parse_date("2024-03-04"),
            Some(Stamp::Date(NaiveDate::from_ymd_opt(2024, 3, 4).unwrap()))
        );
        assert_eq!(parse_date("04/03/2024 18:05"), None);
    }

    #[test]
    fn durations_in_every_form_and_short_ones_estimated() {
        let row = |duration: &str| {
            format!(
                "{CLASSIC}\n2024-05-06 17:30:00,\"Legs\",{duration},\"Squat (Barbell)\",1,100,5,0,0,,,\n"
            )
        };
        let minutes = |duration: &str| read_ok(&row(duration)).workouts[0].minutes;
        assert_eq!(minutes("1h 5m"), Some(65.0));
        assert_eq!(minutes("44m"), Some(44.0));
        assert_eq!(minutes("2h"), Some(120.0));
        assert_eq!(minutes("38min"), Some(38.0));
        assert_eq!(minutes(""), None);
        assert_eq!(minutes("0s"), None);
        let short = read_ok(&row("20s"));
        assert_eq!(short.workouts[0].minutes, None);
        assert_eq!(short.skipped, 0);
        assert!(short.warnings[0].message.contains("20 s"));
        // A timer left running is read as written: classification tells it, for every app.
        let long = read_ok(&row("42h 13m"));
        assert_eq!(long.workouts[0].minutes, Some(42.0 * 60.0 + 13.0));
        assert!(long.warnings.is_empty());
    }

    #[test]
    fn bad_values_name_line_and_column() {
        let bad_date = format!(
            "{CLASSIC}\n2024-05-06 17:30:00,Legs,1h,Squat,1,100,5,0,0,,,\n06/05/2024 17:30,Legs,1h,Squat,2,100,5,0,0,,,\n"
        );
        let e = read(&bad_date)
            .err()
            .expect("a bad date is an error")
            .to_string();
        assert!(e.contains("strong.csv:3"), "{e}");
        assert!(e.contains("column 1 (Date)"), "{e}");
        assert!(e.contains("06/05/2024 17:30"), "{e}");

        let bad_weight = format!("{CLASSIC}\n2024-05-06 17:30:00,Legs,1h,Squat,1,heavy,5,0,0,,,\n");
        let e = read(&bad_weight).err().expect("a bad weight").to_string();
        assert!(e.contains("column 6 (Weight): expected a number"), "{e}");

        let bad_duration =
            format!("{CLASSIC}\n2024-05-06 17:30:00,Legs,an hour,Squat,1,100,5,0,0,,,\n");
        let e = read(&bad_duration)
            .err()
            .expect("a bad duration")
            .to_string();
        assert!(e.contains("column 3 (Duration)"), "{e}");

        let bad_unit =
            format!("{ANDROID}\n2023-07-30 16:49:28;Arms;Curl;1;14;stone;8;;;;0;;;44m\n");
        let e = read(&bad_unit).err().expect("a bad unit").to_string();
        assert!(
            e.contains("column 6 (Weight Unit): expected a weight unit"),
            "{e}"
        );
    }

    #[test]
    fn unusable_rows_are_skipped_and_counted() {
        let text = format!(
            "{CLASSIC}\n\
             ,Legs,1h,Squat (Barbell),1,100,5,0,0,,,\n\
             2024-05-06 17:30:00,Legs,1h,,1,100,5,0,0,,,\n\
             2024-05-06 17:30:00,Legs,1h,Squat (Barbell),1,100,5\n\
             2024-05-06 17:30:00,Legs,1h,Squat (Barbell),2,100,5,0,0,,,\n"
        );
        let sink = read_ok(&text);
        assert_eq!(sink.skipped, 3);
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.workouts[0].origin.line, 5);
        let strict = {
            let input = Input {
                path: PathBuf::from("strong.csv"),
                file: Arc::from("strong.csv"),
                reader: Box::new(Cursor::new(text.into_bytes())),
                delimiter: b',',
            };
            let mut sink = Sink::new(true);
            Strong.read(input, &mut sink)
        };
        assert!(strict.is_err());
    }
}
