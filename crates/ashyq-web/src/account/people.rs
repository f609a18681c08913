//! People: the administrators' list and invitations.

use super::*;

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
    Ok(render_people_page(&state.site(), user.ui_lang, user.staff_nav(csrf), people, invite)?)
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
            Err(StoreError::Conflict { constraint: ashyq_store::Constraint::UserEmail }) => {
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
