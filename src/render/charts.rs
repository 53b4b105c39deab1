//! Pictures drawn as inline SVG: a space's composition as one stacked bar, and timelines.
//!
//! The SVG text is written here by hand, so that the page stays self-contained: no crate,
//! no script, no font, no image and no link to anything outside the picture. The pictures
//! hold no words of their own: every label, date and count arrives already in the
//! document's language.
//!
//! Decisions a caller relies on:
//! - **Sectors.** Each sector has one colour and one pattern ([`look`]), the same in every
//!   picture of every document, so that a reader who learnt them in one picture can read
//!   the next. Bar parts and legend swatches carry `data-sector="<sector>"`.
//! - **Ids.** Each picture's ids (`<title>`, fill patterns) start with
//!   `obert-composition-XXXXXXXX` or `obert-timeline-XXXXXXXX`, where `XXXXXXXX` is an FNV-1a
//!   hash of everything drawn (alt text and layout included). Pictures that differ in
//!   anything get different ids; two identical pictures share ids, which is harmless
//!   because each id then names identical content.
//! - **Two layouts of a timeline.** [`timeline_svg`] returns two `<svg>`: one of class
//!   `obert-wide` for a page, and one of class `obert-narrow` whose text stays readable on a
//!   phone 390 px wide; the page's style sheet shows one of them. Each lane's label sits
//!   above its marks, across the picture's width.
//! - **Clamping.** A timeline's `end` before its `start` is swapped. A span is clipped to the
//!   range and drawn if any part of it lies inside; a point outside the range, or a span
//!   wholly outside it, is skipped: drawing it at the edge would show a wrong date.
//! - **Determinism.** The same input gives the same bytes; numbers have at most 1 decimal.
//! - **Text.** Labels are escaped for XML, characters XML cannot carry are dropped, runs of
//!   white space become one space. Labels are never cut: a label too long for one line is
//!   wrapped onto as many as it needs, measured with generous widths so that no line runs
//!   out of the picture in a wide system font.

use std::fmt::Write as _;

use crate::model::{Date, Keyword as _, Sector};

/// One bar segment of a space's composition: the members of one sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub sector: Sector,
    /// The legend's words for the segment, its count included: "Citizens: 1 member".
    pub legend: String,
    pub count: usize,
    /// The count as the document's language writes it, drawn on the bar.
    pub count_text: String,
}

/// A timeline from `start` to `end` (both included), one row per lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub start: Date,
    pub end: Date,
    pub lanes: Vec<Lane>,
    /// Short month names, January first, for the axis of a timeline short enough to name
    /// its months; none, and the months are ticked without names.
    pub months: Vec<String>,
}

/// One row of a timeline: a label above its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub label: String,
    pub marks: Vec<Mark>,
}

/// Something that happened on a day (a meeting, a milestone) or over days (a phase). `when`
/// says the date or dates in words, for the mark's hover text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Point {
        date: Date,
        label: String,
        when: String,
    },
    Span {
        start: Date,
        end: Date,
        label: String,
        when: String,
    },
}

const INK: &str = "#1a1a1a";

/// How a sector is drawn: a colour, a hatch over it, and the ink of a count written on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    colour: &'static str,
    /// An 8×8 path drawn over the colour, so that sectors stay apart in greyscale and for
    /// readers who do not tell the colours apart.
    hatch: Option<&'static str>,
    ink: &'static str,
}

const DIAGONAL: &str = "M-2,2l4,-4M0,8l8,-8M6,10l4,-4";
const HORIZONTAL: &str = "M0,4h8";
const BACK_DIAGONAL: &str = "M-2,6l4,4M0,0l8,8M6,-2l4,4";
const GRID: &str = "M0,4h8M4,0v8";
const VERTICAL: &str = "M4,0v8";
const HATCH_INK: &str = "#333333";

/// Each sector's look. Government dark, civil society light, so that the two sides stay
/// apart when printed in greyscale; the civil-society sectors after the first are hatched,
/// each its own way. Every ink has a contrast of at least 4.5:1 with its colour (WCAG AA;
/// a test checks it).
fn look(sector: Sector) -> Look {
    let light = |colour, hatch| Look {
        colour,
        hatch,
        ink: INK,
    };
    match sector {
        Sector::PublicAdministration => Look {
            colour: "#1d3f6e",
            hatch: None,
            ink: "#ffffff",
        },
        Sector::OpenGovernmentEntity => light("#f2c14e", None),
        Sector::GeneralistEntity => light("#9ed0e6", Some(DIAGONAL)),
        Sector::Expert => light("#f4a3a8", Some(HORIZONTAL)),
        Sector::Academia => light("#b8e0b0", Some(BACK_DIAGONAL)),
        Sector::PrivateSector => light("#d9c2e9", Some(GRID)),
        Sector::Citizen => light("#cfd4da", Some(VERTICAL)),
    }
}

