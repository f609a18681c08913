//! The search page, for readers (`/search`) and for the newsroom (`/admin/search`): the form, the
//! stories found (a story's language versions as one hit), a snippet per hit with the matched
//! words marked, and links to the other pages of results. Every text is escaped by the template.

use ashyq_content::LanguageTag;
use askama::Template;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::chrome::{Chrome, StaffNav};
use crate::pages::{RenderError, render};
use crate::site::Site;

/// What was asked, as typed (shown back in the form).
#[derive(Debug, Clone, Default)]
pub struct SearchForm {
    pub q: String,
    pub lang: String,
    pub tag: String,
    pub author: String,
    pub from: String,
    pub to: String,
}

/// One language version of a story found.
#[derive(Debug, Clone)]
pub struct FoundVersion {
    pub slug: String,
    pub lang: String,
    pub title: String,
    /// A status code (`draft`, …) shown to the newsroom; `None` for readers.
    pub status: Option<String>,
    pub published_at: i64,
}

/// One story found.
#[derive(Debug, Clone)]
pub struct FoundStory {
    pub best: FoundVersion,
    /// `(text, marked)` runs.
    pub snippet: Vec<(String, bool)>,
    pub versions: Vec<FoundVersion>,
}

/// The page's content besides the form.
#[derive(Debug, Clone)]
pub enum SearchOutcome {
    /// No words typed (or only very common ones).
    NoWords,
    Found {
        stories: Vec<FoundStory>,
        total: usize,
        more: bool,
        page: usize,
        pages: usize,
    },
    /// The index is not ready (being built at start).
    Unavailable,
}

/// Who the page is for.
#[derive(Debug, Clone)]
pub enum SearchAudience {
    Readers { site_languages: Vec<String> },
    Newsroom { staff: StaffNav },
}

#[derive(Debug, Clone)]
struct HitItem {
    url: String,
    title: String,
    lang: String,
    dir: &'static str,
    lang_name: String,
    date_iso: String,
    date_text: String,
    /// The UI's language, for the date and labels inside a hit in another language.
    ui_lang: Option<&'static str>,
    status: Option<String>,
    snippet: Vec<(String, bool)>,
    versions: Vec<VersionItem>,
}

#[derive(Debug, Clone)]
struct VersionItem {
    url: String,
    lang: String,
    name: String,
    title: String,
}

#[derive(Debug, Clone)]
struct OptionItem {
    code: String,
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPageTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    action: &'static str,
    form: SearchForm,
    languages: Vec<OptionItem>,
    notes: Vec<String>,
    summary: Option<String>,
    hits: Vec<HitItem>,
    previous: Option<String>,
    next: Option<String>,
    page_text: Option<String>,
}

fn language_name(code: &str) -> String {
    LanguageTag::parse(code).map_or_else(|_| code.to_uppercase(), |tag| tag.native_name())
}

fn direction(code: &str) -> &'static str {
    LanguageTag::parse(code).map_or("ltr", |tag| tag.direction().as_str())
}

