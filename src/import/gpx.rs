//! GPX activity files (`.gpx`): what Strava's "Export GPX" and its bulk archive's `activities/`
//! folder hold, Garmin Connect's "Export to GPX", and the tracks of most GPS apps.
//!
//! ```text
//! <gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" ...>
//!  <metadata><time>2024-04-11T15:50:00Z</time></metadata>
//!  <trk>
//!   <name>Threshold run</name>
//!   <type>9</type>
//!   <trkseg>
//!    <trkpt lat="52.5200000" lon="13.4050000">
//!     <ele>34.2</ele>
//!     <time>2024-04-11T15:50:00Z</time>
//!     <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>131</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>
//!    </trkpt>
//! ```
//!
//! Each `<trk>` is one workout:
//!
//! - its start and end are the earliest and the latest `<time>` of its points (GPX times are UTC,
//!   the schema says; an offset, where a writer gives one, is kept);
//! - `<name>` is its title, `<desc>` its notes;
//! - `<type>` its activity: a word (`running` from Garmin Connect, `cycling`), or one of Strava's
//!   numbers (see [`STRAVA_TYPES`]); older Strava files have no `<type>`, and their activity is
//!   then told by the name alone;
//! - the heart rate of its points, in an extension whose element is named `hr` under any prefix
//!   (`gpxtpx:hr` from Strava, `ns3:hr` from Garmin Connect, both Garmin's TrackPointExtension),
//!   gives the average (of the points that have one) and the maximum;
//! - its distance is the length of the path through its points, segment by segment.
//!
//! A track none of whose points has a time is a route drawn on a map, not an activity: it is
//! skipped with a warning, and so is a file of routes and waypoints only. Broken XML is an error
//! naming the line and column, as is a value that is not what the schema says (a time, a heart
//! rate, a latitude).
//!
//! The file is read as a stream of XML events, keeping only the sums of the track being read:
//! a file of a million points takes no more memory than one of ten.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use quick_xml::events::BytesStart;

use super::xml::{self, HR_EXPECTED, Pos, TIME_EXPECTED};
use super::{Detection, Head, Importer, Input, Sink};
use crate::error::Result;
use crate::model::{Origin, Stamp, Workout};

/// Strava's numbers for its activity types in a GPX `<type>` (Strava publishes no list), as
/// readers of Strava's files map them:
///
/// - 1 Ride, 9 Run, 10 Walk, 16 Swim, 23 Rowing: TomFryers/activate, `activate/load_activity.py`
///   (`ACTIVITY_TYPE_NAMES`; 23 and the skiing code 2 added in commit b633805, "Add activity type
///   codes for skiing and rowing");
/// - 4 Hike: three more readers of Strava GPX in the code index this project searches (index ids
///   71204267543, `_STRAVA_TYPE_CODES = {"1": "ride", "4": "hike", "9": "run", "10": "walk",
///   "16": "swim"}`; 70587660396 and 70243892152), which agree with activate on 1, 9, 10 and 16;
/// - real files: `<type>16</type>` in a Strava "Morning Swim" and `<type>9</type>` in Strava
///   runs (github.com/sports-alliance/sports-lib, src/specs/fixtures).
///
/// Code 2 is left out: activate reads it as "Ski" without saying which skiing, and downhill
/// skiing is not training while cross-country skiing is cardio. A code not listed leaves the
/// activity to the name.
const STRAVA_TYPES: &[(&str, &str)] = &[
    ("1", "Ride"),
    ("4", "Hike"),
    ("9", "Run"),
    ("10", "Walk"),
    ("16", "Swim"),
    ("23", "Rowing"),
];

pub struct Gpx;

impl Importer for Gpx {
    fn name(&self) -> &'static str {
        "gpx"
    }

    fn record(&self) -> &'static str {
        "track"
    }

    fn describe(&self) -> &'static str {
        "a GPX activity file (.gpx)"
    }

    fn file_kind(&self) -> Option<&'static str> {
        Some("GPX")
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["gpx"]
    }

    fn detect(&self, head: &Head) -> Detection {
        match xml::root_name(head.text) {
            Some("gpx") => Detection::Match(xml::ROOT_MATCH),
            _ => Detection::No,
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let path = input.path.clone();
        let file = Arc::clone(&input.file);
        let mut reading = Reading::new(&path, &file);
        xml::read_elements(input, &path, "gpx", &mut reading, sink)?;
        if reading.tracks == 0 {
            sink.warnings.push(crate::model::Warning::about(
                crate::model::WarningKind::File,
                &file,
                format!(
                    "holds no track{}: nothing read (a GPX file of a recorded activity has a <trk> with times)",
                    if reading.routes > 0 {
                        ", only routes (courses planned on a map)"
                    } else {
                        ""
                    }
                ),
            ));
        }
        Ok(())
    }
}

