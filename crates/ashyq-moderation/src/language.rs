//! Language detection for English, Russian and Kazakh from scripts, Kazakh-only letters and common words.
use serde::Serialize;

mod common_words;
use common_words::{
    ENGLISH_WORDS, KAZAKH_LATIN_ENDINGS, KAZAKH_LATIN_WORDS, KAZAKH_WORDS, RUSSIAN_ENDINGS,
    RUSSIAN_SWITCH_WORDS, RUSSIAN_WORDS,
};

/// A language the screen knows word lists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Kazakh (Cyrillic script).
    Kk,
}

impl Lang {
    /// All languages, in a stable order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Kk];

    /// The BCP 47 code (`en`, `ru`, `kk`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    /// Parse a BCP 47 tag by its primary subtag (`"ru-RU"` → `Ru`); `None` if not one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        // The part before the first `-` or `_` (both ASCII, so the cut is on a character boundary).
        let primary =
            code.bytes().position(|b| b == b'-' || b == b'_').map_or(code, |end| &code[..end]);
        let primary = primary.trim();
        let is = |name: &str| primary.eq_ignore_ascii_case(name);
        if is("en") {
            Some(Lang::En)
        } else if is("ru") {
            Some(Lang::Ru)
        } else if is("kk") || is("kz") {
            Some(Lang::Kk)
        } else {
            None
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Letters Kazakh uses and Russian does not (і is shared with Ukrainian and Belarusian, so it counts less).
fn is_kazakh_letter(c: char) -> bool {
    matches!(
        c,
        'ә' | 'ғ'
            | 'қ'
            | 'ң'
            | 'ө'
            | 'ұ'
            | 'ү'
            | 'һ'
            | 'Ә'
            | 'Ғ'
            | 'Қ'
            | 'Ң'
            | 'Ө'
            | 'Ұ'
            | 'Ү'
            | 'Һ'
    )
}

/// Letters of Ukrainian and Belarusian that Kazakh and Russian do not use.
fn is_other_cyrillic_letter(c: char) -> bool {
    matches!(c, 'ї' | 'є' | 'ґ' | 'ў' | 'Ї' | 'Є' | 'Ґ' | 'Ў')
}

/// A language guess with a flag for Kazakh text that switches into Russian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LanguageGuess {
    /// The main language, as [`detect_language`] returns it.
    pub lang: Option<Lang>,
    /// Kazakh text with Russian words or phrases in it (code-switching). Routing can send these to moderators
    /// who read both.
    pub mixed: bool,
}

/// Whether a lowercased Cyrillic word looks Russian and not Kazakh: no Kazakh-only letters, and a Russian
/// code-switching word, a Russian-only letter (щ ъ ё э), a Russian ending, or a mat root.
fn looks_russian(w: &str) -> bool {
    if w.chars().any(|c| is_kazakh_letter(c) || c == 'і' || !('\u{0400}'..='\u{04FF}').contains(&c))
    {
        return false;
    }
    RUSSIAN_SWITCH_WORDS.contains(&w)
        || w.contains(['щ', 'ъ', 'ё', 'э'])
        || (w.chars().count() >= 4 && RUSSIAN_ENDINGS.iter().any(|e| w.ends_with(e)))
        || ["хуй", "хуе", "хуя", "пизд", "бля", "еба", "ебу", "ебл", "сука", "мудак"]
            .iter()
            .any(|r| w.starts_with(r))
}

/// [`detect_language`] plus whether Kazakh text is mixed with Russian: a comment is mixed when it is detected
/// as Kazakh (or as Russian with Kazakh common words in it) and at least one of its words looks Russian (see
/// `looks_russian`); a Russian comment with Kazakh common words is then counted as Kazakh, mixed.
pub fn guess_language(text: &str) -> LanguageGuess {
    let lang = detect_language(text);
    if !matches!(lang, Some(Lang::Kk | Lang::Ru)) {
        return LanguageGuess { lang, mixed: false };
    }
    let lower = lowered_prefix(text);
    let russian = words(&lower).filter(|w| looks_russian(w)).count();
    match lang {
        Some(Lang::Kk) => LanguageGuess { lang, mixed: russian > 0 },
        _ => {
            // Kazakh common words that are not also Russian words ("да", "бар", "сол"…).
            let kazakh = words(&lower)
                .filter(|w| {
                    w.chars().any(is_kazakh_letter)
                        || (KAZAKH_WORDS.contains(w)
                            && w.chars().count() >= 3
                            && !["бар", "сол"].contains(w))
                })
                .count();
            if kazakh > 0 && russian > 0 {
                LanguageGuess { lang: Some(Lang::Kk), mixed: true }
            } else {
                LanguageGuess { lang, mixed: false }
            }
        }
    }
}

/// Guess the language of `text`: `Some(En | Ru | Kk)` or `None` when it is empty, has no letters, or is in a
/// script or language we have no word lists for.
///
/// Cyrillic text is Kazakh when it has Kazakh-only letters (ә ғ қ ң ө ұ ү һ) or more Kazakh than Russian
/// common words (Kazakh written on a Russian keyboard), and Russian otherwise unless it has Ukrainian or
/// Belarusian letters. Latin text is Kazakh when it has more Kazakh than English common words (or letters of the
/// 2021 Kazakh alphabet and no English words), English unless it is full of letters English does not use.
pub fn detect_language(text: &str) -> Option<Lang> {
    let mut latin = 0usize;
    let mut latin_foreign = 0usize;
    let mut cyrillic = 0usize;
    let mut kazakh_letters = 0usize;
    let mut i_letters = 0usize;
    let mut other_cyrillic = 0usize;
    let mut other_letters = 0usize;
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if c.is_ascii() {
            continue;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
            if is_kazakh_letter(c) {
                kazakh_letters += 1;
            } else if c == 'і' || c == 'І' {
                i_letters += 1;
            } else if is_other_cyrillic_letter(c) {
                other_cyrillic += 1;
            }
        } else if ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
            latin_foreign += 1;
        } else if c.is_alphabetic() {
            other_letters += 1;
        }
    }
    if latin == 0 && cyrillic == 0 {
        return None;
    }
    if cyrillic >= latin {
        if cyrillic < other_letters {
            return None;
        }
        let (kk_words, ru_words) = count_words(text);
        if kazakh_letters >= 2 || (kazakh_letters == 1 && (kk_words >= ru_words || cyrillic < 40)) {
            return Some(Lang::Kk);
        }
        if other_cyrillic > 0 && other_cyrillic * 50 >= cyrillic {
            return None;
        }
        if i_letters > 0 && kk_words > ru_words {
            return Some(Lang::Kk);
        }
        if kk_words > ru_words + 1 {
            return Some(Lang::Kk);
        }
        if i_letters > 0 && i_letters * 30 >= cyrillic {
            // Ukrainian or Belarusian rather than Russian.
            return None;
        }
        return Some(Lang::Ru);
    }
    if latin < other_letters {
        return None;
    }
    // Latin: Kazakh when its words say so, English unless many letters outside English and no English
    // function words.
    let (kk_latin, english) = count_latin_words(text);
    if kk_latin > english + usize::from(english > 0)
        || (kk_latin > 0 && english == 0 && latin_foreign > 0)
    {
        return Some(Lang::Kk);
    }
    if latin_foreign * 10 > latin && english == 0 {
        return None;
    }
    Some(Lang::En)
}

