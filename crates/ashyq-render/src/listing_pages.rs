//! Pages that list stories the way a news front page does: a lead story with its photo, then newer
//! stories with thumbnails and summaries, sections per language and per tag with "more" links, and
//! pages of older stories. The front page, a language's front page, tag pages and author pages.

use ashyq_i18n::Localizer;
use ashyq_store::{ArticleSummary, AuthorPage, NamedLink, TagPage};
use askama::Template;

use crate::chrome::Chrome;
use crate::pages::{PictureUse, RenderError, StoryItem, native_name, render, story_item};
use crate::site::Site;
use crate::urls;

/// How many stories the lead may be picked from: the newest story with a photo among these leads.
const LEAD_WINDOW: usize = 4;

/// A section of stories under its own heading, with a link to all of them.
#[derive(Debug, Clone)]
pub struct StorySection {
    pub heading: String,
    /// The heading's language when it is a language's own name.
    pub heading_lang: Option<String>,
    pub url: String,
    /// The "more" link's words; for a language, those before its name ("All stories in ").
    pub more_text: String,
    /// A language's name in the "more" link, marked with its own `lang` ("Русский").
    pub more_name: Option<String>,
    /// The link's words after the language's name.
    pub more_after: String,
    pub stories: Vec<StoryItem>,
}

/// Links to the newer and older pages of a list.
#[derive(Debug, Clone)]
pub struct Pager {
    pub label: String,
    pub newer: Option<String>,
    pub older: Option<String>,
    pub newer_text: String,
    pub older_text: String,
}

#[derive(Template)]
#[template(path = "front.html")]
struct ListingTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    count: Option<String>,
    lead: Option<StoryItem>,
    /// The heading over `stories` (titles are then one level lower); `None` puts the titles
    /// right under the page's heading.
    stories_heading: Option<String>,
    stories: Vec<StoryItem>,
    sections: Vec<StorySection>,
    pager: Option<Pager>,
    empty: bool,
}

impl ListingTemplate<'_> {
    /// The heading level of the titles in the main list.
    fn level(&self) -> u8 {
        if self.stories_heading.is_some() { 3 } else { 2 }
    }
}

/// What a front page shows, as the handler read it from the store.
#[derive(Debug, Clone, Default)]
pub struct FrontContent {
    /// `None` for the site-wide front page, `Some` for one language's page (its UI in that language).
    pub lang: Option<String>,
    /// The newest stories, newest first: the lead is picked from them, the rest are listed.
    pub latest: Vec<ArticleSummary>,
    /// Other stories per language (the site-wide page only), newest first.
    pub languages: Vec<(String, Vec<ArticleSummary>)>,
    /// Stories per tag, newest first.
    pub tags: Vec<(NamedLink, Vec<ArticleSummary>)>,
    /// Which page of the list this is, from 1.
    pub page: u32,
    /// Whether there are older stories than these.
    pub has_older: bool,
}

/// How many stories each language and tag section shows.
pub const SECTION_SIZE: usize = 3;

/// Splits off the lead: the newest story with a photo among the first few, or else the newest.
fn take_lead(stories: &mut Vec<ArticleSummary>) -> Option<ArticleSummary> {
    if stories.is_empty() {
        return None;
    }
    let index =
        stories.iter().take(LEAD_WINDOW).position(|story| story.picture.is_some()).unwrap_or(0);
    Some(stories.remove(index))
}

fn pager(l10n: &Localizer<'_>, base: &str, page: u32, has_older: bool) -> Option<Pager> {
    if page <= 1 && !has_older {
        return None;
    }
    let address = |number: u32| {
        if number <= 1 { base.to_owned() } else { format!("{base}?page={number}") }
    };
    Some(Pager {
        label: l10n.msg_count("list-page", "page", i64::from(page)),
        newer: (page > 1).then(|| address(page - 1)),
        older: has_older.then(|| address(page + 1)),
        newer_text: l10n.msg("list-newer"),
        older_text: l10n.msg("list-older"),
    })
}

