//! Inserting a batch of new comments in PostgreSQL: the group-commit writer's one write
//! (`insert_comments`) and its steps.

use ashyq_store::{
    CommentId, LimitReached, NewComment, StoreResult, admit_comments, limited_addresses,
};
use sqlx::PgConnection;

use crate::{COMMENT_LOCK_SPACE, PostgresStore, finish_write, key_lock};

/// Rows per INSERT statement: 25 values each stays well under SQLite's 32,766 parameters.
const ROWS_PER_INSERT: usize = 500;

pub(super) async fn insert_comments(
    store: &PostgresStore,
    batch: &[NewComment],
) -> StoreResult<Vec<Result<CommentId, LimitReached>>> {
    let mut connection = store.begin_write().await?;
    let outcome = async {
        // Then each limited address's lock, in ascending order, before counting its comments:
        // see `lock_addresses`.
        lock_addresses(&mut connection, batch).await?;
        insert_admitted(&mut connection, batch).await
    }
    .await;
    // With synchronous=FULL the commit returns only once the batch is on disk.
    finish_write(connection, outcome).await
}

/// Inserts the comments of `batch` that their limits admit, inside the caller's write
/// transaction, and answers for each its id or the limit it reached. The count comes from the
/// comments table in this same transaction (the newest comments of each limited address, at most
/// its limit of them, from the `(address_hash, created_at, …)` index), so it sees every comment
/// committed before, from any server, and the ones admitted earlier in the batch.
pub(crate) async fn insert_admitted(
    connection: &mut PgConnection,
    batch: &[NewComment],
) -> Result<Vec<Result<CommentId, LimitReached>>, sqlx::Error> {
    let addresses = limited_addresses(batch);
    let stored = if addresses.is_empty() {
        Vec::new()
    } else {
        stored_times(connection, &addresses).await?
    };
    let admitted = admit_comments(batch, &stored);
    let ids = if admitted.iter().all(Result::is_ok) {
        insert_batch(connection, batch).await?
    } else {
        let kept: Vec<NewComment> = batch
            .iter()
            .zip(&admitted)
            .filter(|(_, admitted)| admitted.is_ok())
            .map(|(comment, _)| comment.clone())
            .collect();
        insert_batch(connection, &kept).await?
    };
    let mut ids = ids.into_iter();
    let mut answers = Vec::with_capacity(batch.len());
    for admitted in admitted {
        answers.push(match admitted {
            Ok(()) => Ok(CommentId(ids.next().ok_or_else(|| {
                sqlx::Error::Protocol("fewer ids than comments admitted".to_owned())
            })?)),
            Err(reached) => Err(reached),
        });
    }
    Ok(answers)
}

