//! Resizes the decoded photo to the responsive widths and encodes each size from pixels alone.
//!
//! The encoders are never handed an ICC profile, EXIF or anything else, so whatever the upload
//! carried cannot reach the published bytes.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder};

use crate::error::UploadError;
use crate::format::ImageFormat;
use crate::upload::Variant;

/// The widths of the smaller variants, each made only when narrower than the full size.
pub const RESPONSIVE_WIDTHS: [u32; 3] = [480, 960, 1600];

/// The widest variant: larger photos are scaled down to this width. Wide enough for a
/// full-bleed picture on a high-density screen, small enough for a slow connection.
pub const MAX_WIDTH: u32 = 2400;

/// JPEG quality: visually clean for photos at about a tenth of the size of quality 100.
pub(crate) const JPEG_QUALITY: u8 = 82;

/// Catmull-Rom is sharp enough for photos and a third faster than Lanczos. The `image` crate
/// widens the filter by the reduction ratio, so large reductions average every source pixel
/// rather than skipping detail.
const RESIZE_FILTER: FilterType = FilterType::CatmullRom;

/// How the variants are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Photos: lossy JPEG at [`JPEG_QUALITY`].
    Jpeg,
    /// Graphics and anything with transparency uploaded as PNG.
    Png,
    /// Lossless WebP, for WebP uploads that were lossless or transparent. The `image` crate
    /// only encodes WebP losslessly, so lossy, opaque WebP photos are published as JPEG instead:
    /// lossless WebP of a photo is several times larger, too heavy for readers on slow links.
    LosslessWebp,
}

impl Encoding {
    pub(crate) fn format(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::LosslessWebp => ImageFormat::Webp,
        }
    }
}

/// The full-size image, scaled down to [`MAX_WIDTH`] if wider.
pub(crate) fn cap_width(image: DynamicImage) -> DynamicImage {
    if image.width() <= MAX_WIDTH {
        return image;
    }
    let height = scaled_height(image.width(), image.height(), MAX_WIDTH);
    image.resize_exact(MAX_WIDTH, height, RESIZE_FILTER)
}

/// Encodes `full` and each narrower responsive width, sorted from narrowest to widest. Each
/// smaller size is scaled from the next larger one, which is faster than scaling every size
/// from the full image and looks the same.
///
/// `largest`, when given, is the full size already encoded (a JPEG this crate wrote, taken as it
/// is). For JPEG the smaller sizes are scaled from the full size *as published*, decoded again, so
/// that publishing the published file once more (an export imported again) gives the same bytes
/// for every size.
pub(crate) fn render_variants(
    full: &DynamicImage,
    encoding: Encoding,
    largest: Option<&[u8]>,
) -> Result<Vec<Variant>, UploadError> {
    let largest = match largest {
        Some(bytes) => Variant {
            width: full.width(),
            height: full.height(),
            bytes: bytes.to_vec(),
            format: ImageFormat::Jpeg,
        },
        None => encode_variant(full, encoding)?,
    };
    let published;
    let full = if encoding == Encoding::Jpeg {
        let decoded = image::load_from_memory_with_format(&largest.bytes, image::ImageFormat::Jpeg)
            .map_err(UploadError::from_encoding)?;
        published = to_eight_bits(decoded);
        &published
    } else {
        full
    };
    let mut variants = vec![largest];
    let mut previous = None::<DynamicImage>;
    for &width in RESPONSIVE_WIDTHS.iter().rev().filter(|&&width| width < full.width()) {
        let source = previous.as_ref().unwrap_or(full);
        let height = scaled_height(full.width(), full.height(), width);
        let resized = source.resize_exact(width, height, RESIZE_FILTER);
        variants.push(encode_variant(&resized, encoding)?);
        previous = Some(resized);
    }
    variants.reverse();
    Ok(variants)
}

/// The height that keeps the aspect ratio at `target_width`, rounded, and at least one pixel.
pub(crate) fn scaled_height(width: u32, height: u32, target_width: u32) -> u32 {
    let width = u64::from(width.max(1));
    let scaled = (u64::from(height) * u64::from(target_width) + width / 2) / width;
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

/// Brings any decoded pixel type to 8 bits per channel, keeping grey and alpha: the web shows
/// 8 bits, and 16-bit PNGs would double the size for nothing visible.
pub(crate) fn to_eight_bits(image: DynamicImage) -> DynamicImage {
    let color = image.color();
    match (color.has_color(), color.has_alpha()) {
        _ if color.bytes_per_pixel() == color.channel_count() => image,
        (false, false) => DynamicImage::ImageLuma8(image.to_luma8()),
        (false, true) => DynamicImage::ImageLumaA8(image.to_luma_alpha8()),
        (true, false) => DynamicImage::ImageRgb8(image.to_rgb8()),
        (true, true) => DynamicImage::ImageRgba8(image.to_rgba8()),
    }
}

fn encode_variant(image: &DynamicImage, encoding: Encoding) -> Result<Variant, UploadError> {
    let mut bytes = Vec::new();
    let result = match encoding {
        Encoding::Jpeg => {
            // JPEG has no alpha channel; what is left is grey or RGB.
            let opaque = if image.color().has_color() {
                DynamicImage::ImageRgb8(image.to_rgb8())
            } else {
                DynamicImage::ImageLuma8(image.to_luma8())
            };
            write_with(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY), &opaque)
        }
        Encoding::Png => write_with(
            PngEncoder::new_with_quality(&mut bytes, CompressionType::Default, PngFilter::Adaptive),
            image,
        ),
        Encoding::LosslessWebp => write_with(WebPEncoder::new_lossless(&mut bytes), image),
    };
    result.map_err(UploadError::from_encoding)?;
    Ok(Variant { width: image.width(), height: image.height(), bytes, format: encoding.format() })
}

fn write_with(encoder: impl ImageEncoder, image: &DynamicImage) -> image::ImageResult<()> {
    encoder.write_image(image.as_bytes(), image.width(), image.height(), image.color().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(2000, 1000, 480), 240);
        assert_eq!(scaled_height(4000, 3000, 2400), 1800);
        assert_eq!(scaled_height(3, 2, 2), 1); // 1.33 rounds down
        assert_eq!(scaled_height(3, 5, 2), 3); // 3.33 rounds down
        assert_eq!(scaled_height(4000, 1, 480), 1); // never zero
        assert_eq!(scaled_height(0, 10, 480), 4800); // no division by zero
    }

    #[test]
    fn sixteen_bit_images_become_eight_bit_of_the_same_kind() {
        let table = [
            (DynamicImage::new_luma16(2, 2), image::ColorType::L8),
            (DynamicImage::new_luma_a16(2, 2), image::ColorType::La8),
            (DynamicImage::new_rgb16(2, 2), image::ColorType::Rgb8),
            (DynamicImage::new_rgba16(2, 2), image::ColorType::Rgba8),
            (DynamicImage::new_rgb32f(2, 2), image::ColorType::Rgb8),
            (DynamicImage::new_rgba8(2, 2), image::ColorType::Rgba8),
        ];
        for (image, expected) in table {
            assert_eq!(to_eight_bits(image).color(), expected);
        }
    }
}
