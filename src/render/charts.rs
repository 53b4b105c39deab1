//! Pictures drawn as inline SVG: a space's composition as one stacked bar, and timelines.
//!
//! The SVG text is written here by hand, so that the page stays self-contained: no crate,
//! no script, no font, no image and no link to anything outside the picture.
//!
//! Decisions a caller relies on:
//! - **Ids.** Each picture's ids (`<title>`, fill patterns) start with
//!   `obert-composition-XXXXXXXX` or `obert-timeline-XXXXXXXX`, where `XXXXXXXX` is an FNV-1a
//!   hash of everything drawn (alt text included). Pictures that differ in anything get
//!   different ids; two identical pictures share ids, which is harmless because each id then
//!   names identical content.
//! - **Clamping.** A timeline's `end` before its `start` is swapped. A span is clipped to the
//!   range and drawn if any part of it lies inside; a point outside the range, or a span
//!   wholly outside it, is skipped: drawing it at the edge would show a wrong date.
//! - **Determinism.** The same input gives the same bytes; numbers have at most 1 decimal.
//! - **Text.** Labels are escaped for XML, characters XML cannot carry are dropped, runs of
//!   white space become one space. Labels that are too long end in `…`, with the full label
//!   in a `<title>` for hover.

use std::fmt::Write as _;

use crate::model::Date;

/// One bar segment of a space's composition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub label: String,
    pub government: bool,
    pub count: usize,
}

/// A timeline from `start` to `end` (both included), one row per lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub start: Date,
    pub end: Date,
    pub lanes: Vec<Lane>,
}

/// One row of a timeline: a label on the left and its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub label: String,
    pub marks: Vec<Mark>,
}

/// Something that happened on a day (a meeting, a milestone) or over days (a phase).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Point {
        date: Date,
        label: String,
    },
    Span {
        start: Date,
        end: Date,
        label: String,
    },
}

const INK: &str = "#1a1a1a";
// Government dark, civil society light: the two stay apart when printed in greyscale.
const GOVERNMENT: [&str; 3] = ["#1d3f6e", "#4b3a6b", "#2f5233"];
const CIVIL_SOCIETY: [&str; 5] = ["#f2c14e", "#9ed0e6", "#f4a3a8", "#b8e0b0", "#d9c2e9"];
// 8×8 hatches over the second and later segments of a side, since light colours alone look
// alike in greyscale: diagonal, horizontal, back diagonal, grid, vertical.
const HATCHES: [&str; 5] = [
    "M-2,2l4,-4M0,8l8,-8M6,10l4,-4",
    "M0,4h8",
    "M-2,6l4,4M0,0l8,8M6,-2l4,4",
    "M0,4h8M4,0v8",
    "M4,0v8",
];

// Composition layout, in viewBox units: narrow, so that it still reads on a phone.
const BAR_VIEW_W: f64 = 480.0;
const BAR_X: f64 = 8.0;
const BAR_W: f64 = 464.0;
const BAR_Y: f64 = 8.0;
const BAR_H: f64 = 40.0;
const LEGEND_Y: f64 = 60.0;
const LEGEND_ROW: f64 = 22.0;
const LEGEND_CHARS: usize = 48;
const LEGEND_FONT: &str = r#"font-size="14""#;

