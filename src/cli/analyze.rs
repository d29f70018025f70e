//! `concur analyze`: the whole history, or a range of it, day by day and week by week.

use chrono::NaiveDate;
use clap::Args;

use super::args::{CommonArgs, OutputArgs, parse_date, today_in, week_error};
use super::{Body, Outcome, output};
use crate::error::{Error, Result};
use crate::parse_week;
use crate::report::Format;

#[derive(Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    common: CommonArgs,

    #[command(flatten)]
    out: OutputArgs,

    /// Show every week and day in the table or Markdown, however long the history (by default a
    /// history of more than 8 weeks is shown month by month, with its last 8 weeks in detail).
    #[arg(long)]
    all: bool,

    /// Only this week: `last`, `this`, or an ISO week like 2024-W10.
    #[arg(long, value_name = "WEEK")]
    week: Option<String>,

    /// Only days on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<NaiveDate>,

    /// Only days on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<NaiveDate>,
}

pub fn analyze(args: AnalyzeArgs) -> Result<Outcome> {
    let today = args.common.today;
    let mut options = crate::options(args.common.flags())?;
    let week = match &args.week {
        Some(week) => Some((
            week.as_str(),
            parse_week(week, today_in(options.settings.tz, today))
                .ok_or_else(|| week_error(week))?,
        )),
        None => None,
    };
    (options.since, options.until) = range(week, args.since, args.until)?;
    // A calendar's repeats without an end stop at the end of the range, or today: a log is of
    // what was done.
    options.calendar.repeats_from = options.since;
    options.calendar.repeats_until = Some(
        options
            .until
            .unwrap_or_else(|| today_in(options.settings.tz, today)),
    );
    if let Some(output) = &args.out.output {
        output::refuse_inputs(output, &options.files)?;
    }
    let report = crate::analyze(&options)?;
    let (format, worst) = (args.out.format, report.worst());
    let outcome = Outcome::written(args.out, worst, args.all, |format| Body::Report {
        report: Box::new(report),
        format,
    });
    if args.all && matches!(format, Format::Json | Format::Html) {
        eprintln!(
            "concur: note: --all has no effect with --format {}, which always holds every week and day",
            format.name()
        );
    }
    Ok(outcome)
}

/// The days to report: `--week` (its name, and its Monday and Sunday) narrowed by `--since` and
/// `--until`; a range no day fits is an error, not an empty report.
pub(super) fn range(
    week: Option<(&str, (NaiveDate, NaiveDate))>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let (mut from, mut to) = (since, until);
    if let Some((week, (monday, sunday))) = week {
        let empty = |flag: &str, day: NaiveDate| {
            Error::Usage(format!(
                "the range is empty: no day fits both --week {week} ({monday} to {sunday}) and {flag} {day}"
            ))
        };
        if let Some(s) = since.filter(|s| *s > sunday) {
            return Err(empty("--since", s));
        }
        if let Some(u) = until.filter(|u| *u < monday) {
            return Err(empty("--until", u));
        }
        from = Some(since.map_or(monday, |s| s.max(monday)));
        to = Some(until.map_or(sunday, |u| u.min(sunday)));
    }
    if let (Some(s), Some(u)) = (from, to)
        && s > u
    {
        return Err(Error::Usage(format!(
            "the range is empty: --since {s} is after --until {u}"
        )));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_week_is_narrowed_by_since_and_until_and_an_empty_range_is_an_error() {
        let w10 = Some(("2024-W10", (d("2024-03-04"), d("2024-03-10"))));
        assert_eq!(range(None, None, None).unwrap(), (None, None));
        assert_eq!(
            range(w10, Some(d("2024-03-06")), None).unwrap(),
            (Some(d("2024-03-06")), Some(d("2024-03-10")))
        );
        assert_eq!(
            range(w10, Some(d("2024-01-01")), Some(d("2024-03-08"))).unwrap(),
            (Some(d("2024-03-04")), Some(d("2024-03-08")))
        );
        let err = range(w10, Some(d("2024-03-11")), None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "no day fits both --week 2024-W10 (2024-03-04 to 2024-03-10) and --since 2024-03-11"
            ),
            "{err}"
        );
        let err = range(w10, None, Some(d("2024-03-03")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("and --until 2024-03-03"), "{err}");
        let err = range(None, Some(d("2024-03-10")), Some(d("2024-03-01")))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "the range is empty: --since 2024-03-10 is after --until 2024-03-01"
        );
    }
}
