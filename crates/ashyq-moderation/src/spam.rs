//! Spam signals (links, repeated characters, shouting) and duplicate fingerprints: an exact hash of the folded
//! text and a 64-bit SimHash over its character 4-grams, compared by the storage layer.
use serde::{Deserialize, Serialize};

use crate::chars::{basic_russian, is_alphabetic, is_alphanumeric, is_uppercase};
use crate::hasher::{mix64, step};
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

/// Character classes counted by [`SpamSignals::of`], as bit flags.
const ALPHA: u8 = 1;
/// Uppercase (only looked at for letters).
const UPPER: u8 = 2;
/// ASCII digit.
const DIGIT: u8 = 4;
const ALNUM: u8 = 8;
const SPACE: u8 = 16;
/// `@` or `[`: may start a mention.
const MENTION: u8 = 32;

/// Classes of the ASCII characters, by byte.
const ASCII_CLASSES: [u8; 128] = ascii_classes();

const fn ascii_classes() -> [u8; 128] {
    let mut classes = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        classes[b] = match b as u8 {
            b'A'..=b'Z' => ALPHA | UPPER | ALNUM,
            b'a'..=b'z' => ALPHA | ALNUM,
            b'0'..=b'9' => DIGIT | ALNUM,
            // What `char::is_whitespace` calls whitespace in ASCII (U+0009–U+000D and space).
            b'\t'..=b'\r' | b' ' => SPACE,
            b'@' | b'[' => MENTION,
            _ => 0,
        };
        b += 1;
    }
    classes
}

/// Classes of a non-ASCII character.
fn class_of(c: char) -> u8 {
    let mut class = 0;
    if is_alphabetic(c) {
        class |= ALPHA;
        if is_uppercase(c) {
            class |= UPPER;
        }
    }
    if is_alphanumeric(c) {
        class |= ALNUM;
    }
    if c.is_whitespace() {
        class |= SPACE;
    }
    class
}

/// Bytes at which [`SpamSignals::find_links`] looks for a link: `h`/`H` (`http`), `w`/`W` (`www.`) and `.`
/// (a top-level domain).
const LINK_START: [bool; 256] = {
    let mut table = [false; 256];
    table[b'h' as usize] = true;
    table[b'H' as usize] = true;
    table[b'w' as usize] = true;
    table[b'W' as usize] = true;
    table[b'.' as usize] = true;
    table
};

const TLDS: &[&str] =
    &[".com", ".net", ".org", ".ru", ".kz", ".ly", ".info", ".biz", ".io", ".me", ".tk", ".co"];

impl SpamSignals {
    /// Measure `text`: ASCII text (most English comments) by byte counts, anything else character by
    /// character; then the links.
    pub fn of(text: &str) -> SpamSignals {
        let mut s = if text.is_ascii() {
            SpamSignals::of_ascii(text.as_bytes())
        } else {
            SpamSignals::of_any(text)
        };
        s.find_links(text);
        s
    }

    /// [`SpamSignals::of`] for ASCII text (most English comments), where every character is one byte: the
    /// counts are plain byte counts the compiler turns into vector code, and runs are only looked at where a
    /// byte repeats the one before it. Gives the same answers as [`SpamSignals::of_any`] (see the tests).
    fn of_ascii(bytes: &[u8]) -> SpamSignals {
        let mut s = SpamSignals::default();
        let (mut letters, mut uppercase, mut digits, mut exclamations) = (0u32, 0u32, 0u32, 0u32);
        // Byte-wide counters over chunks of at most 255 bytes (they cannot overflow), so the compiler can
        // count 16 bytes per vector instruction; added to the totals after each chunk.
        for chunk in bytes.chunks(255) {
            let (mut l, mut u, mut d, mut e) = (0u8, 0u8, 0u8, 0u8);
            for &b in chunk {
                l += u8::from(b.is_ascii_alphabetic());
                u += u8::from(b.is_ascii_uppercase());
                d += u8::from(b.is_ascii_digit());
                e += u8::from(b == b'!');
            }
            letters += u32::from(l);
            uppercase += u32::from(u);
            digits += u32::from(d);
            exclamations += u32::from(e);
        }
        (s.letters, s.uppercase, s.digits, s.exclamations) =
            (letters, uppercase, digits, exclamations);
        // Most comments hold neither `@` nor `[`; `contains` on bytes is a fast `memchr`.
        if bytes.contains(&b'@') || bytes.contains(&b'[') {
            for (i, &b) in bytes.iter().enumerate() {
                let mention = match b {
                    b'@' => i == 0 || !bytes[i - 1].is_ascii_alphanumeric(),
                    b'[' => bytes[i..].starts_with(b"[id"),
                    _ => false,
                };
                s.mentions += u32::from(mention);
            }
        }
        // The first character is a run of one; longer runs are maximal stretches of one non-space byte, and
        // the earliest of the longest wins (a later run must be strictly longer to replace it).
        if !bytes.is_empty() {
            s.longest_run = 1;
            s.longest_run_span = (0, 1);
        }
        let mut i = 1;
        while i < bytes.len() {
            let b = bytes[i];
            if b != bytes[i - 1] || ASCII_CLASSES[usize::from(b)] & SPACE != 0 {
                i += 1;
                continue;
            }
            let start = i - 1;
            let mut end = i + 1;
            while end < bytes.len() && bytes[end] == b {
                end += 1;
            }
            if (end - start) as u32 > s.longest_run {
                s.longest_run = (end - start) as u32;
                s.longest_run_span = (start, end);
            }
            i = end;
        }
        s
    }

