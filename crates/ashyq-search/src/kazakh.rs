//! A light Kazakh suffix stripper: no Snowball stemmer exists for Kazakh, so common endings —
//! plural, possessive, case, and a few verb forms — are taken off a lower-cased word, respecting
//! vowel harmony and the consonant a suffix begins with. Limits are listed in `docs/search.md`.

/// Vowel harmony: a Kazakh suffix comes in a back and a front form, chosen by the stem's last vowel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
    /// The suffix has no harmonizing vowel (мен, у, м, ң …).
    Any,
}

fn vowel_harmony(letter: char) -> Option<Harmony> {
    match letter {
        'а' | 'о' | 'ұ' | 'ы' | 'я' => Some(Harmony::Back),
        'ә' | 'ө' | 'ү' | 'і' | 'е' | 'э' => Some(Harmony::Front),
        _ => None,
    }
}

fn is_vowel(letter: char) -> bool {
    vowel_harmony(letter).is_some() || matches!(letter, 'и' | 'у' | 'ю' | 'ё')
}

fn is_voiceless(letter: char) -> bool {
    matches!(letter, 'к' | 'қ' | 'п' | 'с' | 'т' | 'ш' | 'ф' | 'х' | 'ц' | 'ч' | 'щ')
}

/// Which letters a suffix may follow, by the consonant it starts with (л, д, т, н …): Kazakh picks
/// the suffix's first consonant from the stem's last sound, so a mismatch means "not this suffix".
fn may_follow(suffix: &str, stem_end: char) -> bool {
    let Some(first) = suffix.chars().next() else {
        return false;
    };
    match first {
        'л' => is_vowel(stem_end) || matches!(stem_end, 'р' | 'й'),
        'т' | 'қ' | 'к' | 'п' => {
            is_voiceless(stem_end) || matches!(stem_end, 'б' | 'в' | 'г' | 'д')
        }
        'д' | 'ғ' | 'г' | 'б' => !is_voiceless(stem_end),
        'н' => is_vowel(stem_end) || matches!(stem_end, 'м' | 'н' | 'ң'),
        // Suffixes that start with a vowel follow a consonant.
        _ if is_vowel(first) => !is_vowel(stem_end),
        // м, ң, с, й and the instrumental мен/бен/пен: checked by their own rules below.
        _ => true,
    }
}

/// One suffix and what the stem before it must be like.
struct Suffix {
    text: &'static str,
    harmony: Harmony,
    /// The stem must end in one of these letters (possessive endings after a vowel, …); empty: any.
    after: &'static [char],
}

const fn back(text: &'static str) -> Suffix {
    Suffix { text, harmony: Harmony::Back, after: &[] }
}
const fn front(text: &'static str) -> Suffix {
    Suffix { text, harmony: Harmony::Front, after: &[] }
}
const fn any(text: &'static str, after: &'static [char]) -> Suffix {
    Suffix { text, harmony: Harmony::Any, after }
}
const fn back_after(text: &'static str, after: &'static [char]) -> Suffix {
    Suffix { text, harmony: Harmony::Back, after }
}
const fn front_after(text: &'static str, after: &'static [char]) -> Suffix {
    Suffix { text, harmony: Harmony::Front, after }
}

const VOWELS: &[char] = &['а', 'о', 'ұ', 'ы', 'ә', 'ө', 'ү', 'і', 'е', 'и', 'у'];
const POSSESSIVE_3: &[char] = &['ы', 'і'];

/// Every suffix the stripper knows, longest first within what could clash.
const SUFFIXES: &[Suffix] = &[
    // Plural.
    back("лар"),
    front("лер"),
    back("дар"),
    front("дер"),
    back("тар"),
    front("тер"),
    // Possessive.
    back("ымыз"),
    front("іміз"),
    back("ыңыз"),
    front("іңіз"),
    back_after("мыз", VOWELS),
    front_after("міз", VOWELS),
    back_after("ңыз", VOWELS),
    front_after("ңіз", VOWELS),
    back("ым"),
    front("ім"),
    back("ың"),
    front("ің"),
    back_after("сы", VOWELS),
    front_after("сі", VOWELS),
    any("м", VOWELS),
    any("ң", VOWELS),
    // Genitive, dative, accusative, locative, ablative, instrumental.
    back("ның"),
    front("нің"),
    back("дың"),
    front("дің"),
    back("тың"),
    front("тің"),
    back("ға"),
    front("ге"),
    back("қа"),
    front("ке"),
    back_after("на", POSSESSIVE_3),
    front_after("не", POSSESSIVE_3),
    back("ны"),
    front("ні"),
    back("ды"),
    front("ді"),
    back("ты"),
    front("ті"),
    any("н", POSSESSIVE_3),
    back("дағы"),
    front("дегі"),
    back("тағы"),
    front("тегі"),
    back("да"),
    front("де"),
    back("та"),
    front("те"),
    back_after("нда", POSSESSIVE_3),
    front_after("нде", POSSESSIVE_3),
    back("дан"),
    front("ден"),
    back("тан"),
    front("тен"),
    back("нан"),
    front("нен"),
    any("мен", &[]),
    any("бен", &[]),
    any("пен", &[]),
    // Verbs: present and past third person, participles, converbs, the verbal noun.
    back("ады"),
    front("еді"),
    back_after("йды", VOWELS),
    front_after("йді", VOWELS),
    back("ған"),
    front("ген"),
    back("қан"),
    front("кен"),
    back("ып"),
    front("іп"),
    any("у", &[]),
    // First person after a verb or a noun (мын "I am"). The second person's сың/сыз are left out:
    // they clash with possessive endings after a stem ending in с (досың "your friend").
    back("мын"),
    front("мін"),
    // Possessive third person after a consonant, last: it is the most likely to be part of a stem.
    back("ы"),
    front("і"),
];

