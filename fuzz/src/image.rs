//! The picture decoder behind the postcards (`escale::card::decode::decode`, which
//! `escale::card::render` calls first): files sent by strangers.
//!
//! Properties: decoding never panics out (escale turns a decoder's panic into an error; the
//! harness still reports it, as a caught panic); what decodes is within escale's limits on sides
//! and pixels; and for each new size that decodes, the whole card renders from the same file.
//!
//! A full render takes tens of milliseconds, the decode of a small mutated file microseconds: each
//! execution decodes, and only the first file of each decoded size (up to a budget) goes through
//! `render`, so the painting code sees every shape the decoder can hand it (1x16384 slivers
//! included).

use std::collections::HashSet;
use std::io::Cursor;

use escale::card::decode::decode;
use escale::card::{CardError, CardText, MAX_PIXELS, MAX_SIDE, Palette, Picture, render};
use image::{ImageFormat, RgbImage, RgbaImage};

use super::Verdict;
use super::mutate::mutate;
use super::rng::Rng;

/// Tiny valid files of each kind the decoder meets: baseline, grey, progressive with restarts,
/// subsampled with an EXIF rotation, CMYK; PNG in RGB, RGBA, grey, 4-bit palette with
/// transparency, 16 bits, and with an eXIf rotation.
pub fn seeds() -> Vec<Vec<u8>> {
    let rgb = gradient(16, 16);
    let mut seeds = Vec::new();
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    if rgb.write_with_encoder(encoder).is_ok() {
        seeds.push(out);
    }
    let grey: Vec<u8> = rgb.pixels().map(|p| p.0[0]).collect();
    seeds.extend(jpeg(&grey, 16, 16, jpeg_encoder::ColorType::Luma, |_| {}));
    seeds.extend(jpeg(
        rgb.as_raw(),
        16,
        16,
        jpeg_encoder::ColorType::Rgb,
        |e| {
            e.set_progressive(true);
            e.set_restart_interval(1);
        },
    ));
    let odd = gradient(17, 9);
    seeds.extend(jpeg(
        odd.as_raw(),
        17,
        9,
        jpeg_encoder::ColorType::Rgb,
        |e| {
            e.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
            let _ = e.add_exif_metadata(&exif(6));
        },
    ));
    let cmyk: Vec<u8> = (0..8 * 8 * 4).map(|i| (i * 37 % 256) as u8).collect();
    seeds.extend(jpeg(&cmyk, 8, 8, jpeg_encoder::ColorType::Cmyk, |_| {}));

    for image in [
        image::DynamicImage::ImageRgb8(rgb.clone()),
        image::DynamicImage::ImageRgba8(RgbaImage::from_fn(16, 16, |x, y| {
            image::Rgba([x as u8 * 16, y as u8 * 16, 0, (x * y) as u8])
        })),
        image::DynamicImage::ImageRgb16(image::DynamicImage::ImageRgb8(rgb.clone()).into_rgb16()),
    ] {
        let mut out = Vec::new();
        if image
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .is_ok()
        {
            seeds.push(out);
        }
    }
    seeds.extend(png(
        &grey,
        16,
        16,
        png::ColorType::Grayscale,
        png::BitDepth::Eight,
        None,
    ));
    let indexed: Vec<u8> = (0..16 * 16 / 2).map(|i| (i % 256) as u8).collect();
    seeds.extend(png(
        &indexed,
        16,
        16,
        png::ColorType::Indexed,
        png::BitDepth::Four,
        None,
    ));
    seeds.extend(png(
        odd.as_raw(),
        17,
        9,
        png::ColorType::Rgb,
        png::BitDepth::Eight,
        Some(exif(8)),
    ));
    seeds
}

fn gradient(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
    })
}

fn jpeg(
    pixels: &[u8],
    width: u16,
    height: u16,
    colour: jpeg_encoder::ColorType,
    setup: impl FnOnce(&mut jpeg_encoder::Encoder<&mut Vec<u8>>),
) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 80);
    setup(&mut encoder);
    encoder.encode(pixels, width, height, colour).ok()?;
    Some(out)
}

