//! The single comment writer: every new comment goes through one task that gathers what arrived
//! while the previous commit was flushing and commits it together (group commit). One fsync then
//! acknowledges many comments, and nothing is acknowledged before it is on disk.

use std::sync::Arc;

use ashyq_store::{CommentId, LimitReached, NewComment, RecentComment, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

use crate::comments::recent::{Keys, RecentComments};

/// The most comments committed together.
const MAX_BATCH: usize = 256;

/// Why a comment could not be stored.
#[derive(Debug, Clone)]
pub enum WriteError {
    /// The database cannot be written (disk full or read-only).
    Unwritable,
    /// The store counted the address's comments in the insert's transaction and it has reached
    /// its flood limit (posts through other servers count too); it may post again in
    /// `retry_after` seconds. Nothing was stored.
    LimitReached { retry_after: i64 },
    /// Anything else; the message is for the log.
    Failed(String),
}

struct Job {
    comment: NewComment,
    reply: oneshot::Sender<Result<CommentId, WriteError>>,
}

/// A handle to the writer task; cheap to clone.
#[derive(Debug, Clone)]
pub struct CommentWriter {
    sender: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").finish_non_exhaustive()
    }
}

impl CommentWriter {
    /// Starts the writer task on the current runtime. Every committed comment is added to
    /// `recent` before it is acknowledged, so the writer's next post is compared with it.
    pub fn spawn<S: Store>(store: S, recent: Arc<RecentComments>) -> CommentWriter {
        let (sender, mut receiver) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            while let Some(first) = receiver.recv().await {
                let mut jobs = vec![first];
                while jobs.len() < MAX_BATCH {
                    match receiver.try_recv() {
                        Ok(job) => jobs.push(job),
                        Err(_) => break,
                    }
                }
                let (comments, replies): (Vec<NewComment>, Vec<_>) =
                    jobs.into_iter().map(|job| (job.comment, job.reply)).unzip();
                let started = std::time::Instant::now();
                let stored = store.insert_comments(&comments).await;
                tracing::debug!(
                    comments = comments.len(),
                    took_us = started.elapsed().as_micros() as u64,
                    "comment batch stored"
                );
                match stored {
                    Ok(answers) => {
                        for (comment, answer) in comments.iter().zip(&answers) {
                            if let Ok(id) = answer {
                                recent.record(
                                    &Keys::of(comment),
                                    RecentComment::committed(*id, comment),
                                );
                            }
                        }
                        for (reply, answer) in replies.into_iter().zip(answers) {
                            let _ = reply.send(answer.map_err(|LimitReached { retry_after }| {
                                WriteError::LimitReached { retry_after }
                            }));
                        }
                    }
                    Err(error) => {
                        let failure = match &error {
                            StoreError::Unwritable(_) => WriteError::Unwritable,
                            other => WriteError::Failed(other.to_string()),
                        };
                        tracing::error!(%error, comments = comments.len(), "storing comments failed; none acknowledged");
                        for reply in replies {
                            let _ = reply.send(Err(failure.clone()));
                        }
                    }
                }
            }
        });
        CommentWriter { sender }
    }

    /// Stores one comment; returns once it is durable.
    pub async fn write(&self, comment: NewComment) -> Result<CommentId, WriteError> {
        let (reply, answer) = oneshot::channel();
        self.sender
            .send(Job { comment, reply })
            .await
            .map_err(|_| WriteError::Failed("the comment writer has stopped".to_owned()))?;
        answer
            .await
            .map_err(|_| WriteError::Failed("the comment writer dropped a comment".to_owned()))?
    }
}
