//! The accepted image formats and their detection from magic numbers, never from file names.

/// An image format accepted for upload (and produced for the responsive variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
    /// Accepted for upload; published as PNG (only the first frame of an animation).
    Gif,
}

impl ImageFormat {
    /// The MIME type to serve the image with.
    pub fn content_type(&self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Gif => "gif",
        }
    }

    /// The `image` crate's name for this format, to pick its decoder.
    pub(crate) fn codec(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
            Self::Webp => image::ImageFormat::WebP,
            Self::Gif => image::ImageFormat::Gif,
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Detects JPEG, PNG, WebP or GIF from the first bytes of a file; `None` for anything else.
pub fn detect_format(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Some(ImageFormat::Png)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(ImageFormat::Webp)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(ImageFormat::Gif)
    } else {
        None
    }
}

/// Names a few formats people commonly try to upload instead (an iPhone's HEIC, a TIFF, a PDF),
/// so the error can say what the file is rather than only what it is not.
pub(crate) fn name_other_format(bytes: &[u8]) -> Option<&'static str> {
    let iso_brand = if bytes.get(4..8) == Some(b"ftyp") { bytes.get(8..12) } else { None };
    match iso_brand {
        Some(b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1") => {
            return Some("HEIC");
        }
        Some(b"avif" | b"avis") => return Some("AVIF"),
        Some(_) => return Some("video or ISO media"),
        None => {}
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if bytes.starts_with(b"%PDF-") {
        Some("PDF")
    } else if bytes.starts_with(b"\0\0\0\x0cjP  ") || bytes.starts_with(b"\xff\x4f\xff\x51") {
        Some("JPEG 2000")
    } else if bytes.starts_with(b"\xff\x0a") || bytes.starts_with(b"\0\0\0\x0cJXL ") {
        Some("JPEG XL")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: Option<ImageFormat>) {
        assert_eq!(detect_format(bytes), expected, "bytes: {:?}", &bytes[..bytes.len().min(16)]);
    }

    #[test]
    fn detects_by_magic_number() {
        check(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", Some(ImageFormat::Jpeg));
        check(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", Some(ImageFormat::Png));
        check(b"RIFF\x24\0\0\0WEBPVP8 ", Some(ImageFormat::Webp));
    }

    #[test]
    fn rejects_look_alikes() {
        check(b"", None);
        check(b"\xFF\xD8", None);
        check(b"\x89PNG\r\n", None);
        check(b"RIFF\x24\0\0\0WAVEfmt ", None);
        check(b"photo.jpg", None);
        check(b"GIF89a\x01\0\x01\0", Some(ImageFormat::Gif));
        check(b"GIF90a\x01\0\x01\0", None);
    }

    #[test]
    fn names_other_formats() {
        assert_eq!(name_other_format(b"\0\0\0\x18ftypheic\0\0\0\0"), Some("HEIC"));
        assert_eq!(name_other_format(b"II*\0\x08\0\0\0"), Some("TIFF"));
        assert_eq!(name_other_format(b"%PDF-1.7\n"), Some("PDF"));
        assert_eq!(name_other_format(b"hello"), None);
    }

    #[test]
    fn serves_with_matching_type_and_extension() {
        let table = [
            (ImageFormat::Jpeg, "image/jpeg", "jpg"),
            (ImageFormat::Png, "image/png", "png"),
            (ImageFormat::Webp, "image/webp", "webp"),
            (ImageFormat::Gif, "image/gif", "gif"),
        ];
        for (format, content_type, extension) in table {
            assert_eq!(format.content_type(), content_type);
            assert_eq!(format.extension(), extension);
        }
    }
}
