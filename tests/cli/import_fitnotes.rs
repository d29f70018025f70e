//! FitNotes exports (`FitNotes_Export.csv`) through the real binary: the JSON report a user
//! would check for each header variant in tests/fixtures/fitnotes/ and for
//! sample-data/fitnotes.csv. FitNotes logs dates without a time of day, so no pair is ever
//! judged: a day with lifting and cardio is reported with its order unknown.

use serde_json::Value;

use crate::common::{assert_fails_saying, close, column, day, root_json, sessions};

fn report(file: &str, goal: &str) -> Value {
    root_json(file, goal, &[])
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/fitnotes/{name}")
}

#[test]
fn weight_unit_column_and_a_day_of_lifting_and_cardio() {
    let r = report(&fixture("weight-unit.csv"), "strength");
    assert_eq!(r["files"][0]["format"], "fitnotes");
    assert_eq!(r["summary"]["skipped_rows"], 0);
    assert_eq!(
        column(&r, "date"),
        [
            "2024-03-04",
            "2024-03-05",
            "2024-03-05",
            "2024-03-07",
            "2024-03-09"
        ]
    );
    assert_eq!(
        column(&r, "modality"),
        ["strength", "strength", "cardio", "cardio", "cardio"]
    );
    for s in sessions(&r) {
        assert_eq!(s["time_known"], false, "FitNotes has no time of day: {s}");
    }
    // The unquoted comma in "Overhead Press (Seated, Dumbbells)" stays in the name.
    assert_eq!(
        sessions(&r)[0]["title"],
        "Flat Barbell Bench Press, Overhead Press (Seated, Dumbbells) +1"
    );
    assert_eq!(sessions(&r)[1]["leg_day"], true);
    // The treadmill's logged time; a day of timed sets lasts their sum.
    assert_eq!(column(&r, "minutes")[2..], [18.0, 25.0, 30.0]);
    // "Arc Trainer" is a name concur does not know: its distance and time make it cardio.
    assert_eq!(sessions(&r)[3]["title"], "Arc Trainer");
    let unknown = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["message"].as_str().unwrap().contains("Arc Trainer"));
    assert!(
        !unknown,
        "no warning about an unknown name: {}",
        r["warnings"]
    );

    // Lifting and cardio on 5 March, but without times their order is unknown: no pair.
    let mixed = day(&r, "2024-03-05");
    assert_eq!(mixed["order"], "unknown");
    assert_eq!(mixed["pairs"].as_array().unwrap().len(), 0);
    assert_eq!(r["summary"]["pairs"], 0);
    let said = r["warnings"].as_array().unwrap().iter().any(|w| {
        let m = w["message"].as_str().unwrap();
        m.starts_with("2024-03-05") && m.contains("order is unknown")
    });
    assert!(
        said,
        "the report says why 5 March has no pair: {}",
        r["warnings"]
    );
}

#[test]
fn weight_in_pounds_in_the_header_and_miles() {
    let r = report(&fixture("weight-lbs.csv"), "strength");
    assert_eq!(r["files"][0]["format"], "fitnotes");
    assert_eq!(
        column(&r, "modality"),
        ["strength", "cardio", "strength", "cardio"]
    );
    assert_eq!(sessions(&r)[0]["leg_day"], true, "deadlifts");
    // 2 miles on the treadmill with no time: 3.22 km at a plain 6 min/km.
    let run = &sessions(&r)[3];
    assert_eq!(run["date"], "2024-03-13");
    assert!(close(&run["minutes"], 19.3), "{run}");
}

#[test]
fn weight_in_kilograms_in_the_header_and_metres() {
    let r = report(&fixture("weight-kgs.csv"), "endurance");
    assert_eq!(r["files"][0]["format"], "fitnotes");
    assert_eq!(column(&r, "modality"), ["strength", "cardio"]);
    assert_eq!(sessions(&r)[1]["title"], "Rowing Machine");
    assert!(close(&sessions(&r)[1]["minutes"], 8.17));
}

#[test]
fn sample_data_one_week() {
    let r = report("sample-data/fitnotes.csv", "general");
    assert_eq!(r["files"][0]["format"], "fitnotes");
    assert_eq!(r["range"]["from"], "2024-04-15");
    assert_eq!(r["range"]["to"], "2024-04-21");
    assert_eq!(r["summary"]["strength_sessions"], 4);
    assert_eq!(r["summary"]["cardio_sessions"], 3);
    assert_eq!(r["summary"]["pairs"], 0);
    let run = &sessions(&r)[1];
    assert_eq!(run["title"], "Running (Outdoor)");
    assert!(close(&run["minutes"], 34.17), "{run}");
    assert_eq!(day(&r, "2024-04-17")["order"], "unknown");
}

#[test]
fn bad_files_name_what_is_wrong() {
    for (file, parts) in [
        // A bad distance unit names line and column.
        (
            "bad-unit.csv",
            &[
                "bad-unit.csv:3: column 8 (Distance Unit): expected a distance unit",
                "found \"leagues\"",
            ][..],
        ),
        // A header without Category is named as FitNotes.
        (
            "near-miss.csv",
            &["a FitNotes export", "no 'Category' column"],
        ),
    ] {
        assert_fails_saying(&fixture(file), "strength", parts);
    }
}
