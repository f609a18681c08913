//! The site as pages show it: the UI catalog together with the newsroom's own settings
//! (`ashyq_content::SiteSettings`), with the Markdown parts rendered once when the settings are
//! read, not per page. Every page function takes a `&Site`; the server swaps in a new one when the
//! settings change.

use std::collections::BTreeMap;
use std::sync::Arc;

use ashyq_content::{SiteSettings, render_site_markdown};
use ashyq_i18n::{Catalog, Localizer};

use crate::urls;

/// The catalog and the settings every page is rendered with.
#[derive(Debug, Clone)]
pub struct Site {
    catalog: Arc<Catalog>,
    settings: Arc<SiteSettings>,
    rules_html: BTreeMap<String, String>,
    about_html: BTreeMap<String, String>,
}

/// The site's tagline for a page, with its language when that differs from the page's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagline {
    pub text: String,
    /// The tagline's language when it is not the page's UI language.
    pub lang: Option<String>,
}

impl Site {
    pub fn new(catalog: Arc<Catalog>, settings: Arc<SiteSettings>) -> Site {
        let render = |map: &BTreeMap<String, String>| {
            map.iter().map(|(lang, text)| (lang.clone(), render_site_markdown(text))).collect()
        };
        let rules_html = render(&settings.rules);
        let about_html = render(&settings.about);
        Site { catalog, settings, rules_html, about_html }
    }

    /// A site with no settings of its own (tests, tools).
    pub fn with_defaults(catalog: Arc<Catalog>) -> Site {
        Site::new(catalog, Arc::new(SiteSettings::default()))
    }

    pub fn localizer(&self, lang: &str) -> Localizer<'_> {
        self.catalog.localizer(lang)
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    pub fn settings(&self) -> &SiteSettings {
        &self.settings
    }

    /// The site's name.
    pub fn name(&self) -> String {
        self.settings.name.clone()
    }

    /// The tagline for a page in `lang`: the newsroom's for that language, else the one for its
    /// default language, else (when it wrote none) the built-in one in the UI language.
    pub fn tagline(&self, l10n: &Localizer<'_>, lang: Option<&str>) -> Tagline {
        let taglines = &self.settings.taglines;
        let wanted = lang.unwrap_or(l10n.lang());
        let found = taglines
            .get_key_value(wanted)
            .or_else(|| {
                self.settings
                    .default_language
                    .as_ref()
                    .and_then(|lang| taglines.get_key_value(lang))
            })
            .or_else(|| taglines.iter().next());
        match found {
            Some((tag_lang, text)) => Tagline {
                text: text.clone(),
                // Marked when it differs from the page's UI language (the `<html lang>`).
                lang: (tag_lang != l10n.lang()).then(|| tag_lang.clone()),
            },
            None => Tagline { text: l10n.msg("site-tagline"), lang: None },
        }
    }

    /// The newsroom's comment rules for articles in `lang`, as HTML; `None` when it wrote none
    /// for that language (the page then shows the built-in rules).
    pub fn rules_html(&self, lang: &str) -> Option<&str> {
        self.rules_html.get(lang).map(String::as_str)
    }

    /// The about text in `lang`, as HTML.
    pub fn about_html(&self, lang: &str) -> Option<&str> {
        self.about_html.get(lang).map(String::as_str)
    }

    /// Where the about page is for a page in `lang`: that language's, else the default
    /// language's, else any; `None` when the newsroom wrote none.
    pub fn about_url(&self, lang: &str) -> Option<String> {
        let about = &self.about_html;
        let chosen = if about.contains_key(lang) {
            Some(lang)
        } else {
            self.settings
                .default_language
                .as_deref()
                .filter(|default| about.contains_key(*default))
                .or_else(|| about.keys().next().map(String::as_str))
        };
        chosen.map(urls::about)
    }

    /// The logo's address, if there is one.
    pub fn logo_url(&self) -> Option<String> {
        self.settings.logo.as_deref().map(urls::media)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(entries: &[(&str, &str)]) -> Site {
        let (settings, errors) = SiteSettings::from_entries(entries.iter().copied());
        assert!(errors.is_empty(), "{errors:?}");
        Site::new(Arc::new(Catalog::new().unwrap()), Arc::new(settings))
    }

    #[test]
    fn taglines_fall_back_to_the_default_language_then_to_the_built_in_one() {
        let plain = site(&[]);
        let l10n = plain.localizer("ru");
        assert_eq!(plain.tagline(&l10n, Some("ru")).lang, None, "built in, in the UI language");
        let ours = site(&[
            ("languages", "kk,ru"),
            ("default_language", "kk"),
            ("tagline.kk", "Ашық жаңалықтар"),
            ("tagline.ru", "Открытые новости"),
        ]);
        let l10n = ours.localizer("ru");
        assert_eq!(
            ours.tagline(&l10n, Some("ru")),
            Tagline { text: "Открытые новости".to_owned(), lang: None }
        );
        let l10n = ours.localizer("en");
        assert_eq!(
            ours.tagline(&l10n, Some("en")),
            Tagline {
                text: "Ашық жаңалықтар".to_owned(), lang: Some("kk".to_owned())
            },
            "marked with its language"
        );
    }

    #[test]
    fn rules_and_about_are_rendered_once_and_safely() {
        let ours = site(&[("rules.ru", "**Будьте вежливы**"), ("about.kk", "Біз туралы")]);
        assert_eq!(ours.rules_html("ru"), Some("<p><strong>Будьте вежливы</strong></p>\n"));
        assert_eq!(ours.rules_html("en"), None);
        assert_eq!(ours.about_url("ru").as_deref(), Some("/kk/about"));
        assert_eq!(site(&[]).about_url("en"), None);
    }
}
