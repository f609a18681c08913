//! Readers' comments in storage: submission (in batches, for group commit), what readers see, and the
//! moderators' queue, decisions, history, bans and word lists. This file holds the ids, a comment
//! as written and as readers see it, and the `CommentStore` trait; `moderation` the moderators'
//! types, `screening_context` what a new comment's screening reads.

use std::future::Future;

use crate::accounts::UserId;
use crate::comment_limit::CommentLimit;
use crate::editorial::ArticleId;
use crate::error::StoreResult;
use crate::limits::LimitReached;
use crate::screening::{CommentFlags, ScreenFinding};

mod moderation;
mod screening_context;

pub use moderation::{
    AppliedChange, BanKind, DecideOutcome, Decision, DecisionConflict, DecisionStamp,
    DecisionSubject, DecisionTarget, HistoryItem, LabelledComment, ModerationAction, QueueFilter,
    QueuedComment, StatusCount, WordList, WordListKind,
};
pub use screening_context::{
    RECENT_PER_LIST, RecentComment, RecentLists, ScreeningContext, ScreeningQuery,
    StoredFingerprint,
};

/// A comment's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommentId(pub i64);

impl std::fmt::Display for CommentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A logged moderator action's id (what an undo names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ActionId(pub i64);

impl std::fmt::Display for ActionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Where a comment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentStatus {
    /// Waiting for a moderator; visible only to its writer.
    Pending,
    Approved,
    Rejected,
    Spam,
    /// Taken back by its writer before a moderator acted.
    Withdrawn,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 5] = [
        CommentStatus::Pending,
        CommentStatus::Approved,
        CommentStatus::Rejected,
        CommentStatus::Spam,
        CommentStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Approved => "approved",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Spam => "spam",
            CommentStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<CommentStatus> {
        CommentStatus::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// The article a comment is for, as a submission needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentTarget {
    pub article_id: ArticleId,
    pub slug: String,
    pub lang: String,
    /// Names of the article's authors (for the author badge).
    pub author_names: Vec<String>,
}

/// A comment to store, already checked and screened.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub article_id: ArticleId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    /// Kept only when the writer asked for reply notices; nothing but the confirmation mail goes
    /// to it until they follow the link whose hash is `email_confirm`.
    pub email: Option<String>,
    pub email_hash: Option<String>,
    /// The e-mail confirmation link's token hash and when it expires.
    pub email_confirm: Option<EmailConfirmation>,
    pub user_id: Option<UserId>,
    pub is_article_author: bool,
    pub body: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub language: Option<String>,
    pub screen_score: f32,
    pub screen_flagged: bool,
    /// The screen's findings, most serious first.
    pub screen_findings: Vec<ScreenFinding>,
    /// The label that best says why not to approve it (the screen's `primary_label`).
    pub screen_label: Option<ashyq_moderation::Label>,
    pub fingerprint: StoredFingerprint,
    pub address_hash: Option<String>,
    pub commenter_token_hash: String,
    /// Signals about how it arrived (`honeypot`, `too-fast`, `banned`).
    pub flags: CommentFlags,
    pub created_at: i64,
    /// The flood limit the store checks in the transaction that inserts it (see
    /// [`crate::comment_limit`]); `None` for comments that are not readers' posts (imports, the
    /// demo) and for limits counted only in the server's memory.
    pub limit: Option<CommentLimit>,
}

/// An e-mail confirmation link as stored: only its token's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailConfirmation {
    /// SHA-256 of the link's token, hex.
    pub token_hash: String,
    pub expires_at: i64,
}

/// A comment as readers see it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicComment {
    pub id: CommentId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    pub is_staff: bool,
    pub is_article_author: bool,
    pub body_html: String,
    pub created_at: i64,
    pub status: CommentStatus,
    pub featured: bool,
    /// Written by the reader asking (their cookie matches): they may edit or withdraw it while pending.
    pub own: bool,
    /// The language of the text (a BCP 47 code: the commenter's choice or the detected one), if
    /// known; never empty (stores read an empty one as `None`).
    pub language: Option<String>,
    /// The language of the version of the story it was posted on (its article's `lang`). Stands
    /// in for `language` when that is unknown: see [`PublicComment::written_in`].
    pub version_lang: String,
}

/// What a reply notice needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyNotice {
    pub email: String,
    pub lang: String,
    pub article_slug: String,
    pub article_title: String,
    pub reply_author: String,
    pub reply_id: CommentId,
}

