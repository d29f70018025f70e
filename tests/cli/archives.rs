//! End-to-end: exports as they are downloaded (a zip archive, a `.gz` file), archives inside
//! archives, folders of many files and sub-folders, and the damaged and the malicious among
//! them. Every archive here is built by the test from invented rows.

use std::io::{Cursor, Write};
use std::path::Path;

use serde_json::Value;

use crate::common::{TZ, analyze_json, concur_in, failed, one_error, sessions, write};

/// A zip archive of these entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Strava's `activities.csv` (the columns up to `Filename`, as its bulk export starts) with
/// these rows.
fn activities_csv(rows: &[&str]) -> Vec<u8> {
    let header = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename";
    let mut text = format!("{header}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

/// Three activities, two with a file of their own: a run whose file is a gzipped CSV with its
/// heart rate, a ride whose file is a JSON with its heart rate, and a weights session entered by
/// hand (no file). Invented, in the layout of Strava's bulk export (`activities.csv` whose `Filename` names
/// `activities/ID.ext`).
fn strava_archive() -> Vec<u8> {
    let csv = activities_csv(&[
        "1001,\"Mar 4, 2024, 6:00:00 AM\",Morning Run,Run,,2100,6.10,,,false,,,activities/1001.csv.gz",
        "1002,\"Mar 5, 2024, 5:00:00 PM\",Afternoon Ride,Ride,,3600,25.00,,,false,,,activities/1002.json",
        "1003,\"Mar 6, 2024, 7:00:00 AM\",Lunch Weight Training,Weight Training,,3000,0,,,false,,,",
    ]);
    let run = gz(b"start,end,type,title,avg_hr,max_hr\n2024-03-04T06:00:00Z,2024-03-04T06:35:00Z,Run,,152,171\n");
    let ride = br#"[{"start": "2024-03-05T17:00:00Z", "end": "2024-03-05T18:00:00Z", "type": "Ride", "avg_hr": 141}]"#;
    zip_of(&[
        ("activities.csv", &csv),
        (
            "profile.csv",
            b"Athlete Id,Email,First Name\n1,a@example.com,A\n",
        ),
        ("activities/1001.csv.gz", &run),
        ("activities/1002.json", ride),
        ("media/1001-1.jpg", b"\xff\xd8\xff\xe0"),
        ("__MACOSX/._activities.csv", b"\0\x05\x16\x07"),
    ])
}

/// `concur analyze ARGS --goal strength --tz Europe/Berlin --format json` in `dir`.
fn report_in(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--goal", "strength", "--tz", TZ, "--no-config"]);
    analyze_json(concur_in(dir), &all)
}

fn files(report: &Value) -> Vec<(String, String)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["format"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn warnings(report: &Value) -> Vec<(String, String)> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["file"].as_str().unwrap_or_default().to_string(),
                w["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    concur_in(dir)
        .arg("analyze")
        .args(args)
        .args(["--goal", "strength", "--tz", TZ, "--no-config"])
        .output()
        .unwrap()
}

#[test]
fn a_strava_archive_as_downloaded_gives_each_activity_once_with_its_files_heart_rate() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "export_1.zip", strava_archive());
    let r = report_in(dir.path(), &["export_1.zip"]);
    assert_eq!(
        files(&r),
        // In a folder's order: by folder, then name.
        [
            (
                "export_1.zip/activities/1001.csv.gz".into(),
                "generic".into()
            ),
            (
                "export_1.zip/activities/1002.json".into(),
                "generic-json".into()
            ),
            ("export_1.zip/activities.csv".into(), "strava".into()),
        ]
    );
    let s = sessions(&r);
    let summary: Vec<(&str, &str, &str)> = s
        .iter()
        .map(|s| {
            (
                s["start"].as_str().unwrap(),
                s["modality"].as_str().unwrap(),
                s["intensity_basis"].as_str().unwrap(),
            )
        })
        .collect();
    // One session an activity: the activity files' records merged into activities.csv's, their
    // heart rate deciding the intensity Strava's rows had no evidence for.
    assert_eq!(
        summary,
        [
            ("2024-03-04T07:00:00+01:00", "cardio", "heart_rate"),
            ("2024-03-05T18:00:00+01:00", "cardio", "heart_rate"),
            ("2024-03-06T08:00:00+01:00", "strength", "assumed"),
        ]
    );
    assert_eq!(r["summary"]["merged_duplicates"], 2);
    let said = warnings(&r);
    // The export holds each activity twice by design: said so, not as files given twice.
    assert!(
        said.iter().any(|(_, m)| m.starts_with(
            "2 activities are both in an export's list of activities and in their own file"
        )),
        "{said:#?}"
    );
    assert!(!format!("{said:?}").contains("appeared twice"), "{said:#?}");
    assert!(
        said.iter()
            .any(|(file, m)| file == "export_1.zip/profile.csv"
                && m.starts_with("not read, in no format concur reads: a CSV file whose header")),
        "{said:#?}"
    );
    assert!(
        said.iter().any(|(file, m)| file == "export_1.zip"
            && m == "not read: 1 file of a kind concur does not read (media/1001-1.jpg)"),
        "{said:#?}"
    );
    assert!(!format!("{said:?}").contains("MACOSX"), "{said:#?}");
}

/// The report of `concur analyze INPUT` with the Strava archive on standard input.
fn report_of_piped_archive(dir: &Path, input: &str) -> Value {
    let mut cmd = concur_in(dir);
    cmd.args([
        "analyze",
        input,
        "--goal",
        "strength",
        "--tz",
        TZ,
        "--no-config",
    ])
    .args(["--format", "json"])
    .write_stdin(strava_archive());
    crate::common::run_json(cmd)
}

/// An archive that comes through a pipe (not a file concur can read from its end) is read as a
/// stream, to the same report.
#[test]
fn an_archive_through_a_pipe_reads_as_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "export_1.zip", strava_archive());
    let file = report_in(dir.path(), &["export_1.zip"]);
    let piped = report_of_piped_archive(dir.path(), "/dev/stdin");
    assert_eq!(piped["summary"], file["summary"]);
    assert_eq!(piped["days"], file["days"]);
    assert_eq!(piped["files"][2]["file"], "/dev/stdin/activities.csv");
}