/// The search page. `notes` are Fluent ids of remarks about the form (a date left out, …).
pub fn render_search_page(
    site: &Site,
    ui_lang: &str,
    audience: &SearchAudience,
    form: &SearchForm,
    notes: &[&str],
    outcome: &SearchOutcome,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let newsroom = matches!(audience, SearchAudience::Newsroom { .. });
    let heading = l10n.msg(if newsroom { "search-newsroom-title" } else { "search-title" });
    let title = format!("{} · {}", heading, site.name());
    let (action, article_url): (&'static str, fn(&str) -> String) = if newsroom {
        ("/admin/search", crate::urls::edit_article)
    } else {
        ("/search", crate::urls::article)
    };
    let date = |seconds: i64| {
        let moment =
            OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        (moment.format(&Rfc3339).unwrap_or_default(), l10n.date(&moment))
    };
    let status_text =
        |status: &Option<String>| status.as_ref().map(|code| l10n.msg(&format!("status-{code}")));
    let mut hits = Vec::new();
    let mut summary = None;
    let (mut previous, mut next, mut page_text) = (None, None, None);
    match outcome {
        SearchOutcome::NoWords => {
            if !form.q.trim().is_empty() {
                summary = Some(l10n.msg("search-no-words"));
            }
        }
        SearchOutcome::Unavailable => summary = Some(l10n.msg("search-unavailable")),
        SearchOutcome::Found { stories, total, more, page, pages } => {
            summary = Some(if *total == 0 {
                l10n.msg("search-nothing")
            } else if *more {
                l10n.msg_count("search-found-more", "count", *total as i64)
            } else {
                l10n.msg_count("search-found", "count", *total as i64)
            });
            for story in stories {
                let (date_iso, date_text) = date(story.best.published_at);
                let versions = story
                    .versions
                    .iter()
                    .map(|version| VersionItem {
                        url: article_url(&version.slug),
                        lang: version.lang.clone(),
                        name: language_name(&version.lang),
                        title: version.title.clone(),
                    })
                    .collect();
                hits.push(HitItem {
                    url: article_url(&story.best.slug),
                    title: story.best.title.clone(),
                    lang: story.best.lang.clone(),
                    dir: direction(&story.best.lang),
                    lang_name: language_name(&story.best.lang),
                    date_iso,
                    date_text,
                    ui_lang: crate::pages::ui_lang_inside(&l10n, &story.best.lang),
                    status: status_text(&story.best.status),
                    snippet: story.snippet.clone(),
                    versions,
                });
            }
            let link = |page: usize| format!("{action}?{}", query_string(form, page));
            if *page > 1 {
                previous = Some(link(page - 1));
            }
            if page < pages {
                next = Some(link(page + 1));
            }
            if *pages > 1 {
                page_text =
                    Some(l10n.msg_with("search-page", "number", &format!("{page} / {pages}")));
            }
        }
    }
    let codes: Vec<String> = match audience {
        SearchAudience::Readers { site_languages } => site_languages.clone(),
        SearchAudience::Newsroom { .. } => ["en", "ru", "kk"].map(str::to_owned).to_vec(),
    };
    let languages = codes
        .iter()
        .map(|code| OptionItem {
            code: code.clone(),
            name: language_name(code),
            selected: *code == form.lang,
        })
        .collect();
    let notes = notes.iter().map(|id| l10n.msg(id)).collect();
    let chrome = match audience {
        SearchAudience::Readers { site_languages } => {
            Chrome::new(site, l10n, title, site_languages, None)
        }
        SearchAudience::Newsroom { staff } => Chrome::staff(site, l10n, title, staff.clone()),
    };
    render(
        "the search page",
        &SearchPageTemplate {
            chrome,
            heading,
            action,
            form: form.clone(),
            languages,
            notes,
            summary,
            hits,
            previous,
            next,
            page_text,
        },
    )
}

/// The form's fields as a query string, for the links to other pages.
fn query_string(form: &SearchForm, page: usize) -> String {
    let pairs = [
        ("q", form.q.as_str()),
        ("lang", &form.lang),
        ("tag", &form.tag),
        ("author", &form.author),
        ("from", &form.from),
        ("to", &form.to),
    ];
    let mut query: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| {
            let encoded =
                percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC);
            format!("{name}={encoded}")
        })
        .collect();
    query.push(format!("page={page}"));
    query.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_one(snippet: Vec<(String, bool)>, title: &str) -> String {
        let site = Site::with_defaults(std::sync::Arc::new(ashyq_i18n::Catalog::new().unwrap()));
        let version = FoundVersion {
            slug: "a-b".to_owned(),
            lang: "ru".to_owned(),
            title: title.to_owned(),
            status: None,
            published_at: 1_773_000_000,
        };
        let outcome = SearchOutcome::Found {
            stories: vec![FoundStory { best: version.clone(), snippet, versions: vec![version] }],
            total: 25,
            more: false,
            page: 2,
            pages: 3,
        };
        let form = SearchForm { q: "x \"y\" & <z>".to_owned(), ..SearchForm::default() };
        let audience = SearchAudience::Readers { site_languages: vec!["ru".to_owned()] };
        render_search_page(&site, "en", &audience, &form, &[], &outcome).unwrap()
    }

    #[test]
    fn snippets_mark_words_and_escape_everything_else() {
        let html = render_one(
            vec![("<script>a</script> ".to_owned(), false), ("Протесты".to_owned(), true)],
            "<b>title</b>",
        );
        assert!(html.contains("<mark>Протесты</mark>"));
        assert!(!html.contains("<script>a"));
        assert!(!html.contains("<b>title"));
        // Page links keep every field, percent-encoded.
        assert!(
            html.contains("href=\"/search?q=x%20%22y%22%20%26%20%3Cz%3E&#38;page=1\""),
            "{html}"
        );
        assert!(html.contains("page=3\" rel=\"next\""));
    }

    /// The date and labels of a hit written in another language than the page's are in the
    /// page's language, and say so (a screen reader would read "13 March" with Russian rules).
    #[test]
    fn ui_text_inside_a_hit_in_another_language_carries_the_ui_language() {
        let html = render_one(vec![("паром".to_owned(), true)], "Паром");
        assert!(html.contains("<li class=\"story\" lang=\"ru\" dir=\"ltr\">"), "{html}");
        assert!(
            html.contains(
                "datetime=\"2026-03-08T20:00:00Z\" lang=\"en\" dir=\"auto\">8 March 2026</time>"
            ),
            "{html}"
        );
    }
}