// Composition layout, in viewBox units: narrow, so that it still reads on a phone.
const BAR_VIEW_W: f64 = 480.0;
const BAR_X: f64 = 8.0;
const BAR_W: f64 = 464.0;
const BAR_Y: f64 = 8.0;
const BAR_H: f64 = 40.0;
const LEGEND_Y: f64 = 60.0;
const LEGEND_SIZE: f64 = 16.0;
const LEGEND_LINE: f64 = 20.0;
const LEGEND_GAP: f64 = 6.0;
const SWATCH: f64 = 16.0;
const LEGEND_TEXT_X: f64 = BAR_X + SWATCH + 8.0;

/// A space's composition: segments in the order given (the caller gives them in the
/// format's order of sectors, so that every legend lists them alike), drawn as one
/// horizontal stacked bar with a legend below. Zero-count segments are left out; when
/// nothing is left, the picture is an empty dashed bar reading `0`, which needs no words in
/// any language.
pub fn composition_svg(segments: &[Segment], alt: &str) -> String {
    let mut key = Key::new(alt);
    for s in segments {
        key.add(s.sector.as_str());
        key.add(&s.legend);
        key.add(&s.count.to_string());
        key.add(&s.count_text);
    }
    let id = key.id("obert-composition");
    let shown: Vec<&Segment> = segments.iter().filter(|s| s.count > 0).collect();
    if shown.is_empty() {
        let mut svg = open(&id, BAR_VIEW_W, BAR_Y * 2.0 + BAR_H, alt, None);
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
        );
        return close(svg);
    }
    let legends: Vec<Vec<String>> = shown
        .iter()
        .map(|s| wrap(&s.legend, BAR_VIEW_W - LEGEND_TEXT_X - BAR_X, LEGEND_SIZE))
        .collect();
    let legend_h: f64 = legends
        .iter()
        .map(|lines| lines.len().max(1) as f64 * LEGEND_LINE + LEGEND_GAP)
        .sum();
    let mut svg = open(&id, BAR_VIEW_W, LEGEND_Y + legend_h, alt, None);

    // Each sector's fill, shared by its bar part and its legend swatch.
    let mut defs = String::new();
    let mut defined = Vec::new();
    let fills: Vec<String> = shown
        .iter()
        .map(|s| {
            let look = look(s.sector);
            let Some(hatch) = look.hatch else {
                return look.colour.to_string();
            };
            let pattern = format!("{id}-{}", s.sector.as_str());
            if defined.contains(&s.sector) {
                return format!("url(#{pattern})");
            }
            defined.push(s.sector);
            let _ = writeln!(
                defs,
                r#"<pattern id="{pattern}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{}"/><path d="{hatch}" stroke="{HATCH_INK}" stroke-opacity="0.7" stroke-width="1.5"/></pattern>"#,
                look.colour
            );
            format!("url(#{pattern})")
        })
        .collect();
    if !defs.is_empty() {
        let _ = write!(svg, "<defs>\n{defs}</defs>\n");
    }

    let total: f64 = shown.iter().map(|s| s.count as f64).sum();
    let mut running = 0.0;
    let mut y = LEGEND_Y;
    for ((s, fill), lines) in shown.iter().zip(&fills).zip(&legends) {
        let look = look(s.sector);
        let sector = s.sector.as_str();
        let x0 = BAR_X + running / total * BAR_W;
        running += s.count as f64;
        let x1 = BAR_X + running / total * BAR_W;
        // A white edge keeps neighbours of similar lightness apart.
        let _ = writeln!(
            svg,
            r##"<rect x="{}" y="{BAR_Y}" width="{}" height="{BAR_H}" fill="{fill}" stroke="#fff" data-sector="{sector}"><title>{}</title></rect>"##,
            num(x0),
            num(x1 - x0),
            esc(&tidy(&s.legend))
        );
        // Bold digits are about 10 units wide at this size (which a phone draws 11 px
        // high); leave a margin on both sides.
        if x1 - x0 >= s.count_text.chars().count() as f64 * 10.0 + 8.0 {
            let style = format!(
                r#"font-size="15" font-weight="bold" text-anchor="middle" fill="{}" stroke="{}" stroke-width="3" paint-order="stroke""#,
                look.ink, look.colour
            );
            let (x, y) = ((x0 + x1) / 2.0, BAR_Y + BAR_H / 2.0 + 5.0);
            text(&mut svg, x, y, &style, &s.count_text);
        }
        let _ = writeln!(
            svg,
            r##"<rect x="{BAR_X}" y="{}" width="{SWATCH}" height="{SWATCH}" fill="{fill}" stroke="#555" stroke-width="0.5" data-sector="{sector}"/>"##,
            num(y + 2.0)
        );
        let style = format!(r#"font-size="{LEGEND_SIZE}""#);
        for (k, line) in lines.iter().enumerate() {
            let baseline = y + 15.0 + k as f64 * LEGEND_LINE;
            text(&mut svg, LEGEND_TEXT_X, baseline, &style, line);
        }
        y += lines.len().max(1) as f64 * LEGEND_LINE + LEGEND_GAP;
    }
    close(svg)
}

