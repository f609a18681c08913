//! A bound on Argon2 work. Each hash takes 19 MiB and a core for tens of milliseconds: run on
//! tokio's blocking pool without a bound, 150 concurrent logins took the server to 4.7 GB. Here at
//! most `workers` hashes run at once, at most `queue` more wait, and anyone past that is told to
//! come back (503 with `Retry-After`) before any memory is taken. The permit travels with the
//! job, so a client that hangs up does not free a slot while its hash still runs.
//!
//! The hashes run on the process's own worker threads, not tokio's blocking pool, so that those
//! threads can be given a lower scheduling priority (nice [`HASHING_NICENESS`]) once, at start: on a
//! machine whose cores are all busy, a reader's page (on the async threads, nice 0) then goes
//! before a stranger's password guess, and the guesses still get a fair share when the readers
//! leave room. Measured by `bench/hostile.sh`: waves of 400 password posts kept one of two cores
//! hashing and pushed the reader's p99 to 84 ms at equal priority.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use tokio::sync::{Semaphore, oneshot};

/// The niceness of the hashing threads: weight 110 against the async threads' 1024, so about a
/// tenth of a contended core (Linux CFS/EEVDF weights).
pub(crate) const HASHING_NICENESS: i32 = 10;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Lowers the calling thread's scheduling priority (Linux: `setpriority` on the thread id only).
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    if let Err(error) =
        rustix::process::setpriority_process(Some(rustix::thread::gettid()), HASHING_NICENESS)
    {
        tracing::warn!(%error, "could not lower the password-hashing thread's priority");
    }
}

/// Threads that run password jobs, started once; a job's panic is caught so the thread lives on.
#[derive(Debug)]
struct HashingThreads {
    jobs: mpsc::Sender<Job>,
}

impl HashingThreads {
    fn start(count: usize) -> Result<HashingThreads, std::io::Error> {
        let (jobs, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for index in 0..count {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new().name(format!("ashyq-hash-{index}")).spawn(move || {
                lower_this_threads_priority();
                loop {
                    let job = receiver.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(job) = job else { break };
                    // Jobs catch their own panics (see `Ticket::run`); this is a second net.
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
                }
            })?;
        }
        Ok(HashingThreads { jobs })
    }
}

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
    threads: Result<HashingThreads, String>,
    /// Jobs admitted: running or waiting for a worker.
    admitted: Arc<AtomicUsize>,
    capacity: usize,
}

/// A place in the queue; dropped unused, it is given back.
pub(crate) struct Ticket<'a> {
    workers: Arc<Semaphore>,
    threads: &'a Result<HashingThreads, String>,
    admission: Admission,
}

impl std::fmt::Debug for Ticket<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ticket")
    }
}

impl Ticket<'_> {
    /// Waits for a worker, then runs `work` on a hashing thread.
    pub(crate) async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordWorkError> {
        let Ticket { workers, threads, admission } = self;
        let threads = threads.as_ref().map_err(|error| PasswordWorkError::Failed(error.clone()))?;
        let permit = workers
            .acquire_owned()
            .await
            .map_err(|error| PasswordWorkError::Failed(error.to_string()))?;
        let (answer, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            // The slots are free before the caller hears back, also when `work` panics.
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(work));
            drop(permit);
            drop(admission);
            if let Ok(value) = outcome {
                let _ = answer.send(value);
            }
        });
        threads.jobs.send(job).map_err(|_| {
            PasswordWorkError::Failed("the hashing threads have stopped".to_owned())
        })?;
        result.await.map_err(|_| PasswordWorkError::Failed("a password job panicked".to_owned()))
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
            threads: HashingThreads::start(workers)
                .map_err(|error| format!("could not start the password-hashing threads: {error}")),
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

    /// Runs `work` on a hashing thread once a worker is free, or refuses at once when the queue
    /// is full.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordWorkError> {
        self.admit()?.run(work).await
    }

    /// Takes a place in the queue, or refuses at once when it is full: call it before other slow
    /// work that is only worth doing if the hash can run (the account lookup at login).
    pub(crate) fn admit(&self) -> Result<Ticket<'_>, PasswordWorkError> {
        let previous = self.admitted.fetch_add(1, Ordering::SeqCst);
        let admission = Admission(Arc::clone(&self.admitted));
        if previous >= self.capacity {
            return Err(PasswordWorkError::Busy);
        }
        Ok(Ticket { workers: Arc::clone(&self.workers), threads: &self.threads, admission })
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

    #[cfg(target_os = "linux")]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hashes_run_at_a_lower_priority_than_the_async_threads() {
        let work = PasswordWork::new(1, 0);
        let niceness = work
            .run(|| rustix::process::getpriority_process(Some(rustix::thread::gettid())))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(niceness, HASHING_NICENESS);
        let here = rustix::process::getpriority_process(Some(rustix::thread::gettid())).unwrap();
        assert!(here < niceness, "the async thread keeps its priority ({here})");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_job_fails_alone_and_the_thread_lives_on() {
        let work = PasswordWork::new(1, 0);
        assert!(matches!(
            work.run(|| -> u8 { panic!("a bad hash") }).await,
            Err(PasswordWorkError::Failed(_))
        ));
        assert_eq!(work.run(|| 5).await.unwrap(), 5);
        assert_eq!(work.admitted(), 0);
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
