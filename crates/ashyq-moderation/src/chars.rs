//! Character classes with fast paths for the scripts comments are mostly written in (ASCII and Cyrillic).
//!
//! The standard library answers `is_alphabetic`, `is_alphanumeric` and `is_uppercase` for non-ASCII characters
//! with a binary search over Unicode tables, which was the largest single cost of screening Russian text.
//! These functions give exactly the standard library's answers (checked over every `char` by the tests
//! below) but decide ASCII and the Cyrillic blocks by range checks first. No crate offers this: the Unicode
//! crates answer through tables too.

/// Cyrillic letters: U+0400–U+0481 and U+048A–U+052F are all alphabetic (U+0482–U+0489 are a sign and
/// combining marks).
#[inline]
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}')
}

/// Same as [`char::is_alphabetic`].
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { is_cyrillic_letter(c) || c.is_alphabetic() }
}

/// Same as [`char::is_alphanumeric`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_cyrillic_letter(c) || c.is_alphanumeric()
    }
}

/// Same as [`char::is_uppercase`].
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_uppercase(),
        // Basic Russian block: Ѐ–Џ and А–Я upper, а–я and ѐ–џ lower.
        '\u{0400}'..='\u{042F}' => true,
        '\u{0430}'..='\u{045F}' => false,
        _ => c.is_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn classes_agree_with_std_for_every_char() {
        for c in all_chars() {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
        }
    }
}
