//! Test photos for other crates' tests (feature `test-support`): a JPEG carrying what a phone
//! records — GPS position, camera serial number — plus XMP, IPTC and a comment.

use crate::fixtures::{self, ExifContent};

/// The camera serial number planted in [`revealing_jpeg`]; it must never reach a stored file.
pub const PLANTED_SERIAL: &str = fixtures::SERIAL;

/// A `width` × `height` JPEG with EXIF (GPS position, serial number, camera, time), XMP, IPTC and
/// a comment.
pub fn revealing_jpeg(width: u32, height: u32) -> Vec<u8> {
    let tiff = fixtures::exif_tiff(&ExifContent::revealing());
    fixtures::insert_jpeg_segments(
        &fixtures::jpeg(width, height),
        &[
            fixtures::exif_segment(&tiff),
            fixtures::xmp_segment(),
            fixtures::iptc_segment(),
            (0xFE, b"Aigerim, near the checkpoint".to_vec()),
        ],
    )
}

/// A plain `width` × `height` JPEG without metadata.
pub fn plain_jpeg(width: u32, height: u32) -> Vec<u8> {
    fixtures::jpeg(width, height)
}
