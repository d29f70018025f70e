//! Hevy's workout export (`workout_data.csv`, Settings > Export & Import Data > Export Workouts).
//!
//! One row per set:
//!
//! ```text
//! "title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",
//! "set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"
//! "Legs","5 Mar 2024, 07:01","5 Mar 2024, 08:10","","Squat (Barbell)",,"",0,"warmup",60,8,,,
//! ```
//!
//! - Accounts set to imperial units export `weight_lbs` and `distance_miles` instead.
//! - `start_time` and `end_time` are wall-clock times without a zone, `day month-abbreviation
//!   year, HH:MM`, with the month abbreviated in the app's language (`5 Mai 2026` in Portuguese,
//!   `17 may 2024` in Spanish, `11 Nis 2026` in Turkish). The header stays the same in every
//!   language; the months each language writes are in `lang/hevy.toml`. A workout may end on
//!   the next day.
//! - `set_type` is `normal`, `warmup`, `failure` or `dropset` in every language; warm-up sets
//!   are marked.
//! - Cardio exercises (`Treadmill`, `Running`, `Bicicleta`) log `distance_km` and
//!   `duration_seconds` on their set instead of weight and reps.
//!
//! Rows with the same `start_time` and `title` are one workout, with its exercises in logged
//! order; its length is `end_time - start_time`.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::csv_rows::{Col, Columns, KG_PER_LB, KM_PER_MILE, Row, SetLog, for_each_row};
use super::lang::{Languages, fold};
use super::values::{parse_number, parse_stamp};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns, same_column};
use crate::error::Result;
use crate::model::{Set, Stamp, Workout};

/// The languages of Hevy's export: its columns (the same in all) and each language's months.
static LANGUAGES: LazyLock<Languages> =
    LazyLock::new(|| Languages::parse("hevy", include_str!("lang/hevy.toml")));

/// The names of each column Hevy writes.
struct Names {
    title: Vec<&'static str>,
    start: Vec<&'static str>,
    end: Vec<&'static str>,
    description: Vec<&'static str>,
    exercise: Vec<&'static str>,
    set_index: Vec<&'static str>,
    set_type: Vec<&'static str>,
    weight_kg: Vec<&'static str>,
    weight_lbs: Vec<&'static str>,
    /// Either weight column: detection asks for one of them.
    weight_any: Vec<&'static str>,
    reps: Vec<&'static str>,
    distance_km: Vec<&'static str>,
    distance_mi: Vec<&'static str>,
    distance_any: Vec<&'static str>,
    duration: Vec<&'static str>,
    rpe: Vec<&'static str>,
    /// `set_type` values of warm-up sets.
    warm_up: Vec<&'static str>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let t: &'static Languages = &LANGUAGES;
    let both = |a: &str, b: &str| -> Vec<&'static str> {
        let mut names = t.columns(a);
        names.extend(t.columns(b));
        names
    };
    Names {
        title: t.columns("title"),
        start: t.columns("start"),
        end: t.columns("end"),
        description: t.columns("description"),
        exercise: t.columns("exercise"),
        set_index: t.columns("set_index"),
        set_type: t.columns("set_type"),
        weight_kg: t.columns("weight_kg"),
        weight_lbs: t.columns("weight_lbs"),
        weight_any: both("weight_kg", "weight_lbs"),
        reps: t.columns("reps"),
        distance_km: t.columns("distance_km"),
        distance_mi: t.columns("distance_mi"),
        distance_any: both("distance_km", "distance_mi"),
        duration: t.columns("duration_seconds"),
        rpe: t.columns("rpe"),
        warm_up: t
            .all
            .iter()
            .flat_map(|l| l.words.get("warm_up").into_iter().flatten())
            .map(String::as_str)
            .collect(),
    }
});

/// Every language's month names, folded and without a final dot, with the month each names. A
/// name two languages give to different months is left out: it would say nothing.
static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut months: HashMap<String, u32> = HashMap::new();
    let mut ambiguous: Vec<String> = Vec::new();
    for language in &LANGUAGES.all {
        for (i, names) in language.months.iter().enumerate() {
            for name in names {
                let key = month_key(name);
                let month = i as u32 + 1;
                if months
                    .insert(key.clone(), month)
                    .is_some_and(|m| m != month)
                {
                    ambiguous.push(key);
                }
            }
        }
    }
    for key in ambiguous {
        months.remove(&key);
    }
    months
});

