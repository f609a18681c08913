//! Moderators' decisions in PostgreSQL: `decide_comments` and the steps inside its write
//! transaction,
//! undoing an action, and reading the log of actions.

use ashyq_store::{
    ActionId, ActionKind, AppliedChange, CommentId, CommentStatus, DecideOutcome, Decision,
    DecisionConflict, DecisionStamp, DecisionTarget, ModerationAction, RejectReason, StoreResult,
    UserId,
};
use sqlx::{PgConnection, Row};

use crate::errors::map_error;
use crate::{PostgresStore, finish_write};

use super::status_of;

/// The status a decision leads to from `current`, or `None` when it does not apply.
fn next_status(current: CommentStatus, decision: &Decision) -> Option<CommentStatus> {
    match (decision, current) {
        (_, CommentStatus::Withdrawn) => None,
        (Decision::Approve, _) => Some(CommentStatus::Approved),
        (Decision::Reject { .. }, _) => Some(CommentStatus::Rejected),
        (Decision::Spam, _) => Some(CommentStatus::Spam),
        (Decision::NotSpam, CommentStatus::Spam) => Some(CommentStatus::Pending),
        (Decision::NotSpam, _) => None,
        (Decision::Feature(_), CommentStatus::Approved) => Some(CommentStatus::Approved),
        (Decision::Feature(_), _) => None,
    }
}

pub(super) async fn decide_comments(
    store: &PostgresStore,
    targets: &[DecisionTarget],
    decision: &Decision,
    stamp: DecisionStamp<'_>,
) -> StoreResult<DecideOutcome> {
    let mut connection = store.begin_write().await?;
    match decide_in(&mut connection, targets, decision, stamp).await {
        Ok(DecideOutcome::Applied(changes)) => {
            finish_write(connection, Ok(DecideOutcome::Applied(changes))).await
        }
        Ok(refused) => {
            // Nothing of a refused decision is kept, not even the changes to earlier targets.
            connection.rollback().await?;
            Ok(refused)
        }
        Err(error) => finish_write(connection, Err(error)).await,
    }
}

/// The body of `decide_comments`, inside its write transaction.
pub(super) async fn decide_in(
    connection: &mut PgConnection,
    targets: &[DecisionTarget],
    decision: &Decision,
    stamp: DecisionStamp<'_>,
) -> Result<DecideOutcome, sqlx::Error> {
    let reason = match decision {
        Decision::Reject { reason } => Some(reason.code()),
        _ => None,
    };
    if let (Some(link_hash), Some(first)) = (stamp.link_hash, targets.first()) {
        let used: Option<i64> = crate::sql::query_scalar(
            "SELECT action_id FROM moderation_actions WHERE link_hash = ?",
        )
        .bind(link_hash)
        .fetch_optional(&mut *connection)
        .await?;
        if used.is_some() {
            return Ok(DecideOutcome::Refused {
                id: first.id,
                conflict: DecisionConflict::LinkUsed,
            });
        }
    }
    let mut changes = Vec::with_capacity(targets.len());
    let mut link_hash = stamp.link_hash;
    for target in targets {
        let current: Option<(String, i64, i64, i64)> = crate::sql::query_as(
            "SELECT status, featured, version, text_version FROM comments WHERE comment_id = ?",
        )
        .bind(target.id.0)
        .fetch_optional(&mut *connection)
        .await?;
        let Some((status, featured, version, text_version)) = current else {
            return Ok(DecideOutcome::Refused {
                id: target.id,
                conflict: DecisionConflict::Missing,
            });
        };
        let status = status_of(&status);
        if version != target.version {
            let conflict =
                conflict_since(connection, target, status, version, text_version).await?;
            return Ok(DecideOutcome::Refused { id: target.id, conflict });
        }
        let Some(next) = next_status(status, decision) else { continue };
        let next_featured = match decision {
            Decision::Feature(on) => i64::from(*on),
            _ if next == CommentStatus::Approved => featured,
            _ => 0,
        };
        // Conditional on the version in the same statement: whatever landed since the read above
        // (impossible under SQLite's write lock, possible on other backends) refuses the decision.
        let updated = crate::sql::query(
            "UPDATE comments SET status = ?, featured = ?, decided_at = ?, decided_by = ?, \
             decision_reason = COALESCE(?, decision_reason), updated_at = ?, version = version + 1 \
             WHERE comment_id = ? AND version = ?",
        )
        .bind(next.code())
        .bind(next_featured)
        .bind(stamp.now)
        .bind(stamp.by.0)
        .bind(reason)
        .bind(stamp.now)
        .bind(target.id.0)
        .bind(target.version)
        .execute(&mut *connection)
        .await?;
        if updated.rows_affected() != 1 {
            let conflict = DecisionConflict::DecidedMeanwhile {
                seen: target.version,
                now: target.version + 1,
                by: None,
            };
            return Ok(DecideOutcome::Refused { id: target.id, conflict });
        }
        let action_id: i64 = crate::sql::query_scalar(
            "INSERT INTO moderation_actions (comment_id, user_id, action, reason, previous_status, new_status, \
             previous_featured, at, link_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING action_id",
        )
        .bind(target.id.0)
        .bind(stamp.by.0)
        .bind(decision.code())
        .bind(reason)
        .bind(status.code())
        .bind(next.code())
        .bind(featured)
        .bind(stamp.now)
        .bind(link_hash.take())
        .fetch_one(&mut *connection)
        .await?;
        changes.push(AppliedChange {
            id: target.id,
            action_id: ActionId(action_id),
            previous: status,
            new: next,
        });
    }
    Ok(DecideOutcome::Applied(changes))
}

