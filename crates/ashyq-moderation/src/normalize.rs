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
use crate::language::Lang;

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
}

fn kind_of(c: char) -> Kind {
    match c {
        '@' | '$' => Kind::Leet,
        '!' => Kind::Bang,
        '*' => Kind::Star,
        '.' | '_' | '\'' | '\u{2019}' | '\u{00B7}' | '`' => Kind::Joiner,
        c if c.is_alphanumeric() => Kind::Word,
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
    let mut atoms: Vec<Atom> = Vec::with_capacity(text.len());
    let mut latin = 0usize;
    let mut cyrillic = 0usize;
    let mut after_invisible = false;
    for (offset, ch) in text.char_indices() {
        let start = offset as u32;
        let end = (offset + ch.len_utf8()) as u32;
        if ch.is_ascii() {
            let c = ch.to_ascii_lowercase();
            let kind = kind_of(c);
            if c.is_ascii_alphabetic() {
                latin += 1;
            }
            atoms.push(Atom { c, start, end, kind, folded: after_invisible });
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
            'й' | 'Й' => push_folded(&mut atoms, 'й', start, end, after_invisible, &mut cyrillic),
            'ё' | 'Ё' => push_folded(&mut atoms, 'е', start, end, after_invisible, &mut cyrillic),
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
                        match script_of(lower) {
                            Script::Latin => latin += 1,
                            Script::Cyrillic => cyrillic += 1,
                            Script::Other => {}
                        }
                        pushed_any = true;
                        atoms.push(Atom { c: lower, start, end, kind, folded: after_invisible });
                    }
                });
                // Compatibility forms (fullwidth, mathematical bold, circled letters) count as folding only
                // when they decomposed to something else than a plain accented letter.
                if changed
                    && pushed_any
                    && (!ch.is_alphabetic() || is_fancy_letter(ch))
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
    build_tokens(&atoms, doc_script, kazakh)
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
    atoms.push(Atom { c, start, end, kind: Kind::Word, folded });
}

/// A token under construction: a range in the mapped-character buffer.
#[derive(Debug, Clone, Copy)]
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

/// Decide for each atom whether it belongs to a word.
fn word_mask(atoms: &[Atom]) -> Vec<bool> {
    let n = atoms.len();
    let mut mask = vec![false; n];
    let mut i = 0;
    while i < n {
        match atoms[i].kind {
            Kind::Word => mask[i] = true,
            Kind::Leet => {
                let left = i > 0 && is_word_at(atoms, i - 1);
                let right = is_word_at(atoms, i + 1)
                    || (atoms.get(i + 1).is_some_and(|a| a.kind == Kind::Leet)
                        && is_word_at(atoms, i + 2));
                // `@user` at the start of a token is a mention, not an `a`.
                let mention = atoms[i].c == '@' && !left;
                mask[i] = (left || right) && !mention;
            }
            Kind::Bang => {
                mask[i] = i > 0
                    && atoms[i - 1].kind == Kind::Word
                    && atoms[i - 1].c.is_alphabetic()
                    && atoms.get(i + 1).is_some_and(|a| a.c.is_alphabetic());
            }
            Kind::Star => {
                let mut j = i;
                while j < n && atoms[j].kind == Kind::Star {
                    j += 1;
                }
                let run = j - i;
                let left = i > 0 && matches!(atoms[i - 1].kind, Kind::Word | Kind::Leet);
                let right = is_word_at(atoms, j);
                if left && (right || (2..=4).contains(&run)) {
                    for m in &mut mask[i..j] {
                        *m = true;
                    }
                }
                i = j;
                continue;
            }
            Kind::Joiner | Kind::Sep => {}
        }
        i += 1;
    }
    mask
}

