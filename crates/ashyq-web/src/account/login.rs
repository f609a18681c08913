//! Logging in (password, then the second factor) and out.

use super::*;

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
        &state.site(),
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

/// How long a password-only session may wait for its second factor.
const PENDING_SECOND_FACTOR_MINUTES: i64 = 10;

/// The `Set-Cookie` value for a session token.
fn session_cookie<S: Store>(
    state: &AppState<S>,
    token: &str,
    lifetime: i64,
) -> Result<HeaderValue, WebError> {
    let value = set_cookie(SESSION_COOKIE, token, "Lax", Some(lifetime), state.auth.secure_cookies);
    HeaderValue::from_str(&value).map_err(|error| WebError::Internal(error.to_string()))
}

/// Starts a session: a random token in the cookie, its hash in the database.
pub(super) async fn start_session<S: Store>(
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
    // A session waiting for the second factor is good for nothing else, and only briefly.
    let lifetime = if second_factor_pending {
        PENDING_SECOND_FACTOR_MINUTES * 60
    } else {
        state.auth.session_days * 24 * 3600
    };
    let now = now();
    // The browser's previous session, if it sent one, ends: logging in again rotates the session
    // rather than leaving the old token alive beside the new one.
    if let Some(old_token) = cookie(headers, SESSION_COOKIE).filter(|token| is_token(token))
        && let Some(ashyq_store::LiveSession { session: old, user: owner }) =
            state.store.session_by_token(&hash_token(&old_token), now).await?
    {
        state.store.revoke_session(owner.id, old.id, now).await?;
    }
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
    session_cookie(state, &token, lifetime)
}

/// Replaces the request's session with a fully authenticated one under a new token (a privilege
/// change: the second factor given, or turned on or off). `None` if the old session had already
/// ended, for instance because a concurrent request rotated it first.
pub(super) async fn rotate_session<S: Store>(
    state: &AppState<S>,
    user: &User,
    old: &Session,
) -> Result<Option<HeaderValue>, WebError> {
    let token = random_token().map_err(|error| WebError::Internal(error.to_string()))?;
    let lifetime = state.auth.session_days * 24 * 3600;
    let now = now();
    let rotated = state
        .store
        .rotate_session(user.id, old.id, &hash_token(&token), now, now + lifetime)
        .await?;
    match rotated {
        Some(_) => Ok(Some(session_cookie(state, &token, lifetime)?)),
        None => Ok(None),
    }
}

