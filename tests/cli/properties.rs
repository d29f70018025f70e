//! Properties of the whole pipeline, on generated logs in concur's generic CSV format, through
//! the library (`concur::analyze`):
//!
//! - every row becomes exactly one session, and every session lands in exactly one day, the one
//!   its start falls on;
//! - the pairs are exactly the strength/cardio neighbours, recomputed here from the rows;
//! - each pair gets exactly one verdict, and the counts and scores agree with the verdicts;
//! - the score is in 0..=100, or null exactly when there are no pairs;
//! - shuffling the rows, or splitting the log into two files, changes nothing in the report
//!   but where each thing was read (`files`, `file`, `line`) and the order of the warnings,
//!   which follow the order rows were read in;
//! - the same input always gives byte-identical JSON;
//! - a JSON log on one line gives the same report as the same log pretty-printed;
//! - a log whose every row is written twice gives the same sessions, days and weeks, with each
//!   repeated row counted as a merged duplicate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

use concur::{Goal, Options, Settings};

const HEADER: &str = "start,end,duration,type,title,modality,rpe,avg_hr,max_hr,distance_km,notes";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Strength,
    Cardio,
    Other,
}

impl Kind {
    fn modality(self) -> &'static str {
        match self {
            Kind::Strength => "strength",
            Kind::Cardio => "cardio",
            Kind::Other => "other",
        }
    }
}

/// One generated row of a session log.
#[derive(Clone, Debug)]
struct Row {
    kind: Kind,
    /// `None`: a date-only row (no time of day).
    start: Option<NaiveDateTime>,
    date: NaiveDate,
    minutes: i64,
    /// How the length is written: `45`, `0:45`, `45 min`, or as an end time.
    length_form: u8,
    title: String,
    rpe: Option<u8>,
    avg_hr: Option<u16>,
    notes: &'static str,
}

impl Row {
    fn end(&self) -> Option<NaiveDateTime> {
        self.start.map(|s| s + Duration::minutes(self.minutes))
    }

    fn csv(&self) -> String {
        let fmt = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
        let start = self.start.map_or(self.date.to_string(), fmt);
        let (end, duration) = match (self.length_form, self.end()) {
            (0, Some(end)) => (fmt(end), String::new()),
            (1, _) => (
                String::new(),
                format!("{}:{:02}", self.minutes / 60, self.minutes % 60),
            ),
            (2, _) => (String::new(), format!("{} min", self.minutes)),
            _ => (String::new(), self.minutes.to_string()),
        };
        let activity = match self.kind {
            Kind::Strength => "Strength Training",
            Kind::Cardio => "Run",
            Kind::Other => "Yoga",
        };
        let opt = |v: Option<String>| v.unwrap_or_default();
        format!(
            "{start},{end},{duration},{activity},{},{},{},{},{},,{}",
            self.title,
            self.kind.modality(),
            opt(self.rpe.map(|r| r.to_string())),
            opt(self.avg_hr.map(|h| h.to_string())),
            // One row carries a max HR, so heart rates can decide intensity.
            if self.avg_hr.is_some() { "190" } else { "" },
            self.notes,
        )
    }
}

impl Row {
    /// The row as a session object of concur's JSON log.
    fn json(&self) -> Value {
        let fmt = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
        let mut object = serde_json::json!({
            "start": self.start.map_or(self.date.to_string(), fmt),
            "type": match self.kind {
                Kind::Strength => "Strength Training",
                Kind::Cardio => "Run",
                Kind::Other => "Yoga",
            },
            "title": self.title,
            "modality": self.kind.modality(),
            "notes": self.notes,
        });
        let fields = object.as_object_mut().unwrap();
        match (self.length_form, self.end()) {
            (0, Some(end)) => fields.insert("end".into(), fmt(end).into()),
            (1, _) => fields.insert("duration".into(), format!("{} min", self.minutes).into()),
            _ => fields.insert("duration".into(), self.minutes.into()),
        };
        if let Some(rpe) = self.rpe {
            fields.insert("rpe".into(), rpe.into());
        }
        if let Some(hr) = self.avg_hr {
            fields.insert("avg_hr".into(), hr.into());
            fields.insert("max_hr".into(), 190.into());
        }
        object
    }
}

