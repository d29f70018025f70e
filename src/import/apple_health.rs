//! Apple Health's own export: `export.xml`, from the Health app (profile picture, Export All
//! Health Data), inside `export.zip` as `apple_health_export/export.xml`. Every sample the phone
//! and the watch ever recorded is in it, so the file is often 1 to 4 GB:
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <!DOCTYPE HealthData [
//! <!-- HealthKit Export Version: 14 -->
//! <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|...)*)>
//! ...
//! ]>
//! <HealthData locale="en_US">
//!  <Record type="HKQuantityTypeIdentifierHeartRate" ... value="56"/>        (millions of these)
//!  <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.2" durationUnit="min"
//!           totalDistance="5.2" totalDistanceUnit="km" ... startDate="2025-05-08 17:26:15 +0100"
//!           endDate="2025-05-08 17:58:02 +0100">
//!   <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" ... average="151.3" maximum="172"
//!                      unit="count/min"/>
//!  </Workout>
//! </HealthData>
//! ```
//!
//! Apple publishes no specification of the file; the DTD at its top is the schema (Export
//! Versions 11 to 14 seen). Only the `<Workout>` elements are read:
//!
//! - `workoutActivityType`: HealthKit's `HKWorkoutActivityType` as its C name
//!   (`HKWorkoutActivityTypeTraditionalStrengthTraining`), shown as the title in words
//!   (`Traditional Strength Training`, as Apple's apps and HealthExport write it); its modality
//!   comes from [`APPLE_TYPES`].
//! - `startDate`, `endDate`: local times with their offset, `2025-05-08 17:26:15 +0100`.
//! - `duration` in `durationUnit` (`min`): the time recorded, pauses left out; the dates, pauses
//!   included, give the length where both are there.
//! - `totalDistance` in `totalDistanceUnit`; newer exports leave it out and give the distance as
//!   a `<WorkoutStatistics type="HKQuantityTypeIdentifierDistance...">` `sum`.
//! - Heart rate: the `average` and `maximum` of the workout's `<WorkoutStatistics
//!   type="HKQuantityTypeIdentifierHeartRate">`, which newer exports have. Older ones have only
//!   the heart-rate `<Record>`s of the day, which are not matched to workouts.
//! - `sourceName`: the app or device that wrote the workout. Health gathers every app's
//!   workouts, so one activity recorded by two of them is in the file twice; it is read once
//!   ([`merge_sources`]).
//!
//! Everything else (Records, Correlations, ActivitySummary, energy, routes, events) is passed
//! over. The file is read as a stream and never held whole: a `<Record>` is told by its name on
//! the raw bytes and its attributes are never looked at. iOS 16's exports (Export Version 12)
//! carry a DTD Apple wrote wrong (a declaration left open, two stray `>`); it is skipped as it
//! is, like any DTD.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use quick_xml::Reader;
use quick_xml::errors::IllFormedError;
use quick_xml::events::{BytesStart, Event};

use super::csv_rows::KM_PER_MILE;
use super::values::{parse_number, parse_stamp};
use super::xml::{self, Pos};
use super::{Detection, Importer, Input, Probe, Sink, column_key};
use crate::error::{Error, Result};
use crate::model::{Origin, Stamp, Warning, WarningKind, Workout};

/// Apple's workout types, as Apple's apps and HealthExport write them (HealthKit's
/// `HKWorkoutActivityType` cases in words), and a name classification reads as the type's
/// modality: strength, cardio or other (yoga-like work, which takes part in no pair). The types
/// are HealthKit's (developer.apple.com/documentation/healthkit/hkworkoutactivitytype), compared
/// without regard to case and spaces, so `TraditionalStrengthTraining` of export.xml finds its
/// row too. A type not here is left to classification as it is written (`Running`, `Cycling`,
/// `Swimming` and other plain sports read right that way); one it does not know either is shown
/// as other, named in a warning. Read by this importer and by HealthExport's.
pub const APPLE_TYPES: &[(&str, &str)] = &[
    // Strength.
    ("Traditional Strength Training", "Strength Training"),
    ("Functional Strength Training", "Strength Training"),
    ("Core Training", "Strength Training"),
    // Cardio.
    ("Running", "Running"),
    ("Walking", "Walking"),
    ("Hiking", "Hiking"),
    ("Cycling", "Cycling"),
    ("Hand Cycling", "Cycling"),
    ("Swimming", "Swimming"),
    ("Rowing", "Rowing"),
    ("Elliptical", "Elliptical"),
    ("Stair Climbing", "Stair Climber"),
    ("Stairs", "Stair Climber"),
    ("Step Training", "Stair Stepper"),
    ("High Intensity Interval Training", "HIIT"),
    ("Mixed Cardio", "Cardio"),
    ("Mixed Metabolic Cardio Training", "Cardio"),
    ("Jump Rope", "Jump Rope"),
    ("Cross Country Skiing", "Cross Country Skiing"),
    ("Paddle Sports", "Paddle"),
    ("Swim Bike Run", "Triathlon"),
    ("Kickboxing", "Kickboxing"),
    ("Boxing", "Boxing"),
    ("Wheelchair Walk Pace", "Cardio"),
    ("Wheelchair Run Pace", "Cardio"),
    // Other: stretching, mobility, mind and body.
    ("Yoga", "Yoga"),
    ("Pilates", "Pilates"),
    ("Barre", "Barre"),
    ("Tai Chi", "Tai Chi"),
    ("Mind and Body", "Mobility"),
    ("Flexibility", "Flexibility"),
    ("Cooldown", "Stretching"),
    ("Preparation and Recovery", "Mobility"),
];

/// The name classification knows for an Apple workout type, compared without regard to case,
/// spaces and underscores (`HighIntensityIntervalTraining` is the type too).
pub fn known_name(apple: &str) -> Option<&'static str> {
    let key = column_key(apple);
    APPLE_TYPES
        .iter()
        .find(|(name, _)| column_key(name) == key)
        .map(|(_, known)| *known)
}

const FORMAT: &str = "apple-health";

/// What every `workoutActivityType` starts with.
const TYPE_PREFIX: &str = "HKWorkoutActivityType";
const HEART_RATE: &str = "HKQuantityTypeIdentifierHeartRate";
/// The distance statistics: `...DistanceWalkingRunning`, `...DistanceCycling`,
/// `...DistanceSwimming`, `...DistanceWheelchair`, `...DistanceDownhillSnowSports`, ...
const DISTANCE_PREFIX: &str = "HKQuantityTypeIdentifierDistance";

