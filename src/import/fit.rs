//! FIT activity files (`.fit`): what Garmin, Wahoo, COROS, Polar and Suunto watches and bike
//! computers record, and what Strava, Garmin Connect and the others hand back when asked for the
//! original file. FIT is Garmin's binary protocol (the FIT SDK's profile names every message and
//! field); the `fitparser` crate decodes its messages.
//!
//! A file is told by its header: 12 or 14 bytes, `.FIT` at bytes 8 to 12. What is read:
//!
//! - Each `session` message is one workout: the summary a device writes when an activity is
//!   saved, one per sport (a multisport file, such as a ride and then lifting, has one for each).
//!   Its `sport` and `sub_sport` give the activity, as an English name classification knows
//!   ([`ACTIVITIES`]); `start_time` the start, `total_elapsed_time` (pauses included, else
//!   `total_timer_time`) the length, `total_distance` (metres) the distance, `avg_heart_rate` and
//!   `max_heart_rate` the heart rate.
//! - In a strength session, the `set` messages whose start falls within it: active sets only
//!   (rests are sets too, of type `rest`), with their repetitions and weight (kg), and the time
//!   of a set without repetitions (a plank: the device times every set). A set's `category`
//!   holds the device's three guesses at the exercise's category, best first, 65534 where it
//!   could not tell, and `category_subtype` the exercise within each (`squat`, and in it
//!   `barbell_back_squat`). The first guess it could tell names the set: by its exercise where
//!   the profile names one ("Barbell Back Squat"), else by its category ([`CATEGORIES`]); an
//!   active set it could not name at all is an "Unidentified exercise". Sets in a row of one
//!   exercise are one exercise, as the device shows them.
//! - FIT times are UTC instants. The `activity` message's `local_timestamp`, where the device
//!   wrote one, gives the offset of the zone it was in, which the start keeps.
//!
//! The file is first walked by its headers and definition messages, here ([`cut`]): that checks
//! its checksums and finds where it breaks, and cuts out the messages read, which fitparser then
//! decodes. The `record` messages (the track, second by second) and the rest are left out: the
//! session sums them up, and fitparser's parsing of every record was nine tenths of the time a
//! folder of FIT files took.
//!
//! A damaged file: a wrong checksum (at the end, or of the header) is an error, since any of its
//! values may be wrong. A file that breaks off (cut short, or a message the file never defined,
//! as the Strava Android app writes) keeps the sessions read before the break, with a warning;
//! without one, it is an error that says where it broke. A FIT file that is not an activity
//! (daily monitoring, settings, a planned workout) holds no sessions and is named as such.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use fitparser::de::{DecodeOption, FitObject, FitStreamProcessor};
use fitparser::profile::MesgNum;
use fitparser::profile::field_types::ExerciseCategory;
use fitparser::{ErrorKind, FitDataRecord, Value};

use super::{Detection, Importer, Input, Probe, Sink};
use crate::error::{Error, Result};
use crate::model::{Exercise, Modality, Origin, Set, Sets, Stamp, Warning, WarningKind, Workout};

pub struct Fit;

/// FIT sports (and sub-sports, which say more) as English activity names classification knows,
/// by the FIT profile's names of their values (FIT SDK 21.202, as `fitparser` decodes them):
/// `(sport, sub_sport, name)`. An empty sport is any sport with that sub-sport; an empty
/// sub-sport is the sport with any sub-sport not listed. A sport not here is named by its own
/// words (`mixed_martial_arts` is "Mixed Martial Arts"), which classification reads like any
/// activity name.
pub const ACTIVITIES: &[(&str, &str, &str)] = &[
    ("running", "", "Running"),
    ("running", "treadmill", "Treadmill Running"),
    ("running", "trail", "Trail Running"),
    ("running", "track", "Track Running"),
    ("running", "indoor_running", "Indoor Running"),
    ("running", "virtual_activity", "Virtual Run"),
    ("cycling", "", "Cycling"),
    ("cycling", "indoor_cycling", "Indoor Cycling"),
    ("cycling", "virtual_activity", "Virtual Ride"),
    ("cycling", "spin", "Spinning"),
    ("cycling", "road", "Road Cycling"),
    ("cycling", "mountain", "Mountain Biking"),
    ("cycling", "gravel_cycling", "Gravel Cycling"),
    ("cycling", "track_cycling", "Track Cycling"),
    ("cycling", "hand_cycling", "Hand Cycling"),
    ("e_biking", "", "E-Bike Ride"),
    // Cardio machines: Garmin's "Fitness Equipment" profiles.
    ("fitness_equipment", "", "Cardio Equipment"),
    ("", "treadmill", "Treadmill"),
    ("", "indoor_rowing", "Indoor Rowing"),
    ("", "elliptical", "Elliptical"),
    ("", "stair_climbing", "Stair Climber"),
    ("", "indoor_cycling", "Indoor Cycling"),
    ("", "indoor_walking", "Indoor Walking"),
    // Not "Stair Climbing": "climbing" alone is bouldering and the like, which is not cardio.
    ("floor_climbing", "", "Stair Climber"),
    // Garmin's "Training" sport: strength, cardio, HIIT, yoga and the like, told by sub-sport.
    ("", "strength_training", STRENGTH),
    ("", "cardio_training", "Cardio"),
    ("", "hiit", "HIIT"),
    ("hiit", "", "HIIT"),
    ("", "yoga", "Yoga"),
    ("", "pilates", "Pilates"),
    ("", "flexibility_training", "Flexibility"),
    ("", "breathing", "Breathwork"),
    ("", "indoor_climbing", "Indoor Climbing"),
    ("", "bouldering", "Bouldering"),
    ("swimming", "", "Swimming"),
    ("swimming", "lap_swimming", "Pool Swimming"),
    ("swimming", "open_water", "Open Water Swimming"),
    ("walking", "", "Walking"),
    ("walking", "speed_walking", "Speed Walking"),
    ("hiking", "", "Hiking"),
    ("rowing", "", "Rowing"),
    ("cross_country_skiing", "", "Cross Country Skiing"),
    ("cross_country_skiing", "skate_skiing", "Skate Skiing"),
    ("alpine_skiing", "", "Alpine Skiing"),
    ("alpine_skiing", "backcountry", "Backcountry Skiing"),
    // A triathlon's swim, ride and run are sessions of their own; the changes between them too.
    ("multisport", "", "Multisport"),
    ("transition", "", "Multisport Transition"),
    ("stand_up_paddleboarding", "", "Stand Up Paddling"),
    ("snowshoeing", "", "Snowshoe"),
    ("windsurfing", "", "Windsurf"),
    ("kitesurfing", "", "Kitesurf"),
    ("american_football", "", "American Football"),
    ("racket", "pickleball", "Pickleball"),
    ("racket", "squash", "Squash"),
    ("racket", "badminton", "Badminton"),
    ("racket", "racquetball", "Racquetball"),
    ("racket", "table_tennis", "Table Tennis"),
    ("wheelchair_push_walk", "", "Wheelchair Walk"),
    ("wheelchair_push_run", "", "Wheelchair Run"),
];

/// The name [`ACTIVITIES`] gives strength training: its sessions' sets are read.
const STRENGTH: &str = "Strength Training";

/// FIT's exercise categories (the profile's `exercise_category`), where an English name
/// classification knows differs from the category's own words: `row` is a lift, but the
/// category `indoor_row` is the rowing machine. A category not here is named by its own words
/// (`bench_press` is "Bench Press", `calf_raise` "Calf Raise"), as Garmin Connect names them.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("indoor_row", "Indoor Rowing"),
    ("indoor_bike", "Exercise Bike"),
    ("bike_outdoor", "Cycling"),
    ("run_indoor", "Treadmill"),
    ("cardio_sensors", "Cardio"),
    ("floor_climb", "Stair Climber"),
    ("pose", "Yoga Pose"),
    ("banded_exercises", "Band Exercise"),
];

