//! Recognises a JPEG this crate wrote itself, so that publishing it again keeps its bytes.
//!
//! JPEG is lossy: re-encoding a published photo changes its bytes, and so its content-addressed
//! name, and an export imported again would not give the same site. A file is taken as it is only
//! when it is *exactly* our encoder's framing: start of image, then header segments byte for byte
//! those our encoder writes for the same number of components (only the frame's width and height
//! may differ), then entropy-coded data with no markers but byte stuffing, then the end of image as
//! the file's last two bytes. Such a file has no room for anything but its pixels: no EXIF, XMP,
//! ICC, comment, thumbnail or appended data.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};

use crate::variants::JPEG_QUALITY;

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const SOF0: u8 = 0xC0;

/// Whether `bytes` are a JPEG exactly as [`crate::variants`] encodes one.
pub(crate) fn is_own_jpeg(bytes: &[u8]) -> bool {
    let Some(header) = header_segments(bytes) else { return false };
    let Some(components) = header
        .segments
        .iter()
        .find(|(marker, _)| *marker == SOF0)
        .and_then(|(_, payload)| payload.get(5).copied())
    else {
        return false;
    };
    let colour = match components {
        1 => ExtendedColorType::L8,
        3 => ExtendedColorType::Rgb8,
        _ => return false,
    };
    let Some(reference) = reference_jpeg(colour) else { return false };
    let Some(expected) = header_segments(&reference) else { return false };
    let same_header = header.segments.len() == expected.segments.len()
        && header.segments.iter().zip(&expected.segments).all(
            |((marker, ours), (want, theirs))| {
                marker == want
                    && if *marker == SOF0 {
                        // Precision, then height and width (which may differ), then the components.
                        ours.len() == theirs.len()
                            && ours[0] == theirs[0]
                            && ours[5..] == theirs[5..]
                    } else {
                        ours == theirs
                    }
            },
        );
    same_header && entropy_data_ends_the_file(&bytes[header.scan_data..])
}

struct Header<'a> {
    /// `(marker, payload)` from the first segment after SOI up to and including SOS.
    segments: Vec<(u8, &'a [u8])>,
    /// Where the entropy-coded data starts.
    scan_data: usize,
}

fn header_segments(bytes: &[u8]) -> Option<Header<'_>> {
    if bytes.get(..2)? != [0xFF, SOI] {
        return None;
    }
    let mut segments = Vec::new();
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let length = usize::from(u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]));
        let payload = bytes.get(at + 4..(at + 2).checked_add(length)?)?;
        segments.push((marker, payload));
        at += 2 + length;
        if marker == SOS {
            return Some(Header { segments, scan_data: at });
        }
        if segments.len() > 32 {
            return None;
        }
    }
}

/// Entropy-coded data may hold 0xFF only as stuffed `FF 00`; the first other marker must be the
/// end of image, and nothing may follow it.
fn entropy_data_ends_the_file(data: &[u8]) -> bool {
    let mut at = 0;
    while at < data.len() {
        if data[at] == 0xFF {
            match data.get(at + 1) {
                Some(0x00) => at += 2,
                Some(&EOI) => return at + 2 == data.len(),
                _ => return false,
            }
        } else {
            at += 1;
        }
    }
    false
}

/// A tiny image encoded exactly as variants are, to compare headers with.
fn reference_jpeg(colour: ExtendedColorType) -> Option<Vec<u8>> {
    let channels = if colour == ExtendedColorType::L8 { 1 } else { 3 };
    let pixels = vec![128_u8; 8 * 8 * channels];
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
        .write_image(&pixels, 8, 8, colour)
        .ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn our_own_jpegs_are_recognised_and_nothing_else() {
        let mut ours = Vec::new();
        let pixels: Vec<u8> = (0..40 * 30 * 3).map(|i| (i % 251) as u8).collect();
        JpegEncoder::new_with_quality(&mut ours, JPEG_QUALITY)
            .write_image(&pixels, 40, 30, ExtendedColorType::Rgb8)
            .unwrap();
        assert!(is_own_jpeg(&ours));

        // Anything added is refused: data after the end, a comment, another quality.
        let mut appended = ours.clone();
        appended.extend_from_slice(b"GPS 43.2N 76.9E");
        assert!(!is_own_jpeg(&appended));
        let mut with_comment = ours[..2].to_vec();
        with_comment.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x07, b'A', b'i', b'g', b'e', b'r']);
        with_comment.extend_from_slice(&ours[2..]);
        assert!(!is_own_jpeg(&with_comment));
        let mut other_quality = Vec::new();
        JpegEncoder::new_with_quality(&mut other_quality, 95)
            .write_image(&pixels, 40, 30, ExtendedColorType::Rgb8)
            .unwrap();
        assert!(!is_own_jpeg(&other_quality));
        assert!(!is_own_jpeg(&ours[..ours.len() - 1]));
        assert!(!is_own_jpeg(b""));
        assert!(!is_own_jpeg(&fixtures::jpeg(40, 30)), "a camera's JPEG at another quality");
    }
}