/// The elements the reader looks at, each by where it stands; `Other` is any element it passes
/// over (with everything inside it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Element {
    Root,
    Track,
    TrackName,
    TrackType,
    TrackDesc,
    Segment,
    Point,
    PointTime,
    PointExtensions,
    PointHr,
    Route,
    Other,
}

impl Element {
    /// What an element named `local` (its name without a prefix) is, inside `parent`.
    fn of(parent: Option<Element>, local: &str) -> Element {
        use Element::*;
        match (parent, local) {
            (None, "gpx") => Root,
            (Some(Root), "trk") => Track,
            (Some(Root), "rte") => Route,
            (Some(Track), "name") => TrackName,
            (Some(Track), "type") => TrackType,
            (Some(Track), "desc") => TrackDesc,
            (Some(Track), "trkseg") => Segment,
            (Some(Segment), "trkpt") => Point,
            (Some(Point), "time") => PointTime,
            (Some(Point), "extensions") => PointExtensions,
            // Garmin's TrackPointExtension (gpxtpx:, ns3:) holds `hr` one level down; other
            // extensions (cluetrust's gpxdata:hr) put it directly under <extensions>.
            (Some(PointExtensions), "hr") => PointHr,
            (Some(PointExtensions), _) => PointExtensions,
            _ => Other,
        }
    }

    fn holds_text(self) -> bool {
        matches!(
            self,
            Element::TrackName
                | Element::TrackType
                | Element::TrackDesc
                | Element::PointTime
                | Element::PointHr
        )
    }
}

/// What has been read of the track being read.
#[derive(Default)]
struct Track {
    at: Pos,
    name: String,
    kind: String,
    desc: String,
    first: Option<DateTime<FixedOffset>>,
    last: Option<DateTime<FixedOffset>>,
    hr_sum: f64,
    hr_count: u32,
    hr_max: f64,
    metres: f64,
    /// The position of the point before, in this segment.
    previous: Option<(f64, f64)>,
    /// The position of the point being read.
    here: Option<(f64, f64)>,
}

impl Track {
    /// Ready for the track starting at `at`; the text buffers are kept from one track to the next.
    fn reset(&mut self, at: Pos) {
        let (mut name, mut kind, mut desc) = (
            std::mem::take(&mut self.name),
            std::mem::take(&mut self.kind),
            std::mem::take(&mut self.desc),
        );
        name.clear();
        kind.clear();
        desc.clear();
        *self = Track {
            at,
            name,
            kind,
            desc,
            ..Track::default()
        };
    }
}

struct Reading<'a> {
    path: &'a Path,
    file: &'a Arc<str>,
    track: Track,
    text: xml::Text,
    tracks: usize,
    routes: usize,
}

impl<'a> Reading<'a> {
    fn new(path: &'a Path, file: &'a Arc<str>) -> Reading<'a> {
        Reading {
            path,
            file,
            track: Track::default(),
            text: xml::Text::default(),
            tracks: 0,
            routes: 0,
        }
    }
}

