//! The moderators' side: queues with the screen's findings, decisions on one or many comments
//! (logged and undoable), bans, the site word lists, and each moderator's languages.
//!
//! Decisions, from the queue form here, the mailed one-click page here and the API, all go through
//! `ashyq_services::decisions::apply_decision`; this module only reads forms into requests and
//! turns refusals into pages.

use ashyq_accounts::Action;
use ashyq_content::LanguageTag;
use ashyq_i18n::Localizer;
use ashyq_render::account_pages::format_time;
use ashyq_render::moderation_pages::{
    FindingItem, HistoryEntry, LogEntry, QueueItem, QueueTab, QueueView, WordListItem, highlight,
    render_languages_page, render_log_page, render_queue_page, render_words_page,
};
use ashyq_services::decisions::{
    AfterDecision, DecisionError, DecisionRequest, Moderator, Refusal, apply_decision,
};
use ashyq_store::{
    ActionId, ActionKind, BanKind, CommentId, CommentStatus, Decision, DecisionTarget, QueueFilter,
    QueuedComment, Store, StoreError, User, WordListKind,
};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::account::private_page;
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::mail::LinkFields;
use crate::state::{AppState, now};

/// Languages the queue and word lists offer by default.
const LANGUAGES: &[&str] = &["en", "ru", "kk"];
/// Queues a moderator can open.
const QUEUES: [CommentStatus; 4] =
    [CommentStatus::Pending, CommentStatus::Spam, CommentStatus::Rejected, CommentStatus::Approved];

fn form_pairs(body: &Bytes) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct QueueQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    done: Option<i64>,
    #[serde(default)]
    undo: Option<i64>,
    #[serde(default)]
    notice: Option<String>,
}

/// Where an earlier comment is shown: a published one under its article, any other in its queue
/// narrowed to its article (so it is on the page however long the queue), at its row.
fn history_url(entry: &ashyq_store::HistoryItem) -> String {
    if entry.status == CommentStatus::Approved {
        return format!(
            "{}#comment-{}",
            ashyq_render::urls::article(&entry.article_slug),
            entry.id.0
        );
    }
    let status = if QUEUES.contains(&entry.status) { entry.status.code() } else { "pending" };
    let query =
        serde_urlencoded::to_string([("status", status), ("article", entry.article_slug.as_str())])
            .unwrap_or_default();
    format!("/moderation?{query}#c{}", entry.id.0)
}

fn queue_item(
    comment: &QueuedComment,
    readable: &[String],
    history: Vec<HistoryEntry>,
    history_label: String,
) -> QueueItem {
    let spans: Vec<(usize, usize)> =
        comment.screen_findings.iter().flat_map(|finding| finding.spans.iter().copied()).collect();
    let language = comment.language.clone().unwrap_or_default();
    QueueItem {
        id: comment.id.0,
        article_title: comment.article_title.clone(),
        article_lang: Some(comment.article_lang.clone()),
        article_language: ashyq_render::pages::native_name(&comment.article_lang),
        article_url: ashyq_render::urls::article(&comment.article_slug),
        author_name: comment.author_name.clone(),
        is_staff: comment.is_staff,
        date: format_time(comment.created_at),
        unreadable: !language.is_empty() && !readable.contains(&language),
        body_lang: comment.language.clone().filter(|code| !code.is_empty()),
        language: if language.is_empty() { "?".to_owned() } else { language },
        score: format!("{:.2}", comment.screen_score),
        flagged: comment.screen_flagged,
        findings: comment
            .screen_findings
            .iter()
            .map(|finding| FindingItem {
                label: finding.label.name().to_owned(),
                reason: finding.reason.clone(),
            })
            .collect(),
        flags: comment.flags.iter().map(|flag| flag.code().to_owned()).collect(),
        body_highlighted: highlight(&comment.body, &spans),
        history,
        history_label,
        has_address: comment.address_hash.is_some(),
        has_email: comment.email_hash.is_some(),
        featured: comment.featured,
        decision_reason: comment.decision_reason.map(|reason| reason.code().to_owned()),
        version: comment.version,
    }
}