/// A space's composition: segments in the order given (the caller sorts government first,
/// then the civil-society sectors), drawn as one horizontal stacked bar with a legend of
/// `label (count)` below. Zero-count segments are left out; when nothing is left, the
/// picture is an empty dashed bar reading `0`, which needs no words in any language.
pub fn composition_svg(segments: &[Segment], alt: &str) -> String {
    let mut key = Key::new(alt);
    for s in segments {
        key.add(&s.label);
        key.add(if s.government { "g" } else { "c" });
        key.add(&s.count.to_string());
    }
    let id = key.id("obert-composition");
    let shown: Vec<&Segment> = segments.iter().filter(|s| s.count > 0).collect();
    if shown.is_empty() {
        let mut svg = open(&id, BAR_VIEW_W, BAR_Y * 2.0 + BAR_H, alt);
        let _ = writeln!(
            svg,
            r##"<rect x="{BAR_X}" y="{BAR_Y}" width="{BAR_W}" height="{BAR_H}" fill="none" stroke="#777" stroke-dasharray="4 4"/>"##
        );
        let (x, y) = (BAR_X + BAR_W / 2.0, BAR_Y + 26.0);
        text(
            &mut svg,
            x,
            y,
            r#"font-size="16" text-anchor="middle""#,
            "0",
            None,
        );
        return close(svg);
    }
    let total: f64 = shown.iter().map(|s| s.count as f64).sum();
    let height = LEGEND_Y + shown.len() as f64 * LEGEND_ROW;
    let mut svg = open(&id, BAR_VIEW_W, height, alt);

    // Each segment's fill, shared by its bar part and its legend swatch.
    let mut nth = [0_usize; 2];
    let mut defs = String::new();
    let fills: Vec<(String, &str)> = (shown.iter().enumerate())
        .map(|(i, s)| {
            let side = usize::from(s.government);
            let k = nth[side];
            nth[side] += 1;
            let (colour, hatch_ink) = if s.government {
                (GOVERNMENT[k % GOVERNMENT.len()], "#ffffff")
            } else {
                (CIVIL_SOCIETY[k % CIVIL_SOCIETY.len()], "#333333")
            };
            if k == 0 {
                return (colour.to_string(), colour);
            }
            let _ = writeln!(
                defs,
                r#"<pattern id="{id}-s{i}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{colour}"/><path d="{}" stroke="{hatch_ink}" stroke-opacity="0.7" stroke-width="1.5"/></pattern>"#,
                HATCHES[(k - 1) % HATCHES.len()]
            );
            (format!("url(#{id}-s{i})"), colour)
        })
        .collect();
    if !defs.is_empty() {
        let _ = write!(svg, "<defs>\n{defs}</defs>\n");
    }

    let mut running = 0.0;
    for (i, (s, (fill, colour))) in shown.iter().zip(&fills).enumerate() {
        let x0 = BAR_X + running / total * BAR_W;
        running += s.count as f64;
        let x1 = BAR_X + running / total * BAR_W;
        let count = s.count.to_string();
        let legend = format!("{} ({count})", tidy(&s.label));
        // A white edge keeps neighbours of similar lightness apart.
        let _ = writeln!(
            svg,
            r##"<rect x="{}" y="{BAR_Y}" width="{}" height="{BAR_H}" fill="{fill}" stroke="#fff"><title>{}</title></rect>"##,
            num(x0),
            num(x1 - x0),
            esc(&legend)
        );
        // Bold digits are about 9 units wide at this size; leave a margin on both sides.
        if x1 - x0 >= count.len() as f64 * 9.0 + 8.0 {
            let text_fill = if s.government { "#fff" } else { INK };
            let style = format!(
                r#"font-size="14" font-weight="bold" text-anchor="middle" fill="{text_fill}" stroke="{colour}" stroke-width="3" paint-order="stroke""#
            );
            let (x, y) = ((x0 + x1) / 2.0, BAR_Y + BAR_H / 2.0 + 5.0);
            text(&mut svg, x, y, &style, &count, None);
        }
        let y = LEGEND_Y + i as f64 * LEGEND_ROW;
        let _ = writeln!(
            svg,
            r##"<rect x="{BAR_X}" y="{}" width="14" height="14" fill="{fill}" stroke="#555" stroke-width="0.5"/>"##,
            num(y)
        );
        let (short, cut) = truncate(&tidy(&s.label), LEGEND_CHARS);
        let full = cut.then_some(legend.as_str());
        let shown_text = format!("{short} ({count})");
        text(
            &mut svg,
            BAR_X + 22.0,
            y + 12.0,
            LEGEND_FONT,
            &shown_text,
            full,
        );
    }
    close(svg)
}

// Timeline layout, in viewBox units: lane labels on the left, the plot on the right.
const LINE_VIEW_W: f64 = 640.0;
const LABEL_X: f64 = 8.0;
const LABEL_CHARS: usize = 24;
const LABEL_FONT: &str = r#"font-size="13""#;
const YEAR_FONT: &str = r#"font-size="12""#;
const PLOT_X0: f64 = 180.0;
const PLOT_X1: f64 = 624.0;
const AXIS_Y: f64 = 24.0;
const LANES_Y: f64 = 32.0;
const LANE_H: f64 = 28.0;
/// Under about three years, months get ticks too.
const MONTH_TICKS_BELOW_DAYS: i64 = 3 * 365 + 1;
const MAX_YEAR_LABELS: i64 = 10;

