//! Photo uploads for ashyq: format detection, size limits, metadata stripping and responsive variants.
//!
//! Journalists upload photos that must never reveal where they were taken or with which camera.
//! [`process_upload`] takes the uploaded bytes and returns re-encoded images that carry **no
//! metadata at all**: every variant is encoded from decoded pixels by an encoder that is never given
//! any metadata, so EXIF, XMP, IPTC, ICC profiles, comments, thumbnails and appended data cannot
//! survive, whatever the container held. Before that, the container is read just far enough to
//! tell the journalist what was found and removed ([`ProcessedImage::stripped_metadata`]).
//!
//! The crate is pure: bytes in, bytes out, no file or network I/O.
//!
//! Invariants:
//! - the format is detected from the bytes (magic numbers), never from a file name;
//! - the declared pixel count is checked against [`UploadLimits::max_pixels`] before any pixel is
//!   decoded, so a small file claiming to be enormous (a decompression bomb) is refused cheaply;
//! - the EXIF orientation is applied to the pixels before the metadata is dropped, so photos are
//!   not shown sideways;
//! - an embedded ICC colour profile is applied to the pixels (converted to sRGB) before it is
//!   dropped, so wide-gamut phone photos keep their colours;
//! - no input, however hostile, makes the library panic.
//!
//! GIF uploads are published as PNG. Animated PNG, WebP and GIF uploads are published as their
//! first frame.

mod colour;
mod container;
mod error;
mod format;
mod own_output;
mod svg;
mod upload;
mod variants;

// Test files built in code; also offered to other crates' tests through `test_support`.
#[cfg(any(test, feature = "test-support"))]
#[allow(
    dead_code,
    clippy::expect_used,
    reason = "test fixtures from constants; outside this crate's tests only a few are used"
)]
mod fixtures;
#[cfg(feature = "test-support")]
pub mod test_support;
#[cfg(test)]
mod tests;

pub use error::UploadError;
pub use format::{ImageFormat, detect_format};
pub use svg::{MAX_SVG_BYTES, SanitizedSvg, SvgError, looks_like_svg, sanitize_svg};
pub use upload::{ProcessedImage, UploadLimits, Variant, process_upload};
pub use variants::{MAX_WIDTH, RESPONSIVE_WIDTHS};
