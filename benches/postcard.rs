//! Postcard rendering time: `cargo bench --bench postcard`.
//!
//! Renders a card from a 1280x960 JPEG (what Telegram serves for a compressed photo), from a
//! 4032x3024 JPEG (a 12 MP original sent as a file) and with no photo (the designed landscape).
//! The inputs are generated photo-like pictures (sky gradient, ridges, texture, sensor noise)
//! encoded at quality 85, so the decoder does realistic work.
//!
//! When a real ImageMagick is installed (`convert` or `magick` whose `-version` says
//! "ImageMagick"; `CARD_BENCH_CONVERT=/path/to/convert` to choose one), the same composition is
//! timed with it on the same inputs: auto-orient, resize and crop to the frame, paste on the
//! paper, shade, names, wrapped message, hashtag, QR overlay (a ready PNG: ImageMagick cannot
//! make QR codes, so it gets that for free), JPEG at the same quality. Both medians are printed
//! at the end.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::Criterion;
use escale::card::{self, CardText, Palette, Picture};
use image::{Rgb, RgbImage};

const LINK: &str = "https://t.me/PauPyreneesBot?start=card_Ab3xYz9Q";
const MESSAGE: &str = "Quelle vue sur les Pyrénées depuis le château ! On a goûté le jurançon, \
                       demain le funiculaire. Tu nous manques, bises à toute l’équipe 😘";
/// Runs for the plain medians printed at the end.
const RUNS: usize = 21;

fn text() -> CardText<'static> {
    CardText {
        destination: "Pau",
        spot: "Château de Pau",
        message: MESSAGE,
        hashtag: "#PauPyrenees",
        link: LINK,
    }
}

/// A photo-like JPEG: sky, two ridges, textured ground, noise.
fn photo(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let (w, h) = (width as f32, height as f32);
    let image = RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = (state >> 58) as f32 - 32.0;
        let (fx, fy) = (x as f32 / w, y as f32 / h);
        let ridge = 0.45 + 0.08 * (fx * 7.0).sin() + 0.04 * (fx * 23.0).sin();
        let ground = 0.7 + 0.03 * (fx * 3.0).cos();
        let base = if fy < ridge {
            [110.0 + 90.0 * fy, 150.0 + 70.0 * fy, 235.0 - 30.0 * fy]
        } else if fy < ground {
            [90.0, 95.0 + 20.0 * (fx * 40.0).sin(), 120.0]
        } else {
            let texture = 25.0 * ((fx * 180.0).sin() * (fy * 140.0).cos());
            [70.0 + texture, 120.0 + texture, 50.0]
        };
        Rgb(base.map(|c| (c + noise * 0.4).clamp(0.0, 255.0) as u8))
    });
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    if let Err(error) = image.write_with_encoder(encoder) {
        panic!("encoding the bench input failed: {error}");
    }
    out
}

