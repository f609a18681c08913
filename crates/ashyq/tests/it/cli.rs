//! The command line itself: help, version, settings from file and environment.

use std::process::Command;

use crate::support::{BINARY, TestApp, run_ashyq};

#[test]
fn help_and_version_name_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let help = run_ashyq(dir.path(), &["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for word in ["serve", "import", "--data"] {
        assert!(text.contains(word), "--help mentions {word}:\n{text}");
    }
    let serve_help = String::from_utf8(run_ashyq(dir.path(), &["serve", "--help"]).stdout).unwrap();
    for word in ["--listen", "--demo", "--data"] {
        assert!(serve_help.contains(word), "serve --help mentions {word}");
    }
    let version = run_ashyq(dir.path(), &["--version"]);
    assert_eq!(
        String::from_utf8(version.stdout).unwrap().trim(),
        format!("ashyq {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_bad_flag_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_ashyq(dir.path(), &["serve", "--listen", "not-an-address"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("invalid value 'not-an-address' for '--listen"), "{stderr}");
}

#[test]
fn the_config_file_sets_the_data_folder_and_rejects_unknown_keys() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ashyq.toml"),
        "data = \"from-config\"\nlisten = \"127.0.0.1:0\"\n",
    )
    .unwrap();
    let demo = crate::support::demo_dir();
    let output = run_ashyq(dir.path(), &["import", "md", demo.join("articles").to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        dir.path().join("from-config/ashyq.db").exists(),
        "the data folder came from ashyq.toml"
    );

    // The environment overrides the file.
    let output = Command::new(BINARY)
        .args(["import", "md", demo.join("articles/auyl-radiosy.md").to_str().unwrap()])
        .current_dir(dir.path())
        .env("ASHYQ_DATA", "from-env")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(dir.path().join("from-env/ashyq.db").exists(), "ASHYQ_DATA overrides the file");

    std::fs::write(dir.path().join("ashyq.toml"), "\ndatta = \"typo\"\n").unwrap();
    let output = run_ashyq(dir.path(), &["import", "md", "x.md"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("ashyq.toml:2: unknown field `datta`"), "{stderr}");
}

#[test]
fn demo_is_loaded_only_into_an_empty_database() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("notes.txt"), "other files in the folder do not matter")
        .unwrap();
    let first = TestApp::start_in(data.path(), &["--demo"]).page("/ru/");
    assert!(first.contains("/articles/tipografii-kotorye-otkazali"));
    // A second start on the same folder keeps what is there and duplicates nothing.
    let second = TestApp::start_in(data.path(), &["--demo"]).page("/ru/");
    assert_eq!(first, second);

    let empty = tempfile::tempdir().unwrap();
    let page = TestApp::start_in(empty.path(), &[]).page("/");
    assert!(page.contains("No stories have been published yet."), "no demo without --demo");
}
