//! The iCalendar importer (`concur check`'s plans): the start of a calendar as Google Calendar,
//! Apple Calendar or TrainingPeaks' feed writes it (the first byte picks which), then the fuzzed
//! body. Read on its own with repeats expanded to a day the input picks (and, for some inputs,
//! only the events of a category), then the whole pipeline.
#![no_main]

use std::path::Path;

use concur::import::{Sink, import_bytes};
use concur_fuzz::{analyze, file_from};
use libfuzzer_sys::fuzz_target;

const STARTS: &[&str] = &[
    // Google: a zone block, then an event repeating weekly in it.
    "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/Berlin:20250303T070000\r\nDTEND;TZID=Europe/Berlin:20250303T074500\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\nUID:a@google.com\r\nSUMMARY:Run: Tempo 45'",
    // Apple: properties in its order, inside an event already.
    "BEGIN:VCALENDAR\nMETHOD:PUBLISH\nVERSION:2.0\nPRODID:-//Apple Inc.//macOS 14.6.1//EN\nBEGIN:VEVENT\nTRANSP:OPAQUE\nDTEND;TZID=Europe/Berlin:20250304T183000\nUID:0F3B2A8E\nRRULE:FREQ=WEEKLY;UNTIL=20250325T163000Z\nSUMMARY:Upper body\nDTSTART;TZID=Europe/Berlin:20250304T173000",
    // TrainingPeaks: all-day events.
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:TrainingPeaks\r\nBEGIN:VEVENT\r\nUID:5b0e2f6a\r\nSUMMARY:Strength: Lower body\r\nDESCRIPTION:Workout type: Strength\\nPlanned Time: 1:00\\n\r\nDTSTART;VALUE=DATE:20250303",
    // Bare, for the structure itself.
    "BEGIN:VCALENDAR",
];

fuzz_target!(|data: &[u8]| {
    let Some((bytes, flags)) = file_from(STARTS, data) else {
        return;
    };
    let mut sink = Sink::new(flags & 0x20 != 0);
    sink.calendar.repeats_until = chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
        .map(|d| d + chrono::Duration::days(i64::from(flags % 64) * 7));
    if flags & 0x10 != 0 {
        sink.calendar.categories = Some(vec!["Training".into()]);
    }
    if import_bytes(Path::new("fuzz.ics"), bytes.clone(), &mut sink).is_ok() {
        assert!(sink.warnings.len() >= sink.skipped);
    }
    analyze(&bytes, flags, Some("ics"), false);
});
