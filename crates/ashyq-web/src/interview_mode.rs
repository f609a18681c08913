//! The reader's interview reading mode: chosen by a link (`?interview=MODE` on an article) and
//! remembered in a preference cookie that holds only the mode's name, never an identifier. A value
//! that is not a mode, in the address or in the cookie, is ignored.

use ashyq_content::InterviewMode;
use axum::http::{HeaderMap, HeaderValue};

use crate::auth::cookies::{cookie, set_cookie};

/// The preference cookie: `paired`, `language` or `original`.
pub(crate) const INTERVIEW_COOKIE: &str = "interview_mode";

/// How long the choice is remembered: a year.
const REMEMBERED_SECONDS: i64 = 365 * 24 * 60 * 60;

/// The mode a request asks for: the address's choice, else the cookie's, else paired; and the
/// cookie to set when the address chose a mode the cookie does not already hold.
pub(crate) fn interview_mode(
    asked: Option<&str>,
    headers: &HeaderMap,
    secure: bool,
) -> (InterviewMode, Option<HeaderValue>) {
    let remembered =
        cookie(headers, INTERVIEW_COOKIE).and_then(|value| InterviewMode::parse(&value));
    match asked.and_then(InterviewMode::parse) {
        Some(mode) if remembered != Some(mode) => {
            let value = set_cookie(
                INTERVIEW_COOKIE,
                mode.as_str(),
                "Lax",
                Some(REMEMBERED_SECONDS),
                secure,
            );
            (mode, HeaderValue::from_str(&value).ok())
        }
        Some(mode) => (mode, None),
        None => (remembered.unwrap_or_default(), None),
    }
}

/// The page cache's key for an article page shown in `mode`: the address itself for the default,
/// so that readers without a choice share one copy, and a key of its own for every other mode.
pub(crate) fn cache_key(key: String, mode: InterviewMode) -> String {
    if mode == InterviewMode::default() { key } else { format!("{key}#interview={mode}") }
}

#[cfg(test)]
mod tests {
    use axum::http::header::COOKIE;

    use super::*;

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_address_wins_then_the_cookie_then_paired_and_bad_values_are_ignored() {
        let none = HeaderMap::new();
        assert_eq!(interview_mode(None, &none, false), (InterviewMode::Paired, None));
        let (mode, set) = interview_mode(Some("original"), &none, false);
        assert_eq!(mode, InterviewMode::Original);
        assert_eq!(
            set.unwrap(),
            "interview_mode=original; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000"
        );
        let chosen = with_cookie("a=b; interview_mode=language");
        assert_eq!(interview_mode(None, &chosen, false), (InterviewMode::PageLanguage, None));
        assert_eq!(interview_mode(Some("language"), &chosen, false).1, None);
        assert_eq!(
            interview_mode(Some("<script>"), &chosen, false),
            (InterviewMode::PageLanguage, None)
        );
        let bad = with_cookie("interview_mode=everything");
        assert_eq!(interview_mode(Some(""), &bad, false), (InterviewMode::Paired, None));
        let (_, set) = interview_mode(Some("paired"), &bad, true);
        assert!(set.unwrap().to_str().unwrap().contains("; Secure"));
    }

    #[test]
    fn only_a_chosen_mode_gets_a_key_of_its_own() {
        assert_eq!(cache_key("/articles/a".to_owned(), InterviewMode::Paired), "/articles/a");
        assert_eq!(
            cache_key("/articles/a".to_owned(), InterviewMode::Original),
            "/articles/a#interview=original"
        );
    }
}
