//! `concur review`: one week against the four before it, with suggestions.

use chrono::NaiveDate;
use clap::Args;

use super::args::{CommonArgs, OutputArgs, parse_date, today_in, week_error};
use super::{Body, Outcome, output};
use crate::error::{Error, Result};
use crate::parse_week;

#[derive(Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    common: CommonArgs,

    #[command(flatten)]
    out: OutputArgs,

    /// The week to review: `last` (the last full week), `this`, or an ISO week like 2024-W10.
    #[arg(long, value_name = "WEEK", default_value = "last")]
    week: String,

    /// Only days on or after this date (YYYY-MM-DD): the weeks before are compared from it
    /// (after a change of program, say).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<NaiveDate>,
}

pub fn review(args: ReviewArgs) -> Result<Outcome> {
    let today = args.common.today;
    let mut options = crate::options(args.common.flags())?;
    let (monday, sunday) = parse_week(&args.week, today_in(options.settings.tz, today))
        .ok_or_else(|| week_error(&args.week))?;
    let (from, to) = crate::review::analysis_range(monday);
    if let Some(since) = args.since.filter(|s| *s > sunday) {
        return Err(Error::Usage(format!(
            "the range is empty: --since {since} is after week {} ({monday} to {sunday})",
            args.week
        )));
    }
    options.since = Some(args.since.map_or(from, |s| s.max(from)));
    options.until = Some(to);
    if let Some(output) = &args.out.output {
        output::refuse_inputs(output, &options.files)?;
    }
    let analysis = crate::analysis::analyse(&options)?;
    let logs_end = analysis.timeline.span.map(|(_, last)| last);
    let report = crate::report::build(&analysis);
    drop(analysis);
    let review = crate::review::build(
        &report,
        options.goal,
        monday,
        &options.settings.thresholds,
        logs_end,
    );
    let worst = review.worst();
    Ok(Outcome::written(args.out, worst, true, |format| {
        Body::Review {
            review: Box::new(review),
            report: Box::new(report),
            format,
        }
    }))
}