/// The same archive unzipped is a folder with a sub-folder: the same report.
#[test]
fn an_unzipped_archive_reads_its_sub_folders_like_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "export_1.zip", strava_archive());
    let unzipped = dir.path().join("export_1");
    let mut archive = zip::ZipArchive::new(Cursor::new(strava_archive())).unwrap();
    archive.extract(&unzipped).unwrap();
    let zipped = report_in(dir.path(), &["export_1.zip"]);
    let folder = report_in(dir.path(), &["export_1"]);
    assert_eq!(folder["summary"], zipped["summary"]);
    assert_eq!(folder["days"], zipped["days"]);
    assert_eq!(
        files(&folder)
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        [
            "export_1/activities/1001.csv.gz",
            "export_1/activities/1002.json",
            "export_1/activities.csv",
        ]
    );
}

/// Three levels of sub-folders are looked into, not four; hidden folders not at all, and folders
/// of routes are named in a warning.
#[test]
fn a_folder_is_read_three_sub_folders_deep() {
    let dir = tempfile::tempdir().unwrap();
    let row =
        |day: u32| format!("start,duration,type,title\n2024-03-{day:02} 07:00,30,Run,Run {day}\n");
    let deep = dir.path().join("logs/a/b/c");
    std::fs::create_dir_all(deep.join("d")).unwrap();
    std::fs::create_dir_all(dir.path().join("logs/.hidden")).unwrap();
    write(&dir.path().join("logs"), "top.csv", row(1));
    write(&deep, "three.csv", row(2));
    write(&deep.join("d"), "four.csv", row(3));
    write(&dir.path().join("logs/.hidden"), "hidden.csv", row(4));
    // A folder of routes holds no activities of its own, whatever its files' kind.
    std::fs::create_dir_all(dir.path().join("logs/routes")).unwrap();
    write(&dir.path().join("logs/routes"), "planned.csv", row(5));
    let r = report_in(dir.path(), &["logs"]);
    assert_eq!(
        files(&r).iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["logs/a/b/c/three.csv", "logs/top.csv"]
    );
    assert!(
        warnings(&r).iter().any(|(file, m)| file == "logs"
            && m == "not read: 1 file of routes, the tracks of workouts the export lists or routes planned, not activities (routes/planned.csv)"),
        "{:#?}",
        warnings(&r)
    );
}

