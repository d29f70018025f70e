//! Garmin Connect's account data export ("Export Your Data", garmin.com/account/datamanagement):
//! a zip whose `DI_CONNECT/DI-Connect-Fitness/<user>_<n>_summarizedActivities.json` files list
//! every activity of the account, a summary of each. The original FIT files of the same
//! activities sit in zips under `DI_CONNECT/DI-Connect-Uploaded-Files/` (read by [`super::fit`]);
//! an activity in both is one session, the richer record kept (the timeline's duplicates).
//!
//! A summary file is a JSON array whose element holds `summarizedActivitiesExport`, the list of
//! activities, told by that key near its start. Of each activity:
//!
//! - `beginTimestamp` (or `startTimeGmt`), epoch milliseconds, is the start as a UTC instant;
//!   `startTimeLocal` is the local wall clock written as if it were UTC epoch milliseconds, so
//!   the difference of the two is the zone's offset, which the start keeps (rounded to a quarter
//!   hour, as FIT's local time is). Without either UTC field, the local wall clock is the start.
//! - `elapsedDuration` (pauses included, as FIT's elapsed time), else `duration` (the timer), in
//!   milliseconds, gives the end.
//! - `distance` is in centimetres; `avgHr` and `maxHr` in beats per minute; `name` is the title.
//! - `activityType` is Garmin Connect's type key (`running`, `strength_training`), or in some
//!   exports an object holding it as `typeKey`; `sportType` (`RUNNING`, `TRAINING`) where it is
//!   missing. The key is named in English words classification knows ([`TYPES`], else its own
//!   words: `treadmill_running` is "Treadmill Running").
//! - `summarizedExerciseSets` of a strength activity: for each exercise, its `category` and
//!   `subCategory` (the FIT profile's names in capitals: `SQUAT`, `BARBELL_BACK_SQUAT`, named as
//!   the FIT importer names a set's), `sets`, `reps` (all the sets' together), `maxWeight`
//!   (grams) and `duration` (milliseconds, all the sets'). Exercises of the warm-up category are
//!   warm-ups, which make no leg day.
//! - A multisport activity (`parent: true`) is listed with its parts, each naming it as its
//!   `parentId`: where a part is in the file, the parent is left out, so that a triathlon or a
//!   ride then lifting is not counted twice.
//!
//! The export's other files (`DI-Connect-User/user_profile.json`, `DI-Connect-Wellness/
//! *_sleepData.json`, `DI-Connect-Fitness/*_personalRecord.json`, ...) hold no activities: a JSON
//! file directly in one of its `DI_CONNECT/DI-Connect-*` folders that is not a summary is passed
//! over with [`NO_WORKOUTS`], which a folder or an archive says once for all of them.
//!
//! The file is read as a stream: one activity at a time, whatever the file's size (years of
//! activities are tens of MB).
//!
//! Sources, each field and unit: dapperAuteur/centenarian-os, scripts/garmin-export-to-centos.mjs
//! ("checked against a real export": durations in milliseconds, distance in centimetres,
//! `startTimeLocal` the local wall clock as epoch milliseconds, `maxWeight` in grams, an exercise's
//! `duration` in milliseconds and `reps` the total over its sets; the type keys `indoor_cardio`
//! shown as "Cardio" and `lap_swimming` as "Pool Swim"); johders/run-lab,
//! backend/RunLab.Core/Garmin/DTOs/GarminActivity.cs (`beginTimestamp`, `startTimeGmt`,
//! `startTimeLocal` in epoch milliseconds, `duration`, `elapsedDuration` in milliseconds,
//! `distance` in centimetres, `avgHr`, `maxHr`, `sportType`); secunit404/activsync,
//! src/activsync/dev_mock.py (Garmin Connect's type keys, "taken from a real account"); the
//! layout of the export: pe-st/garmin-connect-export issue #7 and trevordavies095/tempo issue
//! #224 (`DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`, the FIT files in
//! `DI-Connect-Uploaded-Files/*.zip`). `activityType` as an object with
//! `typeKey`, and `parent`/`parentId`, are as Garmin Connect's activity lists write them; no
//! public export seen shows a multisport activity.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::fit;
use super::{Detection, Importer, Input, Probe, Sink};
use crate::error::{Error, Result};
use crate::model::{Exercise, Modality, Origin, Set, Sets, Stamp, Workout};

pub struct GarminExport;

/// The key that tells a summary file.
const KEY: &str = "summarizedActivitiesExport";

/// How far into a file the key is looked for: it is the first key of the first element.
const NEAR_START: usize = 1024;

