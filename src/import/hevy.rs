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
//!   `Ago`, `Set`, `Out`, `Dez`, ...). [`MONTHS`] holds the names of English, Portuguese,
//!   Spanish, German, French, Italian and Dutch. A workout may end on the next day.
//! - `set_type` is `normal`, `warmup`, `failure` or `dropset`; warm-up sets are marked.
//! - Cardio exercises (`Treadmill`, `Running`, `Bicicleta`) log `distance_km` and
//!   `duration_seconds` on their set instead of weight and reps.
//!
//! Rows with the same `start_time` and `title` are one workout, with its exercises in logged
//! order; its length is `end_time - start_time`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::csv_rows::{Col, Columns, KG_PER_LB, KM_PER_MILE, SetLog, for_each_row};
use super::values::parse_stamp;
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns, same_column};
use crate::error::Result;
use crate::model::{Set, Stamp, Workout};

const TITLE: &[&str] = &["title"];
const START: &[&str] = &["start_time"];
const END: &[&str] = &["end_time"];
const DESCRIPTION: &[&str] = &["description"];
const EXERCISE: &[&str] = &["exercise_title"];
const SET_INDEX: &[&str] = &["set_index"];
const SET_TYPE: &[&str] = &["set_type"];
const WEIGHT: &[&str] = &["weight_kg", "weight_lbs"];
const REPS: &[&str] = &["reps"];
const DISTANCE: &[&str] = &["distance_km", "distance_miles"];
const DURATION: &[&str] = &["duration_seconds"];
const RPE: &[&str] = &["rpe"];

/// The columns detection asks for: what every Hevy export has, in either unit system.
const REQUIRED: &[&[&str]] = &[
    TITLE, START, END, EXERCISE, SET_INDEX, SET_TYPE, WEIGHT, REPS, DISTANCE, DURATION,
];

pub const HEVY_DATE_EXPECTED: &str = "a Hevy date-time like 5 Mar 2024, 07:01 (month names in English, Portuguese, Spanish, German, French or Italian)";

/// Month names as Hevy's languages abbreviate (and write) them, lower case, accents removed
/// (see [`fold`]), without a final dot. No name means two different months.
pub const MONTHS: [&[&str]; 12] = [
    &[
        "jan", "january", "janeiro", "ene", "enero", "januar", "janner", "janv", "janvier", "gen",
        "gennaio", "januari",
    ],
    &[
        "feb",
        "february",
        "fev",
        "fevereiro",
        "febrero",
        "februar",
        "fevr",
        "fevrier",
        "febbraio",
        "februari",
    ],
    &[
        "mar", "march", "marco", "marzo", "marz", "mrz", "mars", "maart", "mrt",
    ],
    &["apr", "april", "abr", "abril", "avr", "avril", "aprile"],
    &["may", "mai", "maio", "mayo", "mag", "maggio", "mei"],
    &[
        "jun", "june", "junho", "junio", "juni", "juin", "giu", "giugno",
    ],
    &[
        "jul", "july", "julho", "julio", "juli", "juil", "juillet", "lug", "luglio",
    ],
    &["aug", "august", "ago", "agosto", "aout", "augustus"],
    &[
        "sep",
        "sept",
        "september",
        "set",
        "setembro",
        "septiembre",
        "septembre",
        "settembre",
    ],
    &[
        "oct", "october", "out", "outubro", "octubre", "okt", "oktober", "octobre", "ott",
        "ottobre",
    ],
    &["nov", "november", "novembro", "noviembre", "novembre"],
    &[
        "dec",
        "december",
        "dez",
        "dezembro",
        "dic",
        "diciembre",
        "dezember",
        "decembre",
        "dicembre",
    ],
];

/// Lower case, accents off the letters month names carry (`Mär`, `févr.`, `août`, `déc.`,
/// `março`, `Jän`), final dot off.
fn fold(word: &str) -> String {
    word.trim_end_matches('.')
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// The month (1 to 12) a name stands for, in any of the languages of [`MONTHS`].
pub fn month_number(word: &str) -> Option<u32> {
    let key = fold(word);
    MONTHS
        .iter()
        .position(|names| names.contains(&key.as_str()))
        .map(|i| i as u32 + 1)
}

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
        detect_columns(head, REQUIRED)
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
                None => match row.parse(c.start, HEVY_DATE_EXPECTED, parse_time)? {
                    Some(start) => Some(start),
                    None => return sink.skip(origin, "no start_time"),
                },
            };
            let name = row.text(c.exercise);
            if name.is_empty() {
                return sink.skip(origin, "no exercise_title");
            }
            let set = Set {
                warmup: same_column(row.text(c.set_type), "warmup"),
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
                w.end = row.parse(c.end, HEVY_DATE_EXPECTED, parse_time)?;
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
        Cols {
            title: c.find(TITLE),
            start: c.find(START),
            end: c.find(END),
            description: c.find(DESCRIPTION),
            exercise: c.find(EXERCISE),
            set_type: c.find(SET_TYPE),
            weight_kg: c.find(&["weight_kg"]),
            weight_lbs: c.find(&["weight_lbs"]),
            reps: c.find(REPS),
            distance_km: c.find(&["distance_km"]),
            distance_mi: c.find(&["distance_miles"]),
            seconds: c.find(DURATION),
            rpe: c.find(RPE),
        }
    }
}

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
    fn no_month_name_stands_for_two_months() {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, names) in MONTHS.iter().enumerate() {
            for name in *names {
                assert_eq!(fold(name), *name, "{name} is stored folded");
                if let Some(j) = seen.insert(name, i) {
                    assert_eq!(i, j, "{name} is listed for two months");
                }
            }
        }
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
            ("5 Mai 2026, 07:34", 5),   // Portuguese, German
            ("19 Out 2023, 20:31", 10), // Portuguese
            ("1 Set 2023, 21:00", 9),   // Portuguese, Italian
            ("8 Ago 2023, 10:30", 8),   // Portuguese, Spanish, Italian
            ("12 Dez 2023, 10:30", 12), // Portuguese, German
            ("3 Fev 2024, 10:30", 2),   // Portuguese
            ("3 Abr 2024, 10:30", 4),   // Portuguese, Spanish
            ("3 ene 2024, 10:30", 1),   // Spanish
            ("3 dic. 2024, 10:30", 12), // Spanish, Italian
            ("3. März 2024, 10:30", 3), // German
            ("3 Mrz 2024, 10:30", 3),   // German (short)
            ("3 Okt 2024, 10:30", 10),  // German
            ("3 févr. 2024, 10:30", 2), // French
            ("3 août 2024, 10:30", 8),  // French
            ("3 juil. 2024, 10:30", 7), // French
            ("3 déc. 2024, 10:30", 12), // French
            ("3 giu 2024, 10:30", 6),   // Italian
            ("3 lug 2024, 10:30", 7),   // Italian
            ("3 mag 2024, 10:30", 5),   // Italian
            ("3 ott 2024, 10:30", 10),  // Italian
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
