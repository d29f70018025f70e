//! The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched
//! (a Content-Security-Policy says so to the browser too). It is built from the same [`Report`]
//! as the JSON, with hand-written escaping: every text that comes from a log or a file name goes
//! through [`esc`].
//!
//! Stable hooks for tests and scripts:
//! - each timeline row `g.day[data-date]`, with `data-sessions` (sessions of that day), and for a
//!   day of the report `data-order` and `data-verdict`;
//! - each session block `rect.blk[data-session]` (index into `sessions`), a part continued past
//!   the end of its row has the class `cont`;
//! - each pair's gap `g.gap[data-pair="<first>-<second>"][data-rule][data-verdict][data-date]`
//!   (the part continued on the next row has the class `gap-cont`), and its row in the day table
//!   `tr.pair` with the same attributes;
//! - each week `figure.week[data-week]`, `tr.week[data-week]`, `g.bar[data-week][data-score]`
//!   (`data-score=""` where the week has no score);
//! - `#score[data-score]`, and each fired rule `li.rule[data-rule-id]`.

use std::collections::BTreeMap;
use std::fmt::{self, Display, Write};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike};

use super::{DayOut, PairOut, Report, SessionOut, WeekOut, format_gap, score_text};
use crate::analysis::rules::EVIDENCE_NOTES;
use crate::analysis::rules::{PAIR_RULES, WEEK_RULES};
use crate::model::{Intensity, IntensityBasis, Modality, Verdict};

/// `write!` into a `String` or the [`Page`], neither of which fails (the page keeps an I/O error
/// for [`Page::finish`]).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// Text escaped for HTML content and for attribute values in double or single quotes.
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// Escapes `text` for HTML, lazily (use it inside `write!`).
pub fn esc(text: &str) -> Esc<'_> {
    Esc(text)
}

/// Text with `backticked` words as `<code>`, escaped (the rule tables write value names so).
fn with_code(text: &str) -> String {
    let mut out = String::new();
    for (k, part) in text.split('`').enumerate() {
        if k % 2 == 1 {
            w!(out, "<code>{}</code>", esc(part));
        } else {
            w!(out, "{}", esc(part));
        }
    }
    out
}

const DAY: f64 = 1440.0;

// The week timeline, in SVG user units.
const TL_WIDTH: f64 = 800.0;
const TL_LABEL: f64 = 92.0;
const TL_NOTIME: f64 = 72.0;
const TL_RIGHT: f64 = 10.0;
const TL_AXIS: f64 = 26.0;
const TL_ROW: f64 = 34.0;
/// Block height at full intensity; the bottom of the blocks sits this far above the row's end.
const TL_BLOCK: f64 = 24.0;
const TL_FOOT: f64 = 5.0;

// The score chart.
const SC_WIDTH: f64 = 800.0;
const SC_HEIGHT: f64 = 240.0;
const SC_LEFT: f64 = 56.0;
const SC_TOP: f64 = 30.0;
const SC_BOTTOM: f64 = 40.0;

/// Minutes from the start of `date`'s row (the date at the day start) to an RFC 3339 time, on
/// the wall clock the report is written in.
fn minutes_into(
    stamp: &DateTime<FixedOffset>,
    date: NaiveDate,
    day_start: NaiveTime,
) -> Option<f64> {
    let local = stamp.naive_local();
    Some((local - date.and_time(day_start)).num_seconds() as f64 / 60.0)
}

/// A span of minutes from the start of `date`'s row cut into one piece per row it touches:
/// `(row date, from, to, is the first piece)`, each within 0..=1440. A session that crosses
/// the end of its row (midnight, or the day start) goes on at the start of the next row.
fn split_rows(date: NaiveDate, from: f64, to: f64) -> Vec<(NaiveDate, f64, f64, bool)> {
    let from = from.max(0.0);
    let to = to.max(from);
    let mut pieces = Vec::new();
    let mut k = (from / DAY).floor();
    loop {
        let lo = from.max(k * DAY);
        let hi = to.min((k + 1.0) * DAY);
        pieces.push((
            date + Duration::days(k as i64),
            lo - k * DAY,
            hi - k * DAY,
            pieces.is_empty(),
        ));
        k += 1.0;
        // Sessions last at most a day and gaps that make a pair less than one, so three rows
        // are plenty; the bound keeps a strange input from looping long.
        if to <= k * DAY || pieces.len() >= 3 {
            break;
        }
    }
    pieces
}

/// What a timeline row draws.
enum Mark<'a> {
    Block {
        session: usize,
        from: f64,
        to: f64,
        /// Continued from the row before.
        cont: bool,
    },
    NoTime {
        session: usize,
    },
    Gap {
        pair: &'a PairOut,
        date: NaiveDate,
        from: f64,
        to: f64,
        cont: bool,
    },
}

/// Everything the timeline draws, by row date.
fn marks(report: &Report, day_start: NaiveTime) -> BTreeMap<NaiveDate, Vec<Mark<'_>>> {
    let mut rows: BTreeMap<NaiveDate, Vec<Mark>> = BTreeMap::new();
    for (i, s) in report.sessions.iter().enumerate() {
        let span = s.time_known.then(|| {
            (
                minutes_into(&s.start, s.date, day_start),
                minutes_into(&s.end, s.date, day_start),
            )
        });
        match span {
            Some((Some(from), Some(to))) => {
                for (date, from, to, first) in split_rows(s.date, from, to) {
                    rows.entry(date).or_default().push(Mark::Block {
                        session: i,
                        from,
                        to,
                        cont: !first,
                    });
                }
            }
            _ => rows
                .entry(s.date)
                .or_default()
                .push(Mark::NoTime { session: i }),
        }
    }
    for day in &report.days {
        for pair in &day.pairs {
            let (a, b) = (
                &report.sessions[pair.first_session],
                &report.sessions[pair.second_session],
            );
            let (Some(end), Some(start)) = (
                minutes_into(&a.end, day.date, day_start),
                minutes_into(&b.start, day.date, day_start),
            ) else {
                continue;
            };
            // Overlapping sessions have a gap of 0: the mark sits where the second begins.
            for (date, from, to, first) in split_rows(day.date, end.min(start), start) {
                rows.entry(date).or_default().push(Mark::Gap {
                    pair,
                    date: day.date,
                    from,
                    to,
                    cont: !first,
                });
            }
        }
    }
    rows
}

/// The score's colour band, as the terminal report paints it: green from 80, amber from 50.
fn band(score: Option<f64>) -> &'static str {
    match score {
        Some(s) if s >= 80.0 => "good",
        Some(s) if s >= 50.0 => "fair",
        Some(_) => "poor",
        None => "none",
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn hhmm(s: &SessionOut) -> Option<String> {
    s.time_known.then(|| s.clock())
}

fn intensity_class(s: &SessionOut) -> &'static str {
    match s.intensity {
        Intensity::Easy => "i-easy",
        Intensity::Moderate => "i-moderate",
        Intensity::Hard => "i-hard",
        Intensity::Unknown => "i-unknown",
    }
}

/// Block height share by intensity: easy low, hard full.
fn intensity_height(i: Intensity) -> f64 {
    match i {
        Intensity::Easy => 0.5,
        Intensity::Moderate | Intensity::Unknown => 0.75,
        Intensity::Hard => 1.0,
    }
}

