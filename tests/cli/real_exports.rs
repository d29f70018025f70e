//! Every real export in ../shared/real-exports (files written by the apps themselves, kept beside
//! the project) must import with the right format, give sessions, and never crash. The folder is
//! not part of the repository: where it is missing, the test says so and passes.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{concur_at_root, manifest_dir};

fn real_exports() -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/real-exports");
    dir.is_dir().then_some(dir)
}

fn csv_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|x| {
                        ["csv", "json", "fit", "gpx", "tcx", "xml"]
                            .iter()
                            .any(|e| x == *e)
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// What an app's exports hold: lifting, cardio, or both (the real files of each have them).
#[derive(Clone, Copy, PartialEq)]
enum Holds {
    Lifting,
    Cardio,
    Both,
    /// One activity a file, of any kind; the folder's files together hold lifting and cardio.
    Either,
}

/// The kinds of session each app's real exports must give: a lifting app's file without
/// lifting, or a tracker's without cardio, is a misread, however cleanly it imports.
const HOLDS: &[(&str, Holds)] = &[
    ("strong", Holds::Lifting),
    ("hevy", Holds::Lifting),
    ("fitnotes", Holds::Lifting),
    ("fitbod", Holds::Both),
    ("strava", Holds::Cardio),
    ("garmin", Holds::Cardio),
    ("peloton", Holds::Cardio),
    ("concept2", Holds::Cardio),
    ("runkeeper", Holds::Cardio),
    ("trainingpeaks", Holds::Both),
    ("whoop", Holds::Cardio),
    ("apple-health", Holds::Cardio),
    ("fit", Holds::Either),
    ("gpx", Holds::Cardio),
    ("tcx", Holds::Cardio),
    ("apple-health-xml", Holds::Cardio),
];

/// The apps concur reads, by the folder their exports are in and the format name it reports.
const SUPPORTED: &[(&str, &str)] = &[
    ("strong", "strong"),
    ("hevy", "hevy"),
    ("fitnotes", "fitnotes"),
    ("strava", "strava"),
    ("garmin", "garmin"),
    ("fitbod", "fitbod"),
    ("peloton", "peloton"),
    ("concept2", "concept2"),
    ("runkeeper", "runkeeper"),
    ("trainingpeaks", "trainingpeaks"),
    ("whoop", "whoop"),
    ("apple-health", "healthexport"),
    ("fit", "fit"),
    ("gpx", "gpx"),
    ("tcx", "tcx"),
    ("apple-health-xml", "apple-health"),
];

fn analyze(file: &Path) -> std::process::Output {
    concur_at_root()
        .args([
            "analyze",
            "--goal",
            "general",
            "--tz",
            "Europe/Berlin",
            "--format",
            "json",
        ])
        .arg(file)
        .output()
        .unwrap()
}

#[test]
fn every_real_export_of_a_supported_app_imports() {
    let Some(root) = real_exports() else {
        eprintln!("skipped: ../shared/real-exports is not here");
        return;
    };
    let mut checked = 0;
    for (folder, format) in SUPPORTED {
        let (mut folder_strength, mut folder_cardio) = (0, 0);
        for file in csv_files(&root.join(folder)) {
            let out = analyze(&file);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success(),
                "{}: exit {:?}: {stderr}",
                file.display(),
                out.status.code()
            );
            let report: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                report["files"][0]["format"],
                *format,
                "{} read as the wrong format",
                file.display()
            );
            let sessions = report["summary"]["sessions"].as_u64().unwrap();
            let skipped = report["summary"]["skipped_rows"].as_u64().unwrap();
            assert!(sessions > 0, "{}: no sessions", file.display());
            // A few odd rows are real life; many mean the importer misreads the format.
            assert!(
                skipped * 10 <= sessions,
                "{}: {skipped} rows skipped for {sessions} sessions",
                file.display()
            );
            // The report keeps its contract, and the sessions are of the kinds the app logs,
            // with few left as `other` (a name no table or word list knows).
            crate::common::contract::assert_contract(&report, "Europe/Berlin", 0);
            let count = |kind: &str| report["summary"][kind].as_u64().unwrap();
            let (strength, cardio, other) = (
                count("strength_sessions"),
                count("cardio_sessions"),
                count("other_sessions"),
            );
            let holds = HOLDS
                .iter()
                .find(|(f, _)| f == folder)
                .map(|(_, h)| *h)
                .expect("every supported folder says what it holds");
            if matches!(holds, Holds::Lifting | Holds::Both) {
                assert!(strength > 0, "{}: no lifting", file.display());
            }
            if matches!(holds, Holds::Cardio | Holds::Both) {
                assert!(cardio > 0, "{}: no cardio", file.display());
            }
            folder_strength += strength;
            folder_cardio += cardio;
            // Sessions left `other` because no table or word list knows their name (not yoga or
            // yard work, which are other by name): a few are real life, many a misread.
            let unknown: Vec<String> = crate::common::warnings_text(&report)
                .iter()
                .filter_map(|w| {
                    w.strip_prefix("not recognised as strength or cardio, shown as other: ")
                })
                .flat_map(|names| {
                    let names = names.split(" (give a `modality`").next().unwrap_or(names);
                    names.split(", ").map(str::to_string).collect::<Vec<_>>()
                })
                .collect();
            let unknown_sessions = report["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["modality"] == "other")
                .filter(|s| {
                    unknown
                        .iter()
                        .any(|n| s["title"].as_str() == Some(n.as_str()))
                })
                .count() as u64;
            assert!(
                unknown_sessions * 10 <= sessions,
                "{}: {unknown_sessions} of {sessions} sessions of names concur does not know: {unknown:?}",
                file.display()
            );
            eprintln!(
                "{}: {format}, {sessions} sessions ({strength} strength, {cardio} cardio, {other} other), {skipped} skipped",
                file.display()
            );
            checked += 1;
        }
        let holds = HOLDS.iter().find(|(f, _)| f == folder).map(|(_, h)| *h);
        if holds == Some(Holds::Either) && root.join(folder).is_dir() {
            assert!(
                folder_strength > 0 && folder_cardio > 0,
                "{folder}: the files hold {folder_strength} strength and {folder_cardio} cardio sessions"
            );
        }
    }
    assert!(
        checked > 0,
        "the folder is there but holds no export of a supported app"
    );
}

