//! `concur check`: a planned week (or more) judged before it is trained, by the same rules as
//! `analyze`. The plan is a calendar (.ics) or concur's own CSV or JSON, whose dates in the
//! future are the point.

use chrono::{Datelike, Duration, NaiveDate};
use clap::Args;

use super::args::{CommonArgs, OutputArgs, parse_date, today_in, week_error};
use super::{Body, Outcome, output};
use crate::error::Result;
use crate::model::{Warning, WarningKind};
use crate::parse_week;
use crate::plan::show::Format as SuggestFormat;
use crate::report::Format;

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,

    #[command(flatten)]
    out: OutputArgs,

    /// Only events with one of these calendar categories, comma-separated (default: every
    /// event; or `plan_categories` in concur.toml).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    categories: Option<Vec<String>>,

    /// Only this week: `next`, `this`, `last`, or an ISO week like 2024-W12.
    #[arg(long, value_name = "WEEK")]
    week: Option<String>,

    /// Only days on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<NaiveDate>,

    /// Only days on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<NaiveDate>,

    /// Instead of the report, propose the plan with the fewest moves that take out its
    /// conflicts and cautions (the search of `concur plan`), week by week: as a table, as JSON
    /// with --format json, or as an iCalendar file to import with --suggest=ics (best with
    /// --output better.ics).
    #[arg(long, value_enum, value_name = "FORMAT", require_equals = true)]
    suggest: Option<Option<SuggestFormat>>,
}

pub fn check(args: CheckArgs) -> Result<Outcome> {
    // The config's `files` are the history, never a plan.
    if args.common.files.is_empty() {
        return Err(crate::Error::Usage(
            "no plan to check: name a calendar file (.ics) or a CSV/JSON log of days to come, like `concur check next-week.ics --goal strength`".into(),
        ));
    }
    let today = args.common.today;
    let mut flags = args.common.flags();
    flags.categories = args
        .categories
        .map(|c| c.into_iter().map(|c| c.trim().to_string()).collect());
    let mut options = crate::options(flags)?;
    options.settings.plan = true;
    let today = today_in(options.settings.tz, today);
    let week = match &args.week {
        Some(week) => Some((
            week.as_str(),
            plan_week(week, today).ok_or_else(|| {
                crate::Error::Usage(
                    week_error(week)
                        .to_string()
                        .replace("expected last, this,", "expected next, this, last,"),
                )
            })?,
        )),
        None => None,
    };
    (options.since, options.until) = super::analyze::range(week, args.since, args.until)?;
    options.calendar.repeats_until = Some(options.until.unwrap_or_else(|| repeats_until(today)));
    // Repeats without an end are expanded from the range's start, or from this week: the weeks
    // gone by of an endless repeat are no plan (and a stand-up set up years ago has thousands).
    options.calendar.repeats_from = Some(
        options
            .since
            .unwrap_or_else(|| crate::week_bounds(today.iso_week()).0),
    );
    if let Some(output) = &args.out.output {
        output::refuse_inputs(output, &options.files)?;
    }
    let suggest = match args.suggest {
        None => None,
        Some(Some(format)) => Some(format),
        Some(None) => Some(match args.out.format {
            Format::Table => SuggestFormat::Table,
            Format::Json => SuggestFormat::Json,
            other => {
                return Err(crate::Error::Usage(format!(
                    "--suggest writes a table, JSON (--format json) or an iCalendar file (--suggest=ics), not --format {}",
                    other.name()
                )));
            }
        }),
    };
    let mut analysis = crate::analysis::analyse(&options)?;
    // A calendar kept for years holds the weeks gone by as well: with no range asked for, the
    // check is of the weeks to come, when the plan has any, and says what it left out.
    if week.is_none() && args.since.is_none() && args.until.is_none() {
        let monday = crate::week_bounds(today.iso_week()).0;
        let dates = || analysis.timeline.sessions.iter().map(|p| p.date);
        if let Some(first) = dates().min().filter(|d| *d < monday)
            && dates().any(|d| d >= monday)
        {
            options.since = Some(monday);
            options.warnings.push(Warning::general(
                WarningKind::Range,
                format!(
                    "the plan's days before this week ({first} to {}) are left out: the check is of the weeks to come (--since {first} to see them)",
                    monday - chrono::Duration::days(1)
                ),
            ));
            analysis = crate::analysis::analyse(&options)?;
        }
    }
    let suggestions = suggest.map(|_| crate::plan::suggest_checked(&analysis));
    let mut report = crate::report::build(&analysis);
    drop(analysis);
    let said = report.warnings.iter().any(|w| w.kind == WarningKind::Range);
    if report.summary.sessions == 0 && !said {
        report.warnings.push(Warning::general(
            WarningKind::Range,
            "no planned sessions: the plan has no events (or none in the range, or none of the categories asked for)",
        ));
    }
    if let (Some(format), Some(weeks)) = (suggest, suggestions) {
        // What the check had to assume or could not read holds for the proposal too.
        let notes: Vec<String> = report
            .warnings
            .iter()
            .map(|w| format!("{}{}", w.place(), w.message))
            .collect();
        let text = crate::plan::show::render_suggestions(
            &weeks,
            format,
            args.out.look(true).width,
            &notes,
            &options.settings,
            chrono::Utc::now(),
        );
        // `--fail-on` looks at what is left in the proposed weeks.
        let worst = weeks
            .iter()
            .flat_map(|w| w.after.pairs.iter().map(|p| p.verdict()))
            .max();
        let failed = args.out.fails(worst);
        return Ok(Outcome {
            body: Body::Text(text),
            output: args.out.output,
            failed,
        });
    }
    let worst = report.worst();
    Ok(Outcome::written(args.out, worst, true, |format| {
        Body::Report {
            report: Box::new(report),
            format,
        }
    }))
}

/// `--week` of a plan: `next` as well as what `analyze` takes.
fn plan_week(week: &str, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    if week.trim().eq_ignore_ascii_case("next") {
        return Some(crate::week_bounds((today + Duration::days(7)).iso_week()));
    }
    parse_week(week, today)
}

/// How far a plan's repeats without an end go when no range says: to the Sunday four weeks
/// after this week's.
fn repeats_until(today: NaiveDate) -> NaiveDate {
    let (_, sunday) = crate::week_bounds(today.iso_week());
    sunday + Duration::days(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn repeats_go_to_the_sunday_four_weeks_after_this_week() {
        // A Wednesday: this week's Sunday is 2024-03-17.
        assert_eq!(repeats_until(d("2024-03-13")), d("2024-04-14"));
        assert_eq!(repeats_until(d("2024-03-17")), d("2024-04-14"));
        assert_eq!(d("2024-04-14").weekday(), chrono::Weekday::Sun);
    }

    #[test]
    fn next_week_is_the_week_after_this_one() {
        assert_eq!(
            plan_week("next", d("2024-03-13")),
            Some((d("2024-03-18"), d("2024-03-24")))
        );
        assert_eq!(
            plan_week("2024-W12", d("2024-03-13")),
            Some((d("2024-03-18"), d("2024-03-24")))
        );
    }
}
