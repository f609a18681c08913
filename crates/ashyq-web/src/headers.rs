//! The layers around every route: security headers (a strict Content-Security-Policy: the site loads
//! nothing from anywhere else and runs no script), localized error pages, compression, timeouts, body
//! limits and request tracing.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::ErrorPage;
use crate::state::AppState;

/// The policy every response carries.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
];

/// Wraps the router in every layer.
pub(crate) fn wrap<S: Clone + Send + Sync + 'static>(router: Router, state: AppState<S>) -> Router {
    let mut router = router
        .layer(middleware::from_fn_with_state(state.clone(), crate::auth::csrf::protect::<S>))
        .layer(middleware::from_fn_with_state(state.clone(), render_error_pages::<S>))
        .layer(middleware::from_fn_with_state(state, onion_location::<S>));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    router
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(20 * 1024 * 1024))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(TraceLayer::new_for_http())
}

/// With an onion address configured (the site setting `onion_address`, else the server setting
/// of the same name), every HTML page names its copy there (`Onion-Location`), so
/// that Tor Browser offers to switch. Not sent when the request already came to the onion address.
async fn onion_location<S: Send + Sync>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    // The site setting (changed at run time from `/admin/site`) wins over the server's.
    let site = state.site();
    let Some(origin) =
        site.settings().onion_address.as_deref().or(state.reach.onion_origin.as_deref())
    else {
        return next.run(request).await;
    };
    let on_onion = request
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .is_some_and(|host| host.split(':').next().unwrap_or("").ends_with(".onion"));
    let target = request.uri().path_and_query().map_or("/", |path| path.as_str()).to_owned();
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_page
        && !on_onion
        && let Ok(value) = HeaderValue::from_str(&format!("{origin}{target}"))
    {
        response.headers_mut().insert(HeaderName::from_static("onion-location"), value);
    }
    response
}

/// Replaces the empty body of a `WebError` response with the localized error page.
async fn render_error_pages<S: Send + Sync>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let Some(page) = response.extensions().get::<ErrorPage>().copied() else {
        return response;
    };
    let status = response.status();
    let html =
        ashyq_render::render_message_page(&state.site(), page.ui_lang, page.title_id, page.body_id);
    match html {
        Ok(html) => {
            let (mut parts, _) = response.into_parts();
            parts.headers.remove(header::CONTENT_LENGTH);
            parts
                .headers
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Response::from_parts(parts, Body::from(html))
        }
        Err(error) => {
            tracing::error!(%error, "the error page itself failed to render");
            let mut plain = Response::new(Body::from(status.canonical_reason().unwrap_or("Error")));
            *plain.status_mut() = status;
            plain
        }
    }
}
