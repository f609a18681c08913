//! Photo uploads: the form, processing through `ashyq_images` (metadata stripped, variants made),
//! content-addressed files in the media folder, and the record with credit and licence. The
//! uploader is told what hidden metadata was removed and gets a `[[figures]]` snippet to paste.

use std::path::Path as FsPath;

use ashyq_accounts::Action;
use ashyq_content::{ImageSizes, Licence};
use ashyq_images::{ProcessedImage, UploadLimits, process_upload};
use ashyq_render::account_pages::format_time;
use ashyq_render::editorial_pages::{
    PhotoForm, PhotoItem, PhotosPage, figure_snippet, render_photos_page,
};
use ashyq_store::{MediaItem, MediaVariant, NewMedia, Store, StoreError};
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::account::private_page;
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::{AppState, now};

/// The largest request the upload route reads: the largest photo `ashyq_images` accepts plus room
/// for the text fields, so that an oversized photo still reaches the library and gets its worded
/// refusal (larger requests are cut off with 413).
pub(crate) const UPLOAD_BODY_LIMIT: usize = 16 * 1024 * 1024 + 256 * 1024;

/// How many recent uploads the page lists.
const RECENT: u32 = 30;

/// The `srcset` candidates of an uploaded photo.
pub(crate) fn image_sizes(media: &NewMedia) -> ImageSizes {
    ImageSizes {
        candidates: media
            .variants
            .iter()
            .map(|variant| (ashyq_render::urls::media(&variant.file_name), variant.width))
            .collect(),
        width: media.width,
        height: media.height,
    }
}

/// A stored photo as the page lists it; the preview uses the narrowest variant.
fn photo_item(item: &MediaItem) -> PhotoItem {
    let media = &item.media;
    let src = format!("/media/{}", media.name);
    let preview = media.variants.first();
    PhotoItem {
        snippet: figure_snippet(
            "photo",
            &src,
            &media.alt,
            &media.caption,
            &media.credit,
            &media.licence,
        ),
        src,
        alt: media.alt.clone(),
        credit: media.credit.clone(),
        preview_url: ashyq_render::urls::media(
            preview.map_or(media.name.as_str(), |variant| variant.file_name.as_str()),
        ),
        preview_width: preview.map_or(media.width, |variant| variant.width),
        preview_height: preview.map_or(media.height, |variant| variant.height),
        when: format_time(item.uploaded_at),
        who: item.uploaded_by.clone(),
        stripped: media.stripped_metadata.clone(),
    }
}

async fn page<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    form: PhotoForm,
    uploaded: Option<(PhotoItem, bool)>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let recent = state.store.recent_media(RECENT).await?.iter().map(photo_item).collect();
    let (uploaded, already_there) = match uploaded {
        Some((item, already)) => (Some(item), already),
        None => (None, false),
    };
    let page = PhotosPage {
        form,
        uploaded,
        already_there,
        recent,
        max_megabytes: (UploadLimits::default().max_bytes / (1024 * 1024)) as u64,
    };
    let html = render_photos_page(&state.catalog, user.ui_lang, user.staff_nav(csrf), page)?;
    Ok((status, private_page(html)).into_response())
}

pub(crate) async fn photos_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::UploadImage)?;
    page(&state, &csrf, &user, PhotoForm::default(), None, StatusCode::OK).await
}

/// The readable part of a variant's name, from the uploaded file's name.
fn readable_stem(file_name: &str) -> String {
    let stem = file_name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    let mut readable: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .take(40)
        .collect();
    while readable.contains("--") {
        readable = readable.replace("--", "-");
    }
    let readable = readable.trim_matches('-');
    if readable.is_empty() { "photo".to_owned() } else { readable.to_owned() }
}

/// A variant's file name: a hash of its bytes (so it can be cached forever and the same photo is
/// stored once), the readable stem, its width.
fn variant_name(bytes: &[u8], stem: &str, width: u32, extension: &str) -> String {
    let digest = Sha256::digest(bytes);
    let hash = hex::encode(&digest[..8]);
    format!("{hash}-{stem}-{width}.{extension}")
}

/// Writes `bytes` as `dir/name` unless it is there, through a temporary file and a rename so that a
/// reader never sees half an image.
fn write_media(dir: &FsPath, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(name);
    if target.exists() {
        return Ok(());
    }
    let temporary = dir.join(format!(".{name}.tmp"));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, &target)
}

/// The variants' names, and the files written.
fn store_variants(
    dir: &FsPath,
    image: &ProcessedImage,
    stem: &str,
) -> std::io::Result<Vec<MediaVariant>> {
    let mut variants = Vec::with_capacity(image.variants.len());
    for variant in &image.variants {
        let name = variant_name(&variant.bytes, stem, variant.width, variant.format.extension());
        write_media(dir, &name, &variant.bytes)?;
        variants.push(MediaVariant {
            file_name: name,
            width: variant.width,
            height: variant.height,
        });
    }
    Ok(variants)
}

