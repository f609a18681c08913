//! Logging in and out, the second factor, the person's own page (sessions, password, TOTP), password
//! links, and inviting people. Every state change is a POST through the CSRF layer, and every
//! permission is checked here on the server.

use std::net::SocketAddr;

use ashyq_accounts::{
    Action, Role, Roles, check_totp_code, normalize_email, secret_for_display, totp_uri,
    validate_name, validate_password,
};
use ashyq_render::account_pages::{
    AccountView, InviteForm, LoginForm, PersonItem, SessionItem, TotpSetup, format_time,
    render_account_page, render_login_code_page, render_login_page, render_password_reset_page,
    render_password_set_page, render_people_page,
};
use ashyq_store::{NewUser, SessionId, Store, StoreError, TokenPurpose, User, UserId};
use axum::Extension;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::auth::cookies::{SESSION_COOKIE, cookie, set_cookie};
use crate::auth::csrf::CsrfToken;
use crate::auth::current_user::session_of;
use crate::auth::secrets::{
    dummy_hash, hash_password, hash_token, is_token, random_bytes, random_token, verify_password,
};
use crate::error::{WebError, safe_next};
use crate::reading::preferred_language;
use crate::state::{AppState, now};

/// How long a set-password link from an invitation lives (a reset link lives an hour).
pub const INVITATION_HOURS: i64 = 7 * 24;
const RESET_HOURS: i64 = 1;

/// Private pages must never be cached by a browser or a relay.
pub(crate) fn private_page(html: String) -> Response {
    ([(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], Html(html)).into_response()
}

/// Runs CPU-heavy password work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, WebError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| WebError::Internal(format!("password work failed: {error}")))
}

