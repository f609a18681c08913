//! End-to-end tests of `process_upload`: metadata never survives, orientation, variant sizes,
//! errors, and hostile input.

use image::{DynamicImage, GenericImageView, Rgb};

use crate::container;
use crate::fixtures::{self, ExifContent, MODEL, SERIAL};
use crate::{ImageFormat, ProcessedImage, UploadError, UploadLimits, Variant, process_upload};

fn process(bytes: &[u8]) -> ProcessedImage {
    process_upload(bytes, &UploadLimits::default()).expect("the upload is accepted")
}

fn check_error(bytes: &[u8], limits: &UploadLimits, expected: &UploadError) {
    let error = process_upload(bytes, limits).expect_err("the upload is refused");
    assert_eq!(&error, expected, "message: {error}");
}

/// Bytes that betray metadata in any of the three containers.
const METADATA_MARKS: [&[u8]; 17] = [
    b"Exif",
    b"EXIF",
    b"II*\0",
    b"MM\0*",
    b"http://ns.adobe.com",
    b"xmpmeta",
    b"Photoshop",
    b"8BIM",
    b"ICC_PROFILE",
    b"iCCP",
    b"ICCP",
    b"eXIf",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"tIME",
    b"XMP ",
];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// A published variant carries no metadata: our own container walk finds none, an EXIF
/// library finds none, none of the planted strings or metadata signatures appear, and it
/// decodes to the size it claims.
fn assert_clean(variant: &Variant) {
    let bytes = &variant.bytes;
    let inspection = container::inspect(bytes, variant.format);
    assert_eq!(inspection.metadata, Vec::<String>::new(), "{}-wide variant", variant.width);
    for mark in METADATA_MARKS.iter().chain(&[SERIAL.as_bytes(), MODEL.as_bytes(), b"Aigerim"]) {
        assert!(!contains(bytes, mark), "{}-wide variant contains {:?}", variant.width, mark);
    }
    let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes));
    assert!(exif.is_err(), "an EXIF reader found EXIF in the {}-wide variant", variant.width);
    let decoded = decode(variant);
    assert_eq!(decoded.dimensions(), (variant.width, variant.height));
}

fn decode(variant: &Variant) -> DynamicImage {
    assert_eq!(crate::detect_format(&variant.bytes), Some(variant.format));
    image::load_from_memory(&variant.bytes).expect("variants decode")
}

