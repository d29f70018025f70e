//! Exports of two apps merged into one timeline: a Strong workout and the Garmin "Strength
//! Training" activity recorded alongside it are one session, and the lifting app's detail (a
//! leg day) survives the merge; the same export given twice counts once.

use serde_json::Value;

use crate::common::{TZ, analyze_json, concur};

/// `concur analyze FILES --goal strength` with Garmin's heart rates, run in tests/fixtures, where
/// `merge/` holds the exports.
fn report(files: &[&str]) -> Value {
    let paths: Vec<String> = files.iter().map(|f| format!("merge/{f}")).collect();
    let mut args = vec!["--goal", "strength", "--tz", TZ, "--no-config"];
    args.extend(["--max-hr", "190"]);
    args.extend(paths.iter().map(String::as_str));
    analyze_json(concur(), &args)
}

#[test]
fn a_garmin_strength_activity_and_the_strong_workout_are_one_session() {
    let r = report(&["strong.csv", "Activities.csv"]);
    assert_eq!(r["summary"]["merged_duplicates"], 1);
    assert_eq!(r["summary"]["strength_sessions"], 2);
    assert_eq!(r["summary"]["cardio_sessions"], 2);
    let lift = &r["sessions"][0];
    assert_eq!(lift["start"], "2024-05-06T18:00:00+02:00");
    assert_eq!(lift["source"], "strong", "the richer record is kept");
    assert_eq!(lift["leg_day"], true);
    // Leg day, then a hard tempo run 5 min later: L1, not hidden by a duplicate in between.
    let monday = &r["days"][0];
    assert_eq!(monday["pairs"].as_array().unwrap().len(), 1);
    assert_eq!(monday["pairs"][0]["rule"], "L1");
    assert_eq!(monday["pairs"][0]["gap_minutes"], 5);
    let said = r["warnings"].as_array().unwrap().iter().any(|w| {
        let m = w["message"].as_str().unwrap();
        m.contains("appeared twice") && m.contains("strong.csv:2") && m.contains("Activities.csv:3")
    });
    assert!(said, "the report names the merge: {}", r["warnings"]);
}

#[test]
fn the_same_exports_given_twice_change_nothing_but_the_merge_count() {
    let once = report(&["strong.csv", "Activities.csv"]);
    let twice = report(&[
        "strong.csv",
        "Activities.csv",
        "strong.csv",
        "Activities.csv",
    ]);
    assert_eq!(twice["summary"]["sessions"], once["summary"]["sessions"]);
    assert_eq!(twice["summary"]["score"], once["summary"]["score"]);
    assert_eq!(twice["days"], once["days"]);
    assert_eq!(twice["summary"]["merged_duplicates"], 1 + 5);
}

/// Strong's local times read in the wrong zone slide against Strava's UTC times until lifting
/// and running overlap: the report says so once, and names the zone that lines them up.
#[test]
fn a_wrong_zone_is_named_with_the_one_that_lines_the_files_up() {
    let run = |tz: &str| {
        let mut cmd = crate::common::concur_at_root();
        cmd.args([
            "analyze",
            "sample-data/strong.csv",
            "sample-data/strava_activities.csv",
            "--goal",
            "strength",
            "--no-config",
            "--format",
            "json",
            "--tz",
            tz,
        ]);
        crate::common::run_json(cmd)
    };
    let zone_warnings = |r: &serde_json::Value| -> Vec<String> {
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| {
                w["message"]
                    .as_str()
                    .unwrap()
                    .contains("which no one trains")
            })
            .map(|w| w["message"].as_str().unwrap().to_string())
            .collect()
    };
    let wrong = zone_warnings(&run("Etc/UTC"));
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(
        wrong[0].contains(
            "the wall-clock times of sample-data/strong.csv were probably not logged in Etc/UTC"
        ),
        "{}",
        wrong[0]
    );
    assert!(
        wrong[0].contains("Read in Europe/Berlin (UTC+1), they line up (0 overlaps left)"),
        "{}",
        wrong[0]
    );
    assert!(
        wrong[0].contains("--tz-of sample-data/strong.csv=Europe/Berlin"),
        "{}",
        wrong[0]
    );
    assert!(zone_warnings(&run("Europe/Berlin")).is_empty());
    // Where two records overlap, the pair says so rather than showing a plain 0 min gap.
    let reasons = run("Etc/UTC")["days"].to_string();
    assert!(
        reasons.contains("then 30 min hard Tempo run overlapping it by 55 min (read as no gap)"),
        "{reasons}"
    );
}

/// The same runs exported by two apps, one writing UTC (Strava) and one local times (Garmin),
/// read in the wrong zone: they no longer overlap, so they are not merged but counted twice, an
/// hour apart. The report says so and names the zone that merges them; where only a few
/// sessions match at a shift (two routines an hour apart), it says nothing.
#[test]
fn duplicates_matched_only_at_a_whole_hour_shift_name_the_zone() {
    let run = |garmin: &std::path::Path, tz: &str| {
        let mut cmd = crate::common::concur_at_root();
        cmd.args(["analyze", "sample-data/strava_activities.csv"])
            .arg(garmin)
            .args(["--goal", "general", "--no-config", "--format", "json"])
            .args(["--tz", tz]);
        crate::common::run_json(cmd)
    };
    let zone_warnings = |r: &Value| -> Vec<String> {
        crate::common::warnings_text(r)
            .into_iter()
            .filter(|w| w.contains("wall-clock times"))
            .collect()
    };
    let garmin = crate::common::fixture("merge/garmin-same-runs.csv");
    let wrong = run(&garmin, "Etc/UTC");
    let said = zone_warnings(&wrong);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("5 sessions of ")
            && said[0].contains("garmin-same-runs.csv match sessions of another file in kind and length, whole hours apart"),
        "{}",
        said[0]
    );
    assert!(
        said[0].contains("Read in Europe/Berlin (UTC+1), they line up and are merged"),
        "{}",
        said[0]
    );
    assert_eq!(wrong["summary"]["merged_duplicates"], 0);

    let right = run(&garmin, "Europe/Berlin");
    assert!(zone_warnings(&right).is_empty());
    assert_eq!(right["summary"]["merged_duplicates"], 5);

    // Two of ten Garmin sessions an hour after a Strava one: a coincidence, not a zone.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&garmin).unwrap();
    let mut lines: Vec<String> = text.lines().take(3).map(String::from).collect();
    for day in 10..=17 {
        lines.push(
            lines[1]
                .replace("2024-03-04 07:00:00", &format!("2024-04-{day} 12:00:00"))
                .replace("Morning run", "Lunch run"),
        );
    }
    let few = dir.path().join("garmin.csv");
    std::fs::write(&few, lines.join("\n") + "\n").unwrap();
    assert!(zone_warnings(&run(&few, "Etc/UTC")).is_empty());
}