/// A Garmin Connect data export holds the activity files in zips inside the zip: they are read,
/// named by their path through both, and the export's JSON files of other things (a profile,
/// sleep) are passed over.
#[test]
fn archives_inside_an_archive_are_read_and_named_through_both() {
    let dir = tempfile::tempdir().unwrap();
    let inner = zip_of(&[(
        "123_ACTIVITY.json",
        br#"[{"start": "2024-03-04T06:00:00Z", "end": "2024-03-04T06:40:00Z", "type": "Running", "avg_hr": 150}]"#,
    )]);
    let outer = zip_of(&[
        (
            "DI_CONNECT/DI-Connect-Wellness/a_sleepData.json",
            br#"{"sleepStartTimestampGMT": "2024-03-04T22:00:00.0"}"#,
        ),
        (
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
            &inner,
        ),
        (
            "DI_CONNECT/DI-Connect-User/user_profile.json",
            br#"{"userName": "a"}"#,
        ),
    ]);
    write(dir.path(), "garmin.zip", outer);
    let r = report_in(dir.path(), &["garmin.zip"]);
    assert_eq!(
        files(&r),
        [(
            "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/123_ACTIVITY.json".into(),
            "generic-json".into()
        )]
    );
    assert_eq!(r["summary"]["cardio_sessions"], 1);
    // Said once for all of them (an export holds hundreds), naming them.
    let said = warnings(&r);
    let garmin: Vec<&String> = said
        .iter()
        .map(|(_, m)| m)
        .filter(|m| m.contains("Garmin Connect's data export"))
        .collect();
    assert_eq!(garmin.len(), 1, "{said:#?}");
    for name in [
        "garmin.zip/DI_CONNECT/DI-Connect-User/user_profile.json",
        "garmin.zip/DI_CONNECT/DI-Connect-Wellness/a_sleepData.json",
    ] {
        assert!(garmin[0].contains(name), "{name}: {said:#?}");
    }
}

/// A lifting log whose workout end is estimated (no duration), and the watch's record of the
/// same workout in an archive: one session, with the watch's recorded end.
#[test]
fn a_watch_file_in_an_archive_gives_a_lifting_log_its_recorded_end() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "lifts.csv",
        "start,title,exercise,weight,reps,rpe\n2024-03-04 18:00,Leg day,Squat,100,5,8\n2024-03-04 18:00,Leg day,Squat,100,5,8\n",
    );
    let watch = br#"[{"start": "2024-03-04T17:01:00Z", "end": "2024-03-04T18:13:00Z", "type": "Strength Training", "avg_hr": 118}]"#;
    write(dir.path(), "watch.zip", zip_of(&[("activity.json", watch)]));
    let alone = report_in(dir.path(), &["lifts.csv"]);
    assert_eq!(sessions(&alone)[0]["estimated_end"], true);
    let r = report_in(dir.path(), &["lifts.csv", "watch.zip"]);
    assert_eq!(r["summary"]["merged_duplicates"], 1);
    let s = sessions(&r);
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0]["source"], "generic",
        "the lifting log is the richer record"
    );
    assert_eq!(s[0]["leg_day"], true);
    assert_eq!(s[0]["estimated_end"], false);
    assert_eq!(s[0]["start"], "2024-03-04T18:01:00+01:00");
    assert_eq!(s[0]["end"], "2024-03-04T19:13:00+01:00");
}

