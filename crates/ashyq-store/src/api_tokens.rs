//! Personal API tokens in storage: their own table, never sessions, so a token cannot be used as a
//! login cookie and a session cookie cannot be used as a token. Only a token's hash arrives here.

use std::future::Future;

use ashyq_accounts::ApiScope;

use crate::accounts::{User, UserId};
use crate::error::StoreResult;

/// An API token's id (not the token).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiTokenId(pub i64);

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewApiToken<'a> {
    pub user_id: UserId,
    /// SHA-256 of the token, hex.
    pub token_hash: &'a str,
    /// What the person said the token is for.
    pub name: &'a str,
    pub scopes: &'a [ApiScope],
    pub now: i64,
    pub expires_at: i64,
}

/// A stored token, as listed on its owner's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: String,
    pub scopes: Vec<ApiScope>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub expires_at: i64,
}

impl ApiToken {
    /// Whether the token carries `scope`.
    pub fn allows(&self, scope: ApiScope) -> bool {
        self.scopes.contains(&scope)
    }
}

/// A live token with the (enabled) person it belongs to, as a request's bearer token finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveApiToken {
    pub token: ApiToken,
    pub user: User,
}

/// Creating, checking, listing and revoking API tokens.
pub trait ApiTokenStore: Send + Sync {
    fn create_api_token(
        &self,
        token: &NewApiToken<'_>,
    ) -> impl Future<Output = StoreResult<ApiTokenId>> + Send;
    /// The live (not revoked, not expired) token for a hash, with its person if not disabled;
    /// records when it was last used (at most once a minute).
    fn api_token_by_hash(
        &self,
        token_hash: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<Option<LiveApiToken>>> + Send;
    /// The person's live tokens, newest first.
    fn api_tokens_of(
        &self,
        user_id: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<Vec<ApiToken>>> + Send;
    /// Revokes a token of this person; false if there was no live one.
    fn revoke_api_token(
        &self,
        user_id: UserId,
        id: ApiTokenId,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Revokes every token of this person (after a password change).
    fn revoke_all_api_tokens(
        &self,
        user_id: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
}
