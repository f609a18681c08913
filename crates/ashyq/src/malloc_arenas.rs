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
//! The same restart fixes glibc's threshold for serving large blocks from `mmap` at 4 MiB
//! (`MALLOC_MMAP_THRESHOLD_`). Left dynamic, glibc raises it to the size of the largest block freed
//! so far: after the first Argon2 check (19 MiB) every later one came from the heap, small
//! long-lived allocations landed between them, and the holes could not be given back. 130 wrong
//! logins one after another took the server from 22 MB to 257 MB. With the fixed threshold each
//! Argon2 block is mapped and unmapped, and the server stays near its resting size.
//!
//! Someone who sets these variables themselves keeps their values; other C libraries ignore them.

use std::os::unix::process::CommandExt as _;

const VARIABLE: &str = "MALLOC_ARENA_MAX";
const ARENAS: &str = "2";
const MMAP_THRESHOLD_VARIABLE: &str = "MALLOC_MMAP_THRESHOLD_";
const MMAP_THRESHOLD: &str = "4194304";

/// Replaces this process with itself, same arguments, with the arena cap set — unless it is set
/// already. Returns only if it was set, or if the restart failed (the server then runs without
/// the cap, and says so).
pub(crate) fn cap_for_server() {
    if std::env::var_os(VARIABLE).is_some() {
        return;
    }
    let Ok(executable) = std::env::current_exe() else { return };
    let mut command = std::process::Command::new(executable);
    command.args(std::env::args_os().skip(1)).env(VARIABLE, ARENAS);
    if std::env::var_os(MMAP_THRESHOLD_VARIABLE).is_none() {
        command.env(MMAP_THRESHOLD_VARIABLE, MMAP_THRESHOLD);
    }
    let error = command.exec();
    eprintln!("ashyq: could not restart with {VARIABLE}={ARENAS} ({error}); continuing without it");
}
