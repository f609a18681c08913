//! The translators' pages: `/translate`, the stories waiting for a translation into each of the
//! person's languages, with their claims and the buttons to claim, release and reassign.

use ashyq_content::LanguageTag;
use askama::Template;

use crate::account_pages::format_time;
use crate::chrome::{Chrome, StaffNav};
use crate::pages::{RenderError, render};
use crate::site::Site;
use crate::urls;

/// One story in one target language's list.
#[derive(Debug, Clone)]
pub struct WaitingItem {
    pub slug: String,
    pub title: String,
    pub lang: String,
    pub published_at: i64,
    pub tags: Vec<String>,
    /// The claim's holder and when it ends.
    pub claim: Option<(String, i64)>,
    /// Whether this person may claim it / release the claim / reassign it.
    pub may_claim: bool,
    pub may_release: bool,
    pub may_reassign: bool,
}

/// The list for one language the person translates into.
#[derive(Debug, Clone)]
pub struct LanguageList {
    pub lang: String,
    pub stories: Vec<WaitingItem>,
}

/// What `/translate` shows.
#[derive(Debug, Clone, Default)]
pub struct TranslatePage {
    /// Every language one may choose, with whether this person has chosen it.
    pub choices: Vec<(String, bool)>,
    pub lists: Vec<LanguageList>,
    /// The filters: tag name and source language, as given.
    pub tag: String,
    pub from: String,
    /// A `translate-notice-CODE` to show, or a `translate-error-CODE` with its holder's name.
    pub notice: Option<String>,
    pub error: Option<(String, String)>,
}

struct ItemView {
    url: String,
    slug: String,
    title: String,
    lang: String,
    language: String,
    date: String,
    tags: String,
    claimed: Option<String>,
    may_claim: bool,
    may_release: bool,
    may_reassign: bool,
}

struct ListView {
    lang: String,
    heading: String,
    stories: Vec<ItemView>,
}

#[derive(Template)]
#[template(path = "translate.html")]
struct TranslateTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    choices: Vec<(String, String, bool)>,
    lists: Vec<ListView>,
    tag: String,
    from: String,
    notice: Option<String>,
    error: Option<String>,
}

fn native_name(lang: &str) -> String {
    LanguageTag::parse(lang).map_or_else(|_| lang.to_owned(), |tag| tag.native_name())
}

pub fn render_translate_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    page: &TranslatePage,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("translate-title"), site.name());
    let csrf = staff.csrf.clone();
    let lists = page
        .lists
        .iter()
        .map(|list| ListView {
            lang: list.lang.clone(),
            heading: l10n.msg_with("translate-into", "language", &native_name(&list.lang)),
            stories: list
                .stories
                .iter()
                .map(|story| ItemView {
                    url: urls::article(&story.slug),
                    slug: story.slug.clone(),
                    title: story.title.clone(),
                    lang: story.lang.clone(),
                    language: native_name(&story.lang),
                    date: format_time(story.published_at),
                    tags: story.tags.join(", "),
                    claimed: story.claim.as_ref().map(|(name, until)| {
                        l10n.msg_args(
                            "translate-claimed-by",
                            &[("name", name), ("date", &format_time(*until))],
                        )
                    }),
                    may_claim: story.may_claim,
                    may_release: story.may_release,
                    may_reassign: story.may_reassign,
                })
                .collect(),
        })
        .collect();
    let choices = page
        .choices
        .iter()
        .map(|(lang, chosen)| (lang.clone(), native_name(lang), *chosen))
        .collect();
    let notice = page.notice.as_ref().map(|code| l10n.msg(&format!("translate-notice-{code}")));
    let error = page
        .error
        .as_ref()
        .map(|(code, holder)| l10n.msg_with(&format!("translate-error-{code}"), "name", holder));
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "the translators' page",
        &TranslateTemplate {
            chrome,
            csrf,
            choices,
            lists,
            tag: page.tag.clone(),
            from: page.from.clone(),
            notice,
            error,
        },
    )
}
