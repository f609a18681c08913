//! Moderation decisions: one path for the queue form, the mailed one-click link and the API.
//!
//! [`apply_decision`] parses and checks the action and reason, applies the moderator's language
//! rule, has the store apply the decision at the versions the moderator saw (one transaction, each
//! update conditional on the version), and then tells the door's [`AfterDecision`] to drop cached
//! pages and send reply notices. Doors only turn their transport into a [`DecisionRequest`] and a
//! [`DecisionError`] into their status and words.

use ashyq_accounts::{Action, Roles, may};
use ashyq_store::{
    ActionId, AppliedChange, CommentId, DecideOutcome, Decision, DecisionConflict, DecisionStamp,
    DecisionTarget, RejectReason, Store, StoreError, UserId,
};

/// The most comments one decision may name.
pub const MAX_TARGETS: usize = 1000;

/// The person deciding, with what the rules need to know about them.
#[derive(Debug, Clone)]
pub struct Moderator {
    pub id: UserId,
    pub roles: Roles,
    /// The languages they declared they read; empty for a generalist.
    pub languages: Vec<String>,
}

/// A decision as a door received it, not yet checked.
#[derive(Debug, Clone, Default)]
pub struct DecisionRequest {
    /// The comments, each with the version the moderator saw.
    pub targets: Vec<DecisionTarget>,
    /// `approve`, `reject`, `spam`, `not-spam`, `feature` or `unfeature`.
    pub action: String,
    /// For `reject`: a [`RejectReason`] code.
    pub reason: Option<String>,
    /// For a mailed one-click link: the SHA-256 hash (hex) of its signature, so that it acts once.
    pub link_hash: Option<String>,
}

/// What a decision changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub decision: Decision,
    pub changes: Vec<AppliedChange>,
}

impl Applied {
    /// How many comments changed.
    pub fn changed(&self) -> usize {
        self.changes.len()
    }

    /// The logged action to offer undoing, when exactly one comment changed.
    pub fn undoable_action(&self) -> Option<ActionId> {
        match self.changes.as_slice() {
            [only] => Some(only.action_id),
            _ => None,
        }
    }
}

/// How a door's answer should treat a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The request itself is wrong (422).
    BadInput,
    /// The person may not do this (403).
    Forbidden,
    /// No such comment (404).
    NotFound,
    /// The comment or the link moved on since the moderator saw it (409).
    Conflict,
    /// Storage failed (500, or 503 when it cannot be written).
    Store,
}

/// Why a decision was refused. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("unknown action `{0}`: use approve, reject, spam, not-spam, feature or unfeature")]
    UnknownAction(String),
    #[error("a rejection needs a reason: spam, hate, obscene, attack or other")]
    ReasonMissing,
    #[error("unknown reason `{0}`: use spam, hate, obscene, attack or other")]
    UnknownReason(String),
    #[error("no comment was chosen")]
    NoComments,
    #[error("at most {MAX_TARGETS} comments can be decided at once")]
    TooMany,
    #[error("your roles do not allow this decision")]
    NotAllowed,
    #[error("comment {0} does not exist")]
    NotFound(CommentId),
    #[error("comment {0} was named without the version you saw; reload and try again")]
    VersionMissing(CommentId),
    #[error(
        "comment {id} was changed by its writer after you loaded it (you saw version {seen}, it is \
         now at version {now}); nothing was decided: read the new text first"
    )]
    Changed { id: CommentId, seen: i64, now: i64 },
    #[error("comment {id} is in `{lang}`, which is not among the languages you moderate")]
    NotYourLanguage { id: CommentId, lang: String },
    #[error("comment {id} was decided by {} after you loaded it; nothing was changed", by.as_deref().unwrap_or("someone"))]
    AlreadyDecided { id: CommentId, by: Option<String> },
    #[error("comment {0} was withdrawn by its writer")]
    Withdrawn(CommentId),
    #[error("this link has already been used")]
    LinkUsed,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DecisionError {
    /// How doors should answer this refusal.
    pub fn refusal(&self) -> Refusal {
        match self {
            DecisionError::UnknownAction(_)
            | DecisionError::ReasonMissing
            | DecisionError::UnknownReason(_)
            | DecisionError::NoComments
            | DecisionError::VersionMissing(_)
            | DecisionError::TooMany => Refusal::BadInput,
            DecisionError::NotAllowed | DecisionError::NotYourLanguage { .. } => Refusal::Forbidden,
            DecisionError::NotFound(_) => Refusal::NotFound,
            DecisionError::Changed { .. }
            | DecisionError::AlreadyDecided { .. }
            | DecisionError::Withdrawn(_)
            | DecisionError::LinkUsed => Refusal::Conflict,
            DecisionError::Store(_) => Refusal::Store,
        }
    }

    /// A stable code for APIs and the Fluent message id `decision-error-CODE`.
    pub fn code(&self) -> &'static str {
        match self {
            DecisionError::UnknownAction(_) => "unknown-action",
            DecisionError::ReasonMissing => "reason-missing",
            DecisionError::UnknownReason(_) => "unknown-reason",
            DecisionError::NoComments => "no-comments",
            DecisionError::TooMany => "too-many",
            DecisionError::NotAllowed => "not-allowed",
            DecisionError::NotFound(_) => "not-found",
            DecisionError::VersionMissing(_) => "version-missing",
            DecisionError::Changed { .. } => "changed",
            DecisionError::NotYourLanguage { .. } => "not-your-language",
            DecisionError::AlreadyDecided { .. } => "already-decided",
            DecisionError::Withdrawn(_) => "withdrawn",
            DecisionError::LinkUsed => "link-used",
            DecisionError::Store(_) => "store",
        }
    }
}

