//! What moderators' decisions leave in storage, as values: the kind of each logged action, the
//! reason of a rejection, and the label a decided comment carries as training data. Each backend writes and reads them through
//! the codes here, so both engines store the same words (the words stored since the first
//! release: old rows read back unchanged).

use ashyq_moderation::DataLabel;

use crate::comments::{CommentStatus, Decision};

/// What a logged moderator action did (`moderation_actions.action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    Approve,
    Reject,
    Spam,
    NotSpam,
    Feature,
    Unfeature,
    /// An earlier action taken back.
    Undo,
}

impl ActionKind {
    /// Every kind, in the order of [`ActionKind::code`]'s match.
    pub const ALL: [ActionKind; 7] = [
        ActionKind::Approve,
        ActionKind::Reject,
        ActionKind::Spam,
        ActionKind::NotSpam,
        ActionKind::Feature,
        ActionKind::Unfeature,
        ActionKind::Undo,
    ];

    /// The stored word (also the API's and the log page's).
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Approve => "approve",
            ActionKind::Reject => "reject",
            ActionKind::Spam => "spam",
            ActionKind::NotSpam => "not-spam",
            ActionKind::Feature => "feature",
            ActionKind::Unfeature => "unfeature",
            ActionKind::Undo => "undo",
        }
    }

    /// The kind stored as `code`; `None` for a word no version of ashyq writes.
    pub fn from_code(code: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

impl From<&Decision> for ActionKind {
    fn from(decision: &Decision) -> ActionKind {
        match decision {
            Decision::Approve => ActionKind::Approve,
            Decision::Reject { .. } => ActionKind::Reject,
            Decision::Spam => ActionKind::Spam,
            Decision::NotSpam => ActionKind::NotSpam,
            Decision::Feature(true) => ActionKind::Feature,
            Decision::Feature(false) => ActionKind::Unfeature,
        }
    }
}

impl std::fmt::Display for ActionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a moderator rejected a comment (`comments.decision_reason`, `moderation_actions.reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RejectReason {
    Spam,
    Hate,
    Obscene,
    Attack,
    Other,
}

impl RejectReason {
    /// Every reason, in the order the queue offers them.
    pub const ALL: [RejectReason; 5] = [
        RejectReason::Spam,
        RejectReason::Hate,
        RejectReason::Obscene,
        RejectReason::Attack,
        RejectReason::Other,
    ];

    /// The stored word (also the form's, the API's and the Fluent id's `reason-CODE`).
    pub fn code(self) -> &'static str {
        match self {
            RejectReason::Spam => "spam",
            RejectReason::Hate => "hate",
            RejectReason::Obscene => "obscene",
            RejectReason::Attack => "attack",
            RejectReason::Other => "other",
        }
    }

    /// The reason named `code`, as a form or the API sends it; `None` for any other word.
    pub fn from_code(code: &str) -> Option<RejectReason> {
        RejectReason::ALL.into_iter().find(|reason| reason.code() == code)
    }

    /// A reason as stored: a word ashyq does not write (a hand-edited row) reads as `Other`, so a
    /// rejection always reads back as a rejection with a reason.
    pub fn from_stored(code: &str) -> RejectReason {
        RejectReason::from_code(code.trim()).unwrap_or(RejectReason::Other)
    }
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The label a decided comment teaches the screen: approved is clean, spam is spam, and a
/// rejection is labelled by its reason where the reason is one of the screen's labels (`hate`,
/// `obscene`, `attack`, `spam`), otherwise (`other`, none) `toxic`. Comments not decided
/// (pending, withdrawn) have no label.
pub fn decided_label(status: CommentStatus, reason: Option<RejectReason>) -> Option<DataLabel> {
    match status {
        CommentStatus::Approved => Some(DataLabel::Clean),
        CommentStatus::Spam => Some(DataLabel::Spam),
        CommentStatus::Rejected => Some(match reason {
            Some(RejectReason::Spam) => DataLabel::Spam,
            Some(RejectReason::Hate) => DataLabel::Hate,
            Some(RejectReason::Obscene) => DataLabel::Obscene,
            Some(RejectReason::Attack) => DataLabel::Attack,
            Some(RejectReason::Other) | None => DataLabel::Toxic,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_code_and_decisions_log_their_own() {
        // The words stored since the first release: rows already written read back unchanged.
        let codes: Vec<&str> = ActionKind::ALL.into_iter().map(ActionKind::code).collect();
        assert_eq!(
            codes,
            ["approve", "reject", "spam", "not-spam", "feature", "unfeature", "undo"]
        );
        for kind in ActionKind::ALL {
            assert_eq!(ActionKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(ActionKind::from_code("approved"), None);
        for decision in [
            Decision::Approve,
            Decision::Reject { reason: RejectReason::Hate },
            Decision::Spam,
            Decision::NotSpam,
            Decision::Feature(true),
            Decision::Feature(false),
        ] {
            assert_eq!(ActionKind::from(&decision).code(), decision.code());
        }
    }

    #[test]
    fn a_rejection_is_labelled_by_a_reason_that_names_a_label_and_toxic_otherwise() {
        let check = |status, stored: Option<&str>, expected| {
            let reason = stored.map(RejectReason::from_stored);
            assert_eq!(decided_label(status, reason), expected, "{status:?} {stored:?}");
        };
        check(CommentStatus::Approved, None, Some(DataLabel::Clean));
        check(CommentStatus::Approved, Some("hate"), Some(DataLabel::Clean));
        check(CommentStatus::Spam, None, Some(DataLabel::Spam));
        check(CommentStatus::Rejected, Some("hate"), Some(DataLabel::Hate));
        check(CommentStatus::Rejected, Some("obscene"), Some(DataLabel::Obscene));
        check(CommentStatus::Rejected, Some("attack"), Some(DataLabel::Attack));
        check(CommentStatus::Rejected, Some("spam"), Some(DataLabel::Spam));
        check(CommentStatus::Rejected, Some("other"), Some(DataLabel::Toxic));
        check(CommentStatus::Rejected, None, Some(DataLabel::Toxic));
        // Written by nothing, but the column is text: a hand-edited word reads as `other`, never a
        // label the TSV reader refuses, and never `clean`.
        check(CommentStatus::Rejected, Some("rude"), Some(DataLabel::Toxic));
        check(CommentStatus::Rejected, Some("clean"), Some(DataLabel::Toxic));
        check(CommentStatus::Pending, None, None);
        check(CommentStatus::Withdrawn, None, None);
    }

    #[test]
    fn every_reason_reads_back_from_its_code_and_a_stranger_word_as_other() {
        let codes: Vec<&str> = RejectReason::ALL.into_iter().map(RejectReason::code).collect();
        assert_eq!(codes, ["spam", "hate", "obscene", "attack", "other"]);
        for reason in RejectReason::ALL {
            assert_eq!(RejectReason::from_code(reason.code()), Some(reason));
            assert_eq!(RejectReason::from_stored(reason.code()), reason);
        }
        assert_eq!(RejectReason::from_code("rude"), None);
        assert_eq!(RejectReason::from_stored("rude"), RejectReason::Other);
    }
}
