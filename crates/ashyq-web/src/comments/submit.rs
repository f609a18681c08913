//! Posting a comment: the limits reserved before any slow work (the address gate, the confirmation
//! mail), validation, screening against the site's screen and recent comments, the group-commit
//! writer, and the form shown again with the text kept when anything refuses it.

use super::*;

/// Counts one confirmation mail to `email` in the database (a keyed hash of the lowercased
/// address; every server of the site together, surviving restarts), in one atomic step before the
/// comment is screened and the mail built: `None`, with nothing counted, when the address has had
/// its share today. The comment form must not become a way to flood a stranger's inbox.
async fn reserve_confirm_mail<S: Store>(
    state: &AppState<S>,
    email: &str,
) -> Result<Option<LimitReservation>, WebError> {
    let normalized = email.trim().to_lowercase();
    let rule = state.limits.rule(
        LimitKind::ConfirmMails,
        &[&normalized],
        CONFIRM_MAILS_PER_DAY,
        CONFIRM_MAILS_WINDOW,
    );
    Ok(state.limits.try_reserve(&state.store, &[rule]).await?.ok())
}

/// Gives back a confirmation mail counted for a comment that was not stored (so no mail goes
/// out). A failure only costs the address one of its mails today, so it is logged, not shown.
async fn refund_confirm_mail<S: Store>(state: &AppState<S>, reserved: Option<LimitReservation>) {
    let Some(reserved) = reserved else { return };
    if let Err(error) = state.store.refund_limits(&reserved).await {
        tracing::warn!(%error, "giving back an unused confirmation mail failed");
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct CommentFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    /// "Tell me of replies": the only reason an address is kept.
    #[serde(default)]
    notify: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: Option<String>,
    /// The honeypot: hidden from people, filled by naive bots.
    #[serde(default)]
    website: String,
    #[serde(default)]
    form_started: Option<String>,
}

/// Screens a comment and fills in everything storage needs: the e-mail's keyed hash, the recent
/// comments to compare it with, the ban check, then `ashyq_services::comments::screened_comment`.
pub(super) async fn prepare_comment<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    staff: Option<(UserId, String)>,
    mut parts: CommentParts,
) -> Result<NewComment, WebError> {
    let now = now();
    parts.created_at = now;
    parts.email_hash = parts.email.as_deref().map(|email| state.comments.hasher.email(email));
    let screen = state.comments.screen();
    let body = parts.body.as_str();
    let exact = ashyq_moderation::fingerprint(body).exact as i64;
    let since = now - DUPLICATE_WINDOW_SECONDS;
    let keys =
        Keys::new(target.article_id, parts.address_hash.as_deref(), parts.email_hash.as_deref());
    let (mut candidates, load) = state.comments.recent.lookup(&keys);
    let context = state
        .store
        .screening_context(&ScreeningQuery {
            article_id: target.article_id,
            address_hash: parts.address_hash.as_deref(),
            email_hash: parts.email_hash.as_deref(),
            exact,
            since,
            now,
            load,
        })
        .await?;
    let read = [
        (Some(&keys.article), context.article),
        (keys.address.as_ref(), context.address),
        (keys.email.as_ref(), context.email),
    ];
    for (key, rows) in read {
        if let (Some(key), Some(rows)) = (key, rows) {
            candidates.extend(state.comments.recent.fill(key, rows));
        }
    }
    candidates.extend(context.exact_matches);
    let recent: Vec<Fingerprint> = candidates
        .iter()
        .filter(|comment| comment.created_at > since || comment.fingerprint.exact == exact)
        .map(|comment| to_fingerprint(&comment.fingerprint))
        .collect();
    // The comment's own language decides folding, word lists and routing; the page's language is
    // only the fallback when the text is too short to tell.
    let detected = ashyq_moderation::detect_language(body);
    let hint = detected.map_or(target.lang.as_str(), |lang| lang.code());
    let verdict =
        screen.screen(&CommentInput { text: body, lang_hint: Some(hint), recent: &recent });
    parts.language = detected.map(|lang| lang.code().to_owned());
    // Kept, like everything a reader sends, but a banned writer's comment goes straight to spam.
    parts.banned = context.banned;
    if let Some((id, name)) = &staff {
        parts.user_id = Some(*id);
        parts.is_article_author =
            target.author_names.iter().any(|author| author.eq_ignore_ascii_case(name));
    }
    parts.article_id = target.article_id;
    Ok(screened_comment(parts, &verdict))
}