/// Why a file of the export that is not a summary is passed over; a folder or an archive says it
/// once for all such files.
pub const NO_WORKOUTS: &str = "a file of Garmin Connect's data export that holds no activities (a profile, sleep, health or records); the activities are in DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json";

/// What a warning says of all the files passed over with [`NO_WORKOUTS`].
pub const NO_WORKOUTS_ARE: &str =
    " of Garmin Connect's data export that hold no activities (profile, sleep, health, records)";

/// Garmin Connect's type keys whose own words are not the names classification knows, with the
/// English names Garmin Connect shows (centenarian-os, above) or FIT gives the same activity
/// ([`fit::ACTIVITIES`]). A key not here is named by its words, without the `_v2` and `_ws` of
/// newer keys (`tennis_v2` is "Tennis").
pub const TYPES: &[(&str, &str)] = &[
    ("indoor_cardio", "Cardio"),
    ("lap_swimming", "Pool Swimming"),
    ("hiit", "HIIT"),
    ("multi_sport", "Multisport"),
    ("transition_v2", "Multisport Transition"),
    ("biketoruntransition_v2", "Multisport Transition"),
    ("runtobiketransition_v2", "Multisport Transition"),
    ("swimtobiketransition_v2", "Multisport Transition"),
    // Mountain-bike disciplines, as FIT names its mountain sub-sport.
    ("enduro_mtb", "Mountain Biking"),
    ("e_enduro_mtb", "E-Bike Ride"),
    ("fitness_equipment", "Cardio Equipment"),
    ("e_bike_fitness", "E-Bike Ride"),
    ("e_bike_mountain", "E-Bike Ride"),
    // "Climbing" alone is bouldering and the like, not cardio: the stairs are a stair climber.
    ("floor_climbing", "Stair Climber"),
    ("stair_climbing", "Stair Climber"),
    ("snow_shoe_ws", "Snowshoe"),
    ("resort_skiing_snowboarding_ws", "Alpine Skiing"),
    ("resort_skiing", "Alpine Skiing"),
    ("resort_snowboarding", "Snowboarding"),
    ("backcountry_skiing_snowboarding_ws", "Backcountry Skiing"),
    ("cross_country_skiing_ws", "Cross Country Skiing"),
    ("stand_up_paddleboarding_v2", "Stand Up Paddling"),
];

const WHAT_TO_DO: &str = "export the data again from garmin.com/account/datamanagement";

impl Importer for GarminExport {
    fn name(&self) -> &'static str {
        "garmin-export"
    }

    fn record(&self) -> &'static str {
        "activity"
    }

    fn describe(&self) -> &'static str {
        "Garmin Connect's data export (summarizedActivities.json)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Garmin Connect (data export)")
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn detect_bytes(&self, probe: &Probe) -> Detection {
        let start = json_start(probe.bytes);
        if !start.starts_with(b"[") && !start.starts_with(b"{") {
            return Detection::No;
        }
        if holds_key(start) {
            Detection::Match(60)
        } else if in_export_folder(probe.path) {
            // Read only to be passed over: see `read`.
            Detection::Match(20)
        } else {
            Detection::No
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let Input {
            path, file, reader, ..
        } = input;
        let io_error = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let mut reader = BufReader::with_capacity(64 * 1024, reader);
        let mut head = Vec::with_capacity(NEAR_START + 3);
        (&mut reader)
            .take(NEAR_START as u64 + 3)
            .read_to_end(&mut head)
            .map_err(io_error)?;
        if !holds_key(json_start(&head)) {
            return Err(Error::UnknownFormat {
                path,
                detail: NO_WORKOUTS.into(),
            });
        }
        let bom = if head.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let place = Rc::new(Cell::new(Place { line: 1, column: 1 }));
        let tracked = Tracked {
            inner: std::io::Cursor::new(head).chain(reader),
            skip: bom,
            place: Rc::clone(&place),
        };
        let mut state = State {
            file: &file,
            sink,
            place,
            parents: Vec::new(),
            parent_ids: HashSet::new(),
            names: HashMap::new(),
            stopped: None,
            activities: 0,
        };
        let mut json = serde_json::Deserializer::from_reader(tracked);
        let result = (&mut state)
            .deserialize(&mut json)
            .and_then(|()| json.end());
        if let Some(error) = state.stopped.take() {
            return Err(error);
        }
        if let Err(e) = result {
            return Err(json_error(&path, &e, state.place.get()));
        }
        state.leave_out_parents();
        if state.activities == 0 {
            state.sink.warnings.push(crate::model::Warning::about(
                crate::model::WarningKind::File,
                &file,
                "Garmin Connect's activity summary lists no activities",
            ));
        }
        Ok(())
    }
}

/// The bytes after a byte-order mark and white space.
fn json_start(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let from = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[from..]
}

