//! Spam signals (links, repeated characters, shouting) and duplicate fingerprints: an exact hash of the folded
//! text and a 64-bit SimHash over its character 4-grams, compared by the storage layer.
use serde::{Deserialize, Serialize};

use crate::hasher::{hash_str, mix64, step};
use crate::normalize::{Normalized, normalize};

/// Cheap counts over the original text that spam and shouting show up in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpamSignals {
    /// Links: `http://`, `https://`, `www.` and bare domains under common top-level domains.
    pub links: u32,
    /// Longest run of one repeated non-space character.
    pub longest_run: u32,
    /// Byte range of that run in the original text.
    pub longest_run_span: (usize, usize),
    /// Letters.
    pub letters: u32,
    /// Uppercase letters.
    pub uppercase: u32,
    /// `!` characters.
    pub exclamations: u32,
    /// ASCII digits.
    pub digits: u32,
    /// `@name` and `[id123|Name]` mentions (replies aimed at a person).
    pub mentions: u32,
    /// Byte ranges of the links found (at most 8).
    pub link_spans: [(usize, usize); 8],
}

const TLDS: &[&str] =
    &[".com", ".net", ".org", ".ru", ".kz", ".ly", ".info", ".biz", ".io", ".me", ".tk", ".co"];

impl SpamSignals {
    /// Measure `text`.
    pub fn of(text: &str) -> SpamSignals {
        let mut s = SpamSignals::default();
        let mut prev: Option<char> = None;
        let mut run = 0u32;
        let mut run_start = 0usize;
        let mut prev_alnum = false;
        for (i, c) in text.char_indices() {
            if c.is_alphabetic() {
                s.letters += 1;
                if c.is_uppercase() {
                    s.uppercase += 1;
                }
            } else if c.is_ascii_digit() {
                s.digits += 1;
            } else if c == '!' {
                s.exclamations += 1;
            } else if (c == '@' && !prev_alnum) || (c == '[' && text[i..].starts_with("[id")) {
                // `@name` (tweets) or `[id123|Name]` (VK replies).
                s.mentions += 1;
            }
            prev_alnum = c.is_alphanumeric();
            if Some(c) == prev && !c.is_whitespace() {
                run += 1;
            } else {
                run = 1;
                run_start = i;
                prev = Some(c);
            }
            if run > s.longest_run {
                s.longest_run = run;
                s.longest_run_span = (run_start, i + c.len_utf8());
            }
        }
        s.find_links(text);
        s
    }

    fn push_link(&mut self, span: (usize, usize)) {
        if (self.links as usize) < self.link_spans.len() {
            self.link_spans[self.links as usize] = span;
        }
        self.links += 1;
    }

