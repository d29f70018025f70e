//! The JSON report contract of docs/json-report.md, checked field by field on any report, and with
//! every count and score recomputed from the report's own sessions and pairs.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset};
use chrono_tz::Tz;
use serde_json::Value;

pub const PAIR_RULES: [&str; 13] = [
    "S1", "L1", "W1", "W2", "W3", "W4", "E1", "E2", "E3", "E4", "H1", "H2", "G1",
];
pub const WEEK_RULES: [&str; 3] = ["B1", "B2", "B3"];

const MODALITIES: [&str; 3] = ["strength", "cardio", "other"];
const INTENSITIES: [&str; 4] = ["easy", "moderate", "hard", "unknown"];
const ORDERS: [&str; 6] = [
    "strength_only",
    "cardio_only",
    "other_only",
    "strength_first",
    "cardio_first",
    "unknown",
];
const VERDICTS: [&str; 3] = ["aligned", "caution", "conflict"];
const GAP_CLASSES: [&str; 3] = ["back-to-back", "short", "separated"];

fn s<'a>(v: &'a Value, key: &str, what: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{what}.{key} should be a string, got {}", v[key]))
}

fn b(v: &Value, key: &str, what: &str) -> bool {
    v[key]
        .as_bool()
        .unwrap_or_else(|| panic!("{what}.{key} should be a boolean, got {}", v[key]))
}

fn u(v: &Value, key: &str, what: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{what}.{key} should be a whole number >= 0, got {}", v[key]))
}

fn date(text: &str, what: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .unwrap_or_else(|_| panic!("{what} should be YYYY-MM-DD, got {text:?}"))
}

