//! Garmin Connect's activity list (`Activities.csv`, from Activities > All Activities > Export
//! CSV): one row per activity.
//!
//! The header and the activity types are in the language of the Garmin account. The words of
//! each language are data, in `src/import/lang/garmin.toml` (where each was found is written
//! there): the header names of the columns read here, by role, and the localized activity types
//! with Garmin's English name for each, which classification reads. A file's language is told by
//! its header; a column is looked for by that language's names first, then by every language's.
//! The other 25 to 45 columns (cadence, pace, Aerobic TE, Body Battery, ...) are not read: no rule
//! uses them (docs/rules.md).
//!
//! Values, whatever the language:
//! - `Date` is the local wall-clock start, `2025-11-01 12:19:11`: a
//!   [`Stamp::Local`](crate::model::Stamp::Local).
//! - `Time` is the timer time: `01:04:33` or `00:22:38.5` (`00:22:38,5` with decimal commas).
//!   Two parts are read three ways, as the exports write them: with a fraction, `m:ss.f`; in an
//!   export with an `Elapsed Time` column, `h:mm` (Danish exports write `Tid` as `0:45`) unless
//!   `m:ss` is nearer the elapsed time; in an older export without one (2018, `Tijd` `32:11`),
//!   `m:ss`. `--` or `--:--:--` is missing; then `Elapsed Time` is used where the file has it.
//! - Numbers have two decimals at most and may be quoted: `11.18` and `1,500` (a comma between
//!   thousands), or in exports with decimal commas (Polish since 2025) `11,01` and `1.300`. The
//!   first number that shows which separator is the decimal one (`6.08`, `11,01`) settles it for
//!   the file; until then a language with decimal commas in the table reads them, and otherwise a
//!   separator followed by three digits is one between thousands.
//! - `Distance` is km, except for swims and track runs, where it is metres (`1,500` for a 1.5 km
//!   pool swim, `3,600` for a track session). Accounts set to statute units write miles; the
//!   file does not say which, so km is assumed.
//! - Localized activity types are translated to Garmin's English names so that classification
//!   reads them; a row without a title keeps the type as written as its title. Older exports
//!   write Garmin's type keys (`road_biking`) in every language, which classification reads as
//!   words.
//!
//! A Garmin export in a language the table does not have is told by its shape (a date-time
//! column, a true/false favourite column, `--` for missing values) and named as such
//! ([`Importer::unread_variant`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::csv_rows::{Col, Columns, Row, for_each_row};
use super::lang::{Language, Languages, fold};
use super::values::positive;
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, column_key, detect_columns};
use crate::error::Result;
use crate::model::{Origin, Workout};

/// The languages of Garmin Connect's activity list, as `src/import/lang/garmin.toml` gives them.
static LANGUAGES: LazyLock<Languages> =
    LazyLock::new(|| Languages::parse("garmin", include_str!("lang/garmin.toml")));

/// What detection and every row ask of the table, built once from it.
static WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&LANGUAGES));

/// The roles of the columns this importer reads, as the table names them.
const TYPE: &str = "type";
const START: &str = "start";
const TITLE: &str = "title";
const TIME: &str = "time";
const ELAPSED: &str = "elapsed";
const DISTANCE: &str = "distance";
const AVG_HR: &str = "avg_hr";
const MAX_HR: &str = "max_hr";

/// Every language's names for each column, English first, and every type translation.
struct Words {
    kind: Vec<&'static str>,
    start: Vec<&'static str>,
    title: Vec<&'static str>,
    time: Vec<&'static str>,
    elapsed: Vec<&'static str>,
    distance: Vec<&'static str>,
    avg_hr: Vec<&'static str>,
    max_hr: Vec<&'static str>,
    /// Types as written (the commonest case, found without folding), and folded.
    types: HashMap<&'static str, &'static str>,
    folded_types: HashMap<String, &'static str>,
}

impl Words {
    fn new(languages: &'static Languages) -> Words {
        let mut types = HashMap::new();
        let mut folded_types = HashMap::new();
        for language in &languages.all {
            for (written, english) in &language.types {
                // Garmin's English names stand for themselves: an English export's types are
                // found as written, without folding.
                types.insert(english.as_str(), english.as_str());
                types.insert(written.as_str(), english.as_str());
                folded_types.insert(fold(written), english.as_str());
            }
        }
        Words {
            kind: languages.columns(TYPE),
            start: languages.columns(START),
            title: languages.columns(TITLE),
            time: languages.columns(TIME),
            elapsed: languages.columns(ELAPSED),
            distance: languages.columns(DISTANCE),
            avg_hr: languages.columns(AVG_HR),
            max_hr: languages.columns(MAX_HR),
            types,
            folded_types,
        }
    }

    /// Every language's names for a role.
    fn names(&self, role: &str) -> &[&'static str] {
        match role {
            TYPE => &self.kind,
            START => &self.start,
            TITLE => &self.title,
            TIME => &self.time,
            ELAPSED => &self.elapsed,
            DISTANCE => &self.distance,
            AVG_HR => &self.avg_hr,
            MAX_HR => &self.max_hr,
            _ => &[],
        }
    }

