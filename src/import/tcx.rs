//! TCX activity files (`.tcx`, Garmin's Training Center XML): Garmin Connect's "Export to TCX",
//! the `.tcx.gz` files of Strava's archive, and the exports of Polar Flow and Runtastic (adidas
//! Running).
//!
//! ```text
//! <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
//!   <Activities>
//!     <Activity Sport="Running">
//!       <Id>2024-04-11T15:50:00Z</Id>
//!       <Lap StartTime="2024-04-11T15:50:00Z">
//!         <TotalTimeSeconds>912.5</TotalTimeSeconds>
//!         <DistanceMeters>3000.0</DistanceMeters>
//!         <AverageHeartRateBpm><Value>146</Value></AverageHeartRateBpm>
//!         <MaximumHeartRateBpm><Value>171</Value></MaximumHeartRateBpm>
//!         <Track>
//!           <Trackpoint>
//!             <Time>2024-04-11T15:50:00Z</Time>
//!             <HeartRateBpm><Value>118</Value></HeartRateBpm>
//! ```
//!
//! Each `<Activity>` is one workout (also each of a multisport session's, under
//! `<MultiSportSession>`):
//!
//! - `Sport` is its activity: the schema's `Running`, `Biking` or `Other` (Runtastic writes
//!   `running`, read the same);
//! - its start is `<Id>` (the start time, as Garmin writes it), else the first lap's `StartTime`;
//!   its end the latest `<Time>` of its track points;
//! - its length is the laps' `TotalTimeSeconds` added up (the timer's time, pauses left out),
//!   which counts where the file has no track points to give an end;
//! - its distance is the laps' `DistanceMeters` added up;
//! - its average heart rate is the laps' `AverageHeartRateBpm`, weighted by their time, where
//!   every lap has one (the device's own figure), else the mean of the track points'
//!   `HeartRateBpm`; its maximum is the highest of the laps' `MaximumHeartRateBpm` and the points;
//! - `<Notes>` are its notes, and a planned workout's name (`<Training><Plan><Name>`, Polar's
//!   "Indoorcycling") its title.
//!
//! An activity without laps has no time the schema stands behind (a lap is required): it is
//! skipped with a warning. A file of courses or workout plans only (no `<Activities>`) is named
//! as holding no activity. Times are UTC (`Z`) or carry an offset, with fractional seconds from
//! some writers. The file is read as a stream, as GPX is (see xml.rs).

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use quick_xml::events::BytesStart;

use super::xml::{self, HR_EXPECTED, Pos, TIME_EXPECTED};
use super::{Detection, Head, Importer, Input, Sink};
use crate::error::Result;
use crate::model::{Origin, Stamp, Warning, WarningKind, Workout};

const SECONDS_EXPECTED: &str = "seconds, like 912.5";
const METRES_EXPECTED: &str = "metres, like 3000.0";

pub struct Tcx;

impl Importer for Tcx {
    fn name(&self) -> &'static str {
        "tcx"
    }

    fn record(&self) -> &'static str {
        "activity"
    }

    fn describe(&self) -> &'static str {
        "a TCX activity file (.tcx)"
    }

    fn file_kind(&self) -> Option<&'static str> {
        Some("TCX")
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["tcx"]
    }

    fn detect(&self, head: &Head) -> Detection {
        match xml::root_name(head.text) {
            Some("TrainingCenterDatabase") => Detection::Match(xml::ROOT_MATCH),
            _ => Detection::No,
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let path = input.path.clone();
        let file = Arc::clone(&input.file);
        let mut reading = Reading {
            path: &path,
            file: &file,
            activity: Activity::default(),
            lap: Lap::default(),
            text: xml::Text::default(),
            activities: 0,
        };
        xml::read_elements(input, &path, "TrainingCenterDatabase", &mut reading, sink)?;
        if reading.activities == 0 {
            sink.warnings.push(Warning::about(
                WarningKind::File,
                &file,
                "holds no activity: nothing read (a TCX file of a recorded activity has <Activities>; courses and workout plans are not activities)",
            ));
        }
        Ok(())
    }
}

