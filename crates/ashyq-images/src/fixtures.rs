//! Test files built in code: small images with hand-made EXIF (GPS, serial number, orientation),
//! XMP, IPTC and text metadata spliced into their containers byte by byte.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ImageEncoder, Rgb, RgbImage};

/// The camera serial number planted in test files; it must never reach a variant.
pub(crate) const SERIAL: &str = "SN-4242-SECRET";
/// The camera model planted in test files.
pub(crate) const MODEL: &str = "Ashyq Testcam X1";

/// An XMP packet with a position and a serial number, as cameras and editors write them.
pub(crate) const XMP_PACKET: &str = concat!(
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
    "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:aux=\"http://ns.adobe.com/exif/1.0/aux/\"",
    " exif:GPSLatitude=\"43,14.85N\" exif:GPSLongitude=\"76,53.76E\" aux:SerialNumber=\"SN-4242-SECRET\"/>",
    "</rdf:RDF></x:xmpmeta>"
);

/// A 1 × 1 lossy WebP (a bare `VP8 ` chunk), the well-known feature-detection sample.
pub(crate) const LOSSY_WEBP_1X1: [u8; 42] = [
    0x52, 0x49, 0x46, 0x46, 0x22, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
    0x16, 0x00, 0x00, 0x00, 0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00, 0x0e, 0xc0,
    0xfe, 0x25, 0xa4, 0x00, 0x03, 0x70, 0x00, 0x00, 0x00, 0x00,
];

/// What to put in a hand-made EXIF block.
#[derive(Debug, Clone, Default)]
pub(crate) struct ExifContent {
    pub(crate) orientation: Option<u16>,
    pub(crate) camera: bool,
    pub(crate) gps: bool,
    pub(crate) serial: bool,
}

impl ExifContent {
    /// What a phone or camera typically records: make and model, time, GPS and serial number.
    pub(crate) fn revealing() -> Self {
        Self { orientation: None, camera: true, gps: true, serial: true }
    }
}

