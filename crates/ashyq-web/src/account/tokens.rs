//! Personal API tokens: created and revoked on the account page, kept in their own table (never as
//! sessions), each with a name, scopes and an expiry.

use super::*;

/// How long a personal API token lives. Shown on the account page; a person makes a new one when it
/// runs out, so a token forgotten in some integration does not work for ever.
pub const API_TOKEN_DAYS: i64 = 90;

#[derive(Debug, Deserialize)]
pub(crate) struct TokenFields {
    #[serde(default)]
    label: String,
    /// `read` (the default) or `write`.
    #[serde(default)]
    access: String,
}

/// The scopes a form's access choice grants: reading unless writing was chosen.
fn scopes_for(access: &str) -> &'static [ApiScope] {
    match access {
        "write" => &[ApiScope::ModerationRead, ApiScope::ModerationWrite],
        _ => &[ApiScope::ModerationRead],
    }
}

/// Creates a personal API token: shown once, stored only as a hash.
pub(crate) async fn create_token<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    axum::Form(fields): axum::Form<TokenFields>,
) -> Result<Response, WebError> {
    let name: String = fields.label.trim().chars().filter(|c| !c.is_control()).take(60).collect();
    let name = if name.is_empty() { "API".to_owned() } else { name };
    let token = random_api_token().map_err(|error| WebError::Internal(error.to_string()))?;
    let now = now();
    let scopes = scopes_for(&fields.access);
    state
        .store
        .create_api_token(&NewApiToken {
            user_id: user.user.id,
            token_hash: &hash_token(&token),
            name: &name,
            scopes,
            now,
            expires_at: now + API_TOKEN_DAYS * 24 * 3600,
        })
        .await?;
    tracing::info!(user = user.user.id.0, scopes = %ApiScope::join(scopes), "API token created");
    let mut view = account_view(&state, &user).await?;
    view.new_token = Some(token);
    Ok(private_page(render_account_page(
        &state.site(),
        user.ui_lang,
        &csrf.0,
        view,
        API_TOKEN_DAYS,
    )?))
}

/// Revokes one of the person's own tokens.
pub(crate) async fn revoke_token<S: Store>(
    State(state): State<AppState<S>>,
    Path(token_id): Path<i64>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    // Only the person's own tokens: the store checks the owner.
    if !state.store.revoke_api_token(user.user.id, ApiTokenId(token_id), now()).await? {
        return Err(WebError::NotFound { ui_lang: user.ui_lang });
    }
    tracing::info!(user = user.user.id.0, token = token_id, "API token revoked");
    Ok(Redirect::to("/account?notice=token-revoked").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_explicit_choice_grants_writing() {
        assert_eq!(scopes_for("read"), [ApiScope::ModerationRead]);
        assert_eq!(scopes_for(""), [ApiScope::ModerationRead]);
        assert_eq!(scopes_for("admin"), [ApiScope::ModerationRead]);
        assert_eq!(scopes_for("write"), [ApiScope::ModerationRead, ApiScope::ModerationWrite]);
    }
}
