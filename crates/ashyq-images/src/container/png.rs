//! Walks a PNG's chunks: `IHDR` gives the size; `eXIf`, the text chunks, `tIME`, `iCCP` and any
//! chunk we do not know are reported as metadata.

use super::blocks::{describe_exif, describe_iptc, describe_xmp};
use super::{Inspection, describe_list, printable_name, push_unique, read_u32_be};

/// Chunks that only describe how to draw the pixels (palette, transparency, gamma, colour
/// space, pixel density, animation); none says anything about the photographer.
const RENDERING_CHUNKS: [&[u8; 4]; 17] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD",
    b"hIST", b"pHYs", b"sPLT", b"cICP", b"acTL", b"fcTL", b"fdAT",
];

pub(super) fn inspect(bytes: &[u8], inspection: &mut Inspection) {
    let mut text_keywords = Vec::new();
    let mut other_chunks = Vec::new();
    // After the 8-byte signature, each chunk is: length, type, data, CRC.
    let mut pos = 8;
    while let (Some(length), Some(kind)) = (read_u32_be(bytes, pos), bytes.get(pos + 4..pos + 8)) {
        let Ok(length) = usize::try_from(length) else { break };
        let Some(data) = pos.checked_add(8 + length).and_then(|end| bytes.get(pos + 8..end)) else {
            break;
        };
        match kind {
            b"IHDR" => {
                if let (Some(width), Some(height)) = (read_u32_be(data, 0), read_u32_be(data, 4)) {
                    inspection.declared_size = Some((width, height));
                }
            }
            b"eXIf" => inspection.found(describe_exif(data)),
            b"tEXt" | b"zTXt" | b"iTXt" => {
                let keyword = data.split(|&byte| byte == 0).next().unwrap_or_default();
                inspect_text(kind, keyword, data, inspection, &mut text_keywords);
            }
            b"tIME" => inspection.found("modification time"),
            b"iCCP" => inspection.found("ICC colour profile"),
            b"IEND" => break,
            _ if RENDERING_CHUNKS.iter().any(|known| known.as_slice() == kind) => {}
            _ => push_unique(&mut other_chunks, printable_name(kind)),
        }
        pos += 12 + length;
    }
    if !text_keywords.is_empty() {
        inspection.found(describe_list("PNG text", &text_keywords));
    }
    if !other_chunks.is_empty() {
        inspection.found(describe_list("other chunks", &other_chunks));
    }
}

fn inspect_text(
    kind: &[u8],
    keyword: &[u8],
    data: &[u8],
    inspection: &mut Inspection,
    text_keywords: &mut Vec<String>,
) {
    match keyword {
        b"XML:com.adobe.xmp" => {
            // An uncompressed iTXt keeps the packet readable; a compressed one is reported
            // without details rather than inflated.
            let readable = kind == b"iTXt" && data.get(keyword.len() + 1) == Some(&0);
            inspection.found(if readable { describe_xmp(data) } else { "XMP".to_owned() });
        }
        // ImageMagick and ExifTool store whole metadata blocks as hex text under these keywords.
        b"Raw profile type exif" | b"Raw profile type APP1" => {
            inspection.found("EXIF (stored as PNG text)");
        }
        b"Raw profile type iptc" | b"Raw profile type 8bim" => {
            let readable = kind == b"tEXt";
            inspection.found(if readable { describe_iptc(data) } else { "IPTC".to_owned() });
        }
        b"Raw profile type xmp" => inspection.found("XMP"),
        b"Raw profile type icc" | b"Raw profile type icm" => inspection.found("ICC colour profile"),
        _ => push_unique(text_keywords, printable_name(keyword)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn check(bytes: &[u8], size: Option<(u32, u32)>, metadata: &[&str]) {
        let mut inspection = Inspection::default();
        inspect(bytes, &mut inspection);
        assert_eq!(inspection.declared_size, size);
        assert_eq!(inspection.metadata, metadata);
    }

    #[test]
    fn plain_png_has_size_and_no_metadata() {
        check(&fixtures::png(40, 30), Some((40, 30)), &[]);
    }

    #[test]
    fn finds_exif_text_time_and_unknown_chunks() {
        let tiff = fixtures::exif_tiff(&fixtures::ExifContent::revealing());
        let png = fixtures::insert_png_chunks(
            &fixtures::png(40, 30),
            &[
                (*b"eXIf", tiff),
                (*b"tEXt", b"Author\0Aigerim".to_vec()),
                (*b"tEXt", b"Comment\0taken at the border".to_vec()),
                (*b"iTXt", fixtures::xmp_itxt()),
                (*b"tIME", vec![7, 232, 5, 1, 12, 0, 0]),
                (*b"caBX", b"c2pa manifest".to_vec()),
            ],
        );
        check(
            &png,
            Some((40, 30)),
            &[
                "EXIF (GPS position, camera serial number, camera make and model, date and time)",
                "XMP (GPS position, serial number)",
                "modification time",
                "PNG text (Author, Comment)",
                "other chunks (caBX)",
            ],
        );
    }

    #[test]
    fn hostile_keywords_are_made_printable_and_few() {
        let chunks: Vec<([u8; 4], Vec<u8>)> = (0..20u8)
            .map(|index| (*b"tEXt", [b"key\x07\xff".as_slice(), &[b'a' + index, 0, b'x']].concat()))
            .collect();
        check(
            &fixtures::insert_png_chunks(&fixtures::png(4, 4), &chunks),
            Some((4, 4)),
            &["PNG text (key??a, key??b, key??c, key??d, key??e, …)"],
        );
    }
}
