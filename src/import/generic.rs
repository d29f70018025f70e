//! concur's own log format, in CSV and in JSON (README, "The generic format").
//!
//! CSV comes in two shapes. A session log has one row per session. A set log, recognised by its
//! `exercise` column, has one row per set, the way Strong-style apps export: rows with the same
//! `start` and `title` form one workout, and its exercises keep the order they were logged in.
//! JSON is a list of session objects (or `{"sessions": [...]}`), each with optional `exercises`.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::csv_rows::{
    Col, Columns, KG_PER_LB, KM_PER_MILE, Row, SetLog, for_each_row, read_text, shown,
};
use super::values::{
    DATE_TIME_EXPECTED, DURATION_EXPECTED, parse_minutes, parse_number, parse_stamp,
};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, column_key};
use crate::error::{Error, Result};
use crate::model::{Exercise, Modality, Origin, Set, Sets, Stamp, Warning, Workout};

/// The columns of the CSV shape, each with the header names it answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    Start,
    End,
    Duration,
    Activity,
    Title,
    Modality,
    Rpe,
    AvgHr,
    MaxHr,
    DistanceKm,
    DistanceMi,
    DistanceM,
    Notes,
    Exercise,
    WeightKg,
    WeightLbs,
    Reps,
    Seconds,
}

const FIELDS: &[(Field, &[&str])] = &[
    (Field::Start, &["start", "start_time", "started"]),
    (Field::End, &["end", "end_time", "ended"]),
    (
        Field::Duration,
        &["duration", "duration_min", "duration_minutes", "minutes"],
    ),
    (
        Field::Activity,
        &["type", "activity", "activity_type", "sport"],
    ),
    (Field::Title, &["title", "name", "workout", "workout_name"]),
    (Field::Modality, &["modality"]),
    (Field::Rpe, &["rpe"]),
    (
        Field::AvgHr,
        &["avg_hr", "average_hr", "avg_heart_rate", "heart_rate"],
    ),
    (Field::MaxHr, &["max_hr", "max_heart_rate"]),
    (Field::DistanceKm, &["distance_km", "distance", "km"]),
    (
        Field::DistanceMi,
        &["distance_mi", "distance_miles", "miles"],
    ),
    (Field::DistanceM, &["distance_m", "meters", "metres"]),
    (Field::Notes, &["notes", "note", "description"]),
    (Field::Exercise, &["exercise", "exercise_name"]),
    (Field::WeightKg, &["weight", "weight_kg", "kg"]),
    (Field::WeightLbs, &["weight_lbs", "weight_lb", "lbs"]),
    (Field::Reps, &["reps", "repetitions"]),
    (Field::Seconds, &["seconds", "set_seconds", "time_seconds"]),
];

fn field_of(header: &str) -> Option<Field> {
    field_of_key(&column_key(header))
}

/// Each alias of [`FIELDS`] as a column key, made once: detection asks about every column of
/// every file (a Strava header has about 90).
static FIELD_KEYS: LazyLock<HashMap<String, Field>> = LazyLock::new(|| {
    let mut keys = HashMap::new();
    for (field, names) in FIELDS {
        for name in *names {
            // The first field to claim a name keeps it, as the table's order says.
            keys.entry(column_key(name)).or_insert(*field);
        }
    }
    keys
});

fn field_of_key(key: &str) -> Option<Field> {
    FIELD_KEYS.get(key).copied()
}

pub struct GenericCsv;

impl Importer for GenericCsv {
    fn name(&self) -> &'static str {
        "generic"
    }

    fn describe(&self) -> &'static str {
        "concur's own CSV log"
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        if head.csv_header.is_none() {
            return Detection::No;
        }
        let known: Vec<Field> = head
            .column_keys()
            .iter()
            .filter_map(|k| field_of_key(k))
            .collect();
        let has = |f| known.contains(&f);
        if has(Field::Start) && (has(Field::Activity) || has(Field::Title) || has(Field::Exercise))
        {
            // Low on purpose: an app's own importer, matching more of the header, wins.
            Detection::Match(5)
        } else {
            Detection::No
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        read_csv(input, sink)
    }
}

