//! The GPX importer: the start of a GPX file (the first byte picks which), then fuzzed XML;
//! imported, then analysed.
#![no_main]

use concur_fuzz::{analyze, file_from};
use libfuzzer_sys::fuzz_target;

/// Starts of GPX files: Strava's, Garmin Connect's, and one inside a track point already, so
/// that short inputs reach the points' times, heart rates and positions.
const STARTS: &[&str] = &[
    r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">"#,
    r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <trk><name>Run</name><type>running</type>"#,
    r#"<gpx><trk><type>9</type><trkseg><trkpt lat="52.5" lon="13.4"><time>2024-04-11T15:50:00Z</time>"#,
];

fuzz_target!(|data: &[u8]| {
    let Some((bytes, flags)) = file_from(STARTS, data) else {
        return;
    };
    analyze(&bytes, flags, Some("gpx"), false);
});