fn holds_key(start: &[u8]) -> bool {
    let near = &start[..start.len().min(NEAR_START)];
    memchr::memmem::find(near, b"\"summarizedActivitiesExport\"").is_some()
}

/// Whether a file lies directly in one of the export's `DI_CONNECT/DI-Connect-*` folders (not in
/// the zips of uploaded files inside them, whose files are activities of their own).
fn in_export_folder(path: &Path) -> bool {
    let mut folders = path.components().rev().skip(1).map(|c| c.as_os_str());
    let (Some(folder), Some(top)) = (folders.next(), folders.next()) else {
        return false;
    };
    folder.to_string_lossy().starts_with("DI-Connect-") && top == "DI_CONNECT"
}

/// A place in the file: the line, and the column (in bytes) of the next byte read.
#[derive(Clone, Copy, Debug)]
struct Place {
    line: u64,
    column: u64,
}

/// The file as serde_json reads it (a byte at a time), counting lines as it goes, so that each
/// activity is named by where it stands.
struct Tracked<R> {
    inner: R,
    /// Bytes of a byte-order mark still to leave out.
    skip: usize,
    place: Rc<Cell<Place>>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.skip > 0 {
            let mut byte = [0u8; 1];
            if self.inner.read(&mut byte)? == 0 {
                return Ok(0);
            }
            self.skip -= 1;
        }
        let n = self.inner.read(buf)?;
        let mut place = self.place.get();
        for &b in &buf[..n] {
            if b == b'\n' {
                place.line += 1;
                place.column = 1;
            } else {
                place.column += 1;
            }
        }
        self.place.set(place);
        Ok(n)
    }
}

/// The error for a file that is not JSON, or not shaped as a summary, where serde_json stopped.
fn json_error(path: &Path, e: &serde_json::Error, at: Place) -> Error {
    let (line, column) = if e.line() == 0 {
        (at.line, at.column.saturating_sub(1).max(1))
    } else {
        (e.line() as u64, (e.column() as u64).max(1))
    };
    let message = e.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |i| &message[..i]);
    let what = if e.is_data() {
        format!(
            "expected Garmin Connect's activity summary, [{{\"{KEY}\": [activities]}}]: {message}"
        )
    } else if e.is_eof() {
        format!("the file ends inside its JSON ({message}): it was cut short; {WHAT_TO_DO}")
    } else {
        format!("malformed JSON: {message}")
    };
    Error::parse(path, Some(line), Some(column), what)
}

/// What reading a file keeps track of.
struct State<'a> {
    file: &'a Arc<str>,
    sink: &'a mut Sink,
    place: Rc<Cell<Place>>,
    /// The multisport activities read: each one's workout (its index in the sink) and id.
    parents: Vec<(usize, String)>,
    /// The ids the parts of multisport activities name as their parent.
    parent_ids: HashSet<String>,
    /// Each exercise name once, shared by its exercises.
    names: HashMap<String, Arc<str>>,
    /// The error that stopped the read (`--strict`), to be returned instead of serde's.
    stopped: Option<Error>,
    activities: usize,
}

impl State<'_> {
    /// Leaves out each multisport activity whose parts are in the file.
    fn leave_out_parents(&mut self) {
        let gone: HashSet<usize> = self
            .parents
            .iter()
            .filter(|(_, id)| self.parent_ids.contains(id))
            .map(|(index, _)| *index)
            .collect();
        if gone.is_empty() {
            return;
        }
        // `parents` holds indices into the whole sink, earlier files' workouts included.
        let mut index = 0;
        self.sink.workouts.retain(|_| {
            let keep = !gone.contains(&index);
            index += 1;
            keep
        });
    }
}

/// The whole file: `[{"summarizedActivitiesExport": [...]}, ...]`, or the object alone.
impl<'de> DeserializeSeed<'de> for &mut State<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut State<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of objects holding \"{KEY}\"")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while seq.next_element_seed(Part(&mut *self))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<(), A::Error> {
        Part(self).visit_map(map)
    }
}