/// One way of laying a timeline out: how wide its viewBox is, and the class that the page's
/// style sheet shows or hides it by.
#[derive(Debug, Clone, Copy)]
struct Layout {
    width: f64,
    class: &'static str,
}

/// For a page: about 800 px wide on a computer, so its text is drawn a little larger than
/// written here.
const WIDE: Layout = Layout {
    width: 720.0,
    class: "obert-wide",
};
/// For a phone: about as many units as a phone 390 px wide has pixels for the picture, so
/// that 14 units of text stay 13 px or more.
const NARROW: Layout = Layout {
    width: 380.0,
    class: "obert-narrow",
};

// Timeline layout, in viewBox units.
const MARGIN: f64 = 8.0;
const LABEL_SIZE: f64 = 14.0;
const LABEL_LINE: f64 = 17.0;
const AXIS_SIZE: f64 = 12.0;
/// The axis's height with one row of names (years), and with two (years, then months).
const AXIS_ONE_ROW: f64 = 22.0;
const AXIS_TWO_ROWS: f64 = 38.0;
const LANE_PAD: f64 = 5.0;
const MARKS_H: f64 = 22.0;
/// Under about three years, months get ticks too.
const MONTH_TICKS_BELOW_DAYS: i64 = 3 * 365 + 1;
const MAX_YEAR_LABELS: i64 = 10;

/// A timeline: one lane per entry (a space's meetings as points, an online phase or a
/// commitment's implementation period as a span, a commitment's milestones as points),
/// each lane's label above its marks, with years (and, on a short range, months) along the
/// top axis between `start` and `end`. Two pictures, a wide and a narrow one (see the
/// module documentation), one after the other; see there too for marks outside the range.
pub fn timeline_svg(timeline: &Timeline, alt: &str) -> String {
    let wide = laid_out(timeline, alt, WIDE);
    let narrow = laid_out(timeline, alt, NARROW);
    format!("{wide}\n{narrow}")
}

/// The wide picture of [`timeline_svg`] alone, for paper (the PDF), which has no phone to fit.
pub fn timeline_svg_wide(timeline: &Timeline, alt: &str) -> String {
    laid_out(timeline, alt, WIDE)
}

