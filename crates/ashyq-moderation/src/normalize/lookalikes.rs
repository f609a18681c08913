//! Lookalike letters and l33t digits of the other script, per character (rule 3 of [`super`]).

/// Cyrillic lookalikes and l33t digits read as Latin letters.
pub(super) fn to_latin(c: char) -> char {
    if c.is_ascii_lowercase() {
        return c; // no ASCII letter is remapped; most characters of Latin words take this branch
    }
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
pub(super) fn to_cyrillic(c: char, kazakh: bool) -> char {
    if ('\u{0430}'..='\u{044F}').contains(&c) {
        return c; // no Cyrillic letter is remapped; most characters of Cyrillic words take this branch
    }
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
