//! One struct per page and the plain function that builds it from storage views; the templates in
//! `templates/` only lay the fields out.

use ashyq_content::LanguageTag;
use ashyq_i18n::Localizer;
use ashyq_store::{ArticleSummary, ArticleView, AuthorPage, NamedLink, TagPage};
use askama::Template;
use time::format_description::well_known::Rfc3339;

use crate::chrome::Chrome;
use crate::comment_pages::CommentsSection;
use crate::site::Site;
use crate::urls;

/// A template failed to render (a bug, not bad input: templates are checked at compile time).
#[derive(Debug, thiserror::Error)]
#[error("rendering {page} failed: {source}")]
pub struct RenderError {
    page: &'static str,
    #[source]
    source: askama::Error,
}

impl RenderError {
    pub(crate) fn new(page: &'static str, source: askama::Error) -> RenderError {
        RenderError { page, source }
    }
}

pub(crate) fn render(page: &'static str, template: &impl Template) -> Result<String, RenderError> {
    template.render().map_err(|source| RenderError { page, source })
}

/// A link with its text.
#[derive(Debug, Clone)]
pub struct LinkItem {
    pub url: String,
    pub text: String,
}

fn links(items: &[NamedLink], to_url: fn(&str) -> String) -> Vec<LinkItem> {
    items.iter().map(|item| LinkItem { url: to_url(&item.slug), text: item.name.clone() }).collect()
}

fn direction(lang: &str) -> &'static str {
    LanguageTag::parse(lang).map_or("ltr", |tag| tag.direction().as_str())
}

fn native_name(lang: &str) -> String {
    LanguageTag::parse(lang).map_or_else(|_| lang.to_uppercase(), |tag| tag.native_name())
}

/// A story in a list.
#[derive(Debug, Clone)]
pub struct StoryItem {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub lang: String,
    pub dir: &'static str,
    pub date_iso: String,
    pub date_text: String,
    pub authors: Vec<LinkItem>,
}

fn story_item(summary: &ArticleSummary, l10n: &Localizer<'_>) -> StoryItem {
    StoryItem {
        url: urls::article(&summary.slug),
        title: summary.title.clone(),
        summary: summary.summary.clone(),
        dir: direction(&summary.lang),
        lang: summary.lang.clone(),
        date_iso: summary.published.format(&Rfc3339).unwrap_or_default(),
        date_text: l10n.date(&summary.published),
        authors: links(&summary.authors, urls::author),
    }
}

/// One language's latest stories on a front page.
#[derive(Debug, Clone)]
pub struct FrontSection {
    pub heading: String,
    pub lang: String,
    pub url: String,
    pub stories: Vec<StoryItem>,
}

#[derive(Template)]
#[template(path = "front.html")]
struct FrontPageTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    sections: Vec<FrontSection>,
}

/// The front page: `lang = None` for the site-wide page with a section per language, `Some` for one
/// language's page (whose UI is in that language). `sections` pairs each language with its stories.
pub fn render_front_page(
    site: &Site,
    lang: Option<&str>,
    sections: &[(String, Vec<ArticleSummary>)],
    site_languages: &[String],
) -> Result<String, RenderError> {
    // The site-wide page speaks the newsroom's default language, when it chose one.
    let configured_default = site
        .settings()
        .default_language
        .as_deref()
        .filter(|default| site_languages.iter().any(|offered| offered == default));
    let l10n = site.localizer(lang.or(configured_default).unwrap_or("en"));
    let heading = l10n.msg("front-title");
    let sections = sections
        .iter()
        .map(|(section_lang, stories)| FrontSection {
            heading: native_name(section_lang),
            lang: section_lang.clone(),
            url: urls::language_front_page(section_lang),
            stories: stories.iter().map(|story| story_item(story, &l10n)).collect(),
        })
        .collect();
    let title = format!("{} · {}", heading, site.name());
    let chrome = Chrome::new(site, l10n, title, site_languages, lang);
    render("the front page", &FrontPageTemplate { chrome, heading, sections })
}

/// Another language version of the story, as linked from the article page.
#[derive(Debug, Clone)]
pub struct TranslationItem {
    pub url: String,
    pub lang: String,
    pub language: String,
    pub title: String,
    pub is_original: bool,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePageTemplate<'a> {
    chrome: Chrome<'a>,
    story: StoryItem,
    authors_label: String,
    tags: Vec<LinkItem>,
    lead_html: Option<String>,
    /// False when the summary only repeats the body's opening (an article written without one).
    show_summary: bool,
    body_html: String,
    translations: Vec<TranslationItem>,
    translated_from: Option<TranslationItem>,
    /// The live site's comments section; `None` where there is no server to post to (static export).
    comments: Option<CommentsSection>,
    /// The newsroom's rules for comments in the article's language (HTML), shown above the
    /// form; `None` for the built-in ones.
    comment_rules: Option<String>,
}