#[derive(Debug, Clone)]
enum Value {
    Short(u16),
    Long(u32),
    Ascii(&'static str),
    Rationals(Vec<(u32, u32)>),
}

impl Value {
    /// TIFF type code, count and little-endian bytes.
    fn encode(&self) -> (u16, u32, Vec<u8>) {
        match self {
            Self::Short(value) => (3, 1, value.to_le_bytes().to_vec()),
            Self::Long(value) => (4, 1, value.to_le_bytes().to_vec()),
            Self::Ascii(text) => {
                let mut bytes = text.as_bytes().to_vec();
                bytes.push(0);
                (2, u32::try_from(bytes.len()).expect("short text"), bytes)
            }
            Self::Rationals(values) => {
                let bytes = values
                    .iter()
                    .flat_map(|(numerator, denominator)| {
                        [numerator.to_le_bytes(), denominator.to_le_bytes()].concat()
                    })
                    .collect();
                (5, u32::try_from(values.len()).expect("few values"), bytes)
            }
        }
    }
}

/// One image file directory at offset `start`: the entry count, 12-byte entries, a zero
/// next-directory offset, then the values that do not fit in four bytes.
fn directory(entries: &[(u16, Value)], start: u32) -> Vec<u8> {
    let count = u16::try_from(entries.len()).expect("few entries");
    let values_start = start + 2 + 12 * u32::from(count) + 4;
    let mut head = count.to_le_bytes().to_vec();
    let mut values = Vec::new();
    for (tag, value) in entries {
        let (kind, n_values, mut bytes) = value.encode();
        head.extend_from_slice(&tag.to_le_bytes());
        head.extend_from_slice(&kind.to_le_bytes());
        head.extend_from_slice(&n_values.to_le_bytes());
        if bytes.len() <= 4 {
            bytes.resize(4, 0);
            head.extend_from_slice(&bytes);
        } else {
            let offset = values_start + u32::try_from(values.len()).expect("small");
            head.extend_from_slice(&offset.to_le_bytes());
            values.extend_from_slice(&bytes);
            if values.len() % 2 == 1 {
                values.push(0);
            }
        }
    }
    head.extend_from_slice(&0u32.to_le_bytes());
    head.extend_from_slice(&values);
    head
}

/// A little-endian TIFF structure as found inside an EXIF block: IFD0 with camera make,
/// model and orientation, pointing to an Exif directory (time, body serial number) and a GPS
/// directory (latitude and longitude).
pub(crate) fn exif_tiff(content: &ExifContent) -> Vec<u8> {
    const EXIF_POINTER: u16 = 0x8769;
    const GPS_POINTER: u16 = 0x8825;
    let mut exif_entries = Vec::new();
    if content.camera {
        exif_entries.push((0x9003, Value::Ascii("2024:05:01 12:34:56"))); // DateTimeOriginal
    }
    if content.serial {
        exif_entries.push((0xA431, Value::Ascii(SERIAL))); // BodySerialNumber
    }
    let gps_entries = if content.gps {
        vec![
            (0x0001, Value::Ascii("N")), // GPSLatitudeRef
            (0x0002, Value::Rationals(vec![(43, 1), (14, 1), (5_100, 100)])), // GPSLatitude
            (0x0003, Value::Ascii("E")), // GPSLongitudeRef
            (0x0004, Value::Rationals(vec![(76, 1), (53, 1), (4_560, 100)])), // GPSLongitude
        ]
    } else {
        Vec::new()
    };

    let first_directory = |exif_offset: u32, gps_offset: u32| {
        let mut entries = Vec::new();
        if content.camera {
            entries.push((0x010F, Value::Ascii("Ashyq"))); // Make
            entries.push((0x0110, Value::Ascii(MODEL))); // Model
        }
        if let Some(orientation) = content.orientation {
            entries.push((0x0112, Value::Short(orientation)));
        }
        if !exif_entries.is_empty() {
            entries.push((EXIF_POINTER, Value::Long(exif_offset)));
        }
        if !gps_entries.is_empty() {
            entries.push((GPS_POINTER, Value::Long(gps_offset)));
        }
        directory(&entries, 8)
    };
    // Directory lengths do not depend on the pointer values, so lay out once with zeros.
    let exif_offset = 8 + u32::try_from(first_directory(0, 0).len()).expect("small");
    let exif_directory = directory(&exif_entries, exif_offset);
    let gps_offset = exif_offset + u32::try_from(exif_directory.len()).expect("small");
    let gps_directory = directory(&gps_entries, gps_offset);

    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&first_directory(exif_offset, gps_offset));
    if !exif_entries.is_empty() {
        tiff.extend_from_slice(&exif_directory);
    }
    if !gps_entries.is_empty() {
        tiff.extend_from_slice(&gps_directory);
    }
    tiff
}

/// A test picture: left half red, right half blue, with a gentle gradient so it compresses
/// like a photo rather than a flat graphic.
pub(crate) fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let shade = u8::try_from((x + y) % 32).expect("under 32");
        if x < width / 2 { Rgb([220, 20 + shade, 20]) } else { Rgb([20, 20 + shade, 220]) }
    })
}

pub(crate) fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 90)
        .write_image(picture(width, height).as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encodes");
    bytes
}

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    PngEncoder::new(&mut bytes)
        .write_image(picture(width, height).as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encodes");
    bytes
}

/// A lossless WebP, with an EXIF chunk (and so the extended `VP8X` layout) when given one.
pub(crate) fn lossless_webp(width: u32, height: u32, exif: Option<&[u8]>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = WebPEncoder::new_lossless(&mut bytes);
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif.to_vec()).expect("WebP takes EXIF");
    }
    encoder
        .write_image(picture(width, height).as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encodes");
    bytes
}

/// The APP1 segment carrying EXIF: "Exif\0\0" then the TIFF structure.
pub(crate) fn exif_segment(tiff: &[u8]) -> (u8, Vec<u8>) {
    (0xE1, [b"Exif\0\0".as_slice(), tiff].concat())
}

pub(crate) fn xmp_segment() -> (u8, Vec<u8>) {
    (0xE1, [b"http://ns.adobe.com/xap/1.0/\0".as_slice(), XMP_PACKET.as_bytes()].concat())
}

/// IPTC data sets: 2:80 by-line (author) and 2:90 city.
pub(crate) fn iptc_block() -> Vec<u8> {
    let mut block = Vec::new();
    for (dataset, text) in [(80u8, "Aigerim S."), (90, "Almaty")] {
        block.extend_from_slice(&[0x1C, 0x02, dataset]);
        block.extend_from_slice(&u16::try_from(text.len()).expect("short").to_be_bytes());
        block.extend_from_slice(text.as_bytes());
    }
    block
}

