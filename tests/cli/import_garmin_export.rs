//! Garmin Connect's account data export: its activity summaries
//! (`DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json`) alone, and the export's zip as
//! downloaded, with the original FIT files of some of the same activities in a zip inside it and
//! the export's other JSON files. The summary fixture
//! (tests/fixtures/garmin-export/x_0_summarizedActivities.json) holds invented activities: the
//! Tuesday of the FIT fixtures (lifting at 18:30 in Berlin, a run at 19:30), yoga the next
//! morning, and on Thursday a multisport activity, an indoor ride then lifting, listed as the
//! parent and its two parts.

use std::io::{Cursor, Write};
use std::path::Path;

use serde_json::Value;

use crate::common::{
    TZ, analyze_json, concur_in, fixture, manifest_dir, one_error, read_bytes, sessions, write,
};

const SUMMARY: &str = "garmin-export/x_0_summarizedActivities.json";

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn report_in(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--goal", "strength", "--tz", TZ, "--no-config"]);
    analyze_json(concur_in(dir), &all)
}

fn warning_messages(r: &Value) -> Vec<String> {
    r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect()
}

/// The sessions as (start, modality, title) for comparing.
fn timeline(r: &Value) -> Vec<(String, String, String)> {
    sessions(r)
        .iter()
        .map(|s| {
            (
                s["start"].as_str().unwrap().to_string(),
                s["modality"].as_str().unwrap().to_string(),
                s["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The five activities of the fixture, as the report shows them: local times in Berlin, and the
/// multisport parent not counted beside its parts.
const ACTIVITIES: [(&str, &str); 5] = [
    ("2024-03-05T18:30:00+01:00", "strength"),
    ("2024-03-05T19:30:00+01:00", "cardio"),
    ("2024-03-06T07:30:00+01:00", "other"),
    ("2024-03-07T08:00:00+01:00", "cardio"),
    ("2024-03-07T08:11:40+01:00", "strength"),
];

fn starts_and_modalities(r: &Value) -> Vec<(String, String)> {
    timeline(r).into_iter().map(|(s, m, _)| (s, m)).collect()
}

fn expected() -> Vec<(String, String)> {
    ACTIVITIES
        .iter()
        .map(|(s, m)| (s.to_string(), m.to_string()))
        .collect()
}

#[test]
fn the_activity_summary_gives_each_activity_once_with_its_local_time() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "x_0_summarizedActivities.json",
        read_bytes(&fixture(SUMMARY)),
    );
    let r = report_in(dir.path(), &["x_0_summarizedActivities.json"]);
    assert_eq!(r["files"][0]["format"], "garmin-export");
    assert_eq!(starts_and_modalities(&r), expected());
    let s = sessions(&r);
    assert!(s.iter().all(|s| s["source"] == "garmin-export"));
    let lift = &s[0];
    assert_eq!(lift["end"], "2024-03-05T19:20:00+01:00");
    assert_eq!(lift["leg_day"], true, "squats and lunges: {lift}");
    assert_eq!(lift["title"], "Evening Strength");
    let run = &s[1];
    assert_eq!(run["end"], "2024-03-05T20:00:30+01:00");
    assert_eq!(run["title"], "Berlin Running");
    // Its average heart rate against the day's highest (its own maximum): hard.
    assert_eq!(run["intensity"], "hard");
    assert_eq!(run["intensity_basis"], "heart_rate");
    // Rows and pulls on Thursday: no leg day.
    assert_eq!(s[4]["leg_day"], false);
    assert_eq!(r["summary"]["skipped_rows"], 0);
    assert!(
        warning_messages(&r)
            .iter()
            .all(|w| !w.contains("skipped") && !w.contains("not read")),
        "{:?}",
        warning_messages(&r)
    );
    // Legs, then the run ten minutes later: the leg-day rule, as from the watch's own files.
    let pairs = crate::common::pairs_on(&r, "2024-03-05");
    assert_eq!(pairs[0]["rule"], "L1");
}

/// The export's zip as downloaded: the summary, the original FIT files of four of its
/// activities in the zip of uploaded files inside it, and JSON files of other things.
fn export_zip() -> Vec<u8> {
    let fit = |name: &str| read_bytes(&manifest_dir().join("tests/fixtures/fit").join(name));
    let uploaded = zip_of(&[
        ("90000000001_ACTIVITY.fit", &fit("strength.fit")),
        ("90000000002_ACTIVITY.fit", &fit("run.fit")),
        ("90000000004_ACTIVITY.fit", &fit("ride-then-lift.fit")),
    ]);
    let summary = read_bytes(&fixture(SUMMARY));
    zip_of(&[
        (
            "DI_CONNECT/DI-Connect-Fitness/x_0_summarizedActivities.json",
            &summary,
        ),
        (
            "DI_CONNECT/DI-Connect-Fitness/x_0_personalRecord.json",
            br#"[ { "personalRecords" : [ { "typeId" : 3, "value" : 1500.0, "activityId" : 90000000002 } ] } ]"#,
        ),
        (
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
            &uploaded,
        ),
        (
            "DI_CONNECT/DI-Connect-User/user_profile.json",
            br#"{ "userName" : "runner", "birthDate" : "1990-01-01", "gender" : "FEMALE" }"#,
        ),
        (
            "DI_CONNECT/DI-Connect-Wellness/x_0_sleepData.json",
            br#"[ { "sleepStartTimestampGMT" : "2024-03-04T22:00:00.0", "calendarDate" : "2024-03-05", "deepSleepSeconds" : 5400 } ]"#,
        ),
    ])
}

#[test]
fn the_export_zip_gives_its_activities_one_to_one_with_the_watch_files_merged() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "garmin.zip", export_zip());
    let r = report_in(dir.path(), &["garmin.zip"]);
    let formats: Vec<(&str, &str)> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["format"].as_str().unwrap()))
        .collect();
    assert_eq!(
        formats,
        [
            (
                "garmin.zip/DI_CONNECT/DI-Connect-Fitness/x_0_summarizedActivities.json",
                "garmin-export"
            ),
            (
                "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/90000000001_ACTIVITY.fit",
                "fit"
            ),
            (
                "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/90000000002_ACTIVITY.fit",
                "fit"
            ),
            (
                "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/90000000004_ACTIVITY.fit",
                "fit"
            ),
        ]
    );
    // Each activity once: the four the FIT files hold too are merged with their summary.
    assert_eq!(starts_and_modalities(&r), expected());
    assert_eq!(r["summary"]["merged_duplicates"], 4);
    let s = sessions(&r);
    assert_eq!(s[0]["leg_day"], true);
    assert_eq!(s[0]["end"], "2024-03-05T19:20:00+01:00");
    assert_eq!(s[1]["intensity_basis"], "heart_rate");
    // The export's other files: said once, naming them, and nothing else about files.
    let said = warning_messages(&r);
    let about_files: Vec<&String> = said.iter().filter(|w| w.contains("not read")).collect();
    assert_eq!(about_files.len(), 1, "{said:#?}");
    let one = about_files[0];
    assert!(
        one.starts_with(
            "not read: 3 files of Garmin Connect's data export that hold no activities"
        ),
        "{one}"
    );
    for name in [
        "user_profile.json",
        "x_0_sleepData.json",
        "x_0_personalRecord.json",
    ] {
        assert!(one.contains(name), "{name}: {one}");
    }
}