/// Why a comment is no longer at the version a moderator saw.
async fn conflict_since(
    connection: &mut PgConnection,
    target: &DecisionTarget,
    status: CommentStatus,
    version: i64,
    text_version: i64,
) -> Result<DecisionConflict, sqlx::Error> {
    if text_version > target.version {
        return Ok(DecisionConflict::TextChanged { seen: target.version, now: version });
    }
    if status == CommentStatus::Withdrawn {
        return Ok(DecisionConflict::Withdrawn);
    }
    let by: Option<String> = crate::sql::query_scalar(
        "SELECT u.name FROM moderation_actions m JOIN users u ON u.user_id = m.user_id \
         WHERE m.comment_id = ? ORDER BY m.action_id DESC LIMIT 1",
    )
    .bind(target.id.0)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(DecisionConflict::DecidedMeanwhile { seen: target.version, now: version, by })
}

/// A logged action's kind. Only ashyq writes the column, with [`ActionKind::code`]; a word it
/// does not know is a damaged row, reported as such rather than shown as something else.
pub(super) fn action_of(code: &str) -> Result<ActionKind, sqlx::Error> {
    ActionKind::from_code(code).ok_or_else(|| {
        sqlx::Error::Decode(format!("moderation_actions.action: unknown action `{code}`").into())
    })
}

pub(super) async fn undo_action(
    store: &PostgresStore,
    action_id: ActionId,
    by: UserId,
    now: i64,
) -> StoreResult<bool> {
    let mut tx = store.begin_write().await?;
    let action: Option<(i64, String, String, i64)> = crate::sql::query_as(
        "SELECT comment_id, previous_status, new_status, previous_featured FROM moderation_actions \
         WHERE action_id = ? AND undone_at IS NULL",
    )
    .bind(action_id.0)
    .fetch_optional(&mut *tx)
    .await
    .map_err(map_error)?;
    let Some((comment_id, previous, new, previous_featured)) = action else {
        tx.rollback().await?;
        return Ok(false);
    };
    // Undo only while the comment is still as this action left it.
    let result = crate::sql::query(
        "UPDATE comments SET status = ?, featured = ?, decided_at = ?, decided_by = ?, updated_at = ?, \
         version = version + 1 WHERE comment_id = ? AND status = ?",
    )
    .bind(&previous)
    .bind(previous_featured)
    .bind(now)
    .bind(by.0)
    .bind(now)
    .bind(comment_id)
    .bind(&new)
    .execute(&mut *tx)
    .await
    .map_err(map_error)?;
    if result.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    crate::sql::query("UPDATE moderation_actions SET undone_at = ? WHERE action_id = ?")
        .bind(now)
        .bind(action_id.0)
        .execute(&mut *tx)
        .await
        .map_err(map_error)?;
    crate::sql::query(
        "INSERT INTO moderation_actions (comment_id, user_id, action, previous_status, new_status, at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(comment_id)
    .bind(by.0)
    .bind(ActionKind::Undo.code())
    .bind(&new)
    .bind(&previous)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(map_error)?;
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn recent_actions(
    store: &PostgresStore,
    limit: u32,
) -> StoreResult<Vec<ModerationAction>> {
    let rows = crate::sql::query(
        "SELECT m.action_id, m.comment_id, COALESCE(u.name, '') AS moderator, m.action, m.reason, \
         m.previous_status, m.new_status, m.at, m.undone_at FROM moderation_actions m \
         LEFT JOIN users u ON u.user_id = m.user_id ORDER BY m.action_id DESC LIMIT ?",
    )
    .bind(i64::from(limit))
    .fetch_all(&store.pool)
    .await
    .map_err(map_error)?;
    rows.iter()
        .map(|row| {
            let previous: String = row.try_get("previous_status")?;
            let new: String = row.try_get("new_status")?;
            Ok(ModerationAction {
                id: ActionId(row.try_get("action_id")?),
                comment_id: CommentId(row.try_get("comment_id")?),
                moderator: row.try_get("moderator")?,
                action: action_of(&row.try_get::<String, _>("action")?)?,
                reason: row
                    .try_get::<Option<String>, _>("reason")?
                    .map(|code| RejectReason::from_stored(&code)),
                previous_status: status_of(&previous),
                new_status: status_of(&new),
                at: row.try_get("at")?,
                undone: row.try_get::<Option<i64>, _>("undone_at")?.is_some(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()
        .map_err(map_error)
}
