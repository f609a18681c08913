//! `AnyStore`'s forwarding for people: accounts, sessions, second factors, password links and API
//! tokens.

use ashyq_accounts::Roles;
use ashyq_store::*;

use crate::store::{AnyStore, forward};

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
