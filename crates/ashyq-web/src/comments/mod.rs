//! Readers' comments: the section under every article, submitting (screened, then stored through the
//! group-commit writer before anything is acknowledged), and a commenter's own edits and withdrawals
//! while their comment waits for a moderator.

pub mod privacy;
pub mod recent;
pub mod writer;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use ashyq_content::{CommentDraft, CommentLimits, render_comment_html, validate_comment};
use ashyq_moderation::{CommentInput, Fingerprint, Label, Lang, Lexicon, Screen, Verdict};
use ashyq_render::comment_pages::{CommentFormView, CommentItem, CommentsSection};
use ashyq_store::{
    CommentId, CommentStatus, CommentTarget, NewComment, PublicComment, RecentComment,
    ScreeningQuery, Store, StoredFingerprint, UserId,
};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::RateLimiter;
use crate::auth::cookies::{cookie, set_cookie};
use crate::auth::csrf::CsrfToken;
use crate::auth::secrets::{hash_token, is_token, random_token};
use crate::comments::recent::{Keys, RecentComments};
use crate::error::WebError;
use crate::state::{AppState, now};
use privacy::Hasher;
use writer::{CommentWriter, WriteError};

/// The cookie that lets a commenter see and change their own pending comments.
pub(crate) const COMMENTER_COOKIE: &str = "ashyq_commenter";

/// A submission faster than this after the form was shown is flagged (bots fill forms instantly).
const TOO_FAST_SECONDS: i64 = 3;

/// How far back duplicates are looked for.
const DUPLICATE_WINDOW_SECONDS: i64 = 30 * 24 * 3600;

/// Everything comments need at run time.
#[derive(Debug)]
pub struct CommentServices {
    pub writer: CommentWriter,
    /// The screen with the site's word lists; replaced when moderators edit them.
    pub screen: RwLock<Arc<Screen>>,
    /// A retrained moderation model loaded from the `moderation_model` setting; `None` = the built-in one.
    pub model: RwLock<Option<ashyq_moderation::Model>>,
    pub hasher: Hasher,
    pub limits: CommentLimits,
    /// New comments per address.
    pub per_address: RateLimiter,
    /// Fingerprints of recent comments, for the duplicate check.
    pub recent: Arc<RecentComments>,
}

impl CommentServices {
    /// `per_ten_minutes`: how many comments one address may post in ten minutes.
    pub fn new<S: Store>(store: S, secret: [u8; 32], per_ten_minutes: usize) -> CommentServices {
        let recent = Arc::new(RecentComments::default());
        CommentServices {
            writer: CommentWriter::spawn(store, Arc::clone(&recent)),
            recent,
            screen: RwLock::new(Arc::new(Screen::default())),
            model: RwLock::new(None),
            hasher: Hasher::new(secret),
            limits: CommentLimits::default(),
            per_address: RateLimiter::new(per_ten_minutes, Duration::from_secs(600)),
        }
    }

