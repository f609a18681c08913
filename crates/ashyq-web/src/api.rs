//! The JSON API for integrations: the moderation queue and decisions, the same operations as the
//! pages, documented in `openapi.json` (served at `/api/v1/openapi.json`). Clients authenticate with
//! `Authorization: Bearer TOKEN`, a personal token created on the account page; such requests carry
//! no ambient credentials, so the CSRF layer does not apply to them.

use ashyq_accounts::{Action, may};
use ashyq_store::{CommentId, CommentStatus, Decision, QueueFilter, QueuedComment, Store, User};
use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::auth::secrets::{hash_token, is_token};
use crate::state::{AppState, now};

/// The OpenAPI description of this API.
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// An API error: a status and a JSON body `{ "error": code, "message": text }`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            message: &'a str,
        }
        (self.status, Json(Body { error: self.code, message: &self.message })).into_response()
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

/// The person behind a bearer token.
#[derive(Debug)]
pub(crate) struct ApiUser(User);

impl<S: Store> FromRequestParts<AppState<S>> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| is_token(token));
        let unauthorized = || {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "send Authorization: Bearer TOKEN",
            )
        };
        let token = token.ok_or_else(unauthorized)?;
        match state.store.session_by_token(&hash_token(token), now()).await? {
            Some((session, user)) if !session.second_factor_pending => Ok(ApiUser(user)),
            _ => Err(unauthorized()),
        }
    }
}

fn require(user: &ApiUser, action: Action) -> Result<(), ApiError> {
    if may(&user.0.roles, action) {
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
    findings: serde_json::Value,
    flags: Vec<String>,
    created_at: i64,
    featured: bool,
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
        findings: serde_json::from_str(&comment.screen_findings)
            .unwrap_or(serde_json::Value::Array(Vec::new())),
        flags: comment.flags.split_whitespace().map(str::to_owned).collect(),
        created_at: comment.created_at,
        featured: comment.featured,
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
    require(&user, Action::ModerateComments)?;
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
    let filter = QueueFilter {
        status,
        article_slug: query.article,
        language: query.lang,
        label: query.label,
        limit: query.limit.unwrap_or(100).clamp(1, 1000),
    };
    let comments = state.store.moderation_queue(&filter).await?;
    Ok(Json(comments.into_iter().map(api_comment).collect()))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecisionRequest {
    ids: Vec<i64>,
    action: String,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DecisionResponse {
    changed: usize,
}

pub(crate) async fn decide<S: Store>(
    State(state): State<AppState<S>>,
    user: ApiUser,
    Json(request): Json<DecisionRequest>,
) -> Result<Json<DecisionResponse>, ApiError> {
    require(&user, Action::ModerateComments)?;
    let decision = match request.action.as_str() {
        "approve" => Decision::Approve,
        "reject" => {
            let reason = request.reason.as_deref().unwrap_or("other");
            if !["spam", "hate", "obscene", "attack", "other"].contains(&reason) {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad-reason",
                    "reason must be spam, hate, obscene, attack or other",
                ));
            }
            Decision::Reject { reason: reason.to_owned() }
        }
        "spam" => Decision::Spam,
        "not-spam" => Decision::NotSpam,
        "feature" | "unfeature" => {
            require(&user, Action::FeatureComment)?;
            Decision::Feature(request.action == "feature")
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad-action",
                "action must be approve, reject, spam, not-spam, feature or unfeature",
            ));
        }
    };
    if request.ids.len() > 1000 {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "too-many", "at most 1000 ids at once"));
    }
    let ids: Vec<CommentId> = request.ids.into_iter().map(CommentId).collect();
    let changed = state.store.decide_comments(&ids, &decision, user.0.id, now()).await?;
    if changed > 0 {
        state.pages.invalidate();
        if decision == Decision::Approve {
            crate::notify::approved_replies(&state, &ids);
        }
    }
    Ok(Json(DecisionResponse { changed }))
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
    require(&user, Action::ModerateComments)?;
    let undone = state.store.undo_action(action_id, user.0.id, now()).await?;
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
    action: String,
    reason: Option<String>,
    previous_status: &'static str,
    new_status: &'static str,
    at: i64,
    undone: bool,
}

pub(crate) async fn actions<S: Store>(
    State(state): State<AppState<S>>,
    user: ApiUser,
) -> Result<Json<Vec<ApiAction>>, ApiError> {
    require(&user, Action::ModerateComments)?;
    let actions = state.store.recent_actions(200).await?;
    Ok(Json(
        actions
            .into_iter()
            .map(|action| ApiAction {
                id: action.id,
                comment_id: action.comment_id.0,
                moderator: action.moderator,
                action: action.action,
                reason: action.reason,
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
