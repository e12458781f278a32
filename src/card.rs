//! Postcard rendering: a tourist's photo (or a designed landscape) becomes a JPEG e-postcard.
//!
//! ```text
//! tourist › 📷 (a photo of the castle)
//! bot     › Write a few words for your friend (200 characters at most).
//! tourist › Quelle vue sur les Pyrénées ! Bisous 😘
//! bot     › [the postcard below, as a photo] Forward it to your friend!
//! ```
//!
//! The card is 1600x1000, landscape, on cream paper:
//!
//! ```text
//! ┌────────────────────────────────────────────────────────────┐
//! │ ┌──────────────────────────────┐  ~~~(PAU)   ┌┄┄┄┄┄┄┐      │
//! │ │                              │  ~~~        ┊ ▚▞▚▞ ┊ stamp│
//! │ │      photo, cropped to       │             ┊ ▞QR▚ ┊      │
//! │ │      fill its frame          │             └┄┄┄┄┄┄┘      │
//! │ │                              │  Quelle vue sur les       │
//! │ │▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒│  ───────────────────────  │
//! │ │ Pau                          │  Pyrénées ! Bisous        │
//! │ │ Château de Pau               │  ───────────────────────  │
//! │ └──────────────────────────────┘  #PauPyrenees             │
//! └────────────────────────────────────────────────────────────┘
//! ```
//!
//! [`render`] is pure and synchronous (25-30 ms for a 1280x960 photo in release on 2 cores, see the
//! README's benchmark): the bot calls
//! it inside `spawn_blocking`. Everything taken from the tourist is bounded: the file's size and
//! dimensions (see [`decode`]), the message's length (shrunk, then cut with "…"), the characters
//! (see [`drawable`]).

pub mod decode;
pub mod paint;
pub mod text;

use image::{Rgb, RgbImage};

pub use decode::{MAX_INPUT_BYTES, MAX_PIXELS, MAX_SIDE};
pub use paint::{Qr, Rect, Ridge, Scenery, crop};
pub use text::{Face, drawable, wrap};

use paint::mix;

/// Width of the card, in pixels.
pub const CARD_WIDTH: u32 = 1600;
/// Height of the card, in pixels.
pub const CARD_HEIGHT: u32 = 1000;
/// Where the picture goes on the card.
pub const FRAME: Rect = Rect {
    x: 40,
    y: 40,
    w: 1000,
    h: 920,
};
/// JPEG quality of the card: high enough that the QR code and small type stay crisp.
pub const JPEG_QUALITY: u8 = 90;
/// The most characters of a message the renderer looks at; the bot allows 200.
const MESSAGE_CHARS: usize = 1000;
/// The most characters of a name or hashtag the renderer looks at.
const NAME_CHARS: usize = 120;

/// The words on the card.
#[derive(Debug, Clone, Copy)]
pub struct CardText<'a> {
    /// The destination, large on the picture: "Pau".
    pub destination: &'a str,
    /// The spot, under it: "Château de Pau".
    pub spot: &'a str,
    /// The tourist's message (the bot allows 200 characters; longer ones are shrunk, then cut).
    pub message: &'a str,
    /// The destination's hashtag, with its `#`: "#PauPyrenees".
    pub hashtag: &'a str,
    /// What the QR code opens: "https://t.me/PauPyreneesBot?start=card_Ab3xYz9Q".
    pub link: &'a str,
}

/// What fills the card's frame.
#[derive(Debug, Clone, Copy)]
pub enum Picture<'a> {
    /// A JPEG or PNG file as sent (at most [`MAX_INPUT_BYTES`]).
    Encoded(&'a [u8]),
    /// No photo: a landscape drawn in the palette's colours.
    Designed,
}

/// The office's colours. They tint the whole card, photo or not: the designed landscape, the
/// message's ink, the stamp's border and the postmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Top of the designed sky.
    pub sky: [u8; 3],
    /// Where the designed sky meets the mountains; also the stamp's border.
    pub horizon: [u8; 3],
    /// Text on the paper; also the nearest mountains. Should be dark.
    pub ink: [u8; 3],
}

impl Default for Palette {
    /// A Pyrenees evening: indigo sky, apricot horizon, navy ink.
    fn default() -> Self {
        Palette {
            sky: [38, 52, 104],
            horizon: [244, 170, 104],
            ink: [28, 36, 64],
        }
    }
}

