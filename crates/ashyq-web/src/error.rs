//! The one error type handlers return. It picks the status; the error-page layer in `headers` turns
//! it into a localized page, so handlers never render errors themselves.

use ashyq_store::StoreError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// Why a request could not be answered with its page.
#[derive(Debug)]
pub enum WebError {
    /// Nothing here; `ui_lang` is the language to say so in.
    NotFound { ui_lang: &'static str },
    /// The person is logged in but their roles do not allow this.
    Forbidden { ui_lang: &'static str },
    /// The form's CSRF token is missing or wrong (an old page, or a forged request).
    CsrfFailed,
    /// The form came without its CSRF cookie over plain HTTP while cookies are marked `Secure`:
    /// the browser dropped them, and the page says how to fix the site.
    CsrfInsecure,
    /// Too many attempts; try again after this many seconds.
    TooMany { retry_after: u64, ui_lang: &'static str },
    /// The page needs a login; come back to `next` afterwards.
    LoginRequired { next: String },
    /// The request body is larger than allowed.
    PayloadTooLarge,
    /// The request is malformed (say, a broken multipart body).
    BadRequest,
    /// The database cannot take writes (disk full or read-only); readers are unaffected.
    Unavailable,
    /// Too much password work is queued; try again after this many seconds.
    Busy { retry_after: u64, ui_lang: &'static str },
    /// A failure on our side. Logged once here, shown as a generic page.
    Internal(String),
}

/// Which page the error-page layer renders, carried inside the response.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ErrorPage {
    pub(crate) ui_lang: &'static str,
    /// Fluent ids of the heading and the explanation.
    pub(crate) title_id: &'static str,
    pub(crate) body_id: &'static str,
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Unwritable(message) => {
                tracing::warn!(%message, "a write was refused: the database cannot be written");
                WebError::Unavailable
            }
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl From<ashyq_render::RenderError> for WebError {
    fn from(error: ashyq_render::RenderError) -> Self {
        WebError::Internal(error.to_string())
    }
}

/// A local path to return to after login, or `/admin` for anything else.
pub(crate) fn safe_next(next: &str) -> &str {
    local_path(next).unwrap_or("/admin")
}

/// `next` if it is a path on this site: it starts with one `/`, and holds only visible ASCII
/// without backslashes. Browsers drop tabs and line breaks from URLs and read `\` as `/`, so
/// `/\t/evil.example` and `/\evil` lead off-site; spaces, control characters (a CRLF would break
/// the `Location` header) and raw non-ASCII have no place in a path we wrote (ours are
/// percent-encoded).
pub(crate) fn local_path(next: &str) -> Option<&str> {
    let rest = next.strip_prefix('/')?;
    let visible = next.bytes().all(|byte| byte.is_ascii_graphic() && byte != b'\\');
    (visible && !rest.starts_with('/')).then_some(next)
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, page) = match self {
            WebError::LoginRequired { next } => {
                let target = format!("/login?next={}", percent_encode_query(safe_next(&next)));
                return Redirect::to(&target).into_response();
            }
            WebError::NotFound { ui_lang } => {
                (StatusCode::NOT_FOUND, (ui_lang, "not-found-title", "not-found-body"))
            }
            WebError::Forbidden { ui_lang } => {
                (StatusCode::FORBIDDEN, (ui_lang, "forbidden-title", "forbidden-body"))
            }
            WebError::CsrfFailed => (StatusCode::FORBIDDEN, ("en", "csrf-title", "csrf-body")),
            WebError::CsrfInsecure => {
                (StatusCode::FORBIDDEN, ("en", "csrf-title", "csrf-insecure-body"))
            }
            WebError::Busy { retry_after, ui_lang } => {
                let mut response = render_marker(
                    StatusCode::SERVICE_UNAVAILABLE,
                    (ui_lang, "busy-title", "busy-body"),
                );
                if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                return response;
            }
            WebError::TooMany { retry_after, ui_lang } => {
                let mut response = render_marker(
                    StatusCode::TOO_MANY_REQUESTS,
                    (ui_lang, "too-many-title", "too-many-body"),
                );
                if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                return response;
            }
            WebError::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, ("en", "too-large-title", "too-large-body"))
            }
            WebError::BadRequest => {
                (StatusCode::BAD_REQUEST, ("en", "bad-request-title", "bad-request-body"))
            }
            WebError::Unavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, ("en", "unavailable-title", "unavailable-body"))
            }
            WebError::Internal(message) => {
                tracing::error!(%message, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, ("en", "error-title", "error-body"))
            }
        };
        render_marker(status, page)
    }
}

fn render_marker(
    status: StatusCode,
    (ui_lang, title_id, body_id): (&'static str, &'static str, &'static str),
) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(ErrorPage { ui_lang, title_id, body_id });
    response
}

/// Percent-encodes a value for a query string.
pub(crate) fn percent_encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_returned_to() {
        for local in ["/", "/admin", "/account?x=1&y=%2F", "/articles/printers-who-said-no#c3"] {
            assert_eq!(local_path(local), Some(local), "{local:?}");
        }
        for foreign in [
            "",
            "admin",
            "//evil.example",
            "/\\evil",
            "/\\/evil.example",
            "/\t/evil.example",
            "/ /evil",
            "/\n/evil.example",
            "/admin\r\nSet-Cookie: x=1",
            "/caf\u{e9}",
            "https://evil.example/",
        ] {
            assert_eq!(local_path(foreign), None, "{foreign:?}");
            assert_eq!(safe_next(foreign), "/admin", "{foreign:?}");
        }
    }
}
