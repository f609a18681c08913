//! What readers see: front pages, articles (with their comments), tag and author pages, and the 404
//! page. Public pages are served from a short-lived cache of rendered pages (`page_cache`); only a
//! reader with their own pending comments, or a logged-in person, gets a page rendered for them.

use std::sync::Arc;

use ashyq_content::InterviewMode;
use ashyq_i18n::{negotiate, ui_language_for};
use ashyq_render::{StaleSection, TranslationNotes};
use ashyq_store::{ArticleView, CommentTarget, Store};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::cookies::{SESSION_COOKIE, cookie};
use crate::auth::csrf::CsrfToken;
use crate::comments::{COMMENTER_COOKIE, FormState};
use crate::comments::{CommentsPage, CommentsView};
use crate::conditional::{self, Policy};
use crate::error::WebError;
use crate::interview_mode::{cache_key, interview_mode};
use crate::page_cache::CachedPage;
use crate::state::{AppState, now};

/// How many of the newest stories the site-wide front page shows before its sections.
const FRONT_LATEST: u32 = 7;
/// How many stories a page of a list (a language's front page, a tag, an author) shows.
const PAGE_SIZE: u32 = 20;
/// How many tags get a section on a front page.
const FRONT_TAGS: u32 = 3;
/// The last page number a list answers (20 × 500 stories); beyond it, 404.
const LAST_PAGE: u32 = 500;

/// Pages without a form (front pages, tag and author pages) are the same for everyone: browsers,
/// relays and mirrors may keep them for a minute (so a correction reaches readers within a minute)
/// and then revalidate with the `ETag`.
const SHARED: Policy = Policy { cache_control: "public, max-age=60", vary: None };

/// The article page as most readers get it carries the reader's own form token: the browser may
/// keep it and revalidate it (the `ETag` covers the token), a shared cache never stores it.
const READER: Policy = Policy { cache_control: "private, no-cache", vary: Some("Cookie") };

pub(crate) fn page(headers: &HeaderMap, html: Arc<CachedPage>) -> Response {
    conditional::html_page(headers, html.tag(), SHARED, || html.shared())
}

/// The UI language for an error page, from the browser's preferences.
pub(crate) fn preferred_language(headers: &HeaderMap) -> &'static str {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or("en", negotiate)
}

/// The published article `slug` as a place for comments (kept like pages: briefly, and dropped
/// when content changes).
pub(crate) async fn comment_target<S: Store>(
    state: &AppState<S>,
    slug: &str,
) -> Result<Option<Arc<CommentTarget>>, WebError> {
    if let Some(target) = state.pages.target(slug) {
        return Ok(Some(target));
    }
    let version = state.pages.version();
    Ok(state
        .store
        .comment_target(slug)
        .await?
        .map(|target| state.pages.put_target(version, target)))
}

/// The languages readers are offered: the site's `languages` in order, then the others that have
/// published articles, less the hidden ones (`SiteSettings::offered_languages`). The published
/// list is kept for a minute and dropped when content changes, in this process or, through the
/// site generation (`site.rs`), in any other.
pub(crate) async fn site_languages<S: Store>(state: &AppState<S>) -> Result<Vec<String>, WebError> {
    let site = state.site();
    if let Some(list) = state.pages.languages() {
        return Ok(site.settings().offered_languages(&list));
    }
    let version = state.pages.version();
    let list: Vec<String> =
        state.store.languages().await?.into_iter().map(|language| language.lang).collect();
    Ok(site.settings().offered_languages(&state.pages.put_languages(version, list)))
}

/// A cached page for `key`, or `render` it and keep it.
pub(crate) async fn cached<S: Store, F, Fut>(
    state: &AppState<S>,
    key: &str,
    render: F,
) -> Result<Arc<CachedPage>, WebError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<String, WebError>>,
{
    if let Some(html) = state.pages.get(key) {
        return Ok(html);
    }
    let version = state.pages.version();
    let started = std::time::Instant::now();
    let html = render().await?;
    tracing::debug!(key, render_us = started.elapsed().as_micros() as u64, "page rendered");
    Ok(state.pages.put(key, version, html))
}

