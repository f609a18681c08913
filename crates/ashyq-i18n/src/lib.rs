//! The user interface's words: Fluent bundles for every UI language, embedded in the binary, and
//! choosing a UI language from a page's language or a browser's `Accept-Language`.
//!
//! A page's UI follows the page's language: a Russian article gets Russian buttons. A language the UI
//! has not been translated into falls back to English, and any message missing from a translation
//! falls back to the English one (a test keeps the translations complete).

use std::collections::HashMap;
use std::str::FromStr;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use time::OffsetDateTime;
use unic_langid::LanguageIdentifier;

/// UI languages with a complete translation, the default first.
pub const UI_LANGUAGES: &[&str] = &["en", "ru", "kk", "ar"];

/// The Fluent sources, embedded at compile time.
const SOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en.ftl")),
    ("ru", include_str!("../locales/ru.ftl")),
    ("kk", include_str!("../locales/kk.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
];

/// A Fluent source that does not parse or adds a message twice.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locales/{lang}.ftl: {message}")]
    Source { lang: &'static str, message: String },
}

/// All UI bundles. Build once at startup and share.
pub struct Catalog {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("languages", &UI_LANGUAGES).finish()
    }
}

impl Catalog {
    /// Parses the embedded sources.
    pub fn new() -> Result<Catalog, I18nError> {
        let mut bundles = HashMap::new();
        for (lang, source) in SOURCES {
            let resource =
                FluentResource::try_new((*source).to_owned()).map_err(|(_, errors)| {
                    I18nError::Source { lang, message: format!("{errors:?}") }
                })?;
            let id = LanguageIdentifier::from_str(lang)
                .map_err(|error| I18nError::Source { lang, message: error.to_string() })?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Unicode isolation marks around arguments would end up inside HTML attributes and
            // slugs; the templates mark direction with `dir` instead.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| I18nError::Source { lang, message: format!("{errors:?}") })?;
            bundles.insert(*lang, bundle);
        }
        Ok(Catalog { bundles })
    }

    /// The localizer for a UI language; languages without a translation get English.
    pub fn localizer(&self, lang: &str) -> Localizer<'_> {
        let ui_lang = ui_language_for(lang);
        let fallback = &self.bundles["en"];
        let bundle = self.bundles.get(ui_lang).unwrap_or(fallback);
        Localizer { bundle, fallback, lang: ui_lang }
    }

    /// Message ids of a UI language, for completeness checks.
    pub fn message_ids(lang: &str) -> Vec<String> {
        SOURCES
            .iter()
            .find(|(code, _)| *code == lang)
            .map(|(_, source)| {
                source
                    .lines()
                    .filter_map(|line| {
                        let (id, _) = line.split_once(" =")?;
                        let valid = !id.is_empty()
                            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                            && !line.starts_with(char::is_whitespace);
                        valid.then(|| id.to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The UI language used for content in `lang` (a BCP 47 tag): its primary language when the UI is
/// translated into it, else English.
pub fn ui_language_for(lang: &str) -> &'static str {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    UI_LANGUAGES.iter().find(|ui| **ui == primary).copied().unwrap_or("en")
}

/// Picks the best UI language for an `Accept-Language` header.
pub fn negotiate(accept_language: &str) -> &'static str {
    let requested: Vec<LanguageIdentifier> = accept_language
        .split(',')
        .filter_map(|part| part.split(';').next())
        .filter_map(|tag| LanguageIdentifier::from_str(tag.trim()).ok())
        .collect();
    let available: Vec<LanguageIdentifier> =
        UI_LANGUAGES.iter().filter_map(|lang| LanguageIdentifier::from_str(lang).ok()).collect();
    let default = available.first().cloned().unwrap_or_default();
    let chosen =
        negotiate_languages(&requested, &available, Some(&default), NegotiationStrategy::Lookup);
    chosen.first().map_or("en", |id| ui_language_for(id.language.as_str()))
}

/// The messages of one UI language, with English behind them.
#[derive(Clone, Copy)]
pub struct Localizer<'a> {
    bundle: &'a FluentBundle<FluentResource>,
    fallback: &'a FluentBundle<FluentResource>,
    lang: &'static str,
}

impl std::fmt::Debug for Localizer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("lang", &self.lang).finish()
    }
}

impl<'a> Localizer<'a> {
    /// The UI language code.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for bundle in [self.bundle, self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        // A missing id is a bug the completeness test catches; show the id rather than nothing.
        id.to_owned()
    }

    /// A message without arguments.
    pub fn msg(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with one string argument.
    pub fn msg_with(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value.to_owned()));
        self.format(id, Some(&args))
    }

    /// A message with several string arguments.
    pub fn msg_args(&self, id: &str, named: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in named {
            args.set((*name).to_owned(), FluentValue::from((*value).to_owned()));
        }
        self.format(id, Some(&args))
    }

    /// A message with one number argument (plural forms select on it).
    pub fn msg_count(&self, id: &str, name: &str, count: i64) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(count));
        self.format(id, Some(&args))
    }

    /// A message with number arguments (plural forms select on each) and text arguments.
    pub fn msg_numbers(&self, id: &str, numbers: &[(&str, i64)], texts: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in numbers {
            args.set((*name).to_owned(), FluentValue::from(*value));
        }
        for (name, value) in texts {
            args.set((*name).to_owned(), FluentValue::from((*value).to_owned()));
        }
        self.format(id, Some(&args))
    }

    /// A calendar date in this language ("14 March 2026", "14 марта 2026 г.", "2026 жылғы 14 наурыз").
    pub fn date(&self, moment: &OffsetDateTime) -> String {
        let month = self.msg(&format!("month-{}", u8::from(moment.month())));
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::from(i64::from(moment.day())));
        args.set("month", FluentValue::from(month));
        // The year is passed as text so that no digit grouping ("2 026") is applied.
        args.set("year", FluentValue::from(moment.year().to_string()));
        self.format("date-format", Some(&args))
    }
}

#[cfg(test)]
mod tests;