fn write_json(dir: &Path, name: &str, rows: &[Row], pretty: bool) -> PathBuf {
    let list = Value::from(rows.iter().map(Row::json).collect::<Vec<_>>());
    let text = if pretty {
        serde_json::to_string_pretty(&list).unwrap()
    } else {
        serde_json::to_string(&list).unwrap()
    };
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn first_day() -> NaiveDate {
    // Two weeks either side of the spring DST change in Europe/Berlin (2024-03-31).
    NaiveDate::from_ymd_opt(2024, 3, 25).unwrap()
}

/// Rows over `days` days, with starts on a grid of `step` minutes (a coarse grid makes sessions
/// that start together).
fn rows(days: i64, step: i64, max: usize) -> impl Strategy<Value = Vec<Row>> {
    let row = (
        prop_oneof![
            3 => Just(Kind::Strength),
            3 => Just(Kind::Cardio),
            1 => Just(Kind::Other),
        ],
        0..days,
        prop_oneof![9 => (0..(24 * 60 / step)).prop_map(Some), 1 => Just(None)],
        1i64..200,
        0u8..4,
        prop::option::of(1u8..=10),
        prop::option::of(90u16..190),
        prop::sample::select(vec!["", "easy", "intervals", "legs heavy", "tempo"]),
        any::<bool>(),
    );
    prop::collection::vec(row, 1..max).prop_map(move |raw| {
        raw.into_iter()
            .enumerate()
            .map(
                |(i, (kind, day, slot, minutes, length_form, rpe, avg_hr, notes, legs))| {
                    let date = first_day() + Duration::days(day);
                    let start =
                        slot.map(|s| date.and_time(NaiveTime::MIN) + Duration::minutes(s * step));
                    let name = match (kind, legs) {
                        (Kind::Strength, true) => "Leg day",
                        (Kind::Strength, false) => "Upper body",
                        (Kind::Cardio, true) => "Hill run",
                        (Kind::Cardio, false) => "Run",
                        (Kind::Other, _) => "Flow",
                    };
                    Row {
                        kind,
                        start,
                        date,
                        minutes,
                        length_form,
                        // Unique, so that each session can be traced to its row.
                        title: format!("{name} {i}"),
                        rpe,
                        avg_hr,
                        notes,
                    }
                },
            )
            .collect()
    })
}

/// Leaves out rows whose start another row already has: with distinct starts, "neighbours" has
/// one meaning and can be recomputed without knowing concur's order for ties.
fn distinct_starts(rows: Vec<Row>) -> Vec<Row> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .filter(|r| r.start.is_none() || seen.insert(r.start))
        .collect()
}

/// Leaves out rows that overlap a kept row: of the same kind with an hour to spare for a DST
/// jump (concur merges such overlaps across files as one activity recorded twice: README,
/// "Duplicates"), or of the other kind. Splitting a log in two legitimately changes a report
/// that has them.
fn no_overlaps(rows: Vec<Row>) -> Vec<Row> {
    let mut kept: Vec<Row> = Vec::new();
    for row in rows {
        // Strength and cardio that overlap in two files are one of them logged in the wrong
        // zone (the report says so), which splitting a log must not seem to be: none either.
        let clash = |k: &Row| match (row.start, row.end(), k.start, k.end()) {
            (Some(s), Some(e), Some(ks), Some(ke)) if k.kind == row.kind => {
                s < ke + Duration::minutes(60) && ks < e + Duration::minutes(60)
            }
            (Some(s), Some(e), Some(ks), Some(ke)) => s < ke && ks < e,
            _ => false,
        };
        if !kept.iter().any(clash) {
            kept.push(row);
        }
    }
    kept
}

