//! `ashyq moderation eval` on labelled files: the JSON contract and clear errors.

use crate::support::{Browser, TestApp, run_ashyq};

const SAMPLE: &str = "id\tlang\tlabel\ttext\torig_label\tspans
t-1\ten\tclean\tThanks for the interview, the part about the printing house was new to me.\t\t
t-2\ten\tobscene\tthis is f.u.c.k.i.n.g garbage\t\t
t-3\tru\tclean\tСпасибо за перевод, очень полезный материал.\t\t
t-4\tru\ttoxic\tавтор полный идиот и дебил\t\t
";

#[test]
fn eval_json_prints_exactly_one_object_with_the_agreed_keys() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sample.tsv"), SAMPLE).unwrap();
    let output = run_ashyq(dir.path(), &["moderation", "eval", "sample.tsv", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.trim().lines().count(), 1, "one JSON object on one line: {stdout}");
    for key in [
        "\"precision\":",
        "\"recall\":",
        "\"f1\":",
        "\"comments_per_second\":",
        "\"per_language\":",
        "\"per_label\":",
    ] {
        assert!(stdout.contains(key), "{key} missing from {stdout}");
    }
    assert!(stdout.contains("\"en\":{") && stdout.contains("\"ru\":{"), "{stdout}");
    assert!(stdout.starts_with('{') && stdout.trim_end().ends_with('}'));

    let human = run_ashyq(dir.path(), &["moderation", "eval", "sample.tsv"]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("overall") && text.contains("comments per second"), "{text}");
}

#[test]
fn a_malformed_file_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.tsv"), format!("{SAMPLE}t-5\ten\tnasty\tsome text\t\t\n"))
        .unwrap();
    let output = run_ashyq(dir.path(), &["moderation", "eval", "bad.tsv"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("bad.tsv:6"), "{stderr}");
    assert!(stderr.contains("nasty"), "{stderr}");
}

/// Labelled rows where a made-up word, "zorbl", is what makes a comment unacceptable: a model trained on them
/// flags it, the built-in model has never seen it.
fn made_up_rows() -> String {
    let mut tsv = String::from("id\tlang\tlabel\ttext\torig_label\tspans\n");
    let fillers = ["auyl", "kitap", "jol", "mektep", "bazar", "tau", "ozen", "qala", "kun", "su"];
    for (i, a) in fillers.iter().enumerate() {
        for (j, b) in fillers.iter().enumerate() {
            let n = i * 10 + j;
            tsv.push_str(&format!("z-{n}\tkk\tattack\tzorbl {a} {b}\t\t\n"));
            tsv.push_str(&format!("c-{n}\tkk\tclean\t{b} {a} jaqsy\t\t\n"));
        }
    }
    tsv
}

#[test]
fn a_retrained_model_is_used_by_eval_and_serve_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("train.tsv"), made_up_rows()).unwrap();
    std::fs::write(
        dir.path().join("probe.tsv"),
        "id\tlang\tlabel\ttext\torig_label\tspans\np-1\tkk\tattack\tzorbl zorbl\t\t\n",
    )
    .unwrap();
    let trained = run_ashyq(
        dir.path(),
        &["moderation", "train", "--from", "train.tsv", "--out", "site-model.bin"],
    );
    let stderr = String::from_utf8_lossy(&trained.stderr);
    assert!(trained.status.success(), "{stderr}");
    assert!(stderr.contains("held-aside") && stderr.contains("moderation_model"), "{stderr}");

    let attack_recall = |extra: &[&str]| {
        let mut args = vec!["moderation", "eval", "--json", "probe.tsv"];
        args.extend_from_slice(extra);
        let output = run_ashyq(dir.path(), &args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["per_label"]["attack"]["recall"].as_f64().unwrap()
    };
    assert_eq!(attack_recall(&[]), 0.0, "the built-in model does not know the made-up word");
    assert_eq!(attack_recall(&["--model", "site-model.bin"]), 1.0, "the retrained one does");

    // A file that is not a model is a clear error, in eval and when the server starts.
    std::fs::write(dir.path().join("broken.bin"), b"not a model").unwrap();
    let output =
        run_ashyq(dir.path(), &["moderation", "eval", "probe.tsv", "--model", "broken.bin"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.bin is not a usable moderation model"), "{stderr}");

    let mut server = std::process::Command::new(crate::support::BINARY)
        .args(["serve", "--listen", "127.0.0.1:0", "--data", "data"])
        .current_dir(dir.path())
        .env("ASHYQ_MODERATION_MODEL", "broken.bin")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            server.kill().unwrap();
            panic!("the server started with a broken moderation model");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(!status.success());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut server.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(stderr.contains("broken.bin is not a usable moderation model"), "{stderr}");
}

#[test]
fn the_queue_shows_what_drove_a_flag_beside_the_score() {
    let app = TestApp::with_demo();
    app.add_user("mod@example.org", "Mira Moderator", "moderator", "steppe wind over the river");
    let mut reader = Browser::new(&app);
    reader.get("/articles/reading-us-when-blocked");
    let started =
        (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
            - 30)
            .to_string();
    let body = "Sen naghyz aqymaqsyn, oqymai jazasyn";
    let posted = reader.post(
        "/articles/reading-us-when-blocked/comments",
        &[("name", "Latin Reader"), ("body", body), ("form_started", &started)],
    );
    assert_eq!(posted.status, 303);
    let mut moderator = Browser::new(&app);
    assert_eq!(moderator.login("mod@example.org", "steppe wind over the river").status, 303);
    let queue = moderator.get("/moderation?status=pending");
    let item = queue
        .body
        .split("<li class=\"queue-item")
        .find(|item| item.contains("Latin Reader"))
        .expect("the comment is in the queue");
    // Its item names the words the model weighed, next to the score (no word list knows this spelling).
    assert!(item.contains("driven by") && item.contains("aqymaqsyn"), "{item}");
}