/// `?page=N` on a list. A page that is not a number from 1 to `LAST_PAGE` is a 404 (and so is a
/// page past the last story), so that every address a list answers is one a link leads to.
#[derive(Debug, Deserialize)]
pub(crate) struct PageQuery {
    #[serde(default)]
    page: Option<String>,
}

impl PageQuery {
    fn number(&self, ui_lang: &'static str) -> Result<u32, WebError> {
        match self.page.as_deref() {
            None => Ok(1),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|page| (1..=LAST_PAGE).contains(page))
                .ok_or(WebError::NotFound { ui_lang }),
        }
    }
}

/// The cache key of page `page` of the list at `path`.
fn page_key(path: &str, page: u32) -> String {
    if page <= 1 { path.to_owned() } else { format!("{path}?page={page}") }
}

/// Stories per tag for a front page's sections: the most used tags (in `lang`, or in all).
async fn tag_sections<S: Store>(
    state: &AppState<S>,
    lang: Option<&str>,
) -> Result<Vec<(ashyq_store::NamedLink, Vec<ashyq_store::ArticleSummary>)>, WebError> {
    let mut sections = Vec::new();
    for tag in state.store.top_tags(lang, FRONT_TAGS).await? {
        // Enough to fill a section after the stories shown above it are left out.
        let Some(page) = state.store.tag_page(&tag.slug, FRONT_LATEST + 6).await? else {
            continue;
        };
        let stories =
            page.articles.into_iter().filter(|story| lang.is_none_or(|lang| story.lang == lang));
        sections.push((tag, stories.collect()));
    }
    Ok(sections)
}

pub(crate) async fn front_page<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let html = cached(&state, "/", || async {
        let languages = site_languages(&state).await?;
        let latest = state.store.latest_articles(None, FRONT_LATEST).await?;
        let mut per_language = Vec::with_capacity(languages.len());
        for lang in &languages {
            // Enough to fill a section after the newest stories shown above it are left out.
            let stories = state.store.latest_articles(Some(lang), FRONT_LATEST + 3).await?;
            per_language.push((lang.clone(), stories));
        }
        let content = ashyq_render::FrontContent {
            lang: None,
            latest,
            languages: per_language,
            tags: tag_sections(&state, None).await?,
            page: 1,
            has_older: false,
        };
        Ok(ashyq_render::render_front(&state.site(), &content, &languages)?)
    })
    .await?;
    Ok(page(&headers, html))
}

pub(crate) async fn language_front_page<S: Store>(
    State(state): State<AppState<S>>,
    Path(lang): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let ui_lang = ui_language_for(&lang);
    let number = query.number(ui_lang)?;
    let key = page_key(&format!("/{lang}/"), number);
    let html = cached(&state, &key, || async {
        let languages = site_languages(&state).await?;
        if !languages.contains(&lang) {
            return Err(WebError::NotFound { ui_lang });
        }
        let offset = (number - 1) * PAGE_SIZE;
        let mut latest =
            state.store.latest_articles_from(Some(&lang), offset, PAGE_SIZE + 1).await?;
        if latest.is_empty() && number > 1 {
            return Err(WebError::NotFound { ui_lang });
        }
        let has_older = latest.len() > PAGE_SIZE as usize;
        latest.truncate(PAGE_SIZE as usize);
        let tags = if number == 1 { tag_sections(&state, Some(&lang)).await? } else { Vec::new() };
        let content = ashyq_render::FrontContent {
            lang: Some(lang.clone()),
            latest,
            languages: Vec::new(),
            tags,
            page: number,
            has_older,
        };
        Ok(ashyq_render::render_front(&state.site(), &content, &languages)?)
    })
    .await?;
    Ok(page(&headers, html))
}

/// `/ru` → `/ru/`, so that both forms of a language's address work.
pub(crate) async fn add_trailing_slash(uri: Uri, headers: HeaderMap) -> Result<Response, WebError> {
    let path = uri.path();
    if path.len() <= 12 && path[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Ok(Redirect::permanent(&format!("{path}/")).into_response());
    }
    Err(WebError::NotFound { ui_lang: preferred_language(&headers) })
}

