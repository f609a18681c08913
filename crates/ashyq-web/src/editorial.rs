//! Writing and publishing in the browser: the dashboard, the article editor (preview, save, review,
//! publish, schedule, unpublish) and revisions. Every action asks `may` on the server before
//! anything is written; a refused action answers 403 and changes nothing.

use ashyq_services::translations::approval::{PublicationError, check_publication};
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

/// The name article errors carry for text typed in the browser.
const SOURCE_NAME: &str = "article";

fn edit_url(slug: &str) -> String {
    format!("/admin/articles/{slug}/edit")
}

/// Whether a published article's time has not come yet.
fn is_scheduled(record: &ArticleRecord, at: i64) -> bool {
    record.status == ArticleStatus::Published && record.published_at > at
}

fn is_own(user: &CurrentUser, record: &ArticleRecord) -> bool {
    record.created_by == Some(user.user.id)
}

fn may_edit(user: &CurrentUser, record: &ArticleRecord) -> bool {
    may(
        &user.user.roles,
        Action::EditArticle {
            own: is_own(user, record),
            published: record.status == ArticleStatus::Published,
        },
    )
}

/// May this person start an article (or, for translators, a translation)?
fn may_start(user: &CurrentUser) -> bool {
    may(&user.user.roles, Action::CreateArticle) || may(&user.user.roles, Action::CreateTranslation)
}

pub(crate) async fn dashboard<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::UseDashboard)?;
    let roles = &user.user.roles;
    let l10n = state.catalog.localizer(user.ui_lang);
    let at = now();
    let mut actions = Vec::new();
    let button = |url: &str, id| DashboardAction { url: url.to_owned(), id, count: None };
    if may_start(&user) {
        actions.push(button("/admin/articles/new", "action-write"));
    }
    if may(roles, Action::UploadImage) {
        actions.push(button("/admin/media", "action-photos"));
    }
    if may(roles, Action::ManagePeople) {
        actions.push(button("/admin/people", "action-people"));
    }
    if may(roles, Action::ManageSite) {
        actions.push(button(&ashyq_render::urls::admin_site(), "action-site"));
    }
    if may(roles, Action::ModerateComments) {
        let counts = state.store.queue_counts().await?;
        let waiting = counts
            .iter()
            .find(|counted| counted.status == CommentStatus::Pending)
            .map_or(0, |counted| counted.count);
        actions.push(DashboardAction {
            count: Some(waiting),
            ..button("/moderation", "action-moderate")
        });
    }
    let item = |record: &ArticleRecord| {
        let status = l10n.msg(&status_message_id(record.status.code(), is_scheduled(record, at)));
        let url = if may_edit(&user, record) {
            edit_url(&record.slug)
        } else {
            ashyq_render::urls::article(&record.slug)
        };
        DashboardLink {
            url,
            text: record.title.clone(),
            lang: Some(record.lang.clone()),
            note: status,
        }
    };
    let mut sections = Vec::new();
    if may_start(&user) {
        let mine = ArticleFilter {
            created_by: Some(user.user.id),
            unpublished_only: true,
            ..ArticleFilter::default()
        };
        let records = state.store.article_records(mine, 50).await?;
        sections.push(("dashboard-my-drafts", records.iter().map(item).collect()));
    }
    if may(roles, Action::Publish) {
        let review =
            ArticleFilter { status: Some(ArticleStatus::Review), ..ArticleFilter::default() };
        let records = state.store.article_records(review, 50).await?;
        sections.push(("dashboard-review", records.iter().map(item).collect()));
    }
    let published =
        ArticleFilter { status: Some(ArticleStatus::Published), ..ArticleFilter::default() };
    let records = state.store.article_records(published, 20).await?;
    let visible: Vec<DashboardLink> = records
        .iter()
        // Scheduled articles are the editors' business until their time comes.
        .filter(|record| !is_scheduled(record, at) || may(roles, Action::Publish))
        .map(item)
        .collect();
    sections.push(("dashboard-published", visible));
    let html =
        render_dashboard(&state.site(), user.ui_lang, user.staff_nav(&csrf), actions, sections)?;
    Ok(private_page(html))
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

