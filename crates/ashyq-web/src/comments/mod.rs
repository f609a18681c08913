//! Readers' comments: the section under every article, submitting (screened, then stored through the
//! group-commit writer before anything is acknowledged), a commenter's own edits and withdrawals
//! while their comment waits for a moderator, and confirming an address for reply notices.

pub mod privacy;
pub mod recent;
pub mod writer;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use ashyq_content::{CommentDraft, CommentLimits, validate_comment};
use ashyq_moderation::{CommentInput, Fingerprint, Screen};
use ashyq_render::comment_pages::{CommentFormView, CommentItem, CommentPaging, CommentsSection};
use ashyq_services::comments::{CommentParts, screened_comment};
use ashyq_store::{
    CommentFlag, CommentFlags, CommentId, CommentLimit, CommentStatus, CommentTarget,
    EmailConfirmation, LimitReservation, NewComment, RecentComment, ScreeningQuery, Store,
    StoredFingerprint, UserId,
};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::RateLimiter;
use crate::auth::cookies::{cookie, set_cookie};
use crate::auth::csrf::CsrfToken;
use crate::auth::limits::LimitKind;
use crate::auth::secrets::{hash_token, is_token, random_token};
use crate::client_address::ClientAddress;
use crate::comments::recent::{Keys, RecentComments};
use crate::error::WebError;
use crate::state::{AppState, now};
use privacy::Hasher;
use writer::{CommentWriter, WriteError};

/// The cookie that lets a commenter see and change their own pending comments.
pub(crate) const COMMENTER_COOKIE: &str = "ashyq_commenter";

/// A submission faster than this after the form was shown is flagged (bots fill forms instantly).
const TOO_FAST_SECONDS: i64 = 3;

/// How long a mailed link confirming an address for reply notices works.
const CONFIRM_LINK_SECONDS: i64 = 48 * 3600;

/// How many confirmation mails one address may be sent in a day, by every server together.
const CONFIRM_MAILS_PER_DAY: usize = 3;

/// The window of [`CONFIRM_MAILS_PER_DAY`].
const CONFIRM_MAILS_WINDOW: Duration = Duration::from_secs(24 * 3600);

/// The largest `comments_per_address` the store counts too. The store reads at most the limit's
/// number of an address's newest comments per insert; a larger setting is a benchmark's way of
/// saying "no limit" (one address posting hundreds of thousands of comments), where reading that
/// many per batch would cost more than the post, so it is counted in each server's memory only.
pub const STORE_COUNTED_UP_TO: u32 = 1_000;

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
    /// New comments per address: the cheap first gate, in this process's memory.
    pub per_address: RateLimiter,
    /// The same limit as the store counts it, inside the transaction that inserts a comment, from
    /// every server's comments (`None` above [`STORE_COUNTED_UP_TO`]: see there).
    pub store_limit: Option<CommentLimit>,
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
            store_limit: u32::try_from(per_ten_minutes)
                .ok()
                .filter(|max| *max <= STORE_COUNTED_UP_TO)
                .map(|max| CommentLimit { max, window_seconds: 600 }),
        }
    }

    pub fn screen(&self) -> Arc<Screen> {
        Arc::clone(&self.screen.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

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

/// Rebuilds the screen from the site's word lists (on start and after moderators edit them).
pub async fn reload_screen<S: Store>(state: &AppState<S>) -> Result<(), WebError> {
    let model =
        state.comments.model.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let screen = Arc::new(ashyq_services::screening::site_screen(&state.store, model).await?);
    *state.comments.screen.write().unwrap_or_else(std::sync::PoisonError::into_inner) = screen;
    Ok(())
}

fn to_fingerprint(stored: &StoredFingerprint) -> Fingerprint {
    let (exact, simhash, tokens) = stored.unsigned();
    Fingerprint { exact, simhash, tokens }
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
        .filter(|live| !live.session.second_factor_pending && live.user.roles.is_staff())
        .map(|live| (live.user.id, live.user.name)))
}

/// What the comment form showed and what went wrong, for re-rendering after an error.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub name: String,
    pub email: String,
    /// "Tell me of replies" was ticked.
    pub notify: bool,
    pub body: String,
    pub parent_id: Option<i64>,
    /// (field, Fluent id)
    pub errors: Vec<(&'static str, &'static str)>,
}

/// Top-level comments per page of a conversation, each with all its replies. However long a story's
/// conversation grows, its page stays a size a slow phone can load, and the cached copies of the
/// page take bounded memory (an approval adds to the last page, not to every reader's first one).
pub(crate) const THREADS_PER_PAGE: usize = 50;

/// Which page of an article's comments to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CommentsPage {
    /// The first page: the article's own address.
    #[default]
    First,
    /// Page `n` (1-based), as asked for by `?comments=n`; past the last page is "not found".
    Number(usize),
    /// The page holding this comment (a reply form, the notice after posting, a link to a comment);
    /// the first page when it is not shown at all.
    Containing(i64),
}

/// What this reader asked to see of the conversation.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CommentsView {
    /// The comment being answered (`?reply_to=`).
    pub reply_to: Option<i64>,
    /// The reader has just posted: say it awaits moderation.
    pub posted: bool,
    pub page: CommentsPage,
}

