//! The TCX importer: the start of a TCX file (the first byte picks which), then fuzzed XML;
//! imported, then analysed.
#![no_main]

use concur_fuzz::{analyze, file_from};
use libfuzzer_sys::fuzz_target;

/// Starts of TCX files: Garmin's, Polar's on one line, and one inside a lap already, so that
/// short inputs reach the laps' times and the track points.
const STARTS: &[&str] = &[
    r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    r#"<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Biking"><Id>2018-02-05T12:16:02.661Z</Id>"#,
    r#"<TrainingCenterDatabase><Activities><Activity Sport="running"><Lap StartTime="2024-04-11T15:50:00Z"><TotalTimeSeconds>60</TotalTimeSeconds><Track><Trackpoint>"#,
];

fuzz_target!(|data: &[u8]| {
    let Some((bytes, flags)) = file_from(STARTS, data) else {
        return;
    };
    analyze(&bytes, flags, Some("tcx"), false);
});
