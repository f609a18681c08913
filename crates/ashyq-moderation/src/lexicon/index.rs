//! The lookup tables of a word list: an entry's folded patterns (exact, stem, infix, suffix), the tries and
//! lists they are indexed in, the first characters of phrases, and the spellings an entry is also indexed
//! under (repeated letters cut, Kazakh typed on a Russian keyboard).
use crate::trie::PatternTrie;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PatternKind {
    Exact,
    Prefix,
    Infix,
    Suffix,
}

#[derive(Debug, Clone)]
pub(super) struct Pattern {
    pub(super) kind: PatternKind,
    /// Folded text, without the `*` markers.
    pub(super) text: String,
}

impl Pattern {
    pub(super) fn matches(&self, token: &str) -> bool {
        match self.kind {
            PatternKind::Exact => token == self.text,
            PatternKind::Prefix => token.starts_with(self.text.as_str()),
            PatternKind::Infix => token.contains(self.text.as_str()),
            PatternKind::Suffix => token.ends_with(self.text.as_str()),
        }
    }

    /// Match a masked token, `*` in the token standing for any one character.
    pub(super) fn matches_masked(&self, token: &[char]) -> bool {
        let pat: Vec<char> = self.text.chars().collect();
        let eq = |t: &[char]| t.iter().zip(&pat).all(|(a, b)| *a == '*' || a == b);
        match self.kind {
            PatternKind::Exact => token.len() == pat.len() && eq(token),
            PatternKind::Prefix => token.len() >= pat.len() && eq(&token[..pat.len()]),
            PatternKind::Suffix => {
                token.len() >= pat.len() && eq(&token[token.len() - pat.len()..])
            }
            PatternKind::Infix => {
                token.len() >= pat.len()
                    && (0..=token.len() - pat.len())
                        .any(|p| token[p] != '*' && eq(&token[p..p + pat.len()]))
            }
        }
    }
}

/// Which characters some phrase starts with: a bit per character below U+0530 (Latin, Greek, Cyrillic), so
/// most tokens are ruled out without a hash-map look-up; characters above it are always "maybe".
#[derive(Debug, Clone)]
pub(super) struct FirstChars {
    bits: [u64; FirstChars::WORDS],
}

impl FirstChars {
    const WORDS: usize = 0x530 / 64 + 1;

    pub(super) fn insert(&mut self, c: char) {
        let i = c as usize;
        if i < FirstChars::WORDS * 64 {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    #[inline]
    pub(super) fn may_contain(&self, c: char) -> bool {
        let i = c as usize;
        i >= FirstChars::WORDS * 64 || self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

impl Default for FirstChars {
    fn default() -> FirstChars {
        FirstChars { bits: [0; FirstChars::WORDS] }
    }
}

/// Lookup tables over one set of entry patterns: exact words and stems in one trie, infixes in another
/// (walked from every position of the token), suffixes in a list (none in the built-in lists).
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    words: PatternTrie,
    infix: PatternTrie,
    suffix: Vec<(String, u32)>,
}

impl Index {
    pub(super) fn insert(&mut self, pattern: &Pattern, entry: u32) {
        let text = pattern.text.as_str();
        if text.is_empty() {
            return;
        }
        match pattern.kind {
            PatternKind::Exact => self.words.insert(text, entry, false),
            PatternKind::Prefix => self.words.insert(text, entry, true),
            PatternKind::Infix => self.infix.insert(text, entry, true),
            PatternKind::Suffix => self.suffix.push((pattern.text.clone(), entry)),
        }
    }

    /// The entry a token matches: an exact word first, then the earliest stem, then the infix found at the
    /// earliest position, then a suffix.
    pub(super) fn lookup(&self, token: &str) -> Option<u32> {
        let found = self.words.walk(token);
        if let Some(e) = found.exact.or(found.prefix) {
            return Some(e);
        }
        if !self.infix.is_empty() {
            if token.is_ascii() {
                // Bytes are characters: a table look-up per byte rules out most positions before a walk.
                for (pos, &byte) in token.as_bytes().iter().enumerate() {
                    if self.infix.may_start_byte(byte)
                        && let Some(e) = self.infix.walk(&token[pos..]).prefix
                    {
                        return Some(e);
                    }
                }
            } else {
                for (pos, c) in token.char_indices() {
                    if self.infix.may_start(c)
                        && let Some(e) = self.infix.walk(&token[pos..]).prefix
                    {
                        return Some(e);
                    }
                }
            }
        }
        self.suffix.iter().find(|(end, _)| token.ends_with(end.as_str())).map(|(_, e)| *e)
    }
}

/// Cut every run of a repeated character to one ("fuuck" → "fuck").
pub(super) fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev = None;
    for c in word.chars() {
        if Some(c) != prev {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Kazakh letters as typed on a Russian keyboard.
pub(super) fn kazakh_on_russian_keyboard(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' => 'и',
            other => other,
        })
        .collect()
}