pub(crate) async fn queue<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<QueueQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    Ok(private_page(render_queue(&state, &csrf, &user, query, None).await?))
}

/// The queue page, with `refusal` (a refused decision, already in words) above it.
async fn render_queue<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    query: QueueQuery,
    refusal: Option<String>,
) -> Result<String, WebError> {
    let l10n = state.catalog.localizer(user.ui_lang);
    let status = query
        .status
        .as_deref()
        .and_then(CommentStatus::from_code)
        .filter(|status| QUEUES.contains(status));
    let status = status.unwrap_or(CommentStatus::Pending);
    let non_empty = |value: &Option<String>| {
        value.as_ref().map(|text| text.trim().to_owned()).filter(|text| !text.is_empty())
    };
    // The label box is free text: a word that is no label of the screen's matches no comment.
    let label_typed = non_empty(&query.label);
    let label = label_typed.as_deref().map(ashyq_store::Label::from_name);
    let filter = QueueFilter {
        status,
        article_slug: non_empty(&query.article),
        language: non_empty(&query.lang),
        label: label.flatten(),
        limit: 200,
    };
    let comments = match label {
        Some(None) => Vec::new(),
        _ => state.store.moderation_queue(&filter).await?,
    };
    let mine = state.store.moderator_languages(user.user.id).await?;
    // Everyone's languages decide what is "unreadable"; the moderator's own decide the order.
    let mut team_languages = mine.clone();
    team_languages.extend(state.store.team_languages().await?);
    let mut items = Vec::with_capacity(comments.len());
    for comment in &comments {
        let history = state
            .store
            .commenter_history(
                comment.address_hash.as_deref(),
                comment.email_hash.as_deref(),
                comment.id,
            )
            .await?
            .into_iter()
            .map(|entry| HistoryEntry {
                url: history_url(&entry),
                status: entry.status.code().to_owned(),
                date: format_time(entry.created_at),
                excerpt: entry.excerpt,
            })
            .collect::<Vec<_>>();
        let history_label = l10n.msg_count("moderation-history", "count", history.len() as i64);
        items.push(queue_item(comment, &team_languages, history, history_label));
    }
    if !mine.is_empty() {
        // A stable sort keeps the store's order (likely-clean first) within each group.
        items.sort_by_key(|item| !mine.contains(&item.language));
    }
    let counts = state.store.queue_counts().await?;
    let tabs = QUEUES
        .iter()
        .map(|queue| QueueTab {
            status: queue.code().to_owned(),
            label: l10n.msg(&format!("moderation-status-{}", queue.code())),
            count: counts
                .iter()
                .find(|counted| counted.status == *queue)
                .map_or(0, |counted| counted.count),
            current: *queue == status,
        })
        .collect();
    let notice = match (query.done, query.notice.as_deref()) {
        (Some(count), _) => Some(l10n.msg_count("moderation-done", "count", count)),
        (None, Some("undone")) => Some(l10n.msg("moderation-undone")),
        (None, Some("not-undone")) => Some(l10n.msg("moderation-not-undone")),
        (None, Some(days)) if days.starts_with("banned-") => days
            .trim_start_matches("banned-")
            .parse()
            .ok()
            .map(|days: i64| l10n.msg_count("moderation-banned", "count", days)),
        _ => None,
    };
    let view = QueueView {
        status: status.code().to_owned(),
        tabs,
        items,
        filter_article: filter.article_slug.unwrap_or_default(),
        filter_language: filter.language.unwrap_or_default(),
        filter_label: label_typed.unwrap_or_default(),
        notice,
        refusal,
        undo_action: query.undo,
        can_feature: ashyq_accounts::may(&user.user.roles, Action::FeatureComment),
    };
    Ok(render_queue_page(&state.site(), user.ui_lang, user.staff_nav(csrf), view)?)
}

fn back_to(status: Option<&str>) -> String {
    let status = status.and_then(CommentStatus::from_code).unwrap_or(CommentStatus::Pending);
    format!("/moderation?status={}", status.code())
}

