//! Printable posters: one per spot and per partner, with the QR code that opens the bot there.
//!
//! ```text
//! $ escale posters --out posters/
//! posters/: 6 posters (5 spots, 1 partner), each as boulevard.png (A5, 300 dpi) and boulevard.svg.
//! ```
//!
//! A5 portrait (148 x 210 mm; 1748 x 2480 px at 300 dpi), on the postcards' cream paper and in
//! their palette:
//!
//! ```text
//! ┌──────────────────────────────────────┐
//! │ ╭──────────────────────────────────╮ │
//! │ │ PAU         sky, sun and ridges  │ │  the postcards' designed landscape,
//! │ │ Château                          │ │  seeded by the id: each poster its skyline
//! │ │ de Pau              (white, big) │ │  the name, readable from 2 m
//! │ ╰──────────────────────────────────╯ │
//! │  Scannez-moi : 4 minutes, 4 souvenirs│  the call to action, default language (bold)
//! │          numériques de Pau           │
//! │               ───                    │
//! │  Scan me: 4 minutes, 4 digital       │  …and in English (italic)
//! │         souvenirs of Pau             │
//! │     ╭──────────────────────────╮     │
//! │     │ ▛▀▀▜ ▄ ▀▄  ▛▀▀▜          │     │
//! │     │    QR code, ~9 cm        │     │  the deep link, error correction Q
//! │     │ ▙▄▄▟ ▀▄█▀▄ ▄▀            │     │
//! │     │ https://t.me/…?start=…   │     │  the link written out
//! │     ╰──────────────────────────╯     │
//! │             #PauPyrenees             │
//! └──────────────────────────────────────┘
//! ```
//!
//! [`layout`] places everything once, in pixels at 300 dpi; [`Layout::png`] rasterises it and
//! [`Layout::svg`] writes the same shapes as vectors in millimetres, so the two files are the same
//! poster. Pure and synchronous: no I/O, no runtime.

mod svg;

use image::{Rgb, RgbImage};
use qrcode::EcLevel;

use crate::card::paint::{self, GLOW, mix};
use crate::card::text::{self, Face};
use crate::card::{CardError, PAPER, Palette, Qr, Rect, Scenery};
use crate::config::{Config, Partner, Spot};
use crate::i18n::{I18n, Lang};

/// Width of the PNG, in pixels (148 mm at 300 dpi).
pub const WIDTH: u32 = 1748;
/// Height of the PNG, in pixels (210 mm at 300 dpi).
pub const HEIGHT: u32 = 2480;
/// Resolution of the PNG (written in its `pHYs` chunk, so printers size it as A5).
pub const DPI: u32 = 300;
/// Width of the SVG's viewBox, in millimetres.
pub const WIDTH_MM: u32 = 148;
/// Height of the SVG's viewBox, in millimetres.
pub const HEIGHT_MM: u32 = 210;

/// What a poster is for: a spot, printed at the spot, or a partner, given to them.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Spot(&'a Spot),
    Partner(&'a Partner),
}

impl Subject<'_> {
    /// The spot's or partner's id, which names the files (unique across both, see `config`).
    pub fn id(&self) -> &str {
        match self {
            Subject::Spot(spot) => spot.id(),
            Subject::Partner(partner) => partner.id(),
        }
    }

    /// The `/start` payload the QR code carries: `spot_<id>` or `partner_<id>`.
    pub fn payload(&self) -> String {
        match self {
            Subject::Spot(spot) => format!("spot_{}", spot.id()),
            Subject::Partner(partner) => format!("partner_{}", partner.id()),
        }
    }
}

/// Every spot, then every partner, in the config's order.
pub fn subjects(config: &Config) -> Vec<Subject<'_>> {
    config
        .spots
        .iter()
        .map(Subject::Spot)
        .chain(config.partners.iter().map(Subject::Partner))
        .collect()
}

/// The words on a poster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// The destination, small above the name: "Pau".
    pub destination: String,
    /// The spot or partner, in the destination's default language.
    pub name: String,
    /// The call to action in the default language, then in English (once when they are the same
    /// language).
    pub calls: Vec<String>,
    /// The destination's hashtag, with its `#`.
    pub hashtag: String,
    /// What the QR code opens, also written out.
    pub link: String,
    /// Shapes the landscape's ridges (from the id): each poster gets its own skyline.
    pub seed: u64,
}

impl Content {
    pub fn new(config: &Config, i18n: &I18n, subject: &Subject<'_>) -> Content {
        let lang = config.destination.default_language;
        let destination = config.destination.name.get(lang, lang).to_owned();
        let mut languages = vec![lang];
        if lang != Lang::En {
            languages.push(Lang::En);
        }
        let calls = languages
            .into_iter()
            .map(|l| {
                // The destination's name in that language: "Pau" reads the same, another may not.
                let destination = config.destination.name.get(l, lang).to_owned();
                match subject {
                    Subject::Spot(spot) => i18n.t_args(
                        l,
                        "poster-spot-cta",
                        &[
                            ("tasks", spot.tasks.len().into()),
                            ("destination", destination.into()),
                        ],
                    ),
                    Subject::Partner(_) => i18n.t_args(
                        l,
                        "poster-partner-cta",
                        &[("destination", destination.into())],
                    ),
                }
            })
            .collect();
        let name = match subject {
            Subject::Spot(spot) => spot.name.get(lang, lang),
            Subject::Partner(partner) => partner.name.get(lang, lang),
        };
        Content {
            name: name.to_owned(),
            calls,
            hashtag: config.destination.hashtag.as_str().to_owned(),
            link: config.deep_link(&subject.payload()),
            seed: crate::card::seed(&destination, subject.id()),
            destination,
        }
    }
}

