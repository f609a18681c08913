//! The one error type handlers return. It picks the status; the error-page layer in `headers` turns
//! it into a localized page, so handlers never render errors themselves.

use ashyq_store::StoreError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why a request could not be answered with its page.
#[derive(Debug)]
pub enum WebError {
    /// Nothing here; `ui_lang` is the language to say so in.
    NotFound { ui_lang: &'static str },
    /// A failure on our side. Logged once here, shown as a generic page.
    Internal(String),
}

/// Carried from `WebError` to the error-page layer inside the response.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ErrorPage {
    pub(crate) ui_lang: &'static str,
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        WebError::Internal(error.to_string())
    }
}

impl From<ashyq_render::RenderError> for WebError {
    fn from(error: ashyq_render::RenderError) -> Self {
        WebError::Internal(error.to_string())
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, ui_lang) = match self {
            WebError::NotFound { ui_lang } => (StatusCode::NOT_FOUND, ui_lang),
            WebError::Internal(message) => {
                tracing::error!(%message, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "en")
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPage { ui_lang });
        response
    }
}
