//! End-to-end: Strava bulk exports (`activities.csv`) in the 2022 (94 columns), 2023
//! (translation_missing HTML in header names) and 2026 (103 columns) layouts, read through the
//! real binary and checked in the JSON report.

use serde_json::Value;

use crate::common::{TZ, concur, fails, fixture, root_json, sessions};

fn strs<'a>(sessions: &'a [Value], key: &str) -> Vec<&'a str> {
    sessions
        .iter()
        .map(|s| s[key].as_str().unwrap_or_else(|| panic!("{key} in {s}")))
        .collect()
}

fn minutes(sessions: &[Value]) -> Vec<f64> {
    sessions
        .iter()
        .map(|s| s["minutes"].as_f64().expect("minutes"))
        .collect()
}

fn assert_minutes(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 0.051, "minutes {got:?}, expected {want:?}");
    }
}

/// Every pair of the report as (first title, second title, verdict, rule, gap minutes).
fn pairs(report: &Value) -> Vec<(String, String, String, String, i64)> {
    let all = sessions(report);
    let mut out = Vec::new();
    for day in report["days"].as_array().expect("days") {
        for p in day["pairs"].as_array().expect("pairs") {
            let title = |key: &str| {
                let i = p[key].as_u64().expect("session index") as usize;
                all[i]["title"].as_str().unwrap().to_string()
            };
            out.push((
                title("first_session"),
                title("second_session"),
                p["verdict"].as_str().unwrap().to_string(),
                p["rule"].as_str().unwrap().to_string(),
                p["gap_minutes"].as_i64().expect("gap"),
            ));
        }
    }
    out
}

#[test]
fn the_2022_layout_reads_utc_dates_repeated_columns_and_multiline_notes() {
    let r = root_json("tests/fixtures/strava/activities-2022.csv", "strength", &[]);
    assert_eq!(r["files"][0]["format"], "strava");
    let s = sessions(&r);
    assert_eq!(
        strs(s, "title"),
        [
            "Morning Run",
            "Leg day",
            "Evening Run",
            "Lunch Swim",
            "Long Run"
        ]
    );
    assert_eq!(
        strs(s, "modality"),
        ["cardio", "strength", "cardio", "cardio", "cardio"]
    );
    // Activity Date is UTC; in January Berlin is one hour ahead.
    assert_eq!(
        strs(s, "start"),
        [
            "2022-01-10T07:15:42+01:00",
            "2022-01-10T17:30:05+01:00",
            "2022-01-10T18:40:11+01:00",
            "2022-01-12T13:02:30+01:00",
            "2022-01-15T09:05:00+01:00"
        ]
    );
    // The first Elapsed Time, in seconds, some written with a thousands separator ("2,412").
    assert_minutes(&minutes(s), &[45.2, 60.1, 25.3, 40.2, 91.0]);
    // Perceived Exertion 8 after the multi-line description makes the evening run hard; 4 on
    // the swim makes it easy.
    assert_eq!(s[2]["intensity"], "hard");
    assert_eq!(s[2]["intensity_basis"], "rpe");
    assert_eq!(s[3]["intensity"], "easy");
    assert_eq!(s[1]["leg_day"], true);
    assert_eq!(r["summary"]["skipped_rows"], 0);
    let p = pairs(&r);
    assert!(
        p.contains(&(
            "Leg day".into(),
            "Evening Run".into(),
            "caution".into(),
            "L1".into(),
            10
        )),
        "{p:?}"
    );
}

#[test]
fn the_2026_layout_crosses_the_spring_clock_change() {
    let r = root_json("tests/fixtures/strava/activities-2026.csv", "strength", &[]);
    assert_eq!(r["files"][0]["format"], "strava");
    let s = sessions(&r);
    assert_eq!(
        strs(s, "modality"),
        ["cardio", "other", "strength", "cardio"]
    );
    // Berlin moves from UTC+1 to UTC+2 on 2026-03-29.
    assert_eq!(
        strs(s, "start"),
        [
            "2026-03-27T18:00:00+01:00",
            "2026-03-28T09:30:14+01:00",
            "2026-03-30T17:45:00+02:00",
            "2026-03-30T18:45:09+02:00"
        ]
    );
    assert_minutes(&minutes(s), &[60.0, 30.0, 55.0, 20.1]);
    assert_eq!(s[3]["intensity"], "easy");
    assert_eq!(
        pairs(&r),
        [(
            "Upper body".into(),
            "Easy spin".into(),
            "aligned".into(),
            "W2".into(),
            5
        )]
    );
}

#[test]
fn header_names_wrapped_in_translation_missing_html_are_read() {
    let r = root_json(
        "tests/fixtures/strava/activities-2023-html.csv",
        "strength",
        &[],
    );
    assert_eq!(r["files"][0]["format"], "strava");
    let s = sessions(&r);
    assert_eq!(strs(s, "modality"), ["cardio", "strength", "cardio"]);
    // 22:12 UTC on Oct 3 is 00:12 on Oct 4 in Berlin (summer time).
    assert_eq!(s[0]["start"], "2023-10-04T00:12:44+02:00");
    assert_eq!(s[0]["date"], "2023-10-04");
    assert_minutes(&minutes(s), &[49.2, 67.0, 15.0]);
}

#[test]
fn the_sample_export_holds_the_cardio_and_other_sessions_of_the_month() {
    let month = root_json("sample-data/month.csv", "strength", &[]);
    let strava = root_json("sample-data/strava_activities.csv", "strength", &[]);
    assert_eq!(strava["files"][0]["format"], "strava");
    let keep = |r: &Value| -> Vec<Value> {
        sessions(r)
            .iter()
            .filter(|s| s["modality"] != "strength")
            .map(|s| {
                serde_json::json!([
                    s["start"],
                    s["end"],
                    s["date"],
                    s["modality"],
                    s["intensity"],
                    s["intensity_basis"],
                    s["minutes"],
                    s["title"]
                ])
            })
            .collect()
    };
    let from_month = keep(&month);
    let from_strava = keep(&strava);
    assert_eq!(from_strava.len(), 23);
    assert_eq!(
        sessions(&strava).len(),
        23,
        "no strength in the Strava half"
    );
    assert_eq!(from_strava, from_month);
}

#[test]
fn a_strava_header_missing_a_column_is_named_in_the_error() {
    let text = std::fs::read_to_string(fixture("strava/activities-2022.csv")).expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("activities.csv");
    std::fs::write(&path, text.replacen("Activity Date,", "Date,", 1)).expect("write");
    let err = fails(
        concur(),
        &[
            "analyze",
            path.to_str().unwrap(),
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(err.contains("Strava bulk export"), "{err}");
    assert!(err.contains("'Activity Date'"), "{err}");
}

/// German Strava writes `04.03.2024, 06:00:00`. A date in numbers with slashes in a German file
/// (a spreadsheet's re-save, say) could be month-first: it is an error naming the line, the
/// column and the form German Strava writes, never read as 6 October or 10 June.
#[test]
fn a_slash_date_in_a_german_export_is_an_error_not_a_guess() {
    let text = std::fs::read_to_string(fixture("lang/strava/de.csv")).expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("activities.csv");
    std::fs::write(
        &path,
        text.replacen("\"04.03.2024, 06:00:00\"", "6/10/2022 8:00", 1),
    )
    .expect("write");
    let err = fails(
        concur(),
        &[
            "analyze",
            path.to_str().unwrap(),
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(err.contains(":2:"), "{err}");
    assert!(err.contains("Aktivitätsdatum"), "{err}");
    assert!(err.contains("21.07.2026, 15:09:27"), "{err}");
}
