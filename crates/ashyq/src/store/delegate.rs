//! `AnyStore` implements each store trait by handing every call to the chosen engine's store.
//! One method per trait method: a method added to a trait in `ashyq-store` gets its line here.

use std::collections::HashMap;

use ashyq_accounts::Roles;
use ashyq_store::*;

use super::{AnyStore, forward};

impl AccountStore for AnyStore {
    async fn create_user(&self, user: &NewUser, now: i64) -> StoreResult<UserId> {
        forward!(self, store => store.create_user(user, now))
    }
    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        forward!(self, store => store.user(id))
    }
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        forward!(self, store => store.user_by_email(email))
    }
    async fn users(&self) -> StoreResult<Vec<User>> {
        forward!(self, store => store.users())
    }
    async fn count_users(&self) -> StoreResult<i64> {
        forward!(self, store => store.count_users())
    }
    async fn set_password(&self, id: UserId, password_hash: &str) -> StoreResult<()> {
        forward!(self, store => store.set_password(id, password_hash))
    }
    async fn begin_totp_setup(
        &self,
        id: UserId,
        secret: &[u8],
        expires_at: i64,
    ) -> StoreResult<()> {
        forward!(self, store => store.begin_totp_setup(id, secret, expires_at))
    }
    async fn totp_setup_secret(&self, id: UserId, now: i64) -> StoreResult<Option<Vec<u8>>> {
        forward!(self, store => store.totp_setup_secret(id, now))
    }
    async fn confirm_totp_setup(
        &self,
        id: UserId,
        secret: &[u8],
        step: i64,
        now: i64,
    ) -> StoreResult<bool> {
        forward!(self, store => store.confirm_totp_setup(id, secret, step, now))
    }
    async fn disable_totp(&self, id: UserId) -> StoreResult<()> {
        forward!(self, store => store.disable_totp(id))
    }
    async fn record_totp_step(&self, id: UserId, step: i64) -> StoreResult<bool> {
        forward!(self, store => store.record_totp_step(id, step))
    }
    async fn set_roles(&self, id: UserId, roles: &Roles) -> StoreResult<()> {
        forward!(self, store => store.set_roles(id, roles))
    }
    async fn create_session(
        &self,
        user_id: UserId,
        token_hash: &str,
        user_agent: &str,
        now: i64,
        expires_at: i64,
        second_factor_pending: bool,
    ) -> StoreResult<SessionId> {
        forward!(self, store => store.create_session(user_id, token_hash, user_agent, now, expires_at, second_factor_pending))
    }
    async fn session_by_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<LiveSession>> {
        forward!(self, store => store.session_by_token(token_hash, now))
    }
    async fn sessions_of(&self, user_id: UserId, now: i64) -> StoreResult<Vec<Session>> {
        forward!(self, store => store.sessions_of(user_id, now))
    }
    async fn revoke_session(
        &self,
        user_id: UserId,
        session_id: SessionId,
        now: i64,
    ) -> StoreResult<bool> {
        forward!(self, store => store.revoke_session(user_id, session_id, now))
    }
    async fn revoke_all_sessions(&self, user_id: UserId, now: i64) -> StoreResult<()> {
        forward!(self, store => store.revoke_all_sessions(user_id, now))
    }
    async fn rotate_session(
        &self,
        user_id: UserId,
        old: SessionId,
        new_token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<Option<SessionId>> {
        forward!(self, store => store.rotate_session(user_id, old, new_token_hash, now, expires_at))
    }
    async fn create_one_time_token(
        &self,
        user_id: UserId,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        forward!(self, store => store.create_one_time_token(user_id, token_hash, purpose, now, expires_at))
    }
    async fn peek_one_time_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> StoreResult<Option<UserId>> {
        forward!(self, store => store.peek_one_time_token(token_hash, purpose, now))
    }
    async fn use_token_to_set_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> StoreResult<Option<UserId>> {
        forward!(self, store => store.use_token_to_set_password(token_hash, password_hash, now))
    }
}