#[test]
fn exports_of_other_apps_get_a_clear_answer_never_a_crash() {
    let Some(root) = real_exports() else {
        eprintln!("skipped: ../shared/real-exports is not here");
        return;
    };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            !SUPPORTED.iter().any(|(f, _)| *f == name)
        })
        .collect();
    folders.sort();
    for folder in folders {
        for file in csv_files(&folder) {
            let out = analyze(&file);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                matches!(out.status.code(), Some(0) | Some(2)),
                "{}: exit {:?}",
                file.display(),
                out.status.code()
            );
            assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
            if out.status.code() == Some(2) {
                assert!(
                    stderr.starts_with("concur: ") && stderr.contains(&*file.to_string_lossy()),
                    "{}: the error must name the file: {stderr}",
                    file.display()
                );
            }
        }
    }
}

/// A FIT file of several sessions (Garmin's multisport: a ride, then lifting; lifting, a run,
/// lifting again) gives each as its own session, in order, the lifting with its exercises.
#[test]
fn a_multisport_fit_file_gives_each_of_its_sessions() {
    let Some(root) = real_exports() else {
        eprintln!("skipped: ../shared/real-exports is not here");
        return;
    };
    for (file, kinds) in [
        (
            "fit/jarkko__fit-analyzer__20744294788_ACTIVITY.fit",
            &["cardio", "strength"][..],
        ),
        (
            "fit/jarkko__fit-analyzer__20555050352_ACTIVITY.fit",
            &["strength", "cardio", "strength"][..],
        ),
    ] {
        let path = root.join(file);
        if !path.is_file() {
            continue;
        }
        let out = analyze(&path);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        // Each session by the line that stands for its number in the file, and its modality (a
        // session of sets may be cut in blocks; its first block's modality is its own).
        let mut seen: Vec<(u64, String)> = Vec::new();
        for s in report["sessions"].as_array().unwrap() {
            let line = s["line"].as_u64().unwrap();
            if seen.last().is_none_or(|(l, _)| *l != line) {
                seen.push((line, s["modality"].as_str().unwrap().to_string()));
            }
        }
        let lines: Vec<u64> = seen.iter().map(|(l, _)| *l).collect();
        let expected_lines: Vec<u64> = (1..=kinds.len() as u64).collect();
        assert_eq!(lines, expected_lines, "{file}");
        let found: Vec<&str> = seen.iter().map(|(_, m)| m.as_str()).collect();
        // The lifting may open with a short cardio block (a jump rope); the ride or run may not.
        for (i, (kind, got)) in kinds.iter().zip(&found).enumerate() {
            if *kind == "cardio" {
                assert_eq!(got, kind, "{file}: session {}", i + 1);
            }
        }
        let lifting = report["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["modality"] == "strength")
            .count();
        assert!(
            lifting >= kinds.iter().filter(|k| **k == "strength").count(),
            "{file}"
        );
    }
}
