//! Unusable input and bad usage: exit code 2, nothing on stdout, and one message on stderr that
//! names the file, the line and column where there is one, and what was expected.

use crate::common::*;
use predicates::prelude::*;

fn analyze_fails(file: &str) -> String {
    fails_with_one_message(
        concur(),
        &["analyze", file, "--goal", "strength", "--tz", TZ],
    )
}

#[test]
fn a_missing_file() {
    let msg = analyze_fails("no-such-export.csv");
    assert!(msg.contains("no-such-export.csv"), "{msg}");
    assert!(msg.contains("no such file"), "{msg}");
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("export.csv");
    std::fs::create_dir(&folder).unwrap();
    let msg = fails_with_one_message(
        concur(),
        &[
            "analyze",
            folder.to_str().unwrap(),
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(msg.contains("export.csv"), "{msg}");
    assert!(msg.contains("folder"), "says it is a folder: {msg}");
}

#[test]
fn a_csv_with_an_unrelated_header() {
    let msg = analyze_fails("people.csv");
    assert!(msg.contains("people.csv"), "{msg}");
    assert!(msg.contains("unknown log format"), "{msg}");
    assert!(
        msg.contains("name, age, city"),
        "shows the header it found: {msg}"
    );
    assert!(
        msg.contains("`start`"),
        "says which columns it expected: {msg}"
    );
}

#[test]
fn binary_garbage() {
    let msg = analyze_fails("garbage.bin");
    assert!(msg.contains("garbage.bin"), "{msg}");
    assert!(msg.contains("not text"), "{msg}");
}

#[test]
fn a_bad_date_in_the_start_column() {
    let msg = analyze_fails("bad-start.csv");
    assert!(msg.contains("bad-start.csv:4"), "file and line: {msg}");
    assert!(
        msg.contains("column 1 (start)"),
        "column by number and name: {msg}"
    );
    assert!(
        msg.contains("expected a date-time"),
        "what was expected: {msg}"
    );
    assert!(msg.contains("\"yesterday\""), "what was found: {msg}");
}

#[test]
fn a_bad_number_in_the_rpe_column() {
    let msg = analyze_fails("bad-rpe.csv");
    assert!(msg.contains("bad-rpe.csv:3"), "file and line: {msg}");
    assert!(
        msg.contains("column 5 (rpe)"),
        "column by number and name: {msg}"
    );
    assert!(msg.contains("expected a number"), "{msg}");
    assert!(msg.contains("\"hard\""), "{msg}");
}

#[test]
fn malformed_json_names_line_and_column() {
    // Line 3 misses the comma after "2024-05-14 07:00": the next key starts at column 32.
    let msg = analyze_fails("malformed.json");
    assert!(
        msg.contains("malformed.json:3:32"),
        "file:line:column: {msg}"
    );
    assert!(msg.contains("malformed JSON"), "{msg}");
}

#[test]
fn truncated_json_names_a_real_column() {
    let msg = analyze_fails("truncated.json");
    assert!(msg.contains("truncated.json:"), "{msg}");
    assert!(!msg.contains(":0:"), "no column 0: {msg}");
}

#[test]
fn json_object_without_sessions() {
    let msg = analyze_fails("no-sessions.json");
    assert!(msg.contains("no-sessions.json:1:"), "file and line: {msg}");
    assert!(msg.contains("\"sessions\""), "says what it expected: {msg}");
    assert!(msg.contains("array"), "{msg}");
}

#[test]
fn an_empty_start_is_skipped_with_a_warning() {
    let r = fixture_json("empty-start.csv", "strength", &[]);
    assert_eq!(r["summary"]["sessions"], 2);
    assert_eq!(r["summary"]["skipped_rows"], 1);
    let w = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["line"] == 3)
        .expect("a warning for line 3");
    assert_eq!(w["file"], "empty-start.csv");
    assert!(w["message"].as_str().unwrap().contains("start"), "{w}");

    // The table mentions it too.
    concur()
        .args([
            "analyze",
            "empty-start.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ])
        .assert()
        .success()
        .stdout(
            predicates::str::contains("1 row skipped")
                .or(predicates::str::contains("1 rows skipped")),
        );
}

#[test]
fn an_empty_start_with_strict_is_an_error() {
    let msg = fails_with_one_message(
        concur(),
        &[
            "analyze",
            "empty-start.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--strict",
        ],
    );
    assert!(msg.contains("empty-start.csv:3"), "{msg}");
    assert!(msg.contains("no start time"), "{msg}");
}

#[test]
fn the_first_bad_file_stops_the_run_even_after_good_ones() {
    let msg = fails_with_one_message(
        concur(),
        &[
            "analyze",
            "semicolon.csv",
            "bad-rpe.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ],
    );
    assert!(msg.contains("bad-rpe.csv:3"), "{msg}");
}

// Usage errors: clap's messages, exit 2.

fn usage_fails(args: &[&str], needle: &str) {
    let stderr = fails(concur_at_root(), args);
    assert!(
        stderr.contains(needle),
        "concur {args:?}: stderr should mention {needle:?}: {stderr}"
    );
}

#[test]
fn no_goal() {
    usage_fails(&["analyze", SAMPLE, "--tz", TZ], "--goal");
}

#[test]
fn a_bad_goal() {
    usage_fails(&["analyze", SAMPLE, "--goal", "speed", "--tz", TZ], "speed");
    usage_fails(
        &["analyze", SAMPLE, "--goal", "speed", "--tz", TZ],
        "possible values: strength, hypertrophy, fat-loss, endurance, general, hybrid",
    );
    // A misspelling gets the goal it was meant to be.
    usage_fails(
        &["analyze", SAMPLE, "--goal", "strenght", "--tz", TZ],
        "a similar value exists: 'strength'",
    );
}

#[test]
fn a_bad_time_zone() {
    usage_fails(
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            "Mars/Olympus",
        ],
        "Mars/Olympus",
    );
    usage_fails(
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            "Mars/Olympus",
        ],
        "IANA",
    );
}

#[test]
fn a_bad_week() {
    for week in ["2024-W60", "soon", "2024-11"] {
        let msg = fails_with_one_message(
            concur_at_root(),
            &[
                "analyze", SAMPLE, "--goal", "strength", "--tz", TZ, "--week", week,
            ],
        );
        assert!(msg.contains(week), "{msg}");
        assert!(msg.contains("--week"), "{msg}");
    }
}

#[test]
fn a_bad_day_start() {
    for value in ["25:00", "4am"] {
        usage_fails(
            &[
                "analyze",
                SAMPLE,
                "--goal",
                "strength",
                "--tz",
                TZ,
                "--day-start",
                value,
            ],
            "HH:MM",
        );
    }
}

#[test]
fn a_bad_date_flag() {
    usage_fails(
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--since",
            "13/03/2024",
        ],
        "YYYY-MM-DD",
    );
}

#[test]
fn since_after_until() {
    let msg = fails_with_one_message(
        concur_at_root(),
        &[
            "analyze",
            SAMPLE,
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--since",
            "2024-03-20",
            "--until",
            "2024-03-10",
        ],
    );
    assert!(msg.contains("--since"), "{msg}");
}

#[test]
fn no_files() {
    usage_fails(
        &["analyze", "--goal", "strength", "--tz", TZ],
        "no files to analyse",
    );
}

#[test]
fn rules_with_a_bad_goal() {
    usage_fails(&["rules", "--goal", "speed"], "speed");
}
