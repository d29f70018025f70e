//! TrainingPeaks' workout summary (`workouts.csv`, from trainingpeaks.com: Settings > Export
//! Data > Workout Summary, for a date range): one row per workout on the calendar, planned or
//! done.
//!
//! ```text
//! "Title","WorkoutType","WorkoutDescription","PlannedDuration","PlannedDistanceInMeters",
//! "WorkoutDay","CoachComments","DistanceInMeters",...,"TimeTotalInHours",...,
//! "HeartRateAverage","HeartRateMax",...,"Rpe","Feeling"
//! "Tempo run","Run","","1","","2024-05-28","","10012.5",...,"0.98",...,"151","172",...,"7","3"
//! ```
//!
//! Every value is quoted. The 45 columns are the same in every export (power, cadence, TSS, IF,
//! and minutes in each of ten heart-rate and power zones among them); the ones read:
//!
//! - `WorkoutDay`: the date, `2024-05-28`, and nothing else: TrainingPeaks keeps no time of day.
//!   A workout is a [`Stamp::Date`], as FitNotes' are: the timeline makes no pair of it and
//!   reports the order of a day with lifting and cardio as unknown.
//! - `WorkoutType`: `Run`, `Bike`, `Swim`, `Strength`, `Other`, `Day Off`, ... as the activity;
//!   where classification does not know the type (`Other`), the title decides.
//! - `Title` (the type where it is empty), `WorkoutDescription` and `AthleteComments` as notes
//!   (their words count for intensity and leg day).
//! - `TimeTotalInHours`: the time done, in decimal hours (`0.736675560474396`).
//! - `DistanceInMeters`: metres (`0` on strength workouts: no distance).
//! - `HeartRateAverage`, `HeartRateMax`: beats per minute.
//! - `Rpe`: the athlete's 1 to 10 rating, as RPE; `0` or empty is not rated. (`Feeling` is how
//!   the athlete felt, not how hard it was: not read.)
//!
//! The file holds the calendar, not only what was done: a workout the coach or the athlete
//! planned has `PlannedDuration` or `PlannedDistanceInMeters` and, until it is done, nothing
//! under the columns of what was done (`TimeTotalInHours`, `DistanceInMeters`, the heart
//! rates). Such a row is no session, nor is a `Day Off` or a note with nothing planned or done.
//! Every export has them, so they are not damaged rows: they are not counted as skipped and
//! `--strict` does not stop at them; one warning per file (planned; nothing) counts them and
//! names their lines. A row with any value done is a session, even without a time (its length
//! is then estimated from its distance, as for any log).

use chrono::NaiveDate;

use super::csv_rows::{Col, Columns, Row, for_each_row};
use super::values::parse_number;
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::error::Result;
use crate::model::{Stamp, Warning, WarningKind, Workout};

const TITLE: &[&str] = &["Title"];
const WORKOUT_TYPE: &[&str] = &["WorkoutType"];
const DESCRIPTION: &[&str] = &["WorkoutDescription"];
const ATHLETE_COMMENTS: &[&str] = &["AthleteComments"];
const PLANNED_DURATION: &[&str] = &["PlannedDuration"];
const PLANNED_DISTANCE: &[&str] = &["PlannedDistanceInMeters"];
const WORKOUT_DAY: &[&str] = &["WorkoutDay"];
const DISTANCE: &[&str] = &["DistanceInMeters"];
const TIME_TOTAL: &[&str] = &["TimeTotalInHours"];
const HR_AVERAGE: &[&str] = &["HeartRateAverage"];
const HR_MAX: &[&str] = &["HeartRateMax"];
const RPE: &[&str] = &["Rpe"];

/// The columns detection asks for; the first name of each is the one messages use.
const REQUIRED: &[&[&str]] = &[
    TITLE,
    WORKOUT_TYPE,
    PLANNED_DURATION,
    WORKOUT_DAY,
    DISTANCE,
    TIME_TOTAL,
    HR_AVERAGE,
];

const DAY_EXPECTED: &str = "a date like 2024-05-28";
const HOURS_EXPECTED: &str = "hours as a decimal number, like 0.75 or 1.3824";
const NUMBER_EXPECTED: &str = "a number, like 10012.5";

/// How many lines a warning about rows left out names before it says "...".
const LINES_SHOWN: usize = 8;

pub struct TrainingPeaks;

