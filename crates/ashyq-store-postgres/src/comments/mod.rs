//! `CommentStore` for PostgreSQL.

use ashyq_store::RejectReason;
use ashyq_store::{
    ActionId, ActionKind, ArticleId, BanKind, CommentId, CommentStatus, CommentStore,
    CommentTarget, DecideOutcome, Decision, DecisionStamp, DecisionSubject, DecisionTarget,
    HistoryItem, LabelledComment, LimitReached, ModerationAction, NewComment, PublicComment,
    QueueFilter, QueuedComment, RECENT_PER_LIST, RecentComment, ReplyNotice, ScreeningContext,
    ScreeningQuery, StatusCount, StoreResult, UserId, WordList, WordListKind,
};
use sqlx::postgres::PgRow;
use sqlx::{FromRow, Row};

use crate::articles::{VISIBLE, unix_now};
use crate::errors::map_error;
use crate::{PostgresStore, finish_write};

mod decide;
mod insert;

use ashyq_store::screening::{PackedScreening, unpack_recent};
use decide::decide_in;
use insert::insert_admitted;
pub(crate) use insert::insert_batch;

const QUEUE_COLUMNS: &str = "c.comment_id, a.slug AS article_slug, a.title AS article_title, a.lang AS article_lang, c.parent_id, \
     c.author_name, c.user_id, c.body, c.body_html, c.status, c.language, c.screen_score, c.screen_flagged, \
     c.screen_findings, c.screen_label, c.flags, c.created_at, c.address_hash, c.email_hash, c.featured, \
     c.decision_reason, c.version";

fn status_of(code: &str) -> CommentStatus {
    // Statuses are written only by this module; an unknown one (from a newer version) is treated as
    // pending so that a moderator sees it rather than readers.
    CommentStatus::from_code(code).unwrap_or(CommentStatus::Pending)
}

/// A logged action's kind. Only ashyq writes the column, with [`ActionKind::code`]; a word it
/// does not know is a damaged row, reported as such rather than shown as something else.
fn action_of(code: &str) -> Result<ActionKind, sqlx::Error> {
    ActionKind::from_code(code).ok_or_else(|| {
        sqlx::Error::Decode(format!("moderation_actions.action: unknown action `{code}`").into())
    })
}

struct QueuedRow(QueuedComment);

impl FromRow<'_, PgRow> for QueuedRow {
    fn from_row(row: &PgRow) -> Result<Self, sqlx::Error> {
        let status: String = row.try_get("status")?;
        let user_id: Option<i64> = row.try_get("user_id")?;
        let score: f64 = row.try_get("screen_score")?;
        Ok(QueuedRow(QueuedComment {
            id: CommentId(row.try_get("comment_id")?),
            article_slug: row.try_get("article_slug")?,
            article_title: row.try_get("article_title")?,
            article_lang: row.try_get("article_lang")?,
            parent_id: row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
            author_name: row.try_get("author_name")?,
            is_staff: user_id.is_some(),
            body: row.try_get("body")?,
            body_html: row.try_get("body_html")?,
            status: status_of(&status),
            language: row.try_get("language")?,
            screen_score: score as f32,
            screen_flagged: row.try_get::<i64, _>("screen_flagged")? != 0,
            screen_findings: ashyq_store::decode_findings(
                &row.try_get::<String, _>("screen_findings")?,
            ),
            screen_label: row
                .try_get::<Option<String>, _>("screen_label")?
                .and_then(|name| ashyq_store::Label::from_name(&name)),
            flags: ashyq_store::CommentFlags::decode(&row.try_get::<String, _>("flags")?),
            created_at: row.try_get("created_at")?,
            address_hash: row.try_get("address_hash")?,
            email_hash: row.try_get("email_hash")?,
            featured: row.try_get::<i64, _>("featured")? != 0,
            decision_reason: row
                .try_get::<Option<String>, _>("decision_reason")?
                .map(|code| RejectReason::from_stored(&code)),
            version: row.try_get("version")?,
        }))
    }
}

