//! `AccountStore` for PostgreSQL: people, sessions, the second factor and one-time links.

use ashyq_accounts::Roles;
use ashyq_store::{
    AccountStore, LiveSession, NewUser, Session, SessionId, StoreResult, TokenPurpose, User, UserId,
};
use sqlx::postgres::PgRow;
use sqlx::{FromRow, Row};

use crate::errors::map_error;
use crate::{PostgresStore, finish_write};

const USER_COLUMNS: &str =
    "user_id, email, name, roles, password_hash, totp_secret, totp_last_step, disabled";
const SESSION_COLUMNS: &str = "s.session_id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.second_factor_pending";

struct UserRow(User);

impl FromRow<'_, PgRow> for UserRow {
    fn from_row(row: &PgRow) -> Result<Self, sqlx::Error> {
        let roles: String = row.try_get("roles")?;
        let totp: Option<String> = row.try_get("totp_secret")?;
        Ok(UserRow(User {
            id: UserId(row.try_get("user_id")?),
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            // Stored roles were validated on the way in; an unknown code (from a newer version)
            // is dropped rather than granting anything.
            roles: Roles::new(roles.split(',').filter_map(ashyq_accounts::Role::from_code)),
            password_hash: row.try_get("password_hash")?,
            totp_secret: totp.as_deref().and_then(|text| hex::decode(text).ok()),
            totp_last_step: row.try_get("totp_last_step")?,
            disabled: row.try_get::<i64, _>("disabled")? != 0,
        }))
    }
}

struct SessionRow(Session);

impl FromRow<'_, PgRow> for SessionRow {
    fn from_row(row: &PgRow) -> Result<Self, sqlx::Error> {
        Ok(SessionRow(Session {
            id: SessionId(row.try_get("session_id")?),
            user_id: UserId(row.try_get("user_id")?),
            created_at: row.try_get("created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            expires_at: row.try_get("expires_at")?,
            user_agent: row.try_get("user_agent")?,
            second_factor_pending: row.try_get::<i64, _>("second_factor_pending")? != 0,
        }))
    }
}

