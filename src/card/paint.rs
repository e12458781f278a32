//! The card's drawn parts: the photo's crop and resize, the designed landscape for spots without
//! a photo, the shade under the names, the stamp with its QR code and the postmark.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;
use qrcode::{Color, EcLevel, QrCode};

use super::text::blend;
use super::{CardError, Palette};

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// The part of a `src_w`x`src_h` picture that fills a `frame_w`x`frame_h` frame without
/// distortion: the largest rectangle of the frame's aspect ratio. A wide picture keeps its centre;
/// a tall one keeps its upper third, where faces, towers and summits usually are.
pub fn crop(src_w: u32, src_h: u32, frame_w: u32, frame_h: u32) -> Rect {
    if src_w == 0 || src_h == 0 || frame_w == 0 || frame_h == 0 {
        return Rect {
            x: 0,
            y: 0,
            w: src_w,
            h: src_h,
        };
    }
    let (sw, sh) = (u64::from(src_w), u64::from(src_h));
    let (fw, fh) = (u64::from(frame_w), u64::from(frame_h));
    if sw * fh >= sh * fw {
        // Wider than the frame: full height, centred horizontally.
        let w = ((sh * fw + fh / 2) / fh).clamp(1, sw);
        Rect {
            x: ((sw - w) / 2) as u32,
            y: 0,
            w: w as u32,
            h: src_h,
        }
    } else {
        // Taller than the frame: full width, a third of the excess above, two thirds below.
        let h = ((sw * fh + fw / 2) / fw).clamp(1, sh);
        Rect {
            x: 0,
            y: ((sh - h) / 3) as u32,
            w: src_w,
            h: h as u32,
        }
    }
}

/// `source` cropped by [`crop`] and resized (Catmull-Rom) to exactly `width`x`height`.
pub fn fill(source: &RgbImage, width: u32, height: u32) -> Result<RgbImage, CardError> {
    let (src_w, src_h) = source.dimensions();
    let part = crop(src_w, src_h, width, height);
    let src = ImageRef::new(src_w, src_h, source.as_raw(), PixelType::U8x3)
        .map_err(|e| CardError::Unreadable(e.to_string()))?;
    let mut dst = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom))
        .crop(
            f64::from(part.x),
            f64::from(part.y),
            f64::from(part.w),
            f64::from(part.h),
        );
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| CardError::Unreadable(e.to_string()))?;
    RgbImage::from_raw(width, height, dst.into_vec())
        .ok_or_else(|| CardError::Unreadable("resized buffer of the wrong size".into()))
}

/// A Pyrenees-evening landscape in the palette's colours: a sky fading to the horizon, a low sun,
/// three mountain ridges darkening towards the viewer. `seed` (from the spot's name) shapes the
/// ridges, so each spot gets its own skyline and always the same one.
pub fn scenery(palette: &Palette, width: u32, height: u32, seed: u64) -> RgbImage {
    Scenery::new(palette, width, height, seed).paint(width, height)
}

/// The parts of [`scenery`]'s landscape for a `width`x`height` frame, in pixels: what the postcard
/// rasterises and the poster's SVG draws as vectors, so both show the same skyline.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenery {
    /// The sky's colour at the top of the frame.
    pub sky: [u8; 3],
    /// The sky's colour from [`Self::horizon_y`] down.
    pub horizon: [u8; 3],
    /// Where the sky's gradient ends.
    pub horizon_y: f32,
    /// Exponent of the sky's gradient: the colour at `y` is `sky` moved towards `horizon` by
    /// `(y / horizon_y)^sky_curve`.
    pub sky_curve: f32,
    /// The sun's centre and radius.
    pub sun: (f32, f32, f32),
    pub sun_colour: [u8; 3],
    /// How far the sun's glow reaches from its centre; its strength at distance `d` is
    /// `GLOW * (1 - d / glow_reach)^2`.
    pub glow_reach: f32,
    /// Far to near.
    pub ridges: Vec<Ridge>,
}

/// One mountain ridge of [`Scenery`]: filled from its crest down to the frame's bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Ridge {
    pub colour: [u8; 3],
    /// The crest's height at the middle of each pixel column (`tops[x]`, in pixels from the top).
    pub tops: Vec<f32>,
}