    fn find_links(&mut self, text: &str) {
        let bytes = text.as_bytes();
        if !text.contains('.') {
            return;
        }
        let lower_has = |i: usize, pat: &str| {
            bytes.len() >= i + pat.len()
                && bytes[i..i + pat.len()].eq_ignore_ascii_case(pat.as_bytes())
        };
        let is_url_byte = |b: u8| !b.is_ascii_whitespace() && b != b'"' && b != b'<' && b != b'>';
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if (b == b'h' || b == b'H') && (lower_has(i, "http://") || lower_has(i, "https://"))
                || (b == b'w' || b == b'W')
                    && lower_has(i, "www.")
                    && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            {
                let start = i;
                while i < bytes.len() && is_url_byte(bytes[i]) {
                    i += 1;
                }
                self.push_link((start, i));
                continue;
            }
            if b == b'.'
                && i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
                && let Some(tld) = TLDS.iter().find(|t| lower_has(i, t))
            {
                let end = i + tld.len();
                if end == bytes.len() || !bytes[end].is_ascii_alphanumeric() {
                    let mut start = i;
                    while start > 0
                        && (bytes[start - 1].is_ascii_alphanumeric()
                            || bytes[start - 1] == b'-'
                            || bytes[start - 1] == b'.')
                    {
                        start -= 1;
                    }
                    let mut stop = end;
                    while stop < bytes.len() && is_url_byte(bytes[stop]) {
                        stop += 1;
                    }
                    self.push_link((start, stop));
                    i = stop;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Share of letters that are uppercase (0 when there are fewer than 8 letters).
    pub fn caps_ratio(&self) -> f32 {
        if self.letters < 8 { 0.0 } else { self.uppercase as f32 / self.letters as f32 }
    }

    /// The link spans found, at most 8.
    pub fn links(&self) -> &[(usize, usize)] {
        &self.link_spans[..(self.links as usize).min(self.link_spans.len())]
    }
}

/// Fingerprint of a comment for duplicate detection; cheap to store (16 bytes and a count) and compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Hash of the folded text: equal for the same comment with different case, spacing, punctuation, accents,
    /// invisible characters or homoglyphs.
    pub exact: u64,
    /// SimHash over character 4-grams of the folded text: few differing bits for small edits.
    pub simhash: u64,
    /// Number of folded tokens (near-duplicate comparison needs a few words to be meaningful).
    pub tokens: u32,
}

/// Fingerprint a comment.
pub fn fingerprint(text: &str) -> Fingerprint {
    fingerprint_normalized(&normalize(text))
}

/// Fingerprint an already folded comment.
pub fn fingerprint_normalized(normalized: &Normalized) -> Fingerprint {
    let folded = normalized.text();
    let exact = hash_str(0x6578_6163_7421, folded);
    let mut counts = [0i32; 64];
    let mut window = [0u32; 4];
    let mut seen = 0usize;
    let mut shingles = 0usize;
    for c in folded.chars() {
        window.rotate_left(1);
        window[3] = c as u32;
        seen += 1;
        if seen >= 4 {
            let mut h = 0x0073_6869_6e67_6c65_u64;
            for &w in &window {
                h = step(h, w);
            }
            add_bits(&mut counts, mix64(h));
            shingles += 1;
        }
    }
    if shingles == 0 && !folded.is_empty() {
        add_bits(&mut counts, exact);
    }
    let mut simhash = 0u64;
    for (bit, &count) in counts.iter().enumerate() {
        if count > 0 {
            simhash |= 1 << bit;
        }
    }
    Fingerprint { exact, simhash, tokens: normalized.tokens().len() as u32 }
}

#[inline]
fn add_bits(counts: &mut [i32; 64], h: u64) {
    for (bit, count) in counts.iter_mut().enumerate() {
        *count += if (h >> bit) & 1 == 1 { 1 } else { -1 };
    }
}

/// Largest SimHash distance (differing bits) still called a near duplicate.
pub const NEAR_DUPLICATE_BITS: u32 = 6;

/// Whether two comments are the same (after folding) or nearly the same. Comments of fewer than four tokens
/// are compared exactly only: a SimHash of two words says little.
pub fn is_near_duplicate(a: &Fingerprint, b: &Fingerprint) -> bool {
    if a.exact == b.exact {
        return true;
    }
    if a.tokens < 4 || b.tokens < 4 {
        return false;
    }
    (a.simhash ^ b.simhash).count_ones() <= NEAR_DUPLICATE_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_duplicates_survive_cosmetic_changes() {
        let a = fingerprint("Check out my channel, it's great!");
        let b = fingerprint("CHECK OUT MY CHANNEL it’s great");
        let c = fingerprint("Check\u{200B} out my chаnnel, it's great!!!"); // zero width + Cyrillic а
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.exact, c.exact);
        assert!(is_near_duplicate(&a, &c));
    }

    #[test]
    fn near_duplicates_and_different_comments() {
        let a = fingerprint(
            "Please subscribe to my channel, I post new music videos every week and need your support",
        );
        let b = fingerprint(
            "Please subscribe to my channel, I post new music video every week and need your support!!",
        );
        let c = fingerprint(
            "The mayor's plan for the new bridge ignores the people who live on the river bank",
        );
        assert_ne!(a.exact, b.exact);
        assert!(is_near_duplicate(&a, &b), "distance {}", (a.simhash ^ b.simhash).count_ones());
        assert!(!is_near_duplicate(&a, &c), "distance {}", (a.simhash ^ c.simhash).count_ones());
        // Short comments: exact only.
        assert!(!is_near_duplicate(&fingerprint("great post"), &fingerprint("great host")));
        assert!(is_near_duplicate(&fingerprint("Great post"), &fingerprint("great post!")));
    }

    #[test]
    fn links_and_runs() {
        let s = SpamSignals::of(
            "Visit http://spam.example/x and www.buy.com or cheap-pills.ru now!!!!!!!!",
        );
        assert_eq!(s.links, 3);
        assert_eq!(s.longest_run, 8);
        let s = SpamSignals::of("Mr. Smith said the U.S. economy is fine. e.g. this");
        assert_eq!(s.links, 0);
        let s = SpamSignals::of("");
        assert_eq!(s, SpamSignals::default());
    }
}
