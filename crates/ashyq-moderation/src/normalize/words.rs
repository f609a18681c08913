//! Words: atoms gathered into tokens — the script vote, lookalike and l33t mapping, the elongation cut — and
//! one-letter tokens spelled out with separators merged back into one word.
use super::atoms::{Atom, Kind};
use super::{Normalized, Scratch, Script, Token, script_of, to_cyrillic, to_latin};
use crate::chars::is_alphabetic;

/// A token under construction: a range in the mapped-character buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Draft {
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

pub(super) fn build_tokens(scratch: &mut Scratch, doc_script: Script, kazakh: bool) -> Normalized {
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
pub(super) fn push_word(
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
pub(super) fn push_word_general(
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
