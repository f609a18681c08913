//! The person's own page: sessions, API tokens, the second factor, their password.

use super::*;

pub(super) async fn account_view<S: Store>(
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
    let api_tokens = state
        .store
        .api_tokens_of(user.user.id, now())
        .await?
        .into_iter()
        .map(|token| ApiTokenItem {
            id: token.id.0,
            name: token.name,
            scopes: ApiScope::join(&token.scopes),
            created: format_time(token.created_at),
            last_used: token.last_used_at.map(format_time),
            expires: format_time(token.expires_at),
        })
        .collect();
    Ok(AccountView {
        name: user.user.name.clone(),
        email: user.user.email.clone(),
        roles: user.user.roles.iter().map(|role| role.code().to_owned()).collect(),
        sessions,
        api_tokens,
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
        "token-revoked" => Some("api-token-revoked"),
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
    Ok(private_page(render_account_page(
        &state.site(),
        user.ui_lang,
        &csrf.0,
        view,
        API_TOKEN_DAYS,
    )?))
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

/// How long a secret the server generated waits for the code that confirms it.
const TOTP_SETUP_MINUTES: i64 = 15;

/// What the setup form shows of a secret: for typing into an app, and as a link to import.
fn totp_setup(secret: &[u8], email: &str) -> TotpSetup {
    TotpSetup { secret_display: secret_for_display(secret), uri: totp_uri(secret, "ashyq", email) }
}

/// Starts setting up the second factor: the server generates the secret and keeps it until a code
/// confirms it; the browser only ever sees it to show it.
pub(crate) async fn totp_setup_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    if user.user.totp_secret.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let secret = random_bytes::<20>().map_err(|error| WebError::Internal(error.to_string()))?;
    state.store.begin_totp_setup(user.user.id, &secret, now() + TOTP_SETUP_MINUTES * 60).await?;
    let mut view = account_view(&state, &user).await?;
    view.totp_setup = Some(totp_setup(&secret, &user.user.email));
    Ok(private_page(render_account_page(
        &state.site(),
        user.ui_lang,
        &csrf.0,
        view,
        API_TOKEN_DAYS,
    )?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct TotpFields {
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

/// Turns the second factor on: the current password, and a code from the secret the server keeps.
/// Any secret the form might carry is ignored.
pub(crate) async fn totp_enable<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    axum::Form(fields): axum::Form<TotpFields>,
) -> Result<Response, WebError> {
    if user.user.totp_secret.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let Some(secret) = state.store.totp_setup_secret(user.user.id, now()).await? else {
        return account_error(&state, &csrf, &user, "totp-setup-expired").await;
    };
    let refuse = async |error_id: &'static str| -> Result<Response, WebError> {
        let mut view = account_view(&state, &user).await?;
        view.error_id = Some(error_id);
        view.totp_setup = Some(totp_setup(&secret, &user.user.email));
        let html = render_account_page(&state.site(), user.ui_lang, &csrf.0, view, API_TOKEN_DAYS)?;
        Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, private_page(html)).into_response())
    };
    if !current_password_ok(&user.user, fields.password).await? {
        return refuse("password-wrong").await;
    }
    let unix = u64::try_from(now()).unwrap_or_default();
    let step = verify_totp_code(&secret, &fields.code, unix, 0).unwrap_or(None);
    let confirmed = match step.and_then(|step| i64::try_from(step).ok()) {
        Some(step) => state.store.confirm_totp_setup(user.user.id, &secret, step, now()).await?,
        None => false,
    };
    if !confirmed {
        return refuse("totp-wrong-code").await;
    }
    tracing::info!(user = user.user.id.0, "second factor turned on");
    let response = Redirect::to("/account?notice=totp-on").into_response();
    // A privilege change: the session continues under a new token.
    Ok(with_cookies(response, rotate_session(&state, &user.user, &user.session).await?))
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
    let html = render_account_page(&state.site(), user.ui_lang, &csrf.0, view, API_TOKEN_DAYS)?;
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
    state.store.disable_totp(user.user.id).await?;
    tracing::info!(user = user.user.id.0, "second factor turned off");
    let response = Redirect::to("/account?notice=totp-off").into_response();
    Ok(with_cookies(response, rotate_session(&state, &user.user, &user.session).await?))
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
    // Everyone who knew the old password is logged out, and the API tokens made with it end;
    // this browser gets a fresh session.
    state.store.revoke_all_sessions(user.user.id, now()).await?;
    state.store.revoke_all_api_tokens(user.user.id, now()).await?;
    let cookie_value = start_session(&state, &user.user, &headers, false).await?;
    Ok(([(header::SET_COOKIE, cookie_value)], Redirect::to("/account?notice=password"))
        .into_response())
}