/// A timeline: one row (lane) per entry (a space's meetings as points, an online phase or a
/// commitment's implementation period as a span, a commitment's milestones as points),
/// with year/month ticks along the top axis between `start` and `end`. See the module
/// documentation for how marks outside the range are handled.
pub fn timeline_svg(timeline: &Timeline, alt: &str) -> String {
    let (start, end) = (
        timeline.start.min(timeline.end),
        timeline.start.max(timeline.end),
    );
    let mut key = Key::new(alt);
    key.add(&start.to_string());
    key.add(&end.to_string());
    for lane in &timeline.lanes {
        key.add(&lane.label);
        for mark in &lane.marks {
            match mark {
                Mark::Point { date, label } => key.add(&format!("p{date}{label}")),
                Mark::Span { start, end, label } => key.add(&format!("s{start}{end}{label}")),
            }
        }
    }
    let id = key.id("obert-timeline");
    let axis = Axis { start, end };
    let bottom = LANES_Y + timeline.lanes.len() as f64 * LANE_H;
    let mut svg = open(&id, LINE_VIEW_W, bottom + 8.0, alt);

    // Every other lane shaded, so that the eye can follow a row across, on paper too.
    for i in (0..timeline.lanes.len()).step_by(2) {
        let y = LANES_Y + i as f64 * LANE_H;
        let _ = writeln!(
            svg,
            r##"<rect x="0" y="{}" width="{LINE_VIEW_W}" height="{LANE_H}" fill="#f2f2f2"/>"##,
            num(y)
        );
    }
    let years = axis.year_ticks();
    for (date, x) in &years {
        line(&mut svg, (*x, AXIS_Y - 6.0), (*x, bottom), "#bbb");
        let style = format!(r#"{YEAR_FONT} text-anchor="middle""#);
        text(
            &mut svg,
            *x,
            AXIS_Y - 9.0,
            &style,
            &date.year().to_string(),
            None,
        );
    }
    // When the range does not open on a 1 January, its first year is named at the left
    // edge, unless a year label sits so close that the two would overlap.
    let first_tick = years.first().map_or(f64::INFINITY, |(_, x)| *x);
    if years.first().map(|(d, _)| *d) != Some(start) && first_tick - PLOT_X0 >= 40.0 {
        let year = start.year().to_string();
        text(&mut svg, PLOT_X0, AXIS_Y - 9.0, YEAR_FONT, &year, None);
    }
    for x in axis.month_ticks() {
        line(&mut svg, (x, AXIS_Y - 4.0), (x, AXIS_Y), "#777");
    }
    line(&mut svg, (PLOT_X0, AXIS_Y), (PLOT_X1, AXIS_Y), "#555");

    for (i, lane) in timeline.lanes.iter().enumerate() {
        let middle = LANES_Y + i as f64 * LANE_H + LANE_H / 2.0;
        let full = tidy(&lane.label);
        let (short, cut) = truncate(&full, LABEL_CHARS);
        let hover = cut.then_some(full.as_str());
        text(&mut svg, LABEL_X, middle + 4.5, LABEL_FONT, &short, hover);
        // Spans first, so that points on the same day stay visible on top of them.
        for mark in &lane.marks {
            let Mark::Span { start, end, label } = mark else {
                continue;
            };
            let (first, last) = ((*start).min(*end), (*start).max(*end));
            let Some((x0, x1)) = axis.clip(first, last) else {
                continue;
            };
            let _ = writeln!(
                svg,
                r##"<rect x="{}" y="{}" width="{}" height="12" rx="4" fill="#9ec5e8" stroke="#1d3f6e"><title>{}</title></rect>"##,
                num(x0),
                num(middle - 6.0),
                // A one-day span still shows as a sliver.
                num((x1 - x0).max(3.0)),
                esc(&hover_text(label, &format!("{first} – {last}")))
            );
        }
        for mark in &lane.marks {
            let Mark::Point { date, label } = mark else {
                continue;
            };
            let Some((x, _)) = axis.clip(*date, *date) else {
                continue;
            };
            let _ = writeln!(
                svg,
                r##"<circle cx="{}" cy="{}" r="5" fill="#1d3f6e" stroke="#fff" stroke-width="1.5"><title>{}</title></circle>"##,
                num(x),
                num(middle),
                esc(&hover_text(label, &date.to_string()))
            );
        }
    }
    close(svg)
}

/// The date range of a timeline mapped onto the plot's width.
struct Axis {
    start: Date,
    end: Date,
}

impl Axis {
    fn days(&self) -> i64 {
        self.end.days_since_epoch() - self.start.days_since_epoch()
    }

    fn x(&self, date: Date) -> f64 {
        let days = self.days();
        if days == 0 {
            // A one-day range: everything sits on the axis's only point.
            return PLOT_X0;
        }
        let from_start = date.days_since_epoch() - self.start.days_since_epoch();
        PLOT_X0 + from_start as f64 / days as f64 * (PLOT_X1 - PLOT_X0)
    }

    /// Where the dates `first..=last` lie on the plot, clipped to the range; `None` when
    /// they lie wholly outside it.
    fn clip(&self, first: Date, last: Date) -> Option<(f64, f64)> {
        if last < self.start || first > self.end {
            return None;
        }
        Some((self.x(first.max(self.start)), self.x(last.min(self.end))))
    }

    /// Each 1 January in the range, thinned to every 2nd, 5th, 10th… year on long ranges.
    fn year_ticks(&self) -> Vec<(Date, f64)> {
        let (first, last) = (i64::from(self.start.year()), i64::from(self.end.year()));
        let step = [1, 2, 5]
            .iter()
            .flat_map(|m| (0..12).map(move |p| m * 10_i64.pow(p)))
            .filter(|step| (last - first) / step < MAX_YEAR_LABELS)
            .min()
            .unwrap_or(i64::MAX);
        let mut ticks = Vec::new();
        let mut year = first.div_euclid(step) * step;
        while year <= last {
            let date = i32::try_from(year).ok().and_then(|y| Date::new(y, 1, 1));
            if let Some(date) = date.filter(|d| *d >= self.start && *d <= self.end) {
                ticks.push((date, self.x(date)));
            }
            year = year.saturating_add(step);
        }
        ticks
    }

    /// The first day of each month in the range except January (a year tick is there), on
    /// ranges short enough for months to be told apart.
    fn month_ticks(&self) -> Vec<f64> {
        if self.days() >= MONTH_TICKS_BELOW_DAYS {
            return Vec::new();
        }
        let index = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month()) - 1;
        (index(self.start)..=index(self.end))
            .filter(|i| i.rem_euclid(12) != 0)
            .filter_map(|i| {
                let year = i32::try_from(i.div_euclid(12)).ok()?;
                let month = u8::try_from(i.rem_euclid(12) + 1).ok()?;
                Date::new(year, month, 1)
            })
            .filter(|d| *d >= self.start && *d <= self.end)
            .map(|d| self.x(d))
            .collect()
    }
}

