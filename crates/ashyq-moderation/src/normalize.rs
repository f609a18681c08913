//! Folding of comment text for matching: NFKD without marks, lowercase, invisible characters removed,
//! Latin/Cyrillic homoglyphs and l33t mapped per word, repeated letters collapsed, separators inside words
//! removed — with every token keeping its byte span in the original text.
//!
//! The output is a list of [`Token`]s plus the folded text (tokens joined by one space). Each token knows the
//! byte range of the original text it came from, so findings can highlight what the commenter actually wrote.
//!
//! Rules, in order:
//! 1. Per original character: zero-width and format characters (U+200B–U+200F, U+2060–U+2064, U+FEFF, soft
//!    hyphen, variation selectors, tag characters, bidi controls) are dropped; everything else is decomposed
//!    with Unicode compatibility decomposition (the "K" of NFKC), combining marks are dropped (so Zalgo text
//!    and accents used for evasion disappear; `й` is kept and `ё` becomes `е`), and the rest is lowercased.
//! 2. Words are runs of letters and digits. `.`, `_`, `'`, `’` and `·` directly between two word characters
//!    are removed ("f.u.c.k" → "fuck"); `@` and `$` next to a letter, `!` between letters and a `*` run between
//!    letters (or of length ≥ 2 after one) count as word characters; `*` stays as a mask character.
//! 3. Each word is assigned the script most of its letters have (ties: the script of the whole comment) and
//!    lookalikes of the other script are mapped into it (`xуй` → `хуй`, `fυck`/`fцck` stay readable); digits
//!    and `@ $ !` are read as l33t (`0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i` in Latin words, `0→о 3→з 4→ч 6→б
//!    9→я @→а` in Cyrillic ones) only when the word also has a letter, so "2024" stays "2024".
//! 4. Runs of the same character longer than two are cut to two and the token is marked `elongated`.
//! 5. Three or more one-letter tokens separated only by short runs of separators are merged ("х у й",
//!    "f - u - c - k").
use crate::chars::is_alphabetic;
use crate::language::Lang;

mod atoms;
mod lookalikes;
mod words;
use atoms::{ASCII_KINDS, Atom, Kind, is_invisible, kind_of, mark_words};
use lookalikes::{to_cyrillic, to_latin};
use words::{Draft, build_tokens};
#[cfg(test)]
use words::{push_word, push_word_general};

/// One folded word, with where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the folded token in [`Normalized::text`].
    pub start: u32,
    /// End (exclusive) of the folded token in [`Normalized::text`].
    pub end: u32,
    /// Byte offset in the original text of the first character of the token.
    pub orig_start: u32,
    /// Byte offset in the original text just after the last character of the token.
    pub orig_end: u32,
    /// A run of 3+ equal characters was shortened.
    pub elongated: bool,
    /// The token holds `*` mask characters.
    pub masked: bool,
    /// The token was changed by homoglyph, l33t, separator or invisible-character folding (an evasion sign).
    pub evasive: bool,
}

/// The folded comment: text and tokens.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: String,
    tokens: Vec<Token>,
}

impl Normalized {
    /// Folded text: the tokens joined by single spaces.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The tokens in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }
    /// The folded string of one token.
    pub fn token_str(&self, token: &Token) -> &str {
        self.text.get(token.start as usize..token.end as usize).unwrap_or("")
    }
}

/// Script of a letter, as far as homoglyph mapping cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Other,
}

fn script_of(c: char) -> Script {
    if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
        Script::Latin
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) || ('\u{0500}'..='\u{052F}').contains(&c) {
        Script::Cyrillic
    } else {
        Script::Other
    }
}

/// Buffers of one fold, kept per thread between calls so screening a comment does not allocate them again;
/// they hold nothing from one call to the next.
#[derive(Debug, Default)]
struct Scratch {
    atoms: Vec<Atom>,
    chars: Vec<char>,
    drafts: Vec<Draft>,
    merged: Vec<Draft>,
    /// Buffers of a [`Normalized`] handed back by [`recycle`], for the next result.
    spare: Normalized,
}

