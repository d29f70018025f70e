//! `concur rules`: the rule tables with their sources, and the evidence notes.

mod common;

use std::collections::BTreeSet;

use common::contract::{PAIR_RULES, WEEK_RULES};
use common::*;

/// The rule ids in the first column of the tables (`│ S1   ┆ ...`).
fn listed_ids(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| {
            let first = line.strip_prefix('│')?.split('┆').next()?.trim();
            let b = first.as_bytes();
            (b.len() == 2 && b[0].is_ascii_uppercase() && b[1].is_ascii_digit())
                .then(|| first.to_string())
        })
        .collect()
}

fn rules(args: &[&str]) -> String {
    let out = concur().arg("rules").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8 output")
}

#[test]
fn rules_lists_all_sixteen_rules_and_the_evidence() {
    let text = rules(&[]);
    let want: BTreeSet<String> = PAIR_RULES
        .iter()
        .chain(WEEK_RULES.iter())
        .map(|s| s.to_string())
        .collect();
    assert_eq!(listed_ids(&text), want);
    // Pair rules are listed in the order they are tried.
    let order: Vec<usize> = PAIR_RULES
        .iter()
        .map(|id| text.find(&format!("│ {id} ")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "GUIDANCE.md order");
    // The nuance the guidance asks for.
    assert!(text.contains("Schumann"), "the 2022 meta-analysis is cited");
    assert!(text.contains("not \"kills gains\""), "{text}");
    assert!(text.contains("Ogasawara"), "the rat study caveat");
    // Every goal is explained, and the thresholds in force are shown.
    for goal in GOALS {
        assert!(text.contains(goal), "goal {goal}");
    }
    assert!(text.contains("back-to-back <= 30 min"), "{text}");
}

#[test]
fn rules_for_endurance_show_only_its_rules() {
    let text = rules(&["--goal", "endurance"]);
    let ids = listed_ids(&text);
    for id in ["S1", "E1", "E2", "E3", "E4", "B3"] {
        assert!(ids.contains(id), "{id} applies to endurance: {ids:?}");
    }
    for id in ["W1", "W2", "W3", "W4", "L1", "H1", "H2", "G1", "B1", "B2"] {
        assert!(!ids.contains(id), "{id} does not apply to endurance");
    }
    assert!(
        text.contains("Schumann"),
        "the evidence notes are always shown"
    );
}

#[test]
fn rules_for_fat_loss_include_b1_not_b2() {
    let ids = listed_ids(&rules(&["--goal", "fat-loss"]));
    assert!(ids.contains("B1") && ids.contains("L1") && ids.contains("W4"));
    assert!(!ids.contains("B2") && !ids.contains("E1"));
}

#[test]
fn rules_show_a_changed_threshold() {
    let text = rules(&["--back-to-back", "45"]);
    assert!(text.contains("back-to-back <= 45 min"), "{text}");
}
