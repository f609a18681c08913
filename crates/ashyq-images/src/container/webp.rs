//! Walks a WebP's RIFF chunks: `VP8X` or the bitstream header gives the size, `VP8 ` means lossy
//! compression, and `EXIF`, `XMP `, `ICCP` and unknown chunks are reported as metadata.

use super::blocks::{describe_exif, describe_xmp};
use super::{Inspection, describe_list, printable_name, push_unique, read_u32_le};

/// Chunks that make up the picture itself.
const PICTURE_CHUNKS: [&[u8; 4]; 6] = [b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF"];

pub(super) fn inspect(bytes: &[u8], inspection: &mut Inspection) {
    let mut other_chunks = Vec::new();
    // "RIFF", the RIFF size, "WEBP", then chunks of: type, size, data padded to even length.
    let mut pos = 12;
    while let (Some(kind), Some(size)) = (bytes.get(pos..pos + 4), read_u32_le(bytes, pos + 4)) {
        let Ok(size) = usize::try_from(size) else { break };
        let Some(data) = pos.checked_add(8 + size).and_then(|end| bytes.get(pos + 8..end)) else {
            break;
        };
        match kind {
            b"VP8X" => {
                // The canvas size, stored minus one in 24 bits each.
                if let (Some(width), Some(height)) = (read_u24_le(data, 4), read_u24_le(data, 7)) {
                    inspection.declared_size = Some((width + 1, height + 1));
                }
            }
            b"VP8 " => {
                inspection.lossy = true;
                if inspection.declared_size.is_none() {
                    inspection.declared_size = lossy_size(data);
                }
            }
            b"VP8L" => {
                if inspection.declared_size.is_none() {
                    inspection.declared_size = lossless_size(data);
                }
            }
            // An animation frame holds its own bitstream chunk after a 16-byte header.
            b"ANMF" => {
                if data.get(16..20) == Some(b"VP8 ") || data.get(16..20) == Some(b"ALPH") {
                    inspection.lossy = true;
                }
            }
            b"EXIF" => {
                // The specification says raw TIFF, but some writers keep JPEG's "Exif" prefix.
                let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
                inspection.found(describe_exif(tiff));
            }
            b"XMP " => inspection.found(describe_xmp(data)),
            b"ICCP" => inspection.found("ICC colour profile"),
            _ if PICTURE_CHUNKS.iter().any(|known| known.as_slice() == kind) => {}
            _ => push_unique(&mut other_chunks, printable_name(kind)),
        }
        pos += 8 + size + size % 2;
    }
    if !other_chunks.is_empty() {
        inspection.found(describe_list("other chunks", &other_chunks));
    }
}

fn read_u24_le(bytes: &[u8], at: usize) -> Option<u32> {
    let triple = bytes.get(at..at + 3)?;
    Some(u32::from_le_bytes([triple[0], triple[1], triple[2], 0]))
}

/// A VP8 key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
fn lossy_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.get(3..6)? != [0x9D, 0x01, 0x2A] {
        return None;
    }
    let width = u16::from_le_bytes([*data.get(6)?, *data.get(7)?]) & 0x3FFF;
    let height = u16::from_le_bytes([*data.get(8)?, *data.get(9)?]) & 0x3FFF;
    Some((u32::from(width), u32::from(height)))
}

/// A VP8L stream: signature 0x2F, then width − 1 and height − 1 in 14 bits each.
fn lossless_size(data: &[u8]) -> Option<(u32, u32)> {
    if *data.first()? != 0x2F {
        return None;
    }
    let bits = read_u32_le(data, 1)?;
    Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn check(bytes: &[u8], size: Option<(u32, u32)>, metadata: &[&str], lossy: bool) {
        let mut inspection = Inspection::default();
        inspect(bytes, &mut inspection);
        assert_eq!(inspection.declared_size, size);
        assert_eq!(inspection.metadata, metadata);
        assert_eq!(inspection.lossy, lossy);
    }

    #[test]
    fn plain_webp_has_size_and_no_metadata() {
        check(&fixtures::lossless_webp(40, 30, None), Some((40, 30)), &[], false);
        check(&fixtures::LOSSY_WEBP_1X1, Some((1, 1)), &[], true);
    }

    #[test]
    fn finds_exif_xmp_and_unknown_chunks() {
        let tiff = fixtures::exif_tiff(&fixtures::ExifContent::revealing());
        let webp = fixtures::append_webp_chunks(
            &fixtures::lossless_webp(40, 30, Some(&tiff)),
            &[(*b"XMP ", fixtures::XMP_PACKET.as_bytes().to_vec()), (*b"ZZZZ", vec![1, 2, 3])],
        );
        check(
            &webp,
            Some((40, 30)),
            &[
                "EXIF (GPS position, camera serial number, camera make and model, date and time)",
                "XMP (GPS position, serial number)",
                "other chunks (ZZZZ)",
            ],
            false,
        );
    }
}