#[derive(Debug, Deserialize)]
pub(crate) struct NextQuery {
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

pub(crate) async fn login_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<NextQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let form = LoginForm {
        next: safe_next(query.next.as_deref().unwrap_or("/admin")).to_owned(),
        notice_id: (query.done.as_deref() == Some("password")).then_some("login-password-set"),
        ..LoginForm::default()
    };
    Ok(private_page(render_login_page(
        &state.catalog,
        preferred_language(&headers),
        &csrf.0,
        &form,
    )?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Starts a session: a random token in the cookie, its hash in the database.
async fn start_session<S: Store>(
    state: &AppState<S>,
    user: &User,
    headers: &HeaderMap,
    second_factor_pending: bool,
) -> Result<HeaderValue, WebError> {
    let token = random_token().map_err(|error| WebError::Internal(error.to_string()))?;
    let user_agent: String = headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let lifetime = state.auth.session_days * 24 * 3600;
    let now = now();
    state
        .store
        .create_session(
            user.id,
            &hash_token(&token),
            &user_agent,
            now,
            now + lifetime,
            second_factor_pending,
        )
        .await?;
    let value =
        set_cookie(SESSION_COOKIE, &token, "Lax", Some(lifetime), state.auth.secure_cookies);
    HeaderValue::from_str(&value).map_err(|error| WebError::Internal(error.to_string()))
}

fn address_key(address: &SocketAddr) -> String {
    format!("ip:{}", address.ip())
}

pub(crate) async fn login<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<LoginFields>,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    let email =
        normalize_email(&fields.email).unwrap_or_else(|_| fields.email.trim().to_lowercase());
    let account_key = format!("account:{email}");
    let address_key = address_key(&address);
    for (limiter, key) in
        [(&state.limiters.per_account, &account_key), (&state.limiters.per_address, &address_key)]
    {
        if let Some(wait) = limiter.check(key) {
            return Err(WebError::TooMany { retry_after: wait.as_secs(), ui_lang });
        }
    }

    let user = state.store.user_by_email(&email).await?.filter(|user| !user.disabled);
    let stored_hash = user.as_ref().and_then(|user| user.password_hash.clone());
    let password = fields.password.clone();
    // Unknown addresses are checked against a dummy hash so that both failures take as long.
    let verified = blocking(move || {
        let hash = stored_hash.as_deref().unwrap_or_else(|| dummy_hash());
        verify_password(&password, hash)
    })
    .await?;
    let Some(user) = user.filter(|user| verified && user.password_hash.is_some()) else {
        state.limiters.per_account.record(&account_key);
        state.limiters.per_address.record(&address_key);
        tracing::info!(%address, "failed login");
        let form = LoginForm {
            email: fields.email.clone(),
            next: safe_next(&fields.next).to_owned(),
            error_id: Some("login-failed"),
            notice_id: None,
        };
        let html = render_login_page(&state.catalog, ui_lang, &csrf.0, &form)?;
        return Ok((axum::http::StatusCode::UNAUTHORIZED, private_page(html)).into_response());
    };
    state.limiters.per_account.clear(&account_key);
    let pending = user.totp_secret.is_some();
    let cookie_value = start_session(&state, &user, &headers, pending).await?;
    tracing::info!(
        user = user.id.0,
        "logged in{}",
        if pending { ", awaiting the second factor" } else { "" }
    );
    let target = if pending {
        format!("/login/code?next={}", crate::error::percent_encode_query(safe_next(&fields.next)))
    } else {
        safe_next(&fields.next).to_owned()
    };
    Ok(([(header::SET_COOKIE, cookie_value)], Redirect::to(&target)).into_response())
}

pub(crate) async fn login_code_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<NextQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let next = safe_next(query.next.as_deref().unwrap_or("/admin")).to_owned();
    Ok(private_page(render_login_code_page(
        &state.catalog,
        preferred_language(&headers),
        &csrf.0,
        &next,
        None,
    )?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct CodeFields {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn login_code<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    request: axum::http::Request<axum::body::Body>,
) -> Result<Response, WebError> {
    let (parts, body) = request.into_parts();
    let ui_lang = preferred_language(&parts.headers);
    let bytes =
        axum::body::to_bytes(body, 64 * 1024).await.map_err(|_| WebError::PayloadTooLarge)?;
    let fields: CodeFields = serde_urlencoded::from_bytes(&bytes)
        .unwrap_or(CodeFields { code: String::new(), next: String::new() });
    let Some((session, user)) = session_of(&state, &parts).await? else {
        return Err(WebError::LoginRequired { next: safe_next(&fields.next).to_owned() });
    };
    if !session.second_factor_pending {
        return Ok(Redirect::to(safe_next(&fields.next)).into_response());
    }
    let account_key = format!("code:{}", user.id.0);
    for (limiter, key) in [
        (&state.limiters.per_account, &account_key),
        (&state.limiters.per_address, &address_key(&address)),
    ] {
        if let Some(wait) = limiter.check(key) {
            return Err(WebError::TooMany { retry_after: wait.as_secs(), ui_lang });
        }
    }
    let secret = user.totp_secret.clone().unwrap_or_default();
    let unix = u64::try_from(now()).unwrap_or_default();
    if check_totp_code(&secret, &fields.code, unix).unwrap_or(false) {
        state.store.complete_second_factor(session.id).await?;
        state.limiters.per_account.clear(&account_key);
        return Ok(Redirect::to(safe_next(&fields.next)).into_response());
    }
    state.limiters.per_account.record(&account_key);
    state.limiters.per_address.record(&address_key(&address));
    let html = render_login_code_page(
        &state.catalog,
        ui_lang,
        &csrf.0,
        safe_next(&fields.next),
        Some("login-code-failed"),
    )?;
    Ok((axum::http::StatusCode::UNAUTHORIZED, private_page(html)).into_response())
}

pub(crate) async fn logout<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE).filter(|token| is_token(token))
        && let Some((session, user)) =
            state.store.session_by_token(&hash_token(&token), now()).await?
    {
        state.store.revoke_session(user.id, session.id, now()).await?;
    }
    let clear = set_cookie(SESSION_COOKIE, "", "Lax", Some(0), state.auth.secure_cookies);
    let clear =
        HeaderValue::from_str(&clear).map_err(|error| WebError::Internal(error.to_string()))?;
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/")).into_response())
}

async fn account_view<S: Store>(
    state: &AppState<S>,
    user: &CurrentUser,
) -> Result<AccountView, WebError> {
    let sessions = state
        .store
        .sessions_of(user.user.id, now())
        .await?
        .into_iter()
        .map(|session| SessionItem {
            id: session.id.0,
            created: format_time(session.created_at),
            last_seen: format_time(session.last_seen_at),
            user_agent: if session.user_agent.is_empty() {
                "—".to_owned()
            } else {
                session.user_agent.clone()
            },
            current: session.id == user.session.id,
        })
        .collect();
    Ok(AccountView {
        name: user.user.name.clone(),
        email: user.user.email.clone(),
        roles: user.user.roles.iter().map(|role| role.code().to_owned()).collect(),
        sessions,
        totp_enabled: user.user.totp_secret.is_some(),
        ..AccountView::default()
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct NoticeQuery {
    #[serde(default)]
    notice: Option<String>,
}

/// Notices the account page can show after a redirect, by a short code in the query.
fn notice_id(code: Option<&str>) -> Option<&'static str> {
    match code? {
        "revoked" => Some("sessions-revoked"),
        "totp-on" => Some("totp-now-on"),
        "totp-off" => Some("totp-now-off"),
        "password" => Some("password-changed"),
        _ => None,
    }
}

pub(crate) async fn account_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<NoticeQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let mut view = account_view(&state, &user).await?;
    view.notice_id = notice_id(query.notice.as_deref());
    Ok(private_page(render_account_page(&state.catalog, user.ui_lang, &csrf.0, view)?))
}

pub(crate) async fn revoke_session<S: Store>(
    State(state): State<AppState<S>>,
    Path(session_id): Path<i64>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    // Only the person's own sessions: the store checks the owner.
    if !state.store.revoke_session(user.user.id, SessionId(session_id), now()).await? {
        return Err(WebError::NotFound { ui_lang: user.ui_lang });
    }
    Ok(Redirect::to("/account?notice=revoked").into_response())
}

pub(crate) async fn totp_setup_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let secret = random_bytes::<20>().map_err(|error| WebError::Internal(error.to_string()))?;
    let mut view = account_view(&state, &user).await?;
    view.totp_setup = Some(TotpSetup {
        secret_display: secret_for_display(&secret),
        secret_hex: hex::encode(secret),
        uri: totp_uri(&secret, "ashyq", &user.user.email),
    });
    Ok(private_page(render_account_page(&state.catalog, user.ui_lang, &csrf.0, view)?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct TotpFields {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
}

/// The 20-byte TOTP secret the setup form carried, as 40 hex digits.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 40 {
        return None;
    }
    hex::decode(text).ok()
}

pub(crate) async fn totp_enable<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    axum::Form(fields): axum::Form<TotpFields>,
) -> Result<Response, WebError> {
    let unix = u64::try_from(now()).unwrap_or_default();
    let secret = decode_hex(&fields.secret);
    match &secret {
        Some(secret) if check_totp_code(secret, &fields.code, unix).unwrap_or(false) => {
            state.store.set_totp_secret(user.user.id, Some(secret)).await?;
            tracing::info!(user = user.user.id.0, "second factor turned on");
            Ok(Redirect::to("/account?notice=totp-on").into_response())
        }
        _ => {
            let mut view = account_view(&state, &user).await?;
            view.error_id = Some("totp-wrong-code");
            if let Some(secret) = secret {
                view.totp_setup = Some(TotpSetup {
                    secret_display: secret_for_display(&secret),
                    secret_hex: fields.secret.clone(),
                    uri: totp_uri(&secret, "ashyq", &user.user.email),
                });
            }
            let html = render_account_page(&state.catalog, user.ui_lang, &csrf.0, view)?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, private_page(html)).into_response())
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct PasswordFields {
    #[serde(default)]
    password: String,
}

/// Checks the person's current password (for turning off the second factor and changing password).
async fn current_password_ok(user: &User, password: String) -> Result<bool, WebError> {
    let hash = user.password_hash.clone().unwrap_or_default();
    blocking(move || verify_password(&password, &hash)).await
}

async fn account_error<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    error_id: &'static str,
) -> Result<Response, WebError> {
    let mut view = account_view(state, user).await?;
    view.error_id = Some(error_id);
    let html = render_account_page(&state.catalog, user.ui_lang, &csrf.0, view)?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, private_page(html)).into_response())
}