fn revealing_jpeg(width: u32, height: u32) -> Vec<u8> {
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

const REVEALING_EXIF: &str =
    "EXIF (GPS position, camera serial number, camera make and model, date and time)";

#[test]
fn jpeg_with_gps_and_serial_number_comes_out_clean() {
    let upload = revealing_jpeg(64, 48);
    assert!(contains(&upload, SERIAL.as_bytes()), "the fixture plants the serial number");

    let processed = process(&upload);

    assert_eq!(processed.format, ImageFormat::Jpeg);
    assert_eq!((processed.width, processed.height), (64, 48));
    assert_eq!(
        processed.stripped_metadata,
        [
            REVEALING_EXIF,
            "XMP (GPS position, serial number)",
            "IPTC (place names, author name)",
            "JPEG comment"
        ]
    );
    for variant in &processed.variants {
        assert_eq!(variant.format, ImageFormat::Jpeg);
        assert_clean(variant);
    }
}

#[test]
fn png_with_exif_and_text_comes_out_clean() {
    let tiff = fixtures::exif_tiff(&ExifContent::revealing());
    let upload = fixtures::insert_png_chunks(
        &fixtures::png(40, 30),
        &[
            (*b"eXIf", tiff),
            (*b"tEXt", b"Author\0Aigerim".to_vec()),
            (*b"iTXt", fixtures::xmp_itxt()),
            (*b"tIME", vec![7, 232, 5, 1, 12, 0, 0]),
        ],
    );

    let processed = process(&upload);

    assert_eq!(processed.format, ImageFormat::Png);
    assert_eq!(
        processed.stripped_metadata,
        [
            REVEALING_EXIF,
            "XMP (GPS position, serial number)",
            "modification time",
            "PNG text (Author)"
        ]
    );
    for variant in &processed.variants {
        assert_eq!(variant.format, ImageFormat::Png);
        assert_clean(variant);
    }
}

#[test]
fn lossless_webp_with_exif_comes_out_clean_as_webp() {
    let tiff = fixtures::exif_tiff(&ExifContent::revealing());
    let upload = fixtures::append_webp_chunks(
        &fixtures::lossless_webp(40, 30, Some(&tiff)),
        &[(*b"XMP ", fixtures::XMP_PACKET.as_bytes().to_vec())],
    );

    let processed = process(&upload);

    assert_eq!(processed.format, ImageFormat::Webp);
    assert_eq!(processed.stripped_metadata, [REVEALING_EXIF, "XMP (GPS position, serial number)"]);
    for variant in &processed.variants {
        assert_eq!(variant.format, ImageFormat::Webp);
        assert_clean(variant);
    }
}

#[test]
fn lossy_webp_photo_comes_out_clean_as_jpeg() {
    let tiff = fixtures::exif_tiff(&ExifContent::revealing());
    let upload = fixtures::append_webp_chunks(
        &fixtures::extended_webp(&fixtures::LOSSY_WEBP_1X1, 1, 1),
        &[(*b"EXIF", tiff)],
    );

    let processed = process(&upload);

    assert_eq!(processed.format, ImageFormat::Webp);
    assert_eq!(processed.stripped_metadata, [REVEALING_EXIF]);
    assert_eq!(processed.variants.len(), 1);
    assert_eq!(processed.variants[0].format, ImageFormat::Jpeg);
    assert_clean(&processed.variants[0]);
}

#[test]
fn image_without_metadata_reports_none() {
    assert_eq!(process(&fixtures::jpeg(32, 32)).stripped_metadata, Vec::<String>::new());
    assert_eq!(process(&fixtures::png(32, 32)).stripped_metadata, Vec::<String>::new());
    assert_eq!(
        process(&fixtures::lossless_webp(32, 32, None)).stripped_metadata,
        Vec::<String>::new()
    );
}

fn is_reddish(Rgb([red, _, blue]): Rgb<u8>) -> bool {
    red > 150 && blue < 100
}

fn is_bluish(Rgb([red, _, blue]): Rgb<u8>) -> bool {
    blue > 150 && red < 100
}

/// The fixture picture is red on the left and blue on the right; after rotating by 90°
/// clockwise (EXIF orientation 6) red is on top.
#[test]
fn orientation_is_applied_before_the_metadata_goes() {
    let exif = |orientation| {
        fixtures::exif_tiff(&ExifContent { orientation: Some(orientation), ..Default::default() })
    };
    let uploads = [
        (
            "JPEG",
            fixtures::insert_jpeg_segments(
                &fixtures::jpeg(40, 20),
                &[fixtures::exif_segment(&exif(6))],
            ),
        ),
        ("PNG", fixtures::insert_png_chunks(&fixtures::png(40, 20), &[(*b"eXIf", exif(6))])),
        ("WebP", fixtures::lossless_webp(40, 20, Some(&exif(6)))),
    ];
    for (name, upload) in uploads {
        let processed = process(&upload);
        assert_eq!((processed.width, processed.height), (20, 40), "{name}");
        assert_eq!(processed.stripped_metadata, ["EXIF"], "{name}");
        let rotated = decode(&processed.variants[0]).to_rgb8();
        assert!(is_reddish(*rotated.get_pixel(10, 5)), "{name}: top should be red");
        assert!(is_bluish(*rotated.get_pixel(10, 35)), "{name}: bottom should be blue");
    }

    // Orientation 3 turns the picture upside down: same size, blue now on the left.
    let upside_down = fixtures::insert_jpeg_segments(
        &fixtures::jpeg(40, 20),
        &[fixtures::exif_segment(&exif(3))],
    );
    let processed = process(&upside_down);
    assert_eq!((processed.width, processed.height), (40, 20));
    let turned = decode(&processed.variants[0]).to_rgb8();
    assert!(is_bluish(*turned.get_pixel(5, 10)) && is_reddish(*turned.get_pixel(35, 10)));
}

fn check_variants(upload: &[u8], expected: &[(u32, u32)]) {
    let processed = process(upload);
    let sizes: Vec<(u32, u32)> = processed.variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, expected);
    let largest = expected.last().expect("at least one variant");
    assert_eq!((processed.width, processed.height), *largest);
    for variant in &processed.variants {
        assert_eq!(decode(variant).dimensions(), (variant.width, variant.height));
    }
}

