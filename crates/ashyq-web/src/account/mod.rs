//! Accounts: logging in and out, the second factor, the person's own page, password links,
//! people, and API tokens, one module each. Every state change is a POST through the CSRF layer, and every
//! permission is checked here on the server.

mod login;
mod own;
mod password;
mod people;
mod tokens;

use ashyq_accounts::{
    Action, ApiScope, Role, Roles, normalize_email, secret_for_display, totp_uri, validate_name,
    validate_password, verify_totp_code,
};
use ashyq_render::account_pages::{
    AccountView, ApiTokenItem, InviteForm, LoginForm, PersonItem, SessionItem, TotpSetup,
    format_time, render_account_page, render_login_code_page, render_login_page,
    render_password_reset_page, render_password_set_page, render_people_page,
};
use ashyq_store::{
    ApiTokenId, NewApiToken, NewUser, Session, SessionId, Store, StoreError, TokenPurpose, User,
    UserId,
};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::auth::cookies::{SESSION_COOKIE, cookie, set_cookie};
use crate::auth::csrf::{CsrfToken, fresh_csrf_cookie};
use crate::auth::current_user::session_of;
use crate::auth::limits::LimitKind;
use crate::auth::login_limits::{reserve_code, reserve_login};
use crate::auth::password_work::{PasswordWork, PasswordWorkError, Ticket};
use crate::auth::secrets::{
    dummy_hash, hash_password, hash_token, is_token, random_api_token, random_bytes, random_token,
    verify_password,
};
use crate::client_address::ClientAddress;
use crate::error::{WebError, local_path, safe_next};
use crate::reading::preferred_language;
use crate::state::{AppState, now};

/// How long a set-password link from an invitation lives (a reset link lives an hour).
pub const INVITATION_HOURS: i64 = 7 * 24;
const RESET_HOURS: i64 = 1;

/// Private pages must never be cached by a browser or a relay.
pub(crate) fn private_page(html: String) -> Response {
    ([(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], Html(html)).into_response()
}

/// Seconds a client told "busy" is asked to wait (the queue drains in well under that).
const BUSY_RETRY_SECONDS: u64 = 2;

/// Runs CPU-heavy password work off the async threads, bounded by [`PasswordWork::shared`]: when
/// too much is running and waiting, refuses at once with a 503 in `ui_lang`.
async fn password_work<T: Send + 'static>(
    ui_lang: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, WebError> {
    PasswordWork::shared().run(work).await.map_err(|error| password_work_error(error, ui_lang))
}

/// A place on the Argon2 workers' queue, taken before the work that leads up to the hash.
fn password_ticket(ui_lang: &'static str) -> Result<Ticket<'static>, WebError> {
    PasswordWork::shared().admit().map_err(|error| password_work_error(error, ui_lang))
}

fn password_work_error(error: PasswordWorkError, ui_lang: &'static str) -> WebError {
    match error {
        PasswordWorkError::Busy => {
            tracing::warn!("password work refused: all workers busy and the queue full");
            WebError::Busy { retry_after: BUSY_RETRY_SECONDS, ui_lang }
        }
        PasswordWorkError::Failed(message) => WebError::Internal(message),
    }
}

/// [`password_work`] for pages that answer in English.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, WebError> {
    password_work("en", work).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct NextQuery {
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

pub(crate) use login::*;
pub(crate) use own::*;
pub use password::create_password_link;
pub(crate) use password::*;
pub(crate) use people::*;
pub use tokens::API_TOKEN_DAYS;
pub(crate) use tokens::*;