pub(crate) async fn totp_disable<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    axum::Form(fields): axum::Form<PasswordFields>,
) -> Result<Response, WebError> {
    if !current_password_ok(&user.user, fields.password).await? {
        return account_error(&state, &csrf, &user, "password-wrong").await;
    }
    state.store.set_totp_secret(user.user.id, None).await?;
    tracing::info!(user = user.user.id.0, "second factor turned off");
    Ok(Redirect::to("/account?notice=totp-off").into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct ChangePasswordFields {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

pub(crate) async fn change_password<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    user: CurrentUser,
    axum::Form(fields): axum::Form<ChangePasswordFields>,
) -> Result<Response, WebError> {
    if !current_password_ok(&user.user, fields.current).await? {
        return account_error(&state, &csrf, &user, "password-wrong").await;
    }
    if validate_password(&fields.new).is_err() {
        return account_error(&state, &csrf, &user, "password-too-short").await;
    }
    let new = fields.new;
    let hash = blocking(move || hash_password(&new))
        .await?
        .map_err(|error| WebError::Internal(error.to_string()))?;
    state.store.set_password(user.user.id, &hash).await?;
    // Everyone who knew the old password is logged out; this browser gets a fresh session.
    state.store.revoke_all_sessions(user.user.id, now()).await?;
    let cookie_value = start_session(&state, &user.user, &headers, false).await?;
    Ok(([(header::SET_COOKIE, cookie_value)], Redirect::to("/account?notice=password"))
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenQuery {
    #[serde(default)]
    token: String,
}

pub(crate) async fn password_set_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<TokenQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    let live = is_token(&query.token)
        && state
            .store
            .peek_one_time_token(&hash_token(&query.token), TokenPurpose::SetPassword, now())
            .await?
            .is_some();
    let error = (!live).then(|| state.catalog.localizer(ui_lang).msg("password-link-invalid"));
    Ok(private_page(render_password_set_page(
        &state.catalog,
        ui_lang,
        &csrf.0,
        &query.token,
        error,
    )?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct SetPasswordFields {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

pub(crate) async fn password_set<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<SetPasswordFields>,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    let l10n = state.catalog.localizer(ui_lang);
    if let Err(error) = validate_password(&fields.password) {
        let message = match error {
            ashyq_accounts::AccountInputError::PasswordTooShort { .. } => {
                l10n.msg("password-too-short")
            }
            other => other.to_string(),
        };
        let html = render_password_set_page(
            &state.catalog,
            ui_lang,
            &csrf.0,
            &fields.token,
            Some(message),
        )?;
        return Ok(
            (axum::http::StatusCode::UNPROCESSABLE_ENTITY, private_page(html)).into_response()
        );
    }
    let password = fields.password.clone();
    let hash = blocking(move || hash_password(&password))
        .await?
        .map_err(|error| WebError::Internal(error.to_string()))?;
    let used = if is_token(&fields.token) {
        state.store.use_token_to_set_password(&hash_token(&fields.token), &hash, now()).await?
    } else {
        None
    };
    match used {
        Some(user) => {
            tracing::info!(user = user.0, "password set through a one-time link");
            Ok(Redirect::to("/login?done=password").into_response())
        }
        None => {
            let html = render_password_set_page(
                &state.catalog,
                ui_lang,
                &csrf.0,
                &fields.token,
                Some(l10n.msg("password-link-invalid")),
            )?;
            Ok((axum::http::StatusCode::GONE, private_page(html)).into_response())
        }
    }
}

pub(crate) async fn password_reset_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    Ok(private_page(render_password_reset_page(
        &state.catalog,
        preferred_language(&headers),
        &csrf.0,
        false,
    )?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ResetFields {
    #[serde(default)]
    email: String,
}

/// Creates a one-time set-password link for a person and returns it.
pub async fn create_password_link<S: Store>(
    store: &S,
    public_url: &str,
    user: UserId,
    hours: i64,
) -> Result<String, WebError> {
    let token = random_token().map_err(|error| WebError::Internal(error.to_string()))?;
    let now = now();
    store
        .create_one_time_token(
            user,
            &hash_token(&token),
            TokenPurpose::SetPassword,
            now,
            now + hours * 3600,
        )
        .await?;
    Ok(format!("{}/password/set?token={token}", public_url.trim_end_matches('/')))
}

pub(crate) async fn password_reset<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<ResetFields>,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    let key = address_key(&address);
    if let Some(wait) = state.limiters.per_address.check(&key) {
        return Err(WebError::TooMany { retry_after: wait.as_secs(), ui_lang });
    }
    state.limiters.per_address.record(&key);
    if let Ok(email) = normalize_email(&fields.email)
        && let Some(user) = state.store.user_by_email(&email).await?.filter(|user| !user.disabled)
    {
        let link = create_password_link(&state.store, &state.auth.public_url, user.id, RESET_HOURS)
            .await?;
        match &state.mail {
            Some(mailer) => {
                let l10n = state.catalog.localizer(ui_lang);
                let body = format!(
                    "{}\n\n{link}\n\n{}\n",
                    l10n.msg("mail-reset-intro"),
                    l10n.msg("mail-reset-why")
                );
                mailer.send_later(&user.email, &l10n.msg("password-reset-title"), body);
                tracing::info!(user = user.id.0, "password reset link sent by mail");
            }
            // No mail server: the link goes to the operator's log, who passes it on.
            None => tracing::info!(
                user = user.id.0,
                %link,
                "password reset requested; no mail server configured, send this link to the person"
            ),
        }
    }
    // The same answer whether or not the address has an account: no enumeration.
    Ok(private_page(render_password_reset_page(&state.catalog, ui_lang, &csrf.0, true)?))
}

fn person_item(user: &User, role_names: &dyn Fn(&Roles) -> String) -> PersonItem {
    PersonItem {
        name: user.name.clone(),
        email: user.email.clone(),
        roles: role_names(&user.roles),
        active: user.password_hash.is_some(),
        second_factor: user.totp_secret.is_some(),
    }
}

async fn people_page_with<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    invite: InviteForm,
) -> Result<String, WebError> {
    let l10n = state.catalog.localizer(user.ui_lang);
    let role_names = |roles: &Roles| {
        roles
            .iter()
            .map(|role| l10n.msg(&format!("role-{}", role.code())))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let people =
        state.store.users().await?.iter().map(|person| person_item(person, &role_names)).collect();
    Ok(render_people_page(&state.catalog, user.ui_lang, user.staff_nav(csrf), people, invite)?)
}

pub(crate) async fn people_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::ManagePeople)?;
    Ok(private_page(people_page_with(&state, &csrf, &user, InviteForm::default()).await?))
}

pub(crate) async fn invite<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    user.require(Action::ManagePeople)?;
    // Checkboxes repeat the `role` key, which a struct cannot hold; read the pairs.
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let value = |key: &str| {
        pairs
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let roles: Vec<Role> = pairs
        .iter()
        .filter(|(key, _)| key == "role")
        .filter_map(|(_, code)| Role::from_code(code))
        .collect();
    let mut form = InviteForm {
        email: value("email"),
        name: value("name"),
        roles: roles.iter().map(|role| role.code().to_owned()).collect(),
        ..InviteForm::default()
    };
    let l10n = state.catalog.localizer(user.ui_lang);
    let email = normalize_email(&form.email);
    let name = validate_name(&form.name);
    form.error = match (&email, &name) {
        (Err(_), _) => Some(l10n.msg("invite-bad-email")),
        (_, Err(_)) => Some(l10n.msg("invite-bad-name")),
        _ if roles.is_empty() => Some(l10n.msg("invite-no-role")),
        _ => None,
    };
    if form.error.is_none()
        && let (Ok(email), Ok(name)) = (email, name)
    {
        let new_user = NewUser { email, name, roles: Roles::new(roles), password_hash: None };
        match state.store.create_user(&new_user, now()).await {
            Ok(id) => {
                let link = create_password_link(
                    &state.store,
                    &state.auth.public_url,
                    id,
                    INVITATION_HOURS,
                )
                .await?;
                tracing::info!(invited = id.0, by = user.user.id.0, "person invited");
                form = InviteForm { link: Some(link), ..InviteForm::default() };
            }
            Err(StoreError::Conflict { constraint }) if constraint == "users_email_key" => {
                form.error = Some(l10n.msg("invite-taken"));
            }
            Err(other) => return Err(other.into()),
        }
    }
    let status = if form.error.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    Ok((status, private_page(people_page_with(&state, &csrf, &user, form).await?)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenFields {
    #[serde(default)]
    label: String,
}

/// Creates a personal API token: shown once, stored only as a hash, listed and revocable with the
/// person's sessions, valid for a year.
pub(crate) async fn create_token<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    axum::Form(fields): axum::Form<TokenFields>,
) -> Result<Response, WebError> {
    let label: String = fields.label.trim().chars().filter(|c| !c.is_control()).take(60).collect();
    let label = if label.is_empty() { "API".to_owned() } else { label };
    let token = random_token().map_err(|error| WebError::Internal(error.to_string()))?;
    let now = now();
    state
        .store
        .create_session(
            user.user.id,
            &hash_token(&token),
            &format!("API token: {label}"),
            now,
            now + 365 * 24 * 3600,
            false,
        )
        .await?;
    tracing::info!(user = user.user.id.0, "API token created");
    let mut view = account_view(&state, &user).await?;
    view.new_token = Some(token);
    Ok(private_page(render_account_page(&state.catalog, user.ui_lang, &csrf.0, view)?))
}
