//! Slugs: the stable, URL-safe names of articles, authors and tags.

use std::fmt;

/// A slug: lowercase letters and digits in runs joined by single hyphens, at most 100 bytes.
/// Article and author slugs in files must be ASCII; tag slugs are derived from tag names with
/// [`slugify`] and may keep non-Latin letters (Cyrillic tags stay readable in the address bar).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Slug(String);

/// Why a string is not a valid slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("`{0}` is longer than 100 characters")]
    TooLong(String),
    #[error(
        "`{0}` is not a valid slug: use lowercase ASCII letters, digits and single hyphens, e.g. `printers-who-said-no`"
    )]
    Invalid(String),
}

impl Slug {
    /// Validates an ASCII slug as written in an article file.
    pub fn parse(text: &str) -> Result<Slug, SlugError> {
        if text.is_empty() {
            return Err(SlugError::Empty);
        }
        if text.len() > 100 {
            return Err(SlugError::TooLong(text.to_owned()));
        }
        let well_formed = text.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if !well_formed {
            return Err(SlugError::Invalid(text.to_owned()));
        }
        Ok(Slug(text.to_owned()))
    }

    /// Wraps a string already known to be a slug (from storage or [`slugify`]).
    pub fn from_trusted(text: String) -> Slug {
        Slug(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Derives a slug from a name: letters and digits of any script are lowercased and kept, every other
/// run of characters becomes one hyphen ("Press freedom" → `press-freedom`, "Свобода прессы" →
/// `свобода-прессы`). Returns `None` when nothing is left.
pub fn slugify(name: &str) -> Option<Slug> {
    let mut out = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for ch in name.chars() {
        if ch.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    if out.is_empty() {
        return None;
    }
    // Truncate on a character boundary so very long tag names still give a usable address.
    if out.len() > 100 {
        let mut cut = 100;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        while out.ends_with('-') {
            out.pop();
        }
    }
    Some(Slug(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_plain_slugs_and_rejects_others() {
        assert!(Slug::parse("printers-who-said-no").is_ok());
        assert!(Slug::parse("a1").is_ok());
        for bad in
            ["", "Printers", "double--hyphen", "-lead", "trail-", "with space", "тест", "a/b"]
        {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(matches!(Slug::parse(&"a".repeat(101)), Err(SlugError::TooLong(_))));
    }

    #[test]
    fn slugify_keeps_letters_of_any_script() {
        assert_eq!(slugify("Press freedom").unwrap().as_str(), "press-freedom");
        assert_eq!(slugify("  Свобода прессы! ").unwrap().as_str(), "свобода-прессы");
        assert_eq!(slugify("Қазақстан").unwrap().as_str(), "қазақстан");
        assert_eq!(slugify("!!!"), None);
        let long = slugify(&"ж".repeat(80)).unwrap();
        assert!(long.as_str().len() <= 100);
    }
}