impl Importer for TrainingPeaks {
    fn name(&self) -> &'static str {
        "trainingpeaks"
    }

    fn describe(&self) -> &'static str {
        "a TrainingPeaks workout summary (workouts.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("TrainingPeaks")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        detect_columns(head, REQUIRED)
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let file = input.file.clone();
        let mut layout: Option<Layout> = None;
        let mut planned: Vec<u64> = Vec::new();
        let mut nothing: Vec<u64> = Vec::new();
        for_each_row(input, "trainingpeaks", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            let Some(day) = row.parse(layout.day, DAY_EXPECTED, parse_day)? else {
                return sink.skip(origin, "no WorkoutDay");
            };
            let done = Done::read(row, layout)?;
            if !done.any() {
                let is_planned = row.value(layout.planned_duration).is_some()
                    || row.value(layout.planned_distance).is_some();
                let left_out = if is_planned {
                    &mut planned
                } else {
                    &mut nothing
                };
                left_out.push(origin.line);
                return Ok(());
            }
            let mut w = Workout::new(origin.clone(), Stamp::Date(day));
            let kind = row.text(layout.kind);
            w.activity = kind.to_string();
            w.title = match row.text(layout.title) {
                "" => kind.to_string(),
                title => title.to_string(),
            };
            w.notes = [row.text(layout.description), row.text(layout.comments)]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            w.minutes = done.hours.map(|h| h * 60.0);
            w.distance_km = done.metres.map(|m| m / 1000.0);
            w.avg_hr = done.avg_hr;
            w.max_hr = done.max_hr;
            w.rpe = row
                .parse(layout.rpe, NUMBER_EXPECTED, number)?
                .filter(|r| *r != 0.0);
            sink.workouts.push(w);
            Ok(())
        })?;
        if !planned.is_empty() {
            sink.warnings.push(Warning::about(
                WarningKind::SkippedRow,
                &file,
                format!(
                    "{} planned, not done (a PlannedDuration or PlannedDistanceInMeters, but no TimeTotalInHours, distance or heart rate): left out; {}",
                    rows(planned.len(), "workout", "workouts"),
                    lines(&planned)
                ),
            ));
        }
        if !nothing.is_empty() {
            sink.warnings.push(Warning::about(
                WarningKind::SkippedRow,
                &file,
                format!(
                    "{} with nothing planned or done (a Day Off, a note on the calendar): left out; {}",
                    rows(nothing.len(), "row", "rows"),
                    lines(&nothing)
                ),
            ));
        }
        Ok(())
    }
}

/// What a row says was done; all `None` for a workout only planned. Zeros are TrainingPeaks'
/// "nothing" (a distance of 0 on a strength workout).
struct Done {
    hours: Option<f64>,
    metres: Option<f64>,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
}

impl Done {
    fn read(row: &Row, layout: &Layout) -> Result<Done> {
        let value = |col: Col, expected: &str| -> Result<Option<f64>> {
            Ok(row.parse(col, expected, number)?.filter(|n| *n != 0.0))
        };
        Ok(Done {
            hours: value(layout.time_total, HOURS_EXPECTED)?,
            metres: value(layout.distance, NUMBER_EXPECTED)?,
            avg_hr: value(layout.avg_hr, NUMBER_EXPECTED)?,
            max_hr: value(layout.max_hr, NUMBER_EXPECTED)?,
        })
    }

    fn any(&self) -> bool {
        self.hours.is_some()
            || self.metres.is_some()
            || self.avg_hr.is_some()
            || self.max_hr.is_some()
    }
}

