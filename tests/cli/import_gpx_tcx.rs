//! GPX and TCX activity files through the real binary: the sessions a user reads for the
//! fixtures in tests/fixtures/gpx/ and tests/fixtures/tcx/ (a Strava GPX run with a numeric type
//! and gpxtpx heart rate, a Garmin Connect GPX ride with ns3 heart rate and a pause, a Garmin
//! TCX run of two laps, a Polar TCX ride written on one line), a watch's run beside the lifting of
//! the same day, and the errors for broken files.

use serde_json::Value;

use crate::common::{
    TZ, analyze_json, assert_fails_saying, concur_at_root, fixture_json, formats, pairs_on,
    root_json, sessions, warnings_text, write,
};

/// Each session's start, end, minutes, modality, title, intensity and what decided it.
fn summary(r: &Value) -> Vec<[String; 7]> {
    sessions(r)
        .iter()
        .map(|s| {
            [
                "start",
                "end",
                "minutes",
                "modality",
                "title",
                "intensity",
                "intensity_basis",
            ]
            .map(|k| match &s[k] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
        })
        .collect()
}

fn row(cells: [&str; 7]) -> [String; 7] {
    cells.map(str::to_string)
}

#[test]
fn gpx_files_of_strava_and_garmin_connect() {
    let r = fixture_json(
        "gpx/strava_run.gpx",
        "strength",
        &["gpx/garmin_ride.gpx", "--max-hr", "190"],
    );
    assert_eq!(formats(&r), ["gpx", "gpx"]);
    assert_eq!(r["summary"]["cardio_sessions"], 2);
    assert_eq!(r["summary"]["skipped_rows"], 0);
    assert_eq!(
        summary(&r),
        [
            // Strava's type 9 is a run; UTC times in Berlin's summer time. Its points' heart
            // rate averages 155 of 190 (81 %): hard.
            row([
                "2024-05-06T08:30:00+02:00",
                "2024-05-06T09:05:00+02:00",
                "35.0",
                "cardio",
                "Morning Run",
                "hard",
                "heart_rate",
            ]),
            // `road_biking` from Garmin Connect; the end is the last point after a 5 min pause;
            // 137 of 190 (72 %): moderate.
            row([
                "2024-05-07T18:00:00+02:00",
                "2024-05-07T18:45:00+02:00",
                "45.0",
                "cardio",
                "Potsdam Road Cycling",
                "moderate",
                "heart_rate",
            ]),
        ]
    );
    assert_eq!(r["sessions"][0]["source"], "gpx");
    assert_eq!(r["sessions"][0]["line"], 6, "the <trk> of the run");

    // Without --max-hr, the highest heart rate of the run's points is the max.
    let alone = fixture_json("gpx/strava_run.gpx", "strength", &[]);
    assert_eq!(alone["settings"]["max_hr"], 165.0);
}

#[test]
fn tcx_files_of_garmin_connect_and_polar() {
    let r = fixture_json(
        "tcx/garmin_run.tcx",
        "endurance",
        &["tcx/polar_ride.tcx", "--max-hr", "190"],
    );
    assert_eq!(formats(&r), ["tcx", "tcx"]);
    assert_eq!(
        summary(&r),
        [
            // Two laps of 15 and 17 min on the timer, and a 30 s stop: the last point is
            // 32.5 min after the start. The laps' own averages, 142 over 15 min and 160 over
            // 17 min, give 152 of 190 (80 %): hard.
            row([
                "2024-05-08T07:45:00+02:00",
                "2024-05-08T08:17:30+02:00",
                "32.5",
                "cardio",
                "Running",
                "hard",
                "heart_rate",
            ]),
            // Polar's one-line file with times to the millisecond; the planned workout's name
            // is the title, `Biking` the activity; 131 of 190 (69 %): moderate.
            row([
                "2024-05-09T18:30:00+02:00",
                "2024-05-09T19:15:00+02:00",
                "45.0",
                "cardio",
                "Indoor cycling",
                "moderate",
                "heart_rate",
            ]),
        ]
    );
    // The run's highest heart rate is its second lap's maximum.
    let run = fixture_json("tcx/garmin_run.tcx", "endurance", &[]);
    assert_eq!(run["settings"]["max_hr"], 174.0);
}

/// A watch's run (the Strava archive's file of the sample's threshold run) beside the lifting
/// app's export of the same day: one pair, and with the Strava CSV row of the same run, one
/// session.
#[test]
fn a_watch_run_beside_the_lifting_of_the_same_day() {
    let r = root_json(
        "sample-data/strong.csv",
        "strength",
        &["sample-data/strava_threshold_run.gpx"],
    );
    let pairs = pairs_on(&r, "2024-04-11");
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["first"], "strength");
    assert_eq!(pairs[0]["gap_minutes"], 5);
    // The run's heart rate (163 of the points' highest, 178) makes it hard: caution after
    // lifting.
    assert_eq!(pairs[0]["facts"]["cardio_intensity"], "hard");
    assert_eq!(pairs[0]["facts"]["intensity_basis"], "heart_rate");
    assert_eq!(pairs[0]["rule"], "W1");
    assert_eq!(pairs[0]["verdict"], "caution");

    let csv_only = root_json("sample-data/strava_activities.csv", "strength", &[]);
    let both = root_json(
        "sample-data/strava_activities.csv",
        "strength",
        &["sample-data/strava_threshold_run.gpx"],
    );
    assert_eq!(both["summary"]["sessions"], csv_only["summary"]["sessions"]);
    assert_eq!(both["summary"]["merged_duplicates"], 1);
    let run = sessions(&both)
        .iter()
        .find(|s| s["date"] == "2024-04-11")
        .unwrap();
    assert_eq!(run["source"], "gpx", "the richer record, with heart rate");
    assert_eq!(run["intensity_basis"], "heart_rate");
}

