//! The end-to-end tests of concur, in one test binary (`cargo test --test cli`): each module is
//! one area, run through the real `concur` binary (or, in `properties`, through the library), and
//! `common` holds what they share. One binary links the crate once instead of once per file.
//!
//! Run one area with `cargo test --test cli bad_inputs::`, one test with its full name.

mod common;

mod archives;
mod bad_inputs;
mod calendar;
mod check;
mod classification;
mod commands;
mod errors;
mod formats;
mod html_report;
mod import_apple_health;
mod import_concept2;
mod import_fit;
mod import_fitbod;
mod import_fitnotes;
mod import_garmin;
mod import_garmin_export;
mod import_gpx_tcx;
mod import_healthexport;
mod import_hevy;
mod import_peloton;
mod import_runkeeper;
mod import_strava;
mod import_strong;
mod import_trainingpeaks;
mod import_whoop;
mod importer_over_bytes;
mod inputs_untouched;
mod json_contract;
mod lang_garmin;
mod lang_lifting;
mod lang_strava;
mod markdown_snapshot;
mod merge;
mod plan;
mod properties;
mod read_only;
mod real_exports;
mod rule_coverage;
mod rules_cmd;
mod table_snapshot;
