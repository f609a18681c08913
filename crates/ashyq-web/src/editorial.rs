//! Writing and publishing in the browser: the dashboard, the article editor (preview, save, review,
//! publish, schedule, unpublish) and revisions. Every action asks `may` on the server before
//! anything is written; a refused action answers 403 and changes nothing.

use ashyq_services::translations::approval::{ApprovedSaveError, save_approved};
use std::collections::HashMap;

use ashyq_accounts::{Action, may};
use ashyq_content::{
    Article, ArticleError, ArticleErrorKind, ImageSizes, Location, check_batch, parse_article,
    rendered_image_urls, uploaded_media_name,
};
use ashyq_render::account_pages::{DashboardAction, DashboardLink, format_time, render_dashboard};
use ashyq_render::editorial_pages::{
    EditorButton, EditorView, PreviewView, RevisionItem, RevisionPage, SourceErrorView,
    render_editor_page, render_revision_page, render_revisions_page, status_message_id,
};
use ashyq_services::translations::{TranslationError, TranslationSync, record_units};
use ashyq_store::{
    ArticleFilter, ArticleRecord, ArticleStatus, CommentStatus, NewArticle, RevisionId,
    RevisionInfo, SaveNote, Store, StoreError,
};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::account::private_page;
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::{AppState, now};

mod checking;
mod dashboard;
mod permissions;
mod revisions;

use checking::{Problems, UiError, prepare};
pub(crate) use dashboard::dashboard;
use permissions::{buttons_for, may_do, may_edit, may_start};
pub(crate) use revisions::{restore_revision, revision_page, revisions_page};

/// The name article errors carry for text typed in the browser.
const SOURCE_NAME: &str = "article";

fn edit_url(slug: &str) -> String {
    format!("/admin/articles/{slug}/edit")
}

/// Whether a published article's time has not come yet.
fn is_scheduled(record: &ArticleRecord, at: i64) -> bool {
    record.status == ArticleStatus::Published && record.published_at > at
}

/// What a new article starts from: every required key, with hints as comments.
fn new_article_template(user: &CurrentUser, at: i64) -> String {
    let published = time::OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|moment| {
            moment
                .replace_nanosecond(0)
                .ok()?
                .format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "2026-01-01T00:00:00Z".to_owned());
    let name = user.user.name.replace('\\', "\\\\").replace('"', "\\\"");
    let author_slug = ashyq_content::slugify(&user.user.name)
        .map_or_else(|| "author".to_owned(), |slug| slug.as_str().to_owned());
    format!(
        "+++\n\
         title = \"\"\n\
         # The address: /articles/SLUG. Lowercase letters, digits and hyphens.\n\
         slug = \"\"\n\
         # The language of the text: en, ru, kk, …\n\
         lang = \"en\"\n\
         # When readers may see it. A date in the future schedules the article.\n\
         published = {published}\n\
         summary = \"\"\n\
         tags = []\n\
         # For a translation, the slug of the original:\n\
         # translation_of = \"\"\n\n\
         [[authors]]\n\
         name = \"{name}\"\n\
         slug = \"{author_slug}\"\n\n\
         # Photos: upload them on the Photos page, then paste the [[figures]] snippet it shows.\n\
         +++\n\
         Write the article here, in Markdown.\n"
    )
}

/// The editor's action, from the button pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EditAction {
    Preview,
    Save,
    Review,
    Publish,
    Schedule,
    Unpublish,
}

impl EditAction {
    fn from_form(value: &str) -> EditAction {
        match value {
            "save" => EditAction::Save,
            "review" => EditAction::Review,
            "publish" => EditAction::Publish,
            "schedule" => EditAction::Schedule,
            "unpublish" => EditAction::Unpublish,
            // Anything else only shows the article: it can never change one.
            _ => EditAction::Preview,
        }
    }
}

