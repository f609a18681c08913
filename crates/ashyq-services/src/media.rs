//! Images entering the site: one path for uploads, article imports, the demo and the importers.
//!
//! [`prepare_image`] (pure work, no I/O) detects the format from the bytes; a raster image (JPEG,
//! PNG, WebP, GIF) goes through `ashyq_images::process_upload` (metadata stripped, orientation and
//! colour applied, responsive variants encoded from pixels) and an SVG through
//! `ashyq_images::sanitize_svg`. Every published file is named by a hash of its own bytes, plus a
//! slug the uploader typed if any, plus the width for raster variants: never by the uploaded file's
//! name, which on phones carries capture times. [`store_image`] writes the files (atomically,
//! readable by the owner only) and then records the `media` row with its variants.
//! [`ingest_image`] does both. The same bytes give the same names, so ingesting twice is harmless.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ashyq_content::ImageSizes;
use ashyq_images::{
    ProcessedImage, SanitizedSvg, SvgError, UploadError, UploadLimits, looks_like_svg,
    process_upload, sanitize_svg,
};
use ashyq_store::{EditorialStore, MediaVariant, NewMedia, StoreError, UserId};
use sha2::{Digest as _, Sha256};

/// The longest slug kept in a media name.
const MAX_SLUG_CHARS: usize = 40;

/// What the person bringing an image says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageMeta {
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// A licence code from `ashyq_content::Licence`.
    pub licence: String,
    /// A few words for the public address, typed by a person (never a file name); reduced to
    /// lowercase ASCII letters, digits and hyphens.
    pub slug: Option<String>,
}

/// Why an image was refused, worded for the person who brought it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageRefused {
    /// Neither a photo nor a drawing: named here because only this path also takes SVG.
    #[error("this is not a JPEG, PNG, WebP, GIF or SVG image")]
    NotAnImage,
    #[error("{0}")]
    Raster(UploadError),
    #[error("{0}")]
    Svg(#[from] SvgError),
}

