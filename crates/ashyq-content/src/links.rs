//! Which addresses article links may point to: `http`, `https`, `mailto`, relative addresses and
//! `#fragments`. Pages carry a CSP that stops `javascript:` links, but mirrors, feeds and e-books
//! carry none, so other schemes are refused when an article is parsed and dropped when one is
//! rendered.

/// Schemes a link in an article may use.
pub const ALLOWED_LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The scheme of a link destination as a browser reads it, lowercased; `None` for a relative
/// address or a fragment.
///
/// Browsers drop leading and trailing control characters and spaces, and tabs and line breaks
/// anywhere, before looking for the scheme (`java\tscript:` is `javascript:`), so this does too.
pub fn link_scheme(destination: &str) -> Option<String> {
    let cleaned: String = destination
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if cleaned[end..].starts_with(':') {
        let scheme = &cleaned[..end];
        let mut chars = scheme.chars();
        let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        let valid = first_is_letter
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        // Not a valid scheme, so not a scheme at all: "1:2" is a relative path. Browsers agree.
        return valid.then(|| scheme.to_ascii_lowercase());
    }
    None
}

/// The scheme that makes `destination` refused, if it is refused.
pub fn refused_link_scheme(destination: &str) -> Option<String> {
    link_scheme(destination).filter(|scheme| !ALLOWED_LINK_SCHEMES.contains(&scheme.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(destination: &str, refused: Option<&str>) {
        assert_eq!(refused_link_scheme(destination).as_deref(), refused, "{destination:?}");
    }

    #[test]
    fn web_mail_relative_and_fragment_links_are_allowed() {
        for allowed in [
            "https://example.org/a?b#c",
            "HTTP://example.org",
            "mailto:desk@example.org",
            "/articles/other",
            "other",
            "../tags/x",
            "#footnote-1",
            "?page=2",
            "//example.org/x",
            "1:2",
            "a/b:c",
            "",
        ] {
            check(allowed, None);
        }
    }

    #[test]
    fn other_schemes_are_refused_however_they_are_disguised() {
        check("javascript:alert(1)", Some("javascript"));
        check("JavaScript:alert(1)", Some("javascript"));
        check(" \u{1}javascript:alert(1)", Some("javascript"));
        check("java\tscr\nipt:alert(1)", Some("javascript"));
        check("data:text/html;base64,PHNjcmlwdD4=", Some("data"));
        check("vbscript:msgbox", Some("vbscript"));
        check("file:///etc/passwd", Some("file"));
        check("ftp://example.org", Some("ftp"));
    }
}
