//! The Markdown report of the sample month, as a person pastes it into notes: checked for what a
//! reader looks at first, and snapshotted whole.

use crate::common::*;

fn markdown(goal: &str, extra: &[&str]) -> String {
    let out = concur_at_root()
        .args([
            "analyze", SAMPLE, "--goal", goal, "--tz", TZ, "--format", "markdown",
        ])
        .args(extra)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8 output")
}

/// Every table row has as many cells as its header: a stray `|` in a title would break it.
fn assert_tables_are_well_formed(text: &str) {
    let mut columns = None;
    for line in text.lines() {
        if line.starts_with('|') {
            let cells = line.replace("\\|", "").matches('|').count();
            match columns {
                None => columns = Some(cells),
                Some(n) => assert_eq!(n, cells, "ragged table row: {line}"),
            }
        } else {
            columns = None;
        }
    }
}

#[test]
fn markdown_for_strength() {
    let text = markdown("strength", &[]);
    assert!(text.starts_with("# concur report: strength goal"));
    assert!(text.contains("score **72.2** / 100"));
    assert!(text.contains("| **conflict** | W4 |"));
    assert_tables_are_well_formed(&text);
    insta::assert_snapshot!("markdown_strength", text);
}

#[test]
fn markdown_for_a_partial_range_marks_the_cut_week() {
    let text = markdown(
        "endurance",
        &["--since", "2024-03-13", "--until", "2024-03-24"],
    );
    assert!(text.contains("| 2024-W11 (part) |"), "{text}");
    assert_tables_are_well_formed(&text);
    insta::assert_snapshot!("markdown_endurance_partial", text);
}