/// "1 workout", "3 workouts".
fn rows(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "line 4", "lines 4, 9, 12", "lines 4, 9, ... (20 in all)".
fn lines(at: &[u64]) -> String {
    let shown: Vec<String> = at.iter().take(LINES_SHOWN).map(u64::to_string).collect();
    match at.len() {
        1 => format!("line {}", shown[0]),
        n if n <= LINES_SHOWN => format!("lines {}", shown.join(", ")),
        n => format!("lines {}, ... ({n} in all)", shown.join(", ")),
    }
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// TrainingPeaks writes plain decimals with a point in every locale (`1.33333333333333`).
fn number(s: &str) -> Option<f64> {
    parse_number(s, false)
}

/// Where each column this importer reads is in one file.
struct Layout {
    title: Col,
    kind: Col,
    description: Col,
    comments: Col,
    planned_duration: Col,
    planned_distance: Col,
    day: Col,
    distance: Col,
    time_total: Col,
    avg_hr: Col,
    max_hr: Col,
    rpe: Col,
}

impl Layout {
    fn new(c: &Columns) -> Layout {
        Layout {
            title: c.find(TITLE),
            kind: c.find(WORKOUT_TYPE),
            description: c.find(DESCRIPTION),
            comments: c.find(ATHLETE_COMMENTS),
            planned_duration: c.find(PLANNED_DURATION),
            planned_distance: c.find(PLANNED_DISTANCE),
            day: c.find(WORKOUT_DAY),
            distance: c.find(DISTANCE),
            time_total: c.find(TIME_TOTAL),
            avg_hr: c.find(HR_AVERAGE),
            max_hr: c.find(HR_MAX),
            rpe: c.find(RPE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::classify::modality_of;
    use crate::model::Modality;

    const HEADER: &str = r#""Title","WorkoutType","WorkoutDescription","PlannedDuration","PlannedDistanceInMeters","WorkoutDay","CoachComments","DistanceInMeters","PowerAverage","PowerMax","Energy","AthleteComments","TimeTotalInHours","VelocityAverage","VelocityMax","CadenceAverage","CadenceMax","HeartRateAverage","HeartRateMax","TorqueAverage","TorqueMax","IF","TSS","HRZone1Minutes","HRZone2Minutes","HRZone3Minutes","HRZone4Minutes","HRZone5Minutes","HRZone6Minutes","HRZone7Minutes","HRZone8Minutes","HRZone9Minutes","HRZone10Minutes","PWRZone1Minutes","PWRZone2Minutes","PWRZone3Minutes","PWRZone4Minutes","PWRZone5Minutes","PWRZone6Minutes","PWRZone7Minutes","PWRZone8Minutes","PWRZone9Minutes","PWRZone10Minutes","Rpe","Feeling""#;

    /// Columns of the header above, by position.
    const TITLE_AT: usize = 0;
    const TYPE_AT: usize = 1;
    const DESCRIPTION_AT: usize = 2;
    const PLANNED_AT: usize = 3;
    const DAY_AT: usize = 5;
    const METRES_AT: usize = 7;
    const COMMENTS_AT: usize = 11;
    const HOURS_AT: usize = 12;
    const AVG_HR_AT: usize = 17;
    const MAX_HR_AT: usize = 18;
    const RPE_AT: usize = 43;

    /// A row of the header above, every value quoted as TrainingPeaks writes them: these values
    /// at their columns, the others empty.
    fn row(values: &[(usize, &str)]) -> String {
        let mut fields = vec![""; 45];
        for (at, value) in values {
            fields[*at] = value;
        }
        let quoted: Vec<String> = fields.iter().map(|f| format!("\"{f}\"")).collect();
        quoted.join(",")
    }

    fn read(rows: &[String]) -> Result<Sink> {
        let text = format!("{HEADER}\r\n{}\r\n", rows.join("\r\n"));
        crate::import::testing::read(&TrainingPeaks, "workouts.csv", &text)
    }

    fn day(s: &str) -> Stamp {
        Stamp::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn detects_the_header_and_names_a_missing_column() {
        let head = crate::import::testing::head(HEADER);
        assert!(matches!(TrainingPeaks.detect(&head), Detection::Match(_)));
        let cut = HEADER.replace("\"TimeTotalInHours\",", "");
        assert_eq!(
            TrainingPeaks.detect(&crate::import::testing::head(&cut)),
            Detection::Near {
                missing: vec!["TimeTotalInHours"]
            }
        );
        for other in [
            "start,end,duration,type,title,rpe\n",
            "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR\n",
        ] {
            let head = crate::import::testing::head(other);
            assert_eq!(TrainingPeaks.detect(&head), Detection::No, "{other}");
        }
    }

    #[test]
    fn a_done_workout_is_a_date_with_its_time_distance_heart_rate_and_rpe() {
        let sink = read(&[
            row(&[
                (TITLE_AT, "Tempo run"),
                (TYPE_AT, "Run"),
                (PLANNED_AT, "1"),
                (DAY_AT, "2024-05-28"),
                (METRES_AT, "10012.5"),
                (HOURS_AT, "0.98"),
                (AVG_HR_AT, "151"),
                (MAX_HR_AT, "172"),
                (RPE_AT, "7"),
            ]),
            row(&[
                (TITLE_AT, "Strength"),
                (TYPE_AT, "Strength"),
                (DAY_AT, "2024-05-29"),
                (METRES_AT, "0"),
                (HOURS_AT, "0.75"),
                (AVG_HR_AT, "112"),
                (RPE_AT, "0"),
            ]),
        ])
        .unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (2, 0));
        let run = &sink.workouts[0];
        assert_eq!(run.start, day("2024-05-28"));
        assert_eq!(run.end, None);
        assert_eq!(
            (run.activity.as_str(), run.title.as_str()),
            ("Run", "Tempo run")
        );
        assert!((run.minutes.unwrap() - 58.8).abs() < 1e-9);
        assert_eq!(run.distance_km, Some(10.0125));
        assert_eq!(
            (run.avg_hr, run.max_hr, run.rpe),
            (Some(151.0), Some(172.0), Some(7.0))
        );
        let lift = &sink.workouts[1];
        assert_eq!(lift.minutes, Some(45.0));
        assert_eq!(lift.distance_km, None, "0 m is no distance");
        assert_eq!(lift.rpe, None, "an Rpe of 0 is not rated");
        assert!(sink.warnings.is_empty());
    }

    #[test]
    fn planned_rows_and_days_off_are_left_out_and_counted_in_one_warning_each() {
        let planned_swim = row(&[
            (TITLE_AT, "Swim"),
            (TYPE_AT, "Swim"),
            (PLANNED_AT, "1"),
            (DAY_AT, "2024-06-02"),
        ]);
        let sink = read(&[
            row(&[
                (TITLE_AT, "Long ride"),
                (TYPE_AT, "Bike"),
                (PLANNED_AT, "3.5"),
                (DAY_AT, "2024-05-30"),
            ]),
            row(&[
                (TITLE_AT, "Easy run"),
                (TYPE_AT, "Run"),
                (PLANNED_AT, "0.75"),
                (DAY_AT, "2024-05-31"),
                (METRES_AT, "7000"),
            ]),
            row(&[
                (TITLE_AT, "Rest"),
                (TYPE_AT, "Day Off"),
                (DAY_AT, "2024-06-01"),
            ]),
            planned_swim.clone(),
        ])
        .unwrap();
        // A distance done, without a time: done, its length left to be estimated.
        assert_eq!(sink.workouts.len(), 1);
        assert_eq!(sink.workouts[0].title, "Easy run");
        assert_eq!(sink.workouts[0].minutes, None);
        assert_eq!(sink.skipped, 0, "they are no damaged rows");
        let texts: Vec<&str> = sink.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].starts_with("2 workouts planned, not done")
                && texts[0].ends_with("lines 2, 5"),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].starts_with("1 row with nothing planned or done")
                && texts[1].ends_with("line 4"),
            "{}",
            texts[1]
        );
        assert!(sink.warnings.iter().all(|w| w.line.is_none()));
        // Left out under --strict as well: every export has them.
        let text = format!("{HEADER}\n{planned_swim}\n");
        let mut strict = Sink::new(true);
        let input = Input {
            path: "workouts.csv".into(),
            file: "workouts.csv".into(),
            reader: Box::new(std::io::Cursor::new(text.into_bytes())),
            delimiter: b',',
        };
        TrainingPeaks.read(input, &mut strict).unwrap();
        assert_eq!((strict.workouts.len(), strict.warnings.len()), (0, 1));
    }

    #[test]
    fn many_lines_are_cut_short_in_the_warning() {
        let at: Vec<u64> = (2..=21).collect();
        assert_eq!(lines(&at), "lines 2, 3, 4, 5, 6, 7, 8, 9, ... (20 in all)");
        assert_eq!(lines(&[7]), "line 7");
    }

    #[test]
    fn an_untitled_workout_takes_its_type_and_notes_join_description_and_comments() {
        let sink = read(&[row(&[
            (TYPE_AT, "Strength"),
            (DESCRIPTION_AT, "Back squat 5x5, then lunges"),
            (DAY_AT, "2024-05-29"),
            (COMMENTS_AT, "felt strong"),
            (HOURS_AT, "0.5"),
        ])])
        .unwrap();
        let w = &sink.workouts[0];
        assert_eq!(w.title, "Strength");
        assert_eq!(w.notes, "Back squat 5x5, then lunges\nfelt strong");
    }

    #[test]
    fn bad_values_name_line_and_column_and_a_row_without_a_day_is_skipped() {
        let run = |day: &str, hours: &str| {
            row(&[
                (TITLE_AT, "Run"),
                (TYPE_AT, "Run"),
                (DAY_AT, day),
                (HOURS_AT, hours),
            ])
        };
        let err = read(&[run("28.05.2024", "0.5")])
            .err()
            .expect("an error")
            .to_string();
        assert!(
            err.contains("workouts.csv:2: column 6 (WorkoutDay): expected a date like 2024-05-28, found \"28.05.2024\""),
            "{err}"
        );
        let err = read(&[run("2024-05-28", "0:30")])
            .err()
            .expect("an error")
            .to_string();
        assert!(
            err.contains(
                "workouts.csv:2: column 13 (TimeTotalInHours): expected hours as a decimal number"
            ),
            "{err}"
        );
        let sink = read(&[run("", "0.5")]).unwrap();
        assert_eq!((sink.workouts.len(), sink.skipped), (0, 1));
        assert!(sink.warnings[0].message.contains("no WorkoutDay"));
    }

    #[test]
    fn the_types_seen_in_real_exports_classify_or_leave_it_to_the_title() {
        assert_eq!(modality_of("Run"), Some(Modality::Cardio));
        assert_eq!(modality_of("Bike"), Some(Modality::Cardio));
        assert_eq!(modality_of("Swim"), Some(Modality::Cardio));
        assert_eq!(modality_of("Strength"), Some(Modality::Strength));
        assert_eq!(modality_of("Day Off"), Some(Modality::Other));
        // "Other" says nothing: the title ("Cardio", "Mobility") decides.
        assert_eq!(modality_of("Other"), None);
    }
}