/// Strength of the sun's glow at its centre.
pub const GLOW: f32 = 0.35;

impl Scenery {
    pub fn new(palette: &Palette, width: u32, height: u32, seed: u64) -> Scenery {
        let (w, h) = (width as f32, height as f32);
        let sun_r = 0.075 * w;
        Scenery {
            sky: palette.sky,
            horizon: palette.horizon,
            horizon_y: 0.78 * h,
            sky_curve: 1.6,
            sun: (0.7 * w, 0.5 * h, sun_r),
            sun_colour: mix(palette.horizon, [255, 250, 235], 0.7),
            glow_reach: sun_r * 4.0,
            ridges: ridges(palette, width, height, seed),
        }
    }

    /// The sky's colour at height `y`.
    pub fn sky_at(&self, y: f32) -> [u8; 3] {
        let t = (y / self.horizon_y).clamp(0.0, 1.0);
        mix(self.sky, self.horizon, t.powf(self.sky_curve))
    }

    /// The landscape as pixels.
    pub fn paint(&self, width: u32, height: u32) -> RgbImage {
        let mut image = RgbImage::new(width, height);
        for (y, row) in image.rows_mut().enumerate() {
            let colour = self.sky_at(y as f32);
            row.for_each(|pixel| pixel.0 = colour);
        }
        // The sun and its glow, within the glow's reach only.
        let (sun_x, sun_y, sun_r) = self.sun;
        let reach = self.glow_reach;
        let (x0, x1) = (
            (sun_x - reach).max(0.0) as u32,
            ((sun_x + reach) as u32).min(width),
        );
        let (y0, y1) = (
            (sun_y - reach).max(0.0) as u32,
            ((sun_y + reach) as u32).min(height),
        );
        for y in y0..y1 {
            for x in x0..x1 {
                let d = ((x as f32 - sun_x).powi(2) + (y as f32 - sun_y).powi(2)).sqrt();
                let glow = (1.0 - d / reach).clamp(0.0, 1.0).powi(2) * GLOW;
                let disc = (sun_r - d + 0.5).clamp(0.0, 1.0);
                let pixel = &mut image.get_pixel_mut(x, y).0;
                blend(pixel, self.sun_colour, glow);
                blend(pixel, self.sun_colour, disc);
            }
        }
        for ridge in &self.ridges {
            let highest = ridge
                .tops
                .iter()
                .copied()
                .fold(height as f32, f32::min)
                .floor()
                .max(0.0) as u32;
            for y in highest..height {
                for (x, &top) in ridge.tops.iter().enumerate().take(width as usize) {
                    let coverage = y as f32 + 1.0 - top;
                    if coverage <= 0.0 {
                        continue;
                    }
                    let pixel = &mut image.get_pixel_mut(x as u32, y).0;
                    if coverage >= 1.0 {
                        *pixel = ridge.colour;
                    } else {
                        blend(pixel, ridge.colour, coverage);
                    }
                }
            }
        }
        image
    }
}

/// Ridges, far to near: broad swells carrying jagged crests, hazier with distance.
fn ridges(palette: &Palette, width: u32, height: u32, seed: u64) -> Vec<Ridge> {
    let (w, h) = (width as f32, height as f32);
    let mut rng = seed | 1;
    let mut ridges = Vec::with_capacity(3);
    for layer in 0..3u8 {
        let depth = f32::from(layer) / 2.0;
        let colour = mix(
            mix(palette.horizon, palette.sky, 0.45 + 0.35 * depth),
            palette.ink,
            0.12 + 0.6 * depth,
        );
        let base = h * (0.5 + 0.13 * depth);
        let amplitude = h * (0.15 - 0.04 * depth);
        // (cycles across the frame, weight, jagged)
        let octaves = [
            (1.2, 1.0, false),
            (3.5, 0.5, true),
            (9.0, 0.22, true),
            (23.0, 0.08, true),
        ];
        let waves: Vec<(f32, f32, f32, bool)> = octaves
            .iter()
            .map(|&(cycles, weight, jagged)| {
                let frequency = cycles * (0.8 + 0.4 * next(&mut rng)) * std::f32::consts::TAU / w;
                (
                    frequency,
                    next(&mut rng) * std::f32::consts::TAU,
                    weight,
                    jagged,
                )
            })
            .collect();
        let total: f32 = octaves.iter().map(|(_, weight, _)| weight).sum();
        let tops: Vec<f32> = (0..width)
            .map(|x| {
                let crest = waves
                    .iter()
                    .map(|&(f, p, weight, jagged)| {
                        let s = (x as f32 * f + p).sin();
                        // A triangle wave has the straight slopes and sharp tops of rock.
                        weight
                            * if jagged {
                                s.asin() * std::f32::consts::FRAC_2_PI
                            } else {
                                s
                            }
                    })
                    .sum::<f32>()
                    / total;
                base - amplitude * crest
            })
            .collect();
        ridges.push(Ridge { colour, tops });
    }
    ridges
}