/// What the web doors do after a decision: drop cached pages, send reply notices.
pub(crate) struct AfterWeb<'a, S>(pub(crate) &'a AppState<S>);

impl<S: Store> AfterDecision for AfterWeb<'_, S> {
    fn invalidate_pages(&self, decision: &Decision) {
        self.0.pages.decided(decision);
    }

    fn approved(&self, ids: &[CommentId]) {
        crate::notify::approved_replies(self.0, ids);
    }
}

/// `person` as the decision service sees them, with the languages they declared.
pub(crate) async fn moderator_of<S: Store>(
    state: &AppState<S>,
    person: &User,
) -> Result<Moderator, StoreError> {
    let languages = state.store.moderator_languages(person.id).await?;
    Ok(Moderator { id: person.id, roles: person.roles.clone(), languages })
}

/// A refused decision in words, in `l10n`'s language.
pub(crate) fn decision_message(l10n: &Localizer<'_>, error: &DecisionError) -> String {
    let id = format!("decision-error-{}", error.code());
    let number = |comment: &CommentId| comment.0.to_string();
    match error {
        DecisionError::NotFound(comment)
        | DecisionError::VersionMissing(comment)
        | DecisionError::Withdrawn(comment)
        | DecisionError::Changed { id: comment, .. } => {
            l10n.msg_with(&id, "number", &number(comment))
        }
        DecisionError::NotYourLanguage { id: comment, lang } => {
            l10n.msg_args(&id, &[("number", number(comment).as_str()), ("language", lang)])
        }
        DecisionError::AlreadyDecided { id: comment, by } => {
            let someone = l10n.msg("decision-someone");
            let name = by.as_deref().unwrap_or(&someone);
            l10n.msg_args(&id, &[("number", number(comment).as_str()), ("name", name)])
        }
        DecisionError::UnknownReason(reason) => l10n.msg_with(&id, "reason", reason),
        _ => l10n.msg(&id),
    }
}

