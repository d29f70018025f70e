//! `concur review`: one week against the four before it, with suggestions.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::args::{CommonArgs, FailOn, today_in, week_error};
use super::{Body, Outcome, output};
use crate::error::Result;
use crate::parse_week;

#[derive(Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    common: CommonArgs,

    /// The week to review: `last` (the last full week), `this`, or an ISO week like 2024-W10.
    #[arg(long, value_name = "WEEK", default_value = "last")]
    week: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ReviewFormat::Text)]
    format: ReviewFormat,

    /// Write the review to this file instead of standard output (never one of the inputs).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Exit with code 1 when a pair or the week has this verdict or a worse one.
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReviewFormat {
    /// Plain text.
    Text,
    /// Markdown, to paste into notes or a message to a coach.
    Markdown,
    /// JSON.
    Json,
    /// The HTML report (timeline and charts) of the reviewed week and the four before it.
    Html,
}

pub fn review(args: ReviewArgs) -> Result<Outcome> {
    let today = args.common.today;
    let mut options = crate::options(args.common.flags())?;
    let (monday, _) = parse_week(&args.week, today_in(options.settings.tz, today))
        .ok_or_else(|| week_error(&args.week))?;
    let (from, to) = crate::review::analysis_range(monday);
    options.since = Some(from);
    options.until = Some(to);
    if let Some(output) = &args.output {
        output::refuse_inputs(output, &options.files)?;
    }
    let report = crate::analyze(&options)?;
    let review = crate::review::build(&report, options.goal, monday, &options.settings.thresholds);
    let failed = args
        .fail_on
        .is_some_and(|f| review.worst() >= Some(f.threshold()));
    let body = match args.format {
        ReviewFormat::Text => Body::Text(crate::review::render(&review, false)),
        ReviewFormat::Markdown => Body::Text(crate::review::render(&review, true)),
        ReviewFormat::Json => {
            let mut s = serde_json::to_string_pretty(&review).expect("the review is plain data");
            s.push('\n');
            Body::Text(s)
        }
        ReviewFormat::Html => Body::Html(Box::new(report)),
    };
    Ok(Outcome {
        body,
        output: args.output,
        failed,
    })
}
