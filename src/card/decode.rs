//! Turning the tourist's file into upright RGB pixels, safely and no bigger than the card needs.
//!
//! The bytes come from strangers: the size is bounded before anything is parsed, the dimensions
//! are checked from the header before any pixel buffer exists, allocations are capped, and a
//! decoder panic becomes an error value ([`CardError::Unreadable`]).
//!
//! Everything is decoded at full size by `image` (zune-jpeg, png). Decoding big JPEGs at 1/2 or 1/4
//! scale from the DCT (`jpeg-decoder`'s `scale`) was measured and dropped: on a 4032x3024 photo it
//! took 77 ms against zune-jpeg's 71 ms at full size, the entropy decoding being the bulk of the
//! work either way.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

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
/// white.
pub fn decode(bytes: &[u8]) -> Result<RgbImage, CardError> {
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
    catch_unwind(AssertUnwindSafe(|| decode_full(bytes, format)))
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
        let image = decode(&jpeg(320, 240));
        assert_eq!(image.map(|i| i.dimensions()).ok(), Some((320, 240)));
    }

    #[test]
    fn a_big_jpeg_decodes() {
        let image = decode(&jpeg(3000, 2000));
        assert_eq!(image.map(|i| i.dimensions()).ok(), Some((3000, 2000)));
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
        let decoded = decode(&png);
        assert_eq!(
            decoded.map(|i| i.get_pixel(3, 3).0).ok(),
            Some([255, 255, 255])
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let bytes = vec![0xFF; MAX_INPUT_BYTES + 1];
        assert!(matches!(decode(&bytes), Err(CardError::TooBig { .. })));
    }

    #[test]
    fn other_formats_are_refused() {
        assert!(matches!(decode(b"GIF89a...."), Err(CardError::Unsupported)));
        assert!(matches!(decode(b""), Err(CardError::Unsupported)));
    }

    #[test]
    fn corrupt_images_are_errors_not_panics() {
        // Garbage after a valid signature.
        let mut garbage = vec![0xFF, 0xD8, 0xFF, 0xE0];
        garbage.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert!(matches!(decode(&garbage), Err(CardError::Unreadable(_))));
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&[0x13; 300]);
        assert!(matches!(decode(&png), Err(CardError::Unreadable(_))));
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
        let result = decode(&png_claiming(100_000, 100_000));
        assert!(matches!(result, Err(CardError::TooLarge(_))), "{result:?}");
        assert!(start.elapsed() < Duration::from_millis(200));
    }

    #[test]
    fn a_png_within_each_side_but_too_many_pixels_is_refused() {
        let result = decode(&png_claiming(16_000, 16_000));
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
        let result = decode(&bytes);
        assert!(matches!(result, Err(CardError::TooLarge(_))), "{result:?}");
        assert!(start.elapsed() < Duration::from_millis(200));
    }
}