/// Whether `user` may hold a text of this kind at all: authors and editors write originals,
/// translators only translations. Asked on every save, not only when an article is started, so a
/// translator cannot turn their translation into an original by deleting `translation_of`.
fn may_write_kind(user: &CurrentUser, translation: bool) -> bool {
    let roles = &user.user.roles;
    may(roles, Action::CreateArticle) || (translation && may(roles, Action::CreateTranslation))
}

/// Whether `user` may do `action` to `record` (or to a new article when `None`); `translation` says
/// whether the submitted text is a translation (translators may write those only).
fn may_do(
    user: &CurrentUser,
    action: EditAction,
    record: Option<&ArticleRecord>,
    translation: bool,
) -> bool {
    let roles = &user.user.roles;
    let (edit, own) = match record {
        None => (may_write_kind(user, translation), true),
        Some(record) => {
            (may_edit(user, record) && may_write_kind(user, translation), is_own(user, record))
        }
    };
    edit && match action {
        EditAction::Preview | EditAction::Save => true,
        EditAction::Review => may(roles, Action::SubmitForReview { own }),
        EditAction::Publish | EditAction::Schedule => may(roles, Action::Publish),
        EditAction::Unpublish => record.is_some() && may(roles, Action::Publish),
    }
}

/// The buttons to offer: only actions this person may take.
fn buttons_for(user: &CurrentUser, record: Option<&ArticleRecord>) -> Vec<EditorButton> {
    let mut buttons = Vec::new();
    let check = |action| may_do(user, action, record, true);
    if check(EditAction::Save) {
        buttons.push(EditorButton::Save);
    }
    let published = record.is_some_and(|record| record.status == ArticleStatus::Published);
    if !published && check(EditAction::Review) {
        buttons.push(EditorButton::Review);
    }
    if check(EditAction::Publish) {
        buttons.push(EditorButton::Publish);
        buttons.push(EditorButton::Schedule);
    }
    if record.is_some_and(|record| record.status != ArticleStatus::Unpublished)
        && check(EditAction::Unpublish)
    {
        buttons.push(EditorButton::Unpublish);
    }
    buttons
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

/// The line of the front matter key `key` (`published = …`), for errors about its value.
fn key_location(source: &str, key: &str) -> Location {
    let line = source
        .lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, line)| line.trim_end() != "+++")
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |(index, _)| index + 1);
    Location::new(SOURCE_NAME, line, 1)
}

/// An error worded in the UI language, at a location.
struct UiError {
    location: Location,
    message_id: &'static str,
}

/// Everything wrong with a submitted text: the parser's and checker's errors, and ours.
#[derive(Default)]
struct Problems {
    article: Vec<ArticleError>,
    ui: Vec<UiError>,
}

impl Problems {
    fn is_empty(&self) -> bool {
        self.article.is_empty() && self.ui.is_empty()
    }

    fn views<S>(&self, state: &AppState<S>, ui_lang: &str, source: &str) -> Vec<SourceErrorView> {
        let l10n = state.catalog.localizer(ui_lang);
        let mut views: Vec<SourceErrorView> =
            self.article.iter().map(|error| SourceErrorView::new(error, source)).collect();
        for error in &self.ui {
            views.push(SourceErrorView::at(&error.location, l10n.msg(error.message_id), source));
        }
        views.sort_by_key(|view| (view.line, view.column));
        views
    }
}