/// Why a card could not be made. The bot tells the tourist a short translated reason per kind.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    /// The file is over [`MAX_INPUT_BYTES`]; nothing was parsed.
    #[error("the file is {bytes} bytes, over the {limit}-byte limit")]
    TooBig { bytes: usize, limit: usize },
    /// The file is not a JPEG or a PNG (by its signature).
    #[error("the picture is neither a JPEG nor a PNG")]
    Unsupported,
    /// The header claims more pixels than [`MAX_SIDE`] or [`MAX_PIXELS`], or decoding would pass
    /// the allocation cap; refused before the pixels are allocated.
    #[error("the picture is too large to render ({0})")]
    TooLarge(String),
    /// The file is corrupt or truncated, or its decoder panicked.
    #[error("the picture cannot be decoded: {0}")]
    Unreadable(String),
    /// The link is empty or too long for the stamp's QR code: a bug on the bot's side.
    #[error("the link cannot be drawn as a QR code: {0}")]
    Link(String),
    /// The JPEG encoder failed.
    #[error("the card cannot be encoded: {0}")]
    Encode(String),
}

/// Renders the postcard as JPEG bytes ([`CARD_WIDTH`]x[`CARD_HEIGHT`]).
///
/// Synchronous and CPU-bound: call it from `spawn_blocking`. Fails only on the picture (too big,
/// not JPEG/PNG, unreadable) or a link too long for the stamp's QR code; any text renders, with
/// what the fonts cannot draw left out (see [`drawable`]).
pub fn render(
    picture: Picture<'_>,
    text: &CardText<'_>,
    palette: &Palette,
) -> Result<Vec<u8>, CardError> {
    // The cheap check first: a bad link should not cost a decode.
    let qr = paint::qr_code(text.link, STAMP.2)?;
    let framed = match picture {
        Picture::Encoded(bytes) => {
            let photo = decode::decode(bytes)?;
            paint::fill(&photo, FRAME.w, FRAME.h)?
        }
        Picture::Designed => {
            let destination = text::drawable_in(bounded(text.destination, NAME_CHARS), Face::Bold);
            let spot = text::drawable_in(bounded(text.spot, NAME_CHARS), Face::Script);
            paint::scenery(palette, FRAME.w, FRAME.h, seed(&destination, &spot))
        }
    };

    let mut card = RgbImage::from_pixel(CARD_WIDTH, CARD_HEIGHT, Rgb(PAPER));
    paint::drop_shadow(&mut card, FRAME, 4, 10);
    paint::paste(&mut card, &framed, FRAME.x, FRAME.y);
    names(&mut card, text);
    paint::stamp(&mut card, STAMP, &qr, PAPER, palette.horizon);
    postmark(&mut card, text.destination, palette.ink);
    message(&mut card, text.message, palette.ink);
    hashtag(&mut card, text.hashtag, palette);

    // jpeg-encoder, not image's encoder: 14 ms against 35 ms for this card, the largest single
    // cost of a render.
    let mut jpeg = Vec::with_capacity(400 * 1024);
    let mut encoder = jpeg_encoder::Encoder::new(&mut jpeg, JPEG_QUALITY);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    encoder
        .encode(
            card.as_raw(),
            CARD_WIDTH as u16,
            CARD_HEIGHT as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| CardError::Encode(e.to_string()))?;
    Ok(jpeg)
}

/// The card's paper (the posters' too).
pub const PAPER: [u8; 3] = [250, 246, 237];
/// The column right of the picture: postmark, stamp, message, hashtag.
const COLUMN_LEFT: f32 = 1090.0;
const COLUMN_RIGHT: f32 = 1560.0;
/// The stamp: x, y, side.
const STAMP: (u32, u32, u32) = (1356, 40, 204);
/// The ruled area of the message.
const MESSAGE_TOP: f32 = 300.0;
const MESSAGE_BOTTOM: f32 = 890.0;
/// Baseline of the hashtag, level with the bottom of the picture.
const HASHTAG_BASELINE: f32 = 950.0;