fn render(picture: Picture<'_>) -> Vec<u8> {
    match card::render(picture, &text(), &Palette::default()) {
        Ok(jpeg) => jpeg,
        Err(error) => panic!("render failed: {error}"),
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// A real ImageMagick `convert`, if one is installed (a stand-in that is not ImageMagick is
/// skipped).
fn imagemagick() -> Option<Vec<String>> {
    let candidates: Vec<Vec<String>> = std::env::var("CARD_BENCH_CONVERT")
        .ok()
        .map(|path| vec![vec![path]])
        .unwrap_or_default()
        .into_iter()
        .chain([
            vec!["convert".to_owned()],
            vec!["/usr/bin/convert".to_owned()],
            vec!["magick".to_owned()],
        ])
        .collect();
    candidates.into_iter().find(|command| {
        Command::new(&command[0])
            .arg("-version")
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("ImageMagick"))
    })
}

/// The QR code as a PNG at the card's scale (4 px a module, 3 modules of quiet zone), for
/// ImageMagick to overlay.
fn qr_png(path: &Path) {
    let code = match qrcode::QrCode::with_error_correction_level(LINK, qrcode::EcLevel::M) {
        Ok(code) => code,
        Err(error) => panic!("QR: {error}"),
    };
    let width = code.width() as u32;
    let colors = code.to_colors();
    let side = (width + 6) * 4;
    let image = RgbImage::from_fn(side, side, |x, y| {
        let (mx, my) = ((x / 4).wrapping_sub(3), (y / 4).wrapping_sub(3));
        let dark =
            mx < width && my < width && colors[(my * width + mx) as usize] == qrcode::Color::Dark;
        if dark {
            Rgb([16, 18, 26])
        } else {
            Rgb([255, 255, 255])
        }
    });
    if let Err(error) = image.save(path) {
        panic!("saving the QR PNG: {error}");
    }
}

/// The card's composition as one ImageMagick command.
fn convert_args(input: &Path, qr: &Path, output: &Path) -> Vec<String> {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let bold = fonts.join("DejaVuSans-Bold.ttf").display().to_string();
    let script = fonts.join("DejaVuSerif-Italic.ttf").display().to_string();
    let message = card::drawable(MESSAGE);
    [
        "-size",
        "1600x1000",
        "xc:#FAF6ED",
        // The photo: upright, resized to cover the frame, cropped, pasted with its shade.
        "(",
        &input.display().to_string(),
        "-auto-orient",
        "-resize",
        "1000x920^",
        "-gravity",
        "center",
        "-extent",
        "1000x920",
        "(",
        "-size",
        "1000x386",
        "gradient:none-rgba(8,10,20,0.72)",
        ")",
        "-gravity",
        "south",
        "-composite",
        ")",
        "-gravity",
        "northwest",
        "-geometry",
        "+40+40",
        "-composite",
        // The names.
        "-fill",
        "white",
        "-font",
        &bold,
        "-pointsize",
        "74",
        "-annotate",
        "+88+850",
        "Pau",
        "-font",
        &script,
        "-pointsize",
        "31",
        "-annotate",
        "+88+910",
        "Château de Pau",
        // The stamp's QR code.
        &qr.display().to_string(),
        "-geometry",
        "+1386+70",
        "-composite",
        // The message, wrapped by ImageMagick.
        "(",
        "-size",
        "470x590",
        "-background",
        "none",
        "-fill",
        "#1C2440",
        "-font",
        &script,
        "-pointsize",
        "27",
        &format!("caption:{message}"),
        ")",
        "-geometry",
        "+1090+300",
        "-composite",
        // The hashtag.
        "-fill",
        "#8A5F48",
        "-font",
        &bold,
        "-pointsize",
        "25",
        "-annotate",
        "+1090+950",
        "#PauPyrenees",
        "-quality",
        "90",
        &output.display().to_string(),
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

fn run_convert(convert: &[String], args: &[String]) -> Duration {
    let start = Instant::now();
    let status = Command::new(&convert[0])
        .args(&convert[1..])
        .args(args)
        .status();
    let elapsed = start.elapsed();
    if !status.is_ok_and(|s| s.success()) {
        panic!("ImageMagick failed: {convert:?} {args:?}");
    }
    elapsed
}

fn main() {
    let small = photo(1280, 960);
    let large = photo(4032, 3024);

    let mut criterion = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut group = criterion.benchmark_group("postcard");
    group.bench_function("render 1280x960 jpeg", |b| {
        b.iter(|| render(Picture::Encoded(black_box(&small))))
    });
    group.bench_function("render 4032x3024 jpeg", |b| {
        b.iter(|| render(Picture::Encoded(black_box(&large))))
    });
    group.bench_function("render designed", |b| b.iter(|| render(Picture::Designed)));
    group.finish();
    criterion.final_summary();

    // Plain medians of the same work, side by side with ImageMagick when there is one.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("postcard");
    if let Err(error) = std::fs::create_dir_all(&dir) {
        panic!("temp dir: {error}");
    }
    let convert = imagemagick();
    if convert.is_none() {
        println!("ImageMagick not found: `apt-get install imagemagick` to compare with it");
    }
    let qr = dir.join("qr.png");
    qr_png(&qr);
    println!(
        "\nmedians of {RUNS} runs, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for (name, bytes) in [("1280x960", &small), ("4032x3024", &large)] {
        let ours = median(
            (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    black_box(render(Picture::Encoded(bytes)));
                    start.elapsed()
                })
                .collect(),
        );
        let ours_file = dir.join(format!("escale-{name}.jpg"));
        if let Err(error) = std::fs::write(&ours_file, render(Picture::Encoded(bytes))) {
            panic!("writing {ours_file:?}: {error}");
        }
        print!("{name:>10}: escale {:7.1} ms", ms(ours));
        if let Some(convert) = &convert {
            let input = dir.join(format!("input-{name}.jpg"));
            if let Err(error) = std::fs::write(&input, bytes) {
                panic!("writing {input:?}: {error}");
            }
            let args = convert_args(&input, &qr, &dir.join(format!("convert-{name}.jpg")));
            let theirs = median((0..RUNS).map(|_| run_convert(convert, &args)).collect());
            print!(
                "   ImageMagick {:7.1} ms   ratio {:5.1}x",
                ms(theirs),
                theirs.as_secs_f64() / ours.as_secs_f64()
            );
        }
        println!();
    }
    println!("cards written to {}", dir.display());
}
