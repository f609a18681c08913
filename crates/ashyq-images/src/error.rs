//! Why an upload was refused, in words meant for the journalist who uploaded it.

/// Why an uploaded file could not be turned into published images.
///
/// Each message is a complete sentence fragment that can be shown to the uploader as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("the file is empty")]
    Empty,

    #[error("the file is {}; the limit is {}", describe_bytes(*.size, Rounding::Up), describe_bytes(*.limit, Rounding::Down))]
    TooLarge { size: usize, limit: usize },

    #[error("this is not a JPEG, PNG, WebP or GIF image")]
    NotAnImage,

    /// A file we recognise but do not accept, such as an iPhone's HEIC photo.
    #[error("this is a {kind} file, not a JPEG, PNG, WebP or GIF image")]
    UnsupportedFormat { kind: &'static str },

    #[error("the image is {width} × {height} pixels; the limit is {}", describe_pixel_limit(*.limit))]
    TooManyPixels { width: u32, height: u32, limit: u64 },

    #[error("the image could not be read: it may be damaged ({detail})")]
    Damaged { detail: String },

    /// The image uses a variant of its format that the decoder does not support (say, a
    /// 12-bit JPEG).
    #[error("the image uses a feature that cannot be read ({detail})")]
    UnsupportedFeature { detail: String },

    /// The decoder would need more memory than the limits allow, although the declared size
    /// was within them.
    #[error("the image needs more memory to read than is allowed ({detail})")]
    TooDemanding { detail: String },

    /// Re-encoding failed; this is a fault on our side, not in the upload.
    #[error("the image could not be converted ({detail})")]
    Encoding { detail: String },
}

impl UploadError {
    /// Sorts a decoder's error into the variant that explains it to the uploader.
    pub(crate) fn from_decoding(error: image::ImageError) -> Self {
        match error {
            image::ImageError::Limits(limit) => Self::TooDemanding { detail: limit.to_string() },
            image::ImageError::Unsupported(unsupported) => {
                Self::UnsupportedFeature { detail: unsupported.to_string() }
            }
            other => Self::Damaged { detail: other.to_string() },
        }
    }

    pub(crate) fn from_encoding(error: image::ImageError) -> Self {
        Self::Encoding { detail: error.to_string() }
    }
}

#[derive(Debug, Clone, Copy)]
enum Rounding {
    /// For the file's size: 15 MiB and one byte reads "15.1 MB", never "15 MB" beside a
    /// 15 MB limit.
    Up,
    /// For limits, so a limit is never shown larger than it is.
    Down,
}

/// A byte count in binary units (1 MB = 1024 × 1024 bytes, as operating systems show file
/// sizes), with at most one decimal.
fn describe_bytes(bytes: usize, rounding: Rounding) -> String {
    const KIB: u128 = 1024;
    const MIB: u128 = 1024 * 1024;
    let bytes = bytes as u128;
    let (unit, name) = match bytes {
        n if n >= MIB => (MIB, "MB"),
        n if n >= KIB => (KIB, "KB"),
        _ => return format!("{bytes} bytes"),
    };
    let tenths = match rounding {
        Rounding::Up => (bytes * 10).div_ceil(unit),
        Rounding::Down => bytes * 10 / unit,
    };
    format!("{} {name}", describe_tenths(tenths))
}

fn describe_pixel_limit(pixels: u64) -> String {
    if pixels < 1_000_000 {
        format!("{pixels} pixels")
    } else {
        format!("{} megapixels", describe_tenths(u128::from(pixels) * 10 / 1_000_000))
    }
}

/// "15" for 150 tenths, "22.4" for 224.
fn describe_tenths(tenths: u128) -> String {
    match tenths % 10 {
        0 => format!("{}", tenths / 10),
        fraction => format!("{}.{fraction}", tenths / 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(error: UploadError, expected: &str) {
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn messages_read_as_the_uploader_needs_them() {
        const MIB: usize = 1024 * 1024;
        check(UploadError::Empty, "the file is empty");
        check(
            UploadError::TooLarge { size: 23_488_102, limit: 15 * MIB },
            "the file is 22.4 MB; the limit is 15 MB",
        );
        check(
            UploadError::TooLarge { size: 15 * MIB + 1, limit: 15 * MIB },
            "the file is 15.1 MB; the limit is 15 MB",
        );
        check(
            UploadError::TooLarge { size: 2_000, limit: 1_000 },
            "the file is 2 KB; the limit is 1000 bytes",
        );
        check(UploadError::NotAnImage, "this is not a JPEG, PNG, WebP or GIF image");
        check(
            UploadError::UnsupportedFormat { kind: "HEIC" },
            "this is a HEIC file, not a JPEG, PNG, WebP or GIF image",
        );
        check(
            UploadError::TooManyPixels { width: 20_000, height: 20_000, limit: 50_000_000 },
            "the image is 20000 × 20000 pixels; the limit is 50 megapixels",
        );
        check(
            UploadError::TooManyPixels { width: 5_000, height: 5_000, limit: 12_500_000 },
            "the image is 5000 × 5000 pixels; the limit is 12.5 megapixels",
        );
        check(
            UploadError::TooManyPixels { width: 200, height: 200, limit: 10_000 },
            "the image is 200 × 200 pixels; the limit is 10000 pixels",
        );
        check(
            UploadError::Damaged { detail: "the file ends before the image does".into() },
            "the image could not be read: it may be damaged (the file ends before the image does)",
        );
    }
}