/// The hover text of a mark: its label and when.
fn hover_text(label: &str, when: &str) -> String {
    let label = tidy(label);
    if label.is_empty() {
        when.to_string()
    } else {
        format!("{label}: {when}")
    }
}

/// The opening of a picture, labelled by `alt` through its `<title>`.
fn open(id: &str, width: f64, height: f64, alt: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" \
         aria-labelledby=\"{id}-title\" font-family=\"system-ui, sans-serif\" fill=\"{INK}\">\n\
         <title id=\"{id}-title\">{}</title>\n",
        num(width),
        num(height),
        esc(&tidy(alt))
    )
}

/// A straight line from `a` to `b`.
fn line(svg: &mut String, a: (f64, f64), b: (f64, f64), stroke: &str) {
    let (x1, y1, x2, y2) = (num(a.0), num(a.1), num(b.0), num(b.1));
    let _ = writeln!(
        svg,
        r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{stroke}"/>"#
    );
}

fn close(mut svg: String) -> String {
    svg.push_str("</svg>");
    svg
}

/// A `<text>` at (x, y) with the given attributes, and a hover `<title>` when given.
fn text(svg: &mut String, x: f64, y: f64, attributes: &str, content: &str, hover: Option<&str>) {
    let hover = hover
        .map(|h| format!("<title>{}</title>", esc(h)))
        .unwrap_or_default();
    // Writing to a String cannot fail, here and everywhere in this module.
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" {attributes}>{}{hover}</text>"#,
        num(x),
        num(y),
        esc(content)
    );
}

