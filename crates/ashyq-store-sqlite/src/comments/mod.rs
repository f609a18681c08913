//! `CommentStore` for SQLite: each method hands over, in one line, to the module of its topic:
//! `public` (what readers see and may answer), `insert` and `screening` (a new comment's write and
//! what its screening reads), `own` (a commenter's own comments and e-mail address), `queue` (the
//! moderation queue), `decide` (decisions, undo and the action log) and `rules` (bans, word lists,
//! moderators' languages). The PostgreSQL and SQLite crates keep the same modules, so the two can
//! be read side by side.

use ashyq_store::{
    ActionId, ArticleId, BanKind, CommentId, CommentStatus, CommentStore, CommentTarget,
    DecideOutcome, Decision, DecisionStamp, DecisionSubject, DecisionTarget, HistoryItem,
    LabelledComment, LimitReached, ModerationAction, NewComment, PublicComment, QueueFilter,
    QueuedComment, ReplyNotice, ScreeningContext, ScreeningQuery, StatusCount, StoreResult, UserId,
    WordList, WordListKind,
};

use crate::SqliteStore;

mod decide;
mod insert;
mod own;
mod public;
mod queue;
mod rules;
mod screening;

pub(crate) use insert::insert_batch;
#[cfg(test)]
pub(crate) use public::PUBLIC_COMMENTS;

fn status_of(code: &str) -> CommentStatus {
    // Statuses are written only by this module; an unknown one (from a newer version) is treated as
    // pending so that a moderator sees it rather than readers.
    CommentStatus::from_code(code).unwrap_or(CommentStatus::Pending)
}

impl CommentStore for SqliteStore {
    async fn comment_target(&self, slug: &str) -> StoreResult<Option<CommentTarget>> {
        public::comment_target(self, slug).await
    }

    async fn insert_comments(
        &self,
        batch: &[NewComment],
    ) -> StoreResult<Vec<Result<CommentId, LimitReached>>> {
        insert::insert_comments(self, batch).await
    }

    async fn public_comments(
        &self,
        article_id: ArticleId,
        commenter_token_hash: Option<&str>,
    ) -> StoreResult<Vec<PublicComment>> {
        public::public_comments(self, article_id, commenter_token_hash).await
    }

    async fn can_reply_to(&self, article_id: ArticleId, parent: CommentId) -> StoreResult<bool> {
        public::can_reply_to(self, article_id, parent).await
    }

    async fn screening_context(&self, query: &ScreeningQuery<'_>) -> StoreResult<ScreeningContext> {
        screening::screening_context(self, query).await
    }

    async fn own_pending_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
    ) -> StoreResult<Option<QueuedComment>> {
        own::own_pending_comment(self, id, commenter_token_hash).await
    }

    async fn edit_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        replacement: &NewComment,
    ) -> StoreResult<bool> {
        own::edit_own_comment(self, id, commenter_token_hash, replacement).await
    }

    async fn withdraw_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        now: i64,
    ) -> StoreResult<bool> {
        own::withdraw_own_comment(self, id, commenter_token_hash, now).await
    }

    async fn moderation_queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueuedComment>> {
        queue::moderation_queue(self, filter).await
    }

    async fn queue_counts(&self) -> StoreResult<Vec<StatusCount>> {
        queue::queue_counts(self).await
    }

    async fn queued_comment(&self, id: CommentId) -> StoreResult<Option<QueuedComment>> {
        queue::queued_comment(self, id).await
    }

    async fn decision_subjects(&self, ids: &[CommentId]) -> StoreResult<Vec<DecisionSubject>> {
        queue::decision_subjects(self, ids).await
    }

    async fn decide_comments(
        &self,
        targets: &[DecisionTarget],
        decision: &Decision,
        stamp: DecisionStamp<'_>,
    ) -> StoreResult<DecideOutcome> {
        decide::decide_comments(self, targets, decision, stamp).await
    }

    async fn undo_action(&self, action_id: ActionId, by: UserId, now: i64) -> StoreResult<bool> {
        decide::undo_action(self, action_id, by, now).await
    }

    async fn recent_actions(&self, limit: u32) -> StoreResult<Vec<ModerationAction>> {
        decide::recent_actions(self, limit).await
    }

    async fn commenter_history(
        &self,
        address_hash: Option<&str>,
        email_hash: Option<&str>,
        except: CommentId,
    ) -> StoreResult<Vec<HistoryItem>> {
        queue::commenter_history(self, address_hash, email_hash, except).await
    }

    async fn add_ban(
        &self,
        kind: BanKind,
        value_hash: &str,
        until: i64,
        reason: &str,
        by: UserId,
        now: i64,
    ) -> StoreResult<()> {
        rules::add_ban(self, kind, value_hash, until, reason, by, now).await
    }

    async fn word_lists(&self) -> StoreResult<Vec<WordList>> {
        rules::word_lists(self).await
    }

    async fn set_word_list(
        &self,
        lang: &str,
        kind: WordListKind,
        words: &str,
        by: UserId,
        now: i64,
    ) -> StoreResult<()> {
        rules::set_word_list(self, lang, kind, words, by, now).await
    }

    async fn moderator_languages(&self, user: UserId) -> StoreResult<Vec<String>> {
        rules::moderator_languages(self, user).await
    }

    async fn team_languages(&self) -> StoreResult<Vec<String>> {
        rules::team_languages(self).await
    }

    async fn set_moderator_languages(&self, user: UserId, langs: &[String]) -> StoreResult<()> {
        rules::set_moderator_languages(self, user, langs).await
    }

    async fn decided_comments(&self) -> StoreResult<Vec<LabelledComment>> {
        queue::decided_comments(self).await
    }

    async fn reply_notice(&self, reply: CommentId) -> StoreResult<Option<ReplyNotice>> {
        own::reply_notice(self, reply).await
    }

    async fn email_confirmation(&self, token_hash: &str, now: i64) -> StoreResult<Option<String>> {
        own::email_confirmation(self, token_hash, now).await
    }

    async fn confirm_email(&self, token_hash: &str, now: i64) -> StoreResult<bool> {
        own::confirm_email(self, token_hash, now).await
    }

    async fn drop_old_personal_data(&self, before: i64) -> StoreResult<u64> {
        own::drop_old_personal_data(self, before).await
    }
}
