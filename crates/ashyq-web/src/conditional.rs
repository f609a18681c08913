//! Validators and conditional requests: pages carry an `ETag`, and a request whose
//! `If-None-Match` names it is answered `304 Not Modified` with no body (README, "Caching").

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// How a page may be kept: its `Cache-Control`, and the request headers its bytes depend on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy {
    pub(crate) cache_control: &'static str,
    /// `None` when the bytes depend only on the address (compression adds its own `Vary`).
    pub(crate) vary: Option<&'static str>,
}

/// The weak entity tag for a digest: weak, because compression changes the bytes on the wire
/// but not the page.
fn entity_tag(digest: &str) -> String {
    format!("W/\"{digest}\"")
}

/// A file whose name is its content hash: its name is its tag, and a browser that already holds it
/// gets `304` (it should not even ask, the file being immutable, but some do on reload).
pub(crate) fn immutable_file(
    request: &HeaderMap,
    name: &str,
    content_type: &'static str,
    body: impl FnOnce() -> Response,
) -> Response {
    let tag = format!("\"{name}\"");
    let mut response = if matches(request, &tag) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        body()
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    response
}

/// How content-hashed files may be kept: for a year, by anyone.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Whether `If-None-Match` names this tag (weak comparison, as RFC 9110 asks for `GET`).
fn matches(headers: &HeaderMap, tag: &str) -> bool {
    let bare = |candidate: &str| candidate.trim().trim_start_matches("W/").to_owned();
    let ours = bare(tag);
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|value| value.to_str().ok()).any(
        |list| list.split(',').any(|candidate| candidate.trim() == "*" || bare(candidate) == ours),
    )
}

/// An HTML page with its validator: `304` without a body if the browser already holds it.
pub(crate) fn html_page(
    request: &HeaderMap,
    digest: &str,
    policy: Policy,
    body: impl FnOnce() -> Bytes,
) -> Response {
    document(request, digest, policy, "text/html; charset=utf-8", body)
}

/// A document of any type (a page, a feed, a sitemap) with its validator: `304` without a body if
/// the client already holds it.
pub(crate) fn document(
    request: &HeaderMap,
    digest: &str,
    policy: Policy,
    content_type: &'static str,
    body: impl FnOnce() -> Bytes,
) -> Response {
    let tag = entity_tag(digest);
    let mut response = if matches(request, &tag) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        let mut response = body().into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy.cache_control));
    if let Some(vary) = policy.vary {
        headers.insert(header::VARY, HeaderValue::from_static(vary));
    }
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
        headers
    }

    const POLICY: Policy = Policy { cache_control: "public, max-age=60", vary: None };

    #[test]
    fn a_matching_tag_gets_304_without_a_body_and_anything_else_the_page() {
        let page = || Bytes::from_static(b"<p>page</p>");
        for value in ["W/\"abc\"", "\"abc\"", "\"x\", W/\"abc\"", "*"] {
            let reply = html_page(&asking(value), "abc", POLICY, page);
            assert_eq!(reply.status(), StatusCode::NOT_MODIFIED, "{value}");
            assert_eq!(reply.headers()[header::ETAG], "W/\"abc\"");
            assert_eq!(reply.headers()[header::CACHE_CONTROL], "public, max-age=60");
        }
        for value in ["W/\"abd\"", "\"ab\"", ""] {
            let reply = html_page(&asking(value), "abc", POLICY, page);
            assert_eq!(reply.status(), StatusCode::OK, "{value}");
        }
        let reply = html_page(&HeaderMap::new(), "abc", POLICY, page);
        assert_eq!(reply.status(), StatusCode::OK);
        assert_eq!(reply.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
    }
}
