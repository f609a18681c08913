//! The mailed one-click decision: a signed link opens a page with the comment and one button; the
//! button's CSRF-checked form decides through the same service as the queue.

use ashyq_accounts::Action;
use ashyq_services::decisions::{DecisionError, DecisionRequest, apply_decision};
use ashyq_store::{CommentId, DecisionTarget, Store, User};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{AfterWeb, decision_message, moderator_of, refusal_status};
use crate::account::private_page;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::mail::LinkFields;
use crate::state::{AppState, now};

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