#[test]
fn wide_photo_gets_every_responsive_width() {
    check_variants(
        &fixtures::jpeg(2000, 1000),
        &[(480, 240), (960, 480), (1600, 800), (2000, 1000)],
    );
}

#[test]
fn very_wide_photo_is_capped() {
    check_variants(
        &fixtures::jpeg(3000, 2000),
        &[(480, 320), (960, 640), (1600, 1067), (2400, 1600)],
    );
}

#[test]
fn small_photo_is_only_itself() {
    check_variants(&fixtures::png(300, 200), &[(300, 200)]);
    check_variants(&fixtures::jpeg(480, 100), &[(480, 100)]);
    check_variants(&fixtures::jpeg(481, 100), &[(480, 100), (481, 100)]);
}

#[test]
fn embedded_colour_profile_is_applied_then_dropped() {
    use image::ImageEncoder;
    let profile = moxcms::ColorProfile::new_display_p3().encode().expect("encodes");
    let picture = image::RgbImage::from_pixel(16, 16, Rgb([200, 100, 50]));
    let mut upload = Vec::new();
    let mut encoder = image::codecs::png::PngEncoder::new(&mut upload);
    encoder.set_icc_profile(profile).expect("PNG takes a profile");
    encoder.write_image(picture.as_raw(), 16, 16, image::ExtendedColorType::Rgb8).expect("encodes");

    let processed = process(&upload);

    assert_eq!(processed.stripped_metadata, ["ICC colour profile"]);
    assert_clean(&processed.variants[0]);
    let Rgb([red, green, blue]) = *decode(&processed.variants[0]).to_rgb8().get_pixel(8, 8);
    assert!(red > 200 && green < 100 && blue < 50, "converted to sRGB: {red}, {green}, {blue}");
}

#[test]
fn empty_text_and_foreign_files_are_refused() {
    let limits = UploadLimits::default();
    check_error(b"", &limits, &UploadError::Empty);
    check_error(b"Hello, this is a text file.\n", &limits, &UploadError::NotAnImage);
    check_error(b"II*\0\x08\0\0\0", &limits, &UploadError::UnsupportedFormat { kind: "TIFF" });
    check_error(
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
        &limits,
        &UploadError::UnsupportedFormat { kind: "HEIC" },
    );
}

#[test]
fn oversized_file_is_refused_before_anything_else() {
    let upload = fixtures::jpeg(64, 64);
    let limits = UploadLimits { max_bytes: 1_000, ..UploadLimits::default() };
    assert!(upload.len() > 1_000);
    check_error(&upload, &limits, &UploadError::TooLarge { size: upload.len(), limit: 1_000 });
    // Even bytes that are not an image are refused for their size first.
    check_error(&[b'x'; 1_001], &limits, &UploadError::TooLarge { size: 1_001, limit: 1_000 });
}

#[test]
fn truncated_files_are_damaged() {
    let jpeg = fixtures::jpeg(64, 64);
    let png = fixtures::png(64, 64);
    let webp = fixtures::lossless_webp(64, 64, None);
    for (name, upload) in [("JPEG", jpeg), ("PNG", png), ("WebP", webp)] {
        let cut = &upload[..upload.len() * 2 / 3];
        let Err(error) = process_upload(cut, &UploadLimits::default()) else {
            panic!("{name}: a file cut at two thirds was accepted");
        };
        assert!(matches!(error, UploadError::Damaged { .. }), "{name}: {error}");
        assert!(error.to_string().starts_with("the image could not be read: it may be damaged ("));
    }
}

