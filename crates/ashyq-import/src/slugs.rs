//! Article and author slugs from WordPress's: percent-decoded, transliterated to ASCII (our
//! article addresses are ASCII), and made unique with a numbered suffix.

use std::collections::HashSet;

use percent_encoding::percent_decode_str;

/// The longest slug we make, in bytes (our limit is 100; room for a suffix).
const MAX: usize = 90;

/// An ASCII slug for `raw` (WordPress's `post_name`, maybe percent-encoded, maybe in any script);
/// `None` when nothing usable is left.
pub fn ascii_slug(raw: &str) -> Option<String> {
    let decoded = percent_decode_str(raw).decode_utf8_lossy();
    let ascii = deunicode::deunicode(&decoded);
    let mut slug = String::with_capacity(ascii.len());
    let mut hyphen = false;
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            if hyphen && !slug.is_empty() {
                slug.push('-');
            }
            hyphen = false;
            slug.push(ch.to_ascii_lowercase());
        } else if ch != '\'' {
            hyphen = true;
        }
        if slug.len() >= MAX {
            break;
        }
    }
    slug.truncate(MAX);
    let slug = slug.trim_end_matches('-').to_owned();
    (!slug.is_empty()).then_some(slug)
}

/// `base`, or `base-2`, `base-3`… : the first not in `taken`, which it is then added to.
pub fn unique_slug(base: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = base.to_owned();
    let mut number = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{number}");
        number += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoded_and_non_latin_slugs_become_ascii() {
        assert_eq!(ascii_slug("%d0%bf%d1%80%d0%b5%d1%81%d1%81%d0%b0").as_deref(), Some("pressa"));
        assert_eq!(ascii_slug("Қазақ тілі").as_deref(), Some("kazak-tili"));
        assert_eq!(ascii_slug("already-fine-2").as_deref(), Some("already-fine-2"));
        assert_eq!(ascii_slug("Don't panic!").as_deref(), Some("dont-panic"));
        assert_eq!(ascii_slug("%%%"), None);
        assert_eq!(ascii_slug("!!!"), None);
        assert!(ascii_slug(&"слово ".repeat(50)).unwrap().len() <= MAX);
        assert!(ashyq_content::Slug::parse(&ascii_slug(&"слово ".repeat(50)).unwrap()).is_ok());
    }

    #[test]
    fn duplicates_get_a_number() {
        let mut taken = HashSet::new();
        assert_eq!(unique_slug("a", &mut taken), "a");
        assert_eq!(unique_slug("a", &mut taken), "a-2");
        assert_eq!(unique_slug("a", &mut taken), "a-3");
    }
}