    /// The columns every Garmin activity list has, in any language; the first name of each is
    /// the English one, which error messages use.
    fn required(&self) -> [&[&'static str]; 4] {
        [&self.kind, &self.start, &self.title, &self.time]
    }

    /// Garmin's English name for a localized activity type: as written, else compared by
    /// [`fold`] (case and accents aside); `None` for a type no language of the table has.
    fn english_type(&self, written: &str) -> Option<&'static str> {
        if let Some(english) = self.types.get(written) {
            return Some(english);
        }
        if written.is_empty() || written.is_ascii() && !written.contains(char::is_uppercase) {
            // Garmin writes localized types capitalised: a lower-case ASCII word is one of its
            // type keys (`road_biking`), which no language lists, and need not be folded.
            return None;
        }
        self.folded_types.get(&fold(written)).copied()
    }

    /// Whether a header field is a column the table names, in any language and role.
    fn knows_column(&self, field: &str) -> bool {
        let key = column_key(field);
        [TYPE, START, TITLE, TIME, ELAPSED, DISTANCE, AVG_HR, MAX_HR]
            .iter()
            .flat_map(|role| self.names(role))
            .any(|name| column_key(name) == key)
    }
}

const DATE_EXPECTED: &str = "a date-time like 2025-11-01 12:19:11";
const TIME_EXPECTED: &str = "a duration like 01:04:33, 00:22:38.5 or 0:45 (h:mm)";
const NUMBER_EXPECTED: &str = "a number like 11.18, 1,500 or (with decimal commas) 11,01";

pub struct Garmin;

impl Importer for Garmin {
    fn languages(&self) -> Option<&'static Languages> {
        Some(&LANGUAGES)
    }

    fn name(&self) -> &'static str {
        "garmin"
    }

    fn describe(&self) -> &'static str {
        "a Garmin Connect activities export (Activities.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Garmin Connect")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, &WORDS.required())
    }

    fn unread_variant(&self, head: &Head) -> Option<String> {
        unread_variant(head)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut layout: Option<Layout> = None;
        for_each_row(input, "garmin", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, layout, origin, sink)
        })
    }
}

/// Where each column this importer reads is in one file, and how the file writes numbers.
struct Layout {
    kind: Col,
    date: Col,
    title: Col,
    time: Col,
    elapsed: Col,
    distance: Col,
    avg_hr: Col,
    max_hr: Col,
    decimal: Decimal,
}

impl Layout {
    fn new(columns: &Columns) -> Layout {
        let keys: Vec<String> = columns.names.iter().map(|n| column_key(n)).collect();
        let language = LANGUAGES.language_of(&keys).map(|(l, _)| l);
        let find = |role: &str| {
            language
                .and_then(|l| columns.find(&language_names(l, role)))
                .or_else(|| columns.find(WORDS.names(role)))
        };
        Layout {
            kind: find(TYPE),
            date: find(START),
            title: find(TITLE),
            time: find(TIME),
            elapsed: find(ELAPSED),
            distance: find(DISTANCE),
            avg_hr: find(AVG_HR),
            max_hr: find(MAX_HR),
            decimal: match language {
                Some(l) if l.decimal_comma => Decimal::Comma,
                _ => Decimal::Unknown,
            },
        }
    }
}