/// Sections of stories, each leaving out the stories in `shown` (the lead, and the list above
/// them where there is one); empty sections are left out.
fn sections(
    l10n: &Localizer<'_>,
    shown: &[String],
    languages: &[(String, Vec<ArticleSummary>)],
    tags: &[(NamedLink, Vec<ArticleSummary>)],
) -> Vec<StorySection> {
    let pick = |stories: &[ArticleSummary]| -> Vec<StoryItem> {
        stories
            .iter()
            .filter(|story| !shown.contains(&story.slug))
            .take(SECTION_SIZE)
            .map(|story| story_item(story, l10n, PictureUse::Thumbnail))
            .collect()
    };
    let mut out = Vec::new();
    for (lang, stories) in languages {
        let stories = pick(stories);
        if stories.is_empty() {
            continue;
        }
        let language = native_name(lang);
        let (before, after) =
            crate::pages::around_argument(l10n, "front-more-language", "language");
        out.push(StorySection {
            more_text: before,
            more_name: Some(language.clone()),
            more_after: after,
            heading: language,
            heading_lang: Some(lang.clone()),
            url: urls::language_front_page(lang),
            stories,
        });
    }
    for (tag, stories) in tags {
        let stories = pick(stories);
        if stories.is_empty() {
            continue;
        }
        out.push(StorySection {
            heading: tag.name.clone(),
            heading_lang: None,
            url: urls::tag(&tag.slug),
            more_text: l10n.msg_with("front-more-tag", "tag", &tag.name),
            more_name: None,
            more_after: String::new(),
            stories,
        });
    }
    out
}

/// A front page: the site-wide one (`content.lang = None`) or one language's.
pub fn render_front(
    site: &Site,
    content: &FrontContent,
    site_languages: &[String],
) -> Result<String, RenderError> {
    let lang = content.lang.as_deref();
    // The site-wide page speaks the newsroom's default language, when it chose one.
    let configured_default = site
        .settings()
        .default_language
        .as_deref()
        .filter(|default| site_languages.iter().any(|offered| offered == default));
    let l10n = site.localizer(lang.or(configured_default).unwrap_or("en"));
    let heading = match lang {
        Some(lang) if content.page <= 1 => {
            l10n.msg_with("front-language-title", "language", &native_name(lang))
        }
        Some(lang) => native_name(lang),
        None => l10n.msg("front-title"),
    };
    let mut latest = content.latest.clone();
    let lead = if content.page <= 1 { take_lead(&mut latest) } else { None };
    // The site-wide page of a site in several languages goes on by language, so its own list of
    // the newest would only repeat those sections.
    let by_language = lang.is_none() && site_languages.len() > 1;
    if by_language {
        latest.clear();
    }
    let shown: Vec<String> = lead.iter().chain(&latest).map(|story| story.slug.clone()).collect();
    let sections = if content.page <= 1 {
        let languages = if by_language { content.languages.as_slice() } else { &[] };
        sections(&l10n, &shown, languages, &content.tags)
    } else {
        Vec::new()
    };
    let base = lang.map_or_else(urls::front_page, urls::language_front_page);
    let pager = pager(&l10n, &base, content.page, content.has_older);
    let title = match content.page {
        0 | 1 => format!("{} · {}", heading, site.name()),
        page => format!(
            "{} · {} · {}",
            heading,
            l10n.msg_count("list-page", "page", i64::from(page)),
            site.name()
        ),
    };
    let page = ListingTemplate {
        empty: lead.is_none() && latest.is_empty(),
        lead: lead.map(|story| story_item(&story, &l10n, PictureUse::Lead)),
        stories_heading: (!latest.is_empty() && !sections.is_empty())
            .then(|| l10n.msg("front-recent")),
        stories: latest
            .iter()
            .map(|story| story_item(story, &l10n, PictureUse::Thumbnail))
            .collect(),
        sections,
        pager,
        heading,
        count: None,
        chrome: Chrome::new(site, l10n, title, site_languages, lang),
    };
    render("a front page", &page)
}

/// The front page as a list of sections per language (the layout before leads and pages; kept for
/// callers that have only the newest stories of each language, such as a static copy).
pub fn render_front_page(
    site: &Site,
    lang: Option<&str>,
    sections: &[(String, Vec<ArticleSummary>)],
    site_languages: &[String],
) -> Result<String, RenderError> {
    let mut latest: Vec<ArticleSummary> =
        sections.iter().flat_map(|(_, stories)| stories.iter().cloned()).collect();
    latest.sort_by_key(|story| std::cmp::Reverse(story.published));
    let content = FrontContent {
        lang: lang.map(str::to_owned),
        latest: latest.into_iter().take(SECTION_SIZE * 3).collect(),
        languages: sections.to_vec(),
        tags: Vec::new(),
        page: 1,
        has_older: false,
    };
    render_front(site, &content, site_languages)
}

