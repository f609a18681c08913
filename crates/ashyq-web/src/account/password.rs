//! Password links: set a password from an invitation or a reset link, and ask for a reset.

use super::*;

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
        &state.site(),
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

/// Sets a password from a one-time link. Everything cheap comes first (the per-address limit, the
/// link itself, the password rules), so a bogus link costs a database lookup and never a hash; the
/// hash runs on the bounded Argon2 workers.
pub(crate) async fn password_set<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    address: ClientAddress,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<SetPasswordFields>,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    let l10n = state.catalog.localizer(ui_lang);
    reserve_password_link(&state, &address, ui_lang).await?;
    let page = |status: axum::http::StatusCode, message: String| -> Result<Response, WebError> {
        let html = render_password_set_page(
            &state.site(),
            ui_lang,
            &csrf.0,
            &fields.token,
            Some(message),
        )?;
        Ok((status, private_page(html)).into_response())
    };
    let token_hash = hash_token(&fields.token);
    let live = is_token(&fields.token)
        && state
            .store
            .peek_one_time_token(&token_hash, TokenPurpose::SetPassword, now())
            .await?
            .is_some();
    if !live {
        tracing::info!(%address, "a password link that is not live was posted");
        return page(axum::http::StatusCode::GONE, l10n.msg("password-link-invalid"));
    }
    if let Err(error) = validate_password(&fields.password) {
        let message = match error {
            ashyq_accounts::AccountInputError::PasswordTooShort { .. } => {
                l10n.msg("password-too-short")
            }
            other => other.to_string(),
        };
        return page(axum::http::StatusCode::UNPROCESSABLE_ENTITY, message);
    }
    let password = fields.password.clone();
    let hash = password_work(ui_lang, move || hash_password(&password))
        .await?
        .map_err(|error| WebError::Internal(error.to_string()))?;
    // Still one use only: the store checks the link again as it uses it.
    match state.store.use_token_to_set_password(&token_hash, &hash, now()).await? {
        Some(user) => {
            tracing::info!(user = user.0, "password set through a one-time link");
            Ok(Redirect::to("/login?done=password").into_response())
        }
        None => page(axum::http::StatusCode::GONE, l10n.msg("password-link-invalid")),
    }
}

pub(crate) async fn password_reset_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    Ok(private_page(render_password_reset_page(
        &state.site(),
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

/// Counts one post to a password-link form from `address` (10 in 15 minutes, every server
/// together), before any other work: 429 past the limit. Never refunded: every post costs a look-up
/// or a link.
async fn reserve_password_link<S: Store>(
    state: &AppState<S>,
    address: &ClientAddress,
    ui_lang: &'static str,
) -> Result<(), WebError> {
    let rule = state.limits.rule(
        LimitKind::PasswordLinks,
        &[&address.limit_key()],
        crate::state::PASSWORD_LINKS_PER_ADDRESS,
        crate::auth::login_limits::LOGIN_WINDOW,
    );
    let _counted = state.limits.reserve(&state.store, &[rule], ui_lang).await?;
    Ok(())
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

/// Asks for a reset link. The answer is the same page, after the same work, whether or not the
/// address has an account: the lookup, the new link and the mail happen in [`send_reset_link`],
/// in the background, after answering, so neither the words nor the time tell them apart.
pub(crate) async fn password_reset<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    address: ClientAddress,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<ResetFields>,
) -> Result<Response, WebError> {
    let ui_lang = preferred_language(&headers);
    reserve_password_link(&state, &address, ui_lang).await?;
    tokio::spawn(send_reset_link(state.clone(), fields.email, ui_lang));
    Ok(private_page(render_password_reset_page(&state.site(), ui_lang, &csrf.0, true)?))
}

/// Creates a reset link for `email` if it belongs to an account that may log in, and mails it (or,
/// without a mail server, logs it for the operator). Runs after the answer; failures are logged.
pub(crate) async fn send_reset_link<S: Store>(
    state: AppState<S>,
    email: String,
    ui_lang: &'static str,
) {
    let Ok(email) = normalize_email(&email) else { return };
    let user = match state.store.user_by_email(&email).await {
        Ok(Some(user)) if !user.disabled => user,
        Ok(_) => return,
        Err(error) => {
            tracing::error!(%error, "password reset: looking up the account failed");
            return;
        }
    };
    let link = match create_password_link(
        &state.store,
        &state.auth.public_url,
        user.id,
        RESET_HOURS,
    )
    .await
    {
        Ok(link) => link,
        Err(error) => {
            tracing::error!(?error, user = user.id.0, "password reset: creating the link failed");
            return;
        }
    };
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
