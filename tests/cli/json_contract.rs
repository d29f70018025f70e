//! The JSON report of `sample-data/month.csv`, checked against the contract of
//! docs/json-report.md field by field, and some verdicts a person can check by reading the
//! sample file.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::contract::assert_contract;
use crate::common::*;

fn pair_on(report: &Value, date: &str) -> Value {
    let d = day(report, date);
    let pairs = d["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{date} has one pair: {d}");
    pairs[0].clone()
}

#[test]
fn sample_report_follows_the_contract_for_strength() {
    let r = sample_json("strength");
    assert_contract(&r, TZ, 0);

    assert_eq!(r["goal"], "strength");
    assert_eq!(r["timezone"], "Europe/Berlin");
    assert_eq!(r["range"]["from"], "2024-03-04");
    assert_eq!(r["range"]["to"], "2024-04-13");

    // Every one of the 36 data rows (lines 2 to 37) is one session, traced to its line.
    let sessions = sessions(&r);
    assert_eq!(sessions.len(), 36);
    let mut lines: Vec<u64> = sessions
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect();
    lines.sort_unstable();
    assert_eq!(lines, (2..=37).collect::<Vec<u64>>());
    for s in sessions {
        assert_eq!(s["file"], SAMPLE, "file is the path as given");
        assert_eq!(s["time_known"], true, "every sample row has a time of day");
    }

    // The first row: 2024-03-04 07:00, 35 min easy run (RPE 3), before the March DST change.
    let first = &sessions[0];
    assert_eq!(first["start"], "2024-03-04T07:00:00+01:00");
    assert_eq!(first["end"], "2024-03-04T07:35:00+01:00");
    assert_eq!(first["date"], "2024-03-04");
    assert_eq!(first["modality"], "cardio");
    assert_eq!(first["intensity"], "easy");
    assert_eq!(first["minutes"], 35.0);
    assert_eq!(first["leg_day"], false);
    assert_eq!(first["title"], "Easy run");
    assert_eq!(first["line"], 2);
    assert_eq!(first["estimated_end"], false);
    // After 2024-03-31 Berlin is on summer time.
    let april = sessions
        .iter()
        .find(|s| s["date"] == "2024-04-01")
        .expect("a session on 2024-04-01");
    assert_eq!(april["start"], "2024-04-01T18:00:00+02:00");

    // The yoga rows are `other`; the 5 March leg day is a leg day.
    let yoga: Vec<&Value> = sessions
        .iter()
        .filter(|s| s["modality"] == "other")
        .collect();
    assert_eq!(yoga.len(), 2);
    assert!(
        yoga.iter()
            .all(|s| s["title"].as_str().unwrap().contains("oga"))
    );
    let leg = sessions
        .iter()
        .find(|s| s["title"] == "Leg day: squat and deadlift")
        .unwrap();
    assert_eq!(leg["leg_day"], true);
    assert_eq!(leg["modality"], "strength");

    // Verdicts a person can check from the sample:
    // 12 March: 45 min intervals at 18:00, push day at 19:00 -> cardio first, hard: W4 conflict.
    let p = pair_on(&r, "2024-03-12");
    assert_eq!(
        (&p["first"], &p["second"], &p["rule"], &p["verdict"]),
        (
            &Value::from("cardio"),
            &Value::from("strength"),
            &Value::from("W4"),
            &Value::from("conflict")
        )
    );
    assert_eq!(p["gap_minutes"], 15);
    assert_eq!(p["gap_class"], "back-to-back");
    assert_eq!(day(&r, "2024-03-12")["verdict"], "conflict");
    assert_eq!(day(&r, "2024-03-12")["order"], "cardio_first");
    // 5 March: leg day 17:30-18:40, tempo run 18:45 -> L1 caution, 5 min apart.
    let p = pair_on(&r, "2024-03-05");
    assert_eq!(
        (p["rule"].as_str(), p["verdict"].as_str()),
        (Some("L1"), Some("caution"))
    );
    assert_eq!(p["gap_minutes"], 5);
    assert_eq!(day(&r, "2024-03-05")["order"], "strength_first");
    // 4 March: run at 07:00-07:35, lift at 18:00 -> 625 min, separated, S1.
    let p = pair_on(&r, "2024-03-04");
    assert_eq!(p["gap_minutes"], 625);
    assert_eq!(p["gap_class"], "separated");
    assert_eq!(p["rule"], "S1");
    assert_eq!(p["verdict"], "aligned");
    // 11 March: 12 min easy elliptical, lift 3 min later -> W3 warm-up, aligned.
    let p = pair_on(&r, "2024-03-11");
    assert_eq!(
        (p["rule"].as_str(), p["gap_minutes"].as_i64()),
        (Some("W3"), Some(3))
    );
    // 14 March: lift, then a 50 min spin -> long cardio after lifting: W1 caution.
    assert_eq!(pair_on(&r, "2024-03-14")["rule"], "W1");
    // 6 March: only yoga.
    assert_eq!(day(&r, "2024-03-06")["order"], "other_only");
    assert_eq!(day(&r, "2024-03-06")["verdict"], "none");
    // 7 March: only a ride.
    assert_eq!(day(&r, "2024-03-07")["order"], "cardio_only");

    // Whole month: 9 pairs, 5 aligned, 3 caution, 1 conflict -> 100 x 6.5 / 9 = 72.2.
    let sm = &r["summary"];
    assert_eq!(sm["sessions"], 36);
    assert_eq!(sm["strength_sessions"], 13);
    assert_eq!(sm["cardio_sessions"], 21);
    assert_eq!(sm["pairs"], 9);
    assert_eq!(sm["concurrent_days"], 9);
    assert_eq!(
        (&sm["aligned"], &sm["caution"], &sm["conflict"]),
        (&Value::from(5), &Value::from(3), &Value::from(1))
    );
    assert_eq!(sm["score"], 72.2);
    assert_eq!(sm["separate_day_switches"], 7);
    // Four weeks with both kinds, each with a pair: none kept them on separate days.
    assert_eq!(sm["weeks_with_both"], 4);
    assert_eq!(sm["separate_day_weeks"], 0);
    assert_eq!(sm["skipped_rows"], 0);

    // Weeks 10 to 15; week 12 (18-24 March) has cardio only: no score, B2 for strength.
    let weeks: Vec<&str> = r["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["week"].as_str().unwrap())
        .collect();
    assert_eq!(
        weeks,
        [
            "2024-W10", "2024-W11", "2024-W12", "2024-W13", "2024-W14", "2024-W15"
        ]
    );
    let w12 = &r["weeks"][2];
    assert_eq!(w12["strength_sessions"], 0);
    assert_eq!(w12["cardio_sessions"], 4);
    assert!(w12["score"].is_null());
    assert_eq!(w12["findings"][0]["rule"], "B2");
    assert_eq!(w12["findings"][0]["verdict"], "conflict");
    assert_eq!(
        r["weeks"][0]["score"], 83.3,
        "W10: aligned, caution, aligned"
    );
    assert_eq!(
        r["weeks"][1]["score"], 50.0,
        "W11: aligned, conflict, caution"
    );
}

#[test]
fn sample_report_follows_the_contract_for_every_goal() {
    for goal in GOALS {
        let r = sample_json(goal);
        assert_eq!(r["goal"], goal);
        assert_contract(&r, TZ, 0);
        // The pairs do not depend on the goal, only their verdicts do.
        assert_eq!(r["summary"]["pairs"], 9, "{goal}");
    }
}

#[test]
fn goal_aliases_give_the_canonical_goal() {
    for (alias, goal) in [("muscle", "hypertrophy"), ("health", "general")] {
        let r = sample_json(alias);
        assert_eq!(r["goal"], goal);
    }
}

#[test]
fn the_same_sessions_in_another_zone_move_to_that_zone() {
    // The sample's times are wall-clock times: read in New York they keep their clock time
    // but carry New York's offset (EST until 10 March 2024, EDT after).
    let r = analyze_json(
        concur_at_root(),
        &[SAMPLE, "--goal", "strength", "--tz", "America/New_York"],
    );
    assert_contract(&r, "America/New_York", 0);
    assert_eq!(r["timezone"], "America/New_York");
    assert_eq!(r["sessions"][0]["start"], "2024-03-04T07:00:00-05:00");
    let s = sessions(&r)
        .iter()
        .find(|s| s["date"] == "2024-03-12")
        .unwrap();
    assert_eq!(s["start"], "2024-03-12T18:00:00-04:00");
}

#[test]
fn endurance_judges_the_same_pairs_by_its_own_rules() {
    // The same pairs, judged for endurance: 5 March is a leg day before a run (E3 conflict),
    // 12 March is cardio first (E1 aligned), 29 March ends in an 8 min easy spin (E2 aligned).
    let r = sample_json("endurance");
    assert_eq!(pair_on(&r, "2024-03-05")["rule"], "E3");
    assert_eq!(pair_on(&r, "2024-03-05")["verdict"], "conflict");
    assert_eq!(pair_on(&r, "2024-03-12")["rule"], "E1");
    assert_eq!(pair_on(&r, "2024-03-12")["verdict"], "aligned");
    assert_eq!(pair_on(&r, "2024-03-29")["rule"], "E2");
    assert_eq!(r["summary"]["score"], 55.6, "5 aligned, 4 conflict of 9");
}

/// The contract check itself must be able to fail: each tampering of a good report is caught.
#[test]
fn the_contract_check_catches_tampered_reports() {
    let good = sample_json("strength");
    type Tamper = fn(&mut Value);
    let tamperings: [(&str, Tamper); 9] = [
        ("schema", |r| r["schema"] = Value::from(2)),
        ("summary score", |r| {
            r["summary"]["score"] = Value::from(80.0)
        }),
        ("summary count", |r| {
            r["summary"]["cardio_sessions"] = Value::from(20)
        }),
        ("gap class", |r| {
            r["days"][1]["pairs"][0]["gap_class"] = Value::from("short")
        }),
        ("day verdict", |r| {
            r["days"][1]["verdict"] = Value::from("aligned")
        }),
        ("empty week dropped", |r| {
            r["weeks"].as_array_mut().unwrap().remove(2);
        }),
        ("sessions out of order", |r| {
            r["sessions"].as_array_mut().unwrap().swap(0, 1)
        }),
        ("start without offset", |r| {
            r["sessions"][0]["start"] = Value::from("2024-03-04T07:00:00")
        }),
        ("pair index", |r| {
            r["days"][1]["pairs"][0]["first_session"] = Value::from(0)
        }),
    ];
    for (name, tamper) in tamperings {
        let mut r = good.clone();
        tamper(&mut r);
        let caught = std::panic::catch_unwind(|| assert_contract(&r, TZ, 0)).is_err();
        assert!(caught, "the contract check missed: {name}");
    }
}

#[test]
fn gap_minutes_and_gap_class_agree_when_times_have_seconds() {
    // gap-rounding.csv: a lift ending 12:00:00 and a run at 17:59:40 (5 h 59 min 40 s), and a
    // run ending 07:30:00 before a lift at 08:00:20 (30 min 20 s).
    let r = fixture_json("gap-rounding.csv", "strength", &[]);
    for (date, p) in pairs(&r) {
        let gap = p["gap_minutes"].as_i64().unwrap();
        let want = if gap <= 30 {
            "back-to-back"
        } else if gap < 360 {
            "short"
        } else {
            "separated"
        };
        assert_eq!(p["gap_class"], want, "{date}: {gap} min is {want}: {p}");
    }
}

/// Every key path of a report: `summary.score`, `days[].pairs[].rule`, ...
fn key_paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                key_paths(v, &path, out);
                out.insert(path);
            }
        }
        Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// docs/json-report.md names every field the report has, and names no field it does not: the
/// page cannot fall behind the program.
#[test]
fn docs_json_report_md_names_every_field() {
    let doc = std::fs::read_to_string(manifest_dir().join("docs/json-report.md"))
        .expect("docs/json-report.md");
    // Reports with every kind of content: pairs, week findings, warnings with and without a
    // file and line, partial weeks, every app's export.
    let mut reports: Vec<Value> = GOALS.iter().map(|goal| sample_json(goal)).collect();
    reports.push(analyze_json(
        concur_at_root(),
        &[
            "sample-data",
            "--goal",
            "general",
            "--tz",
            TZ,
            "--since",
            "2024-03-06",
        ],
    ));
    let mut paths = BTreeSet::new();
    for report in &reports {
        key_paths(report, "", &mut paths);
    }
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| !doc.contains(&format!("`{p}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/json-report.md does not describe these fields of the JSON report: {missing:?}"
    );
    // The first column of the field tables names only fields the report has.
    let documented: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    assert!(documented.len() >= paths.len(), "{documented:?}");
    for field in documented {
        assert!(
            paths.contains(field),
            "docs/json-report.md describes `{field}`, which the JSON report does not have"
        );
    }
}
