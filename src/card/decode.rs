//! Turning the tourist's file into upright RGB pixels, safely and no bigger than the card needs.
//!
//! The bytes come from strangers: the size is bounded before anything is parsed, the dimensions
//! are checked from the header before any pixel buffer exists, allocations are capped, and a
//! decoder panic becomes an error value ([`CardError::Unreadable`]).
//!
//! Big JPEGs (a 4032x3024 original) are decoded at 1/2, 1/4 or 1/8 scale straight from the DCT
//! coefficients by `jpeg-decoder`, when that still covers the frame: far less work than decoding
//! every pixel and then throwing most of them away. Everything else goes through `image` (zune-jpeg,
//! png), which is the faster full-size decoder.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

use super::CardError;

/// Largest file accepted: Telegram's getFile limit.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;
/// Largest side accepted, in pixels (a 200-megapixel phone photo is 16320 wide).
pub const MAX_SIDE: u32 = 16_384;
/// Largest pixel count accepted (12 bytes a pixel at most while decoding and orienting).
pub const MAX_PIXELS: u64 = 64_000_000;
/// Cap on what a decoder may allocate.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Decodes `bytes` (JPEG or PNG), honours its EXIF orientation and flattens any transparency onto
/// white. `cover` is the frame the picture will fill: a JPEG at least twice as big in both
/// directions is decoded at a reduced scale that still covers it.
pub fn decode(bytes: &[u8], cover: (u32, u32)) -> Result<RgbImage, CardError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(CardError::TooBig {
            bytes: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let format = image::guess_format(bytes).map_err(|_| CardError::Unsupported)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png) {
        return Err(CardError::Unsupported);
    }
    // Decoders are large parsers of hostile input: a panic in one must not take the bot down.
    catch_unwind(AssertUnwindSafe(|| {
        if format == ImageFormat::Jpeg
            && let Some(image) = decode_jpeg_scaled(bytes, cover)?
        {
            return Ok(image);
        }
        decode_full(bytes, format)
    }))
    .unwrap_or_else(|_| Err(CardError::Unreadable("the decoder panicked".into())))
}

/// Any JPEG or PNG, at full size, through `image` with limits.
fn decode_full(bytes: &[u8], format: ImageFormat) -> Result<RgbImage, CardError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(image_error)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    let orientation = decoder.orientation().map_err(image_error)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(image_error)?;
    image.apply_orientation(orientation);
    Ok(flatten(image))
}

/// A JPEG much larger than `cover`, decoded at the smallest DCT scale that still covers it.
/// `Ok(None)` when scaling would not help or the pixel format is one only `image` converts
/// (CMYK, 16-bit): the caller then decodes at full size.
fn decode_jpeg_scaled(bytes: &[u8], cover: (u32, u32)) -> Result<Option<RgbImage>, CardError> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    decoder.read_info().map_err(unreadable)?;
    let Some(info) = decoder.info() else {
        return Ok(None);
    };
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_dimensions(width, height)?;
    if !matches!(
        info.pixel_format,
        jpeg_decoder::PixelFormat::RGB24 | jpeg_decoder::PixelFormat::L8
    ) {
        return Ok(None);
    }
    // Orientation swaps the axes the frame is measured on, so compare both ways round and
    // keep the larger need; scaling is uniform, so one factor tells the whole story.
    let (cw, ch) = (f64::from(cover.0.max(1)), f64::from(cover.1.max(1)));
    let upright = (cw / f64::from(width)).max(ch / f64::from(height));
    let turned = (ch / f64::from(width)).max(cw / f64::from(height));
    let need = upright.max(turned);
    if need > 0.5 {
        return Ok(None);
    }
    // jpeg-decoder picks the smallest scale meeting the request on either axis, so request the
    // width only (the height request can never be met) to make the width decide.
    let wanted = (f64::from(width) * need).ceil().min(f64::from(u16::MAX)) as u16;
    let (out_w, out_h) = decoder.scale(wanted, u16::MAX).map_err(unreadable)?;
    let pixels = decoder.decode().map_err(unreadable)?;
    let orientation = decoder
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let (out_w, out_h) = (u32::from(out_w), u32::from(out_h));
    let image = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => {
            image::GrayImage::from_raw(out_w, out_h, pixels).map(DynamicImage::ImageLuma8)
        }
        _ => RgbImage::from_raw(out_w, out_h, pixels).map(DynamicImage::ImageRgb8),
    };
    let Some(mut image) = image else {
        return Err(CardError::Unreadable("short pixel buffer".into()));
    };
    image.apply_orientation(orientation);
    Ok(Some(image.into_rgb8()))
}

fn check_dimensions(width: u32, height: u32) -> Result<(), CardError> {
    if width == 0
        || height == 0
        || width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(CardError::TooLarge(format!("{width}x{height} pixels")));
    }
    Ok(())
}

