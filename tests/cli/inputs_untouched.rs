//! A run never changes the files it reads.

use crate::common::*;

#[test]
fn analyze_leaves_its_input_files_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "set-log.csv",
        "sessions.json",
        "wrapped.json",
        "semicolon.csv",
        "bom-crlf.csv",
        "empty.csv",
        "dst.csv",
        "empty-start.csv",
    ];
    let mut paths = Vec::new();
    for name in names {
        let to = dir.path().join(name);
        std::fs::copy(fixture(name), &to).unwrap();
        paths.push(to);
    }
    let sample = dir.path().join("month.csv");
    std::fs::copy(manifest_dir().join(SAMPLE), &sample).unwrap();
    paths.push(sample);
    let before: Vec<Vec<u8>> = paths.iter().map(|p| read_bytes(p)).collect();

    for format in ["json", "table"] {
        let mut cmd = concur();
        cmd.current_dir(dir.path())
            .arg("analyze")
            .args(&paths)
            .args(["--goal", "hybrid", "--tz", TZ, "--format", format]);
        cmd.assert().success();
    }
    // A failing run (a bad file after good ones) does not touch the good ones either.
    let mut cmd = concur();
    cmd.arg("analyze")
        .args(&paths)
        .arg(fixture("bad-rpe.csv"))
        .args(["--goal", "strength", "--tz", TZ, "--strict"]);
    cmd.assert().code(2);

    for (path, old) in paths.iter().zip(&before) {
        assert_eq!(
            &read_bytes(path),
            old,
            "{} changed during the run",
            path.display()
        );
    }
    // And nothing new appeared next to them.
    let entries = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(
        entries,
        paths.len(),
        "no files were created beside the inputs"
    );
}