#[test]
fn a_gzipped_export_is_read_by_its_content_and_named_as_given() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "log.csv.gz",
        gz(b"start,duration,type,title\n2024-03-04 07:00,30,Run,Easy run\n2024-03-04 18:00,60,Strength Training,Legs\n,30,Run,No start\n"),
    );
    let r = report_in(dir.path(), &["log.csv.gz"]);
    assert_eq!(files(&r), [("log.csv.gz".into(), "generic".into())]);
    assert_eq!(r["summary"]["sessions"], 2);
    let said = warnings(&r);
    assert!(
        said.iter()
            .any(|(file, m)| file == "log.csv.gz" && m.starts_with("row skipped")),
        "a row's warning names the file as given: {said:#?}"
    );
    // Cut short, alone: exit 2, naming the file and what is wrong.
    let whole = gz(b"start,duration,type,title\n2024-03-04 07:00,30,Run,Easy run\n");
    write(dir.path(), "cut.csv.gz", &whole[..whole.len() - 12]);
    let message = one_error(&run(dir.path(), &["cut.csv.gz"]), "cut.csv.gz");
    assert!(
        message.contains("cut.csv.gz: damaged gzip data"),
        "{message}"
    );
}

#[test]
fn a_damaged_archive_alone_stops_and_a_damaged_entry_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let good = strava_archive();
    write(dir.path(), "cut.zip", &good[..good.len() / 2]);
    let message = one_error(&run(dir.path(), &["cut.zip"]), "cut.zip");
    assert!(
        message.contains("cut.zip: not a zip archive concur can read"),
        "{message}"
    );

    // One entry's packed bytes changed: its checksum fails, the others are read.
    let run_entry = b"start,duration,type,title\n2024-03-04 07:00,30,Run,Easy run\n".repeat(20);
    let mut damaged = zip_of(&[
        ("a.csv", &run_entry),
        (
            "b.csv",
            b"start,duration,type,title\n2024-03-05 18:00,60,Strength Training,Legs\n",
        ),
    ]);
    let start = zip::ZipArchive::new(Cursor::new(damaged.clone()))
        .unwrap()
        .by_index_raw(0)
        .unwrap()
        .data_start()
        .unwrap() as usize;
    damaged[start + 10] ^= 0x55;
    write(dir.path(), "damaged.zip", &damaged);
    let r = report_in(dir.path(), &["damaged.zip"]);
    assert_eq!(files(&r), [("damaged.zip/b.csv".into(), "generic".into())]);
    let said = warnings(&r);
    assert!(
        said.iter().any(|(file, m)| file == "damaged.zip/a.csv"
            && m.starts_with("not read: damaged in the archive")),
        "{said:#?}"
    );
}

/// A zip bomb: one entry of 20 MB that packs to about 20 KB. Alone it stops with exit 2 naming
/// the archive and the entry; in a folder it is passed over with that warning.
#[test]
fn a_zip_bomb_stops_at_the_limit_naming_the_archive_and_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = b"start,duration,type,title\n2024-03-04 07:00,30,Run,".to_vec();
    bomb.resize(20 << 20, b'a');
    let archive = zip_of(&[("activities.csv", &bomb)]);
    assert!(archive.len() < 200 << 10, "{} bytes", archive.len());
    let logs = dir.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    write(&logs, "bomb.zip", &archive);
    let message = one_error(&run(dir.path(), &["logs/bomb.zip"]), "bomb.zip");
    assert!(
        message.contains(
            "logs/bomb.zip: activities.csv unpacks to more than 200 times its packed size"
        ),
        "{message}"
    );
    assert!(message.contains("zip bomb"), "{message}");

    // The same as a gzip file.
    write(dir.path(), "bomb.csv.gz", gz(&bomb));
    let message = one_error(&run(dir.path(), &["bomb.csv.gz"]), "bomb.csv.gz");
    assert!(
        message.contains("bomb.csv.gz: the file unpacks to more than 200 times its packed size"),
        "{message}"
    );

    write(
        &logs,
        "log.csv",
        "start,duration,type,title\n2024-03-04 07:00,30,Run,Easy run\n",
    );
    let r = report_in(dir.path(), &["logs"]);
    assert_eq!(files(&r), [("logs/log.csv".into(), "generic".into())]);
    assert!(
        warnings(&r).iter().any(|(file, m)| file == "logs/bomb.zip"
            && m.contains("activities.csv unpacks to more than 200 times")),
        "{:#?}",
        warnings(&r)
    );
}