fn editor_view(user: &CurrentUser, record: Option<&ArticleRecord>, source: String) -> EditorView {
    let at = now();
    let published = record.is_some_and(|record| record.status == ArticleStatus::Published);
    EditorView {
        form_action: record
            .map_or_else(|| "/admin/articles/new".to_owned(), |record| edit_url(&record.slug)),
        stored: record.map(|record| (record.title.clone(), record.slug.clone())),
        status: record.map(|record| (record.status.code(), is_scheduled(record, at))),
        public_url: record
            .filter(|record| published && !is_scheduled(record, at))
            .map(|record| ashyq_render::urls::article(&record.slug)),
        source,
        buttons: buttons_for(user, record),
        published,
        ..EditorView::default()
    }
}

fn editor_page<S>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    view: EditorView,
    status: StatusCode,
) -> Result<Response, WebError> {
    let html = render_editor_page(&state.site(), user.ui_lang, user.staff_nav(csrf), view)?;
    Ok((status, private_page(html)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct NoticeQuery {
    #[serde(default)]
    notice: Option<String>,
}

fn notice_id(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "saved" => "editor-saved",
        "review" => "editor-sent-to-review",
        "published" => "editor-now-published",
        "scheduled" => "editor-now-scheduled",
        "unpublished" => "editor-now-unpublished",
        "restored" => "editor-restored",
        _ => return None,
    })
}

pub(crate) async fn new_article_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    if !may_start(&user) {
        return Err(WebError::Forbidden { ui_lang: user.ui_lang });
    }
    let view = editor_view(&user, None, new_article_template(&user, now()));
    editor_page(&state, &csrf, &user, view, StatusCode::OK)
}

/// Loads an article the person may edit: 404 if there is none, 403 if it is not theirs to edit.
async fn editable_record<S: Store>(
    state: &AppState<S>,
    user: &CurrentUser,
    slug: &str,
) -> Result<ArticleRecord, WebError> {
    let record = state
        .store
        .article_record(slug)
        .await?
        .ok_or(WebError::NotFound { ui_lang: user.ui_lang })?;
    if !may_edit(user, &record) {
        return Err(WebError::Forbidden { ui_lang: user.ui_lang });
    }
    Ok(record)
}

pub(crate) async fn edit_article_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
    Query(query): Query<NoticeQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let record = editable_record(&state, &user, &slug).await?;
    let mut view = editor_view(&user, Some(&record), record.source.clone());
    view.notice_id = notice_id(query.notice.as_deref());
    editor_page(&state, &csrf, &user, view, StatusCode::OK)
}

#[derive(Debug, Deserialize)]
pub(crate) struct EditorFields {
    #[serde(default)]
    source: String,
    #[serde(default)]
    action: String,
}

/// The state an action leaves the article in.
fn status_after(action: EditAction, current: Option<&ArticleRecord>) -> ArticleStatus {
    match action {
        EditAction::Preview | EditAction::Save => {
            current.map_or(ArticleStatus::Draft, |record| record.status)
        }
        EditAction::Review => ArticleStatus::Review,
        EditAction::Publish | EditAction::Schedule => ArticleStatus::Published,
        EditAction::Unpublish => ArticleStatus::Unpublished,
    }
}

fn action_code(action: EditAction) -> &'static str {
    match action {
        EditAction::Preview => "preview",
        EditAction::Save => "save",
        EditAction::Review => "review",
        EditAction::Publish => "publish",
        EditAction::Schedule => "schedule",
        EditAction::Unpublish => "unpublish",
    }
}

fn notice_code(action: EditAction) -> &'static str {
    match action {
        EditAction::Preview | EditAction::Save => "saved",
        EditAction::Review => "review",
        EditAction::Publish => "published",
        EditAction::Schedule => "scheduled",
        EditAction::Unpublish => "unpublished",
    }
}

/// Whether the text names an article it translates (translators may start only those). Read from
/// the parsed text when it parses; otherwise from a `translation_of` line, so that a translator's
/// typo is answered with its errors rather than a refusal.
fn is_translation(source: &str) -> bool {
    match parse_article(SOURCE_NAME, source) {
        Ok(article) => article.translation_of.is_some(),
        Err(_) => source.lines().any(|line| line.trim_start().starts_with("translation_of")),
    }
}