/// Reading and writing comments.
pub trait CommentStore: Send + Sync {
    /// The published article a comment on `slug` would belong to.
    fn comment_target(
        &self,
        slug: &str,
    ) -> impl Future<Output = StoreResult<Option<CommentTarget>>> + Send;
    /// Stores a batch of comments in one transaction (one fsync for all: group commit) and
    /// answers for each, in order, its id or, when it carries a [`CommentLimit`] its address has
    /// reached, `Err(LimitReached)` (that one is not stored; the rest are). The count is made in
    /// the same transaction, from the comments table, so concurrent batches from several servers
    /// never both take an address's last place. Everything admitted is stored, or (on an error)
    /// nothing.
    fn insert_comments(
        &self,
        batch: &[NewComment],
    ) -> impl Future<Output = StoreResult<Vec<Result<CommentId, LimitReached>>>> + Send;
    /// The story's one conversation as readers of `article_id` see it: the approved comments
    /// posted on any version of the story readers can see now (the article's translation group:
    /// its original and every translation), oldest first, each with the language of the version
    /// it was posted on, plus the asking reader's own comments on those versions that no
    /// moderator has decided yet (including those the screen sent to spam or rejected: the writer
    /// sees them as awaiting moderation, like any other). One statement, however many
    /// translations the story has.
    fn public_comments(
        &self,
        article_id: ArticleId,
        commenter_token_hash: Option<&str>,
    ) -> impl Future<Output = StoreResult<Vec<PublicComment>>> + Send;
    /// Whether `parent` is an approved comment on a visible version of `article_id`'s story
    /// (replies go only under those, and may answer a comment in another language).
    fn can_reply_to(
        &self,
        article_id: ArticleId,
        parent: CommentId,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// What screening a new comment needs from storage, in one look-up (a post must not wait on
    /// several): the fingerprints to compare it with and whether its writer is banned.
    fn screening_context(
        &self,
        query: &ScreeningQuery<'_>,
    ) -> impl Future<Output = StoreResult<ScreeningContext>> + Send;
    /// A reader's own comment, while they may still change it.
    fn own_pending_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
    ) -> impl Future<Output = StoreResult<Option<QueuedComment>>> + Send;
    /// Replaces the text of a reader's own pending comment; false if not allowed (not theirs, or
    /// already decided).
    fn edit_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        replacement: &NewComment,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Marks a reader's own pending comment withdrawn.
    fn withdraw_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;

    /// A moderation queue: pending ones with likely-clean first, others newest first.
    fn moderation_queue(
        &self,
        filter: &QueueFilter,
    ) -> impl Future<Output = StoreResult<Vec<QueuedComment>>> + Send;
    /// How many comments each status has.
    fn queue_counts(&self) -> impl Future<Output = StoreResult<Vec<StatusCount>>> + Send;
    fn queued_comment(
        &self,
        id: CommentId,
    ) -> impl Future<Output = StoreResult<Option<QueuedComment>>> + Send;
    /// What deciding on `ids` needs to check first (missing ids are left out).
    fn decision_subjects(
        &self,
        ids: &[CommentId],
    ) -> impl Future<Output = StoreResult<Vec<DecisionSubject>>> + Send;
    /// Applies a decision to comments at the versions named, and logs it, in one transaction:
    /// each update is conditional on the comment's version in the same statement, so a writer's
    /// edit or another moderator's decision that lands first makes the whole decision refused.
    fn decide_comments(
        &self,
        targets: &[DecisionTarget],
        decision: &Decision,
        stamp: DecisionStamp<'_>,
    ) -> impl Future<Output = StoreResult<DecideOutcome>> + Send;
    /// Reverts a logged action (if the comment has not changed since); false otherwise.
    fn undo_action(
        &self,
        action_id: ActionId,
        by: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    fn recent_actions(
        &self,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<ModerationAction>>> + Send;
    /// Comments sent before `except` with the same address or e-mail hash, newest first.
    fn commenter_history(
        &self,
        address_hash: Option<&str>,
        email_hash: Option<&str>,
        except: CommentId,
    ) -> impl Future<Output = StoreResult<Vec<HistoryItem>>> + Send;
    fn add_ban(
        &self,
        kind: BanKind,
        value_hash: &str,
        until: i64,
        reason: &str,
        by: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The site word lists.
    fn word_lists(&self) -> impl Future<Output = StoreResult<Vec<WordList>>> + Send;
    fn set_word_list(
        &self,
        lang: &str,
        kind: WordListKind,
        words: &str,
        by: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    fn moderator_languages(
        &self,
        user: UserId,
    ) -> impl Future<Output = StoreResult<Vec<String>>> + Send;
    /// Every language some enabled moderator reads.
    fn team_languages(&self) -> impl Future<Output = StoreResult<Vec<String>>> + Send;
    fn set_moderator_languages(
        &self,
        user: UserId,
        langs: &[String],
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Decided comments as labelled rows; the label from the decision.
    fn decided_comments(&self) -> impl Future<Output = StoreResult<Vec<LabelledComment>>> + Send;
    /// For an approved reply: the e-mail its parent's writer left and confirmed (to tell them), with
    /// the language, slug and title of the version the parent was posted on (the one its writer
    /// reads, where the reply shows too, even one written on another language's page) and the
    /// reply's author.
    fn reply_notice(
        &self,
        reply: CommentId,
    ) -> impl Future<Output = StoreResult<Option<ReplyNotice>>> + Send;
    /// The UI language of the article whose comment an unexpired, unused e-mail confirmation
    /// token (by hash) is for; `None` if there is none.
    fn email_confirmation(
        &self,
        token_hash: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<Option<String>>> + Send;
    /// Confirms the e-mail of the comment an unexpired token is for, and uses the token up; false
    /// if the token is unknown, used or expired.
    fn confirm_email(
        &self,
        token_hash: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Forgets the personal data of comments written before `before` (privacy): address hashes,
    /// e-mail addresses and their confirmation tokens; returns how many comments lost something.
    fn drop_old_personal_data(&self, before: i64) -> impl Future<Output = StoreResult<u64>> + Send;
}
