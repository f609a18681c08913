//! Caps glibc's malloc arenas for the server process.
//!
//! glibc gives threads that allocate at the same time arenas of their own, up to eight per core.
//! The server's threads (tokio's workers and SQLite's connection threads) allocate and free page
//! caches and rendered pages all day; spread over a dozen arenas the freed memory is rarely
//! reused, and a 90-second soak at full load grew resident memory by a third (bench/soak.sh). With
//! two arenas it grew by a seventh, with no loss of throughput. The cap can only be set before the
//! first allocation of the process, through the `MALLOC_ARENA_MAX` variable, so the server starts
//! itself once more with the variable set. Rust's `mallopt` would need `unsafe`, which this
//! workspace forbids; mimalloc (tried) grew more than glibc.
//!
//! Someone who sets `MALLOC_ARENA_MAX` themselves keeps their value; other C libraries ignore it.

use std::os::unix::process::CommandExt as _;

const VARIABLE: &str = "MALLOC_ARENA_MAX";
const ARENAS: &str = "2";

/// Replaces this process with itself, same arguments, with the arena cap set — unless it is set
/// already. Returns only if it was set, or if the restart failed (the server then runs without
/// the cap, and says so).
pub(crate) fn cap_for_server() {
    if std::env::var_os(VARIABLE).is_some() {
        return;
    }
    let Ok(executable) = std::env::current_exe() else { return };
    let error = std::process::Command::new(executable)
        .args(std::env::args_os().skip(1))
        .env(VARIABLE, ARENAS)
        .exec();
    eprintln!("ashyq: could not restart with {VARIABLE}={ARENAS} ({error}); continuing without it");
}