/// Darkens the lower part of `frame` on `canvas`, so white names stay readable on any photo.
pub fn shade(canvas: &mut RgbImage, frame: Rect, fraction: f32, strength: f32) {
    let bottom = (frame.y + frame.h).min(canvas.height());
    let right = (frame.x + frame.w).min(canvas.width());
    let start = bottom.saturating_sub((frame.h as f32 * fraction) as u32);
    let span = (bottom - start).max(1) as f32;
    for y in start..bottom {
        let alpha = strength * ((y - start) as f32 / span).powf(1.4);
        for x in frame.x..right {
            blend(&mut canvas.get_pixel_mut(x, y).0, [8, 10, 20], alpha);
        }
    }
}

/// Copies `picture` onto `canvas` at (`x`, `y`), clipped to the canvas.
pub fn paste(canvas: &mut RgbImage, picture: &RgbImage, x: u32, y: u32) {
    let (canvas_w, canvas_h) = canvas.dimensions();
    let (pic_w, pic_h) = picture.dimensions();
    if x >= canvas_w || y >= canvas_h {
        return;
    }
    let w = pic_w.min(canvas_w - x) as usize * 3;
    let canvas_stride = canvas_w as usize * 3;
    let pic_stride = pic_w as usize * 3;
    let (target, source) = (&mut **canvas, &**picture);
    for row in 0..pic_h.min(canvas_h - y) as usize {
        let to = (y as usize + row) * canvas_stride + x as usize * 3;
        let from = row * pic_stride;
        if let (Some(to), Some(from)) = (target.get_mut(to..to + w), source.get(from..from + w)) {
            to.copy_from_slice(from);
        }
    }
}

/// Fills `rect` with `colour` at `alpha`, clipped to the canvas.
pub fn fill_rect(canvas: &mut RgbImage, rect: Rect, colour: [u8; 3], alpha: f32) {
    for y in rect.y..rect.y.saturating_add(rect.h).min(canvas.height()) {
        for x in rect.x..rect.x.saturating_add(rect.w).min(canvas.width()) {
            blend(&mut canvas.get_pixel_mut(x, y).0, colour, alpha);
        }
    }
}

/// A soft shadow under `rect`, as if the photo were a print laid on the card. Only the band
/// around `rect` is painted: the photo covers the rest.
pub fn drop_shadow(canvas: &mut RgbImage, rect: Rect, offset: u32, blur: u32) {
    let (w, h) = canvas.dimensions();
    let (x0, y0) = (rect.x + offset, rect.y + offset);
    let (x1, y1) = (x0 + rect.w, y0 + rect.h);
    let covered =
        |x: u32, y: u32| x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
    for y in y0.saturating_sub(blur)..(y1 + blur).min(h) {
        for x in x0.saturating_sub(blur)..(x1 + blur).min(w) {
            if covered(x, y) {
                continue;
            }
            let dx = (x0 as f32 - x as f32)
                .max(x as f32 - x1 as f32 + 1.0)
                .max(0.0);
            let dy = (y0 as f32 - y as f32)
                .max(y as f32 - y1 as f32 + 1.0)
                .max(0.0);
            let d = (dx * dx + dy * dy).sqrt() / blur.max(1) as f32;
            blend(
                &mut canvas.get_pixel_mut(x, y).0,
                [40, 35, 30],
                0.22 * (1.0 - d).clamp(0.0, 1.0),
            );
        }
    }
}

/// A QR code ready to print on a stamp: which modules are dark, row by row.
#[derive(Debug, Clone)]
pub struct Qr {
    dark: Vec<bool>,
    /// Modules a side.
    width: usize,
    /// Pixels a module side: whole pixels keep the code decodable after JPEG compression.
    module_px: u32,
}

