//! Language tags (BCP 47) as the site uses them: validated against the ISO 639-1 list, with the
//! writing direction and the language's own name for labels.

use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;

/// Every ISO 639-1 two-letter code. A primary subtag outside this list is a typo far more often than a
/// real language, so article files using one are rejected.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik \
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt \
my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so \
sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Languages written right to left (by their default script).
const RIGHT_TO_LEFT: &[&str] = &["ar", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"];

/// The code whose native name is `lower` (already lowercased), e.g. `ru` for `русский`.
pub(crate) fn code_for_native_name(lower: &str) -> Option<&'static str> {
    NATIVE_NAMES.iter().find(|(_, name)| name.to_lowercase() == lower).map(|(code, _)| *code)
}

/// Each language's name in itself, for the languages a newsroom in the region is most likely to use.
/// Others fall back to their code in upper case.
const NATIVE_NAMES: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("az", "Azərbaycan"),
    ("be", "Беларуская"),
    ("de", "Deutsch"),
    ("en", "English"),
    ("es", "Español"),
    ("fa", "فارسی"),
    ("fr", "Français"),
    ("he", "עברית"),
    ("hy", "Հայերեն"),
    ("ka", "ქართული"),
    ("kk", "Қазақша"),
    ("ky", "Кыргызча"),
    ("mn", "Монгол"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
    ("tr", "Türkçe"),
    ("tt", "Татарча"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("uz", "Oʻzbekcha"),
    ("zh", "中文"),
];

/// Writing direction of a language, emitted as the HTML `dir` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A validated, canonically cased BCP 47 tag such as `en`, `kk-Cyrl` or `pt-BR`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LanguageTag(String);

/// Why a string is not a usable language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LanguageError {
    #[error("`{0}` is not a well-formed BCP 47 language tag")]
    Malformed(String),
    #[error(
        "`{0}` is not a known language code (expected an ISO 639-1 code such as `en`, `ru` or `kk`)"
    )]
    Unknown(String),
}

impl LanguageTag {
    /// Parses and validates a tag; the primary language must be an ISO 639-1 code.
    pub fn parse(text: &str) -> Result<Self, LanguageError> {
        let text = text.trim();
        let id = LanguageIdentifier::from_str(text)
            .map_err(|_| LanguageError::Malformed(text.to_owned()))?;
        let primary = id.language.as_str();
        if primary.len() != 2 || !ISO_639_1.split(' ').any(|code| code == primary) {
            return Err(LanguageError::Unknown(text.to_owned()));
        }
        Ok(LanguageTag(id.to_string()))
    }

    /// The tag as text, canonically cased.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag (`pt` for `pt-BR`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Writing direction by the primary language.
    pub fn direction(&self) -> Direction {
        if RIGHT_TO_LEFT.contains(&self.primary()) { Direction::Rtl } else { Direction::Ltr }
    }

    /// The language's name in itself ("Русский"), or its code in capitals when unknown.
    pub fn native_name(&self) -> String {
        NATIVE_NAMES
            .iter()
            .find(|(code, _)| *code == self.primary())
            .map(|(_, name)| (*name).to_owned())
            .unwrap_or_else(|| self.0.to_uppercase())
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<&str, &str>) {
        let got =
            LanguageTag::parse(input).map(|tag| tag.as_str().to_owned()).map_err(|e| e.to_string());
        match expected {
            Ok(tag) => assert_eq!(got, Ok(tag.to_owned()), "{input}"),
            Err(fragment) => {
                let message = got.expect_err(input);
                assert!(message.contains(fragment), "{input}: {message}");
            }
        }
    }

    #[test]
    fn accepts_known_languages_and_canonicalises_case() {
        check("en", Ok("en"));
        check("KK-cyrl", Ok("kk-Cyrl"));
        check("pt-br", Ok("pt-BR"));
        check(" ru ", Ok("ru"));
    }

    #[test]
    fn rejects_unknown_and_malformed_tags() {
        check("xx", Err("not a known language code"));
        check("eng", Err("not a known language code"));
        check("en_US!", Err("not a well-formed"));
        check("", Err("not a well-formed"));
    }

    #[test]
    fn knows_direction_and_native_names() {
        assert_eq!(LanguageTag::parse("fa").unwrap().direction(), Direction::Rtl);
        assert_eq!(LanguageTag::parse("kk").unwrap().direction(), Direction::Ltr);
        assert_eq!(LanguageTag::parse("ru").unwrap().native_name(), "Русский");
        assert_eq!(LanguageTag::parse("sw").unwrap().native_name(), "SW");
    }
}