/// The category of a set the device could not name.
const NOT_IDENTIFIED: u16 = 65534;
const UNIDENTIFIED: &str = "Unidentified exercise";
/// The category of warm-up exercises: its sets are warm-ups, which make no leg day.
pub(super) const WARM_UP: u16 = 31;

/// FIT counts seconds from 1989-12-31T00:00:00Z; a time below 0x10000000 of those is the
/// device's time since it was switched on (its clock not yet set), not a date.
const FIT_EPOCH: i64 = 631_065_600;
const FIRST_DATE: i64 = FIT_EPOCH + 0x1000_0000;

const WHAT_TO_DO: &str = "copy the file from the device, or download it from the app, again";

impl Importer for Fit {
    fn name(&self) -> &'static str {
        "fit"
    }

    fn record(&self) -> &'static str {
        "session"
    }

    fn describe(&self) -> &'static str {
        "a FIT activity file (Garmin, Wahoo, COROS, Polar, Suunto)"
    }

    fn file_kind(&self) -> Option<&'static str> {
        Some("FIT")
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["fit"]
    }

    fn detect_bytes(&self, probe: &Probe) -> Detection {
        if is_fit(probe.bytes) {
            Detection::Match(50)
        } else {
            Detection::No
        }
    }

    fn read(&self, mut input: Input, sink: &mut Sink) -> Result<()> {
        let mut bytes = Vec::new();
        input
            .reader
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: input.path.clone(),
                source,
            })?;
        let (messages, damage) = parse(&bytes);
        let fail = |message: String| Error::parse(&input.path, None, None, message);
        let len = bytes.len();
        let sessions = messages.sessions.len();
        match &damage {
            Some(damage @ Damage::Checksum { .. }) => {
                return Err(fail(format!("{}; {WHAT_TO_DO}", damage.describe(len))));
            }
            Some(damage @ (Damage::CutShort { .. } | Damage::Broken { .. })) if sessions == 0 => {
                return Err(fail(format!(
                    "{}, and no session (the summary a device writes when the activity is saved) comes before it; {WHAT_TO_DO}",
                    damage.describe(len)
                )));
            }
            Some(damage @ (Damage::CutShort { .. } | Damage::Broken { .. })) => {
                let (s, were) = if sessions == 1 {
                    ("", "was")
                } else {
                    ("s", "were")
                };
                let message = format!(
                    "{}; the {sessions} session{s} before it {were} read, what follows was not",
                    damage.describe(len)
                );
                sink.warnings
                    .push(Warning::about(WarningKind::File, &input.file, message));
            }
            Some(damage @ Damage::Trailing { .. }) => {
                let message = format!("{} and were not read", damage.describe(len));
                sink.warnings
                    .push(Warning::about(WarningKind::File, &input.file, message));
            }
            None => {}
        }
        if messages.sessions.is_empty() {
            return Err(match messages.file_type.as_deref() {
                Some(kind) if kind != "activity" => Error::UnknownFormat {
                    path: input.path.clone(),
                    detail: format!(
                        "a FIT file of type `{kind}`, not an activity: it holds no sessions; concur reads FIT activity files"
                    ),
                },
                _ => fail(format!(
                    "a FIT activity file without a session message (the summary a device writes when the activity is saved): the activity was not saved completely; {WHAT_TO_DO}"
                )),
            });
        }
        workouts(&messages, &input.file, sink)
    }
}

/// Whether the bytes start with a FIT header: its size (12, or 14 with a CRC), then `.FIT` at
/// bytes 8 to 12.
fn is_fit(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && matches!(bytes[0], 12 | 14) && &bytes[8..12] == b".FIT"
}

/// What went wrong with a file's bytes.
#[derive(Clone, Debug, PartialEq)]
enum Damage {
    /// A checksum does not match: of the header, or of the whole file at its end.
    Checksum { header: bool },
    /// The file ends before its header says its data does (`expected`, 0 where the header
    /// itself is cut).
    CutShort { expected: usize },
    /// At byte `at`, a message that cannot be read, and why.
    Broken { at: usize, why: String },
    /// The FIT data ended at byte `at`, and bytes that are not FIT data follow.
    Trailing { at: usize },
}

impl Damage {
    /// What is wrong, for a message about a file of `len` bytes.
    fn describe(&self, len: usize) -> String {
        match self {
            Damage::Checksum { header } => format!(
                "a damaged FIT file: the checksum {} does not match what it holds, so any of its values may be wrong",
                if *header {
                    "of its header"
                } else {
                    "at its end"
                }
            ),
            Damage::CutShort { expected: 0 } => {
                format!("a FIT file cut short: it ends at byte {len}, inside its header")
            }
            Damage::CutShort { expected } => format!(
                "a FIT file cut short: it ends at byte {len}, but its header says its data runs to byte {expected}"
            ),
            Damage::Broken { at, why } => format!("a damaged FIT file: at byte {at}, {why}"),
            Damage::Trailing { at } => format!(
                "{} bytes after the end of the FIT data (byte {at}) are not FIT data",
                len - at
            ),
        }
    }
}

/// What the messages read hold.
#[derive(Debug, Default)]
struct Messages {
    /// The `file_id`'s type: `activity` for an activity file.
    file_type: Option<String>,
    sessions: Vec<SessionMessage>,
    sets: Vec<SetMessage>,
    /// The zone's offset from UTC where the activity was recorded, from the `activity` message.
    offset: Option<FixedOffset>,
    /// The `sport` message's sport and sub-sport, for a session that names neither.
    sport: Option<(String, String)>,
}

#[derive(Debug, Default)]
struct SessionMessage {
    start: Option<DateTime<Utc>>,
    elapsed: Option<f64>,
    timer: Option<f64>,
    distance_m: Option<f64>,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
    sport: Option<String>,
    sub_sport: Option<String>,
}

#[derive(Debug, Default)]
struct SetMessage {
    start: Option<DateTime<Utc>>,
    seconds: Option<f64>,
    /// An active set; a rest between sets is a set too.
    active: bool,
    reps: Option<f64>,
    weight: Option<f64>,
    /// The exercise category the device named first; `None` where it could not tell.
    category: Option<u16>,
    /// The exercise within it, as the profile names it (`barbell_back_squat`), where the set
    /// gives one the profile knows.
    exercise: Option<String>,
}

/// Reads the messages of a FIT file (or of FIT files chained one after the other) until the end
/// or the first damage.
fn parse(original: &[u8]) -> (Messages, Option<Damage>) {
    let cut = cut(original);
    let mut messages = Messages::default();
    let mut processor = FitStreamProcessor::new();
    // The cut has checksums of its own, unchecked: the file's were checked as it was cut.
    processor.add_option(DecodeOption::SkipDataCrcValidation);
    processor.add_option(DecodeOption::SkipHeaderCrcValidation);
    let mut rest = &cut.bytes[..];
    // The data messages read so far, which `cut.origins` places in the file.
    let mut read = 0;
    while !rest.is_empty() {
        let at = cut.origins.get(read).copied().unwrap_or(original.len());
        let (next, object) = match processor.deserialize_next(rest) {
            Ok(next) => next,
            Err(error) => return (messages, Some(unreadable(at, *error))),
        };
        match object {
            FitObject::Header(_) | FitObject::DefinitionMessage(_) => {}
            // The next file of a chain starts anew.
            FitObject::Crc(_) => processor.reset(),
            FitObject::DataMessage(message) => {
                read += 1;
                let kind = MesgNum::from(message.global_message_number());
                if kind == MesgNum::Activity {
                    // Its values as written: fitparser would read `local_timestamp` in the zone
                    // of the computer concur runs on.
                    let raw = |n| message.fields().get(&n).and_then(number);
                    if let (Some(utc), Some(local)) = (raw(253), raw(5)) {
                        messages.offset = zone_offset(local as i64 - utc as i64);
                    }
                    rest = next;
                    continue;
                }
                match processor.decode_message(message) {
                    Ok(record) => messages.take(kind, &record),
                    Err(error) => return (messages, Some(unreadable(at, *error))),
                }
            }
        }
        rest = next;
    }
    (messages, cut.damage)
}