/// The APP13 segment: Photoshop image resources with the IPTC block as resource 0x0404.
pub(crate) fn iptc_segment() -> (u8, Vec<u8>) {
    let iptc = iptc_block();
    let mut data = b"Photoshop 3.0\0".to_vec();
    data.extend_from_slice(b"8BIM\x04\x04\0\0"); // resource id, empty name padded to even
    data.extend_from_slice(&u32::try_from(iptc.len()).expect("short").to_be_bytes());
    data.extend_from_slice(&iptc);
    if iptc.len() % 2 == 1 {
        data.push(0);
    }
    (0xED, data)
}

/// Inserts marker segments right after the JPEG's start-of-image marker.
pub(crate) fn insert_jpeg_segments(jpeg: &[u8], segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for (marker, data) in segments {
        out.extend_from_slice(&[0xFF, *marker]);
        out.extend_from_slice(
            &u16::try_from(data.len() + 2).expect("fits a segment").to_be_bytes(),
        );
        out.extend_from_slice(data);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// An iTXt chunk body holding the XMP packet uncompressed.
pub(crate) fn xmp_itxt() -> Vec<u8> {
    [b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), XMP_PACKET.as_bytes()].concat()
}

pub(crate) fn png_chunk(kind: [u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len()).expect("small").to_be_bytes().to_vec();
    chunk.extend_from_slice(&kind);
    chunk.extend_from_slice(data);
    chunk.extend_from_slice(&crc32([kind.as_slice(), data].concat().as_slice()).to_be_bytes());
    chunk
}

/// Inserts chunks right after `IHDR` (8-byte signature + 25-byte chunk), where readers look for
/// metadata before the image data.
pub(crate) fn insert_png_chunks(png: &[u8], chunks: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut out = png[..33].to_vec();
    for (kind, data) in chunks {
        out.extend_from_slice(&png_chunk(*kind, data));
    }
    out.extend_from_slice(&png[33..]);
    out
}

/// A PNG made of a signature and an `IHDR` claiming `width` × `height`, with a token `IDAT`:
/// a decompression bomb's header.
pub(crate) fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no filter, no interlace
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&png_chunk(*b"IHDR", &ihdr));
    png.extend_from_slice(&png_chunk(*b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend_from_slice(&png_chunk(*b"IEND", &[]));
    png
}

/// Appends chunks to an extended-layout WebP, setting the `VP8X` flags they need and fixing the
/// RIFF size.
pub(crate) fn append_webp_chunks(webp: &[u8], chunks: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    assert_eq!(&webp[12..16], b"VP8X", "only the extended layout can carry metadata");
    let mut out = webp.to_vec();
    for (kind, data) in chunks {
        match kind {
            b"XMP " => out[20] |= 0x04,
            b"EXIF" => out[20] |= 0x08,
            b"ICCP" => out[20] |= 0x20,
            _ => {}
        }
        out.extend_from_slice(kind);
        out.extend_from_slice(&u32::try_from(data.len()).expect("small").to_le_bytes());
        out.extend_from_slice(data);
        if data.len() % 2 == 1 {
            out.push(0);
        }
    }
    let riff_size = u32::try_from(out.len() - 8).expect("small");
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    out
}

/// Wraps a simple-layout WebP's single bitstream chunk in the extended layout (a `VP8X`
/// header first), so that metadata chunks can follow it.
pub(crate) fn extended_webp(simple: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut vp8x = vec![0u8; 4];
    vp8x.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
    vp8x.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
    let mut out = b"RIFF\0\0\0\0WEBPVP8X".to_vec();
    out.extend_from_slice(&10u32.to_le_bytes());
    out.extend_from_slice(&vp8x);
    out.extend_from_slice(&simple[12..]);
    append_webp_chunks(&out, &[])
}

/// CRC-32 as PNG uses it (IEEE, reflected), bit by bit: slow, but only for test files.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn crc32_matches_the_png_specification() {
    // The CRC of an IEND chunk's type, as found at the end of every PNG.
    assert_eq!(crc32(b"IEND"), 0xAE42_6082);
}
