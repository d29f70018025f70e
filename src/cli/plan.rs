//! `concur plan`: next week from the last four weeks' habits, with the fewest moves that take
//! out its conflicts and cautions, as a table, JSON, or an iCalendar file to import.

use std::path::PathBuf;

use chrono::Duration;
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
    let from = today - Duration::days(7 * crate::plan::habits::WEEKS - 1);
    (options.since, options.until) = (Some(from), Some(today));
    if let Some(output) = &args.output {
        output::refuse_inputs(output, &options.files)?;
    }
    let analysis = crate::analysis::analyse(&options)?;
    let settings = &options.settings;
    let learned = habits(&analysis.timeline.sessions, today, monday, settings);
    let suggestion = improve(&learned.week, options.goal, settings);
    let mut notes: Vec<String> = ASSUMED.iter().map(|s| s.to_string()).collect();
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