/// The comments a reader sees under any version of a story: SQLite's `PUBLIC_COMMENTS` (see
/// there), with `own` as a number and aliases on the subqueries. Binds: the reader's token hash
/// or "", the article and now, twice, the hash or "-".
pub(crate) const PUBLIC_COMMENTS: &str = "SELECT * FROM (SELECT c.comment_id, c.parent_id, c.author_name, c.user_id, \
     c.is_article_author, c.body_html, c.created_at, c.status, c.featured, NULLIF(c.language, '') AS language, a.lang AS version_lang, \
     CASE WHEN c.commenter_token_hash = ? THEN 1::BIGINT ELSE 0::BIGINT END AS own \
     FROM articles a JOIN comments c ON c.article_id = a.article_id \
     WHERE a.translation_group = (SELECT translation_group FROM articles WHERE article_id = ?) \
     AND a.status = 'published' AND a.published_at <= ? AND c.status = 'approved' \
     UNION ALL SELECT * FROM (SELECT c.comment_id, c.parent_id, c.author_name, c.user_id, c.is_article_author, \
     c.body_html, c.created_at, c.status, c.featured, NULLIF(c.language, '') AS language, a.lang AS version_lang, 1::BIGINT AS own \
     FROM articles a JOIN comments c ON c.article_id = a.article_id \
     WHERE a.translation_group = (SELECT translation_group FROM articles WHERE article_id = ?) \
     AND a.status = 'published' AND a.published_at <= ? AND c.commenter_token_hash = ? \
     AND c.decided_by IS NULL AND c.status IN ('pending', 'spam', 'rejected') \
     ORDER BY c.created_at DESC, c.comment_id DESC LIMIT 20) AS own_recent) \
     AS shown ORDER BY created_at, comment_id";