/// Takes the transaction-scoped advisory lock of every address with a limited comment in `batch`
/// (two-number locks in [`COMMENT_LOCK_SPACE`], the second number from the address hash), in
/// ascending order, in one statement (`unnest` hands the sorted array over in order). The comment
/// writer holds [`crate::WRITE_LOCK`] first, which already orders all comment inserts; these
/// locks keep the count right on their own should inserts ever stop taking it, and the fixed
/// order (the write lock, then addresses ascending) means two batches never wait crosswise.
pub(crate) async fn lock_addresses(
    connection: &mut PgConnection,
    batch: &[NewComment],
) -> Result<(), sqlx::Error> {
    let mut locks: Vec<i32> =
        limited_addresses(batch).iter().map(|(address, _, _)| key_lock(address)).collect();
    if locks.is_empty() {
        return Ok(());
    }
    locks.sort_unstable();
    locks.dedup();
    sqlx::query("SELECT pg_advisory_xact_lock($1, lock) FROM unnest($2::int4[]) AS lock")
        .bind(COMMENT_LOCK_SPACE)
        .bind(locks)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// The creation times of the newest comments of each address of `addresses` (hash, window
/// start, limit) after its window start, at most its limit of them: one statement of fixed text
/// (kept prepared), the addresses passed as arrays and each looked up on the index.
async fn stored_times(
    connection: &mut PgConnection,
    addresses: &[(&str, i64, u32)],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let hashes: Vec<&str> = addresses.iter().map(|(address, _, _)| *address).collect();
    let starts: Vec<i64> = addresses.iter().map(|(_, since, _)| *since).collect();
    let limits: Vec<i64> = addresses.iter().map(|(_, _, max)| i64::from(*max)).collect();
    sqlx::query_as(
        "SELECT wanted.address, newest.created_at \
         FROM unnest($1::text[], $2::int8[], $3::int8[]) AS wanted(address, since, most) \
         CROSS JOIN LATERAL (SELECT created_at FROM comments \
           WHERE address_hash = wanted.address AND created_at > wanted.since \
           ORDER BY created_at DESC LIMIT wanted.most) AS newest",
    )
    .bind(hashes)
    .bind(starts)
    .bind(limits)
    .fetch_all(&mut *connection)
    .await
}

/// Inserts `batch` inside the caller's write transaction with as few statements as possible
/// (each statement is a round trip to the server) and returns the new ids in order. Ids are given
/// explicitly, counting on from the largest: the write transaction holds `WRITE_LOCK`, so no
/// other writer takes them meanwhile, and the ids do not depend on the order in which rows are
/// processed or returned.
pub(crate) async fn insert_batch(
    connection: &mut PgConnection,
    batch: &[NewComment],
) -> Result<Vec<i64>, sqlx::Error> {
    let largest: i64 =
        crate::sql::query_scalar("SELECT COALESCE(MAX(comment_id), 0) FROM comments")
            .fetch_one(&mut *connection)
            .await?;
    let mut next_id = largest + 1;
    let mut ids = Vec::with_capacity(batch.len());
    for chunk in batch.chunks(ROWS_PER_INSERT) {
        let mut insert = sqlx::QueryBuilder::<sqlx::Postgres>::new(
            "INSERT INTO comments (comment_id, article_id, parent_id, author_name, email, email_hash, \
             user_id, is_article_author, body, body_html, status, language, screen_score, \
             screen_flagged, screen_findings, screen_label, fingerprint_exact, fingerprint_simhash, \
             fingerprint_tokens, address_hash, commenter_token_hash, flags, created_at, updated_at, \
             email_confirm_hash, email_confirm_expires) ",
        );
        let first_id = next_id;
        insert.push_values(chunk.iter().zip(first_id..), |mut row, (comment, id)| {
            row.push_bind(id)
                .push_bind(comment.article_id.0)
                .push_bind(comment.parent_id.map(|id| id.0))
                .push_bind(&comment.author_name)
                .push_bind(comment.email.as_deref())
                .push_bind(comment.email_hash.as_deref())
                .push_bind(comment.user_id.map(|id| id.0))
                .push_bind(i64::from(comment.is_article_author))
                .push_bind(&comment.body)
                .push_bind(&comment.body_html)
                .push_bind(comment.status.code())
                .push_bind(comment.language.as_deref())
                .push_bind(f64::from(comment.screen_score))
                .push_bind(i64::from(comment.screen_flagged))
                .push_bind(ashyq_store::encode_findings(&comment.screen_findings))
                .push_bind(comment.screen_label.map(|label| label.name()))
                .push_bind(comment.fingerprint.exact)
                .push_bind(comment.fingerprint.simhash)
                .push_bind(comment.fingerprint.tokens)
                .push_bind(comment.address_hash.as_deref())
                .push_bind(&comment.commenter_token_hash)
                .push_bind(comment.flags.encode())
                .push_bind(comment.created_at)
                .push_bind(comment.created_at)
                .push_bind(
                    comment.email_confirm.as_ref().map(|confirm| confirm.token_hash.as_str()),
                )
                .push_bind(comment.email_confirm.as_ref().map(|confirm| confirm.expires_at));
        });
        // Not kept prepared: the statement's text differs with every batch size, and each
        // connection would keep up to 100 of them (the soak's memory grew by about 5 KB/s as
        // rarer sizes came along, long after its warm-up). Preparing costs far less than the sync.
        insert.build().persistent(false).execute(&mut *connection).await?;
        next_id += i64::try_from(chunk.len()).unwrap_or(i64::MAX);
        ids.extend(first_id..next_id);
    }
    Ok(ids)
}
