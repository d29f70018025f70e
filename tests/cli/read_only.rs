//! concur only reads: whatever it is given (good exports, broken ones, a folder, every output
//! format, `--strict`, errors), the input files stay byte for byte the same and no file appears
//! anywhere, except the one named by `--output`.
//!
//! Each run happens in a scratch folder holding copies of the inputs, with HOME, the config
//! folder and TMPDIR inside it too; the folder's whole listing, with a checksum of every file, is
//! compared before and after.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{concur_in, manifest_dir};

/// Every file under `root`, by path relative to it, with its size and an FNV-1a checksum.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (u64, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if path.is_dir() {
                out.insert(rel.join(""), (0, 0));
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
                });
                out.insert(rel, (bytes.len() as u64, hash));
            }
        }
    }
    out
}

/// What differs between two snapshots: each path added, removed or changed.
fn differences(
    before: &BTreeMap<PathBuf, (u64, u64)>,
    after: &BTreeMap<PathBuf, (u64, u64)>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, sum) in after {
        match before.get(path) {
            None => out.push(format!("created {}", path.display())),
            Some(old) if old != sum => out.push(format!("changed {}", path.display())),
            Some(_) => {}
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        out.push(format!("removed {}", path.display()));
    }
    out
}

struct Scratch {
    dir: tempfile::TempDir,
    /// Inputs that read as a report.
    good: Vec<String>,
    /// Inputs that are an error.
    bad: Vec<String>,
    /// Inputs with rows that `--strict` refuses.
    skipping: Vec<String>,
}

