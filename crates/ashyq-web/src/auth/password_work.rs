//! A bound on Argon2 work. Each hash takes 19 MiB and a core for tens of milliseconds: run on
//! tokio's blocking pool without a bound, 150 concurrent logins took the server to 4.7 GB. Here at
//! most `workers` hashes run at once, at most `queue` more wait, and anyone past that is told to
//! come back (503 with `Retry-After`) before any memory is taken. The permit travels with the
//! blocking job, so a client that hangs up does not free a slot while its hash still runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Semaphore;

/// Why password work did not run.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PasswordWorkError {
    #[error("too much password work is running or waiting")]
    Busy,
    #[error("password work failed: {0}")]
    Failed(String),
}

/// Runs password hashing and checking with a bounded number of workers and a short queue.
#[derive(Debug)]
pub(crate) struct PasswordWork {
    workers: Arc<Semaphore>,
    /// Jobs admitted: running or waiting for a worker.
    admitted: Arc<AtomicUsize>,
    capacity: usize,
}

/// A place in the queue; dropped unused, it is given back.
pub(crate) struct Ticket {
    workers: Arc<Semaphore>,
    admission: Admission,
}

impl std::fmt::Debug for Ticket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ticket")
    }
}

impl Ticket {
    /// Waits for a worker, then runs `work` on a blocking thread.
    pub(crate) async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordWorkError> {
        let Ticket { workers, admission } = self;
        let permit = workers
            .acquire_owned()
            .await
            .map_err(|error| PasswordWorkError::Failed(error.to_string()))?;
        tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            drop(admission);
            result
        })
        .await
        .map_err(|error| PasswordWorkError::Failed(error.to_string()))
    }
}

/// Gives an admission back when dropped (after the job ran, or when a waiting request went away).
struct Admission(Arc<AtomicUsize>);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl PasswordWork {
    pub(crate) fn new(workers: usize, queue: usize) -> PasswordWork {
        let workers = workers.max(1);
        PasswordWork {
            workers: Arc::new(Semaphore::new(workers)),
            admitted: Arc::new(AtomicUsize::new(0)),
            capacity: workers + queue,
        }
    }

    /// The process's bound: half the cores (at least one) hash, so the other half keep serving
    /// readers, and eight jobs per worker may wait (a few hundred milliseconds at most).
    pub(crate) fn shared() -> &'static PasswordWork {
        static SHARED: std::sync::OnceLock<PasswordWork> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            let workers = (cores / 2).max(1);
            PasswordWork::new(workers, 8 * workers)
        })
    }

    /// Runs `work` on a blocking thread once a worker is free, or refuses at once when the queue
    /// is full.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordWorkError> {
        self.admit()?.run(work).await
    }

    /// Takes a place in the queue, or refuses at once when it is full: call it before other slow
    /// work that is only worth doing if the hash can run (the account lookup at login).
    pub(crate) fn admit(&self) -> Result<Ticket, PasswordWorkError> {
        let previous = self.admitted.fetch_add(1, Ordering::SeqCst);
        let admission = Admission(Arc::clone(&self.admitted));
        if previous >= self.capacity {
            return Err(PasswordWorkError::Busy);
        }
        Ok(Ticket { workers: Arc::clone(&self.workers), admission })
    }

    #[cfg(test)]
    fn admitted(&self) -> usize {
        self.admitted.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn past_the_workers_and_the_queue_requests_are_refused_at_once() {
        let work = Arc::new(PasswordWork::new(1, 2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut jobs = Vec::new();
        for _ in 0..10 {
            let (work, running, most) =
                (Arc::clone(&work), Arc::clone(&running), Arc::clone(&most));
            jobs.push(tokio::spawn(async move {
                work.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(50));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
                .await
            }));
        }
        let mut done = 0;
        let mut busy = 0;
        for job in jobs {
            match job.await.unwrap() {
                Ok(()) => done += 1,
                Err(PasswordWorkError::Busy) => busy += 1,
                Err(other) => panic!("{other}"),
            }
        }
        assert_eq!((done, busy), (3, 7), "one running and two waiting; the rest refused");
        assert_eq!(most.load(Ordering::SeqCst), 1, "never more than one hash at a time");
        assert_eq!(work.admitted(), 0);
        assert!(work.run(|| ()).await.is_ok(), "free again afterwards");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_ticket_holds_its_place_until_used_or_dropped() {
        let work = PasswordWork::new(1, 1);
        let first = work.admit().unwrap();
        let second = work.admit().unwrap();
        assert!(matches!(work.admit(), Err(PasswordWorkError::Busy)));
        drop(second);
        assert_eq!(work.admitted(), 1);
        assert_eq!(first.run(|| 7).await.unwrap(), 7);
        assert_eq!(work.admitted(), 0);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_client_that_hangs_up_does_not_free_a_running_slot() {
        let work = Arc::new(PasswordWork::new(1, 0));
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let job = {
            let work = Arc::clone(&work);
            tokio::spawn(async move {
                work.run(move || {
                    started_tx.send(()).unwrap();
                    release_rx.recv().unwrap();
                })
                .await
            })
        };
        tokio::task::spawn_blocking(move || started_rx.recv().unwrap()).await.unwrap();
        job.abort();
        let _ = job.await;
        assert!(
            matches!(work.run(|| ()).await, Err(PasswordWorkError::Busy)),
            "the hash still runs, so its slot is still taken"
        );
        release_tx.send(()).unwrap();
        for _ in 0..100 {
            if work.admitted() == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(work.run(|| ()).await.is_ok());
    }
}