fn png(
    pixels: &[u8],
    width: u32,
    height: u32,
    colour: png::ColorType,
    depth: png::BitDepth,
    exif: Option<Vec<u8>>,
) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(depth);
    if colour == png::ColorType::Indexed {
        encoder.set_palette(
            (0..16 * 3)
                .map(|i| (i * 17 % 256) as u8)
                .collect::<Vec<u8>>(),
        );
        encoder.set_trns(vec![0u8, 128, 255]);
    }
    let mut writer = encoder.write_header().ok()?;
    if let Some(exif) = exif {
        writer.write_chunk(png::chunk::eXIf, &exif).ok()?;
    }
    writer.write_image_data(pixels).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// A big-endian TIFF block with one tag: the orientation.
fn exif(orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    tiff
}

pub const DICTIONARY: &[&[u8]] = &[
    b"\xff\xd8",
    b"\xff\xd9",
    b"\xff\xc0",
    b"\xff\xc2",
    b"\xff\xc4",
    b"\xff\xda",
    b"\xff\xdb",
    b"\xff\xdd\x00\x04\x00\x01",
    b"\xff\xe1",
    b"Exif\0\0",
    b"\xff\xee\x00\x0eAdobe",
    b"\xff\x00",
    b"\xff\xd0",
    b"IHDR",
    b"IDAT",
    b"IEND",
    b"PLTE",
    b"tRNS",
    b"eXIf",
    b"acTL",
    b"fcTL",
    b"fdAT",
    b"iCCP",
    b"zTXt",
    b"sBIT",
    b"gAMA",
    b"\x78\x9c",
    b"MM\0\x2a",
    b"II\x2a\0",
    b"\x01\x12",
];

/// Sides to claim in a header: the edges of escale's limits, of `u16`, of `u32`.
const SIDES: [u32; 20] = [
    0,
    1,
    2,
    3,
    8,
    15,
    16,
    17,
    255,
    256,
    1000,
    8000,
    16_383,
    16_384,
    16_385,
    65_535,
    100_000,
    0x8000_0000,
    0xffff_ffff,
    7,
];

/// Files bigger than this are not made: escale's 20 MB limit is a length check, tested apart.
const MAX_LEN: usize = 64 * 1024;

pub fn generate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut data = rng.pick(corpus).clone();
    for _ in 0..rng.range(1, 3) {
        match rng.below(10) {
            0..=4 => mutate(rng, &mut data, corpus, DICTIONARY, MAX_LEN),
            5 => data.truncate(rng.below(data.len() + 1)),
            6 => claim_size(rng, &mut data),
            _ => restructure(rng, &mut data),
        }
    }
    if data.starts_with(PNG_SIGNATURE) && !rng.one_in(5) {
        fix_crcs(&mut data);
    }
    data
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Another width and height in the header (JPEG's SOF, PNG's IHDR), mostly small: a large size
/// within the limits makes the decoder fill millions of pixels, the slow case.
fn claim_size(rng: &mut Rng, data: &mut [u8]) {
    let side = |rng: &mut Rng| {
        if rng.one_in(4) {
            *rng.pick(&SIDES)
        } else {
            rng.range(1, 64) as u32
        }
    };
    let (width, height) = (side(rng), side(rng));
    if data.starts_with(PNG_SIGNATURE) && data.len() >= 24 {
        data[16..20].copy_from_slice(&width.to_be_bytes());
        data[20..24].copy_from_slice(&height.to_be_bytes());
    } else if let Some(sof) = jpeg_segments(data).into_iter().find(
        |s| matches!(data[s.start + 1], 0xc0..=0xc3 | 0xc5..=0xc7 | 0xc9..=0xcb | 0xcd..=0xcf),
    ) && sof.end >= sof.start + 9
    {
        data[sof.start + 5..sof.start + 7].copy_from_slice(&(height as u16).to_be_bytes());
        data[sof.start + 7..sof.start + 9].copy_from_slice(&(width as u16).to_be_bytes());
    }
}