/// Where each field is in one file.
struct Layout {
    cols: HashMap<Field, usize>,
}

impl Layout {
    fn new(columns: &Columns) -> Layout {
        let mut cols = HashMap::new();
        for (i, name) in columns.names.iter().enumerate() {
            if let Some(field) = field_of(name) {
                cols.entry(field).or_insert(i);
            }
        }
        Layout { cols }
    }

    fn col(&self, field: Field) -> Col {
        self.cols.get(&field).copied()
    }
}

fn modality(row: &Row, col: Col) -> Result<Option<Modality>> {
    row.parse(col, "strength, cardio or other", Modality::parse)
}

fn distance_km(row: &Row, layout: &Layout) -> Result<Option<f64>> {
    Ok(row
        .number(layout.col(Field::DistanceKm))?
        .or(row
            .number(layout.col(Field::DistanceMi))?
            .map(|mi| mi * KM_PER_MILE))
        .or(row
            .number(layout.col(Field::DistanceM))?
            .map(|m| m / 1000.0)))
}

fn read_csv(input: Input, sink: &mut Sink) -> Result<()> {
    let mut layout: Option<Layout> = None;
    let mut sets = SetLog::default();
    for_each_row(input, "generic", sink, |row, origin, sink| {
        let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
        let col = |f| layout.col(f);
        let Some(start) = row.stamp(col(Field::Start))? else {
            return sink.skip(origin, "no start time");
        };
        if col(Field::Exercise).is_none() {
            let workout = workout_from_row(row, layout, origin.clone(), start, true)?;
            sink.workouts.push(workout);
            return Ok(());
        }
        let name = row.text(col(Field::Exercise));
        if name.is_empty() {
            return sink.skip(origin, "no exercise name");
        }
        let set = Set {
            warmup: false,
            weight: row
                .number(col(Field::WeightKg))?
                .or(row.number(col(Field::WeightLbs))?.map(|lb| lb * KG_PER_LB)),
            reps: row.number(col(Field::Reps))?,
            rpe: row.number(col(Field::Rpe))?,
            seconds: row.number(col(Field::Seconds))?,
            distance_km: distance_km(row, layout)?,
        };
        let key = (row.text(col(Field::Start)), row.text(col(Field::Title)));
        let line = origin.line;
        let workout = sets.workout(sink, key, || {
            workout_from_row(row, layout, origin.clone(), start, false)
        })?;
        sets.add_set(workout, name, set, line);
        Ok(())
    })?;
    sets.finish(sink);
    Ok(())
}

fn workout_from_row(
    row: &Row,
    layout: &Layout,
    origin: Origin,
    start: Stamp,
    session_row: bool,
) -> Result<Workout> {
    let col = |f| layout.col(f);
    let mut w = Workout::new(origin, start);
    w.end = row.stamp(col(Field::End))?;
    w.minutes = row.minutes(col(Field::Duration))?;
    w.activity = row.text(col(Field::Activity)).to_string();
    w.title = row.text(col(Field::Title)).to_string();
    w.modality = modality(row, col(Field::Modality))?;
    w.avg_hr = row.number(col(Field::AvgHr))?;
    w.max_hr = row.number(col(Field::MaxHr))?;
    w.notes = row.text(col(Field::Notes)).to_string();
    if session_row {
        // In a set log these columns describe the set, not the workout.
        w.rpe = row.number(col(Field::Rpe))?;
        w.distance_km = distance_km(row, layout)?;
    }
    Ok(w)
}

pub struct GenericJson;