/// Why a poster could not be made: both are bugs or impossible configs, never the office's text.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    /// The link is empty or too long for a QR code.
    #[error("the link cannot be drawn as a QR code: {0}")]
    Link(String),
    /// The PNG encoder failed.
    #[error("the poster cannot be encoded as PNG: {0}")]
    Encode(String),
}

/// A poster, as the two files the office prints from.
#[derive(Debug, Clone)]
pub struct Poster {
    /// [`WIDTH`]x[`HEIGHT`] RGB PNG at [`DPI`].
    pub png: Vec<u8>,
    /// The same poster in a [`WIDTH_MM`]x[`HEIGHT_MM`] mm viewBox.
    pub svg: String,
}

/// Lays out and renders the poster: CPU-bound (a few hundred ms), call it off any async runtime.
pub fn render(content: &Content, palette: &Palette) -> Result<Poster, PosterError> {
    let layout = layout(content, palette)?;
    Ok(Poster {
        png: layout.png()?,
        svg: layout.svg(),
    })
}

/// Everything on a poster, placed, in pixels at [`DPI`], in painting order.
#[derive(Debug, Clone)]
pub struct Layout {
    pub items: Vec<Item>,
    /// The QR code's modules (quiet zone not included).
    pub qr: Rect,
    /// The named blocks of the layout, for checking that nothing overlaps or leaves the margins.
    pub blocks: Vec<(&'static str, Rect)>,
    /// The poster's title in the SVG: the name and the link.
    pub title: String,
    /// What the QR code opens (also a link on the SVG's code).
    pub link: String,
}

/// One shape of a poster.
#[derive(Debug, Clone)]
pub enum Item {
    /// A rectangle with rounded corners (`radius` 0: square).
    Fill {
        rect: Rect,
        radius: f32,
        colour: [u8; 3],
    },
    /// The designed landscape in a rounded frame, darkened towards its bottom (see
    /// [`paint::shade`]) so white names stay readable.
    Landscape {
        rect: Rect,
        radius: f32,
        scenery: Box<Scenery>,
        shade: (f32, f32),
    },
    /// A QR code, `module` pixels a module, its top-left module at (`x`, `y`).
    Code {
        x: u32,
        y: u32,
        module: u32,
        qr: Box<Qr>,
        colour: [u8; 3],
    },
    Text(Line),
}

/// A line of text, already wrapped and sized.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub face: Face,
    pub px: f32,
    /// The left end ([`Align::Left`]) or the middle ([`Align::Centre`]) of the line.
    pub x: f32,
    pub baseline: f32,
    pub align: Align,
    pub colour: [u8; 3],
    pub opacity: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
}

impl Line {
    /// The line's width as drawn.
    pub fn width(&self) -> f32 {
        text::line_width(&self.text, self.face, self.px)
    }

    /// Where the line starts on the left.
    pub fn left(&self) -> f32 {
        match self.align {
            Align::Left => self.x,
            Align::Centre => self.x - self.width() / 2.0,
        }
    }
}

/// Side margins (11 mm).
const MARGIN: u32 = 130;
/// Top margin (10 mm).
const TOP: u32 = 118;
/// The landscape band under the top margin (42 mm).
const BAND_HEIGHT: u32 = 500;
/// Padding inside the band.
const INSET: f32 = 64.0;
/// Corner radius of the band and the QR code's card (3.4 mm).
const RADIUS: f32 = 40.0;
/// The name: as large as fits (11 mm type, 8 mm capitals), down to half of that on two lines.
const NAME_PX: f32 = 132.0;
const NAME_MIN_PX: f32 = 64.0;
/// The destination above the name.
const KICKER_PX: f32 = 46.0;
/// The calls to action: as large as fits between the band and the code.
const CALL_PX: f32 = 66.0;
const CALL_MIN_PX: f32 = 36.0;
/// The QR code's modules take at least this many pixels a side (88 mm).
const CODE_SIDE: u32 = 1040;
/// Light modules around the code, inside its white card (the cream paper continues the quiet
/// zone beyond).
const QUIET_MODULES: u32 = 2;
/// The link under the code: this size or smaller, down to the minimum (2.5 mm type).
const LINK_PX: f32 = 42.0;
const LINK_MIN_PX: f32 = 30.0;
/// The hashtag at the foot.
const HASHTAG_PX: f32 = 62.0;
/// Baseline of the hashtag.
const HASHTAG_BASELINE: f32 = (HEIGHT - 150) as f32;
/// Space between the blocks.
const GAP: f32 = 52.0;

