//! Micro-benchmarks of concur's stages on a generated Strong export and its Strava pair, made
//! in memory by the generator (`examples/gen.rs`, included here as a module):
//!
//! ```sh
//! cargo bench --bench stages            # every stage at 10k and 100k set rows
//! ```
//!
//! import (detection, decoding and the CSV importers), classify, timeline, report (rules,
//! score, weeks: `report::build`) and JSON rendering, each on the output of the stage before.
//! Uses divan: small, quick to build on a 2-core machine, and its allocation profiler shows
//! how many allocations and bytes each stage makes, which is what the memory target of issue 5
//! is about. Whole-program figures (wall time, peak RSS, the csv and pandas floors) are
//! `bench/run.sh`'s.

use std::path::Path;

use concur::analysis::Analysis;
use concur::analysis::classify::classify;
use concur::analysis::judge;
use concur::analysis::timeline;
use concur::import::{Imported, Sink, import_bytes};
use concur::report::{self, Report};
use concur::{Goal, Settings};

#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod generator;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

const ROWS: &[u64] = &[10_000, 100_000];

fn main() {
    divan::main();
}

fn settings() -> Settings {
    Settings::new(chrono_tz::UTC)
}

/// The Strong export and the Strava export of one athlete with `rows` set rows of lifting.
fn exports(rows: u64) -> [(&'static str, Vec<u8>); 2] {
    let make = |format| {
        let mut out = Vec::new();
        generator::generate(
            format,
            rows,
            None,
            1,
            generator::default_end(),
            chrono_tz::UTC,
            &mut out,
        )
        .expect("writing to memory does not fail");
        out
    };
    [
        ("strong.csv", make(generator::Format::Strong)),
        ("strava.csv", make(generator::Format::Strava)),
    ]
}

fn import(files: &[(&'static str, Vec<u8>)]) -> Imported {
    let mut all = Imported::default();
    for (name, bytes) in files {
        let mut sink = Sink::new(false);
        let format = import_bytes(Path::new(name), bytes.clone(), &mut sink)
            .expect("generated exports are valid");
        all.files.push((name.to_string(), format));
        all.workouts.append(&mut sink.workouts);
        all.warnings.append(&mut sink.warnings);
        all.skipped += sink.skipped;
    }
    all
}

fn stages(rows: u64) -> (Analysis, Report) {
    let settings = settings();
    let imported = import(&exports(rows));
    let classified = classify(imported.workouts.clone(), &settings, false).expect("classifies");
    let timeline = timeline::build(classified.sessions.clone(), &settings, None);
    let judged = judge::judge(
        Goal::Strength,
        &settings.thresholds,
        &timeline,
        (None, None),
    );
    let analysis = Analysis {
        goal: Goal::Strength,
        settings,
        since: None,
        until: None,
        imported,
        classified,
        timeline,
        judged,
    };
    let report = report::build(&analysis);
    (analysis, report)
}

/// Detection, decoding and reading both exports into workouts (the bytes are copied per run,
/// as `import_bytes` takes them by value; the copy is part of the figure).
#[divan::bench(args = ROWS, sample_count = 20)]
fn import_stage(bencher: divan::Bencher, rows: u64) {
    let files = exports(rows);
    bencher.bench_local(|| import(divan::black_box(&files)));
}

#[divan::bench(args = ROWS, sample_count = 20)]
fn classify_stage(bencher: divan::Bencher, rows: u64) {
    let settings = settings();
    let imported = import(&exports(rows));
    // The workouts are consumed: each sample gets a copy, made outside the timing.
    bencher
        .with_inputs(|| imported.workouts.clone())
        .bench_local_values(|workouts| classify(workouts, &settings, false));
}

#[divan::bench(args = ROWS, sample_count = 20)]
fn timeline_stage(bencher: divan::Bencher, rows: u64) {
    let settings = settings();
    let (analysis, _) = stages(rows);
    bencher
        .with_inputs(|| analysis.classified.sessions.clone())
        .bench_local_values(|sessions| timeline::build(sessions, &settings, None));
}

/// Rules, verdicts, weeks and the score: the judging.
#[divan::bench(args = ROWS, sample_count = 20)]
fn judge_stage(bencher: divan::Bencher, rows: u64) {
    let (a, _) = stages(rows);
    bencher.bench_local(|| judge::judge(a.goal, &a.settings.thresholds, &a.timeline, (None, None)));
}

/// The report structure: the analysis in words.
#[divan::bench(args = ROWS, sample_count = 20)]
fn report_stage(bencher: divan::Bencher, rows: u64) {
    let (analysis, _) = stages(rows);
    bencher.bench_local(|| report::build(divan::black_box(&analysis)));
}

/// The JSON report, serialised into a sink (what `concur analyze -f json` writes).
#[divan::bench(args = ROWS, sample_count = 20)]
fn json_stage(bencher: divan::Bencher, rows: u64) {
    let (_, report) = stages(rows);
    bencher.bench_local(|| report::write_json(divan::black_box(&report), std::io::sink()));
}