/// Segments (JPEG) or chunks (PNG) removed, repeated or swapped; PNG header fields changed.
fn restructure(rng: &mut Rng, data: &mut Vec<u8>) {
    let parts = if data.starts_with(PNG_SIGNATURE) {
        png_chunks(data)
    } else {
        jpeg_segments(data)
    };
    if parts.is_empty() {
        return;
    }
    let a = rng.pick(&parts).clone();
    let b = rng.pick(&parts).clone();
    match rng.below(5) {
        0 => {
            data.drain(a);
        }
        1 => {
            let copy = data[a.clone()].to_vec();
            data.splice(b.start..b.start, copy);
        }
        2 if a.end <= b.start => {
            let (first, second) = (data[a.clone()].to_vec(), data[b.clone()].to_vec());
            data.splice(b, first);
            data.splice(a, second);
        }
        3 if data.starts_with(PNG_SIGNATURE) && data.len() >= 29 => {
            // Bit depth, colour type, compression, filter, interlace.
            let field = 24 + rng.below(5);
            data[field] = *rng.pick(&[0, 1, 2, 3, 4, 6, 8, 16, 255]);
        }
        _ => {
            // The EXIF orientation, wherever its tag is.
            if let Some(at) = data.windows(2).position(|w| w == b"\x01\x12")
                && data.len() >= at + 10
            {
                data[at + 9] = *rng.pick(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255]);
            }
        }
    }
}

/// The byte ranges of a JPEG's marker segments, from SOI up to the first SOS (its entropy-coded
/// data runs to the end and counts as part of it).
fn jpeg_segments(data: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut at = 2;
    while at + 4 <= data.len() && data[at] == 0xff {
        let len = usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]]));
        let end = (at + 2 + len).min(data.len());
        if data[at + 1] == 0xda {
            parts.push(at..data.len());
            break;
        }
        parts.push(at..end);
        at = end;
    }
    parts
}

/// The byte ranges of a PNG's chunks (length, type, data and CRC each).
fn png_chunks(data: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut at = PNG_SIGNATURE.len();
    while at + 12 <= data.len() {
        let len = u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
        let end = at.saturating_add(12).saturating_add(len as usize);
        if end > data.len() {
            break;
        }
        parts.push(at..end);
        at = end;
    }
    parts
}

/// Recomputes every chunk's CRC, so that the decoder looks past the checksum at the content.
fn fix_crcs(data: &mut [u8]) {
    for chunk in png_chunks(data) {
        let crc = crc32(&data[chunk.start + 4..chunk.end - 4]);
        data[chunk.end - 4..chunk.end].copy_from_slice(&crc.to_be_bytes());
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// What the image target remembers between executions: the sizes already rendered.
#[derive(Debug)]
pub struct Renders {
    sizes: HashSet<(u32, u32)>,
    budget: usize,
}

impl Renders {
    /// At most `budget` full renders in a run.
    pub fn new(budget: usize) -> Renders {
        Renders {
            sizes: HashSet::new(),
            budget,
        }
    }

    /// How many sizes were rendered.
    pub fn count(&self) -> usize {
        self.sizes.len()
    }
}

pub fn check(input: &[u8], renders: &mut Renders) -> Verdict {
    let image = match decode(input) {
        Ok(image) => image,
        Err(error) => {
            if error.to_string().is_empty() {
                return Verdict::Fail(format!("an error without a message: {error:?}"));
            }
            return Verdict::Note(match error {
                CardError::TooBig { .. } => "refused: too big",
                CardError::Unsupported => "refused: neither JPEG nor PNG",
                CardError::TooLarge(_) => "refused: too many pixels",
                CardError::Unreadable(_) => "refused: unreadable",
                CardError::Link(_) | CardError::Encode(_) => "refused: another reason",
            });
        }
    };
    let (width, height) = image.dimensions();
    if width == 0
        || height == 0
        || width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Verdict::Fail(format!("decoded at {width}x{height}, past the limits"));
    }
    if renders.sizes.len() >= renders.budget || !renders.sizes.insert((width, height)) {
        return Verdict::Note("decoded");
    }
    let text = CardText {
        destination: "Pau",
        spot: "Château de Pau",
        message: "Quelle vue sur les Pyrénées ! Bisous 😘",
        hashtag: "#PauPyrenees",
        link: "https://t.me/PauPyreneesBot?start=card_Ab3xYz9Q",
    };
    match render(Picture::Encoded(input), &text, &Palette::default()) {
        Ok(card) if card.starts_with(b"\xff\xd8") => Verdict::Note("decoded, and a card rendered"),
        Ok(_) => Verdict::Fail(format!("the card of a {width}x{height} picture is no JPEG")),
        Err(error) => Verdict::Fail(format!(
            "a {width}x{height} picture decodes, but its card fails: {error}"
        )),
    }
}
