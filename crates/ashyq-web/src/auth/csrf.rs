//! CSRF protection for every form, by construction: a middleware gives each browser a random token in
//! an HttpOnly, SameSite=Strict cookie (with the first page that carries a form; nothing else sets
//! it), pages put the same token in a hidden `csrf_token` field, and
//! every state-changing request must bring both, equal. A request whose `Origin` names another site is
//! refused as well. Multipart uploads carry the token in the query string instead of the body.

use axum::body::{Body, to_bytes};
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;

use crate::auth::cookies::{CSRF_COOKIE, cookie, set_cookie};
use crate::auth::secrets::{is_token, random_token};
use crate::client_address::arrived_over_https;
use crate::error::WebError;
use crate::state::AppState;

/// The browser's CSRF token, for templates' hidden fields.
#[derive(Debug, Clone)]
pub(crate) struct CsrfToken(pub(crate) String);

/// The largest form body the check reads (forms are small; uploads are multipart).
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

fn tokens_match(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn field(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone())
}

/// Whether an `Origin` header, if present, is this host.
fn same_origin(request: &Request) -> bool {
    let Some(origin) = request.headers().get(header::ORIGIN).and_then(|value| value.to_str().ok())
    else {
        return true;
    };
    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` even for our own forms;
    // that says nothing either way, so the token alone decides.
    if origin == "null" {
        return true;
    }
    let Some(host) = request.headers().get(header::HOST).and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    origin.split_once("://").is_some_and(|(_, rest)| rest == host)
}

/// Whether a form without its cookie is explained by `Secure` cookies over plain HTTP: cookies are
/// marked `Secure`, the request did not arrive over HTTPS (ashyq speaks plain HTTP; only a trusted
/// proxy can say otherwise), and the host is not one where browsers keep `Secure` cookies anyway
/// (localhost, loopback addresses, .onion).
fn cookies_dropped_over_http<S>(state: &AppState<S>, request: &Request) -> bool {
    if !state.auth.secure_cookies {
        return false;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(peer)| peer.ip());
    if arrived_over_https(peer, request.headers(), &state.auth.trusted_proxies) {
        return false;
    }
    let host = request.headers().get(header::HOST).and_then(|value| value.to_str().ok());
    !host.is_none_or(browser_keeps_secure_cookies)
}

/// Hosts where browsers treat plain HTTP as secure and so keep `Secure` cookies.
fn browser_keeps_secure_cookies(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    }
    .trim_end_matches('.')
    .to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.ends_with(".onion")
        || name.parse::<IpAddr>().is_ok_and(|address| address.is_loopback())
}

/// A `Set-Cookie` value that gives the browser a new form token. Sent when someone logs in (and
/// when the second factor completes), so a form token planted or seen before login is worth
/// nothing afterwards.
pub(crate) fn fresh_csrf_cookie(secure: bool) -> Result<HeaderValue, WebError> {
    let token = random_token().map_err(|error| WebError::Internal(error.to_string()))?;
    HeaderValue::from_str(&set_cookie(CSRF_COOKIE, &token, "Strict", None, secure))
        .map_err(|error| WebError::Internal(error.to_string()))
}

pub(crate) async fn protect<S: Send + Sync>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Result<Response, WebError> {
    let existing = cookie(request.headers(), CSRF_COOKIE).filter(|token| is_token(token));
    let (token, fresh) = match existing {
        Some(token) => (token, false),
        None => (random_token().map_err(|error| WebError::Internal(error.to_string()))?, true),
    };
    // API calls authenticate with a bearer token, which a browser never attaches on its own: no
    // ambient credential, so nothing for a forged request to ride on.
    let bearer_api = request.uri().path().starts_with("/api/")
        && request.headers().get(header::AUTHORIZATION).is_some()
        && request.headers().get(header::COOKIE).is_none();
    let state_changing =
        !bearer_api && !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut request = if state_changing {
        if fresh && cookies_dropped_over_http(&state, &request) {
            tracing::warn!(
                host = ?request.headers().get(header::HOST),
                "a form came without its CSRF cookie over plain HTTP: cookies are marked Secure, so \
                 browsers keep them only for HTTPS. Serve the site over HTTPS (a TLS reverse proxy, \
                 see README), or set secure_cookies = false"
            );
            return Err(WebError::CsrfInsecure);
        }
        if fresh || !same_origin(&request) {
            tracing::warn!(
                no_cookie = fresh,
                origin = ?request.headers().get(header::ORIGIN),
                host = ?request.headers().get(header::HOST),
                "a form was refused: no CSRF cookie, or another site's origin"
            );
            return Err(WebError::CsrfFailed);
        }
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_owned();
        if content_type.starts_with("multipart/form-data") {
            let query = request.uri().query().unwrap_or("");
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_str(query).unwrap_or_default();
            if !field(&pairs, "csrf_token").is_some_and(|supplied| tokens_match(&supplied, &token))
            {
                return Err(WebError::CsrfFailed);
            }
            request
        } else {
            let (parts, body) = request.into_parts();
            let bytes =
                to_bytes(body, MAX_FORM_BYTES).await.map_err(|_| WebError::PayloadTooLarge)?;
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
            if !field(&pairs, "csrf_token").is_some_and(|supplied| tokens_match(&supplied, &token))
            {
                return Err(WebError::CsrfFailed);
            }
            Request::from_parts(parts, Body::from(bytes))
        }
    } else {
        request
    };
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let response = next.run(request).await;
    if !fresh || !is_html(&response) {
        return Ok(response);
    }
    // A new token is given only with a page that carries it in a form: the stylesheet, images,
    // `304`s and pages without a form set no cookie (so they stay cacheable, and a browser
    // that never sees a form is never handed a token).
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX)
        .await
        .map_err(|error| WebError::Internal(format!("reading a page's body: {error}")))?;
    if memchr::memmem::find(&bytes, token.as_bytes()).is_some() {
        let value = set_cookie(CSRF_COOKIE, &token, "Strict", None, state.auth.secure_cookies);
        if let Ok(value) = HeaderValue::from_str(&value) {
            parts.headers.append(header::SET_COOKIE, value);
        }
    }
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

/// Whether a response is an HTML page (the only kind that carries forms).
fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_keep_secure_cookies_on_loopback_and_onion_only() {
        for host in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:8080",
            "x.onion",
            "a.localhost",
        ] {
            assert!(browser_keeps_secure_cookies(host), "{host}");
        }
        for host in ["news.example.org", "192.168.1.10:8080", "[2001:db8::1]:80", "onion.example"] {
            assert!(!browser_keeps_secure_cookies(host), "{host}");
        }
    }
}
