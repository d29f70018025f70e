//! Every rule id of docs/rules.md shows up in the JSON report of the sample month for some goal,
//! on the dates a person reading `sample-data/month.csv` would expect.
//!
//! The nine pairs of the sample, read by hand (times in Europe/Berlin):
//! - 03-04 easy run 07:00-07:35, upper body 18:00          -> 625 min apart: S1
//! - 03-05 leg day 17:30-18:40, tempo run 18:45             -> leg day, hard cardio
//! - 03-08 pull day 17:00-17:55, 15 min easy treadmill jog  -> lifting first, short easy cardio
//! - 03-11 12 min easy elliptical, upper body 3 min later   -> warm-up before lifting
//! - 03-12 45 min intervals 18:00, push day 19:00           -> hard cardio first
//! - 03-14 full body 17:00-18:00, 50 min moderate spin      -> long cardio after lifting
//! - 03-27 hill repeats 07:00-07:40, upper body 17:00       -> 560 min apart: S1
//! - 03-29 leg day 17:00-18:05, 8 min easy cool-down spin   -> cool-down after lifting
//! - 04-11 upper body 17:00-17:45, threshold run 17:50      -> hard cardio after lifting
//!
//! Week 12 (18-24 March) has cardio only; week 14 (1-7 April) strength and yoga only.

use std::collections::BTreeSet;

use crate::common::contract::{PAIR_RULES, WEEK_RULES};
use crate::common::*;
use serde_json::Value;

/// (date, rule, verdict) of every pair, in date order.
fn pair_rules(r: &Value) -> Vec<(String, String, String)> {
    pairs(r)
        .into_iter()
        .map(|(date, p)| {
            (
                date,
                p["rule"].as_str().unwrap().to_string(),
                p["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// (week, rule, verdict) of every week finding.
fn week_rules(r: &Value) -> Vec<(String, String, String)> {
    r["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| {
            let week = w["week"].as_str().unwrap().to_string();
            w["findings"].as_array().unwrap().iter().map(move |f| {
                (
                    week.clone(),
                    f["rule"].as_str().unwrap().to_string(),
                    f["verdict"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

fn owned(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

type Rules = &'static [(&'static str, &'static str, &'static str)];

/// The pairs of the lifting goals (strength, hypertrophy, fat-loss): the same table.
const LIFTING_PAIRS: Rules = &[
    ("2024-03-04", "S1", "aligned"),
    ("2024-03-05", "L1", "caution"),
    ("2024-03-08", "W2", "aligned"),
    ("2024-03-11", "W3", "aligned"),
    ("2024-03-12", "W4", "conflict"),
    ("2024-03-14", "W1", "caution"),
    ("2024-03-27", "S1", "aligned"),
    ("2024-03-29", "W2", "aligned"),
    ("2024-04-11", "W1", "caution"),
];

/// For each goal: (date, rule, verdict) of every pair, (week, rule, verdict) of every week
/// finding, and what the week findings show.
const BY_GOAL: [(&str, Rules, Rules, &str); 6] = [
    // Strength uses S1, L1, W1, W2, W3, W4 and B2.
    (
        "strength",
        LIFTING_PAIRS,
        &[("2024-W12", "B2", "conflict")],
        "a week without strength is a conflict; a week without cardio is fine",
    ),
    // Hypertrophy uses the lifting rules and B2.
    (
        "hypertrophy",
        LIFTING_PAIRS,
        &[("2024-W12", "B2", "conflict")],
        "",
    ),
    // Fat loss uses the lifting rules, and B1, not B2.
    (
        "fat-loss",
        LIFTING_PAIRS,
        &[("2024-W12", "B1", "caution"), ("2024-W14", "B1", "caution")],
        "fat-loss wants both kinds every week",
    ),
    // Endurance uses S1, E1, E2, E3, E4 and B3.
    (
        "endurance",
        &[
            ("2024-03-04", "S1", "aligned"),
            // L1 is not for endurance: the leg day before the run is E3.
            ("2024-03-05", "E3", "conflict"),
            // 15 min is longer than a cool-down.
            ("2024-03-08", "E4", "conflict"),
            ("2024-03-11", "E1", "aligned"),
            ("2024-03-12", "E1", "aligned"),
            ("2024-03-14", "E4", "conflict"),
            ("2024-03-27", "S1", "aligned"),
            // 8 min easy after a leg day: the cool-down rule comes before E3.
            ("2024-03-29", "E2", "aligned"),
            ("2024-04-11", "E4", "conflict"),
        ],
        &[("2024-W14", "B3", "conflict")],
        "",
    ),
    // General uses S1, L1, G1 and B1.
    (
        "general",
        &[
            ("2024-03-04", "S1", "aligned"),
            ("2024-03-05", "L1", "caution"),
            ("2024-03-08", "G1", "aligned"),
            ("2024-03-11", "G1", "aligned"),
            ("2024-03-12", "G1", "aligned"),
            ("2024-03-14", "G1", "aligned"),
            ("2024-03-27", "S1", "aligned"),
            ("2024-03-29", "G1", "aligned"),
            ("2024-04-11", "G1", "aligned"),
        ],
        &[("2024-W12", "B1", "caution"), ("2024-W14", "B1", "caution")],
        "",
    ),
    // Hybrid uses S1, L1, H1, H2 and B1.
    (
        "hybrid",
        &[
            ("2024-03-04", "S1", "aligned"),
            ("2024-03-05", "L1", "caution"),
            ("2024-03-08", "H2", "aligned"),
            ("2024-03-11", "H2", "aligned"),
            ("2024-03-12", "H2", "aligned"),
            ("2024-03-14", "H2", "aligned"),
            ("2024-03-27", "S1", "aligned"),
            ("2024-03-29", "H2", "aligned"),
            ("2024-04-11", "H1", "caution"),
        ],
        &[("2024-W12", "B1", "caution"), ("2024-W14", "B1", "caution")],
        "",
    ),
];

#[test]
fn each_goal_fires_its_rules_on_the_expected_dates() {
    for (goal, pairs, weeks, why) in BY_GOAL {
        let r = sample_json(goal);
        assert_eq!(pair_rules(&r), owned(pairs), "{goal}: pairs");
        assert_eq!(week_rules(&r), owned(weeks), "{goal}: weeks; {why}");
    }
}

#[test]
fn all_sixteen_rule_ids_appear_for_some_goal() {
    let mut seen = BTreeSet::new();
    for goal in GOALS {
        let r = sample_json(goal);
        for (_, rule, _) in pair_rules(&r).into_iter().chain(week_rules(&r)) {
            seen.insert(rule);
        }
    }
    let all: BTreeSet<String> = PAIR_RULES
        .iter()
        .chain(WEEK_RULES.iter())
        .map(|s| s.to_string())
        .collect();
    assert_eq!(all.len(), 16);
    assert_eq!(seen, all);
}
