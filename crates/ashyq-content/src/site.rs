//! The newsroom's own site settings: its name, words per language (tagline, about text, comment
//! rules), contact address, logo, the languages it offers, and the addresses readers can reach it
//! by (an onion service, mirrors). Every key is checked here, with messages that name the key and
//! say what was expected, whichever door the value came through (`/admin/site`, `ashyq site set`,
//! `ashyq.toml`). Values are stored as text, one row per key; "" means "not set".

use std::collections::BTreeMap;

use crate::language::LanguageTag;

mod checks;

pub use checks::render_site_markdown;
use checks::{
    check_line, check_markdown, clip, is_email, is_media_file_name, language_list, mirror_url,
    onion_origin,
};

/// The name a site has until its newsroom gives it one.
pub const DEFAULT_SITE_NAME: &str = "ashyq";

/// The longest site name.
const MAX_NAME_CHARS: usize = 80;
/// The longest tagline.
const MAX_TAGLINE_CHARS: usize = 200;
/// The longest about text.
const MAX_ABOUT_CHARS: usize = 20_000;
/// The longest comment rules.
const MAX_RULES_CHARS: usize = 5_000;
/// The most languages in a list.
const MAX_LANGUAGES: usize = 40;
/// The most mirrors.
const MAX_MIRRORS: usize = 20;
/// The longest mirror address.
const MAX_URL_CHARS: usize = 300;

/// Every key, as shown in messages and `ashyq site --help`.
pub const SITE_KEYS: &str = "name, tagline.LANG, about.LANG, rules.LANG, contact, logo, languages, \
     default_language, hidden_languages, unreviewed_translations, onion_address, mirrors";

/// A site setting's name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SettingKey {
    Name,
    Tagline(String),
    About(String),
    Rules(String),
    Contact,
    Logo,
    // The lists come before the default language, which is checked against them: sorting keys
    // gives the order in which several can be set at once.
    Languages,
    HiddenLanguages,
    /// Languages whose translations may be published without a language editor's approval.
    UnreviewedTranslations,
    DefaultLanguage,
    OnionAddress,
    Mirrors,
}

impl SettingKey {
    /// Reads `name`, `tagline.ru`, `rules.kk`… (the language part is checked and canonicalised).
    pub fn parse(key: &str) -> Result<SettingKey, SiteSettingError> {
        let key = key.trim();
        let unknown = || SiteSettingError::UnknownKey { key: key.to_owned() };
        if let Some((base, lang)) = key.split_once('.') {
            let per_language: fn(String) -> SettingKey = match base {
                "tagline" => SettingKey::Tagline,
                "about" => SettingKey::About,
                "rules" => SettingKey::Rules,
                _ => return Err(unknown()),
            };
            let tag = LanguageTag::parse(lang).map_err(|error| SiteSettingError::Invalid {
                key: key.to_owned(),
                expected: format!("a language code after `{base}.`, such as `{base}.ru` ({error})"),
            })?;
            return Ok(per_language(tag.as_str().to_owned()));
        }
        Ok(match key {
            "name" => SettingKey::Name,
            "contact" => SettingKey::Contact,
            "logo" => SettingKey::Logo,
            "languages" => SettingKey::Languages,
            "default_language" => SettingKey::DefaultLanguage,
            "hidden_languages" => SettingKey::HiddenLanguages,
            "unreviewed_translations" => SettingKey::UnreviewedTranslations,
            "onion_address" => SettingKey::OnionAddress,
            "mirrors" => SettingKey::Mirrors,
            "tagline" | "about" | "rules" => {
                return Err(SiteSettingError::Invalid {
                    key: key.to_owned(),
                    expected: format!("a language after the key, such as `{key}.en`"),
                });
            }
            _ => return Err(unknown()),
        })
    }
}

