//! From workouts to verdicts: [`classify`] turns each workout into sessions (modality,
//! intensity, leg day; a mixed workout into one session per block), [`timeline`] places them in
//! the user's days and finds every strength/cardio pair with its order and gap, and [`judge`]
//! judges each pair and week against the goal by the rules of [`rules`] (the rule table as
//! data, documented in `docs/rules.md`).

pub mod classify;
pub mod judge;
pub mod rules;
pub mod timeline;
pub mod zones;

use chrono::NaiveDate;

use crate::import::{self, Imported};
use crate::model::Goal;
use crate::settings::Settings;
use crate::{Options, Result};

/// What the analysis of a run found, typed: the files read (with their warnings and skipped
/// rows), the sessions classified, placed in days and paired, and every pair and week judged.
/// The report puts it in words.
pub struct Analysis {
    pub goal: Goal,
    pub settings: Settings,
    /// The bounds asked for, if any.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub imported: Imported,
    pub classified: classify::Classified,
    pub timeline: timeline::Timeline,
    pub judged: judge::Judged,
}

/// Reads the files and analyses them: import, classify, timeline, judge.
pub fn analyse(options: &Options) -> Result<Analysis> {
    let mut imported = import::import_inputs(
        &options.files,
        &options.found_in_folders,
        options.strict,
        &options.calendar,
    )?;
    imported
        .warnings
        .splice(0..0, options.warnings.iter().cloned());
    // The workouts become the sessions, which go into the timeline: neither is kept a second
    // time (each is tens of MB for a long history). The report reads only the counts and
    // warnings of `imported` and `classified`.
    let workouts = std::mem::take(&mut imported.workouts);
    let mut classified = classify::classify(workouts, &options.settings, options.strict)?;
    let sessions = std::mem::take(&mut classified.sessions);
    let range = match (options.since, options.until) {
        (None, None) => None,
        (since, until) => Some((
            since.unwrap_or(NaiveDate::MIN),
            until.unwrap_or(NaiveDate::MAX),
        )),
    };
    let timeline = timeline::build(sessions, &options.settings, range);
    let judged = judge::judge(
        options.goal,
        &options.settings.thresholds,
        &timeline,
        (options.since, options.until),
    );
    Ok(Analysis {
        goal: options.goal,
        settings: options.settings.clone(),
        since: options.since,
        until: options.until,
        imported,
        classified,
        timeline,
        judged,
    })
}
