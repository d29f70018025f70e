//! Garmin Connect `Activities.csv` end to end: the JSON report a user reads for an English export
//! (CRLF, every value quoted, thousands separators, `--`), a Danish one (localized header and
//! types, `Tid` as h:mm), the bundled sample, and the errors for a cut header and a bad value.

use serde_json::Value;

use crate::common::{
    TZ, assert_fails_saying, concur_at_root, fails_with_one_message, pairs_on, root_json,
    session_starting,
};

fn minutes(s: &Value) -> f64 {
    s["minutes"].as_f64().unwrap()
}

#[test]
fn english_export_quoted_crlf_with_dashes() {
    let r = root_json(
        "tests/fixtures/garmin/activities-english.csv",
        "strength",
        &["--max-hr", "190"],
    );
    assert_eq!(r["files"][0]["format"], "garmin");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["other_sessions"],
            &s["skipped_rows"],
        ],
        [7, 2, 4, 1, 0]
    );

    // Local wall-clock times, in CET before the DST change and CEST after it.
    let legs = session_starting(&r, "2024-03-28T07:00:00+01:00");
    assert_eq!(legs["modality"], "strength");
    assert_eq!(legs["title"], "Legs");
    assert_eq!(minutes(legs), 55.0);
    let run = session_starting(&r, "2024-04-02T17:45:10+02:00");
    assert_eq!(run["modality"], "cardio");
    assert!((minutes(run) - 35.0).abs() < 0.05, "{run}");
    assert_eq!(run["end"], "2024-04-02T18:20:10+02:00");
    let swim = session_starting(&r, "2024-03-30T10:00:00+01:00");
    assert_eq!(swim["modality"], "cardio");
    assert!((minutes(swim) - 42.2).abs() < 0.05, "{swim}");
    // `--:--:--` in Time: the length comes from Elapsed Time.
    let mobility = session_starting(&r, "2024-03-26T20:00:00+01:00");
    assert_eq!(mobility["modality"], "other");
    assert_eq!(minutes(mobility), 20.0);
    assert_eq!(mobility["estimated_end"], false);

    // A run straight before lifting, for a strength goal: W4.
    let pairs = pairs_on(&r, "2024-04-02");
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["first"], "cardio");
    // 17:45:10 + 35:00.4 ends at 18:20:10.4; the lift at 18:30 is 9 min 49.6 s later, and gaps
    // count whole minutes, rounded down.
    assert_eq!(pairs[0]["gap_minutes"], 9);
    assert_eq!(pairs[0]["rule"], "W4");
    assert_eq!(pairs[0]["verdict"], "conflict");
    // Lifting, then an easy 30 min run: W2.
    let pairs = pairs_on(&r, "2024-03-28");
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["rule"], "W2");
    assert_eq!(pairs[0]["verdict"], "aligned");
}

#[test]
fn danish_export_with_localized_header_and_types() {
    let r = root_json(
        "tests/fixtures/garmin/activities-danish.csv",
        "strength",
        &["--max-hr", "185"],
    );
    assert_eq!(r["files"][0]["format"], "garmin");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"]
        ],
        [5, 1, 4]
    );
    // Styrketræning is strength; Tid "0:50" is h:mm.
    let lift = session_starting(&r, "2024-05-14T17:00:00+02:00");
    assert_eq!(lift["modality"], "strength");
    assert_eq!(minutes(lift), 50.0);
    // Løb terræn, "1:32": an hour and a half.
    let trail = session_starting(&r, "2024-05-08T16:00:00+02:00");
    assert_eq!(trail["modality"], "cardio");
    assert_eq!(minutes(trail), 92.0);
    // A run without a title keeps its type as written.
    let untitled = session_starting(&r, "2024-05-10T06:30:00+02:00");
    assert_eq!(untitled["title"], "Løb");
    assert_eq!(untitled["modality"], "cardio");
    assert_eq!(
        session_starting(&r, "2024-05-12T11:00:00+02:00")["modality"],
        "cardio"
    );

    // Lifting, then a 45 min hard run 10 min later: W1 for a strength goal.
    let pairs = pairs_on(&r, "2024-05-14");
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["second"], "cardio");
    assert_eq!(pairs[0]["rule"], "W1");
    assert_eq!(pairs[0]["verdict"], "caution");
}

#[test]
fn sample_garmin_export_has_pairs_in_both_orders() {
    let r = root_json("sample-data/garmin_activities.csv", "endurance", &[]);
    assert_eq!(r["files"][0]["format"], "garmin");
    assert_eq!(r["range"]["from"], "2024-04-15");
    assert_eq!(r["range"]["to"], "2024-05-05");
    let s = &r["summary"];
    assert_eq!(
        [
            &s["sessions"],
            &s["strength_sessions"],
            &s["cardio_sessions"],
            &s["pairs"],
        ],
        [21, 6, 15, 6]
    );
    let orders: Vec<&str> = r["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["pairs"].as_array().unwrap().is_empty())
        .map(|d| d["order"].as_str().unwrap())
        .collect();
    assert!(orders.contains(&"strength_first") && orders.contains(&"cardio_first"));
    // Intervals, then lifting: the key cardio done fresh.
    assert_eq!(pairs_on(&r, "2024-04-19")[0]["rule"], "E1");
    // A 9 min easy jog after lifting is a cool-down.
    assert_eq!(pairs_on(&r, "2024-04-23")[0]["rule"], "E2");
    assert_eq!(
        session_starting(&r, "2024-04-19T17:30:49+02:00")["title"],
        "Intervals 6x800m"
    );
}

#[test]
fn bad_files_name_what_is_wrong() {
    for (file, parts) in [
        // A header without Time names Garmin and the column.
        (
            "no-time-column.csv",
            &["Garmin Connect activities export", "'Time'"][..],
        ),
        // A bad time names file, line and column.
        (
            "bad-time.csv",
            &["bad-time.csv:3:", "column 7 (Time)", "\"35 minutes\""],
        ),
    ] {
        assert_fails_saying(&format!("tests/fixtures/garmin/{file}"), "general", parts);
    }
}

/// An export in a language `src/import/lang/garmin.toml` does not have (an invented header, in
/// Esperanto) is named as a Garmin export by its shape, with what was recognised, in one line.
#[test]
fn an_export_in_a_language_not_read_yet_is_named_as_garmin() {
    let path = "tests/fixtures/lang/garmin/not-in-table.csv";
    let message = fails_with_one_message(
        concur_at_root(),
        &["analyze", path, "--goal", "general", "--tz", TZ],
    );
    for part in [
        path,
        "looks like a Garmin Connect export",
        "a language concur does not read yet",
        "30 columns",
        "dates in 'Dato'",
        "true/false in 'Ŝatata'",
        "known: 'Training Stress Score®'",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
}