/// A message fitparser could not read, at byte `at` of the file.
fn unreadable(at: usize, error: ErrorKind) -> Damage {
    let why = match error {
        ErrorKind::MissingDeveloperDefinitionMessage() => {
            "a developer field that no field description defines".into()
        }
        ErrorKind::ValueError(why) => format!("a value that cannot be read ({why})"),
        _ => "a message that cannot be read".into(),
    };
    Damage::Broken { at, why }
}

/// The global message numbers read: `file_id`, `sport`, `session`, `activity`,
/// `field_description` (a developer field of a later message is read by its description) and
/// `set`.
const READ: [u16; 6] = [0, 12, 18, 34, 206, 225];
const FIELD_DESCRIPTION: u16 = 206;

/// FIT's base type `byte`, which any number of bytes is.
const BYTE: u8 = 0x0D;

/// The size of one value of a FIT base type, as fitparser reads it (1 for a type it does not
/// know, which it reads as bytes).
fn base_size(base_type: u8) -> u8 {
    match base_type {
        0x83 | 0x84 | 0x8B => 2,
        0x85 | 0x86 | 0x88 | 0x8C => 4,
        0x89 | 0x8E | 0x8F | 0x90 => 8,
        _ => 1,
    }
}

/// A local message type's layout, as its definition message gives it.
struct Layout {
    global: u16,
    /// The data message's size.
    size: usize,
    /// Each field's number and where it starts in the data message.
    fields: Vec<(u8, usize)>,
    /// Each developer field's data index, number and size.
    developer: Vec<(u8, u8, u8)>,
}

/// The messages read, cut out of a FIT file: what fitparser is given.
struct Cut {
    /// A FIT file for each file of the chain: a header, the definitions and data messages of
    /// the types read ([`READ`]), and a checksum left unchecked.
    bytes: Vec<u8>,
    /// Where each data message of `bytes` stands in the file.
    origins: Vec<usize>,
    /// What is wrong with the file, after the messages cut out.
    damage: Option<Damage>,
}

/// Walks a FIT file (or files chained) by its headers and definitions, checks its checksums,
/// and cuts out the messages read. fitparser parses every message it is given into a map of
/// values; the records (most of a file) are not read, so they are left out before it, which
/// makes a folder of FIT files several times faster to read. Fields of a size their type does
/// not divide are made bytes in the cut (fitparser reads them as bytes, but says so on stderr,
/// and a developer field's count may overflow).
fn cut(bytes: &[u8]) -> Cut {
    let mut cut = Cut {
        bytes: Vec::new(),
        origins: Vec::new(),
        damage: None,
    };
    let mut start = 0;
    loop {
        match cut_file(bytes, start, &mut cut) {
            Ok(next) if next == bytes.len() => break,
            // Chained files: another FIT header follows.
            Ok(next) if is_fit(&bytes[next..]) => start = next,
            Ok(next) => {
                cut.damage = Some(Damage::Trailing { at: next });
                break;
            }
            Err(damage) => {
                cut.damage = Some(damage);
                break;
            }
        }
    }
    cut
}

/// Cuts the FIT file at `start` into `cut`, and gives where it ends, after its checksum.
fn cut_file(bytes: &[u8], start: usize, cut: &mut Cut) -> std::result::Result<usize, Damage> {
    let header = &bytes[start..];
    if !is_fit(header) {
        let why = "bytes that are not a FIT header".into();
        return Err(Damage::Broken { at: start, why });
    }
    let header_size = usize::from(header[0]);
    if header.len() < header_size {
        return Err(Damage::CutShort { expected: 0 });
    }
    // A header of 14 bytes has a checksum of its own, 0 where the writer left it out.
    if header_size == 14 {
        let stored = u16::from_le_bytes([header[12], header[13]]);
        if stored != 0 && crc(0, &header[..12]) != stored {
            return Err(Damage::Checksum { header: true });
        }
    }
    let size = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes")) as usize;
    let data = start + header_size;
    let end = data + size;
    // The cut's header: 14 bytes, its size written once the messages are in.
    let first = cut.bytes.len();
    cut.bytes.extend_from_slice(&header[..12]);
    cut.bytes.extend_from_slice(&[0, 0]);
    cut.bytes[first] = 14;
    let messages = cut_messages(bytes, data, end, cut);
    let cut_size = (cut.bytes.len() - first - 14) as u32;
    cut.bytes[first + 4..first + 8].copy_from_slice(&cut_size.to_le_bytes());
    cut.bytes.extend_from_slice(&[0, 0]);
    messages?;
    let Some(stored) = bytes.get(end..end + 2) else {
        return Err(Damage::CutShort { expected: end + 2 });
    };
    // Over the header and the data: a header's own checksum makes no difference to it.
    if crc(0, &bytes[start..end]) != u16::from_le_bytes([stored[0], stored[1]]) {
        return Err(Damage::Checksum { header: false });
    }
    Ok(end + 2)
}

/// Cuts the messages from `at` to `end` (where the header says the data ends) into `cut`.
fn cut_messages(
    bytes: &[u8],
    mut at: usize,
    end: usize,
    cut: &mut Cut,
) -> std::result::Result<(), Damage> {
    let short = Damage::CutShort { expected: end + 2 };
    let past_end = |at| Damage::Broken {
        at,
        why: "a message that runs past the end of the data its header gives".into(),
    };
    let mut locals: [Option<Layout>; 16] = Default::default();
    // Each developer field's base type, and where it stands in the cut, by data index and field
    // number.
    let mut described: HashMap<(u8, u8), (u8, usize)> = HashMap::new();
    while at < end {
        let message = at;
        let Some(&header) = bytes.get(at) else {
            return Err(short);
        };
        at += 1;
        if header & 0x80 == 0 && header & 0x40 != 0 {
            // A definition: reserved, architecture, global number, fields (number, size, type),
            // and with bit 5, developer fields (number, size, data index).
            let fixed = bytes.get(at..at + 5).ok_or_else(|| short.clone())?;
            let global = match fixed[1] {
                1 => u16::from_be_bytes([fixed[2], fixed[3]]),
                _ => u16::from_le_bytes([fixed[2], fixed[3]]),
            };
            let fields_end = at + 5 + 3 * usize::from(fixed[4]);
            let definition_end = if header & 0x20 != 0 {
                let count = bytes.get(fields_end).ok_or_else(|| short.clone())?;
                fields_end + 1 + 3 * usize::from(*count)
            } else {
                fields_end
            };
            if definition_end > end {
                return Err(past_end(message));
            }
            if definition_end > bytes.len() {
                return Err(short);
            }
            let mut layout = Layout {
                global,
                size: 0,
                fields: Vec::new(),
                developer: Vec::new(),
            };
            let read = READ.contains(&global);
            let from = cut.bytes.len();
            if read {
                cut.bytes.extend_from_slice(&bytes[message..definition_end]);
            }
            for (i, def) in bytes[at + 5..fields_end].chunks_exact(3).enumerate() {
                if read && def[1] % base_size(def[2] & 0x9F) != 0 {
                    cut.bytes[from + 6 + 3 * i + 2] = BYTE;
                }
                layout.fields.push((def[0], layout.size));
                layout.size += usize::from(def[1]);
            }
            if header & 0x20 != 0 {
                for def in bytes[fields_end + 1..definition_end].chunks_exact(3) {
                    layout.developer.push((def[2], def[0], def[1]));
                    layout.size += usize::from(def[1]);
                }
            }
            locals[usize::from(header & 0x0F)] = Some(layout);
            at = definition_end;
            continue;
        }
        // A data message, its local type in the header (bits 5 and 6 of a compressed timestamp
        // header).
        let local = if header & 0x80 != 0 {
            (header >> 5) & 0x03
        } else {
            header & 0x0F
        };
        let Some(layout) = &locals[usize::from(local)] else {
            let why =
                format!("a message of local type {local}, which no definition before it lays out");
            return Err(Damage::Broken { at: message, why });
        };
        let data_end = at + layout.size;
        if data_end > end {
            return Err(past_end(message));
        }
        if data_end > bytes.len() {
            return Err(short);
        }
        if READ.contains(&layout.global) {
            let from = cut.bytes.len();
            cut.origins.push(message);
            cut.bytes.extend_from_slice(&bytes[message..data_end]);
            for (index, number, size) in &layout.developer {
                if let Some((base_type, place)) = described.get(&(*index, *number))
                    && size % base_size(*base_type) != 0
                {
                    cut.bytes[*place] = BYTE;
                }
            }
            if layout.global == FIELD_DESCRIPTION {
                // developer_data_index (0), field_definition_number (1), fit_base_type_id (2).
                let byte = |n: u8| {
                    let (_, offset) = layout.fields.iter().find(|(f, _)| *f == n)?;
                    Some((*bytes.get(at + offset)?, from + 1 + offset))
                };
                if let (Some((index, _)), Some((number, _)), Some((base_type, place))) =
                    (byte(0), byte(1), byte(2))
                {
                    described.insert((index, number), (base_type, place));
                }
            }
        }
        at = data_end;
    }
    Ok(())
}

