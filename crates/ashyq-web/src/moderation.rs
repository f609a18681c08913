//! The moderators' side: queues with the screen's findings, decisions on one or many comments
//! (logged and undoable), bans, the site word lists, and each moderator's languages.
//!
//! Decisions, from the queue form (`queue_page`), the mailed one-click page (`quick`) and the API, all go
//! through `ashyq_services::decisions::apply_decision`; these modules only read forms into requests and
//! turn refusals into pages. This file holds what the doors share: reading forms, the moderator a decision
//! is made by, what happens after one, and a refusal in words with its status. `settings` holds the site
//! word lists and each moderator's languages.

use ashyq_i18n::Localizer;
use ashyq_services::decisions::{AfterDecision, DecisionError, Moderator, Refusal};
use ashyq_store::{CommentId, CommentStatus, Decision, Store, StoreError, User};
use axum::body::Bytes;
use axum::http::StatusCode;

use crate::state::AppState;

mod queue_page;
mod quick;
mod settings;

pub(crate) use queue_page::{ban, decide, log, queue, undo};
pub(crate) use quick::{quick_decide, quick_page};
pub(crate) use settings::{languages_page, save_languages, save_words, words_page};

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
