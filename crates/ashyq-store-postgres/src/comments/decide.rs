//! Moderators' decisions in PostgreSQL: the steps inside `decide_comments`'s write transaction.

use ashyq_store::{
    ActionId, AppliedChange, CommentStatus, DecideOutcome, Decision, DecisionConflict,
    DecisionStamp, DecisionTarget,
};
use sqlx::PgConnection;

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