    pub fn screen(&self) -> Arc<Screen> {
        Arc::clone(&self.screen.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

/// Rebuilds the screen from the site's word lists (on start and after moderators edit them).
pub async fn reload_screen<S: Store>(state: &AppState<S>) -> Result<(), WebError> {
    let lists = state.store.word_lists().await?;
    let mut lexicons = Vec::new();
    for (lang, kind, words) in &lists {
        let category = match kind.as_str() {
            "banned" => ashyq_moderation::Category::Banned,
            _ => ashyq_moderation::Category::Suspect,
        };
        let lang = Lang::from_code(lang);
        let entries: Vec<&str> =
            words.lines().map(str::trim).filter(|word| !word.is_empty()).collect();
        lexicons.push(Lexicon::from_words(&format!("site {kind}"), category, lang, entries));
    }
    let model =
        state.comments.model.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let screen = Arc::new(match model {
        Some(model) => Screen::with_model(model, &lexicons),
        None => Screen::new(&lexicons),
    });
    *state.comments.screen.write().unwrap_or_else(std::sync::PoisonError::into_inner) = screen;
    Ok(())
}

fn to_fingerprint(stored: &StoredFingerprint) -> Fingerprint {
    let (exact, simhash, tokens) = stored.unsigned();
    Fingerprint { exact, simhash, tokens }
}

fn stored(fingerprint: &Fingerprint) -> StoredFingerprint {
    StoredFingerprint::from_unsigned(fingerprint.exact, fingerprint.simhash, fingerprint.tokens)
}

/// The status a screened comment starts in: banned words go straight to rejected, a repeat of the
/// same comment to spam (the published rules say so); everything else waits for a moderator.
fn initial_status(verdict: &Verdict) -> CommentStatus {
    let has = |label: Label, code_prefix: &str| {
        verdict
            .labels
            .iter()
            .any(|finding| finding.label == label && finding.code.starts_with(code_prefix))
    };
    if has(Label::Banned, "") {
        CommentStatus::Rejected
    } else if has(Label::Duplicate, "duplicate.exact") {
        CommentStatus::Spam
    } else {
        CommentStatus::Pending
    }
}

/// The reader's commenter cookie, if well-formed.
fn commenter_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COMMENTER_COOKIE).filter(|token| is_token(token))
}

/// A staff member commenting under their account, if the request carries a live session.
async fn staff_commenter<S: Store>(
    state: &AppState<S>,
    headers: &HeaderMap,
) -> Result<Option<(UserId, String)>, WebError> {
    let Some(token) =
        cookie(headers, crate::auth::cookies::SESSION_COOKIE).filter(|token| is_token(token))
    else {
        return Ok(None);
    };
    Ok(state
        .store
        .session_by_token(&hash_token(&token), now())
        .await?
        .filter(|(session, user)| !session.second_factor_pending && user.roles.is_staff())
        .map(|(_, user)| (user.id, user.name)))
}

/// What the comment form showed and what went wrong, for re-rendering after an error.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub name: String,
    pub email: String,
    pub body: String,
    pub parent_id: Option<i64>,
    /// (field, Fluent id)
    pub errors: Vec<(&'static str, &'static str)>,
}

/// Orders comments into threads: editors' picks first among top-level comments, then oldest first;
/// replies under their parents, indented up to four levels.
fn thread(comments: &[PublicComment]) -> Vec<(usize, &PublicComment)> {
    let mut children: HashMap<Option<i64>, Vec<&PublicComment>> = HashMap::new();
    let visible: std::collections::HashSet<i64> =
        comments.iter().map(|comment| comment.id.0).collect();
    for comment in comments {
        // A reply whose parent is not visible is shown at the top level rather than lost.
        let parent = comment.parent_id.map(|id| id.0).filter(|id| visible.contains(id));
        children.entry(parent).or_default().push(comment);
    }
    if let Some(top) = children.get_mut(&None) {
        top.sort_by_key(|comment| (!comment.featured, comment.created_at, comment.id.0));
    }
    let mut out = Vec::with_capacity(comments.len());
    let mut stack: Vec<(usize, &PublicComment)> = children
        .get(&None)
        .map(|top| top.iter().rev().map(|comment| (0, *comment)).collect())
        .unwrap_or_default();
    while let Some((depth, comment)) = stack.pop() {
        out.push((depth, comment));
        if let Some(replies) = children.get(&Some(comment.id.0)) {
            for reply in replies.iter().rev() {
                stack.push(((depth + 1).min(4), *reply));
            }
        }
    }
    out
}

