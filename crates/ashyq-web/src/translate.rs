//! `/translate`: the translators' list of stories waiting for their languages, their language
//! choice, and claims (claim, release, reassign). The rules live in
//! `ashyq_services::translations::claims`; this module reads forms and renders.

use ashyq_accounts::Role;
use ashyq_render::translate_pages::{
    EditorPage, EditorUnit, LanguageList, TranslatePage, WaitingItem, render_translate_editor,
    render_translate_page,
};
use ashyq_services::translations::claims::{self, ClaimError, Translator, claim_on};
use ashyq_services::translations::workbench::{
    self, SavedText, UnitDecision, WorkError, Workbench, Writer, approved_translation_file,
    record_approval, review_work, save_texts,
};
use ashyq_store::Store;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
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
                        may_open: (mine && who.translates_into(lang))
                            || (claim.is_some() && who.edits_language(lang)),
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

#[derive(Debug, Default, Deserialize)]
pub(crate) struct WorkQuery {
    #[serde(default)]
    notice: Option<String>,
}

/// The side-by-side editor's page model from the service's workbench.
fn editor_page(bench: &Workbench) -> EditorPage {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let units = bench
        .units
        .iter()
        .map(|unit| {
            let kind = unit.slot.code();
            let ordinal = counts.entry(kind.clone()).or_default();
            *ordinal += 1;
            EditorUnit {
                ordinal: *ordinal,
                kind,
                id: unit.id.clone(),
                source: unit.source.clone(),
                text: unit.text.clone(),
                state: unit.state.map(|state| state.code().to_owned()),
                source_change: unit.source_change.clone(),
                note: unit.note.clone(),
                reviewable: unit.reviewable,
                base: workbench::seen_hash(&unit.text),
            }
        })
        .collect();
    EditorPage {
        original_slug: bench.original_slug.clone(),
        original_lang: bench.original_lang.clone(),
        lang: bench.lang.clone(),
        units,
        may_write: bench.may_write,
        may_review: bench.may_review,
        approved: bench.approved(),
        notice: None,
        error: None,
    }
}

fn work_status(error: &WorkError) -> StatusCode {
    match error {
        WorkError::Translation(_) => StatusCode::INTERNAL_SERVER_ERROR,
        WorkError::NoSuchStory => StatusCode::NOT_FOUND,
        WorkError::NotClaimHolder | WorkError::NotLanguageEditor | WorkError::OwnWords { .. } => {
            StatusCode::FORBIDDEN
        }
        WorkError::NotSubmitted { .. }
        | WorkError::NotApproved
        | WorkError::ChangedSinceSeen { .. }
        | WorkError::WrittenMeanwhile { .. } => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// A refusal: the page again (with what the person typed, when they may still write), or a bare
/// error page when they may not see the story's work at all.
async fn work_refused<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    who: &Translator,
    (slug, lang): (&str, &str),
    error: WorkError,
    typed: &[(String, String)],
) -> Result<Response, WebError> {
    let status = work_status(&error);
    match &error {
        WorkError::Translation(inner) => return Err(WebError::Internal(inner.to_string())),
        WorkError::NoSuchStory => return Err(WebError::NotFound { ui_lang: user.ui_lang }),
        _ => {}
    }
    // Someone who may not see the story's work at all gets a plain 403.
    let Ok(bench) = workbench::workbench(&state.store, who, slug, lang, now()).await else {
        return Err(WebError::Forbidden { ui_lang: user.ui_lang });
    };
    let mut page = editor_page(&bench);
    // Keep what was typed, so a refusal loses nobody's work.
    for unit in &mut page.units {
        if let Some((_, text)) = typed.iter().find(|(id, _)| id == &unit.id) {
            unit.text.clone_from(text);
        }
    }
    page.error = Some((error.code().to_owned(), error.unit().unwrap_or_default().to_owned()));
    let html = render_translate_editor(&state.site(), user.ui_lang, user.staff_nav(csrf), &page)?;
    Ok((status, private_page(html)).into_response())
}

/// `GET /translate/SLUG/LANG`: the side-by-side editor (claim holder) and review (language editor).
pub(crate) async fn work_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, lang)): Path<(String, String)>,
    Query(query): Query<WorkQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    require_translator(&user)?;
    let who = translator(&state, &user).await?;
    let bench = match workbench::workbench(&state.store, &who, &slug, &lang, now()).await {
        Ok(bench) => bench,
        Err(WorkError::NoSuchStory) => return Err(WebError::NotFound { ui_lang: user.ui_lang }),
        Err(WorkError::Translation(error)) => return Err(WebError::Internal(error.to_string())),
        Err(_) => return Err(WebError::Forbidden { ui_lang: user.ui_lang }),
    };
    let mut page = editor_page(&bench);
    const NOTICES: [&str; 3] = ["saved", "submitted", "reviewed"];
    page.notice = query.notice.filter(|code| NOTICES.contains(&code.as_str()));
    let html = render_translate_editor(&state.site(), user.ui_lang, user.staff_nav(&csrf), &page)?;
    Ok(private_page(html))
}

