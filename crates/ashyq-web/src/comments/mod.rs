//! Readers' comments: the section under every article, submitting (screened, then stored through the
//! group-commit writer before anything is acknowledged), a commenter's own edits and withdrawals
//! while their comment waits for a moderator, and confirming an address for reply notices. This
//! module holds what they share (`CommentServices`, the screen, the commenter's cookie); `section`,
//! `submit` and `own` hold the three doors.

pub mod privacy;
pub mod recent;
pub mod writer;

mod own;
mod section;
mod submit;

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

pub(crate) use own::{confirm, confirm_page, edit, edit_page, withdraw};
pub use section::FormState;
pub(crate) use section::{CommentsPage, CommentsView, section};
pub(crate) use submit::submit;