/// How a month name is looked up: as [`fold`] compares words, without a final dot.
fn month_key(word: &str) -> String {
    fold(word.trim_end_matches('.'))
}

/// The month (1 to 12) a name stands for, in any language of the table.
pub fn month_number(word: &str) -> Option<u32> {
    MONTHS.get(&month_key(word)).copied()
}

/// What a start or end time is expected to look like, naming the languages whose months are
/// read.
static DATE_EXPECTED: LazyLock<String> = LazyLock::new(|| {
    format!(
        "a Hevy date-time like 5 Mar 2024, 07:01 (month names in {})",
        LANGUAGES.names()
    )
});

/// Reads Hevy's `5 Mar 2024, 07:01`. Also takes the month first (`Mar 5, 2024, 7:01 PM`), a day
/// with a dot (`5. März 2024`), `de` between the parts (`5 de mar. de 2024`), seconds and a
/// 12-hour clock.
pub fn parse_hevy_time(s: &str) -> Option<NaiveDateTime> {
    let (mut day, mut month, mut year, mut time, mut meridiem) = (None, None, None, None, None);
    for token in s.split(|c: char| c.is_whitespace() || c == ',') {
        let lower = token.to_lowercase();
        match lower.as_str() {
            "" | "de" | "of" => continue,
            "am" | "a.m." => set_once(&mut meridiem, false)?,
            "pm" | "p.m." => set_once(&mut meridiem, true)?,
            _ if token.contains(':') => {
                let t = NaiveTime::parse_from_str(token, "%H:%M")
                    .or_else(|_| NaiveTime::parse_from_str(token, "%H:%M:%S"))
                    .ok()?;
                set_once(&mut time, t)?;
            }
            _ => {
                let digits = token.strip_suffix('.').unwrap_or(token);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    let n: i32 = digits.parse().ok()?;
                    if digits.len() == 4 {
                        set_once(&mut year, n)?;
                    } else if digits.len() <= 2 {
                        set_once(&mut day, n as u32)?;
                    } else {
                        return None;
                    }
                } else {
                    set_once(&mut month, month_number(token)?)?;
                }
            }
        }
    }
    let mut time = time?;
    if let Some(pm) = meridiem {
        use chrono::Timelike;
        let hour = time.hour();
        if !(1..=12).contains(&hour) {
            return None;
        }
        let hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        time = time.with_hour(hour)?;
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    Some(date.and_time(time))
}

/// Stores a date part, failing where the text has it twice.
fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// A Hevy time as a stamp: the app's own form is a wall-clock time; ISO forms are read as
/// `values` reads them.
fn parse_time(s: &str) -> Option<Stamp> {
    parse_hevy_time(s)
        .map(Stamp::Local)
        .or_else(|| parse_stamp(s))
}

pub struct Hevy;