/// The HTTP status a refused decision answers with.
pub(crate) fn refusal_status(error: &DecisionError) -> StatusCode {
    match (error.refusal(), error) {
        (Refusal::BadInput, _) => StatusCode::UNPROCESSABLE_ENTITY,
        (Refusal::Forbidden, _) => StatusCode::FORBIDDEN,
        (Refusal::NotFound, _) => StatusCode::NOT_FOUND,
        (Refusal::Conflict, _) => StatusCode::CONFLICT,
        (Refusal::Store, DecisionError::Store(StoreError::Unwritable(_))) => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        (Refusal::Store, _) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The comments a queue form names, each with the version shown beside it (`version-ID`).
fn form_targets(pairs: &[(String, String)]) -> Result<Vec<DecisionTarget>, DecisionError> {
    let mut targets = Vec::new();
    for (_, value) in pairs.iter().filter(|(key, _)| key == "id") {
        let Ok(id) = value.trim().parse().map(CommentId) else { continue };
        let version = field(pairs, &format!("version-{}", id.0))
            .and_then(|version| version.trim().parse().ok())
            .ok_or(DecisionError::VersionMissing(id))?;
        targets.push(DecisionTarget { id, version });
    }
    Ok(targets)
}

pub(crate) async fn decide<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let pairs = form_pairs(&body);
    let back = field(&pairs, "status").map(str::to_owned);
    let outcome = match form_targets(&pairs) {
        Ok(targets) => {
            let request = DecisionRequest {
                targets,
                action: field(&pairs, "action").unwrap_or_default().to_owned(),
                reason: field(&pairs, "reason").map(str::to_owned),
                link_hash: None,
            };
            let by = moderator_of(&state, &user.user).await?;
            apply_decision(&state.store, &AfterWeb(&state), &by, request, now()).await
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(applied) => {
            let mut target = format!("{}&done={}", back_to(back.as_deref()), applied.changed());
            if let Some(action) = applied.undoable_action() {
                target.push_str(&format!("&undo={action}"));
            }
            Ok(Redirect::to(&target).into_response())
        }
        Err(DecisionError::Store(error)) => Err(error.into()),
        Err(error) => {
            // The queue again, as it is now (with the writer's new text, or the other moderator's
            // decision), and the reason nothing was decided above it.
            let message = decision_message(&state.catalog.localizer(user.ui_lang), &error);
            let query = QueueQuery { status: back, ..QueueQuery::default() };
            let html = render_queue(&state, &csrf, &user, query, Some(message)).await?;
            Ok((refusal_status(&error), private_page(html)).into_response())
        }
    }
}

pub(crate) async fn undo<S: Store>(
    State(state): State<AppState<S>>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let pairs = form_pairs(&body);
    let action_id = field(&pairs, "action_id").and_then(|value| value.parse().ok()).unwrap_or(-1);
    let undone = state.store.undo_action(ActionId(action_id), user.user.id, now()).await?;
    if undone {
        state.pages.invalidate();
    }
    let notice = if undone { "undone" } else { "not-undone" };
    Ok(Redirect::to(&format!("{}&notice={notice}", back_to(field(&pairs, "status"))))
        .into_response())
}

pub(crate) async fn log<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let entries = state
        .store
        .recent_actions(200)
        .await?
        .into_iter()
        .map(|action| LogEntry {
            id: action.id.0,
            comment_id: action.comment_id.0,
            moderator: action.moderator,
            undoable: !action.undone && action.action != ActionKind::Undo,
            action: action.action.code().to_owned(),
            change: format!("{} → {}", action.previous_status.code(), action.new_status.code()),
            date: format_time(action.at),
            undone: action.undone,
        })
        .collect();
    Ok(private_page(render_log_page(&state.site(), user.ui_lang, user.staff_nav(&csrf), entries)?))
}

pub(crate) async fn ban<S: Store>(
    State(state): State<AppState<S>>,
    user: CurrentUser,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(Action::ModerateComments)?;
    let pairs = form_pairs(&body);
    let comment_id = field(&pairs, "id").and_then(|value| value.parse().ok()).map(CommentId);
    let days: i64 =
        field(&pairs, "days").and_then(|value| value.parse().ok()).unwrap_or(7).clamp(1, 3650);
    let Some(comment) = (match comment_id {
        Some(id) => state.store.queued_comment(id).await?,
        None => None,
    }) else {
        return Err(WebError::NotFound { ui_lang: user.ui_lang });
    };
    let (kind, value) = match field(&pairs, "kind") {
        Some("email") => (BanKind::Email, comment.email_hash.clone()),
        _ => (BanKind::Address, comment.address_hash.clone()),
    };
    let Some(value) = value else { return Err(WebError::NotFound { ui_lang: user.ui_lang }) };
    let now = now();
    state
        .store
        .add_ban(kind, &value, now + days * 24 * 3600, "moderator", user.user.id, now)
        .await?;
    tracing::info!(
        moderator = user.user.id.0,
        comment = comment.id.0,
        kind = kind.code(),
        days,
        "ban added"
    );
    Ok(Redirect::to(&format!("{}&notice=banned-{days}", back_to(field(&pairs, "status"))))
        .into_response())
}

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

#[derive(Debug, Deserialize)]
pub(crate) struct QuickLink {
    #[serde(default)]
    comment: i64,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    action: String,
    #[serde(default)]
    moderator: i64,
    #[serde(default)]
    expires: i64,
    #[serde(default)]
    sig: String,
}

impl QuickLink {
    fn fields(&self) -> LinkFields<'_> {
        LinkFields {
            comment: self.comment,
            version: self.version,
            action: &self.action,
            moderator: self.moderator,
            expires: self.expires,
        }
    }

    /// The moderator the link was made for, if the link is genuine, unexpired and for one of our
    /// actions, and that person may still moderate.
    async fn moderator<S: Store>(&self, state: &AppState<S>) -> Result<Option<User>, WebError> {
        let genuine = matches!(self.action.as_str(), "approve" | "reject")
            && self.expires > now()
            && crate::mail::verify_link(&state.link_key, self.fields(), &self.sig);
        if !genuine {
            return Ok(None);
        }
        let person = state.store.user(ashyq_store::UserId(self.moderator)).await?;
        Ok(person.filter(|person| {
            !person.disabled && ashyq_accounts::may(&person.roles, Action::ModerateComments)
        }))
    }

    /// What identifies this link's single use: the hash of its signature (the signature itself
    /// never reaches the database).
    fn use_hash(&self) -> String {
        crate::auth::secrets::hash_token(&self.sig)
    }
}

