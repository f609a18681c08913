//! One struct per page and the plain function that builds it from storage views; the templates in
//! `templates/` only lay the fields out.

use ashyq_content::ListImage;
use ashyq_content::fragment::FIGURE_SIZES;
use ashyq_content::{InterviewMode, LanguageTag};
use ashyq_i18n::Localizer;
use ashyq_store::{ArticleSummary, ArticleView, NamedLink};
use askama::Template;
use time::format_description::well_known::Rfc3339;

use crate::chrome::Chrome;
use crate::comment_pages::CommentsSection;
use crate::site::Site;
use crate::urls;

/// How many stories a front page section shows (a language's own front page shows three times
/// as many). The server and the static copy show the same.
pub const FRONT_SECTION_SIZE: u32 = 10;

/// How many stories a tag or author page lists.
pub const LIST_SIZE: u32 = 200;

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

/// Stands for an argument while a message is formatted, so that the argument can be marked with
/// its own `lang` wherever a translation puts it (a private-use character no translation holds).
const ARGUMENT_MARK: &str = "\u{E000}";

/// The words of message `id` before and after its argument `name` ("All stories in " and "" for
/// "All stories in Русский"), for a page that marks the argument with its own language.
pub(crate) fn around_argument(l10n: &Localizer<'_>, id: &str, name: &str) -> (String, String) {
    let text = l10n.msg_with(id, name, ARGUMENT_MARK);
    match text.split_once(ARGUMENT_MARK) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (text, String::new()),
    }
}

pub fn native_name(lang: &str) -> String {
    LanguageTag::parse(lang).map_or_else(|_| lang.to_uppercase(), |tag| tag.native_name())
}

/// A story's picture as a list shows it: the lead's large, a thumbnail small (and loaded only
/// when it scrolls near).
#[derive(Debug, Clone)]
pub struct Picture {
    pub src: String,
    /// Empty for an image stored in one size.
    pub srcset: String,
    pub sizes: &'static str,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub lazy: bool,
}

/// Which picture a story in a list gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureUse {
    /// Beside the title, in the narrowest size the site stores.
    Thumbnail,
    /// Across the column, above the title.
    Lead,
    /// None (the article page shows its lead figure itself).
    None,
}

/// How wide a thumbnail is shown (`.story-thumb` in the stylesheet).
const THUMBNAIL_SIZES: &str = "(min-width: 44rem) 9rem, 30vw";
/// The widest stored size a lead picture's `src` names (browsers without `srcset` get this).
const LEAD_SRC_WIDTH: u32 = 960;

fn picture(image: &ListImage, usage: PictureUse) -> Option<Picture> {
    let (src, width, height) = match usage {
        PictureUse::None => return None,
        PictureUse::Thumbnail => {
            let (src, width, height) = image.smallest();
            (src.to_owned(), width, height)
        }
        PictureUse::Lead => {
            let (src, width) = image
                .candidates
                .iter()
                .rev()
                .find(|(_, width)| *width <= LEAD_SRC_WIDTH)
                .or(image.candidates.first())
                .map(|(src, width)| (src.clone(), *width))?;
            (src, width, image.height_at(width))
        }
    };
    let srcset = if image.candidates.len() > 1 {
        image
            .candidates
            .iter()
            .map(|(url, width)| format!("{url} {width}w"))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        String::new()
    };
    let sizes = if usage == PictureUse::Lead { FIGURE_SIZES } else { THUMBNAIL_SIZES };
    Some(Picture {
        src,
        srcset,
        sizes,
        width,
        height,
        alt: image.alt.clone(),
        lazy: usage == PictureUse::Thumbnail,
    })
}

/// A story in a list.
#[derive(Debug, Clone)]
pub struct StoryItem {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub lang: String,
    pub dir: &'static str,
    pub date_iso: String,
    pub date_text: String,
    /// The UI's language, for the date and labels, where it differs from the story's.
    pub ui_lang: Option<&'static str>,
    pub authors: Vec<LinkItem>,
    pub picture: Option<Picture>,
    /// "3 comments" in lists, linking to the story's conversation (none without comments).
    pub comments: Option<String>,
}

/// The UI language as a `lang` for UI text inside a story in `story_lang`, where they differ.
pub(crate) fn ui_lang_inside(l10n: &Localizer<'_>, story_lang: &str) -> Option<&'static str> {
    let ui = l10n.lang();
    let primary = story_lang.split('-').next().unwrap_or(story_lang);
    (!ui.eq_ignore_ascii_case(primary)).then_some(ui)
}

pub(crate) fn story_item(
    summary: &ArticleSummary,
    l10n: &Localizer<'_>,
    usage: PictureUse,
) -> StoryItem {
    StoryItem {
        slug: summary.slug.clone(),
        url: urls::article(&summary.slug),
        title: summary.title.clone(),
        summary: summary.summary.clone(),
        dir: direction(&summary.lang),
        lang: summary.lang.clone(),
        date_iso: summary.published.format(&Rfc3339).unwrap_or_default(),
        date_text: l10n.date(&summary.published),
        ui_lang: ui_lang_inside(l10n, &summary.lang),
        authors: links(&summary.authors, urls::author),
        picture: summary.picture.as_ref().and_then(|image| picture(image, usage)),
        comments: summary
            .comments
            .filter(|count| *count > 0)
            .map(|count| l10n.msg_count("story-comments", "count", count)),
    }
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
    /// `<link rel="alternate" hreflang>` for every version, this one included, and `x-default`.
    alternates: Vec<AlternateLink>,
    /// "Translated from Russian by …", on a translation.
    credit: Option<String>,
    /// The notice on a translation whose original changed since: the sections, in words.
    stale: Option<String>,
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

/// A `<link rel="alternate">` in the head of an article page.
#[derive(Debug, Clone)]
pub struct AlternateLink {
    /// A language tag, or `x-default` for the original.
    pub hreflang: String,
    pub url: String,
}

/// A section of an original that changed after a translation of it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSection {
    /// `title`, `summary`, `lead.caption`, `figure.ID.alt`…, `block` or `turn`.
    pub kind: String,
    /// For blocks and turns, which one (1-based).
    pub ordinal: usize,
}

/// What an article page says about a translation besides its links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TranslationNotes {
    /// Who translated it.
    pub translators: Vec<String>,
    /// The sections of the original that changed since it was translated.
    pub stale: Vec<StaleSection>,
}

