//! The terminal report of the sample month. Tests do not run on a terminal, so the table is
//! 100 columns wide and the output is stable.

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
fn table_for_strength() {
    let text = table("strength");
    assert_fits(&text, 100);
    // What a reader checks first, independent of the snapshot.
    assert!(text.contains("goal strength"));
    assert!(text.contains("Score: 72.2"));
    assert!(text.contains("2024-03-12"));
    insta::assert_snapshot!("table_strength", text);
}

#[test]
fn table_for_endurance() {
    let text = table("endurance");
    assert_fits(&text, 100);
    assert!(text.contains("goal endurance"));
    assert!(text.contains("Score: 55.6"));
    insta::assert_snapshot!("table_endurance", text);
}