/// The destination and the spot, white on a shade at the bottom of the picture.
fn names(card: &mut RgbImage, text: &CardText<'_>) {
    paint::shade(card, FRAME, 0.42, 0.72);
    let inset = 48.0;
    let width = FRAME.w as f32 - 2.0 * inset;
    let left = FRAME.x as f32 + inset;
    let bottom = (FRAME.y + FRAME.h) as f32 - 50.0;
    let (spot, spot_px) = text::fit_line(
        bounded(text.spot, NAME_CHARS),
        Face::Script,
        42.0,
        24.0,
        width,
    );
    let (destination, dest_px) = text::fit_line(
        bounded(text.destination, NAME_CHARS),
        Face::Bold,
        100.0,
        40.0,
        width,
    );
    let dest_baseline = if spot.is_empty() {
        bottom
    } else {
        bottom - spot_px * 1.45
    };
    for (line, face, px, baseline) in [
        (&destination, Face::Bold, dest_px, dest_baseline),
        (&spot, Face::Script, spot_px, bottom),
    ] {
        text::draw(
            card,
            line,
            face,
            px,
            (left + 2.0, baseline + 2.0),
            [0, 0, 0],
            0.45,
        );
        text::draw(card, line, face, px, (left, baseline), [255, 255, 255], 1.0);
    }
}

/// The postmark left of the stamp, with the destination's name in its ring.
fn postmark(card: &mut RgbImage, destination: &str, ink: [u8; 3]) {
    let (cx, cy, radius) = (1250.0, 142.0, 64.0);
    paint::postmark(card, (cx, cy, radius), COLUMN_LEFT, ink);
    let upper = bounded(destination, NAME_CHARS).to_uppercase();
    let (name, px) = text::fit_line(&upper, Face::Bold, 22.0, 12.0, 2.0 * radius - 30.0);
    let (ascent, _) = text::metrics(Face::Bold, px);
    let width = text::line_width(&name, Face::Bold, px);
    text::draw(
        card,
        &name,
        Face::Bold,
        px,
        (cx - width / 2.0, cy + ascent * 0.35),
        ink,
        0.6,
    );
}

/// The message in the "handwritten" face on ruled lines: as large as fits (36 px down to 22 px),
/// then cut with "…" on the last line.
fn message(card: &mut RgbImage, message: &str, ink: [u8; 3]) {
    let message = bounded(message, MESSAGE_CHARS);
    let width = COLUMN_RIGHT - COLUMN_LEFT;
    let height = MESSAGE_BOTTOM - MESSAGE_TOP;
    let mut px = 36.0;
    let (mut lines, mut pitch) = (Vec::new(), 0.0);
    while px >= 22.0 {
        pitch = (px * 1.6_f32).round();
        lines = text::wrap(message, Face::Script, px, width);
        if lines.len() as f32 * pitch <= height {
            break;
        }
        px -= 2.0;
    }
    let px = px.max(22.0);
    let slots = (height / pitch).floor() as usize;
    if lines.len() > slots {
        lines.truncate(slots);
        if let Some(last) = lines.last_mut() {
            *last = text::ellipsize(&format!("{last}…"), Face::Script, px, width);
        }
    }
    let rule = mix(PAPER, ink, 0.16);
    for slot in 0..slots {
        let baseline = MESSAGE_TOP + pitch * (slot as f32 + 0.8);
        let rule_y = (baseline + px * 0.3).round() as u32;
        let rect = Rect {
            x: COLUMN_LEFT as u32,
            y: rule_y,
            w: (COLUMN_RIGHT - COLUMN_LEFT) as u32,
            h: 1,
        };
        paint::fill_rect(card, rect, rule, 1.0);
        if let Some(line) = lines.get(slot) {
            text::draw(
                card,
                line,
                Face::Script,
                px,
                (COLUMN_LEFT + 4.0, baseline),
                ink,
                1.0,
            );
        }
    }
}

/// The hashtag, bold, at the foot of the column, level with the picture's bottom.
fn hashtag(card: &mut RgbImage, hashtag: &str, palette: &Palette) {
    let (tag, px) = text::fit_line(
        bounded(hashtag, NAME_CHARS),
        Face::Bold,
        34.0,
        18.0,
        COLUMN_RIGHT - COLUMN_LEFT,
    );
    let colour = mix(palette.horizon, palette.ink, 0.5);
    text::draw(
        card,
        &tag,
        Face::Bold,
        px,
        (COLUMN_LEFT, HASHTAG_BASELINE),
        colour,
        1.0,
    );
}