/// FIT's CRC-16 (CRC-16/ARC, as the FIT SDK's `FitCRC_Get16` computes it), over `bytes`, from
/// `crc`, a byte at a time.
fn crc(crc: u16, bytes: &[u8]) -> u16 {
    const TABLE: [u16; 256] = {
        let mut table = [0u16; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u16;
            let mut bit = 0;
            while bit < 8 {
                c = if c & 1 != 0 {
                    (c >> 1) ^ 0xA001
                } else {
                    c >> 1
                };
                bit += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    bytes.iter().fold(crc, |crc, &b| {
        (crc >> 8) ^ TABLE[usize::from((crc ^ u16::from(b)) as u8)]
    })
}

impl Messages {
    fn take(&mut self, kind: MesgNum, record: &FitDataRecord) {
        match kind {
            MesgNum::FileId => {
                self.file_type = field(record, "type").and_then(text);
            }
            MesgNum::Session => {
                let mut s = SessionMessage::default();
                for f in record.fields() {
                    let v = f.value();
                    match f.name() {
                        "start_time" => s.start = instant(v),
                        "total_elapsed_time" => s.elapsed = number(v),
                        "total_timer_time" => s.timer = number(v),
                        "total_distance" => s.distance_m = number(v),
                        "avg_heart_rate" => s.avg_hr = number(v),
                        "max_heart_rate" => s.max_hr = number(v),
                        "sport" => s.sport = text(v),
                        "sub_sport" => s.sub_sport = text(v),
                        _ => {}
                    }
                }
                self.sessions.push(s);
            }
            MesgNum::Set => {
                let mut s = SetMessage::default();
                let mut stamp = None;
                let (mut categories, mut subtypes) = (None, None);
                for f in record.fields() {
                    let v = f.value();
                    match f.name() {
                        "start_time" => s.start = instant(v),
                        "timestamp" => stamp = instant(v),
                        "duration" => s.seconds = number(v),
                        "repetitions" => s.reps = number(v),
                        "weight" => s.weight = number(v),
                        "set_type" => {
                            s.active = matches!(v, Value::String(t) if t == "active")
                                || number(v) == Some(1.0);
                        }
                        "category" => categories = Some(v),
                        "category_subtype" => subtypes = Some(v),
                        _ => {}
                    }
                }
                if let Some((guess, category)) = categories.and_then(first_guess) {
                    s.category = Some(category);
                    s.exercise = subtypes
                        .and_then(|v| nth(v, guess))
                        .and_then(|subtype| exercise_of(category, subtype));
                }
                // A set without its start: it ended at its timestamp.
                s.start = s.start.or_else(|| {
                    let seconds = TimeDelta::try_milliseconds((s.seconds? * 1000.0) as i64)?;
                    stamp?.checked_sub_signed(seconds)
                });
                self.sets.push(s);
            }
            MesgNum::Sport => {
                if let Some(sport) = field(record, "sport").and_then(text) {
                    let sub = field(record, "sub_sport").and_then(text);
                    self.sport = Some((sport, sub.unwrap_or_default()));
                }
            }
            _ => {}
        }
    }
}

fn field<'a>(record: &'a FitDataRecord, name: &str) -> Option<&'a Value> {
    record
        .fields()
        .iter()
        .find(|f| f.name() == name)
        .map(|f| f.value())
}

/// A number, as the profile scaled it (seconds, metres, kilograms, beats per minute).
fn number(v: &Value) -> Option<f64> {
    let n = match v {
        Value::Byte(n) | Value::Enum(n) | Value::UInt8(n) | Value::UInt8z(n) => f64::from(*n),
        Value::SInt8(n) => f64::from(*n),
        Value::SInt16(n) => f64::from(*n),
        Value::UInt16(n) | Value::UInt16z(n) => f64::from(*n),
        Value::SInt32(n) => f64::from(*n),
        Value::UInt32(n) | Value::UInt32z(n) => f64::from(*n),
        Value::Float32(n) => f64::from(*n),
        Value::Float64(n) => *n,
        Value::SInt64(n) => *n as f64,
        Value::UInt64(n) | Value::UInt64z(n) => *n as f64,
        _ => return None,
    };
    n.is_finite().then_some(n)
}

/// An enum's name as the profile gives it (`running`), or its number where the profile has no
/// name for it.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim_end_matches('\0').to_string()),
        Value::SInt64(n) => Some(n.to_string()),
        other => number(other).map(|n| (n as i64).to_string()),
    }
}

fn instant(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::Timestamp(t) => Some(t.with_timezone(&Utc)),
        _ => None,
    }
}

/// The offset of a zone, from the difference between local and UTC time: to the nearest quarter
/// hour, as zones are, and only within the offsets zones have (UTC-12 to UTC+14).
pub(super) fn zone_offset(seconds: i64) -> Option<FixedOffset> {
    let quarters = (seconds as f64 / 900.0).round() as i32;
    if !(-48..=56).contains(&quarters) {
        return None;
    }
    FixedOffset::east_opt(quarters * 900)
}

/// Of a set's guesses at its exercise category (best first), the first the device could tell:
/// its place among them, and the category.
fn first_guess(v: &Value) -> Option<(usize, u16)> {
    let guesses: &[Value] = match v {
        Value::Array(values) => values,
        one => std::slice::from_ref(one),
    };
    guesses.iter().enumerate().find_map(|(i, guess)| {
        let n = match guess {
            // A single category, decoded by its name.
            Value::String(name) => category_of_key(name)?,
            other => u16::try_from(number(other)? as i64).ok()?,
        };
        (n != NOT_IDENTIFIED).then_some((i, n))
    })
}

/// The `i`th value of a field of several values (the field itself where it holds one).
fn nth(v: &Value, i: usize) -> Option<u16> {
    let value = match v {
        Value::Array(values) => values.get(i)?,
        one if i == 0 => one,
        _ => return None,
    };
    u16::try_from(number(value)? as i64).ok()
}