fn intensity_words(s: &SessionOut) -> String {
    match (s.intensity, s.intensity_basis) {
        (Intensity::Unknown, IntensityBasis::Assumed) if s.modality == Modality::Cardio => {
            "intensity not logged, judged as moderate".to_string()
        }
        (Intensity::Unknown, _) => "intensity not logged".to_string(),
        (i, IntensityBasis::Rpe) => format!("{i} (from RPE)"),
        (i, IntensityBasis::HeartRate) => format!("{i} (from heart rate)"),
        (i, IntensityBasis::Words) => format!("{i} (from its name)"),
        (i, IntensityBasis::Assumed) => i.to_string(),
    }
}

/// One session as the tables show it: time, modality, title, length, intensity, leg day.
fn session_html(s: &SessionOut, index: usize) -> String {
    let mut out = String::new();
    w!(
        out,
        "<span class=\"sess\" data-session=\"{index}\"><i class=\"sw {m} {ic}\"></i>",
        m = s.modality,
        ic = intensity_class(s)
    );
    match hhmm(s) {
        Some(t) => w!(out, "<time>{t}</time> "),
        None => w!(out, "<time class=\"notime\">no time</time> "),
    }
    w!(
        out,
        "{} <b>{}</b> {}{} min",
        s.modality,
        esc(s.title.trim()),
        if s.estimated_end { "~" } else { "" },
        s.minutes.round()
    );
    if s.modality == Modality::Cardio && s.intensity != Intensity::Unknown {
        w!(out, ", {}", s.intensity);
    }
    if s.leg_day {
        out.push_str(", leg day");
    }
    out.push_str("</span>");
    out
}