const DATE_EXPECTED: &str = "a date like 2025-05-08 17:26:15 +0100";

pub struct AppleHealth;

impl Importer for AppleHealth {
    fn name(&self) -> &'static str {
        FORMAT
    }

    fn record(&self) -> &'static str {
        "workout"
    }

    fn describe(&self) -> &'static str {
        "an Apple Health export (export.xml, from the Health app's Export All Health Data)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Apple Health (export.xml)")
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["xml"]
    }

    /// An XML document whose start names Health's root element or carries the comment Health
    /// writes at the top of its DTD. By bytes: the file is read as it is, never decoded first.
    fn detect_bytes(&self, probe: &Probe) -> Detection {
        let bytes = probe
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(probe.bytes);
        let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
        if start.is_none_or(|i| bytes[i] != b'<') {
            return Detection::No;
        }
        let finder = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
        if finder(b"<HealthData") || finder(b"<!-- HealthKit Export Version") {
            Detection::Match(60)
        } else {
            Detection::No
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        read_export(input, sink)
    }
}

/// A workout being read: what its start tag said, and what its statistics add.
struct Pending {
    origin: Origin,
    /// How many elements are open while the workout is (the workout included): its own
    /// statistics come at this depth; those of a `<WorkoutActivity>` inside it do not.
    depth: usize,
    workout: std::result::Result<Workout, String>,
    /// The app or device that wrote it (`sourceName`).
    source: String,
    /// The distance of a `<WorkoutStatistics>`, used where the workout has no `totalDistance`.
    statistics_km: Option<f64>,
}

/// The file's bytes, read by the XML reader.
type Xml = Reader<Lines<Box<dyn Read + Send>>>;

/// The file without its byte-order mark, if it has one: quick-xml passes over a mark on its
/// own, and its positions would then be three bytes behind those of the lines counted here.
/// The mark is nothing a person sees, so a place is counted from the first character after it.
fn without_bom(
    path: &std::path::Path,
    mut reader: Box<dyn Read + Send>,
) -> Result<Box<dyn Read + Send>> {
    let mut head = Vec::with_capacity(3);
    reader
        .by_ref()
        .take(3)
        .read_to_end(&mut head)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if head == b"\xEF\xBB\xBF" {
        return Ok(reader);
    }
    Ok(Box::new(std::io::Cursor::new(head).chain(reader)))
}

