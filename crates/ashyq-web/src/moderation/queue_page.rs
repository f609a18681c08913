//! The queue page and its forms: the queues with the screen's findings and each commenter's history,
//! decisions on one or many comments, undo, the moderation log, and bans.

use ashyq_accounts::Action;
use ashyq_render::account_pages::format_time;
use ashyq_render::moderation_pages::{
    FindingItem, HistoryEntry, LogEntry, QueueItem, QueueTab, QueueView, highlight,
    render_log_page, render_queue_page,
};
use ashyq_services::decisions::{DecisionError, DecisionRequest, apply_decision};
use ashyq_store::{
    ActionId, ActionKind, BanKind, CommentId, CommentStatus, DecisionTarget, QueueFilter,
    QueuedComment, Store,
};
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{
    AfterWeb, QUEUES, back_to, decision_message, field, form_pairs, moderator_of, refusal_status,
};
use crate::account::private_page;
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::{AppState, now};

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
