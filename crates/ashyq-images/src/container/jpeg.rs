//! Walks a JPEG's marker segments: the frame header gives the size, APPn and COM segments carry
//! the metadata, and the walk continues through the compressed data to the end-of-image marker.

use super::blocks::{describe_exif, describe_iptc, describe_xmp};
use super::{Inspection, contains, read_u16_be};

const SOF_MARKERS: [u8; 13] =
    [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF];
const SOS: u8 = 0xDA;
const EOI: u8 = 0xD9;
const SOI: u8 = 0xD8;
const COM: u8 = 0xFE;

const XMP_SIGNATURE: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const EXTENDED_XMP_SIGNATURE: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

pub(super) fn inspect(bytes: &[u8], inspection: &mut Inspection) {
    // The magic number (FF D8) was checked by format detection.
    let mut pos = 2;
    loop {
        match bytes.get(pos) {
            None => {
                inspection.ends_early = true;
                return;
            }
            Some(0xFF) => {}
            // Stray bytes between segments: leave the verdict to the decoder.
            Some(_) => return,
        }
        // A marker may be preceded by any number of 0xFF fill bytes.
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else {
            inspection.ends_early = true;
            return;
        };
        pos += 1;
        match marker {
            EOI => {
                inspect_trailer(bytes.get(pos..).unwrap_or_default(), inspection);
                return;
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => continue,
            // A second image start: not ours to interpret.
            SOI => return,
            _ => {}
        }
        let Some(length) = read_u16_be(bytes, pos) else {
            inspection.ends_early = true;
            return;
        };
        let length = usize::from(length);
        if length < 2 {
            return;
        }
        let Some(data) = bytes.get(pos + 2..pos + length) else {
            inspection.ends_early = true;
            return;
        };
        inspect_segment(marker, data, inspection);
        pos += length;
        if marker == SOS {
            pos = skip_entropy_coded_data(bytes, pos);
        }
    }
}

fn inspect_segment(marker: u8, data: &[u8], inspection: &mut Inspection) {
    match marker {
        _ if SOF_MARKERS.contains(&marker) => {
            if inspection.declared_size.is_none()
                && let (Some(height), Some(width)) = (read_u16_be(data, 1), read_u16_be(data, 3))
            {
                inspection.declared_size = Some((u32::from(width), u32::from(height)));
            }
        }
        0xE0 => {
            if data.starts_with(b"JFIF\0") {
                // JFIF may carry an uncompressed thumbnail; its size is in bytes 12 and 13.
                if data.get(12).is_some_and(|&w| w > 0) && data.get(13).is_some_and(|&h| h > 0) {
                    inspection.found("JFIF thumbnail");
                }
            } else if data.starts_with(b"JFXX\0") {
                inspection.found("JFIF thumbnail");
            } else {
                inspection.found("application data (APP0)");
            }
        }
        0xE1 => {
            if let Some(tiff) = data.strip_prefix(b"Exif\0\0") {
                inspection.found(describe_exif(tiff));
            } else if let Some(packet) = data.strip_prefix(XMP_SIGNATURE) {
                inspection.found(describe_xmp(packet));
            } else if let Some(packet) = data.strip_prefix(EXTENDED_XMP_SIGNATURE) {
                inspection.found(describe_xmp(packet));
            } else {
                inspection.found("application data (APP1)");
            }
        }
        0xE2 => {
            if data.starts_with(b"ICC_PROFILE\0") {
                inspection.found("ICC colour profile");
            } else if data.starts_with(b"MPF\0") {
                inspection.found("multi-picture index (MPF)");
            } else {
                inspection.found("application data (APP2)");
            }
        }
        0xEB => inspection.found("JUMBF data (such as C2PA content credentials)"),
        0xED => {
            // Photoshop image resources; resource 0x0404 is the IPTC block.
            if data.starts_with(b"Photoshop 3.0\0") && contains(data, b"8BIM\x04\x04") {
                inspection.found(describe_iptc(data));
            } else {
                inspection.found("Photoshop image resources");
            }
        }
        // Adobe's APP14 only records the colour transform, which the decoder needs.
        0xEE if data.starts_with(b"Adobe") => {}
        0xE3..=0xEF => inspection.found(format!("application data (APP{})", marker - 0xE0)),
        COM => inspection.found("JPEG comment"),
        _ => {}
    }
}

/// Returns the position of the next marker after compressed scan data, which contains 0xFF
/// only as a stuffed 0xFF 0x00 or as a restart marker.
fn skip_entropy_coded_data(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        let Some(offset) = bytes.get(pos..).and_then(|rest| rest.iter().position(|&b| b == 0xFF))
        else {
            return bytes.len();
        };
        let at = pos + offset;
        match bytes.get(at + 1) {
            None => return bytes.len(),
            Some(0x00 | 0xD0..=0xD7) => pos = at + 2,
            Some(_) => return at,
        }
    }
}

/// Phones append videos ("motion photos"), depth maps and further images after the end
/// marker; zero padding is harmless.
fn inspect_trailer(trailer: &[u8], inspection: &mut Inspection) {
    if trailer.iter().any(|&byte| byte != 0) {
        inspection.found("data appended after the image (such as a motion-photo video)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn check(bytes: &[u8], size: Option<(u32, u32)>, metadata: &[&str], ends_early: bool) {
        let mut inspection = Inspection::default();
        inspect(bytes, &mut inspection);
        assert_eq!(inspection.declared_size, size);
        assert_eq!(inspection.metadata, metadata);
        assert_eq!(inspection.ends_early, ends_early);
    }

    #[test]
    fn plain_jpeg_has_size_and_no_metadata() {
        check(&fixtures::jpeg(64, 32), Some((64, 32)), &[], false);
    }

    #[test]
    fn finds_every_kind_of_segment() {
        let tiff = fixtures::exif_tiff(&fixtures::ExifContent::revealing());
        let jpeg = fixtures::insert_jpeg_segments(
            &fixtures::jpeg(64, 32),
            &[
                fixtures::exif_segment(&tiff),
                fixtures::xmp_segment(),
                fixtures::iptc_segment(),
                (0xE2, b"ICC_PROFILE\0\x01\x01not really a profile".to_vec()),
                (0xEB, b"JP\0\0jumb".to_vec()),
                (0xFE, b"shot near the checkpoint".to_vec()),
            ],
        );
        check(
            &jpeg,
            Some((64, 32)),
            &[
                "EXIF (GPS position, camera serial number, camera make and model, date and time)",
                "XMP (GPS position, serial number)",
                "IPTC (place names, author name)",
                "ICC colour profile",
                "JUMBF data (such as C2PA content credentials)",
                "JPEG comment",
            ],
            false,
        );
    }

    #[test]
    fn reports_data_after_the_end() {
        let mut jpeg = fixtures::jpeg(16, 16);
        jpeg.extend_from_slice(b"\0\0\0\x18ftypmp42 a whole video");
        check(
            &jpeg,
            Some((16, 16)),
            &["data appended after the image (such as a motion-photo video)"],
            false,
        );
        let mut padded = fixtures::jpeg(16, 16);
        padded.extend_from_slice(&[0; 64]);
        check(&padded, Some((16, 16)), &[], false);
    }

    #[test]
    fn notices_a_truncated_file() {
        let jpeg = fixtures::jpeg(64, 64);
        for cut in [3, 10, jpeg.len() / 2, jpeg.len() - 2] {
            let mut inspection = Inspection::default();
            inspect(&jpeg[..cut], &mut inspection);
            assert!(inspection.ends_early, "cut at {cut} of {}", jpeg.len());
        }
    }
}