impl Importer for GenericJson {
    fn name(&self) -> &'static str {
        "generic-json"
    }

    fn describe(&self) -> &'static str {
        "concur's own JSON log"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn detect(&self, head: &Head) -> Detection {
        let t = head.text.trim_start();
        if t.starts_with('[') || (t.starts_with('{') && t.contains("\"sessions\"")) {
            Detection::Match(10)
        } else {
            // Some other JSON (an app's settings, a profile) is no format concur reads: the
            // message for an unknown file says what a JSON log looks like.
            Detection::No
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let (input, mut text) = read_text(input)?;
        if memchr::memchr(0, text.as_bytes()).is_some() {
            // A NUL byte is binary data in a text value (a stray byte from an app or a sync),
            // and no JSON parser reads past one: it costs nothing but itself, with a warning on
            // each line that had one.
            let mut positions = Positions::new(&text);
            let lines: BTreeSet<u64> = memchr::memchr_iter(0, text.as_bytes())
                .map(|at| positions.at(at).0)
                .collect();
            for line in lines {
                sink.warnings.push(Warning {
                    kind: crate::model::WarningKind::File,
                    file: Some(input.file.to_string()),
                    line: Some(line),
                    message:
                        "a NUL byte (binary data inside a text value) was removed from this line"
                            .into(),
                });
            }
            text.retain(|c| c != '\0');
        }
        read_json(&input, &text, sink)
    }
}

/// A number, or a number written as a string ("12.5").
#[derive(Deserialize)]
#[serde(untagged)]
enum Num {
    Number(f64),
    Text(String),
}

/// A duration: minutes as a number, or any text form `parse_minutes` reads.
#[derive(Deserialize)]
#[serde(untagged)]
enum Dur {
    Minutes(f64),
    Text(String),
}

#[derive(Deserialize)]
struct JsonSet {
    weight: Option<Num>,
    weight_kg: Option<Num>,
    weight_lbs: Option<Num>,
    reps: Option<Num>,
    rpe: Option<Num>,
    seconds: Option<Num>,
    distance_km: Option<Num>,
}

#[derive(Deserialize)]
struct JsonExercise {
    name: String,
    #[serde(default)]
    sets: Vec<JsonSet>,
}

#[derive(Deserialize)]
struct JsonSession {
    start: Option<String>,
    end: Option<String>,
    duration: Option<Dur>,
    #[serde(alias = "activity")]
    r#type: Option<String>,
    title: Option<String>,
    modality: Option<String>,
    rpe: Option<Num>,
    avg_hr: Option<Num>,
    max_hr: Option<Num>,
    distance_km: Option<Num>,
    distance_mi: Option<Num>,
    notes: Option<String>,
    #[serde(default)]
    exercises: Vec<JsonExercise>,
}

/// `{"sessions": [...]}`; other keys are left alone.
#[derive(Deserialize)]
struct Wrapped<'a> {
    #[serde(borrow)]
    sessions: Vec<&'a RawValue>,
}

/// Line and column (1-based, the column in bytes) of byte offsets, asked in increasing order:
/// each question scans only the text since the last one, so finding every session's place costs
/// one pass over the file, not one pass per session.
struct Positions<'a> {
    text: &'a str,
    /// The offset asked last, its line, and where that line starts.
    offset: usize,
    line: u64,
    line_start: usize,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn at(&mut self, offset: usize) -> (u64, u64) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Positions::new(self.text);
        }
        let between = &self.text.as_bytes()[self.offset..offset];
        for nl in memchr::memchr_iter(b'\n', between) {
            self.line += 1;
            self.line_start = self.offset + nl + 1;
        }
        self.offset = offset;
        (self.line, (offset - self.line_start) as u64 + 1)
    }
}

/// Line and column (1-based) of one byte offset.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    Positions::new(text).at(offset)
}

