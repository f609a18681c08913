//! Issue 11: what an XLIFF file's `state` does on import, reported with the unit's place; and an
//! import racing browser saves and other imports of the same unit: one lands, every other is told
//! which unit (409 in the browser, `FILE:LINE:COLUMN: unit …` on the command line), nothing is
//! half-written or lost unseen.

use std::path::Path;

use crate::support::{Browser, TestApp};
use crate::xliff::{export, import_xliff, site, snapshot};

/// The exported file with the first unit's (the title's) target and state replaced, everything
/// else — our hashes included — as exported.
fn with_title(exported: &str, state: &str, target: &str) -> String {
    let empty = "<target xml:space=\"preserve\"></target>";
    assert!(exported.contains(empty), "{exported}");
    exported
        .replacen("<segment state=\"initial\">", &format!("<segment state=\"{state}\">"), 1)
        .replacen(empty, &format!("<target xml:space=\"preserve\">{target}</target>"), 1)
}

fn exported(dir: &Path, data: &Path) -> String {
    let out = dir.join("kk");
    export(dir, data, "kk", &out);
    std::fs::read_to_string(out.join("parom.xlf")).unwrap()
}

#[test]
fn a_files_states_decide_what_is_imported_and_each_unit_left_is_reported_at_its_place_issue_11() {
    let (dir, data) = site();
    let exported = exported(dir.path(), data.path());
    let (line, _) = exported.lines().enumerate().find(|(_, l)| l.contains("id=\"title\"")).unwrap();
    let place = format!("copied.xlf:{}:5", line + 1);

    // The source copied into the target by a tool, still `initial`: not a translation.
    let copied = dir.path().join("copied.xlf");
    std::fs::write(&copied, with_title(&exported, "initial", "Паром")).unwrap();
    let before = snapshot(data.path());
    let (ok, stdout, stderr) = import_xliff(dir.path(), data.path(), &[&copied]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "{place}: unit `title` is marked `initial` and its target is the source copied"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("units marked `initial` with no translation were left"), "{stdout}");
    assert!(stdout.contains("nothing changed"), "{stdout}");
    assert_eq!(snapshot(data.path()), before);

    // `--submit` with an unfinished unit: refused, naming file, place and unit.
    std::fs::write(&copied, with_title(&exported, "initial", "Паром туралы")).unwrap();
    let args = ["translations", "import", "--submit", "--data", data.path().to_str().unwrap()];
    let output =
        crate::support::run_ashyq(dir.path(), &[&args[..], &[copied.to_str().unwrap()]].concat());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!("{place}: unit `title` is marked `initial` (not finished)")),
        "{stderr}"
    );
    assert_eq!(snapshot(data.path()), before);

    // `final` from the tool: saved, waiting for a language editor, never approved by the file.
    std::fs::write(&copied, with_title(&exported, "final", "Паром туралы")).unwrap();
    let (ok, stdout, stderr) = import_xliff(dir.path(), data.path(), &[&copied]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "{place}: unit `title` is marked `final`; only a language editor approves"
        )),
        "{stdout}"
    );
    let again = dir.path().join("again");
    export(dir.path(), data.path(), "kk", &again);
    let now = std::fs::read_to_string(again.join("parom.xlf")).unwrap();
    let title = now.split("id=\"title\"").nth(1).unwrap();
    assert!(title.contains("ashyq:state=\"submitted\""), "{title}");
    assert!(title.contains("<segment state=\"translated\">"), "{title}");
}

/// Four imports of a file and four browser saves of the same unit, all started from the same
/// text, at once: exactly one lands; the others are told, and the stored text is the winner's.
#[test]
fn an_import_racing_browser_saves_and_other_imports_lets_one_land_and_tells_the_others_issue_11() {
    let (dir, data) = site();
    let exported = exported(dir.path(), data.path());
    let app = TestApp::start_in(data.path(), &[]);
    app.add_user("dana@example.org", "Dana", "translator", "steppe wind over the river");
    let mut dana = Browser::new(&app);
    assert_eq!(dana.login("dana@example.org", "steppe wind over the river").status, 303);
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    let page = dana.get("/translate/parom/kk").body;
    let base = page.split("name=\"b.title\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let base = base.to_owned();
    let files: Vec<_> = (0..4)
        .map(|n| {
            let path = dir.path().join(format!("import-{n}.xlf"));
            std::fs::write(&path, with_title(&exported, "translated", &format!("Импорт {n}")))
                .unwrap();
            path
        })
        .collect();
    let token = dana.csrf();
    let outcomes: Vec<(String, bool, String)> = std::thread::scope(|scope| {
        let mut running = Vec::new();
        for (n, file) in files.iter().enumerate() {
            let (dir, data) = (dir.path(), data.path());
            running.push(scope.spawn(move || {
                let (ok, stdout, stderr) = import_xliff(dir, data, &[file]);
                (format!("Импорт {n}"), ok, format!("{stdout}{stderr}"))
            }));
        }
        for n in 0..4u64 {
            let mut browser = Browser::new(&app);
            browser.copy_cookies_from(&dana);
            let (base, token) = (base.clone(), token.clone());
            running.push(scope.spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(n * 60));
                let text = format!("Браузер {n}");
                let fields = [
                    ("u.title", text.as_str()),
                    ("b.title", base.as_str()),
                    ("action", "save"),
                    ("csrf_token", token.as_str()),
                ];
                let reply = browser.post_raw("/translate/parom/kk", &fields);
                assert!([303, 409].contains(&reply.status), "{}: {}", reply.status, reply.body);
                (text, reply.status == 303, reply.body)
            }));
        }
        running.into_iter().map(|task| task.join().unwrap()).collect()
    });
    let landed: Vec<&String> =
        outcomes.iter().filter(|(_, ok, _)| *ok).map(|(text, _, _)| text).collect();
    assert_eq!(landed.len(), 1, "{outcomes:#?}");
    for (text, ok, said) in &outcomes {
        if *ok {
            continue;
        }
        if text.starts_with("Импорт") {
            assert!(said.contains(": unit `title`") && said.contains(".xlf:"), "{said}");
            assert!(said.contains("1 refused"), "{said}");
        } else {
            assert!(said.contains("while you were working on it"), "{said}");
        }
    }
    let page = dana.get("/translate/parom/kk").body;
    assert!(page.contains(&format!("value=\"{}\"", landed[0])), "{page}");
}
