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