impl CommentStore for PostgresStore {
    async fn comment_target(&self, slug: &str) -> StoreResult<Option<CommentTarget>> {
        // Only articles readers can see take comments: not drafts, not scheduled ones.
        let row: Option<(i64, String, String)> = crate::sql::query_as(&format!(
            "SELECT a.article_id, a.slug, a.lang FROM articles a WHERE a.slug = ? AND {VISIBLE}"
        ))
        .bind(slug)
        .bind(unix_now())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        let Some((article_id, slug, lang)) = row else { return Ok(None) };
        let author_names: Vec<String> = crate::sql::query_scalar(
            "SELECT name FROM article_authors WHERE article_id = ? ORDER BY position",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(Some(CommentTarget { article_id: ArticleId(article_id), slug, lang, author_names }))
    }

    async fn insert_comments(
        &self,
        batch: &[NewComment],
    ) -> StoreResult<Vec<Result<CommentId, LimitReached>>> {
        let mut connection = self.begin_write().await?;
        let outcome = async {
            // Then each limited address's lock, in ascending order, before counting its comments:
            // see `insert::lock_addresses`.
            insert::lock_addresses(&mut connection, batch).await?;
            insert_admitted(&mut connection, batch).await
        }
        .await;
        // With synchronous=FULL the commit returns only once the batch is on disk.
        finish_write(connection, outcome).await
    }

    async fn public_comments(
        &self,
        article_id: ArticleId,
        commenter_token_hash: Option<&str>,
    ) -> StoreResult<Vec<PublicComment>> {
        let now = unix_now();
        let rows = crate::sql::query(PUBLIC_COMMENTS)
            .bind(commenter_token_hash.unwrap_or(""))
            .bind(article_id.0)
            .bind(now)
            .bind(article_id.0)
            .bind(now)
            .bind(commenter_token_hash.unwrap_or("-"))
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                Ok(PublicComment {
                    id: CommentId(row.try_get("comment_id")?),
                    parent_id: row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
                    author_name: row.try_get("author_name")?,
                    is_staff: row.try_get::<Option<i64>, _>("user_id")?.is_some(),
                    is_article_author: row.try_get::<i64, _>("is_article_author")? != 0,
                    body_html: row.try_get("body_html")?,
                    created_at: row.try_get("created_at")?,
                    status: status_of(&status),
                    featured: row.try_get::<i64, _>("featured")? != 0,
                    own: row.try_get::<i64, _>("own")? != 0,
                    language: row.try_get("language")?,
                    version_lang: row.try_get("version_lang")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(map_error)
    }

    async fn can_reply_to(&self, article_id: ArticleId, parent: CommentId) -> StoreResult<bool> {
        // Anywhere in the story's conversation (see SQLite's).
        let found: Option<i64> = crate::sql::query_scalar(&format!(
            "SELECT 1::BIGINT FROM comments c JOIN articles a ON a.article_id = c.article_id \
             WHERE c.comment_id = ? AND c.status = 'approved' AND {VISIBLE} \
             AND a.translation_group = (SELECT translation_group FROM articles WHERE article_id = ?)"
        ))
        .bind(parent.0)
        .bind(unix_now())
        .bind(article_id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(found.is_some())
    }

    async fn screening_context(&self, query: &ScreeningQuery<'_>) -> StoreResult<ScreeningContext> {
        // One statement: every query is a round trip to SQLite's own thread and back, which costs
        // more than a small query. Each list is a small look-up on a covering index, and comes
        // back as one text value, "id created exact simhash tokens,…", because sqlx hands rows
        // over one at a time. A list not asked for is looked up under a key nothing has.
        const LIST: &str = "SELECT string_agg(comment_id || ' ' || created_at || ' ' || \
             fingerprint_exact || ' ' || fingerprint_simhash || ' ' || fingerprint_tokens, ',') \
             FROM (SELECT comment_id, created_at, fingerprint_exact, fingerprint_simhash, \
             fingerprint_tokens FROM comments WHERE";
        let sql = format!(
            "SELECT ({LIST} fingerprint_exact = ? LIMIT 50) AS listed), \
             ({LIST} article_id = ? AND created_at > ? ORDER BY created_at DESC LIMIT {RECENT_PER_LIST}) AS listed), \
             ({LIST} address_hash = ? AND created_at > ? ORDER BY created_at DESC LIMIT {RECENT_PER_LIST}) AS listed), \
             ({LIST} email_hash = ? AND created_at > ? ORDER BY created_at DESC LIMIT {RECENT_PER_LIST}) AS listed), \
             EXISTS (SELECT 1 FROM bans WHERE until_at > ? AND ((kind = 'address' AND value_hash = ?) \
              OR (kind = 'email' AND value_hash = ?)))"
        );
        let load = query.load;
        let address = query.address_hash.filter(|_| load.address);
        let email = query.email_hash.filter(|_| load.email);
        let (exact, article_rows, address_rows, email_rows, banned): PackedScreening =
            crate::sql::query_as(&sql)
                .bind(query.exact)
                .bind(if load.article { query.article_id.0 } else { -1 })
                .bind(query.since)
                .bind(address.unwrap_or("-"))
                .bind(query.since)
                .bind(email.unwrap_or("-"))
                .bind(query.since)
                .bind(query.now)
                .bind(query.address_hash.unwrap_or("-"))
                .bind(query.email_hash.unwrap_or("-"))
                .fetch_one(&self.pool)
                .await
                .map_err(map_error)?;
        let list = |asked: bool,
                    packed: Option<String>|
         -> StoreResult<Option<Vec<RecentComment>>> {
            if asked { unpack_recent(packed.as_deref().unwrap_or("")).map(Some) } else { Ok(None) }
        };
        Ok(ScreeningContext {
            exact_matches: unpack_recent(exact.as_deref().unwrap_or(""))?,
            article: list(load.article, article_rows)?,
            address: list(address.is_some(), address_rows)?,
            email: list(email.is_some(), email_rows)?,
            banned,
        })
    }

    async fn own_pending_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
    ) -> StoreResult<Option<QueuedComment>> {
        let row: Option<QueuedRow> = crate::sql::query_as(&format!(
            "SELECT {QUEUE_COLUMNS} FROM comments c JOIN articles a ON a.article_id = c.article_id \
             WHERE c.comment_id = ? AND c.commenter_token_hash = ? AND c.status = 'pending'"
        ))
        .bind(id.0)
        .bind(commenter_token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(row.map(|row| row.0))
    }

    async fn edit_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        replacement: &NewComment,
    ) -> StoreResult<bool> {
        let result = crate::sql::query(
            "UPDATE comments SET author_name = ?, body = ?, body_html = ?, language = ?, screen_score = ?, \
             screen_flagged = ?, screen_findings = ?, screen_label = ?, fingerprint_exact = ?, \
             fingerprint_simhash = ?, fingerprint_tokens = ?, updated_at = ?, \
             version = version + 1, text_version = version + 1 \
             WHERE comment_id = ? AND commenter_token_hash = ? AND status = 'pending'",
        )
        .bind(&replacement.author_name)
        .bind(&replacement.body)
        .bind(&replacement.body_html)
        .bind(replacement.language.as_deref())
        .bind(f64::from(replacement.screen_score))
        .bind(i64::from(replacement.screen_flagged))
        .bind(ashyq_store::encode_findings(&replacement.screen_findings))
        .bind(replacement.screen_label.map(|label| label.name()))
        .bind(replacement.fingerprint.exact)
        .bind(replacement.fingerprint.simhash)
        .bind(replacement.fingerprint.tokens)
        .bind(replacement.created_at)
        .bind(id.0)
        .bind(commenter_token_hash)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn withdraw_own_comment(
        &self,
        id: CommentId,
        commenter_token_hash: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let result = crate::sql::query(
            "UPDATE comments SET status = 'withdrawn', updated_at = ?, version = version + 1 \
             WHERE comment_id = ? AND commenter_token_hash = ? AND status = 'pending'",
        )
        .bind(now)
        .bind(id.0)
        .bind(commenter_token_hash)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn moderation_queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueuedComment>> {
        // Pending: likely-clean first (lowest score), oldest first within; other queues newest first.
        let order = if filter.status == CommentStatus::Pending {
            "c.screen_flagged, c.screen_score, c.created_at"
        } else {
            "COALESCE(c.decided_at, c.created_at) DESC"
        };
        let rows: Vec<QueuedRow> = crate::sql::query_as(&format!(
            "SELECT {QUEUE_COLUMNS} FROM comments c JOIN articles a ON a.article_id = c.article_id \
             WHERE c.status = ? AND (? IS NULL OR a.slug = ?) AND (? IS NULL OR c.language = ?) \
             AND (? IS NULL OR c.screen_label = ?) ORDER BY {order} LIMIT ?"
        ))
        .bind(filter.status.code())
        .bind(filter.article_slug.as_deref())
        .bind(filter.article_slug.as_deref())
        .bind(filter.language.as_deref())
        .bind(filter.language.as_deref())
        .bind(filter.label.map(ashyq_store::Label::name))
        .bind(filter.label.map(ashyq_store::Label::name))
        .bind(i64::from(filter.limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|row| row.0).collect())
    }

    async fn queue_counts(&self) -> StoreResult<Vec<StatusCount>> {
        let rows: Vec<(String, i64)> =
            crate::sql::query_as("SELECT status, COUNT(*) FROM comments GROUP BY status")
                .fetch_all(&self.pool)
                .await
                .map_err(map_error)?;
        Ok(rows
            .into_iter()
            .map(|(status, count)| StatusCount { status: status_of(&status), count })
            .collect())
    }

    async fn queued_comment(&self, id: CommentId) -> StoreResult<Option<QueuedComment>> {
        let row: Option<QueuedRow> = crate::sql::query_as(&format!(
            "SELECT {QUEUE_COLUMNS} FROM comments c JOIN articles a ON a.article_id = c.article_id WHERE c.comment_id = ?"
        ))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(row.map(|row| row.0))
    }

    async fn decision_subjects(&self, ids: &[CommentId]) -> StoreResult<Vec<DecisionSubject>> {
        let mut subjects = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let mut select = sqlx::QueryBuilder::<sqlx::Postgres>::new(
                "SELECT comment_id, status, language, version FROM comments WHERE comment_id IN (",
            );
            let mut list = select.separated(", ");
            for id in chunk {
                list.push_bind(id.0);
            }
            select.push(")");
            let rows: Vec<(i64, String, Option<String>, i64)> =
                select.build_query_as().fetch_all(&self.pool).await.map_err(map_error)?;
            subjects.extend(rows.into_iter().map(|(id, status, language, version)| {
                DecisionSubject { id: CommentId(id), status: status_of(&status), language, version }
            }));
        }
        Ok(subjects)
    }

    async fn decide_comments(
        &self,
        targets: &[DecisionTarget],
        decision: &Decision,
        stamp: DecisionStamp<'_>,
    ) -> StoreResult<DecideOutcome> {
        let mut connection = self.begin_write().await?;
        match decide_in(&mut connection, targets, decision, stamp).await {
            Ok(DecideOutcome::Applied(changes)) => {
                finish_write(connection, Ok(DecideOutcome::Applied(changes))).await
            }
            Ok(refused) => {
                // Nothing of a refused decision is kept, not even the changes to earlier targets.
                connection.rollback().await?;
                Ok(refused)
            }
            Err(error) => finish_write(connection, Err(error)).await,
        }
    }

    async fn undo_action(&self, action_id: ActionId, by: UserId, now: i64) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let action: Option<(i64, String, String, i64)> = crate::sql::query_as(
            "SELECT comment_id, previous_status, new_status, previous_featured FROM moderation_actions \
             WHERE action_id = ? AND undone_at IS NULL",
        )
        .bind(action_id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_error)?;
        let Some((comment_id, previous, new, previous_featured)) = action else {
            tx.rollback().await?;
            return Ok(false);
        };
        // Undo only while the comment is still as this action left it.
        let result = crate::sql::query(
            "UPDATE comments SET status = ?, featured = ?, decided_at = ?, decided_by = ?, updated_at = ?, \
             version = version + 1 WHERE comment_id = ? AND status = ?",
        )
        .bind(&previous)
        .bind(previous_featured)
        .bind(now)
        .bind(by.0)
        .bind(now)
        .bind(comment_id)
        .bind(&new)
        .execute(&mut *tx)
        .await
        .map_err(map_error)?;
        if result.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        crate::sql::query("UPDATE moderation_actions SET undone_at = ? WHERE action_id = ?")
            .bind(now)
            .bind(action_id.0)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
        crate::sql::query(
            "INSERT INTO moderation_actions (comment_id, user_id, action, previous_status, new_status, at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(comment_id)
        .bind(by.0)
        .bind(ActionKind::Undo.code())
        .bind(&new)
        .bind(&previous)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(map_error)?;
        tx.commit().await?;
        Ok(true)
    }

    async fn recent_actions(&self, limit: u32) -> StoreResult<Vec<ModerationAction>> {
        let rows = crate::sql::query(
            "SELECT m.action_id, m.comment_id, COALESCE(u.name, '') AS moderator, m.action, m.reason, \
             m.previous_status, m.new_status, m.at, m.undone_at FROM moderation_actions m \
             LEFT JOIN users u ON u.user_id = m.user_id ORDER BY m.action_id DESC LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        rows.iter()
            .map(|row| {
                let previous: String = row.try_get("previous_status")?;
                let new: String = row.try_get("new_status")?;
                Ok(ModerationAction {
                    id: ActionId(row.try_get("action_id")?),
                    comment_id: CommentId(row.try_get("comment_id")?),
                    moderator: row.try_get("moderator")?,
                    action: action_of(&row.try_get::<String, _>("action")?)?,
                    reason: row
                        .try_get::<Option<String>, _>("reason")?
                        .map(|code| RejectReason::from_stored(&code)),
                    previous_status: status_of(&previous),
                    new_status: status_of(&new),
                    at: row.try_get("at")?,
                    undone: row.try_get::<Option<i64>, _>("undone_at")?.is_some(),
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()
            .map_err(map_error)
    }

    async fn commenter_history(
        &self,
        address_hash: Option<&str>,
        email_hash: Option<&str>,
        except: CommentId,
    ) -> StoreResult<Vec<HistoryItem>> {
        if address_hash.is_none() && email_hash.is_none() {
            return Ok(Vec::new());
        }
        // Two indexed look-ups (newest 20 earlier by address, newest 20 earlier by e-mail) instead
        // of one OR that sorts every comment ever sent from a busy address; the queue asks this
        // for each item. Only comments sent before this one (ids grow with time): the history is
        // what the person did before, never what they sent since.
        let rows: Vec<(i64, String, String, i64, String)> = crate::sql::query_as(
            "SELECT c.comment_id, a.slug, c.status, c.created_at, substr(c.body, 1, 120) FROM comments c \
             JOIN articles a ON a.article_id = c.article_id WHERE c.comment_id IN ( \
               SELECT comment_id FROM (SELECT comment_id FROM comments WHERE address_hash = ? \
                 AND comment_id < ? ORDER BY created_at DESC LIMIT 20) AS by_address \
               UNION SELECT comment_id FROM (SELECT comment_id FROM comments WHERE email_hash = ? \
                 AND comment_id < ? ORDER BY created_at DESC LIMIT 20) AS by_email) \
             ORDER BY c.created_at DESC, c.comment_id DESC LIMIT 20",
        )
        .bind(address_hash.unwrap_or("-"))
        .bind(except.0)
        .bind(email_hash.unwrap_or("-"))
        .bind(except.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows
            .into_iter()
            .map(|(id, article_slug, status, created_at, excerpt)| HistoryItem {
                id: CommentId(id),
                article_slug,
                status: status_of(&status),
                created_at,
                excerpt,
            })
            .collect())
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
        crate::sql::query(
            "INSERT INTO bans (kind, value_hash, until_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(kind.code())
        .bind(value_hash)
        .bind(until)
        .bind(reason)
        .bind(by.0)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(())
    }

    async fn word_lists(&self) -> StoreResult<Vec<WordList>> {
        let rows: Vec<(String, String, String)> =
            crate::sql::query_as("SELECT lang, kind, words FROM word_lists ORDER BY lang, kind")
                .fetch_all(&self.pool)
                .await
                .map_err(map_error)?;
        // A kind this version does not know (written by a newer one) is left out, not guessed.
        Ok(rows
            .into_iter()
            .filter_map(|(lang, kind, words)| {
                WordListKind::from_code(&kind).map(|kind| WordList { lang, kind, words })
            })
            .collect())
    }

    async fn set_word_list(
        &self,
        lang: &str,
        kind: WordListKind,
        words: &str,
        by: UserId,
        now: i64,
    ) -> StoreResult<()> {
        crate::sql::query(
            "INSERT INTO word_lists (lang, kind, words, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (lang, kind) DO UPDATE SET words = excluded.words, updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by",
        )
        .bind(lang)
        .bind(kind.code())
        .bind(words)
        .bind(now)
        .bind(by.0)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(())
    }

    async fn moderator_languages(&self, user: UserId) -> StoreResult<Vec<String>> {
        crate::sql::query_scalar(
            "SELECT lang FROM moderator_languages WHERE user_id = ? ORDER BY lang",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)
    }

    async fn team_languages(&self) -> StoreResult<Vec<String>> {
        crate::sql::query_scalar(
            "SELECT DISTINCT m.lang FROM moderator_languages m JOIN users u ON u.user_id = m.user_id \
             WHERE u.disabled = 0 ORDER BY m.lang",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)
    }

    async fn set_moderator_languages(&self, user: UserId, langs: &[String]) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        crate::sql::query("DELETE FROM moderator_languages WHERE user_id = ?")
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
        for lang in langs {
            crate::sql::query("INSERT INTO moderator_languages (user_id, lang) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .bind(user.0)
                .bind(lang)
                .execute(&mut *tx)
                .await
                .map_err(map_error)?;
        }
        tx.commit().await
    }

    async fn decided_comments(&self) -> StoreResult<Vec<LabelledComment>> {
        let rows: Vec<(i64, String, String, Option<String>, String)> = crate::sql::query_as(
            "SELECT c.comment_id, COALESCE(c.language, a.lang), c.status, c.decision_reason, c.body \
             FROM comments c JOIN articles a ON a.article_id = c.article_id \
             WHERE c.status IN ('approved', 'rejected', 'spam') AND c.decided_by IS NOT NULL ORDER BY c.comment_id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, lang, status, reason, text)| {
                let reason = reason.map(|code| RejectReason::from_stored(&code));
                let label = ashyq_store::decided_label(status_of(&status), reason)?;
                Some(LabelledComment { id: CommentId(id), lang, label, text })
            })
            .collect())
    }

    async fn reply_notice(&self, reply: CommentId) -> StoreResult<Option<ReplyNotice>> {
        let row: Option<(String, String, String, String, String)> = crate::sql::query_as(
            "SELECT p.email, a.lang, a.slug, a.title, c.author_name FROM comments c \
             JOIN comments p ON p.comment_id = c.parent_id JOIN articles a ON a.article_id = p.article_id \
             WHERE c.comment_id = ? AND c.status = 'approved' AND p.email IS NOT NULL \
             AND p.email_confirmed_at IS NOT NULL AND p.status = 'approved'",
        )
        .bind(reply.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(row.map(|(email, lang, article_slug, article_title, reply_author)| ReplyNotice {
            email,
            lang,
            article_slug,
            article_title,
            reply_author,
            reply_id: reply,
        }))
    }

    async fn email_confirmation(&self, token_hash: &str, now: i64) -> StoreResult<Option<String>> {
        crate::sql::query_scalar(
            "SELECT a.lang FROM comments c JOIN articles a ON a.article_id = c.article_id \
             WHERE c.email_confirm_hash = ? AND c.email_confirm_expires > ? AND c.email IS NOT NULL",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)
    }

    async fn confirm_email(&self, token_hash: &str, now: i64) -> StoreResult<bool> {
        // One statement: two clicks at once confirm once, and the token is gone afterwards.
        let result = crate::sql::query(
            "UPDATE comments SET email_confirmed_at = ?, email_confirm_hash = NULL, \
             email_confirm_expires = NULL WHERE email_confirm_hash = ? AND email_confirm_expires > ? \
             AND email IS NOT NULL",
        )
        .bind(now)
        .bind(token_hash)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn drop_old_personal_data(&self, before: i64) -> StoreResult<u64> {
        let result = crate::sql::query(
            "UPDATE comments SET address_hash = NULL, email = NULL, email_confirm_hash = NULL, \
             email_confirm_expires = NULL, email_confirmed_at = NULL \
             WHERE created_at < ? AND (address_hash IS NOT NULL OR email IS NOT NULL \
             OR email_confirm_hash IS NOT NULL)",
        )
        .bind(before)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected())
    }
}
