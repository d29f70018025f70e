//! The Garmin Connect data-export importer (summarizedActivities.json): the start of a summary
//! (the list of activities opened, in the export's layout or compact), then fuzzed bytes as the
//! activities; imported, then analysed. A summary must be read as one, or be an error.
#![no_main]

use concur_fuzz::{analyze, file_from};
use libfuzzer_sys::fuzz_target;

const HEADERS: &[&str] = &[
    "[ {\n  \"summarizedActivitiesExport\" : [ {",
    "[{\"summarizedActivitiesExport\": [",
    "{\"summarizedActivitiesExport\": [{\"activityType\": {\"typeKey\": \"strength_training\"},",
];

fuzz_target!(|data: &[u8]| {
    let Some((bytes, flags)) = file_from(HEADERS, data) else {
        return;
    };
    analyze(&bytes, flags, Some("garmin-export"), false);
});