/// A stem keeps at least this many letters.
const MIN_STEM: usize = 2;
/// One-letter suffixes only come off words whose stem keeps at least this many.
const MIN_STEM_SHORT_SUFFIX: usize = 3;
/// How many suffixes may come off one word (a noun has at most plural + possessive + case).
const MAX_SUFFIXES: usize = 4;

/// The stem of a lower-cased Kazakh word, by taking off its known endings from the outside in.
pub fn strip_suffixes(word: &str) -> &str {
    let mut stem = word;
    for _ in 0..MAX_SUFFIXES {
        match SUFFIXES.iter().filter(|suffix| strips(stem, suffix)).max_by_key(|s| s.text.len()) {
            Some(suffix) => stem = &stem[..stem.len() - suffix.text.len()],
            None => break,
        }
    }
    stem
}

/// Whether `suffix` may come off `word`.
fn strips(word: &str, suffix: &Suffix) -> bool {
    let Some(stem) = word.strip_suffix(suffix.text) else {
        return false;
    };
    let stem_letters = stem.chars().count();
    let suffix_letters = suffix.text.chars().count();
    let min = if suffix_letters == 1 { MIN_STEM_SHORT_SUFFIX } else { MIN_STEM };
    if stem_letters < min || !stem.chars().any(is_vowel) {
        return false;
    }
    let Some(stem_end) = stem.chars().last() else {
        return false;
    };
    if !suffix.after.is_empty() && !suffix.after.contains(&stem_end) {
        return false;
    }
    if suffix.after.is_empty() && !may_follow(suffix.text, stem_end) {
        return false;
    }
    match suffix.harmony {
        Harmony::Any => true,
        wanted => stem.chars().rev().find_map(vowel_harmony) == Some(wanted),
    }
}

/// A short list of Kazakh words too common to help a search (conjunctions, particles, pronouns).
pub const STOP_WORDS: &[&str] = &[
    "және",
    "мен",
    "бен",
    "пен",
    "да",
    "де",
    "та",
    "те",
    "бұл",
    "осы",
    "сол",
    "ол",
    "мына",
    "үшін",
    "туралы",
    "бойынша",
    "арқылы",
    "ал",
    "бірақ",
    "немесе",
    "әлде",
    "не",
    "ма",
    "ме",
    "ба",
    "бе",
    "па",
    "пе",
    "ғана",
    "қана",
    "тек",
    "еді",
    "екен",
    "болып",
    "деп",
    "сияқты",
    "сайын",
    "дейін",
    "кейін",
    "соң",
    "бар",
    "жоқ",
    "біз",
    "сіз",
    "олар",
    "оның",
    "мұнда",
    "онда",
];

#[cfg(test)]
mod tests {
    use super::strip_suffixes;

    /// Every word in a group must come down to the same stem, given first.
    fn check(groups: &[(&str, &[&str])]) {
        for (stem, words) in groups {
            for word in *words {
                assert_eq!(strip_suffixes(word), *stem, "stem of {word}");
            }
        }
    }

    #[test]
    fn plurals_and_cases_of_nouns() {
        check(&[
            ("қала", &["қала", "қалалар", "қаланың", "қалада", "қаладан", "қалаға", "қалаларда"]),
            ("бала", &["балалар", "балаға", "баланың", "балалардың", "баламен"]),
            ("үй", &["үйлер", "үйде", "үйдің", "үйге", "үйлерден"]),
            ("ел", &["елдер", "елде", "елдің", "елге", "елдерге"]),
            ("мектеп", &["мектептер", "мектепте", "мектептің", "мектепке", "мектептен"]),
            ("жол", &["жолдар", "жолда", "жолдың", "жолға", "жолдан"]),
            ("наразылық", &["наразылықтар", "наразылықта", "наразылықтың", "наразылыққа"]),
        ]);
    }

    #[test]
    fn possessive_endings() {
        check(&[
            ("қала", &["қаласы", "қаласында", "қаласының", "қалам", "қаламыз"]),
            ("ана", &["анасы", "анамыз", "анаңыз"]),
            ("дос", &["досым", "досың", "досымыз", "достары", "достарымыз"]),
            ("тіл", &["тілім", "тіліміз", "тілдері"]),
        ]);
    }

    #[test]
    fn verb_endings() {
        check(&[
            ("жаз", &["жазды", "жазған", "жазып", "жазады", "жазу"]),
            ("кел", &["келді", "келген", "келіп", "келеді", "келу"]),
            ("айт", &["айтты", "айтқан", "айтып", "айтады", "айту"]),
        ]);
    }

    #[test]
    fn vowel_harmony_is_respected() {
        // A front suffix after a back stem (and the reverse) is not a suffix: the word stays.
        for word in ["қалалер", "үйлар", "мектептар", "жолде", "елға"]
        {
            assert_eq!(strip_suffixes(word), word);
        }
    }

    #[test]
    fn short_words_and_names_keep_their_shape() {
        check(&[("су", &["су"]), ("ат", &["ат"]), ("астана", &["астана"]), ("қазан", &["қазан"])]);
    }
}