#[derive(Debug, Deserialize)]
pub(crate) struct ArticleQuery {
    #[serde(default)]
    reply_to: Option<i64>,
    #[serde(default)]
    posted: Option<i64>,
    /// A page of a long conversation (`?comments=2`).
    #[serde(default)]
    comments: Option<usize>,
    /// A link to one comment: the page of the conversation that holds it.
    #[serde(default)]
    comment: Option<i64>,
    /// A link choosing how interviews are read (`paired`, `language`, `original`); remembered.
    #[serde(default)]
    interview: Option<String>,
}

impl ArticleQuery {
    fn comments_page(&self) -> CommentsPage {
        match (self.comments, self.posted.or(self.reply_to).or(self.comment)) {
            (Some(number), _) => CommentsPage::Number(number),
            (None, Some(id)) => CommentsPage::Containing(id),
            (None, None) => CommentsPage::First,
        }
    }
}

/// The article page with its comments section for this reader: approved comments, the reader's own
/// pending ones, and the form (with what was typed and its errors, after a failed submission).
/// With `csrf = None` the form carries placeholders, for the shared cached copy.
pub(crate) async fn render_article_with_comments<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    headers: &HeaderMap,
    csrf: Option<&CsrfToken>,
    form: FormState,
    asked: CommentsView,
    interview: InterviewMode,
) -> Result<String, WebError> {
    let Some(view) = state.store.article(&target.slug).await? else {
        return Err(WebError::NotFound { ui_lang: preferred_language(headers) });
    };
    let languages = site_languages(state).await?;
    let placeholders = state.pages.placeholders();
    let placeholder = CsrfToken(placeholders.token.clone());
    let mut comments =
        crate::comments::section(state, target, headers, csrf.unwrap_or(&placeholder), form, asked)
            .await?;
    if csrf.is_none() {
        comments.form_started = placeholders.form_time.clone();
    }
    let notes = translation_notes(state, &view).await?;
    Ok(ashyq_render::render_translated_article_page(
        &state.site(),
        &view,
        &languages,
        Some(&comments),
        &notes,
        Some(interview),
        &state.auth.public_url,
    )?)
}

/// A translation's translators and the sections of its original changed since it was made.
async fn translation_notes<S: Store>(
    state: &AppState<S>,
    view: &ArticleView,
) -> Result<TranslationNotes, WebError> {
    let Some(original) = &view.translation_of else { return Ok(TranslationNotes::default()) };
    let slug = &view.summary.slug;
    let translators = state.store.translators(slug).await?;
    let stale = ashyq_services::translations::stale_units(&state.store, slug, original)
        .await
        .map_err(|error| WebError::Internal(error.to_string()))?
        .into_iter()
        .map(|unit| StaleSection { kind: unit.kind, ordinal: unit.ordinal })
        .collect();
    Ok(TranslationNotes { translators, stale })
}