/// A stale section in words: "the title", "paragraph 3"…
fn stale_section_text(l10n: &Localizer<'_>, section: &StaleSection) -> String {
    let ordinal = section.ordinal.to_string();
    match section.kind.as_str() {
        "title" => l10n.msg("unit-title"),
        "summary" => l10n.msg("unit-summary"),
        "block" => l10n.msg_with("unit-block", "number", &ordinal),
        "turn" => l10n.msg_with("unit-turn", "number", &ordinal),
        kind if kind.ends_with(".alt") => l10n.msg("unit-alt"),
        _ => l10n.msg("unit-caption"),
    }
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
    render_translated_article_page(
        site,
        view,
        site_languages,
        comments,
        &TranslationNotes::default(),
        None,
        base_url,
    )
}

/// The article page with what is known of its translation: its translators and the sections of
/// the original that changed since. `interview`: the reader's reading mode for interviews on the
/// live site (with the links that change it); `None` for the static copy (versions paired, no
/// links). `base_url` as for [`render_article_page`].
pub fn render_translated_article_page(
    site: &Site,
    view: &ArticleView,
    site_languages: &[String],
    comments: Option<&CommentsSection>,
    notes: &TranslationNotes,
    interview: Option<InterviewMode>,
    base_url: &str,
) -> Result<String, RenderError> {
    let l10n = site.localizer(&view.summary.lang);
    let story = story_item(&view.summary, &l10n, PictureUse::None);
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
    let original_slug = view.translation_of.as_deref().unwrap_or(&view.summary.slug);
    let mut alternates: Vec<AlternateLink> =
        std::iter::once((view.summary.lang.as_str(), view.summary.slug.as_str()))
            .chain(view.translations.iter().map(|other| (other.lang.as_str(), other.slug.as_str())))
            .map(|(lang, slug)| AlternateLink {
                hreflang: lang.to_owned(),
                url: urls::article(slug),
            })
            .collect();
    if !view.translations.is_empty() {
        alternates.push(AlternateLink {
            hreflang: "x-default".to_owned(),
            url: urls::article(original_slug),
        });
    }
    let credit = translated_from.as_ref().map(|original| {
        let language = &original.lang;
        if notes.translators.is_empty() {
            l10n.msg_args(
                "article-translated-from-language",
                &[("language", language), ("name", &original.language)],
            )
        } else {
            let names = notes.translators.join(", ");
            // The count picks "Переводчик" or "Переводчики" where a language needs it.
            let count = i64::try_from(notes.translators.len()).unwrap_or(i64::MAX);
            l10n.msg_numbers(
                "article-translated-from-by",
                &[("count", count)],
                &[("language", language), ("name", &original.language), ("names", &names)],
            )
        }
    });
    let stale = (!notes.stale.is_empty() && translated_from.is_some()).then(|| {
        let sections: Vec<String> =
            notes.stale.iter().map(|section| stale_section_text(&l10n, section)).collect();
        l10n.msg_with("translation-stale-notice", "sections", &sections.join(", "))
    });
    let mut title = format!("{} · {}", story.title, site.name());
    if comments.is_some_and(|comments| !comments.form.errors.is_empty()) {
        title = l10n.msg_with("page-title-error", "title", &title);
    }
    let authors_label = l10n.msg_count("byline-authors", "count", story.authors.len() as i64);
    let site_name = site.name();
    let json_ld = crate::structured::news_article_json(view, base_url, &site_name, &l10n);
    let meta = crate::structured::open_graph(view, base_url, &site_name);
    let mut chrome =
        Chrome::new(site, l10n, title, site_languages, Some(view.summary.lang.as_str()));
    chrome.json_ld = Some(json_ld);
    chrome.meta = meta;
    let show_summary = !summary_repeats_body(&story.summary, &view.body_html);
    let body_html = crate::interview_modes::interview_body(
        &chrome.l10n,
        &view.summary.slug,
        &view.body_html,
        &view.summary.lang,
        view.translation_of.is_some(),
        interview,
    )?;
    let page = ArticlePageTemplate {
        chrome,
        show_summary,
        story,
        authors_label,
        tags: links(&view.tags, urls::tag),
        lead_html: view.lead_html.clone(),
        body_html,
        translations,
        translated_from,
        alternates,
        credit,
        stale,
        comments: comments.cloned(),
        comment_rules: site.rules_html(&view.summary.lang).map(str::to_owned),
    };
    render("an article page", &page)
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