/// A refused decision as a page, with its status.
fn refusal_page<S: Store>(
    state: &AppState<S>,
    ui_lang: &str,
    status: StatusCode,
    message: &str,
) -> Result<Response, WebError> {
    let html = ashyq_render::moderation_pages::render_refusal_page(
        &state.site(),
        ui_lang,
        "decision-refused-title",
        message,
    )?;
    Ok((status, private_page(html)).into_response())
}

/// The page a one-click link opens: the comment and one button (a link alone never changes
/// anything, so mail scanners that follow links cannot decide for the moderator).
pub(crate) async fn quick_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(link): Query<QuickLink>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let ui_lang = crate::reading::preferred_language(&headers);
    let Some(_) = link.moderator(&state).await? else {
        return Err(WebError::Forbidden { ui_lang });
    };
    let comment = state
        .store
        .queued_comment(CommentId(link.comment))
        .await?
        .ok_or(WebError::NotFound { ui_lang })?;
    let l10n = state.catalog.localizer(ui_lang);
    if comment.version != link.version {
        // Changed by its writer, decided by someone, or this very link has been used: whatever
        // the mail showed is no longer what a button here would decide.
        let message = l10n.msg("decision-error-link-stale");
        return refusal_page(&state, ui_lang, StatusCode::CONFLICT, &message);
    }
    let action_label =
        l10n.msg(if link.action == "approve" { "moderation-approve" } else { "moderation-reject" });
    let hidden = vec![
        ("comment".to_owned(), link.comment.to_string()),
        ("version".to_owned(), link.version.to_string()),
        ("action".to_owned(), link.action.clone()),
        ("moderator".to_owned(), link.moderator.to_string()),
        ("expires".to_owned(), link.expires.to_string()),
        ("sig".to_owned(), link.sig.clone()),
    ];
    let html = ashyq_render::moderation_pages::render_quick_page(
        &state.site(),
        ui_lang,
        &csrf.0,
        &comment.author_name,
        &comment.body,
        comment.language.as_deref(),
        &comment.article_title,
        comment.status.code(),
        &action_label,
        hidden,
    )?;
    Ok(private_page(html))
}

pub(crate) async fn quick_decide<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    axum::Form(link): axum::Form<QuickLink>,
) -> Result<Response, WebError> {
    let ui_lang = crate::reading::preferred_language(&headers);
    let Some(person) = link.moderator(&state).await? else {
        return Err(WebError::Forbidden { ui_lang });
    };
    let request = DecisionRequest {
        targets: vec![DecisionTarget { id: CommentId(link.comment), version: link.version }],
        action: link.action.clone(),
        // A mailed rejection has no reason to choose; the log can be refined from the queue.
        reason: (link.action == "reject")
            .then(|| ashyq_store::RejectReason::Other.code().to_owned()),
        link_hash: Some(link.use_hash()),
    };
    let by = moderator_of(&state, &person).await?;
    match apply_decision(&state.store, &AfterWeb(&state), &by, request, now()).await {
        Ok(_) => {
            let html = ashyq_render::render_message_page(
                &state.site(),
                ui_lang,
                "quick-done-title",
                "quick-done-body",
            )?;
            Ok(private_page(html))
        }
        Err(DecisionError::Store(error)) => Err(error.into()),
        Err(error) => {
            let message = decision_message(&state.catalog.localizer(ui_lang), &error);
            refusal_page(&state, ui_lang, refusal_status(&error), &message)
        }
    }
}