impl Scratch {
    /// Give memory back after an unusually long comment.
    fn shrink(&mut self) {
        const KEEP: usize = 1 << 14;
        if self.atoms.capacity() > KEEP
            || self.chars.capacity() > KEEP
            || self.spare.text.capacity() > KEEP
            || self.spare.tokens.capacity() > KEEP
        {
            *self = Scratch::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Fold `text` for matching, detecting the language first (it decides how a Latin `i` inside a Cyrillic word
/// is read: Kazakh `і` or Russian `и`).
pub fn normalize(text: &str) -> Normalized {
    normalize_with(text, crate::language::detect_language(text))
}

/// Fold `text` for matching, with the language already known.
pub fn normalize_with(text: &str, lang: Option<Lang>) -> Normalized {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => {
            let out = fold(text, lang, &mut scratch);
            scratch.shrink();
            out
        }
        Err(_) => fold(text, lang, &mut Scratch::default()),
    })
}

/// Give the buffers of a folded comment that is no longer needed back to this thread's scratch, so the next
/// [`normalize_with`] fills them instead of allocating (the screen does this after each comment).
pub(crate) fn recycle(normalized: Normalized) {
    let _ = SCRATCH.try_with(|scratch| {
        if let Ok(mut scratch) = scratch.try_borrow_mut() {
            scratch.spare = normalized;
            scratch.shrink();
        }
    });
}

fn fold(text: &str, lang: Option<Lang>, scratch: &mut Scratch) -> Normalized {
    let atoms = &mut scratch.atoms;
    atoms.clear();
    atoms.reserve(text.len());
    let mut latin = 0usize;
    let mut cyrillic = 0usize;
    let mut after_invisible = false;
    // Whether any `@ $ ! *` was seen (they need a second look with their neighbours).
    let mut specials = false;
    let bytes = text.as_bytes();
    let mut offset = 0usize;
    while offset < bytes.len() {
        let byte = bytes[offset];
        let start = offset as u32;
        if byte.is_ascii() {
            // A whole run of ASCII at once: `extend` over a slice writes the atoms without a capacity check
            // and a length update per byte, which a `push` per byte paid for.
            let run = &bytes[offset..];
            let run = &run[..run.iter().position(|b| !b.is_ascii()).unwrap_or(run.len())];
            let first_folded = after_invisible;
            atoms.extend(run.iter().enumerate().map(|(k, &byte)| {
                let c = byte.to_ascii_lowercase();
                latin += usize::from(c.is_ascii_lowercase());
                let kind = ASCII_KINDS[usize::from(byte)];
                specials |= matches!(kind, Kind::Leet | Kind::Bang | Kind::Star);
                let start = start + k as u32;
                Atom::new(char::from(c), start, start + 1, kind, k == 0 && first_folded)
            }));
            after_invisible = false;
            offset += run.len();
            continue;
        }
        let Some(ch) = text.get(offset..).and_then(|rest| rest.chars().next()) else {
            break; // unreachable: `offset` is always on a character boundary
        };
        offset += ch.len_utf8();
        let end = offset as u32;
        if let Some(c) = basic_cyrillic_lower(ch) {
            // А–я without й: no decomposition, not a mark, not invisible (the common case in Russian).
            cyrillic += 1;
            atoms.push(Atom::new(c, start, end, Kind::Word, after_invisible));
            after_invisible = false;
            continue;
        }
        if is_invisible(ch) {
            after_invisible = true;
            continue;
        }
        if unicode_normalization::char::is_combining_mark(ch) {
            // A mark after a base character: dropped (Zalgo, stress marks, evasion).
            if let Some(last) = atoms.last_mut() {
                last.folded = true;
                last.end = end;
            }
            continue;
        }
        match ch {
            'й' | 'Й' => push_folded(atoms, 'й', start, end, after_invisible, &mut cyrillic),
            'ё' | 'Ё' => push_folded(atoms, 'е', start, end, after_invisible, &mut cyrillic),
            _ => {
                let mut changed = false;
                let mut pushed_any = false;
                unicode_normalization::char::decompose_compatible(ch, |d| {
                    if d != ch {
                        changed = true;
                    }
                    if unicode_normalization::char::is_combining_mark(d) {
                        return;
                    }
                    for lower in d.to_lowercase() {
                        let kind = kind_of(lower);
                        specials |= matches!(kind, Kind::Leet | Kind::Bang | Kind::Star);
                        match script_of(lower) {
                            Script::Latin => latin += 1,
                            Script::Cyrillic => cyrillic += 1,
                            Script::Other => {}
                        }
                        pushed_any = true;
                        atoms.push(Atom::new(lower, start, end, kind, after_invisible));
                    }
                });
                // Compatibility forms (fullwidth, mathematical bold, circled letters) count as folding only
                // when they decomposed to something else than a plain accented letter.
                if changed
                    && pushed_any
                    && (!is_alphabetic(ch) || is_fancy_letter(ch))
                    && let Some(last) = atoms.last_mut()
                {
                    last.folded = true;
                }
            }
        }
        after_invisible = false;
    }
    let doc_script = if cyrillic > latin { Script::Cyrillic } else { Script::Latin };
    let kazakh = lang == Some(Lang::Kk);
    if specials {
        mark_words(&mut scratch.atoms);
    }
    build_tokens(scratch, doc_script, kazakh)
}

/// The lowercase of a basic Russian letter А–я other than Й/й, which have no compatibility decomposition;
/// `None` for any other character.
#[inline]
fn basic_cyrillic_lower(c: char) -> Option<char> {
    match c {
        'Й' | 'й' => None,
        '\u{0410}'..='\u{042F}' => char::from_u32(c as u32 + 0x20),
        '\u{0430}'..='\u{044F}' => Some(c),
        _ => None,
    }
}

fn is_fancy_letter(c: char) -> bool {
    matches!(c as u32, 0x1D400..=0x1D7FF | 0xFF00..=0xFFEF | 0x24B6..=0x24E9 | 0x1F130..=0x1F189)
}

fn push_folded(
    atoms: &mut Vec<Atom>,
    c: char,
    start: u32,
    end: u32,
    folded: bool,
    cyrillic: &mut usize,
) {
    *cyrillic += 1;
    atoms.push(Atom::new(c, start, end, Kind::Word, folded));
}

/// Fold one word-list entry the same way as comment text (used by the lexicon).
pub(crate) fn fold_entry(word: &str, lang: Option<Lang>) -> String {
    let n = normalize_with(word, lang);
    n.text
}

#[cfg(test)]
mod tests;
