//! The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched
//! (a Content-Security-Policy says so to the browser too). It is built from the same [`Report`]
//! as the JSON with maud's `html!`: text spliced in with `(expr)` is escaped by its type, and
//! only markup made here ([`Markup`], or the CSS as [`PreEscaped`]) goes in as it is. The page
//! is made in pieces (the head, each week of the timeline, each day and week of the tables, each
//! warning), each written out as soon as it is made, so a long history's page is never held
//! whole.
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
use maud::{Markup, PreEscaped, Render, html};

use super::{DayOut, PairOut, Report, SessionOut, WeekOut, format_gap, score_text};
use crate::analysis::rules::EVIDENCE_NOTES;
use crate::analysis::rules::{PAIR_RULES, WEEK_RULES, fill};
use crate::model::{Intensity, IntensityBasis, Modality, Verdict};

/// Text escaped for HTML content and for attribute values in double or single quotes: maud's
/// own escaping plus `'` (a file name is shown so, and may be quoted either way).
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

/// Spliced into `html!` as it is: its `Display` is the escaped text.
impl Render for Esc<'_> {
    fn render_to(&self, buffer: &mut String) {
        let _ = write!(buffer, "{self}");
    }
}

/// Escapes `text` for HTML, lazily (splice it into `html!` or use it inside `write!`).
pub fn esc(text: &str) -> Esc<'_> {
    Esc(text)
}

/// A number with one decimal, as the SVG's coordinates are written.
struct F1(f64);

impl Render for F1 {
    fn render_to(&self, buffer: &mut String) {
        let _ = write!(buffer, "{:.1}", self.0);
    }
}