fn read_json(input: &Input, text: &str, sink: &mut Sink) -> Result<()> {
    let items = json_items(input, text)?;
    let mut positions = Positions::new(text);
    for raw in items {
        let body = raw.get();
        let offset = body.as_ptr() as usize - text.as_ptr() as usize;
        let (line, column) = positions.at(offset);
        let at = Place {
            path: &input.path,
            line,
            column,
        };
        let origin = Origin {
            format: "generic",
            file: input.file.clone(),
            line,
            column: u32::try_from(column).unwrap_or(u32::MAX),
        };
        let item = json_session(&at, body)?;
        let Some(start) = at.stamp("start", &item.start)? else {
            // Its sessions' source is `generic`, as the CSV's: the record is named here.
            sink.skip_record("entry", &origin, "no start time")?;
            continue;
        };
        sink.workouts
            .push(workout_from_json(&at, item, origin, start)?);
    }
    Ok(())
}

/// The file's sessions as raw values, from a list or from `{"sessions": [...]}`. Borrowed raw
/// values keep each session's place in the file, for messages that name it.
fn json_items<'t>(input: &Input, text: &'t str) -> Result<Vec<&'t RawValue>> {
    let json_error = |e| json_file_error(input, text, e);
    if text.trim_start().starts_with('{') {
        Ok(serde_json::from_str::<Wrapped>(text)
            .map_err(json_error)?
            .sessions)
    } else {
        serde_json::from_str(text).map_err(json_error)
    }
}

/// The error for a file that is not JSON, or not a list of sessions, at the place serde_json
/// names.
fn json_file_error(input: &Input, text: &str, e: serde_json::Error) -> Error {
    // At the end of the file serde_json says column 0; name the last character instead.
    let (line, column) = if e.column() == 0 {
        line_col(text, text.trim_end().len())
    } else {
        (e.line() as u64, e.column() as u64)
    };
    let message = if e.is_data() {
        format!(
            "expected a JSON array of sessions, or an object {{\"sessions\": [...]}}: {}",
            strip_position(&e.to_string())
        )
    } else {
        format!("malformed JSON: {}", strip_position(&e.to_string()))
    };
    Error::parse(&input.path, Some(line), Some(column), message)
}

/// One session object, `body`, read; an error names its place in the file.
fn json_session(at: &Place, body: &str) -> Result<JsonSession> {
    if !body.starts_with('{') {
        let found = match body.as_bytes()[0] {
            b'[' => "a list",
            b'"' => "a string",
            b'n' => "null",
            b't' | b'f' => "true or false",
            _ => "a number",
        };
        return Err(at.error(format!(
            "expected a session object {{\"start\": ..., ...}}, found {found}"
        )));
    }
    serde_json::from_str(body).map_err(|e| {
        // serde_json's place is within the session; make it the place in the file.
        let (l, c) = (e.line() as u64, e.column() as u64);
        let (line, column) = if l == 1 {
            (at.line, at.column + c - 1)
        } else {
            (at.line + l - 1, c)
        };
        Error::parse(
            at.path,
            Some(line),
            Some(column),
            format!("a session: {}", strip_position(&e.to_string())),
        )
    })
}

/// The workout a JSON session tells, from `start` on; the first field it cannot read is the
/// error.
fn workout_from_json(
    at: &Place,
    item: JsonSession,
    origin: Origin,
    start: Stamp,
) -> Result<Workout> {
    let mut w = Workout::new(origin, start);
    w.end = at.stamp("end", &item.end)?;
    w.minutes = at.duration(&item.duration)?;
    w.activity = item.r#type.unwrap_or_default();
    w.title = item.title.unwrap_or_default();
    w.modality = at.modality(&item.modality)?;
    w.rpe = at.num("rpe", &item.rpe)?;
    w.avg_hr = at.num("avg_hr", &item.avg_hr)?;
    w.max_hr = at.num("max_hr", &item.max_hr)?;
    w.distance_km = at.num("distance_km", &item.distance_km)?.or(at
        .num("distance_mi", &item.distance_mi)?
        .map(|mi| mi * KM_PER_MILE));
    w.notes = item.notes.unwrap_or_default();
    for ex in item.exercises {
        let mut sets = Sets::default();
        for s in &ex.sets {
            sets.add(&at.set(s)?);
        }
        w.exercises.push(Exercise {
            name: ex.name.into(),
            sets,
            line: at.line,
        });
    }
    Ok(w)
}