fn rfc3339(text: &str, what: &str) -> DateTime<FixedOffset> {
    // RFC 3339 *with a numeric offset* (`+01:00`): chrono would also accept `Z`.
    let offset = text.get(text.len().saturating_sub(6)..).unwrap_or("");
    let ob = offset.as_bytes();
    assert!(
        ob.len() == 6
            && matches!(ob[0], b'+' | b'-')
            && ob[1..3].iter().all(u8::is_ascii_digit)
            && ob[3] == b':'
            && ob[4..6].iter().all(u8::is_ascii_digit),
        "{what} should end in a numeric offset like +01:00, got {text:?}"
    );
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{what} should be RFC 3339 ({e}), got {text:?}"))
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// 100 x the mean of the points, to one decimal; `None` without pairs (docs/rules.md, "Score").
pub fn expected_score(verdicts: &[&str]) -> Option<f64> {
    if verdicts.is_empty() {
        return None;
    }
    let points: f64 = verdicts
        .iter()
        .map(|v| match *v {
            "aligned" => 1.0,
            "caution" => 0.5,
            "conflict" => 0.0,
            other => panic!("unknown verdict {other}"),
        })
        .sum();
    Some((1000.0 * points / verdicts.len() as f64).round() / 10.0)
}

fn assert_score(actual: &Value, verdicts: &[&str], what: &str) {
    match expected_score(verdicts) {
        None => assert!(
            actual.is_null(),
            "{what}: a period without pairs has score null, got {actual}"
        ),
        Some(want) => {
            let got = actual
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: score should be a number, got {actual}"));
            assert!(
                (got - want).abs() < 1e-9,
                "{what}: score {got}, expected 100 x mean of {verdicts:?} = {want}"
            );
            assert!((0.0..=100.0).contains(&got), "{what}: score out of 0..100");
        }
    }
}

fn rank(verdict: &str) -> u8 {
    match verdict {
        "aligned" => 1,
        "caution" => 2,
        "conflict" => 3,
        other => panic!("unknown verdict {other}"),
    }
}

/// Checks a report against docs/json-report.md. `tz` is the zone passed with `--tz`; the day start
/// is 00:00 unless `day_start_hours` says otherwise.
pub fn assert_contract(report: &Value, tz: &str, day_start_hours: u32) {
    let zone: Tz = tz.parse().expect("a valid zone");
    let top = report.as_object().expect("the report is a JSON object");
    for key in [
        "schema", "goal", "timezone", "range", "sessions", "days", "weeks", "summary", "warnings",
    ] {
        assert!(top.contains_key(key), "top-level key {key:?} is missing");
    }
    assert_eq!(report["schema"], 1, "schema is 1");
    assert!(
        super::GOALS.contains(&s(report, "goal", "report")),
        "goal is a CLI goal value"
    );
    assert_eq!(
        report["timezone"], tz,
        "timezone is the one passed with --tz"
    );

    // Sessions.
    let sessions = report["sessions"].as_array().expect("sessions is an array");
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut dates = Vec::new();
    for (i, se) in sessions.iter().enumerate() {
        let what = format!("sessions[{i}]");
        for key in [
            "start",
            "end",
            "date",
            "modality",
            "intensity",
            "minutes",
            "leg_day",
            "title",
            "source",
            "file",
            "line",
            "estimated_end",
            "time_known",
        ] {
            assert!(
                se.as_object().unwrap().contains_key(key),
                "{what} lacks {key:?}: {se}"
            );
        }
        let start = rfc3339(s(se, "start", &what), &format!("{what}.start"));
        let end = rfc3339(s(se, "end", &what), &format!("{what}.end"));
        // Times are local to the user's zone: the offset is the zone's offset at that instant.
        for (t, name) in [(start, "start"), (end, "end")] {
            let local_offset = t.with_timezone(&zone).offset().fix();
            assert_eq!(
                *t.offset(),
                local_offset,
                "{what}.{name} {t} is not in {tz}'s local offset"
            );
        }
        assert!(end >= start, "{what} ends before it starts");
        let d = date(s(se, "date", &what), &format!("{what}.date"));
        let time_known = b(se, "time_known", &what);
        if time_known {
            let shifted = start.with_timezone(&zone).naive_local()
                - chrono::Duration::hours(day_start_hours as i64);
            assert_eq!(
                shifted.date(),
                d,
                "{what}.date is the local date of its start (day start {day_start_hours}:00)"
            );
        }
        assert!(
            MODALITIES.contains(&s(se, "modality", &what)),
            "{what}.modality"
        );
        assert!(
            INTENSITIES.contains(&s(se, "intensity", &what)),
            "{what}.intensity"
        );
        let minutes = se["minutes"]
            .as_f64()
            .unwrap_or_else(|| panic!("{what}.minutes is a number"));
        let span = (end - start).num_seconds() as f64 / 60.0;
        assert!(
            (minutes - span).abs() <= 0.06,
            "{what}.minutes {minutes} is end - start ({span})"
        );
        let leg_day = b(se, "leg_day", &what);
        if leg_day {
            assert_eq!(
                se["modality"], "strength",
                "{what}: only strength is a leg day"
            );
        }
        s(se, "title", &what);
        assert!(!s(se, "source", &what).is_empty(), "{what}.source");
        assert!(!s(se, "file", &what).is_empty(), "{what}.file");
        assert!(u(se, "line", &what) >= 1, "{what}.line is 1-based");
        b(se, "estimated_end", &what);
        starts.push(start);
        ends.push(end);
        dates.push(d);
    }
    for i in 1..starts.len() {
        assert!(
            starts[i - 1] <= starts[i],
            "sessions are sorted by start: {} then {}",
            starts[i - 1],
            starts[i]
        );
    }

    // Range.
    let range = &report["range"];
    if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
        let from = date(s(range, "from", "range"), "range.from");
        let to = date(s(range, "to", "range"), "range.to");
        assert!(from <= *first && *last <= to, "range covers every session");
    }

    // Days and pairs.
    let days = report["days"].as_array().expect("days is an array");
    let day_dates: Vec<NaiveDate> = days
        .iter()
        .map(|d| date(s(d, "date", "day"), "day.date"))
        .collect();
    let session_dates: BTreeSet<NaiveDate> = dates.iter().copied().collect();
    assert_eq!(
        day_dates,
        session_dates.iter().copied().collect::<Vec<_>>(),
        "days list every date with a session, once, in date order"
    );
    // The sessions that can pair, in order: time known, strength or cardio.
    let sequence: Vec<usize> = (0..sessions.len())
        .filter(|&i| sessions[i]["time_known"] == true && sessions[i]["modality"] != "other")
        .collect();
    let mut all_verdicts: Vec<&str> = Vec::new();
    let mut verdicts_by_week: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut concurrent_by_week: BTreeMap<String, usize> = BTreeMap::new();
    for (day, d) in days.iter().zip(&day_dates) {
        let what = format!("day {d}");
        let order = s(day, "order", &what);
        assert!(ORDERS.contains(&order), "{what}.order {order}");
        // The order, recomputed from the day's own sessions.
        let on_day: Vec<&Value> = sessions
            .iter()
            .zip(&dates)
            .filter(|(se, sd)| *sd == d && se["modality"] != "other")
            .map(|(se, _)| se)
            .collect();
        let has = |m: &str| on_day.iter().any(|se| se["modality"] == m);
        let want_order = match (has("strength"), has("cardio")) {
            (false, false) => "other_only",
            (true, false) => "strength_only",
            (false, true) => "cardio_only",
            _ if on_day.iter().any(|se| se["time_known"] == false) => "unknown",
            _ if on_day[0]["modality"] == "strength" => "strength_first",
            _ => "cardio_first",
        };
        assert_eq!(order, want_order, "{what}.order");

        let pairs = day["pairs"].as_array().expect("pairs is an array");
        let mut worst = "none";
        for (k, p) in pairs.iter().enumerate() {
            let what = format!("{what} pair {k}");
            let i = u(p, "first_session", &what) as usize;
            let j = u(p, "second_session", &what) as usize;
            assert!(i < sessions.len() && j < sessions.len(), "{what}: index");
            assert!(i < j, "{what}: the first session comes first");
            let (a, bb) = (&sessions[i], &sessions[j]);
            assert_eq!(p["first"], a["modality"], "{what}.first");
            assert_eq!(p["second"], bb["modality"], "{what}.second");
            let mut kinds = [s(p, "first", &what), s(p, "second", &what)];
            kinds.sort_unstable();
            assert_eq!(
                kinds,
                ["cardio", "strength"],
                "{what}: one strength, one cardio"
            );
            assert_eq!(
                dates[i], *d,
                "{what}: a pair belongs to its first session's day"
            );
            assert!(
                a["time_known"] == true && bb["time_known"] == true,
                "{what}: only sessions with a time of day pair"
            );
            let pos = sequence.iter().position(|&x| x == i).unwrap();
            assert_eq!(
                sequence.get(pos + 1),
                Some(&j),
                "{what}: nothing but `other` sessions between the two"
            );
            let gap = p["gap_minutes"]
                .as_i64()
                .unwrap_or_else(|| panic!("{what}.gap_minutes is a whole number"));
            let exact = ((starts[j] - ends[i]).num_seconds() as f64 / 60.0).max(0.0);
            // Rounded down, in whole minutes (docs/json-report.md); the times in the report are
            // whole seconds, so the floor of their difference is exact.
            assert_eq!(
                gap as f64,
                exact.floor(),
                "{what}.gap_minutes {gap} is start of the later minus end of the earlier ({exact}), rounded down"
            );
            let class = s(p, "gap_class", &what);
            assert!(GAP_CLASSES.contains(&class), "{what}.gap_class");
            let want_class = if gap <= 30 {
                "back-to-back"
            } else if gap < 360 {
                "short"
            } else {
                "separated"
            };
            assert_eq!(class, want_class, "{what}: gap_class of {gap} min");
            let verdict = s(p, "verdict", &what);
            assert!(VERDICTS.contains(&verdict), "{what}.verdict");
            let rule = s(p, "rule", &what);
            assert!(PAIR_RULES.contains(&rule), "{what}.rule {rule}");
            if class == "separated" {
                assert_eq!(rule, "S1", "{what}: a separated pair is S1");
            }
            assert!(!s(p, "reason", &what).is_empty(), "{what}.reason");
            if worst == "none" || rank(verdict) > rank(worst) {
                worst = verdict;
            }
            all_verdicts.push(verdict);
            verdicts_by_week
                .entry(iso_week(*d))
                .or_default()
                .push(verdict);
        }
        if !pairs.is_empty() {
            *concurrent_by_week.entry(iso_week(*d)).or_default() += 1;
        }
        assert_eq!(
            s(day, "verdict", &what),
            worst,
            "{what}: the day's verdict is its worst pair's, or none"
        );
    }

    // Weeks: every ISO week from the first to the last session, empty ones included.
    let weeks = report["weeks"].as_array().expect("weeks is an array");
    if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
        let names: Vec<&str> = weeks.iter().map(|w| s(w, "week", "week")).collect();
        let mut want = Vec::new();
        let mut monday =
            *first - chrono::Duration::days(first.weekday().num_days_from_monday() as i64);
        while monday <= *last {
            want.push(iso_week(monday));
            monday += chrono::Duration::days(7);
        }
        for w in &want {
            assert!(names.contains(&w.as_str()), "week {w} is listed");
        }
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, names, "weeks are listed once each, in order");
    }
    for w in weeks {
        let name = s(w, "week", "week").to_string();
        let what = format!("week {name}");
        assert!(
            name.len() == 8 && name.as_bytes()[4] == b'-' && name.as_bytes()[5] == b'W',
            "{what}: YYYY-Www"
        );
        let count = |m: &str| {
            sessions
                .iter()
                .zip(&dates)
                .filter(|(se, d)| se["modality"] == m && iso_week(**d) == name)
                .count() as u64
        };
        assert_eq!(
            u(w, "strength_sessions", &what),
            count("strength"),
            "{what}"
        );
        assert_eq!(u(w, "cardio_sessions", &what), count("cardio"), "{what}");
        let verdicts = verdicts_by_week.get(&name).cloned().unwrap_or_default();
        let tally = |v: &str| verdicts.iter().filter(|x| **x == v).count() as u64;
        assert_eq!(
            u(w, "concurrent_days", &what),
            *concurrent_by_week.get(&name).unwrap_or(&0) as u64,
            "{what}.concurrent_days"
        );
        assert_eq!(u(w, "aligned", &what), tally("aligned"), "{what}.aligned");
        assert_eq!(u(w, "caution", &what), tally("caution"), "{what}.caution");
        assert_eq!(
            u(w, "conflict", &what),
            tally("conflict"),
            "{what}.conflict"
        );
        assert_score(&w["score"], &verdicts, &what);
        for f in w["findings"].as_array().expect("findings is an array") {
            assert!(
                WEEK_RULES.contains(&s(f, "rule", &what)),
                "{what}: week rule id"
            );
            assert!(
                VERDICTS.contains(&s(f, "verdict", &what)),
                "{what}: verdict"
            );
            assert!(!s(f, "reason", &what).is_empty(), "{what}: reason");
        }
    }

    // Summary: every count recomputed.
    let sm = &report["summary"];
    let count = |m: &str| sessions.iter().filter(|se| se["modality"] == m).count() as u64;
    assert_eq!(u(sm, "sessions", "summary"), sessions.len() as u64);
    assert_eq!(u(sm, "strength_sessions", "summary"), count("strength"));
    assert_eq!(u(sm, "cardio_sessions", "summary"), count("cardio"));
    assert_eq!(
        u(sm, "concurrent_days", "summary"),
        days.iter()
            .filter(|d| !d["pairs"].as_array().unwrap().is_empty())
            .count() as u64
    );
    assert_eq!(u(sm, "pairs", "summary"), all_verdicts.len() as u64);
    let tally = |v: &str| all_verdicts.iter().filter(|x| **x == v).count() as u64;
    assert_eq!(u(sm, "aligned", "summary"), tally("aligned"));
    assert_eq!(u(sm, "caution", "summary"), tally("caution"));
    assert_eq!(u(sm, "conflict", "summary"), tally("conflict"));
    assert_score(&sm["score"], &all_verdicts, "summary");

    // Warnings.
    for w in report["warnings"].as_array().expect("warnings is an array") {
        assert!(
            w["file"].is_string() || w["file"].is_null(),
            "warning.file: {w}"
        );
        assert!(
            w["line"].is_u64() || w["line"].is_null(),
            "warning.line: {w}"
        );
        assert!(!s(w, "message", "warning").is_empty(), "warning.message");
    }
}