/// An element of the file's list: the activities under [`KEY`], anything else passed over.
struct Part<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for Part<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Part<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object holding \"{KEY}\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            if key.0 == Some(Field::Activities) {
                map.next_value_seed(Activities(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// The list of activities.
struct Activities<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for Activities<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Activities<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of activities")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while seq.next_element_seed(OneActivity(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// One activity, read into [`Fields`] and taken into the sink.
struct OneActivity<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for OneActivity<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OneActivity<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an activity (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        // The object's `{` was the last byte read.
        let at = self.0.place.get();
        let origin = Origin {
            format: "garmin-export",
            file: Arc::clone(self.0.file),
            line: at.line,
            column: u32::try_from(at.column.saturating_sub(1).max(1)).unwrap_or(u32::MAX),
        };
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key.0 {
                Some(field) => fields.set(field, map.next_value()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let state = self.0;
        state.activities += 1;
        if let Err(error) = state.take(fields, origin) {
            state.stopped = Some(error);
            return Err(de::Error::custom("stopped"));
        }
        Ok(())
    }
}

/// The fields read of an activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Activities,
    Id,
    Name,
    Type,
    Sport,
    Begin,
    StartGmt,
    StartLocal,
    Duration,
    Elapsed,
    Distance,
    AvgHr,
    MaxHr,
    Parent,
    ParentId,
    Sets,
}

/// A key of an object: a field read, or `None` for one passed over. Told without allocating:
/// an activity has about a hundred keys.
struct Key(Option<Field>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> std::result::Result<Key, E> {
                Ok(Key(Some(match key {
                    KEY => Field::Activities,
                    "activityId" => Field::Id,
                    "name" => Field::Name,
                    "activityType" => Field::Type,
                    "sportType" => Field::Sport,
                    "beginTimestamp" => Field::Begin,
                    "startTimeGmt" => Field::StartGmt,
                    "startTimeLocal" => Field::StartLocal,
                    "duration" => Field::Duration,
                    "elapsedDuration" => Field::Elapsed,
                    "distance" => Field::Distance,
                    "avgHr" => Field::AvgHr,
                    "maxHr" => Field::MaxHr,
                    "parent" => Field::Parent,
                    "parentId" => Field::ParentId,
                    "summarizedExerciseSets" => Field::Sets,
                    _ => return Ok(Key(None)),
                })))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// An activity's fields as written (checked as they are taken, so that a field of the wrong
/// kind skips the activity with a warning naming it, not the whole file).
#[derive(Default)]
struct Fields {
    id: Option<Value>,
    name: Option<Value>,
    kind: Option<Value>,
    sport: Option<Value>,
    begin: Option<Value>,
    start_gmt: Option<Value>,
    start_local: Option<Value>,
    duration: Option<Value>,
    elapsed: Option<Value>,
    distance: Option<Value>,
    avg_hr: Option<Value>,
    max_hr: Option<Value>,
    parent: Option<Value>,
    parent_id: Option<Value>,
    sets: Option<Value>,
}

impl Fields {
    fn set(&mut self, field: Field, value: Value) {
        // `null` is a field not given.
        let value = Some(value).filter(|v| !v.is_null());
        let slot = match field {
            // The list of activities inside an activity is no activity: passed over.
            Field::Activities => return,
            Field::Id => &mut self.id,
            Field::Name => &mut self.name,
            Field::Type => &mut self.kind,
            Field::Sport => &mut self.sport,
            Field::Begin => &mut self.begin,
            Field::StartGmt => &mut self.start_gmt,
            Field::StartLocal => &mut self.start_local,
            Field::Duration => &mut self.duration,
            Field::Elapsed => &mut self.elapsed,
            Field::Distance => &mut self.distance,
            Field::AvgHr => &mut self.avg_hr,
            Field::MaxHr => &mut self.max_hr,
            Field::Parent => &mut self.parent,
            Field::ParentId => &mut self.parent_id,
            Field::Sets => &mut self.sets,
        };
        *slot = value;
    }
}

/// Why an activity cannot be read: skipped with this, or with `--strict` an error.
struct Unusable(String);

/// A field's number, where it is one; the field's name and what it holds where it is not.
fn number(field: &str, value: &Option<Value>) -> std::result::Result<Option<f64>, Unusable> {
    match value {
        None => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64().filter(|n| n.is_finite())),
        Some(other) => Err(Unusable(format!(
            "`{field}` is {}, not a number",
            shown(other)
        ))),
    }
}

/// A value as a message shows it: short.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// An id, as a key: a number or a string.
fn id(value: &Option<Value>) -> Option<String> {
    match value.as_ref()? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Epoch milliseconds as a UTC instant; `None` past the dates chrono holds.
fn instant(field: &str, ms: f64) -> std::result::Result<DateTime<chrono::Utc>, Unusable> {
    DateTime::from_timestamp_millis(ms.round() as i64)
        .filter(|_| ms.abs() < 1e15)
        .ok_or_else(|| {
            Unusable(format!(
                "`{field}` is {ms}, not a date in epoch milliseconds"
            ))
        })
}

/// The English activity name of a Garmin Connect type key (see [`TYPES`]).
pub fn activity_name(key: &str) -> String {
    let key = key.trim().to_ascii_lowercase();
    if let Some((_, name)) = TYPES.iter().find(|(k, _)| *k == key) {
        return name.to_string();
    }
    let bare = key
        .strip_suffix("_v2")
        .or_else(|| key.strip_suffix("_ws"))
        .unwrap_or(&key);
    match bare {
        "" | "other" | "uncategorized" => "Activity".to_string(),
        _ => fit::words_of(bare),
    }
}

/// The activity's type key: `activityType` as a string, or its `typeKey`.
fn type_key(fields: &Fields) -> std::result::Result<Option<String>, Unusable> {
    let key = match &fields.kind {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => match o.get("typeKey") {
            Some(Value::String(s)) => Some(s.clone()),
            None | Some(Value::Null) => None,
            Some(other) => {
                return Err(Unusable(format!(
                    "`activityType.typeKey` is {}, not a type key",
                    shown(other)
                )));
            }
        },
        Some(other) => {
            return Err(Unusable(format!(
                "`activityType` is {}, not a type key",
                shown(other)
            )));
        }
    };
    Ok(key.filter(|k| !k.trim().is_empty()))
}

impl State<'_> {
    /// Takes an activity into the sink: a workout, or a skipped row.
    fn take(&mut self, fields: Fields, origin: Origin) -> Result<()> {
        match self.workout(&fields, origin.clone()) {
            Ok(workout) => {
                if fields.parent == Some(Value::Bool(true))
                    && let Some(id) = id(&fields.id)
                {
                    self.parents.push((self.sink.workouts.len(), id));
                }
                if let Some(parent) = id(&fields.parent_id) {
                    self.parent_ids.insert(parent);
                }
                self.sink.workouts.push(workout);
                Ok(())
            }
            Err(Unusable(why)) => self.sink.skip(&origin, why),
        }
    }

    fn workout(
        &mut self,
        fields: &Fields,
        origin: Origin,
    ) -> std::result::Result<Workout, Unusable> {
        let begin = match number("beginTimestamp", &fields.begin)? {
            Some(ms) => Some(ms),
            None => number("startTimeGmt", &fields.start_gmt)?,
        };
        let local = number("startTimeLocal", &fields.start_local)?;
        let (start, utc) = match (begin, local) {
            (Some(begin), local) => {
                let utc = instant("beginTimestamp", begin)?;
                let offset = local
                    .and_then(|local| fit::zone_offset(((local - begin) / 1000.0).round() as i64))
                    .unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
                (Stamp::Instant(utc.with_timezone(&offset)), Some(utc))
            }
            (None, Some(local)) => (
                Stamp::Local(instant("startTimeLocal", local)?.naive_utc()),
                None,
            ),
            (None, None) => {
                return Err(Unusable(
                    "no start time (`beginTimestamp`, `startTimeGmt` or `startTimeLocal`)".into(),
                ));
            }
        };
        let ms = match number("elapsedDuration", &fields.elapsed)?.filter(|ms| *ms > 0.0) {
            Some(ms) => Some(ms),
            None => number("duration", &fields.duration)?.filter(|ms| *ms > 0.0),
        };
        let mut w = Workout::new(origin, start);
        if let Some(ms) = ms.and_then(|ms| TimeDelta::try_milliseconds(ms.round() as i64)) {
            match (&w.start, utc) {
                (Stamp::Instant(start), Some(_)) => {
                    w.end = start.checked_add_signed(ms).map(Stamp::Instant);
                }
                _ => w.minutes = Some(ms.num_milliseconds() as f64 / 60_000.0),
            }
        }
        w.activity = match (type_key(fields)?, &fields.sport) {
            (Some(key), _) => activity_name(&key),
            (None, Some(Value::String(sport))) => activity_name(sport),
            _ => "Activity".to_string(),
        };
        if let Some(Value::String(name)) = &fields.name {
            w.title = name.trim().to_string();
        }
        let positive = |field, value| -> std::result::Result<Option<f64>, Unusable> {
            Ok(number(field, value)?.filter(|n| *n > 0.0))
        };
        w.distance_km = positive("distance", &fields.distance)?.map(|cm| cm / 100_000.0);
        w.avg_hr = positive("avgHr", &fields.avg_hr)?;
        w.max_hr = positive("maxHr", &fields.max_hr)?;
        if w.activity == STRENGTH {
            // As in a FIT file: the activity is strength training, and an exercise whose name
            // no word list knows is part of it.
            w.modality = Some(Modality::Strength);
            self.exercises(&mut w, &fields.sets)?;
        }
        Ok(w)
    }

    /// The exercises of `summarizedExerciseSets`, each its sets folded as the file sums them.
    fn exercises(
        &mut self,
        w: &mut Workout,
        sets: &Option<Value>,
    ) -> std::result::Result<(), Unusable> {
        let list = match sets {
            None => return Ok(()),
            Some(Value::Array(list)) => list,
            Some(other) => {
                return Err(Unusable(format!(
                    "`summarizedExerciseSets` is {}, not a list",
                    shown(other)
                )));
            }
        };
        for (i, exercise) in list.iter().enumerate() {
            let Value::Object(o) = exercise else {
                return Err(Unusable(format!(
                    "exercise {} of `summarizedExerciseSets` is {}, not an object",
                    i + 1,
                    shown(exercise)
                )));
            };
            let text = |key| match o.get(key) {
                Some(Value::String(s)) => Some(s.as_str()),
                _ => None,
            };
            let field = |key: &str| format!("summarizedExerciseSets[{i}].{key}");
            let num = |key: &str| -> std::result::Result<Option<f64>, Unusable> {
                Ok(number(&field(key), &o.get(key).cloned())?.filter(|n| *n > 0.0))
            };
            let (name, category) =
                fit::exercise_name_of_keys(text("category").unwrap_or(""), text("subCategory"));
            let count = num("sets")?.map_or(1, |n| (n.round() as u32).max(1));
            let reps = num("reps")?;
            let first = Set {
                warmup: category == Some(fit::WARM_UP),
                weight: num("maxWeight")?.map(|g| g / 1000.0),
                reps,
                // A set of repetitions is not a timed set for its time (see the FIT importer).
                seconds: num("duration")?
                    .filter(|_| reps.is_none())
                    .map(|ms| ms / 1000.0),
                ..Set::default()
            };
            let rest = Set {
                warmup: first.warmup,
                ..Set::default()
            };
            let mut folded = Sets::of([&first]);
            for _ in 1..count.min(1000) {
                folded.add(&rest);
            }
            let name = Arc::clone(
                self.names
                    .entry(name.clone())
                    .or_insert_with(|| Arc::from(name.as_str())),
            );
            w.exercises.push(Exercise {
                name,
                sets: folded,
                line: w.origin.line,
            });
        }
        Ok(())
    }
}

/// The name [`activity_name`] gives strength training, as FIT does: its exercises are read.
const STRENGTH: &str = "Strength Training";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::classify::{is_lower_body, modality_of};
    use crate::import::testing;

    fn read(text: &str) -> Result<Sink> {
        testing::read(&GarminExport, "x_0_summarizedActivities.json", text)
    }

    fn error(text: &str) -> Error {
        match read(text) {
            Err(error) => error,
            Ok(sink) => panic!("read, with {} workouts", sink.workouts.len()),
        }
    }

    fn probe(path: &str, bytes: &[u8]) -> Detection {
        GarminExport.detect_bytes(&Probe {
            path: Path::new(path),
            bytes,
        })
    }

    /// A run in Berlin (UTC+1) and a strength workout, as the export writes them.
    const TWO: &str = r#"[ {
  "summarizedActivitiesExport" : [ {
    "activityId" : 101,
    "name" : "Morning Run",
    "activityType" : "running",
    "sportType" : "RUNNING",
    "beginTimestamp" : 1709535600000,
    "startTimeGmt" : 1709535600000,
    "startTimeLocal" : 1709539200000,
    "duration" : 1800000.0,
    "elapsedDuration" : 1830000.0,
    "distance" : 520000.0,
    "avgHr" : 151.0,
    "maxHr" : 172.0,
    "summarizedExerciseSets" : [ ]
  }, {
    "activityId" : 102,
    "name" : "Legs",
    "activityType" : { "typeKey" : "strength_training" },
    "beginTimestamp" : 1709571600000,
    "startTimeLocal" : 1709575200000,
    "duration" : 3000000.0,
    "summarizedExerciseSets" : [
      { "category" : "SQUAT", "subCategory" : "BARBELL_BACK_SQUAT", "sets" : 4, "reps" : 20, "maxWeight" : 100000.0, "volume" : 1800000.0, "duration" : 240000.0 },
      { "category" : "WARM_UP", "sets" : 1, "reps" : 10 },
      { "category" : "PLANK", "sets" : 2, "reps" : 0, "duration" : 120000.0 },
      { "category" : "UNKNOWN", "sets" : 1, "reps" : 8 }
    ]
  } ]
} ]"#;

    #[test]
    fn detects_the_key_near_the_start_and_the_exports_other_files_by_folder() {
        assert_eq!(probe("a.json", TWO.as_bytes()), Detection::Match(60));
        let bom = format!("\u{feff}\n  {TWO}");
        assert_eq!(probe("a.json", bom.as_bytes()), Detection::Match(60));
        let sleep = br#"[{"sleepStartTimestampGMT": 1}]"#;
        assert_eq!(probe("a.json", sleep), Detection::No);
        assert_eq!(
            probe("x/DI_CONNECT/DI-Connect-Wellness/a_sleepData.json", sleep),
            Detection::Match(20)
        );
        // The uploaded files' zips hold activities of their own.
        assert_eq!(
            probe(
                "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/1.json",
                sleep
            ),
            Detection::No
        );
        assert_eq!(probe("a.csv", b"start,type\n"), Detection::No);
    }

    #[test]
    fn a_run_gives_its_instant_with_the_local_offset_length_distance_and_heart_rate() {
        let sink = read(TWO).unwrap();
        assert_eq!(sink.workouts.len(), 2, "{:?}", sink.warnings);
        let run = &sink.workouts[0];
        let Stamp::Instant(start) = &run.start else {
            panic!("{:?}", run.start)
        };
        assert_eq!(start.to_rfc3339(), "2024-03-04T08:00:00+01:00");
        let Some(Stamp::Instant(end)) = &run.end else {
            panic!("{:?}", run.end)
        };
        // The elapsed time, pauses included.
        assert_eq!(end.to_rfc3339(), "2024-03-04T08:30:30+01:00");
        assert_eq!(run.activity, "Running");
        assert_eq!(run.title, "Morning Run");
        assert_eq!(run.distance_km, Some(5.2));
        assert_eq!((run.avg_hr, run.max_hr), (Some(151.0), Some(172.0)));
        let brace = TWO.lines().nth(1).unwrap().find('{').unwrap() as u32 + 1;
        assert_eq!((run.origin.line, run.origin.column), (2, brace));
        assert!(run.exercises.is_empty());
        // A byte-order mark and Windows line ends change nothing, not even the places.
        let windows = format!("\u{feff}{}", TWO.replace('\n', "\r\n"));
        assert_eq!(read(&windows).unwrap().workouts, sink.workouts);
    }

    #[test]
    fn a_strength_workout_has_its_exercises_and_its_leg_day() {
        let sink = read(TWO).unwrap();
        let lift = &sink.workouts[1];
        assert_eq!(lift.activity, "Strength Training");
        assert_eq!(lift.modality, Some(Modality::Strength));
        assert_eq!(lift.origin.line, 16);
        let names: Vec<&str> = lift.exercises.iter().map(|e| &*e.name).collect();
        assert_eq!(
            names,
            [
                "Barbell Back Squat",
                "Warm Up",
                "Plank",
                "Unidentified exercise"
            ]
        );
        let squat = &lift.exercises[0].sets;
        assert_eq!((squat.count, squat.working()), (4, 4));
        assert_eq!((squat.reps(), squat.weight()), (Some(20.0), Some(100.0)));
        assert!(is_lower_body(&lift.exercises[0].name));
        let warm_up = &lift.exercises[1].sets;
        assert_eq!((warm_up.count, warm_up.working()), (1, 0));
        let plank = &lift.exercises[2].sets;
        assert_eq!((plank.count, plank.seconds()), (2, Some(120.0)));
        // Ended by its timer time where no elapsed time is given.
        let Some(Stamp::Instant(end)) = &lift.end else {
            panic!()
        };
        assert_eq!(end.to_rfc3339(), "2024-03-04T18:50:00+01:00");
    }

    #[test]
    fn a_multisport_parent_with_its_parts_in_the_file_is_left_out() {
        let text = r#"[{"summarizedActivitiesExport": [
{"activityId": 1, "activityType": "multi_sport", "parent": true, "beginTimestamp": 1709535600000, "elapsedDuration": 5400000},
{"activityId": 2, "parentId": 1, "activityType": "indoor_cycling", "beginTimestamp": 1709535600000, "elapsedDuration": 1800000},
{"activityId": 3, "parentId": 1, "activityType": "strength_training", "beginTimestamp": 1709537400000, "elapsedDuration": 3600000},
{"activityId": 4, "activityType": "multi_sport", "parent": true, "beginTimestamp": 1709622000000, "elapsedDuration": 600000}
]}]"#;
        let sink = read(text).unwrap();
        let kinds: Vec<&str> = sink.workouts.iter().map(|w| w.activity.as_str()).collect();
        // A parent whose parts the file does not hold is all there is of that activity.
        assert_eq!(kinds, ["Indoor Cycling", "Strength Training", "Multisport"]);

        // Into a sink that holds another file's workouts already: the same one is left out.
        let mut sink = read(text).unwrap();
        let input = Input {
            path: "y_0_summarizedActivities.json".into(),
            file: "y_0_summarizedActivities.json".into(),
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            delimiter: b',',
        };
        GarminExport.read(input, &mut sink).unwrap();
        let kinds: Vec<&str> = sink.workouts.iter().map(|w| w.activity.as_str()).collect();
        assert_eq!(kinds, [&kinds[..3], &kinds[..3]].concat());
    }

    #[test]
    fn an_activity_without_a_start_or_with_a_field_of_another_kind_is_skipped() {
        let text = r#"[{"summarizedActivitiesExport": [
  {"activityId": 1, "activityType": "running"},
  {"activityId": 2, "activityType": "running", "beginTimestamp": "2024-03-04 08:00:00"},
  {"activityId": 3, "activityType": "running", "beginTimestamp": 1709535600000, "distance": "5 km"},
  {"activityId": 4, "activityType": "walking", "startTimeLocal": 1709539200000, "duration": 600000}
]}]"#;
        let sink = read(text).unwrap();
        assert_eq!(sink.skipped, 3);
        let messages: Vec<String> = sink.warnings.iter().map(|w| w.message.clone()).collect();
        assert!(messages[0].contains("no start time"), "{messages:?}");
        assert!(
            messages[1].contains("`beginTimestamp` is \"2024-03-04 08:00:00\", not a number"),
            "{messages:?}"
        );
        assert_eq!(sink.warnings[1].line, Some(3));
        assert!(messages[2].contains("`distance`"), "{messages:?}");
        // Only the local wall clock: a local start, its length in minutes.
        let walk = &sink.workouts[0];
        assert_eq!(
            walk.start,
            Stamp::Local("2024-03-04T08:00:00".parse().unwrap())
        );
        assert_eq!(walk.minutes, Some(10.0));

        let mut strict = Sink::new(true);
        let input = Input {
            path: "s.json".into(),
            file: "s.json".into(),
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            delimiter: b',',
        };
        let err = GarminExport
            .read(input, &mut strict)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("s.json:2") && err.contains("--strict"),
            "{err}"
        );
    }

    #[test]
    fn broken_json_is_an_error_naming_the_line_and_column() {
        let cut = &TWO[..TWO.len() / 2];
        let err = error(cut).to_string();
        assert!(err.contains("cut short"), "{err}");
        let bad = TWO.replacen("\"name\" : \"Legs\",", "\"name\" : \"Legs\" oops,", 1);
        let err = error(&bad).to_string();
        assert!(err.contains(":18:"), "{err}");
        assert!(err.contains("malformed JSON"), "{err}");
        let shape = r#"[{"summarizedActivitiesExport": {"activityId": 1}}]"#;
        let err = error(shape).to_string();
        assert!(
            err.contains("expected Garmin Connect's activity summary"),
            "{err}"
        );
    }

    #[test]
    fn an_empty_list_says_so_and_another_file_of_the_export_is_passed_over() {
        let sink = read(r#"[{"summarizedActivitiesExport": []}]"#).unwrap();
        assert!(sink.workouts.is_empty());
        assert!(sink.warnings[0].message.contains("lists no activities"));
        let err = error(r#"[{"sleepStartTimestampGMT": 1}]"#);
        assert!(matches!(err, Error::UnknownFormat { .. }), "{err}");
    }

    #[test]
    fn type_keys_are_named_in_words_classification_knows() {
        use Modality::{Cardio, Other, Strength};
        for (key, expected) in [
            ("running", Cardio),
            ("treadmill_running", Cardio),
            ("trail_running", Cardio),
            ("cycling", Cardio),
            ("road_biking", Cardio),
            ("indoor_cycling", Cardio),
            ("virtual_ride", Cardio),
            ("lap_swimming", Cardio),
            ("open_water_swimming", Cardio),
            ("walking", Cardio),
            ("hiking", Cardio),
            ("indoor_rowing", Cardio),
            ("elliptical", Cardio),
            ("stair_climbing", Cardio),
            ("floor_climbing", Cardio),
            ("indoor_cardio", Cardio),
            ("hiit", Cardio),
            ("fitness_equipment", Cardio),
            ("e_bike_fitness", Cardio),
            ("enduro_mtb", Cardio),
            ("downhill_biking", Cardio),
            ("strength_training", Strength),
            ("yoga", Other),
            ("pilates", Other),
            ("breathwork", Other),
            ("meditation", Other),
            ("resort_skiing_snowboarding_ws", Other),
            ("golf", Other),
            ("bouldering", Other),
        ] {
            let name = activity_name(key);
            assert_eq!(modality_of(&name), Some(expected), "{key}: {name}");
        }
        assert_eq!(activity_name("tennis_v2"), "Tennis");
        assert_eq!(activity_name("RUNNING"), "Running");
        for (_, name) in TYPES {
            assert!(modality_of(name).is_some(), "{name}");
        }
    }
}
