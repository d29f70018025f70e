//! Strava's bulk export (`activities.csv` in the archive from Settings > My Account > Download or
//! Delete Your Account): one row per activity.
//!
//! The file has 87 to 103 columns depending on its year, and repeats some header names: the
//! first `Elapsed Time` is whole seconds, the later one the same seconds as a float; the first
//! `Distance` is the distance as the app shows it (km in every real export at hand; swims are
//! shown in metres, which other readers of the format convert), the later one metres, so the
//! later one is used where it is filled; the first `Max Heart Rate` is filled more often than
//! the later one. Numbers may carry thousands separators (`1,876`). Some
//! exports wrap header names in `<span class="translation_missing" ...>Type</span>` HTML, which
//! is stripped before the names are compared.
//!
//! `Activity Date` is the start in UTC, written `Oct 6, 2022, 11:19:20 PM`, so a start is a
//! [`Stamp::Instant`]. `Perceived Exertion` is Strava's 1 to 10 effort slider and is read as RPE.

use chrono::{NaiveDateTime, TimeZone, Utc};

use super::csv_rows::{Col, Columns, Row, for_each_row};
use super::values::parse_stamp;
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, detect_columns};
use crate::error::Result;
use crate::model::{Origin, Stamp, Warning, Workout};

/// The columns every Strava export has and this importer needs, with the name errors use first.
const REQUIRED: &[&[&str]] = &[
    &["Activity ID"],
    &["Activity Date"],
    &["Activity Name"],
    &["Activity Type"],
    &["Elapsed Time"],
];

/// Columns no other app's export has; four of them make a header a near miss of Strava's
/// however many required columns are missing.
const DISTINCTIVE: &[&str] = &[
    "Activity ID",
    "Activity Gear",
    "Activity Private Note",
    "Athlete Weight",
    "Bike Weight",
    "Relative Effort",
    "Perceived Relative Effort",
    "Prefer Perceived Exertion",
    "Grade Adjusted Distance",
];

const DATE_EXPECTED: &str = "a date-time like \"Oct 6, 2022, 11:19:20 PM\" (UTC)";
const SECONDS_EXPECTED: &str = "seconds, like 1876 or 1,876";

pub struct Strava;

impl Importer for Strava {
    fn name(&self) -> &'static str {
        "strava"
    }

    fn describe(&self) -> &'static str {
        "a Strava bulk export (activities.csv)"
    }

    fn app(&self) -> Option<&'static str> {
        Some("Strava")
    }

    fn extensions(&self) -> &'static [&'static str] {
        CSV_EXTENSIONS
    }

    fn detect(&self, head: &Head) -> Detection {
        let Some((fields, delimiter)) = &head.csv_header else {
            return Detection::No;
        };
        let cleaned = Head::new(
            head.text,
            Some((fields.iter().map(|f| strip_tags(f)).collect(), *delimiter)),
        );
        // A cut Strava header is a near miss; import/mod.rs lets a near miss win over concur's
        // loose generic format (whose `Start Time` and `Type` columns a Strava header also has),
        // so the error names Strava and the missing columns. Where the rest of the header is
        // unmistakably Strava's, it is a near miss however many required columns are gone.
        match detect_columns(&cleaned, REQUIRED) {
            Detection::No if DISTINCTIVE.iter().filter(|c| cleaned.has_column(c)).count() >= 4 => {
                Detection::Near {
                    missing: REQUIRED
                        .iter()
                        .filter(|aliases| !aliases.iter().any(|a| cleaned.has_column(a)))
                        .map(|aliases| aliases[0])
                        .collect(),
                }
            }
            other => other,
        }
    }

    fn read(&self, input: Input, sink: &mut Sink) -> Result<()> {
        let mut layout: Option<Layout> = None;
        for_each_row(input, "strava", sink, |row, origin, sink| {
            let layout = layout.get_or_insert_with(|| Layout::new(row.columns));
            read_row(row, layout, origin, sink)
        })
    }
}

