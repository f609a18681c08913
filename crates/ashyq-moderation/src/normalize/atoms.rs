//! Atoms: one folded character of the comment with its byte span and kind (word character, l33t, `!`, mask,
//! joiner, separator), the invisible characters that are dropped, and [`mark_words`], which decides whether
//! each `@ $ ! * %` belongs to a word once its neighbours are known.
use crate::chars::{is_alphabetic, is_alphanumeric};

/// Characters that render as nothing and are used to split words invisibly.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Atom {
    pub(super) c: char,
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) kind: Kind,
    /// Came from a non-trivial fold (compatibility form, invisible neighbour, mark).
    pub(super) folded: bool,
    /// Belongs to a word: letters and digits always, `@ $ ! *` as [`mark_words`] decides once all atoms are
    /// known.
    pub(super) word: bool,
}

impl Atom {
    #[inline]
    pub(super) fn new(c: char, start: u32, end: u32, kind: Kind, folded: bool) -> Atom {
        Atom { c, start, end, kind, folded, word: kind == Kind::Word }
    }
}

/// Kinds of the ASCII characters, by byte (the common case, decided without matching).
pub(super) const ASCII_KINDS: [Kind; 128] = ascii_kinds();

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

pub(super) fn kind_of(c: char) -> Kind {
    match c {
        '@' | '$' => Kind::Leet,
        '!' => Kind::Bang,
        '*' | '%' => Kind::Star,
        '.' | '_' | '\'' | '\u{2019}' | '\u{00B7}' | '`' => Kind::Joiner,
        c if is_alphanumeric(c) => Kind::Word,
        _ => Kind::Sep,
    }
}

fn is_word_at(atoms: &[Atom], i: usize) -> bool {
    atoms.get(i).is_some_and(|a| a.kind == Kind::Word)
}

/// Decide for each `@ $ ! *` atom whether it belongs to a word (letters and digits always do).
pub(super) fn mark_words(atoms: &mut [Atom]) {
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