/// Encodes `link` (error correction M) for a stamp of `stamp_size` pixels, with a 3-module quiet
/// zone inside the stamp's printed area. Fails when the link is empty, or too long to draw at
/// 3 pixels a module, below which a phone camera struggles with a card on a screen.
pub fn qr_code(link: &str, stamp_size: u32) -> Result<Qr, CardError> {
    let mut qr = Qr::encode(link, EcLevel::M)?;
    let width = qr.width;
    qr.module_px = stamp_size.saturating_sub(2 * STAMP_EDGE) / (width as u32 + 6);
    if qr.module_px < 3 {
        return Err(CardError::Link(format!(
            "a {width}-module QR code is too dense for the stamp"
        )));
    }
    Ok(qr)
}

impl Qr {
    /// Encodes `link` at error correction `level`, one pixel a module: [`qr_code`] sizes it for
    /// a stamp, the poster for print. Fails when the link is empty or too long for any QR code.
    pub fn encode(link: &str, level: EcLevel) -> Result<Qr, CardError> {
        if link.is_empty() {
            return Err(CardError::Link("the link is empty".into()));
        }
        let code = QrCode::with_error_correction_level(link.as_bytes(), level)
            .map_err(|e| CardError::Link(e.to_string()))?;
        let width = code.width();
        let dark = code
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Ok(Qr {
            dark,
            width,
            module_px: 1,
        })
    }

    /// Modules a side, quiet zone not included.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module in column `x`, row `y` is dark (false outside the code).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }
}

/// A perforated stamp of `size` at (`x`, `y`) bearing `qr`, centred, dark on white.
pub fn stamp(
    canvas: &mut RgbImage,
    (x, y, size): (u32, u32, u32),
    qr: &Qr,
    paper: [u8; 3],
    accent: [u8; 3],
) {
    let inner = size - 2 * STAMP_EDGE;
    fill_rect(
        canvas,
        Rect {
            x: x + 3,
            y: y + 4,
            w: size,
            h: size,
        },
        [60, 50, 40],
        0.12,
    );
    fill_rect(
        canvas,
        Rect {
            x,
            y,
            w: size,
            h: size,
        },
        [255, 255, 255],
        1.0,
    );
    // Perforations: half-discs of paper bitten out of every edge.
    let step = 14.0;
    let radius = 4.5;
    let count = (size as f32 / step).round() as u32;
    let pitch = size as f32 / count as f32;
    for i in 0..=count {
        let along = i as f32 * pitch;
        for (cx, cy) in [
            (x as f32 + along, y as f32),
            (x as f32 + along, (y + size) as f32),
            (x as f32, y as f32 + along),
            ((x + size) as f32, y as f32 + along),
        ] {
            disc(canvas, (cx, cy), radius, paper);
        }
    }
    // A thin accent frame inside the edge, like a printed stamp's border.
    let frame = Rect {
        x: x + STAMP_EDGE - 5,
        y: y + STAMP_EDGE - 5,
        w: inner + 10,
        h: inner + 10,
    };
    outline(canvas, frame, accent, 2);
    let (module, width) = (qr.module_px, qr.width);
    let side = module * width as u32;
    let (qx, qy) = (x + (size - side) / 2, y + (size - side) / 2);
    for (i, dark) in qr.dark.iter().enumerate() {
        if !dark {
            continue;
        }
        let (mx, my) = ((i % width) as u32, (i / width) as u32);
        let rect = Rect {
            x: qx + mx * module,
            y: qy + my * module,
            w: module,
            h: module,
        };
        fill_rect(canvas, rect, [16, 18, 26], 1.0);
    }
}

/// Inset of the stamp's printed area from its perforated edge.
const STAMP_EDGE: u32 = 14;

