//! What every page shares: UI language and direction, title, the site's name, tagline and logo,
//! language navigation, and the footer's contact and about links.

use ashyq_content::LanguageTag;
use ashyq_i18n::Localizer;

use crate::assets::{icon_path, stylesheet_path};
use crate::site::{Site, Tagline};
use crate::structured::MetaTag;
use crate::urls;

/// A feed the page links with `<link rel="alternate" type="application/atom+xml">`.
#[derive(Debug, Clone)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

/// A link in the language navigation.
#[derive(Debug, Clone)]
pub struct LanguageLink {
    pub lang: String,
    pub name: String,
    pub url: String,
    pub current: bool,
}

/// The newsroom bar shown to a logged-in person.
#[derive(Debug, Clone)]
pub struct StaffNav {
    pub name: String,
    pub csrf: String,
}

/// The frame around every page.
#[derive(Debug, Clone)]
pub struct Chrome<'a> {
    pub l10n: Localizer<'a>,
    pub lang: &'static str,
    pub dir: &'static str,
    pub title: String,
    /// The site's name (a setting).
    pub site_name: String,
    pub tagline: Tagline,
    /// The logo's address, shown beside the name.
    pub logo_url: Option<String>,
    /// The newsroom's e-mail address, in the footer.
    pub contact: Option<String>,
    /// The about page, in the footer, when the newsroom wrote one.
    pub about_url: Option<String>,
    pub stylesheet: &'static str,
    pub icon: &'static str,
    pub languages: Vec<LanguageLink>,
    pub home_url: String,
    pub search_url: String,
    /// The page listing mirrors and the signing key.
    pub mirrors_url: String,
    pub staff: Option<StaffNav>,
    /// The site's feed, and the feed of this page's language, tag or author.
    pub feeds: Vec<FeedLink>,
    /// Open Graph tags (article pages).
    pub meta: Vec<MetaTag>,
    /// The JSON-LD data block (article pages), already escaped for a `<script>` element.
    pub json_ld: Option<String>,
}

impl<'a> Chrome<'a> {
    /// The frame of a newsroom page, with the person's bar.
    pub fn staff(site: &Site, l10n: Localizer<'a>, title: String, staff: StaffNav) -> Chrome<'a> {
        let mut chrome = Chrome::new(site, l10n, title, &[], None);
        chrome.staff = Some(staff);
        chrome
    }

    /// `site_languages`: languages that have articles; `current`: the language this page is in, if
    /// any.
    pub fn new(
        site: &Site,
        l10n: Localizer<'a>,
        title: String,
        site_languages: &[String],
        current: Option<&str>,
    ) -> Chrome<'a> {
        let lang = l10n.lang();
        let dir = LanguageTag::parse(lang).map_or("ltr", |tag| tag.direction().as_str());
        let languages = site_languages
            .iter()
            .map(|code| LanguageLink {
                lang: code.clone(),
                name: LanguageTag::parse(code)
                    .map_or_else(|_| code.to_uppercase(), |tag| tag.native_name()),
                url: urls::language_front_page(code),
                current: current == Some(code.as_str()),
            })
            .collect();
        let home_url = match current {
            Some(code) if site_languages.iter().any(|known| known == code) => {
                urls::language_front_page(code)
            }
            _ => urls::front_page(),
        };
        let page_lang = current.unwrap_or(lang);
        let site_name = site.name();
        let mut feeds = vec![FeedLink {
            title: l10n.msg_with("feed-title-site", "site", &site_name),
            url: urls::site_feed(),
        }];
        if let Some(code) = current.filter(|code| site_languages.iter().any(|known| known == code))
        {
            let language =
                LanguageTag::parse(code).map_or_else(|_| code.to_owned(), |tag| tag.native_name());
            feeds.push(FeedLink {
                title: l10n.msg_args(
                    "feed-title-language",
                    &[("site", &site_name), ("language", &language)],
                ),
                url: urls::language_feed(code),
            });
        }
        Chrome {
            tagline: site.tagline(&l10n, current),
            site_name,
            logo_url: site.logo_url(),
            contact: site.settings().contact.clone(),
            about_url: site.about_url(page_lang),
            l10n,
            lang,
            dir,
            title,
            stylesheet: stylesheet_path(),
            icon: icon_path(),
            languages,
            home_url,
            search_url: urls::search(),
            mirrors_url: urls::mirrors(None),
            staff: None,
            feeds,
            meta: Vec::new(),
            json_ld: None,
        }
    }

    /// Adds the feed of this page's tag or author.
    pub(crate) fn add_feed(&mut self, title_id: &str, argument: (&str, &str), url: String) {
        let title = self.l10n.msg_args(title_id, &[("site", &self.site_name), argument]);
        self.feeds.push(FeedLink { title, url });
    }
}
