//! The chart sent with `/stats`: tasks done per day over [`CHART_DAYS`] days, stacked by task.
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────┐
//! │ Tasks done per day — Pau                                      │
//! │ The last 30 days: 123 tasks done                              │
//! │ ■ Photo  ■ Review  ■ Postcard  ■ Hashtag  ■ Stay app          │
//! │ 12 ┤                                          ▆               │
//! │  8 ┤                  ▅            ▃      ▆   █   ▂           │
//! │  4 ┤  ▂   ▃   ▅   ▆   █   ▂   ▄    █  ▅   █   █   █           │
//! │  0 └──┴───┴───┴───┴───┴───┴───┴────┴──┴───┴───┴───┴──         │
//! │        16/06          21/06          26/06          01/07     │
//! └──────────────────────────────────────────────────────────────┘
//! ```
//!
//! [`tasks_chart`] is pure and synchronous (a few milliseconds, see the README's benchmarks):
//! the bot calls it inside `spawn_blocking`. plotters draws the geometry (bars, grid, axes) into
//! an RGB buffer; the words are set afterwards with the card's type code and the bundled DejaVu
//! fonts (plotters' own ab_glyph text drops the glyphs' side bearings, which makes words
//! visibly uneven: "Postk arte"), so no system font is ever looked up. `image` encodes the PNG.

use std::collections::BTreeMap;

use image::{ImageEncoder, RgbImage, codecs::png::PngEncoder};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{CHART_DAYS, Summary};
use crate::card::text::{self, Face};
use crate::i18n::{I18n, Lang};
use crate::tasks::TaskKind;

/// Width of the chart, in pixels.
pub const CHART_WIDTH: u32 = 1280;
/// Height of the chart, in pixels.
pub const CHART_HEIGHT: u32 = 720;

/// The chart's background: the postcards' paper.
pub const PAPER: [u8; 3] = [250, 246, 237];
/// Titles and legend: the postcards' navy ink.
const INK: [u8; 3] = [28, 36, 64];
/// Secondary text and the axes.
const MUTED: [u8; 3] = [104, 110, 132];
/// Horizontal grid lines.
const GRID: [u8; 3] = [228, 223, 212];

/// Left margin of the title and legend; right margin of everything.
const MARGIN: i32 = 44;
/// The plotting region, in pixels: its left edge leaves room for the y labels, its bottom for
/// the day labels.
const PLOT_LEFT: i32 = 100;
const PLOT_TOP: i32 = 206;
const PLOT_BOTTOM: i32 = 652;
/// Share of a day's slot the bar fills.
const BAR_SHARE: f64 = 0.72;
/// A day label every this many days, the last one on today.
const LABEL_EVERY: usize = 5;
/// Size of the axis labels and legend, in pixels: readable when Telegram shrinks the picture to
/// a phone's width.
const LABEL_PX: f32 = 25.0;

/// The colour of a task's bars and legend square: a Pyrenees evening, after the postcards'
/// default palette (indigo sky, apricot horizon) with three companions.
pub fn task_colour(task: TaskKind) -> [u8; 3] {
    match task {
        TaskKind::Photo => [62, 84, 150],
        TaskKind::Review => [244, 170, 104],
        TaskKind::Postcard => [206, 98, 92],
        TaskKind::Hashtag => [86, 156, 140],
        TaskKind::App => [150, 116, 168],
    }
}

/// The words on the chart, in the admin's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartLabels {
    /// "Tasks done per day — Pau".
    pub title: String,
    /// "The last 30 days: 123 tasks done".
    pub subtitle: String,
    /// The legend's names, in [`TaskKind::ALL`]'s order.
    pub tasks: [String; 5],
    /// Shown in the plot when no task was done over the whole span.
    pub empty: String,
    /// One label per day of the summary's `daily_tasks`, same order ("14/07").
    pub days: Vec<String>,
}

impl ChartLabels {
    /// The labels for `summary`'s chart in `lang`; `name` is the destination's or the partner's.
    pub fn new(i18n: &I18n, lang: Lang, name: &str, summary: &Summary) -> ChartLabels {
        let total: u64 = summary
            .daily_tasks
            .iter()
            .flat_map(|(_, tasks)| tasks.values())
            .sum();
        ChartLabels {
            title: i18n.t_args(lang, "chart-title", &[("name", name.into())]),
            subtitle: i18n.t_args(
                lang,
                "chart-subtitle",
                &[("days", CHART_DAYS.into()), ("total", total.into())],
            ),
            tasks: TaskKind::ALL.map(|task| i18n.t(lang, &format!("{task}-short"))),
            empty: i18n.t(lang, "chart-empty"),
            days: summary
                .daily_tasks
                .iter()
                .map(|&(day, _)| {
                    let (month, day) = month_day(day);
                    i18n.t_args(
                        lang,
                        "chart-day",
                        &[
                            ("day", format!("{day:02}").into()),
                            ("month", format!("{month:02}").into()),
                        ],
                    )
                })
                .collect(),
        }
    }
}