/// The profile's name of exercise `subtype` of a category (`barbell_back_squat`, of `squat`);
/// `None` where the profile names none.
fn exercise_of(category: u16, subtype: u16) -> Option<String> {
    use fitparser::profile::field_types as t;
    let name = match category {
        0 => t::BenchPressExerciseName::from(subtype).to_string(),
        1 => t::CalfRaiseExerciseName::from(subtype).to_string(),
        2 => t::CardioExerciseName::from(subtype).to_string(),
        3 => t::CarryExerciseName::from(subtype).to_string(),
        4 => t::ChopExerciseName::from(subtype).to_string(),
        5 => t::CoreExerciseName::from(subtype).to_string(),
        6 => t::CrunchExerciseName::from(subtype).to_string(),
        7 => t::CurlExerciseName::from(subtype).to_string(),
        8 => t::DeadliftExerciseName::from(subtype).to_string(),
        9 => t::FlyeExerciseName::from(subtype).to_string(),
        10 => t::HipRaiseExerciseName::from(subtype).to_string(),
        11 => t::HipStabilityExerciseName::from(subtype).to_string(),
        12 => t::HipSwingExerciseName::from(subtype).to_string(),
        13 => t::HyperextensionExerciseName::from(subtype).to_string(),
        14 => t::LateralRaiseExerciseName::from(subtype).to_string(),
        15 => t::LegCurlExerciseName::from(subtype).to_string(),
        16 => t::LegRaiseExerciseName::from(subtype).to_string(),
        17 => t::LungeExerciseName::from(subtype).to_string(),
        18 => t::OlympicLiftExerciseName::from(subtype).to_string(),
        19 => t::PlankExerciseName::from(subtype).to_string(),
        20 => t::PlyoExerciseName::from(subtype).to_string(),
        21 => t::PullUpExerciseName::from(subtype).to_string(),
        22 => t::PushUpExerciseName::from(subtype).to_string(),
        23 => t::RowExerciseName::from(subtype).to_string(),
        24 => t::ShoulderPressExerciseName::from(subtype).to_string(),
        25 => t::ShoulderStabilityExerciseName::from(subtype).to_string(),
        26 => t::ShrugExerciseName::from(subtype).to_string(),
        27 => t::SitUpExerciseName::from(subtype).to_string(),
        28 => t::SquatExerciseName::from(subtype).to_string(),
        29 => t::TotalBodyExerciseName::from(subtype).to_string(),
        30 => t::TricepsExtensionExerciseName::from(subtype).to_string(),
        31 => t::WarmUpExerciseName::from(subtype).to_string(),
        32 => t::RunExerciseName::from(subtype).to_string(),
        33 => t::BikeExerciseName::from(subtype).to_string(),
        35 => t::MoveExerciseName::from(subtype).to_string(),
        36 => t::PoseExerciseName::from(subtype).to_string(),
        37 => t::BandedExercisesExerciseName::from(subtype).to_string(),
        38 => t::BattleRopeExerciseName::from(subtype).to_string(),
        39 => t::EllipticalExerciseName::from(subtype).to_string(),
        40 => t::FloorClimbExerciseName::from(subtype).to_string(),
        41 => t::IndoorBikeExerciseName::from(subtype).to_string(),
        42 => t::IndoorRowExerciseName::from(subtype).to_string(),
        43 => t::LadderExerciseName::from(subtype).to_string(),
        44 => t::SandbagExerciseName::from(subtype).to_string(),
        45 => t::SledExerciseName::from(subtype).to_string(),
        46 => t::SledgeHammerExerciseName::from(subtype).to_string(),
        47 => t::StairStepperExerciseName::from(subtype).to_string(),
        49 => t::SuspensionExerciseName::from(subtype).to_string(),
        50 => t::TireExerciseName::from(subtype).to_string(),
        52 => t::RunIndoorExerciseName::from(subtype).to_string(),
        53 => t::BikeOutdoorExerciseName::from(subtype).to_string(),
        _ => return None,
    };
    // A number is an exercise the profile does not name.
    (!name.bytes().all(|b| b.is_ascii_digit())).then_some(name)
}

/// A category by the profile's name of it (`squat`); `None` for a name the profile does not
/// have (fitparser reads any unknown name as category 0, the bench press).
pub(super) fn category_of_key(key: &str) -> Option<u16> {
    let category = ExerciseCategory::from(key);
    (category.to_string() == key).then(|| category.as_u16())
}

/// The English name of an exercise given by the profile's names of its category and exercise, in
/// either case (Garmin Connect writes them in capitals: `SQUAT`, `BARBELL_BACK_SQUAT`), as
/// [`exercise_name`] names a set's numbers; and its category's number where the profile has
/// that category. A category the profile does not have is named by its own words.
pub(super) fn exercise_name_of_keys(
    category: &str,
    exercise: Option<&str>,
) -> (String, Option<u16>) {
    let key = category.trim().to_ascii_lowercase();
    let number = category_of_key(&key).filter(|n| *n != NOT_IDENTIFIED);
    if key.is_empty() || (number.is_none() && category_of_key(&key).is_some()) {
        return (UNIDENTIFIED.to_string(), None);
    }
    let exercise = exercise
        .map(|e| e.trim().to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e != "unknown");
    let name = match (exercise, number) {
        (Some(exercise), _) => words_of(&exercise),
        (None, Some(n)) => exercise_name(Some(n), None),
        (None, None) => words_of(&key),
    };
    (name, number)
}