/// Handles every button of the editor, for a new article (`current` is `None`) or a stored one.
async fn submit<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    current: Option<ArticleRecord>,
    fields: EditorFields,
    note: Option<String>,
) -> Result<Response, WebError> {
    let action =
        if note.is_some() { EditAction::Save } else { EditAction::from_form(&fields.action) };
    if !may_do(user, action, current.as_ref(), is_translation(&fields.source)) {
        return Err(WebError::Forbidden { ui_lang: user.ui_lang });
    }
    let prepared = prepare(state, &fields.source, current.as_ref(), action).await?;
    let mut view = editor_view(user, current.as_ref(), fields.source.clone());
    let new = match prepared {
        Ok(new) => new,
        Err(problems) => {
            view.errors = problems.views(state, user.ui_lang, &fields.source);
            return editor_page(state, csrf, user, view, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    if action == EditAction::Preview {
        view.preview = Some(PreviewView::new(
            &new.article.title,
            &new.article.summary,
            &new.article.lang,
            new.lead_html.clone(),
            new.body_html.clone(),
        ));
        return editor_page(state, csrf, user, view, StatusCode::OK);
    }
    let status = status_after(action, current.as_ref());
    let note = note.unwrap_or_else(|| action_code(action).to_owned());
    let save = SaveNote { user: user.user.id, now: now(), note: &note };
    let stored = match save_checked(state, current.as_ref(), &new, status, save).await? {
        Ok(stored) => stored,
        Err(refusal) => {
            let problems = Problems { article: Vec::new(), ui: vec![refusal] };
            view.errors = problems.views(state, user.ui_lang, &fields.source);
            return editor_page(state, csrf, user, view, StatusCode::CONFLICT);
        }
    };
    let stored = match stored {
        Ok(()) => record_translation_units(state, current.as_ref(), &new.article).await,
        Err(error) => Err(error),
    };
    match stored {
        Ok(()) => {
            // What readers see may have changed (a publication, a correction, an unpublishing).
            state.pages.invalidate();
            tracing::info!(
                user = user.user.id.0,
                slug = new.article.slug.as_str(),
                action = action_code(action),
                "article saved"
            );
            let notice = if note.starts_with("restore") { "restored" } else { notice_code(action) };
            let target = format!("{}?notice={notice}", edit_url(new.article.slug.as_str()));
            Ok(Redirect::to(&target).into_response())
        }
        Err(StoreError::Conflict { constraint: ashyq_store::Constraint::ArticleSlug }) => {
            let problems = Problems {
                article: Vec::new(),
                ui: vec![UiError {
                    location: new.article.slug_location.clone(),
                    message_id: "editor-slug-taken",
                }],
            };
            view.errors = problems.views(state, user.ui_lang, &fields.source);
            editor_page(state, csrf, user, view, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => Err(other.into()),
    }
}

/// Saves `new` with `status` through the one approval rule, checked and written in one step
/// (`ashyq_services::translations::approval::save_approved`): `Ok(Err(…))` names the refusal for
/// the editor page (nothing written); `Ok(Ok(Err(…)))` is the store's refusal (a taken slug).
async fn save_checked<S: Store>(
    state: &AppState<S>,
    current: Option<&ArticleRecord>,
    new: &NewArticle,
    status: ArticleStatus,
    save: SaveNote<'_>,
) -> Result<Result<Result<(), StoreError>, UiError>, WebError> {
    let settings = state.site();
    let id = current.map(|record| record.id);
    let message_id = match save_approved(&state.store, settings.settings(), id, new, status, save)
        .await
    {
        Ok(_) => return Ok(Ok(Ok(()))),
        Err(ApprovedSaveError::Store(error)) => return Ok(Ok(Err(error))),
        Err(ApprovedSaveError::Translation(error)) => {
            return Err(WebError::Internal(error.to_string()));
        }
        Err(ApprovedSaveError::NotApproved(refusal)) => {
            tracing::info!(slug = new.article.slug.as_str(), %refusal, "unapproved translation refused");
            "editor-translation-not-approved"
        }
        Err(ApprovedSaveError::KeptChanging) => {
            tracing::info!(
                slug = new.article.slug.as_str(),
                "translation kept changing while saved"
            );
            "editor-translation-kept-changing"
        }
    };
    Ok(Err(UiError { location: new.article.slug_location.clone(), message_id }))
}

/// After a save (a restored revision included): the article's translation units, through the one
/// path every write takes (`ashyq_services::translations::record_units`). A changed slug takes its
/// unit records along first.
async fn record_translation_units<S: Store>(
    state: &AppState<S>,
    current: Option<&ArticleRecord>,
    article: &ashyq_content::Article,
) -> Result<(), StoreError> {
    if let Some(record) = current
        && record.slug != article.slug.as_str()
    {
        state.store.rename_translation_units(&record.slug, article.slug.as_str()).await?;
    }
    match record_units(&state.store, &[article], TranslationSync::ChangedUnits).await {
        Ok(_) => Ok(()),
        Err(TranslationError::Store(error)) => Err(error),
        Err(error @ TranslationError::Unparsable { .. }) => {
            Err(StoreError::Backend(Box::new(error)))
        }
    }
}

/// Stores an article file written elsewhere (an approved translation from the side-by-side
/// editor) as a published article, through the same checks, rendering and unit records as the
/// editor's Publish button. When its address already holds the same translation (the same
/// original, the same language: a translation published before and corrected since), that article
/// is updated in place, keeping its address and revisions. `Ok(Err(reason))` when the file does
/// not pass the checks or its address is taken by another article.
pub(crate) async fn publish_source<S: Store>(
    state: &AppState<S>,
    user: &CurrentUser,
    source: &str,
) -> Result<Result<String, String>, WebError> {
    let incoming = parse_article(SOURCE_NAME, source).ok();
    let current = match &incoming {
        Some(article) => state.store.article_record(article.slug.as_str()).await?,
        None => None,
    };
    if let (Some(record), Some(incoming)) = (&current, &incoming) {
        let same_translation = parse_article(SOURCE_NAME, &record.source).is_ok_and(|stored| {
            stored.translation_of.is_some()
                && stored.translation_of == incoming.translation_of
                && stored.lang == incoming.lang
        });
        if !same_translation {
            return Ok(Err(format!("the address {} is taken", record.slug)));
        }
    }
    let new = match prepare(state, source, current.as_ref(), EditAction::Publish).await? {
        Ok(new) => new,
        Err(problems) => {
            let reason = problems
                .article
                .first()
                .map(ToString::to_string)
                .or_else(|| problems.ui.first().map(|error| error.message_id.to_owned()))
                .unwrap_or_default();
            return Ok(Err(reason));
        }
    };
    let save = SaveNote { user: user.user.id, now: now(), note: action_code(EditAction::Publish) };
    let stored =
        match save_checked(state, current.as_ref(), &new, ArticleStatus::Published, save).await? {
            Ok(stored) => stored,
            Err(refusal) => return Ok(Err(refusal.message_id.to_owned())),
        };
    match stored {
        Ok(()) => {}
        Err(StoreError::Conflict { constraint: ashyq_store::Constraint::ArticleSlug }) => {
            return Ok(Err(format!("the address {} is taken", new.article.slug.as_str())));
        }
        Err(error) => return Err(error.into()),
    }
    record_translation_units(state, current.as_ref(), &new.article).await?;
    state.pages.invalidate();
    Ok(Ok(new.article.slug.as_str().to_owned()))
}

pub(crate) async fn create_article<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    axum::Form(fields): axum::Form<EditorFields>,
) -> Result<Response, WebError> {
    if !may_start(&user) {
        return Err(WebError::Forbidden { ui_lang: user.ui_lang });
    }
    submit(&state, &csrf, &user, None, fields, None).await
}

pub(crate) async fn update_article<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
    user: CurrentUser,
    axum::Form(fields): axum::Form<EditorFields>,
) -> Result<Response, WebError> {
    let record = editable_record(&state, &user, &slug).await?;
    submit(&state, &csrf, &user, Some(record), fields, None).await
}
