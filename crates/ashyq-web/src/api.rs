//! The JSON API for integrations: the moderation queue and decisions, the same operations as the
//! pages, documented in `openapi.json` (served at `/api/v1/openapi.json`). Clients authenticate with
//! `Authorization: Bearer TOKEN`, a personal API token created on the account page (never a session
//! cookie); such requests carry no ambient credentials, so the CSRF layer does not apply to them.
//! A call needs both the owner's role and the token's scope: `moderation:read` to list,
//! `moderation:write` to decide and undo.

use ashyq_accounts::{Action, ApiScope, may};
use ashyq_services::decisions::{DecisionError, DecisionRequest, apply_decision};
use ashyq_store::{
    ActionId, ApiToken, CommentId, CommentStatus, DecisionTarget, Label, QueueFilter,
    QueuedComment, Store, User,
};
use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::auth::secrets::{hash_token, is_api_token};
use crate::state::{AppState, now};

/// The OpenAPI description of this API.
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// An API error: a status and a JSON body `{ "error": code, "message": text }`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// The `WWW-Authenticate` challenge of a 401 or a scope refusal (RFC 6750).
    challenge: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), challenge: None }
    }

    /// 401: no usable token. `error` is RFC 6750's code when a token was sent but is no good.
    fn unauthorized(error: Option<&str>, message: &str) -> ApiError {
        let challenge = match error {
            Some(error) => format!("Bearer realm=\"ashyq\", error=\"{error}\""),
            None => "Bearer realm=\"ashyq\"".to_owned(),
        };
        ApiError {
            challenge: Some(challenge),
            ..ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
        }
    }

    /// 403: the token lacks a scope.
    fn insufficient_scope(scope: ApiScope) -> ApiError {
        ApiError {
            challenge: Some(format!(
                "Bearer realm=\"ashyq\", error=\"insufficient_scope\", scope=\"{}\"",
                scope.code()
            )),
            ..ApiError::new(
                StatusCode::FORBIDDEN,
                "insufficient-scope",
                format!("this token lacks the {} scope", scope.code()),
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            message: &'a str,
        }
        let mut response =
            (self.status, Json(Body { error: self.code, message: &self.message })).into_response();
        if let Some(value) = self.challenge.and_then(|text| HeaderValue::from_str(&text).ok()) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

impl From<ashyq_store::StoreError> for ApiError {
    fn from(error: ashyq_store::StoreError) -> Self {
        match error {
            ashyq_store::StoreError::Unwritable(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unwritable",
                "the database cannot be written now",
            ),
            other => {
                tracing::error!(error = %other, "API request failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server failed; see its log",
                )
            }
        }
    }
}

/// The person behind a bearer token, and the token (for its scopes).
#[derive(Debug)]
pub(crate) struct ApiUser {
    user: User,
    token: ApiToken,
}

impl<S: Store> FromRequestParts<AppState<S>> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let Some(authorization) =
            parts.headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok())
        else {
            return Err(ApiError::unauthorized(
                None,
                "send Authorization: Bearer TOKEN, with a token from your account page",
            ));
        };
        // Only the API token's own shape is looked up: a session token (from a cookie) is not one,
        // and goes nowhere near the tokens table.
        let token = authorization
            .trim()
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| is_api_token(token))
            .ok_or_else(|| {
                ApiError::unauthorized(
                    Some("invalid_token"),
                    "the Authorization header must be Bearer ashyq_api_…, a token from your account page",
                )
            })?;
        match state.store.api_token_by_hash(&hash_token(token), now()).await? {
            Some(ashyq_store::LiveApiToken { token, user }) => Ok(ApiUser { user, token }),
            None => Err(ApiError::unauthorized(
                Some("invalid_token"),
                "the token is unknown, expired or revoked",
            )),
        }
    }
}

/// Refuses with 403 unless the token carries `scope` and the owner's roles allow `action`.
fn require(user: &ApiUser, scope: ApiScope, action: Action) -> Result<(), ApiError> {
    if !user.token.allows(scope) {
        return Err(ApiError::insufficient_scope(scope));
    }
    if may(&user.user.roles, action) {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "your roles do not allow this"))
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct ApiComment {
    id: i64,
    article: String,
    parent_id: Option<i64>,
    author_name: String,
    staff: bool,
    text: String,
    status: &'static str,
    language: Option<String>,
    score: f32,
    flagged: bool,
    /// The screen's findings: label, code, reason, byte spans into `text` and evidence (what drove each one).
    findings: Vec<ashyq_store::ScreenFinding>,
    flags: Vec<String>,
    created_at: i64,
    featured: bool,
    /// The version to name in a decision on this comment.
    version: i64,
}

fn api_comment(comment: QueuedComment) -> ApiComment {
    ApiComment {
        id: comment.id.0,
        article: comment.article_slug,
        parent_id: comment.parent_id.map(|id| id.0),
        author_name: comment.author_name,
        staff: comment.is_staff,
        status: comment.status.code(),
        text: comment.body,
        language: comment.language,
        score: comment.screen_score,
        flagged: comment.screen_flagged,
        findings: comment.screen_findings,
        flags: comment.flags.iter().map(|flag| flag.code().to_owned()).collect(),
        created_at: comment.created_at,
        featured: comment.featured,
        version: comment.version,
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    limit: Option<u32>,
}

pub(crate) async fn list_comments<S: Store>(
    State(state): State<AppState<S>>,
    user: ApiUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<ApiComment>>, ApiError> {
    require(&user, ApiScope::ModerationRead, Action::ModerateComments)?;
    let status = match query.status.as_deref() {
        None => CommentStatus::Pending,
        Some(code) => CommentStatus::from_code(code).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad-status",
                "status must be pending, approved, rejected or spam",
            )
        })?,
    };
    let label = match query.label.as_deref() {
        None => None,
        Some(name) => Some(Label::from_name(name).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad-label",
                "label must be banned, duplicate, hate, obscene, attack, toxic, spam or suspect",
            )
        })?),
    };
    let filter = QueueFilter {
        status,
        article_slug: query.article,
        language: query.lang,
        label,
        limit: query.limit.unwrap_or(100).clamp(1, 1000),
    };
    let comments = state.store.moderation_queue(&filter).await?;
    Ok(Json(comments.into_iter().map(api_comment).collect()))
}

