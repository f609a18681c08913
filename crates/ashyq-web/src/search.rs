//! Search: `/search` for readers (published articles only) and `/admin/search` for the newsroom
//! (every article, drafts too). The query runs on the blocking pool (tantivy is synchronous); the
//! page is never cached, by us or by relays, since it echoes what the person typed.

use ashyq_accounts::Action;
use ashyq_i18n::ui_language_for;
use ashyq_render::{
    FoundStory, FoundVersion, SearchAudience, SearchForm, SearchOutcome, render_search_page,
};
use ashyq_search::{Hit, Scope, SearchQuery, SearchResults, Version};
use ashyq_store::Store;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use time::macros::format_description;

use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::reading::{preferred_language, site_languages};
use crate::state::{AppState, now};

/// Stories per page of results.
const PER_PAGE: usize = 10;
/// Pages beyond this are not offered (the index groups at most a thousand matches anyway).
const MAX_PAGE: usize = 100;
/// Characters of a field kept; the rest is dropped before anything else looks at it.
const MAX_FIELD: usize = 200;
/// Searches running at once; more wait their turn (up to `SLOT_WAIT`), so a burst of queries
/// cannot take every blocking thread and every core from the rest of the site.
const SEARCH_SLOTS: usize = 4;
const SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(5);
static SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(SEARCH_SLOTS);

/// The form's fields, all optional and all text: a malformed value is a note on the page, never
/// a bare 400.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SearchParams {
    q: String,
    lang: String,
    tag: String,
    author: String,
    from: String,
    to: String,
    page: String,
}

fn clip(text: &str) -> String {
    text.trim().chars().take(MAX_FIELD).collect()
}

/// A `YYYY-MM-DD` date as Unix seconds at its start (UTC), `None` when empty, `Err` when malformed.
fn day_start(text: &str) -> Result<Option<i64>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    let date =
        time::Date::parse(text, format_description!("[year]-[month]-[day]")).map_err(|_| ())?;
    Ok(Some(date.midnight().assume_utc().unix_timestamp()))
}

impl SearchParams {
    /// The form as typed, the query to run, and notes about fields that were left out.
    fn request(&self, scope: Scope) -> (SearchForm, SearchQuery, Vec<&'static str>) {
        let form = SearchForm {
            q: clip(&self.q),
            lang: clip(&self.lang),
            tag: clip(&self.tag),
            author: clip(&self.author),
            from: clip(&self.from),
            to: clip(&self.to),
        };
        let mut notes = Vec::new();
        let mut date = |text: &str| match day_start(text) {
            Ok(seconds) => seconds,
            Err(()) => {
                if !notes.contains(&"search-bad-date") {
                    notes.push("search-bad-date");
                }
                None
            }
        };
        let from = date(&form.from);
        // "Until" includes the whole day.
        let to = date(&form.to).map(|start| start + 86_399);
        let optional = |text: &String| (!text.is_empty()).then(|| text.clone());
        let page = self.page.trim().parse::<usize>().unwrap_or(1).clamp(1, MAX_PAGE);
        let query = SearchQuery {
            text: form.q.clone(),
            lang: optional(&form.lang),
            tag: optional(&form.tag),
            author: optional(&form.author),
            from,
            to,
            scope,
            page,
            per_page: PER_PAGE,
        };
        (form, query, notes)
    }
}

/// Runs a search off the async threads; `Unavailable` when the server has no index.
async fn run<S: Store>(state: &AppState<S>, query: SearchQuery) -> Result<SearchOutcome, WebError> {
    let Some(index) = state.search.clone() else {
        return Ok(SearchOutcome::Unavailable);
    };
    let newsroom = query.scope == Scope::Newsroom;
    // The slot is taken before the slow work and held until it ends.
    let Ok(Ok(slot)) = tokio::time::timeout(SLOT_WAIT, SLOTS.acquire()).await else {
        return Err(WebError::Unavailable);
    };
    let results = tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|error| WebError::Internal(format!("the search task failed: {error}")))?
        .map_err(|error| WebError::Internal(error.to_string()))?;
    drop(slot);
    Ok(outcome(results, newsroom))
}

fn outcome(results: SearchResults, newsroom: bool) -> SearchOutcome {
    if results.words.is_empty() {
        return SearchOutcome::NoWords;
    }
    let version = |version: Version| FoundVersion {
        slug: version.slug,
        lang: version.lang,
        title: version.title,
        status: newsroom.then_some(version.status),
        published_at: version.published_at,
    };
    let stories = results
        .hits
        .into_iter()
        .map(|Hit { best, snippet, versions }| FoundStory {
            best: version(best),
            snippet: snippet.into_iter().map(|part| (part.text, part.highlighted)).collect(),
            versions: versions.into_iter().map(version).collect(),
        })
        .collect();
    SearchOutcome::Found {
        stories,
        total: results.stories,
        more: results.more,
        page: results.page,
        pages: results.pages,
    }
}

fn page(html: String, outcome: &SearchOutcome) -> Response {
    let status = match outcome {
        SearchOutcome::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::OK,
    };
    (status, [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], Html(html))
        .into_response()
}

/// `GET /search`: published articles only, in the language filtered on or the browser's.
pub(crate) async fn search_page<S: Store>(
    State(state): State<AppState<S>>,
    Query(params): Query<SearchParams>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (form, query, notes) = params.request(Scope::Readers { now: now() });
    let ui_lang = if form.lang.is_empty() {
        preferred_language(&headers)
    } else {
        ui_language_for(&form.lang)
    };
    let outcome = run(&state, query).await?;
    let audience = SearchAudience::Readers { site_languages: site_languages(&state).await? };
    let html = render_search_page(&state.site(), ui_lang, &audience, &form, &notes, &outcome)?;
    Ok(page(html, &outcome))
}

/// `GET /admin/search`: every article in every state, for people who may use the dashboard.
pub(crate) async fn newsroom_search_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    Query(params): Query<SearchParams>,
) -> Result<Response, WebError> {
    user.require(Action::UseDashboard)?;
    let (form, query, notes) = params.request(Scope::Newsroom);
    let outcome = run(&state, query).await?;
    let audience = SearchAudience::Newsroom { staff: user.staff_nav(&csrf) };
    let html = render_search_page(&state.site(), user.ui_lang, &audience, &form, &notes, &outcome)?;
    Ok(page(html, &outcome))
}

#[cfg(test)]
mod tests {
    use super::{SearchParams, day_start};
    use ashyq_search::Scope;

    #[test]
    fn malformed_fields_become_notes_not_errors() {
        let params = SearchParams {
            q: "  протесты  ".to_owned(),
            from: "2026-13-01".to_owned(),
            to: "2026-03-14".to_owned(),
            page: "abc".to_owned(),
            ..SearchParams::default()
        };
        let (form, query, notes) = params.request(Scope::Newsroom);
        assert_eq!(form.q, "протесты");
        assert_eq!(notes, ["search-bad-date"]);
        assert_eq!((query.from, query.page), (None, 1));
        assert_eq!(query.to, Some(day_start("2026-03-15").unwrap().unwrap() - 1));
    }

    #[test]
    fn long_fields_are_clipped() {
        let params = SearchParams {
            q: "a".repeat(10_000),
            page: "999999".to_owned(),
            ..SearchParams::default()
        };
        let (form, query, _) = params.request(Scope::Newsroom);
        assert_eq!(form.q.len(), 200);
        assert_eq!(query.page, 100);
    }
}