/// Header names without HTML tags: `<span ...>Start Time</span>` is `Start Time`.
fn strip_tags(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_tag = false;
    for c in name.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Where each column this importer reads is in one file.
struct Layout {
    date: Col,
    name: Col,
    kind: Col,
    description: Col,
    /// The first `Elapsed Time` (whole seconds) and the later one (seconds as a float).
    elapsed: Col,
    elapsed_later: Col,
    /// The first `Distance` (as the app shows it) and the later one (metres).
    distance_shown: Col,
    distance_m: Col,
    avg_hr: Col,
    max_hr: Col,
    max_hr_later: Col,
    exertion: Col,
}

impl Layout {
    fn new(raw: &Columns) -> Layout {
        let columns = Columns::new(raw.names.iter().map(|n| strip_tags(n)).collect());
        let nth = |name: &str, n| columns.find_nth(&[name], n);
        Layout {
            date: nth("Activity Date", 0),
            name: nth("Activity Name", 0),
            kind: nth("Activity Type", 0),
            description: nth("Activity Description", 0),
            elapsed: nth("Elapsed Time", 0),
            elapsed_later: nth("Elapsed Time", 1),
            distance_shown: nth("Distance", 0),
            distance_m: nth("Distance", 1),
            avg_hr: nth("Average Heart Rate", 0),
            max_hr: nth("Max Heart Rate", 0),
            max_hr_later: nth("Max Heart Rate", 1),
            exertion: nth("Perceived Exertion", 0),
        }
    }
}

fn read_row(row: &Row, layout: &Layout, origin: &Origin, sink: &mut Sink) -> Result<()> {
    let Some(start) = row.parse(layout.date, DATE_EXPECTED, parse_activity_date)? else {
        return sink.skip(origin, "no Activity Date");
    };
    let mut w = Workout::new(origin.clone(), start);
    w.activity = row.text(layout.kind).to_string();
    w.title = row.text(layout.name).to_string();
    w.notes = row.text(layout.description).to_string();
    let seconds = match row.parse(layout.elapsed, SECONDS_EXPECTED, parse_seconds)? {
        Some(s) => Some(s),
        None => row.parse(layout.elapsed_later, SECONDS_EXPECTED, parse_seconds)?,
    };
    w.minutes = seconds.map(|s| s / 60.0);
    w.avg_hr = positive(row.number(layout.avg_hr)?);
    w.max_hr = match positive(row.number(layout.max_hr)?) {
        Some(hr) => Some(hr),
        None => positive(row.number(layout.max_hr_later)?),
    };
    w.distance_km = distance_km(row, layout, &w.activity)?;
    if let Some(effort) = row.number(layout.exertion)? {
        if (1.0..=10.0).contains(&effort) {
            w.rpe = Some(effort);
        } else {
            sink.warnings.push(Warning::at(
                crate::model::WarningKind::ValueNotUsed,
                &w.origin,
                format!(
                    "Perceived Exertion {effort} is outside Strava's 1 to 10 scale; not used as RPE"
                ),
            ));
        }
    }
    sink.workouts.push(w);
    Ok(())
}

/// The distance in km: from the metres column where it is filled, else from the shown distance,
/// which is metres for swims and km for everything else. Strava writes 0 for "no distance"
/// (yoga, weight training).
fn distance_km(row: &Row, layout: &Layout, activity: &str) -> Result<Option<f64>> {
    if let Some(m) = positive(row.number(layout.distance_m)?) {
        return Ok(Some(m / 1000.0));
    }
    let shown = positive(row.number(layout.distance_shown)?);
    let swim = activity.to_ascii_lowercase().contains("swim");
    Ok(shown.map(|d| if swim { d / 1000.0 } else { d }))
}

/// Strava writes 0 where a sport has no heart rate or distance.
fn positive(n: Option<f64>) -> Option<f64> {
    n.filter(|v| *v > 0.0)
}

/// Seconds, whole or with a fraction, with or without thousands separators. A negative count is
/// read as written: the row is then skipped as a negative duration, as in every format.
fn parse_seconds(s: &str) -> Option<f64> {
    super::values::parse_number(s, false)
}

/// `Activity Date`, a UTC time. Strava writes `Oct 6, 2022, 11:19:20 PM`; newer renderings put a
/// narrow no-break space before `PM`, some write `Sept`, and the day may come first. An ISO form
/// without offset is UTC too.
fn parse_activity_date(s: &str) -> Option<Stamp> {
    let utc = |t: NaiveDateTime| Stamp::Instant(Utc.from_utc_datetime(&t).fixed_offset());
    if let Some(t) = plain_activity_date(s) {
        return Some(utc(t));
    }
    let text: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace("Sept ", "Sep ");
    const FORMS: &[&str] = &[
        "%b %d, %Y, %I:%M:%S %p",
        "%b %d, %Y %I:%M:%S %p",
        "%b %d, %Y, %H:%M:%S",
        "%d %b %Y, %H:%M:%S",
        "%d %b %Y %H:%M:%S",
    ];
    if let Some(t) = FORMS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
    {
        return Some(utc(t));
    }
    match parse_stamp(&text)? {
        Stamp::Local(t) => Some(utc(t)),
        Stamp::Instant(t) => Some(Stamp::Instant(t)),
        // A start without a time of day is no Strava activity date.
        Stamp::Date(_) => None,
    }
}

/// The form nearly every row has, `Oct 6, 2022, 11:19:20 PM` with single ASCII spaces, read
/// directly: chrono's format parser took a tenth of a long export's time. Anything else is
/// `None` and goes the general way; what this reads, the first of the general forms reads the
/// same (a test compares them).
fn plain_activity_date(s: &str) -> Option<NaiveDateTime> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let b = s.as_bytes();
    let month = MONTHS
        .iter()
        .position(|m| b.get(..3) == Some(m.as_bytes()))? as u32
        + 1;
    let mut at = 3;
    // At least `min` and at most `max` digits at `at`, as a number.
    let number = |at: &mut usize, min: usize, max: usize| -> Option<u32> {
        let digits = b[*at..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits < min {
            return None;
        }
        let n = b[*at..*at + digits]
            .iter()
            .fold(0, |n, c| n * 10 + u32::from(c - b'0'));
        *at += digits;
        Some(n)
    };
    let expect = |at: &mut usize, text: &[u8]| -> Option<()> {
        (b.get(*at..*at + text.len()) == Some(text)).then(|| *at += text.len())
    };
    expect(&mut at, b" ")?;
    let day = number(&mut at, 1, 2)?;
    expect(&mut at, b", ")?;
    let year = number(&mut at, 4, 4)?;
    expect(&mut at, b", ")?;
    let hour = number(&mut at, 1, 2)?;
    expect(&mut at, b":")?;
    let minute = number(&mut at, 2, 2)?;
    expect(&mut at, b":")?;
    let second = number(&mut at, 2, 2)?;
    let pm = match b.get(at..)? {
        b" AM" => false,
        b" PM" => true,
        _ => return None,
    };
    if !(1..=12).contains(&hour) || second > 59 {
        return None;
    }
    let hour = hour % 12 + if pm { 12 } else { 0 };
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day)?.and_hms_opt(hour, minute, second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::csv_rows::header_of;
    use chrono::{DateTime, FixedOffset};

    /// The 94-column header of the 2022 exports.
    const HEADER_2022: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Media";

    /// The first 46 columns of the 2023 export whose names carry translation_missing HTML.
    const HEADER_HTML: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,\"<span class=\"\"translation_missing\"\" title=\"\"translation missing: en-US.lib.export.portability_exporter.activities.horton_values.type\"\">Type</span>\",\"<span class=\"\"translation_missing\"\" title=\"\"translation missing: en-US.lib.export.portability_exporter.activities.horton_values.start_time\"\">Start Time</span>\"";

    fn head(text: &str) -> Detection {
        let fields = header_of(text, b',').names;
        Strava.detect(&Head::new(text, Some((fields, b','))))
    }

    /// Reads CSV text as the importer does and returns the sink.
    fn read(text: &str) -> Result<Sink> {
        crate::import::testing::read(&Strava, "activities.csv", text)
    }

    /// A 2022-layout row: only the named columns are filled, by their position in the header.
    fn row_2022(values: &[(usize, &str)]) -> String {
        let mut fields = vec![String::new(); 94];
        for (i, v) in values {
            fields[*i] = v.to_string();
        }
        fields.join(",")
    }

    fn utc(s: &str) -> Stamp {
        Stamp::Instant(DateTime::<FixedOffset>::parse_from_rfc3339(s).unwrap())
    }

    #[test]
    fn detects_each_header_variant() {
        assert!(matches!(head(HEADER_2022), Detection::Match(_)));
        assert!(matches!(head(HEADER_HTML), Detection::Match(_)));
        let html_required = HEADER_HTML.replacen(
            "Activity Type",
            "<span class=\"\"translation_missing\"\">Activity Type</span>",
            1,
        );
        assert!(matches!(head(&html_required), Detection::Match(_)));
    }

    #[test]
    fn a_near_miss_names_the_missing_column() {
        // Few columns: an ordinary near miss.
        let short = "Activity ID,Date,Activity Name,Activity Type,Elapsed Time,Distance";
        assert_eq!(
            head(short),
            Detection::Near {
                missing: vec!["Activity Date"]
            }
        );
        // A whole Strava header but one is a near miss too.
        let cut = HEADER_2022.replace("Activity Date,", "Date,");
        assert_eq!(
            head(&cut),
            Detection::Near {
                missing: vec!["Activity Date"]
            }
        );
    }

    #[test]
    fn other_headers_are_not_strava() {
        assert_eq!(
            head("start,end,duration,type,title,rpe,avg_hr,max_hr,distance_km,notes"),
            Detection::No
        );
        assert_eq!(
            head("Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR"),
            Detection::No
        );
    }

    #[test]
    fn activity_dates_are_utc_instants() {
        assert_eq!(
            parse_activity_date("Oct 6, 2022, 11:19:20 PM"),
            Some(utc("2022-10-06T23:19:20Z"))
        );
        assert_eq!(
            parse_activity_date("Mar 4, 2024, 6:00:00 AM"),
            Some(utc("2024-03-04T06:00:00Z"))
        );
        assert_eq!(
            parse_activity_date("Jan 18, 2023, 12:09:08 AM"),
            Some(utc("2023-01-18T00:09:08Z"))
        );
        assert_eq!(
            parse_activity_date("Sept 6, 2022, 1:05:00\u{202f}PM"),
            Some(utc("2022-09-06T13:05:00Z"))
        );
        assert_eq!(
            parse_activity_date("6 Oct 2022, 23:19:20"),
            Some(utc("2022-10-06T23:19:20Z"))
        );
        assert_eq!(
            parse_activity_date("2022-10-06 23:19:20"),
            Some(utc("2022-10-06T23:19:20Z"))
        );
        assert_eq!(parse_activity_date("Oct 36, 2022, 11:19:20 PM"), None);
        assert_eq!(parse_activity_date("Feb 29, 2023, 11:19:20 PM"), None);
        assert_eq!(parse_activity_date("Oct 6, 2022, 13:19:20 PM"), None);
        assert_eq!(parse_activity_date("2022-10-06"), None);
    }

    /// Whatever the direct reader reads, chrono reads the same from the first general form; the
    /// days, hours and seconds run past their ranges so that rejections are compared too.
    #[test]
    fn the_direct_date_reader_agrees_with_chrono() {
        let mut read = 0;
        for month in ["Jan", "Feb", "Jun", "Sep", "Dec", "jan", "Sept", "Foo"] {
            for day in ["1", "09", "28", "29", "30", "31", "32", "001", ""] {
                for year in ["2024", "2023", "1999", "99", "20240"] {
                    for time in [
                        "12:00:00 AM",
                        "12:59:59 PM",
                        "1:05:09 PM",
                        "07:30:00 AM",
                        "0:30:00 AM",
                        "13:00:00 PM",
                        "11:60:00 PM",
                        "11:59:60 PM",
                        "11:5:00 PM",
                        "11:05:00 pm",
                        "11:05:00  PM",
                        "11:05:00 PMx",
                    ] {
                        let s = format!("{month} {day}, {year}, {time}");
                        let direct = plain_activity_date(&s);
                        let chrono = NaiveDateTime::parse_from_str(&s, "%b %d, %Y, %I:%M:%S %p");
                        if let Some(t) = direct {
                            assert_eq!(Ok(t), chrono, "{s}");
                            read += 1;
                        }
                    }
                }
            }
        }
        // The real dates: 25 of the five exact-case months' days in each of three years, and
        // 29 February 2024, at each of the four good times.
        assert_eq!(read, (3 * 25 + 1) * 4);
        assert_eq!(
            plain_activity_date("Oct 6, 2022, 11:19:20 PM"),
            NaiveDateTime::parse_from_str("2022-10-06 23:19:20", "%Y-%m-%d %H:%M:%S").ok()
        );
        assert_eq!(
            plain_activity_date("Jan 18, 2023, 12:09:08 AM"),
            NaiveDateTime::parse_from_str("2023-01-18 00:09:08", "%Y-%m-%d %H:%M:%S").ok()
        );
    }

    #[test]
    fn reads_the_repeated_columns_by_position() {
        let text = format!(
            "{HEADER_2022}\n{}\n",
            row_2022(&[
                (0, "1"),
                (1, "\"Oct 6, 2022, 11:19:20 PM\""),
                (2, "Evening Run"),
                (3, "Run"),
                (4, "\"Felt good,\nlegs fresh\""),
                (5, "\"3,378\""),
                (6, "6.32"),
                (7, "177.0"),
                (15, "3378.0"),
                (17, "6325.0"),
                (31, "160.5"),
                (43, "7.0"),
            ])
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.workouts.len(), 1);
        let w = &sink.workouts[0];
        assert_eq!(w.start, utc("2022-10-06T23:19:20Z"));
        assert_eq!(w.activity, "Run");
        assert_eq!(w.title, "Evening Run");
        assert_eq!(w.notes, "Felt good,\nlegs fresh");
        assert_eq!(w.minutes, Some(56.3));
        assert_eq!(w.distance_km, Some(6.325));
        assert_eq!(w.max_hr, Some(177.0));
        assert_eq!(w.avg_hr, Some(160.5));
        assert_eq!(w.rpe, Some(7.0));
        assert_eq!(w.origin.line, 2);
    }

    #[test]
    fn falls_back_to_the_other_copy_of_a_column() {
        let text = format!(
            "{HEADER_2022}\n{}\n{}\n",
            row_2022(&[
                (1, "\"Oct 6, 2022, 8:00:00 AM\""),
                (3, "Run"),
                (15, "1800.0"),
                (6, "5.01"),
                (30, "171.0"),
            ]),
            row_2022(&[
                (1, "\"Oct 7, 2022, 8:00:00 AM\""),
                (3, "Swim"),
                (5, "1800"),
                (6, "\"1,500\""),
            ])
        );
        let sink = read(&text).unwrap();
        let [run, swim] = &sink.workouts[..] else {
            panic!("two workouts expected, got {:?}", sink.workouts);
        };
        assert_eq!(run.minutes, Some(30.0));
        assert_eq!(run.distance_km, Some(5.01));
        assert_eq!(run.max_hr, Some(171.0));
        assert_eq!(run.rpe, None);
        assert_eq!(swim.distance_km, Some(1.5));
    }

    #[test]
    fn html_header_names_are_matched_without_their_tags() {
        let columns = header_of(HEADER_HTML, b',');
        let layout = Layout::new(&columns);
        assert_eq!(layout.exertion, Some(43));
        assert_eq!(strip_tags(&columns.names[45]), "Start Time");
    }

    #[test]
    fn exertion_outside_one_to_ten_is_not_rpe() {
        let text = format!(
            "{HEADER_2022}\n{}\n",
            row_2022(&[(1, "\"Oct 6, 2022, 8:00:00 AM\""), (3, "Run"), (43, "0.0")])
        );
        let sink = read(&text).unwrap();
        assert_eq!(sink.workouts[0].rpe, None);
        assert_eq!(sink.warnings.len(), 1);
        assert!(sink.warnings[0].message.contains("Perceived Exertion"));
    }

    #[test]
    fn bad_values_are_errors_naming_line_and_column() {
        let text = format!(
            "{HEADER_2022}\n{}\n",
            row_2022(&[(1, "\"6/10/2022 8:00\""), (3, "Run")])
        );
        let err = read(&text)
            .err()
            .expect("a bad date is an error")
            .to_string();
        assert!(err.contains(":2:"), "{err}");
        assert!(err.contains("column 2 (Activity Date)"), "{err}");
        assert!(err.contains("Oct 6, 2022"), "{err}");

        let text = format!(
            "{HEADER_2022}\n{}\n",
            row_2022(&[
                (1, "\"Oct 6, 2022, 8:00:00 AM\""),
                (3, "Run"),
                (5, "half an hour")
            ])
        );
        let err = read(&text)
            .err()
            .expect("a bad time is an error")
            .to_string();
        assert!(err.contains("column 6 (Elapsed Time)"), "{err}");
    }

    #[test]
    fn rows_without_a_date_are_skipped() {
        let text = format!("{HEADER_2022}\n{}\n", row_2022(&[(3, "Run"), (5, "600")]));
        let sink = read(&text).unwrap();
        assert!(sink.workouts.is_empty());
        assert_eq!(sink.skipped, 1);
    }
}
