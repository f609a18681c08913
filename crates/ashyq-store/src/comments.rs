//! Readers' comments in storage: submission (in batches, for group commit), what readers see, and the
//! moderators' queue, decisions, history, bans and word lists.

use std::future::Future;

use crate::accounts::UserId;
use crate::comment_limit::CommentLimit;
use crate::editorial::ArticleId;
use crate::error::StoreResult;
use crate::limits::LimitReached;
use crate::screening::{CommentFlags, ScreenFinding};

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

/// A comment's duplicate fingerprint as stored (the screen's `Fingerprint`, as signed integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredFingerprint {
    pub exact: i64,
    pub simhash: i64,
    pub tokens: i64,
}

impl StoredFingerprint {
    /// The screen's unsigned hashes as SQLite's signed integers: the same 64 bits, reinterpreted.
    pub fn from_unsigned(exact: u64, simhash: u64, tokens: u32) -> StoredFingerprint {
        StoredFingerprint {
            exact: exact as i64,
            simhash: simhash as i64,
            tokens: i64::from(tokens),
        }
    }

    /// Back to the screen's unsigned form (`exact`, `simhash`, `tokens`).
    pub fn unsigned(&self) -> (u64, u64, u32) {
        (self.exact as u64, self.simhash as u64, u32::try_from(self.tokens).unwrap_or(0))
    }
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

/// Who is posting what where, for [`CommentStore::screening_context`].
#[derive(Debug, Clone, Copy)]
pub struct ScreeningQuery<'a> {
    pub article_id: ArticleId,
    pub address_hash: Option<&'a str>,
    pub email_hash: Option<&'a str>,
    /// The new comment's exact fingerprint.
    pub exact: i64,
    /// Comments older than this are not compared.
    pub since: i64,
    /// Bans that end before this no longer count.
    pub now: i64,
    /// Which lists of recent comments to read: those the caller does not hold already.
    pub load: RecentLists,
}

/// A choice among the three lists of recent comments (article, address, e-mail).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecentLists {
    pub article: bool,
    pub address: bool,
    pub email: bool,
}

/// How many recent comments per article, address or e-mail a new comment is compared with.
pub const RECENT_PER_LIST: usize = 200;

/// A comment's fingerprint with what orders and identifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecentComment {
    pub id: CommentId,
    pub created_at: i64,
    pub fingerprint: StoredFingerprint,
}

impl RecentComment {
    /// The comment `comment`, stored under `id`.
    pub fn committed(id: CommentId, comment: &NewComment) -> RecentComment {
        RecentComment { id, created_at: comment.created_at, fingerprint: comment.fingerprint }
    }
}

/// What storage knows that screening a new comment needs.
#[derive(Debug, Clone, Default)]
pub struct ScreeningContext {
    /// Comments anywhere, of any age, with the same exact fingerprint (at most 50).
    pub exact_matches: Vec<RecentComment>,
    /// The newest [`RECENT_PER_LIST`] comments since `since` on the article, by the address and by
    /// the e-mail, newest first: each `Some` when asked for in `load` (and the key given).
    pub article: Option<Vec<RecentComment>>,
    pub address: Option<Vec<RecentComment>>,
    pub email: Option<Vec<RecentComment>>,
    /// Whether the address or e-mail hash is banned now.
    pub banned: bool,
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
