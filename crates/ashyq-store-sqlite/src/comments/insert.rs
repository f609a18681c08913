//! Inserting a batch of new comments in SQLite: the group-commit writer's one write
//! (`insert_comments`) and its steps.

use ashyq_store::{
    CommentId, LimitReached, NewComment, StoreResult, admit_comments, limited_addresses,
};
use sqlx::SqliteConnection;

use crate::{SqliteStore, finish_write};

/// Rows per INSERT statement: 25 values each stays well under SQLite's 32,766 parameters.
const ROWS_PER_INSERT: usize = 500;

pub(super) async fn insert_comments(
    store: &SqliteStore,
    batch: &[NewComment],
) -> StoreResult<Vec<Result<CommentId, LimitReached>>> {
    // BEGIN IMMEDIATE: the counts of `insert_admitted` cannot change until the commit.
    let mut connection = store.begin_write().await?;
    let outcome = insert_admitted(&mut connection, batch).await;
    // With synchronous=FULL the commit returns only once the batch is on disk.
    finish_write(connection, outcome).await
}

/// Inserts the comments of `batch` that their limits admit, inside the caller's write
/// transaction, and answers for each its id or the limit it reached. The count comes from the
/// comments table in this same transaction (the newest comments of each limited address, at most
/// its limit of them, from the `(address_hash, created_at, …)` index), so it sees every comment
/// committed before, from any server, and the ones admitted earlier in the batch.
pub(crate) async fn insert_admitted(
    connection: &mut SqliteConnection,
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

/// The creation times of the newest comments of each address of `addresses` (hash, window
/// start, limit) after its window start, at most its limit of them: one statement.
async fn stored_times(
    connection: &mut SqliteConnection,
    addresses: &[(&str, i64, u32)],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut select = sqlx::QueryBuilder::<sqlx::Sqlite>::new("");
    push_stored_times(&mut select, addresses);
    // Not kept prepared: the text differs with the number of addresses (see `insert_batch`).
    select.build_query_as().persistent(false).fetch_all(&mut *connection).await
}

/// The statement of [`stored_times`]: a look-up on `comments (address_hash, created_at, …)` per
/// address.
fn push_stored_times<'a>(
    select: &mut sqlx::QueryBuilder<'a, sqlx::Sqlite>,
    addresses: &[(&'a str, i64, u32)],
) {
    for (index, (address, since, max)) in addresses.iter().enumerate() {
        if index > 0 {
            select.push(" UNION ALL ");
        }
        select
            .push("SELECT * FROM (SELECT address_hash, created_at FROM comments WHERE address_hash = ")
            .push_bind(*address)
            .push(" AND created_at > ")
            .push_bind(*since)
            .push(" ORDER BY created_at DESC LIMIT ")
            .push_bind(i64::from(*max))
            .push(format!(") AS newest{index}"));
    }
}

/// Inserts `batch` inside the caller's write transaction with as few statements as possible
/// (each statement is a hand-off to SQLite's thread and back) and returns the new ids in order.
/// Ids are given explicitly, counting on from the largest: the write transaction (BEGIN
/// IMMEDIATE) holds the only write lock, so nobody else can take them meanwhile, and the ids do
/// not depend on the order in which SQLite happens to process or return rows.
pub(crate) async fn insert_batch(
    connection: &mut SqliteConnection,
    batch: &[NewComment],
) -> Result<Vec<i64>, sqlx::Error> {
    let largest: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(comment_id), 0) FROM comments")
        .fetch_one(&mut *connection)
        .await?;
    let mut next_id = largest + 1;
    let mut ids = Vec::with_capacity(batch.len());
    for chunk in batch.chunks(ROWS_PER_INSERT) {
        let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
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

#[cfg(test)]
mod tests {
    use super::push_stored_times;
    use crate::SqliteStore;

    #[tokio::test]
    async fn the_comment_limit_counts_from_the_address_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path()).await.unwrap();
        let mut explain = sqlx::QueryBuilder::<sqlx::Sqlite>::new("EXPLAIN QUERY PLAN ");
        push_stored_times(&mut explain, &[("addr-a", 100, 10), ("addr-b", 100, 10)]);
        let plan: Vec<(i64, i64, i64, String)> =
            explain.build_query_as().fetch_all(&store.pool).await.unwrap();
        let plan: Vec<String> = plan.into_iter().map(|row| row.3).collect();
        assert!(
            plan.iter().filter(|step| step.contains("USING") && step.contains("address")).count()
                == 2,
            "each address is a look-up on an address index: {plan:?}"
        );
        assert!(plan.iter().all(|step| !step.contains("SCAN comments")), "{plan:?}");
        store.close().await;
    }
}
