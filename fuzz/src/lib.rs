//! What the fuzz targets share: an input is a header that selects a format, chosen by the first
//! byte, and the rest of the bytes as the file's body. Each input is imported on its own, then
//! run through the whole pipeline (`concur::analyze`) and rendered; neither may panic, and a
//! report must keep its invariants.

use std::path::{Path, PathBuf};

use concur::import::{Sink, import_bytes};
use concur::{Goal, Options, Settings};

/// The bytes of a file: one of `headers` (by the first byte) and the rest of the input as the
/// body. Where the second bit of the first byte is set, the body is made valid UTF-8 first, so
/// that most inputs reach the importer rather than the encoding checks.
pub fn file_from(headers: &[&str], data: &[u8]) -> Option<(Vec<u8>, u8)> {
    let (&first, body) = data.split_first()?;
    let header = headers[usize::from(first) % headers.len()];
    let mut bytes = header.as_bytes().to_vec();
    bytes.push(b'\n');
    if first & 0x40 != 0 {
        bytes.extend_from_slice(String::from_utf8_lossy(body).as_bytes());
    } else {
        bytes.extend_from_slice(body);
    }
    Some((bytes, first))
}

/// Imports the bytes as a file, through the in-memory entry point: every skipped row has its
/// warning.
pub fn import(bytes: &[u8]) {
    let mut sink = Sink::new(false);
    let _ = import_bytes(Path::new("fuzz.csv"), bytes.to_vec(), &mut sink);
    assert!(sink.warnings.len() >= sink.skipped);
}

/// A file of this process in memory (/dev/shm) where there is one, for inputs to be read as files.
pub fn scratch_file() -> PathBuf {
    let dir = Path::new("/dev/shm");
    let dir = if dir.is_dir() {
        dir.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("concur-fuzz-{}.csv", std::process::id()))
}

/// The whole pipeline on the bytes as one file; `flags` picks the goal, the zone and strictness.
/// Where the header selects a format, that must be the format read (or the run an error). With
/// `render_all`, the JSON is parsed back and the Markdown report rendered too.
pub fn analyze(bytes: &[u8], flags: u8, expected: Option<&str>, render_all: bool) {
    let path = scratch_file();
    std::fs::write(&path, bytes).expect("the scratch file can be written");
    let zones = [
        "Europe/Berlin",
        "UTC",
        "America/New_York",
        "Pacific/Auckland",
    ];
    let mut settings = Settings::new(
        zones[usize::from(flags >> 3) % zones.len()]
            .parse()
            .unwrap(),
    );
    if flags & 0x80 != 0 {
        settings.day_start = concur::import::values::parse_time_of_day("04:00").unwrap();
    }
    let mut options = Options::new(
        vec![path],
        Goal::ALL[usize::from(flags) % Goal::ALL.len()],
        settings,
    );
    options.strict = flags & 0x20 != 0;
    let Ok(report) = concur::analyze(&options) else {
        return;
    };
    if let Some(expected) = expected {
        let format = report.files[0].format;
        assert!(
            format == expected || format == "empty",
            "read as {format}, not {expected}"
        );
    }
    let summary = &report.summary;
    match summary.score {
        Some(score) => assert!(
            (0.0..=100.0).contains(&score) && summary.pairs > 0,
            "score {score}"
        ),
        None => assert_eq!(summary.pairs, 0, "a score for every report with pairs"),
    }
    assert_eq!(
        summary.aligned + summary.caution + summary.conflict,
        summary.pairs,
        "one verdict per pair"
    );
    let json = concur::report::render_json(&report);
    // The report is written field by field: it must read exactly as serde_json writes the whole
    // struct. (Its lists go to two threads from 1,024 elements, which fuzz inputs rarely reach;
    // the unit test in src/report/json.rs covers that path.)
    let whole = serde_json::to_string_pretty(&report).expect("the report is plain data") + "\n";
    assert_eq!(json, whole, "the JSON writer and serde_json agree");
    if render_all {
        serde_json::from_str::<serde_json::Value>(&json).expect("the report is JSON");
        let _ = concur::report::render_markdown(&report);
        let _ = concur::report::render_html(&report);
    }
}

/// Header lines of each format, from the test fixtures (invented rows, real header layouts).
pub mod headers {
    pub const GENERIC_CSV: &[&str] = &[
        "start,end,duration,type,title,modality,rpe,avg_hr,max_hr,distance_km,notes",
        "start,duration,title,exercise,weight,reps,rpe,seconds,distance_km",
        "start;end;duration;type;title;rpe;avg_hr;distance_km;notes",
        "start\tend\tduration\ttype\ttitle\tdistance_mi",
    ];
    pub const GENERIC_JSON: &[&str] = &["[", "{\"sessions\": ["];
    pub const STRONG: &[&str] = &[
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
        r#""Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes""#,
        "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes",
    ];
    pub const HEVY: &[&str] = &[
        r#""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe""#,
        r#""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles","duration_seconds","rpe""#,
    ];
    pub const FITNOTES: &[&str] = &[
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
        "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time",
    ];
    pub const STRAVA: &[&str] = &[
        // The columns the importer reads, repeated names included.
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Elapsed Time,Distance,Max Heart Rate,Average Heart Rate,Perceived Exertion,Type,Start Time",
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Media",
        r##"Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,"<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.type"">Type</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.start_time"">Start Time</span>",Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,"<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.jump_count"">Jump Count</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.total_grit"">Total Grit</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.avg_flow"">Avg Flow</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.flagged"">Flagged</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.avg_elapsed_speed"">Avg Elapsed Speed</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.dirt_distance"">Dirt Distance</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.newly_explored_distance"">Newly Explored Distance</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.newly_explored_dirt_distance"">Newly Explored Dirt Distance</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.sport_type"">Sport Type</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.total_steps"">Total Steps</span>",Media"##,
    ];
    pub const GARMIN: &[&str] = &[
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR",
        "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Aerob TE,Gennemsnitligt tempo,Bedste tempo,Samlet stigning,Samlet nedstigning,Skridt,Tid for bedste omgang,Antal omgange,Tid i bevægelse,Tidsforbrug",
    ];
}