/// A postmark: a double ring with wavy cancellation lines running left of it, in `ink` at half
/// strength. The destination's name goes inside the ring (drawn by the caller).
pub fn postmark(canvas: &mut RgbImage, (cx, cy, radius): (f32, f32, f32), left: f32, ink: [u8; 3]) {
    ring(canvas, (cx, cy), radius, 2.5, ink, 0.55);
    ring(canvas, (cx, cy), radius - 8.0, 1.5, ink, 0.55);
    // Each pixel is blended once, by its distance to the wave (vertical distance corrected by
    // the slope), so the lines have the same even strength as the rings.
    let (amplitude, period, half_width) = (5.0_f32, 14.0_f32, 1.4_f32);
    for line in 0..4 {
        let base = cy - 27.0 + 18.0 * line as f32;
        for x in left as u32..(cx - radius - 6.0).max(left) as u32 {
            let at = x as f32 + 0.5;
            let y = base + amplitude * (at / period).sin();
            let slope = amplitude / period * (at / period).cos();
            let stretch = (1.0 + slope * slope).sqrt();
            let top = (y - half_width * stretch - 1.0).max(0.0) as u32;
            for py in top..top + (2.0 * half_width * stretch + 3.0) as u32 {
                let distance = (py as f32 + 0.5 - y).abs() / stretch;
                let coverage = (half_width + 0.5 - distance).clamp(0.0, 1.0);
                if let Some(pixel) = canvas.get_pixel_mut_checked(x, py) {
                    blend(&mut pixel.0, ink, coverage * 0.55);
                }
            }
        }
    }
}

fn ring(
    canvas: &mut RgbImage,
    (cx, cy): (f32, f32),
    radius: f32,
    thickness: f32,
    colour: [u8; 3],
    alpha: f32,
) {
    let reach = (radius + thickness + 1.0).ceil() as i64;
    for dy in -reach..=reach {
        for dx in -reach..=reach {
            let (x, y) = (cx as i64 + dx, cy as i64 + dy);
            if x < 0 || y < 0 {
                continue;
            }
            let d = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
            let coverage = (thickness / 2.0 + 0.5 - (d - radius).abs()).clamp(0.0, 1.0);
            if let Some(pixel) = canvas.get_pixel_mut_checked(x as u32, y as u32) {
                blend(&mut pixel.0, colour, coverage * alpha);
            }
        }
    }
}

fn disc(canvas: &mut RgbImage, (cx, cy): (f32, f32), radius: f32, colour: [u8; 3]) {
    let reach = (radius + 1.0).ceil() as i64;
    for dy in -reach..=reach {
        for dx in -reach..=reach {
            let (x, y) = (cx as i64 + dx, cy as i64 + dy);
            if x < 0 || y < 0 {
                continue;
            }
            let d = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
            let coverage = (radius + 0.5 - d).clamp(0.0, 1.0);
            if let Some(pixel) = canvas.get_pixel_mut_checked(x as u32, y as u32) {
                blend(&mut pixel.0, colour, coverage);
            }
        }
    }
}

fn outline(canvas: &mut RgbImage, rect: Rect, colour: [u8; 3], thickness: u32) {
    let Rect { x, y, w, h } = rect;
    fill_rect(
        canvas,
        Rect {
            x,
            y,
            w,
            h: thickness,
        },
        colour,
        1.0,
    );
    fill_rect(
        canvas,
        Rect {
            x,
            y: y + h - thickness,
            w,
            h: thickness,
        },
        colour,
        1.0,
    );
    fill_rect(
        canvas,
        Rect {
            x,
            y,
            w: thickness,
            h,
        },
        colour,
        1.0,
    );
    fill_rect(
        canvas,
        Rect {
            x: x + w - thickness,
            y,
            w: thickness,
            h,
        },
        colour,
        1.0,
    );
}

/// `a` moved towards `b` by `t` (0..=1).
pub fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let mut out = a;
    blend(&mut out, b, t);
    out
}