/// RGB pixels, with any transparency composited onto white paper (a transparent PNG's hidden
/// colour is often black).
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

/// `image`'s limit errors say the picture is too large; anything else, that it is unreadable.
fn image_error(error: image::ImageError) -> CardError {
    match error {
        image::ImageError::Limits(limit) => CardError::TooLarge(limit.to_string()),
        other => CardError::Unreadable(other.to_string()),
    }
}

fn unreadable(error: jpeg_decoder::Error) -> CardError {
    CardError::Unreadable(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
        });
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        assert!(image.write_with_encoder(encoder).is_ok());
        out
    }

    #[test]
    fn a_small_jpeg_decodes_at_full_size() {
        let image = decode(&jpeg(320, 240), (1000, 920));
        assert_eq!(image.map(|i| i.dimensions()).ok(), Some((320, 240)));
    }

    #[test]
    fn a_big_jpeg_decodes_scaled_but_still_covers_the_frame() {
        let image = decode(&jpeg(4032, 3024), (1000, 920));
        let (w, h) = image.map(|i| i.dimensions()).unwrap_or_default();
        assert_eq!((w, h), (2016, 1512));
        // 1/8 would cover 400x300 as shot, but not if EXIF turns the picture: 1/4 it is.
        let image = decode(&jpeg(4032, 3024), (400, 300));
        let (w, h) = image.map(|i| i.dimensions()).unwrap_or_default();
        assert_eq!((w, h), (1008, 756));
        let image = decode(&jpeg(4032, 3024), (300, 300));
        let (w, h) = image.map(|i| i.dimensions()).unwrap_or_default();
        assert_eq!((w, h), (504, 378));
    }

    #[test]
    fn a_png_with_transparency_lands_on_white() {
        let image = image::RgbaImage::from_pixel(8, 8, image::Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        assert!(
            image
                .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
                .is_ok()
        );
        let decoded = decode(&png, (100, 100));
        assert_eq!(
            decoded.map(|i| i.get_pixel(3, 3).0).ok(),
            Some([255, 255, 255])
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let bytes = vec![0xFF; MAX_INPUT_BYTES + 1];
        assert!(matches!(
            decode(&bytes, (10, 10)),
            Err(CardError::TooBig { .. })
        ));
    }

    #[test]
    fn other_formats_are_refused() {
        assert!(matches!(
            decode(b"GIF89a....", (10, 10)),
            Err(CardError::Unsupported)
        ));
        assert!(matches!(decode(b"", (10, 10)), Err(CardError::Unsupported)));
    }

    #[test]
    fn corrupt_images_are_errors_not_panics() {
        // Garbage after a valid signature.
        let mut garbage = vec![0xFF, 0xD8, 0xFF, 0xE0];
        garbage.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert!(matches!(
            decode(&garbage, (10, 10)),
            Err(CardError::Unreadable(_))
        ));
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&[0x13; 300]);
        assert!(matches!(
            decode(&png, (10, 10)),
            Err(CardError::Unreadable(_))
        ));
    }

    /// A PNG whose header claims `width`x`height` pixels (30 GB of RGB for 100000 squared), with a
    /// token IDAT chunk: a header and nothing behind it.
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(b"IHDR");
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, no interlace
        let crc = crc32(&ihdr);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(&ihdr);
        png.extend_from_slice(&crc.to_be_bytes());
        let idat = b"IDAT\x78\x9c\x63\x00\x00";
        png.extend_from_slice(&5u32.to_be_bytes());
        png.extend_from_slice(idat);
        png.extend_from_slice(&crc32(idat).to_be_bytes());
        png.extend_from_slice(&[0, 0, 0, 0]);
        png.extend_from_slice(b"IEND");
        png.extend_from_slice(&crc32(b"IEND").to_be_bytes());
        png
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_png_claiming_100000_squared_is_refused_quickly() {
        let start = Instant::now();
        let result = decode(&png_claiming(100_000, 100_000), (1000, 920));
        assert!(matches!(result, Err(CardError::TooLarge(_))), "{result:?}");
        assert!(start.elapsed() < Duration::from_millis(200));
    }

    #[test]
    fn a_png_within_each_side_but_too_many_pixels_is_refused() {
        let result = decode(&png_claiming(16_000, 16_000), (1000, 920));
        assert!(matches!(result, Err(CardError::TooLarge(_))), "{result:?}");
    }

    #[test]
    fn a_jpeg_header_claiming_65535_squared_is_refused_quickly() {
        let mut bytes = jpeg(16, 16);
        // Patch the SOF0 frame header's height and width.
        let sof = bytes
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .unwrap_or(0);
        assert!(sof > 0);
        bytes[sof + 5..sof + 9].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
        let start = Instant::now();
        let result = decode(&bytes, (1000, 920));
        assert!(matches!(result, Err(CardError::TooLarge(_))), "{result:?}");
        assert!(start.elapsed() < Duration::from_millis(200));
    }
}