/// A comment a decision is about, with the version the client saw in the listing.
#[derive(Debug, Deserialize)]
pub(crate) struct ApiTarget {
    id: i64,
    version: i64,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ApiDecision {
    #[serde(default)]
    comments: Vec<ApiTarget>,
    /// The old form without versions: refused with a message saying what to send instead.
    #[serde(default)]
    ids: Option<Vec<i64>>,
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DecisionResponse {
    changed: usize,
    /// The logged action, to undo it, when exactly one comment changed.
    action_id: Option<i64>,
}

pub(crate) async fn decide<S: Store>(
    State(state): State<AppState<S>>,
    user: ApiUser,
    headers: HeaderMap,
    Json(request): Json<ApiDecision>,
) -> Result<Json<DecisionResponse>, ApiError> {
    require(&user, ApiScope::ModerationWrite, Action::ModerateComments)?;
    let l10n = state.catalog.localizer(crate::reading::preferred_language(&headers));
    let refuse = |error: DecisionError| match error {
        DecisionError::Store(error) => ApiError::from(error),
        error => ApiError::new(
            crate::moderation::refusal_status(&error),
            error.code(),
            crate::moderation::decision_message(&l10n, &error),
        ),
    };
    if let Some(first) = request.ids.as_ref().and_then(|ids| ids.first()) {
        return Err(refuse(DecisionError::VersionMissing(CommentId(*first))));
    }
    let request = DecisionRequest {
        targets: request
            .comments
            .into_iter()
            .map(|target| DecisionTarget { id: CommentId(target.id), version: target.version })
            .collect(),
        action: request.action,
        reason: request.reason,
        link_hash: None,
    };
    let by = crate::moderation::moderator_of(&state, &user.user).await?;
    let after = crate::moderation::AfterWeb(&state);
    let applied =
        apply_decision(&state.store, &after, &by, request, now()).await.map_err(refuse)?;
    Ok(Json(DecisionResponse {
        changed: applied.changed(),
        action_id: applied.undoable_action().map(|id| id.0),
    }))
}

#[derive(Debug, Serialize)]
pub(crate) struct UndoResponse {
    undone: bool,
}

pub(crate) async fn undo<S: Store>(
    State(state): State<AppState<S>>,
    user: ApiUser,
    Path(action_id): Path<i64>,
) -> Result<Json<UndoResponse>, ApiError> {
    require(&user, ApiScope::ModerationWrite, Action::ModerateComments)?;
    let undone = state.store.undo_action(ActionId(action_id), user.user.id, now()).await?;
    if undone {
        state.pages.invalidate();
    }
    Ok(Json(UndoResponse { undone }))
}

#[derive(Debug, Serialize)]
pub(crate) struct ApiAction {
    id: i64,
    comment_id: i64,
    moderator: String,
    action: &'static str,
    reason: Option<&'static str>,
    previous_status: &'static str,
    new_status: &'static str,
    at: i64,
    undone: bool,
}

pub(crate) async fn actions<S: Store>(
    State(state): State<AppState<S>>,
    user: ApiUser,
) -> Result<Json<Vec<ApiAction>>, ApiError> {
    require(&user, ApiScope::ModerationRead, Action::ModerateComments)?;
    let actions = state.store.recent_actions(200).await?;
    Ok(Json(
        actions
            .into_iter()
            .map(|action| ApiAction {
                id: action.id.0,
                comment_id: action.comment_id.0,
                moderator: action.moderator,
                action: action.action.code(),
                reason: action.reason.map(ashyq_store::RejectReason::code),
                previous_status: action.previous_status.code(),
                new_status: action.new_status.code(),
                at: action.at,
                undone: action.undone,
            })
            .collect(),
    ))
}

pub(crate) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scope each documented operation needs, as the handlers above require it.
    const REQUIRED: [(&str, &str, ApiScope); 4] = [
        ("/moderation/comments", "get", ApiScope::ModerationRead),
        ("/moderation/actions", "get", ApiScope::ModerationRead),
        ("/moderation/decisions", "post", ApiScope::ModerationWrite),
        ("/moderation/actions/{id}/undo", "post", ApiScope::ModerationWrite),
    ];

    #[test]
    fn the_description_names_each_operations_scope_and_its_refusals() {
        let spec: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let operations: usize = spec["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|path| path.as_object().unwrap().len())
            .sum();
        assert_eq!(operations, REQUIRED.len(), "every operation is in the table");
        for (path, method, scope) in REQUIRED {
            let operation = &spec["paths"][path][method];
            assert_eq!(operation["security"][0]["token"][0], scope.code(), "{method} {path}");
            for status in ["401", "403"] {
                assert!(operation["responses"][status].is_object(), "{method} {path} {status}");
            }
        }
    }

    #[test]
    fn refusals_carry_a_bearer_challenge() {
        let response = ApiError::insufficient_scope(ApiScope::ModerationWrite).into_response();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            response.headers()[header::WWW_AUTHENTICATE],
            "Bearer realm=\"ashyq\", error=\"insufficient_scope\", scope=\"moderation:write\""
        );
        let response = ApiError::unauthorized(None, "no token").into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer realm=\"ashyq\"");
    }
}
