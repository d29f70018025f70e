//! Strava's bulk export (`activities.csv` in the archive from Settings > My Account > Download or
//! Delete Your Account): one row per activity.
//!
//! Strava writes the file in the account's language: the header names, the month names and
//! order of `Activity Date`, the activity types and the decimal mark all follow it. What each
//! language writes is data, in `src/import/lang/strava.toml` (with where each word was found);
//! this file reads any of them the same way. The header says which language a file is in.
//!
//! Since 2019 the file has 87 to 103 columns depending on its year, and repeats some header
//! names: the first `Elapsed Time` is whole seconds, the later one the same seconds as a float;
//! the first `Distance` is the distance as the app shows it (km; swims in metres), the later one
//! metres, so the later one is used where it is filled; the first `Max Heart Rate` is filled more
//! often than the later one. Numbers may carry thousands separators (`1,876`), or a decimal
//! comma in the languages that write one (`2,81`). Some exports wrap header names in
//! `<span class="translation_missing" ...>Type</span>` HTML, which is stripped before the names
//! are compared. The archive before 2019 has ten lower-case columns (`id,date,name,type,...`)
//! with the distance in metres.
//!
//! `Activity Date` is the start in UTC (`Oct 6, 2022, 11:19:20 PM`, `21.07.2026, 15:09:27`), so
//! a start is a [`Stamp::Instant`]. `Perceived Exertion` is Strava's 1 to 10 effort slider and is
//! read as RPE. A localized activity type is read as Strava's English name for it, the name
//! the classifier knows.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::csv_rows::{Col, Columns, Row, for_each_row};
use super::lang::{Language, Languages, fold};
use super::values::{parse_number, parse_stamp, positive};
use super::{CSV_EXTENSIONS, Detection, Head, Importer, Input, Sink, column_key, detect_columns};
use crate::error::Result;
use crate::model::{Origin, Stamp, Warning, Workout};

/// The languages Strava writes its export in.
static LANGUAGES: LazyLock<Languages> =
    LazyLock::new(|| Languages::parse("strava", include_str!("lang/strava.toml")));

/// The columns every Strava export has and this importer needs, as roles of the language table;
/// a group is one requirement that any of its roles meets (a Japanese export has a moving time
/// where the others have an elapsed time).
const REQUIRED: &[&[&str]] = &[
    &["id"],
    &["date"],
    &["name"],
    &["type"],
    &["elapsed", "moving"],
];

/// Columns no other app's export has (English names); four of them make a header a near miss of
/// Strava's however many required columns are missing.
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

const SECONDS_EXPECTED: &str = "seconds, like 1876 or 1,876";

pub struct Strava;

impl Importer for Strava {
    fn languages(&self) -> Option<&'static Languages> {
        Some(&LANGUAGES)
    }

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
        let required = required_columns(language_of(cleaned.column_keys()));
        let required: Vec<&[&'static str]> = required.iter().map(Vec::as_slice).collect();
        // A cut Strava header is a near miss; import/mod.rs lets a near miss win over concur's
        // loose generic format (whose `Start Time` and `Type` columns a Strava header also has),
        // so the error names Strava and the missing columns. Where the rest of the header is
        // unmistakably Strava's, it is a near miss however many required columns are gone.
        match detect_columns(&cleaned, &required) {
            Detection::No if DISTINCTIVE.iter().filter(|c| cleaned.has_column(c)).count() >= 4 => {
                Detection::Near {
                    missing: required
                        .iter()
                        .filter(|aliases| !aliases.iter().any(|a| cleaned.has_column(a)))
                        .map(|aliases| aliases[0])
                        .collect(),
                }
            }
            other => other,
        }
    }

    fn unread_variant(&self, head: &Head) -> Option<String> {
        unread_variant(head)
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

/// The table's first language, English: what a header of no known language is taken as.
fn english() -> &'static Language {
    &LANGUAGES.all[0]
}

/// The language whose header names a header (as [`column_key`]s) has most of.
fn language_of(keys: &[String]) -> &'static Language {
    LANGUAGES
        .language_of(keys)
        .map_or_else(english, |(language, _)| language)
}

