//! A commenter's own comment while it waits for a moderator (edit, withdraw), and confirming an
//! address for reply notices through the mailed link.

use super::submit::prepare_comment;
use super::*;

/// An own pending comment, or 404.
async fn own_comment<S: Store>(
    state: &AppState<S>,
    headers: &HeaderMap,
    id: i64,
) -> Result<(ashyq_store::QueuedComment, String), WebError> {
    let ui_lang = crate::reading::preferred_language(headers);
    let token_hash = commenter_token(headers)
        .map(|token| hash_token(&token))
        .ok_or(WebError::NotFound { ui_lang })?;
    let comment = state
        .store
        .own_pending_comment(CommentId(id), &token_hash)
        .await?
        .ok_or(WebError::NotFound { ui_lang })?;
    Ok((comment, token_hash))
}

pub(crate) async fn edit_page<S: Store>(
    State(state): State<AppState<S>>,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (comment, _) = own_comment(&state, &headers, id).await?;
    let target = state
        .store
        .comment_target(&comment.article_slug)
        .await?
        .ok_or(WebError::NotFound { ui_lang: "en" })?;
    let html = ashyq_render::comment_pages::render_comment_edit_page(
        &state.site(),
        &target.lang,
        &csrf.0,
        id,
        &comment.article_title,
        &ashyq_render::urls::article(&target.slug),
        &comment.author_name,
        &comment.body,
        &[],
    )?;
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::response::Html(html)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct EditFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    body: String,
}

pub(crate) async fn edit<S: Store>(
    State(state): State<AppState<S>>,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<EditFields>,
) -> Result<Response, WebError> {
    let (comment, token_hash) = own_comment(&state, &headers, id).await?;
    let target = state
        .store
        .comment_target(&comment.article_slug)
        .await?
        .ok_or(WebError::NotFound { ui_lang: "en" })?;
    let draft =
        CommentDraft { name: fields.name.clone(), email: String::new(), body: fields.body.clone() };
    let valid = match validate_comment(&draft, &state.comments.limits) {
        Ok(valid) => valid,
        Err(errors) => {
            let l10n = state.catalog.localizer(&target.lang);
            let messages: Vec<(String, String)> = errors
                .iter()
                .map(|error| (error.field.to_owned(), l10n.msg(error.message_id)))
                .collect();
            let html = ashyq_render::comment_pages::render_comment_edit_page(
                &state.site(),
                &target.lang,
                &csrf.0,
                id,
                &comment.article_title,
                &ashyq_render::urls::article(&target.slug),
                &fields.name,
                &fields.body,
                &messages,
            )?;
            return Ok(
                (StatusCode::UNPROCESSABLE_ENTITY, axum::response::Html(html)).into_response()
            );
        }
    };
    let parts = CommentParts {
        parent_id: comment.parent_id,
        author_name: valid.name,
        body: valid.body,
        address_hash: comment.address_hash.clone(),
        commenter_token_hash: token_hash.clone(),
        ..CommentParts::default()
    };
    let replacement = prepare_comment(&state, &target, None, parts).await?;
    if !state.store.edit_own_comment(CommentId(id), &token_hash, &replacement).await? {
        return Err(WebError::NotFound { ui_lang: "en" });
    }
    state
        .comments
        .recent
        .replace(&Keys::of(&replacement), RecentComment::committed(CommentId(id), &replacement));
    Ok(Redirect::to(&ashyq_render::urls::comment(&target.slug, id)).into_response())
}

pub(crate) async fn withdraw<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (comment, token_hash) = own_comment(&state, &headers, id).await?;
    state.store.withdraw_own_comment(CommentId(id), &token_hash, now()).await?;
    Ok(Redirect::to(&format!("{}#comments", ashyq_render::urls::article(&comment.article_slug)))
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct ConfirmLink {
    #[serde(default)]
    token: String,
}

/// The page a mailed confirmation link opens: one button, or word that the link no longer works.
pub(crate) async fn confirm_page<S: Store>(
    State(state): State<AppState<S>>,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Query(link): Query<ConfirmLink>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let fallback = crate::reading::preferred_language(&headers);
    let found = match is_token(&link.token) {
        true => state.store.email_confirmation(&hash_token(&link.token), now()).await?,
        false => None,
    };
    let Some(lang) = found else { return confirm_expired(&state, fallback) };
    let html = ashyq_render::comment_pages::render_confirm_email_page(
        &state.site(),
        ashyq_i18n::ui_language_for(&lang),
        &csrf.0,
        &link.token,
    )?;
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::response::Html(html)).into_response())
}

/// Confirms an address for reply notices; the link works once, and for two days.
pub(crate) async fn confirm<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    axum::Form(link): axum::Form<ConfirmLink>,
) -> Result<Response, WebError> {
    let ui_lang = crate::reading::preferred_language(&headers);
    let confirmed =
        is_token(&link.token) && state.store.confirm_email(&hash_token(&link.token), now()).await?;
    if !confirmed {
        return confirm_expired(&state, ui_lang);
    }
    let html = ashyq_render::render_message_page(
        &state.site(),
        ui_lang,
        "confirm-email-done-title",
        "confirm-email-done-body",
    )?;
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::response::Html(html)).into_response())
}

fn confirm_expired<S: Store>(state: &AppState<S>, ui_lang: &str) -> Result<Response, WebError> {
    let html = ashyq_render::render_message_page(
        &state.site(),
        ui_lang,
        "confirm-email-expired-title",
        "confirm-email-expired-body",
    )?;
    Ok((StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, "no-store")], axum::response::Html(html))
        .into_response())
}