impl std::fmt::Display for SettingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingKey::Name => f.write_str("name"),
            SettingKey::Tagline(lang) => write!(f, "tagline.{lang}"),
            SettingKey::About(lang) => write!(f, "about.{lang}"),
            SettingKey::Rules(lang) => write!(f, "rules.{lang}"),
            SettingKey::Contact => f.write_str("contact"),
            SettingKey::Logo => f.write_str("logo"),
            SettingKey::Languages => f.write_str("languages"),
            SettingKey::DefaultLanguage => f.write_str("default_language"),
            SettingKey::HiddenLanguages => f.write_str("hidden_languages"),
            SettingKey::UnreviewedTranslations => f.write_str("unreviewed_translations"),
            SettingKey::OnionAddress => f.write_str("onion_address"),
            SettingKey::Mirrors => f.write_str("mirrors"),
        }
    }
}

/// Why a setting was refused, worded for the person setting it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteSettingError {
    #[error("`{key}` is not a site setting (the settings are: {SITE_KEYS})")]
    UnknownKey { key: String },
    #[error("`{key}`: expected {expected}")]
    Invalid { key: String, expected: String },
}

impl SiteSettingError {
    /// The key the message is about, for putting the message beside its field.
    pub fn key(&self) -> &str {
        match self {
            SiteSettingError::UnknownKey { key } | SiteSettingError::Invalid { key, .. } => key,
        }
    }
}

/// The site's settings, as the renderers and the server read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    /// The site's name, in every language.
    pub name: String,
    /// One line under the name, by language (Markdown is not used here: plain text).
    pub taglines: BTreeMap<String, String>,
    /// The about page's text by language (Markdown).
    pub about: BTreeMap<String, String>,
    /// The rules shown above every comment form, by language (Markdown); a language without its
    /// own rules gets the built-in four.
    pub rules: BTreeMap<String, String>,
    /// An e-mail address readers can write to.
    pub contact: Option<String>,
    /// The logo: a media file name (it entered through the one image path).
    pub logo: Option<String>,
    /// Languages offered, in this order (those with published articles are added after them).
    pub languages: Vec<String>,
    /// The language of the front page's frame, and the first section on it.
    pub default_language: Option<String>,
    /// Languages never offered, even when they have published articles.
    pub hidden_languages: Vec<String>,
    /// Languages whose translations may be published without a language editor's approval of
    /// every unit (empty, the default: every translation needs it).
    pub unreviewed_translations: Vec<String>,
    /// The site's onion service, `http://….onion`.
    pub onion_address: Option<String>,
    /// Other addresses where the site is mirrored.
    pub mirrors: Vec<String>,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            name: DEFAULT_SITE_NAME.to_owned(),
            taglines: BTreeMap::new(),
            about: BTreeMap::new(),
            rules: BTreeMap::new(),
            contact: None,
            logo: None,
            languages: Vec::new(),
            default_language: None,
            hidden_languages: Vec::new(),
            unreviewed_translations: Vec::new(),
            onion_address: None,
            mirrors: Vec::new(),
        }
    }
}