/// Places everything on the poster. Fails only when the link cannot be a QR code.
pub fn layout(content: &Content, palette: &Palette) -> Result<Layout, PosterError> {
    let qr = Qr::encode(&content.link, EcLevel::Q).map_err(|e| match e {
        CardError::Link(reason) => PosterError::Link(reason),
        other => PosterError::Link(other.to_string()),
    })?;
    let inner = WIDTH - 2 * MARGIN;
    let centre = WIDTH as f32 / 2.0;
    let white = [255, 255, 255];
    let mut items = Vec::new();
    let mut blocks = Vec::new();

    // The band: landscape, destination, name.
    let band = Rect {
        x: MARGIN,
        y: TOP,
        w: inner,
        h: BAND_HEIGHT,
    };
    let mut scenery = Scenery::new(palette, band.w, band.h, content.seed);
    // The postcard's sun sits where a poster's name goes: set it smaller, right, above the
    // ridges, so white type never crosses it.
    let sun_r = 0.045 * band.w as f32;
    scenery.sun = (
        band.w as f32 - 2.2 * sun_r - INSET,
        0.4 * band.h as f32,
        sun_r,
    );
    scenery.glow_reach = 4.0 * sun_r;
    items.push(Item::Landscape {
        rect: band,
        radius: RADIUS,
        scenery: Box::new(scenery),
        shade: (0.55, 0.5),
    });
    blocks.push(("band", band));
    let text_width = band.w as f32 - 2.0 * INSET;
    let left = band.x as f32 + INSET;
    let (kicker, kicker_px) = text::fit_line(
        &content.destination.to_uppercase(),
        Face::Bold,
        KICKER_PX,
        28.0,
        text_width,
    );
    let (kicker_ascent, _) = text::metrics(Face::Bold, kicker_px);
    let kicker_baseline = band.y as f32 + INSET * 0.8 + kicker_ascent;
    items.push(Item::Text(Line {
        text: kicker,
        face: Face::Bold,
        px: kicker_px,
        x: left,
        baseline: kicker_baseline,
        align: Align::Left,
        colour: white,
        opacity: 0.92,
    }));
    let (names, name_px) = name_lines(&content.name, text_width);
    let pitch = (name_px * 1.08).round();
    let last_baseline = (band.y + band.h) as f32 - INSET;
    let first_baseline = last_baseline - pitch * names.len().saturating_sub(1) as f32;
    for (i, name) in names.into_iter().enumerate() {
        let baseline = first_baseline + pitch * i as f32;
        let line = Line {
            text: name,
            face: Face::Bold,
            px: name_px,
            x: left,
            baseline,
            align: Align::Left,
            colour: white,
            opacity: 1.0,
        };
        // A soft shadow under the name, as on the postcards.
        items.push(Item::Text(Line {
            x: left + 3.0,
            baseline: baseline + 3.0,
            colour: [0, 0, 0],
            opacity: 0.4,
            ..line.clone()
        }));
        items.push(Item::Text(line));
    }

    // The hashtag at the foot, in the postcards' hashtag colour.
    let (hashtag, hashtag_px) =
        text::fit_line(&content.hashtag, Face::Bold, HASHTAG_PX, 36.0, inner as f32);
    let hashtag_line = Line {
        text: hashtag,
        face: Face::Bold,
        px: hashtag_px,
        x: centre,
        baseline: HASHTAG_BASELINE,
        align: Align::Centre,
        colour: mix(palette.horizon, palette.ink, 0.5),
        opacity: 1.0,
    };
    blocks.push(("hashtag", line_box(&hashtag_line)));

    // The card: the QR code on white, the link under it.
    let modules = qr.width() as u32;
    let module = CODE_SIDE
        .div_ceil(modules)
        .min(inner / (modules + 2 * QUIET_MODULES))
        .max(1);
    let side = module * modules;
    let quiet = module * QUIET_MODULES;
    let card_w = side + 2 * quiet;
    let (links, link_px) = link_lines(&content.link, card_w as f32 - 2.0 * quiet as f32);
    let link_pitch = (link_px * 1.35).round();
    let (link_ascent, link_descent) = text::metrics(Face::Regular, link_px);
    let link_height = link_pitch * (links.len() - 1) as f32 + link_ascent + link_descent;
    let card_h = quiet + side + (quiet as f32 * 0.5 + link_height) as u32 + quiet;
    let hashtag_top = line_box(&hashtag_line).y as f32;
    let card = Rect {
        x: (WIDTH - card_w) / 2,
        y: (hashtag_top - GAP) as u32 - card_h,
        w: card_w,
        h: card_h,
    };
    let border = 4;
    items.push(Item::Fill {
        rect: Rect {
            x: card.x - border,
            y: card.y - border,
            w: card.w + 2 * border,
            h: card.h + 2 * border,
        },
        radius: RADIUS + border as f32,
        colour: mix(palette.horizon, PAPER, 0.35),
    });
    items.push(Item::Fill {
        rect: card,
        radius: RADIUS,
        colour: white,
    });
    let code = Rect {
        x: card.x + quiet,
        y: card.y + quiet,
        w: side,
        h: side,
    };
    items.push(Item::Code {
        x: code.x,
        y: code.y,
        module,
        qr: Box::new(qr),
        colour: palette.ink,
    });
    blocks.push(("card", card));
    let first_link = (code.y + side) as f32 + quiet as f32 * 0.5 + link_ascent;
    for (i, link) in links.into_iter().enumerate() {
        items.push(Item::Text(Line {
            text: link,
            face: Face::Regular,
            px: link_px,
            x: centre,
            baseline: first_link + link_pitch * i as f32,
            align: Align::Centre,
            colour: palette.ink,
            opacity: 0.85,
        }));
    }
    items.push(Item::Text(hashtag_line));

    // The calls to action, centred between the band and the card.
    let top = (band.y + band.h) as f32 + GAP;
    let bottom = card.y as f32 - GAP;
    let calls = calls_block(&content.calls, inner as f32, bottom - top, palette);
    let height = calls.height;
    let offset = top + ((bottom - top - height) / 2.0).max(0.0);
    blocks.push((
        "calls",
        Rect {
            x: MARGIN,
            y: offset as u32,
            w: inner,
            h: height.ceil() as u32,
        },
    ));
    for item in calls.items {
        items.push(match item {
            Item::Text(line) => Item::Text(Line {
                x: centre,
                baseline: line.baseline + offset,
                ..line
            }),
            Item::Fill {
                rect,
                radius,
                colour,
            } => Item::Fill {
                rect: Rect {
                    y: rect.y + offset as u32,
                    ..rect
                },
                radius,
                colour,
            },
            other => other,
        });
    }

    Ok(Layout {
        items,
        qr: code,
        blocks,
        title: format!("{} — {}", content.name, content.link),
        link: content.link.clone(),
    })
}

