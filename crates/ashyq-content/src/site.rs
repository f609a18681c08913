//! The newsroom's own site settings: its name, words per language (tagline, about text, comment
//! rules), contact address, logo, the languages it offers, and the addresses readers can reach it
//! by (an onion service, mirrors). Every key is checked here, with messages that name the key and
//! say what was expected, whichever door the value came through (`/admin/site`, `ashyq site set`,
//! `ashyq.toml`). Values are stored as text, one row per key; "" means "not set".

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

use crate::language::LanguageTag;
use crate::links::refused_link_scheme;
use crate::parse::markdown_options;

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

/// At most 40 characters of `text`, for quoting a bad value in a message.
fn clip(text: &str) -> String {
    let mut clipped: String = text.chars().take(40).collect();
    if clipped.len() < text.len() {
        clipped.push('…');
    }
    clipped
}

/// One line of plain text of at most `max` characters.
fn check_line(value: &str, max: usize) -> Result<(), String> {
    if value.chars().any(char::is_control) {
        return Err("one line of text, without line breaks or control characters".to_owned());
    }
    let count = value.chars().count();
    if count > max {
        return Err(format!("at most {max} characters (this has {count})"));
    }
    Ok(())
}

/// Markdown of at most `max` characters, without pictures (they would be loaded from wherever the
/// address points) and without links other than http, https, mailto or relative ones.
fn check_markdown(value: &str, max: usize) -> Result<String, String> {
    let count = value.chars().count();
    if count > max {
        return Err(format!("Markdown of at most {max} characters (this has {count})"));
    }
    if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err("Markdown text without control characters".to_owned());
    }
    for (event, range) in Parser::new_ext(value, markdown_options()).into_offset_iter() {
        let line = value[..range.start].matches('\n').count() + 1;
        match event {
            Event::Start(Tag::Image { .. }) => {
                return Err(format!(
                    "Markdown without pictures (line {line} has one; the logo has its own form)"
                ));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(scheme) = refused_link_scheme(&dest_url) {
                    return Err(format!(
                        "links to http, https or mailto addresses only (line {line} links to `{scheme}:`)"
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(value.replace("\r\n", "\n"))
}

/// Site Markdown (about text, rules) as HTML: raw HTML escaped, pictures reduced to their text,
/// links to refused schemes reduced to their text. Values are checked before they are stored, so
/// this only guards against rows written some other way.
pub fn render_site_markdown(markdown: &str) -> String {
    let mut dropped_link = false;
    let events = Parser::new_ext(markdown, markdown_options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { ref dest_url, .. }) if refused_link_scheme(dest_url).is_some() => {
            dropped_link = true;
            None
        }
        Event::End(TagEnd::Link) if dropped_link => {
            dropped_link = false;
            None
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// A plain e-mail address: something@domain.tld, no spaces or markup characters.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c))
            && !part.starts_with('.')
            && !part.ends_with('.')
    };
    value.len() <= 254 && plain(local) && plain(domain) && domain.contains('.')
}

/// A media file name as the image path writes them: letters, digits, `-`, `_`, `.`; not hidden.
fn is_media_file_name(value: &str) -> bool {
    value.len() <= 200
        && !value.starts_with('.')
        && value.contains('.')
        && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A comma- or space-separated list of language codes, canonicalised, without repeats.
fn language_list(value: &str) -> Result<Vec<String>, String> {
    let mut list: Vec<String> = Vec::new();
    for item in value.split([',', ' ', '\n', '\t']).filter(|item| !item.is_empty()) {
        let tag = LanguageTag::parse(item).map_err(|error| {
            format!("language codes separated by commas, such as `kk,ru,en` ({error})")
        })?;
        let code = tag.as_str().to_owned();
        if list.contains(&code) {
            return Err(format!("each language once (`{code}` is listed twice)"));
        }
        list.push(code);
    }
    if list.len() > MAX_LANGUAGES {
        return Err(format!("at most {MAX_LANGUAGES} languages"));
    }
    Ok(list)
}

/// `http://` (or `https://`) + a version-3 onion name (56 base32 characters) + `.onion`, with an
/// optional port and trailing slash; returned as an origin in lower case without the slash.
fn onion_origin(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let label = host.strip_suffix(".onion")?;
    // A subdomain of the service (`www.NAME.onion`) reaches the same service.
    let name = label.rsplit('.').next()?;
    let name_ok = name.len() == 56 && name.chars().all(|c| matches!(c, 'a'..='z' | '2'..='7'));
    let labels_ok = label.split('.').all(|part| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let port_ok = port.is_none_or(|port| port.parse::<u16>().is_ok_and(|port| port > 0));
    (name_ok && labels_ok && port_ok).then(|| format!("{scheme}://{authority}"))
}

/// An http or https address with a host, no user name or password, and nothing a page could not
/// print safely in an attribute; the scheme and host in lower case.
fn mirror_url(value: &str) -> Option<String> {
    if value.len() > MAX_URL_CHARS {
        return None;
    }
    let (scheme, rest) = value.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (address, after) = inner.split_once(']')?;
        if address.is_empty() || !address.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            return None;
        }
        (format!("[{address}]"), after.strip_prefix(':'))
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let labels_ok = !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !labels_ok {
            return None;
        }
        (host.to_ascii_lowercase(), port)
    };
    if let Some(port) = port
        && !port.parse::<u16>().is_ok_and(|port| port > 0)
    {
        return None;
    }
    let path_ok =
        path.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'));
    if !path_ok {
        return None;
    }
    let port = port.map(|port| format!(":{port}")).unwrap_or_default();
    Some(format!("{scheme}://{host}{port}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONION: &str = "http://expyuzz4wqqyqhjn76ucemd3ghd5uncybgfazs6b6yvd3tpwehrtu3ad.onion";

    /// Sets `key` to `value` on default settings; the stored text or the message.
    fn check(key: &str, value: &str) -> Result<String, String> {
        SiteSettings::default().set(key, value).map(|(_, stored)| stored).map_err(|e| e.to_string())
    }

    #[test]
    fn good_values_are_kept_in_a_normal_form() {
        assert_eq!(check("name", "  Daily Steppe ").unwrap(), "Daily Steppe");
        assert_eq!(check("tagline.RU", "Новости").unwrap(), "Новости");
        assert_eq!(check("languages", "kk, RU en").unwrap(), "kk,ru,en");
        assert_eq!(check("contact", "desk@example.org").unwrap(), "desk@example.org");
        assert_eq!(check("onion_address", &format!("{ONION}/")).unwrap(), ONION);
        assert_eq!(
            check("onion_address", &ONION.to_uppercase().replace("HTTP", "http")).unwrap(),
            ONION
        );
        assert_eq!(
            check(
                "mirrors",
                "https://Mirror.Example.net/news, http://[2001:db8::1]:8080\nhttps://a.example"
            )
            .unwrap(),
            "https://mirror.example.net/news\nhttp://[2001:db8::1]:8080\nhttps://a.example"
        );
        assert_eq!(
            check("logo", "0a1b2c3d4e5f6a7b-logo-320.png").unwrap(),
            "0a1b2c3d4e5f6a7b-logo-320.png"
        );
        assert_eq!(
            check("rules.kk", "1. Сыпайы болыңыз\r\n2. [Ереже](https://example.org)").unwrap(),
            "1. Сыпайы болыңыз\n2. [Ереже](https://example.org)"
        );
        assert_eq!(check("contact", "").unwrap(), "", "empty removes a setting");
    }

    #[test]
    fn bad_values_are_refused_with_the_key_and_what_was_expected() {
        let cases: &[(&str, &str, &str)] = &[
            ("colour", "red", "`colour` is not a site setting"),
            ("tagline", "x", "`tagline`: expected a language after the key"),
            ("tagline.xx", "x", "`tagline.xx`: expected a language code"),
            ("name", "", "`name`: expected the site's name"),
            ("name", "a\nb", "`name`: expected one line of text"),
            ("name", &"n".repeat(81), "at most 80 characters (this has 81)"),
            ("contact", "not an address", "`contact`: expected an e-mail address"),
            ("languages", "kk,russian", "`languages`: expected language codes"),
            ("languages", "kk,ru,kk", "`kk` is listed twice"),
            ("onion_address", "http://example.org", "`onion_address`: expected an onion service"),
            ("onion_address", "http://expyuzz4wqqyqhjn.onion", "56 letters"),
            (
                "onion_address",
                "ftp://expyuzz4wqqyqhjn76ucemd3ghd5uncybgfazs6b6yvd3tpwehrtu3ad.onion",
                "onion",
            ),
            (
                "mirrors",
                "https://ok.example, javascript:alert(1)",
                "`javascript:alert(1)` is not one",
            ),
            ("mirrors", "https://user:pw@host.example", "is not one"),
            ("mirrors", "https://host.example/\"><script>", "is not one"),
            ("logo", "../secret.key", "`logo`: expected the name of an uploaded image"),
            ("about.en", "![x](https://tracker.example/p.png)", "without pictures (line 1"),
            ("rules.en", "ok\n[x](javascript:alert(1))", "line 2 links to `javascript:`"),
            ("rules.en", &"r".repeat(5001), "at most 5000 characters"),
        ];
        for (key, value, expected) in cases {
            let message = check(key, value).expect_err(key);
            assert!(message.contains(expected), "{key}={value:?}: {message}");
        }
    }

    #[test]
    fn the_default_language_must_be_offered_and_not_hidden() {
        let mut settings = SiteSettings::default();
        settings.set("languages", "kk,ru").unwrap();
        let message = settings.set("default_language", "en").unwrap_err().to_string();
        assert!(message.contains("one of the languages offered (kk, ru)"), "{message}");
        settings.set("default_language", "ru").unwrap();
        settings.set("hidden_languages", "en").unwrap();
        settings.set("languages", "").unwrap();
        assert!(settings.set("default_language", "en").unwrap_err().to_string().contains("hidden"));
    }

    #[test]
    fn offered_languages_keep_the_order_add_published_ones_and_drop_hidden_ones() {
        let mut settings = SiteSettings::default();
        let published = ["en".to_owned(), "ru".to_owned(), "de".to_owned()];
        assert_eq!(settings.offered_languages(&published), ["en", "ru", "de"]);
        settings.set("languages", "kk,ru").unwrap();
        settings.set("hidden_languages", "de").unwrap();
        assert_eq!(settings.offered_languages(&published), ["kk", "ru", "en"]);
        let offered = settings.offered_languages(&published);
        assert_eq!(settings.default_language_in(&offered), Some("kk"));
        settings.set("default_language", "ru").unwrap();
        assert_eq!(settings.default_language_in(&offered), Some("ru"));
    }

    #[test]
    fn stored_rows_round_trip_and_bad_rows_are_reported_not_applied() {
        let mut settings = SiteSettings::default();
        for (key, value) in [
            ("name", "Steppe"),
            ("default_language", "ru"),
            ("languages", "ru,kk"),
            ("mirrors", "https://a.example https://b.example"),
            ("tagline.kk", "Жаңалықтар"),
        ] {
            settings.set(key, value).unwrap();
        }
        let entries = settings.entries();
        let rows: Vec<(&str, &str)> =
            entries.iter().map(|(key, value)| (key.as_str(), value.as_str())).collect();
        // `default_language` comes before `languages` alphabetically: the order of rows must not matter.
        let (again, errors) = SiteSettings::from_entries(rows.iter().copied());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(again, settings);
        let (partial, errors) = SiteSettings::from_entries([
            ("name", ""),
            ("colour", "red"),
            ("contact", "a@b.example"),
        ]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(partial.name, DEFAULT_SITE_NAME);
        assert_eq!(partial.contact.as_deref(), Some("a@b.example"));
    }

    #[test]
    fn site_markdown_escapes_html_and_drops_pictures_and_script_links() {
        let html = render_site_markdown(
            "<script>alert(1)</script>\n\n![tracker](https://t.example/p.png) [x](javascript:alert(1)) **ok**",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<strong>ok</strong>"), "{html}");
    }

    #[test]
    fn hostile_strings_never_panic() {
        let hostile = [
            "\u{0}",
            "\u{202e}",
            "é\u{301}",
            "🇰🇿",
            "a@",
            "@b",
            "http://",
            "https://[",
            "http://:0",
            "x".repeat(100_000).as_str(),
        ]
        .map(str::to_owned);
        for key in [
            "name",
            "tagline.en",
            "about.en",
            "contact",
            "logo",
            "languages",
            "default_language",
            "onion_address",
            "mirrors",
        ] {
            for value in &hostile {
                let _ = check(key, value);
            }
        }
    }
}
