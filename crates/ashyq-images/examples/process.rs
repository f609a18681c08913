//! Times `process_upload` on a generated 12-megapixel, ~5 MB JPEG, like a phone photo.
//!
//! Run with `cargo run --release -p ashyq-images --example process`. Timing is reported here,
//! never asserted in tests, because shared build machines make timings noisy.

use std::time::Instant;

use ashyq_images::{UploadLimits, process_upload};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;
const RUNS: u32 = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let photo = generate_photo()?;
    println!("input: {WIDTH} × {HEIGHT} JPEG, {:.1} MB", photo.len() as f64 / (1024.0 * 1024.0));

    let limits = UploadLimits::default();
    let mut timings = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let processed = process_upload(&photo, &limits)?;
        timings.push(started.elapsed());
        last = Some(processed);
    }
    timings.sort();
    let Some(processed) = last else { return Ok(()) };
    for variant in &processed.variants {
        println!(
            "  variant {:>4} × {:<4} {:>6} KB {}",
            variant.width,
            variant.height,
            variant.bytes.len() / 1024,
            variant.format.content_type()
        );
    }
    println!(
        "process_upload: best {:.0} ms, median {:.0} ms over {RUNS} runs",
        timings[0].as_secs_f64() * 1000.0,
        timings[timings.len() / 2].as_secs_f64() * 1000.0
    );
    Ok(())
}

/// Smooth colour fields with strong pseudo-random grain, so the JPEG is about as large as a
/// real 12-megapixel photo (a flat picture would compress to almost nothing).
fn generate_photo() -> Result<Vec<u8>, image::ImageError> {
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let picture = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let grain = (state % 48) as i32 - 24;
        let channel =
            |base: u32| (i32::try_from(base % 256).unwrap_or(0) + grain).clamp(0, 255) as u8;
        Rgb([channel(x / 16 + y / 32), channel(128 + x / 24), channel(255 - y / 12)])
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 90).write_image(
        picture.as_raw(),
        WIDTH,
        HEIGHT,
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(bytes)
}