/// Where each page starts and ends in `depths` (a thread in reading order, depth 0 opening each
/// top-level comment): `per_page` top-level comments per page, never splitting one from its
/// replies. At least one page, empty when there are no comments.
fn page_bounds(depths: &[usize], per_page: usize) -> Vec<std::ops::Range<usize>> {
    let starts: Vec<usize> = depths
        .iter()
        .enumerate()
        .filter(|(_, depth)| **depth == 0)
        .map(|(index, _)| index)
        .collect();
    let mut pages: Vec<std::ops::Range<usize>> =
        starts.chunks(per_page.max(1)).map(|chunk| chunk[0]..depths.len()).collect();
    for next in 1..pages.len() {
        let start = pages[next].start;
        pages[next - 1].end = start;
    }
    if pages.is_empty() {
        pages.push(0..depths.len());
    }
    pages
}

/// Builds the comments section of an article page for this reader.
pub(crate) async fn section<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    headers: &HeaderMap,
    csrf: &CsrfToken,
    form: FormState,
    view: CommentsView,
) -> Result<CommentsSection, WebError> {
    let CommentsView { reply_to, posted, page } = view;
    let l10n = state.catalog.localizer(&target.lang);
    let token_hash = commenter_token(headers).map(|token| hash_token(&token));
    let comments = state.store.public_comments(target.article_id, token_hash.as_deref()).await?;
    let conversation = ashyq_render::comment_pages::conversation(&comments, &target.lang, &l10n);
    // Each part of the conversation is paged on its own, 50 threads a page: page N shows the
    // N-th page of each (so a cached page holds at most 100 threads).
    let depths = |items: &[CommentItem]| items.iter().map(|item| item.depth).collect::<Vec<_>>();
    let here_bounds = page_bounds(&depths(&conversation.here), THREADS_PER_PAGE);
    let elsewhere_bounds = page_bounds(&depths(&conversation.elsewhere), THREADS_PER_PAGE);
    let pages = here_bounds.len().max(elsewhere_bounds.len());
    // The page each shown comment is on.
    let mut page_of: HashMap<i64, usize> = HashMap::new();
    for (items, bounds) in
        [(&conversation.here, &here_bounds), (&conversation.elsewhere, &elsewhere_bounds)]
    {
        for (index, range) in bounds.iter().enumerate() {
            page_of.extend(items[range.clone()].iter().map(|item| (item.id, index)));
        }
    }
    let index = match page {
        CommentsPage::First => 0,
        CommentsPage::Number(number) if (1..=pages).contains(&number) => number - 1,
        CommentsPage::Number(_) => {
            return Err(WebError::NotFound { ui_lang: ashyq_i18n::ui_language_for(&target.lang) });
        }
        CommentsPage::Containing(id) => page_of.get(&id).copied().unwrap_or(0),
    };
    let article_url = ashyq_render::urls::article(&target.slug);
    let page_address = |index: usize| {
        if index == 0 {
            article_url.clone()
        } else {
            format!("{article_url}?comments={}", index + 1)
        }
    };
    let page_url = |index: usize| format!("{}#comments", page_address(index));
    let paging = CommentPaging {
        page: index + 1,
        pages,
        position: l10n.msg_numbers(
            "comments-page-position",
            &[("page", index as i64 + 1), ("pages", pages as i64)],
            &[],
        ),
        earlier_url: index.checked_sub(1).map(page_url),
        later_url: (index + 1 < pages).then(|| page_url(index + 1)),
    };
    let on_this_page = |items: &[CommentItem], bounds: &[std::ops::Range<usize>]| {
        let mut shown =
            bounds.get(index).map(|range| items[range.clone()].to_vec()).unwrap_or_default();
        // A reply answering a comment on another page of the conversation links to that page.
        for item in &mut shown {
            if let Some(parent) = &mut item.answers
                && let Some(parent_page) = page_of.get(&parent.id).filter(|page| **page != index)
            {
                parent.href = format!("{}#comment-{}", page_address(*parent_page), parent.id);
            }
        }
        shown
    };
    let items = on_this_page(&conversation.here, &here_bounds);
    let elsewhere = on_this_page(&conversation.elsewhere, &elsewhere_bounds);
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
        approved_count: conversation.approved,
        elsewhere_count: i64::try_from(conversation.elsewhere_approved).unwrap_or(i64::MAX),
        items,
        elsewhere,
        paging,
        csrf: csrf.0.clone(),
        // The answer to a refused comment opens at the form, where its errors are.
        action_url: format!("{}/comments#comment-form", ashyq_render::urls::article(&target.slug)),
        posted,
        staff_name: staff.map(|(_, name)| name),
        form_started: now().to_string(),
        read_only_at: None,
        form: CommentFormView {
            name: form.name,
            email: form.email,
            notify: form.notify,
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
async fn prepare_comment<S: Store>(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_whole_threads_and_at_least_one_page_exists() {
        assert_eq!(page_bounds(&[], 2), vec![0..0]);
        // Three threads (the second with two replies, one nested), two per page.
        let depths = [0, 0, 1, 2, 0];
        assert_eq!(page_bounds(&depths, 2), vec![0..4, 4..5]);
        assert_eq!(page_bounds(&depths, 1), vec![0..1, 1..4, 4..5]);
        assert_eq!(page_bounds(&depths, 50), vec![0..5]);
        assert_eq!(page_bounds(&depths, 0), vec![0..1, 1..4, 4..5], "zero is taken as one");
    }
}