/// Where a JSON session stands in its file (line, and column in bytes, 1-based), for the errors
/// of its fields.
struct Place<'a> {
    path: &'a std::path::Path,
    line: u64,
    column: u64,
}

impl Place<'_> {
    fn error(&self, message: String) -> Error {
        Error::parse(self.path, Some(self.line), Some(self.column), message)
    }

    /// A date and time; `None` when absent or blank.
    fn stamp(&self, field: &str, value: &Option<String>) -> Result<Option<Stamp>> {
        match value.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => parse_stamp(s).map(Some).ok_or_else(|| {
                self.error(format!(
                    "field `{field}`: expected {DATE_TIME_EXPECTED}, found {}",
                    shown(s)
                ))
            }),
        }
    }

    /// A number, or a number written as a string; `None` when absent or blank.
    fn num(&self, field: &str, value: &Option<Num>) -> Result<Option<f64>> {
        match value {
            None => Ok(None),
            Some(Num::Number(n)) => Ok(Some(*n)),
            Some(Num::Text(s)) if s.trim().is_empty() => Ok(None),
            Some(Num::Text(s)) => parse_number(s, false).map(Some).ok_or_else(|| {
                self.error(format!(
                    "field `{field}`: expected a number, found {}",
                    shown(s)
                ))
            }),
        }
    }

    /// The `duration` field in minutes; `None` when absent or blank.
    fn duration(&self, value: &Option<Dur>) -> Result<Option<f64>> {
        Ok(match value {
            None => None,
            Some(Dur::Minutes(m)) => Some(*m),
            Some(Dur::Text(s)) if s.trim().is_empty() => None,
            Some(Dur::Text(s)) => Some(parse_minutes(s).ok_or_else(|| {
                self.error(format!(
                    "field `duration`: expected {DURATION_EXPECTED}, found {}",
                    shown(s)
                ))
            })?),
        })
    }

    /// The `modality` field; `None` when absent or blank.
    fn modality(&self, value: &Option<String>) -> Result<Option<Modality>> {
        Ok(match value.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(m) => Some(Modality::parse(m).ok_or_else(|| {
                self.error(format!(
                    "field `modality`: expected strength, cardio or other, found {}",
                    shown(m)
                ))
            })?),
        })
    }

    /// One set; a weight in pounds is made kg.
    fn set(&self, s: &JsonSet) -> Result<Set> {
        Ok(Set {
            warmup: false,
            weight: self
                .num("weight", &s.weight)?
                .or(self.num("weight_kg", &s.weight_kg)?)
                .or(self
                    .num("weight_lbs", &s.weight_lbs)?
                    .map(|lb| lb * KG_PER_LB)),
            reps: self.num("reps", &s.reps)?,
            rpe: self.num("rpe", &s.rpe)?,
            seconds: self.num("seconds", &s.seconds)?,
            distance_km: self.num("distance_km", &s.distance_km)?,
        })
    }
}

/// serde_json ends its messages with " at line L column C" relative to the piece it parsed;
/// the caller gives the position in the whole file instead.
/// serde_json's "recursion limit exceeded" is said in the user's words.
fn strip_position(message: &str) -> String {
    let message = message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i]);
    message.replace(
        "recursion limit exceeded",
        "nested too deep (more than 128 levels of lists and objects)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_of_offsets() {
        let text = "[\n  {\"a\": 1},\n  {\"b\": 2}\n]";
        let second = text.find("{\"b").unwrap();
        assert_eq!(line_col(text, second), (3, 3));
        assert_eq!(line_col(text, 0), (1, 1));
        // Asked in order, and again from the start.
        let mut at = Positions::new(text);
        assert_eq!(at.at(0), (1, 1));
        assert_eq!(at.at(text.find("{\"a").unwrap()), (2, 3));
        assert_eq!(at.at(second), (3, 3));
        assert_eq!(at.at(text.len()), (4, 2));
        assert_eq!(at.at(1), (1, 2));
    }
}