/// Parses and checks a submitted text and renders its fragments, without writing anything.
async fn prepare<S: Store>(
    state: &AppState<S>,
    source: &str,
    current: Option<&ArticleRecord>,
    action: EditAction,
) -> Result<Result<NewArticle, Problems>, WebError> {
    let article = match parse_article(SOURCE_NAME, source) {
        Ok(article) => article,
        Err(errors) => return Ok(Err(Problems { article: errors, ui: Vec::new() })),
    };
    let mut problems = Problems::default();
    let mut existing: HashMap<String, String> = state.store.article_slugs().await?;
    if let Some(current) = current {
        existing.remove(&current.slug);
    }
    problems.article.extend(check_batch(std::slice::from_ref(&article), &existing));

    // Images the stored article already shows keep their files, so an imported article that uses
    // paths relative to its file stays editable; any other image must be an upload.
    let stored_urls: HashMap<String, String> = current
        .and_then(|record| {
            let stored = parse_article(SOURCE_NAME, &record.source).ok()?;
            rendered_image_urls(&stored, record.lead_html.as_deref(), &record.body_html)
        })
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut images = Images::default();
    for figure in article.all_figures() {
        let url = match uploaded_media_name(&figure.src) {
            Some(name) => ashyq_render::urls::media(name),
            None => match stored_urls.get(&figure.src) {
                Some(url) => url.clone(),
                None => {
                    problems.article.push(ArticleError::new(
                        figure.src_location.clone(),
                        ArticleErrorKind::ImageNotUploaded { path: figure.src.clone() },
                    ));
                    continue;
                }
            },
        };
        let Some(name) = uploaded_media_name(&url) else {
            problems.article.push(ArticleError::new(
                figure.src_location.clone(),
                ArticleErrorKind::ImageNotUploaded { path: figure.src.clone() },
            ));
            continue;
        };
        let on_disk = tokio::fs::try_exists(state.media_dir.join(name)).await.unwrap_or(false);
        if !on_disk {
            problems.article.push(ArticleError::new(
                figure.src_location.clone(),
                ArticleErrorKind::MissingUpload { name: name.to_owned() },
            ));
            continue;
        }
        if let Some(item) = state.store.media_by_name(name).await? {
            images.sizes.insert(figure.src.clone(), crate::photos::image_sizes(&item.media));
        }
        images.urls.insert(figure.src.clone(), url);
    }

    let published_at = article.published.unix_timestamp();
    let at = now();
    match action {
        EditAction::Publish if published_at > at => problems.ui.push(UiError {
            location: key_location(source, "published"),
            message_id: "editor-date-in-future",
        }),
        EditAction::Schedule if published_at <= at => problems.ui.push(UiError {
            location: key_location(source, "published"),
            message_id: "editor-date-not-in-future",
        }),
        _ => {}
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(render_new_article(state, article, &images)))
}

/// Where each figure's image is served from, and its sizes when it is an upload; by `src`.
#[derive(Default)]
struct Images {
    urls: HashMap<String, String>,
    sizes: HashMap<String, ImageSizes>,
}