/// Builds the comments section of an article page for this reader.
pub(crate) async fn section<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    headers: &HeaderMap,
    csrf: &CsrfToken,
    form: FormState,
    reply_to: Option<i64>,
    posted: bool,
) -> Result<CommentsSection, WebError> {
    let l10n = state.catalog.localizer(&target.lang);
    let token_hash = commenter_token(headers).map(|token| hash_token(&token));
    let comments = state.store.public_comments(target.article_id, token_hash.as_deref()).await?;
    let items = thread(&comments)
        .into_iter()
        .map(|(depth, comment)| {
            let moment = time::OffsetDateTime::from_unix_timestamp(comment.created_at)
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            CommentItem {
                id: comment.id.0,
                depth,
                author_name: comment.author_name.clone(),
                identicon: ashyq_render::identicon::identicon_svg(&comment.author_name),
                badge: if comment.is_article_author {
                    Some(l10n.msg("comment-badge-author"))
                } else if comment.is_staff {
                    Some(l10n.msg("comment-badge-staff"))
                } else {
                    None
                },
                date_iso: moment
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
                date_text: l10n.date(&moment),
                body_html: comment.body_html.clone(),
                pending: comment.status != CommentStatus::Approved,
                own: comment.own,
                editable: comment.own && comment.status == CommentStatus::Pending,
                featured: comment.featured,
            }
        })
        .collect::<Vec<_>>();
    let parent_id = form.parent_id.or(reply_to);
    let replying_to = parent_id
        .and_then(|id| {
            comments
                .iter()
                .find(|comment| comment.id.0 == id && comment.status == CommentStatus::Approved)
        })
        .map(|comment| comment.author_name.clone());
    let staff = staff_commenter(state, headers).await?;
    let errors =
        form.errors.iter().map(|(field, id)| ((*field).to_owned(), l10n.msg(id))).collect();
    Ok(CommentsSection {
        approved_count: comments
            .iter()
            .filter(|comment| comment.status == CommentStatus::Approved)
            .count(),
        items,
        csrf: csrf.0.clone(),
        action_url: format!("{}/comments", ashyq_render::urls::article(&target.slug)),
        posted,
        staff_name: staff.map(|(_, name)| name),
        form_started: now().to_string(),
        form: CommentFormView {
            name: form.name,
            email: form.email,
            body: form.body,
            parent_id: replying_to.as_ref().and(parent_id),
            replying_to,
            errors,
        },
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct CommentFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
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

/// Screens a comment and fills in everything storage needs.
#[allow(clippy::too_many_arguments, reason = "one call site; the parts are distinct inputs")]
async fn prepare_comment<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    author_name: String,
    email: Option<String>,
    body: String,
    parent_id: Option<CommentId>,
    staff: Option<(UserId, String)>,
    address_hash: Option<String>,
    commenter_token_hash: String,
    flags: Vec<&str>,
) -> Result<NewComment, WebError> {
    let now = now();
    let email_hash = email.as_deref().map(|email| state.comments.hasher.email(email));
    let screen = state.comments.screen();
    let exact = ashyq_moderation::fingerprint(&body).exact as i64;
    let since = now - DUPLICATE_WINDOW_SECONDS;
    let keys = Keys::new(target.article_id, address_hash.as_deref(), email_hash.as_deref());
    let (mut candidates, load) = state.comments.recent.lookup(&keys);
    let context = state
        .store
        .screening_context(&ScreeningQuery {
            article_id: target.article_id,
            address_hash: address_hash.as_deref(),
            email_hash: email_hash.as_deref(),
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
    let detected = ashyq_moderation::detect_language(&body);
    let hint = detected.map_or(target.lang.as_str(), |lang| lang.code());
    let verdict =
        screen.screen(&CommentInput { text: &body, lang_hint: Some(hint), recent: &recent });
    let mut status = initial_status(&verdict);
    let mut flags: Vec<&str> = flags;
    if context.banned {
        // Kept, like everything a reader sends, but straight to the spam view.
        status = CommentStatus::Spam;
        flags.push("banned");
    }
    let (user_id, is_article_author) = match &staff {
        Some((id, name)) => {
            (Some(*id), target.author_names.iter().any(|author| author.eq_ignore_ascii_case(name)))
        }
        None => (None, false),
    };
    Ok(NewComment {
        article_id: target.article_id,
        parent_id,
        author_name,
        email,
        email_hash,
        user_id,
        is_article_author,
        body_html: render_comment_html(&body),
        body,
        status,
        language: detected.or(verdict.language).map(|lang| lang.code().to_owned()),
        screen_score: verdict.score,
        screen_flagged: verdict.should_not_be_approved || !flags.is_empty(),
        screen_findings: serde_json::to_string(&verdict.labels).unwrap_or_else(|_| "[]".to_owned()),
        screen_label: verdict.primary_label().map(|label| label.name().to_owned()),
        fingerprint: stored(&verdict.fingerprint),
        address_hash,
        commenter_token_hash,
        flags: flags.join(" "),
        created_at: now,
    })
}

fn write_error(error: WriteError) -> WebError {
    match error {
        WriteError::Unwritable => WebError::Unavailable,
        WriteError::Failed(message) => WebError::Internal(message),
    }
}

pub(crate) async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<CommentFields>,
) -> Result<Response, WebError> {
    let ui_lang = crate::reading::preferred_language(&headers);
    let Some(target) = crate::reading::comment_target(&state, &slug).await? else {
        return Err(WebError::NotFound { ui_lang });
    };
    let now = now();
    let address_hash = state.comments.hasher.address(&address.ip().to_string(), now);
    if let Some(wait) = state.comments.per_address.check(&address_hash) {
        return Err(WebError::TooMany {
            retry_after: wait.as_secs(),
            ui_lang: ashyq_i18n::ui_language_for(&target.lang),
        });
    }
    let staff = staff_commenter(&state, &headers).await?;
    let draft = CommentDraft {
        // Staff comment under their account name.
        name: staff.as_ref().map_or_else(|| fields.name.clone(), |(_, name)| name.clone()),
        email: fields.email.clone(),
        body: fields.body.clone(),
    };
    let parent_id = fields.parent_id.as_deref().and_then(|id| id.parse::<i64>().ok());
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
    let Some(valid) = valid.filter(|_| errors.is_empty()) else {
        let form = FormState {
            name: fields.name,
            email: fields.email,
            body: fields.body,
            parent_id,
            errors,
        };
        let html = crate::reading::render_article_with_comments(
            &state,
            &target,
            &headers,
            Some(&csrf),
            form,
            None,
            false,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, axum::response::Html(html)).into_response());
    };
    state.comments.per_address.record(&address_hash);

    let mut flags = Vec::new();
    if !fields.website.trim().is_empty() {
        flags.push("honeypot");
    }
    let started = fields.form_started.as_deref().and_then(|value| value.parse::<i64>().ok());
    if started.is_none_or(|started| now - started < TOO_FAST_SECONDS) {
        flags.push("too-fast");
    }
    let (token, new_cookie) = match commenter_token(&headers) {
        Some(token) => (token, false),
        None => (random_token().map_err(|error| WebError::Internal(error.to_string()))?, true),
    };
    let comment = prepare_comment(
        &state,
        &target,
        valid.name,
        valid.email,
        valid.body,
        parent_id.map(CommentId),
        staff,
        Some(address_hash),
        hash_token(&token),
        flags,
    )
    .await?;
    let status = comment.status;
    let (author, text) = (comment.author_name.clone(), comment.body.clone());
    let id = state.comments.writer.write(comment).await.map_err(write_error)?;
    tracing::info!(comment = id.0, article = %target.slug, status = status.code(), "comment stored");
    if status == CommentStatus::Pending {
        crate::notify::new_comment(&state, id, &target, &author, &text);
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
        &state.catalog,
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
                &state.catalog,
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
    let replacement = prepare_comment(
        &state,
        &target,
        valid.name,
        None,
        valid.body,
        comment.parent_id,
        None,
        comment.address_hash.clone(),
        token_hash.clone(),
        Vec::new(),
    )
    .await?;
    if !state.store.edit_own_comment(CommentId(id), &token_hash, &replacement).await? {
        return Err(WebError::NotFound { ui_lang: "en" });
    }
    state
        .comments
        .recent
        .replace(&Keys::of(&replacement), RecentComment::committed(CommentId(id), &replacement));
    Ok(Redirect::to(&format!("{}#comment-{id}", ashyq_render::urls::article(&target.slug)))
        .into_response())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: i64, parent: Option<i64>, created_at: i64, featured: bool) -> PublicComment {
        PublicComment {
            id: CommentId(id),
            parent_id: parent.map(CommentId),
            author_name: format!("c{id}"),
            is_staff: false,
            is_article_author: false,
            body_html: String::new(),
            created_at,
            status: CommentStatus::Approved,
            featured,
            own: false,
        }
    }

    #[test]
    fn threads_replies_under_parents_with_picks_first() {
        let comments = [
            comment(1, None, 10, false),
            comment(2, None, 20, true),
            comment(3, Some(1), 30, false),
            comment(4, Some(3), 40, false),
            comment(5, Some(99), 50, false),
        ];
        let order: Vec<(usize, i64)> =
            thread(&comments).iter().map(|(depth, c)| (*depth, c.id.0)).collect();
        assert_eq!(order, [(0, 2), (0, 1), (1, 3), (2, 4), (0, 5)]);
    }
}
