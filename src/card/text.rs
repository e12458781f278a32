//! Type on the card: the two bundled faces, what they can draw, measuring, wrapping and drawing.
//!
//! imageproc has no wrapping and no fallback, so the card does its own: one function
//! ([`line_width`]) measures a line exactly as [`draw`] places it (advances plus kerning), which is
//! what lets [`wrap`] promise that no drawn line is wider than asked.
//!
//! The fonts have no emoji, CJK or shaping engine. Rather than draw a tofu box, or Arabic letters
//! unjoined and left to right, [`drawable`] drops what a face cannot draw correctly.

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use image::RgbImage;

/// DejaVu Sans Bold (Bitstream Vera licence, `assets/fonts/LICENSE`).
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// DejaVu Sans, regular weight (same licence): a poster's small print, the chart's labels.
const SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Serif Italic: the "handwritten" voice of the tourist's message.
const SERIF_ITALIC: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Italic.ttf");

/// A bundled typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// DejaVu Sans Bold: the destination's name and the hashtag.
    Bold,
    /// DejaVu Serif Italic: the tourist's message and the spot's name.
    Script,
    /// DejaVu Sans: small print (a poster's link) and the `/stats` chart's labels.
    Regular,
}

impl Face {
    /// The parsed font. The bytes are bundled, so this cannot depend on input; the test
    /// `bundled_fonts_parse` guards the one `expect`.
    fn font(self) -> FontRef<'static> {
        let bytes = match self {
            Face::Bold => SANS_BOLD,
            Face::Script => SERIF_ITALIC,
            Face::Regular => SANS,
        };
        #[expect(
            clippy::expect_used,
            reason = "bundled constant bytes, checked by the bundled_fonts_parse test"
        )]
        FontRef::try_from_slice(bytes).expect("bundled font parses")
    }
}

/// What of `text` the message face ([`Face::Script`]) will draw, as the card will show it.
///
/// Characters the face lacks (emoji, CJK…) and scripts it cannot shape (Arabic, Hebrew…) are
/// dropped, invisible formatting characters (ZWJ, variation selectors, skin tones) too, tabs become
/// spaces, and the double spaces a dropped character leaves are closed. Line breaks are kept. The
/// bot can compare the result with what the tourist typed and warn them before sending.
pub fn drawable(text: &str) -> String {
    drawable_in(text, Face::Script)
}

/// [`drawable`] for any face: names use [`Face::Bold`].
pub fn drawable_in(text: &str, face: Face) -> String {
    let font = face.font();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\t' => ' ',
            '\r' => continue,
            _ => c,
        };
        let keep = c == '\n' || c == ' ' || (!c.is_control() && drawn(c) && has_glyph(&font, c));
        if !keep {
            continue;
        }
        // Close the gap a dropped character leaves: no double space, no space opening a line.
        if c == ' ' && (out.is_empty() || out.ends_with(' ') || out.ends_with('\n')) {
            continue;
        }
        if c == '\n' && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    while out.ends_with([' ', '\n']) {
        out.pop();
    }
    out
}

/// Width in pixels of `line` set in `face` at `px`, exactly as [`draw`] would advance over it.
/// Call it on [`drawable`] text: characters the face lacks are measured as nothing.
pub fn line_width(line: &str, face: Face, px: f32) -> f32 {
    let font = face.font();
    let scaled = font.as_scaled(PxScale::from(px));
    advance(&scaled, line)
}