/// Why the chart could not be made. The bot logs it and sends the text summary alone.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("the chart cannot be drawn: {0}")]
    Draw(String),
    #[error("the chart cannot be encoded: {0}")]
    Encode(String),
}

/// Renders the chart of `summary.daily_tasks` as PNG bytes ([`CHART_WIDTH`]x[`CHART_HEIGHT`]).
///
/// Synchronous and CPU-bound: call it from `spawn_blocking`. An empty summary still renders (axes
/// and `labels.empty`).
pub fn tasks_chart(summary: &Summary, labels: &ChartLabels) -> Result<Vec<u8>, ChartError> {
    let mut rgb = vec![0u8; (CHART_WIDTH * CHART_HEIGHT * 3) as usize];
    let words = {
        let root =
            BitMapBackend::with_buffer(&mut rgb, (CHART_WIDTH, CHART_HEIGHT)).into_drawing_area();
        let words = draw(&root, summary, labels).map_err(|e| ChartError::Draw(e.to_string()))?;
        root.present()
            .map_err(|e| ChartError::Draw(e.to_string()))?;
        words
    };
    let mut canvas = RgbImage::from_raw(CHART_WIDTH, CHART_HEIGHT, rgb)
        .ok_or_else(|| ChartError::Draw("the buffer does not match the size".into()))?;
    for word in &words {
        word.draw(&mut canvas);
    }
    let mut png = Vec::new();
    PngEncoder::new(&mut png)
        .write_image(
            canvas.as_raw(),
            CHART_WIDTH,
            CHART_HEIGHT,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| ChartError::Encode(e.to_string()))?;
    Ok(png)
}

/// A line of text to set once plotters is done.
struct Word {
    text: String,
    face: Face,
    px: f32,
    /// Where the anchor is, and which point of the line's box it is.
    at: (i32, i32),
    anchor: Anchor,
    colour: [u8; 3],
}

#[derive(Clone, Copy)]
enum Anchor {
    /// The line's top left corner (top = the font's ascent).
    TopLeft,
    /// The middle of the line's top edge.
    Top,
    /// The middle of the line's right edge (half the cap height).
    Right,
    /// The centre of the line.
    Centre,
}

impl Word {
    fn new(
        text: &str,
        face: Face,
        px: f32,
        at: (i32, i32),
        anchor: Anchor,
        colour: [u8; 3],
    ) -> Word {
        Word {
            text: text::drawable_in(text, face).replace('\n', " "),
            face,
            px,
            at,
            anchor,
            colour,
        }
    }

    fn width(&self) -> f32 {
        text::line_width(&self.text, self.face, self.px)
    }

    fn draw(&self, canvas: &mut RgbImage) {
        let (ascent, _) = text::metrics(self.face, self.px);
        // Digits and capitals stand about 0.73 em tall in DejaVu: centre on that, not the ascent.
        let cap = 0.73 * self.px;
        let (x, y) = (self.at.0 as f32, self.at.1 as f32);
        let width = self.width();
        let (left, baseline) = match self.anchor {
            Anchor::TopLeft => (x, y + ascent),
            Anchor::Top => (x - width / 2.0, y + ascent),
            Anchor::Right => (x - width, y + cap / 2.0),
            Anchor::Centre => (x - width / 2.0, y + cap / 2.0),
        };
        text::draw(
            canvas,
            &self.text,
            self.face,
            self.px,
            (left, baseline),
            self.colour,
            1.0,
        );
    }
}

type DrawResult<T> =
    Result<T, DrawingAreaErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>>;