const CSS: &str = r#"
:root{--ink:#1c2330;--muted:#5b6472;--line:#dde1e7;--paper:#fff;--soft:#f4f6f9;
--strength:#2f6fde;--strength-easy:#a9c4f5;--strength-hard:#173f94;
--cardio:#a055d8;--cardio-easy:#dcc3f3;--cardio-hard:#66239a;
--other:#8f97a3;--other-easy:#c9ced6;--other-hard:#5d6470;
--aligned:#1f9d55;--caution:#d98a0b;--conflict:#d63b2f;
--aligned-bg:#e3f5ea;--caution-bg:#fdf1dc;--conflict-bg:#fbe4e2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--soft);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:20px 20px 40px}
section,header.top{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:0 0 16px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:0 0 10px}
h3{font-size:1rem;margin:0}
p{margin:6px 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:var(--soft);padding:0 3px;border-radius:3px}
.muted,.note{color:var(--muted)}
.note{font-size:.88rem}
nav{display:flex;flex-wrap:wrap;gap:4px 14px;margin-top:8px;font-size:.9rem}
nav a,td a{color:var(--strength);text-decoration:none}
td.date,td.wk{white-space:nowrap}
.guidance{font-size:1.05rem}
.overview{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.score{flex:0 0 170px;border-radius:10px;padding:12px 14px;text-align:center;color:#fff;background:var(--other)}
.score.good{background:var(--aligned)}.score.fair{background:var(--caution)}.score.poor{background:var(--conflict)}
.score .big{display:block;font-size:2.6rem;font-weight:700;line-height:1.1}
.score small{display:block;font-size:.8rem;opacity:.95}
.stats{flex:1 1 420px;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:8px 16px}
.stats div{border-left:3px solid var(--line);padding-left:8px}
.stats dt{font-size:.8rem;color:var(--muted)}
.stats dd{margin:0;font-weight:600}
.stats dd small{display:block;font-weight:400;color:var(--muted)}
.vbar{display:flex;height:12px;border-radius:6px;overflow:hidden;margin:12px 0 4px;background:var(--soft)}
.vbar span{display:block;height:100%}
.v-aligned{background:var(--aligned)}.v-caution{background:var(--caution)}.v-conflict{background:var(--conflict)}
.pill{display:inline-block;padding:0 8px;border-radius:10px;font-size:.85rem;font-weight:600;white-space:nowrap}
.pill.aligned{background:var(--aligned-bg);color:#14673a}
.pill.caution{background:var(--caution-bg);color:#8a5200}
.pill.conflict{background:var(--conflict-bg);color:#9c2018}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.85rem;color:var(--muted);margin:0 0 10px;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:5px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:4px;background:var(--other)}
.sw.strength{background:var(--strength)}.sw.cardio{background:var(--cardio)}
.sw.cardio.i-easy{background:var(--cardio-easy)}.sw.cardio.i-hard{background:var(--cardio-hard)}
.sw.strength.i-easy{background:var(--strength-easy)}.sw.strength.i-hard{background:var(--strength-hard)}
.sw.line{height:4px;width:18px;vertical-align:3px}
.sw.line.aligned{background:var(--aligned)}.sw.line.caution{background:var(--caution)}.sw.line.conflict{background:var(--conflict)}
.sw.dashed{background:transparent;border:1.5px dashed var(--muted)}
figure.week{margin:0 0 14px;break-inside:avoid;page-break-inside:avoid}
figure.week figcaption{display:flex;flex-wrap:wrap;gap:2px 12px;align-items:baseline;margin-bottom:2px}
figure.week figcaption .muted{font-size:.85rem}
svg{display:block;width:100%;height:auto}
svg text{fill:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.tl .lbl{font-size:14px}.tl .ax{font-size:12px;fill:var(--muted)}
.tl .row{fill:var(--paper)}.tl .weekend .row{fill:#f7f8fa}.tl .out .row{fill:#eef0f3}.tl .out .lbl{fill:#a3a9b3}
.tl .grid{stroke:var(--line);stroke-width:1}
.tl .ntcol{fill:var(--soft)}
.blk{fill:var(--other)}
.blk.strength{fill:var(--strength)}.blk.strength.i-easy{fill:var(--strength-easy)}.blk.strength.i-hard{fill:var(--strength-hard)}
.blk.cardio{fill:var(--cardio)}.blk.cardio.i-easy{fill:var(--cardio-easy)}.blk.cardio.i-hard{fill:var(--cardio-hard)}
.blk.other.i-easy{fill:var(--other-easy)}.blk.other.i-hard{fill:var(--other-hard)}
.blk.cardio.i-unknown{stroke:var(--cardio-hard);stroke-width:1.5;stroke-dasharray:3 2}
.blk.notime{fill-opacity:.35;stroke:var(--ink);stroke-width:1.2;stroke-dasharray:3 2}
.gap line{stroke-width:5;stroke-linecap:butt}
.gap circle{stroke:#fff;stroke-width:1.5}
.gap.aligned line{stroke:var(--aligned)}.gap.aligned circle{fill:var(--aligned)}
.gap.caution line{stroke:var(--caution)}.gap.caution circle{fill:var(--caution)}
.gap.conflict line{stroke:var(--conflict)}.gap.conflict circle{fill:var(--conflict)}
.gap.est line{stroke-dasharray:5 3}
.sc .ax{font-size:13px;fill:var(--muted)}.sc .val{font-size:13px;font-weight:600}
.sc .grid{stroke:var(--line)}.sc .base{stroke:var(--muted)}
.bar.good rect{fill:var(--aligned)}.bar.fair rect{fill:var(--caution)}.bar.poor rect{fill:var(--conflict)}
.bar.none .dash{stroke:var(--muted);stroke-width:2;stroke-dasharray:4 3}
table{width:100%;border-collapse:collapse;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{font-size:.8rem;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tbody.day tr:first-child td{border-top:1px solid var(--line)}
.sess{display:block}
.sess time{font-variant-numeric:tabular-nums;font-weight:600}
.sess time.notime{font-weight:400;font-style:italic;color:var(--muted)}
.facts{display:block;font-size:.8rem;color:var(--muted);margin-top:2px}
.findings{margin:0;padding:0;list-style:none}
ul.rules{list-style:none;margin:0;padding:0}
li.rule{border-left:4px solid var(--line);padding:4px 0 4px 12px;margin:0 0 12px}
li.rule.aligned{border-color:var(--aligned)}li.rule.caution{border-color:var(--caution)}li.rule.conflict{border-color:var(--conflict)}
li.rule .why{color:var(--muted);font-size:.9rem}
.evidence{background:var(--soft);border-radius:8px;padding:10px 14px;margin-top:10px}
.evidence ul{margin:6px 0 0;padding-left:20px}
.key{font-weight:600}
ul.warnings{margin:0;padding-left:20px}
ul.warnings code{word-break:break-all}
footer{font-size:.85rem;color:var(--muted);text-align:center;margin-top:8px}
dl.settings{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:.88rem}
dl.settings dt{color:var(--muted)}dl.settings dd{margin:0}
@media (max-width:640px){
 body{font-size:14px}
 main{padding:10px 8px 24px}
 section,header.top{padding:12px;border-radius:8px}
 h1{font-size:1.3rem}
 .score{flex:1 1 100%}
 .stats{grid-template-columns:1fr 1fr}
 .tl .lbl{font-size:24px}.tl .ax{font-size:21px}.tl .ax.nt{font-size:17px}
 .sc .ax,.sc .val{font-size:24px}
 .gap line{stroke-width:7}.gap circle{r:8px}
 table.cards thead{display:none}
 table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
 table.cards tr{border:1px solid var(--line);border-radius:8px;margin:0 0 10px;padding:4px 0}
 table.cards td{border:0;padding:3px 10px;text-align:left}
 table.cards td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted)}
 table.cards td.n{display:inline-block;width:auto;min-width:30%}
 table.cards td.inl{display:inline-block;width:auto;margin-right:14px}
 tbody.day tr:first-child td{border-top:0}
}
@media print{
 @page{margin:12mm}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 body{background:#fff;font-size:10pt}
 main{max-width:none;padding:0}
 nav{display:none}
 section,header.top{border:0;padding:0;margin:0 0 14pt;border-radius:0}
 section{break-inside:auto}
 h2{break-after:avoid;page-break-after:avoid}
 tr,li.rule{break-inside:avoid;page-break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
"#;

/// The page as it is written: each piece goes straight to the output (a buffered writer), so
/// that the page of a long history (38 MB at 1M set rows) is never held whole. The first error
/// writing it is kept and returned at the end; nothing is written after it.
struct Page<'w> {
    out: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl Page<'_> {
    fn push_str(&mut self, s: &str) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(s.as_bytes())
        {
            self.error = Some(e);
        }
    }

    fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    fn finish(self) -> std::io::Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl Write for Page<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// One self-contained HTML page. A review's page is the report of its week and the four before
/// it: the timeline shows them side by side.
pub struct Html;

impl super::Render for Html {
    fn report(&self, report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        write_html(report, out)
    }

    fn review(
        &self,
        _: &crate::review::Review,
        report: &Report,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        write_html(report, out)
    }
}

/// The whole report as one HTML document.
pub fn render_html(report: &Report) -> String {
    let mut bytes = Vec::new();
    write_html(report, &mut bytes).expect("writing into memory does not fail");
    String::from_utf8(bytes).expect("the page is built from strings")
}

/// The bytes of [`render_html`], written to `out` as the page is rendered (give it a buffered
/// writer: the page is written in many small pieces).
pub fn write_html(report: &Report, mut out: impl std::io::Write) -> std::io::Result<()> {
    let mut out = Page {
        out: &mut out,
        error: None,
    };
    let day_start =
        NaiveTime::parse_from_str(&report.settings.day_start, "%H:%M").unwrap_or(NaiveTime::MIN);
    let range = match (report.range.from, report.range.to) {
        (Some(from), Some(to)) => format!("{from} to {to}"),
        _ => "no sessions".to_string(),
    };

    w!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"generator\" content=\"concur {}\">\n\
         <title>concur report: {} goal, {}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        env!("CARGO_PKG_VERSION"),
        esc(report.goal),
        esc(&range),
        CSS.trim()
    );
    summary(&mut out, report, &range, day_start);
    timeline(&mut out, report, day_start);
    score_chart(&mut out, report);
    day_table(&mut out, report);
    week_table(&mut out, report);
    rules_fired(&mut out, report);
    warnings(&mut out, report);
    about(&mut out, report);
    out.push_str("</main>\n</body>\n</html>\n");
    out.finish()
}

/// The page's header: goal, guidance, range, the score box, the counts, the verdict bar and the
/// links to the sections.
fn summary(out: &mut Page<'_>, report: &Report, range: &str, day_start: NaiveTime) {
    let s = &report.summary;
    w!(
        out,
        "<header class=\"top\" id=\"summary\">\n<h1>concur report: {} goal</h1>\n\
         <p class=\"guidance\" id=\"guidance\">Guidance: <strong>{}</strong></p>\n\
         <p class=\"muted\" id=\"range\">{}, times in <span id=\"timezone\">{}</span>{}</p>\n",
        esc(report.goal),
        esc(report.guidance),
        esc(range),
        esc(&report.timezone),
        if day_start == NaiveTime::MIN {
            String::new()
        } else {
            format!(", days start at {}", esc(&report.settings.day_start))
        }
    );
    w!(
        out,
        "<div class=\"overview\">\n<div class=\"score {}\" id=\"score\" data-score=\"{}\">\
         <small>score</small><span class=\"big\">{}</span><small>{}</small></div>\n<dl class=\"stats\">\n",
        band(s.score),
        s.score.map(|x| format!("{x:.1}")).unwrap_or_default(),
        score_text(s.score),
        if s.score.is_some() {
            "out of 100: aligned 1, caution ½, conflict 0"
        } else {
            "no pairs to judge"
        }
    );
    training_stats(out, report);
    data_stats(out, report);
    out.push_str("</dl>\n</div>\n");
    verdict_bar(out, report);
    out.push_str(
        "<nav><a href=\"#timeline\">Timeline</a><a href=\"#scores\">Score by week</a>\
         <a href=\"#days\">Days</a><a href=\"#weeks\">Weeks</a><a href=\"#rules\">Rules</a>\
         <a href=\"#warnings\">Warnings</a><a href=\"#about\">Files and settings</a></nav>\n</header>\n",
    );
}

/// One count of the summary's `dl.stats`, with a line of detail under it unless that is empty.
fn stat(out: &mut Page<'_>, key: &str, label: &str, value: String, detail: String) {
    w!(
        out,
        "<div data-key=\"{key}\"><dt>{label}</dt><dd>{value}{}</dd></div>\n",
        if detail.is_empty() {
            String::new()
        } else {
            format!("<small>{detail}</small>")
        }
    );
}

/// The counts of the training: sessions, concurrent days, pairs, separate days.
fn training_stats(out: &mut Page<'_>, report: &Report) {
    let s = &report.summary;
    stat(
        out,
        "sessions",
        "Sessions",
        s.sessions.to_string(),
        format!(
            "{} strength · {} cardio · {} other",
            s.strength_sessions, s.cardio_sessions, s.other_sessions
        ),
    );
    stat(
        out,
        "concurrent_days",
        "Concurrent days",
        s.concurrent_days.to_string(),
        "days with a strength/cardio pair".into(),
    );
    stat(
        out,
        "pairs",
        "Pairs",
        s.pairs.to_string(),
        format!(
            "<span class=\"pill aligned\">{} aligned</span> <span class=\"pill caution\">{} caution</span> <span class=\"pill conflict\">{} conflict</span>",
            s.aligned, s.caution, s.conflict
        ),
    );
    stat(
        out,
        "separate_day_switches",
        "Separate days",
        s.separate_day_switches.to_string(),
        format!(
            "strength and cardio on different days, {} h or more apart: the best pattern (no pair)",
            report.settings.thresholds.separation_hours
        ),
    );
}

/// The counts of the data: rows skipped, duplicates merged, intensities assumed.
fn data_stats(out: &mut Page<'_>, report: &Report) {
    let s = &report.summary;
    stat(
        out,
        "skipped_rows",
        "Rows skipped",
        s.skipped_rows.to_string(),
        if s.skipped_rows > 0 {
            "see warnings".into()
        } else {
            String::new()
        },
    );
    stat(
        out,
        "merged_duplicates",
        "Duplicates merged",
        s.merged_duplicates.to_string(),
        "one activity recorded twice counts once".into(),
    );
    if s.assumed_intensity > 0 {
        stat(
            out,
            "assumed_intensity",
            "Intensity assumed",
            s.assumed_intensity.to_string(),
            "cardio without RPE, heart rate or telling words, judged as moderate".into(),
        );
    }
}

/// The pairs' verdicts as one bar, each verdict as wide as its share; nothing without pairs.
fn verdict_bar(out: &mut Page<'_>, report: &Report) {
    let s = &report.summary;
    if s.pairs == 0 {
        return;
    }
    out.push_str("<div class=\"vbar\" aria-hidden=\"true\">");
    for (n, v) in [
        (s.aligned, "aligned"),
        (s.caution, "caution"),
        (s.conflict, "conflict"),
    ] {
        if n > 0 {
            w!(
                out,
                "<span class=\"v-{v}\" style=\"width:{:.2}%\"></span>",
                100.0 * n as f64 / s.pairs as f64
            );
        }
    }
    out.push_str("</div>\n");
}

/// The Mondays of the report's weeks: the timeline draws exactly the weeks the week table lists.
fn mondays(report: &Report) -> Vec<NaiveDate> {
    report
        .weeks
        .iter()
        .filter_map(|w| {
            let (year, week) = w.week.split_once("-W")?;
            NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, chrono::Weekday::Mon)
        })
        .collect()
}

fn week_name(monday: NaiveDate) -> String {
    super::week_name(monday.iso_week())
}

fn hour_label(day_start: NaiveTime, hours: u32) -> String {
    let minutes = day_start.hour() * 60 + day_start.minute() + hours * 60;
    let (h, m) = ((minutes / 60) % 24, minutes % 60);
    let h = if h == 0 && hours == 24 && m == 0 {
        24
    } else {
        h
    };
    if m == 0 {
        h.to_string()
    } else {
        format!("{h}:{m:02}")
    }
}

/// What the timeline's weeks are drawn from, built once for all of them.
struct TimelineView<'r> {
    report: &'r Report,
    /// The marks of each row, by row date.
    rows: BTreeMap<NaiveDate, Vec<Mark<'r>>>,
    /// The report's day of each date that has one.
    days: BTreeMap<NaiveDate, &'r DayOut>,
    /// How many sessions each date has.
    per_date: BTreeMap<NaiveDate, usize>,
    /// Some session has no time of day: the rows get a "no time" column on the right.
    has_notime: bool,
    day_start: NaiveTime,
}

impl TimelineView<'_> {
    /// Where a minute from the start of a row is drawn.
    fn x(&self, min: f64) -> f64 {
        let notime = if self.has_notime { TL_NOTIME } else { 0.0 };
        let plot_w = TL_WIDTH - TL_LABEL - notime - TL_RIGHT;
        TL_LABEL + min.clamp(0.0, DAY) / DAY * plot_w
    }
}

/// The timeline: each week of the report as a chart, a row per day, hour by hour.
fn timeline(out: &mut Page<'_>, report: &Report, day_start: NaiveTime) {
    out.push_str("<section id=\"timeline\">\n<h2>Week by week, hour by hour</h2>\n");
    let has_notime = report.sessions.iter().any(|s| !s.time_known);
    timeline_legend(out, report, day_start, has_notime);

    let mut per_date: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for s in &report.sessions {
        *per_date.entry(s.date).or_default() += 1;
    }
    let view = TimelineView {
        report,
        rows: marks(report, day_start),
        days: report.days.iter().map(|d| (d.date, d)).collect(),
        per_date,
        has_notime,
        day_start,
    };
    let weeks: BTreeMap<&str, &WeekOut> =
        report.weeks.iter().map(|w| (w.week.as_str(), w)).collect();

    let mondays = mondays(report);
    if mondays.is_empty() {
        out.push_str("<p>No sessions to show.</p>\n");
    }
    for monday in mondays {
        let name = week_name(monday);
        week_caption(out, &view, monday, &name, weeks.get(name.as_str()).copied());
        let drawn = (0..7).any(|k| view.rows.contains_key(&(monday + Duration::days(k))));
        if drawn {
            week_svg(out, &view, monday);
        } else {
            out.push_str("<p class=\"note\">No sessions this week.</p>\n");
        }
        out.push_str("</figure>\n");
    }
    out.push_str("</section>\n");
}

/// What a row spans, and the key to the colours, heights and lines of the timeline.
fn timeline_legend(out: &mut Page<'_>, report: &Report, day_start: NaiveTime, has_notime: bool) {
    w!(
        out,
        "<p class=\"note\">Each row is a day, from {} to {} ({}). Each block is a session; each \
         pair's gap is drawn between its two sessions in the colour of its verdict.</p>\n",
        hour_label(day_start, 0),
        hour_label(day_start, 24),
        esc(&report.timezone)
    );
    out.push_str(
        "<ul class=\"legend\">\
         <li><i class=\"sw strength\"></i>strength</li>\
         <li><i class=\"sw cardio\"></i>cardio</li>\
         <li><i class=\"sw other\"></i>other</li>\
         <li><svg viewBox=\"0 0 40 14\" style=\"width:40px\" aria-hidden=\"true\">\
         <rect class=\"blk cardio i-easy\" x=\"1\" y=\"7\" width=\"10\" height=\"7\"/>\
         <rect class=\"blk cardio i-moderate\" x=\"14\" y=\"3.5\" width=\"10\" height=\"10.5\"/>\
         <rect class=\"blk cardio i-hard\" x=\"27\" y=\"0\" width=\"10\" height=\"14\"/></svg>\
         easy, moderate, hard (height and shade)</li>\
         <li><i class=\"sw dashed\"></i>cardio intensity not logged (judged moderate)</li>\
         <li><i class=\"sw line aligned\"></i>aligned</li>\
         <li><i class=\"sw line caution\"></i>caution</li>\
         <li><i class=\"sw line conflict\"></i>conflict gap</li>",
    );
    if has_notime {
        out.push_str("<li><i class=\"sw dashed\"></i>date only, no time: right column</li>");
    }
    out.push_str("</ul>\n");
}

/// A week's `figure` opened, with its caption: name, dates, sessions, and pairs and score if any.
fn week_caption(
    out: &mut Page<'_>,
    view: &TimelineView<'_>,
    monday: NaiveDate,
    name: &str,
    week: Option<&WeekOut>,
) {
    let sunday = monday + Duration::days(6);
    let sessions: usize = (0..7)
        .map(|k| {
            view.per_date
                .get(&(monday + Duration::days(k)))
                .copied()
                .unwrap_or(0)
        })
        .sum();
    w!(
        out,
        "<figure class=\"week\" id=\"week-{name}\" data-week=\"{name}\">\n<figcaption><h3>{name}</h3>\
         <span class=\"muted\">{} – {}</span><span class=\"muted\">{}",
        monday.format("%a %-d %b"),
        sunday.format("%a %-d %b %Y"),
        plural(sessions, "session")
    );
    if let Some(w) = week {
        let pairs = w.aligned + w.caution + w.conflict;
        if pairs > 0 {
            w!(
                out,
                ", {}, score {}",
                plural(pairs, "pair"),
                score_text(w.score)
            );
        }
    }
    out.push_str("</span></figcaption>\n");
}

/// One week's timeline as an SVG: the hour axis, then one row per day.
fn week_svg(out: &mut Page<'_>, view: &TimelineView<'_>, monday: NaiveDate) {
    let height = TL_AXIS + 7.0 * TL_ROW + 2.0;
    w!(
        out,
        "<svg class=\"tl\" viewBox=\"0 0 {TL_WIDTH} {height}\" role=\"img\" aria-label=\"{} by hour\">\n",
        week_name(monday)
    );
    let bottom = TL_AXIS + 7.0 * TL_ROW;
    hour_axis(out, view);
    for k in 0..7i64 {
        day_row(out, view, monday + Duration::days(k), k);
    }
    w!(
        out,
        "<line class=\"grid\" x1=\"0\" y1=\"{bottom:.1}\" x2=\"{TL_WIDTH}\" y2=\"{bottom:.1}\"/>\n</svg>\n"
    );
}

/// The hour labels above the rows, every three hours, and the "no time" column's label.
fn hour_axis(out: &mut Page<'_>, view: &TimelineView<'_>) {
    for k in 0..=8u32 {
        let gx = view.x(k as f64 * 180.0);
        let anchor = match k {
            0 => "start",
            8 => "end",
            _ => "middle",
        };
        w!(
            out,
            "<text class=\"ax\" x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>\n",
            TL_AXIS - 8.0,
            hour_label(view.day_start, k * 3)
        );
    }
    if view.has_notime {
        w!(
            out,
            "<text class=\"ax nt\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">no time</text>\n",
            TL_WIDTH - TL_RIGHT - TL_NOTIME / 2.0 + 4.0,
            TL_AXIS - 8.0
        );
    }
}

/// The row of one date, the `k`th of its week: background, sessions, and the gaps on top.
fn day_row(out: &mut Page<'_>, view: &TimelineView<'_>, date: NaiveDate, k: i64) {
    let y = TL_AXIS + k as f64 * TL_ROW;
    row_start(out, view, date, k, y);
    row_grid(out, view, y);
    let marks = view.rows.get(&date).map(Vec::as_slice).unwrap_or_default();
    row_blocks(out, view, marks, y);
    row_gaps(out, view, marks, y);
    out.push_str("</g>\n");
}

/// The row's `g` opened with its classes and data attributes, its background and its label.
fn row_start(out: &mut Page<'_>, view: &TimelineView<'_>, date: NaiveDate, k: i64, y: f64) {
    let report = view.report;
    let n = view.per_date.get(&date).copied().unwrap_or(0);
    let out_of_range =
        report.range.from.is_some_and(|f| date < f) || report.range.to.is_some_and(|t| date > t);
    let mut class = String::from("day");
    if k >= 5 {
        class.push_str(" weekend");
    }
    if n == 0 {
        class.push_str(" empty");
    }
    if out_of_range {
        class.push_str(" out");
    }
    w!(
        out,
        "<g class=\"{class}\" data-date=\"{date}\" data-sessions=\"{n}\""
    );
    if let Some(day) = view.days.get(&date) {
        w!(
            out,
            " data-order=\"{}\" data-verdict=\"{}\"",
            day.order.as_str(),
            day.verdict
        );
    }
    w!(
        out,
        ">\n<rect class=\"row\" x=\"0\" y=\"{y:.1}\" width=\"{TL_WIDTH}\" height=\"{TL_ROW}\"/>\n\
         <text class=\"lbl\" x=\"4\" y=\"{:.1}\">{}</text>\n",
        y + TL_ROW / 2.0 + 5.0,
        date.format("%a %-d")
    );
}

/// The row's hour lines and, if the timeline has one, its "no time" cell.
fn row_grid(out: &mut Page<'_>, view: &TimelineView<'_>, y: f64) {
    for h in 0..=8u32 {
        let gx = view.x(h as f64 * 180.0);
        w!(
            out,
            "<line class=\"grid\" x1=\"{gx:.1}\" y1=\"{y:.1}\" x2=\"{gx:.1}\" y2=\"{:.1}\"/>\n",
            y + TL_ROW
        );
    }
    if view.has_notime {
        w!(
            out,
            "<rect class=\"ntcol\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>\n",
            TL_WIDTH - TL_RIGHT - TL_NOTIME + 8.0,
            y + 1.0,
            TL_NOTIME - 8.0,
            TL_ROW - 2.0
        );
    }
}

/// The row's session blocks: timed ones at their hours, up to three without a time in the
/// "no time" cell and "+N" for the rest.
fn row_blocks(out: &mut Page<'_>, view: &TimelineView<'_>, marks: &[Mark<'_>], y: f64) {
    let block_bottom = y + TL_ROW - TL_FOOT;
    let mut notime_k = 0;
    for mark in marks {
        match *mark {
            Mark::Block {
                session,
                from,
                to,
                cont,
            } => {
                let s = &view.report.sessions[session];
                let h = TL_BLOCK * intensity_height(s.intensity);
                let (x0, x1) = (view.x(from), view.x(to));
                w!(
                    out,
                    "<rect class=\"blk {} {}{}\" data-session=\"{session}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" rx=\"2\"><title>{}</title></rect>\n",
                    s.modality,
                    intensity_class(s),
                    if cont { " cont" } else { "" },
                    block_bottom - h,
                    (x1 - x0).max(2.5),
                    block_title(s, cont)
                );
            }
            Mark::NoTime { session } => {
                let s = &view.report.sessions[session];
                let size = 16.0;
                let nx = TL_WIDTH - TL_RIGHT - TL_NOTIME + 12.0 + notime_k as f64 * 19.0;
                notime_k += 1;
                if notime_k > 3 {
                    continue;
                }
                w!(
                    out,
                    "<rect class=\"blk notime {} {}\" data-session=\"{session}\" x=\"{nx:.1}\" y=\"{:.1}\" width=\"{size}\" height=\"{size}\" rx=\"2\"><title>{}</title></rect>\n",
                    s.modality,
                    intensity_class(s),
                    block_bottom - size - 2.0,
                    block_title(s, false)
                );
            }
            Mark::Gap { .. } => {}
        }
    }
    if notime_k > 3 {
        w!(
            out,
            "<text class=\"ax\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">+{}</text>\n",
            TL_WIDTH - 2.0,
            y + 12.0,
            notime_k - 3
        );
    }
}

/// The row's pair gaps, drawn over the blocks: a line in the verdict's colour, with a dot on the
/// part where the gap begins.
fn row_gaps(out: &mut Page<'_>, view: &TimelineView<'_>, marks: &[Mark<'_>], y: f64) {
    let block_bottom = y + TL_ROW - TL_FOOT;
    for mark in marks {
        if let Mark::Gap {
            pair,
            date: pair_date,
            from,
            to,
            cont,
        } = *mark
        {
            let (x0, x1) = (view.x(from), view.x(to));
            let gy = block_bottom - 6.0;
            w!(
                out,
                "<g class=\"gap {}{}{}\" data-pair=\"{}-{}\" data-rule=\"{}\" data-verdict=\"{}\" data-date=\"{pair_date}\">\
                 <title>{}</title><line x1=\"{x0:.1}\" y1=\"{gy:.1}\" x2=\"{x1:.1}\" y2=\"{gy:.1}\"/>",
                pair.verdict,
                if cont { " gap-cont" } else { "" },
                if pair.gap_estimated { " est" } else { "" },
                pair.first_session,
                pair.second_session,
                esc(pair.rule),
                pair.verdict,
                pair_title(pair),
            );
            if !cont {
                w!(
                    out,
                    "<circle cx=\"{:.1}\" cy=\"{gy:.1}\" r=\"5\"/>",
                    (x0 + x1) / 2.0
                );
            }
            out.push_str("</g>\n");
        }
    }
}

fn block_title(s: &SessionOut, cont: bool) -> String {
    let (a, b) = (s.clock(), s.end_clock());
    let time = match s.time_known {
        true if s.estimated_end => format!("{a}–{b} (end estimated)"),
        true => format!("{a}–{b}"),
        false => "no time logged".to_string(),
    };
    let mut title = format!(
        "{}{} · {} · {} · {} min · {}",
        if cont { "continued: " } else { "" },
        s.date,
        time,
        esc(s.title.trim()),
        s.minutes.round(),
        s.modality,
    );
    if s.modality == Modality::Cardio || s.intensity != Intensity::Unknown {
        w!(title, ", {}", intensity_words(s));
    }
    if s.leg_day {
        title.push_str(", leg day");
    }
    title
}

fn pair_title(pair: &PairOut) -> String {
    format!(
        "{} {}: gap {}{} ({}), {}",
        pair.rule,
        pair.verdict,
        if pair.gap_estimated { "~" } else { "" },
        format_gap(pair.gap_minutes as f64),
        pair.gap_class.as_str(),
        esc(&pair.reason)
    )
}

/// Where the score chart draws: its slots, one per week, and its vertical scale.
struct ScoreScale {
    /// How many weeks.
    n: usize,
    slot: f64,
    bar_w: f64,
    plot_h: f64,
    /// The y of a score of 0.
    base: f64,
    /// A week name under every this many bars.
    label_every: usize,
}

impl ScoreScale {
    fn new(n: usize) -> Self {
        let plot_w = SC_WIDTH - SC_LEFT - 10.0;
        let plot_h = SC_HEIGHT - SC_TOP - SC_BOTTOM;
        let slot = plot_w / n as f64;
        ScoreScale {
            n,
            slot,
            bar_w: (slot * 0.66).min(64.0),
            plot_h,
            base: SC_TOP + plot_h,
            label_every: n.div_ceil(12),
        }
    }

    /// The y of a score.
    fn y(&self, score: f64) -> f64 {
        self.base - score.clamp(0.0, 100.0) / 100.0 * self.plot_h
    }
}

/// "Score by week": a bar per week, coloured by its band, a dashed stub where a week has no
/// score.
fn score_chart(out: &mut Page<'_>, report: &Report) {
    out.push_str("<section id=\"scores\">\n<h2>Score by week</h2>\n");
    if report.weeks.is_empty() {
        out.push_str("<p>No weeks in the range.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p class=\"note\">100 × the mean of the week's pairs (aligned 1, caution ½, conflict 0). \
         A week without pairs has no score: a gap, not 100.</p>\n",
    );
    let scale = ScoreScale::new(report.weeks.len());
    w!(
        out,
        "<svg class=\"sc\" viewBox=\"0 0 {SC_WIDTH} {SC_HEIGHT}\" role=\"img\" aria-label=\"score per week\">\n"
    );
    for s in [0.0, 50.0, 80.0, 100.0] {
        w!(
            out,
            "<line class=\"{}\" x1=\"{SC_LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>\
             <text class=\"ax\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{s}</text>\n",
            if s == 0.0 { "base" } else { "grid" },
            scale.y(s),
            SC_WIDTH - 10.0,
            scale.y(s),
            SC_LEFT - 8.0,
            scale.y(s) + 5.0
        );
    }
    for (k, w) in report.weeks.iter().enumerate() {
        score_bar(out, &scale, k, w);
    }
    out.push_str("</svg>\n</section>\n");
}

/// The `k`th week's bar with its tooltip, its value (when there are few bars) and its name.
fn score_bar(out: &mut Page<'_>, scale: &ScoreScale, k: usize, w: &WeekOut) {
    let cx = SC_LEFT + scale.slot * (k as f64 + 0.5);
    w!(
        out,
        "<g class=\"bar {}\" data-week=\"{}\" data-score=\"{}\"><title>{}{}: score {}, {} aligned, {} caution, {} conflict</title>",
        band(w.score),
        esc(&w.week),
        w.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
        esc(&w.week),
        if w.partial { " (part)" } else { "" },
        score_text(w.score),
        w.aligned,
        w.caution,
        w.conflict
    );
    let (n, bar_w, base) = (scale.n, scale.bar_w, scale.base);
    match w.score {
        Some(score) => {
            // A score of 0 still shows as a sliver, so it is not mistaken for a gap.
            let top = scale.y(score).min(base - 2.0);
            w!(
                out,
                "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" rx=\"2\"/>",
                cx - bar_w / 2.0,
                base - top
            );
            if n <= 16 {
                w!(
                    out,
                    "<text class=\"val\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{score:.0}</text>",
                    top - 6.0
                );
            }
        }
        None => {
            w!(
                out,
                "<line class=\"dash\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
                cx - bar_w / 2.0,
                base - 1.0,
                cx + bar_w / 2.0,
                base - 1.0
            );
            if n <= 16 {
                w!(
                    out,
                    "<text class=\"ax\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">–</text>",
                    base - 8.0
                );
            }
        }
    }
    if k.is_multiple_of(scale.label_every) {
        w!(
            out,
            "<text class=\"ax\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            base + 22.0,
            esc(w.week.get(5..).unwrap_or(&w.week))
        );
    }
    out.push_str("</g>\n");
}

fn facts_text(pair: &PairOut) -> String {
    let f = &pair.facts;
    let basis = match f.intensity_basis {
        IntensityBasis::Rpe => "from RPE",
        IntensityBasis::HeartRate => "from heart rate",
        IntensityBasis::Words => "from its name",
        IntensityBasis::Assumed => "not logged, judged as moderate",
    };
    format!(
        "cardio {} min ({}), {} ({basis}); {}",
        f.cardio_minutes.round(),
        f.cardio_length,
        f.cardio_intensity,
        if f.leg_day {
            "strength is a leg day"
        } else {
            "not a leg day"
        }
    )
}

fn day_table(out: &mut Page<'_>, report: &Report) {
    out.push_str("<section id=\"days\">\n<h2>Days with pairs</h2>\n");
    let concurrent: Vec<&DayOut> = report.days.iter().filter(|d| !d.pairs.is_empty()).collect();
    if concurrent.is_empty() {
        out.push_str(
            "<p>No day has strength and cardio close enough to judge their order.</p>\n</section>\n",
        );
        return;
    }
    out.push_str(
        "<table class=\"cards\">\n<thead><tr><th>Date</th><th>Sessions in order</th><th>Gap</th>\
         <th>Verdict</th><th>Rule</th><th>Reason</th></tr></thead>\n",
    );
    for day in &concurrent {
        w!(
            out,
            "<tbody class=\"day\" id=\"day-{0}\" data-day=\"{0}\">\n",
            day.date
        );
        for pair in &day.pairs {
            let first = &report.sessions[pair.first_session];
            let second = &report.sessions[pair.second_session];
            let why: &str = &pair.rule_reason;
            w!(
                out,
                "<tr class=\"pair {v}\" data-pair=\"{}-{}\" data-rule=\"{}\" data-verdict=\"{v}\" data-date=\"{}\">\
                 <td class=\"date\" data-label=\"Date\">{} <span class=\"muted\">{}</span></td>\
                 <td data-label=\"Sessions in order\">{}{}</td>\
                 <td class=\"inl\" data-label=\"Gap\">{}{} <span class=\"muted\">{}</span></td>\
                 <td class=\"inl\" data-label=\"Verdict\"><span class=\"pill {v}\">{v}</span></td>\
                 <td class=\"inl\" data-label=\"Rule\"><a href=\"#rule-{r}\">{r}</a></td>\
                 <td data-label=\"Reason\">{}<span class=\"facts\">{}</span></td></tr>\n",
                pair.first_session,
                pair.second_session,
                esc(pair.rule),
                day.date,
                day.date,
                day.date.format("%a"),
                session_html(first, pair.first_session),
                session_html(second, pair.second_session),
                if pair.gap_estimated { "~" } else { "" },
                format_gap(pair.gap_minutes as f64),
                pair.gap_class.as_str(),
                esc(why),
                esc(&facts_text(pair)),
                v = pair.verdict,
                r = esc(pair.rule),
            );
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
    let others = report.days.len() - concurrent.len();
    if others > 0 {
        w!(
            out,
            "<p class=\"note\">{} with sessions but no pair {} in the timeline above.</p>\n",
            plural(others, "other day"),
            if others == 1 { "is" } else { "are" }
        );
    }
    out.push_str("</section>\n");
}

fn week_table(out: &mut Page<'_>, report: &Report) {
    out.push_str("<section id=\"weeks\">\n<h2>Weeks</h2>\n");
    if report.weeks.is_empty() {
        out.push_str("<p>No weeks in the range.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"cards\">\n<thead><tr><th>Week</th><th class=\"n\">Strength</th>\
         <th class=\"n\">Cardio</th><th class=\"n\">Concurrent days</th><th class=\"n\">Aligned</th>\
         <th class=\"n\">Caution</th><th class=\"n\">Conflict</th><th class=\"n\">Score</th>\
         <th>Week rules</th></tr></thead>\n<tbody>\n",
    );
    for w in &report.weeks {
        w!(
            out,
            "<tr class=\"week\" data-week=\"{0}\" data-score=\"{1}\"><td class=\"wk\" data-label=\"Week\"><a href=\"#week-{0}\">{0}</a>{2}</td>",
            esc(&w.week),
            w.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            if w.partial {
                " <span class=\"muted\">(part)</span>"
            } else {
                ""
            }
        );
        for (label, n) in [
            ("Strength", w.strength_sessions),
            ("Cardio", w.cardio_sessions),
            ("Concurrent days", w.concurrent_days),
            ("Aligned", w.aligned),
            ("Caution", w.caution),
            ("Conflict", w.conflict),
        ] {
            w!(out, "<td class=\"n\" data-label=\"{label}\">{n}</td>");
        }
        w!(
            out,
            "<td class=\"n\" data-label=\"Score\">{}</td><td data-label=\"Week rules\">",
            score_text(w.score)
        );
        if w.findings.is_empty() {
            out.push('–');
        } else {
            out.push_str("<ul class=\"findings\">");
            for f in &w.findings {
                w!(
                    out,
                    "<li data-rule=\"{r}\" data-verdict=\"{v}\"><a href=\"#rule-{r}\">{r}</a> <span class=\"pill {v}\">{v}</span> {}</li>",
                    esc(f.reason),
                    r = esc(f.rule),
                    v = f.verdict
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if report.weeks.iter().any(|w| w.partial) {
        out.push_str(
            "<p class=\"note\">(part): the range covers only part of the week, so week rules are not applied to it.</p>\n",
        );
    }
    out.push_str("</section>\n");
}

fn rules_fired(out: &mut Page<'_>, report: &Report) {
    out.push_str("<section id=\"rules\">\n<h2>Rules that fired</h2>\n");
    let mut fired: BTreeMap<&str, usize> = BTreeMap::new();
    for pair in report.days.iter().flat_map(|d| &d.pairs) {
        *fired.entry(pair.rule).or_default() += 1;
    }
    for f in report.weeks.iter().flat_map(|w| &w.findings) {
        *fired.entry(f.rule).or_default() += 1;
    }
    let rule = |out: &mut Page<'_>,
                id: &str,
                verdict: Verdict,
                when: &str,
                reason: &str,
                why: &str,
                times: usize,
                unit: &str| {
        w!(
            out,
            "<li class=\"rule {v}\" id=\"rule-{id}\" data-rule-id=\"{id}\" data-verdict=\"{v}\" data-count=\"{times}\">\
             <p><span class=\"key\">{id}</span> <span class=\"pill {v}\">{v}</span> \
             <span class=\"muted\">{}</span></p><p><span class=\"muted\">When:</span> {}</p>\
             <p>{}</p><p class=\"why\">Why, with sources: {}</p></li>\n",
            plural(times, unit),
            with_code(when),
            esc(reason),
            esc(why),
            id = esc(id),
            v = verdict,
        );
    };
    if fired.is_empty() {
        out.push_str("<p>No rule fired: there were no pairs and no week findings.</p>\n");
    } else {
        out.push_str("<ul class=\"rules\">\n");
        for r in PAIR_RULES {
            if let Some(&n) = fired.get(r.id) {
                rule(out, r.id, r.verdict, r.when, r.reason, r.why, n, "pair");
            }
        }
        for r in WEEK_RULES {
            if let Some(&n) = fired.get(r.id) {
                rule(out, r.id, r.verdict, r.when, r.reason, r.why, n, "week");
            }
        }
        out.push_str("</ul>\n");
    }
    out.push_str(
        "<div class=\"evidence\" id=\"evidence\"><p><strong>A conflict means “likely costs some \
         adaptation”, not “kills gains”.</strong> What the evidence does and does not say:</p>\n<ul>\n",
    );
    for note in EVIDENCE_NOTES {
        w!(out, "<li>{}</li>\n", with_code(note));
    }
    out.push_str(
        "</ul>\n<p class=\"note\"><code>concur rules</code> prints every rule with its source.</p></div>\n</section>\n",
    );
}

fn warnings(out: &mut Page<'_>, report: &Report) {
    w!(
        out,
        "<section id=\"warnings\">\n<h2>Warnings <span class=\"muted\">({})</span></h2>\n",
        report.warnings.len()
    );
    if report.warnings.is_empty() {
        out.push_str("<p>None: every row was used and nothing had to be assumed.</p>\n");
    } else {
        out.push_str("<ul class=\"warnings\">\n");
        for warning in &report.warnings {
            out.push_str("<li>");
            match (&warning.file, warning.line) {
                (Some(f), Some(l)) => w!(out, "<code>{}:{l}</code>: ", esc(f)),
                (Some(f), None) => w!(out, "<code>{}</code>: ", esc(f)),
                _ => {}
            }
            w!(out, "{}</li>\n", esc(&warning.message));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn about(out: &mut Page<'_>, report: &Report) {
    let t = &report.settings.thresholds;
    out.push_str("<section id=\"about\">\n<h2>Files and settings</h2>\n<dl class=\"settings\">\n");
    for f in &report.files {
        w!(
            out,
            "<dt>file</dt><dd><code>{}</code> read as {}</dd>\n",
            esc(&f.file),
            esc(f.format)
        );
    }
    w!(
        out,
        "<dt>day start</dt><dd>{}</dd>\n<dt>max heart rate</dt><dd>{}</dd>\n\
         <dt>gap classes</dt><dd>back-to-back ≤ {} min, separated ≥ {} h</dd>\n\
         <dt>cardio length</dt><dd>cool-down ≤ {} min, warm-up ≤ {} min, long &gt; {} min</dd>\n\
         <dt>intensity</dt><dd>RPE moderate from {}, hard from {}; heart rate moderate from {}%, hard from {}% of max</dd>\n",
        esc(&report.settings.day_start),
        report
            .settings
            .max_hr
            .map_or_else(|| "none".to_string(), |hr| format!("{hr} bpm")),
        t.back_to_back_minutes,
        t.separation_hours,
        t.cool_down_minutes,
        t.warm_up_minutes,
        t.long_minutes,
        t.rpe_moderate,
        t.rpe_hard,
        t.hr_moderate_pct,
        t.hr_hard_pct
    );
    w!(
        out,
        "</dl>\n</section>\n<footer>Made by concur {} (report schema {}). The same report as JSON: <code>--format json</code>.</footer>\n",
        env!("CARGO_PKG_VERSION"),
        report.schema
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A writer that takes `room` bytes, then fails.
    struct Full {
        taken: Vec<u8>,
        room: usize,
        calls_after_full: usize,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.taken.len() >= self.room {
                self.calls_after_full += 1;
                return Err(std::io::Error::other("disk full"));
            }
            let n = buf.len().min(self.room - self.taken.len());
            self.taken.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The page reaches the output whole and in order; the first write error is returned at
    /// the end, and nothing more is tried after it.
    #[test]
    fn the_page_stops_at_the_first_write_error() {
        let line = |i: usize| format!("<p>line {i} é</p>\n");
        let whole: String = (0..20_000).map(line).collect();
        let mut sink = Full {
            taken: Vec::new(),
            room: usize::MAX,
            calls_after_full: 0,
        };
        let mut page = Page {
            out: &mut sink,
            error: None,
        };
        for i in 0..20_000 {
            w!(page, "{}", line(i));
        }
        page.finish().unwrap();
        assert_eq!(String::from_utf8(sink.taken).unwrap(), whole);

        let mut full = Full {
            taken: Vec::new(),
            room: 1000,
            calls_after_full: 0,
        };
        let mut page = Page {
            out: &mut full,
            error: None,
        };
        for i in 0..20_000 {
            page.push_str(&line(i));
        }
        let error = page.finish().unwrap_err();
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(full.taken.len(), 1000);
        assert_eq!(full.calls_after_full, 1, "no write after the first error");
    }

    #[test]
    fn escaping_covers_markup_and_both_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#).to_string(),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(esc("Laufen – 5 km").to_string(), "Laufen – 5 km");
        assert_eq!(
            with_code("gap is `separated` <b>"),
            "gap is <code>separated</code> &lt;b&gt;"
        );
    }

    #[test]
    fn a_span_past_midnight_goes_on_in_the_next_row() {
        let d = date("2024-06-03");
        assert_eq!(split_rows(d, 600.0, 660.0), vec![(d, 600.0, 660.0, true)]);
        assert_eq!(
            split_rows(d, 1380.0, 1500.0),
            vec![
                (d, 1380.0, 1440.0, true),
                (date("2024-06-04"), 0.0, 60.0, false)
            ]
        );
        // A gap that starts exactly at midnight lies wholly in the next row.
        assert_eq!(
            split_rows(d, 1440.0, 1560.0),
            vec![(date("2024-06-04"), 0.0, 120.0, true)]
        );
        // A session ending at midnight stays in its row.
        assert_eq!(split_rows(d, 1380.0, 1440.0).len(), 1);
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn minutes_count_from_the_day_start_on_the_wall_clock() {
        let d = date("2024-03-05");
        assert_eq!(
            minutes_into(&at("2024-03-05T17:30:00+01:00"), d, NaiveTime::MIN),
            Some(1050.0)
        );
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        assert_eq!(
            minutes_into(&at("2024-03-06T01:30:00+01:00"), d, four),
            Some(21.5 * 60.0)
        );
        assert_eq!(hour_label(four, 0), "4");
        assert_eq!(hour_label(four, 24), "4");
        assert_eq!(hour_label(NaiveTime::MIN, 24), "24");
    }
}