/// The elements the reader looks at, each by where it stands; `Other` is any element it passes
/// over (with everything inside it: courses, workout plans, the device).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Element {
    Root,
    Activities,
    MultiSport,
    MultiSportPart,
    Activity,
    ActivityId,
    Notes,
    Training,
    Plan,
    PlanName,
    Lap,
    LapSeconds,
    LapMetres,
    LapAverageHr,
    LapAverageHrValue,
    LapMaximumHr,
    LapMaximumHrValue,
    Track,
    Point,
    PointTime,
    PointHr,
    PointHrValue,
    Other,
}

impl Element {
    /// What an element named `local` (its name without a prefix) is, inside `parent`.
    fn of(parent: Option<Element>, local: &str) -> Element {
        use Element::*;
        match (parent, local) {
            (None, "TrainingCenterDatabase") => Root,
            (Some(Root), "Activities") => Activities,
            (Some(Activities), "Activity") => Activity,
            (Some(Activities), "MultiSportSession") => MultiSport,
            (Some(MultiSport), "FirstSport" | "NextSport") => MultiSportPart,
            (Some(MultiSportPart), "Activity") => Activity,
            (Some(Activity), "Id") => ActivityId,
            (Some(Activity), "Notes") => Notes,
            (Some(Activity), "Lap") => Lap,
            (Some(Activity), "Training") => Training,
            (Some(Training), "Plan") => Plan,
            (Some(Plan), "Name") => PlanName,
            (Some(Lap), "TotalTimeSeconds") => LapSeconds,
            (Some(Lap), "DistanceMeters") => LapMetres,
            (Some(Lap), "AverageHeartRateBpm") => LapAverageHr,
            (Some(LapAverageHr), "Value") => LapAverageHrValue,
            (Some(Lap), "MaximumHeartRateBpm") => LapMaximumHr,
            (Some(LapMaximumHr), "Value") => LapMaximumHrValue,
            (Some(Lap), "Track") => Track,
            (Some(Track), "Trackpoint") => Point,
            (Some(Point), "Time") => PointTime,
            (Some(Point), "HeartRateBpm") => PointHr,
            (Some(PointHr), "Value") => PointHrValue,
            _ => Other,
        }
    }

    fn holds_text(self) -> bool {
        use Element::*;
        matches!(
            self,
            ActivityId
                | Notes
                | PlanName
                | LapSeconds
                | LapMetres
                | LapAverageHrValue
                | LapMaximumHrValue
                | PointTime
                | PointHrValue
        )
    }
}

/// What has been read of the activity being read.
#[derive(Default)]
struct Activity {
    at: Pos,
    sport: String,
    notes: String,
    plan: String,
    id: Option<DateTime<FixedOffset>>,
    laps: u32,
    first_lap_start: Option<DateTime<FixedOffset>>,
    seconds: f64,
    metres: f64,
    /// Laps with an average heart rate, their averages times their seconds added up, and those
    /// seconds.
    laps_with_hr: u32,
    lap_hr_weighted: f64,
    lap_hr_seconds: f64,
    hr_max: f64,
    point_hr_sum: f64,
    point_hr_count: u32,
    first_point: Option<DateTime<FixedOffset>>,
    last_point: Option<DateTime<FixedOffset>>,
}

impl Activity {
    /// Ready for the activity starting at `at`; the text buffers are kept from one activity to
    /// the next.
    fn reset(&mut self, at: Pos) {
        let (mut sport, mut notes, mut plan) = (
            std::mem::take(&mut self.sport),
            std::mem::take(&mut self.notes),
            std::mem::take(&mut self.plan),
        );
        sport.clear();
        notes.clear();
        plan.clear();
        *self = Activity {
            at,
            sport,
            notes,
            plan,
            ..Activity::default()
        };
    }
}