impl Importer for Hevy {
    fn languages(&self) -> Option<&'static Languages> {
        Some(&LANGUAGES)
    }

    fn name(&self) -> &'static str {
        "hevy"
    }

    fn describe(&self) -> &'static str {
        "a Hevy workout export (workout_data.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Hevy")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        let n = &*NAMES;
        detect_columns(
            head,
            &[
                &n.title,
                &n.start,
                &n.end,
                &n.exercise,
                &n.set_index,
                &n.set_type,
                &n.weight_any,
                &n.reps,
                &n.distance_any,
                &n.duration,
            ],
        )
    }

    fn unread_variant(&self, head: &Head) -> Option<String> {
        unread_variant(head)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut cols: Option<Cols> = None;
        let mut log = SetLog::default();
        for_each_row(input, "hevy", sink, |row, origin, sink| {
            let c = cols.get_or_insert_with(|| Cols::new(row.columns));
            let key = (row.text(c.start), row.text(c.title));
            // A row of a workout already open has the start that opened it, read then.
            let found = log.find(key);
            let start = match found {
                Some(_) => None,
                None => match read_time(row, c.start)? {
                    Some(start) => Some(start),
                    None => return sink.skip(origin, "no start_time"),
                },
            };
            let name = row.text(c.exercise);
            if name.is_empty() {
                return sink.skip(origin, "no exercise_title");
            }
            let set = Set {
                warmup: NAMES
                    .warm_up
                    .iter()
                    .any(|w| same_column(row.text(c.set_type), w)),
                weight: row
                    .number(c.weight_kg)?
                    .or(row.number(c.weight_lbs)?.map(|lb| lb * KG_PER_LB)),
                reps: row.number(c.reps)?,
                rpe: row.number(c.rpe)?,
                seconds: row.number(c.seconds)?,
                distance_km: row
                    .number(c.distance_km)?
                    .or(row.number(c.distance_mi)?.map(|mi| mi * KM_PER_MILE)),
            };
            let line = origin.line;
            let make = || {
                let start = start.expect("a new workout's start was read");
                let mut w = Workout::new(origin.clone(), start);
                w.end = read_time(row, c.end)?;
                w.title = row.text(c.title).to_string();
                w.notes = row.text(c.description).to_string();
                Ok(w)
            };
            let workout = log.found_or_new(sink, found, key, make)?;
            log.add_set(workout, name, set, line);
            Ok(())
        })?;
        log.finish(sink);
        Ok(())
    }
}

/// Where each column is in one file.
struct Cols {
    title: Col,
    start: Col,
    end: Col,
    description: Col,
    exercise: Col,
    set_type: Col,
    weight_kg: Col,
    weight_lbs: Col,
    reps: Col,
    distance_km: Col,
    distance_mi: Col,
    seconds: Col,
    rpe: Col,
}

impl Cols {
    fn new(c: &Columns) -> Cols {
        let n = &*NAMES;
        Cols {
            title: c.find(&n.title),
            start: c.find(&n.start),
            end: c.find(&n.end),
            description: c.find(&n.description),
            exercise: c.find(&n.exercise),
            set_type: c.find(&n.set_type),
            weight_kg: c.find(&n.weight_kg),
            weight_lbs: c.find(&n.weight_lbs),
            reps: c.find(&n.reps),
            distance_km: c.find(&n.distance_km),
            distance_mi: c.find(&n.distance_mi),
            seconds: c.find(&n.duration),
            rpe: c.find(&n.rpe),
        }
    }
}

/// A start or end time; one that does not read is an error saying what was expected, and where
/// it has Hevy's shape with a month word no language of the table has, that the month is in a
/// language concur does not read yet.
fn read_time(row: &Row, col: Col) -> Result<Option<Stamp>> {
    let Some(text) = row.value(col) else {
        return Ok(None);
    };
    if let Some(stamp) = parse_time(text) {
        return Ok(Some(stamp));
    }
    let expected = match hevy_shape(text) {
        Some(month) if month_number(month).is_none() => format!(
            "{}; '{month}' looks like a month name in a language concur does not read yet",
            *DATE_EXPECTED
        ),
        _ => DATE_EXPECTED.clone(),
    };
    Err(row.bad(col, &expected))
}

/// The month word of a text shaped as Hevy writes its times (`5 Mar 2024, 07:01`, `Mar 5, 2024,
/// 7:01 PM`, `5 de mar. de 2024, 07:01`) in any language: a day, one word, a year and a time.
fn hevy_shape(s: &str) -> Option<&str> {
    let (mut day, mut year, mut time, mut word) = (false, false, false, None);
    for token in s.split(|c: char| c.is_whitespace() || c == ',') {
        let bare = token.strip_suffix('.').unwrap_or(token);
        let lower = token.to_lowercase();
        if token.is_empty() || matches!(lower.as_str(), "de" | "of" | "am" | "pm" | "a.m." | "p.m.")
        {
            continue;
        }
        let digits = !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit());
        if digits && bare.len() == 4 && !year {
            year = true;
        } else if digits && bare.len() <= 2 && !day {
            day = true;
        } else if token.contains(':')
            && token.bytes().all(|b| b.is_ascii_digit() || b == b':')
            && !time
        {
            time = true;
        } else if !bare.is_empty() && bare.chars().all(char::is_alphabetic) && word.is_none() {
            word = Some(bare);
        } else {
            return None;
        }
    }
    (day && year && time).then_some(word).flatten()
}