/// A profile name's words, capitalised: `mixed_martial_arts` is "Mixed Martial Arts".
pub(super) fn words_of(key: &str) -> String {
    key.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The English activity name of a FIT sport and sub-sport (see [`ACTIVITIES`]).
pub fn activity_name(sport: &str, sub_sport: &str) -> String {
    let find = |s: &str, sub: &str| {
        ACTIVITIES
            .iter()
            .find(|(a, b, _)| *a == s && *b == sub)
            .map(|(_, _, name)| name.to_string())
    };
    find(sport, sub_sport)
        .or_else(|| find("", sub_sport).filter(|_| !sub_sport.is_empty()))
        .or_else(|| find(sport, ""))
        .unwrap_or_else(|| {
            if sport.is_empty() || sport == "generic" || sport == "all" {
                "Activity".to_string()
            } else if sport.bytes().all(|b| b.is_ascii_digit()) {
                format!("FIT sport {sport}")
            } else {
                words_of(sport)
            }
        })
}

/// The English name of a set's exercise: the exercise the set names (`barbell_back_squat` is
/// "Barbell Back Squat"), else its category (see [`CATEGORIES`]), else, where the device could
/// not tell the category, an unidentified exercise.
pub fn exercise_name(category: Option<u16>, exercise: Option<&str>) -> String {
    if let Some(exercise) = exercise {
        return words_of(exercise);
    }
    let Some(category) = category else {
        return UNIDENTIFIED.to_string();
    };
    let key = ExerciseCategory::from(category).to_string();
    if let Some((_, name)) = CATEGORIES.iter().find(|(c, _)| *c == key) {
        return name.to_string();
    }
    if key.bytes().all(|b| b.is_ascii_digit()) {
        return format!("Exercise category {key}");
    }
    words_of(&key)
}

/// A strength session's time, and where its workout is in the sink.
struct Span {
    workout: usize,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
}

/// The sessions as workouts, each strength session with the sets within it.
fn workouts(messages: &Messages, file: &Arc<str>, sink: &mut Sink) -> Result<()> {
    let offset = messages
        .offset
        .unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
    let mut strength = Vec::new();
    for (i, s) in messages.sessions.iter().enumerate() {
        let origin = Origin {
            format: "fit",
            file: Arc::clone(file),
            // A binary file has no lines: the session's number stands in for one.
            line: i as u64 + 1,
            column: 1,
        };
        let Some(start) = s.start else {
            skip(sink, &origin, "it has no start time")?;
            continue;
        };
        if start.timestamp() < FIRST_DATE {
            skip(
                sink,
                &origin,
                "its start is the device's time since it was switched on, not a date (its clock was not set)",
            )?;
            continue;
        }
        let (sport, sub_sport) = match (&s.sport, &messages.sport) {
            (Some(sport), _) => (sport.as_str(), s.sub_sport.as_deref().unwrap_or_default()),
            (None, Some((sport, sub))) => (sport.as_str(), sub.as_str()),
            (None, None) => ("", s.sub_sport.as_deref().unwrap_or_default()),
        };
        let seconds = s.elapsed.or(s.timer).filter(|t| *t >= 0.0);
        let end = seconds
            .and_then(|t| TimeDelta::try_milliseconds((t * 1000.0).round() as i64))
            .and_then(|t| start.checked_add_signed(t));
        let mut w = Workout::new(origin, Stamp::Instant(start.with_timezone(&offset)));
        w.end = end.map(|e| Stamp::Instant(e.with_timezone(&offset)));
        w.activity = activity_name(sport, sub_sport);
        w.distance_km = s.distance_m.filter(|m| *m > 0.0).map(|m| m / 1000.0);
        w.avg_hr = s.avg_hr.filter(|hr| *hr > 0.0);
        w.max_hr = s.max_hr.filter(|hr| *hr > 0.0);
        if w.activity == STRENGTH {
            // The device says this is strength training: an exercise whose name no word list
            // knows is part of it, not a session of its own.
            w.modality = Some(Modality::Strength);
            strength.push(Span {
                workout: sink.workouts.len(),
                start,
                end,
            });
        }
        sink.workouts.push(w);
    }
    add_sets(messages, &strength, sink);
    Ok(())
}

/// Skips a session the file cannot give a workout for, as [`Sink::skip`] skips a row: counted,
/// with a warning naming it by its number in the file; with `--strict`, the run stops instead.
fn skip(sink: &mut Sink, origin: &Origin, why: &str) -> Result<()> {
    let what = format!("session {} of the file skipped: {why}", origin.line);
    if sink.strict {
        return Err(Error::parse(
            origin.file.as_ref(),
            None,
            None,
            format!("{what} (--strict)"),
        ));
    }
    sink.skipped += 1;
    sink.warnings
        .push(Warning::about(WarningKind::SkippedRow, &origin.file, what));
    Ok(())
}

/// Gives each active set to the strength session whose time it falls in (the only strength
/// session of the file, where it falls in none), as exercises: sets in a row of one exercise are
/// one exercise.
fn add_sets(messages: &Messages, strength: &[Span], sink: &mut Sink) {
    let mut names: HashMap<String, Arc<str>> = HashMap::new();
    for set in messages.sets.iter().filter(|s| s.active) {
        let within = strength.iter().find(|span| {
            set.start
                .is_some_and(|t| t >= span.start && span.end.is_none_or(|end| t <= end))
        });
        let only = match strength {
            [only] => Some(only),
            _ => None,
        };
        let Some(span) = within.or(only) else {
            continue;
        };
        let name = exercise_name(set.category, set.exercise.as_deref());
        // The device times every set; a set of repetitions is not a timed set for that (timed,
        // burpees between lifts would be cardio of their own). A set without repetitions (a
        // plank, a stretch of rowing) measured its time.
        let reps = set.reps.filter(|n| *n > 0.0);
        let one = Set {
            warmup: set.category == Some(WARM_UP),
            weight: set.weight.filter(|kg| *kg > 0.0),
            reps,
            seconds: set.seconds.filter(|_| reps.is_none()),
            ..Set::default()
        };
        let workout = &mut sink.workouts[span.workout];
        match workout.exercises.last_mut() {
            Some(ex) if *ex.name == *name => ex.sets.add(&one),
            _ => {
                let line = workout.origin.line;
                let name = Arc::clone(
                    names
                        .entry(name.clone())
                        .or_insert_with(|| Arc::from(name.as_str())),
                );
                workout.exercises.push(Exercise {
                    name,
                    sets: Sets::of([&one]),
                    line,
                });
            }
        }
    }
}

#[cfg(test)]
#[path = "../../tests/fixtures/fit/encode.rs"]
mod encode;

#[cfg(test)]
mod tests {
    use super::encode::{self, FitWriter, Session, examples};
    use super::*;
    use crate::analysis::classify::{is_lower_body, modality_of};

    fn read(bytes: &[u8]) -> Result<Sink> {
        let mut sink = Sink::new(false);
        let input = Input {
            path: "activity.fit".into(),
            file: "activity.fit".into(),
            reader: Box::new(std::io::Cursor::new(bytes.to_vec())),
            delimiter: b',',
        };
        Fit.read(input, &mut sink)?;
        Ok(sink)
    }

    fn error(bytes: &[u8]) -> Error {
        match read(bytes) {
            Err(error) => error,
            Ok(sink) => panic!("read, with {} workouts", sink.workouts.len()),
        }
    }

    fn probe(bytes: &[u8]) -> Detection {
        Fit.detect_bytes(&Probe {
            path: std::path::Path::new("a.fit"),
            bytes,
        })
    }

    fn at(unix: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(unix, 0).unwrap()
    }

    #[test]
    fn detects_the_header_of_12_or_14_bytes() {
        let run = examples::run();
        assert_eq!(probe(&run), Detection::Match(50));
        let mut short_header = run.clone();
        short_header[0] = 12;
        assert_eq!(probe(&short_header), Detection::Match(50));
        let mut other = run.clone();
        other[0] = 13;
        assert_eq!(probe(&other), Detection::No);
        assert_eq!(
            probe(b"start,end,type\n2024-03-05 17:30,,run\n"),
            Detection::No
        );
        assert_eq!(probe(&run[..11]), Detection::No);
    }

    #[test]
    fn a_run_gives_its_start_length_distance_and_heart_rate() {
        let sink = read(&examples::run()).unwrap();
        assert_eq!((sink.workouts.len(), sink.warnings.len()), (1, 0));
        let run = &sink.workouts[0];
        assert_eq!(run.activity, "Running");
        // The instant, in the offset the activity message gives (Berlin in March: +01:00).
        let Stamp::Instant(start) = run.start else {
            panic!("{:?}", run.start)
        };
        assert_eq!(start.to_rfc3339(), "2024-03-05T19:30:00+01:00");
        assert_eq!(start.with_timezone(&Utc), at(examples::RUN_START));
        let Some(Stamp::Instant(end)) = run.end else {
            panic!("{:?}", run.end)
        };
        assert_eq!((end - start).num_seconds(), 1830);
        assert_eq!(run.distance_km, Some(5.2));
        assert_eq!((run.avg_hr, run.max_hr), (Some(152.0), Some(171.0)));
        assert!(run.exercises.is_empty() && run.modality.is_none());
        assert_eq!((run.origin.format, run.origin.line), ("fit", 1));
    }

    #[test]
    fn a_strength_session_has_its_active_sets_as_exercises() {
        let sink = read(&examples::strength()).unwrap();
        assert_eq!(sink.workouts.len(), 1);
        let lift = &sink.workouts[0];
        assert_eq!(lift.activity, "Strength Training");
        assert_eq!(lift.modality, Some(Modality::Strength));
        assert_eq!(lift.distance_km, None);
        let names: Vec<&str> = lift.exercises.iter().map(|e| &*e.name).collect();
        assert_eq!(
            names,
            [
                "Warm Up",
                "Barbell Back Squat",
                "Lunge",
                "Barbell Bench Press",
                UNIDENTIFIED
            ]
        );
        let counts: Vec<u32> = lift.exercises.iter().map(|e| e.sets.count).collect();
        // Rests are not sets.
        assert_eq!(counts, [1, 4, 3, 3, 1]);
        assert_eq!(lift.exercises[0].sets.warmups, 1);
        let squat = &lift.exercises[1].sets;
        assert_eq!((squat.weight(), squat.reps()), (Some(100.0), Some(20.0)));
        // Sets of repetitions: the time the watch took of each is not what they measured.
        assert_eq!(squat.seconds(), None);
        // No weight: a body-weight set, not a set of 0 kg.
        assert_eq!(lift.exercises[4].sets.weight(), None);
        assert_eq!(lift.exercises[4].sets.reps(), Some(12.0));
    }

    #[test]
    fn a_multisport_file_gives_each_session_and_its_own_sets() {
        let sink = read(&examples::ride_then_lift()).unwrap();
        assert_eq!(sink.workouts.len(), 2);
        let (ride, lift) = (&sink.workouts[0], &sink.workouts[1]);
        assert_eq!(ride.activity, "Indoor Cycling");
        assert!(ride.exercises.is_empty());
        assert_eq!(ride.distance_km, Some(4.5));
        assert_eq!(lift.activity, "Strength Training");
        assert_eq!(lift.origin.line, 2);
        let names: Vec<&str> = lift.exercises.iter().map(|e| &*e.name).collect();
        assert_eq!(names, ["Row", "Pull Up"]);
        assert_eq!(lift.exercises[0].sets.count, 2);
    }

    #[test]
    fn sets_outside_a_session_of_several_are_not_guessed_into_one() {
        let mut w = FitWriter::new();
        let start = 1_709_794_800;
        w.file_id(start);
        for offset in [0, 5000] {
            w.session(&Session {
                start: start + offset,
                elapsed_s: 1200.0,
                sport: encode::sport::TRAINING,
                sub_sport: encode::sub_sport::STRENGTH_TRAINING,
                distance_m: None,
                avg_hr: None,
                max_hr: None,
            });
        }
        for (offset, category) in [
            (60, encode::category::SQUAT),
            (3000, encode::category::ROW),
            (5060, encode::category::DEADLIFT),
        ] {
            w.set(&encode::Set {
                start: start + offset,
                duration_s: 30.0,
                rest: false,
                reps: Some(5),
                weight_kg: Some(100.0),
                categories: vec![category],
                subtypes: Vec::new(),
            });
        }
        let sink = read(&w.finish()).unwrap();
        let names = |i: usize| -> Vec<String> {
            sink.workouts[i]
                .exercises
                .iter()
                .map(|e| e.name.to_string())
                .collect()
        };
        assert_eq!(names(0), ["Squat"]);
        assert_eq!(names(1), ["Deadlift"]);
    }

    #[test]
    fn activity_names_are_names_classification_knows() {
        for (sport, sub, name) in ACTIVITIES {
            assert!(
                modality_of(name).is_some(),
                "{sport}/{sub}: {name} is not a name classification knows"
            );
        }
        let modality = |sport: &str, sub: &str| modality_of(&activity_name(sport, sub));
        use Modality::{Cardio, Other, Strength};
        for (sport, sub, expected) in [
            ("training", "strength_training", Some(Strength)),
            ("fitness_equipment", "strength_training", Some(Strength)),
            ("running", "treadmill", Some(Cardio)),
            ("running", "generic", Some(Cardio)),
            ("running", "street", Some(Cardio)),
            ("cycling", "indoor_cycling", Some(Cardio)),
            ("cycling", "virtual_activity", Some(Cardio)),
            ("cycling", "cyclocross", Some(Cardio)),
            ("fitness_equipment", "indoor_rowing", Some(Cardio)),
            ("fitness_equipment", "elliptical", Some(Cardio)),
            ("fitness_equipment", "generic", Some(Cardio)),
            ("rowing", "indoor_rowing", Some(Cardio)),
            ("swimming", "lap_swimming", Some(Cardio)),
            ("walking", "casual_walking", Some(Cardio)),
            ("hiking", "generic", Some(Cardio)),
            ("floor_climbing", "", Some(Cardio)),
            ("training", "cardio_training", Some(Cardio)),
            ("hiit", "amrap", Some(Cardio)),
            ("boxing", "", Some(Cardio)),
            ("soccer", "", Some(Cardio)),
            ("training", "yoga", Some(Other)),
            ("training", "pilates", Some(Other)),
            ("training", "flexibility_training", Some(Other)),
            ("alpine_skiing", "resort", Some(Other)),
            ("golf", "", Some(Other)),
            ("meditation", "", Some(Other)),
            ("rock_climbing", "", Some(Other)),
        ] {
            assert_eq!(modality(sport, sub), expected, "{sport}/{sub}");
        }
        // A sport no table names keeps its own words; a number the profile does not know says so.
        assert_eq!(
            activity_name("mixed_martial_arts", ""),
            "Mixed Martial Arts"
        );
        assert_eq!(activity_name("254", "0"), "FIT sport 254");
        assert_eq!(activity_name("running", "treadmill"), "Treadmill Running");
    }

    #[test]
    fn exercise_categories_are_named_and_legs_are_told() {
        let category = |key: &str| exercise_name(Some(ExerciseCategory::from(key).as_u16()), None);
        assert_eq!(category("bench_press"), "Bench Press");
        assert_eq!(exercise_name(Some(123), None), "Exercise category 123");
        assert_eq!(exercise_name(None, None), UNIDENTIFIED);
        for leg in ["squat", "deadlift", "lunge", "calf_raise", "leg_curl"] {
            assert!(is_lower_body(&category(leg)), "{leg}");
        }
        for upper in [
            "bench_press",
            "row",
            "pull_up",
            "shoulder_press",
            "curl",
            "leg_raise",
        ] {
            assert!(!is_lower_body(&category(upper)), "{upper}");
        }
        // Machines for cardio are cardio, even as a category of a strength workout.
        for cardio in [
            "indoor_row",
            "indoor_bike",
            "run",
            "run_indoor",
            "elliptical",
            "cardio",
        ] {
            assert_eq!(
                modality_of(&category(cardio)),
                Some(Modality::Cardio),
                "{cardio}"
            );
        }
        assert_eq!(modality_of("Row"), Some(Modality::Strength));
        // Every category of the profile has a name, all the way to those it added last.
        for n in 0..=53u16 {
            let name = exercise_name(Some(n), None);
            assert!(!name.is_empty() && !name.contains('_'), "{n}: {name}");
        }
    }

    #[test]
    fn the_exercise_a_set_names_within_its_category_names_it() {
        let named = |category: u16, subtype: u16| {
            let exercise = exercise_of(category, subtype);
            exercise_name(Some(category), exercise.as_deref())
        };
        assert_eq!(named(28, 6), "Barbell Back Squat");
        // A leg press is in the squat category.
        assert_eq!(named(28, 0), "Leg Press");
        assert!(is_lower_body(&named(28, 0)));
        assert_eq!(named(0, 1), "Barbell Bench Press");
        assert_eq!(named(2, 12), "Jumping Jacks");
        // An exercise the profile does not name: its category names the set.
        assert_eq!(exercise_of(28, 9999), None);
        assert_eq!(named(28, 9999), "Squat");
        assert_eq!(exercise_of(NOT_IDENTIFIED, 0), None);
    }

    #[test]
    fn the_first_category_the_device_could_tell_names_the_set() {
        let guesses = |v: &[u16]| Value::Array(v.iter().map(|n| Value::UInt16(*n)).collect());
        assert_eq!(first_guess(&guesses(&[28, 17, 8])), Some((0, 28)));
        assert_eq!(first_guess(&guesses(&[65534, 0, 65534])), Some((1, 0)));
        assert_eq!(first_guess(&guesses(&[65534, 65534, 65534])), None);
        assert_eq!(first_guess(&Value::UInt16(23)), Some((0, 23)));
        assert_eq!(first_guess(&Value::String("lunge".into())), Some((0, 17)));
        assert_eq!(first_guess(&guesses(&[500])), Some((0, 500)));
        let subtypes = Value::Array(vec![Value::Invalid, Value::UInt16(6)]);
        assert_eq!((nth(&subtypes, 0), nth(&subtypes, 1)), (None, Some(6)));
        assert_eq!(nth(&Value::UInt16(3), 0), Some(3));
    }

    #[test]
    fn a_bad_checksum_is_an_error_that_says_so() {
        let mut run = examples::run();
        let last = run.len() - 1;
        run[last] ^= 0xFF;
        let err = error(&run).to_string();
        assert!(err.starts_with("activity.fit: a damaged FIT file"), "{err}");
        assert!(err.contains("checksum at its end"), "{err}");

        // A value changed inside: the checksum at the end no longer matches.
        let mut run = examples::run();
        let middle = run.len() / 2;
        run[middle] = run[middle].wrapping_add(1);
        error(&run);

        let mut run = examples::run();
        run[12] ^= 0x55;
        let err = error(&run).to_string();
        assert!(err.contains("checksum of its header"), "{err}");
    }

    #[test]
    fn a_file_cut_before_its_session_is_an_error_naming_where() {
        let run = examples::run();
        // The last cut is inside the session message, which devices write at the end.
        for cut in [13, 40, run.len() / 2, run.len() - 45] {
            let err = error(&run[..cut]).to_string();
            assert!(err.contains("a FIT file cut short"), "{cut}: {err}");
            assert!(err.contains(&format!("ends at byte {cut}")), "{cut}: {err}");
            assert!(err.contains("no session"), "{cut}: {err}");
        }
    }

    #[test]
    fn a_file_broken_after_its_session_keeps_it_with_a_warning() {
        // A session first, as the Strava app writes it, then a message of a type never defined.
        let mut w = FitWriter::new();
        w.file_id(examples::RUN_START);
        w.session(&Session {
            start: examples::RUN_START,
            elapsed_s: 1800.0,
            sport: encode::sport::RUNNING,
            sub_sport: encode::sub_sport::GENERIC,
            distance_m: Some(5000.0),
            avg_hr: None,
            max_hr: None,
        });
        let whole = w.finish();
        // Then a data message of local type 11, which no definition laid out.
        let at = whole.len() - 2;
        let broken = w.raw(&[11, 1, 2, 3, 4]).finish();
        let sink = read(&broken).unwrap();
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.workouts[0].activity, "Running");
        assert_eq!(sink.warnings.len(), 1);
        let warning = &sink.warnings[0].message;
        assert!(
            warning.starts_with(&format!(
                "a damaged FIT file: at byte {at}, a message of local type 11"
            )),
            "{warning}"
        );
        assert!(
            warning.contains("the 1 session before it was read"),
            "{warning}"
        );

        // Cut short after the session: kept too.
        let sink = read(&whole[..whole.len() - 1]).unwrap();
        assert_eq!(sink.workouts.len(), 1);
        assert!(
            sink.warnings[0].message.contains("cut short"),
            "{:?}",
            sink.warnings
        );
    }

    #[test]
    fn a_fit_file_that_is_not_an_activity_is_named_as_such() {
        let mut w = FitWriter::new();
        w.file_id_of_type(15, examples::RUN_START);
        w.record(examples::RUN_START, 60, 0.0);
        let err = error(&w.finish());
        assert!(matches!(err, Error::UnknownFormat { .. }), "{err}");
        assert!(err.to_string().contains("type `monitoring_a`"), "{err}");

        let mut w = FitWriter::new();
        w.file_id(examples::RUN_START);
        w.record(examples::RUN_START, 60, 0.0);
        let err = error(&w.finish()).to_string();
        assert!(err.contains("without a session message"), "{err}");
    }

    #[test]
    fn a_field_its_type_does_not_divide_is_read_as_bytes_and_the_checksum_still_checked() {
        // Field 99: three bytes of uint16 (COROS watches write such fields).
        let bytes = examples::misfit_run();
        let given = cut(&bytes).bytes;
        let has = |b: &[u8], part: &[u8]| b.windows(part.len()).any(|w| w == part);
        assert!(has(&given, &[99, 3, BYTE]) && !has(&given, &[99, 3, 0x84]));
        let sink = read(&bytes).unwrap();
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.workouts[0].activity, "Running");
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
        // The copy read has another checksum; the file's own is what is checked.
        let mut changed = bytes.clone();
        let start = changed.len() - 10;
        changed[start] ^= 1;
        assert!(error(&changed).to_string().contains("checksum at its end"));
    }

    #[test]
    fn only_the_messages_read_are_given_to_fitparser() {
        let run = examples::run();
        let given = cut(&run);
        assert_eq!(given.damage, None);
        // file_id, session and activity; the 31 records are left out.
        assert_eq!(given.origins.len(), 3);
        assert!(given.bytes.len() * 3 < run.len(), "{}", given.bytes.len());
        assert_eq!(&given.bytes[8..12], b".FIT");
        let size = u32::from_le_bytes(given.bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(14 + size + 2, given.bytes.len());
        // Where each message stands in the file: the session comes after the records.
        assert!(given.origins.windows(2).all(|w| w[0] < w[1]));
        assert!(given.origins[1] > run.len() / 2, "{:?}", given.origins);
    }

    #[test]
    fn a_definition_past_the_end_of_the_data_is_damage_there() {
        // A session's definition of three fields whose data ends after the second.
        let mut w = FitWriter::new();
        w.file_id(examples::RUN_START);
        let at = w.finish().len() - 2;
        w.raw(&[0x45, 0, 0, 18, 0, 3, 99, 3, 0x84, 2, 4, 0x86]);
        let bytes = w.finish();
        assert_eq!(
            cut(&bytes).damage,
            Some(Damage::Broken {
                at,
                why: "a message that runs past the end of the data its header gives".into()
            })
        );
        // A file that ends inside a definition the data holds is cut short.
        let err = error(&examples::run()[..20]).to_string();
        assert!(err.contains("cut short: it ends at byte 20"), "{err}");
    }

    #[test]
    fn a_developer_field_its_type_does_not_divide_is_read_as_bytes() {
        // A field description (data index 0, field 7, float64), then a session with that
        // developer field 253 bytes long: 31 float64s and 5 bytes over.
        let mut description = vec![0x46, 0, 0, 206, 0, 3, 0, 1, 0x02, 1, 1, 0x02, 2, 1, 0x02];
        description.extend_from_slice(&[0x06, 0, 7, 0x89]);
        let mut w = FitWriter::new();
        w.file_id(examples::RUN_START);
        w.raw(&description);
        w.raw(&encode::session_with(7, (98, 1, 0x02), Some((7, 253))));
        let bytes = w.finish();
        let given = cut(&bytes).bytes;
        let has = |part: &[u8]| given.windows(part.len()).any(|w| w == part);
        assert!(has(&[0x06, 0, 7, BYTE]) && !has(&[0x06, 0, 7, 0x89]));
        let sink = read(&bytes).unwrap();
        assert_eq!(sink.workouts.len(), 1);
    }

    #[test]
    fn trailing_bytes_after_the_data_are_a_warning() {
        let mut run = examples::run();
        run.extend_from_slice(&[0; 7]);
        let sink = read(&run).unwrap();
        assert_eq!(sink.workouts.len(), 1);
        assert!(
            sink.warnings[0]
                .message
                .starts_with("7 bytes after the end of the FIT data"),
            "{:?}",
            sink.warnings
        );
    }

    #[test]
    fn a_start_before_the_clock_was_set_skips_the_session() {
        let mut w = FitWriter::new();
        w.file_id(examples::RUN_START);
        w.session(&Session {
            start: FIT_EPOCH + 3600,
            elapsed_s: 600.0,
            sport: encode::sport::WALKING,
            sub_sport: encode::sub_sport::GENERIC,
            distance_m: None,
            avg_hr: None,
            max_hr: None,
        });
        let sink = read(&w.finish()).unwrap();
        assert!(sink.workouts.is_empty());
        assert_eq!(sink.skipped, 1);
        assert!(
            sink.warnings[0]
                .message
                .contains("since it was switched on")
        );
    }

    #[test]
    fn the_zone_offset_is_rounded_to_a_quarter_hour_within_real_zones() {
        assert_eq!(zone_offset(3600), FixedOffset::east_opt(3600));
        assert_eq!(zone_offset(-7 * 3600 + 2), FixedOffset::east_opt(-7 * 3600));
        assert_eq!(zone_offset(19800), FixedOffset::east_opt(19800));
        assert_eq!(zone_offset(20 * 3600), None);
    }
}