/// Why ingesting an image failed.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("{0}")]
    Refused(#[from] ImageRefused),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("the image work was interrupted: {0}")]
    Interrupted(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An image checked and processed, ready to be written: its files and its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedImage {
    /// The record to store; `media.name` is what articles use as `/media/NAME`.
    pub media: NewMedia,
    /// `(file name, bytes)` of every published file, narrowest first.
    pub files: Vec<(String, Vec<u8>)>,
}

/// What ingesting an image did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    /// The stored record (the earlier one when the same image was there already).
    pub media: NewMedia,
    /// What this image carried and is not published, whatever was stored before.
    pub stripped_metadata: Vec<String>,
    /// The same image (same bytes, same slug) was already on the site.
    pub already_there: bool,
}

/// Checks and processes an image without writing anything. CPU-heavy for large photos: call it
/// off the async threads.
///
/// # Errors
///
/// The image's refusal, in words for the person who brought it (too large, not an image, damaged,
/// not an SVG…).
pub fn prepare_image(bytes: &[u8], meta: &ImageMeta) -> Result<PreparedImage, ImageRefused> {
    let slug = meta.slug.as_deref().and_then(media_slug);
    let (files, width, height, stripped) =
        if ashyq_images::detect_format(bytes).is_none() && looks_like_svg(bytes) {
            let SanitizedSvg { bytes, width, height, removed } = sanitize_svg(bytes)?;
            let name = media_name(&bytes, slug.as_deref(), None, "svg");
            (vec![(name, bytes, width, height)], width, height, removed)
        } else {
            let ProcessedImage { width, height, variants, stripped_metadata, .. } =
                process_upload(bytes, &UploadLimits::default()).map_err(|error| match error {
                    UploadError::NotAnImage => ImageRefused::NotAnImage,
                    other => ImageRefused::Raster(other),
                })?;
            let files = variants
                .into_iter()
                .map(|variant| {
                    let name = media_name(
                        &variant.bytes,
                        slug.as_deref(),
                        Some(variant.width),
                        variant.format.extension(),
                    );
                    (name, variant.bytes, variant.width, variant.height)
                })
                .collect();
            (files, width, height, stripped_metadata)
        };
    let variants: Vec<MediaVariant> = files
        .iter()
        .map(|(name, _, width, height)| MediaVariant {
            file_name: name.clone(),
            width: *width,
            height: *height,
        })
        .collect();
    let name = variants.last().map(|largest| largest.file_name.clone()).unwrap_or_default();
    Ok(PreparedImage {
        media: NewMedia {
            name,
            alt: meta.alt.clone(),
            caption: meta.caption.clone(),
            credit: meta.credit.clone(),
            licence: meta.licence.clone(),
            width,
            height,
            stripped_metadata: stripped,
            variants,
        },
        files: files.into_iter().map(|(name, bytes, _, _)| (name, bytes)).collect(),
    })
}

/// Writes a prepared image's files into `media_dir` (those already there are left alone: their
/// names are their contents), then records it. Returns whether the record was there already.
///
/// Files go first: an image written for a record that then fails is harmless, while a record
/// without its files would show a broken picture.
///
/// # Errors
///
/// A file that cannot be written, or a store failure other than the image being there already.
pub async fn store_image<S: EditorialStore>(
    store: &S,
    media_dir: &Path,
    image: &PreparedImage,
    uploaded_by: Option<UserId>,
    now: i64,
) -> Result<bool, MediaError> {
    let dir = media_dir.to_owned();
    let files = image.files.clone();
    tokio::task::spawn_blocking(move || write_files(&dir, &files))
        .await
        .map_err(|error| MediaError::Interrupted(error.to_string()))??;
    match store.add_media(&image.media, uploaded_by, now).await {
        Ok(()) => Ok(false),
        Err(StoreError::Conflict { constraint: ashyq_store::Constraint::MediaName }) => Ok(true),
        Err(other) => Err(other.into()),
    }
}

/// The one way an image enters the site: [`prepare_image`] off the async threads, then
/// [`store_image`].
///
/// # Errors
///
/// See [`prepare_image`] and [`store_image`].
pub async fn ingest_image<S: EditorialStore>(
    store: &S,
    media_dir: &Path,
    bytes: Vec<u8>,
    meta: ImageMeta,
    uploaded_by: Option<UserId>,
    now: i64,
) -> Result<Ingested, MediaError> {
    let prepared = tokio::task::spawn_blocking(move || prepare_image(&bytes, &meta))
        .await
        .map_err(|error| MediaError::Interrupted(error.to_string()))??;
    let already_there = store_image(store, media_dir, &prepared, uploaded_by, now).await?;
    let stripped_metadata = prepared.media.stripped_metadata.clone();
    let media = match already_there {
        true => store.media_by_name(&prepared.media.name).await?.map(|item| item.media),
        false => None,
    }
    .unwrap_or(prepared.media);
    Ok(Ingested { media, stripped_metadata, already_there })
}

/// The widths a recorded image is served in, for `srcset`, `width` and `height`; `url` gives a file
/// name's address.
pub fn image_sizes(media: &NewMedia, url: &dyn Fn(&str) -> String) -> ImageSizes {
    ImageSizes {
        candidates: media
            .variants
            .iter()
            .map(|variant| (url(&variant.file_name), variant.width))
            .collect(),
        width: media.width,
        height: media.height,
    }
}

/// Writes each file as `dir/name` unless it is there, through a temporary file of its own and a
/// rename so that a reader never sees half an image; owner-only (0600) and flushed to disk first.
///
/// # Errors
///
/// The file that could not be written, and why.
pub fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), MediaError> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    for (name, bytes) in files {
        let target = dir.join(name);
        if target.exists() {
            continue;
        }
        let unique = NEXT.fetch_add(1, Ordering::Relaxed);
        let temporary = dir.join(format!(".{name}.{}-{unique}.tmp", std::process::id()));
        let written =
            write_private(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, &target));
        if let Err(source) = written {
            let _ = std::fs::remove_file(&temporary);
            return Err(MediaError::Write { path: target, source });
        }
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A published file's name: the first 64 bits of the SHA-256 of its bytes in hex (so it can be
/// cached forever and the same file is stored once), the slug, the width, the extension.
pub fn media_name(bytes: &[u8], slug: Option<&str>, width: Option<u32>, extension: &str) -> String {
    let digest = Sha256::digest(bytes);
    let mut name = hex::encode(&digest[..8]);
    for part in slug.into_iter().map(str::to_owned).chain(width.map(|width| width.to_string())) {
        name.push('-');
        name.push_str(&part);
    }
    format!("{name}.{extension}")
}

/// Typed words as a slug for a media name: lowercase ASCII letters and digits joined by single
/// hyphens, at most [`MAX_SLUG_CHARS`]; `None` when nothing is left.
pub fn media_slug(text: &str) -> Option<String> {
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            if slug.len() >= MAX_SLUG_CHARS {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_owned())
}

/// The slug inside a name [`media_name`] made (`HASH-SLUG-WIDTH.EXT` or `HASH-SLUG.svg`), so that
/// a file exported under its name is published under the same name again.
pub fn slug_of_media_name(name: &str) -> Option<String> {
    let (stem, extension) = name.rsplit_once('.')?;
    let (_hash, rest) = stem.split_once('-')?;
    let rest = if extension == "svg" {
        rest
    } else {
        match rest.rsplit_once('-') {
            Some((slug, width)) if width.bytes().all(|b| b.is_ascii_digit()) => slug,
            _ => return None,
        }
    };
    media_slug(rest)
}

#[cfg(test)]
mod tests;