/// How many rows of the file's start the shape is judged on.
const SAMPLE_ROWS: usize = 50;

/// A header that is not Hevy's over rows with two columns of Hevy's date-times (start and end),
/// under snake_case names or Hevy's fourteen columns: a Hevy export in a language concur does not
/// read yet.
fn unread_variant(head: &Head) -> Option<String> {
    let (fields, delimiter) = head.csv_header.as_ref()?;
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .delimiter(*delimiter)
        .flexible(true)
        .from_reader(head.text.as_bytes())
        .into_records()
        .take(SAMPLE_ROWS)
        .map_while(|r| r.ok())
        .filter(|r| r.len() == fields.len())
        .collect();
    if rows.is_empty() {
        return None;
    }
    let comma = *delimiter == b';';
    let column = |i: usize| {
        rows.iter()
            .map(move |r| r[i].trim())
            .filter(|v| !v.is_empty())
    };
    let times: Vec<usize> = (0..fields.len())
        .filter(|&i| column(i).next().is_some() && column(i).all(|v| hevy_shape(v).is_some()))
        .collect();
    let numbers = (0..fields.len())
        .filter(|&i| {
            column(i).next().is_some() && column(i).all(|v| parse_number(v, comma).is_some())
        })
        .count();
    let snake_case = fields
        .iter()
        .filter(|f| {
            let f = f.trim();
            f.contains('_')
                && f.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
        .count();
    let hevy_like = snake_case * 2 >= fields.len() || fields.len() == HEVY_COLUMNS;
    if times.len() < 2 || numbers < 2 || !hevy_like {
        return None;
    }
    let example = column(times[0]).next().unwrap_or_default();
    Some(format!(
        "this looks like a Hevy export in a language concur does not read yet (times like '{example}' in '{}', '{}'); concur reads Hevy months in {}",
        fields[times[0]].trim(),
        fields[times[1]].trim(),
        LANGUAGES.names()
    ))
}

/// The columns of Hevy's export.
const HEVY_COLUMNS: usize = 14;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn header(text: &str) -> Head<'_> {
        crate::import::testing::head(text)
    }

    fn read(text: &str) -> Result<Sink> {
        crate::import::testing::read(&Hevy, "workout_data.csv", text)
    }

    fn read_err(text: &str) -> String {
        match read(text) {
            Ok(_) => panic!("expected an error for {text}"),
            Err(e) => e.to_string(),
        }
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn the_table_loads_and_no_month_name_stands_for_two_months() {
        let mut seen: HashMap<String, (u32, &str)> = HashMap::new();
        for language in &LANGUAGES.all {
            assert!(!language.source.is_empty(), "{}: a source", language.code);
            assert_eq!(
                language.months.len(),
                12,
                "{}: twelve months",
                language.code
            );
            for (i, names) in language.months.iter().enumerate() {
                for name in names {
                    let month = i as u32 + 1;
                    let key = month_key(name);
                    if let Some((m, other)) = seen.insert(key.clone(), (month, &language.code)) {
                        assert_eq!(
                            m, month,
                            "{name} ({}) is month {m} in {other}",
                            language.code
                        );
                    }
                    assert_eq!(month_number(name), Some(month), "{name}");
                }
            }
        }
        // Every column Hevy writes has its name.
        let n = &*NAMES;
        for names in [&n.title, &n.start, &n.end, &n.exercise, &n.set_type, &n.rpe] {
            assert_eq!(names.len(), 1);
        }
        assert_eq!(n.warm_up, ["warmup"]);
    }

    #[test]
    fn english_dates() {
        assert_eq!(
            parse_hevy_time("5 Mar 2024, 07:01"),
            Some(at(2024, 3, 5, 7, 1))
        );
        assert_eq!(
            parse_hevy_time("20 Dec 2025, 00:06"),
            Some(at(2025, 12, 20, 0, 6))
        );
        assert_eq!(
            parse_hevy_time("Mar 5, 2024, 7:01 PM"),
            Some(at(2024, 3, 5, 19, 1))
        );
        assert_eq!(
            parse_hevy_time("5 Sept 2024, 12:30 am"),
            Some(at(2024, 9, 5, 0, 30))
        );
    }

    #[test]
    fn localized_month_names() {
        let cases = [
            ("5 Mai 2026, 07:34", 5),    // Portuguese
            ("19 Out 2023, 20:31", 10),  // Portuguese
            ("1 Set 2023, 21:00", 9),    // Portuguese
            ("3 Fev 2024, 10:30", 2),    // Portuguese
            ("12 Dez 2023, 10:30", 12),  // Portuguese, German
            ("17 may 2024, 15:05", 5),   // Spanish
            ("3 ene 2024, 10:30", 1),    // Spanish
            ("3 dic 2024, 10:30", 12),   // Spanish
            ("8 ago 2023, 10:30", 8),    // Spanish, Portuguese
            ("11 Nis 2026, 13:05", 4),   // Turkish
            ("3 Şub 2025, 10:30", 2),    // Turkish
            ("3 Ağu 2025, 10:30", 8),    // Turkish
            ("3 Ara 2025, 10:30", 12),   // Turkish
            ("3 févr. 2024, 10:30", 2),  // French
            ("3 août 2024, 10:30", 8),   // French
            ("3 juil. 2024, 10:30", 7),  // French
            ("3 juin 2024, 10:30", 6),   // French
            ("3 déc. 2024, 10:30", 12),  // French
            ("3. Mär 2024, 10:30", 3),   // German
            ("3 Mrz 2024, 10:30", 3),    // German
            ("3 Okt 2024, 10:30", 10),   // German, Dutch
            ("25 Juli 2026, 14:21", 7),  // German
            ("25. Juli 2026, 14:21", 7), // German
            ("3 mrt 2024, 10:30", 3),    // Dutch
            ("3 mei 2024, 10:30", 5),    // Dutch
            ("3 de mar. de 2024, 10:30", 3),
        ];
        for (text, month) in cases {
            let got = parse_hevy_time(text).unwrap_or_else(|| panic!("{text} reads"));
            assert_eq!(
                got.date().format("%m").to_string(),
                format!("{month:02}"),
                "{text}"
            );
        }
    }

    #[test]
    fn the_shape_of_a_hevy_time_in_any_language() {
        assert_eq!(hevy_shape("5 Mar 2024, 07:01"), Some("Mar"));
        assert_eq!(hevy_shape("5 мая 2024, 07:01"), Some("мая"));
        assert_eq!(hevy_shape("Mar 5, 2024, 7:01 PM"), Some("Mar"));
        assert_eq!(hevy_shape("5 de mar. de 2024, 07:01"), Some("mar"));
        assert_eq!(hevy_shape("2024-03-05 07:01"), None);
        assert_eq!(hevy_shape("5 Mar 2024"), None);
        assert_eq!(hevy_shape("Legs and more 2024, 07:01"), None);
        assert_eq!(hevy_shape("5 big Mar 2024, 07:01"), None);
    }

    #[test]
    fn a_month_in_a_language_not_in_the_table_is_named() {
        let text = format!(
            "{KG_HEADER}Legs,\"5 мая 2024, 07:01\",\"5 мая 2024, 08:00\",,Squat,,,0,normal,100,5,,,\n"
        );
        let err = read_err(&text);
        assert!(err.contains("column 2 (start_time)"), "{err}");
        assert!(
            err.contains("'мая' looks like a month name in a language concur does not read yet"),
            "{err}"
        );
        assert!(
            err.contains("English, Portuguese, Spanish, Turkish"),
            "{err}"
        );
    }

    #[test]
    fn an_export_under_a_header_concur_does_not_know_is_named_by_its_shape() {
        // The header's names here are placeholders: what is recognised is the rows.
        let text = "t_a,t_b,t_c,t_d,t_e,t_f,t_g,t_h,t_i,t_j,t_k,t_l,t_m,t_n\n\
Legs,\"5 мая 2024, 07:01\",\"5 мая 2024, 08:00\",,Squat,,,0,normal,100,5,,,\n\
Legs,\"5 мая 2024, 07:01\",\"5 мая 2024, 08:00\",,Squat,,,1,normal,100,5,,,\n";
        let h = header(text);
        assert_eq!(Hevy.detect(&h), Detection::No);
        let message = Hevy.unread_variant(&h).expect("recognised by its shape");
        assert!(
            message.starts_with(
                "this looks like a Hevy export in a language concur does not read yet"
            ),
            "{message}"
        );
        assert!(
            message.contains("'5 мая 2024, 07:01' in 't_b', 't_c'"),
            "{message}"
        );
        // Other files are not taken for Hevy.
        for other in [
            "start,end,type,title\n2024-03-05 07:01,2024-03-05 08:00,run,Easy\n",
            "a_b,c_d\n\"5 Mar 2024, 07:01\",x\n",
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n2024-05-06 17:30:00,Legs,1h,Squat,1,100,5,0,0,,,\n",
        ] {
            assert_eq!(Hevy.unread_variant(&header(other)), None, "{other}");
        }
    }

    #[test]
    fn bad_dates_do_not_read() {
        for bad in [
            "5 Foo 2024, 07:01",
            "32 Mar 2024, 07:01",
            "5 Mar 2024",
            "5 Mar, 07:01",
            "05/03/2024 07:01",
            "5 Mar 2024, 25:01",
            "5 Mar 2024, 13:01 PM",
            "5 5 Mar 2024, 07:01",
            "",
        ] {
            assert_eq!(parse_hevy_time(bad), None, "{bad:?}");
        }
        // ISO forms still read, through the shared parser.
        assert!(matches!(
            parse_time("2024-03-05 07:01"),
            Some(Stamp::Local(_))
        ));
        assert!(parse_time("5 Mar 2024").is_none());
    }

    const KG_HEADER: &str = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n";
    const LBS_HEADER: &str = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n";

    #[test]
    fn detects_both_unit_variants() {
        for text in [KG_HEADER, LBS_HEADER] {
            let h = header(text);
            assert!(matches!(Hevy.detect(&h), Detection::Match(_)), "{text}");
        }
    }

    #[test]
    fn a_cut_header_is_a_near_miss_naming_the_column() {
        let text = KG_HEADER.replace("\"exercise_title\"", "\"exercise\"");
        assert_eq!(
            Hevy.detect(&header(&text)),
            Detection::Near {
                missing: vec!["exercise_title"]
            }
        );
    }

    #[test]
    fn other_headers_are_not_hevy() {
        for text in [
            "start,end,duration,type,title,rpe\n",
            "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n",
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
        ] {
            assert_eq!(Hevy.detect(&header(text)), Detection::No, "{text}");
        }
    }

    #[test]
    fn sets_group_into_workouts_with_units_converted() {
        let text = format!(
            "{LBS_HEADER}\
Upper,\"18 Jun 2025, 22:43\",\"19 Jun 2025, 00:48\",late one,Bench Press (Barbell),,,0,warmup,95,10,,,\n\
Upper,\"18 Jun 2025, 22:43\",\"19 Jun 2025, 00:48\",late one,Bench Press (Barbell),,,1,normal,135,8,,,8.5\n\
Upper,\"18 Jun 2025, 22:43\",\"19 Jun 2025, 00:48\",late one,Treadmill,,,0,normal,,,1.5,900,\n\
Legs,\"19 Jun 2025, 18:00\",\"19 Jun 2025, 19:00\",,Squat (Barbell),,,0,failure,225,5,,,\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.workouts.len(), 2);
        assert_eq!(sink.skipped, 0);
        let w = &sink.workouts[0];
        assert_eq!(w.title, "Upper");
        assert_eq!(w.notes, "late one");
        assert_eq!(w.start, Stamp::Local(at(2025, 6, 18, 22, 43)));
        assert_eq!(w.end, Some(Stamp::Local(at(2025, 6, 19, 0, 48))));
        assert_eq!(w.origin.line, 2);
        let names: Vec<&str> = w.exercises.iter().map(|e| &*e.name).collect();
        assert_eq!(names, ["Bench Press (Barbell)", "Treadmill"]);
        let bench = &w.exercises[0].sets;
        assert_eq!((bench.count, bench.warmups), (2, 1));
        // The heaviest set, 135 lbs.
        assert!((bench.weight().unwrap() - 61.235).abs() < 0.01);
        assert_eq!(bench.reps(), Some(18.0));
        assert_eq!((bench.rpe_sum, bench.rpe_count), (8.5, 1));
        let run = &w.exercises[1].sets;
        assert!((run.distance_km().unwrap() - 2.414).abs() < 0.001);
        assert_eq!(run.seconds(), Some(900.0));
        assert_eq!(run.weight(), None);
        assert_eq!(
            sink.workouts[1].exercises[0].sets.working(),
            1,
            "failure is a working set"
        );
    }

    #[test]
    fn kilograms_and_portuguese_months() {
        let text = format!(
            "{KG_HEADER}\
\"Upper B\",\"5 Mai 2026, 07:34\",\"5 Mai 2026, 08:44\",\"\",\"Supino Reto (Barra)\",,\"\",0,\"normal\",42.5,8,,,\n\
\"Cardio\",\"19 Out 2023, 20:31\",\"19 Out 2023, 20:38\",\"\",\"Bicicleta\",,\"\",0,\"normal\",,,2.1,407,\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.workouts.len(), 2);
        assert_eq!(sink.workouts[0].start, Stamp::Local(at(2026, 5, 5, 7, 34)));
        assert_eq!(sink.workouts[0].exercises[0].sets.weight(), Some(42.5));
        assert_eq!(
            sink.workouts[1].start,
            Stamp::Local(at(2023, 10, 19, 20, 31))
        );
        let bike = &sink.workouts[1].exercises[0].sets;
        assert_eq!(
            (bike.distance_km(), bike.seconds()),
            (Some(2.1), Some(407.0))
        );
    }

    #[test]
    fn a_bad_date_names_line_column_and_form() {
        let text = format!(
            "{KG_HEADER}Legs,\"5 Mar 2024, 07:01\",\"5 Mar 2024, 08:00\",,Squat,,,0,normal,100,5,,,\n\
Legs,\"5 Mrs 2024, 09:01\",\"5 Mar 2024, 10:00\",,Squat,,,0,normal,100,5,,,\n"
        );
        let err = read_err(&text);
        assert!(err.contains("workout_data.csv:3"), "{err}");
        assert!(err.contains("column 2 (start_time)"), "{err}");
        assert!(err.contains("5 Mar 2024, 07:01"), "{err}");
        assert!(err.contains("\"5 Mrs 2024, 09:01\""), "{err}");
    }

    #[test]
    fn a_bad_number_is_an_error() {
        let text = format!(
            "{KG_HEADER}Legs,\"5 Mar 2024, 07:01\",\"5 Mar 2024, 08:00\",,Squat,,,0,normal,heavy,5,,,\n"
        );
        let err = read_err(&text);
        assert!(
            err.contains("column 10 (weight_kg): expected a number"),
            "{err}"
        );
    }

    #[test]
    fn rows_without_start_or_exercise_are_skipped() {
        let text = format!(
            "{KG_HEADER}Legs,,\"5 Mar 2024, 08:00\",,Squat,,,0,normal,100,5,,,\n\
Legs,\"5 Mar 2024, 07:01\",\"5 Mar 2024, 08:00\",,,,,0,normal,100,5,,,\n\
Legs,\"5 Mar 2024, 07:01\",\"5 Mar 2024, 08:00\",,Squat,,,0,normal,100,5,,,\n"
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.skipped, 2);
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.workouts[0].origin.line, 4);
    }

    #[test]
    fn semicolons_with_decimal_commas() {
        let text = "title;start_time;end_time;description;exercise_title;superset_id;exercise_notes;set_index;set_type;weight_kg;reps;distance_km;duration_seconds;rpe\n\
Legs;5 Mar 2024, 07:01;5 Mar 2024, 08:00;;Squat;;;0;normal;102,5;5;;;7,5\n";
        let sink = read(text).unwrap();
        let set = &sink.workouts[0].exercises[0].sets;
        assert_eq!((set.weight(), set.rpe_sum), (Some(102.5), 7.5));
    }
}