/// The most common language among stories, for the UI of a list page.
fn majority_language(stories: &[ArticleSummary]) -> &str {
    let mut best = ("en", 0);
    for story in stories {
        let count = stories.iter().filter(|other| other.lang == story.lang).count();
        if count > best.1 {
            best = (story.lang.as_str(), count);
        }
    }
    best.0
}

/// Which page of a tag's or author's stories to show and whether there are older ones.
#[derive(Debug, Clone, Copy)]
pub struct PageOf {
    /// From 1.
    pub page: u32,
    pub has_older: bool,
}

impl Default for PageOf {
    fn default() -> PageOf {
        PageOf { page: 1, has_older: false }
    }
}

struct ListArgs<'s> {
    heading_id: &'static str,
    argument: (&'static str, &'s str),
    base: String,
    stories: &'s [ArticleSummary],
    total: i64,
    /// The Fluent id of the tag's or author's feed title, and the feed's address.
    feed: (&'static str, String),
}

fn render_list(
    site: &Site,
    args: ListArgs<'_>,
    at: PageOf,
    site_languages: &[String],
) -> Result<String, RenderError> {
    let l10n = site.localizer(majority_language(args.stories));
    let heading = l10n.msg_with(args.heading_id, args.argument.0, args.argument.1);
    let count = l10n.msg_count("list-count", "count", args.total);
    let mut stories = args.stories.to_vec();
    let lead = if at.page <= 1 { take_lead(&mut stories) } else { None };
    let title = if at.page <= 1 {
        format!("{} · {}", heading, site.name())
    } else {
        let page = l10n.msg_count("list-page", "page", i64::from(at.page));
        format!("{heading} · {page} · {}", site.name())
    };
    let mut chrome = Chrome::new(site, l10n, title, site_languages, None);
    chrome.add_feed(args.feed.0, args.argument, args.feed.1);
    let page = ListingTemplate {
        empty: false,
        lead: lead.map(|story| story_item(&story, &l10n, PictureUse::Lead)),
        stories_heading: None,
        stories: stories
            .iter()
            .map(|story| story_item(story, &l10n, PictureUse::Thumbnail))
            .collect(),
        sections: Vec::new(),
        pager: pager(&l10n, &args.base, at.page, at.has_older),
        heading,
        count: Some(count),
        chrome,
    };
    render("a list page", &page)
}

/// A page of a tag's stories, in the language most of them are in.
pub fn render_tag_page_at(
    site: &Site,
    page: &TagPage,
    at: PageOf,
    site_languages: &[String],
) -> Result<String, RenderError> {
    let args = ListArgs {
        heading_id: "tag-title",
        argument: ("tag", &page.tag.name),
        base: urls::tag(&page.tag.slug),
        stories: &page.articles,
        total: page.total,
        feed: ("feed-title-tag", urls::tag_feed(&page.tag.slug)),
    };
    render_list(site, args, at, site_languages)
}

/// A tag's first page.
pub fn render_tag_page(
    site: &Site,
    page: &TagPage,
    site_languages: &[String],
) -> Result<String, RenderError> {
    render_tag_page_at(site, page, PageOf::default(), site_languages)
}

/// A page of an author's stories, in the language most of them are in.
pub fn render_author_page_at(
    site: &Site,
    page: &AuthorPage,
    at: PageOf,
    site_languages: &[String],
) -> Result<String, RenderError> {
    let args = ListArgs {
        heading_id: "author-title",
        argument: ("author", &page.author.name),
        base: urls::author(&page.author.slug),
        stories: &page.articles,
        total: page.total,
        feed: ("feed-title-author", urls::author_feed(&page.author.slug)),
    };
    render_list(site, args, at, site_languages)
}

/// An author's first page.
pub fn render_author_page(
    site: &Site,
    page: &AuthorPage,
    site_languages: &[String],
) -> Result<String, RenderError> {
    render_author_page_at(site, page, PageOf::default(), site_languages)
}
