//! Converts pixels from an embedded ICC colour profile to sRGB, so that dropping the profile with
//! the rest of the metadata does not change how the photo looks.
//!
//! Most phone photos are in Display P3 and say so only through their ICC profile; without it a
//! browser reads the same numbers as sRGB and shows dull colours. The profile itself is dropped
//! like all metadata (profiles can name the device that made them), and the published variants are
//! plain sRGB, which is what browsers assume for untagged images. The conversion uses `moxcms`,
//! which the `image` crate already depends on for its own colour management, so it costs no
//! extra build.

use image::DynamicImage;
use moxcms::{ColorProfile, Layout, TransformOptions};

/// Converts 8-bit RGB or RGBA pixels from `icc_profile` to sRGB in place. Returns whether it
/// did: a profile that cannot be read or applied (damaged, CMYK, greyscale) leaves the pixels
/// as they are, since a slight colour shift is better than refusing the photo.
pub(crate) fn convert_to_srgb(image: &mut DynamicImage, icc_profile: &[u8]) -> bool {
    let (layout, pixels) = match image {
        DynamicImage::ImageRgb8(buffer) => (Layout::Rgb, &mut **buffer),
        DynamicImage::ImageRgba8(buffer) => (Layout::Rgba, &mut **buffer),
        _ => return false,
    };
    let Ok(source) = ColorProfile::new_from_slice(icc_profile) else { return false };
    let srgb = ColorProfile::new_srgb();
    let Ok(transform) =
        source.create_transform_8bit(layout, &srgb, layout, TransformOptions::default())
    else {
        return false;
    };
    let mut converted = vec![0; pixels.len()];
    if transform.transform(pixels, &mut converted).is_err() {
        return false;
    }
    pixels.copy_from_slice(&converted);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn display_p3_profile() -> Vec<u8> {
        ColorProfile::new_display_p3().encode().expect("moxcms encodes its own profile")
    }

    #[test]
    fn display_p3_colours_become_more_saturated_srgb() {
        let mut image = DynamicImage::ImageRgb8(RgbImage::from_pixel(2, 2, Rgb([200, 100, 50])));
        assert!(convert_to_srgb(&mut image, &display_p3_profile()));
        let Rgb([red, green, blue]) = *image.as_rgb8().expect("still RGB").get_pixel(0, 0);
        // P3 orange lies outside sRGB's gamut edge: red rises, green and blue fall.
        assert!(red > 200 && green < 100 && blue < 50, "got {red}, {green}, {blue}");
    }

    #[test]
    fn unusable_profiles_leave_pixels_alone() {
        let original = DynamicImage::ImageRgb8(RgbImage::from_pixel(2, 2, Rgb([200, 100, 50])));
        for profile in [&b""[..], b"not a profile", &[0xFF; 200]] {
            let mut image = original.clone();
            assert!(!convert_to_srgb(&mut image, profile));
            assert_eq!(image, original);
        }
        let mut grey = DynamicImage::ImageLuma8(image::GrayImage::new(2, 2));
        assert!(!convert_to_srgb(&mut grey, &display_p3_profile()));
    }
}
