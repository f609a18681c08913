//! Serving the embedded stylesheet and icon, and imported images from the data folder.
//!
//! Written by hand rather than with a static-file service: there are only a handful of image types,
//! names are content hashes (so responses are immutable), and refusing anything that is not such a
//! name closes path traversal by construction.

use ashyq_store::Store;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::conditional;
use crate::error::WebError;
use crate::state::AppState;

/// Content type of an image by its extension; `None` for anything we do not serve.
pub(crate) fn image_content_type(file_name: &str) -> Option<&'static str> {
    let (_, extension) = file_name.rsplit_once('.')?;
    Some(match extension {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        _ => return None,
    })
}

/// A media name as import writes it: lowercase hex, hyphens, dots; no path separators.
fn is_media_name(file_name: &str) -> bool {
    !file_name.is_empty()
        && file_name.len() <= 120
        && !file_name.starts_with('.')
        && file_name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

pub(crate) async fn static_asset(
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (body, content_type) =
        if file == ashyq_render::stylesheet_path().trim_start_matches("/static/") {
            (ashyq_render::STYLESHEET, "text/css; charset=utf-8")
        } else if file == ashyq_render::icon_path().trim_start_matches("/static/") {
            (ashyq_render::ICON_SVG, "image/svg+xml")
        } else {
            return Err(WebError::NotFound { ui_lang: "en" });
        };
    Ok(conditional::immutable_file(&headers, &file, content_type, || body.into_response()))
}

pub(crate) async fn media_file<S: Store>(
    State(state): State<AppState<S>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let not_found = WebError::NotFound { ui_lang: "en" };
    let Some(content_type) = image_content_type(&file).filter(|_| is_media_name(&file)) else {
        return Err(not_found);
    };
    match tokio::fs::read(state.media_dir.join(&file)).await {
        Ok(bytes) => {
            Ok(conditional::immutable_file(&headers, &file, content_type, || bytes.into_response()))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(not_found),
        Err(error) => Err(WebError::Internal(format!("reading media {file}: {error}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_media_names_with_image_types_are_served() {
        assert!(is_media_name("3fa2b1c0d4e5-press.svg"));
        for bad in ["../ashyq.db", "a/b.svg", ".hidden.svg", "", "A.SVG", "x%2f.svg"] {
            assert!(!is_media_name(bad), "{bad}");
        }
        assert_eq!(image_content_type("a.webp"), Some("image/webp"));
        assert_eq!(image_content_type("ashyq.db"), None);
    }
}
