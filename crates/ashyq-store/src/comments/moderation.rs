//! What moderators work with: the queue's rows, filter and counts, decisions (their targets,
//! stamps, conflicts and outcomes), the action log, a commenter's history, bans, word lists and
//! the decided comments the screen learns from.

use crate::accounts::UserId;
use crate::screening::{CommentFlags, ScreenFinding};

use super::{ActionId, CommentId, CommentStatus};

/// What a ban holds: the keyed hash of a commenter's network address, or of their e-mail address.
/// The screen refuses a new comment whose hash of that kind matches an unexpired ban.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BanKind {
    Address,
    Email,
}

impl BanKind {
    /// The word stored in `bans.kind` (and shown in logs).
    pub fn code(self) -> &'static str {
        match self {
            BanKind::Address => "address",
            BanKind::Email => "email",
        }
    }
}

/// Which of a site's word lists: words that reject a comment, or words that only flag it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordListKind {
    Banned,
    Suspect,
}

impl WordListKind {
    pub const ALL: [WordListKind; 2] = [WordListKind::Banned, WordListKind::Suspect];

    /// The word stored in `word_lists.kind` (and used in form field names).
    pub fn code(self) -> &'static str {
        match self {
            WordListKind::Banned => "banned",
            WordListKind::Suspect => "suspect",
        }
    }

    pub fn from_code(code: &str) -> Option<WordListKind> {
        WordListKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// How many comments have one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCount {
    pub status: CommentStatus,
    pub count: i64,
}

/// One of a site's word lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordList {
    pub lang: String,
    pub kind: WordListKind,
    /// One entry per line.
    pub words: String,
}

/// A decided comment as a labelled example (for retraining the screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledComment {
    pub id: CommentId,
    pub lang: String,
    /// From the decision ([`crate::decided_label`]).
    pub label: ashyq_moderation::DataLabel,
    pub text: String,
}

/// A comment as moderators see it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedComment {
    pub id: CommentId,
    pub article_slug: String,
    pub article_title: String,
    /// The article's language (its title is in it).
    pub article_lang: String,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    pub is_staff: bool,
    pub body: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub language: Option<String>,
    pub screen_score: f32,
    pub screen_flagged: bool,
    pub screen_findings: Vec<ScreenFinding>,
    /// The label that best says why not to approve it (the screen's `primary_label`).
    pub screen_label: Option<ashyq_moderation::Label>,
    pub flags: CommentFlags,
    pub created_at: i64,
    pub address_hash: Option<String>,
    pub email_hash: Option<String>,
    pub featured: bool,
    pub decision_reason: Option<crate::RejectReason>,
    /// Counts every change to the comment (edits, decisions, undos); a decision names the version
    /// it was made on and is refused if the comment has changed since.
    pub version: i64,
}

/// Which comments a queue shows.
#[derive(Debug, Clone)]
pub struct QueueFilter {
    pub status: CommentStatus,
    pub article_slug: Option<String>,
    pub language: Option<String>,
    /// Only comments the screen gave this label (its `primary_label`).
    pub label: Option<ashyq_moderation::Label>,
    pub limit: u32,
}

/// What a moderator decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject {
        reason: crate::RejectReason,
    },
    Spam,
    /// Back to pending from spam.
    NotSpam,
    /// Editors' pick on or off.
    Feature(bool),
}

impl Decision {
    /// The word its logged action is stored as ([`crate::ActionKind::code`]).
    pub fn code(&self) -> &'static str {
        crate::ActionKind::from(self).code()
    }
}

/// A comment a decision is about, with the version the moderator saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionTarget {
    pub id: CommentId,
    pub version: i64,
}

/// Who decides, when, and through which mailed link (the SHA-256 hash of its signature), if any.
#[derive(Debug, Clone, Copy)]
pub struct DecisionStamp<'a> {
    pub by: UserId,
    pub now: i64,
    pub link_hash: Option<&'a str>,
}

/// What a decision needs to know about a comment before asking the store to apply it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionSubject {
    pub id: CommentId,
    pub status: CommentStatus,
    pub language: Option<String>,
    pub version: i64,
}

/// Why the store refused a decision on one comment (and so wrote nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionConflict {
    /// No such comment.
    Missing,
    /// The writer changed the text after version `seen`; it is at `now`.
    TextChanged { seen: i64, now: i64 },
    /// Someone decided (or undid a decision) after version `seen`; `by` names the last person.
    DecidedMeanwhile { seen: i64, now: i64, by: Option<String> },
    /// The comment was withdrawn by its writer.
    Withdrawn,
    /// This mailed link has already acted.
    LinkUsed,
}

/// One comment a decision changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppliedChange {
    pub id: CommentId,
    /// The logged action (for undo).
    pub action_id: ActionId,
    pub previous: CommentStatus,
    pub new: CommentStatus,
}

/// What [`CommentStore::decide_comments`] did: all of it, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecideOutcome {
    /// Every target was at its version; these changed (targets the decision does not apply to,
    /// such as "not spam" on an approved comment, are left as they were).
    Applied(Vec<AppliedChange>),
    /// One target had changed; nothing was written.
    Refused { id: CommentId, conflict: DecisionConflict },
}

/// One logged moderator action.
#[derive(Debug, Clone, PartialEq)]
pub struct ModerationAction {
    pub id: ActionId,
    pub comment_id: CommentId,
    pub moderator: String,
    pub action: crate::ActionKind,
    pub reason: Option<crate::RejectReason>,
    pub previous_status: CommentStatus,
    pub new_status: CommentStatus,
    pub at: i64,
    pub undone: bool,
}

/// An earlier comment by the same person, for the history beside a queued comment.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryItem {
    pub id: CommentId,
    pub article_slug: String,
    pub status: CommentStatus,
    pub created_at: i64,
    pub excerpt: String,
}