/// A number with at most one decimal, and without a trailing `.0` or a `-0`.
fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let text = format!("{value:.1}");
    match text.strip_suffix(".0").unwrap_or(&text) {
        "-0" => "0".to_string(),
        short => short.to_string(),
    }
}

/// Text made safe for XML content and attribute values alike.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // XML 1.0 cannot carry these at all, not even escaped.
            '\u{0}'..='\u{8}'
            | '\u{B}'
            | '\u{C}'
            | '\u{E}'..='\u{1F}'
            | '\u{FFFE}'
            | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A label on one line: runs of white space (new lines included) become one space.
fn tidy(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, ending in `…` when cut; and whether it was cut.
fn truncate(text: &str, max: usize) -> (String, bool) {
    if text.chars().count() <= max {
        return (text.to_string(), false);
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    (format!("{}…", kept.trim_end()), true)
}

/// FNV-1a over the drawn content, for ids that differ between pictures but not between runs.
struct Key(u64);

impl Key {
    fn new(alt: &str) -> Self {
        let mut key = Key(0xcbf2_9ce4_8422_2325);
        key.add(alt);
        key
    }

    fn add(&mut self, part: &str) {
        // 0xff never occurs in UTF-8, so it separates parts unambiguously.
        for byte in part.bytes().chain([0xff]) {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn id(&self, prefix: &str) -> String {
        format!("{prefix}-{:08x}", (self.0 >> 32) ^ (self.0 & 0xffff_ffff))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("a real date")
    }

    fn segment(label: &str, government: bool, count: usize) -> Segment {
        let label = label.to_string();
        Segment {
            label,
            government,
            count,
        }
    }

    fn point(d: Date, label: &str) -> Mark {
        Mark::Point {
            date: d,
            label: label.to_string(),
        }
    }

    fn span(start: Date, end: Date, label: &str) -> Mark {
        Mark::Span {
            start,
            end,
            label: label.to_string(),
        }
    }

    fn lane(label: &str, marks: Vec<Mark>) -> Lane {
        Lane {
            label: label.to_string(),
            marks,
        }
    }

    fn forum() -> Vec<Segment> {
        vec![
            segment("Government", true, 5),
            segment("Non-governmental organisations", false, 2),
            segment("Academia", false, 2),
            segment("Media", false, 1),
        ]
    }

    fn plan_timeline() -> Timeline {
        Timeline {
            start: date(2024, 1, 1),
            end: date(2026, 6, 30),
            lanes: vec![
                lane(
                    "Multi-stakeholder forum",
                    vec![
                        point(date(2024, 2, 6), "Kick-off"),
                        point(date(2024, 5, 14), ""),
                    ],
                ),
                lane(
                    "Online consultation",
                    vec![span(date(2024, 3, 1), date(2024, 4, 15), "Ideas")],
                ),
                lane(
                    "1. Open contracting data for every municipality",
                    vec![
                        span(date(2024, 9, 1), date(2026, 6, 30), "Implementation"),
                        point(date(2025, 3, 31), "Data standard adopted"),
                    ],
                ),
            ],
        }
    }

    /// The tags this module writes; any other tag name means a label escaped its text.
    const TAGS: [&str; 9] = [
        "svg", "title", "defs", "pattern", "rect", "path", "circle", "text", "line",
    ];

    /// Text or attribute value: no markup, every `&` starts an entity, only XML characters.
    fn check_text(text: &str) {
        assert!(
            !text.contains(['<', '>', '"']),
            "unescaped markup in {text:?}"
        );
        for (at, _) in text.match_indices('&') {
            let rest = &text[at..];
            let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
            assert!(
                known.iter().any(|e| rest.starts_with(e)),
                "bare & in {text:?}"
            );
        }
        let bad = [
            '\u{0}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ];
        assert!(
            !text.contains(bad),
            "character XML cannot carry in {text:?}"
        );
    }

    /// A small well-formedness check: one `<svg>` root, balanced known tags, quoted and
    /// escaped attributes, escaped text.
    fn assert_well_formed(svg: &str) {
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
        let mut stack: Vec<&str> = Vec::new();
        let mut roots = 0;
        let mut rest = svg;
        while let Some(open) = rest.find('<') {
            let before = &rest[..open];
            assert!(
                !stack.is_empty() || before.trim().is_empty(),
                "text outside the root"
            );
            check_text(before);
            let (tag, after) = rest[open + 1..].split_once('>').expect("an unclosed tag");
            rest = after;
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
                continue;
            }
            let body = tag.strip_suffix('/').unwrap_or(tag);
            let (name, mut attributes) = body.split_once(' ').unwrap_or((body, ""));
            assert!(TAGS.contains(&name), "unexpected tag <{name}>");
            while !attributes.trim().is_empty() {
                let (key, value) = attributes.trim_start().split_once("=\"").expect("key=\"");
                assert!(
                    key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "{key}"
                );
                let (value, more) = value.split_once('"').expect("a closing quote");
                check_text(value);
                attributes = more;
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        check_text(rest);
        assert!(
            stack.is_empty() && rest.is_empty() && roots == 1,
            "unbalanced: {stack:?}"
        );
    }

    #[test]
    fn labels_come_out_as_text() {
        let evil = "<script>alert('x & \"y\"')</script>";
        let bar = composition_svg(&[segment(evil, false, 3)], evil);
        let timeline = Timeline {
            start: date(2024, 1, 1),
            end: date(2024, 12, 31),
            lanes: vec![lane(evil, vec![point(date(2024, 5, 1), evil)])],
        };
        let line = timeline_svg(&timeline, evil);
        for svg in [&bar, &line] {
            assert_well_formed(svg);
            assert!(!svg.contains("<script"), "{svg}");
            assert!(
                svg.contains("&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)"),
                "{svg}"
            );
        }
        let nul = composition_svg(&[segment("a\u{0}b\u{FFFF}c", true, 1)], "t\u{1B}");
        assert!(
            nul.contains("abc (1)") && nul.contains(">t</title>"),
            "{nul}"
        );
    }

    #[test]
    fn same_input_same_bytes_and_distinct_ids() {
        assert_eq!(
            composition_svg(&forum(), "Forum"),
            composition_svg(&forum(), "Forum")
        );
        assert_eq!(
            timeline_svg(&plan_timeline(), "Plan"),
            timeline_svg(&plan_timeline(), "Plan")
        );
        let id = |svg: &str| {
            svg.split("aria-labelledby=\"")
                .nth(1)
                .map(|s| s[..27].to_string())
        };
        let other = composition_svg(&forum()[..2], "Forum");
        assert_ne!(id(&composition_svg(&forum(), "Forum")), id(&other));
        assert_ne!(
            id(&composition_svg(&forum(), "Forum")),
            id(&composition_svg(&forum(), "F"))
        );
    }

    #[test]
    fn zero_counts_are_left_out() {
        let svg = composition_svg(&[segment("Gov", true, 2), segment("Unions", false, 0)], "x");
        assert_well_formed(&svg);
        assert!(svg.contains("Gov (2)") && !svg.contains("Unions"), "{svg}");
        for empty in [vec![segment("Unions", false, 0)], vec![]] {
            let svg = composition_svg(&empty, "Nobody yet");
            assert_well_formed(&svg);
            assert!(
                svg.contains(">Nobody yet</title>") && !svg.contains("Unions"),
                "{svg}"
            );
            assert!(svg.contains(">0</text>"), "{svg}");
        }
    }

    #[test]
    fn marks_are_clipped_or_skipped() {
        let timeline = Timeline {
            start: date(2024, 1, 1),
            end: date(2024, 12, 31),
            lanes: vec![lane(
                "Forum",
                vec![
                    span(date(2023, 6, 1), date(2024, 6, 30), "Early"),
                    span(date(2024, 7, 1), date(2025, 3, 1), "Late"),
                    span(date(2025, 1, 1), date(2025, 2, 1), "After"),
                    point(date(2023, 12, 31), "Before"),
                ],
            )],
        };
        let svg = timeline_svg(&timeline, "t");
        assert_well_formed(&svg);
        assert!(
            svg.contains(r#"<rect x="180" y="40""#),
            "clipped at the start: {svg}"
        );
        let late = svg
            .lines()
            .find(|l| l.contains("Late"))
            .expect("the late span");
        let x_and_width: Vec<f64> = (late.split('"').skip(1).step_by(2).take(3))
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(
            (x_and_width[0] + x_and_width[2] - PLOT_X1).abs() <= 0.1,
            "{late}"
        );
        assert!(!svg.contains("After") && !svg.contains("Before"), "{svg}");
        // A reversed range is the same picture as the ordered one.
        let mut reversed = timeline.clone();
        (reversed.start, reversed.end) = (timeline.end, timeline.start);
        assert_eq!(timeline_svg(&reversed, "t"), svg);
        let day = Timeline {
            start: date(2024, 5, 1),
            end: date(2024, 5, 1),
            ..timeline
        };
        let svg = timeline_svg(&day, "t");
        assert_well_formed(&svg);
        assert!(svg.contains("Early") && !svg.contains("Late"), "{svg}");
    }

    #[test]
    fn long_lane_labels_are_cut_with_the_full_label_on_hover() {
        let svg = timeline_svg(&plan_timeline(), "Plan");
        let full = "<title>1. Open contracting data for every municipality</title>";
        assert!(
            svg.contains(&format!(">1. Open contracting dat…{full}</text>")),
            "{svg}"
        );
        assert!(
            svg.contains(">Online consultation</text>"),
            "not cut, no title: {svg}"
        );
    }

    #[test]
    fn months_are_ticked_on_short_ranges_only() {
        let months = |end| {
            timeline_svg(
                &Timeline {
                    end,
                    ..plan_timeline()
                },
                "t",
            )
            .matches(r##"stroke="#777""##)
            .count()
        };
        assert_eq!(months(date(2024, 12, 31)), 11);
        assert_eq!(months(date(2030, 12, 31)), 0);
        let long = Timeline {
            start: date(-4000, 3, 1),
            end: date(9000, 1, 1),
            lanes: vec![],
        };
        let svg = timeline_svg(&long, "t");
        assert_well_formed(&svg);
        assert!(svg.matches("text-anchor=\"middle\"").count() <= MAX_YEAR_LABELS as usize + 1);
    }

    #[test]
    fn snapshots() {
        insta::assert_snapshot!(
            "composition",
            composition_svg(&forum(), "Forum: 5 government, 5 civil society")
        );
        insta::assert_snapshot!(
            "timeline",
            timeline_svg(&plan_timeline(), "Co-creation timeline")
        );
    }

    fn any_label() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z<>&\"' ]{0,30}",
            prop::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter),
        ]
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (
            prop_oneof![1990_i32..2040, any::<i32>()],
            1_u8..=12,
            1_u8..=31,
        )
            .prop_filter_map("a real date", |(y, m, d)| Date::new(y, m, d))
    }

    fn any_mark() -> impl Strategy<Value = Mark> {
        prop_oneof![
            (any_date(), any_label()).prop_map(|(date, label)| Mark::Point { date, label }),
            (any_date(), any_date(), any_label()).prop_map(|(start, end, label)| Mark::Span {
                start,
                end,
                label
            }),
        ]
    }

    proptest! {
        #[test]
        fn compositions_are_always_well_formed(
            segments in prop::collection::vec(
                (any_label(), any::<bool>(), prop_oneof![0_usize..30, any::<usize>()])
                    .prop_map(|(label, government, count)| Segment { label, government, count }),
                0..12,
            ),
            alt in any_label(),
        ) {
            let svg = composition_svg(&segments, &alt);
            assert_well_formed(&svg);
            prop_assert_eq!(svg, composition_svg(&segments, &alt));
        }

        #[test]
        fn timelines_are_always_well_formed(
            start in any_date(),
            end in any_date(),
            lanes in prop::collection::vec(
                (any_label(), prop::collection::vec(any_mark(), 0..6))
                    .prop_map(|(label, marks)| Lane { label, marks }),
                0..6,
            ),
            alt in any_label(),
        ) {
            let timeline = Timeline { start, end, lanes };
            let svg = timeline_svg(&timeline, &alt);
            assert_well_formed(&svg);
            prop_assert_eq!(svg, timeline_svg(&timeline, &alt));
        }
    }
}