/// Draws the geometry on `root`; returns the words to set on it.
fn draw(
    root: &DrawingArea<BitMapBackend<'_>, Shift>,
    summary: &Summary,
    labels: &ChartLabels,
) -> DrawResult<Vec<Word>> {
    root.fill(&colour(PAPER))?;
    let right = CHART_WIDTH as i32 - MARGIN;
    let mut words = Vec::new();

    // Title (the name comes from the config: shrunk or cut to fit), subtitle, legend.
    let width = (right - MARGIN) as f32;
    let (title, px) = text::fit_line(&labels.title, Face::Bold, 44.0, 28.0, width);
    words.push(Word::new(
        &title,
        Face::Bold,
        px,
        (MARGIN, 26),
        Anchor::TopLeft,
        INK,
    ));
    let (subtitle, px) = text::fit_line(&labels.subtitle, Face::Regular, 26.0, 18.0, width);
    words.push(Word::new(
        &subtitle,
        Face::Regular,
        px,
        (MARGIN, 86),
        Anchor::TopLeft,
        MUTED,
    ));
    let (legend_y, square) = (148, 24);
    let mut x = MARGIN;
    for (task, name) in TaskKind::ALL.iter().zip(&labels.tasks) {
        root.draw(&Rectangle::new(
            [
                (x, legend_y - square / 2),
                (x + square, legend_y + square / 2),
            ],
            colour(task_colour(*task)).filled(),
        ))?;
        let word = Word::new(
            name,
            Face::Regular,
            LABEL_PX,
            (x + square + 10, legend_y),
            Anchor::Centre,
            INK,
        );
        let width = word.width() as i32;
        words.push(Word {
            at: (x + square + 10 + width / 2, legend_y),
            ..word
        });
        x += square + 10 + width + 34;
    }

    // The plot: one slot per day, bars stacked in the legend's order from the bottom.
    let days = summary.daily_tasks.len().max(1);
    let totals: Vec<u64> = summary
        .daily_tasks
        .iter()
        .map(|(_, tasks)| tasks.values().sum())
        .collect();
    let (step, top) = y_scale(totals.iter().copied().max().unwrap_or(0));
    let plot = root.margin(
        PLOT_TOP as u32,
        (CHART_HEIGHT as i32 - PLOT_BOTTOM) as u32,
        PLOT_LEFT as u32,
        MARGIN as u32,
    );
    let mut chart =
        ChartBuilder::on(&plot).build_cartesian_2d(-0.5f64..days as f64 - 0.5, 0u64..top)?;
    let (x_min, x_max) = (-0.5, days as f64 - 0.5);
    for value in (0..=top).step_by(step as usize) {
        if value > 0 {
            chart.plotting_area().draw(&PathElement::new(
                [(x_min, value), (x_max, value)],
                colour(GRID).stroke_width(2),
            ))?;
        }
        let (x, y) = chart.backend_coord(&(x_min, value));
        words.push(Word::new(
            &value.to_string(),
            Face::Regular,
            LABEL_PX,
            (x - 14, y),
            Anchor::Right,
            MUTED,
        ));
    }
    let bars = summary
        .daily_tasks
        .iter()
        .enumerate()
        .flat_map(|(i, (_, tasks))| stack(i, tasks));
    chart.draw_series(bars)?;

    // The axes, a tick under every day, a label every few days with the last one on today.
    let (left, top_px) = chart.backend_coord(&(x_min, top));
    let (right_px, bottom) = chart.backend_coord(&(x_max, 0));
    let axis = colour(MUTED).stroke_width(2);
    root.draw(&PathElement::new(
        [(left, top_px), (left, bottom), (right_px, bottom)],
        axis,
    ))?;
    let last = summary.daily_tasks.len().saturating_sub(1);
    for (i, label) in labels
        .days
        .iter()
        .enumerate()
        .take(summary.daily_tasks.len())
    {
        let (x, y) = chart.backend_coord(&(i as f64, 0));
        let labelled = (last - i).is_multiple_of(LABEL_EVERY);
        let tick = if labelled { 10 } else { 5 };
        root.draw(&PathElement::new([(x, y), (x, y + tick)], axis))?;
        if labelled {
            words.push(Word::new(
                label,
                Face::Regular,
                LABEL_PX,
                (x, y + 16),
                Anchor::Top,
                MUTED,
            ));
        }
    }

    if totals.iter().all(|&n| n == 0) {
        let centre = ((left + right_px) / 2, (top_px + bottom) / 2);
        let (note, px) = text::fit_line(
            &labels.empty,
            Face::Regular,
            30.0,
            18.0,
            (right_px - left - 40) as f32,
        );
        // On a patch of paper, so that no grid line runs through the words.
        let half = text::line_width(&note, Face::Regular, px) as i32 / 2 + 24;
        let (x, y) = centre;
        root.draw(&Rectangle::new(
            [(x - half, y - px as i32), (x + half, y + px as i32)],
            colour(PAPER).filled(),
        ))?;
        words.push(Word::new(
            &note,
            Face::Regular,
            px,
            centre,
            Anchor::Centre,
            MUTED,
        ));
    }
    Ok(words)
}

