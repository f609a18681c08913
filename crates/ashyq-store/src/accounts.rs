//! People, sessions and one-time links in storage. Tokens arrive here already hashed: storage never
//! sees a secret it could leak.

use std::future::Future;

use ashyq_accounts::Roles;

use crate::error::StoreResult;

/// A person's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserId(pub i64);

/// A session's id (not its token).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionId(pub i64);

/// A person to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub roles: Roles,
    /// Argon2id PHC string, or `None` until they set one through a link.
    pub password_hash: Option<String>,
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub roles: Roles,
    pub password_hash: Option<String>,
    pub totp_secret: Option<Vec<u8>>,
    /// The last TOTP step this person logged in with (0: none); a code of this step or an older one
    /// is a replay.
    pub totp_last_step: i64,
    pub disabled: bool,
}

/// A login session as listed on the person's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub user_id: UserId,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: String,
    pub second_factor_pending: bool,
}

/// A live session with the person it belongs to, as a request's cookie finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    pub session: Session,
    pub user: User,
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Invitation or password reset: the holder may set the password.
    SetPassword,
}

impl TokenPurpose {
    pub fn code(self) -> &'static str {
        match self {
            TokenPurpose::SetPassword => "set-password",
        }
    }
}

/// Reading and writing people and sessions.
pub trait AccountStore: Send + Sync {
    /// Creates a person; a taken e-mail is `Conflict` with [`Constraint::UserEmail`](crate::Constraint::UserEmail).
    fn create_user(
        &self,
        user: &NewUser,
        now: i64,
    ) -> impl Future<Output = StoreResult<UserId>> + Send;
    fn user(&self, id: UserId) -> impl Future<Output = StoreResult<Option<User>>> + Send;
    fn user_by_email(&self, email: &str) -> impl Future<Output = StoreResult<Option<User>>> + Send;
    fn users(&self) -> impl Future<Output = StoreResult<Vec<User>>> + Send;
    fn count_users(&self) -> impl Future<Output = StoreResult<i64>> + Send;
    fn set_password(
        &self,
        id: UserId,
        password_hash: &str,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Keeps a second-factor secret the server generated until a code confirms it (replacing any
    /// earlier unconfirmed one). It never travels through a form.
    fn begin_totp_setup(
        &self,
        id: UserId,
        secret: &[u8],
        expires_at: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The unconfirmed second-factor secret, while it is live.
    fn totp_setup_secret(
        &self,
        id: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<Option<Vec<u8>>>> + Send;
    /// Turns the second factor on with the unconfirmed secret, if it is still live and is `secret`
    /// (the one the code was checked against), and records `step` as used; false if not.
    fn confirm_totp_setup(
        &self,
        id: UserId,
        secret: &[u8],
        step: i64,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Turns the second factor off (and forgets any unconfirmed secret).
    fn disable_totp(&self, id: UserId) -> impl Future<Output = StoreResult<()>> + Send;
    /// Records a TOTP step as used, atomically, only if it is newer than the last one used: of any
    /// number of concurrent requests with the same code, one gets true.
    fn record_totp_step(
        &self,
        id: UserId,
        step: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    fn set_roles(&self, id: UserId, roles: &Roles) -> impl Future<Output = StoreResult<()>> + Send;

    /// Stores a session under the hash of its token.
    fn create_session(
        &self,
        user_id: UserId,
        token_hash: &str,
        user_agent: &str,
        now: i64,
        expires_at: i64,
        second_factor_pending: bool,
    ) -> impl Future<Output = StoreResult<SessionId>> + Send;
    /// The live (not revoked, not expired) session for a token hash, with its person; marks it seen.
    fn session_by_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<Option<LiveSession>>> + Send;
    /// The person's live sessions, newest first.
    fn sessions_of(
        &self,
        user_id: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<Vec<Session>>> + Send;
    /// Ends a session of this person; false if there was none.
    fn revoke_session(
        &self,
        user_id: UserId,
        session_id: SessionId,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Ends every session of this person (after a password change or reset).
    fn revoke_all_sessions(
        &self,
        user_id: UserId,
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Replaces a live session of this person with a new, fully authenticated one under a new
    /// token, in one transaction (after the second factor, or when the second factor is turned on
    /// or off): whoever held the old token holds nothing. `None` if the old session was no longer
    /// live (a concurrent request rotated it first).
    fn rotate_session(
        &self,
        user_id: UserId,
        old: SessionId,
        new_token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> impl Future<Output = StoreResult<Option<SessionId>>> + Send;

    /// Stores a one-time link's token hash, and ends the person's other live links of the same
    /// purpose in the same transaction: only the newest link works.
    fn create_one_time_token(
        &self,
        user_id: UserId,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
        expires_at: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The person a live one-time token belongs to, without using it up.
    fn peek_one_time_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> impl Future<Output = StoreResult<Option<UserId>>> + Send;
    /// Uses a one-time token and sets the password in one transaction, which also ends the
    /// person's other links, sessions and API tokens; `None` if the token is unknown, used or
    /// expired. Of concurrent uses of one token, one succeeds.
    fn use_token_to_set_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<Option<UserId>>> + Send;
}