/// The error page for a comment the writer could not store (`submit` answers a reached limit with
/// the form itself; this is the page for a caller without one). `ui_lang`: the page's language.
fn write_error(error: WriteError, ui_lang: &'static str) -> WebError {
    match error {
        WriteError::Unwritable => WebError::Unavailable,
        WriteError::LimitReached { retry_after } => {
            WebError::TooMany { retry_after: u64::try_from(retry_after).unwrap_or(1), ui_lang }
        }
        WriteError::Failed(message) => WebError::Internal(message),
    }
}

/// The article page again with the comment form as it was sent and `form`'s errors: `status`
/// (422 for a form to correct, 429 for an address over its limit, with `Retry-After`). Nothing a
/// commenter wrote is lost to a refusal.
async fn reshow_form<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    headers: &HeaderMap,
    csrf: &CsrfToken,
    form: FormState,
    refusal: Refusal,
) -> Result<Response, WebError> {
    let page = form.parent_id.map_or(CommentsPage::First, CommentsPage::Containing);
    let html = crate::reading::render_article_with_comments(
        state,
        target,
        headers,
        Some(csrf),
        form,
        CommentsView { page, ..CommentsView::default() },
        crate::interview_mode::interview_mode(None, headers, false).0,
    )
    .await?;
    let mut response = axum::response::Html(html).into_response();
    match refusal {
        Refusal::Invalid => *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY,
        Refusal::TooMany { retry_after } => {
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
        }
    }
    Ok(response)
}

/// Why a comment form comes back.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    /// Something in it must be corrected.
    Invalid,
    /// The address has posted its share; it may again in `retry_after` seconds.
    TooMany { retry_after: u64 },
}

/// The form as the reader sent it, with one error: the address is over its limit.
fn too_many_form(fields: &CommentFields, notify: bool, parent_id: Option<i64>) -> FormState {
    FormState {
        name: fields.name.clone(),
        email: fields.email.clone(),
        notify,
        body: fields.body.clone(),
        parent_id,
        errors: vec![("body", "comment-error-too-many")],
    }
}

