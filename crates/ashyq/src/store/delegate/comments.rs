//! `AnyStore`'s forwarding for comments and moderation, and the rate limits that guard them.

use ashyq_store::*;

use crate::store::{AnyStore, forward};

impl CommentStore for AnyStore {
    async fn comment_target(&self, slug: &str) -> StoreResult<Option<CommentTarget>> {
        forward!(self, store => store.comment_target(slug))
    }
    async fn insert_comments(
        &self,
        batch: &[NewComment],
    ) -> StoreResult<Vec<Result<CommentId, LimitReached>>> {
        forward!(self, store => store.insert_comments(batch))
    }
    async fn public_comments(
        &self,
        article_id: ArticleId,
        commenter_token_hash: Option<&str>,
    ) -> StoreResult<Vec<PublicComment>> {
        forward!(self, store => store.public_comments(article_id, commenter_token_hash))
    }
    async fn can_reply_to(&self, article_id: ArticleId, parent: CommentId) -> StoreResult<bool> {
        forward!(self, store => store.can_reply_to(article_id, parent))
    }
    async fn screening_context(&self, query: &ScreeningQuery<'_>) -> StoreResult<ScreeningContext> {
        forward!(self, store => store.screening_context(query))
    }
    async fn own_pending_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
    ) -> StoreResult<Option<QueuedComment>> {
        forward!(self, store => store.own_pending_comment(id, commenter_token_hash))
    }
    async fn edit_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        replacement: &NewComment,
    ) -> StoreResult<bool> {
        forward!(self, store => store.edit_own_comment(id, commenter_token_hash, replacement))
    }
    async fn withdraw_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        now: i64,
    ) -> StoreResult<bool> {
        forward!(self, store => store.withdraw_own_comment(id, commenter_token_hash, now))
    }
    async fn moderation_queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueuedComment>> {
        forward!(self, store => store.moderation_queue(filter))
    }
    async fn queue_counts(&self) -> StoreResult<Vec<StatusCount>> {
        forward!(self, store => store.queue_counts())
    }
    async fn queued_comment(&self, id: CommentId) -> StoreResult<Option<QueuedComment>> {
        forward!(self, store => store.queued_comment(id))
    }
    async fn decision_subjects(&self, ids: &[CommentId]) -> StoreResult<Vec<DecisionSubject>> {
        forward!(self, store => store.decision_subjects(ids))
    }
    async fn decide_comments(
        &self,
        targets: &[DecisionTarget],
        decision: &Decision,
        stamp: DecisionStamp<'_>,
    ) -> StoreResult<DecideOutcome> {
        forward!(self, store => store.decide_comments(targets, decision, stamp))
    }
    async fn undo_action(&self, action_id: ActionId, by: UserId, now: i64) -> StoreResult<bool> {
        forward!(self, store => store.undo_action(action_id, by, now))
    }
    async fn recent_actions(&self, limit: u32) -> StoreResult<Vec<ModerationAction>> {
        forward!(self, store => store.recent_actions(limit))
    }
    async fn commenter_history(
        &self,
        address_hash: Option<&str>,
        email_hash: Option<&str>,
        except: CommentId,
    ) -> StoreResult<Vec<HistoryItem>> {
        forward!(self, store => store.commenter_history(address_hash, email_hash, except))
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
        forward!(self, store => store.add_ban(kind, value_hash, until, reason, by, now))
    }
    async fn word_lists(&self) -> StoreResult<Vec<WordList>> {
        forward!(self, store => store.word_lists())
    }
    async fn set_word_list(
        &self,
        lang: &str,
        kind: WordListKind,
        words: &str,
        by: UserId,
        now: i64,
    ) -> StoreResult<()> {
        forward!(self, store => store.set_word_list(lang, kind, words, by, now))
    }
    async fn moderator_languages(&self, user: UserId) -> StoreResult<Vec<String>> {
        forward!(self, store => store.moderator_languages(user))
    }
    async fn team_languages(&self) -> StoreResult<Vec<String>> {
        forward!(self, store => store.team_languages())
    }
    async fn set_moderator_languages(&self, user: UserId, langs: &[String]) -> StoreResult<()> {
        forward!(self, store => store.set_moderator_languages(user, langs))
    }
    async fn decided_comments(&self) -> StoreResult<Vec<LabelledComment>> {
        forward!(self, store => store.decided_comments())
    }
    async fn reply_notice(&self, reply: CommentId) -> StoreResult<Option<ReplyNotice>> {
        forward!(self, store => store.reply_notice(reply))
    }
    async fn email_confirmation(&self, token_hash: &str, now: i64) -> StoreResult<Option<String>> {
        forward!(self, store => store.email_confirmation(token_hash, now))
    }
    async fn confirm_email(&self, token_hash: &str, now: i64) -> StoreResult<bool> {
        forward!(self, store => store.confirm_email(token_hash, now))
    }
    async fn drop_old_personal_data(&self, before: i64) -> StoreResult<u64> {
        forward!(self, store => store.drop_old_personal_data(before))
    }
}

impl LimitStore for AnyStore {
    async fn reserve_limits(
        &self,
        rules: &[LimitRule],
        now: i64,
    ) -> StoreResult<Result<LimitReservation, LimitReached>> {
        forward!(self, store => store.reserve_limits(rules, now))
    }
    async fn refund_limits(&self, reservation: &LimitReservation) -> StoreResult<()> {
        forward!(self, store => store.refund_limits(reservation))
    }
    async fn clear_limit(&self, key: &LimitKey) -> StoreResult<()> {
        forward!(self, store => store.clear_limit(key))
    }
    async fn remember_limit_key(&self, key: &LimitKey, until: i64) -> StoreResult<()> {
        forward!(self, store => store.remember_limit_key(key, until))
    }
    async fn limit_key_remembered(&self, key: &LimitKey, now: i64) -> StoreResult<bool> {
        forward!(self, store => store.limit_key_remembered(key, now))
    }
    async fn prune_limits(&self, now: i64) -> StoreResult<u64> {
        forward!(self, store => store.prune_limits(now))
    }
}
