//! What screening a new comment reads in PostgreSQL: its look-alikes, the recent comments of its
//! story, address and e-mail, and any ban, in one statement.

use ashyq_store::screening::{PackedScreening, unpack_recent};
use ashyq_store::{RECENT_PER_LIST, RecentComment, ScreeningContext, ScreeningQuery, StoreResult};

use crate::PostgresStore;
use crate::errors::map_error;

pub(super) async fn screening_context(
    store: &PostgresStore,
    query: &ScreeningQuery<'_>,
) -> StoreResult<ScreeningContext> {
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
            .fetch_one(&store.pool)
            .await
            .map_err(map_error)?;
    let list = |asked: bool, packed: Option<String>| -> StoreResult<Option<Vec<RecentComment>>> {
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
