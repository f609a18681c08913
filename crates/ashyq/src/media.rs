//! Imported images on disk: content-addressed names in `DATA/media`, written atomically.

use std::path::Path;

use anyhow::Context as _;
use sha2::{Digest, Sha256};

/// Image types an article may use, by extension.
pub(crate) const IMAGE_EXTENSIONS: &[&str] = &["svg", "png", "jpg", "jpeg", "webp", "gif"];

/// The extension of an image path, lowercased, when it is a supported type.
pub(crate) fn image_extension(src: &str) -> Option<String> {
    let file_name = src.rsplit('/').next()?;
    let (_, extension) = file_name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    IMAGE_EXTENSIONS.contains(&extension.as_str()).then_some(extension)
}

/// The name an image is stored and served under: a hash of its bytes (so the same picture used by
/// an article and its translation is stored once, and the address can be cached forever) plus a
/// readable part of its original name.
pub(crate) fn media_name(src: &str, bytes: &[u8], extension: &str) -> String {
    let digest = Sha256::digest(bytes);
    let hash = hex::encode(&digest[..8]);
    let stem =
        src.rsplit('/').next().and_then(|name| name.rsplit_once('.')).map_or("", |(stem, _)| stem);
    let mut readable: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .take(40)
        .collect();
    while readable.contains("--") {
        readable = readable.replace("--", "-");
    }
    let readable = readable.trim_matches('-');
    if readable.is_empty() {
        format!("{hash}.{extension}")
    } else {
        format!("{hash}-{readable}.{extension}")
    }
}

/// Writes `bytes` as `dir/name` unless it is already there, through a temporary file and a rename so
/// that a reader never sees half an image.
pub(crate) fn write_media(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let target = dir.join(name);
    if target.exists() {
        return Ok(());
    }
    let temporary = dir.join(format!(".{name}.tmp"));
    std::fs::write(&temporary, bytes)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, &target)
        .with_context(|| format!("cannot move an image into {}", target.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_names_are_hashed_and_readable() {
        let name = media_name("../images/Printing Press.SVG", b"<svg/>", "svg");
        assert!(name.ends_with("-printing-press.svg"), "{name}");
        assert_eq!(name.len(), 16 + 1 + "printing-press.svg".len());
        assert_ne!(name, media_name("../images/Printing Press.SVG", b"<svg></svg>", "svg"));
        assert_eq!(image_extension("a/b.JPG").as_deref(), Some("jpg"));
        assert_eq!(image_extension("a/b.bmp"), None);
        assert_eq!(image_extension("noext"), None);
    }
}
