//! `concur rules`: the rule tables with their sources, and the evidence notes.

use std::collections::BTreeSet;

use crate::common::contract::{PAIR_RULES, WEEK_RULES};
use crate::common::*;

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
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "the order they are tried in"
    );
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

/// For a goal, rule ids `concur rules --goal` lists, and ids it leaves out.
const BY_GOAL: [(&str, &[&str], &[&str]); 2] = [
    // Endurance shows only its rules.
    (
        "endurance",
        &["S1", "E1", "E2", "E3", "E4", "B3"],
        &["W1", "W2", "W3", "W4", "L1", "H1", "H2", "G1", "B1", "B2"],
    ),
    // Fat loss includes B1, not B2.
    ("fat-loss", &["B1", "L1", "W4"], &["B2", "E1"]),
];

#[test]
fn rules_for_a_goal_show_only_its_rules() {
    for (goal, shown, left_out) in BY_GOAL {
        let text = rules(&["--goal", goal]);
        let ids = listed_ids(&text);
        for id in shown {
            assert!(ids.contains(*id), "{id} applies to {goal}: {ids:?}");
        }
        for id in left_out {
            assert!(!ids.contains(*id), "{id} does not apply to {goal}");
        }
        assert!(
            text.contains("Schumann"),
            "{goal}: the evidence notes are always shown"
        );
    }
}

#[test]
fn rules_show_a_changed_threshold() {
    let text = rules(&["--back-to-back", "45"]);
    assert!(text.contains("back-to-back <= 45 min"), "{text}");
}

/// docs/rules.md is exactly what `concur rules --format markdown --no-config` prints, so the
/// page and the rule table in the code cannot disagree.
#[test]
fn docs_rules_md_is_the_markdown_output_with_no_config() {
    let page = rules(&["--format", "markdown", "--no-config"]);
    let path = manifest_dir().join("docs/rules.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    if doc != page {
        let line = doc
            .lines()
            .zip(page.lines())
            .position(|(a, b)| a != b)
            .map_or(doc.lines().count().min(page.lines().count()), |n| n)
            + 1;
        panic!(
            "docs/rules.md is out of date; run `cargo run -- rules --format markdown --no-config > docs/rules.md` \
             (first difference at line {line})"
        );
    }
}

#[test]
fn rules_as_markdown_follow_the_goal_and_the_thresholds_in_force() {
    let page = rules(&[
        "--format",
        "markdown",
        "--no-config",
        "--goal",
        "endurance",
        "--separation-hours",
        "4",
    ]);
    assert!(
        page.contains("| `E3` |") && page.contains("| `B3` |"),
        "{page}"
    );
    assert!(
        !page.contains("| `W1` |") && !page.contains("| `B1` |"),
        "{page}"
    );
    assert!(
        page.contains("(>= 4 h, same day)"),
        "S1's condition: {page}"
    );
    assert!(
        page.contains("| in force |"),
        "a changed threshold is shown: {page}"
    );
    assert!(page.contains("## Sources"), "{page}");
}

/// The rules speak of the thresholds in force, in their conditions and their reasons alike, on
/// `concur rules` and on the HTML page; no placeholder is left.
#[test]
fn rules_show_the_thresholds_in_force() {
    let out = concur_at_root()
        .args(["rules", "--no-config", "--separation-hours", "4"])
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("long or hard cardio belongs >= 4 h away"),
        "{text}"
    );
    assert!(
        !text.contains("{sep}") && !text.contains("{long}"),
        "{text}"
    );
    let page = concur_at_root()
        .args([
            "analyze",
            "sample-data/month.csv",
            "--goal",
            "strength",
            "--tz",
            TZ,
        ])
        .args(["--no-config", "--separation-hours", "4", "--format", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8(page.stdout).unwrap();
    assert!(!page.contains("{sep}") && !page.contains("{long}"));
    assert!(page.contains("4 h or more apart"));
}