/// The first 2,000 bytes or so of `text`, lowercased once (one allocation, not one per word).
fn lowered_prefix(text: &str) -> String {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_lowercase()
}

fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty())
}

fn count_words(text: &str) -> (usize, usize) {
    let lower = lowered_prefix(text);
    let mut kk = 0;
    let mut ru = 0;
    for w in words(&lower) {
        if KAZAKH_WORDS.contains(&w) {
            kk += 1;
        }
        if RUSSIAN_WORDS.contains(&w) {
            ru += 1;
        }
    }
    (kk, ru)
}

/// (Kazakh evidence, English common words) in Latin `text`. Kazakh evidence: Kazakh common words, `q` followed
/// by a vowel other than `u` (not random link letters), and words of five letters or more with a Kazakh ending.
fn count_latin_words(text: &str) -> (usize, usize) {
    let lower = lowered_prefix(text);
    let (mut kk, mut en) = (0, 0);
    for w in words(&lower) {
        let english = ENGLISH_WORDS.contains(&w);
        en += usize::from(english);
        let q = w
            .match_indices('q')
            .any(|(i, _)| w[i + 1..].starts_with(['a', 'o', 'y', 'ı', 'ä', 'ö', 'ū', 'ü']));
        let ending = w.chars().count() >= 5 && KAZAKH_LATIN_ENDINGS.iter().any(|e| w.ends_with(e));
        kk += usize::from(KAZAKH_LATIN_WORDS.contains(&w) || q || ending);
    }
    (kk, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<Lang>) {
        assert_eq!(detect_language(text), expected, "text {text:?}");
    }

    #[test]
    fn kazakh_is_told_apart_from_russian() {
        check("Бұл мақала өте жақсы жазылған, рахмет!", Some(Lang::Kk));
        check("Мен бүгін үйде боламын", Some(Lang::Kk));
        // Kazakh typed on a Russian keyboard: no Kazakh-only letters, but Kazakh common words.
        check("мен сени жаксы коремин, сен де мени ма", Some(Lang::Kk));
        check("Эта статья очень хорошо написана, спасибо!", Some(Lang::Ru));
        check("Я не знаю, что это такое", Some(Lang::Ru));
        // Russian with one stray Kazakh loanword letter is still Russian.
        check(
            "Сегодня в Алматы прошёл митинг, люди вышли на площадь и требовали ответа от властей, а полиция молчала. Ақорда",
            Some(Lang::Ru),
        );
    }

    #[test]
    fn latin_kazakh_and_code_switching() {
        check("Maqalağa rahmet, köp närseni bıldım.", Some(Lang::Kk));
        check("Sen naghyz aqymaqsyn, oqymai jazasyn ghoi", Some(Lang::Kk));
        check("Tuysym oryssha okymaidy, kazakshasy bola ma?", Some(Lang::Kk));
        check("Thanks for the article, it is very good", Some(Lang::En));
        // "men" and "be" are English too: English wins a tie.
        check("the men will be there", Some(Lang::En));
        let mixed = guess_language(
            "Туысым орысша оқымайды, пожалуйста, қазақша аудармасын да жариялаңыздар.",
        );
        assert_eq!(mixed, LanguageGuess { lang: Some(Lang::Kk), mixed: true });
        let plain = guess_language("Бұл мақала өте жақсы жазылған, рахмет!");
        assert_eq!(plain, LanguageGuess { lang: Some(Lang::Kk), mixed: false });
        // Russian is never "mixed": the flag is for Kazakh comments.
        assert!(!guess_language("Я не знаю, что это такое").mixed);
    }

    #[test]
    fn english_and_unknown() {
        check("This is a perfectly normal comment.", Some(Lang::En));
        check("", None);
        check("   ", None);
        check("12345 !!! ???", None);
        check("这是中文评论", None);
        check("Це українська мова, їжак і ґанок", None);
        check("Ça, c'est très énervé à côté", None);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("de"), None);
    }
}
