//! Kazakh word folding for the model's features: one spelling for the three ways readers write a Kazakh word —
//! Cyrillic with the Kazakh letters, Cyrillic typed on a Russian keyboard (қ→к, ң→н, ү/ұ→у, і→и…), and Latin
//! (the 2021 alphabet with ä ğ q ñ ö ū ü ı ş, or chat Latin with sh, zh, gh, ng) — and a crude stem that strips
//! agglutinative endings, so "ақымақсың", "akymaksyn" and "aqymaqtar" share evidence with "ақымақ".

/// Fold one (already lowercased) word into `out` (cleared first): Kazakh-only letters become their Russian
/// keyboard letters and Latin letters are transliterated to that same Cyrillic. Returns `false` (and leaves
/// `out` empty) when the word has a character that is neither a Cyrillic nor a Latin letter we know.
pub(crate) fn fold(word: &str, out: &mut String) -> bool {
    out.clear();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        // Chat-Latin digraphs.
        let digraph = match (c, next) {
            ('s', Some('h')) => Some('ш'),
            ('z', Some('h')) => Some('ж'),
            ('c', Some('h')) => Some('ч'),
            ('g', Some('h')) => Some('г'),
            ('k', Some('h')) => Some('х'),
            ('n', Some('g')) => Some('н'),
            _ => None,
        };
        if let Some(d) = digraph {
            chars.next();
            out.push(d);
            continue;
        }
        let folded = match c {
            'қ' | 'q' | 'k' => 'к',
            'ғ' | 'g' | 'ğ' => 'г',
            'ң' | 'n' | 'ñ' => 'н',
            'ү' | 'ұ' | 'u' | 'ū' | 'ü' | 'w' => 'у',
            'ө' | 'o' | 'ö' => 'о',
            'ә' | 'a' | 'ä' => 'а',
            'і' | 'i' | 'ı' | 'İ' => 'и',
            'һ' | 'h' | 'x' => 'х',
            'b' => 'б',
            'c' => 'ц',
            'ç' => 'ч',
            'd' => 'д',
            'e' => 'е',
            'f' => 'ф',
            'j' => 'ж',
            'l' => 'л',
            'm' => 'м',
            'p' => 'п',
            'r' => 'р',
            's' => 'с',
            'ş' => 'ш',
            't' => 'т',
            'v' => 'в',
            'y' => 'ы',
            'z' => 'з',
            'ё' => 'е',
            'а'..='я' => c,
            _ => {
                out.clear();
                return false;
            }
        };
        out.push(folded);
    }
    true
}

/// Endings in folded spelling (personal, case, possessive, plural), longest first.
const ENDINGS: [&str; 62] = [
    "сыздар",
    "сиздер",
    "ымыз",
    "имиз",
    "лары",
    "лери",
    "дары",
    "дери",
    "тары",
    "тери",
    "мыз",
    "миз",
    "быз",
    "биз",
    "пыз",
    "пиз",
    "мын",
    "мин",
    "бын",
    "бин",
    "пын",
    "пин",
    "сын",
    "син",
    "сыз",
    "сиз",
    "нын",
    "нин",
    "дын",
    "дин",
    "тын",
    "тин",
    "нан",
    "нен",
    "дан",
    "ден",
    "тан",
    "тен",
    "нда",
    "нде",
    "мен",
    "бен",
    "пен",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ны",
    "ни",
    "ды",
    "ди",
    "ты",
    "ти",
    "га",
    "ге",
    "ка",
    "ке",
    "да",
    "де",
    "ын",
];

/// The folded word without up to three endings, keeping at least three letters; `None` when nothing was
/// stripped.
pub(crate) fn stem(folded: &str) -> Option<&str> {
    let mut w = folded;
    for _ in 0..3 {
        let letters = w.chars().count();
        let Some(ending) =
            ENDINGS.iter().find(|e| w.ends_with(*e) && letters >= e.chars().count() + 3)
        else {
            break;
        };
        w = &w[..w.len() - ending.len()];
    }
    (w.len() != folded.len()).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut out = String::new();
        assert!(fold(word, &mut out), "{word}");
        out
    }

    #[test]
    fn three_spellings_fold_together() {
        // Cyrillic, Russian keyboard, 2021 Latin, chat Latin.
        for word in ["ақымақ", "акымак", "aqymaq", "akymak"] {
            assert_eq!(folded(word), "акымак", "{word}");
        }
        for word in ["оңбаған", "онбаган", "oñbağan", "ongbagan"] {
            assert_eq!(folded(word), "онбаган", "{word}");
        }
        for word in ["шүршіт", "шуршит", "şürşıt", "shurshit"] {
            assert_eq!(folded(word), "шуршит", "{word}");
        }
        let mut out = String::from("left over");
        assert!(!fold("a1b", &mut out));
        assert!(out.is_empty());
    }

    #[test]
    fn stems_strip_agglutinative_endings() {
        assert_eq!(stem(&folded("ақымақсың")), Some("акымак"));
        assert_eq!(stem(&folded("ақымақтар")), Some("акымак"));
        assert_eq!(stem(&folded("aqymaqtardyñ")), Some("акымак"));
        assert_eq!(stem(&folded("есексің")), Some("есек"));
        assert_eq!(stem(&folded("мәңгүрттер")), Some("мангурт"));
        // Short words keep their letters; nothing stripped is None.
        assert_eq!(stem(&folded("сен")), None);
        assert_eq!(stem(&folded("ақымақ")), None);
    }
}
