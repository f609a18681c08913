//! The `/mirrors` page: the signing key, known addresses and how to check a copy; in the reader's
//! language at `/mirrors`, in a chosen one at `/mirrors/{lang}`.

use ashyq_i18n::UI_LANGUAGES;
use ashyq_store::Store;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::WebError;
use crate::reading::{preferred_language, site_languages};
use crate::state::AppState;

async fn render<S: Store>(state: &AppState<S>, lang: &str) -> Result<String, WebError> {
    let languages = site_languages(state).await?;
    Ok(ashyq_render::render_mirrors_page(&state.site(), lang, &state.mirrors, &languages)?)
}

/// The same for everyone with the same language preference: kept a minute, like other pages.
fn shared(html: String, vary_language: bool) -> Response {
    let mut response = Html(html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    if vary_language {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
    response
}

pub(crate) async fn mirrors_page<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let lang = preferred_language(&headers);
    Ok(shared(render(&state, lang).await?, true))
}

pub(crate) async fn mirrors_page_in<S: Store>(
    State(state): State<AppState<S>>,
    Path(lang): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let Some(lang) = UI_LANGUAGES.iter().find(|known| **known == lang) else {
        return Err(WebError::NotFound { ui_lang: preferred_language(&headers) });
    };
    Ok(shared(render(&state, lang).await?, false))
}
