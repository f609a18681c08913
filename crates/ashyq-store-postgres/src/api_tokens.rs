//! `ApiTokenStore` for PostgreSQL: the `api_tokens` table (migration 0008).

use ashyq_accounts::ApiScope;
use ashyq_store::{
    ApiToken, ApiTokenId, ApiTokenStore, LiveApiToken, NewApiToken, StoreResult, UserId,
};
use sqlx::postgres::PgRow;
use sqlx::{FromRow, Row};

use crate::PostgresStore;
use crate::errors::map_error;

const TOKEN_COLUMNS: &str =
    "t.api_token_id, t.user_id, t.name, t.scopes, t.created_at, t.last_used_at, t.expires_at";

struct TokenRow(ApiToken);

impl FromRow<'_, PgRow> for TokenRow {
    fn from_row(row: &PgRow) -> Result<Self, sqlx::Error> {
        let scopes: String = row.try_get("scopes")?;
        Ok(TokenRow(ApiToken {
            id: ApiTokenId(row.try_get("api_token_id")?),
            user_id: UserId(row.try_get("user_id")?),
            name: row.try_get("name")?,
            scopes: ApiScope::parse_list(&scopes),
            created_at: row.try_get("created_at")?,
            last_used_at: row.try_get("last_used_at")?,
            expires_at: row.try_get("expires_at")?,
        }))
    }
}

impl ApiTokenStore for PostgresStore {
    async fn create_api_token(&self, token: &NewApiToken<'_>) -> StoreResult<ApiTokenId> {
        let id: i64 = crate::sql::query_scalar(
            "INSERT INTO api_tokens (token_hash, user_id, name, scopes, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?) RETURNING api_token_id",
        )
        .bind(token.token_hash)
        .bind(token.user_id.0)
        .bind(token.name)
        .bind(ApiScope::join(token.scopes))
        .bind(token.now)
        .bind(token.expires_at)
        .fetch_one(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(ApiTokenId(id))
    }

    async fn api_token_by_hash(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<LiveApiToken>> {
        let row: Option<TokenRow> = crate::sql::query_as(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.user_id = t.user_id \
             WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled = 0"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        let Some(TokenRow(token)) = row else { return Ok(None) };
        // "Last used" to the minute is enough for a person to spot a token they do not use, and
        // keeps an integration's every read from becoming a write.
        if token.last_used_at.is_none_or(|last| now - last >= 60) {
            crate::sql::query("UPDATE api_tokens SET last_used_at = ? WHERE api_token_id = ?")
                .bind(now)
                .bind(token.id.0)
                .execute(&self.pool)
                .await
                .map_err(map_error)?;
        }
        let user = ashyq_store::AccountStore::user(self, token.user_id).await?;
        Ok(user.filter(|user| !user.disabled).map(|user| LiveApiToken { token, user }))
    }

    async fn api_tokens_of(&self, user_id: UserId, now: i64) -> StoreResult<Vec<ApiToken>> {
        let rows: Vec<TokenRow> = crate::sql::query_as(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = ? AND t.revoked_at IS NULL \
             AND t.expires_at > ? ORDER BY t.created_at DESC, t.api_token_id DESC"
        ))
        .bind(user_id.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|row| row.0).collect())
    }

    async fn revoke_api_token(
        &self,
        user_id: UserId,
        id: ApiTokenId,
        now: i64,
    ) -> StoreResult<bool> {
        let result = crate::sql::query(
            "UPDATE api_tokens SET revoked_at = ? WHERE api_token_id = ? AND user_id = ? \
             AND revoked_at IS NULL AND expires_at > ?",
        )
        .bind(now)
        .bind(id.0)
        .bind(user_id.0)
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected() > 0)
    }

    async fn revoke_all_api_tokens(&self, user_id: UserId, now: i64) -> StoreResult<()> {
        crate::sql::query(
            "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(user_id.0)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(())
    }
}