/// A small deterministic generator (xorshift) for the ridges: in 0..1.
fn next(state: &mut u64) -> f32 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 40) as f32 / (1u64 << 24) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// The crop's aspect ratio matches the frame's within the rounding of one pixel.
    fn assert_same_aspect(r: Rect, frame_w: u32, frame_h: u32) {
        let crop_ratio = f64::from(r.w) / f64::from(r.h);
        let frame_ratio = f64::from(frame_w) / f64::from(frame_h);
        let tolerance = frame_ratio / f64::from(r.w.min(r.h));
        assert!(
            (crop_ratio - frame_ratio).abs() <= tolerance,
            "{r:?} has ratio {crop_ratio}, frame {frame_ratio}"
        );
    }

    #[test]
    fn landscape_is_centred_at_full_height() {
        let r = crop(1280, 960, 1000, 920);
        assert_eq!((r.y, r.h), (0, 960));
        assert_eq!(r.w, 1043);
        assert_eq!(r.x, (1280 - 1043) / 2);
        assert_same_aspect(r, 1000, 920);
    }

    #[test]
    fn portrait_keeps_the_upper_third() {
        let r = crop(3024, 4032, 1000, 920);
        assert_eq!((r.x, r.w), (0, 3024));
        assert_eq!(r.h, 2782);
        assert_eq!(r.y, (4032 - 2782) / 3);
        assert_same_aspect(r, 1000, 920);
    }

    #[test]
    fn square_and_exact_inputs() {
        let r = crop(1000, 1000, 1000, 920);
        assert_eq!(
            r,
            Rect {
                x: 0,
                y: 26,
                w: 1000,
                h: 920
            }
        );
        assert_eq!(
            crop(1000, 920, 1000, 920),
            Rect {
                x: 0,
                y: 0,
                w: 1000,
                h: 920
            }
        );
        let r = crop(800, 800, 1600, 1000);
        assert_eq!(
            r,
            Rect {
                x: 0,
                y: 100,
                w: 800,
                h: 500
            }
        );
    }

    #[test]
    fn extreme_shapes_stay_inside_and_non_empty() {
        for (w, h) in [(1, 5000), (5000, 1), (3, 2), (16_000, 900), (7, 7)] {
            let r = crop(w, h, 1000, 920);
            assert!(r.w >= 1 && r.h >= 1, "{r:?}");
            assert!(r.x + r.w <= w && r.y + r.h <= h, "{r:?} outside {w}x{h}");
        }
    }

    #[test]
    fn fill_does_not_distort() {
        // A circle on a portrait picture must stay a circle in a landscape frame.
        let source = RgbImage::from_fn(600, 900, |x, y| {
            let d = ((x as f32 - 300.0).powi(2) + (y as f32 - 400.0).powi(2)).sqrt();
            if d < 150.0 {
                Rgb([0, 0, 0])
            } else {
                Rgb([255, 255, 255])
            }
        });
        let out = fill(&source, 500, 400);
        let Ok(out) = out else {
            panic!("fill failed: {out:?}");
        };
        assert_eq!(out.dimensions(), (500, 400));
        let dark = |x: u32, y: u32| out.get_pixel(x, y).0[0] < 128;
        // Centre (300, 400) is at (250, 217) after the crop (y from 140) and the 5/6 scale.
        let width = (0..500).filter(|&x| dark(x, 217)).count() as f32;
        let height = (0..400).filter(|&y| dark(250, y)).count() as f32;
        assert!(
            width > 100.0 && (width / height - 1.0).abs() < 0.03,
            "{width} vs {height}"
        );
    }

    #[test]
    fn scenery_is_deterministic_and_seeded() {
        let palette = Palette::default();
        let a = scenery(&palette, 200, 150, 7);
        assert_eq!(a, scenery(&palette, 200, 150, 7));
        assert_ne!(a, scenery(&palette, 200, 150, 8));
        // Sky at the top, the darkest ridge at the bottom.
        assert_eq!(a.get_pixel(0, 0).0, palette.sky);
        let luma = |p: [u8; 3]| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]);
        assert!(luma(a.get_pixel(100, 149).0) < luma(a.get_pixel(100, 40).0));
    }

    #[test]
    fn an_empty_or_too_dense_link_is_an_error() {
        assert!(matches!(qr_code("", 204), Err(CardError::Link(_))));
        assert!(matches!(
            qr_code(&"x".repeat(5000), 204),
            Err(CardError::Link(_))
        ));
        // 600 bytes make a valid QR code, but too dense for a 204 px stamp.
        assert!(matches!(
            qr_code(&"x".repeat(600), 204),
            Err(CardError::Link(_))
        ));
        assert!(qr_code(&"x".repeat(600), 1000).is_ok());
        // A Telegram deep link with the longest start payload (64 characters) fits.
        let longest = format!("https://t.me/PauPyreneesBot?start={}", "A".repeat(64));
        assert!(matches!(
            qr_code(&longest, 204),
            Ok(Qr { module_px: 3.., .. })
        ));
    }
}
