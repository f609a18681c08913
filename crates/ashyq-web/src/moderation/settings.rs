//! Moderation settings: the site word lists the screen reads (per language and kind) and the languages each
//! moderator reads, which order and mark their queue.

use ashyq_accounts::Action;
use ashyq_content::LanguageTag;
use ashyq_render::moderation_pages::{WordListItem, render_languages_page, render_words_page};
use ashyq_store::{Store, WordListKind};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{LANGUAGES, field, form_pairs};
use crate::account::private_page;
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::{AppState, now};

#[derive(Debug, Default, Deserialize)]
pub(crate) struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

pub(crate) async fn words_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<SavedQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let l10n = state.catalog.localizer(user.ui_lang);
    let stored = state.store.word_lists().await?;
    let mut lists = Vec::new();
    for lang in LANGUAGES {
        for kind in WordListKind::ALL {
            let words = stored
                .iter()
                .find(|list| list.lang == *lang && list.kind == kind)
                .map(|list| list.words.clone())
                .unwrap_or_default();
            lists.push(WordListItem {
                lang: (*lang).to_owned(),
                language: native_name(lang),
                kind: kind.code().to_owned(),
                kind_label: l10n.msg(&format!("moderation-words-{}", kind.code())),
                words,
            });
        }
    }
    let html = render_words_page(
        &state.site(),
        user.ui_lang,
        user.staff_nav(&csrf),
        lists,
        query.saved.is_some(),
    )?;
    Ok(private_page(html))
}

pub(crate) async fn save_words<S: Store>(
    State(state): State<AppState<S>>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let pairs = form_pairs(&body);
    let now = now();
    for lang in LANGUAGES {
        for kind in WordListKind::ALL {
            if let Some(words) = field(&pairs, &format!("{lang}.{}", kind.code())) {
                let cleaned: Vec<&str> =
                    words.lines().map(str::trim).filter(|word| !word.is_empty()).collect();
                state
                    .store
                    .set_word_list(lang, kind, &cleaned.join("\n"), user.user.id, now)
                    .await?;
            }
        }
    }
    // New comments are screened with the new lists from now on; no restart needed.
    crate::comments::reload_screen(&state).await?;
    tracing::info!(moderator = user.user.id.0, "word lists updated");
    Ok(Redirect::to("/moderation/words?saved=1").into_response())
}

/// A screening language's name in itself ("Русский"), or its code if unknown.
fn native_name(lang: &str) -> String {
    LanguageTag::parse(lang).map_or_else(|_| lang.to_owned(), |tag| tag.native_name())
}

pub(crate) async fn languages_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<SavedQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let mine = state.store.moderator_languages(user.user.id).await?;
    let choices = LANGUAGES
        .iter()
        .map(|lang| {
            ((*lang).to_owned(), native_name(lang), mine.iter().any(|chosen| chosen == lang))
        })
        .collect();
    let html = render_languages_page(
        &state.site(),
        user.ui_lang,
        user.staff_nav(&csrf),
        choices,
        query.saved.is_some(),
    )?;
    Ok(private_page(html))
}

pub(crate) async fn save_languages<S: Store>(
    State(state): State<AppState<S>>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let langs: Vec<String> = form_pairs(&body)
        .into_iter()
        .filter(|(key, value)| key == "lang" && LANGUAGES.contains(&value.as_str()))
        .map(|(_, value)| value)
        .collect();
    state.store.set_moderator_languages(user.user.id, &langs).await?;
    Ok(Redirect::to("/moderation/languages?saved=1").into_response())
}