/// Hundreds of files, read in parallel, give the report one after the other would: the same on
/// every run, with a damaged one among them passed over with a warning.
#[test]
fn many_files_are_read_into_one_report_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(logs.join("activities")).unwrap();
    for i in 0..300u32 {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        let text = format!(
            "start,duration,type,title,avg_hr\n2023-{month:02}-{day:02} 07:{:02},{},Run,Run {i},{}\n",
            i % 60,
            20 + i % 40,
            120 + i % 50
        );
        let name = format!("{i:03}.csv");
        if i % 2 == 0 {
            write(
                &logs.join("activities"),
                &format!("{name}.gz"),
                gz(text.as_bytes()),
            );
        } else {
            write(&logs, &name, text);
        }
    }
    write(&logs, "zz-damaged.csv.gz", &gz(b"start,duration\n")[..10]);
    let first = report_in(dir.path(), &["logs"]);
    assert_eq!(first["summary"]["sessions"], 300);
    assert_eq!(first["files"].as_array().unwrap().len(), 300);
    assert!(
        warnings(&first)
            .iter()
            .any(|(file, m)| file == "logs/zz-damaged.csv.gz" && m.contains("damaged gzip data")),
        "{:#?}",
        warnings(&first)
    );
    let again = report_in(dir.path(), &["logs"]);
    assert_eq!(again, first);
}

/// An archive with nothing concur reads in it, alone, is an error that says what it holds.
#[test]
fn an_archive_with_no_export_in_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "photos.zip",
        zip_of(&[("a.jpg", b"\xff\xd8"), ("b.jpg", b"\xff\xd8")]),
    );
    let out = run(dir.path(), &["photos.zip"]);
    let stderr = failed(&out, "photos.zip");
    assert!(
        stderr.contains("photos.zip: unknown log format: a zip archive with no export in it, only 2 files of other kinds (a.jpg, b.jpg)"),
        "{stderr}"
    );
}

/// The sessions of a report as a person compares them, without the file and line they came
/// from (which name the archive or the `.gz`).
fn what_sessions_tell(report: &Value) -> Vec<String> {
    sessions(report)
        .iter()
        .map(|s| {
            let field = |k: &str| s[k].to_string();
            ["start", "end", "modality", "minutes", "title", "source"]
                .map(field)
                .join(" ")
        })
        .collect()
}

/// Every real export of ../shared/real-exports that concur reads gives the same sessions
/// gzipped one by one and zipped together as given as they are: a format added later is read
/// inside archives with nothing more to do. Where the folder is missing, the test says so and
/// passes.
#[test]
fn real_exports_read_the_same_gzipped_and_zipped() {
    let real = crate::common::manifest_dir().join("../shared/real-exports");
    if !real.is_dir() {
        eprintln!("no ../shared/real-exports: skipped");
        return;
    }
    let mut folders: Vec<_> = std::fs::read_dir(&real)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut compared = 0;
    for folder in folders {
        let mut exports: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| concur::import::is_export_name(p))
            .collect();
        exports.sort();
        if exports.is_empty() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let (plain, gzipped) = (dir.path().join("plain"), dir.path().join("gzipped"));
        std::fs::create_dir_all(&plain).unwrap();
        std::fs::create_dir_all(&gzipped).unwrap();
        let mut entries = Vec::new();
        for file in &exports {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(file).unwrap();
            write(&gzipped, &format!("{name}.gz"), gz(&bytes));
            write(&plain, &name, &bytes);
            entries.push((format!("export/{name}"), bytes));
        }
        let listed: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        write(dir.path(), "export.zip", zip_of(&listed));
        let as_given = run(dir.path(), &["plain", "--format", "json"]);
        if as_given.status.code() != Some(0) {
            continue;
        }
        let as_given: Value = serde_json::from_slice(&as_given.stdout).unwrap();
        let what = folder.file_name().unwrap().to_string_lossy().into_owned();
        for other in ["gzipped", "export.zip"] {
            let r = report_in(dir.path(), &[other]);
            assert_eq!(
                what_sessions_tell(&r),
                what_sessions_tell(&as_given),
                "{what}: {other}"
            );
            assert_eq!(
                r["files"].as_array().unwrap().len(),
                as_given["files"].as_array().unwrap().len(),
                "{what}: {other}"
            );
        }
        compared += 1;
    }
    assert!(
        compared >= 5,
        "only {compared} folders of real exports compared"
    );
}

