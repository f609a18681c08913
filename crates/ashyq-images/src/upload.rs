//! The upload pipeline: check size and format, inspect the container, decode within limits,
//! apply orientation and colour profile, then encode metadata-free variants.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, metadata::Orientation};

use crate::container::{self, Inspection};
use crate::error::UploadError;
use crate::format::{ImageFormat, detect_format, name_other_format};
use crate::{colour, own_output, variants};

/// How large an upload may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    /// The largest file accepted, in bytes (default 15 MiB).
    pub max_bytes: usize,
    /// The most pixels (width × height) accepted (default 50 megapixels, more than any phone
    /// and most cameras produce). Checked against the header before decoding.
    pub max_pixels: u64,
}

impl Default for UploadLimits {
    fn default() -> Self {
        Self { max_bytes: 15 * 1024 * 1024, max_pixels: 50_000_000 }
    }
}

/// One published size of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// The encoded file, free of any metadata.
    pub bytes: Vec<u8>,
    /// How `bytes` are encoded; for WebP uploads this may differ from the upload's format.
    pub format: ImageFormat,
}

/// A photo ready to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    /// The uploaded file's format, detected from its bytes.
    pub format: ImageFormat,
    /// Width of the largest variant: the upload after orientation, capped at
    /// [`MAX_WIDTH`](crate::MAX_WIDTH).
    pub width: u32,
    /// Height of the largest variant.
    pub height: u32,
    /// Those of [`RESPONSIVE_WIDTHS`](crate::RESPONSIVE_WIDTHS) narrower than the largest
    /// variant, then the largest itself; sorted by width.
    pub variants: Vec<Variant>,
    /// What was found in the upload and is absent from every variant, for telling the
    /// uploader, such as `"EXIF (GPS position, camera serial number)"` or `"XMP"`; empty if the
    /// upload carried none.
    pub stripped_metadata: Vec<String>,
}

/// Turns an uploaded photo into metadata-free, correctly oriented variants for publishing.
///
/// # Errors
///
/// Refuses empty, oversized and non-image files, images whose declared size exceeds
/// `limits.max_pixels` (before decoding anything), and files the decoder cannot read; see
/// [`UploadError`] for the messages.
pub fn process_upload(bytes: &[u8], limits: &UploadLimits) -> Result<ProcessedImage, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(UploadError::TooLarge { size: bytes.len(), limit: limits.max_bytes });
    }
    let format = detect_format(bytes).ok_or_else(|| match name_other_format(bytes) {
        Some(kind) => UploadError::UnsupportedFormat { kind },
        None => UploadError::NotAnImage,
    })?;

    let inspection = container::inspect(bytes, format);
    if let Some((width, height)) = inspection.declared_size {
        check_pixels(width, height, limits)?;
    }
    if inspection.ends_early {
        return Err(UploadError::Damaged {
            detail: "the file ends before the image does; was the upload interrupted?".to_owned(),
        });
    }

    let decoded = decode(bytes, format, limits)?;
    let mut image = variants::to_eight_bits(decoded.image);
    image.apply_orientation(decoded.orientation);
    let width_before_cap = image.width();
    let mut full = variants::cap_width(image);
    if let Some(profile) = &decoded.icc_profile {
        colour::convert_to_srgb(&mut full, profile);
    }

    let encoding = choose_encoding(format, &inspection, &full);
    // A JPEG exactly as this crate writes one (a published photo coming back, from an export) is
    // kept byte for byte, so its name and its smaller sizes come out the same again.
    let own = format == ImageFormat::Jpeg
        && inspection.metadata.is_empty()
        && decoded.orientation == Orientation::NoTransforms
        && decoded.icc_profile.is_none()
        && full.width() == width_before_cap
        && own_output::is_own_jpeg(bytes);
    let variants = variants::render_variants(&full, encoding, own.then_some(bytes))?;
    Ok(ProcessedImage {
        format,
        width: full.width(),
        height: full.height(),
        variants,
        stripped_metadata: inspection.metadata,
    })
}

struct Decoded {
    /// Taken out by [`process_upload`]; the rest is read after.
    image: DynamicImage,
    orientation: Orientation,
    icc_profile: Option<Vec<u8>>,
}

fn decode(
    bytes: &[u8],
    format: ImageFormat,
    limits: &UploadLimits,
) -> Result<Decoded, UploadError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.codec());
    reader.limits(decoder_limits(limits));
    let mut decoder = reader.into_decoder().map_err(UploadError::from_decoding)?;
    // The decoder's own reading of the header, in case the container walk missed it.
    let (width, height) = decoder.dimensions();
    check_pixels(width, height, limits)?;
    // Broken EXIF or ICC data must not cost the photo: without them it is merely upright
    // as stored and uncorrected in colour.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc_profile = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(UploadError::from_decoding)?;
    Ok(Decoded { image, orientation, icc_profile })
}

/// The decoder's own limits, a second line behind [`check_pixels`]: no side longer than the
/// pixel budget, and no more memory than the largest allowed image at 16 bits per RGBA channel
/// (8 bytes per pixel), plus room for the decoder's working buffers.
fn decoder_limits(limits: &UploadLimits) -> image::Limits {
    const WORKING_MEMORY: u64 = 64 * 1024 * 1024;
    let longest_side = u32::try_from(limits.max_pixels).unwrap_or(u32::MAX);
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_image_width = Some(longest_side);
    decoder_limits.max_image_height = Some(longest_side);
    decoder_limits.max_alloc =
        Some(limits.max_pixels.saturating_mul(8).saturating_add(WORKING_MEMORY));
    decoder_limits
}

fn check_pixels(width: u32, height: u32, limits: &UploadLimits) -> Result<(), UploadError> {
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(UploadError::TooManyPixels { width, height, limit: limits.max_pixels });
    }
    Ok(())
}

/// JPEG stays JPEG, PNG stays PNG and GIF becomes PNG. WebP becomes JPEG when it was a lossy, opaque photo, and
/// lossless WebP otherwise (see [`variants::Encoding::LosslessWebp`]).
fn choose_encoding(
    format: ImageFormat,
    inspection: &Inspection,
    image: &DynamicImage,
) -> variants::Encoding {
    match format {
        ImageFormat::Jpeg => variants::Encoding::Jpeg,
        ImageFormat::Png => variants::Encoding::Png,
        ImageFormat::Webp if inspection.lossy && !image.color().has_alpha() => {
            variants::Encoding::Jpeg
        }
        ImageFormat::Webp => variants::Encoding::LosslessWebp,
        // GIF's palette of 256 colours survives PNG losslessly, and PNG is what browsers and
        // e-book readers handle best; only the first frame of an animation is kept.
        ImageFormat::Gif => variants::Encoding::Png,
    }
}
