//! Reading the `Cookie` header and writing `Set-Cookie`. Written by hand: we set three cookies with
//! fixed attributes, and reading is splitting on `;` and `=`; a cookie crate would add a dependency
//! for less clarity.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The login session.
pub(crate) const SESSION_COOKIE: &str = "ashyq_session";
/// The double-submit CSRF token.
pub(crate) const CSRF_COOKIE: &str = "ashyq_csrf";

/// The value of cookie `name`, if sent.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// A `Set-Cookie` value: HttpOnly always, `Secure` when configured, the given SameSite and lifetime
/// (`None`: until the browser closes; `Some(0)`: delete now).
pub(crate) fn set_cookie(
    name: &str,
    value: &str,
    same_site: &str,
    max_age: Option<i64>,
    secure: bool,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if secure {
        cookie.push_str("; Secure");
    }
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    cookie
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn finds_cookies_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(COOKIE, HeaderValue::from_static("a=1; ashyq_session=abc; b=2"));
        headers.append(COOKIE, HeaderValue::from_static("ashyq_csrf=xyz"));
        assert_eq!(cookie(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&headers, CSRF_COOKIE).as_deref(), Some("xyz"));
        assert_eq!(cookie(&headers, "missing"), None);
    }

    #[test]
    fn writes_hardened_cookies() {
        assert_eq!(
            set_cookie("n", "v", "Lax", Some(60), true),
            "n=v; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=60"
        );
        assert_eq!(
            set_cookie("n", "", "Strict", Some(0), false),
            "n=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        );
    }
}