/// The calls to action, laid out from y = 0 and centred on x = 0 (the caller moves them).
struct Calls {
    items: Vec<Item>,
    height: f32,
    /// Every call took at most two lines.
    fits: bool,
}

/// The first call bold in ink, the next ones italic and softer, a short apricot rule between:
/// at the largest size (by 2 px) at which each call takes at most two lines and all fit `height`.
fn calls_block(calls: &[String], width: f32, height: f32, palette: &Palette) -> Calls {
    let mut px = CALL_PX;
    loop {
        let laid = calls_at(calls, px, width, palette);
        if (laid.fits && laid.height <= height) || px - 2.0 < CALL_MIN_PX {
            return laid;
        }
        px -= 2.0;
    }
}

/// [`calls_block`] with the first call at `px`.
fn calls_at(calls: &[String], px: f32, width: f32, palette: &Palette) -> Calls {
    let mut items = Vec::new();
    let mut y = 0.0;
    let mut fits = true;
    for (i, call) in calls.iter().enumerate() {
        let (face, size, colour) = if i == 0 {
            (Face::Bold, px, palette.ink)
        } else {
            (
                Face::Script,
                (px * 0.92).round(),
                mix(palette.ink, PAPER, 0.22),
            )
        };
        if i > 0 {
            let rule_gap = (px * 0.55).round();
            items.push(Item::Fill {
                rect: Rect {
                    x: (WIDTH - RULE_WIDTH) / 2,
                    y: (y + rule_gap - 3.0) as u32,
                    w: RULE_WIDTH,
                    h: 6,
                },
                radius: 3.0,
                colour: palette.horizon,
            });
            y += 2.0 * rule_gap;
        }
        let lines = balanced(call, face, size, width);
        fits &= lines.len() <= 2;
        let pitch = (size * 1.22).round();
        let (ascent, descent) = text::metrics(face, size);
        for (j, line) in lines.iter().enumerate() {
            items.push(Item::Text(Line {
                text: line.clone(),
                face,
                px: size,
                x: 0.0,
                baseline: y + ascent + pitch * j as f32,
                align: Align::Centre,
                colour,
                opacity: 1.0,
            }));
        }
        y += ascent + descent + pitch * lines.len().saturating_sub(1) as f32;
    }
    Calls {
        items,
        height: y,
        fits,
    }
}

/// Width of the rule between the two languages.
const RULE_WIDTH: u32 = 120;

/// The box a line's ink can take: ascent above the baseline, descent below.
fn line_box(line: &Line) -> Rect {
    let (ascent, descent) = text::metrics(line.face, line.px);
    Rect {
        x: line.left().max(0.0) as u32,
        y: (line.baseline - ascent).max(0.0) as u32,
        w: line.width().ceil() as u32,
        h: (ascent + descent).ceil() as u32,
    }
}