fn write_log(dir: &Path, name: &str, rows: &[Row]) -> PathBuf {
    let mut text = String::from(HEADER);
    text.push('\n');
    for row in rows {
        text.push_str(&row.csv());
        text.push('\n');
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn goal() -> impl Strategy<Value = Goal> {
    prop::sample::select(Goal::ALL.to_vec())
}

fn options(files: Vec<PathBuf>, goal: Goal, tz: &str, day_start: u32) -> Options {
    let mut settings = Settings::new(tz.parse().unwrap());
    settings.day_start = NaiveTime::from_hms_opt(day_start, 0, 0).unwrap();
    Options::new(files, goal, settings)
}

/// The JSON report of a run, as text.
fn json(options: &Options) -> Result<String, TestCaseError> {
    let report = concur::analyze(options)
        .map_err(|e| TestCaseError::fail(format!("analyze failed: {e}")))?;
    let text = concur::report::render_json(&report);
    // The report is written field by field (and its long lists on two threads); it must read
    // exactly as serde_json writes the whole struct.
    let whole = serde_json::to_string_pretty(&report).unwrap() + "\n";
    prop_assert_eq!(&text, &whole);
    Ok(text)
}

/// The report without where things were read: `files`, and `file` and `line` of sessions and
/// warnings; warnings sorted, since they are listed in the order rows were read.
fn without_origins(text: &str) -> Value {
    let mut report: Value = serde_json::from_str(text).unwrap();
    let object = report.as_object_mut().unwrap();
    object.remove("files");
    for key in ["sessions", "warnings"] {
        for item in object[key].as_array_mut().unwrap() {
            let item = item.as_object_mut().unwrap();
            item.remove("file");
            item.remove("line");
        }
    }
    let warnings = object["warnings"].as_array_mut().unwrap();
    warnings.sort_by_key(|w| w.to_string());
    report
}

fn as_date(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

/// The pairs a report must have, by title: neighbours in start order among the rows with a time
/// of day and a strength or cardio kind, of different kinds, on the same day or on consecutive
/// days less than the separation (6 h) apart. Days start at midnight, in UTC.
fn expected_pairs(rows: &[Row]) -> Vec<(String, String, NaiveDate)> {
    let mut timed: Vec<&Row> = rows
        .iter()
        .filter(|r| r.start.is_some() && r.kind != Kind::Other)
        .collect();
    timed.sort_by_key(|r| r.start);
    timed
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (w[0], w[1]);
            let (a_start, b_start) = (a.start.unwrap(), b.start.unwrap());
            let gap = (b_start - a.end().unwrap()).num_minutes().max(0);
            let (a_day, b_day) = (a_start.date(), b_start.date());
            let paired = a.kind != b.kind
                && (a_day == b_day || (a_day.succ_opt() == Some(b_day) && gap < 6 * 60));
            paired.then(|| (a.title.clone(), b.title.clone(), a_day))
        })
        .collect()
}

fn check_report(rows: &[Row], report: &Value) -> Result<(), TestCaseError> {
    let sessions = report["sessions"].as_array().unwrap();
    let days = report["days"].as_array().unwrap();

    // Every row is exactly one session, on the day its start falls on.
    prop_assert_eq!(sessions.len(), rows.len(), "one session per row");
    let by_title: BTreeMap<&str, &Value> = sessions
        .iter()
        .map(|s| (s["title"].as_str().unwrap(), s))
        .collect();
    prop_assert_eq!(by_title.len(), rows.len(), "each row once");
    for row in rows {
        let session = by_title.get(row.title.as_str());
        prop_assert!(session.is_some(), "{} is in the report", row.title);
        let session = session.unwrap();
        prop_assert_eq!(session["modality"].as_str(), Some(row.kind.modality()));
        prop_assert_eq!(as_date(&session["date"]), row.date, "{}", row.title);
        prop_assert_eq!(session["time_known"].as_bool(), Some(row.start.is_some()));
    }
    // Each session in exactly one day: days are distinct and sorted, and each has sessions.
    let dates: Vec<NaiveDate> = days.iter().map(|d| as_date(&d["date"])).collect();
    prop_assert!(
        dates.windows(2).all(|w| w[0] < w[1]),
        "days sorted, once each"
    );
    let mut session_dates: Vec<NaiveDate> = sessions.iter().map(|s| as_date(&s["date"])).collect();
    session_dates.dedup();
    prop_assert_eq!(&session_dates, &dates, "the days are the sessions' days");

    // The pairs are exactly the neighbours.
    let title = |i: &Value| {
        sessions[i.as_u64().unwrap() as usize]["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut found = Vec::new();
    for day in days {
        for pair in day["pairs"].as_array().unwrap() {
            found.push((
                title(&pair["first_session"]),
                title(&pair["second_session"]),
                as_date(&day["date"]),
            ));
        }
    }
    prop_assert_eq!(found, expected_pairs(rows));

    check_verdicts_and_scores(report)
}

/// Each pair has one verdict and one rule; days, weeks and the summary count exactly those
/// verdicts; scores are in 0..=100 and null exactly where there is no pair.
fn check_verdicts_and_scores(report: &Value) -> Result<(), TestCaseError> {
    let score_of = |verdicts: &[&str]| -> Option<f64> {
        if verdicts.is_empty() {
            return None;
        }
        let points: f64 = verdicts
            .iter()
            .map(|v| match *v {
                "aligned" => 1.0,
                "caution" => 0.5,
                _ => 0.0,
            })
            .sum();
        Some((1000.0 * points / verdicts.len() as f64).round() / 10.0)
    };
    let check_score = |score: &Value, verdicts: &[&str], what: &str| {
        match score_of(verdicts) {
            None => prop_assert!(score.is_null(), "{what}: no pairs, no score: {score}"),
            Some(expected) => {
                let s = score.as_f64();
                prop_assert!(s.is_some(), "{what}: a score");
                let s = s.unwrap();
                prop_assert!((0.0..=100.0).contains(&s), "{what}: {s} in 0..=100");
                prop_assert_eq!(s, expected, "{}", what);
            }
        }
        Ok(())
    };
    let mut all: Vec<&str> = Vec::new();
    let mut by_week: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for day in report["days"].as_array().unwrap() {
        let mut verdicts = Vec::new();
        for pair in day["pairs"].as_array().unwrap() {
            let verdict = pair["verdict"].as_str().unwrap_or("");
            prop_assert!(
                ["aligned", "caution", "conflict"].contains(&verdict),
                "one verdict per pair: {}",
                pair
            );
            prop_assert!(!pair["rule"].as_str().unwrap_or("").is_empty(), "a rule");
            verdicts.push(verdict);
        }
        let worst = ["conflict", "caution", "aligned"]
            .into_iter()
            .find(|v| verdicts.contains(v))
            .unwrap_or("none");
        prop_assert_eq!(day["verdict"].as_str(), Some(worst), "the day's verdict");
        let date = as_date(&day["date"]);
        let week = date.format("%G-W%V").to_string();
        by_week.entry(week).or_default().extend(&verdicts);
        all.extend(verdicts);
    }
    let summary = &report["summary"];
    let count = |v: &str| all.iter().filter(|x| **x == v).count();
    prop_assert_eq!(summary["pairs"].as_u64(), Some(all.len() as u64));
    for v in ["aligned", "caution", "conflict"] {
        prop_assert_eq!(summary[v].as_u64(), Some(count(v) as u64), "{}", v);
    }
    check_score(&summary["score"], &all, "summary")?;
    for week in report["weeks"].as_array().unwrap() {
        let name = week["week"].as_str().unwrap();
        let verdicts = by_week.remove(name).unwrap_or_default();
        let n = ["aligned", "caution", "conflict"]
            .iter()
            .map(|v| week[*v].as_u64().unwrap())
            .sum::<u64>();
        prop_assert_eq!(n, verdicts.len() as u64, "{}: its pairs", name);
        check_score(&week["score"], &verdicts, name)?;
    }
    prop_assert!(
        by_week.is_empty(),
        "every pair's week is listed: {:?}",
        by_week
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn sessions_days_pairs_verdicts_and_scores_hold(rows in rows(14, 5, 40), goal in goal()) {
        let rows = distinct_starts(rows);
        let dir = tempfile::tempdir().unwrap();
        let log = write_log(dir.path(), "log.csv", &rows);
        let text = json(&options(vec![log], goal, "UTC", 0))?;
        let report: Value = serde_json::from_str(&text).unwrap();
        check_report(&rows, &report)?;
    }

    #[test]
    fn the_same_input_gives_the_same_bytes(
        rows in rows(14, 30, 30),
        goal in goal(),
        day_start in prop::sample::select(vec![0u32, 4]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let log = write_log(dir.path(), "log.csv", &rows);
        let options = options(vec![log], goal, "Europe/Berlin", day_start);
        let first = json(&options)?;
        prop_assert_eq!(json(&options)?, first);
    }

    #[test]
    fn shuffled_rows_give_the_same_report(
        (rows, shuffled) in rows(10, 60, 30).prop_flat_map(|rows| {
            let shuffled = Just(rows.clone()).prop_shuffle();
            (Just(rows), shuffled)
        }),
        goal in goal(),
        day_start in prop::sample::select(vec![0u32, 4]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let a = write_log(dir.path(), "a.csv", &rows);
        let b = write_log(dir.path(), "b.csv", &shuffled);
        let one = json(&options(vec![a], goal, "Europe/Berlin", day_start))?;
        let other = json(&options(vec![b], goal, "Europe/Berlin", day_start))?;
        prop_assert_eq!(without_origins(&one), without_origins(&other));
    }

    #[test]
    fn a_log_split_into_two_files_gives_the_same_report(
        (rows, sides) in rows(10, 60, 30)
            .prop_map(no_overlaps)
            .prop_flat_map(|rows| {
                let n = rows.len();
                (Just(rows), prop::collection::vec(any::<bool>(), n))
            }),
        goal in goal(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let whole = write_log(dir.path(), "whole.csv", &rows);
        let part = |wanted: bool| -> Vec<Row> {
            rows.iter()
                .zip(&sides)
                .filter(|(_, side)| **side == wanted)
                .map(|(r, _)| r.clone())
                .collect()
        };
        let left = write_log(dir.path(), "left.csv", &part(true));
        let right = write_log(dir.path(), "right.csv", &part(false));
        let one = json(&options(vec![whole], goal, "Europe/Berlin", 0))?;
        let two = json(&options(vec![left, right], goal, "Europe/Berlin", 0))?;
        let (one, two) = (without_origins(&one), without_origins(&two));
        prop_assert_eq!(&one["summary"]["merged_duplicates"], &Value::from(0));
        prop_assert_eq!(one, two);
    }

    #[test]
    fn one_line_and_pretty_json_give_the_same_report(
        rows in rows(10, 30, 30),
        goal in goal(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let line = write_json(dir.path(), "line.json", &rows, false);
        let pretty = write_json(dir.path(), "pretty.json", &rows, true);
        let one = json(&options(vec![line], goal, "Europe/Berlin", 0))?;
        let other = json(&options(vec![pretty], goal, "Europe/Berlin", 0))?;
        let (one, other) = (without_origins(&one), without_origins(&other));
        prop_assert_eq!(&one["summary"]["sessions"], &Value::from(rows.len()));
        prop_assert_eq!(one, other);
    }

    #[test]
    fn every_row_written_twice_gives_the_same_sessions(
        rows in rows(10, 30, 30),
        goal in goal(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let once = write_log(dir.path(), "once.csv", &rows);
        let doubled: Vec<Row> = rows.iter().chain(&rows).cloned().collect();
        let twice = write_log(dir.path(), "twice.csv", &doubled);
        let one = without_origins(&json(&options(vec![once], goal, "Europe/Berlin", 0))?);
        let mut two = without_origins(&json(&options(vec![twice], goal, "Europe/Berlin", 0))?);
        prop_assert_eq!(&two["summary"]["merged_duplicates"], &Value::from(rows.len()));
        two["summary"]["merged_duplicates"] = Value::from(0);
        for key in ["sessions", "days", "weeks", "summary"] {
            prop_assert_eq!(&one[key], &two[key], "{}", key);
        }
    }
}
