//! `concur review`: one week against the four before it, with suggestions.

use std::path::PathBuf;

use std::io::IsTerminal;

use clap::Args;

use super::args::{ColorChoice, CommonArgs, FailOn, output_width, today_in, week_error};
use super::{Body, Outcome, output};
use crate::error::Result;
use crate::parse_week;
use crate::report::{Format, Look};

#[derive(Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    common: CommonArgs,

    /// The week to review: `last` (the last full week), `this`, or an ISO week like 2024-W10.
    #[arg(long, value_name = "WEEK", default_value = "last")]
    week: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    format: Format,

    /// Write the review to this file instead of standard output (never one of the inputs).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Exit with code 1 when a pair or the week has this verdict or a worse one.
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOn>,
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
    let failed = args
        .fail_on
        .is_some_and(|f| review.worst() >= Some(f.threshold()));
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let look = Look {
        width: if to_terminal { output_width() } else { 100 },
        color: ColorChoice::Auto.enabled(to_terminal),
        explain: false,
        all: true,
    };
    let body = Body::Review {
        review: Box::new(review),
        report: Box::new(report),
        format: args.format.renderer(look),
    };
    Ok(Outcome {
        body,
        output: args.output,
        failed,
    })
}