/// `text` in lines no wider than `width`, as few as greedy wrapping needs but as even as they
/// can be, so a two-line title does not leave one word alone on its second line.
///
/// Two lines are broken where the longer line is shortest, preferring a break after a
/// punctuation mark (a phrase ends there) and never right after a number ("4 / souvenirs"
/// reads badly). More lines take the narrowest width that still gives that many.
pub fn balanced(text: &str, face: Face, px: f32, width: f32) -> Vec<String> {
    let lines = text::wrap(text, face, px, width);
    let count = lines.len();
    if count < 2 {
        return lines;
    }
    // Only whole words move between lines (a word wider than the line was cut: keep that).
    if count == 2 && lines.join(" ") == text::drawable_in(text, face) {
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
        let best = (1..words.len())
            .filter_map(|at| {
                let (first, second) = (words[..at].join(" "), words[at..].join(" "));
                let widths = (
                    text::line_width(&first, face, px),
                    text::line_width(&second, face, px),
                );
                if widths.0 > width || widths.1 > width {
                    return None;
                }
                let last = words[at - 1];
                let mut score = widths.0.max(widths.1);
                if last.ends_with([',', ':', ';', '–', '—']) {
                    score -= 0.12 * width;
                }
                if last.chars().all(|c| c.is_ascii_digit()) {
                    score += width;
                }
                Some((score, vec![first, second]))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        return best.map_or(lines, |(_, lines)| lines);
    }
    let (mut narrow, mut wide) = (0.0_f32, width);
    for _ in 0..16 {
        let mid = (narrow + wide) / 2.0;
        if text::wrap(text, face, px, mid).len() <= count {
            wide = mid;
        } else {
            narrow = mid;
        }
    }
    text::wrap(text, face, px, wide)
}

/// The largest size from `max_px` down to `min_px` (by 2 px) at which `text` takes at most
/// `max_lines` [`balanced`] lines of `width`. At `min_px`, the lines beyond are dropped and the
/// last one ends with "…".
pub fn fit_lines(
    text: &str,
    face: Face,
    max_px: f32,
    min_px: f32,
    width: f32,
    max_lines: usize,
) -> (Vec<String>, f32) {
    let mut px = max_px;
    while px >= min_px {
        let lines = balanced(text, face, px, width);
        if lines.len() <= max_lines {
            return (lines, px);
        }
        px -= 2.0;
    }
    let mut lines = text::wrap(text, face, min_px, width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = text::ellipsize(&format!("{last}…"), face, min_px, width);
        }
    }
    (lines, min_px)
}

/// The name's lines: one line when it fits at four fifths of the full size or more, else two
/// lines as large as fit (a very long name is shrunk, then cut with "…").
pub fn name_lines(name: &str, width: f32) -> (Vec<String>, f32) {
    let one = text::drawable_in(name, Face::Bold).replace('\n', " ");
    let mut px = NAME_PX;
    while px >= NAME_PX * 0.8 {
        if text::line_width(&one, Face::Bold, px) <= width {
            return (vec![one], px);
        }
        px -= 2.0;
    }
    fit_lines(name, Face::Bold, NAME_PX, NAME_MIN_PX, width, 2)
}

/// The link written out under the code: one line as large as fits, else broken before its
/// `?start=` into two lines. Never cut with "…": every character is needed to type it.
pub fn link_lines(link: &str, width: f32) -> (Vec<String>, f32) {
    let fits = |line: &str, px: f32| text::line_width(line, Face::Regular, px) <= width;
    let mut px = LINK_PX;
    while px >= LINK_MIN_PX {
        if fits(link, px) {
            return (vec![link.to_owned()], px);
        }
        px -= 2.0;
    }
    if let Some(at) = link.find('?') {
        let (host, query) = link.split_at(at);
        let mut px = LINK_PX;
        while px >= LINK_MIN_PX {
            if fits(host, px) && fits(query, px) {
                return (vec![host.to_owned(), query.to_owned()], px);
            }
            px -= 2.0;
        }
    }
    // Beyond Telegram's limits on usernames and payloads: cut between characters.
    (
        text::wrap(link, Face::Regular, LINK_MIN_PX, width),
        LINK_MIN_PX,
    )
}

impl Layout {
    /// The poster as pixels.
    pub fn raster(&self) -> RgbImage {
        let mut canvas = RgbImage::from_pixel(WIDTH, HEIGHT, Rgb(PAPER));
        for item in &self.items {
            match item {
                Item::Fill {
                    rect,
                    radius,
                    colour,
                } => {
                    let shape = Rounded::new(*rect, *radius, canvas.dimensions());
                    let stride = WIDTH as usize * 3;
                    for &(y, from, to) in &shape.spans {
                        let start = y as usize * stride;
                        let row = &mut canvas.as_mut()
                            [start + from as usize * 3..start + to as usize * 3];
                        for pixel in row.chunks_exact_mut(3) {
                            pixel.copy_from_slice(colour);
                        }
                    }
                    for &(x, y, coverage) in &shape.edges {
                        text::blend(&mut canvas.get_pixel_mut(x, y).0, *colour, coverage);
                    }
                }
                Item::Landscape {
                    rect,
                    radius,
                    scenery,
                    shade,
                } => {
                    let mut picture = scenery.paint(rect.w, rect.h);
                    let whole = Rect {
                        x: 0,
                        y: 0,
                        w: rect.w,
                        h: rect.h,
                    };
                    paint::shade(&mut picture, whole, shade.0, shade.1);
                    let shape = Rounded::new(*rect, *radius, canvas.dimensions());
                    let (stride, picture_stride) = (WIDTH as usize * 3, rect.w as usize * 3);
                    for &(y, from, to) in &shape.spans {
                        let start = y as usize * stride;
                        let source = (y - rect.y) as usize * picture_stride;
                        let (from, to) = ((from - rect.x) as usize * 3, (to - rect.x) as usize * 3);
                        canvas.as_mut()
                            [start + rect.x as usize * 3 + from..start + rect.x as usize * 3 + to]
                            .copy_from_slice(&picture.as_raw()[source + from..source + to]);
                    }
                    for &(x, y, coverage) in &shape.edges {
                        let from = picture.get_pixel(x - rect.x, y - rect.y).0;
                        text::blend(&mut canvas.get_pixel_mut(x, y).0, from, coverage);
                    }
                }
                Item::Code {
                    x,
                    y,
                    module,
                    qr,
                    colour,
                } => {
                    // Module rows as runs of dark modules: whole rows of pixels, no blending.
                    let stride = WIDTH as usize * 3;
                    for (my, from, to) in dark_runs(qr) {
                        let (left, right) = (x + from as u32 * module, x + to as u32 * module);
                        let top = y + my as u32 * module;
                        for row in top..(top + module).min(HEIGHT) {
                            let start = row as usize * stride;
                            let pixels = &mut canvas.as_mut()[start + left.min(WIDTH) as usize * 3
                                ..start + right.min(WIDTH) as usize * 3];
                            for pixel in pixels.chunks_exact_mut(3) {
                                pixel.copy_from_slice(colour);
                            }
                        }
                    }
                }
                Item::Text(line) => text::draw(
                    &mut canvas,
                    &line.text,
                    line.face,
                    line.px,
                    (line.left(), line.baseline),
                    line.colour,
                    line.opacity,
                ),
            }
        }
        canvas
    }

    /// The poster as a PNG, with its resolution recorded so that it prints as A5.
    pub fn png(&self) -> Result<Vec<u8>, PosterError> {
        let canvas = self.raster();
        let mut out = Vec::with_capacity(2 * 1024 * 1024);
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // 300 dpi in pixels per metre, rounded as every tool does.
        let per_metre = (f64::from(DPI) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        encoder.set_compression(png::Compression::Fast);
        let encode = |e: png::EncodingError| PosterError::Encode(e.to_string());
        let mut writer = encoder.write_header().map_err(encode)?;
        writer.write_image_data(canvas.as_raw()).map_err(encode)?;
        writer.finish().map_err(encode)?;
        Ok(out)
    }
}

/// The dark modules of `qr` as runs along each row: (row, first column, column past the last).
fn dark_runs(qr: &Qr) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    for row in 0..qr.width() {
        let mut column = 0;
        while column < qr.width() {
            if !qr.is_dark(column, row) {
                column += 1;
                continue;
            }
            let start = column;
            while column < qr.width() && qr.is_dark(column, row) {
                column += 1;
            }
            runs.push((row, start, column));
        }
    }
    runs
}

/// A rectangle with rounded corners, as pixels: whole runs of fully covered pixels, and the
/// antialiased pixels of the corners with their coverage. Clipped to the canvas.
struct Rounded {
    /// (y, first x, x past the last) of fully covered pixels.
    spans: Vec<(u32, u32, u32)>,
    /// (x, y, coverage in 0..1) of partly covered pixels.
    edges: Vec<(u32, u32, f32)>,
}

impl Rounded {
    fn new(rect: Rect, radius: f32, (width, height): (u32, u32)) -> Rounded {
        let radius = radius.min(rect.w.min(rect.h) as f32 / 2.0).max(0.0);
        let (left, top) = (rect.x as f32 + radius, rect.y as f32 + radius);
        let (right, bottom) = (
            (rect.x + rect.w) as f32 - radius,
            (rect.y + rect.h) as f32 - radius,
        );
        let (x_end, y_end) = ((rect.x + rect.w).min(width), (rect.y + rect.h).min(height));
        let corner = radius.ceil() as u32;
        let mut shape = Rounded {
            spans: Vec::new(),
            edges: Vec::new(),
        };
        for y in rect.y..y_end {
            let py = y as f32 + 0.5;
            let dy = (top - py).max(py - bottom).max(0.0);
            if dy == 0.0 {
                if rect.x < x_end {
                    shape.spans.push((y, rect.x, x_end));
                }
                continue;
            }
            // A corner row: pixels within the corners' reach are measured, the middle is full.
            let (inner_left, inner_right) = (rect.x + corner, x_end.saturating_sub(corner));
            let measured =
                (rect.x..inner_left.min(x_end)).chain(inner_right.max(inner_left)..x_end);
            for x in measured {
                let px = x as f32 + 0.5;
                let dx = (left - px).max(px - right).max(0.0);
                let coverage = (radius + 0.5 - (dx * dx + dy * dy).sqrt()).clamp(0.0, 1.0);
                if coverage >= 1.0 {
                    shape.spans.push((y, x, x + 1));
                } else if coverage > 0.0 {
                    shape.edges.push((x, y, coverage));
                }
            }
            if inner_left < inner_right {
                shape.spans.push((y, inner_left, inner_right));
            }
        }
        shape
    }
}

#[cfg(test)]
mod tests {
    use super::svg::{escape, mm, number};
    use super::*;
    use crate::card::testing::qr_content;

    const LINK: &str = "https://t.me/PauPyreneesBot?start=spot_chateau";

    fn config() -> Config {
        Config::embedded()
    }

    fn content_of(config: &Config, id: &str) -> Content {
        let i18n = I18n::embedded();
        let subject = subjects(config)
            .into_iter()
            .find(|s| s.id() == id)
            .unwrap_or_else(|| panic!("no {id} in the shipped config"));
        Content::new(config, &i18n, &subject)
    }

    fn laid(content: &Content) -> Layout {
        match layout(content, &Palette::default()) {
            Ok(layout) => layout,
            Err(e) => panic!("layout failed: {e}"),
        }
    }

    fn lines(layout: &Layout) -> Vec<&Line> {
        layout
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(line) => Some(line),
                _ => None,
            })
            .collect()
    }

    fn overlap(a: Rect, b: Rect) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn content_of_a_spot_counts_its_tasks_in_french_then_english() {
        let config = config();
        let content = content_of(&config, "chateau");
        assert_eq!(content.link, LINK);
        assert_eq!(content.name, "Château de Pau");
        assert_eq!(content.destination, "Pau");
        assert_eq!(content.hashtag, "#PauPyrenees");
        // The château has four tasks; French typography: narrow no-break space before the colon.
        assert_eq!(
            content.calls,
            [
                "Scannez-moi\u{202F}: 4 minutes, 4 souvenirs numériques de Pau",
                "Scan me: 4 minutes, 4 digital souvenirs of Pau",
            ]
        );
        let funicular = content_of(&config, "funiculaire");
        assert!(funicular.calls[1].starts_with("Scan me: 2 minutes, 2 digital"));
        assert_ne!(content.seed, funicular.seed, "each spot its own skyline");
    }

    #[test]
    fn content_of_a_partner_welcomes() {
        let config = config();
        let content = content_of(&config, "hotel-exemple");
        assert_eq!(
            content.link,
            "https://t.me/PauPyreneesBot?start=partner_hotel-exemple"
        );
        assert_eq!(content.name, "Hôtel Exemple (partenaire fictif)");
        assert_eq!(
            content.calls[1],
            "Scan me: Pau in your pocket during your stay"
        );
        assert!(content.calls[0].contains("votre séjour"));
    }

    #[test]
    fn an_english_destination_says_it_once() {
        let shipped = include_str!("../config.toml")
            .replace("default_language = \"fr\"", "default_language = \"en\"");
        let config = match Config::parse(&shipped) {
            Ok(config) => config,
            Err(e) => panic!("{e}"),
        };
        let content = content_of(&config, "funiculaire");
        assert_eq!(content.name, "Pau Funicular");
        assert_eq!(
            content.calls,
            ["Scan me: 2 minutes, 2 digital souvenirs of Pau"]
        );
    }

    #[test]
    fn one_task_is_singular() {
        let i18n = I18n::embedded();
        let args = |n: usize| [("tasks", n.into()), ("destination", "Pau".into())];
        assert_eq!(
            i18n.t_args(Lang::En, "poster-spot-cta", &args(1)),
            "Scan me: 1 minute, 1 digital souvenir of Pau"
        );
        assert!(
            i18n.t_args(Lang::Fr, "poster-spot-cta", &args(1))
                .contains("1 souvenir numérique de")
        );
    }

    #[test]
    fn the_bold_face_keeps_the_narrow_no_break_space() {
        let call = "Scannez-moi\u{202F}: 4 minutes";
        assert_eq!(text::drawable_in(call, Face::Bold), call);
        // And wrapping never breaks there.
        let width = text::line_width("Scannez-moi\u{202F}: 4", Face::Bold, 60.0);
        for line in balanced(call, Face::Bold, 60.0, width) {
            assert!(!line.starts_with(':'), "{line:?}");
        }
    }

    #[test]
    fn every_poster_of_the_shipped_config_stays_in_its_margins_without_overlaps() {
        let config = config();
        for subject in subjects(&config) {
            let content = content_of(&config, subject.id());
            let layout = laid(&content);
            let page = Rect {
                x: MARGIN,
                y: TOP,
                w: WIDTH - 2 * MARGIN,
                h: HEIGHT - 2 * TOP,
            };
            for (name, rect) in &layout.blocks {
                assert!(
                    rect.x >= page.x
                        && rect.y >= page.y
                        && rect.x + rect.w <= page.x + page.w
                        && rect.y + rect.h <= page.y + page.h,
                    "{}: {name} {rect:?} leaves the margins {page:?}",
                    subject.id()
                );
            }
            for (i, (a, ra)) in layout.blocks.iter().enumerate() {
                for (b, rb) in &layout.blocks[i + 1..] {
                    assert!(!overlap(*ra, *rb), "{}: {a} overlaps {b}", subject.id());
                }
            }
            for line in lines(&layout) {
                let left = line.left();
                assert!(
                    left >= MARGIN as f32 - 4.0
                        && left + line.width() <= (WIDTH - MARGIN) as f32 + 4.0,
                    "{}: {:?} is wider than the page",
                    subject.id(),
                    line.text
                );
                assert!(!line.text.ends_with('…'), "{:?} was cut", line.text);
            }
            // The code is at least 88 mm wide, on whole pixels a module.
            assert!(layout.qr.w >= CODE_SIDE, "{:?}", layout.qr);
            assert_eq!(layout.qr.w, layout.qr.h);
        }
    }

    #[test]
    fn the_name_is_large_enough_to_read_from_two_metres() {
        let config = config();
        for subject in subjects(&config) {
            let layout = laid(&content_of(&config, subject.id()));
            let name = lines(&layout)
                .into_iter()
                .map(|line| line.px)
                .fold(0.0, f32::max);
            // 100 px at 300 dpi is 8.5 mm type, about 6 mm capitals.
            assert!(
                name >= 100.0,
                "{}: the name is set at {name} px",
                subject.id()
            );
        }
    }

    #[test]
    fn a_long_name_takes_two_even_lines_and_a_short_one_one() {
        let width = (WIDTH - 2 * MARGIN) as f32 - 2.0 * INSET;
        let (short, px) = name_lines("Château de Pau", width);
        assert_eq!((short.len(), px), (1, NAME_PX));
        let (two, px) = name_lines("Hôtel Exemple (partenaire fictif)", width);
        assert_eq!(two, ["Hôtel Exemple", "(partenaire fictif)"]);
        assert!(px >= 100.0);
        let (cut, px) = name_lines(&"Très long nom ".repeat(20), width);
        assert_eq!((cut.len(), px), (2, NAME_MIN_PX));
        assert!(cut[1].ends_with('…'));
        for line in &cut {
            assert!(text::line_width(line, Face::Bold, px) <= width);
        }
    }

    #[test]
    fn balanced_lines_are_as_many_as_greedy_and_more_even() {
        let text = "Scan me: 5 minutes, 5 digital souvenirs of Pau";
        let width = text::line_width("Scan me: 5 minutes, 5 digital souvenirs", Face::Bold, 60.0);
        let greedy = text::wrap(text, Face::Bold, 60.0, width);
        let even = balanced(text, Face::Bold, 60.0, width);
        assert_eq!(greedy.len(), 2);
        assert_eq!(even.len(), 2);
        assert_eq!(even.join(" "), text);
        let spread = |lines: &[String]| {
            let widths: Vec<f32> = lines
                .iter()
                .map(|l| text::line_width(l, Face::Bold, 60.0))
                .collect();
            widths[0] - widths[1]
        };
        assert!(spread(&even).abs() < spread(&greedy).abs(), "{even:?}");
        assert_eq!(balanced("Pau", Face::Bold, 60.0, 1000.0), ["Pau"]);
    }

    #[test]
    fn the_link_is_never_cut_only_broken_before_its_query() {
        let (one, px) = link_lines(LINK, 1184.0);
        assert_eq!(
            (one.as_slice(), px),
            ([LINK.to_owned()].as_slice(), LINK_PX)
        );
        // The longest a Telegram link gets: a 32-character username, a 40-character payload.
        let longest = format!(
            "https://t.me/{}?start=partner_{}",
            "B".repeat(32),
            "x".repeat(32)
        );
        let (two, px) = link_lines(&longest, 1184.0);
        assert_eq!(two.concat(), longest);
        assert_eq!(two.len(), 2);
        assert!(two[1].starts_with("?start="));
        assert!(px >= LINK_MIN_PX);
    }

    #[test]
    fn the_png_is_a5_at_300_dpi_and_its_code_decodes_to_the_link() {
        let config = config();
        let content = content_of(&config, "chateau");
        let poster = match render(&content, &Palette::default()) {
            Ok(poster) => poster,
            Err(e) => panic!("{e}"),
        };
        let decoder = png::Decoder::new(std::io::Cursor::new(&poster.png));
        let reader = match decoder.read_info() {
            Ok(reader) => reader,
            Err(e) => panic!("not a PNG: {e}"),
        };
        let info = reader.info();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        assert_eq!(
            info.pixel_dims.map(|d| (d.xppu, d.unit)),
            Some((11811, png::Unit::Meter))
        );
        let image = match image::load_from_memory(&poster.png) {
            Ok(image) => image.into_rgb8(),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(qr_content(&image), [LINK]);
    }

    #[test]
    fn the_svg_is_the_same_poster_in_millimetres() {
        let config = config();
        let content = content_of(&config, "hotel-exemple");
        let svg = laid(&content).svg();
        let document = match roxmltree::Document::parse(&svg) {
            Ok(document) => document,
            Err(e) => panic!("{e}\n{svg}"),
        };
        let root = document.root_element();
        assert_eq!(root.attribute("viewBox"), Some("0 0 148 210"));
        assert_eq!(root.attribute("width"), Some("148mm"));
        let texts: Vec<String> = root
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_owned))
            .collect();
        for expected in [
            content.link.as_str(),
            "#PauPyrenees",
            "PAU",
            "Scan me: Pau in your pocket",
        ] {
            assert!(
                texts
                    .iter()
                    .any(|t| t.contains(expected) || expected.contains(t.as_str())),
                "{expected:?} not in {texts:?}"
            );
        }
        // The code links to the same place as it encodes.
        assert!(
            root.descendants()
                .any(|n| n.has_tag_name("a") && n.attribute("href") == Some(&content.link))
        );
    }

    #[test]
    fn svg_text_is_escaped() {
        assert_eq!(
            escape("Tom & Jerry's <\"bar\">\u{1}"),
            "Tom &amp; Jerry&apos;s &lt;&quot;bar&quot;&gt;"
        );
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(2.0), "2");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(mm(300.0), "25.4");
    }

    #[test]
    fn rounded_corners_are_cut_and_antialiased() {
        let rect = Rect {
            x: 10,
            y: 10,
            w: 100,
            h: 60,
        };
        let shape = Rounded::new(rect, 20.0, (200, 200));
        let mut covered = std::collections::HashMap::new();
        for &(y, from, to) in &shape.spans {
            for x in from..to {
                assert!(covered.insert((x, y), 1.0).is_none(), "({x}, {y}) twice");
            }
        }
        for &(x, y, c) in &shape.edges {
            assert!(covered.insert((x, y), c).is_none(), "({x}, {y}) twice");
        }
        assert_eq!(covered.get(&(60, 40)), Some(&1.0), "the middle is full");
        assert_eq!(covered.get(&(10, 40)), Some(&1.0), "the edges are straight");
        assert_eq!(covered.get(&(60, 10)), Some(&1.0));
        assert!(!covered.contains_key(&(10, 10)), "the corner is cut");
        assert!(!covered.contains_key(&(109, 69)), "the corner is cut");
        assert!(
            covered
                .keys()
                .all(|&(x, y)| (10..110).contains(&x) && (10..70).contains(&y))
        );
        assert!(
            shape.edges.iter().all(|&(_, _, c)| c > 0.0 && c < 1.0) && !shape.edges.is_empty(),
            "the curve is antialiased"
        );
        // Clipped to the canvas.
        let clipped = Rounded::new(rect, 20.0, (50, 30));
        assert!(clipped.spans.iter().all(|&(y, _, to)| y < 30 && to <= 50));
    }

    /// Writes the shipped config's posters to the temp dir to look at: `cargo test
    /// poster::tests::samples -- --ignored`.
    #[test]
    #[ignore = "writes sample posters for a person to look at"]
    fn samples() {
        let config = config();
        let dir = std::env::temp_dir();
        for subject in subjects(&config) {
            let content = content_of(&config, subject.id());
            let Ok(poster) = render(&content, &Palette::default()) else {
                panic!("render failed");
            };
            let id = subject.id();
            assert!(std::fs::write(dir.join(format!("poster-{id}.png")), &poster.png).is_ok());
            assert!(std::fs::write(dir.join(format!("poster-{id}.svg")), &poster.svg).is_ok());
        }
    }
}
