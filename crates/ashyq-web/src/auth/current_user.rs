//! The logged-in person, as an extractor: handlers that take a `CurrentUser` cannot run for anyone
//! else, and answer anonymous visitors with a redirect to the login page.

use ashyq_accounts::{Action, may};
use ashyq_render::StaffNav;
use ashyq_store::{Session, Store, User};
use axum::extract::FromRequestParts;

use axum::http::request::Parts;

use crate::auth::cookies::{SESSION_COOKIE, cookie};
use crate::auth::csrf::CsrfToken;
use crate::auth::secrets::{hash_token, is_token};
use crate::error::WebError;
use crate::state::{AppState, now};

/// A person with a live, fully authenticated session.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub session: Session,
    /// The UI language for this person's pages (from their browser).
    pub ui_lang: &'static str,
}

impl CurrentUser {
    /// The newsroom bar for this person's pages.
    pub(crate) fn staff_nav(&self, csrf: &CsrfToken) -> StaffNav {
        StaffNav { name: self.user.name.clone(), csrf: csrf.0.clone() }
    }

    /// Refuses with 403 unless the person may perform `action`.
    pub fn require(&self, action: Action) -> Result<(), WebError> {
        if may(&self.user.roles, action) {
            Ok(())
        } else {
            Err(WebError::Forbidden { ui_lang: self.ui_lang })
        }
    }
}

/// The UI language a request asks for.
pub(crate) fn request_language(parts: &Parts) -> &'static str {
    crate::reading::preferred_language(&parts.headers)
}

/// The session behind the request's cookie, whatever its state (pending second factor included).
pub(crate) async fn session_of<S: Store>(
    state: &AppState<S>,
    parts: &Parts,
) -> Result<Option<ashyq_store::LiveSession>, WebError> {
    let Some(token) = cookie(&parts.headers, SESSION_COOKIE).filter(|token| is_token(token)) else {
        return Ok(None);
    };
    Ok(state.store.session_by_token(&hash_token(&token), now()).await?)
}

impl<S: Store> FromRequestParts<AppState<S>> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let ui_lang = request_language(parts);
        match session_of(state, parts).await? {
            Some(ashyq_store::LiveSession { session, user }) if !session.second_factor_pending => {
                Ok(CurrentUser { user, session, ui_lang })
            }
            _ => {
                let next =
                    parts.uri.path_and_query().map_or("/admin", |path| path.as_str()).to_owned();
                Err(WebError::LoginRequired { next })
            }
        }
    }
}