/// Adds `Set-Cookie` headers to a response (appended: a header array would keep only the last).
pub(super) fn with_cookies(
    mut response: Response,
    cookies: impl IntoIterator<Item = HeaderValue>,
) -> Response {
    for value in cookies {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The per-address limit key of the client (see `client_address`).
pub(super) fn address_key(address: &ClientAddress) -> String {
    address.limit_key()
}

/// Checks a password: the attempt is reserved in every login limit first (429 when one is
/// reached, also for concurrent attempts), then the account is read and the password verified on
/// the bounded Argon2 workers (503 when they are saturated; the attempt is refunded).
pub(crate) async fn login<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    address: ClientAddress,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<LoginFields>,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    // Where to go afterwards is checked before anything else: a `next` that is not a path on this
    // site is refused, not logged in with.
    let next = if fields.next.is_empty() { "/admin" } else { fields.next.as_str() };
    let Some(next) = local_path(next) else {
        tracing::info!(%address, "login refused: `next` is not a local path");
        return Err(WebError::BadRequest);
    };
    let email =
        normalize_email(&fields.email).unwrap_or_else(|_| fields.email.trim().to_lowercase());
    let address_key = address_key(&address);
    let attempt = reserve_login(&state.limits, &state.store, &email, &address_key, ui_lang).await?;

    // A place on the Argon2 queue before the account is read: when the workers are saturated the
    // answer is 503 at once, without a database query, and the attempt does not count.
    let ticket = match password_ticket(ui_lang) {
        Ok(ticket) => ticket,
        Err(error) => {
            attempt.refund(&state.store).await?;
            return Err(error);
        }
    };
    let user = state.store.user_by_email(&email).await?.filter(|user| !user.disabled);
    let stored_hash = user.as_ref().and_then(|user| user.password_hash.clone());
    let password = fields.password.clone();
    // Unknown addresses are checked against a dummy hash so that both failures take as long.
    let verified = match ticket
        .run(move || {
            let hash = stored_hash.as_deref().unwrap_or_else(|| dummy_hash());
            verify_password(&password, hash)
        })
        .await
    {
        Ok(verified) => verified,
        Err(error) => {
            attempt.refund(&state.store).await?;
            return Err(password_work_error(error, ui_lang));
        }
    };
    let Some(user) = user.filter(|user| verified && user.password_hash.is_some()) else {
        // The reserved attempt stays counted: it is the failure.
        attempt.failed();
        tracing::info!(%address, "failed login");
        let form = LoginForm {
            email: fields.email.clone(),
            next: next.to_owned(),
            error_id: Some("login-failed"),
            notice_id: None,
        };
        let html = render_login_page(&state.site(), ui_lang, &csrf.0, &form)?;
        return Ok((axum::http::StatusCode::UNAUTHORIZED, private_page(html)).into_response());
    };
    attempt.succeeded(&state.store).await?;
    let pending = user.totp_secret.is_some();
    let cookie_value = start_session(&state, &user, &headers, pending).await?;
    tracing::info!(
        user = user.id.0,
        "logged in{}",
        if pending { ", awaiting the second factor" } else { "" }
    );
    let target = if pending {
        format!("/login/code?next={}", crate::error::percent_encode_query(next))
    } else {
        next.to_owned()
    };
    // A new form token too: one seen or planted before login is worth nothing after it.
    let csrf_cookie = fresh_csrf_cookie(state.auth.secure_cookies)?;
    Ok(with_cookies(Redirect::to(&target).into_response(), [cookie_value, csrf_cookie]))
}

pub(crate) async fn login_code_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<NextQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let next = safe_next(query.next.as_deref().unwrap_or("/admin")).to_owned();
    Ok(private_page(render_login_code_page(
        &state.site(),
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
    address: ClientAddress,
    request: axum::http::Request<axum::body::Body>,
) -> Result<Response, WebError> {
    let (parts, body) = request.into_parts();
    let ui_lang = preferred_language(&parts.headers);
    let bytes =
        axum::body::to_bytes(body, 64 * 1024).await.map_err(|_| WebError::PayloadTooLarge)?;
    let fields: CodeFields = serde_urlencoded::from_bytes(&bytes)
        .unwrap_or(CodeFields { code: String::new(), next: String::new() });
    let Some(ashyq_store::LiveSession { session, user }) = session_of(&state, &parts).await? else {
        return Err(WebError::LoginRequired { next: safe_next(&fields.next).to_owned() });
    };
    if !session.second_factor_pending {
        return Ok(Redirect::to(safe_next(&fields.next)).into_response());
    }
    // Reserved before the code is checked, in one step: of a burst of wrong codes, only the
    // limit's worth is checked at all.
    let attempt =
        reserve_code(&state.limits, &state.store, user.id, &address_key(&address), ui_lang).await?;
    let secret = user.totp_secret.clone().unwrap_or_default();
    let unix = u64::try_from(now()).unwrap_or_default();
    let last_step = u64::try_from(user.totp_last_step).unwrap_or_default();
    let step = verify_totp_code(&secret, &fields.code, unix, last_step).unwrap_or(None);
    // The step is recorded in one conditional update: of concurrent requests with the same code
    // (or a code seen over someone's shoulder), only one gets through.
    let accepted = match step.and_then(|step| i64::try_from(step).ok()) {
        Some(step) => state.store.record_totp_step(user.id, step).await?,
        None => false,
    };
    if accepted {
        attempt.succeeded(&state.store).await?;
        // The pending session's token is replaced, not upgraded: whoever saw it gains nothing.
        let Some(session_cookie) = rotate_session(&state, &user, &session).await? else {
            return Err(WebError::LoginRequired { next: safe_next(&fields.next).to_owned() });
        };
        tracing::info!(user = user.id.0, "second factor given; session rotated");
        let csrf_cookie = fresh_csrf_cookie(state.auth.secure_cookies)?;
        let response = Redirect::to(safe_next(&fields.next)).into_response();
        return Ok(with_cookies(response, [session_cookie, csrf_cookie]));
    }
    attempt.failed();
    let html = render_login_code_page(
        &state.site(),
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
        && let Some(ashyq_store::LiveSession { session, user }) =
            state.store.session_by_token(&hash_token(&token), now()).await?
    {
        state.store.revoke_session(user.id, session.id, now()).await?;
    }
    let clear = set_cookie(SESSION_COOKIE, "", "Lax", Some(0), state.auth.secure_cookies);
    let clear =
        HeaderValue::from_str(&clear).map_err(|error| WebError::Internal(error.to_string()))?;
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/")).into_response())
}
