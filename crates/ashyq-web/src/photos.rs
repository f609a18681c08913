//! Photo uploads: the form, then `ashyq_services::media::ingest_image` (the one path by which an
//! image enters the site: metadata stripped, variants made, content-addressed private files, the
//! record with credit and licence). The uploader is told what hidden metadata was removed and gets
//! a `[[figures]]` snippet to paste.

use ashyq_accounts::Action;
use ashyq_content::{ImageSizes, Licence};
use ashyq_images::UploadLimits;
use ashyq_render::account_pages::format_time;
use ashyq_render::editorial_pages::{
    PhotoForm, PhotoItem, PhotosPage, figure_snippet, render_photos_page,
};
use ashyq_services::media::{ImageMeta, MediaError, ingest_image};
use ashyq_store::{MediaItem, NewMedia, Store};
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

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
    ashyq_services::media::image_sizes(media, &ashyq_render::urls::media)
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
    let html = render_photos_page(&state.site(), user.ui_lang, user.staff_nav(csrf), page)?;
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

/// The fields of the upload form.
#[derive(Default)]
struct UploadFields {
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
            "slug" => fields.form.slug = text,
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
    // The uploaded file's own name is never read: phones put capture times in it, and public
    // names come from the contents and the words typed into `slug`.
    let UploadFields { bytes, mut form } = read_fields(multipart).await?;
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
    let meta = ImageMeta {
        alt: form.alt.clone(),
        caption: form.caption.clone(),
        credit: form.credit.clone(),
        licence: licence.code().to_owned(),
        slug: Some(form.slug.clone()).filter(|slug| !slug.is_empty()),
    };
    let ingested =
        match ingest_image(&state.store, &state.media_dir, bytes, meta, Some(user.user.id), now())
            .await
        {
            Ok(ingested) => ingested,
            Err(MediaError::Refused(error)) => {
                tracing::info!(user = user.user.id.0, %error, "photo refused");
                form.error = Some(l10n.msg_with("photos-refused", "reason", &error.to_string()));
                return page(&state, &csrf, &user, form, None, StatusCode::UNPROCESSABLE_ENTITY)
                    .await;
            }
            Err(MediaError::Store(error)) => return Err(error.into()),
            Err(other) => return Err(WebError::Internal(format!("storing the photo: {other}"))),
        };
    tracing::info!(
        user = user.user.id.0,
        name = ingested.media.name,
        bytes = n_bytes,
        processing_ms = started.elapsed().as_millis() as u64,
        "photo uploaded"
    );
    let stored = state.store.media_by_name(&ingested.media.name).await?;
    let mut item = match &stored {
        Some(stored) => photo_item(stored),
        None => return Err(WebError::Internal("the photo record vanished".to_owned())),
    };
    // What this upload carried, even when the same pixels were uploaded before.
    item.stripped = ingested.stripped_metadata;
    let already_there = ingested.already_there;
    page(&state, &csrf, &user, PhotoForm::default(), Some((item, already_there)), StatusCode::OK)
        .await
}
