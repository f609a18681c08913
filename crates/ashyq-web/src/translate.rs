//! `/translate`: the translators' list of stories waiting for their languages, their language
//! choice, and claims (claim, release, reassign). The rules live in
//! `ashyq_services::translations::claims`; this module reads forms and renders.

use ashyq_accounts::Role;
use ashyq_render::translate_pages::{
    LanguageList, TranslatePage, WaitingItem, render_translate_page,
};
use ashyq_services::translations::claims::{self, ClaimError, Translator, claim_on};
use ashyq_store::Store;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::account::private_page;
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::{AppState, now};

/// Languages one may translate into: the site's UI languages and Arabic.
pub(crate) const TRANSLATION_LANGUAGES: &[&str] = &["en", "ru", "kk", "ar"];

/// How many published originals the list looks at.
const LIST_LIMIT: u32 = 500;

/// Only translators and editors have a `/translate` page.
fn require_translator(user: &CurrentUser) -> Result<(), WebError> {
    let roles = &user.user.roles;
    if roles.has(Role::Translator) || roles.has(Role::Editor) {
        Ok(())
    } else {
        Err(WebError::Forbidden { ui_lang: user.ui_lang })
    }
}

async fn translator<S: Store>(
    state: &AppState<S>,
    user: &CurrentUser,
) -> Result<Translator, WebError> {
    Ok(Translator {
        id: user.user.id,
        roles: user.user.roles.clone(),
        languages: state.store.translator_languages(user.user.id).await?,
    })
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    tag: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    notice: Option<String>,
}

/// The page for `who`, with the filters of `query`.
async fn page<S: Store>(
    state: &AppState<S>,
    who: &Translator,
    tag: &str,
    from: &str,
) -> Result<TranslatePage, WebError> {
    let now = now();
    let stories = state.store.waiting_stories(LIST_LIMIT).await?;
    let claims = state.store.active_claims(now).await?;
    let tag_filter = tag.trim().to_lowercase();
    let from_filter = from.trim().to_lowercase();
    let lists = who
        .languages
        .iter()
        .map(|lang| LanguageList {
            lang: lang.clone(),
            stories: stories
                .iter()
                .filter(|story| !story.languages.iter().any(|version| primary(version) == lang))
                .filter(|story| {
                    tag_filter.is_empty()
                        || story.tags.iter().any(|tag| tag.to_lowercase() == tag_filter)
                })
                .filter(|story| from_filter.is_empty() || primary(&story.lang) == from_filter)
                .map(|story| {
                    let claim = claim_on(&claims, &story.slug, lang);
                    let mine = claim.is_some_and(|claim| claim.user == who.id);
                    WaitingItem {
                        slug: story.slug.clone(),
                        title: story.title.clone(),
                        lang: story.lang.clone(),
                        published_at: story.published_at,
                        tags: story.tags.clone(),
                        claim: claim.map(|claim| (claim.user_name.clone(), claim.expires_at)),
                        may_claim: claim.is_none() && who.translates_into(lang),
                        may_release: claim.is_some() && (mine || who.edits_language(lang)),
                        may_reassign: who.edits_language(lang),
                    }
                })
                .collect(),
        })
        .collect();
    let choices = TRANSLATION_LANGUAGES
        .iter()
        .map(|lang| ((*lang).to_owned(), who.languages.iter().any(|own| own == lang)))
        .collect();
    Ok(TranslatePage {
        choices,
        lists,
        tag: tag.to_owned(),
        from: from.to_owned(),
        notice: None,
        error: None,
    })
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

pub(crate) async fn list<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<ListQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    require_translator(&user)?;
    let who = translator(&state, &user).await?;
    let mut page = page(&state, &who, &query.tag, &query.from).await?;
    const NOTICES: [&str; 4] = ["claimed", "released", "reassigned", "languages"];
    page.notice = query.notice.filter(|code| NOTICES.contains(&code.as_str()));
    let html = render_translate_page(&state.site(), user.ui_lang, user.staff_nav(&csrf), &page)?;
    Ok(private_page(html))
}

fn form_pairs(body: &Bytes) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone()).unwrap_or_default()
}

pub(crate) async fn save_languages<S: Store>(
    State(state): State<AppState<S>>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    require_translator(&user)?;
    let langs: Vec<String> = form_pairs(&body)
        .into_iter()
        .filter(|(key, value)| key == "lang" && TRANSLATION_LANGUAGES.contains(&value.as_str()))
        .map(|(_, value)| value)
        .collect();
    state.store.set_translator_languages(user.user.id, &langs).await?;
    Ok(Redirect::to("/translate?notice=languages").into_response())
}

#[derive(Debug, Clone, Copy)]
enum ClaimAction {
    Claim,
    Release,
    Reassign,
}

async fn act<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    body: &Bytes,
    action: ClaimAction,
) -> Result<Response, WebError> {
    require_translator(user)?;
    let who = translator(state, user).await?;
    let pairs = form_pairs(body);
    let (slug, lang) = (field(&pairs, "slug"), field(&pairs, "lang"));
    let days = state.translation_claim_days;
    let done = match action {
        ClaimAction::Claim => claims::claim(&state.store, &who, &slug, &lang, now(), days).await,
        ClaimAction::Release => claims::release(&state.store, &who, &slug, &lang).await,
        ClaimAction::Reassign => {
            let to = field(&pairs, "to");
            claims::reassign(&state.store, &who, &slug, &lang, to.trim(), now(), days).await
        }
    };
    let error = match done {
        Ok(()) => {
            let notice = match action {
                ClaimAction::Claim => "claimed",
                ClaimAction::Release => "released",
                ClaimAction::Reassign => "reassigned",
            };
            tracing::info!(user = user.user.id.0, slug, lang, notice, "translation claim");
            return Ok(Redirect::to(&format!("/translate?notice={notice}")).into_response());
        }
        Err(ClaimError::Store(error)) => return Err(error.into()),
        Err(error) => error,
    };
    let status = match &error {
        ClaimError::NotYourLanguage | ClaimError::NotLanguageEditor => StatusCode::FORBIDDEN,
        ClaimError::NoSuchStory => StatusCode::NOT_FOUND,
        ClaimError::HeldByOther { .. } | ClaimError::NotHeld | ClaimError::AlreadyInLanguage => {
            StatusCode::CONFLICT
        }
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let holder = match &error {
        ClaimError::HeldByOther { holder } => holder.clone(),
        _ => String::new(),
    };
    let mut page = page(state, &who, "", "").await?;
    page.error = Some((error.code().to_owned(), holder));
    let html = render_translate_page(&state.site(), user.ui_lang, user.staff_nav(csrf), &page)?;
    Ok((status, private_page(html)).into_response())
}

pub(crate) async fn claim<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    act(&state, &csrf, &user, &body, ClaimAction::Claim).await
}

pub(crate) async fn release<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    act(&state, &csrf, &user, &body, ClaimAction::Release).await
}

pub(crate) async fn reassign<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    act(&state, &csrf, &user, &body, ClaimAction::Reassign).await
}
