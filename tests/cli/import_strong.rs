//! Strong exports end to end: each header variant in tests/fixtures/strong/ read by the real
//! binary, checked on what a user reads in the JSON report (sessions, their modality, start in
//! the right zone, minutes, and the verdict of a pair), plus the bundled sample.

use serde_json::Value;

use crate::common::{TZ, analyze_json, assert_fails_saying, concur_in, fixture, root_json};

/// `concur analyze FILE --goal GOAL --tz Europe/Berlin --format json`, run in
/// tests/fixtures/strong, which must succeed.
fn report(file: &str, goal: &str) -> Value {
    analyze_json(
        concur_in(fixture("strong")),
        &[file, "--goal", goal, "--tz", TZ],
    )
}

/// Each session as (start, modality, minutes, leg day).
fn sessions(r: &Value) -> Vec<(String, String, f64, bool)> {
    r["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| {
            (
                s["start"].as_str().unwrap().to_string(),
                s["modality"].as_str().unwrap().to_string(),
                s["minutes"].as_f64().unwrap(),
                s["leg_day"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn s(start: &str, modality: &str, minutes: f64, leg_day: bool) -> (String, String, f64, bool) {
    (start.to_string(), modality.to_string(), minutes, leg_day)
}

/// Every pair as (day, first, second, gap, verdict, rule).
fn pairs(r: &Value) -> Vec<(String, String, String, i64, String, String)> {
    r["days"]
        .as_array()
        .expect("days")
        .iter()
        .flat_map(|d| {
            let date = d["date"].as_str().unwrap().to_string();
            d["pairs"].as_array().unwrap().iter().map(move |p| {
                (
                    date.clone(),
                    p["first"].as_str().unwrap().to_string(),
                    p["second"].as_str().unwrap().to_string(),
                    p["gap_minutes"].as_i64().unwrap(),
                    p["verdict"].as_str().unwrap().to_string(),
                    p["rule"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

fn p(
    date: &str,
    first: &str,
    second: &str,
    gap: i64,
    verdict: &str,
    rule: &str,
) -> (String, String, String, i64, String, String) {
    (
        date.into(),
        first.into(),
        second.into(),
        gap,
        verdict.into(),
        rule.into(),
    )
}

fn assert_read_as_strong(r: &Value) {
    assert_eq!(r["files"][0]["format"], "strong");
    assert_eq!(r["summary"]["skipped_rows"], 0);
}

#[test]
fn classic_ios_export_splits_a_mixed_workout_and_follows_summer_time() {
    let r = report("classic.csv", "strength");
    assert_read_as_strong(&r);
    assert_eq!(
        sessions(&r),
        [
            // 1h 10m: the squats and deadlifts, then the 20 min (1200 s) treadmill run.
            s("2024-03-05T17:30:00+01:00", "strength", 50.0, true),
            s("2024-03-05T18:20:00+01:00", "cardio", 20.0, false),
            s("2024-04-02T07:15:00+02:00", "strength", 44.0, false),
            s("2024-04-02T18:00:00+02:00", "cardio", 30.0, false),
        ]
    );
    assert_eq!(r["sessions"][1]["intensity"], "hard", "the run's RPE 8");
    assert_eq!(r["sessions"][3]["intensity"], "easy", "the run's RPE 4");
    assert_eq!(
        pairs(&r),
        [
            p("2024-03-05", "strength", "cardio", 0, "caution", "L1"),
            p("2024-04-02", "strength", "cardio", 601, "aligned", "S1"),
        ]
    );
}

#[test]
fn classic_export_in_pounds() {
    let r = report("classic-lbs.csv", "strength");
    assert_read_as_strong(&r);
    assert_eq!(
        sessions(&r),
        [
            s("2024-03-09T10:00:00+01:00", "strength", 62.0, true),
            s("2024-03-09T11:15:00+01:00", "cardio", 25.0, false),
            s("2024-03-11T18:30:00+01:00", "strength", 120.0, false),
        ]
    );
    assert_eq!(r["sessions"][1]["intensity"], "easy", "zone 2 in the notes");
    assert_eq!(
        pairs(&r),
        [p("2024-03-09", "strength", "cardio", 13, "aligned", "W2")]
    );
}

#[test]
fn export_without_duration_estimates_the_end() {
    let r = report("no-duration.csv", "strength");
    assert_read_as_strong(&r);
    assert_eq!(
        sessions(&r),
        [
            s("2018-11-19T16:09:09+01:00", "strength", 60.0, false),
            s("2018-11-21T06:05:48+01:00", "strength", 60.0, true),
            s("2018-11-21T07:05:48+01:00", "cardio", 15.0, false),
        ]
    );
    assert!(
        r["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["estimated_end"] == true)
    );
    // Two blocks of one workout follow each other: their 0 min gap is exact even where
    // the end of each block is an estimate.
    let p0 = &r["days"].as_array().unwrap()[1]["pairs"][0];
    assert_eq!(
        (p0["rule"].as_str(), p0["gap_estimated"].as_bool()),
        (Some("W2"), Some(false))
    );
}

#[test]
fn oldest_export_with_units_as_header_names() {
    let r = report("oldest.csv", "strength");
    assert_read_as_strong(&r);
    assert_eq!(
        sessions(&r),
        [
            s("2016-10-03T19:30:55+02:00", "strength", 60.0, true),
            // 480 s on the rower, then the lifting.
            s("2016-10-05T19:30:12+02:00", "cardio", 8.0, false),
            s("2016-10-05T19:38:12+02:00", "strength", 60.0, true),
        ]
    );
    assert_eq!(
        pairs(&r),
        [p("2016-10-05", "cardio", "strength", 0, "aligned", "W3")]
    );
}

#[test]
fn android_semicolon_export_with_unit_columns() {
    let r = report("android.csv", "strength");
    assert_read_as_strong(&r);
    assert_eq!(
        sessions(&r),
        [
            // Workout Duration 44m: 300 s on the elliptical, the rest lifting.
            s("2023-11-09T14:26:03+01:00", "cardio", 5.0, false),
            s("2023-11-09T14:31:03+01:00", "strength", 39.0, true),
            // 1h 2m: lifting, then 900 s on the treadmill.
            s("2023-11-10T08:27:07+01:00", "strength", 47.0, false),
            s("2023-11-10T09:14:07+01:00", "cardio", 15.0, false),
        ]
    );
    assert_eq!(
        pairs(&r),
        [
            p("2023-11-09", "cardio", "strength", 0, "aligned", "W3"),
            p("2023-11-10", "strength", "cardio", 0, "aligned", "W2"),
        ]
    );
}

#[test]
fn strong6_export_with_set_tags_rest_timers_and_notes() {
    let r = report("strong6.csv", "strength");
    assert_read_as_strong(&r);
    assert_eq!(
        sessions(&r),
        [
            // 3324 s; the warm-up, rest-timer and note rows are no extra sessions.
            s("2025-02-24T15:10:32+01:00", "strength", 55.4, true),
            s("2025-02-26T07:00:00+01:00", "cardio", 25.0, false),
            s("2025-02-26T07:25:00+01:00", "strength", 45.0, false),
        ]
    );
    assert_eq!(r["sessions"][0]["title"], "Legs/Abs");
    assert_eq!(
        pairs(&r),
        [p("2025-02-26", "cardio", "strength", 0, "conflict", "W4")]
    );
    let endurance = report("strong6.csv", "endurance");
    assert_eq!(
        pairs(&endurance),
        [p("2025-02-26", "cardio", "strength", 0, "aligned", "E1")]
    );
}

#[test]
fn sample_strong_log_holds_the_strength_sessions_of_the_sample_month() {
    let strength = |r: &Value| -> Vec<(String, f64, bool)> {
        r["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["modality"] == "strength")
            .map(|s| {
                (
                    s["start"].as_str().unwrap().to_string(),
                    s["minutes"].as_f64().unwrap(),
                    s["leg_day"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let strong = root_json("sample-data/strong.csv", "strength", &[]);
    let month = root_json("sample-data/month.csv", "strength", &[]);
    assert_read_as_strong(&strong);
    assert_eq!(strong["summary"]["sessions"], 13);
    assert_eq!(strong["summary"]["strength_sessions"], 13);
    assert_eq!(strength(&strong), strength(&month));
    assert_eq!(strength(&strong).iter().filter(|s| s.2).count(), 4);
}

#[test]
fn bad_files_name_what_is_wrong() {
    for (file, parts) in [
        // A cut header is named as a Strong export missing a column.
        (
            "cut-header.csv",
            &["a Strong workout export", "'Exercise Name'"][..],
        ),
        // A bad date names the line and column.
        (
            "bad-date.csv",
            &["bad-date.csv:3: column 1 (Date)", "\"05.03.2024 17:30\""],
        ),
    ] {
        assert_fails_saying(&format!("tests/fixtures/strong/{file}"), "strength", parts);
    }
}

/// A workout that logs its length and holds a cardio warm-up is split into blocks by its sets;
/// where the line between the blocks falls is shared out, but the workout's end is logged, so
/// the gap to the run after it rests on no estimate, and no warning says it does.
#[test]
fn blocks_of_a_workout_with_a_logged_length_end_when_it_ends() {
    let mut cmd = concur_in(crate::common::manifest_dir());
    cmd.args([
        "analyze",
        fixture("strong/warm-up-inside.csv").to_str().unwrap(),
        fixture("merge/easy-run-after-legs.csv").to_str().unwrap(),
        "--goal",
        "strength",
        "--tz",
        TZ,
        "--no-config",
        "--format",
        "json",
    ]);
    let r = crate::common::run_json(cmd);
    let gaps: Vec<(String, i64, bool)> = r["days"][0]["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["rule"].as_str().unwrap().to_string(),
                p["gap_minutes"].as_i64().unwrap(),
                p["gap_estimated"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [("W3".to_string(), 0, false), ("W2".to_string(), 5, false)]
    );
    let warnings = r["warnings"].to_string();
    assert!(!warnings.contains("estimated end"), "{warnings}");
}
