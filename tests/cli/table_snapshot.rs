//! The terminal report of the sample month. Tests do not run on a terminal, so the table is
//! 80 columns wide (the width for an unknown terminal) and the output is stable.

use crate::common::*;

fn table(goal: &str) -> String {
    let out = concur_at_root()
        .args(["analyze", SAMPLE, "--goal", goal, "--tz", TZ])
        .assert()
        .success();
    assert!(out.get_output().stderr.is_empty());
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8 output")
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        if line.starts_with(['┌', '│', '╞', '└', '├']) {
            assert!(
                line.chars().count() <= width,
                "table line wider than {width}: {line}"
            );
        }
    }
}

#[test]
fn table_for_each_goal() {
    for (goal, says, snapshot) in [
        (
            "strength",
            &["goal strength", "Score: 72.2", "2024-03-12"][..],
            "table_strength",
        ),
        (
            "endurance",
            &["goal endurance", "Score: 55.6"],
            "table_endurance",
        ),
    ] {
        let text = table(goal);
        assert_fits(&text, 80);
        // What a reader checks first, independent of the snapshot.
        for part in says {
            assert!(text.contains(part), "{goal}: {part:?}");
        }
        insta::assert_snapshot!(snapshot, text);
    }
}