/// The sample Strava archive reads as the sample's activities.csv does; its activity files are
/// GPX tracks, which add their heart rate where concur reads GPX.
#[test]
fn the_sample_strava_archive_reads_like_its_activities_csv() {
    let root = crate::common::manifest_dir();
    let csv = report_in(&root, &["sample-data/strava_activities.csv"]);
    let zipped = report_in(&root, &["sample-data/strava_export.zip"]);
    assert_eq!(zipped["summary"]["sessions"], csv["summary"]["sessions"]);
    let names: Vec<String> = files(&zipped).into_iter().map(|f| f.0).collect();
    assert!(names.contains(&"sample-data/strava_export.zip/activities.csv".to_string()));
    let tempo = |r: &Value| {
        sessions(r)
            .iter()
            .find(|s| s["title"] == "Tempo run" && s["date"] == "2024-03-05")
            .unwrap()["intensity_basis"]
            .clone()
    };
    if concur::import::is_export_name(Path::new("a.gpx")) {
        assert_eq!(names.len(), 3, "{names:?}");
        assert_eq!(zipped["summary"]["merged_duplicates"], 2);
        assert_eq!(tempo(&zipped), "heart_rate");
    } else {
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(tempo(&zipped), tempo(&csv));
    }
}

/// Apple Health's `export.zip` (`apple_health_export/`): `export.xml` holds the workouts; the GPS tracks of
/// `workout-routes/` belong to them and are never sessions of their own; the ECG recordings and
/// the clinical document are passed over. Where concur reads `export.xml`, its workouts are the
/// report's sessions one to one.
#[test]
fn apples_export_zip_gives_the_workouts_of_export_xml_and_never_their_routes() {
    let export_xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="2024-03-10 20:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" sourceVersion="10.3" unit="count/min" creationDate="2024-03-04 18:10:00 +0100" startDate="2024-03-04 18:10:00 +0100" endDate="2024-03-04 18:10:00 +0100" value="112"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="55" durationUnit="min" sourceName="Apple Watch" sourceVersion="10.3" creationDate="2024-03-04 18:55:30 +0100" startDate="2024-03-04 18:00:00 +0100" endDate="2024-03-04 18:55:00 +0100">
 </Workout>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" totalDistance="5.1" totalDistanceUnit="km" sourceName="Apple Watch" sourceVersion="10.3" creationDate="2024-03-05 07:30:30 +0100" startDate="2024-03-05 07:00:00 +0100" endDate="2024-03-05 07:30:00 +0100">
  <WorkoutRoute sourceName="Apple Watch" sourceVersion="10.3" creationDate="2024-03-05 07:30:30 +0100" startDate="2024-03-05 07:00:00 +0100" endDate="2024-03-05 07:30:00 +0100">
   <FileReference path="/workout-routes/route_2024-03-05_7.30am.gpx"/>
  </WorkoutRoute>
 </Workout>
</HealthData>
"#;
    let route = br#"<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">
 <metadata><time>2024-03-05T06:30:30Z</time></metadata>
 <trk><name>Route 2024-03-05 7:30am</name><trkseg>
  <trkpt lon="13.4050" lat="52.5200"><ele>34.0</ele><time>2024-03-05T06:00:00Z</time></trkpt>
  <trkpt lon="13.4060" lat="52.5210"><ele>34.2</ele><time>2024-03-05T06:29:59Z</time></trkpt>
 </trkseg></trk>
</gpx>
"#;
    let ecg = b"Name,A\nDate of Birth,\nRecorded Date,2024-03-04 10:00:00 +0100\nClassification,Sinus Rhythm\n";
    let archive = zip_of(&[
        ("apple_health_export/export.xml", export_xml),
        (
            "apple_health_export/export_cda.xml",
            b"<?xml version=\"1.0\"?>\n<ClinicalDocument/>\n",
        ),
        (
            "apple_health_export/workout-routes/route_2024-03-05_7.30am.gpx",
            route,
        ),
        (
            "apple_health_export/electrocardiograms/ecg_2024-03-04.csv",
            ecg,
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "export.zip", archive);
    if !concur::import::is_export_name(Path::new("export.xml")) {
        // Nothing in it concur reads yet: an error, naming what it passed over.
        let stderr = failed(&run(dir.path(), &["export.zip"]), "export.zip");
        assert!(
            stderr.contains("export.zip/apple_health_export/"),
            "{stderr}"
        );
        return;
    }
    let r = report_in(dir.path(), &["export.zip"]);
    let names: Vec<String> = files(&r).into_iter().map(|f| f.0).collect();
    assert!(
        names.contains(&"export.zip/apple_health_export/export.xml".to_string()),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("workout-routes")),
        "{names:?}"
    );
    let s = sessions(&r);
    let read: Vec<(&str, &str)> = s
        .iter()
        .map(|s| {
            (
                s["start"].as_str().unwrap(),
                s["modality"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("2024-03-04T18:00:00+01:00", "strength"),
            ("2024-03-05T07:00:00+01:00", "cardio")
        ]
    );
    if concur::import::is_export_name(Path::new("a.gpx")) {
        assert!(
            warnings(&r).iter().any(|(file, m)| file == "export.zip"
                && m.contains("workout-routes/")
                && m.contains("1 file")),
            "{:#?}",
            warnings(&r)
        );
    }
    // The clinical document and the ECG recording are named for what they are.
    let said = |file: &str, what: &str| {
        warnings(&r)
            .iter()
            .any(|(f, m)| f.ends_with(file) && m.contains(what) && m.contains("holds no workouts"))
    };
    assert!(
        said("export_cda.xml", "clinical document"),
        "{:#?}",
        warnings(&r)
    );
    assert!(
        said("ecg_2024-03-04.csv", "ECG recording"),
        "{:#?}",
        warnings(&r)
    );
}

/// `--tz-of ARCHIVE=ZONE` is the zone of every file read from the archive, as a folder's is of
/// every file in it: a log of wall-clock times, zipped, is read in the zone given for the zip.
#[test]
fn tz_of_an_archive_or_a_folder_reaches_the_files_in_it() {
    let log = b"start,duration,type,title\n2024-03-04 07:00,35,Run,Easy run\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "log.zip", zip_of(&[("travel/log.csv", log)]));
    std::fs::create_dir(dir.path().join("trip")).unwrap();
    write(dir.path(), "trip/log.csv", log);
    for named in ["log.zip", "trip"] {
        let r = report_in(
            dir.path(),
            &[named, "--tz-of", &format!("{named}=America/New_York")],
        );
        let s = sessions(&r);
        assert_eq!(s.len(), 1, "{named}");
        // The file's 07:00 is New York's, shown in the report's zone (Berlin).
        assert_eq!(s[0]["start"], "2024-03-04T13:00:00+01:00", "{named}");
    }
}

/// `-` is standard input: a log or an archive piped in gives the report the file gives.
#[test]
fn a_dash_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "export_1.zip", strava_archive());
    let file = report_in(dir.path(), &["export_1.zip"]);
    let piped = report_of_piped_archive(dir.path(), "-");
    assert_eq!(piped["summary"], file["summary"]);
    assert_eq!(piped["days"], file["days"]);
    assert!(
        files(&piped).iter().any(|(f, _)| f == "-/activities.csv"),
        "{:?}",
        files(&piped)
    );
}