/// A language's names for the columns of these roles.
fn names(language: &'static Language, roles: &[&str]) -> Vec<&'static str> {
    roles
        .iter()
        .flat_map(|role| language.columns.get(*role).into_iter().flatten())
        .map(String::as_str)
        .collect()
}

/// The names [`REQUIRED`] asks of a header in this language, the first of each the one errors
/// use; a role the language has no name for is not asked.
fn required_columns(language: &'static Language) -> Vec<Vec<&'static str>> {
    REQUIRED
        .iter()
        .map(|roles| names(language, roles))
        .filter(|aliases| !aliases.is_empty())
        .collect()
}

/// Where each column this importer reads is in one file, and how the file's language writes
/// dates, numbers and types.
struct Layout {
    date: Col,
    name: Col,
    kind: Col,
    description: Col,
    /// The first `Elapsed Time` (whole seconds), the later one (seconds as a float), and the
    /// moving time where a file has no elapsed time.
    elapsed: Col,
    elapsed_later: Col,
    moving: Col,
    /// The first `Distance` (as the app shows it), the later one (metres), and a column that is
    /// metres only (the archive before 2019).
    distance_shown: Col,
    distance_later: Col,
    distance_m: Col,
    avg_hr: Col,
    max_hr: Col,
    max_hr_later: Col,
    exertion: Col,
    decimal_comma: bool,
    dates: DateWords,
    date_expected: String,
    /// Each type as written and its English name, as looked up once per file.
    types: Vec<(Box<str>, Option<&'static str>)>,
}

impl Layout {
    fn new(raw: &Columns) -> Layout {
        let columns = Columns::new(raw.names.iter().map(|n| strip_tags(n)).collect());
        let keys: Vec<String> = columns.names.iter().map(|n| column_key(n)).collect();
        let language = language_of(&keys);
        // The file's own names first; English where a column kept its English name (the
        // translation_missing columns).
        let nth = |role: &str, n: usize| {
            columns
                .find_nth(&names(language, &[role]), n)
                .or_else(|| columns.find_nth(&names(english(), &[role]), n))
        };
        let example = language
            .words
            .get("date_example")
            .and_then(|e| e.first())
            .map_or("Oct 6, 2022, 11:19:20 PM", String::as_str);
        Layout {
            date: nth("date", 0),
            name: nth("name", 0),
            kind: nth("type", 0),
            description: nth("description", 0),
            elapsed: nth("elapsed", 0),
            elapsed_later: nth("elapsed", 1),
            moving: nth("moving", 0),
            distance_shown: nth("distance", 0),
            distance_later: nth("distance", 1),
            distance_m: columns.find_nth(&names(language, &["distance_m"]), 0),
            avg_hr: nth("avg_hr", 0),
            max_hr: nth("max_hr", 0),
            max_hr_later: nth("max_hr", 1),
            exertion: nth("exertion", 0),
            decimal_comma: language.decimal_comma,
            dates: DateWords::of(language),
            date_expected: format!(
                "a date-time like {example:?} (UTC, as Strava writes it in {})",
                language.name
            ),
            types: Vec::new(),
        }
    }

    /// Strava's English name of a type as the file writes it, looked up once per distinct type.
    fn english_type(&mut self, written: &str) -> Option<&'static str> {
        if let Some((_, english)) = self.types.iter().find(|(w, _)| **w == *written) {
            return *english;
        }
        let table: &'static Languages = &LANGUAGES;
        let english = table.english_type(written);
        self.types.push((written.into(), english));
        english
    }

    fn number(&self, row: &Row, col: Col) -> Result<Option<f64>> {
        let comma = self.decimal_comma;
        row.parse(col, "a number", |s| parse_localized(s, comma))
    }
}

fn read_row(row: &Row, layout: &mut Layout, origin: &Origin, sink: &mut Sink) -> Result<()> {
    let dates = &layout.dates;
    let Some(start) = row.parse(layout.date, &layout.date_expected, |s| {
        parse_activity_date(s, dates)
    })?
    else {
        return sink.skip(origin, "no Activity Date");
    };
    let mut w = Workout::new(origin.clone(), start);
    let written = row.text(layout.kind);
    w.activity = layout.english_type(written).unwrap_or(written).to_string();
    w.title = row.text(layout.name).to_string();
    w.notes = row.text(layout.description).to_string();
    let comma = layout.decimal_comma;
    let seconds_of = |col| row.parse(col, SECONDS_EXPECTED, |s| parse_localized(s, comma));
    let seconds = match seconds_of(layout.elapsed)? {
        Some(s) => Some(s),
        None => match seconds_of(layout.elapsed_later)? {
            Some(s) => Some(s),
            None => seconds_of(layout.moving)?,
        },
    };
    w.minutes = seconds.map(|s| s / 60.0);
    // Strava writes 0 where a sport has no heart rate or distance.
    w.avg_hr = positive(layout.number(row, layout.avg_hr)?);
    w.max_hr = match positive(layout.number(row, layout.max_hr)?) {
        Some(hr) => Some(hr),
        None => positive(layout.number(row, layout.max_hr_later)?),
    };
    w.distance_km = distance_km(row, layout, &w.activity)?;
    if let Some(effort) = layout.number(row, layout.exertion)? {
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

/// The distance in km: from a metres column where one is filled, else from the shown distance,
/// which is metres for swims and km for everything else. Strava writes 0 for "no distance"
/// (yoga, weight training).
fn distance_km(row: &Row, layout: &Layout, activity: &str) -> Result<Option<f64>> {
    for metres in [layout.distance_m, layout.distance_later] {
        if let Some(m) = positive(layout.number(row, metres)?) {
            return Ok(Some(m / 1000.0));
        }
    }
    let shown = positive(layout.number(row, layout.distance_shown)?);
    let swim = activity.to_ascii_lowercase().contains("swim");
    Ok(shown.map(|d| if swim { d / 1000.0 } else { d }))
}

/// A number as a file in a language with (`decimal_comma`) or without a decimal comma writes
/// it. With a decimal comma, points group thousands: `1.500` (a swim shown in metres) is fifteen
/// hundred and `1.234,5` is 1234.5; Strava's metres columns still use a point (`4030.5`), which
/// groups no three digits and so reads as a decimal. A negative count is read as written: the
/// row is then skipped as a negative duration, as in every format.
fn parse_localized(s: &str, decimal_comma: bool) -> Option<f64> {
    if decimal_comma && s.contains('.') {
        let digits = s.trim().trim_start_matches('-');
        let (int, fraction) = digits.split_once(',').unwrap_or((digits, ""));
        let mut groups = int.split('.');
        let first = groups.next().unwrap_or_default();
        let grouped = (1..=3).contains(&first.len())
            && groups.all(|g| g.len() == 3)
            && int.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && fraction.bytes().all(|b| b.is_ascii_digit());
        if grouped {
            return parse_number(&s.replace('.', ""), true);
        }
    }
    parse_number(s, decimal_comma)
}

/// How one language writes `Activity Date`, from its entry in the table, with every word folded
/// once for the file.
struct DateWords {
    /// Each way a month is written (folded, without a final dot), with its number.
    months: Vec<(String, u32)>,
    am: Vec<String>,
    pm: Vec<String>,
    skip: Vec<String>,
    /// For a date in numbers only with the year last: whether the day comes first, and the
    /// mark the language writes between the numbers (`.` in `21.07.2026`). A date in numbers
    /// with another mark was not written by Strava in this language (`6/10/2022` in a German
    /// file is more likely a spreadsheet's American month-first date than 6 October), so it is
    /// not read in this order.
    numeric_order: Option<(bool, char)>,
}

impl DateWords {
    fn of(language: &Language) -> DateWords {
        let folded = |key: &str| -> Vec<String> {
            language
                .words
                .get(key)
                .into_iter()
                .flatten()
                .map(|w| fold(w.trim_end_matches('.')))
                .collect()
        };
        let months = language
            .months
            .iter()
            .enumerate()
            .flat_map(|(i, names)| {
                names
                    .iter()
                    .map(move |n| (fold(n.trim_end_matches('.')), i as u32 + 1))
            })
            .collect();
        let order = folded("date_order");
        // Not folded: folding drops a final point, and the point is the mark itself.
        let separator = language
            .words
            .get("date_separator")
            .and_then(|marks| marks.first())
            .and_then(|mark| mark.chars().next());
        DateWords {
            months,
            am: folded("am"),
            pm: folded("pm"),
            skip: folded("skip"),
            numeric_order: match (order.first().map(String::as_str), separator) {
                (Some("dmy"), Some(mark)) => Some((true, mark)),
                (Some("mdy"), Some(mark)) => Some((false, mark)),
                _ => None,
            },
        }
    }
}

/// `Activity Date`, a UTC time, as the file's language writes it. Nearly every English row is
/// `Oct 6, 2022, 11:19:20 PM`, read directly; other shapes are read by their parts; an ISO
/// form is read as ISO (with an offset, at that offset; without, as UTC).
fn parse_activity_date(s: &str, words: &DateWords) -> Option<Stamp> {
    let utc = |t: NaiveDateTime| Stamp::Instant(Utc.from_utc_datetime(&t).fixed_offset());
    if let Some(t) = plain_activity_date(s) {
        return Some(utc(t));
    }
    if let Some(t) = date_by_parts(s, words) {
        return Some(utc(t));
    }
    match parse_stamp(s)? {
        Stamp::Local(t) => Some(utc(t)),
        Stamp::Instant(t) => Some(Stamp::Instant(t)),
        // A start without a time of day is no Strava activity date.
        Stamp::Date(_) => None,
    }
}

/// A date-time read by its parts, in whatever order the language puts them: numbers (a
/// four-digit year, a day, a month), at most one month word, one time `h:mm[:ss]`, an am/pm
/// mark, and the language's filler words; every other word, or a part missing or twice, makes
/// it unreadable (`None`). Separators (spaces of any width, commas, points, slashes, dashes)
/// only separate. A date in numbers only is year-first, or in the language's `date_order`.
fn date_by_parts(s: &str, words: &DateWords) -> Option<NaiveDateTime> {
    let mut numbers: Vec<&str> = Vec::with_capacity(3);
    // Where each number starts in `s`, to see what stands between them.
    let mut starts = [0usize; 3];
    let mut month_word: Option<u32> = None;
    let mut time: Option<&str> = None;
    let mut pm: Option<bool> = None;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let token_end = |keep: &dyn Fn(char) -> bool| {
            rest.char_indices()
                .find(|(_, c)| !keep(*c))
                .map_or(rest.len(), |(i, _)| i)
        };
        if c.is_ascii_digit() {
            let end = token_end(&|c| c.is_ascii_digit() || c == ':');
            let token = &rest[..end];
            if token.contains(':') {
                if time.replace(token).is_some() {
                    return None;
                }
            } else if numbers.len() == 3 {
                return None;
            } else {
                starts[numbers.len()] = s.len() - rest.len();
                numbers.push(token);
            }
            rest = &rest[end..];
        } else if c.is_alphabetic() {
            let end = token_end(&|c| c.is_alphabetic());
            let word = fold(&rest[..end]);
            if let Some((_, month)) = words.months.iter().find(|(m, _)| *m == word) {
                if month_word.replace(*month).is_some() {
                    return None;
                }
            } else if words.am.contains(&word) {
                pm = Some(false);
            } else if words.pm.contains(&word) {
                pm = Some(true);
            } else if !words.skip.contains(&word) {
                return None;
            }
            rest = &rest[end..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
    let number = |t: &str| t.parse::<u32>().ok();
    let (year, month, day) = match (month_word, numbers.as_slice()) {
        (Some(month), [a, b]) if a.len() == 4 && b.len() <= 2 => (*a, month, number(b)?),
        (Some(month), [a, b]) if b.len() == 4 && a.len() <= 2 => (*b, month, number(a)?),
        (None, [y, m, d]) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            (*y, number(m)?, number(d)?)
        }
        (None, [a, b, y]) if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            let (day_first, mark) = words.numeric_order?;
            let between = |i: usize| &s[starts[i] + numbers[i].len()..starts[i + 1]];
            let one_mark = |gap: &str| gap.len() == mark.len_utf8() && gap.starts_with(mark);
            if !one_mark(between(0)) || !one_mark(between(1)) {
                return None;
            }
            if day_first {
                (*y, number(b)?, number(a)?)
            } else {
                (*y, number(a)?, number(b)?)
            }
        }
        _ => return None,
    };
    let mut clock = time?.split(':');
    let hour = number(clock.next().filter(|h| (1..=2).contains(&h.len()))?)?;
    let minute = number(clock.next().filter(|m| m.len() == 2)?)?;
    let second = match clock.next() {
        Some(sec) if sec.len() == 2 => number(sec)?,
        Some(_) => return None,
        None => 0,
    };
    if clock.next().is_some() {
        return None;
    }
    let hour = match pm {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    NaiveDate::from_ymd_opt(number(year)? as i32, month, day)?.and_hms_opt(hour, minute, second)
}

/// The form nearly every row has, `Oct 6, 2022, 11:19:20 PM` with single ASCII spaces, read
/// directly: chrono's format parser took a tenth of a long export's time. Anything else is
/// `None` and goes the general way; what this reads, chrono's `%b %d, %Y, %I:%M:%S %p` reads the
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

/// A header no language of the table reads that still has Strava's shape: a first row with a
/// numeric id and a file name like `activities/123.fit.gz`, or 80 to 110 columns of which
/// several names repeat (Strava writes `Elapsed Time`, `Distance`, `Max Heart Rate`, `Relative
/// Effort` and `Commute` twice, in every language). The message names the columns it still
/// recognised by any language's names.
fn unread_variant(head: &Head) -> Option<String> {
    let (fields, delimiter) = head.csv_header.as_ref()?;
    let names: Vec<String> = fields.iter().map(|f| strip_tags(f)).collect();
    let keys: Vec<String> = names.iter().map(|n| column_key(n)).collect();
    let mut repeated: Vec<&str> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if !key.is_empty() && keys[..i].contains(key) && !repeated.contains(&names[i].as_str()) {
            repeated.push(&names[i]);
        }
    }
    let wide = (80..=110).contains(&names.len());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(*delimiter)
        .flexible(true)
        .from_reader(head.text.as_bytes());
    let mut first = csv::StringRecord::new();
    let has_row = reader.read_record(&mut first).unwrap_or(false);
    let numeric_id = has_row
        && first
            .get(0)
            .is_some_and(|id| id.len() >= 3 && id.bytes().all(|b| b.is_ascii_digit()));
    let file_name = first.iter().find(|f| is_activity_file(f));
    let shaped = (numeric_id && file_name.is_some()) || (wide && repeated.len() >= 3);
    if !shaped {
        return None;
    }
    let mut signs = vec![format!("{} columns", names.len())];
    if numeric_id {
        signs.push("a numeric activity id first".into());
    }
    if let Some(file) = file_name {
        signs.push(format!("file names like {file}"));
    }
    if !repeated.is_empty() {
        let shown: Vec<String> = repeated.iter().take(5).map(|n| format!("'{n}'")).collect();
        signs.push(format!("repeated column names ({})", shown.join(", ")));
    }
    let known: Vec<String> = names
        .iter()
        .zip(&keys)
        .filter(|(_, key)| is_known_column(key))
        .map(|(name, _)| format!("'{name}'"))
        .collect();
    let recognised = if known.is_empty() {
        "none of its column names".to_string()
    } else {
        format!("only {}", known.join(", "))
    };
    Some(format!(
        "this looks like a Strava export (activities.csv: {}) in a language concur does not read yet; it recognised {recognised} (concur reads Strava's exports in {})",
        signs.join(", "),
        LANGUAGES.names()
    ))
}

/// Whether a value is a file of Strava's archive: `activities/` and a numeric name with an
/// extension (`activities/8474917700.fit.gz`, `activities/101.gpx`).
fn is_activity_file(value: &str) -> bool {
    let Some(name) = value.trim().strip_prefix("activities/") else {
        return false;
    };
    let (stem, extension) = name.split_once('.').unwrap_or((name, ""));
    !stem.is_empty()
        && stem.bytes().all(|b| b.is_ascii_digit())
        && !extension.is_empty()
        && extension
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.')
}

/// Whether a header name (as a [`column_key`]) is one any language of the table, or the list of
/// Strava's distinctive English columns, has.
fn is_known_column(key: &str) -> bool {
    LANGUAGES
        .all
        .iter()
        .flat_map(|l| l.columns.values().flatten())
        .map(String::as_str)
        .chain(DISTINCTIVE.iter().copied())
        .any(|name| column_key(name) == key)
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

    /// The table's language of this code.
    fn language(code: &str) -> &'static Language {
        LANGUAGES
            .all
            .iter()
            .find(|l| l.code == code)
            .unwrap_or_else(|| panic!("no language {code}"))
    }

    /// `Activity Date` as a file in this language writes it.
    fn date_in(code: &str, s: &str) -> Option<Stamp> {
        parse_activity_date(s, &DateWords::of(language(code)))
    }

    fn parse_activity_date_en(s: &str) -> Option<Stamp> {
        date_in("en", s)
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
            parse_activity_date_en("Oct 6, 2022, 11:19:20 PM"),
            Some(utc("2022-10-06T23:19:20Z"))
        );
        assert_eq!(
            parse_activity_date_en("Mar 4, 2024, 6:00:00 AM"),
            Some(utc("2024-03-04T06:00:00Z"))
        );
        assert_eq!(
            parse_activity_date_en("Jan 18, 2023, 12:09:08 AM"),
            Some(utc("2023-01-18T00:09:08Z"))
        );
        assert_eq!(
            parse_activity_date_en("Sept 6, 2022, 1:05:00\u{202f}PM"),
            Some(utc("2022-09-06T13:05:00Z"))
        );
        assert_eq!(
            parse_activity_date_en("6 Oct 2022, 23:19:20"),
            Some(utc("2022-10-06T23:19:20Z"))
        );
        assert_eq!(
            parse_activity_date_en("2022-10-06 23:19:20"),
            Some(utc("2022-10-06T23:19:20Z"))
        );
        assert_eq!(parse_activity_date_en("Oct 36, 2022, 11:19:20 PM"), None);
        assert_eq!(parse_activity_date_en("Feb 29, 2023, 11:19:20 PM"), None);
        assert_eq!(parse_activity_date_en("Oct 6, 2022, 13:19:20 PM"), None);
        assert_eq!(parse_activity_date_en("2022-10-06"), None);
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
        assert!(err.contains("English"), "{err}");

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

    #[test]
    fn the_language_table_loads_and_each_language_names_its_source() {
        assert_eq!(LANGUAGES.all[0].code, "en");
        for language in &LANGUAGES.all {
            assert!(!language.source.trim().is_empty(), "{}", language.code);
            let required = required_columns(language);
            assert_eq!(required.len(), REQUIRED.len(), "{}", language.code);
            assert!(
                language.words.contains_key("date_example"),
                "{} has no date_example",
                language.code
            );
            // A numeric order without its mark would never be used.
            assert_eq!(
                language.words.contains_key("date_order"),
                language.words.contains_key("date_separator"),
                "{}: date_order and date_separator go together",
                language.code
            );
            // Every English name a type maps to is one Strava writes in English.
            for english in language.types.values() {
                assert!(
                    english.chars().next().is_some_and(char::is_uppercase),
                    "{}: {english}",
                    language.code
                );
            }
        }
    }

    #[test]
    fn each_language_writes_its_dates_its_own_way() {
        let at = |s| Some(utc(s));
        assert_eq!(
            date_in("de", "21.07.2026, 15:09:27"),
            at("2026-07-21T15:09:27Z")
        );
        assert_eq!(
            date_in("fr", "6 oct. 2022, 23:19:20"),
            at("2022-10-06T23:19:20Z")
        );
        assert_eq!(
            date_in("fr", "1 févr. 2024, 07:05:00"),
            at("2024-02-01T07:05:00Z")
        );
        assert_eq!(
            date_in("fr", "3 août 2024, 18:00:00"),
            at("2024-08-03T18:00:00Z")
        );
        assert_eq!(
            date_in("es", "27 jun 2026, 13:17:16"),
            at("2026-06-27T13:17:16Z")
        );
        assert_eq!(
            date_in("es", "1 de ene. de 2024, 8:00:00"),
            at("2024-01-01T08:00:00Z")
        );
        assert_eq!(
            date_in("nl", "9 mei 2026, 00:03:01"),
            at("2026-05-09T00:03:01Z")
        );
        assert_eq!(
            date_in("nl", "14 mrt 2024, 6:30:00"),
            at("2024-03-14T06:30:00Z")
        );
        assert_eq!(
            date_in("ja", "2026/06/29 20:14:15"),
            at("2026-06-29T20:14:15Z")
        );
        assert_eq!(
            date_in("pt-BR", "5 de ago. de 2026, 20:45:59"),
            at("2026-08-05T20:45:59Z")
        );
        assert_eq!(
            date_in("pt-BR", "1 de mai. de 2018, 07:03:00"),
            at("2018-05-01T07:03:00Z")
        );
        assert_eq!(
            date_in("en-x-pre2019", "2018-11-27 19:11:32"),
            at("2018-11-27T19:11:32Z")
        );
        // A month word of another language, an unknown word, a numeric date whose order the
        // language does not give, or a part twice: unreadable, never guessed.
        assert_eq!(date_in("de", "9 mei 2026, 00:03:01"), None);
        assert_eq!(date_in("nl", "9 mei 2026 om 00:03:01"), None);
        assert_eq!(date_in("en", "06.10.2022, 23:19:20"), None);
        assert_eq!(date_in("es", "1 ene feb 2024, 8:00:00"), None);
        assert_eq!(date_in("de", "21.07.2026, 15:09:27, 16:00:00"), None);
        assert_eq!(date_in("de", "31.02.2026, 15:09:27"), None);
        assert_eq!(date_in("de", "21.07.2026, 25:09:27"), None);
        assert_eq!(date_in("de", "21.07.2026"), None);
    }

    /// A date in numbers only is read in the language's day-month order only when it has the
    /// mark that language writes between its numbers: `6/10/2022` in a German file is left
    /// unread (an error naming the format) rather than guessed as 6 October. A date with a month
    /// word says its month whatever the file's language, so Strava's English form reads the same
    /// in a German file.
    #[test]
    fn numeric_dates_follow_the_language_order_only_with_its_mark() {
        let at = |s| Some(utc(s));
        assert_eq!(
            date_in("de", "06.10.2022, 08:00:00"),
            at("2022-10-06T08:00:00Z")
        );
        assert_eq!(date_in("de", "6.10.2022 8:00"), at("2022-10-06T08:00:00Z"));
        assert_eq!(date_in("de", "6/10/2022 8:00"), None);
        assert_eq!(date_in("de", "6-10-2022 8:00"), None);
        assert_eq!(date_in("de", "6.10/2022 8:00"), None);
        assert_eq!(date_in("de", "6. 10. 2022 8:00"), None);
        assert_eq!(date_in("en", "6/10/2022 8:00"), None);
        // Year first is one order in every language.
        assert_eq!(
            date_in("de", "2022/10/06 08:00:00"),
            at("2022-10-06T08:00:00Z")
        );
        assert_eq!(
            date_in("de", "Oct 6, 2022, 11:19:20 PM"),
            at("2022-10-06T23:19:20Z")
        );

        let header =
            "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit";
        let err = read(&format!("{header}\n1,6/10/2022 8:00,Lauf,Lauf,60\n"))
            .err()
            .expect("a slash date in a German file")
            .to_string();
        assert!(err.contains(":2:"), "{err}");
        assert!(err.contains("column 2 (Aktivitätsdatum)"), "{err}");
        assert!(err.contains("21.07.2026, 15:09:27"), "{err}");
    }

    #[test]
    fn numbers_follow_the_language_decimal_mark() {
        assert_eq!(parse_localized("2,81", true), Some(2.81));
        assert_eq!(parse_localized("1.500", true), Some(1500.0));
        assert_eq!(parse_localized("1.234,5", true), Some(1234.5));
        assert_eq!(parse_localized("4030.5", true), Some(4030.5));
        assert_eq!(
            parse_localized("2432.77001953125", true),
            Some(2432.77001953125)
        );
        assert_eq!(parse_localized("1,876", false), Some(1876.0));
        assert_eq!(parse_localized("1.5", false), Some(1.5));
        assert_eq!(parse_localized("1.2.3", true), None);
        assert_eq!(parse_localized("zwei", true), None);
    }

    #[test]
    fn a_header_tells_its_language() {
        let keys =
            |header: &str| -> Vec<String> { header.split(',').map(column_key).collect::<Vec<_>>() };
        assert_eq!(language_of(&keys(HEADER_2022)).code, "en");
        assert_eq!(
            language_of(&keys(
                "id,date,name,type,description,elapsed_time,distance,commute,gear,filename"
            ))
            .code,
            "en-x-pre2019"
        );
        assert_eq!(
            language_of(&keys("Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz")).code,
            "de"
        );
        // Strava's 2022 header with the date renamed is still English, and misses its date.
        let cut = HEADER_2022.replace("Activity Date,", "Date,");
        assert_eq!(language_of(&keys(&cut)).code, "en");
    }

    #[test]
    fn localized_types_are_read_as_strava_english_names() {
        let header = "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz,Max. Herzfrequenz,Verstrichene Zeit,Distanz";
        let text = format!(
            "{header}\n1,\"21.07.2026, 15:09:27\",Abendlauf,Lauf,1390,\"2,81\",190,1390.0,2810.0\n2,\"22.07.2026, 06:00:00\",Beine,Krafttraining,3600,\"0,00\",,3600.0,0.0\n3,\"23.07.2026, 06:00:00\",Bahn,Unbekannt,600,\"1,00\",,,\n"
        );
        let sink = read(&text).unwrap();
        let [run, lift, other] = &sink.workouts[..] else {
            panic!("three workouts expected, got {:?}", sink.workouts);
        };
        assert_eq!(run.activity, "Run");
        assert_eq!(run.start, utc("2026-07-21T15:09:27Z"));
        assert_eq!(run.distance_km, Some(2.81));
        assert_eq!(run.max_hr, Some(190.0));
        assert_eq!(lift.activity, "Weight Training");
        assert_eq!(lift.distance_km, None);
        // A type no language has stays as written; the shown distance has a decimal comma.
        assert_eq!(other.activity, "Unbekannt");
        assert_eq!(other.distance_km, Some(1.0));
    }

    #[test]
    fn a_bad_date_in_another_language_says_how_that_language_writes_it() {
        let text = "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit\n1,\"gestern, 8:00\",Lauf,Lauf,60\n";
        let err = read(text)
            .err()
            .expect("a date of no known shape")
            .to_string();
        assert!(err.contains("21.07.2026, 15:09:27"), "{err}");
        assert!(err.contains("German"), "{err}");
        assert!(err.contains("column 2 (Aktivitätsdatum)"), "{err}");
    }

    fn unread(text: &str) -> Option<String> {
        unread_variant(&crate::import::testing::head(text))
    }

    #[test]
    fn a_strava_export_in_an_unread_language_is_named_by_its_shape() {
        // Polish names (a header seen in public code; the rest of the file is not known).
        let header = "Identyfikator aktywności,Data aktywności,Nazwa aktywności,Rodzaj aktywności,Opis,Czas,Dystans,Nazwa pliku,Czas,Dystans";
        let row = "12345678901,\"4 mar 2024, 06:00:00\",Bieg,Bieg,,1800,\"5,00\",activities/13258028954.fit.gz,1800.0,5000.0";
        let message = unread(&format!("{header}\n{row}\n")).expect("looks like Strava");
        assert!(message.contains("Strava export"), "{message}");
        assert!(
            message.contains("language concur does not read yet"),
            "{message}"
        );
        assert!(
            message.contains("activities/13258028954.fit.gz"),
            "{message}"
        );
        assert!(message.contains("'Czas'"), "{message}");
        assert!(message.contains("none of its column names"), "{message}");
        // A wide header with Strava's repeated names and one column concur knows is enough
        // without a row.
        let mut wide: Vec<String> = (0..90).map(|i| format!("Kolumna {i}")).collect();
        for (i, name) in ["Czas", "Dystans", "Tętno", "Czas", "Dystans", "Tętno"]
            .iter()
            .enumerate()
        {
            wide[10 + i] = name.to_string();
        }
        wide[20] = "Activity Gear".into();
        let message = unread(&format!("{}\n", wide.join(","))).expect("wide and repeated");
        assert!(message.contains("90 columns"), "{message}");
        assert!(message.contains("only 'Activity Gear'"), "{message}");
    }

    #[test]
    fn other_files_are_no_unread_strava_variant() {
        assert_eq!(
            unread("start,type,title\n2024-03-04 07:00,Run,Easy\n"),
            None
        );
        // A numeric id alone, or a file name alone, is not Strava's shape.
        assert_eq!(unread("id,name,file\n123456,Run,notes.txt\n"), None);
        assert_eq!(unread("name,file\nRun,activities/123.fit.gz\n"), None);
        assert!(!is_activity_file("activities/abc.fit"));
        assert!(!is_activity_file("activities/123"));
        assert!(is_activity_file("activities/8474917700.fit.gz"));
    }
}
