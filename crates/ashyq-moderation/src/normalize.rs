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
use crate::chars::{is_alphabetic, is_alphanumeric};
use crate::language::Lang;

mod lookalikes;
use lookalikes::{to_cyrillic, to_latin};

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

/// Characters that render as nothing and are used to split words invisibly.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letter or digit.
    Word,
    /// `@` or `$`.
    Leet,
    /// `!`.
    Bang,
    /// `*`.
    Star,
    /// Removed when between word characters.
    Joiner,
    /// Anything else.
    Sep,
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    c: char,
    start: u32,
    end: u32,
    kind: Kind,
    /// Came from a non-trivial fold (compatibility form, invisible neighbour, mark).
    folded: bool,
    /// Belongs to a word: letters and digits always, `@ $ ! *` as [`mark_words`] decides once all atoms are
    /// known.
    word: bool,
}

impl Atom {
    #[inline]
    fn new(c: char, start: u32, end: u32, kind: Kind, folded: bool) -> Atom {
        Atom { c, start, end, kind, folded, word: kind == Kind::Word }
    }
}

/// Kinds of the ASCII characters, by byte (the common case, decided without matching).
const ASCII_KINDS: [Kind; 128] = ascii_kinds();

const fn ascii_kinds() -> [Kind; 128] {
    let mut kinds = [Kind::Sep; 128];
    let mut b = 0;
    while b < 128 {
        kinds[b] = match b as u8 {
            b'@' | b'$' => Kind::Leet,
            b'!' => Kind::Bang,
            b'*' | b'%' => Kind::Star,
            b'.' | b'_' | b'\'' | b'`' => Kind::Joiner,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Kind::Word,
            _ => Kind::Sep,
        };
        b += 1;
    }
    kinds
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

fn kind_of(c: char) -> Kind {
    match c {
        '@' | '$' => Kind::Leet,
        '!' => Kind::Bang,
        '*' | '%' => Kind::Star,
        '.' | '_' | '\'' | '\u{2019}' | '\u{00B7}' | '`' => Kind::Joiner,
        c if is_alphanumeric(c) => Kind::Word,
        _ => Kind::Sep,
    }
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

/// A token under construction: a range in the mapped-character buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Draft {
    from: usize,
    to: usize,
    orig_start: u32,
    orig_end: u32,
    elongated: bool,
    masked: bool,
    evasive: bool,
    /// Index of the first and one past the last atom.
    atom_from: usize,
    atom_to: usize,
}

fn is_word_at(atoms: &[Atom], i: usize) -> bool {
    atoms.get(i).is_some_and(|a| a.kind == Kind::Word)
}

/// Decide for each `@ $ ! *` atom whether it belongs to a word (letters and digits always do).
fn mark_words(atoms: &mut [Atom]) {
    let n = atoms.len();
    let mut i = 0;
    while i < n {
        match atoms[i].kind {
            Kind::Word | Kind::Joiner | Kind::Sep => {}
            Kind::Leet => {
                let left = i > 0 && is_word_at(atoms, i - 1);
                let right = is_word_at(atoms, i + 1)
                    || (atoms.get(i + 1).is_some_and(|a| a.kind == Kind::Leet)
                        && is_word_at(atoms, i + 2));
                // `@user` at the start of a token is a mention, not an `a`.
                let mention = atoms[i].c == '@' && !left;
                atoms[i].word = (left || right) && !mention;
            }
            Kind::Bang => {
                atoms[i].word = i > 0
                    && atoms[i - 1].kind == Kind::Word
                    && is_alphabetic(atoms[i - 1].c)
                    && atoms.get(i + 1).is_some_and(|a| is_alphabetic(a.c));
            }
            Kind::Star => {
                let mut j = i;
                while j < n && atoms[j].kind == Kind::Star {
                    j += 1;
                }
                let run = j - i;
                let left = i > 0 && matches!(atoms[i - 1].kind, Kind::Word | Kind::Leet);
                let right = is_word_at(atoms, j);
                // `%` masks only between two letters ("по%уй"), never after a number ("50%").
                let percent = atoms[i..j].iter().any(|a| a.c == '%');
                let letters_around = i > 0
                    && is_alphabetic(atoms[i - 1].c)
                    && atoms.get(j).is_some_and(|a| is_alphabetic(a.c));
                // ...and not in a percent-encoded link ("%ce%b8").
                let hex = |k: usize| atoms.get(k).is_some_and(|a| a.c.is_ascii_hexdigit());
                if percent && (!letters_around || (hex(j) && hex(j + 1))) {
                    i = j;
                    continue;
                }
                if left && (right || (2..=4).contains(&run)) {
                    for a in &mut atoms[i..j] {
                        a.word = true;
                    }
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

fn build_tokens(scratch: &mut Scratch, doc_script: Script, kazakh: bool) -> Normalized {
    let Scratch { atoms, chars, drafts, merged, spare } = scratch;
    let atoms: &[Atom] = atoms;
    chars.clear();
    drafts.clear();
    let n = atoms.len();
    let mut i = 0;
    while i < n {
        if !atoms[i].word {
            i += 1;
            continue;
        }
        // Collect one word: word atoms, with joiners between word atoms skipped.
        let word_from = i;
        let mut j = i;
        let mut joined = false;
        loop {
            if j < n && atoms[j].word {
                j += 1;
            } else if j < n
                && atoms[j].kind == Kind::Joiner
                && j > word_from
                && atoms[j - 1].word
                && j + 1 < n
                && atoms[j + 1].word
            {
                joined = true;
                j += 1;
            } else {
                break;
            }
        }
        push_word(atoms, word_from, j, joined, doc_script, kazakh, chars, drafts);
        i = j;
    }
    let drafts: &[Draft] =
        if merge_spelled_out(atoms, chars, drafts, merged, kazakh) { merged } else { drafts };
    let mut out = std::mem::take(spare);
    out.text.clear();
    out.tokens.clear();
    out.text.reserve(chars.len() + drafts.len());
    out.tokens.reserve(drafts.len());
    for d in drafts {
        if !out.text.is_empty() {
            out.text.push(' ');
        }
        let start = out.text.len() as u32;
        out.text.extend(&chars[d.from..d.to]);
        out.tokens.push(Token {
            start,
            end: out.text.len() as u32,
            orig_start: d.orig_start,
            orig_end: d.orig_end,
            elongated: d.elongated,
            masked: d.masked,
            evasive: d.evasive,
        });
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push_word(
    atoms: &[Atom],
    from: usize,
    to: usize,
    joined: bool,
    doc_script: Script,
    kazakh: bool,
    chars: &mut Vec<char>,
    drafts: &mut Vec<Draft>,
) {
    // Most English words are plain lowercase ASCII letters, not folded from anything, without a run of three
    // equal letters: such a word maps to itself (no l33t, no lookalikes, nothing cut, not evasive), so its
    // letters are copied as they are instead of going through the per-character rules below.
    let word = &atoms[from..to];
    if !word.is_empty()
        && word.iter().all(|a| a.word && !a.folded && a.c.is_ascii_lowercase())
        && !word.windows(3).any(|w| w[0].c == w[1].c && w[1].c == w[2].c)
    {
        let chars_from = chars.len();
        chars.extend(word.iter().map(|a| a.c));
        drafts.push(Draft {
            from: chars_from,
            to: chars.len(),
            orig_start: word[0].start,
            orig_end: word[word.len() - 1].end,
            elongated: false,
            masked: false,
            evasive: joined,
            atom_from: from,
            atom_to: to,
        });
        return;
    }
    push_word_general(atoms, from, to, joined, doc_script, kazakh, chars, drafts);
}

/// [`push_word`] for any word: script vote, lookalike and l33t mapping, elongation cut.
#[allow(clippy::too_many_arguments)]
fn push_word_general(
    atoms: &[Atom],
    from: usize,
    to: usize,
    joined: bool,
    doc_script: Script,
    kazakh: bool,
    chars: &mut Vec<char>,
    drafts: &mut Vec<Draft>,
) {
    let mut latin = 0usize;
    let mut cyrillic = 0usize;
    let mut letters = 0usize;
    let mut digits = 0usize;
    for a in &atoms[from..to] {
        match script_of(a.c) {
            Script::Latin => latin += 1,
            Script::Cyrillic => cyrillic += 1,
            Script::Other => {}
        }
        if is_alphabetic(a.c) {
            letters += 1;
        } else if a.c.is_ascii_digit() {
            digits += 1;
        }
    }
    // Ids and codes ("id182444802", "mp3", "covid19") are not l33t: map digits only in words that are
    // mostly letters.
    let leet = letters > 0 && digits <= letters + 1;
    let mixed = latin > 0 && cyrillic > 0;
    // A word mixing the scripts is read in the comment's script when that can spell all of it: in a Russian
    // comment "xyuлo" has four Latin lookalikes of Cyrillic letters and an `л`, so it is Cyrillic despite the
    // vote; in an English one "tяump" stays Latin (the vote), as does "пизdдец" in Russian (no Cyrillic `d`).
    let spellable = |script: Script| {
        atoms[from..to].iter().filter(|a| a.word && script_of(a.c) != script).all(|a| {
            script_of(a.c) == Script::Other
                || match script {
                    Script::Cyrillic => to_cyrillic(a.c, kazakh) != a.c,
                    _ => to_latin(a.c) != a.c,
                }
        })
    };
    let script = if mixed && doc_script != Script::Other && spellable(doc_script) {
        doc_script
    } else if cyrillic > latin {
        Script::Cyrillic
    } else if latin > cyrillic {
        Script::Latin
    } else if letters == 0 {
        Script::Other
    } else {
        doc_script
    };
    let chars_from = chars.len();
    let mut evasive = joined || mixed;
    let mut masked = false;
    let mut elongated = false;
    let mut prev: Option<char> = None;
    let mut run = 0usize;
    for a in &atoms[from..to] {
        if !a.word {
            continue; // a joiner
        }
        if a.folded {
            evasive = true;
        }
        let mapped = if a.c == '%' {
            '*' // a `%` between letters masks one, like `*` ("по%уй")
        } else if letters == 0 || (!leet && a.c.is_ascii_digit()) {
            a.c
        } else {
            match script {
                Script::Latin => to_latin(a.c),
                Script::Cyrillic => to_cyrillic(a.c, kazakh),
                Script::Other => a.c,
            }
        };
        if mapped != a.c && !(a.c.is_ascii_digit() && letters == 0) {
            evasive = true;
        }
        if mapped == '*' {
            masked = true;
        }
        if Some(mapped) == prev && is_alphabetic(mapped) {
            run += 1;
            if run > 2 {
                elongated = true;
                continue;
            }
        } else {
            run = 1;
            prev = Some(mapped);
        }
        chars.push(mapped);
    }
    let chars_to = chars.len();
    if chars_to == chars_from {
        return;
    }
    drafts.push(Draft {
        from: chars_from,
        to: chars_to,
        orig_start: atoms[from].start,
        orig_end: atoms[to - 1].end,
        elongated,
        masked,
        evasive,
        atom_from: from,
        atom_to: to,
    });
}

/// Merge 3+ one-letter tokens separated only by short separator runs ("f u c k", "х.у.й" with spaces).
/// Returns false when there is nothing to merge (`drafts` stand); else the tokens are in `out`.
fn merge_spelled_out(
    atoms: &[Atom],
    chars: &mut [char],
    drafts: &[Draft],
    out: &mut Vec<Draft>,
    kazakh: bool,
) -> bool {
    let single = |d: &Draft, chars: &[char]| d.to - d.from == 1 && is_alphabetic(chars[d.from]);
    if drafts.iter().filter(|d| single(d, chars)).count() < 3 {
        return false;
    }
    let close = |a: &Draft, b: &Draft| {
        // At most 3 separator atoms between, none of them a line break or word character.
        let gap = &atoms[a.atom_to..b.atom_from];
        gap.len() <= 3 && gap.iter().all(|x| x.kind != Kind::Word && x.c != '\n')
    };
    out.clear();
    let mut i = 0;
    while i < drafts.len() {
        if single(&drafts[i], chars) {
            let mut j = i + 1;
            while j < drafts.len() && single(&drafts[j], chars) && close(&drafts[j - 1], &drafts[j])
            {
                j += 1;
            }
            // Characters of one-letter tokens are contiguous in `chars` only when nothing else was pushed
            // between them, which holds because tokens are pushed in order.
            if j - i >= 3 && drafts[j - 1].to - drafts[i].from == j - i {
                let first = drafts[i];
                let last = drafts[j - 1];
                // Letters were mapped one by one; read the merged word in its majority script.
                let merged = &mut chars[first.from..last.to];
                let latin = merged.iter().filter(|c| script_of(**c) == Script::Latin).count();
                let cyrillic = merged.iter().filter(|c| script_of(**c) == Script::Cyrillic).count();
                if latin > 0 && cyrillic > 0 {
                    for c in merged.iter_mut() {
                        *c = if cyrillic >= latin { to_cyrillic(*c, kazakh) } else { to_latin(*c) };
                    }
                }
                out.push(Draft {
                    from: first.from,
                    to: last.to,
                    orig_start: first.orig_start,
                    orig_end: last.orig_end,
                    elongated: drafts[i..j].iter().any(|d| d.elongated),
                    masked: false,
                    evasive: true,
                    atom_from: first.atom_from,
                    atom_to: last.atom_to,
                });
                i = j;
                continue;
            }
        }
        out.push(drafts[i]);
        i += 1;
    }
    true
}

/// Fold one word-list entry the same way as comment text (used by the lexicon).
pub(crate) fn fold_entry(word: &str, lang: Option<Lang>) -> String {
    let n = normalize_with(word, lang);
    n.text
}

#[cfg(test)]
mod tests;