    /// [`SpamSignals::of`] for any text, without links.
    ///
    /// The counters live in local variables rather than in the struct being built: updating fields of a
    /// struct that holds an array made the compiler keep them in memory, and every character then waited on
    /// the previous one's store. Per character the common case is one table look-up (or a direct decode of a
    /// basic Russian letter), a few additions and the run check; `@` and `[` (mentions) take a rare branch.
    fn of_any(text: &str) -> SpamSignals {
        let bytes = text.as_bytes();
        let (mut letters, mut uppercase, mut digits, mut exclamations, mut mentions) =
            (0u32, 0u32, 0u32, 0u32, 0u32);
        let mut longest_run = 0u32;
        let mut longest_run_span = (0usize, 0usize);
        let mut prev = u32::MAX; // no character yet
        let mut run = 0u32;
        let mut run_start = 0usize;
        let mut prev_alnum = false;
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            let (c, len, class) = if byte.is_ascii() {
                (u32::from(byte), 1, ASCII_CLASSES[usize::from(byte)])
            } else if let Some(c) = basic_russian(bytes, i) {
                // А–я (U+0410–U+044F): letters, uppercase below U+0430; decoded without `chars()`.
                (c, 2, ALPHA | ALNUM | if c < 0x430 { UPPER } else { 0 })
            } else {
                let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    break; // unreachable: `i` is always on a character boundary
                };
                (u32::from(ch), ch.len_utf8(), class_of(ch))
            };
            // Letters, digits and `!` are disjoint classes: counted without branching.
            letters += u32::from(class & ALPHA);
            uppercase += u32::from(class & (ALPHA | UPPER) == ALPHA | UPPER);
            digits += u32::from(class & DIGIT != 0);
            exclamations += u32::from(byte == b'!');
            if class & MENTION != 0
                && ((byte == b'@' && !prev_alnum)
                    || (byte == b'[' && bytes[i..].starts_with(b"[id")))
            {
                // `@name` (tweets) or `[id123|Name]` (VK replies).
                mentions += 1;
            }
            prev_alnum = class & ALNUM != 0;
            if c == prev && class & SPACE == 0 {
                run += 1;
            } else {
                run = 1;
                run_start = i;
                prev = c;
            }
            if run > longest_run {
                longest_run = run;
                longest_run_span = (run_start, i + len);
            }
            i += len;
        }
        SpamSignals {
            letters,
            uppercase,
            digits,
            exclamations,
            mentions,
            longest_run,
            longest_run_span,
            ..SpamSignals::default()
        }
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
            // Most bytes cannot start a link: one table look-up instead of five comparisons.
            if !LINK_START[usize::from(b)] {
                i += 1;
                continue;
            }
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
            // Every listed top-level domain has a letter after the dot: sentence ends are ruled out before
            // the list is scanned.
            if b == b'.'
                && i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
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
    // `exact` is `hash_str(EXACT_SEED, folded)`, computed in the same pass as the shingles so the two
    // independent chains of multiplications overlap.
    let mut exact = EXACT_SEED;
    let mut counts = BitCounts::new();
    let mut window = [0u32; 4];
    for (seen, c) in folded.chars().enumerate() {
        exact = step_utf8(exact, c);
        window = [window[1], window[2], window[3], u32::from(c)];
        if seen >= 3 {
            let mut h = 0x0073_6869_6e67_6c65_u64;
            for &w in &window {
                h = step(h, w);
            }
            counts.add(mix64(h));
        }
    }
    let exact = mix64(exact ^ (folded.len() as u64));
    if counts.added == 0 && !folded.is_empty() {
        counts.add(exact);
    }
    Fingerprint { exact, simhash: counts.majority(), tokens: normalized.tokens().len() as u32 }
}

const EXACT_SEED: u64 = 0x6578_6163_7421;

/// [`step`] over the UTF-8 bytes of `c`, as `hash_str` does.
#[inline]
fn step_utf8(h: u64, c: char) -> u64 {
    if c.is_ascii() {
        return step(h, u32::from(c));
    }
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf).bytes().fold(h, |h, b| step(h, u32::from(b)))
}

/// For each of the 64 bit positions, how many of the added words have that bit set. The SimHash bit is set
/// where more than half of the words had it set.
///
/// Counting bit by bit costs 64 increments per word; instead each byte of the word is spread by a table into
/// eight one-byte counters packed in a `u64` (byte `i` of `SPREAD[b]` is bit `i` of `b`), so a word costs
/// eight table look-ups and eight additions, and the byte counters are emptied into `u32` totals every 255
/// words, before they can overflow. Hand-written because it is a few lines and no crate offers SimHash bit
/// counting on its own.
#[derive(Debug)]
struct BitCounts {
    lanes: [u64; 8],
    pending: u32,
    totals: [u32; 64],
    added: u32,
}