#[test]
fn decompression_bomb_headers_are_refused_before_decoding() {
    let limits = UploadLimits::default();
    // A 100 000 × 100 000 RGB image would need 30 GB; the file is 57 bytes.
    check_error(
        &fixtures::png_header_only(100_000, 100_000),
        &limits,
        &UploadError::TooManyPixels { width: 100_000, height: 100_000, limit: 50_000_000 },
    );
    // A JPEG frame header claiming 20 000 × 20 000.
    let mut jpeg = fixtures::jpeg(16, 16);
    let sof = jpeg.windows(2).position(|pair| pair == [0xFF, 0xC0]).expect("baseline JPEG");
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0x4E, 0x20, 0x4E, 0x20]);
    let error = process_upload(&jpeg, &limits).expect_err("refused");
    assert_eq!(
        error,
        UploadError::TooManyPixels { width: 20_000, height: 20_000, limit: 50_000_000 }
    );
    assert_eq!(error.to_string(), "the image is 20000 × 20000 pixels; the limit is 50 megapixels");
    // A WebP canvas of 16 million pixels square.
    let mut webp = fixtures::extended_webp(&fixtures::LOSSY_WEBP_1X1, 1, 1);
    webp[24..30].copy_from_slice(&[0xFF; 6]);
    check_error(
        &webp,
        &limits,
        &UploadError::TooManyPixels { width: 1 << 24, height: 1 << 24, limit: 50_000_000 },
    );
    // Small images are held to small limits too.
    let tight = UploadLimits { max_pixels: 1_000, ..UploadLimits::default() };
    check_error(
        &fixtures::png(40, 30),
        &tight,
        &UploadError::TooManyPixels { width: 40, height: 30, limit: 1_000 },
    );
}

#[test]
fn hostile_strings_are_refused_without_panic() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bad-input/blns.txt");
    let Ok(text) = std::fs::read(path) else {
        println!("note: {path} is absent; skipping the hostile-strings test");
        return;
    };
    let mut n_lines = 0;
    for line in text.split(|&byte| byte == b'\n') {
        n_lines += 1;
        let result = process_upload(line, &UploadLimits::default());
        assert!(result.is_err(), "{:?} was accepted as an image", String::from_utf8_lossy(line));
    }
    // The whole file, too, is no image.
    assert!(process_upload(&text, &UploadLimits::default()).is_err());
    assert!(n_lines > 100, "read {n_lines} lines");
}

/// A deterministic pseudo-random sequence (xorshift), so failures can be reproduced.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % bound as u64).expect("below a usize")
    }
}

/// Truncated and corrupted versions of files full of metadata never panic, and whenever one is
/// still accepted, its variants are as clean as those of an intact file.
#[test]
fn damaged_files_never_panic_nor_leak() {
    let tiff =
        fixtures::exif_tiff(&ExifContent { orientation: Some(6), ..ExifContent::revealing() });
    let uploads = [
        revealing_jpeg(24, 16),
        fixtures::insert_png_chunks(&fixtures::png(24, 16), &[(*b"eXIf", tiff.clone())]),
        fixtures::append_webp_chunks(&fixtures::lossless_webp(24, 16, Some(&tiff)), &[]),
    ];
    let mut random = Xorshift(0x5EED_A5B9_0000_0001);
    let mut n_accepted = 0;
    for upload in &uploads {
        let mut damaged_versions: Vec<Vec<u8>> =
            (0..upload.len()).step_by(7).map(|cut| upload[..cut].to_vec()).collect();
        for _ in 0..300 {
            let mut corrupted = upload.clone();
            for _ in 0..=random.below(4) {
                let at = random.below(corrupted.len());
                corrupted[at] = u8::try_from(random.below(256)).expect("a byte");
            }
            damaged_versions.push(corrupted);
        }
        for damaged in &damaged_versions {
            if let Ok(processed) = process_upload(damaged, &UploadLimits::default()) {
                n_accepted += 1;
                processed.variants.iter().for_each(assert_clean);
            }
        }
    }
    assert!(n_accepted > 0, "some lightly corrupted files should still be readable");
}