impl AccountStore for PostgresStore {
    async fn create_user(&self, user: &NewUser, now: i64) -> StoreResult<UserId> {
        let id: i64 = crate::sql::query_scalar(
            "INSERT INTO users (email, name, roles, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING user_id",
        )
        .bind(&user.email)
        .bind(&user.name)
        .bind(user.roles.to_codes())
        .bind(user.password_hash.as_deref())
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(UserId(id))
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        let row: Option<UserRow> =
            crate::sql::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE user_id = ?"))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_error)?;
        Ok(row.map(|row| row.0))
    }

    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        let row: Option<UserRow> =
            crate::sql::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?"))
                .bind(email)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_error)?;
        Ok(row.map(|row| row.0))
    }

    async fn users(&self) -> StoreResult<Vec<User>> {
        let rows: Vec<UserRow> = crate::sql::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY name, user_id"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|row| row.0).collect())
    }

    async fn count_users(&self) -> StoreResult<i64> {
        crate::sql::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await
            .map_err(map_error)
    }

    async fn set_password(&self, id: UserId, password_hash: &str) -> StoreResult<()> {
        crate::sql::query("UPDATE users SET password_hash = ? WHERE user_id = ?")
            .bind(password_hash)
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(map_error)?;
        Ok(())
    }

    async fn begin_totp_setup(
        &self,
        id: UserId,
        secret: &[u8],
        expires_at: i64,
    ) -> StoreResult<()> {
        crate::sql::query(
            "UPDATE users SET totp_pending_secret = ?, totp_pending_expires_at = ? WHERE user_id = ?",
        )
        .bind(hex::encode(secret))
        .bind(expires_at)
        .bind(id.0)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(())
    }

    async fn totp_setup_secret(&self, id: UserId, now: i64) -> StoreResult<Option<Vec<u8>>> {
        let secret: Option<Option<String>> = crate::sql::query_scalar(
            "SELECT totp_pending_secret FROM users WHERE user_id = ? AND totp_pending_expires_at > ?",
        )
        .bind(id.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(secret.flatten().and_then(|text| hex::decode(text).ok()))
    }

    async fn confirm_totp_setup(
        &self,
        id: UserId,
        secret: &[u8],
        step: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let result = crate::sql::query(
            "UPDATE users SET totp_secret = totp_pending_secret, totp_last_step = ?, \
             totp_pending_secret = NULL, totp_pending_expires_at = NULL \
             WHERE user_id = ? AND totp_pending_secret = ? AND totp_pending_expires_at > ?",
        )
        .bind(step)
        .bind(id.0)
        .bind(hex::encode(secret))
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected() > 0)
    }

    async fn disable_totp(&self, id: UserId) -> StoreResult<()> {
        crate::sql::query(
            "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, \
             totp_pending_expires_at = NULL WHERE user_id = ?",
        )
        .bind(id.0)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(())
    }

    async fn record_totp_step(&self, id: UserId, step: i64) -> StoreResult<bool> {
        // One statement: SQLite runs it under the write lock, so of concurrent requests with the
        // same step exactly one sees `totp_last_step < step`.
        let result = crate::sql::query(
            "UPDATE users SET totp_last_step = ? WHERE user_id = ? AND totp_last_step < ? \
             AND totp_secret IS NOT NULL",
        )
        .bind(step)
        .bind(id.0)
        .bind(step)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected() > 0)
    }

    async fn set_roles(&self, id: UserId, roles: &Roles) -> StoreResult<()> {
        crate::sql::query("UPDATE users SET roles = ? WHERE user_id = ?")
            .bind(roles.to_codes())
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(map_error)?;
        Ok(())
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
        let id: i64 = crate::sql::query_scalar(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, \
             second_factor_pending) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING session_id",
        )
        .bind(token_hash)
        .bind(user_id.0)
        .bind(now)
        .bind(now)
        .bind(expires_at)
        .bind(user_agent)
        .bind(i64::from(second_factor_pending))
        .fetch_one(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(SessionId(id))
    }

    async fn session_by_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> StoreResult<Option<LiveSession>> {
        let session: Option<SessionRow> = crate::sql::query_as(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s JOIN users u ON u.user_id = s.user_id \
             WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = 0"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        let Some(SessionRow(session)) = session else { return Ok(None) };
        // Recording "last seen" at most once a minute keeps reads from turning into writes.
        if now - session.last_seen_at >= 60 {
            crate::sql::query("UPDATE sessions SET last_seen_at = ? WHERE session_id = ?")
                .bind(now)
                .bind(session.id.0)
                .execute(&self.pool)
                .await
                .map_err(map_error)?;
        }
        Ok(self.user(session.user_id).await?.map(|user| LiveSession { session, user }))
    }

    async fn sessions_of(&self, user_id: UserId, now: i64) -> StoreResult<Vec<Session>> {
        let rows: Vec<SessionRow> = crate::sql::query_as(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.user_id = ? AND s.revoked_at IS NULL \
             AND s.expires_at > ? ORDER BY s.created_at DESC, s.session_id DESC"
        ))
        .bind(user_id.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|row| row.0).collect())
    }

    async fn revoke_session(
        &self,
        user_id: UserId,
        session_id: SessionId,
        now: i64,
    ) -> StoreResult<bool> {
        let result = crate::sql::query(
            "UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND user_id = ? AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(session_id.0)
        .bind(user_id.0)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(result.rows_affected() > 0)
    }

    async fn revoke_all_sessions(&self, user_id: UserId, now: i64) -> StoreResult<()> {
        crate::sql::query(
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(user_id.0)
        .execute(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(())
    }

    async fn rotate_session(
        &self,
        user_id: UserId,
        old: SessionId,
        new_token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<Option<SessionId>> {
        let mut connection = self.begin_write().await?;
        let outcome: Result<Option<SessionId>, sqlx::Error> = async {
            let user_agent: Option<String> = crate::sql::query_scalar(
                "UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND user_id = ? \
                 AND revoked_at IS NULL AND expires_at > ? RETURNING user_agent",
            )
            .bind(now)
            .bind(old.0)
            .bind(user_id.0)
            .bind(now)
            .fetch_optional(&mut *connection)
            .await?;
            let Some(user_agent) = user_agent else { return Ok(None) };
            let id: i64 = crate::sql::query_scalar(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, \
                 user_agent, second_factor_pending) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING session_id",
            )
            .bind(new_token_hash)
            .bind(user_id.0)
            .bind(now)
            .bind(now)
            .bind(expires_at)
            .bind(user_agent)
            .fetch_one(&mut *connection)
            .await?;
            Ok(Some(SessionId(id)))
        }
        .await;
        finish_write(connection, outcome).await
    }

    async fn create_one_time_token(
        &self,
        user_id: UserId,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        let mut connection = self.begin_write().await?;
        let outcome: Result<(), sqlx::Error> = async {
            // Issuing a link ends the others: a link still sitting in an old mail is worth nothing.
            crate::sql::query(
                "UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? \
                 AND used_at IS NULL",
            )
            .bind(now)
            .bind(user_id.0)
            .bind(purpose.code())
            .execute(&mut *connection)
            .await?;
            crate::sql::query(
                "INSERT INTO one_time_tokens (token_hash, user_id, purpose, created_at, expires_at) \
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(token_hash)
            .bind(user_id.0)
            .bind(purpose.code())
            .bind(now)
            .bind(expires_at)
            .execute(&mut *connection)
            .await?;
            Ok(())
        }
        .await;
        finish_write(connection, outcome).await
    }

    async fn peek_one_time_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> StoreResult<Option<UserId>> {
        let user: Option<i64> = crate::sql::query_scalar(
            "SELECT user_id FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
        )
        .bind(token_hash)
        .bind(purpose.code())
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(user.map(UserId))
    }

    async fn use_token_to_set_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> StoreResult<Option<UserId>> {
        let mut tx = self.begin_write().await?;
        let user: Option<i64> = crate::sql::query_scalar(
            "UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL \
             AND expires_at > ? RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash)
        .bind(TokenPurpose::SetPassword.code())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_error)?;
        let Some(user) = user else {
            tx.rollback().await?;
            return Ok(None);
        };
        crate::sql::query("UPDATE users SET password_hash = ? WHERE user_id = ?")
            .bind(password_hash)
            .bind(user)
            .execute(&mut *tx)
            .await
            .map_err(map_error)?;
        // A new password ends every existing session and API token, and the person's other links:
        // whoever had the old password, or an older link, is out.
        for statement in [
            "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            "UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
        ] {
            crate::sql::query(statement)
                .bind(now)
                .bind(user)
                .execute(&mut *tx)
                .await
                .map_err(map_error)?;
        }
        tx.commit().await?;
        Ok(Some(UserId(user)))
    }
}