impl SiteSettings {
    /// Settings from stored `(key, value)` rows. A row that no longer passes the checks (written
    /// by an older version, or by hand) is left out and returned, so the caller can log it.
    pub fn from_entries<'e>(
        entries: impl IntoIterator<Item = (&'e str, &'e str)>,
    ) -> (SiteSettings, Vec<SiteSettingError>) {
        let mut settings = SiteSettings::default();
        let mut errors = Vec::new();
        let mut entries: Vec<(SettingKey, &str, &str)> = entries
            .into_iter()
            .filter_map(|(key, value)| match SettingKey::parse(key) {
                Ok(parsed) => Some((parsed, key, value)),
                Err(error) => {
                    errors.push(error);
                    None
                }
            })
            .collect();
        // `languages` before `default_language`, which is checked against it.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, key, value) in entries {
            if let Err(error) = settings.set(key, value) {
                errors.push(error);
            }
        }
        (settings, errors)
    }

    /// Checks `value` for `key` against these settings and applies it; returns the key and the
    /// text to store ("" to remove the row).
    pub fn set(
        &mut self,
        key: &str,
        value: &str,
    ) -> Result<(SettingKey, String), SiteSettingError> {
        let parsed = SettingKey::parse(key)?;
        let stored = self.check(&parsed, value)?;
        self.apply(&parsed, &stored);
        Ok((parsed, stored))
    }

    /// Checks `value` for `key`; returns the normalised text to store ("" to remove the setting).
    pub fn check(&self, key: &SettingKey, value: &str) -> Result<String, SiteSettingError> {
        let invalid = |expected: &str| SiteSettingError::Invalid {
            key: key.to_string(),
            expected: expected.to_owned(),
        };
        let value = value.trim();
        match key {
            SettingKey::Name => {
                if value.is_empty() {
                    return Err(invalid("the site's name (it cannot be empty)"));
                }
                check_line(value, MAX_NAME_CHARS).map_err(|problem| invalid(&problem))?;
                Ok(value.to_owned())
            }
            SettingKey::Tagline(_) => {
                check_line(value, MAX_TAGLINE_CHARS).map_err(|problem| invalid(&problem))?;
                Ok(value.to_owned())
            }
            SettingKey::About(_) => check_markdown(value, MAX_ABOUT_CHARS).map_err(|p| invalid(&p)),
            SettingKey::Rules(_) => check_markdown(value, MAX_RULES_CHARS).map_err(|p| invalid(&p)),
            SettingKey::Contact => {
                if value.is_empty() || is_email(value) {
                    Ok(value.to_owned())
                } else {
                    Err(invalid(&format!(
                        "an e-mail address such as newsroom@example.org (got `{}`)",
                        clip(value)
                    )))
                }
            }
            SettingKey::Logo => {
                if value.is_empty() || is_media_file_name(value) {
                    Ok(value.to_owned())
                } else {
                    Err(invalid(&format!(
                        "the name of an uploaded image, as the logo form or `ashyq site set logo FILE` \
                         stores it (got `{}`)",
                        clip(value)
                    )))
                }
            }
            SettingKey::Languages
            | SettingKey::HiddenLanguages
            | SettingKey::UnreviewedTranslations => {
                let list = language_list(value).map_err(|problem| invalid(&problem))?;
                Ok(list.join(","))
            }
            SettingKey::DefaultLanguage => {
                if value.is_empty() {
                    return Ok(String::new());
                }
                let tag = LanguageTag::parse(value).map_err(|error| {
                    invalid(&format!("one language code such as `kk` ({error})"))
                })?;
                let code = tag.as_str().to_owned();
                if !self.languages.is_empty() && !self.languages.contains(&code) {
                    return Err(invalid(&format!(
                        "one of the languages offered ({}); add `{code}` to `languages` first",
                        self.languages.join(", ")
                    )));
                }
                if self.hidden_languages.contains(&code) {
                    return Err(invalid(&format!(
                        "a language that is not hidden (`{code}` is in `hidden_languages`)"
                    )));
                }
                Ok(code)
            }
            SettingKey::OnionAddress => {
                if value.is_empty() {
                    return Ok(String::new());
                }
                onion_origin(value).ok_or_else(|| {
                    invalid(&format!(
                        "an onion service address: http:// followed by 56 letters and digits 2–7 and \
                         .onion, as Tor prints it (got `{}`)",
                        clip(value)
                    ))
                })
            }
            SettingKey::Mirrors => {
                let mut mirrors: Vec<String> = Vec::new();
                for item in
                    value.split([',', ' ', '\n', '\r', '\t']).filter(|item| !item.is_empty())
                {
                    let url = mirror_url(item).ok_or_else(|| {
                        invalid(&format!(
                            "web addresses starting with http:// or https://, separated by commas or \
                             new lines (`{}` is not one)",
                            clip(item)
                        ))
                    })?;
                    if !mirrors.contains(&url) {
                        mirrors.push(url);
                    }
                }
                if mirrors.len() > MAX_MIRRORS {
                    return Err(invalid(&format!("at most {MAX_MIRRORS} mirrors")));
                }
                Ok(mirrors.join("\n"))
            }
        }
    }

    /// Applies a value already checked by [`check`](Self::check).
    fn apply(&mut self, key: &SettingKey, stored: &str) {
        let text = || (!stored.is_empty()).then(|| stored.to_owned());
        let list = |separator: char| -> Vec<String> {
            stored.split(separator).filter(|item| !item.is_empty()).map(str::to_owned).collect()
        };
        let per_language = |map: &mut BTreeMap<String, String>, lang: &str| {
            if stored.is_empty() {
                map.remove(lang);
            } else {
                map.insert(lang.to_owned(), stored.to_owned());
            }
        };
        match key {
            SettingKey::Name => self.name = stored.to_owned(),
            SettingKey::Tagline(lang) => per_language(&mut self.taglines, lang),
            SettingKey::About(lang) => per_language(&mut self.about, lang),
            SettingKey::Rules(lang) => per_language(&mut self.rules, lang),
            SettingKey::Contact => self.contact = text(),
            SettingKey::Logo => self.logo = text(),
            SettingKey::Languages => self.languages = list(','),
            SettingKey::DefaultLanguage => self.default_language = text(),
            SettingKey::HiddenLanguages => self.hidden_languages = list(','),
            SettingKey::UnreviewedTranslations => self.unreviewed_translations = list(','),
            SettingKey::OnionAddress => self.onion_address = text(),
            SettingKey::Mirrors => self.mirrors = list('\n'),
        }
    }

    /// Every setting that differs from the default, as `(key, value)` in key order (lists joined
    /// with commas), for `ashyq site show`.
    pub fn entries(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.name != DEFAULT_SITE_NAME {
            out.push(("name".to_owned(), self.name.clone()));
        }
        for (prefix, map) in
            [("tagline", &self.taglines), ("about", &self.about), ("rules", &self.rules)]
        {
            out.extend(map.iter().map(|(lang, text)| (format!("{prefix}.{lang}"), text.clone())));
        }
        let optional = [
            ("contact", &self.contact),
            ("logo", &self.logo),
            ("default_language", &self.default_language),
            ("onion_address", &self.onion_address),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                out.push((key.to_owned(), value.clone()));
            }
        }
        for (key, list) in [
            ("languages", &self.languages),
            ("hidden_languages", &self.hidden_languages),
            ("unreviewed_translations", &self.unreviewed_translations),
            ("mirrors", &self.mirrors),
        ] {
            if !list.is_empty() {
                out.push((key.to_owned(), list.join(",")));
            }
        }
        out.sort();
        out
    }

    /// Whether a translation into `lang` needs a language editor's approval before it is
    /// published (`kk-Cyrl` counts as `kk`).
    pub fn translation_needs_approval(&self, lang: &str) -> bool {
        let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        !self.unreviewed_translations.iter().any(|listed| primary(listed) == primary(lang))
    }

    /// The languages readers are offered: those listed in `languages`, in that order, then those
    /// with published articles (`published`, in the store's order), less the hidden ones.
    pub fn offered_languages(&self, published: &[String]) -> Vec<String> {
        let mut offered: Vec<String> = Vec::with_capacity(self.languages.len() + published.len());
        for lang in self.languages.iter().chain(published) {
            if !offered.contains(lang) && !self.hidden_languages.contains(lang) {
                offered.push(lang.clone());
            }
        }
        offered
    }

    /// The default language among `offered`: the configured one if offered, else the first.
    pub fn default_language_in<'o>(&self, offered: &'o [String]) -> Option<&'o str> {
        self.default_language
            .as_ref()
            .and_then(|default| offered.iter().find(|lang| *lang == default))
            .or_else(|| offered.first())
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests;
