//! Which image paths an article file may use, by extension. The images themselves enter the site
//! through `ashyq_services::media`, which detects their format from their bytes.

/// Image types an article may use, by extension.
pub(crate) const IMAGE_EXTENSIONS: &[&str] = &["svg", "png", "jpg", "jpeg", "webp", "gif"];

/// The extension of an image path, lowercased, when it is a supported type.
pub(crate) fn image_extension(src: &str) -> Option<String> {
    let file_name = src.rsplit('/').next()?;
    let (_, extension) = file_name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    IMAGE_EXTENSIONS.contains(&extension.as_str()).then_some(extension)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_paths_are_recognised_by_extension() {
        assert_eq!(image_extension("a/b.JPG").as_deref(), Some("jpg"));
        assert_eq!(image_extension("a/b.bmp"), None);
        assert_eq!(image_extension("noext"), None);
    }
}