impl xml::Elements for Reading<'_> {
    type Element = Element;

    fn open(&mut self, e: &BytesStart, parent: Option<Element>, at: Pos) -> Result<Element> {
        let element = Element::of(parent, xml::local(e.name().as_ref()));
        match element {
            Element::Track => self.track.reset(at),
            Element::Segment => self.track.previous = None,
            Element::Point => self.track.here = self.point_position(e, at)?,
            Element::Route => self.routes += 1,
            _ if element.holds_text() => self.text.clear(),
            _ => {}
        }
        Ok(element)
    }

    fn close(&mut self, element: Element, sink: &mut Sink) -> Result<()> {
        let t = &mut self.track;
        match element {
            Element::TrackName => t.name.push_str(self.text.trimmed()),
            Element::TrackType => t.kind.push_str(self.text.trimmed()),
            Element::TrackDesc => t.desc.push_str(self.text.trimmed()),
            Element::PointTime => {
                if let Some(time) = self.text.time(self.path, TIME_EXPECTED)? {
                    t.first = Some(t.first.map_or(time, |f| f.min(time)));
                    t.last = Some(t.last.map_or(time, |l| l.max(time)));
                }
            }
            Element::PointHr => {
                // 0 is a strap that lost contact, not a heart rate.
                if let Some(hr) = self.text.number(self.path, HR_EXPECTED)?
                    && hr > 0.0
                {
                    t.hr_sum += hr;
                    t.hr_count += 1;
                    t.hr_max = t.hr_max.max(hr);
                }
            }
            Element::Point => {
                if let Some(here) = t.here.take() {
                    if let Some(previous) = t.previous {
                        t.metres += metres_between(previous, here);
                    }
                    t.previous = Some(here);
                }
            }
            Element::Track => {
                self.tracks += 1;
                self.finish_track(sink)?;
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
    /// The point's `lat` and `lon`, where it has both.
    fn point_position(&self, e: &BytesStart, at: Pos) -> Result<Option<(f64, f64)>> {
        let (mut lat, mut lon) = (None, None);
        for attribute in e.attributes().with_checks(false) {
            let attribute = attribute.map_err(|err| {
                at.error(
                    self.path,
                    format!("broken XML: {}", xml::describe_attr(err)),
                )
            })?;
            let (slot, range, what) = match attribute.key.as_ref() {
                "lat" => (&mut lat, 90.0, "a latitude between -90 and 90, like 52.52"),
                "lon" => (
                    &mut lon,
                    180.0,
                    "a longitude between -180 and 180, like 13.405",
                ),
                _ => continue,
            };
            let value = attribute.value.trim();
            let degrees = value
                .parse::<f64>()
                .ok()
                .filter(|d| d.abs() <= range)
                .ok_or_else(|| {
                    let key = attribute.key.as_ref();
                    at.error(
                        self.path,
                        format!("<trkpt {key}>: expected {what}, found \"{value}\""),
                    )
                })?;
            *slot = Some(degrees);
        }
        Ok(lat.zip(lon))
    }

    fn finish_track(&mut self, sink: &mut Sink) -> Result<()> {
        let t = &self.track;
        let origin = Origin {
            format: "gpx",
            file: Arc::clone(self.file),
            line: t.at.line,
            column: u32::try_from(t.at.column).unwrap_or(u32::MAX),
        };
        let (Some(first), Some(last)) = (t.first, t.last) else {
            let named = if t.name.is_empty() {
                String::new()
            } else {
                format!(" '{}'", t.name)
            };
            return xml::skip(
                sink,
                &origin,
                "track",
                format!(
                    "the track{named} has no point with a time: a route planned on a map, not a recorded activity"
                ),
            );
        };
        let mut w = Workout::new(origin, Stamp::Instant(first));
        w.end = Some(Stamp::Instant(last));
        w.activity = activity(&t.kind).to_string();
        w.title = t.name.clone();
        w.notes = t.desc.clone();
        if t.hr_count > 0 {
            w.avg_hr = Some(t.hr_sum / f64::from(t.hr_count));
            w.max_hr = Some(t.hr_max);
        }
        if t.metres > 0.0 {
            w.distance_km = Some(t.metres / 1000.0);
        }
        sink.workouts.push(w);
        Ok(())
    }
}

/// The activity a track's `<type>` names: one of Strava's numbers as Strava's English name, a
/// word as it is written (`running`, `road_biking`: classification reads the words), a number
/// no source explains as nothing.
fn activity(kind: &str) -> &str {
    if let Some((_, name)) = STRAVA_TYPES.iter().find(|(code, _)| *code == kind) {
        return name;
    }
    if !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_digit()) {
        return "";
    }
    kind
}

/// The distance between two points on the earth, in metres (the haversine formula, on the
/// earth's mean radius: within 0.5 % of the ellipsoid's distance, far below GPS noise).
fn metres_between((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let half_dp = (p2 - p1) / 2.0;
    let half_dl = (lon2 - lon1).to_radians() / 2.0;
    let a = half_dp.sin().powi(2) + p1.cos() * p2.cos() * half_dl.sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::{head, read};
    use crate::model::Modality;

    const STRAVA: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata>
  <time>2024-04-11T15:50:00Z</time>
 </metadata>
 <trk>
  <name>Hills &amp; strides &#x2764;</name>
  <type>9</type>
  <trkseg>
   <trkpt lat="52.5000000" lon="13.4000000">
    <ele>34.2</ele>
    <time>2024-04-11T15:50:00Z</time>
    <extensions>
     <gpxtpx:TrackPointExtension>
      <gpxtpx:hr>120</gpxtpx:hr>
     </gpxtpx:TrackPointExtension>
    </extensions>
   </trkpt>
   <trkpt lat="52.5090000" lon="13.4000000">
    <time>2024-04-11T15:55:00Z</time>
    <extensions>
     <gpxtpx:TrackPointExtension>
      <gpxtpx:hr>150</gpxtpx:hr>
     </gpxtpx:TrackPointExtension>
    </extensions>
   </trkpt>
   <trkpt lat="52.5180000" lon="13.4000000">
    <time>2024-04-11T16:20:30Z</time>
    <extensions>
     <gpxtpx:TrackPointExtension>
      <gpxtpx:hr>0</gpxtpx:hr>
     </gpxtpx:TrackPointExtension>
    </extensions>
   </trkpt>
  </trkseg>
 </trk>
</gpx>
"#;

    fn error_of(name: &str, text: &str) -> String {
        match read(&Gpx, name, text) {
            Ok(_) => panic!("{name} was read"),
            Err(e) => e.to_string(),
        }
    }

    fn instant(s: &str) -> Stamp {
        Stamp::Instant(DateTime::parse_from_rfc3339(s).unwrap())
    }

    #[test]
    fn the_root_element_tells_a_gpx_file_after_a_declaration_comments_and_a_doctype() {
        assert_eq!(Gpx.detect(&head(STRAVA)), Detection::Match(xml::ROOT_MATCH));
        let decorated = "\u{feff}<?xml version=\"1.0\"?>\n<!-- exported -->\n<!DOCTYPE gpx [<!ENTITY a \"b>\">]>\n<gpx:gpx xmlns:gpx=\"x\">";
        assert_eq!(xml::root_name(decorated), Some("gpx"));
        assert_eq!(xml::root_name("<gpx>"), Some("gpx"));
        assert_eq!(xml::root_name("<gpxdata/>"), Some("gpxdata"));
        assert_eq!(xml::root_name("<!-- unclosed"), None);
        assert_eq!(xml::root_name("start,type\n"), None);
        assert_eq!(
            Gpx.detect(&head("<html><body>gpx</body></html>")),
            Detection::No
        );
        assert_eq!(Gpx.detect(&head("<TrainingCenterDatabase>")), Detection::No);
    }

    #[test]
    fn a_strava_track_is_one_run_with_its_times_heart_rate_and_distance() {
        let sink = read(&Gpx, "run.gpx", STRAVA).unwrap();
        assert_eq!(sink.workouts.len(), 1, "{:?}", sink.warnings);
        let w = &sink.workouts[0];
        assert_eq!(w.start, instant("2024-04-11T15:50:00Z"));
        assert_eq!(w.end, Some(instant("2024-04-11T16:20:30Z")));
        assert_eq!(w.activity, "Run");
        assert_eq!(w.title, "Hills & strides \u{2764}");
        // The point with 0 (no contact) is not a heart rate.
        assert_eq!(w.avg_hr, Some(135.0));
        assert_eq!(w.max_hr, Some(150.0));
        // 0.018 degrees of latitude: 2.0 km.
        let km = w.distance_km.unwrap();
        assert!((km - 2.0015).abs() < 0.001, "{km}");
        assert_eq!((w.origin.line, w.origin.column), (6, 2));
        assert_eq!(w.origin.format, "gpx");
        assert!(sink.warnings.is_empty());
    }

    #[test]
    fn garmin_ns3_heart_rate_fractional_seconds_and_offsets() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <trk><name>Berlin Running</name><type>running</type>
    <trkseg>
      <trkpt lat="52.5" lon="13.4"><time>2024-04-11T17:50:00.000+02:00</time>
        <extensions><ns3:TrackPointExtension><ns3:hr>100</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>
    </trkseg>
    <trkseg>
      <trkpt lat="52.6" lon="13.4"><time>2024-04-11T16:10:00.500Z</time>
        <extensions><ns3:TrackPointExtension><ns3:hr>140</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>
    </trkseg>
  </trk>
</gpx>"#;
        let sink = read(&Gpx, "garmin.gpx", text).unwrap();
        let w = &sink.workouts[0];
        assert_eq!(w.start, instant("2024-04-11T17:50:00+02:00"));
        assert_eq!(w.end, Some(instant("2024-04-11T16:10:00.500Z")));
        assert_eq!(w.activity, "running");
        assert_eq!((w.avg_hr, w.max_hr), (Some(120.0), Some(140.0)));
        // Two segments of one point each: no path between them is counted.
        assert_eq!(w.distance_km, None);
    }

    #[test]
    fn strava_numbers_are_its_types_and_an_unknown_number_leaves_the_name_to_tell() {
        assert_eq!(activity("1"), "Ride");
        assert_eq!(activity("16"), "Swim");
        assert_eq!(activity("29"), "");
        assert_eq!(activity("cycling"), "cycling");
        assert_eq!(activity(""), "");
        let classify = |name: &str| crate::analysis::classify::modality_of(name);
        for (_, name) in STRAVA_TYPES {
            assert_eq!(classify(name), Some(Modality::Cardio), "{name}");
        }
    }

    #[test]
    fn a_track_without_times_is_skipped_and_a_file_of_routes_says_so() {
        let text = "<gpx><trk><name>Planned loop</name><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk><rte><rtept lat=\"1\" lon=\"2\"/></rte></gpx>";
        let sink = read(&Gpx, "plan.gpx", text).unwrap();
        assert!(sink.workouts.is_empty());
        assert_eq!(sink.skipped, 1);
        assert!(
            sink.warnings[0]
                .message
                .contains("track skipped: the track 'Planned loop' has no point with a time"),
            "{:?}",
            sink.warnings
        );
        let mut strict = crate::import::Sink::new(true);
        let input = Input {
            path: "plan.gpx".into(),
            file: "plan.gpx".into(),
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            delimiter: b',',
        };
        let err = Gpx.read(input, &mut strict).unwrap_err().to_string();
        assert!(err.starts_with("plan.gpx:1:6: the track"), "{err}");

        let routes = read(
            &Gpx,
            "route.gpx",
            "<gpx>\n<rte><rtept lat=\"1\" lon=\"2\"/></rte></gpx>",
        )
        .unwrap();
        assert_eq!(routes.skipped, 0);
        assert!(
            routes.warnings[0]
                .message
                .starts_with("holds no track, only routes"),
            "{:?}",
            routes.warnings
        );
    }

    #[test]
    fn broken_xml_names_the_line_and_column() {
        let mismatched = STRAVA.replace("</trkseg>", "</trk>");
        let err = error_of("bad.gpx", &mismatched);
        assert_eq!(
            err,
            "bad.gpx:35:3: broken XML: expected </trkseg> here, found </trk>"
        );
        let cut = &STRAVA[..STRAVA.find("<time>2024-04-11T15:55").unwrap() + 3];
        let err = error_of("cut.gpx", cut);
        assert!(
            err.starts_with("cut.gpx:20:5: broken XML: the file ends inside this markup"),
            "{err}"
        );
        let cut = &STRAVA[..STRAVA.find("</trkseg>").unwrap()];
        let err = error_of("cut.gpx", cut);
        assert!(
            err.starts_with("cut.gpx:35:3: broken XML: the file ends before </gpx>"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_value_names_its_place_and_what_was_expected() {
        let bad_time = STRAVA.replace("2024-04-11T15:55:00Z", "11/04/2024 15:55");
        let err = error_of("t.gpx", &bad_time);
        assert_eq!(
            err,
            "t.gpx:20:11: expected a time like 2024-04-11T15:50:00Z, found \"11/04/2024 15:55\""
        );
        let bad_hr = STRAVA.replace("<gpxtpx:hr>150", "<gpxtpx:hr>high");
        let err = error_of("h.gpx", &bad_hr);
        assert!(
            err.starts_with("h.gpx:23:18: expected a heart rate"),
            "{err}"
        );
        let bad_lat = STRAVA.replace("lat=\"52.5090000\"", "lat=\"north\"");
        let err = error_of("l.gpx", &bad_lat);
        assert!(
            err.starts_with("l.gpx:19:4: <trkpt lat>: expected a latitude"),
            "{err}"
        );
    }

    #[test]
    fn every_track_is_a_workout() {
        let two = STRAVA.replace(" </trk>\n", " </trk>\n <trk><trkseg><trkpt lat=\"1\" lon=\"1\"><time>2024-04-12T06:00:00Z</time></trkpt><trkpt lat=\"1\" lon=\"1\"><time>2024-04-12T06:40:00Z</time></trkpt></trkseg></trk>\n");
        let sink = read(&Gpx, "two.gpx", &two).unwrap();
        assert_eq!(sink.workouts.len(), 2);
        let second = &sink.workouts[1];
        assert_eq!(second.title, "");
        assert_eq!(second.activity, "");
        assert_eq!(second.avg_hr, None);
        assert_eq!(second.start, instant("2024-04-12T06:00:00Z"));
    }
}