/// A two-frame GIF with a comment and an XMP application extension before the first frame.
fn revealing_gif(width: u16, height: u16) -> Vec<u8> {
    use image::codecs::gif::GifEncoder;
    use image::{Delay, Frame, RgbaImage};
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        let first = RgbaImage::from_fn(u32::from(width), u32::from(height), |x, _| {
            if x < u32::from(width) / 2 {
                image::Rgba([200, 30, 30, 255])
            } else {
                image::Rgba([30, 30, 200, 255])
            }
        });
        let second = RgbaImage::from_pixel(
            u32::from(width),
            u32::from(height),
            image::Rgba([0, 255, 0, 255]),
        );
        for picture in [first, second] {
            encoder
                .encode_frame(Frame::from_parts(picture, 0, 0, Delay::from_numer_denom_ms(100, 1)))
                .unwrap();
        }
    }
    // After the header and global colour table (if any), before the first block.
    let flags = bytes[10];
    let table = if flags & 0x80 == 0 { 0 } else { 3 << ((flags & 0x07) + 1) };
    let at = 13 + table;
    let mut extensions = vec![0x21, 0xFE, 16];
    extensions.extend_from_slice(b"Aigerim, Almaty.");
    extensions.push(0);
    extensions.extend_from_slice(&[0x21, 0xFF, 11]);
    extensions.extend_from_slice(b"XMP DataXMP");
    extensions.extend_from_slice(&[9]);
    extensions.extend_from_slice(b"<x:xmpme>");
    extensions.push(0);
    bytes.splice(at..at, extensions);
    bytes
}

#[test]
fn gif_comes_out_as_png_of_its_first_frame_without_comment_or_xmp() {
    let gif = revealing_gif(1000, 20);
    let processed = process(&gif);
    assert_eq!(processed.format, ImageFormat::Gif);
    assert_eq!((processed.width, processed.height), (1000, 20));
    assert_eq!(
        processed.stripped_metadata,
        ["GIF comment", "XMP", "animation frames after the first"]
    );
    assert_eq!(processed.variants.len(), 3, "480, 960 and the full width");
    for variant in &processed.variants {
        assert_eq!(variant.format, ImageFormat::Png);
        assert!(!contains(&variant.bytes, b"Aigerim") && !contains(&variant.bytes, b"xmpme"));
        let pixel = decode(variant).to_rgb8();
        let image::Rgb([red, green, _]) = *pixel.get_pixel(2, 2);
        assert!(red > 150 && green < 80, "the first frame, not the second: {red} {green}");
    }
}

/// Publishing the published file again gives the same bytes for every size: an export imported
/// again keeps every name.
fn assert_fixed_point(upload: &[u8]) {
    let first = process(upload);
    let largest = &first.variants.last().unwrap().bytes;
    let second = process(largest);
    assert!(second.stripped_metadata.is_empty(), "{:?}", second.stripped_metadata);
    assert_eq!(first.variants.len(), second.variants.len());
    for (a, b) in first.variants.iter().zip(&second.variants) {
        assert_eq!((a.width, a.height, a.format), (b.width, b.height, b.format));
        assert!(a.bytes == b.bytes, "the {} px variant changed when published again", a.width);
    }
}

/// A camera-like JPEG: detail and noise everywhere, which JPEG re-encoding never reproduces
/// exactly (smooth test pictures can survive a re-encoding unchanged and prove nothing).
fn noisy_jpeg(width: u32, height: u32) -> Vec<u8> {
    use image::ImageEncoder as _;
    let mut state = 0x2545_f491_u32;
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let noise = (state >> 24) as u8 / 3;
        Rgb([(x % 256) as u8 / 2 + noise, (y % 256) as u8 / 2 + noise, 120 + noise / 2])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 93)
        .write_image(picture.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

#[test]
fn publishing_a_published_image_again_changes_no_byte() {
    assert_fixed_point(&noisy_jpeg(1100, 700));
    let revealing = fixtures::insert_jpeg_segments(
        &fixtures::jpeg(1200, 800),
        &[fixtures::exif_segment(&fixtures::exif_tiff(&ExifContent::revealing()))],
    );
    assert_fixed_point(&revealing);
    assert_fixed_point(&fixtures::jpeg(3000, 1000)); // scaled down to the widest size first
    assert_fixed_point(&fixtures::png(1000, 600));
    assert_fixed_point(&fixtures::lossless_webp(700, 500, None));
    assert_fixed_point(&revealing_gif(500, 40));
}