fn build_tokens(atoms: &[Atom], doc_script: Script, kazakh: bool) -> Normalized {
    let mask = word_mask(atoms);
    let mut chars: Vec<char> = Vec::with_capacity(atoms.len());
    let mut drafts: Vec<Draft> = Vec::with_capacity(atoms.len() / 4 + 1);
    let n = atoms.len();
    let mut i = 0;
    while i < n {
        if !mask[i] {
            i += 1;
            continue;
        }
        // Collect one word: word atoms, with joiners between word atoms skipped.
        let word_from = i;
        let mut j = i;
        let mut joined = false;
        loop {
            if j < n && mask[j] {
                j += 1;
            } else if j < n
                && atoms[j].kind == Kind::Joiner
                && j > word_from
                && mask[j - 1]
                && j + 1 < n
                && mask[j + 1]
            {
                joined = true;
                j += 1;
            } else {
                break;
            }
        }
        push_word(atoms, &mask, word_from, j, joined, doc_script, kazakh, &mut chars, &mut drafts);
        i = j;
    }
    let drafts = merge_spelled_out(atoms, &mut chars, drafts, kazakh);
    let mut out =
        Normalized { text: String::with_capacity(chars.len() + drafts.len()), tokens: Vec::new() };
    out.tokens.reserve(drafts.len());
    for d in &drafts {
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
    mask: &[bool],
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
        if a.c.is_alphabetic() {
            letters += 1;
        } else if a.c.is_ascii_digit() {
            digits += 1;
        }
    }
    // Ids and codes ("id182444802", "mp3", "covid19") are not l33t: map digits only in words that are
    // mostly letters.
    let leet = letters > 0 && digits <= letters + 1;
    let script = if cyrillic > latin {
        Script::Cyrillic
    } else if latin > cyrillic {
        Script::Latin
    } else if letters == 0 {
        Script::Other
    } else {
        doc_script
    };
    let mixed = latin > 0 && cyrillic > 0;
    let chars_from = chars.len();
    let mut evasive = joined || mixed;
    let mut masked = false;
    let mut elongated = false;
    let mut prev: Option<char> = None;
    let mut run = 0usize;
    for (k, a) in atoms[from..to].iter().enumerate() {
        if !mask[from + k] {
            continue; // a joiner
        }
        if a.folded {
            evasive = true;
        }
        let mapped = if letters == 0 || (!leet && a.c.is_ascii_digit()) {
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
        if Some(mapped) == prev && mapped.is_alphabetic() {
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
fn merge_spelled_out(
    atoms: &[Atom],
    chars: &mut [char],
    drafts: Vec<Draft>,
    kazakh: bool,
) -> Vec<Draft> {
    let single = |d: &Draft, chars: &[char]| d.to - d.from == 1 && chars[d.from].is_alphabetic();
    if drafts.iter().filter(|d| single(d, chars)).count() < 3 {
        return drafts;
    }
    let close = |a: &Draft, b: &Draft| {
        // At most 3 separator atoms between, none of them a line break or word character.
        let gap = &atoms[a.atom_to..b.atom_from];
        gap.len() <= 3 && gap.iter().all(|x| x.kind != Kind::Word && x.c != '\n')
    };
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
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
    out
}

/// Cyrillic lookalikes and l33t digits read as Latin letters.
fn to_latin(c: char) -> char {
    match c {
        'а' => 'a',
        'в' => 'b',
        'е' | 'є' => 'e',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' | 'ү' => 'y',
        'х' => 'x',
        'і' | 'ї' => 'i',
        'ѕ' => 's',
        'ј' => 'j',
        'ԁ' => 'd',
        'һ' => 'h',
        'ӏ' => 'l',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ı' => 'i',
        'ц' | 'и' => 'u',
        'п' => 'n',
        'г' => 'r',
        'ь' => 'b',
        'д' => 'd',
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        other => other,
    }
}

/// Latin lookalikes and l33t digits read as Cyrillic letters.
fn to_cyrillic(c: char, kazakh: bool) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'k' => 'к',
        'm' => 'м',
        'h' => 'н',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        'u' => 'и',
        'n' => 'п',
        'r' => 'г',
        'z' => 'з',
        'i' if kazakh => 'і',
        'i' => 'и',
        '0' => 'о',
        '3' => 'з',
        '4' => 'ч',
        '6' => 'б',
        '9' => 'я',
        '@' => 'а',
        '$' => 'с',
        other => other,
    }
}

/// Fold one word-list entry the same way as comment text (used by the lexicon).
pub(crate) fn fold_entry(word: &str, lang: Option<Lang>) -> String {
    let n = normalize_with(word, lang);
    n.text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input).text(), expected, "input {input:?}");
    }

    #[test]
    fn english_evasions() {
        check("F.U.C.K you", "fuck you");
        check("f u c k", "fuck");
        check("f - u - c - k", "fuck");
        check("sh!t", "shit");
        check("$h1t", "shit");
        check("a$$hole", "asshole");
        check("fuuuuuuck", "fuuck");
        check("f\u{200B}u\u{200C}c\u{FEFF}k", "fuck");
        check("ｆｕｃｋ", "fuck");
        check("𝐟𝐮𝐜𝐤", "fuck");
        check("f̴̢u̵c̷k̸", "fuck");
        // Cyrillic а and о inside a Latin word.
        check("bаstаrd", "bastard");
        check("idi0t", "idiot");
        check("f**k", "f**k");
    }

    #[test]
    fn russian_evasions() {
        check("Хуй", "хуй");
        check("xуй", "хуй");
        check("x у й", "хуй");
        check("п.и.з.д.а", "пизда");
        check("пи\u{200B}зда", "пизда");
        check("9ть", "ять");
        check("бл9ть", "блять");
        check("сууууука", "суука");
        check("Ёлка", "елка");
        check("3ачем", "зачем");
        check("п*здец", "п*здец");
    }

    #[test]
    fn kazakh_evasions() {
        // Latin i inside a Kazakh word becomes Kazakh і; Kazakh letters survive.
        assert_eq!(normalize_with("бiлмеймiн", Some(Lang::Kk)).text(), "білмеймін");
        check("қотақ", "қотақ");
        check("қ о т а қ", "қотақ");
        check("ақымаааақ", "ақымаақ");
    }

    #[test]
    fn ordinary_text_is_kept() {
        check("Hello, world! 2024 is here.", "hello world 2024 is here");
        check("@user thanks", "user thanks");
        check("don't", "dont");
        check("[id182444802|Роман], уже", "id182444802 роман уже");
        check("2024-05-01", "2024 05 01");
        check("", "");
        check("   \t ", "");
        check("Привет, как дела?", "привет как дела");
        check("Café naïve", "cafe naive");
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Ну ты x у й!";
        let n = normalize(text);
        let last = n.tokens().last().copied().expect("a token");
        assert_eq!(n.token_str(&last), "хуй");
        assert_eq!(&text[last.orig_start as usize..last.orig_end as usize], "x у й");
        assert!(last.evasive);
        let text = "a f\u{200B}uck b";
        let n = normalize(text);
        let t = n.tokens()[1];
        assert_eq!(&text[t.orig_start as usize..t.orig_end as usize], "f\u{200B}uck");
        assert!(t.evasive);
    }
}
