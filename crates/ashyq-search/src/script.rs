//! Script folding: every word, in Cyrillic (Russian or Kazakh) or Latin (English, Kazakh's 2021
//! alphabet, a common Russian transliteration), is reduced to one plain Latin search key, so that
//! «Алматы» and "Almaty" meet. The tables are documented in `docs/search.md`.

/// The key of one Cyrillic letter (lower case), or `None` when the letter is not Cyrillic.
///
/// Letters Russian and Kazakh share are transliterated the Russian way (ж → j, as in Kazakh's
/// Latin alphabet); letters only Kazakh has go to their 2021 Latin letter with its marks dropped.
fn cyrillic_key(letter: char) -> Option<&'static str> {
    Some(match letter {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "j",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "c",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "iu",
        'я' => "ia",
        'ә' => "a",
        'ғ' => "g",
        _ => return None,
    })
}

/// The key of one Latin letter with a mark (Kazakh 2021 and common European letters), or `None`.
fn marked_latin_key(letter: char) -> Option<&'static str> {
    Some(match letter {
        'ä' | 'á' | 'à' | 'â' | 'å' => "a",
        'ö' | 'ó' | 'ò' | 'ô' => "o",
        'ü' | 'ū' | 'ú' | 'ù' | 'û' => "u",
        'ı' | 'í' | 'ì' | 'î' | 'ï' => "i",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'ğ' => "g",
        'ş' => "sh",
        'ç' | 'č' => "ch",
        'š' => "sh",
        'ž' => "j",
        'ñ' | 'ń' => "n",
        _ => return None,
    })
}

/// Latin spellings that a transliteration writes with two or more letters, and their key.
/// Longest first: "shch" before "sh" is never reached because "shch" is tried first.
const LATIN_GROUPS: [(&str, &str); 7] = [
    ("shch", "sh"),
    ("zh", "j"),
    ("kh", "h"),
    ("ts", "c"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("yo", "e"),
];

fn is_key_vowel(letter: char) -> bool {
    matches!(letter, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The search key of one lower-cased word: Latin letters a–z and digits only.
///
/// ```
/// assert_eq!(ashyq_search::script::search_key("алматы"), "almaty");
/// assert_eq!(ashyq_search::script::search_key("almaty"), "almaty");
/// ```
pub fn search_key(word: &str) -> String {
    // First every letter to plain Latin, Cyrillic by the table, marked Latin without its mark.
    let mut latin = String::with_capacity(word.len());
    for letter in word.chars() {
        if let Some(key) = cyrillic_key(letter).or_else(|| marked_latin_key(letter)) {
            latin.push_str(key);
        } else if letter == 'q' {
            latin.push('k');
        } else if letter.is_ascii_alphanumeric() {
            latin.push(letter.to_ascii_lowercase());
        } else if letter.is_alphanumeric() {
            // Another script: kept as it is, so the key still tells words apart.
            latin.push(letter);
        }
    }
    // Then the transliteration's letter groups, and "y" after a vowel (Russian й written "y").
    let mut key = String::with_capacity(latin.len());
    let mut rest = latin.as_str();
    while let Some(letter) = rest.chars().next() {
        if let Some((group, replacement)) =
            LATIN_GROUPS.iter().find(|(group, _)| rest.starts_with(group))
        {
            key.push_str(replacement);
            rest = &rest[group.len()..];
            continue;
        }
        if letter == 'y' && key.chars().last().is_some_and(is_key_vowel) {
            key.push('i');
        } else {
            key.push(letter);
        }
        rest = &rest[letter.len_utf8()..];
    }
    key
}

/// Folds ё to е: most Russian texts write ё as е, so both spellings must find each other.
pub fn fold_within_script(word: &str) -> Option<String> {
    word.contains('ё').then(|| word.replace('ё', "е"))
}

#[cfg(test)]
mod tests {
    use super::search_key;

    fn check(pairs: &[(&str, &str)]) {
        for (word, expected) in pairs {
            assert_eq!(search_key(word), *expected, "key of {word}");
        }
    }

    #[test]
    fn kazakh_cyrillic_and_kazakh_latin_2021_meet() {
        check(&[
            ("алматы", "almaty"),
            ("almaty", "almaty"),
            ("қазақстан", "kazakstan"),
            ("qazaqstan", "kazakstan"),
            ("жаңаөзен", "janaozen"),
            ("janaözen", "janaozen"),
            ("шымкент", "shymkent"),
            ("şymkent", "shymkent"),
            ("әлеумет", "aleumet"),
            ("äleumet", "aleumet"),
            ("ұлы", "uly"),
            ("ūly", "uly"),
            ("ғылым", "gylym"),
            ("ğylym", "gylym"),
            ("білім", "bilim"),
            ("bılım", "bilim"),
        ]);
    }

    #[test]
    fn russian_cyrillic_and_common_transliteration_meet() {
        check(&[
            ("москва", "moskva"),
            ("moskva", "moskva"),
            ("жанаозен", "janaozen"),
            ("zhanaozen", "janaozen"),
            ("хабаровск", "habarovsk"),
            ("khabarovsk", "habarovsk"),
            ("андрей", "andrei"),
            ("andrey", "andrei"),
            ("щукин", "shukin"),
            ("shchukin", "shukin"),
            ("юлия", "iuliia"),
            ("yuliya", "iuliia"),
            ("цой", "coi"),
            ("tsoy", "coi"),
            ("объявление", "obiavlenie"),
            ("obyavlenie", "obiavlenie"),
            ("ёлка", "elka"),
            ("елка", "elka"),
        ]);
    }

    #[test]
    fn digits_stay_and_punctuation_goes() {
        check(&[("2021", "2021"), ("covid-19", "covid19"), ("", "")]);
    }
}