/// The fields of the upload form.
#[derive(Default)]
struct UploadFields {
    file_name: String,
    bytes: Option<Vec<u8>>,
    form: PhotoForm,
}

async fn read_fields(mut multipart: Multipart) -> Result<UploadFields, WebError> {
    let mut fields = UploadFields::default();
    while let Some(field) = multipart.next_field().await.map_err(|error| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::PayloadTooLarge
        } else {
            WebError::BadRequest
        }
    })? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            fields.file_name = field.file_name().unwrap_or("").to_owned();
            let bytes = field.bytes().await.map_err(|_| WebError::PayloadTooLarge)?;
            fields.bytes = (!bytes.is_empty()).then(|| bytes.to_vec());
            continue;
        }
        let text = field.text().await.map_err(|_| WebError::BadRequest)?;
        let text = text.trim().to_owned();
        match name.as_str() {
            "alt" => fields.form.alt = text,
            "caption" => fields.form.caption = text,
            "credit" => fields.form.credit = text,
            "licence" => fields.form.licence = text,
            _ => {}
        }
    }
    Ok(fields)
}

pub(crate) async fn upload<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    multipart: Multipart,
) -> Result<Response, WebError> {
    user.require(Action::UploadImage)?;
    let UploadFields { file_name, bytes, mut form } = read_fields(multipart).await?;
    let l10n = state.catalog.localizer(user.ui_lang);
    let licence = Licence::from_code(&form.licence);
    let missing = if bytes.is_none() {
        Some("photos-file-required")
    } else if form.alt.is_empty() {
        Some("photos-alt-required")
    } else if form.credit.is_empty() {
        Some("photos-credit-required")
    } else if licence.is_none() {
        Some("photos-licence-required")
    } else {
        None
    };
    let (Some(bytes), Some(licence), None) = (bytes, licence, missing) else {
        form.error = missing.map(|id| l10n.msg(id));
        return page(&state, &csrf, &user, form, None, StatusCode::UNPROCESSABLE_ENTITY).await;
    };

    let started = std::time::Instant::now();
    let n_bytes = bytes.len();
    let processed =
        tokio::task::spawn_blocking(move || process_upload(&bytes, &UploadLimits::default()))
            .await
            .map_err(|error| WebError::Internal(format!("photo processing failed: {error}")))?;
    let image = match processed {
        Ok(image) => image,
        Err(error) => {
            tracing::info!(user = user.user.id.0, %error, "photo refused");
            form.error = Some(l10n.msg_with("photos-refused", "reason", &error.to_string()));
            return page(&state, &csrf, &user, form, None, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let processing = started.elapsed();

    let stem = readable_stem(&file_name);
    let dir = state.media_dir.clone();
    let (image, variants) = tokio::task::spawn_blocking(move || {
        let variants = store_variants(&dir, &image, &stem);
        (image, variants)
    })
    .await
    .map_err(|error| WebError::Internal(format!("writing the photo failed: {error}")))?;
    let variants = variants
        .map_err(|error| WebError::Internal(format!("writing the photo failed: {error}")))?;
    let Some(largest) = variants.last() else {
        return Err(WebError::Internal("the photo produced no variants".to_owned()));
    };
    let media = NewMedia {
        name: largest.file_name.clone(),
        alt: form.alt.clone(),
        caption: form.caption.clone(),
        credit: form.credit.clone(),
        licence: licence.code().to_owned(),
        width: image.width,
        height: image.height,
        stripped_metadata: image.stripped_metadata.clone(),
        variants,
    };
    let already_there = match state.store.add_media(&media, user.user.id, now()).await {
        Ok(()) => false,
        Err(StoreError::Conflict { constraint }) if constraint == "media_name_key" => true,
        Err(other) => return Err(other.into()),
    };
    tracing::info!(
        user = user.user.id.0,
        name = media.name,
        bytes = n_bytes,
        processing_ms = processing.as_millis() as u64,
        "photo uploaded"
    );
    let stored = state.store.media_by_name(&media.name).await?;
    let mut item = match &stored {
        Some(stored) => photo_item(stored),
        None => return Err(WebError::Internal("the photo record vanished".to_owned())),
    };
    // What this upload carried, even when the same pixels were uploaded before.
    item.stripped = image.stripped_metadata;
    page(&state, &csrf, &user, PhotoForm::default(), Some((item, already_there)), StatusCode::OK)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_are_plain_hashed_and_readable() {
        assert_eq!(readable_stem("IMG 2024_05 (1).JPG"), "img-2024-05-1");
        assert_eq!(readable_stem("../../etc/passwd"), "passwd");
        assert_eq!(readable_stem("Фото.jpg"), "photo");
        let name = variant_name(b"x", "img", 480, "jpg");
        assert!(name.ends_with("-img-480.jpg"), "{name}");
        assert!(ashyq_content::uploaded_media_name(&format!("/media/{name}")).is_some());
    }
}
