//! Reading a file as a stream must give exactly what reading it whole gives. The file is a
//! header, a first row with a 70 KB note (so that the 64 KB detection looks at is fixed and the
//! file is long enough to be streamed), then the fuzzed rows: read through `import_file` (the
//! stream) and `import_bytes` (the whole file), the two give the same format or error, the same
//! workouts, warnings and skipped rows.
#![no_main]

use std::path::Path;

use concur::import::{Sink, import_bytes, import_file};
use libfuzzer_sys::fuzz_target;

/// A header, and a row of that format around a long note.
const FILLERS: &[(&str, &str, &str)] = &[
    (
        "start,end,duration,type,title,modality,rpe,avg_hr,max_hr,distance_km,notes",
        "2024-03-04 07:00,,30,Run,Filler run,,,,,,",
        "",
    ),
    (
        "start,duration,title,exercise,weight,reps,rpe,seconds,distance_km,notes",
        "2024-03-04 07:00,60,Filler lift,Squat (Barbell),100,5,8,,,\"",
        "\"",
    ),
    (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        "2024-03-04 07:00:00,\"Filler\",1h,\"Squat (Barbell)\",1,100,5,0,0,\"",
        "\",\"\",8",
    ),
    (
        r#""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe""#,
        r#""Filler","4 Mar 2024, 07:00","4 Mar 2024, 08:00",""#,
        r#"","Squat (Barbell)",,"",0,"normal",100,5,,,8"#,
    ),
    (
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
        "2024-03-04,\"Squat ",
        "\",Legs,100,kgs,5,,,",
    ),
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let (header, before, after) = FILLERS[usize::from(first) % FILLERS.len()];
    let mut bytes = format!("{header}\n{before}{}{after}\n", "x".repeat(70_000)).into_bytes();
    if first & 0x40 != 0 {
        bytes.extend_from_slice(String::from_utf8_lossy(body).as_bytes());
    } else {
        bytes.extend_from_slice(body);
    }
    let path = concur_fuzz::scratch_file();
    std::fs::write(&path, &bytes).expect("the scratch file can be written");
    let strict = first & 0x20 != 0;
    let (mut streamed, mut whole) = (Sink::new(strict), Sink::new(strict));
    let a = import_file(&path, &mut streamed).map_err(|e| e.to_string());
    let b = import_bytes(Path::new(&path), bytes, &mut whole).map_err(|e| e.to_string());
    assert_eq!(a, b, "format or error");
    assert_eq!(streamed.skipped, whole.skipped, "skipped rows");
    assert_eq!(streamed.warnings, whole.warnings, "warnings");
    assert!(streamed.workouts == whole.workouts, "workouts differ");
});