const SPREAD: [u64; 256] = spread_table();

const fn spread_table() -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut bit = 0;
        while bit < 8 {
            if (byte >> bit) & 1 == 1 {
                table[byte] |= 1 << (8 * bit);
            }
            bit += 1;
        }
        byte += 1;
    }
    table
}

impl BitCounts {
    fn new() -> BitCounts {
        BitCounts { lanes: [0; 8], pending: 0, totals: [0; 64], added: 0 }
    }

    #[inline(always)] // in the shingle loop, so the lanes can stay in registers
    fn add(&mut self, h: u64) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[((h >> (8 * j)) & 0xff) as usize];
        }
        self.pending += 1;
        self.added += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            for i in 0..8 {
                self.totals[8 * j + i] += ((*lane >> (8 * i)) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// Bits set in more than half of the added words.
    fn majority(mut self) -> u64 {
        self.flush();
        let added = u64::from(self.added);
        self.totals
            .iter()
            .enumerate()
            .fold(0u64, |out, (bit, &ones)| out | (u64::from(2 * u64::from(ones) > added) << bit))
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
    use crate::hasher::hash_str;

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
    fn ascii_classes_agree_with_std() {
        for b in 0u8..128 {
            let c = char::from(b);
            let class = ASCII_CLASSES[usize::from(b)];
            assert_eq!(class & ALPHA != 0, c.is_alphabetic(), "{c:?}");
            assert_eq!(class & ALPHA != 0 && class & UPPER != 0, c.is_uppercase(), "{c:?}");
            assert_eq!(class & DIGIT != 0, c.is_ascii_digit(), "{c:?}");
            assert_eq!(class & ALNUM != 0, c.is_alphanumeric(), "{c:?}");
            assert_eq!(class & SPACE != 0, c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn exact_hash_is_the_hash_of_the_folded_text() {
        for text in ["", "a", "ab", "abc", "Check out my channel", "Ну ты x у й!", "𝐟𝐮𝐜𝐤 ｆｕｃｋ"]
        {
            let n = normalize(text);
            assert_eq!(
                fingerprint_normalized(&n).exact,
                hash_str(EXACT_SEED, n.text()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn bit_counts_agree_with_plain_counting() {
        let mut rng = crate::hasher::Rng::new(7);
        for n in [0usize, 1, 2, 3, 7, 64, 254, 255, 256, 1000] {
            let words: Vec<u64> = (0..n).map(|_| rng.next_u64() & rng.next_u64()).collect();
            let mut counts = BitCounts::new();
            let mut plain = [0i64; 64];
            for &w in &words {
                counts.add(w);
                for (bit, count) in plain.iter_mut().enumerate() {
                    *count += if (w >> bit) & 1 == 1 { 1 } else { -1 };
                }
            }
            let expected = plain
                .iter()
                .enumerate()
                .fold(0u64, |acc, (bit, &c)| acc | (u64::from(c > 0) << bit));
            assert_eq!(counts.majority(), expected, "{n} words");
        }
    }

    #[test]
    fn basic_russian_letters_decode_and_classify() {
        for c in '\u{0080}'..='\u{07FF}' {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let expected = ('\u{0410}'..='\u{044F}').contains(&c).then_some(u32::from(c));
            assert_eq!(basic_russian(bytes, 0), expected, "{c:?}");
            if expected.is_some() {
                let class = ALPHA | ALNUM | if u32::from(c) < 0x430 { UPPER } else { 0 };
                assert_eq!(class, class_of(c), "{c:?}");
            }
        }
    }

    #[test]
    fn ascii_counts_agree_with_the_general_loop() {
        let mut rng = crate::hasher::Rng::new(3);
        let alphabet = b"aaAB!! @[id1. \t\nxX9_";
        let mut texts: Vec<String> =
            ["", "a", " ", "  ", "aa", "@a", "a@b", "[id1|x]", "x!!!!", "AAAA bbbb AAAA"]
                .iter()
                .map(|t| t.to_string())
                .collect();
        for _ in 0..3000 {
            let len = (rng.next_u64() % 24) as usize;
            texts.push(
                (0..len)
                    .map(|_| {
                        char::from(alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                    })
                    .collect(),
            );
        }
        for t in &texts {
            assert_eq!(SpamSignals::of_ascii(t.as_bytes()), SpamSignals::of_any(t), "{t:?}");
        }
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
        // `find_links` rules out a dot not followed by a letter before scanning the list.
        assert!(TLDS.iter().all(|t| t.as_bytes()[1].is_ascii_alphabetic()));
        let s = SpamSignals::of("see a.ru, b.co. c.info! @x [id1|y] and end.");
        assert_eq!((s.links, s.mentions), (3, 2));
    }
}