#[test]
fn the_unzipped_export_reads_as_the_zip_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(export_zip())).unwrap();
    archive.extract(dir.path().join("export")).unwrap();
    let zipped = {
        write(dir.path(), "garmin.zip", export_zip());
        report_in(dir.path(), &["garmin.zip"])
    };
    let folder = report_in(dir.path(), &["export"]);
    assert_eq!(timeline(&folder), timeline(&zipped));
    assert_eq!(folder["summary"]["merged_duplicates"], 4);
    let said = warning_messages(&folder);
    assert_eq!(
        said.iter()
            .filter(|w| w.contains("hold no activities"))
            .count(),
        1,
        "{said:#?}"
    );
}

#[test]
fn another_file_of_the_export_named_alone_says_where_the_activities_are() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("DI_CONNECT/DI-Connect-User");
    std::fs::create_dir_all(&folder).unwrap();
    write(&folder, "user_profile.json", r#"{ "userName" : "runner" }"#);
    let out = concur_in(dir.path())
        .args([
            "analyze",
            "DI_CONNECT/DI-Connect-User/user_profile.json",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--no-config",
        ])
        .output()
        .unwrap();
    let message = one_error(&out, "a profile named alone");
    assert!(message.contains("user_profile.json"), "{message}");
    assert!(
        message.contains("DI-Connect-Fitness/*_summarizedActivities.json"),
        "{message}"
    );
}

#[test]
fn a_summary_cut_short_stops_naming_the_file_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let summary = read_bytes(&fixture(SUMMARY));
    write(
        dir.path(),
        "cut_summarizedActivities.json",
        &summary[..summary.len() / 3],
    );
    let out = concur_in(dir.path())
        .args([
            "analyze",
            "cut_summarizedActivities.json",
            "--goal",
            "strength",
            "--tz",
            TZ,
            "--no-config",
        ])
        .output()
        .unwrap();
    let message = one_error(&out, "a summary cut short");
    assert!(
        message.contains("cut_summarizedActivities.json:"),
        "{message}"
    );
    assert!(message.contains("cut short"), "{message}");
}
