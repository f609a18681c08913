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

/// The code point of a basic Russian letter А–я (U+0410–U+044F, two bytes `D0 90`–`D1 8F` in UTF-8) starting at
/// byte `i` of UTF-8 text, else `None`: decoded directly, for the spam counts over Russian text that would
/// otherwise decode every character through `chars()`.
#[inline]
pub(crate) fn basic_russian(bytes: &[u8], i: usize) -> Option<u32> {
    let (&b0, &b1) = (bytes.get(i)?, bytes.get(i + 1)?);
    let c = (u32::from(b0 & 0x1f) << 6) | u32::from(b1 & 0x3f);
    (matches!(b0, 0xd0 | 0xd1) && b1 & 0xc0 == 0x80 && (0x410..=0x44f).contains(&c)).then_some(c)
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
