//! `ashyq moderation eval` on labelled files: the JSON contract and clear errors.

use crate::support::run_ashyq;

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