/// The article page rendered for one person (a commenter with their own pending comments, a
/// logged-in person, a reply form, the notice after posting): nobody else may be given it, and
/// it is not kept at all — a shared computer must not show a logged-in person's page later.
fn personal_page(html: impl Into<axum::body::Bytes>) -> Response {
    ([(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"))], Html(html.into()))
        .into_response()
}

pub(crate) async fn article_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let page = query.comments_page();
    let (interview, remember) =
        interview_mode(query.interview.as_deref(), &headers, state.auth.secure_cookies);
    let mut response =
        article_response(&state, &csrf, slug, &query, page, &headers, interview).await?;
    if let Some(remember) = remember {
        response.headers_mut().append(header::SET_COOKIE, remember);
    }
    Ok(response)
}

/// The article page in the reader's interview mode (`article_page` without the mode's cookie).
async fn article_response<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    slug: String,
    query: &ArticleQuery,
    page: CommentsPage,
    headers: &HeaderMap,
    interview: InterviewMode,
) -> Result<Response, WebError> {
    let shared = query.reply_to.is_none()
        && query.posted.is_none()
        && query.comment.is_none()
        && cookie(headers, COMMENTER_COOKIE).is_none()
        && cookie(headers, SESSION_COOKIE).is_none();
    if shared {
        // Only pages that exist are kept (past the last one is an error, never cached), so
        // walking `?comments=N` cannot fill the cache.
        let key = match page {
            CommentsPage::Number(number) if number != 1 => {
                format!("/articles/{slug}?comments={number}")
            }
            _ => format!("/articles/{slug}"),
        };
        // Each mode is its own page; the default keeps the plain address's key.
        let key = cache_key(key, interview);
        let html = cached(state, &key, || async {
            let Some(target) = comment_target(state, &slug).await? else {
                return Err(WebError::NotFound { ui_lang: preferred_language(headers) });
            };
            render_article_with_comments(
                state,
                &target,
                headers,
                None,
                FormState::default(),
                CommentsView { page, ..CommentsView::default() },
                interview,
            )
            .await
        })
        .await?;
        // The validator covers the page and this reader's token: another reader's tag never
        // matches, and a `304` lets the browser keep its copy with its own token in it. The form
        // time in that copy only grows older, which the too-fast check allows.
        let digest = crate::page_cache::digest(&[html.tag().as_bytes(), csrf.0.as_bytes()]);
        return Ok(conditional::html_page(headers, &digest, READER, || {
            html.fill(&csrf.0, &now().to_string())
        }));
    }
    let Some(target) = comment_target(state, &slug).await? else {
        return Err(WebError::NotFound { ui_lang: preferred_language(headers) });
    };
    let html = render_article_with_comments(
        state,
        &target,
        headers,
        Some(csrf),
        FormState::default(),
        CommentsView { reply_to: query.reply_to, posted: query.posted.is_some(), page },
        interview,
    )
    .await?;
    Ok(personal_page(html))
}

pub(crate) async fn tag_page<S: Store>(
    State(state): State<AppState<S>>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    let number = query.number(ui_lang)?;
    let key = page_key(&format!("/tags/{slug}"), number);
    let html = cached(&state, &key, || async {
        let offset = (number - 1) * PAGE_SIZE;
        let Some(tag) = state.store.tag_page_from(&slug, offset, PAGE_SIZE).await? else {
            return Err(WebError::NotFound { ui_lang });
        };
        if tag.articles.is_empty() {
            return Err(WebError::NotFound { ui_lang });
        }
        let at = ashyq_render::PageOf { page: number, has_older: older(tag.total, offset) };
        let languages = site_languages(&state).await?;
        Ok(ashyq_render::render_tag_page_at(&state.site(), &tag, at, &languages)?)
    })
    .await?;
    Ok(page(&headers, html))
}

/// Whether a list of `total` stories goes on past the page starting at `offset`.
fn older(total: i64, offset: u32) -> bool {
    total > i64::from(offset) + i64::from(PAGE_SIZE)
}

pub(crate) async fn author_page<S: Store>(
    State(state): State<AppState<S>>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    let number = query.number(ui_lang)?;
    let key = page_key(&format!("/authors/{slug}"), number);
    let html = cached(&state, &key, || async {
        let offset = (number - 1) * PAGE_SIZE;
        let Some(author) = state.store.author_page_from(&slug, offset, PAGE_SIZE).await? else {
            return Err(WebError::NotFound { ui_lang });
        };
        if author.articles.is_empty() {
            return Err(WebError::NotFound { ui_lang });
        }
        let at = ashyq_render::PageOf { page: number, has_older: older(author.total, offset) };
        let languages = site_languages(&state).await?;
        Ok(ashyq_render::render_author_page_at(&state.site(), &author, at, &languages)?)
    })
    .await?;
    Ok(page(&headers, html))
}

pub(crate) async fn not_found(headers: HeaderMap) -> WebError {
    WebError::NotFound { ui_lang: preferred_language(&headers) }
}
