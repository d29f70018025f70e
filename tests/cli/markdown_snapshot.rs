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
fn markdown_for_the_whole_month_and_a_partial_range() {
    for (goal, extra, starts, says, snapshot) in [
        (
            "strength",
            &[][..],
            "# concur report: strength goal",
            &["score **72.2** / 100", "| **conflict** | W4 |"][..],
            "markdown_strength",
        ),
        // A partial range marks the cut week.
        (
            "endurance",
            &["--since", "2024-03-13", "--until", "2024-03-24"],
            "",
            &["| 2024-W11 (part) |"],
            "markdown_endurance_partial",
        ),
    ] {
        let text = markdown(goal, extra);
        assert!(text.starts_with(starts), "{text}");
        for part in says {
            assert!(text.contains(part), "{part:?} in {text}");
        }
        assert_tables_are_well_formed(&text);
        insta::assert_snapshot!(snapshot, text);
    }
}