fn read_export(input: Input, sink: &mut Sink) -> Result<()> {
    let Input {
        path, file, reader, ..
    } = input;
    let path = path.as_path();
    let mut xml: Xml = Reader::from_reader(Lines::new(without_bom(path, reader)?));
    let mut buf = Vec::with_capacity(64 * 1024);
    // The elements open around the reading position: the line each starts on, and where its
    // name begins in `names`, which holds them one after the other (for the message of a file
    // cut short).
    let mut open: Vec<(u64, usize)> = Vec::new();
    let mut names = String::new();
    let mut pending: Option<Pending> = None;
    let mut root = false;
    let first = sink.workouts.len();
    // The source of each workout read, in the order of `sink.workouts[first..]`.
    let mut sources: Vec<String> = Vec::new();
    loop {
        let at = xml.buffer_position();
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => return Err(broken(path, &mut xml, e, at, &open)),
        };
        match event {
            Event::Empty(e) => {
                // Nearly every element of the file: passed over by its name alone.
                if e.name().as_ref() == "Record" {
                    continue;
                }
                if open.is_empty() {
                    // An export of nothing, `<HealthData/>`, or something else.
                    root_element(&e, root, path, xml.get_mut(), at)?;
                    root = true;
                } else if let Some(p) = pending.as_mut() {
                    if open.len() == p.depth && e.name().as_ref() == "WorkoutStatistics" {
                        statistics(&e, p, path, xml.get_mut(), at)?;
                    }
                } else if e.name().as_ref() == "Workout" && open.len() == 1 {
                    let p = start_workout(&e, path, &file, xml.get_mut(), at, 1)?;
                    finish(p, sink, &mut sources)?;
                }
            }
            Event::Start(e) => {
                if open.is_empty() {
                    root_element(&e, root, path, xml.get_mut(), at)?;
                    root = true;
                }
                let line = xml.get_mut().place(at).line;
                let name = e.name();
                let name = name.as_ref();
                open.push((line, names.len()));
                names.push_str(name);
                if pending.is_none() && name == "Workout" && open.len() == 2 {
                    pending = Some(start_workout(&e, path, &file, xml.get_mut(), at, 2)?);
                }
            }
            Event::End(_) => {
                if let Some((_, name_at)) = open.pop() {
                    names.truncate(name_at);
                }
                if pending.as_ref().is_some_and(|p| open.len() < p.depth) {
                    finish(pending.take().expect("a workout"), sink, &mut sources)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let end = xml.buffer_position();
    let end = xml.get_mut().place(end);
    let cut_short = |what: String| {
        end.error(
            path,
            format!("{what}: the file was cut short; export it again from the Health app"),
        )
    };
    if let Some(&(opened, name_at)) = open.last() {
        let name = &names[name_at..];
        return Err(cut_short(format!(
            "the file ends inside <{name}> (opened at line {opened})"
        )));
    }
    if !root {
        return Err(cut_short("the file ends before <HealthData>".into()));
    }
    merge_sources(sink, first, &sources);
    Ok(())
}

/// Health gathers the workouts of every app and device: one activity recorded by two of them
/// (the watch's own workout and a running app's, both written to Health) is two `<Workout>`s.
/// Two workouts of different sources, of the same activity, overlapping for at least half of
/// the shorter, are read as one: the one that tells more (heart rate, distance) is kept, with
/// what the other adds. Workouts of one source are all kept, as the export has them.
fn merge_sources(sink: &mut Sink, first: usize, sources: &[String]) {
    let span = |w: &Workout| match (w.start, w.end) {
        (Stamp::Instant(s), Some(Stamp::Instant(e))) if e > s => Some((s, e)),
        _ => None,
    };
    let mut order: Vec<usize> = (first..sink.workouts.len()).collect();
    order.sort_by_key(|&i| span(&sink.workouts[i]).map(|(s, _)| s));
    let mut dropped = vec![false; sink.workouts.len() - first];
    let mut example = None;
    for (n, &i) in order.iter().enumerate() {
        let Some((start, end)) = span(&sink.workouts[i]) else {
            continue;
        };
        // Sorted by start: only the workouts just before can overlap this one.
        for &k in order[..n].iter().rev().take(8) {
            let Some((k_start, k_end)) = span(&sink.workouts[k]) else {
                continue;
            };
            let (a, b) = (&sink.workouts[k], &sink.workouts[i]);
            if dropped[k - first]
                || sources[k - first] == sources[i - first]
                || a.activity != b.activity
            {
                continue;
            }
            let overlap = (k_end.min(end) - k_start.max(start)).num_seconds();
            let shorter = (k_end - k_start).min(end - start).num_seconds();
            if overlap * 2 < shorter {
                continue;
            }
            let tells =
                |w: &Workout| u8::from(w.avg_hr.is_some()) + u8::from(w.distance_km.is_some());
            let (keep, drop) = if tells(b) > tells(a) { (i, k) } else { (k, i) };
            let other = sink.workouts[drop].clone();
            let kept = &mut sink.workouts[keep];
            kept.avg_hr = kept.avg_hr.or(other.avg_hr);
            kept.max_hr = kept.max_hr.or(other.max_hr);
            kept.distance_km = kept.distance_km.or(other.distance_km);
            dropped[drop - first] = true;
            example.get_or_insert((sink.workouts[keep].origin.clone(), other.origin.line));
            break;
        }
    }
    let count = dropped.iter().filter(|d| **d).count();
    let Some((kept, again)) = example else {
        return;
    };
    let mut index = first;
    sink.workouts.retain(|_| {
        let keep = index < first || !dropped[index - first];
        index += 1;
        keep
    });
    sink.repeated += count;
    sink.warnings.push(Warning::at(
        WarningKind::Duplicate,
        &kept,
        format!(
            "{count} workout{} recorded by two apps or devices at once (the same activity, overlapping) {} read once; for example this one, again at line {again}",
            if count == 1 { "" } else { "s" },
            if count == 1 { "was" } else { "were" },
        ),
    ));
}

/// Checks the element the document is: one `<HealthData>`.
fn root_element<R>(
    e: &BytesStart,
    seen: bool,
    path: &std::path::Path,
    lines: &mut Lines<R>,
    at: u64,
) -> Result<()> {
    let name = e.name();
    let name = name.as_ref();
    let wrong = if seen {
        format!("broken XML: <{name}> after the end of <HealthData>, where the document ended")
    } else if name != "HealthData" {
        format!("the document is <{name}>, not <HealthData>: not an Apple Health export.xml")
    } else {
        return Ok(());
    };
    Err(lines.place(at).error(path, wrong))
}

/// Reads a `<Workout>` start tag. Its attributes are Apple's and well formed in every export
/// seen: one that is not is broken XML, an error; a value that cannot be read skips the workout.
fn start_workout<R>(
    e: &BytesStart,
    path: &std::path::Path,
    file: &std::sync::Arc<str>,
    lines: &mut Lines<R>,
    at: u64,
    depth: usize,
) -> Result<Pending> {
    let place = lines.place(at);
    let origin = Origin {
        format: FORMAT,
        file: file.clone(),
        line: place.line,
        column: u32::try_from(place.column).unwrap_or(u32::MAX),
    };
    let mut attrs = WorkoutAttributes::default();
    for attr in e.attributes() {
        let (key, value) = attribute(attr, path, lines, at)?;
        match key {
            "workoutActivityType" => attrs.activity = Some(value),
            "startDate" => attrs.start = Some(value),
            "endDate" => attrs.end = Some(value),
            "duration" => attrs.duration = Some(value),
            "durationUnit" => attrs.duration_unit = Some(value),
            "totalDistance" => attrs.distance = Some(value),
            "totalDistanceUnit" => attrs.distance_unit = Some(value),
            "sourceName" => attrs.source = Some(value),
            _ => {}
        }
    }
    let workout = attrs.workout(origin.clone());
    Ok(Pending {
        origin,
        depth,
        workout,
        source: attrs.source.map(Cow::into_owned).unwrap_or_default(),
        statistics_km: None,
    })
}

/// One attribute of a tag that is read: its name and its value with entities replaced, or the
/// error for an attribute that is not `name="value"`, at its place in the tag.
fn attribute<'a, R>(
    attr: std::result::Result<
        quick_xml::events::attributes::Attribute<'a>,
        quick_xml::events::attributes::AttrError,
    >,
    path: &std::path::Path,
    lines: &mut Lines<R>,
    at: u64,
) -> Result<(&'a str, Cow<'a, str>)> {
    use quick_xml::events::attributes::AttrError;
    let attr = attr.map_err(|err| {
        let within = match err {
            AttrError::ExpectedEq(i)
            | AttrError::ExpectedValue(i)
            | AttrError::UnquotedValue(i)
            | AttrError::ExpectedQuote(i, _)
            | AttrError::Duplicated(i, _) => i,
        };
        // The position counts from the first byte after `<`.
        lines
            .place(at + 1 + within as u64)
            .error(path, format!("broken XML: {err}"))
    })?;
    let key = attr.key.into_inner();
    let value = attr
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(|err| lines.place(at).error(path, format!("broken XML: {err}")))?;
    Ok((key, value))
}

/// The attributes of `<Workout>` that are read, as written.
#[derive(Default)]
struct WorkoutAttributes<'a> {
    activity: Option<Cow<'a, str>>,
    start: Option<Cow<'a, str>>,
    end: Option<Cow<'a, str>>,
    duration: Option<Cow<'a, str>>,
    duration_unit: Option<Cow<'a, str>>,
    distance: Option<Cow<'a, str>>,
    distance_unit: Option<Cow<'a, str>>,
    source: Option<Cow<'a, str>>,
}

impl WorkoutAttributes<'_> {
    /// The workout, or why it cannot be one.
    fn workout(&self, origin: Origin) -> std::result::Result<Workout, String> {
        let stamp = |name: &str, value: &Option<Cow<str>>| match value.as_deref() {
            None => Err(format!("the workout has no {name}")),
            Some(s) => parse_stamp(s)
                .ok_or_else(|| format!("{name} {s:?} is not a date; expected {DATE_EXPECTED}")),
        };
        let start = stamp("startDate", &self.start)?;
        let end = match self.end {
            Some(_) => Some(stamp("endDate", &self.end)?),
            None => None,
        };
        let Some(apple) = self.activity.as_deref() else {
            return Err("the workout has no workoutActivityType".into());
        };
        let mut w = Workout::new(origin, start);
        w.end = end;
        let title = type_words(apple.strip_prefix(TYPE_PREFIX).unwrap_or(apple));
        w.activity = known_name(&title).unwrap_or(&title).to_string();
        w.title = title;
        w.minutes = self
            .duration
            .as_deref()
            .and_then(number)
            .zip(minutes_per(self.duration_unit.as_deref().unwrap_or("min")))
            .map(|(d, per)| d * per)
            .filter(|m| *m > 0.0);
        w.distance_km = self
            .distance
            .as_deref()
            .and_then(number)
            .zip(self.distance_unit.as_deref().and_then(km_per))
            .map(|(d, per)| d * per)
            .filter(|km| *km > 0.0);
        Ok(w)
    }
}