/// A language's own names for a role.
fn language_names<'a>(language: &'a Language, role: &str) -> Vec<&'a str> {
    language
        .columns
        .get(role)
        .map(|names| names.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

fn read_row(row: &Row, layout: &mut Layout, origin: &Origin, sink: &mut Sink) -> Result<()> {
    let Some(start) = value(row, layout.date, DATE_EXPECTED, super::values::parse_stamp)? else {
        return sink.skip(origin, "no Date");
    };
    let written = row.text(layout.kind);
    let activity = WORDS.english_type(written).unwrap_or(written);
    let mut w = Workout::new(origin.clone(), start);
    w.activity = activity.to_string();
    w.title = match row.text(layout.title) {
        "" => written.to_string(),
        title => title.to_string(),
    };
    let elapsed = value(row, layout.elapsed, TIME_EXPECTED, parse_time)?;
    w.minutes = match value(row, layout.time, TIME_EXPECTED, parse_time)? {
        Some(time) => Some(time.minutes(elapsed, layout.elapsed.is_some())),
        None => elapsed.map(|e| e.minutes(None, true)),
    };
    // Zero distances (strength training) and heart rates are Garmin's "not measured".
    let distance = positive(number(row, layout.distance, &mut layout.decimal)?);
    w.avg_hr = positive(number(row, layout.avg_hr, &mut layout.decimal)?);
    w.max_hr = positive(number(row, layout.max_hr, &mut layout.decimal)?);
    w.distance_km = distance.map(|d| if in_metres(activity) { d / 1000.0 } else { d });
    sink.workouts.push(w);
    Ok(())
}

/// A column's value read by `parse`, `None` where it is empty or one of Garmin's missing marks
/// (`--`, `--:--:--`); an unreadable value is an error naming the line and column.
fn value<T>(
    row: &Row,
    col: Col,
    expected: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<Option<T>> {
    let text = row.text(col);
    if text.chars().all(|c| matches!(c, '-' | ':' | '.')) {
        return Ok(None);
    }
    row.parse(col, expected, parse)
}

/// A number column, read as the file writes numbers; the first number that shows the file's
/// decimal separator settles it for the rest of the file.
fn number(row: &Row, col: Col, decimal: &mut Decimal) -> Result<Option<f64>> {
    let style = *decimal;
    let read = value(row, col, NUMBER_EXPECTED, |s| parse_number(s, style))?;
    Ok(read.map(|(n, shown)| {
        if let Some(shown) = shown {
            *decimal = shown;
        }
        n
    }))
}

/// Swims and track runs are the activities whose distance Garmin writes in metres: `Pool Swim`,
/// `Open Water Swimming`, `Track Running`, and the type keys `lap_swimming`, `track_running`.
fn in_metres(english: &str) -> bool {
    contains_words(english, "swim") || contains_words(english, "track run")
}

/// Whether `needle` (lower-case ASCII) stands in `text`, without regard to ASCII case and with
/// `_` read as a space, allocation-free (it is asked for every row).
fn contains_words(text: &str, needle: &str) -> bool {
    let text = text.as_bytes();
    let needle = needle.as_bytes();
    text.windows(needle.len()).any(|window| {
        window.iter().zip(needle).all(|(t, n)| {
            let t = if *t == b'_' {
                b' '
            } else {
                t.to_ascii_lowercase()
            };
            t == *n
        })
    })
}

/// A duration as Garmin writes it: in minutes where its form says, or two parts that are
/// `h:mm` or `m:ss` by the export's age (see the module's notes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Clock {
    Minutes(f64),
    HoursOrMinutes { h_mm: f64, m_ss: f64 },
}

impl Clock {
    /// The minutes it stands for: two parts read against the elapsed time where the row has one
    /// (the nearer reading wins), as `h:mm` in an export with an elapsed-time column, and as
    /// `m:ss` in one without.
    fn minutes(self, elapsed: Option<Clock>, has_elapsed_column: bool) -> f64 {
        match self {
            Clock::Minutes(m) => m,
            Clock::HoursOrMinutes { h_mm, m_ss } => match elapsed {
                Some(Clock::Minutes(e)) if (m_ss - e).abs() < (h_mm - e).abs() => m_ss,
                _ if has_elapsed_column => h_mm,
                _ => m_ss,
            },
        }
    }
}

/// A duration: `hh:mm:ss` with or without a fraction of a second (`00:22:38.5`, or `,5` with
/// decimal commas), `m:ss.f` (two parts with a fraction), or two whole parts, which are `h:mm`
/// or `m:ss` ([`Clock::HoursOrMinutes`]).
pub fn parse_time(s: &str) -> Option<Clock> {
    let s = s.trim();
    let whole = |p: &str| -> Option<f64> {
        (!p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let seconds = |p: &str| -> Option<f64> {
        let (int, frac) = p.split_once(['.', ',']).unwrap_or((p, "0"));
        let frac = whole(frac)? / 10f64.powi(frac.len() as i32);
        Some(whole(int)? + frac).filter(|s| *s < 60.0)
    };
    let below_60 = |p: &str| whole(p).filter(|m| *m < 60.0);
    let mut parts = s.split(':');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() {
        return None;
    }
    match c {
        Some(c) => Some(Clock::Minutes(
            whole(a)? * 60.0 + below_60(b)? + seconds(c)? / 60.0,
        )),
        None if b.contains(['.', ',']) => Some(Clock::Minutes(whole(a)? + seconds(b)? / 60.0)),
        None => Some(Clock::HoursOrMinutes {
            h_mm: whole(a)? * 60.0 + below_60(b)?,
            m_ss: whole(a)? + below_60(b)? / 60.0,
        }),
    }
}

/// Which separator a file's numbers use for decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decimal {
    Point,
    Comma,
    /// Not known yet: a separator followed by three digits is one between thousands.
    Unknown,
}

/// A number as Garmin writes it: `11.18`, `1,500`, `"1,406"`, or with decimal commas `11,01`
/// and `1.300`; and the file's decimal separator where this number shows it (a separator
/// followed by one or two digits, or both separators). A single separator followed by three
/// digits is read by `style`. Allocation-free: it is asked for several columns of every row.
pub fn parse_number(s: &str, style: Decimal) -> Option<(f64, Option<Decimal>)> {
    let s = s.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let is_sep = |b: u8| b == b'.' || b == b',';
    let bytes = digits.as_bytes();
    let last = bytes.iter().rposition(|b| is_sep(*b));
    let (decimal_at, shown) = match last {
        None => (None, None),
        Some(i) => {
            let sep = bytes[i];
            let other = if sep == b'.' { b',' } else { b'.' };
            let as_decimal = if sep == b'.' {
                Decimal::Point
            } else {
                Decimal::Comma
            };
            let as_thousands = if sep == b'.' {
                Decimal::Comma
            } else {
                Decimal::Point
            };
            let once = bytes.iter().filter(|b| **b == sep).count() == 1;
            if bytes.contains(&other) {
                (Some(i), Some(as_decimal))
            } else if !once {
                (None, Some(as_thousands))
            } else if bytes.len() - i - 1 != 3 {
                (Some(i), Some(as_decimal))
            } else if style == as_decimal {
                (Some(i), None)
            } else {
                (None, None)
            }
        }
    };
    let (int, frac) = match decimal_at {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &[][..]),
    };
    if decimal_at.is_some() && frac.is_empty() || !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // The integer part: digits, grouped by threes where it has a thousands separator.
    let mut groups = int.split(|b| is_sep(*b));
    let first = groups.next()?;
    let grouped = int.iter().any(|b| is_sep(*b));
    if first.is_empty()
        || !first.iter().all(u8::is_ascii_digit)
        || grouped && first.len() > 3
        || !groups.all(|g| g.len() == 3 && g.iter().all(u8::is_ascii_digit))
        || int.len() + frac.len() > 15
    {
        return None;
    }
    let mut n = 0u64;
    for b in int.iter().chain(frac).filter(|b| b.is_ascii_digit()) {
        n = n * 10 + u64::from(b - b'0');
    }
    let n = n as f64 / 10f64.powi(frac.len() as i32);
    Some((if negative { -n } else { n }, shown))
}

/// Columns an unread-language export may have at most and at least (the real ones have 26 to
/// 49).
const UNREAD_COLUMNS: std::ops::RangeInclusive<usize> = 25..=60;

/// Header names Garmin writes in English whatever the account's language.
const ENGLISH_IN_EVERY_LANGUAGE: &[&str] = &["Training Stress Score®", "Normalized Power® (NP®)"];

/// A Garmin export in a language the table does not have, told by its shape: 25 to 60 columns,
/// a column of date-times like `2025-11-01 12:19:11`, a column of `true`/`false` (the favourite
/// mark), and `--` for missing values or a column the table knows. The message names what was
/// recognised.
fn unread_variant(head: &Head) -> Option<String> {
    let (fields, delimiter) = head.csv_header.as_ref()?;
    if !UNREAD_COLUMNS.contains(&fields.len()) {
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(*delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(head.text.as_bytes());
    let mut rows: Vec<csv::StringRecord> =
        reader.records().take(50).map_while(|r| r.ok()).collect();
    if !head.text.ends_with('\n') && rows.len() < 50 {
        // The head may end inside its last row.
        rows.pop();
    }
    if rows.is_empty() {
        return None;
    }
    let column_where = |test: &dyn Fn(&str) -> bool| {
        (0..fields.len()).find(|&i| rows.iter().all(|r| r.get(i).is_some_and(test)))
    };
    let date = column_where(&|v| is_garmin_stamp(v.trim()))?;
    let favourite = column_where(&|v| matches!(v.trim(), "true" | "false"))?;
    let dashes = rows
        .iter()
        .any(|r| r.iter().any(|v| matches!(v.trim(), "--" | "--:--:--")));
    let known: Vec<&str> = fields
        .iter()
        .enumerate()
        .filter(|(i, f)| {
            *i != date
                && *i != favourite
                && (WORDS.knows_column(f)
                    || ENGLISH_IN_EVERY_LANGUAGE
                        .iter()
                        .any(|e| column_key(e) == column_key(f)))
        })
        .map(|(_, f)| f.as_str())
        .collect();
    if !dashes && known.is_empty() {
        return None;
    }
    let mut recognised = format!(
        "{} columns; dates in '{}', true/false in '{}'",
        fields.len(),
        fields[date],
        fields[favourite]
    );
    if dashes {
        recognised += ", '--' for missing";
    }
    if !known.is_empty() {
        let names: Vec<String> = known.iter().take(3).map(|k| format!("'{k}'")).collect();
        recognised += &format!("; known: {}", names.join(", "));
    }
    Some(format!(
        "this looks like a Garmin Connect export in a language concur does not read yet ({recognised}); export it in English"
    ))
}

/// `YYYY-MM-DD HH:MM:SS`, as Garmin writes the start of an activity.
fn is_garmin_stamp(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::classify::modality_of;
    use crate::import::csv_header as header;
    use crate::model::{Modality, Stamp};
    use chrono::NaiveDateTime;

    fn detect(text: &str) -> Detection {
        let head = Head::new(text, header(text));
        Garmin.detect(&head)
    }

    const ENGLISH: &str = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Run Cadence\n";
    const DANISH: &str = "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Aerob TE\n";
    const SWEDISH: &str = "Aktivitetstyp,Datum,Favorit,Namn,Distans,Kalorier,Tid,Medelpuls,Maxpuls,Medellöpkadens\r\n";
    const SPANISH: &str = "Tipo de actividad,Fecha,Favorito,Título,Distancia,Calorías,Tiempo,Frecuencia cardiaca media,FC máxima,TE aeróbico\r\n";
    const GERMAN: &str =
        "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø HF,Max. HF,Aerober TE\n";
    const FRENCH: &str = "Type d'activité,Date,Favori,Titre,Distance,Calories,Durée,Fréquence cardiaque moyenne,Fréquence cardiaque maximale\n";

    #[test]
    fn the_table_loads_with_english_first_and_a_source_for_every_language() {
        let table = &*LANGUAGES;
        assert_eq!(table.all[0].code, "en");
        assert!(table.all.len() >= 15, "{}", table.names());
        for language in &table.all {
            assert!(!language.source.trim().is_empty(), "{}", language.code);
            for role in [TYPE, START, TITLE, TIME, DISTANCE, AVG_HR, MAX_HR] {
                assert!(
                    language.columns.contains_key(role),
                    "{} has no {role} column",
                    language.code
                );
            }
            for (written, english) in &language.types {
                assert!(
                    !written.is_empty() && !english.is_empty(),
                    "{}",
                    language.code
                );
            }
        }
        assert_eq!(WORDS.required()[0][0], "Activity Type");
        assert_eq!(WORDS.required()[3][0], "Time");
    }

    #[test]
    fn every_languages_header_is_detected_and_its_columns_found() {
        for language in &LANGUAGES.all {
            let names = |role: &str| language.columns.get(role).map(|n| n[0].clone());
            let fields: Vec<String> = [
                names(TYPE),
                names(START),
                Some("Favorit".into()),
                names(TITLE),
                names(DISTANCE),
                Some("Kcal".into()),
                names(TIME),
                names(AVG_HR),
                names(MAX_HR),
                names(ELAPSED),
            ]
            .into_iter()
            .flatten()
            .collect();
            let text = format!("{}\n", fields.join(","));
            assert!(
                matches!(detect(&text), Detection::Match(_)),
                "{}: {text}",
                language.code
            );
            let l = Layout::new(&Columns::new(fields.clone()));
            assert_eq!(
                [
                    l.kind, l.date, l.title, l.distance, l.time, l.avg_hr, l.max_hr
                ],
                [0, 1, 3, 4, 6, 7, 8].map(Some),
                "{}",
                language.code
            );
            assert_eq!(l.elapsed.is_some(), fields.len() == 10, "{}", language.code);
            let comma = l.decimal == Decimal::Comma;
            assert_eq!(comma, language.decimal_comma, "{}", language.code);
        }
    }

    #[test]
    fn the_older_headers_are_detected() {
        for h in [ENGLISH, DANISH, SWEDISH, SPANISH, GERMAN, FRENCH] {
            assert!(matches!(detect(h), Detection::Match(_)), "{h}");
            let (names, _) = header(h).unwrap();
            let l = Layout::new(&Columns::new(names));
            assert_eq!(
                [
                    l.kind, l.date, l.title, l.distance, l.time, l.avg_hr, l.max_hr
                ],
                [0, 1, 3, 4, 6, 7, 8].map(Some),
                "{h}"
            );
        }
    }

    #[test]
    fn a_header_without_time_is_a_near_miss_naming_it() {
        let cut = "Activity Type,Date,Favorite,Title,Distance,Calories,Avg HR\n";
        assert_eq!(
            detect(cut),
            Detection::Near {
                missing: vec!["Time"]
            }
        );
    }

    #[test]
    fn other_headers_are_not_claimed() {
        for h in [
            "start,end,duration,type,title,rpe\n",
            "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n",
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps\n",
            "Date,Description,Work Time (Formatted),Work Time (Seconds),Distance,Type\n",
        ] {
            assert_eq!(detect(h), Detection::No, "{h}");
        }
    }

    fn minutes(s: &str) -> Option<f64> {
        match parse_time(s)? {
            Clock::Minutes(m) => Some(m),
            Clock::HoursOrMinutes { .. } => None,
        }
    }

    #[test]
    fn times_in_every_form() {
        assert_eq!(minutes("01:04:33"), Some(64.55));
        assert_eq!(minutes("00:22:38.5"), Some(22.0 + 38.5 / 60.0));
        assert_eq!(minutes("00:22:38,5"), Some(22.0 + 38.5 / 60.0));
        assert_eq!(minutes("12:30.5"), Some(12.0 + 30.5 / 60.0));
        assert_eq!(minutes("0:52,7"), Some(52.7 / 60.0));
        assert_eq!(
            parse_time("6:01"),
            Some(Clock::HoursOrMinutes {
                h_mm: 361.0,
                m_ss: 6.0 + 1.0 / 60.0
            })
        );
        for bad in [
            "1:75", "00:61:00", "45", "soon", "1:2:3:4", "00:00:60", "-1:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn two_part_times_are_h_mm_or_m_ss_by_the_export() {
        let two = parse_time("0:45").unwrap();
        // Danish `Tid` beside `Tidsforbrug` 00:45:17: three quarters of an hour.
        let elapsed = parse_time("00:45:17");
        assert_eq!(two.minutes(elapsed, true), 45.0);
        // A 2018 export has no elapsed column and writes `Tijd` as m:ss.
        let short = parse_time("32:11").unwrap();
        assert_eq!(short.minutes(None, false), 32.0 + 11.0 / 60.0);
        // m:ss where it is the nearer reading of the elapsed time.
        assert_eq!(
            short.minutes(parse_time("00:33:00"), true),
            32.0 + 11.0 / 60.0
        );
        // An elapsed-time column with no value: the newer export's h:mm.
        assert_eq!(two.minutes(None, true), 45.0);
    }

    fn n(s: &str, style: Decimal) -> Option<f64> {
        parse_number(s, style).map(|(n, _)| n)
    }

    #[test]
    fn numbers_in_every_form() {
        use Decimal::{Comma, Point, Unknown};
        for style in [Unknown, Point, Comma] {
            assert_eq!(n("11.18", style), Some(11.18));
            assert_eq!(n("11,01", style), Some(11.01));
            assert_eq!(n("0.00", style), Some(0.0));
            assert_eq!(n("1,234,567", style), Some(1_234_567.0));
            assert_eq!(n("1.234,56", style), Some(1234.56));
            assert_eq!(n("1,234.56", style), Some(1234.56));
            assert_eq!(n("700", style), Some(700.0));
            assert_eq!(n("-15", style), Some(-15.0));
            for bad in ["12,34,5", "1,2.3,4", "5.", "abc", "", "1.2.3"] {
                assert_eq!(n(bad, style), None, "{bad} {style:?}");
            }
        }
        // Three decimals only where the comma is the decimal separator.
        assert_eq!(n("1234,567", Unknown), None);
        assert_eq!(n("1234,567", Point), None);
        assert_eq!(n("1234,567", Comma), Some(1234.567));
        // One separator before three digits: between thousands unless the file's decimal
        // separator is that one.
        assert_eq!(n("1,500", Unknown), Some(1500.0));
        assert_eq!(n("1,500", Point), Some(1500.0));
        assert_eq!(n("1,500", Comma), Some(1.5));
        assert_eq!(n("10.000", Unknown), Some(10000.0));
        assert_eq!(n("10.000", Comma), Some(10000.0));
        assert_eq!(n("10.000", Point), Some(10.0));
    }

    #[test]
    fn a_number_shows_the_files_decimal_separator_where_it_can() {
        let shown = |s| parse_number(s, Decimal::Unknown).unwrap().1;
        assert_eq!(shown("6.08"), Some(Decimal::Point));
        assert_eq!(shown("11,01"), Some(Decimal::Comma));
        assert_eq!(shown("0,0"), Some(Decimal::Comma));
        assert_eq!(shown("1.234,56"), Some(Decimal::Comma));
        assert_eq!(shown("1,234,567"), Some(Decimal::Point));
        assert_eq!(shown("1.300"), None);
        assert_eq!(shown("142"), None);
    }

    /// Reads `text` as a Garmin file: the workouts and the number of skipped rows.
    fn read(text: &str) -> Result<(Vec<Workout>, usize)> {
        let sink = crate::import::testing::read(&Garmin, "Activities.csv", text)?;
        Ok((sink.workouts, sink.skipped))
    }

    #[test]
    fn reads_english_rows_quoted_with_crlf_separators_and_dashes() {
        let text = format!(
            "{}{}{}{}",
            ENGLISH.trim_end().to_string() + "\r\n",
            "\"Pool Swim\",\"2024-03-30 10:00:00\",\"false\",\"Pool Swim\",\"1,500\",\"1,024\",\"00:42:10\",\"128\",\"150\",\"2.4\",\"--\"\r\n",
            "\"Strength Training\",\"2024-03-28 07:00:00\",\"false\",\"\",\"0.00\",\"290\",\"00:55:00.5\",\"--\",\"0\",\"0.6\",\"--\"\r\n",
            "\"Running\",\"2024-03-27 07:00:00\",\"false\",\"Easy\",\"10.05\",\"600\",\"--:--:--\",\"140\",\"155\",\"3.0\",\"170\"\r\n",
        );
        let (w, skipped) = read(&text).unwrap();
        assert_eq!((w.len(), skipped), (3, 0));
        let local =
            |s| Stamp::Local(NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap());
        assert_eq!(w[0].start, local("2024-03-30 10:00:00"));
        assert_eq!(w[0].distance_km, Some(1.5));
        assert_eq!(w[0].minutes, Some(42.0 + 10.0 / 60.0));
        assert_eq!((w[0].avg_hr, w[0].max_hr), (Some(128.0), Some(150.0)));
        assert_eq!(w[1].activity, "Strength Training");
        assert_eq!(w[1].title, "Strength Training");
        assert_eq!(w[1].distance_km, None);
        assert_eq!((w[1].avg_hr, w[1].max_hr), (None, None));
        assert_eq!(w[1].minutes, Some(55.0 + 0.5 / 60.0));
        assert_eq!(w[2].minutes, None);
        assert_eq!(w[2].distance_km, Some(10.05));
    }

    #[test]
    fn reads_localized_rows() {
        let danish = format!(
            "{}{}{}",
            DANISH,
            "Styrketræning,2025-10-28 15:12:06,false,\"Styrke\",\"0.00\",\"300\",\"0:36\",\"110\",\"140\",\"0.8\"\n",
            "Svømning i åbent vand,2025-08-16 10:38:06,false,\"\",\"700\",\"200\",\"0:22\",\"130\",\"150\",\"2.0\"\n",
        );
        let (w, _) = read(&danish).unwrap();
        assert_eq!(w[0].activity, "Strength Training");
        // No elapsed-time column here: two parts are m:ss.
        assert_eq!(w[0].minutes, Some(0.6));
        assert_eq!(w[1].activity, "Open Water Swimming");
        assert_eq!(w[1].title, "Svømning i åbent vand");
        assert_eq!(w[1].distance_km, Some(0.7));

        let swedish = format!(
            "{}{}{}",
            SWEDISH,
            "Simbassäng,2024-02-07 17:19:35,false,\"Simbassäng\",\"1,700\",\"400\",\"00:45:26\",\"120\",\"141\",\"--\"\r\n",
            "Konditionspass,2024-03-25 18:14:52,false,\"CardioCross\",\"0.00\",\"500\",\"00:55:02\",\"132\",\"166\",\"--\"\r\n",
        );
        let (w, _) = read(&swedish).unwrap();
        assert_eq!(
            (w[0].activity.as_str(), w[0].distance_km),
            ("Pool Swim", Some(1.7))
        );
        assert_eq!(
            (w[1].activity.as_str(), w[1].avg_hr),
            ("Cardio", Some(132.0))
        );
    }

    #[test]
    fn a_polish_export_with_decimal_commas() {
        let text = concat!(
            "Typ aktywności,Data,Ulubiony,Tytuł,Dystans,Suma kalorii,Czas,Średnie tętno,Maksymalne tętno,Upłynęło czasu\n",
            "Bieganie,2025-09-23 16:13:05,false,\"Bieg\",\"11,01\",\"793\",\"00:57:35\",\"134\",\"145\",\"00:57:35\"\n",
            "Bieg lekkoatletyczny,2025-09-21 10:05:40,false,\"Bieżnia\",\"10.000\",\"714\",\"00:47:27\",\"151\",\"175\",\"00:47:27\"\n",
            "Bieganie,2025-09-20 09:32:24,false,\"Bieg\",\"1,500\",\"1.300\",\"00:10:00,5\",\"145\",\"154\",\"00:10:01\"\n",
        );
        let (w, _) = read(text).unwrap();
        assert_eq!(w[0].distance_km, Some(11.01));
        // A track session is in metres: ten thousand of them.
        assert_eq!(w[1].activity, "Track Running");
        assert_eq!(w[1].distance_km, Some(10.0));
        // The file has shown its decimal comma: 1,500 is one and a half.
        assert_eq!(w[2].distance_km, Some(1.5));
        assert_eq!(w[2].minutes, Some(10.0 + 0.5 / 60.0));
    }

    #[test]
    fn a_polish_export_with_decimal_points_is_read_as_it_shows_itself() {
        // Polish exports of 2021 wrote points; the first distance says so.
        let text = concat!(
            "Typ aktywności,Data,Ulubiony,Tytuł,Dystans,Kalorie,Czas,Średnie tętno,Maksymalne tętno\n",
            "Bieganie,2021-10-29 17:04:38,false,\"Bieg\",\"6.08\",\"455\",\"00:31:26\",\"--\",\"--\"\n",
            "Bieg lekkoatletyczny,2021-10-28 17:04:38,false,\"Bieżnia\",\"3,600\",\"455\",\"00:13:21\",\"--\",\"--\"\n",
        );
        let (w, _) = read(text).unwrap();
        assert_eq!(w[0].distance_km, Some(6.08));
        assert_eq!(w[1].distance_km, Some(3.6));
    }

    #[test]
    fn bad_values_are_errors_and_rows_without_a_date_are_skipped() {
        let bad_time = format!(
            "{ENGLISH}Running,2024-03-27 07:00:00,false,Run,5.00,300,35 min,140,150,3.0,170\n"
        );
        let err = read(&bad_time).unwrap_err().to_string();
        assert!(
            err.contains(":2:") && err.contains("(Time)") && err.contains("35 min"),
            "{err}"
        );
        let bad_distance = format!(
            "{ENGLISH}Running,2024-03-27 07:00:00,false,Run,5 km,300,00:35:00,140,150,3.0,170\n"
        );
        let err = read(&bad_distance).unwrap_err().to_string();
        assert!(err.contains("(Distance)") && err.contains("5 km"), "{err}");
        let bad_date = format!(
            "{ENGLISH}Running,27.03.2024 07:00,false,Run,5.00,300,00:35:00,140,150,3.0,170\n"
        );
        assert!(read(&bad_date).unwrap_err().to_string().contains("(Date)"));
        let no_date = format!("{ENGLISH}Running,--,false,Run,5.00,300,00:35:00,140,150,3.0,170\n");
        let (w, skipped) = read(&no_date).unwrap();
        assert_eq!((w.len(), skipped), (0, 1));
    }

    #[test]
    fn localized_types_become_english_names() {
        assert_eq!(
            WORDS.english_type("Styrketræning"),
            Some("Strength Training")
        );
        assert_eq!(WORDS.english_type("Løb"), Some("Running"));
        assert_eq!(WORDS.english_type("löpning"), Some("Running"));
        assert_eq!(WORDS.english_type("CARRERA"), Some("Running"));
        assert_eq!(WORDS.english_type(" Konditionspass "), Some("Cardio"));
        assert_eq!(
            WORDS.english_type("트레드밀 러닝"),
            Some("Treadmill Running")
        );
        assert_eq!(WORDS.english_type("Running"), Some("Running"));
        assert_eq!(WORDS.english_type("road_biking"), None);
        assert_eq!(WORDS.english_type("Padel"), None);
        assert!(in_metres("Pool Swim") && in_metres("Open Water Swimming"));
        assert!(in_metres("Track Running") && in_metres("lap_swimming"));
        assert!(in_metres("track_running") && !in_metres("Running"));
        assert!(!in_metres("Treadmill Running") && !in_metres("Trail Running"));
    }

    /// Garmin's English names that classification does not know yet: they are the right input
    /// (it is given Garmin's own name), so they are reported, not mapped to something else.
    const UNCLASSIFIED: &[&str] = &["Other", "Tennis", "Paddling"];

    #[test]
    fn translated_types_classify() {
        for language in &LANGUAGES.all {
            for (local, english) in &language.types {
                let m = modality_of(english);
                if UNCLASSIFIED.contains(&english.as_str()) {
                    continue;
                }
                let want = match english.as_str() {
                    "Strength Training" => Modality::Strength,
                    "Yoga" | "Pilates" | "Breathwork" | "Meditation" => Modality::Other,
                    _ => Modality::Cardio,
                };
                assert_eq!(m, Some(want), "{}: {local} -> {english}", language.code);
            }
        }
    }

    #[test]
    fn every_treadmill_and_indoor_run_is_a_run_classification_knows() {
        let runs = ["Treadmill Running", "Indoor Running", "Track Running"];
        let mut found = 0;
        for language in &LANGUAGES.all {
            for english in language
                .types
                .values()
                .filter(|e| runs.contains(&e.as_str()))
            {
                assert_eq!(modality_of(english), Some(Modality::Cardio), "{english}");
                found += 1;
            }
        }
        assert!(found >= 10, "{found}");
    }

    fn unread(text: &str) -> Option<String> {
        Garmin.unread_variant(&Head::new(text, header(text)))
    }

    /// An invented header in a language the table does not have (Esperanto), with Garmin's
    /// shape: 30 columns, a date-time column, a favourite column, `--`.
    fn esperanto(rows: usize) -> String {
        let mut fields: Vec<String> = [
            "Tipo de aktiveco",
            "Dato",
            "Ŝatata",
            "Nomo",
            "Distanco",
            "Kalorioj",
            "Daŭro",
            "Meza korfrekvenco",
            "Maksimuma korfrekvenco",
            "Training Stress Score®",
        ]
        .map(String::from)
        .to_vec();
        fields.extend((fields.len()..30).map(|i| format!("Kolumno {i}")));
        let mut text = fields.join(",") + "\n";
        for i in 0..rows {
            let mut row = vec![
                "Kurado".to_string(),
                format!("2025-03-{:02} 07:00:00", i + 1),
                "false".into(),
                "\"Mateno\"".into(),
                "\"5.00\"".into(),
                "\"300\"".into(),
                "\"00:30:00\"".into(),
                "\"140\"".into(),
                "\"--\"".into(),
            ];
            row.resize(30, "\"--\"".into());
            text += &(row.join(",") + "\n");
        }
        text
    }

    #[test]
    fn a_garmin_export_in_an_unread_language_is_named_by_its_shape() {
        let text = esperanto(3);
        assert_eq!(detect(&text), Detection::No);
        let message = unread(&text).expect("recognised");
        for part in [
            "Garmin Connect export",
            "a language concur does not read yet",
            "30 columns",
            "dates in 'Dato'",
            "true/false in 'Ŝatata'",
            "'--' for missing",
            "known: 'Training Stress Score®'",
        ] {
            assert!(message.contains(part), "{part}: {message}");
        }
    }

    #[test]
    fn other_shapes_are_not_called_garmin() {
        // Too few columns.
        let few = "Dato,Ŝatata,Titolo\n2025-03-01 07:00:00,false,x\n";
        assert_eq!(unread(few), None);
        // No favourite column.
        let text = esperanto(2).replace("false", "jes");
        assert_eq!(unread(&text), None);
        // A date column in another form.
        let text = esperanto(2).replace("2025-03-01 07:00:00", "01.03.2025 07:00");
        assert_eq!(unread(&text), None);
    }
}