fn laid_out(timeline: &Timeline, alt: &str, layout: Layout) -> String {
    let (start, end) = (
        timeline.start.min(timeline.end),
        timeline.start.max(timeline.end),
    );
    let mut key = Key::new(alt);
    key.add(layout.class);
    key.add(&start.to_string());
    key.add(&end.to_string());
    for month in &timeline.months {
        key.add(month);
    }
    for lane in &timeline.lanes {
        key.add(&lane.label);
        for mark in &lane.marks {
            match mark {
                Mark::Point { date, label, when } => key.add(&format!("p{date}{label}\u{1}{when}")),
                Mark::Span {
                    start,
                    end,
                    label,
                    when,
                } => key.add(&format!("s{start}{end}{label}\u{1}{when}")),
            }
        }
    }
    let id = key.id("obert-timeline");
    let width = layout.width;
    let axis = Axis {
        start,
        end,
        x0: MARGIN,
        x1: width - MARGIN,
    };
    let month_names = axis.month_names(&timeline.months);
    let axis_y = if month_names.is_empty() {
        AXIS_ONE_ROW
    } else {
        AXIS_TWO_ROWS
    };
    let labels: Vec<Vec<String>> = timeline
        .lanes
        .iter()
        .map(|lane| wrap(&lane.label, width - 2.0 * MARGIN, LABEL_SIZE))
        .collect();
    let lane_h = |lines: &Vec<String>| LANE_PAD * 2.0 + lines.len() as f64 * LABEL_LINE + MARKS_H;
    let bottom = axis_y + 4.0 + labels.iter().map(lane_h).sum::<f64>();
    let mut svg = open(&id, width, bottom + 4.0, alt, Some(layout.class));

    // The axis: years, months (named when they fit), and a tick at each month.
    let years = axis.year_ticks();
    for (_, x) in &years {
        line(&mut svg, (*x, axis_y - 8.0), (*x, axis_y), "#777");
    }
    let year_style = format!(r#"font-size="{AXIS_SIZE}""#);
    if month_names.is_empty() {
        for (date, x) in &years {
            // Centred on its tick, but never past the picture's edges.
            let year = date.year().to_string();
            let half = ems(&year) * AXIS_SIZE / 2.0;
            let (x, anchor) = if *x - half < 0.0 {
                (0.0, "start")
            } else if *x + half > width {
                (width, "end")
            } else {
                (*x, "middle")
            };
            let style = format!(r#"font-size="{AXIS_SIZE}" text-anchor="{anchor}""#);
            text(&mut svg, x, axis_y - 10.0, &style, &year);
        }
        // When the range does not open on a 1 January, its first year is named at the
        // left edge, unless a year label sits so close that the two would overlap.
        let first_tick = years.first().map_or(f64::INFINITY, |(_, x)| *x);
        if years.first().map(|(d, _)| *d) != Some(start) && first_tick - axis.x0 >= 40.0 {
            let year = start.year().to_string();
            text(&mut svg, axis.x0, axis_y - 10.0, &year_style, &year);
        }
    } else {
        // Years above the months, each from where it starts within the range.
        let first_tick = years.first().map_or(f64::INFINITY, |(_, x)| *x);
        let room = ems(&start.year().to_string()) * AXIS_SIZE + 4.0;
        if years.first().map(|(d, _)| *d) != Some(start) && first_tick - axis.x0 >= room {
            let year = start.year().to_string();
            text(&mut svg, axis.x0, 14.0, &year_style, &year);
        }
        for (date, x) in &years {
            text(
                &mut svg,
                *x + 2.0,
                14.0,
                &year_style,
                &date.year().to_string(),
            );
        }
        let centred = format!(r#"font-size="{AXIS_SIZE}" text-anchor="middle""#);
        for (x, name) in &month_names {
            text(&mut svg, *x, axis_y - 8.0, &centred, name);
        }
    }
    let month_lines = axis.month_ticks();
    for x in &month_lines {
        line(&mut svg, (*x, axis_y - 4.0), (*x, axis_y), "#777");
    }
    line(&mut svg, (axis.x0, axis_y), (axis.x1, axis_y), "#555");

    let mut y = axis_y + 4.0;
    for (i, (lane, lines)) in timeline.lanes.iter().zip(&labels).enumerate() {
        let height = lane_h(lines);
        // Every other lane shaded, so that the eye can tell one lane from the next, on
        // paper too.
        if i % 2 == 0 {
            let _ = writeln!(
                svg,
                r##"<rect x="0" y="{}" width="{}" height="{}" fill="#f2f2f2"/>"##,
                num(y),
                num(width),
                num(height)
            );
        }
        let label_style = format!(r#"font-size="{LABEL_SIZE}""#);
        for (k, text_line) in lines.iter().enumerate() {
            let baseline = y + LANE_PAD + (k + 1) as f64 * LABEL_LINE - 4.0;
            text(&mut svg, MARGIN, baseline, &label_style, text_line);
        }
        let row = y + LANE_PAD + lines.len() as f64 * LABEL_LINE;
        let middle = row + MARKS_H / 2.0;
        // Year lines (and month lines, where months are named) across the marks only,
        // where they help to place a mark, not across the labels.
        if !month_names.is_empty() {
            for x in &month_lines {
                line(&mut svg, (*x, row), (*x, row + MARKS_H), "#dedede");
            }
        }
        for (_, x) in &years {
            line(&mut svg, (*x, row), (*x, row + MARKS_H), "#bbb");
        }
        // Spans first, so that points on the same day stay visible on top of them.
        for mark in &lane.marks {
            let Mark::Span {
                start,
                end,
                label,
                when,
            } = mark
            else {
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
                esc(&hover_text(label, when))
            );
        }
        for mark in &lane.marks {
            let Mark::Point { date, label, when } = mark else {
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
                esc(&hover_text(label, when))
            );
        }
        y += height;
    }
    close(svg)
}

/// The date range of a timeline mapped onto the plot's width, `x0` to `x1`.
struct Axis {
    start: Date,
    end: Date,
    x0: f64,
    x1: f64,
}

impl Axis {
    fn days(&self) -> i64 {
        self.end.days_since_epoch() - self.start.days_since_epoch()
    }

    fn x(&self, date: Date) -> f64 {
        let days = self.days();
        if days == 0 {
            // A one-day range: everything sits on the axis's only point.
            return self.x0;
        }
        let from_start = date.days_since_epoch() - self.start.days_since_epoch();
        self.x0 + from_start as f64 / days as f64 * (self.x1 - self.x0)
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

    /// The first day of each month in the range, on ranges short enough for months to be
    /// told apart.
    fn months(&self) -> Vec<Date> {
        if self.days() >= MONTH_TICKS_BELOW_DAYS {
            return Vec::new();
        }
        let index = |d: Date| i64::from(d.year()) * 12 + i64::from(d.month()) - 1;
        (index(self.start)..=index(self.end) + 1)
            .filter_map(|i| {
                let year = i32::try_from(i.div_euclid(12)).ok()?;
                let month = u8::try_from(i.rem_euclid(12) + 1).ok()?;
                Date::new(year, month, 1)
            })
            .collect()
    }

    /// A tick at the first day of each month except January (a year tick is there).
    fn month_ticks(&self) -> Vec<f64> {
        self.months()
            .into_iter()
            .filter(|d| d.month() != 1 && *d >= self.start && *d <= self.end)
            .map(|d| self.x(d))
            .collect()
    }

    /// Each month's short name at the middle of the part of it in the range, when every
    /// month that the range holds whole has room for its name; none otherwise.
    fn month_names(&self, names: &[String]) -> Vec<(f64, String)> {
        if names.len() != 12 {
            return Vec::new();
        }
        let firsts = self.months();
        let mut placed = Vec::new();
        for pair in firsts.windows(2) {
            let (first, next) = (pair[0], pair[1]);
            let last = Date::from_days_since_epoch(next.days_since_epoch() - 1).unwrap_or(first);
            let Some((x0, x1)) = self.clip(first, last) else {
                continue;
            };
            let name = &names[usize::from(first.month() - 1)];
            let room = x1 - x0;
            let needed = ems(name) * AXIS_SIZE + 4.0;
            if room >= needed {
                placed.push(((x0 + x1) / 2.0, name.clone()));
            } else if first >= self.start && last <= self.end {
                // A whole month without room for its name: no month is named.
                return Vec::new();
            }
        }
        placed
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
fn open(id: &str, width: f64, height: f64, alt: &str, class: Option<&str>) -> String {
    let class = class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{class} viewBox=\"0 0 {} {}\" role=\"img\" \
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

/// A `<text>` at (x, y) with the given attributes.
fn text(svg: &mut String, x: f64, y: f64, attributes: &str, content: &str) {
    // Writing to a String cannot fail, here and everywhere in this module.
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" {attributes}>{}</text>"#,
        num(x),
        num(y),
        esc(content)
    );
}

/// How wide `text` is, in ems, erring wide: the widths are about those of DejaVu Sans, a
/// wide system font, so that a line measured here fits in narrower fonts too.
fn ems(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | '’' => 0.32,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '·' => 0.42,
            'm' | 'W' => 1.0,
            'w' | 'M' => 0.9,
            c if c.is_ascii_digit() => 0.64,
            c if c.is_uppercase() => 0.8,
            // Wide scripts (CJK and the like) take a full em.
            c if u32::from(c) >= 0x2E80 => 1.0,
            _ => 0.64,
        })
        .sum()
}

/// `label` on as many lines as it needs to fit `width` units at font size `size`: split at
/// spaces, and inside a word only when the word alone is too long. Never cut.
fn wrap(label: &str, width: f64, size: f64) -> Vec<String> {
    let max = width / size;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in tidy(label).split(' ').filter(|w| !w.is_empty()) {
        let joined = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if ems(&joined) <= max {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word longer than a line is broken where the line ends.
        for c in word.chars() {
            let mut longer = current.clone();
            longer.push(c);
            if ems(&longer) > max && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
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

/// Text made safe for XML (and HTML) content and attribute values alike.
pub(crate) fn esc(text: &str) -> String {
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

    fn segment(sector: Sector, legend: &str, count: usize) -> Segment {
        Segment {
            sector,
            legend: legend.to_string(),
            count,
            count_text: count.to_string(),
        }
    }

    fn point(d: Date, label: &str) -> Mark {
        Mark::Point {
            date: d,
            label: label.to_string(),
            when: d.to_string(),
        }
    }

    fn span(start: Date, end: Date, label: &str) -> Mark {
        Mark::Span {
            start,
            end,
            label: label.to_string(),
            when: format!("{start} – {end}"),
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
            segment(Sector::PublicAdministration, "Government: 5 members", 5),
            segment(Sector::GeneralistEntity, "Organisations: 2 members", 2),
            segment(Sector::Academia, "Academia: 2 members", 2),
            segment(Sector::Citizen, "Citizens: 1 member", 1),
        ]
    }

    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];

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
                    "1. Open contracting data for every municipality, published as it is decided by each council and kept for as long as anyone needs it",
                    vec![
                        span(date(2024, 9, 1), date(2026, 6, 30), "Implementation"),
                        point(date(2025, 3, 31), "Data standard adopted"),
                    ],
                ),
            ],
            months: MONTHS.iter().map(|m| m.to_string()).collect(),
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

    /// A small well-formedness check: `<svg>` roots one after the other, balanced known
    /// tags, quoted and escaped attributes, escaped text.
    fn assert_well_formed(svg: &str) {
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
        let mut stack: Vec<&str> = Vec::new();
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
            assert!(
                !stack.is_empty() || name == "svg",
                "<{name}> outside an <svg>"
            );
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
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        check_text(rest);
        assert!(stack.is_empty() && rest.is_empty(), "unbalanced: {stack:?}");
    }

    /// The `<text>` contents of a picture, in order.
    fn texts(svg: &str) -> Vec<&str> {
        svg.split("<text ")
            .skip(1)
            .filter_map(|t| t.split_once('>')?.1.split_once("</text>"))
            .map(|(content, _)| content)
            .collect()
    }

    #[test]
    fn labels_come_out_as_text() {
        let evil = "<script>alert('x & \"y\"')</script>";
        let bar = composition_svg(&[segment(Sector::Expert, evil, 3)], evil);
        let timeline = Timeline {
            start: date(2024, 1, 1),
            end: date(2024, 12, 31),
            lanes: vec![lane(evil, vec![point(date(2024, 5, 1), evil)])],
            months: vec![evil.to_string(); 12],
        };
        let line = timeline_svg(&timeline, evil);
        for svg in [&bar, &line] {
            assert_well_formed(svg);
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.contains("&lt;script&gt;alert(&#39;x"), "{svg}");
        }
        let nul = composition_svg(
            &[segment(Sector::PublicAdministration, "a\u{0}b\u{FFFF}c", 1)],
            "t\u{1B}",
        );
        assert!(
            nul.contains(">abc</text>") && nul.contains(">t</title>"),
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
        let ids = |svg: &str| -> Vec<String> {
            svg.split("aria-labelledby=\"")
                .skip(1)
                .map(|s| s[..27].to_string())
                .collect()
        };
        let other = composition_svg(&forum()[..2], "Forum");
        assert_ne!(ids(&composition_svg(&forum(), "Forum")), ids(&other));
        assert_ne!(
            ids(&composition_svg(&forum(), "Forum")),
            ids(&composition_svg(&forum(), "F"))
        );
        // The two layouts of a timeline do not share ids.
        let both = ids(&timeline_svg(&plan_timeline(), "Plan"));
        assert_eq!(both.len(), 2);
        assert_ne!(both[0], both[1]);
    }

    #[test]
    fn zero_counts_are_left_out() {
        let svg = composition_svg(
            &[
                segment(Sector::PublicAdministration, "Gov: 2", 2),
                segment(Sector::PrivateSector, "Unions: 0", 0),
            ],
            "x",
        );
        assert_well_formed(&svg);
        assert!(svg.contains("Gov: 2") && !svg.contains("Unions"), "{svg}");
        for empty in [vec![segment(Sector::PrivateSector, "Unions", 0)], vec![]] {
            let svg = composition_svg(&empty, "Nobody yet");
            assert_well_formed(&svg);
            assert!(
                svg.contains(">Nobody yet</title>") && !svg.contains("Unions"),
                "{svg}"
            );
            assert!(svg.contains(">0</text>"), "{svg}");
        }
    }

    /// The fill a sector gets in a composition: its colour, or its pattern's colour and
    /// hatch.
    fn sector_fills(svg: &str) -> Vec<(String, String)> {
        let mut fills = Vec::new();
        for tag in svg.split('<').filter(|t| t.contains("data-sector=\"")) {
            let attribute = |name: &str| {
                tag.split(&format!(" {name}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .expect("the attribute")
                    .to_string()
            };
            let fill = attribute("fill");
            let resolved = match fill.strip_prefix("url(#").and_then(|f| f.strip_suffix(')')) {
                Some(pattern) => svg
                    .split(&format!("<pattern id=\"{pattern}\""))
                    .nth(1)
                    .and_then(|p| p.split("</pattern>").next())
                    .expect("the pattern is defined")
                    .replace(pattern, ""),
                None => fill,
            };
            fills.push((attribute("data-sector"), resolved));
        }
        fills
    }

    #[test]
    fn a_sector_looks_the_same_wherever_it_stands() {
        let alone = composition_svg(&[segment(Sector::Academia, "Academia: 2", 2)], "a");
        let among = composition_svg(&forum(), "b");
        let academia = |svg: &str| -> Vec<String> {
            sector_fills(svg)
                .into_iter()
                .filter(|(sector, _)| sector == "academia")
                .map(|(_, fill)| fill)
                .collect()
        };
        let (alone, among) = (academia(&alone), academia(&among));
        // The bar part and the swatch, in each picture, all alike.
        assert_eq!(alone.len(), 2);
        assert_eq!(among.len(), 2);
        assert!(
            alone.iter().chain(&among).all(|f| *f == alone[0]),
            "{alone:?} {among:?}"
        );
    }

    #[test]
    fn each_sector_has_its_own_look_with_readable_ink() {
        fn luminance(hex: &str) -> f64 {
            let channel = |i: usize| {
                let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
                if c <= 0.039_28 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
        }
        let contrast = |a: &str, b: &str| {
            let (a, b) = (luminance(a), luminance(b));
            (a.max(b) + 0.05) / (a.min(b) + 0.05)
        };
        let looks: Vec<(Sector, Look)> = Sector::ALL.iter().map(|(_, s)| (*s, look(*s))).collect();
        for (i, (sector, a)) in looks.iter().enumerate() {
            assert!(
                contrast(a.ink, a.colour) >= 4.5,
                "{sector}: ink {} on {} is {:.2}:1",
                a.ink,
                a.colour,
                contrast(a.ink, a.colour)
            );
            for (other, b) in &looks[i + 1..] {
                assert_ne!(a.colour, b.colour, "{sector} and {other} share a colour");
                assert!(
                    a.hatch.is_none() || a.hatch != b.hatch,
                    "{sector} and {other} share a hatch"
                );
            }
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
            months: Vec::new(),
        };
        let svg = laid_out(&timeline, "t", WIDE);
        assert_well_formed(&svg);
        let x_and_width = |name: &str| -> Vec<f64> {
            let tag = svg.lines().find(|l| l.contains(name)).expect("the span");
            (tag.split('"').skip(1).step_by(2).take(3))
                .filter_map(|n| n.parse().ok())
                .collect()
        };
        assert_eq!(x_and_width("Early")[0], MARGIN, "clipped at the start");
        let late = x_and_width("Late");
        assert!(
            (late[0] + late[2] - (WIDE.width - MARGIN)).abs() <= 0.1,
            "{late:?}"
        );
        assert!(!svg.contains("After") && !svg.contains("Before"), "{svg}");
        // A reversed range is the same picture as the ordered one.
        let mut reversed = timeline.clone();
        (reversed.start, reversed.end) = (timeline.end, timeline.start);
        assert_eq!(timeline_svg(&reversed, "t"), timeline_svg(&timeline, "t"));
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
    fn long_labels_are_wrapped_whole_within_the_picture() {
        let long = &plan_timeline().lanes[2].label;
        for layout in [WIDE, NARROW] {
            let svg = laid_out(&plan_timeline(), "Plan", layout);
            let lines = texts(&svg);
            let start = lines
                .iter()
                .position(|l| l.starts_with("1. Open"))
                .expect("the lane's first line");
            let mut words = Vec::new();
            for line in &lines[start..] {
                assert!(
                    ems(line) * LABEL_SIZE <= layout.width - 2.0 * MARGIN,
                    "{line} runs out of {}",
                    layout.class
                );
                words.push(*line);
                if line.ends_with("needs it") {
                    break;
                }
            }
            assert!(
                words.len() >= 2,
                "{} wraps the label: {words:?}",
                layout.class
            );
            assert_eq!(words.join(" "), *long, "{}", layout.class);
            assert!(!svg.contains('…'), "nothing is cut");
        }
        // A word longer than a line is broken, not cut.
        let word = "x".repeat(100);
        let lines = wrap(&word, 200.0, 14.0);
        assert!(lines.len() > 1 && lines.concat() == word, "{lines:?}");
        let legend = "A sector whose name is much too long to stand on a single line of the legend: 3 members";
        let svg = composition_svg(&[segment(Sector::Expert, legend, 3)], "c");
        let shown = texts(&svg);
        assert!(shown.len() >= 3, "{shown:?}");
        assert_eq!(shown[1..].join(" "), legend);
    }

    #[test]
    fn months_are_ticked_and_named_on_short_ranges_only() {
        let ticks = |end| {
            laid_out(
                &Timeline {
                    end,
                    ..plan_timeline()
                },
                "t",
                WIDE,
            )
            .matches(r##"stroke="#777""##)
            .count()
        };
        // Eleven months and the year.
        assert_eq!(ticks(date(2024, 12, 31)), 12);
        // Years only: 2024 to 2030.
        assert_eq!(ticks(date(2030, 12, 31)), 7);
        let short = Timeline {
            start: date(2021, 5, 1),
            end: date(2021, 10, 31),
            ..plan_timeline()
        };
        for layout in [WIDE, NARROW] {
            let svg = laid_out(&short, "t", layout);
            let named = texts(&svg);
            for month in ["May", "Jun", "Jul", "Aug", "Sep", "Oct"] {
                assert!(named.contains(&month), "{month} in {named:?}");
            }
            assert!(named.contains(&"2021"), "{named:?}");
        }
        // Without names, or on a range too long, months are not named.
        let unnamed = Timeline {
            months: Vec::new(),
            ..short.clone()
        };
        assert!(!texts(&timeline_svg(&unnamed, "t")).contains(&"May"));
        assert!(!texts(&timeline_svg(&plan_timeline(), "t")).contains(&"May"));
        let long = Timeline {
            start: date(-4000, 3, 1),
            end: date(9000, 1, 1),
            lanes: vec![],
            months: Vec::new(),
        };
        let svg = laid_out(&long, "t", WIDE);
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
            (any_date(), any_label(), any_label()).prop_map(|(date, label, when)| Mark::Point {
                date,
                label,
                when
            }),
            (any_date(), any_date(), any_label(), any_label()).prop_map(
                |(start, end, label, when)| Mark::Span {
                    start,
                    end,
                    label,
                    when
                }
            ),
        ]
    }

    fn any_sector() -> impl Strategy<Value = Sector> {
        prop::sample::select(Sector::ALL.iter().map(|(_, s)| *s).collect::<Vec<_>>())
    }

    proptest! {
        #[test]
        fn compositions_are_always_well_formed(
            segments in prop::collection::vec(
                (any_sector(), any_label(), prop_oneof![0_usize..30, any::<usize>()])
                    .prop_map(|(sector, legend, count)| Segment {
                        sector, legend, count, count_text: count.to_string()
                    }),
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
            named in any::<bool>(),
            alt in any_label(),
        ) {
            let months = if named {
                MONTHS.iter().map(|m| m.to_string()).collect()
            } else {
                Vec::new()
            };
            let timeline = Timeline { start, end, lanes, months };
            let svg = timeline_svg(&timeline, &alt);
            assert_well_formed(&svg);
            prop_assert_eq!(svg, timeline_svg(&timeline, &alt));
        }
    }
}