/// What a door does once a decision changed something; the service decides when, the door how.
pub trait AfterDecision {
    /// Readers' pages may show something else now, because of `decision`: drop or refresh cached
    /// copies (a decision that only adds to a page may let readers keep the old copy while it is
    /// rendered again; one that takes something away may not).
    fn invalidate_pages(&self, decision: &Decision);
    /// These comments were just approved: tell the writers of their parents (reply notices).
    fn approved(&self, ids: &[CommentId]);
}

/// Reads an action and reason into a decision.
pub fn parse_decision(action: &str, reason: Option<&str>) -> Result<Decision, DecisionError> {
    let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
    Ok(match action.trim() {
        "approve" => Decision::Approve,
        "reject" => {
            let reason = reason.ok_or(DecisionError::ReasonMissing)?;
            let reason = RejectReason::from_code(reason)
                .ok_or_else(|| DecisionError::UnknownReason(reason.to_owned()))?;
            Decision::Reject { reason }
        }
        "spam" => Decision::Spam,
        "not-spam" => Decision::NotSpam,
        "feature" => Decision::Feature(true),
        "unfeature" => Decision::Feature(false),
        other => return Err(DecisionError::UnknownAction(other.to_owned())),
    })
}

/// The language rule: a moderator who declared languages decides only comments in those
/// languages, in no detected language, or in a language nobody on the team declared (so that no
/// comment is left without anyone allowed to decide it). A moderator who declared none decides all.
pub fn may_decide_language(mine: &[String], comment: Option<&str>, team: &[String]) -> bool {
    match comment {
        _ if mine.is_empty() => true,
        None => true,
        Some(lang) => mine.iter().any(|own| own == lang) || !team.iter().any(|known| known == lang),
    }
}

/// Applies one decision, the same way for every door: checks, the versioned store update with
/// its log entry, then page invalidation and reply notices through `after`.
pub async fn apply_decision<S: Store, A: AfterDecision>(
    store: &S,
    after: &A,
    by: &Moderator,
    request: DecisionRequest,
    now: i64,
) -> Result<Applied, DecisionError> {
    let decision = parse_decision(&request.action, request.reason.as_deref())?;
    if !may(&by.roles, Action::ModerateComments)
        || (matches!(decision, Decision::Feature(_)) && !may(&by.roles, Action::FeatureComment))
    {
        return Err(DecisionError::NotAllowed);
    }
    let mut targets: Vec<DecisionTarget> = Vec::with_capacity(request.targets.len());
    for target in request.targets {
        if !targets.iter().any(|seen| seen.id == target.id) {
            targets.push(target);
        }
    }
    if targets.is_empty() {
        return Err(DecisionError::NoComments);
    }
    if targets.len() > MAX_TARGETS {
        return Err(DecisionError::TooMany);
    }
    let ids: Vec<CommentId> = targets.iter().map(|target| target.id).collect();
    let subjects = store.decision_subjects(&ids).await?;
    let mut team: Option<Vec<String>> = None;
    for id in &ids {
        let subject = subjects
            .iter()
            .find(|subject| subject.id == *id)
            .ok_or(DecisionError::NotFound(*id))?;
        let lang = subject.language.as_deref();
        let reads = |lang: &str| by.languages.iter().any(|own| own == lang);
        if by.languages.is_empty() || lang.is_none_or(reads) {
            continue;
        }
        // Only now is the team asked: most decisions are in the moderator's own languages.
        if team.is_none() {
            team = Some(store.team_languages().await?);
        }
        if !may_decide_language(&by.languages, lang, team.as_deref().unwrap_or_default()) {
            return Err(DecisionError::NotYourLanguage {
                id: *id,
                lang: lang.unwrap_or_default().to_owned(),
            });
        }
    }
    let stamp = DecisionStamp { by: by.id, now, link_hash: request.link_hash.as_deref() };
    let changes = match store.decide_comments(&targets, &decision, stamp).await? {
        DecideOutcome::Applied(changes) => changes,
        DecideOutcome::Refused { id, conflict } => return Err(refused(id, conflict)),
    };
    if !changes.is_empty() {
        after.invalidate_pages(&decision);
        if decision == Decision::Approve {
            let approved: Vec<CommentId> = changes.iter().map(|change| change.id).collect();
            after.approved(&approved);
        }
    }
    tracing::info!(
        moderator = by.id.0,
        action = decision.code(),
        changed = changes.len(),
        by_link = request.link_hash.is_some(),
        "moderation decision"
    );
    Ok(Applied { decision, changes })
}

fn refused(id: CommentId, conflict: DecisionConflict) -> DecisionError {
    match conflict {
        DecisionConflict::Missing => DecisionError::NotFound(id),
        DecisionConflict::TextChanged { seen, now } => DecisionError::Changed { id, seen, now },
        DecisionConflict::DecidedMeanwhile { by, .. } => DecisionError::AlreadyDecided { id, by },
        DecisionConflict::Withdrawn => DecisionError::Withdrawn(id),
        DecisionConflict::LinkUsed => DecisionError::LinkUsed,
    }
}

#[cfg(test)]
mod tests;