impl ApiTokenStore for AnyStore {
    async fn create_api_token(&self, token: &NewApiToken<'_>) -> StoreResult<ApiTokenId> {
        forward!(self, store => store.create_api_token(token))
    }
    async fn api_token_by_hash(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<LiveApiToken>> {
        forward!(self, store => store.api_token_by_hash(token_hash, now))
    }
    async fn api_tokens_of(&self, user_id: UserId, now: i64) -> StoreResult<Vec<ApiToken>> {
        forward!(self, store => store.api_tokens_of(user_id, now))
    }
    async fn revoke_api_token(
        &self,
        user_id: UserId,
        id: ApiTokenId,
        now: i64,
    ) -> StoreResult<bool> {
        forward!(self, store => store.revoke_api_token(user_id, id, now))
    }
    async fn revoke_all_api_tokens(&self, user_id: UserId, now: i64) -> StoreResult<()> {
        forward!(self, store => store.revoke_all_api_tokens(user_id, now))
    }
}

impl ArticleStore for AnyStore {
    async fn latest_articles_from(
        &self,
        lang: Option<&str>,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Vec<ArticleSummary>> {
        forward!(self, store => store.latest_articles_from(lang, offset, limit))
    }
    async fn top_tags(&self, lang: Option<&str>, limit: u32) -> StoreResult<Vec<NamedLink>> {
        forward!(self, store => store.top_tags(lang, limit))
    }
    async fn tag_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Option<TagPage>> {
        forward!(self, store => store.tag_page_from(slug, offset, limit))
    }
    async fn author_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Option<AuthorPage>> {
        forward!(self, store => store.author_page_from(slug, offset, limit))
    }
    async fn public_slugs(&self) -> StoreResult<PublicSlugs> {
        forward!(self, store => store.public_slugs())
    }
    async fn import_articles(
        &self,
        batch: &[NewArticle],
        replace: bool,
    ) -> StoreResult<ImportOutcome> {
        forward!(self, store => store.import_articles(batch, replace))
    }
    async fn import_articles_if_unchanged(
        &self,
        batch: &[NewArticle],
        replace: bool,
        bases: &[ashyq_store::ApprovalBasis],
    ) -> StoreResult<Option<ImportOutcome>> {
        forward!(self, store => store.import_articles_if_unchanged(batch, replace, bases))
    }
    async fn article_slugs(&self) -> StoreResult<HashMap<String, String>> {
        forward!(self, store => store.article_slugs())
    }
    async fn count_articles(&self) -> StoreResult<i64> {
        forward!(self, store => store.count_articles())
    }
    async fn latest_articles(
        &self,
        lang: Option<&str>,
        limit: u32,
    ) -> StoreResult<Vec<ArticleSummary>> {
        forward!(self, store => store.latest_articles(lang, limit))
    }
    async fn article(&self, slug: &str) -> StoreResult<Option<ArticleView>> {
        forward!(self, store => store.article(slug))
    }
    async fn tag_page(&self, slug: &str, limit: u32) -> StoreResult<Option<TagPage>> {
        forward!(self, store => store.tag_page(slug, limit))
    }
    async fn author_page(&self, slug: &str, limit: u32) -> StoreResult<Option<AuthorPage>> {
        forward!(self, store => store.author_page(slug, limit))
    }
    async fn languages(&self) -> StoreResult<Vec<LanguageCount>> {
        forward!(self, store => store.languages())
    }
    async fn article_sources(&self) -> StoreResult<Vec<ArticleSource>> {
        forward!(self, store => store.article_sources())
    }
}

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

impl EditorialStore for AnyStore {
    async fn create_article(
        &self,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> StoreResult<ArticleId> {
        forward!(self, store => store.create_article(article, status, save))
    }
    async fn update_article(
        &self,
        id: ArticleId,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
    ) -> StoreResult<()> {
        forward!(self, store => store.update_article(id, article, status, save))
    }
    async fn save_article_if_unchanged(
        &self,
        id: Option<ArticleId>,
        article: &NewArticle,
        status: ArticleStatus,
        save: SaveNote<'_>,
        bases: &[ashyq_store::ApprovalBasis],
    ) -> StoreResult<Option<ArticleId>> {
        forward!(self, store => store.save_article_if_unchanged(id, article, status, save, bases))
    }
    async fn article_record(&self, slug: &str) -> StoreResult<Option<ArticleRecord>> {
        forward!(self, store => store.article_record(slug))
    }
    async fn article_records(
        &self,
        filter: ArticleFilter,
        limit: u32,
    ) -> StoreResult<Vec<ArticleRecord>> {
        forward!(self, store => store.article_records(filter, limit))
    }
    async fn revisions(&self, article: ArticleId) -> StoreResult<Vec<RevisionInfo>> {
        forward!(self, store => store.revisions(article))
    }
    async fn revision(
        &self,
        article: ArticleId,
        revision: RevisionId,
    ) -> StoreResult<Option<Revision>> {
        forward!(self, store => store.revision(article, revision))
    }
    async fn add_media(
        &self,
        media: &NewMedia,
        uploaded_by: Option<UserId>,
        now: i64,
    ) -> StoreResult<()> {
        forward!(self, store => store.add_media(media, uploaded_by, now))
    }
    async fn media_by_name(&self, name: &str) -> StoreResult<Option<MediaItem>> {
        forward!(self, store => store.media_by_name(name))
    }
    async fn recent_media(&self, limit: u32) -> StoreResult<Vec<MediaItem>> {
        forward!(self, store => store.recent_media(limit))
    }
    async fn published_sources(&self) -> StoreResult<Vec<ExportedArticle>> {
        forward!(self, store => store.published_sources())
    }
}

impl SearchFeed for AnyStore {
    async fn search_changes(&self, after: i64, limit: u32) -> StoreResult<Vec<SearchChange>> {
        forward!(self, store => store.search_changes(after, limit))
    }
    async fn search_change_counter(&self) -> StoreResult<i64> {
        forward!(self, store => store.search_change_counter())
    }
    async fn search_sources(&self, ids: &[ArticleId]) -> StoreResult<Vec<SearchSource>> {
        forward!(self, store => store.search_sources(ids))
    }
    async fn search_sources_after(
        &self,
        after: ArticleId,
        limit: u32,
    ) -> StoreResult<Vec<SearchSource>> {
        forward!(self, store => store.search_sources_after(after, limit))
    }
}

impl SiteStore for AnyStore {
    async fn site_settings(&self) -> StoreResult<Vec<StoredSetting>> {
        forward!(self, store => store.site_settings())
    }
    async fn write_site_settings(&self, writes: &[SettingWrite], now: i64) -> StoreResult<()> {
        forward!(self, store => store.write_site_settings(writes, now))
    }
    async fn seed_site_settings(&self, entries: &[StoredSetting], now: i64) -> StoreResult<usize> {
        forward!(self, store => store.seed_site_settings(entries, now))
    }
    async fn site_generation(&self) -> StoreResult<i64> {
        forward!(self, store => store.site_generation())
    }
    async fn wait_for_site_change(&self, seen: i64) -> StoreResult<i64> {
        forward!(self, store => store.wait_for_site_change(seen))
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

impl ImportStore for AnyStore {
    async fn imported_articles(&self, source: &str) -> StoreResult<HashMap<String, ImportedRow>> {
        forward!(self, store => store.imported_articles(source))
    }
    async fn imported_comments(&self, source: &str) -> StoreResult<HashMap<String, CommentId>> {
        forward!(self, store => store.imported_comments(source))
    }
    async fn article_ids(&self) -> StoreResult<HashMap<String, ArticleId>> {
        forward!(self, store => store.article_ids())
    }
    async fn import_archive(&self, batch: &ArchiveBatch) -> StoreResult<ArchiveOutcome> {
        forward!(self, store => store.import_archive(batch))
    }
    async fn import_archive_if_unchanged(
        &self,
        batch: &ArchiveBatch,
        bases: &[ashyq_store::ApprovalBasis],
    ) -> StoreResult<Option<ArchiveOutcome>> {
        forward!(self, store => store.import_archive_if_unchanged(batch, bases))
    }
}

impl TranslationStore for AnyStore {
    async fn article_units(&self, slug: &str) -> StoreResult<Vec<ashyq_content::StoredUnit>> {
        forward!(self, store => store.article_units(slug))
    }
    async fn translated_units(&self, slug: &str) -> StoreResult<Vec<TranslatedUnit>> {
        forward!(self, store => store.translated_units(slug))
    }
    async fn save_units(&self, batch: &UnitsBatch) -> StoreResult<u64> {
        forward!(self, store => store.save_units(batch))
    }
    async fn translators(&self, slug: &str) -> StoreResult<Vec<String>> {
        forward!(self, store => store.translators(slug))
    }
    async fn rename_translation_units(&self, old_slug: &str, new_slug: &str) -> StoreResult<()> {
        forward!(self, store => store.rename_translation_units(old_slug, new_slug))
    }
    async fn story_translations(&self) -> StoreResult<Vec<StoryTranslations>> {
        forward!(self, store => store.story_translations())
    }
    async fn translator_languages(&self, user: UserId) -> StoreResult<Vec<String>> {
        forward!(self, store => store.translator_languages(user))
    }
    async fn set_translator_languages(&self, user: UserId, langs: &[String]) -> StoreResult<()> {
        forward!(self, store => store.set_translator_languages(user, langs))
    }
    async fn waiting_stories(&self, limit: u32) -> StoreResult<Vec<WaitingStory>> {
        forward!(self, store => store.waiting_stories(limit))
    }
    async fn active_claims(&self, now: i64) -> StoreResult<Vec<Claim>> {
        forward!(self, store => store.active_claims(now))
    }
    async fn claim_translation(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<bool> {
        forward!(self, store => store.claim_translation(original_slug, lang, user, now, expires_at))
    }
    async fn release_claim(
        &self,
        original_slug: &str,
        lang: &str,
        holder: Option<UserId>,
    ) -> StoreResult<bool> {
        forward!(self, store => store.release_claim(original_slug, lang, holder))
    }
    async fn reassign_claim(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        forward!(self, store => store.reassign_claim(original_slug, lang, user, now, expires_at))
    }
    async fn draft_units(&self, original_slug: &str, lang: &str) -> StoreResult<Vec<DraftUnit>> {
        forward!(self, store => store.draft_units(original_slug, lang))
    }
    async fn draft_text_changes(
        &self,
        original_slug: &str,
        lang: &str,
    ) -> StoreResult<Vec<(String, i64)>> {
        forward!(self, store => store.draft_text_changes(original_slug, lang))
    }
    async fn save_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> StoreResult<()> {
        forward!(self, store => store.save_draft_units(original_slug, lang, units))
    }
    async fn save_draft_units_as_read(
        &self,
        original_slug: &str,
        lang: &str,
        writes: &[DraftWrite],
    ) -> StoreResult<bool> {
        forward!(self, store => store.save_draft_units_as_read(original_slug, lang, writes))
    }
    async fn review_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> StoreResult<bool> {
        forward!(self, store => store.review_draft_units(original_slug, lang, units))
    }
}

impl FeedStore for AnyStore {
    async fn feed(&self, scope: FeedScope<'_>, limit: u32) -> StoreResult<Option<FeedSource>> {
        forward!(self, store => store.feed(scope, limit))
    }
    async fn feed_entry(&self, slug: &str) -> StoreResult<Option<FeedEntry>> {
        forward!(self, store => store.feed_entry(slug))
    }
    async fn sitemap(&self) -> StoreResult<SitemapSource> {
        forward!(self, store => store.sitemap())
    }
}