/// Text with `backticked` words as `<code>`, escaped (the rule tables write value names so).
fn with_code(text: &str) -> Markup {
    html! {
        @for (k, part) in text.split('`').enumerate() {
            @if k % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
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
fn session_html(s: &SessionOut, index: usize) -> Markup {
    html! {
        span class="sess" data-session=(index) {
            i class=(format!("sw {} {}", s.modality, intensity_class(s))) {}
            @match hhmm(s) {
                Some(t) => { time { (t) } " " }
                None => { time class="notime" { "no time" } " " }
            }
            (s.modality) " " b { (s.title.trim()) } " "
            @if s.estimated_end { "~" }
            (s.minutes.round()) " min"
            @if s.modality == Modality::Cardio && s.intensity != Intensity::Unknown {
                ", " (s.intensity)
            }
            @if s.leg_day { ", leg day" }
        }
    }
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
    /// Markup written as it is: a literal tag that opens or closes what is written in pieces.
    fn push_str(&mut self, s: &str) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(s.as_bytes())
        {
            self.error = Some(e);
        }
    }

    /// A piece of the page made by `html!`.
    fn put(&mut self, piece: Markup) {
        self.push_str(&piece.0);
    }

    fn finish(self) -> std::io::Result<()> {
        self.error.map_or(Ok(()), Err)
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

    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n");
    out.put(head(report, &range));
    out.push_str("\n<body>\n<main>\n");
    out.put(summary(report, &range, day_start));
    if report.detail_from().is_some() {
        out.put(months(report));
    }
    timeline(&mut out, report, day_start);
    out.put(score_chart(report));
    day_table(&mut out, report);
    week_table(&mut out, report);
    out.put(rules_fired(report));
    warnings(&mut out, report);
    out.put(about(report));
    out.push_str("</main>\n</body>\n</html>\n");
    out.finish()
}

/// The page's `head`: the policy that nothing is loaded or run, the title and the CSS.
fn head(report: &Report, range: &str) -> Markup {
    html! {
        head {
            "\n" meta charset="utf-8";
            "\n" meta name="viewport" content="width=device-width, initial-scale=1";
            "\n" meta http-equiv="Content-Security-Policy"
                content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
            "\n" meta name="generator" content=(concat!("concur ", env!("CARGO_PKG_VERSION")));
            "\n" title { (report.title()) ": " (report.goal) " goal, " (range) }
            "\n" style { (PreEscaped(CSS.trim())) }
            "\n"
        }
    }
}

/// The page's header: goal, guidance, range, the score box, the counts, the verdict bar and the
/// links to the sections.
fn summary(report: &Report, range: &str, day_start: NaiveTime) -> Markup {
    let s = &report.summary;
    html! {
        header class="top" id="summary" {
            "\n" h1 { (report.title()) ": " (report.goal) " goal" }
            "\n" p class="guidance" id="guidance" { "Guidance: " strong { (report.guidance) } }
            "\n" p class="muted" id="range" {
                (range) ", times in " span id="timezone" { (report.timezone) }
                @if day_start != NaiveTime::MIN { ", days start at " (report.settings.day_start) }
            }
            "\n" div class="overview" {
                "\n" div class=(format!("score {}", band(s.score))) id="score"
                    data-score=(s.score.map(|x| format!("{x:.1}")).unwrap_or_default()) {
                    small { "score" } span class="big" { (score_text(s.score)) }
                    small {
                        @if s.score.is_some() { "out of 100: aligned 1, caution ½, conflict 0" }
                        @else { "no pairs to judge" }
                    }
                }
                "\n" dl class="stats" { "\n" (training_stats(report)) (data_stats(report)) }
                "\n"
            }
            "\n" (verdict_bar(report))
            nav {
                a href="#timeline" { "Timeline" } a href="#scores" { "Score by week" }
                a href="#days" { "Days" } a href="#weeks" { "Weeks" } a href="#rules" { "Rules" }
                a href="#warnings" { "Warnings" } a href="#about" { "Files and settings" }
            }
            "\n"
        }
        "\n"
    }
}

/// One count of the summary's `dl.stats`, with a line of detail under it unless that is empty.
fn stat(key: &str, label: &str, value: usize, detail: Markup) -> Markup {
    html! {
        div data-key=(key) {
            dt { (label) }
            dd { (value) @if !detail.0.is_empty() { small { (detail) } } }
        }
        "\n"
    }
}

/// The counts of the training: sessions, concurrent days, pairs, separate days.
fn training_stats(report: &Report) -> Markup {
    let s = &report.summary;
    let by_modality = format!(
        "{} strength · {} cardio · {} other",
        s.strength_sessions, s.cardio_sessions, s.other_sessions
    );
    let pills = html! {
        span class="pill aligned" { (s.aligned) " aligned" } " "
        span class="pill caution" { (s.caution) " caution" } " "
        span class="pill conflict" { (s.conflict) " conflict" }
    };
    let apart = format!(
        "weeks of the {} with both in which they were never on the same day: the best pattern (no pair)",
        s.weeks_with_both
    );
    html! {
        (stat("sessions", "Sessions", s.sessions, html! { (by_modality) }))
        (stat("concurrent_days", "Concurrent days", s.concurrent_days,
            html! { "days with a strength/cardio pair" }))
        (stat("pairs", "Pairs", s.pairs, pills))
        (stat("separate_day_weeks", "Separate days", s.separate_day_weeks, html! { (apart) }))
    }
}

/// The counts of the data: rows skipped, duplicates merged, intensities assumed.
fn data_stats(report: &Report) -> Markup {
    let s = &report.summary;
    html! {
        (stat("skipped_rows", "Rows skipped", s.skipped_rows,
            html! { @if s.skipped_rows > 0 { "see warnings" } }))
        (stat("merged_duplicates", "Duplicates merged", s.merged_duplicates,
            html! { "one activity recorded twice counts once" }))
        @if s.assumed_intensity > 0 {
            (stat("assumed_intensity", "Intensity assumed", s.assumed_intensity,
                html! { "cardio without RPE, heart rate or telling words, judged as moderate" }))
        }
    }
}

/// The pairs' verdicts as one bar, each verdict as wide as its share; nothing without pairs.
fn verdict_bar(report: &Report) -> Markup {
    let s = &report.summary;
    let shares = [
        (s.aligned, "aligned"),
        (s.caution, "caution"),
        (s.conflict, "conflict"),
    ];
    html! {
        @if s.pairs > 0 {
            div class="vbar" aria-hidden="true" {
                @for (n, v) in shares {
                    @if n > 0 {
                        span class=(format!("v-{v}"))
                            style=(format!("width:{:.2}%", 100.0 * n as f64 / s.pairs as f64)) {}
                    }
                }
            }
            "\n"
        }
    }
}

/// The Mondays of the report's weeks: the timeline draws exactly the weeks the week table lists.
fn mondays(report: &Report) -> Vec<NaiveDate> {
    report.weeks.iter().filter_map(WeekOut::monday).collect()
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

/// The timeline: each week of the report as a chart, a row per day, hour by hour. Each week is
/// made and written on its own.
fn timeline(out: &mut Page<'_>, report: &Report, day_start: NaiveTime) {
    out.push_str("<section id=\"timeline\">\n");
    let has_notime = report.sessions.iter().any(|s| !s.time_known);
    out.put(html! {
        h2 { "Week by week, hour by hour" } "\n"
        (timeline_legend(report, day_start, has_notime))
    });

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
        out.put(html! { p { "No sessions to show." } "\n" });
    }
    // A long history: the weeks before the last few folded, still on the page (no script).
    let detail = report.detail_from().unwrap_or(NaiveDate::MIN);
    let earlier = mondays.iter().filter(|m| **m < detail).count();
    if earlier > 0 {
        // Opened here, closed after the last folded week: the weeks are written one by one.
        out.push_str("<details class=\"earlier\">");
        out.put(html! { summary { "The " (earlier) " weeks before " (detail) } });
        out.push_str("\n");
    }
    for (k, monday) in mondays.into_iter().enumerate() {
        if earlier > 0 && k == earlier {
            out.push_str("</details>\n");
        }
        let name = week_name(monday);
        let drawn = (0..7).any(|k| view.rows.contains_key(&(monday + Duration::days(k))));
        out.put(html! {
            figure class="week" id={ "week-" (name) } data-week=(name) {
                "\n" (week_caption(&view, monday, &name, weeks.get(name.as_str()).copied()))
                "\n"
                @if drawn { (week_svg(&view, monday)) }
                @else { p class="note" { "No sessions this week." } "\n" }
            }
            "\n"
        });
    }
    out.push_str("</section>\n");
}

/// The whole history month by month, above the timeline of a long report.
fn months(report: &Report) -> Markup {
    html! {
        section id="months" {
            "\n" h2 { "Month by month" } "\n"
            table {
                thead { tr { th { "Month" } th { "Strength" } th { "Cardio" } th { "Aligned" }
                    th { "Caution" } th { "Conflict" } th { "Score" } } }
                tbody {
                    @for m in report.months() {
                        tr data-month=(m.month) {
                            td { (m.month) } td { (m.strength_sessions) } td { (m.cardio_sessions) }
                            td { (m.aligned) } td { (m.caution) } td { (m.conflict) }
                            td { (score_text(m.score)) }
                        } "\n"
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

/// What a row spans, and the key to the colours, heights and lines of the timeline.
fn timeline_legend(report: &Report, day_start: NaiveTime, has_notime: bool) -> Markup {
    html! {
        p class="note" {
            "Each row is a day, from " (hour_label(day_start, 0)) " to " (hour_label(day_start, 24))
            " (" (report.timezone) "). Each block is a session; each pair's gap is drawn between \
             its two sessions in the colour of its verdict."
        }
        "\n"
        ul class="legend" {
            li { i class="sw strength" {} "strength" }
            li { i class="sw cardio" {} "cardio" }
            li { i class="sw other" {} "other" }
            li {
                svg viewBox="0 0 40 14" style="width:40px" aria-hidden="true" {
                    rect class="blk cardio i-easy" x="1" y="7" width="10" height="7" {}
                    rect class="blk cardio i-moderate" x="14" y="3.5" width="10" height="10.5" {}
                    rect class="blk cardio i-hard" x="27" y="0" width="10" height="14" {}
                }
                "easy, moderate, hard (height and shade)"
            }
            li { i class="sw dashed" {} "cardio intensity not logged (judged moderate)" }
            li { i class="sw line aligned" {} "aligned" }
            li { i class="sw line caution" {} "caution" }
            li { i class="sw line conflict" {} "conflict gap" }
            @if has_notime { li { i class="sw dashed" {} "date only, no time: right column" } }
        }
        "\n"
    }
}

/// A week's caption: name, dates, sessions, and pairs and score if any.
fn week_caption(
    view: &TimelineView<'_>,
    monday: NaiveDate,
    name: &str,
    week: Option<&WeekOut>,
) -> Markup {
    let sunday = monday + Duration::days(6);
    let sessions: usize = (0..7)
        .map(|k| {
            view.per_date
                .get(&(monday + Duration::days(k)))
                .copied()
                .unwrap_or(0)
        })
        .sum();
    let pairs = week.map_or(0, |w| w.aligned + w.caution + w.conflict);
    html! {
        figcaption {
            h3 { (name) }
            span class="muted" {
                (monday.format("%a %-d %b")) " – " (sunday.format("%a %-d %b %Y"))
            }
            span class="muted" {
                (plural(sessions, "session"))
                @if let Some(w) = week.filter(|_| pairs > 0) {
                    ", " (plural(pairs, "pair")) ", score " (score_text(w.score))
                }
            }
        }
    }
}

/// One week's timeline as an SVG: the hour axis, then one row per day.
fn week_svg(view: &TimelineView<'_>, monday: NaiveDate) -> Markup {
    let height = TL_AXIS + 7.0 * TL_ROW + 2.0;
    let bottom = TL_AXIS + 7.0 * TL_ROW;
    html! {
        svg class="tl" viewBox=(format!("0 0 {TL_WIDTH} {height}")) role="img"
            aria-label=(format!("{} by hour", week_name(monday))) {
            "\n" (hour_axis(view))
            @for k in 0..7i64 { (day_row(view, monday + Duration::days(k), k)) }
            line class="grid" x1="0" y1=(F1(bottom)) x2=(TL_WIDTH) y2=(F1(bottom)) {}
            "\n"
        }
        "\n"
    }
}

/// The hour labels above the rows, every three hours, and the "no time" column's label.
fn hour_axis(view: &TimelineView<'_>) -> Markup {
    let anchor = |k: u32| match k {
        0 => "start",
        8 => "end",
        _ => "middle",
    };
    html! {
        @for k in 0..=8u32 {
            text class="ax" x=(F1(view.x(k as f64 * 180.0))) y=(F1(TL_AXIS - 8.0))
                text-anchor=(anchor(k)) { (hour_label(view.day_start, k * 3)) }
            "\n"
        }
        @if view.has_notime {
            text class="ax nt" x=(F1(TL_WIDTH - TL_RIGHT - TL_NOTIME / 2.0 + 4.0))
                y=(F1(TL_AXIS - 8.0)) text-anchor="middle" { "no time" }
            "\n"
        }
    }
}

/// The row of one date, the `k`th of its week: background, label, hour lines, sessions, and the
/// gaps on top, with its classes and data attributes.
fn day_row(view: &TimelineView<'_>, date: NaiveDate, k: i64) -> Markup {
    let report = view.report;
    let y = TL_AXIS + k as f64 * TL_ROW;
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
    let day = view.days.get(&date);
    let marks = view.rows.get(&date).map(Vec::as_slice).unwrap_or_default();
    html! {
        g class=(class) data-date=(date) data-sessions=(n)
            data-order=[day.map(|d| d.order.as_str())]
            data-verdict=[day.map(|d| d.verdict.to_string())] {
            "\n" rect class="row" x="0" y=(F1(y)) width=(TL_WIDTH) height=(TL_ROW) {}
            "\n" text class="lbl" x="4" y=(F1(y + TL_ROW / 2.0 + 5.0)) { (date.format("%a %-d")) }
            "\n" (row_grid(view, y))
            (row_blocks(view, marks, y))
            (row_gaps(view, marks, y))
        }
        "\n"
    }
}

/// The row's hour lines and, if the timeline has one, its "no time" cell.
fn row_grid(view: &TimelineView<'_>, y: f64) -> Markup {
    html! {
        @for h in 0..=8u32 {
            @let gx = F1(view.x(h as f64 * 180.0));
            line class="grid" x1=(gx) y1=(F1(y)) x2=(gx) y2=(F1(y + TL_ROW)) {}
            "\n"
        }
        @if view.has_notime {
            rect class="ntcol" x=(F1(TL_WIDTH - TL_RIGHT - TL_NOTIME + 8.0)) y=(F1(y + 1.0))
                width=(F1(TL_NOTIME - 8.0)) height=(F1(TL_ROW - 2.0)) {}
            "\n"
        }
    }
}

/// The row's session blocks: timed ones at their hours, up to three without a time in the
/// "no time" cell and "+N" for the rest.
fn row_blocks(view: &TimelineView<'_>, marks: &[Mark<'_>], y: f64) -> Markup {
    let block_bottom = y + TL_ROW - TL_FOOT;
    let mut notime = Vec::new();
    let mut blocks = String::new();
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
                let class = format!(
                    "blk {} {}{}",
                    s.modality,
                    intensity_class(s),
                    if cont { " cont" } else { "" }
                );
                html! {
                    rect class=(class) data-session=(session) x=(F1(x0)) y=(F1(block_bottom - h))
                        width=(F1((x1 - x0).max(2.5))) height=(F1(h)) rx="2" {
                        title { (block_title(s, cont)) }
                    }
                    "\n"
                }
                .render_to(&mut blocks);
            }
            Mark::NoTime { session } => notime.push(session),
            Mark::Gap { .. } => {}
        }
    }
    let size = 16.0;
    html! {
        (PreEscaped(blocks))
        @for (k, &session) in notime.iter().take(3).enumerate() {
            @let s = &view.report.sessions[session];
            rect class=(format!("blk notime {} {}", s.modality, intensity_class(s)))
                data-session=(session)
                x=(F1(TL_WIDTH - TL_RIGHT - TL_NOTIME + 12.0 + k as f64 * 19.0))
                y=(F1(block_bottom - size - 2.0)) width=(size) height=(size) rx="2" {
                title { (block_title(s, false)) }
            }
            "\n"
        }
        @if notime.len() > 3 {
            text class="ax" x=(F1(TL_WIDTH - 2.0)) y=(F1(y + 12.0)) text-anchor="end" {
                "+" (notime.len() - 3)
            }
            "\n"
        }
    }
}

/// The row's pair gaps, drawn over the blocks: a line in the verdict's colour, with a dot on the
/// part where the gap begins.
fn row_gaps(view: &TimelineView<'_>, marks: &[Mark<'_>], y: f64) -> Markup {
    let gy = F1(y + TL_ROW - TL_FOOT - 6.0);
    html! {
        @for mark in marks {
            @if let Mark::Gap { pair, date, from, to, cont } = *mark {
                @let (x0, x1) = (view.x(from), view.x(to));
                @let class = format!(
                    "gap {}{}{}",
                    pair.verdict,
                    if cont { " gap-cont" } else { "" },
                    if pair.gap_estimated { " est" } else { "" }
                );
                g class=(class) data-pair=(format!("{}-{}", pair.first_session, pair.second_session))
                    data-rule=(pair.rule) data-verdict=(pair.verdict) data-date=(date) {
                    title { (pair_title(pair)) }
                    line x1=(F1(x0)) y1=(gy) x2=(F1(x1)) y2=(gy) {}
                    @if !cont { circle cx=(F1((x0 + x1) / 2.0)) cy=(gy) r="5" {} }
                }
                "\n"
            }
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
        s.title.trim(),
        s.minutes.round(),
        s.modality,
    );
    if s.modality == Modality::Cardio || s.intensity != Intensity::Unknown {
        title.push_str(", ");
        title.push_str(&intensity_words(s));
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
        pair.reason
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
fn score_chart(report: &Report) -> Markup {
    let scale = ScoreScale::new(report.weeks.len());
    html! {
        section id="scores" {
            "\n" h2 { "Score by week" } "\n"
            @if report.weeks.is_empty() {
                p { "No weeks in the range." } "\n"
            } @else {
                p class="note" {
                    "100 × the mean of the week's pairs (aligned 1, caution ½, conflict 0). \
                     A week without pairs has no score: a gap, not 100."
                }
                "\n"
                svg class="sc" viewBox=(format!("0 0 {SC_WIDTH} {SC_HEIGHT}")) role="img"
                    aria-label="score per week" {
                    "\n"
                    @for s in [0.0, 50.0, 80.0, 100.0] {
                        line class=(if s == 0.0 { "base" } else { "grid" }) x1=(SC_LEFT)
                            y1=(F1(scale.y(s))) x2=(F1(SC_WIDTH - 10.0)) y2=(F1(scale.y(s))) {}
                        text class="ax" x=(F1(SC_LEFT - 8.0)) y=(F1(scale.y(s) + 5.0))
                            text-anchor="end" { (s) }
                        "\n"
                    }
                    @for (k, w) in report.weeks.iter().enumerate() { (score_bar(&scale, k, w)) }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The `k`th week's bar with its tooltip, its value (when there are few bars) and its name.
fn score_bar(scale: &ScoreScale, k: usize, w: &WeekOut) -> Markup {
    let cx = SC_LEFT + scale.slot * (k as f64 + 0.5);
    let (n, bar_w, base) = (scale.n, scale.bar_w, scale.base);
    let tooltip = format!(
        "{}{}: score {}, {} aligned, {} caution, {} conflict",
        w.week,
        if w.partial { " (part)" } else { "" },
        score_text(w.score),
        w.aligned,
        w.caution,
        w.conflict
    );
    html! {
        g class=(format!("bar {}", band(w.score))) data-week=(w.week)
            data-score=(w.score.map(|s| format!("{s:.1}")).unwrap_or_default()) {
            title { (tooltip) }
            @match w.score {
                Some(score) => {
                    // A score of 0 still shows as a sliver, so it is not mistaken for a gap.
                    @let top = scale.y(score).min(base - 2.0);
                    rect x=(F1(cx - bar_w / 2.0)) y=(F1(top)) width=(F1(bar_w))
                        height=(F1(base - top)) rx="2" {}
                    @if n <= 16 {
                        text class="val" x=(F1(cx)) y=(F1(top - 6.0)) text-anchor="middle" {
                            (format!("{score:.0}"))
                        }
                    }
                }
                None => {
                    line class="dash" x1=(F1(cx - bar_w / 2.0)) y1=(F1(base - 1.0))
                        x2=(F1(cx + bar_w / 2.0)) y2=(F1(base - 1.0)) {}
                    @if n <= 16 {
                        text class="ax" x=(F1(cx)) y=(F1(base - 8.0)) text-anchor="middle" { "–" }
                    }
                }
            }
            @if k.is_multiple_of(scale.label_every) {
                text class="ax" x=(F1(cx)) y=(F1(base + 22.0)) text-anchor="middle" {
                    (w.week.get(5..).unwrap_or(&w.week))
                }
            }
        }
        "\n"
    }
}

fn facts_text(pair: &PairOut) -> String {
    let f = &pair.facts;
    format!(
        "cardio {} min ({}), {} ({}); {}",
        f.cardio_minutes.round(),
        f.cardio_length,
        f.cardio_intensity,
        f.intensity_basis.words(),
        if f.leg_day {
            "strength is a leg day"
        } else {
            "not a leg day"
        }
    )
}

/// "Days with pairs": a `tbody` per day, each made and written on its own.
fn day_table(out: &mut Page<'_>, report: &Report) {
    out.push_str("<section id=\"days\">\n");
    out.put(html! { h2 { "Days with pairs" } "\n" });
    let concurrent: Vec<&DayOut> = report.days.iter().filter(|d| !d.pairs.is_empty()).collect();
    if concurrent.is_empty() {
        out.put(html! {
            p { "No day has strength and cardio close enough to judge their order." } "\n"
        });
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<table class=\"cards\">\n");
    out.put(html! {
        thead { tr {
            th { "Date" } th { "Sessions in order" } th { "Gap" }
            th { "Verdict" } th { "Rule" } th { "Reason" }
        } }
        "\n"
    });
    for day in &concurrent {
        out.put(html! {
            tbody class="day" id={ "day-" (day.date) } data-day=(day.date) {
                "\n"
                @for pair in &day.pairs { (pair_row(report, day, pair)) }
            }
            "\n"
        });
    }
    out.push_str("</table>\n");
    let others = report.days.len() - concurrent.len();
    out.put(html! {
        @if others > 0 {
            p class="note" {
                (plural(others, "other day")) " with sessions but no pair "
                (if others == 1 { "is" } else { "are" }) " in the timeline above."
            }
            "\n"
        }
    });
    out.push_str("</section>\n");
}

/// A pair's row of the day table.
fn pair_row(report: &Report, day: &DayOut, pair: &PairOut) -> Markup {
    let first = &report.sessions[pair.first_session];
    let second = &report.sessions[pair.second_session];
    let v = pair.verdict;
    html! {
        tr class=(format!("pair {v}"))
            data-pair=(format!("{}-{}", pair.first_session, pair.second_session))
            data-rule=(pair.rule) data-verdict=(v) data-date=(day.date) {
            td class="date" data-label="Date" {
                (day.date) " " span class="muted" { (day.date.format("%a")) }
            }
            td data-label="Sessions in order" {
                (session_html(first, pair.first_session))
                (session_html(second, pair.second_session))
            }
            td class="inl" data-label="Gap" {
                @if pair.gap_estimated { "~" }
                (format_gap(pair.gap_minutes as f64)) " "
                span class="muted" { (pair.gap_class.as_str()) }
            }
            td class="inl" data-label="Verdict" { span class=(format!("pill {v}")) { (v) } }
            td class="inl" data-label="Rule" { a href={ "#rule-" (pair.rule) } { (pair.rule) } }
            td data-label="Reason" {
                (pair.rule_reason) span class="facts" { (facts_text(pair)) }
            }
        }
        "\n"
    }
}

/// "Weeks": a row per week, each made and written on its own.
fn week_table(out: &mut Page<'_>, report: &Report) {
    out.push_str("<section id=\"weeks\">\n");
    out.put(html! { h2 { "Weeks" } "\n" });
    if report.weeks.is_empty() {
        out.put(html! { p { "No weeks in the range." } "\n" });
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<table class=\"cards\">\n");
    out.put(html! {
        thead { tr {
            th { "Week" } th class="n" { "Strength" } th class="n" { "Cardio" }
            th class="n" { "Concurrent days" } th class="n" { "Aligned" }
            th class="n" { "Caution" } th class="n" { "Conflict" } th class="n" { "Score" }
            th { "Week rules" }
        } }
        "\n"
    });
    out.push_str("<tbody>\n");
    for w in &report.weeks {
        out.put(week_row(w));
    }
    out.push_str("</tbody>\n</table>\n");
    out.put(html! {
        @if report.weeks.iter().any(|w| w.partial) {
            p class="note" {
                "(part): the range covers only part of the week, so week rules are not applied to it."
            }
            "\n"
        }
    });
    out.push_str("</section>\n");
}

/// A week's row of the week table: its counts, score and the week rules that fired.
fn week_row(w: &WeekOut) -> Markup {
    let counts = [
        ("Strength", w.strength_sessions),
        ("Cardio", w.cardio_sessions),
        ("Concurrent days", w.concurrent_days),
        ("Aligned", w.aligned),
        ("Caution", w.caution),
        ("Conflict", w.conflict),
    ];
    html! {
        tr class="week" data-week=(w.week)
            data-score=(w.score.map(|s| format!("{s:.1}")).unwrap_or_default()) {
            td class="wk" data-label="Week" {
                a href={ "#week-" (w.week) } { (w.week) }
                @if w.partial { " " span class="muted" { "(part)" } }
            }
            @for (label, n) in counts { td class="n" data-label=(label) { (n) } }
            td class="n" data-label="Score" { (score_text(w.score)) }
            td data-label="Week rules" {
                @if w.findings.is_empty() { "–" } @else {
                    ul class="findings" {
                        @for f in &w.findings {
                            li data-rule=(f.rule) data-verdict=(f.verdict) {
                                a href={ "#rule-" (f.rule) } { (f.rule) } " "
                                span class=(format!("pill {}", f.verdict)) { (f.verdict) } " "
                                (f.reason)
                            }
                        }
                    }
                }
            }
        }
        "\n"
    }
}

/// A fired rule of "Rules that fired": its verdict, how often it fired, when, why.
struct Fired<'a> {
    id: &'a str,
    verdict: Verdict,
    /// The rule's texts with the thresholds in force filled in.
    when: String,
    reason: String,
    why: String,
    times: usize,
    unit: &'a str,
}

impl Render for Fired<'_> {
    fn render_to(&self, buffer: &mut String) {
        let v = self.verdict;
        html! {
            li class=(format!("rule {v}")) id={ "rule-" (self.id) } data-rule-id=(self.id)
                data-verdict=(v) data-count=(self.times) {
                p {
                    span class="key" { (self.id) } " " span class=(format!("pill {v}")) { (v) } " "
                    span class="muted" { (plural(self.times, self.unit)) }
                }
                p { span class="muted" { "When:" } " " (with_code(&self.when)) }
                p { (self.reason) }
                p class="why" { "Why, with sources: " (self.why) }
            }
            "\n"
        }
        .render_to(buffer);
    }
}

fn rules_fired(report: &Report) -> Markup {
    let mut fired: BTreeMap<&str, usize> = BTreeMap::new();
    for pair in report.days.iter().flat_map(|d| &d.pairs) {
        *fired.entry(pair.rule).or_default() += 1;
    }
    for f in report.weeks.iter().flat_map(|w| &w.findings) {
        *fired.entry(f.rule).or_default() += 1;
    }
    let pair_rules = PAIR_RULES
        .iter()
        .map(|r| (r.id, r.verdict, r.when, r.reason, r.why, "pair"));
    let week_rules = WEEK_RULES
        .iter()
        .map(|r| (r.id, r.verdict, r.when, r.reason, r.why, "week"));
    let list: Vec<Fired> = pair_rules
        .chain(week_rules)
        .filter_map(|(id, verdict, when, reason, why, unit)| {
            let times = *fired.get(id)?;
            let t = &report.settings.thresholds;
            Some(Fired {
                id,
                verdict,
                when: fill(when, t),
                reason: fill(reason, t),
                why: fill(why, t),
                times,
                unit,
            })
        })
        .collect();
    html! {
        section id="rules" {
            "\n" h2 { "Rules that fired" } "\n"
            @if list.is_empty() {
                p { "No rule fired: there were no pairs and no week findings." } "\n"
            } @else {
                ul class="rules" { "\n" @for rule in &list { (rule) } } "\n"
            }
            div class="evidence" id="evidence" {
                p {
                    strong { "A conflict means “likely costs some adaptation”, not “kills gains”." }
                    " What the evidence does and does not say:"
                }
                "\n"
                ul { "\n" @for note in EVIDENCE_NOTES { li { (with_code(note)) } "\n" } }
                "\n"
                p class="note" { code { "concur rules" } " prints every rule with its source." }
            }
            "\n"
        }
        "\n"
    }
}

/// "Warnings": each warning made and written on its own (a messy export can have many).
fn warnings(out: &mut Page<'_>, report: &Report) {
    out.push_str("<section id=\"warnings\">\n");
    out.put(html! {
        h2 { "Warnings " span class="muted" { "(" (report.warnings.len()) ")" } } "\n"
        @if report.warnings.is_empty() {
            p { "None: every row was used and nothing had to be assumed." } "\n"
        }
    });
    if report.warnings.is_empty() {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<ul class=\"warnings\">\n");
    for warning in &report.warnings {
        out.put(html! {
            li {
                @match (&warning.file, warning.line) {
                    (Some(f), Some(l)) => { code { (esc(f)) ":" (l) } ": " }
                    (Some(f), None) => { code { (esc(f)) } ": " }
                    _ => {}
                }
                (warning.message)
            }
            "\n"
        });
    }
    out.push_str("</ul>\n</section>\n");
}

fn about(report: &Report) -> Markup {
    let t = &report.settings.thresholds;
    let max_hr = report
        .settings
        .max_hr
        .map_or_else(|| "none".to_string(), |hr| format!("{hr} bpm"));
    html! {
        section id="about" {
            "\n" h2 { "Files and settings" } "\n"
            dl class="settings" {
                "\n"
                @for f in &report.files {
                    dt { "file" } dd { code { (esc(&f.file)) } " read as " (f.format) } "\n"
                }
                dt { "day start" } dd { (report.settings.day_start) } "\n"
                dt { "max heart rate" } dd { (max_hr) } "\n"
                dt { "gap classes" }
                dd { "back-to-back ≤ " (t.back_to_back_minutes) " min, separated ≥ " (t.separation_hours) " h" } "\n"
                dt { "cardio length" }
                dd {
                    "cool-down ≤ " (t.cool_down_minutes) " min, warm-up ≤ " (t.warm_up_minutes)
                    " min, long > " (t.long_minutes) " min"
                }
                "\n"
                dt { "intensity" }
                dd {
                    "RPE moderate from " (t.rpe_moderate) ", hard from " (t.rpe_hard)
                    "; heart rate moderate from " (t.hr_moderate_pct) "%, hard from "
                    (t.hr_hard_pct) "% of max"
                }
                "\n"
            }
            "\n"
        }
        "\n"
        footer {
            "Made by concur " (env!("CARGO_PKG_VERSION")) " (report schema " (report.schema)
            "). The same report as JSON: " code { "--format json" } "."
        }
        "\n"
    }
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
            page.push_str(&line(i));
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
            with_code("gap is `separated` <b>").into_string(),
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
