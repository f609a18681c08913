//! Personal API tokens.

use super::*;

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