/// A `<WorkoutStatistics>` of the workout: its heart rate, or its distance.
fn statistics<R>(
    e: &BytesStart,
    p: &mut Pending,
    path: &std::path::Path,
    lines: &mut Lines<R>,
    at: u64,
) -> Result<()> {
    let (mut kind, mut average, mut maximum, mut sum, mut unit) = (None, None, None, None, None);
    for attr in e.attributes() {
        let (key, value) = attribute(attr, path, lines, at)?;
        match key {
            "type" => kind = Some(value),
            "average" => average = number(&value),
            "maximum" => maximum = number(&value),
            "sum" => sum = number(&value),
            "unit" => unit = Some(value),
            _ => {}
        }
    }
    let Ok(w) = p.workout.as_mut() else {
        return Ok(());
    };
    match kind.as_deref() {
        Some(HEART_RATE) => {
            w.avg_hr = average.filter(|v| *v > 0.0);
            w.max_hr = maximum.filter(|v| *v > 0.0);
        }
        Some(k) if k.starts_with(DISTANCE_PREFIX) => {
            p.statistics_km = sum
                .zip(unit.as_deref().and_then(km_per))
                .map(|(d, per)| d * per)
                .filter(|km| *km > 0.0);
        }
        _ => {}
    }
    Ok(())
}

/// Puts a workout read to its end into the sink, or skips it with the reason.
fn finish(p: Pending, sink: &mut Sink, sources: &mut Vec<String>) -> Result<()> {
    match p.workout {
        Ok(mut w) => {
            w.distance_km = w.distance_km.or(p.statistics_km);
            sink.workouts.push(w);
            sources.push(p.source);
            Ok(())
        }
        Err(why) => sink.skip(&p.origin, why),
    }
}

/// `TraditionalStrengthTraining` as words, `Traditional Strength Training`: a capital after a
/// small letter starts a word.
fn type_words(camel: &str) -> String {
    let mut words = String::with_capacity(camel.len() + 4);
    let mut previous_small = false;
    for c in camel.chars() {
        if c.is_uppercase() && previous_small {
            words.push(' ');
        }
        previous_small = c.is_lowercase() || c.is_ascii_digit();
        words.push(c);
    }
    words
}

fn number(s: &str) -> Option<f64> {
    parse_number(s, false).filter(|n| n.is_finite())
}

/// Minutes in one of HealthKit's time units.
fn minutes_per(unit: &str) -> Option<f64> {
    match unit {
        "min" => Some(1.0),
        "s" => Some(1.0 / 60.0),
        "ms" => Some(1.0 / 60_000.0),
        "hr" | "h" => Some(60.0),
        "d" => Some(24.0 * 60.0),
        _ => None,
    }
}

/// Kilometres in one of HealthKit's length units.
fn km_per(unit: &str) -> Option<f64> {
    match unit {
        "km" => Some(1.0),
        "m" => Some(0.001),
        "cm" => Some(0.000_01),
        "mi" => Some(KM_PER_MILE),
        "yd" => Some(0.000_914_4),
        "ft" => Some(0.000_304_8),
        _ => None,
    }
}

/// The error for XML that cannot be read on, at the place quick-xml found it (`started`, where
/// the event being read began, for an error of reading), in words.
fn broken(
    path: &std::path::Path,
    xml: &mut Xml,
    err: quick_xml::Error,
    started: u64,
    open: &[(u64, usize)],
) -> Error {
    let at = match err {
        quick_xml::Error::Io(_) => started,
        _ => xml.error_position(),
    };
    let place = xml.get_mut().place(at);
    let what = match &err {
        quick_xml::Error::Io(source) if source.kind() == io::ErrorKind::InvalidData => {
            source.to_string()
        }
        quick_xml::Error::Io(source) => {
            return Error::Io {
                path: path.to_path_buf(),
                source: io::Error::new(source.kind(), source.to_string()),
            };
        }
        quick_xml::Error::Syntax(e) if xml::ends_inside_markup(e) => {
            format!("{e}: the file was cut short; export it again from the Health app")
        }
        quick_xml::Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            let opened = open
                .last()
                .map(|(line, _)| format!(" (opened at line {line})"))
                .unwrap_or_default();
            format!("</{found}> where <{expected}>{opened} should be closed first")
        }
        quick_xml::Error::IllFormed(IllFormedError::UnmatchedEndTag(found)) => {
            format!("</{found}> closes no element that is open")
        }
        quick_xml::Error::Encoding(_) => "not UTF-8 text".to_string(),
        other => other.to_string(),
    };
    place.error(path, format!("broken XML: {what}"))
}

/// Room for the bytes read from the file after those kept: once it is full, the bytes before
/// the kept ones are dropped (one copy of [`KEPT`] bytes per `CHUNK` read, however few bytes
/// each read of the file gives).
const CHUNK: usize = 1024 * 1024;
/// Bytes already read that are kept, so that a place a little behind the reading position (the
/// start of the tag just read, where an error began) can still be told as a line and column.
const KEPT: usize = 1024 * 1024;
/// Bytes without a `>` after which the file is not XML (damaged: zeros or garbage where the
/// rest of the export should be). Every element of an export ends within a few hundred bytes;
/// without this bound the XML reader would hold such a stretch whole, looking for its end. Well
/// within [`KEPT`], so that the place where the stretch began can still be told.
const NO_MARKUP: u64 = 512 * 1024;

