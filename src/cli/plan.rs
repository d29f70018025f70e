//! `concur plan`: next week from the last four weeks' habits, with the fewest moves that take
//! out its conflicts and cautions, as a table, JSON, or an iCalendar file to import.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use clap::Args;

use super::args::{CommonArgs, output_width, today_in};
use super::{Body, Outcome, output};
use crate::error::Result;
use crate::plan::show::{Format, plan_out, render_json, render_table};
use crate::plan::{habits, improve, next_monday};

#[derive(Args)]
pub struct PlanArgs {
    #[command(flatten)]
    common: CommonArgs,

    /// Output format: table, json, or ics (an iCalendar file to import into a calendar app).
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Write to this file instead of standard output (never one of the inputs).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// What every proposal assumes, said with it.
pub const ASSUMED: &[&str] = &[
    "a plan is only words and times: each session keeps the intensity and the leg day of the sessions it was learned from, and the median of their lengths",
    "no session is moved onto a rest day or onto a day that already holds two sessions, and none into the night (moves stay within 06:00-22:00)",
];

pub fn plan(args: PlanArgs) -> Result<Outcome> {
    let today = args.common.today;
    let mut options = crate::options(args.common.flags())?;
    let today = today_in(options.settings.tz, today);
    let monday = next_monday(today);
    let window = |end: NaiveDate| end - Duration::days(7 * crate::plan::habits::WEEKS - 1);
    options.until = Some(today);
    if let Some(output) = &args.output {
        output::refuse_inputs(output, &options.files)?;
    }
    let analysis = crate::analysis::analyse(&options)?;
    let settings = &options.settings;
    // Logs exported a while ago end before the last four weeks: the latest four weeks of them
    // that show a routine are the habits, proposed for the coming week all the same (a week in
    // the past is no plan to import).
    let sessions = &analysis.timeline.sessions;
    let dates = || sessions.iter().map(|p| p.date);
    let mut learned = habits(sessions, today, monday, settings);
    // Also logs that end a week or more before today with too little of the four weeks left
    // to show a routine: an export made a few weeks ago is the common case.
    if let (Some(first), Some(last)) = (dates().min(), dates().max())
        && (last < window(today) || (learned.habits.is_empty() && last < today - Duration::days(7)))
    {
        let mut end = last;
        learned = loop {
            let l = habits(sessions, end, monday, settings);
            if !l.habits.is_empty() || window(end) <= first {
                break l;
            }
            end -= Duration::days(7);
        };
    }
    let from = learned.from;
    let suggestion = improve(&learned.week, options.goal, settings);
    let mut notes: Vec<String> = ASSUMED.iter().map(|s| s.to_string()).collect();
    if learned.to != today {
        notes.push(format!(
            "the logs show no routine in the four weeks before today ({today}): the habits are those of the latest four weeks that do, {} to {}",
            learned.from, learned.to
        ));
    }
    notes.extend(learned.notes.iter().cloned());
    let warnings = analysis.imported.warnings.len()
        + analysis.classified.warnings.len()
        + analysis.timeline.warnings.len();
    if warnings > 0 {
        notes.push(format!(
            "reading the logs gave {warnings} warning{}: `concur analyze` with the same files and --since {from} lists them",
            if warnings == 1 { "" } else { "s" }
        ));
    }
    let text = match args.format {
        Format::Ics => crate::plan::ics_out::calendar(
            std::slice::from_ref(&suggestion),
            crate::plan::ics_out::Holds::Everything,
            settings,
            chrono::Utc::now(),
        ),
        Format::Json | Format::Table => {
            let out = plan_out(
                &suggestion,
                "plan",
                Some((learned.from, learned.to)),
                notes,
                settings,
            );
            if args.format == Format::Json {
                render_json(&out)
            } else {
                let to_terminal =
                    args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
                render_table(&out, output_width(to_terminal))
            }
        }
    };
    Ok(Outcome {
        body: Body::Text(text),
        output: args.output,
        failed: false,
    })
}