/// `POST /translate/SLUG/LANG`: save the draft (`action=save`) or submit it (`action=submit`).
pub(crate) async fn save_work_form<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, lang)): Path<(String, String)>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    require_translator(&user)?;
    let who = translator(&state, &user).await?;
    let pairs = form_pairs(&body);
    let submit = field(&pairs, "action") == "submit";
    let texts: Vec<(String, String)> = pairs
        .iter()
        .filter_map(|(key, value)| Some((key.strip_prefix("u.")?.to_owned(), value.clone())))
        .collect();
    // Each text with `b.ID`, the hash of the stored text the page showed: a unit someone else
    // has written since is not overwritten unseen (409 when this person changed it too).
    let saved: Vec<SavedText> = texts
        .iter()
        .map(|(id, text)| SavedText {
            id: id.clone(),
            text: text.clone(),
            seen: pairs
                .iter()
                .find(|(key, _)| key.strip_prefix("b.") == Some(id.as_str()))
                .map(|(_, hash)| hash.clone()),
            submit: false,
        })
        .collect();
    let writer = Writer::ClaimHolder(&who);
    match save_texts(&state.store, writer, &slug, &lang, &saved, submit, now()).await {
        Ok(_) => {
            let notice = if submit { "submitted" } else { "saved" };
            tracing::info!(user = user.user.id.0, slug, lang, notice, "translation work");
            let url = ashyq_render::urls::translate_work(&slug, &lang);
            Ok(Redirect::to(&format!("{url}?notice={notice}")).into_response())
        }
        Err(error) => work_refused(&state, &csrf, &user, &who, (&slug, &lang), error, &texts).await,
    }
}

/// `POST /translate/SLUG/LANG/review`: a language editor's decisions, `d.ID` = `approve` or
/// `return` with the note `n.ID`, each with `h.ID`, the hash of the text the page showed. Units without a decision are left as they are.
pub(crate) async fn review_form<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, lang)): Path<(String, String)>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    require_translator(&user)?;
    let who = translator(&state, &user).await?;
    let pairs = form_pairs(&body);
    let decisions: Vec<(String, UnitDecision)> = pairs
        .iter()
        .filter_map(|(key, value)| {
            let id = key.strip_prefix("d.")?;
            // The hash of the text the reviewer was shown; without it nothing can be approved.
            let seen = field(&pairs, &format!("h.{id}"));
            let decision = match value.as_str() {
                "approve" => UnitDecision::Approve { seen },
                "return" => UnitDecision::Return { note: field(&pairs, &format!("n.{id}")), seen },
                _ => return None,
            };
            Some((id.to_owned(), decision))
        })
        .collect();
    match review_work(&state.store, &who, &slug, &lang, &decisions, now()).await {
        Ok(_) => {
            tracing::info!(user = user.user.id.0, slug, lang, "translation review");
            let url = ashyq_render::urls::translate_work(&slug, &lang);
            Ok(Redirect::to(&format!("{url}?notice=reviewed")).into_response())
        }
        Err(error) => work_refused(&state, &csrf, &user, &who, (&slug, &lang), error, &[]).await,
    }
}

/// `POST /translate/SLUG/LANG/publish`: a language editor publishes the approved translation as an
/// article of its own (`SLUG-LANG`), credited to its translators, its units approved; published
/// again after a correction, it updates that article at the same address.
pub(crate) async fn publish_form<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, lang)): Path<(String, String)>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    require_translator(&user)?;
    let who = translator(&state, &user).await?;
    let source = match approved_translation_file(&state.store, &who, &slug, &lang, now()).await {
        Ok(source) => source,
        Err(error) => {
            return work_refused(&state, &csrf, &user, &who, (&slug, &lang), error, &[]).await;
        }
    };
    match crate::editorial::publish_source(&state, &user, &source).await? {
        Ok(published) => {
            record_approval(&state.store, &published)
                .await
                .map_err(|error| WebError::Internal(error.to_string()))?;
            tracing::info!(user = user.user.id.0, slug, lang, published, "translation published");
            Ok(Redirect::to(&ashyq_render::urls::article(&published)).into_response())
        }
        Err(reason) => {
            tracing::warn!(slug, lang, reason, "approved translation not publishable");
            let bench = workbench::workbench(&state.store, &who, &slug, &lang, now())
                .await
                .map_err(|error| WebError::Internal(error.to_string()))?;
            let mut page = editor_page(&bench);
            page.error = Some(("compose".to_owned(), reason));
            let html =
                render_translate_editor(&state.site(), user.ui_lang, user.staff_nav(&csrf), &page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, private_page(html)).into_response())
        }
    }
}