impl Scratch {
    fn new() -> Scratch {
        let root = manifest_dir();
        let dir = tempfile::tempdir().unwrap();
        for sub in ["inputs", "home/.config", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let mut copy = |from: &str| {
            let name = from.replace('/', "_");
            std::fs::copy(root.join(from), dir.path().join("inputs").join(&name)).unwrap();
            format!("inputs/{name}")
        };
        let good = [
            "sample-data/month.csv",
            "sample-data/strong.csv",
            "sample-data/strava_activities.csv",
            "sample-data/hevy_workouts.csv",
            "sample-data/fitnotes.csv",
            "sample-data/garmin_activities.csv",
            "tests/fixtures/sessions.json",
            "tests/fixtures/bad/generic/utf16le-bom.txt",
            "tests/fixtures/bad/generic/latin1-semicolon.csv",
            "tests/fixtures/bad/generic/dst-gap.csv",
            "tests/fixtures/bad/generic/empty.csv",
        ]
        .map(&mut copy)
        .to_vec();
        let bad = [
            "tests/fixtures/bad/generic/garbage.bin",
            "tests/fixtures/bad/generic/open-quote.csv",
            "tests/fixtures/bad/generic/unknown-date-format.csv",
            "tests/fixtures/bad/json/object-not-array.json",
            "tests/fixtures/bad/json/truncated.json",
            "tests/fixtures/bad/strava/unknown-date.csv",
        ]
        .map(&mut copy)
        .to_vec();
        let skipping = [
            "tests/fixtures/bad/generic/too-many-fields.csv",
            "tests/fixtures/bad/generic/end-before-start.csv",
            "tests/fixtures/bad/strava/forty-days.csv",
            "tests/fixtures/bad/strava/negative-elapsed.csv",
            "tests/fixtures/bad/generic/cut-in-quoted-note.csv",
        ]
        .map(&mut copy)
        .to_vec();
        Scratch {
            dir,
            good,
            bad,
            skipping,
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `concur ARGS` in the scratch folder, with HOME, the config folder and TMPDIR in it.
    fn concur(&self, args: &[&str]) -> std::process::Output {
        let home = self.path().join("home");
        concur_in(self.path())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("TMPDIR", self.path().join("tmp"))
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs concur, checks its exit code, and that the scratch folder is exactly as it was.
    fn run_unchanged(&self, args: &[&str], codes: &[i32]) {
        let before = snapshot(self.path());
        let out = self.concur(args);
        let code = out.status.code().unwrap_or(-1);
        assert!(
            codes.contains(&code),
            "concur {args:?}: exit {code}, expected one of {codes:?}; stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let changes = differences(&before, &snapshot(self.path()));
        assert!(
            changes.is_empty(),
            "concur {args:?} changed or created files: {changes:?}"
        );
    }
}

fn args<'a>(files: &'a [String], extra: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = vec!["analyze"];
    v.extend(files.iter().map(String::as_str));
    v.extend(["--goal", "hybrid", "--tz", "Europe/Berlin"]);
    v.extend(extra);
    v
}

#[test]
fn reports_in_every_format_change_and_create_nothing() {
    let s = Scratch::new();
    for format in ["table", "json", "markdown", "html"] {
        s.run_unchanged(&args(&s.good, &["--format", format]), &[0]);
        s.run_unchanged(&args(&s.good, &["--format", format, "--explain"]), &[0]);
    }
    // Each file alone, and the folder of good inputs.
    for file in &s.good {
        s.run_unchanged(
            &args(std::slice::from_ref(file), &["--format", "json"]),
            &[0],
        );
    }
    let folder = s.path().join("good");
    std::fs::create_dir(&folder).unwrap();
    for file in &s.good {
        let name = Path::new(file).file_name().unwrap();
        std::fs::copy(s.path().join(file), folder.join(name)).unwrap();
    }
    s.run_unchanged(
        &["analyze", "good", "--goal", "general", "--tz", "UTC"],
        &[0],
    );
    // With a verdict threshold for scripts: exit 0 or 1, still nothing written.
    s.run_unchanged(&args(&s.good, &["--fail-on", "caution"]), &[0, 1]);
    // A weekly review of the same files.
    s.run_unchanged(
        &[
            "review",
            &s.good[0],
            "--goal",
            "strength",
            "--tz",
            "Europe/Berlin",
        ],
        &[0],
    );
    // Commands that read no file.
    s.run_unchanged(&["rules"], &[0]);
    s.run_unchanged(&["rules", "--goal", "endurance"], &[0]);
}

#[test]
fn errors_change_and_create_nothing() {
    let s = Scratch::new();
    for bad in &s.bad {
        // Alone, and after good files that were already read.
        s.run_unchanged(&args(std::slice::from_ref(bad), &[]), &[2]);
        let mut files = s.good.clone();
        files.push(bad.clone());
        for format in ["table", "json", "markdown", "html"] {
            s.run_unchanged(&args(&files, &["--format", format]), &[2]);
        }
    }
    for skipping in &s.skipping {
        s.run_unchanged(&args(std::slice::from_ref(skipping), &[]), &[0]);
        s.run_unchanged(&args(std::slice::from_ref(skipping), &["--strict"]), &[2]);
    }
    // Bad usage: a missing file, a bad option value, an empty range.
    s.run_unchanged(&args(&["inputs/missing.csv".to_string()], &[]), &[2]);
    s.run_unchanged(&args(&s.good, &["--day-start", "25:00"]), &[2]);
    s.run_unchanged(
        &args(&s.good, &["--since", "2024-03-10", "--until", "2024-03-01"]),
        &[2],
    );
}

#[test]
fn only_the_output_file_is_created() {
    let s = Scratch::new();
    for format in ["table", "json", "markdown", "html"] {
        let name = format!("report-{format}.out");
        let before = snapshot(s.path());
        let out = s.concur(&args(&s.good, &["--format", format, "--output", &name]));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "the report went to the file");
        let mut after = snapshot(s.path());
        let written = after.remove(Path::new(&name));
        assert!(
            written.is_some_and(|(len, _)| len > 0),
            "{name} was written"
        );
        let changes = differences(&before, &after);
        assert!(
            changes.is_empty(),
            "nothing but {name} appeared or changed: {changes:?}"
        );
    }
    // An output that is one of the inputs is refused, and the input is left alone.
    let input = s.good[0].clone();
    s.run_unchanged(&args(&s.good, &["--output", &input]), &[2]);
    // An output in a folder that does not exist: an error, and no folder is made.
    s.run_unchanged(
        &args(&s.good, &["--output", "no/such/folder/report.txt"]),
        &[2],
    );
    // A failed run writes no partial report.
    let mut files = s.good.clone();
    files.push(s.bad[0].clone());
    s.run_unchanged(&args(&files, &["--output", "never.txt"]), &[2]);
}

/// Writing the report: never through a link to an input, never silently failing, never a
/// half-written file in place of the last good report.
#[test]
fn the_report_is_written_safely_or_not_at_all() {
    let s = Scratch::new();
    let input = s.good[0].clone();
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();

    // A hard link to an input is the input, whatever its name.
    #[cfg(unix)]
    {
        std::fs::hard_link(s.path().join(&input), s.path().join("linked.csv")).unwrap();
        s.run_unchanged(&args(&s.good, &["--output", "linked.csv"]), &[2]);
        let out = s.concur(&args(&s.good, &["--output", "linked.csv"]));
        assert!(
            stderr(&out).contains("is one of the input files"),
            "{}",
            stderr(&out)
        );
        std::fs::remove_file(s.path().join("linked.csv")).unwrap();
    }

    // A write that fails says what failed, where, and exits 2.
    let out = s.concur(&args(&s.good, &["--output", "inputs"]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "concur: cannot write the report to inputs: it is a folder; name a file\n"
    );
    if Path::new("/dev/full").exists() {
        let out = s.concur(&args(&s.good, &["--output", "/dev/full"]));
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            "concur: cannot write the report to /dev/full: no space left on the device\n"
        );
        // Standard output on a full disk: the same, not a silent exit 0.
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("concur"))
            .current_dir(s.path())
            .args(args(&s.good, &[]))
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            "concur: cannot write the report to standard output: no space left on the device\n"
        );
    }

    // A reader that goes away (`| head -1`) is not an error worth a word.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("concur"))
        .current_dir(s.path())
        .args(args(&s.good, &["--format", "json"]))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));

    // A failed run leaves the last good report as it was, and no temporary file beside it.
    let good = s.concur(&args(&s.good, &["--output", "report.txt"]));
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    let mut files = s.good.clone();
    files.push(s.bad[0].clone());
    s.run_unchanged(&args(&files, &["--output", "report.txt"]), &[2]);
    #[cfg(unix)]
    s.run_unchanged(&args(&s.good, &["--output", "/dev/full"]), &[2]);
}