/// The file's bytes as the XML reader takes them (a [`BufRead`]), with the newlines counted on
/// the way, so that a workout and an error are named by line and column in one pass over the
/// file. The lines are counted only as far as a place is asked for, and each byte once.
struct Lines<R> {
    inner: R,
    buf: Vec<u8>,
    /// The next byte the XML reader takes is `buf[next]`; `buf[..filled]` was read.
    next: usize,
    filled: usize,
    /// The offset in the file of `buf[0]`.
    base: u64,
    /// The newlines in the file before `buf[counted]`, and the offset of the line `buf[counted]`
    /// is on.
    counted: usize,
    lines: u64,
    line_start: u64,
    /// The offset of the line `buf[0]` is on (for a column where its line began before `buf`).
    base_line_start: u64,
    /// Bytes read since the last `>`.
    since_markup: u64,
}

impl<R: Read> Lines<R> {
    fn new(inner: R) -> Lines<R> {
        Lines {
            inner,
            buf: Vec::new(),
            next: 0,
            filled: 0,
            base: 0,
            counted: 0,
            lines: 0,
            line_start: 0,
            base_line_start: 0,
            since_markup: 0,
        }
    }
}

impl<R> Lines<R> {
    /// The line and column (from 1, the column in bytes) of a place in the file at or behind
    /// what was read. A place further behind than the bytes kept (inside a tag longer than
    /// [`KEPT`]) is told as the first byte kept.
    fn place(&mut self, offset: u64) -> Pos {
        let at = offset.saturating_sub(self.base).min(self.filled as u64) as usize;
        let (lines, line_start) = if at >= self.counted {
            self.count_to(at);
            (self.lines, self.line_start)
        } else {
            let behind = &self.buf[at..self.counted];
            let newlines = memchr::memchr_iter(b'\n', behind).count() as u64;
            let start = memchr::memrchr(b'\n', &self.buf[..at])
                .map_or(self.base_line_start, |i| self.base + i as u64 + 1);
            (self.lines - newlines, start)
        };
        let offset = self.base + at as u64;
        Pos {
            line: lines + 1,
            // Where a workout's origin keeps it, a column is 32 bits.
            column: (offset - line_start + 1).min(u64::from(u32::MAX)),
        }
    }

    /// Counts the newlines up to `buf[to]`.
    fn count_to(&mut self, to: usize) {
        if to <= self.counted {
            return;
        }
        let ahead = &self.buf[self.counted..to];
        self.lines += memchr::memchr_iter(b'\n', ahead).count() as u64;
        if let Some(i) = memchr::memrchr(b'\n', ahead) {
            self.line_start = self.base + (self.counted + i) as u64 + 1;
        }
        self.counted = to;
    }
}

