//! Feeds and addresses for machines: Atom feeds (site, language, tag, author), the sitemap and
//! `robots.txt`. They are rendered by `ashyq-render` (the static export calls the same functions),
//! kept in the page cache like pages (so a publication or correction drops them at once) and
//! answered with an `ETag`, so a feed reader polling every few minutes mostly gets `304`.

use ashyq_store::{FeedScope, FeedSource, Store};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::conditional::{self, Policy};
use crate::error::WebError;
use crate::reading::{cached, preferred_language, site_languages};
use crate::state::AppState;

/// Feeds and the sitemap are the same for everyone: kept for five minutes by anyone (feed readers
/// poll; a correction still reaches them soon), then revalidated with the `ETag`.
const MACHINE: Policy = Policy { cache_control: "public, max-age=300", vary: None };

const ATOM: &str = "application/atom+xml; charset=utf-8";
const XML: &str = "application/xml; charset=utf-8";

/// `/feed` → `/feed.atom`, the address people guess.
pub(crate) async fn feed_redirect() -> Redirect {
    Redirect::permanent(&ashyq_render::urls::site_feed())
}

async fn feed<S: Store>(
    state: &AppState<S>,
    headers: &HeaderMap,
    scope: FeedScope<'_>,
) -> Result<Response, WebError> {
    let key = ashyq_render::feed_path(scope);
    let page = cached(state, &key, || async {
        let source = match state.store.feed(scope, ashyq_render::FEED_ENTRIES).await? {
            Some(source) => source,
            // A language the site offers before its first story: its front page links this
            // feed, so it exists, empty, until the first story comes.
            None if offered_language(state, scope).await? => {
                FeedSource { subject: None, entries: Vec::new() }
            }
            None => return Err(WebError::NotFound { ui_lang: preferred_language(headers) }),
        };
        Ok(ashyq_render::render_atom_feed(&state.site(), scope, &source, &state.auth.public_url)?)
    })
    .await?;
    Ok(conditional::document(headers, page.tag(), MACHINE, ATOM, || page.shared()))
}

/// Whether `scope` is the feed of a language the site offers readers.
async fn offered_language<S: Store>(
    state: &AppState<S>,
    scope: FeedScope<'_>,
) -> Result<bool, WebError> {
    let FeedScope::Language(lang) = scope else { return Ok(false) };
    Ok(site_languages(state).await?.iter().any(|offered| offered == lang))
}

pub(crate) async fn site_feed<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    feed(&state, &headers, FeedScope::Site).await
}

pub(crate) async fn language_feed<S: Store>(
    State(state): State<AppState<S>>,
    Path(lang): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    feed(&state, &headers, FeedScope::Language(&lang)).await
}

pub(crate) async fn tag_feed<S: Store>(
    State(state): State<AppState<S>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    feed(&state, &headers, FeedScope::Tag(&slug)).await
}

pub(crate) async fn author_feed<S: Store>(
    State(state): State<AppState<S>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    feed(&state, &headers, FeedScope::Author(&slug)).await
}

async fn sitemap_file<S: Store>(
    state: &AppState<S>,
    headers: &HeaderMap,
    path: &str,
) -> Result<Response, WebError> {
    let page = cached(state, path, || async {
        let source = state.store.sitemap().await?;
        ashyq_render::render_sitemap(
            &source,
            &state.auth.public_url,
            state.reach.sitemap_limit,
            path,
        )
        .ok_or(WebError::NotFound { ui_lang: preferred_language(headers) })
    })
    .await?;
    Ok(conditional::document(headers, page.tag(), MACHINE, XML, || page.shared()))
}

pub(crate) async fn sitemap<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    sitemap_file(&state, &headers, &ashyq_render::urls::sitemap()).await
}

pub(crate) async fn sitemap_part<S: Store>(
    State(state): State<AppState<S>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    sitemap_file(&state, &headers, &format!("/sitemaps/{file}")).await
}

pub(crate) async fn robots<S: Store>(State(state): State<AppState<S>>) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        ashyq_render::render_robots(&state.auth.public_url),
    )
        .into_response()
}