/// Breaks `text` into lines no wider than `max_width` pixels in `face` at `px`.
///
/// Greedy by words; a word wider than the line is cut between characters (no hyphenation, every
/// line gets at least one character so it always ends). Explicit line breaks are kept, empty
/// paragraphs become empty lines. Undrawable characters are dropped first (see [`drawable`]).
pub fn wrap(text: &str, face: Face, px: f32, max_width: f32) -> Vec<String> {
    let font = face.font();
    let scaled = font.as_scaled(PxScale::from(px));
    let fits = |s: &str| advance(&scaled, s) <= max_width;
    let mut lines = Vec::new();
    for paragraph in drawable_in(text, face).split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fits(word) {
                line = word.to_owned();
                continue;
            }
            // A word longer than the line: cut it where it stops fitting.
            for c in word.chars() {
                line.push(c);
                if !fits(&line) && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// The largest size from `max_px` down to `min_px` (by 2 px) at which `text` fits on one line of
/// `max_width`; at `min_px` a text still too wide is cut and ends with "…". Used for names, which
/// come from the office's config and may be long.
pub fn fit_line(text: &str, face: Face, max_px: f32, min_px: f32, max_width: f32) -> (String, f32) {
    let text = drawable_in(text, face).replace('\n', " ");
    let mut px = max_px;
    while px > min_px {
        if line_width(&text, face, px) <= max_width {
            return (text, px);
        }
        px -= 2.0;
    }
    (ellipsize(&text, face, min_px, max_width), min_px)
}

/// `text` cut so that it plus "…" fits `max_width`; `text` unchanged when it already fits.
pub fn ellipsize(text: &str, face: Face, px: f32, max_width: f32) -> String {
    if line_width(text, face, px) <= max_width {
        return text.to_owned();
    }
    let mut cut: String = text.to_owned();
    while !cut.is_empty() && line_width(&format!("{cut}…"), face, px) > max_width {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// Vertical metrics of `face` at `px`: (ascent, descent as a positive number).
pub fn metrics(face: Face, px: f32) -> (f32, f32) {
    let font = face.font();
    let scaled = font.as_scaled(PxScale::from(px));
    (scaled.ascent(), -scaled.descent())
}

/// The em size (what CSS and SVG call `font-size`) of `face` drawn at `px`: ab_glyph's `px` is
/// the font's full height, ascent to descent, which is larger than its em.
pub fn em_size(face: Face, px: f32) -> f32 {
    let font = face.font();
    match font.units_per_em() {
        Some(units) if font.height_unscaled() > 0.0 => px * units / font.height_unscaled(),
        _ => px,
    }
}

/// Draws `line` with its left end at `x` and its baseline at `baseline`, blending `colour` at
/// `opacity` (0..=1) by glyph coverage. Pixels outside the canvas are skipped.
pub fn draw(
    canvas: &mut RgbImage,
    line: &str,
    face: Face,
    px: f32,
    (x, baseline): (f32, f32),
    colour: [u8; 3],
    opacity: f32,
) {
    let font = face.font();
    let scaled = font.as_scaled(PxScale::from(px));
    let (width, height) = canvas.dimensions();
    let mut caret = x;
    let mut previous: Option<GlyphId> = None;
    for c in line.chars() {
        let id = font.glyph_id(c);
        if let Some(prev) = previous {
            caret += scaled.kern(prev, id);
        }
        let glyph = id.with_scale_and_position(scaled.scale(), point(caret, baseline));
        caret += scaled.h_advance(id);
        previous = Some(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let px_x = bounds.min.x as i64 + i64::from(gx);
            let px_y = bounds.min.y as i64 + i64::from(gy);
            if px_x < 0 || px_y < 0 || px_x >= i64::from(width) || px_y >= i64::from(height) {
                return;
            }
            let pixel = canvas.get_pixel_mut(px_x as u32, px_y as u32);
            blend(&mut pixel.0, colour, coverage.clamp(0.0, 1.0) * opacity);
        });
    }
}

/// Mixes `colour` into `pixel` by `alpha` (0 keeps the pixel, 1 replaces it), in 1/256 steps.
pub(crate) fn blend(pixel: &mut [u8; 3], colour: [u8; 3], alpha: f32) {
    let a = (alpha.clamp(0.0, 1.0) * 256.0) as i32;
    for (p, c) in pixel.iter_mut().zip(colour) {
        let (from, to) = (i32::from(*p), i32::from(c));
        *p = (from + (((to - from) * a + 128) >> 8)).clamp(0, 255) as u8;
    }
}

/// Advance width of `line`, kerning included: the one measure wrapping and drawing share.
fn advance<F: Font>(scaled: &impl ScaleFont<F>, line: &str) -> f32 {
    let mut width = 0.0;
    let mut previous: Option<GlyphId> = None;
    for c in line.chars() {
        let id = scaled.glyph_id(c);
        if let Some(prev) = previous {
            width += scaled.kern(prev, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

fn has_glyph(font: &FontRef<'static>, c: char) -> bool {
    font.glyph_id(c).0 != 0
}

/// False for characters a face may map but that this renderer cannot draw correctly: invisible
/// formatting characters and scripts that need shaping or right-to-left layout.
fn drawn(c: char) -> bool {
    !matches!(c as u32,
        0x00AD                      // soft hyphen
        | 0x0590..=0x08FF           // Hebrew, Arabic, Syriac, Thaana, N'Ko…: right to left, joined
        | 0x200B..=0x200F           // zero-width space/joiners, direction marks
        | 0x202A..=0x202E           // bidi embeddings
        | 0x2060..=0x206F           // word joiner, invisible operators
        | 0xFB1D..=0xFDFF           // Hebrew and Arabic presentation forms
        | 0xFE00..=0xFE0F           // variation selectors (emoji presentation)
        | 0xFE70..=0xFEFF           // Arabic presentation forms B, byte order mark
        | 0x1F3FB..=0x1F3FF         // emoji skin tones
        | 0xE0000..=0xE01EF         // tags, variation selectors supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_parse() {
        for bytes in [SANS_BOLD, SERIF_ITALIC, SANS] {
            assert!(FontRef::try_from_slice(bytes).is_ok());
        }
    }

    #[test]
    fn drawable_keeps_accents_and_typography() {
        let text = "Château, Ibañez, Müller, l’été « ça va » — très bien !";
        assert_eq!(drawable(text), text);
        assert_eq!(drawable_in(text, Face::Bold), text);
    }

    #[test]
    fn drawable_drops_emoji_cleanly() {
        assert_eq!(drawable("Salut 😀 de Pau 🏰!"), "Salut de Pau !");
        assert_eq!(drawable("👍🏽 Bravo"), "Bravo");
        assert_eq!(
            drawable("Family 👨\u{200D}👩\u{200D}👧 trip"),
            "Family trip"
        );
        assert_eq!(drawable("😀😀😀"), "");
        assert_eq!(drawable("Fin 🎉"), "Fin");
    }

    #[test]
    fn drawable_drops_what_cannot_be_shaped() {
        assert_eq!(drawable("Pau 你好 مرحبا שלום"), "Pau");
        assert_eq!(drawable("a\u{00AD}b\u{200B}c"), "abc");
    }

    #[test]
    fn drawable_keeps_line_breaks_and_tames_whitespace() {
        assert_eq!(drawable("Hello\r\nworld"), "Hello\nworld");
        assert_eq!(drawable("a\tb  \u{1}c \n d"), "a b c\nd");
    }

    #[test]
    fn wrap_respects_the_width_exactly() {
        let px = 30.0;
        let text =
            "Nous avons visité le château où naquit Henri IV, puis le boulevard des Pyrénées.";
        for max in [150.0, 260.0, 400.0] {
            let lines = wrap(text, Face::Script, px, max);
            assert!(lines.len() > 1);
            for line in &lines {
                assert!(
                    line_width(line, Face::Script, px) <= max,
                    "{line:?} wider than {max}"
                );
                assert_eq!(line.trim(), line);
            }
            // Nothing lost but the spaces at the breaks.
            assert_eq!(lines.join(" "), text);
        }
    }

    #[test]
    fn wrap_is_greedy_at_the_exact_limit() {
        let px = 30.0;
        let exact = line_width("château fort", Face::Script, px);
        assert_eq!(
            wrap("château fort", Face::Script, px, exact),
            ["château fort"]
        );
        assert_eq!(
            wrap("château fort", Face::Script, px, exact - 0.5),
            ["château", "fort"]
        );
    }

    #[test]
    fn wrap_cuts_words_longer_than_the_line() {
        let px = 30.0;
        let word = "Anticonstitutionnellement";
        let max = line_width("Anticons", Face::Script, px);
        let lines = wrap(&format!("un {word} !"), Face::Script, px, max);
        assert!(lines.len() >= 4, "{lines:?}");
        for line in &lines {
            assert!(line_width(line, Face::Script, px) <= max);
        }
        assert_eq!(lines.concat().replace(' ', ""), format!("un{word}!"));
    }

    #[test]
    fn wrap_always_progresses_even_when_nothing_fits() {
        assert_eq!(wrap("abc", Face::Bold, 30.0, 1.0), ["a", "b", "c"]);
    }

    #[test]
    fn wrap_keeps_paragraphs() {
        let lines = wrap("Bisous\n\nÀ bientôt", Face::Script, 30.0, 1000.0);
        assert_eq!(lines, ["Bisous", "", "À bientôt"]);
    }

    #[test]
    fn fit_line_shrinks_then_ellipsizes() {
        let (text, px) = fit_line("Pau", Face::Bold, 80.0, 30.0, 1000.0);
        assert_eq!((text.as_str(), px), ("Pau", 80.0));
        let long = "Communauté d'agglomération Pau Béarn Pyrénées";
        let (text, px) = fit_line(long, Face::Bold, 80.0, 30.0, 1000.0);
        assert_eq!(text, long);
        assert!(px < 80.0 && line_width(&text, Face::Bold, px) <= 1000.0);
        let (text, px) = fit_line(long, Face::Bold, 80.0, 30.0, 300.0);
        assert_eq!(px, 30.0);
        assert!(text.ends_with('…') && line_width(&text, Face::Bold, px) <= 300.0);
    }

    #[test]
    fn the_em_is_smaller_than_the_full_height() {
        // DejaVu: 2048 units to the em, 1901 + 483 from ascent to descent.
        for face in [Face::Bold, Face::Regular] {
            let em = em_size(face, 2384.0);
            assert!((em - 2048.0).abs() < 1.0, "{face:?}: {em}");
        }
        assert!(em_size(Face::Script, 100.0) < 100.0);
    }

    #[test]
    fn draw_marks_pixels_inside_the_measured_box_only() {
        let mut canvas = RgbImage::from_pixel(400, 100, image::Rgb([255, 255, 255]));
        let width = line_width("Pyrénées", Face::Bold, 40.0);
        draw(
            &mut canvas,
            "Pyrénées",
            Face::Bold,
            40.0,
            (10.0, 60.0),
            [0, 0, 0],
            1.0,
        );
        let inked: Vec<u32> = canvas
            .enumerate_pixels()
            .filter(|(_, _, p)| p.0[0] < 128)
            .map(|(x, _, _)| x)
            .collect();
        assert!(inked.len() > 500);
        let right = inked.iter().max().copied().unwrap_or(0);
        assert!(f32::from(right as u16) <= 10.0 + width + 1.0);
        // Off-canvas text is clipped, not a panic.
        draw(
            &mut canvas,
            "Pau",
            Face::Bold,
            80.0,
            (380.0, 10.0),
            [0, 0, 0],
            1.0,
        );
    }
}