/// What has been read of the lap being read.
#[derive(Default)]
struct Lap {
    seconds: Option<f64>,
    average_hr: Option<f64>,
}

struct Reading<'a> {
    path: &'a Path,
    file: &'a Arc<str>,
    activity: Activity,
    lap: Lap,
    text: xml::Text,
    activities: usize,
}

impl xml::Elements for Reading<'_> {
    type Element = Element;

    fn open(&mut self, e: &BytesStart, parent: Option<Element>, at: Pos) -> Result<Element> {
        let element = Element::of(parent, xml::local(e.name().as_ref()));
        match element {
            Element::Activity => {
                self.activity.reset(at);
                if let Some(sport) = xml::attribute(self.path, e, "Sport", at)? {
                    self.activity.sport.push_str(sport.trim());
                }
            }
            Element::Lap => {
                self.lap = Lap::default();
                if let Some(start) = xml::attribute(self.path, e, "StartTime", at)? {
                    let start = start.trim();
                    let time = xml::parse_time(start).ok_or_else(|| {
                        at.error(
                            self.path,
                            format!("<Lap StartTime>: expected {TIME_EXPECTED}, found \"{start}\""),
                        )
                    })?;
                    let a = &mut self.activity;
                    a.first_lap_start.get_or_insert(time);
                }
            }
            _ if element.holds_text() => self.text.clear(),
            _ => {}
        }
        Ok(element)
    }

    fn close(&mut self, element: Element, sink: &mut Sink) -> Result<()> {
        let a = &mut self.activity;
        let text = &self.text;
        match element {
            // `Id` is the start time in Garmin's files; a writer that puts another identifier
            // there leaves the start to the first lap.
            Element::ActivityId => a.id = xml::parse_time(text.trimmed()),
            Element::Notes => a.notes.push_str(text.trimmed()),
            Element::PlanName => a.plan.push_str(text.trimmed()),
            Element::LapSeconds => self.lap.seconds = text.number(self.path, SECONDS_EXPECTED)?,
            Element::LapMetres => {
                a.metres += text.number(self.path, METRES_EXPECTED)?.unwrap_or(0.0)
            }
            Element::LapAverageHrValue => {
                self.lap.average_hr = text.number(self.path, HR_EXPECTED)?.filter(|hr| *hr > 0.0);
            }
            Element::LapMaximumHrValue => {
                a.hr_max = a
                    .hr_max
                    .max(text.number(self.path, HR_EXPECTED)?.unwrap_or(0.0));
            }
            Element::PointTime => {
                if let Some(time) = text.time(self.path, TIME_EXPECTED)? {
                    a.first_point = Some(a.first_point.map_or(time, |f| f.min(time)));
                    a.last_point = Some(a.last_point.map_or(time, |l| l.max(time)));
                }
            }
            Element::PointHrValue => {
                // 0 is a strap that lost contact, not a heart rate.
                if let Some(hr) = text.number(self.path, HR_EXPECTED)?
                    && hr > 0.0
                {
                    a.point_hr_sum += hr;
                    a.point_hr_count += 1;
                    a.hr_max = a.hr_max.max(hr);
                }
            }
            Element::Lap => {
                a.laps += 1;
                let seconds = self.lap.seconds.unwrap_or(0.0);
                a.seconds += seconds;
                if let Some(hr) = self.lap.average_hr {
                    a.laps_with_hr += 1;
                    a.lap_hr_weighted += hr * seconds;
                    a.lap_hr_seconds += seconds;
                }
            }
            Element::Activity => {
                self.activities += 1;
                self.finish_activity(sink)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn holds_text(element: Element) -> bool {
        element.holds_text()
    }

    fn text(&mut self) -> &mut xml::Text {
        &mut self.text
    }
}

impl Reading<'_> {
    fn finish_activity(&mut self, sink: &mut Sink) -> Result<()> {
        let a = &self.activity;
        let origin = Origin {
            format: "tcx",
            file: Arc::clone(self.file),
            line: a.at.line,
            column: u32::try_from(a.at.column).unwrap_or(u32::MAX),
        };
        let sport = sport_name(&a.sport);
        if a.laps == 0 {
            return xml::skip(
                sink,
                &origin,
                "activity",
                format!(
                    "the {} activity has no <Lap>, so no time of its own (the schema requires one)",
                    if sport.is_empty() { "TCX" } else { sport }
                ),
            );
        }
        let Some(start) = a.id.or(a.first_lap_start).or(a.first_point) else {
            return xml::skip(
                sink,
                &origin,
                "activity",
                "the activity has no start: neither its <Id> nor a lap's StartTime is a time"
                    .to_string(),
            );
        };
        let mut w = Workout::new(origin, Stamp::Instant(start));
        w.end = a.last_point.map(Stamp::Instant);
        w.minutes = (a.seconds > 0.0).then(|| a.seconds / 60.0);
        w.activity = sport.to_string();
        w.title = a.plan.clone();
        w.notes = a.notes.clone();
        w.avg_hr = if a.laps_with_hr == a.laps && a.lap_hr_seconds > 0.0 {
            Some(a.lap_hr_weighted / a.lap_hr_seconds)
        } else if a.point_hr_count > 0 {
            Some(a.point_hr_sum / f64::from(a.point_hr_count))
        } else if a.lap_hr_seconds > 0.0 {
            Some(a.lap_hr_weighted / a.lap_hr_seconds)
        } else {
            None
        };
        w.max_hr = (a.hr_max > 0.0).then_some(a.hr_max);
        w.distance_km = (a.metres > 0.0).then(|| a.metres / 1000.0);
        sink.workouts.push(w);
        Ok(())
    }
}

/// The `Sport` as the schema spells it (`Running`, `Biking`, `Other`), whatever its case; a
/// sport outside the schema as it is written.
fn sport_name(sport: &str) -> &str {
    ["Running", "Biking", "Other"]
        .into_iter()
        .find(|s| s.eq_ignore_ascii_case(sport))
        .unwrap_or(sport)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::{head, read};

    const RUN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities>
    <Activity Sport="Running">
      <Id>2024-04-11T15:50:00Z</Id>
      <Lap StartTime="2024-04-11T15:50:00Z">
        <TotalTimeSeconds>600.0</TotalTimeSeconds>
        <DistanceMeters>2000.0</DistanceMeters>
        <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm>
        <MaximumHeartRateBpm><Value>160</Value></MaximumHeartRateBpm>
        <Track>
          <Trackpoint><Time>2024-04-11T15:50:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>
          <Trackpoint><Time>2024-04-11T16:00:00Z</Time><HeartRateBpm><Value>155</Value></HeartRateBpm></Trackpoint>
        </Track>
      </Lap>
      <Lap StartTime="2024-04-11T16:00:00Z">
        <TotalTimeSeconds>1200.0</TotalTimeSeconds>
        <DistanceMeters>4000.0</DistanceMeters>
        <AverageHeartRateBpm><Value>155</Value></AverageHeartRateBpm>
        <MaximumHeartRateBpm><Value>175</Value></MaximumHeartRateBpm>
        <Track>
          <Trackpoint><Time>2024-04-11T16:25:00Z</Time><HeartRateBpm><Value>170</Value></HeartRateBpm></Trackpoint>
        </Track>
      </Lap>
      <Notes>Easy &amp; then tempo</Notes>
      <Creator><Name>Forerunner</Name></Creator>
    </Activity>
  </Activities>
  <Author><Name>Garmin Connect API</Name></Author>
</TrainingCenterDatabase>
"#;

    fn instant(s: &str) -> Stamp {
        Stamp::Instant(DateTime::parse_from_rfc3339(s).unwrap())
    }

    fn error_of(name: &str, text: &str) -> String {
        match read(&Tcx, name, text) {
            Ok(_) => panic!("{name} was read"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_root_element_tells_a_tcx_file() {
        assert_eq!(Tcx.detect(&head(RUN)), Detection::Match(xml::ROOT_MATCH));
        let one_line = "<?xml version=\"1.0\"?><TrainingCenterDatabase xmlns=\"x\"><Activities>";
        assert_eq!(
            Tcx.detect(&head(one_line)),
            Detection::Match(xml::ROOT_MATCH)
        );
        assert_eq!(Tcx.detect(&head("<gpx>")), Detection::No);
    }

    #[test]
    fn an_activity_is_one_workout_from_its_laps_and_track_points() {
        let sink = read(&Tcx, "run.tcx", RUN).unwrap();
        assert_eq!(sink.workouts.len(), 1, "{:?}", sink.warnings);
        let w = &sink.workouts[0];
        assert_eq!(w.activity, "Running");
        assert_eq!(w.start, instant("2024-04-11T15:50:00Z"));
        assert_eq!(w.end, Some(instant("2024-04-11T16:25:00Z")));
        assert_eq!(w.minutes, Some(30.0));
        assert_eq!(w.distance_km, Some(6.0));
        // The laps' averages weighted by their time: (140 * 600 + 155 * 1200) / 1800.
        assert_eq!(w.avg_hr, Some(150.0));
        assert_eq!(w.max_hr, Some(175.0));
        assert_eq!(w.notes, "Easy & then tempo");
        assert_eq!(w.title, "");
        assert_eq!((w.origin.line, w.origin.column), (4, 5));
        assert!(sink.warnings.is_empty());
    }

    #[test]
    fn without_lap_averages_the_points_give_the_heart_rate() {
        let text = RUN
            .replace(
                "<AverageHeartRateBpm><Value>155</Value></AverageHeartRateBpm>",
                "",
            )
            .replace(
                "<MaximumHeartRateBpm><Value>175</Value></MaximumHeartRateBpm>",
                "",
            );
        let w = &read(&Tcx, "run.tcx", &text).unwrap().workouts[0];
        // The mean of the points' 120, 155 and 170.
        assert_eq!(w.avg_hr, Some(445.0 / 3.0));
        assert_eq!(w.max_hr, Some(170.0));
    }

    #[test]
    fn lowercase_sports_an_id_that_is_no_time_and_a_plan_name() {
        let text = RUN
            .replace("Sport=\"Running\"", "Sport=\"biking\"")
            .replace("<Id>2024-04-11T15:50:00Z</Id>", "<Id>activity-17</Id>")
            .replace(
                "<Lap StartTime=\"2024-04-11T15:50:00Z\">",
                "<Lap StartTime=\"2024-04-11T17:49:59.661+02:00\">",
            )
            .replace(
                "<Notes>",
                "<Training VirtualPartner=\"false\"><Plan Type=\"Workout\"><Name>Indoorcycling</Name></Plan></Training><Notes>",
            );
        let w = &read(&Tcx, "ride.tcx", &text).unwrap().workouts[0];
        assert_eq!(w.activity, "Biking");
        assert_eq!(w.start, instant("2024-04-11T17:49:59.661+02:00"));
        assert_eq!(w.title, "Indoorcycling");
        assert_eq!(sport_name("Swimming"), "Swimming");
    }

    #[test]
    fn a_summary_without_track_points_has_its_laps_time() {
        let text = r#"<TrainingCenterDatabase><Activities><Activity Sport="Other"><Id>2024-04-11T06:00:00Z</Id>
<Lap StartTime="2024-04-11T06:00:00Z"><TotalTimeSeconds>2700</TotalTimeSeconds><Calories>300</Calories></Lap>
</Activity></Activities></TrainingCenterDatabase>"#;
        let w = &read(&Tcx, "s.tcx", text).unwrap().workouts[0];
        assert_eq!(w.activity, "Other");
        assert_eq!(w.end, None);
        assert_eq!(w.minutes, Some(45.0));
        assert_eq!((w.avg_hr, w.max_hr, w.distance_km), (None, None, None));
    }

    #[test]
    fn an_activity_without_laps_is_skipped_and_courses_are_no_activity() {
        let text = "<TrainingCenterDatabase>\n<Activities>\n  <Activity Sport=\"Running\"><Id>2024-04-11T06:00:00Z</Id></Activity>\n</Activities></TrainingCenterDatabase>";
        let sink = read(&Tcx, "n.tcx", text).unwrap();
        assert!(sink.workouts.is_empty());
        assert_eq!(sink.skipped, 1);
        assert_eq!(sink.warnings[0].line, Some(3));
        assert!(
            sink.warnings[0]
                .message
                .starts_with("activity skipped: the Running activity has no <Lap>"),
            "{:?}",
            sink.warnings
        );
        let course = "<TrainingCenterDatabase><Courses><Course><Name>Loop</Name><Lap><TotalTimeSeconds>1</TotalTimeSeconds></Lap><Track><Trackpoint><Time>2024-04-11T06:00:00Z</Time></Trackpoint></Track></Course></Courses></TrainingCenterDatabase>";
        let sink = read(&Tcx, "c.tcx", course).unwrap();
        assert!(sink.workouts.is_empty());
        assert!(sink.warnings[0].message.starts_with("holds no activity"));
    }

    #[test]
    fn each_activity_of_a_multisport_session_is_a_workout() {
        let activity = |sport: &str, start: &str| {
            format!(
                "<Activity Sport=\"{sport}\"><Id>{start}</Id><Lap StartTime=\"{start}\"><TotalTimeSeconds>1800</TotalTimeSeconds></Lap></Activity>"
            )
        };
        let text = format!(
            "<TrainingCenterDatabase><Activities><MultiSportSession><Id>2024-04-11T06:00:00Z</Id><FirstSport>{}</FirstSport><NextSport><Transition><TotalTimeSeconds>60</TotalTimeSeconds></Transition>{}</NextSport></MultiSportSession></Activities></TrainingCenterDatabase>",
            activity("Biking", "2024-04-11T06:00:00Z"),
            activity("Running", "2024-04-11T06:31:00Z")
        );
        let sink = read(&Tcx, "brick.tcx", &text).unwrap();
        let sports: Vec<&str> = sink.workouts.iter().map(|w| w.activity.as_str()).collect();
        assert_eq!(sports, ["Biking", "Running"]);
        assert_eq!(sink.workouts[1].start, instant("2024-04-11T06:31:00Z"));
    }

    #[test]
    fn bad_values_and_broken_xml_name_their_place() {
        let err = error_of(
            "t.tcx",
            &RUN.replace("<TotalTimeSeconds>600.0", "<TotalTimeSeconds>10 min"),
        );
        assert_eq!(
            err,
            "t.tcx:7:27: expected seconds, like 912.5, found \"10 min\""
        );
        let err = error_of(
            "l.tcx",
            &RUN.replace("StartTime=\"2024-04-11T16:00:00Z\"", "StartTime=\"noon\""),
        );
        assert_eq!(
            err,
            "l.tcx:16:7: <Lap StartTime>: expected a time like 2024-04-11T15:50:00Z, found \"noon\""
        );
        let err = error_of(
            "b.tcx",
            &RUN.replace("</Track>\n      </Lap>\n      <Lap", "</Lap>\n      <Lap"),
        );
        assert_eq!(
            err,
            "b.tcx:14:9: broken XML: expected </Track> here, found </Lap>"
        );
        let cut = &RUN[..RUN.find("<Notes>").unwrap()];
        let err = error_of("c.tcx", cut);
        assert!(
            err.starts_with(
                "c.tcx:25:7: broken XML: the file ends before </TrainingCenterDatabase>"
            ),
            "{err}"
        );
    }
}