pub(crate) async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    address: ClientAddress,
    Path(slug): Path<String>,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<CommentFields>,
) -> Result<Response, WebError> {
    let ui_lang = crate::reading::preferred_language(&headers);
    let Some(target) = crate::reading::comment_target(&state, &slug).await? else {
        return Err(WebError::NotFound { ui_lang });
    };
    let now = now();
    let address_hash = state.comments.hasher.address(&address.history_key(), now);
    let parent_id = fields.parent_id.as_deref().and_then(|id| id.parse::<i64>().ok());
    let notify = fields.notify.as_deref().is_some_and(|value| !value.is_empty());
    if let Some(wait) = state.comments.per_address.check(&address_hash) {
        let form = too_many_form(&fields, notify, parent_id);
        let refusal = Refusal::TooMany { retry_after: wait.as_secs() };
        return reshow_form(&state, &target, &headers, &csrf, form, refusal).await;
    }
    let staff = staff_commenter(&state, &headers).await?;
    let draft = CommentDraft {
        // Staff comment under their account name.
        name: staff.as_ref().map_or_else(|| fields.name.clone(), |(_, name)| name.clone()),
        email: fields.email.clone(),
        body: fields.body.clone(),
    };
    let mut errors: Vec<(&'static str, &'static str)> = Vec::new();
    let valid = match validate_comment(&draft, &state.comments.limits) {
        Ok(valid) => Some(valid),
        Err(field_errors) => {
            errors.extend(field_errors.iter().map(|error| (error.field, error.message_id)));
            None
        }
    };
    if let Some(parent) = parent_id
        && !state.store.can_reply_to(target.article_id, CommentId(parent)).await?
    {
        errors.push(("body", "comment-error-parent"));
    }
    if notify && staff.is_none() && fields.email.trim().is_empty() {
        errors.push(("email", "comment-error-notify-email"));
    }
    // Reply notices need a mail server; without one, an address would be kept for nothing.
    let wants_confirm = notify && state.mail.is_some();
    // Counted before the comment is screened and the mail built; given back below if the comment
    // is not stored after all.
    let mut mail_reserved = None;
    if wants_confirm
        && errors.is_empty()
        && let Some(email) = valid.as_ref().and_then(|valid| valid.email.as_ref())
    {
        mail_reserved = reserve_confirm_mail(&state, email).await?;
        if mail_reserved.is_none() {
            errors.push(("email", "comment-error-notify-limit"));
        }
    }
    let Some(valid) = valid.filter(|_| errors.is_empty()) else {
        let form = FormState {
            name: fields.name,
            email: fields.email,
            notify,
            body: fields.body,
            parent_id,
            errors,
        };
        return reshow_form(&state, &target, &headers, &csrf, form, Refusal::Invalid).await;
    };
    // Counted only now that the comment is valid, and checked again in the same step: requests
    // that all passed the check above while others were being validated cannot all be stored.
    if let Err(wait) = state.comments.per_address.reserve(&address_hash) {
        refund_confirm_mail(&state, mail_reserved).await;
        let form = too_many_form(&fields, notify, parent_id);
        let refusal = Refusal::TooMany { retry_after: wait.as_secs() };
        return reshow_form(&state, &target, &headers, &csrf, form, refusal).await;
    }

    let mut flags = CommentFlags::new();
    if !fields.website.trim().is_empty() {
        flags.insert(CommentFlag::Honeypot);
    }
    let started = fields.form_started.as_deref().and_then(|value| value.parse::<i64>().ok());
    if started.is_none_or(|started| now - started < TOO_FAST_SECONDS) {
        flags.insert(CommentFlag::TooFast);
    }
    let (token, new_cookie) = match commenter_token(&headers) {
        Some(token) => (token, false),
        None => (random_token().map_err(|error| WebError::Internal(error.to_string()))?, true),
    };
    // The address is kept only for reply notices, and only mailed a confirmation link until its
    // owner follows it: only the link token's hash is stored.
    let confirm = match valid.email.as_ref().filter(|_| wants_confirm) {
        Some(_) => Some(random_token().map_err(|error| WebError::Internal(error.to_string()))?),
        None => None,
    };
    let parts = CommentParts {
        parent_id: parent_id.map(CommentId),
        author_name: valid.name,
        email: valid.email.filter(|_| confirm.is_some()),
        email_confirm: confirm.as_ref().map(|token| EmailConfirmation {
            token_hash: hash_token(token),
            expires_at: now + CONFIRM_LINK_SECONDS,
        }),
        body: valid.body,
        address_hash: Some(address_hash),
        commenter_token_hash: hash_token(&token),
        flags,
        ..CommentParts::default()
    };
    let mut comment = match prepare_comment(&state, &target, staff, parts).await {
        Ok(comment) => comment,
        Err(error) => {
            refund_confirm_mail(&state, mail_reserved).await;
            return Err(error);
        }
    };
    // The store counts again, from every server's comments, in the insert's own transaction.
    comment.limit = state.comments.store_limit;
    let status = comment.status;
    let (language, author, text) =
        (comment.language.clone(), comment.author_name.clone(), comment.body.clone());
    let email = comment.email.clone();
    let id = match state.comments.writer.write(comment).await {
        Ok(id) => id,
        Err(WriteError::LimitReached { retry_after }) => {
            refund_confirm_mail(&state, mail_reserved).await;
            let form = too_many_form(&fields, notify, parent_id);
            let refusal = Refusal::TooMany { retry_after: u64::try_from(retry_after).unwrap_or(1) };
            return reshow_form(&state, &target, &headers, &csrf, form, refusal).await;
        }
        Err(error) => {
            refund_confirm_mail(&state, mail_reserved).await;
            return Err(write_error(error, ashyq_i18n::ui_language_for(&target.lang)));
        }
    };
    tracing::info!(comment = id.0, article = %target.slug, status = status.code(), "comment stored");
    if let (Some(email), Some(token)) = (email, confirm) {
        crate::notify::confirm_address(&state, &email, &token, &target.lang);
    }
    if status == CommentStatus::Pending {
        // A comment is stored at version 1; the mailed links decide on exactly that text.
        let notice =
            crate::notify::NewCommentNotice { id, version: 1, language, author, body: text };
        crate::notify::new_comment(&state, &target, notice);
    }
    let location =
        format!("{}?posted={}#comment-{}", ashyq_render::urls::article(&target.slug), id.0, id.0);
    let mut response = Redirect::to(&location).into_response();
    if new_cookie {
        // A year: long enough to come back and edit, and it identifies nothing but this browser.
        let value = set_cookie(
            COMMENTER_COOKIE,
            &token,
            "Lax",
            Some(365 * 24 * 3600),
            state.auth.secure_cookies,
        );
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}
