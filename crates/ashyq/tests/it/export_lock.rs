//! Issue 12, weak spot closed: two `ashyq export site` runs into one folder. One holds the folder's
//! lock until its manifest is signed; the other is refused at once, naming the folder and the
//! holder; `verify` says when an export is running or was interrupted, and the copy left verifies.

use std::fs::File;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::mirror::{LIVE, ashyq, demo_site, export, succeed};
use crate::support::BINARY;

const LOCK: &str = ".ashyq-export.lock";

fn key_line(data: &Path) -> String {
    let shown = succeed(ashyq(data, &["key", "show"]), "key show");
    shown.lines().last().unwrap().to_owned()
}

fn verify(data: &Path, out: &Path) -> (bool, String) {
    let output = ashyq(data, &["verify", out.to_str().unwrap()]);
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `minisign -V` on the copy's manifest, where minisign is installed (CI installs it).
fn minisign_accepts(out: &Path, key: &str) {
    let Ok(output) = Command::new("minisign")
        .args(["-V", "-m", "manifest.txt", "-P", key])
        .current_dir(out)
        .output()
    else {
        assert!(std::env::var_os("CI").is_none(), "CI must install minisign");
        return;
    };
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn exports_started_together_into_one_folder_never_interleave_and_the_copy_verifies_issue_12() {
    let data = demo_site();
    let key = key_line(data.path());
    for round in 0..3 {
        let out = tempfile::tempdir().unwrap();
        if round == 2 {
            // Into an earlier export, too.
            export(data.path(), out.path());
        }
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(BINARY)
                    .arg("--data")
                    .arg(data.path())
                    .args(["export", "site", "--out", out.path().to_str().unwrap()])
                    .env("ASHYQ_LOG", "warn")
                    .env("ASHYQ_PUBLIC_URL", LIVE)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut finished = 0;
        for child in children {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            if output.status.success() {
                finished += 1;
            } else {
                // The holder is named by its process, or, when it has not written its line
                // within half a second of taking the lock (a loaded machine), as just starting.
                assert!(
                    stderr.contains("another `ashyq export site` is writing into")
                        && stderr.contains(&out.path().display().to_string())
                        && (stderr.contains("process ")
                            || stderr.contains("an export just starting")),
                    "a refused export names the folder and the holder: {stderr}"
                );
            }
        }
        assert!(finished >= 1, "round {round}: one export finishes");
        eprintln!("round {round}: {finished} of 3 exports finished, the others were refused");
        assert!(!out.path().join(LOCK).exists(), "the finished export removed its mark");
        let (good, said) = verify(data.path(), out.path());
        assert!(good, "round {round}: {said}");
        minisign_accepts(out.path(), &key);
    }
}

#[test]
fn an_export_into_a_folder_being_exported_into_is_refused_and_verify_names_the_unfinished_copy_issue_12()
 {
    let data = demo_site();
    let out = tempfile::tempdir().unwrap();
    export(data.path(), out.path());
    let page = out.path().join("articles/reading-us-when-blocked/index.html");
    let before = std::fs::read(&page).unwrap();

    // Another export holds the folder (this test stands in for it).
    let mut holder = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(out.path().join(LOCK))
        .unwrap();
    holder.try_lock().unwrap();
    writeln!(holder, "process 4242, started 2026-11-30T12:00:00Z").unwrap();
    let output = ashyq(data.path(), &["export", "site", "--out", out.path().to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&out.path().display().to_string()), "{stderr}");
    assert!(stderr.contains("process 4242, started 2026-11-30T12:00:00Z"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(std::fs::read(&page).unwrap(), before);
    let (good, said) = verify(data.path(), out.path());
    assert!(!good);
    assert!(said.contains("is writing into") && said.contains("process 4242"), "{said}");

    // The holder dies half-way: a page is half new, its mark stays.
    std::fs::write(&page, b"<p>half of a new page</p>").unwrap();
    drop(holder);
    let (good, said) = verify(data.path(), out.path());
    assert!(!good);
    assert!(said.contains("started and never finished") && said.contains("process 4242"), "{said}");
    assert!(said.contains("changed: articles/reading-us-when-blocked/index.html"), "{said}");
    assert!(!said.contains("extra: .ashyq-export.lock"), "{said}");

    // The next export completes the copy and removes the mark.
    let output = ashyq(data.path(), &["export", "site", "--out", out.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    succeed(output, "export after an interrupted one");
    assert!(stderr.contains("did not finish (process 4242"), "{stderr}");
    assert!(!out.path().join(LOCK).exists());
    let (good, said) = verify(data.path(), out.path());
    assert!(good, "{said}");
}

#[test]
fn a_first_export_that_was_interrupted_is_completed_and_a_strangers_folder_is_left_untouched_issue_12()
 {
    let data = demo_site();
    // A folder holding someone else's files: refused, and no lock file is left in it.
    let theirs = tempfile::tempdir().unwrap();
    std::fs::write(theirs.path().join("notes.txt"), "mine").unwrap();
    let output = ashyq(data.path(), &["export", "site", "--out", theirs.path().to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(!theirs.path().join(LOCK).exists());

    // A first export stopped before its manifest: pages and the mark, no manifest.
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join(LOCK), "process 4243, started 2026-11-30T12:00:00Z\n").unwrap();
    std::fs::create_dir_all(out.path().join("articles")).unwrap();
    std::fs::write(out.path().join("index.html"), "<p>half</p>").unwrap();
    let key = key_line(data.path());
    let output = ashyq(data.path(), &["verify", out.path().to_str().unwrap(), "--key", &key]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("its first export (process 4243"), "{stderr}");
    export(data.path(), out.path());
    assert!(!out.path().join(LOCK).exists());
    let (good, said) = verify(data.path(), out.path());
    assert!(good, "{said}");
}

#[test]
fn an_export_killed_at_any_moment_leaves_a_copy_verify_flags_and_the_next_export_completes_issue_12()
 {
    let data = demo_site();
    let out = tempfile::tempdir().unwrap();
    export(data.path(), out.path());
    // Something to write: the comment count and a new page change.
    let mut unfinished = 0;
    for delay_ms in [5, 30, 60, 90, 120, 160, 220] {
        let mut child = Command::new(BINARY)
            .arg("--data")
            .arg(data.path())
            .args(["export", "site", "--out", out.path().to_str().unwrap()])
            .env("ASHYQ_LOG", "warn")
            .env("ASHYQ_PUBLIC_URL", LIVE)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Half the rounds into a copy some of whose files are stale, so there is writing to cut.
        if delay_ms % 60 == 0 {
            std::fs::write(out.path().join("index.html"), "<p>stale</p>").unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap();
        let killed = child.wait().unwrap();
        let (good, said) = verify(data.path(), out.path());
        if out.path().join(LOCK).exists() {
            unfinished += 1;
            assert!(!good, "a copy whose export was killed never verifies: {said}");
            assert!(said.contains("started and never finished"), "{said}");
        } else {
            assert!(killed.success() || good || said.contains("changed: index.html"), "{said}");
        }
        let output = ashyq(data.path(), &["export", "site", "--out", out.path().to_str().unwrap()]);
        succeed(output, "the export after a killed one");
        let (good, said) = verify(data.path(), out.path());
        assert!(good, "after {delay_ms} ms: {said}");
        let leftovers: Vec<String> = crate::mirror::files_under(out.path())
            .into_iter()
            .filter(|path| path.rsplit('/').next().unwrap_or_default().starts_with(".ashyq-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    eprintln!("{unfinished} of 7 exports were killed before they finished");
}