fn render_new_article<S>(state: &AppState<S>, article: Article, images: &Images) -> NewArticle {
    let image_url = |src: &str| images.urls.get(src).cloned().unwrap_or_default();
    let image_sizes = |src: &str| images.sizes.get(src).cloned();
    let (lead_html, body_html) = ashyq_render::render_article_fragments_with_sizes(
        &article,
        &state.catalog,
        &image_url,
        Some(&image_sizes),
    );
    NewArticle { article, lead_html, body_html }
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
    if status == ArticleStatus::Published
        && let Err(refusal) = approval_refusal(state, &new).await?
    {
        let problems = Problems { article: Vec::new(), ui: vec![refusal] };
        view.errors = problems.views(state, user.ui_lang, &fields.source);
        return editor_page(state, csrf, user, view, StatusCode::CONFLICT);
    }
    let note = note.unwrap_or_else(|| action_code(action).to_owned());
    let save = SaveNote { user: user.user.id, now: now(), note: &note };
    let stored = match &current {
        Some(record) => state.store.update_article(record.id, &new, status, save).await,
        None => state.store.create_article(&new, status, save).await.map(|_| ()),
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

/// The one approval rule (`ashyq_services::translations::approval`) asked before anything is
/// published: `Ok(Err(…))` names the refusal for the editor page.
async fn approval_refusal<S: Store>(
    state: &AppState<S>,
    new: &NewArticle,
) -> Result<Result<(), UiError>, WebError> {
    match check_publication(&state.store, state.site().settings(), &new.article).await {
        Ok(()) => Ok(Ok(())),
        Err(PublicationError::NotApproved { units, .. }) => {
            tracing::info!(
                slug = new.article.slug.as_str(),
                ?units,
                "unapproved translation refused"
            );
            Ok(Err(UiError {
                location: new.article.slug_location.clone(),
                message_id: "editor-translation-not-approved",
            }))
        }
        Err(PublicationError::Translation(error)) => Err(WebError::Internal(error.to_string())),
    }
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
    if let Err(refusal) = approval_refusal(state, &new).await? {
        return Ok(Err(refusal.message_id.to_owned()));
    }
    let save = SaveNote { user: user.user.id, now: now(), note: action_code(EditAction::Publish) };
    let stored = match &current {
        Some(record) => {
            state.store.update_article(record.id, &new, ArticleStatus::Published, save).await
        }
        None => state.store.create_article(&new, ArticleStatus::Published, save).await.map(|_| ()),
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

fn revision_item<S>(
    state: &AppState<S>,
    ui_lang: &str,
    slug: &str,
    info: &RevisionInfo,
) -> RevisionItem {
    let l10n = state.catalog.localizer(ui_lang);
    let note = match info.note.strip_prefix("restore:") {
        Some(number) => l10n.msg_with("revision-note-restore", "number", number),
        None => l10n.msg(&format!("revision-note-{}", info.note)),
    };
    RevisionItem {
        number: info.id.0,
        url: format!("/admin/articles/{slug}/revisions/{}", info.id.0),
        when: format_time(info.created_at),
        who: info.user_name.clone().unwrap_or_else(|| l10n.msg("revisions-nobody")),
        note,
    }
}

pub(crate) async fn revisions_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let record = editable_record(&state, &user, &slug).await?;
    let revisions = state.store.revisions(record.id).await?;
    let items =
        revisions.iter().map(|info| revision_item(&state, user.ui_lang, &slug, info)).collect();
    let html = render_revisions_page(
        &state.site(),
        user.ui_lang,
        user.staff_nav(&csrf),
        &record.title,
        edit_url(&slug),
        items,
    )?;
    Ok(private_page(html))
}

pub(crate) async fn revision_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, revision_id)): Path<(String, i64)>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let record = editable_record(&state, &user, &slug).await?;
    let revision = state
        .store
        .revision(record.id, RevisionId(revision_id))
        .await?
        .ok_or(WebError::NotFound { ui_lang: user.ui_lang })?;
    let restore_action = may(&user.user.roles, Action::RestoreRevision)
        .then(|| format!("/admin/articles/{slug}/revisions/{revision_id}/restore"));
    let page = RevisionPage {
        article_title: record.title.clone(),
        list_url: format!("/admin/articles/{slug}/revisions"),
        edit_url: edit_url(&slug),
        revision: revision_item(&state, user.ui_lang, &slug, &revision.info),
        restore_action,
        source: revision.source,
    };
    Ok(private_page(render_revision_page(
        &state.site(),
        user.ui_lang,
        user.staff_nav(&csrf),
        page,
    )?))
}

pub(crate) async fn restore_revision<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, revision_id)): Path<(String, i64)>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::RestoreRevision)?;
    let record = editable_record(&state, &user, &slug).await?;
    let revision = state
        .store
        .revision(record.id, RevisionId(revision_id))
        .await?
        .ok_or(WebError::NotFound { ui_lang: user.ui_lang })?;
    let fields = EditorFields { source: revision.source, action: "save".to_owned() };
    submit(&state, &csrf, &user, Some(record), fields, Some(format!("restore:{revision_id}"))).await
}