/// Whether `summary` is the opening of the body (what listings show for an article written without
/// a `summary`), so that the page does not print the same words twice.
fn summary_repeats_body(summary: &str, body_html: &str) -> bool {
    let summary = summary.trim().trim_end_matches('…');
    if summary.is_empty() {
        return true;
    }
    let mut text = String::with_capacity(body_html.len());
    let mut in_tag = false;
    for ch in body_html.chars() {
        match ch {
            '<' => in_tag = true,
            // Block tags end with a newline in rendered Markdown; inline tags must not split words.
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    text.contains(&summary)
}

/// The article page. Its UI follows the article's language. `base_url` is the site's public
/// address, for the page's JSON-LD and Open Graph data (which must be absolute).
pub fn render_article_page(
    site: &Site,
    view: &ArticleView,
    site_languages: &[String],
    comments: Option<&CommentsSection>,
    base_url: &str,
) -> Result<String, RenderError> {
    let l10n = site.localizer(&view.summary.lang);
    let story = story_item(&view.summary, &l10n);
    let translations: Vec<TranslationItem> = view
        .translations
        .iter()
        .map(|translation| TranslationItem {
            url: urls::article(&translation.slug),
            language: native_name(&translation.lang),
            lang: translation.lang.clone(),
            title: translation.title.clone(),
            is_original: translation.is_original,
        })
        .collect();
    let translated_from = view.translation_of.as_ref().and_then(|original| {
        translations.iter().find(|item| item.url == urls::article(original)).cloned()
    });
    let title = format!("{} · {}", story.title, site.name());
    let authors_label = l10n.msg_count("byline-authors", "count", story.authors.len() as i64);
    let site_name = site.name();
    let json_ld = crate::structured::news_article_json(view, base_url, &site_name, &l10n);
    let meta = crate::structured::open_graph(view, base_url, &site_name);
    let mut chrome =
        Chrome::new(site, l10n, title, site_languages, Some(view.summary.lang.as_str()));
    chrome.json_ld = Some(json_ld);
    chrome.meta = meta;
    let show_summary = !summary_repeats_body(&story.summary, &view.body_html);
    let page = ArticlePageTemplate {
        chrome,
        show_summary,
        story,
        authors_label,
        tags: links(&view.tags, urls::tag),
        lead_html: view.lead_html.clone(),
        body_html: view.body_html.clone(),
        translations,
        translated_from,
        comments: comments.cloned(),
        comment_rules: site.rules_html(&view.summary.lang).map(str::to_owned),
    };
    render("an article page", &page)
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPageTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    count: String,
    stories: Vec<StoryItem>,
}

/// A tag's or author's feed: the Fluent id of its title and its address.
struct ListFeed {
    title_id: &'static str,
    url: String,
}

fn render_list(
    site: &Site,
    ui_lang: &str,
    heading_id: &str,
    argument: (&str, &str),
    stories: &[ArticleSummary],
    site_languages: &[String],
    feed: ListFeed,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let heading = l10n.msg_with(heading_id, argument.0, argument.1);
    let count = l10n.msg_count("list-count", "count", stories.len() as i64);
    let stories = stories.iter().map(|story| story_item(story, &l10n)).collect();
    let title = format!("{} · {}", heading, site.name());
    let mut chrome = Chrome::new(site, l10n, title, site_languages, None);
    chrome.add_feed(feed.title_id, argument, feed.url);
    render("a list page", &ListPageTemplate { chrome, heading, count, stories })
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

/// A tag's page, in the language most of its stories are in.
pub fn render_tag_page(
    site: &Site,
    page: &TagPage,
    site_languages: &[String],
) -> Result<String, RenderError> {
    let ui_lang = majority_language(&page.articles);
    render_list(
        site,
        ui_lang,
        "tag-title",
        ("tag", &page.tag.name),
        &page.articles,
        site_languages,
        ListFeed { title_id: "feed-title-tag", url: urls::tag_feed(&page.tag.slug) },
    )
}

/// An author's page, in the language most of their stories are in.
pub fn render_author_page(
    site: &Site,
    page: &AuthorPage,
    site_languages: &[String],
) -> Result<String, RenderError> {
    let ui_lang = majority_language(&page.articles);
    render_list(
        site,
        ui_lang,
        "author-title",
        ("author", &page.author.name),
        &page.articles,
        site_languages,
        ListFeed { title_id: "feed-title-author", url: urls::author_feed(&page.author.slug) },
    )
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePageTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    body: String,
    link_text: String,
}

/// A page that only says something: errors (404, 403, 429, 500…) and notices. `title_id` and
/// `body_id` are Fluent message ids.
pub fn render_message_page(
    site: &Site,
    ui_lang: &str,
    title_id: &str,
    body_id: &str,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let heading = l10n.msg(title_id);
    let body = l10n.msg(body_id);
    let link_text = l10n.msg("not-found-home");
    let title = format!("{} · {}", heading, site.name());
    let chrome = Chrome::new(site, l10n, title, &[], None);
    render("a message page", &MessagePageTemplate { chrome, heading, body, link_text })
}

#[cfg(test)]
mod tests {
    use super::summary_repeats_body;

    /// Issue 10 item 9: a summary taken from the body is not printed again as the page's lead.
    #[test]
    fn a_summary_taken_from_the_opening_is_not_repeated() {
        let body = "<h2>Ferry</h2>\n<p>Every <em>Fri</em>day the weekly crosses\nthe river <strong>by boat</strong> &amp; more.</p>\n";
        assert!(summary_repeats_body(
            "Every Friday the weekly crosses the river by boat & more.",
            body
        ));
        assert!(summary_repeats_body("Every Friday the weekly…", body));
        assert!(!summary_repeats_body("A ferryman keeps the paper moving.", body));
    }
}
