//! Names what an EXIF, XMP or IPTC block reveals (GPS position, serial numbers, owner), for the
//! report shown after stripping.
//!
//! EXIF is a TIFF structure (byte order, nested directories, typed values) that is easy to get
//! subtly wrong, so it is parsed with `kamadak-exif`: small (one tiny dependency), pure Rust,
//! refuses directory loops, and reads only what is asked. Only the tags it finds are used here;
//! the block itself is dropped whatever the parser says. XMP and IPTC are only searched for a few
//! telling names, which is enough for a report.

use exif::{Context, Field, In, Tag};

use super::contains;

/// Tag 0xC62F, the DNG `CameraSerialNumber`, which `kamadak-exif` has no constant for.
const DNG_CAMERA_SERIAL_NUMBER: Tag = Tag(Context::Tiff, 0xC62F);

/// "EXIF (GPS position, camera serial number)", from the TIFF structure inside the block.
pub(super) fn describe_exif(tiff: &[u8]) -> String {
    let mut damaged = false;
    let exif = match exif::Reader::new().continue_on_error(true).read_raw(tiff.to_vec()) {
        Ok(exif) => exif,
        // Some directories could not be read; name what the others hold.
        Err(error) => match error.distill_partial_result(|_| damaged = true) {
            Ok(partial) => partial,
            Err(_) => return "EXIF (damaged)".to_owned(),
        },
    };
    let fields: Vec<&Field> = exif.fields().collect();
    let has = |tags: &[Tag]| fields.iter().any(|field| tags.contains(&field.tag));

    let mut details = Vec::new();
    if has(&[Tag::GPSLatitude, Tag::GPSLongitude]) {
        details.push("GPS position");
    } else if fields.iter().any(|field| field.tag.context() == Context::Gps) {
        details.push("GPS data");
    }
    if has(&[Tag::BodySerialNumber, DNG_CAMERA_SERIAL_NUMBER]) {
        details.push("camera serial number");
    }
    if has(&[Tag::LensSerialNumber]) {
        details.push("lens serial number");
    }
    if has(&[Tag::CameraOwnerName]) {
        details.push("camera owner name");
    }
    if has(&[Tag::Artist]) {
        details.push("author name");
    }
    if has(&[Tag::Copyright]) {
        details.push("copyright notice");
    }
    if has(&[Tag::ImageDescription, Tag::UserComment]) {
        details.push("description");
    }
    if has(&[Tag::Make, Tag::Model, Tag::LensMake, Tag::LensModel]) {
        details.push("camera make and model");
    }
    if has(&[Tag::DateTimeOriginal, Tag::DateTimeDigitized, Tag::DateTime]) {
        details.push("date and time");
    }
    if has(&[Tag::ImageUniqueID]) {
        details.push("unique image ID");
    }
    // Maker notes are the manufacturer's private block; they often hold serial numbers.
    if has(&[Tag::MakerNote]) {
        details.push("maker notes");
    }
    // A thumbnail in the second directory may show the photo before it was cropped or
    // blurred.
    if fields.iter().any(|field| field.ifd_num == In::THUMBNAIL) {
        details.push("embedded thumbnail");
    }

    match (details.is_empty(), damaged) {
        (true, false) => "EXIF".to_owned(),
        (true, true) => "EXIF (damaged)".to_owned(),
        (false, _) => format!("EXIF ({})", details.join(", ")),
    }
}

/// "XMP (GPS position)": XMP is RDF/XML text, and its well-known properties keep their names
/// in any serialisation, so searching for them is enough to report.
pub(super) fn describe_xmp(packet: &[u8]) -> String {
    let mut details = Vec::new();
    if contains(packet, b"GPSLatitude") || contains(packet, b"GPSLongitude") {
        details.push("GPS position");
    }
    if contains(packet, b"SerialNumber") {
        details.push("serial number");
    }
    if contains(packet, b"photoshop:City")
        || contains(packet, b"Iptc4xmpCore:Location")
        || contains(packet, b"photoshop:Country")
    {
        details.push("place names");
    }
    if contains(packet, b"dc:creator") {
        details.push("author name");
    }
    if details.is_empty() { "XMP".to_owned() } else { format!("XMP ({})", details.join(", ")) }
}

/// "IPTC (place names, author name)": IPTC-IIM data sets start with 0x1C, the record number
/// and the data set number, so searching for those three bytes finds them.
pub(super) fn describe_iptc(block: &[u8]) -> String {
    let has_dataset = |number: u8| contains(block, &[0x1C, 0x02, number]);
    let mut details = Vec::new();
    // 2:90 city, 2:92 sub-location, 2:95 province or state, 2:100 country code, 2:101 country.
    if [90, 92, 95, 100, 101].into_iter().any(has_dataset) {
        details.push("place names");
    }
    // 2:80 by-line (the author), 2:122 writer or editor.
    if [80, 122].into_iter().any(has_dataset) {
        details.push("author name");
    }
    if details.is_empty() { "IPTC".to_owned() } else { format!("IPTC ({})", details.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn exif_names_gps_and_serial_numbers() {
        let tiff = fixtures::exif_tiff(&fixtures::ExifContent::revealing());
        assert_eq!(
            describe_exif(&tiff),
            "EXIF (GPS position, camera serial number, camera make and model, date and time)"
        );
    }

    #[test]
    fn exif_without_telling_tags_is_just_exif() {
        let tiff = fixtures::exif_tiff(&fixtures::ExifContent {
            orientation: Some(6),
            ..Default::default()
        });
        assert_eq!(describe_exif(&tiff), "EXIF");
    }

    #[test]
    fn damaged_exif_is_still_reported() {
        assert_eq!(describe_exif(b"II*\0\xff\xff\xff\xff"), "EXIF (damaged)");
        assert_eq!(describe_exif(b""), "EXIF (damaged)");
    }

    #[test]
    fn xmp_and_iptc_name_what_they_reveal() {
        assert_eq!(
            describe_xmp(fixtures::XMP_PACKET.as_bytes()),
            "XMP (GPS position, serial number)"
        );
        assert_eq!(describe_xmp(b"<x:xmpmeta/>"), "XMP");
        assert_eq!(describe_iptc(&fixtures::iptc_block()), "IPTC (place names, author name)");
        assert_eq!(describe_iptc(b""), "IPTC");
    }
}