/// The rectangles of day `i`'s bar, one per task done that day, the first task at the bottom.
fn stack(i: usize, tasks: &BTreeMap<TaskKind, u64>) -> Vec<Rectangle<(f64, u64)>> {
    let (left, right) = (i as f64 - BAR_SHARE / 2.0, i as f64 + BAR_SHARE / 2.0);
    let mut base = 0;
    let mut rects = Vec::new();
    for task in TaskKind::ALL {
        let n = tasks.get(&task).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        rects.push(Rectangle::new(
            [(left, base), (right, base + n)],
            colour(task_colour(task)).filled(),
        ));
        base += n;
    }
    rects
}

/// A y axis for bars up to `max`: a round step (1, 2, 5 × 10ⁿ) giving at most 5 intervals up
/// to `max`, and the top of the axis, the first multiple of the step above `max` (at least 4).
fn y_scale(max: u64) -> (u64, u64) {
    let mut step = 1;
    'search: for magnitude in (0..19).map(|e| 10u64.pow(e)) {
        for unit in [1, 2, 5] {
            step = unit * magnitude;
            if max.div_ceil(step) <= 5 {
                break 'search;
            }
        }
    }
    (step, (max / step + 1).saturating_mul(step).max(4))
}

/// (month, day of month) of `day` (days since 1970).
fn month_day(day: u32) -> (u32, u32) {
    let iso = crate::tourist::iso_date(u64::from(day) * 86_400);
    let month = iso[5..7].parse().unwrap_or(1);
    let day = iso[8..10].parse().unwrap_or(1);
    (month, day)
}

