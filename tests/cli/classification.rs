//! Classification across languages and inside lifting workouts: names in the languages of
//! src/analysis/words.toml read as strength or cardio, conditioning moves done for reps between
//! lifts stay part of the lifting, and a name concur does not know is listed in a warning.

use serde_json::Value;

use crate::common::{TZ, concur, run_json};

fn report(file: &str) -> Value {
    let mut cmd = concur();
    cmd.args(["analyze", file, "--goal", "strength", "--tz", TZ])
        .args(["--no-config", "--format", "json"]);
    run_json(cmd)
}

/// classify/languages.csv has, for each row, its language and the modality it must get.
#[test]
fn names_in_every_language_of_the_word_lists_are_classified() {
    let text = std::fs::read_to_string(crate::common::fixture("classify/languages.csv")).unwrap();
    let expected: Vec<(String, String, String)> = text
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            (f[2].to_string(), f[3].to_string(), f[4].to_string())
        })
        .collect();
    let report = report("classify/languages.csv");
    let sessions = report["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), expected.len());
    for (session, (title, language, modality)) in sessions.iter().zip(&expected) {
        assert_eq!(session["title"], title.as_str());
        assert_eq!(
            session["modality"],
            modality.as_str(),
            "{title} ({language})"
        );
    }
    // Lower-body lifts in other languages make a leg day.
    for title in [
        "Agachamento livre",
        "Sentadilla (Barra)",
        "Isometrische Kniebeuge",
    ] {
        let session = sessions.iter().find(|s| s["title"] == title).unwrap();
        assert_eq!(session["leg_day"], true, "{title}");
    }
    assert!(
        !report["warnings"].to_string().contains("not recognised"),
        "every name is known: {}",
        report["warnings"]
    );
}

/// Mountain climbers, burpees, box jumps and kettlebell swings done for reps between squats
/// and deadlifts are one lifting session, not four; the battle ropes logged by time after the
/// lifts are cardio, and so are burpees in a workout of nothing else.
#[test]
fn conditioning_moves_for_reps_stay_part_of_the_lifting() {
    let report = report("classify/conditioning.csv");
    let got: Vec<(String, String)> = report["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap().to_string(),
                s["modality"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("2024-03-04", "strength"),
        ("2024-03-04", "cardio"),
        ("2024-03-06", "cardio"),
    ];
    assert_eq!(
        got,
        want.map(|(d, m)| (d.to_string(), m.to_string())),
        "{}",
        report["sessions"]
    );
    let lifting = &report["sessions"][0];
    assert!(lifting["leg_day"].as_bool().unwrap());
    assert_eq!(
        report["summary"]["pairs"], 1,
        "the lifting and the battle ropes"
    );
}

/// A name in no list is shown as `other`, and the warning names it.
#[test]
fn an_unknown_name_is_listed_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::write(
        dir.path(),
        "log.csv",
        "start,duration,title\n2024-03-04 07:00,40,Zorbing\n2024-03-05 18:00,60,Leg day\n",
    );
    let mut cmd = crate::common::concur_in(dir.path());
    cmd.args(["analyze", "log.csv", "--goal", "strength", "--tz", TZ])
        .args(["--no-config", "--format", "json"]);
    let out = cmd.output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["sessions"][0]["modality"], "other");
    assert!(
        crate::common::warnings_text(&report)
            .iter()
            .any(|w| w.contains("not recognised as strength or cardio, shown as other: Zorbing (")),
        "{}",
        report["warnings"]
    );
}