#[test]
fn a_track_without_times_is_skipped_with_a_warning() {
    let r = fixture_json("gpx/planned_route.gpx", "strength", &[]);
    assert_eq!(r["files"][0]["format"], "gpx");
    assert_eq!(r["summary"]["sessions"], 0);
    assert_eq!(r["summary"]["skipped_rows"], 1);
    let warnings = warnings_text(&r);
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "track skipped: the track 'Evening loop' has no point with a time: a route planned on a map"
        )),
        "{warnings:?}"
    );
}

#[test]
fn broken_xml_stops_with_the_file_line_and_column() {
    assert_fails_saying(
        "tests/fixtures/gpx/broken.gpx",
        "strength",
        &[
            "concur: tests/fixtures/gpx/broken.gpx:7:20: broken XML: expected </name> here, found </nam>",
        ],
    );
    assert_fails_saying(
        "tests/fixtures/tcx/cut_short.tcx",
        "strength",
        &[
            "concur: tests/fixtures/tcx/cut_short.tcx:229:13: broken XML: the file ends before </TrainingCenterDatabase>",
            "cut short",
        ],
    );
}

/// A folder's `.gpx` and `.tcx` files are read (an unpacked archive's `activities/`), whatever
/// the case of their extension.
#[test]
fn a_folder_of_activity_files() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = crate::common::fixtures_dir();
    for (from, to) in [
        ("gpx/strava_run.gpx", "11722509975.gpx"),
        ("tcx/polar_ride.tcx", "11722510135.TCX"),
    ] {
        write(dir.path(), to, std::fs::read(fixtures.join(from)).unwrap());
    }
    let r = analyze_json(
        concur_at_root(),
        &[
            dir.path().to_str().unwrap(),
            "--goal",
            "general",
            "--tz",
            TZ,
        ],
    );
    let mut formats = formats(&r);
    formats.sort_unstable();
    assert_eq!(formats, ["gpx", "tcx"]);
    assert_eq!(r["summary"]["cardio_sessions"], 2);
}