fn colour([r, g, b]: [u8; 3]) -> RGBColor {
    RGBColor(r, g, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: u32 = 20_300;

    fn summary(days: &[(u32, &[(TaskKind, u64)])]) -> Summary {
        let first = TODAY - (CHART_DAYS - 1);
        let mut summary = Summary {
            today: TODAY,
            daily_tasks: (first..=TODAY).map(|d| (d, BTreeMap::new())).collect(),
            ..Summary::default()
        };
        for &(age, tasks) in days {
            let (_, day) = &mut summary.daily_tasks[(CHART_DAYS - 1 - age) as usize];
            day.extend(tasks.iter().copied());
        }
        summary
    }

    fn busy() -> Summary {
        let mut days: Vec<(u32, Vec<(TaskKind, u64)>)> = Vec::new();
        for age in 0..CHART_DAYS {
            let k = u64::from((age * 7 + 3) % 11);
            days.push((
                age,
                vec![
                    (TaskKind::Photo, k % 4 + 1),
                    (TaskKind::Review, k % 3),
                    (TaskKind::Postcard, (k + age as u64) % 3),
                    (TaskKind::Hashtag, k / 2 + 2),
                    (TaskKind::App, u64::from(age % 4 == 0)),
                ],
            ));
        }
        let borrowed: Vec<(u32, &[(TaskKind, u64)])> =
            days.iter().map(|(a, t)| (*a, t.as_slice())).collect();
        summary(&borrowed)
    }

    fn render(summary: &Summary, lang: Lang, name: &str) -> RgbImage {
        let labels = ChartLabels::new(&I18n::embedded(), lang, name, summary);
        let png = tasks_chart(summary, &labels).expect("renders");
        assert_eq!(&png[1..4], b"PNG");
        image::load_from_memory(&png).expect("decodes").to_rgb8()
    }

    /// The colours in the column through the middle of the bar `age` days before today, from
    /// the bottom of the plot up.
    fn column(chart: &RgbImage, age: u32) -> Vec<[u8; 3]> {
        let slot =
            f64::from((CHART_WIDTH as i32 - MARGIN - PLOT_LEFT) as u32) / f64::from(CHART_DAYS);
        let i = f64::from(CHART_DAYS - 1 - age);
        let x = (f64::from(PLOT_LEFT as u32) + (i + 0.5) * slot) as u32;
        (PLOT_TOP as u32 + 2..PLOT_BOTTOM as u32 - 2)
            .rev()
            .map(|y| chart.get_pixel(x, y).0)
            .collect()
    }

    fn holds(column: &[[u8; 3]], task: TaskKind) -> usize {
        column.iter().filter(|&&p| p == task_colour(task)).count()
    }

    #[test]
    fn the_png_has_the_chart_size() {
        let chart = render(&busy(), Lang::En, "Pau");
        assert_eq!(chart.dimensions(), (CHART_WIDTH, CHART_HEIGHT));
        assert_eq!(chart.get_pixel(4, 4).0, PAPER);
        // A partner's long name is shrunk or cut, never a failure.
        let long = "Hôtel Exemple des Pyrénées et du Béarn, chambres d’hôtes 😀 ".repeat(4);
        let chart = render(&busy(), Lang::Nl, &long);
        assert_eq!(chart.dimensions(), (CHART_WIDTH, CHART_HEIGHT));
    }

    #[test]
    fn bars_show_the_tasks_of_their_day_only() {
        let summary = summary(&[
            (0, &[(TaskKind::Photo, 3), (TaskKind::Hashtag, 2)]),
            (10, &[(TaskKind::Review, 4), (TaskKind::App, 1)]),
            (29, &[(TaskKind::Postcard, 5)]),
        ]);
        let chart = render(&summary, Lang::Fr, "Pau");

        let today = column(&chart, 0);
        assert!(holds(&today, TaskKind::Photo) > 0 && holds(&today, TaskKind::Hashtag) > 0);
        assert_eq!(
            today[0],
            task_colour(TaskKind::Photo),
            "the first task at the bottom"
        );
        // Three photos stand half as tall again as two hashtags.
        let (photo, hashtag) = (
            holds(&today, TaskKind::Photo),
            holds(&today, TaskKind::Hashtag),
        );
        assert!(photo.abs_diff(hashtag * 3 / 2) <= 3, "{photo} vs {hashtag}");
        for task in [TaskKind::Review, TaskKind::Postcard, TaskKind::App] {
            assert_eq!(holds(&today, task), 0, "{task}");
        }

        let ten_days_ago = column(&chart, 10);
        assert!(holds(&ten_days_ago, TaskKind::Review) > 0);
        assert!(holds(&ten_days_ago, TaskKind::App) > 0);
        assert_eq!(holds(&ten_days_ago, TaskKind::Photo), 0);
        assert!(
            holds(&column(&chart, 29), TaskKind::Postcard) > 0,
            "the first day is drawn"
        );

        // The tallest bar (5) fits under the top of the axis; an empty day shows no bar.
        assert!(holds(&column(&chart, 29), TaskKind::Postcard) < today.len() * 9 / 10);
        for age in [1, 5, 20] {
            let empty = column(&chart, age);
            for task in TaskKind::ALL {
                assert_eq!(holds(&empty, task), 0, "{task} on the day {age} days ago");
            }
        }
    }

    #[test]
    fn an_empty_summary_renders_a_clean_chart_with_a_note() {
        for summary in [summary(&[]), Summary::default()] {
            let chart = render(&summary, Lang::De, "Pau");
            let plot = chart
                .enumerate_pixels()
                .filter(|(_, y, _)| (PLOT_TOP as u32..PLOT_BOTTOM as u32).contains(y));
            let mut note = 0;
            for (x, y, pixel) in plot {
                assert!(
                    TaskKind::ALL.iter().all(|&t| pixel.0 != task_colour(t)),
                    "a bar at {x},{y}"
                );
                note += usize::from(pixel.0 == MUTED);
            }
            assert!(note > 500, "the note is written ({note} pixels)");
        }
    }

    #[test]
    fn the_labels_speak_the_admins_language() {
        let summary = summary(&[(0, &[(TaskKind::Photo, 1)])]);
        let i18n = I18n::embedded();
        let de = ChartLabels::new(&i18n, Lang::De, "Pau", &summary);
        assert_eq!(de.days.len(), CHART_DAYS as usize);
        assert_eq!(de.days.last().map(String::as_str), Some("31.07."));
        assert_eq!(de.tasks[1], "Bewertung");
        assert!(
            de.subtitle.contains("1 erledigte Aufgabe"),
            "{}",
            de.subtitle
        );
        let fr = ChartLabels::new(&i18n, Lang::Fr, "Pau", &summary);
        assert_eq!(fr.days[0], "02/07");
        assert!(fr.title.ends_with("Pau"), "{}", fr.title);
    }

    #[test]
    fn the_y_axis_has_round_steps() {
        assert_eq!(y_scale(0), (1, 4));
        assert_eq!(y_scale(3), (1, 4));
        assert_eq!(y_scale(5), (1, 6));
        assert_eq!(y_scale(10), (2, 12));
        assert_eq!(y_scale(13), (5, 15));
        assert_eq!(y_scale(1234), (500, 1500));
        // Absurd counts do not overflow.
        assert_eq!(y_scale(u64::MAX), (5_000_000_000_000_000_000, u64::MAX));
    }
}