/// The first `limit` characters of `text`: nothing the tourist sends makes layout unbounded.
fn bounded(text: &str, limit: usize) -> &str {
    match text.char_indices().nth(limit) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// A stable seed for the designed landscape, from the names as drawn (FNV-1a).
pub(crate) fn seed(destination: &str, spot: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in destination.bytes().chain([0]).chain(spot.bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::testing::qr_content;
    use super::*;
    use image::ImageFormat;
    use std::io::Cursor;

    const LINK: &str = "https://t.me/PauPyreneesBot?start=card_Ab3xYz9Q";

    fn pau(message: &str) -> CardText<'_> {
        CardText {
            destination: "Pau",
            spot: "Château de Pau",
            message,
            hashtag: "#PauPyrenees",
            link: LINK,
        }
    }

    /// A photo-like JPEG: sky gradient, a darker ground, some noise, and `mark` filling the
    /// top-left quarter so tests can find where the content went.
    fn photo(width: u32, height: u32, mark: [u8; 3]) -> Vec<u8> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let image = RgbImage::from_fn(width, height, |x, y| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state >> 59) as u8;
            if x < width / 2 && y < height / 2 {
                return Rgb(mark);
            }
            let t = y * 255 / height;
            if y > height * 2 / 3 {
                Rgb([60 + noise, 110 + noise, 50])
            } else {
                Rgb([120 + (t / 3) as u8, 160 + (t / 4) as u8, 230 - noise])
            }
        });
        encode(&image)
    }

    fn encode(image: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        assert!(image.write_with_encoder(encoder).is_ok());
        out
    }

    fn decoded(jpeg: &[u8]) -> RgbImage {
        let image = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg);
        let Ok(image) = image else {
            panic!("the card is not a JPEG: {image:?}");
        };
        image.into_rgb8()
    }

    fn rendered(picture: Picture<'_>, text: &CardText<'_>) -> Vec<u8> {
        match render(picture, text, &Palette::default()) {
            Ok(jpeg) => jpeg,
            Err(error) => panic!("render failed: {error}"),
        }
    }

    fn near(pixel: &Rgb<u8>, colour: [u8; 3]) -> bool {
        pixel.0.iter().zip(colour).all(|(a, b)| a.abs_diff(b) < 40)
    }

    #[test]
    fn the_qr_code_decodes_to_the_link_from_the_jpeg() {
        let card = rendered(Picture::Designed, &pau("Bises de Pau !"));
        let image = decoded(&card);
        assert_eq!(image.dimensions(), (CARD_WIDTH, CARD_HEIGHT));
        assert_eq!(qr_content(&image), [LINK]);
    }

    #[test]
    fn the_qr_code_decodes_on_a_photo_card_with_a_long_link() {
        let link = "https://t.me/PauPyreneesBot?start=card_Ab3xYz9Q0123456789_abcdefghijklmnopqrstuvwxyzABCD";
        let text = CardText {
            link,
            ..pau("Coucou")
        };
        let card = rendered(Picture::Encoded(&photo(1280, 960, [200, 40, 40])), &text);
        assert_eq!(qr_content(&decoded(&card)), [link]);
    }

    /// Sent with sendPhoto, the card reaches the friend shrunk to 1280 px wide and re-encoded:
    /// the QR code must survive that too, not only the file as rendered.
    #[test]
    fn the_qr_code_survives_telegram_recompression() {
        let card = decoded(&rendered(Picture::Designed, &pau("Bises")));
        let small =
            image::imageops::resize(&card, 1280, 800, image::imageops::FilterType::Triangle);
        let mut jpeg = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 75);
        assert!(small.write_with_encoder(encoder).is_ok());
        assert_eq!(qr_content(&decoded(&jpeg)), [LINK]);
    }

    #[test]
    fn emoji_are_dropped_without_a_trace() {
        let with = rendered(Picture::Designed, &pau("Salut 😀 de Pau 🏰! 👨‍👩‍👧"));
        let without = rendered(Picture::Designed, &pau("Salut de Pau !"));
        assert!(with == without, "the emoji left a trace");
        let names = CardText {
            destination: "Pau 🏔️",
            spot: "🏰 Château de Pau",
            ..pau("")
        };
        assert!(rendered(Picture::Designed, &names) == rendered(Picture::Designed, &pau("")));
    }

    #[test]
    fn accents_are_drawn_not_dropped() {
        let accents = rendered(Picture::Designed, &pau("Ça, c’est « génial » : ñ ü é"));
        let plain = rendered(Picture::Designed, &pau("Ca, c'est < genial > : n u e"));
        assert_ne!(accents, plain);
    }

    #[test]
    fn a_landscape_photo_fills_the_frame_centred() {
        // The mark fills the photo's top-left quarter; the crop keeps the centre, so the frame's
        // top-left corner shows it and its top-right corner does not.
        let card = decoded(&rendered(
            Picture::Encoded(&photo(1280, 960, [220, 30, 30])),
            &pau("x"),
        ));
        assert!(near(
            card.get_pixel(FRAME.x + 20, FRAME.y + 20),
            [220, 30, 30]
        ));
        assert!(!near(
            card.get_pixel(FRAME.x + FRAME.w - 20, FRAME.y + 20),
            [220, 30, 30]
        ));
        // Paper around it.
        assert!(near(card.get_pixel(10, 10), PAPER));
    }

    #[test]
    fn a_portrait_photo_fills_the_frame_from_its_upper_third() {
        // A 960x1280 photo: the crop keeps rows 120..1003 of 1280, so the mark (rows 0..640)
        // covers a bit more than the top half of the frame, on its left half.
        let card = decoded(&rendered(
            Picture::Encoded(&photo(960, 1280, [30, 30, 220])),
            &pau("x"),
        ));
        let blue = [30, 30, 220];
        assert!(near(card.get_pixel(FRAME.x + 20, FRAME.y + 20), blue));
        assert!(near(card.get_pixel(FRAME.x + 20, FRAME.y + 500), blue));
        assert!(!near(card.get_pixel(FRAME.x + 20, FRAME.y + 600), blue));
        assert!(!near(card.get_pixel(FRAME.x + 700, FRAME.y + 20), blue));
    }

    #[test]
    fn a_big_original_renders() {
        let card = decoded(&rendered(
            Picture::Encoded(&photo(4032, 3024, [220, 30, 30])),
            &pau("x"),
        ));
        assert!(near(
            card.get_pixel(FRAME.x + 20, FRAME.y + 20),
            [220, 30, 30]
        ));
        assert_eq!(qr_content(&card), [LINK]);
    }

    /// An APP1 segment saying "rotate 90° clockwise to display" (EXIF orientation 6).
    fn exif_orientation_6() -> Vec<u8> {
        let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
        tiff.extend_from_slice(&[0x00, 0x01]); // one entry
        tiff.extend_from_slice(&[
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
        ]);
        tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
        let mut payload = b"Exif\x00\x00".to_vec();
        payload.extend(tiff);
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        segment.extend(payload);
        segment
    }

    /// A JPEG as a phone stores it: left half red, right half blue, and an EXIF orientation of 6,
    /// so it is meant to be seen turned: red on top, blue below.
    fn sideways_photo(width: u32, height: u32, exif: bool) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, _| {
            if x < width / 2 {
                Rgb([220, 30, 30])
            } else {
                Rgb([30, 30, 220])
            }
        });
        let mut jpeg = encode(&image);
        if exif {
            let segment = exif_orientation_6();
            jpeg.splice(2..2, segment);
        }
        jpeg
    }

    fn assert_upright(card: &RgbImage) {
        let red = [220, 30, 30];
        // Upright: red across the whole top of the frame, blue at the bottom.
        assert!(near(card.get_pixel(FRAME.x + 20, FRAME.y + 20), red));
        assert!(near(
            card.get_pixel(FRAME.x + FRAME.w - 20, FRAME.y + 20),
            red
        ));
        let bottom = card.get_pixel(FRAME.x + FRAME.w - 20, FRAME.y + 300 + FRAME.h / 2);
        assert!(
            bottom.0[2] > bottom.0[0] + 40,
            "{bottom:?} is not blue under the shade"
        );
    }

    #[test]
    fn exif_orientation_is_honoured() {
        let card = decoded(&rendered(
            Picture::Encoded(&sideways_photo(320, 160, true)),
            &pau("x"),
        ));
        assert_upright(&card);
        // Without the EXIF segment the same pixels stay sideways: blue at the top right.
        let card = decoded(&rendered(
            Picture::Encoded(&sideways_photo(320, 160, false)),
            &pau("x"),
        ));
        assert!(near(
            card.get_pixel(FRAME.x + FRAME.w - 20, FRAME.y + 20),
            [30, 30, 220]
        ));
    }

    #[test]
    fn a_png_renders_too() {
        let mut png = Vec::new();
        let image = RgbImage::from_pixel(300, 200, Rgb([30, 160, 60]));
        assert!(
            image
                .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
                .is_ok()
        );
        let card = decoded(&rendered(Picture::Encoded(&png), &pau("x")));
        assert!(near(
            card.get_pixel(FRAME.x + 500, FRAME.y + 100),
            [30, 160, 60]
        ));
    }

    #[test]
    fn bad_pictures_are_errors() {
        let text = pau("x");
        let palette = Palette::default();
        let garbage = [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x01, 0x02];
        assert!(matches!(
            render(Picture::Encoded(&garbage), &text, &palette),
            Err(CardError::Unreadable(_))
        ));
        assert!(matches!(
            render(Picture::Encoded(b"hello"), &text, &palette),
            Err(CardError::Unsupported)
        ));
    }

    #[test]
    fn an_overlong_message_is_shrunk_and_cut_but_the_card_is_whole() {
        let long = "Une journée magnifique au château, puis le funiculaire. ".repeat(40);
        let card = decoded(&rendered(Picture::Designed, &pau(&long)));
        assert_eq!(qr_content(&card), [LINK]);
        // Below the ruled area the paper is clean (nothing spilled over the hashtag).
        let spill = (COLUMN_LEFT as u32 + 300..COLUMN_RIGHT as u32)
            .filter(|&x| !near(card.get_pixel(x, MESSAGE_BOTTOM as u32 + 20), PAPER))
            .count();
        assert_eq!(spill, 0);
    }

    #[test]
    fn hostile_names_and_an_empty_message_render() {
        let long = "Pau ".repeat(500);
        let text = CardText {
            destination: &long,
            spot: "\u{202E}\u{0000}😀",
            message: "",
            hashtag: &long,
            link: LINK,
        };
        let card = decoded(&rendered(Picture::Designed, &text));
        assert_eq!(qr_content(&card), [LINK]);
    }

    #[test]
    fn the_palette_tints_the_card() {
        let night = Palette {
            sky: [5, 5, 30],
            horizon: [90, 40, 120],
            ink: [10, 10, 10],
        };
        let a = render(Picture::Designed, &pau("x"), &night).ok();
        let b = render(Picture::Designed, &pau("x"), &Palette::default()).ok();
        assert!(a.is_some() && a != b);
    }

    /// Writes one card of each kind to the temp dir to look at: `cargo test card::tests::samples
    /// -- --ignored`.
    #[test]
    #[ignore = "writes sample cards for a person to look at"]
    fn samples() {
        let dir = std::env::temp_dir();
        let message = "Quelle vue sur les Pyrénées depuis le château ! On a goûté le jurançon, \
                       demain le funiculaire. Tu nous manques, bises à toute l’équipe 😘";
        let cards = [("designed", Picture::Designed)];
        let landscape = photo(1280, 960, [200, 180, 150]);
        let portrait = photo(3024, 4032, [200, 180, 150]);
        // A real photo to judge the design on: CARD_SAMPLE_PHOTO=path/to/photo.jpg
        let real = std::env::var_os("CARD_SAMPLE_PHOTO").and_then(|path| std::fs::read(path).ok());
        let real = real
            .as_deref()
            .map(|bytes| ("photo", Picture::Encoded(bytes)));
        for (name, picture) in cards.into_iter().chain(real).chain([
            ("landscape", Picture::Encoded(&landscape)),
            ("portrait", Picture::Encoded(&portrait)),
        ]) {
            let card = rendered(picture, &pau(message));
            assert!(std::fs::write(dir.join(format!("card-{name}.jpg")), card).is_ok());
        }
    }
}

/// For tests here and in other modules that draw QR codes (posters).
#[cfg(test)]
pub(crate) mod testing {
    use image::RgbImage;

    /// What every QR code found in `image` says.
    pub fn qr_content(image: &RgbImage) -> Vec<String> {
        let luma = image::DynamicImage::ImageRgb8(image.clone()).into_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(luma);
        prepared
            .detect_grids()
            .into_iter()
            .filter_map(|grid| grid.decode().ok().map(|(_, content)| content))
            .collect()
    }
}