impl<R: Read> Lines<R> {
    /// Drops the bytes read before the ones kept, counting their lines first.
    fn make_room(&mut self) {
        let drop = self.filled.saturating_sub(KEPT);
        if drop == 0 {
            return;
        }
        self.count_to(drop);
        self.base_line_start = match memchr::memrchr(b'\n', &self.buf[..drop]) {
            Some(i) => self.base + i as u64 + 1,
            None => self.base_line_start,
        };
        self.buf.copy_within(drop..self.filled, 0);
        self.base += drop as u64;
        self.next -= drop;
        self.filled -= drop;
        self.counted -= drop;
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.next == self.filled {
            // The XML reader has taken all that was read and asks for more inside one element.
            if self.since_markup > NO_MARKUP {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "no `>` in the {} KB after this place: the rest of the file is not XML (damaged)",
                        NO_MARKUP / 1024
                    ),
                ));
            }
            if self.buf.len() < KEPT + CHUNK {
                self.buf.resize(KEPT + CHUNK, 0);
            }
            if self.filled == self.buf.len() {
                self.make_room();
            }
            let n = loop {
                match self.inner.read(&mut self.buf[self.filled..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    result => break result?,
                }
            };
            let read = &self.buf[self.filled..self.filled + n];
            self.since_markup = match memchr::memrchr(b'>', read) {
                Some(i) => (n - i - 1) as u64,
                None => self.since_markup + n as u64,
            };
            self.filled += n;
        }
        Ok(&self.buf[self.next..self.filled])
    }

    fn consume(&mut self, n: usize) {
        self.next = (self.next + n).min(self.filled);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::classify::modality_of;
    use crate::model::Modality;

    fn read(text: &str) -> Result<Sink> {
        crate::import::testing::read(&AppleHealth, "export.xml", text)
    }

    #[test]
    fn every_type_in_the_table_classifies_as_its_group() {
        let strength = [
            "Traditional Strength Training",
            "Functional Strength Training",
            "Core Training",
        ];
        let other = [
            "Yoga",
            "Pilates",
            "Barre",
            "Tai Chi",
            "Mind and Body",
            "Flexibility",
            "Cooldown",
            "Preparation and Recovery",
        ];
        for (apple, known) in APPLE_TYPES {
            let want = if strength.contains(apple) {
                Modality::Strength
            } else if other.contains(apple) {
                Modality::Other
            } else {
                Modality::Cardio
            };
            assert_eq!(modality_of(known), Some(want), "{apple} -> {known}");
        }
        assert_eq!(known_name("HighIntensityIntervalTraining"), Some("HIIT"));
        assert_eq!(
            known_name("functional strength training"),
            Some("Strength Training")
        );
        assert_eq!(known_name("Squash"), None);
    }

    /// An export as Health writes it: the declaration, a DTD with its version comment, the root
    /// and the elements around the workouts; `body` goes inside `<HealthData>`.
    fn export(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!-- HealthKit Export Version: 14 -->\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>\n<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n>\n]>\n<HealthData locale=\"en_US\">\n <ExportDate value=\"2024-06-16 21:04:11 +0200\"/>\n{body}</HealthData>\n"
        )
    }

    const RECORDS: &str = " <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Watch\" unit=\"count/min\" startDate=\"2024-06-11 07:12:33 +0200\" endDate=\"2024-06-11 07:12:33 +0200\" value=\"61\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"1\"/>\n </Record>\n <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Phone\" unit=\"count\" startDate=\"2024-06-11 08:02:10 +0200\" endDate=\"2024-06-11 08:11:52 +0200\" value=\"812\"/>\n";

    /// A lift and a run the same evening, the newer form (statistics): lines 15 and 20 of
    /// [`export`] with [`RECORDS`] before them.
    const EVENING: &str = " <Workout workoutActivityType=\"HKWorkoutActivityTypeTraditionalStrengthTraining\" duration=\"52.1\" durationUnit=\"min\" sourceName=\"Watch\" startDate=\"2024-06-11 17:30:12 +0200\" endDate=\"2024-06-11 18:24:40 +0200\">\n  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"2024-06-11 17:58:00 +0200\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierActiveEnergyBurned\" startDate=\"2024-06-11 17:30:12 +0200\" endDate=\"2024-06-11 18:24:40 +0200\" sum=\"301.7\" unit=\"Cal\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"2024-06-11 17:30:12 +0200\" endDate=\"2024-06-11 18:24:40 +0200\" average=\"112.4\" minimum=\"74\" maximum=\"141\" unit=\"count/min\"/>\n </Workout>\n <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" duration=\"33.75\" durationUnit=\"min\" sourceName=\"Watch\" startDate=\"2024-06-11 18:31:05 +0200\" endDate=\"2024-06-11 19:04:50 +0200\">\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" startDate=\"2024-06-11 18:31:05 +0200\" endDate=\"2024-06-11 19:04:50 +0200\" sum=\"5.42\" unit=\"km\"/>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"2024-06-11 18:31:05 +0200\" endDate=\"2024-06-11 19:04:50 +0200\" average=\"152.6\" minimum=\"97\" maximum=\"171\" unit=\"count/min\"/>\n  <Record type=\"HKQuantityTypeIdentifierEstimatedWorkoutEffortScore\" sourceName=\"Watch\" unit=\"appleEffortScore\" startDate=\"2024-06-11 18:31:05 +0200\" endDate=\"2024-06-11 19:04:50 +0200\" value=\"7\"/>\n </Workout>\n";

    fn instant(s: &str) -> Stamp {
        Stamp::Instant(chrono::DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S %z").unwrap())
    }

    fn probe(bytes: &[u8]) -> Detection {
        AppleHealth.detect_bytes(&Probe {
            path: std::path::Path::new("export.xml"),
            bytes,
        })
    }

    #[test]
    fn detects_health_s_export_and_nothing_else() {
        assert!(matches!(probe(export("").as_bytes()), Detection::Match(_)));
        // The head cut before the root still has the DTD's comment; a byte-order mark is allowed.
        let head = export("");
        let dtd_only = &head[..head.find("<HealthData").unwrap()];
        assert!(matches!(probe(dtd_only.as_bytes()), Detection::Match(_)));
        let bom = format!("\u{feff}{head}");
        assert!(matches!(probe(bom.as_bytes()), Detection::Match(_)));
        // Without a DTD, by its root.
        let bare = "<?xml version=\"1.0\"?>\n<HealthData locale=\"en_US\">\n</HealthData>\n";
        assert!(matches!(probe(bare.as_bytes()), Detection::Match(_)));
        for other in [
            "<?xml version=\"1.0\"?>\n<gpx creator=\"Apple Health Export\"><trk/></gpx>\n",
            "<?xml version=\"1.0\"?><ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>",
            "start,type,title\n2024-06-11 07:00,Run,HealthData <HealthData\n",
        ] {
            assert_eq!(probe(other.as_bytes()), Detection::No, "{other}");
        }
    }

    #[test]
    fn reads_the_workouts_their_offsets_lengths_heart_rate_and_distance() {
        let sink = read(&export(&format!("{RECORDS}{EVENING}"))).unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (2, 0));
        let (lift, run) = (&sink.workouts[0], &sink.workouts[1]);
        assert_eq!(lift.start, instant("2024-06-11 17:30:12 +0200"));
        assert_eq!(lift.end, Some(instant("2024-06-11 18:24:40 +0200")));
        assert_eq!(lift.minutes, Some(52.1));
        assert_eq!(
            (lift.title.as_str(), lift.activity.as_str()),
            ("Traditional Strength Training", "Strength Training")
        );
        assert_eq!((lift.avg_hr, lift.max_hr), (Some(112.4), Some(141.0)));
        assert_eq!(lift.distance_km, None);
        assert_eq!((lift.origin.line, lift.origin.column), (15, 2));
        assert_eq!(lift.origin.format, "apple-health");
        assert_eq!(
            (run.title.as_str(), run.activity.as_str()),
            ("Running", "Running")
        );
        assert_eq!((run.avg_hr, run.max_hr), (Some(152.6), Some(171.0)));
        assert_eq!(run.distance_km, Some(5.42));
        assert_eq!(run.origin.line, 20);
    }

    #[test]
    fn a_byte_order_mark_moves_no_place() {
        let text = export(&format!("{RECORDS}{EVENING}"));
        let plain = read(&text).unwrap();
        let marked = read(&format!("\u{feff}{text}")).unwrap();
        let lines = |sink: &Sink| -> Vec<_> {
            sink.workouts
                .iter()
                .map(|w| (w.origin.line, w.origin.column))
                .collect()
        };
        assert_eq!(lines(&marked), lines(&plain));
        let broken = format!("{text}<Workout");
        let error = |text: &str| read(text).err().expect("broken").to_string();
        assert_eq!(error(&broken), error(&format!("\u{feff}{broken}")));
    }

    #[test]
    fn the_older_form_gives_the_distance_as_attributes_in_its_unit() {
        let workout = |attributes: &str| {
            let body = format!(
                " <Workout workoutActivityType=\"HKWorkoutActivityTypeCycling\" {attributes} sourceName=\"Watch\" startDate=\"2019-06-12 07:02:00 -0700\" endDate=\"2019-06-12 07:50:00 -0700\"/>\n"
            );
            read(&export(&body)).unwrap().workouts.remove(0)
        };
        let ride = workout(
            "duration=\"48\" durationUnit=\"min\" totalDistance=\"12.4\" totalDistanceUnit=\"mi\"",
        );
        assert!((ride.distance_km.unwrap() - 19.955_865).abs() < 1e-5);
        assert_eq!(ride.minutes, Some(48.0));
        assert_eq!(ride.start, instant("2019-06-12 07:02:00 -0700"));
        assert_eq!((ride.avg_hr, ride.max_hr), (None, None));
        let swim = workout(
            "duration=\"1800\" durationUnit=\"s\" totalDistance=\"1640\" totalDistanceUnit=\"yd\"",
        );
        assert!((swim.distance_km.unwrap() - 1.499_616).abs() < 1e-6);
        assert_eq!(swim.minutes, Some(30.0));
        // A strength workout's distance of 0, and a unit not known, give no distance.
        let none = workout("totalDistance=\"0\" totalDistanceUnit=\"km\"");
        assert_eq!((none.distance_km, none.minutes), (None, None));
        let odd = workout("totalDistance=\"3\" totalDistanceUnit=\"furlong\"");
        assert_eq!(odd.distance_km, None);
        // The workout's own total wins over a statistic.
        let both = read(&export(
            " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" totalDistance=\"5\" totalDistanceUnit=\"km\" startDate=\"2024-06-11 18:31:05 +0200\" endDate=\"2024-06-11 19:04:50 +0200\">\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sum=\"5.42\" unit=\"km\"/>\n </Workout>\n",
        ))
        .unwrap();
        assert_eq!(both.workouts[0].distance_km, Some(5.0));
    }

    #[test]
    fn statistics_of_an_activity_inside_the_workout_are_not_the_workout_s() {
        let body = " <Workout workoutActivityType=\"HKWorkoutActivityTypeSwimBikeRun\" startDate=\"2024-06-09 08:00:00 +0200\" endDate=\"2024-06-09 10:30:00 +0200\">\n  <WorkoutActivity uuid=\"A\" startDate=\"2024-06-09 08:00:00 +0200\">\n   <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" average=\"120\" maximum=\"150\" unit=\"count/min\"/>\n  </WorkoutActivity>\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" average=\"141\" maximum=\"176\" unit=\"count/min\"/>\n </Workout>\n";
        let sink = read(&export(body)).unwrap();
        let tri = &sink.workouts[0];
        assert_eq!((tri.avg_hr, tri.max_hr), (Some(141.0), Some(176.0)));
        assert_eq!(
            (tri.title.as_str(), tri.activity.as_str()),
            ("Swim Bike Run", "Triathlon")
        );
    }

    #[test]
    fn a_type_the_table_does_not_name_is_left_as_words() {
        let body = " <Workout workoutActivityType=\"HKWorkoutActivityTypeTableTennis\" startDate=\"2024-06-09 08:00:00 +0200\" endDate=\"2024-06-09 09:00:00 +0200\"/>\n";
        let w = &read(&export(body)).unwrap().workouts[0];
        assert_eq!(
            (w.title.as_str(), w.activity.as_str()),
            ("Table Tennis", "Table Tennis")
        );
    }

    #[test]
    fn a_workout_that_cannot_be_read_is_skipped_with_its_line() {
        let body = format!(
            "{EVENING} <Workout workoutActivityType=\"HKWorkoutActivityTypeYoga\" startDate=\"2024-06-31 20:00:00 +0200\" endDate=\"2024-06-12 20:25:00 +0200\">\n  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" average=\"84\" maximum=\"102\" unit=\"count/min\"/>\n </Workout>\n <Workout startDate=\"2024-06-13 20:00:00 +0200\" endDate=\"2024-06-13 20:25:00 +0200\"/>\n"
        );
        let sink = read(&export(&body)).unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (2, 2));
        let lines: Vec<_> = sink.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [Some(21), Some(24)]);
        assert!(
            sink.warnings[0].message.starts_with(
                "workout skipped: startDate \"2024-06-31 20:00:00 +0200\" is not a date; expected a date like 2025-05-08 17:26:15 +0100"
            ),
            "{}",
            sink.warnings[0].message
        );
        assert!(
            sink.warnings[1]
                .message
                .starts_with("workout skipped: the workout has no workoutActivityType"),
            "{}",
            sink.warnings[1].message
        );
    }

    #[test]
    fn one_activity_written_by_two_apps_is_read_once() {
        let run = |source: &str, start: &str, end: &str, statistics: &str| {
            format!(
                " <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\" sourceName=\"{source}\" startDate=\"2024-06-11 {start} +0200\" endDate=\"2024-06-11 {end} +0200\">\n{statistics} </Workout>\n"
            )
        };
        let heart = "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" average=\"150\" maximum=\"170\" unit=\"count/min\"/>\n";
        let distance = "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistanceWalkingRunning\" sum=\"5.4\" unit=\"km\"/>\n";
        let body = [
            run("Watch", "18:31:05", "19:04:50", heart),
            // The same run from a running app on the phone: its distance is added.
            run("Runner", "18:31:40", "19:05:10", distance),
            // The next day's two runs of one source, and a ride beside a run: all kept.
            run("Watch", "07:00:00", "07:30:00", ""),
            run("Watch", "07:10:00", "07:35:00", ""),
            run("Runner", "12:00:00", "12:10:00", "").replace("Running", "Cycling"),
            run("Watch", "12:00:00", "12:10:00", ""),
        ]
        .concat();
        let sink = read(&export(&body)).unwrap();
        assert_eq!((sink.workouts.len(), sink.repeated), (5, 1));
        let kept = &sink.workouts[0];
        assert_eq!((kept.avg_hr, kept.distance_km), (Some(150.0), Some(5.4)));
        let warning = &sink.warnings[0];
        assert_eq!(warning.line, Some(11));
        assert!(
            warning
                .message
                .starts_with("1 workout recorded by two apps or devices at once (the same activity, overlapping) was read once; for example this one, again at line 14"),
            "{}",
            warning.message
        );
    }

    /// The error of a text, as the user reads it.
    fn error(text: &str) -> String {
        read(text).err().expect("an error").to_string()
    }

    #[test]
    fn broken_xml_names_the_line_column_and_what_is_wrong() {
        let whole = export(&format!("{RECORDS}{EVENING}"));
        // Cut inside a tag.
        let cut = &whole[..whole
            .find("<Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\"")
            .unwrap()
            + 30];
        let err = error(cut);
        assert!(
            err.starts_with("export.xml:20:2: broken XML: attribute value not closed")
                && err.ends_with("the file was cut short; export it again from the Health app"),
            "{err}"
        );
        // Cut between two elements: the root is still open.
        let cut = &whole[..whole
            .find(" <Workout workoutActivityType=\"HKWorkoutActivityTypeRunning\"")
            .unwrap()];
        let err = error(cut);
        assert!(
            err.starts_with("export.xml:20:1: the file ends inside <HealthData> (opened at line 9): the file was cut short"),
            "{err}"
        );
        // Cut inside a workout: the workout is named.
        let cut = &whole[..whole
            .find("  <WorkoutStatistics type=\"HKQuantityTypeIdentifierDistance")
            .unwrap()];
        let err = error(cut);
        assert!(
            err.contains("the file ends inside <Workout> (opened at line 20)"),
            "{err}"
        );
        // An end tag that closes the wrong element.
        let err = error(&whole.replacen(" </Record>", " </Recrod>", 1));
        assert!(
            err.starts_with("export.xml:13:2: broken XML: </Recrod> where <Record> (opened at line 11) should be closed first"),
            "{err}"
        );
        // A broken attribute of a workout.
        let err = error(&whole.replacen("duration=\"33.75\"", "duration=33.75", 1));
        assert!(err.starts_with("export.xml:20:"), "{err}");
        assert!(err.contains("broken XML"), "{err}");
        // Bytes that are not UTF-8.
        let mut bytes = whole.clone().into_bytes();
        let at = whole.find("value=\"812\"").unwrap();
        bytes[at + 7] = 0xFF;
        let mut sink = Sink::new(false);
        let input = Input {
            path: "export.xml".into(),
            file: "export.xml".into(),
            reader: Box::new(std::io::Cursor::new(bytes)),
            delimiter: b',',
        };
        let err = AppleHealth.read(input, &mut sink).unwrap_err().to_string();
        assert!(
            err.starts_with("export.xml:14:") && err.contains("not UTF-8"),
            "{err}"
        );
        // Garbage where the rest of the export should be: an error, not all of it in memory.
        let mut damaged = whole[..whole.find(" <Workout").unwrap()].to_string();
        damaged.push_str(" <Record type=\"");
        damaged.push_str(&"\0".repeat(3 * 1024 * 1024));
        let err = error(&damaged);
        assert!(
            err.starts_with("export.xml:15:2: broken XML: no `>` in the 512 KB after this place"),
            "{err}"
        );
        // An element after the root, and a root of nothing.
        let err = error(&format!("{whole}<Workout/>\n"));
        assert!(
            err.starts_with("export.xml:26:1: broken XML: <Workout> after the end of <HealthData>"),
            "{err}"
        );
        let empty = read("<?xml version=\"1.0\"?>\n<HealthData locale=\"en_US\"/>\n").unwrap();
        assert_eq!((empty.workouts.len(), empty.skipped), (0, 0));
        // Another XML document.
        let err = error("<?xml version=\"1.0\"?>\n<gpx>\n</gpx>\n");
        assert!(
            err.contains("export.xml:2:1: the document is <gpx>, not <HealthData>"),
            "{err}"
        );
    }

    /// Export Version 12 (iOS 16) carries a DTD that is not well formed: an ATTLIST left open
    /// and two stray `>` before its end (the patch users applied, shared with Apple's forum
    /// thread 254202523). It is passed over like any DTD.
    #[test]
    fn the_broken_dtd_of_ios_16_is_passed_over() {
        let text = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!-- HealthKit Export Version: 12 -->\n<!ELEMENT VisionPrescription ((RightEye|LeftEye|Attachment|MetadataEntry)*)>\n<!ATTLIST VisionPrescription\n  type             CDATA #REQUIRED\n  dateIssued       CDATA #REQUIRED\n  expirationDate   CDATA #REQUIRED\n  brand            CDATA #IMPLIED\n<!ELEMENT RightEye EMPTY>\n<!ATTLIST RightEye\n  sphere           CDATA #IMPLIED\n  diameterUnit     CDATA #IMPLIED\n>\n  device           CDATA #IMPLIED\n<!ELEMENT MetadataEntry EMPTY>\n<!ATTLIST MetadataEntry\n  key              CDATA #IMPLIED\n  value            CDATA #IMPLIED\n>\n>\n]>\n<HealthData locale=\"en_US\">\n{EVENING}</HealthData>\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.workouts.len(), 2);
        assert_eq!(sink.workouts[0].origin.line, 24);
    }

    /// A reader that gives the file a few bytes at a time, as a pipe or an archive might.
    struct Trickle {
        bytes: Vec<u8>,
        at: usize,
        step: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.step = self.step % 997 + 7;
            let n = self.step.min(out.len()).min(self.bytes.len() - self.at);
            out[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// Lines and columns stay right where reads end mid-line and the bytes kept are dropped
    /// (a file much longer than [`KEPT`]).
    #[test]
    fn places_are_right_across_reads_and_dropped_bytes() {
        let records = RECORDS.repeat(12_000);
        let text = export(&format!("{records}{EVENING}"));
        let lift_line = text[..text.find(" <Workout").unwrap()]
            .matches('\n')
            .count() as u64
            + 1;
        let read_trickled = |text: &str| {
            let mut sink = Sink::new(false);
            let input = Input {
                path: "export.xml".into(),
                file: "export.xml".into(),
                reader: Box::new(Trickle {
                    bytes: text.as_bytes().to_vec(),
                    at: 0,
                    step: 0,
                }),
                delimiter: b',',
            };
            AppleHealth.read(input, &mut sink).map(|()| sink)
        };
        let sink = read_trickled(&text).unwrap();
        assert!(text.len() > 4 * KEPT);
        let lines: Vec<_> = sink
            .workouts
            .iter()
            .map(|w| (w.origin.line, w.origin.column))
            .collect();
        assert_eq!(lines, [(lift_line, 2), (lift_line + 5, 2)]);
        // An error far into the file, and one just behind a read's end.
        let broken = text.replacen("sum=\"301.7\"", "sum=301.7", 1);
        let err = read_trickled(&broken).err().unwrap().to_string();
        assert!(
            err.starts_with(&format!("export.xml:{}:", lift_line + 2)),
            "{err}"
        );
        let broken = text.replacen(" </Workout>", " </Workout >\n </Wrkout>", 1);
        let err = read_trickled(&broken).err().unwrap().to_string();
        assert!(
            err.starts_with(&format!(
                "export.xml:{}:2: broken XML: </Wrkout>",
                lift_line + 5
            )),
            "{err}"
        );
    }

    #[test]
    fn type_names_read_as_words() {
        assert_eq!(
            type_words("TraditionalStrengthTraining"),
            "Traditional Strength Training"
        );
        assert_eq!(type_words("MindAndBody"), "Mind And Body");
        assert_eq!(type_words("Running"), "Running");
        assert_eq!(type_words("Other"), "Other");
    }
}
