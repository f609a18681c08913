//! `ashyq import md`: located errors, all-or-nothing batches, images, and what readers then see.

use std::path::Path;

use crate::support::{TestApp, demo_dir, run_ashyq};

const GOOD: &str = r#"+++
title = "A story in Persian"
slug = "persian-story"
lang = "fa"
published = 2026-05-01T10:00:00+03:30
summary = "A right-to-left article."
authors = [{ name = "Test Author", slug = "test-author" }]

[lead_figure]
src = "pic.svg"
alt = "A drawing"
caption = "Caption"
credit = "Drawn for the test"
licence = "cc0"
+++
Body text.
"#;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn import(dir: &Path, data: &Path, paths: &[&str]) -> (bool, String, String) {
    let mut args = vec!["import", "md", "--data", data.to_str().unwrap()];
    args.extend_from_slice(paths);
    let output = run_ashyq(dir, &args);
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_batch_with_one_bad_file_imports_nothing_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(dir.path(), "pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>");
    write(dir.path(), "a.md", GOOD);
    write(
        dir.path(),
        "b.md",
        &GOOD.replace("persian-story", "second").replace("\"cc0\"", "\"cc-by-4.0\""),
    );
    let (ok, _, stderr) = import(dir.path(), data.path(), &["a.md", "b.md"]);
    assert!(!ok);
    assert!(
        stderr.contains("b.md:14:11: unknown licence `cc-by-4.0`; use one of: cc-by,"),
        "{stderr}"
    );
    assert!(stderr.contains("1 of 2 files has errors (1 problem)"), "{stderr}");
    assert!(stderr.contains("nothing was imported"));

    let app = TestApp::start_in(data.path(), &[]);
    assert_eq!(
        app.get("/articles/persian-story").status,
        404,
        "the good file was not imported either"
    );
}

#[test]
fn missing_images_duplicate_slugs_and_unknown_originals_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", GOOD);
    write(dir.path(), "b.md", &GOOD.replace("pic.svg", "present.svg"));
    write(
        dir.path(),
        "present.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>",
    );
    write(
        dir.path(),
        "c.md",
        &GOOD
            .replace("persian-story", "other")
            .replace("tags", "x")
            .replace("authors =", "translation_of = \"missing-original\"\nauthors =")
            .replace("pic.svg", "present.svg"),
    );
    let (ok, _, stderr) = import(dir.path(), data.path(), &["."]);
    assert!(!ok);
    assert!(stderr.contains("a.md:10:7: image `pic.svg` was not found"), "{stderr}");
    assert!(
        stderr.contains("b.md:3:8: the slug `persian-story` is already used by ./a.md:3:8"),
        "{stderr}"
    );
    assert!(stderr.contains("c.md:7:18: `translation_of` names `missing-original`"), "{stderr}");
    assert!(stderr.contains("3 of 3 files have errors"), "{stderr}");
}

#[test]
fn importing_a_slug_already_on_the_site_needs_replace() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(dir.path(), "pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>");
    write(dir.path(), "a.md", GOOD);
    let (ok, stdout, stderr) = import(dir.path(), data.path(), &["a.md"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Imported 1 article (1 new, 0 replaced) and 1 image in"), "{stdout}");
    let (ok, _, stderr) = import(dir.path(), data.path(), &["a.md"]);
    assert!(!ok);
    assert!(
        stderr.contains("a.md:3:8: the slug `persian-story` is already used by the stored article"),
        "{stderr}"
    );
    write(dir.path(), "a.md", &GOOD.replace("Body text.", "Corrected body."));
    let (ok, stdout, _) = import(dir.path(), data.path(), &["a.md", "--replace"]);
    assert!(ok);
    assert!(stdout.contains("(0 new, 1 replaced)"), "{stdout}");

    let app = TestApp::start_in(data.path(), &[]);
    let html = app.page("/articles/persian-story");
    assert!(html.contains("Corrected body."));
    assert!(
        html.contains("<article class=\"article\" lang=\"fa\" dir=\"rtl\">"),
        "right-to-left articles say so"
    );
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"), "no Persian UI yet: English chrome");
}

#[test]
fn the_demo_folder_imports_as_files() {
    let data = tempfile::tempdir().unwrap();
    let demo = demo_dir();
    let (ok, stdout, stderr) = import(&demo, data.path(), &["articles"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Imported 6 articles"), "{stdout}");
}

#[test]
fn hostile_article_files_are_rejected_cleanly() {
    let Ok(list) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bad-input/blns.txt"
    )) else {
        eprintln!("../shared/bad-input not present; skipping");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    // Every hostile string becomes a title; the batch must import or fail with messages, never crash.
    let strings: Vec<&str> =
        list.lines().filter(|line| !line.starts_with('#') && !line.is_empty()).collect();
    for (index, line) in strings.iter().enumerate() {
        let escaped = line.replace('\\', "\\\\").replace('"', "\\\"");
        let text = GOOD
            .replace("persian-story", &format!("hostile-{index}"))
            .replace("A story in Persian", &escaped)
            .replace("[lead_figure]\nsrc = \"pic.svg\"\nalt = \"A drawing\"\ncaption = \"Caption\"\ncredit = \"Drawn for the test\"\nlicence = \"cc0\"\n", "")
            .replace("Body text.", line);
        write(dir.path(), &format!("h{index:03}.md"), &text);
    }
    let (ok, _, stderr) = import(dir.path(), data.path(), &["."]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!ok, "some hostile strings are not valid titles (control characters)");
    // Keep only the files without errors and import again: they must all go in and render escaped.
    for line in stderr.lines() {
        if let Some((file, _)) = line.split_once(':')
            && file.ends_with(".md")
        {
            let _ = std::fs::remove_file(dir.path().join(file));
        }
    }
    let (ok, stdout, stderr) = import(dir.path(), data.path(), &["."]);
    assert!(ok, "{stderr}");
    let imported: usize = stdout.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(imported > strings.len() / 2, "{imported} of {} imported", strings.len());
    let app = TestApp::start_in(data.path(), &[]);
    let front = app.page("/fa/");
    assert!(!front.contains("<script>alert"), "hostile titles are escaped");
    for index in (0..strings.len()).step_by(7) {
        let reply = app.get(&format!("/articles/hostile-{index}"));
        assert!(reply.status == 200 || reply.status == 404, "hostile-{index}: {}", reply.status);
        assert!(!reply.body.contains("<script>alert"), "hostile-{index} is escaped");
    }
}

#[test]
fn the_complete_example_in_the_format_documentation_imports() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/article-format.md"
    ))
    .unwrap();
    let start = doc.find("````markdown\n").expect("the example block") + "````markdown\n".len();
    let example = &doc[start..start + doc[start..].find("````").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(dir.path(), "ferry.md", example);
    for image in ["bridge.svg", "ferry.svg"] {
        write(dir.path(), image, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 3\"/>");
    }
    let (ok, stdout, stderr) = import(dir.path(), data.path(), &["ferry.md"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Imported 1 article (1 new"), "{stdout}");
    let app = TestApp::start_in(data.path(), &[]);
    let page = app.page("/articles/ferry-carries-the-newspaper");
    assert!(page.contains("<div class=\"version original\" lang=\"ru\""));
    assert!(page.contains("Licence: Used with permission"));
    // Issue 10 item 4: the interviewee's first turn in each language names him in that script.
    assert!(page.contains("<b class=\"speaker\">Болат Кенжебаев (БК):</b>"), "{page}");
    assert!(page.contains("<b class=\"speaker\">Bolat Kenzhebayev (BK):</b>"), "{page}");
    assert!(
        page.contains("<b class=\"speaker\"><abbr title=\"Болат Кенжебаев\">БК</abbr>:</b>"),
        "{page}"
    );
    // Item 8: the drawing used with permission has no credit line; the CC BY one has its credit.
    assert_eq!(page.matches("<span class=\"credit\">").count(), 1, "{page}");
    // Item 5: the one-language English question carries no language label.
    assert!(
        page.contains("<div class=\"version original\" lang=\"en\" dir=\"ltr\"><p><b"),
        "{page}"
    );
    // Item 9: the article has no summary; the front page lists the opening of its body.
    let front = app.page("/");
    assert!(
        front.contains("Every Friday morning the district weekly crosses the river by boat."),
        "{front}"
    );
}

/// Issue 10 item 10: the shapes writers get wrong are named by key, in plain words, with
/// file:line:col, and the summary line has its plural forms.
#[test]
fn writer_mistakes_are_reported_in_editor_words_issue_10_item_10() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(dir.path(), "pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>");
    let name_table = GOOD.replace(
        "authors = [{ name = \"Test Author\", slug = \"test-author\" }]",
        "[[authors]]\nname = { en = \"Test Author\", ru = \"Тест Автор\" }\nslug = \"test-author\"",
    );
    write(dir.path(), "a.md", &name_table.replace("persian-story", "a"));
    write(dir.path(), "b.md", &GOOD.replace("persian-story", "b").replace("\"cc0\"", "5"));
    write(
        dir.path(),
        "c.md",
        &GOOD
            .replace("persian-story", "c")
            .replace("authors = [{ name = \"Test Author\", slug = \"test-author\" }]\n", ""),
    );
    write(
        dir.path(),
        "d.md",
        &GOOD.replace("persian-story", "d").replace("caption =", "captoin ="),
    );
    let (ok, _, stderr) = import(dir.path(), data.path(), &["a.md", "b.md", "c.md", "d.md"]);
    assert!(!ok);
    for expected in [
        "a.md:8:8: `name` in `[[authors]]` must be text in quotes, like `name = \"…\"`, not a table",
        "b.md:14:11: `licence` in `[lead_figure]` must be text in quotes, like `licence = \"…\"`, not the number 5",
        "c.md:2:1: the front matter has no `[[authors]]`; add one with `name` and `slug` for each author",
        "d.md:12:1: unknown key `captoin` in `[lead_figure]`; the keys allowed here are",
        "4 of 4 files have errors (4 problems); nothing was imported.",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("invalid type") && !stderr.contains("missing field"), "{stderr}");
    let (ok, _, stderr) = import(dir.path(), data.path(), &["b.md"]);
    assert!(!ok);
    assert!(
        stderr.contains("1 of 1 file has errors (1 problem); nothing was imported."),
        "{stderr}"
    );
}

#[test]
fn links_to_refused_schemes_are_refused_at_import_issue_9_item_14() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(dir.path(), "pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>");
    write(
        dir.path(),
        "a.md",
        &GOOD.replace("Body text.", "See [the form](data:text/html,<b>x</b>)."),
    );
    let (ok, _, stderr) = import(dir.path(), data.path(), &["a.md"]);
    assert!(!ok);
    assert!(stderr.contains("a.md:16:5: links to `data:` addresses are not allowed"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
}

/// The permission bits of a file or folder.
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_data_folder_and_its_files_are_readable_by_their_owner_only_issue_9_item_21() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("site");
    let app = TestApp::start_in(&data, &["--demo"]);
    assert_eq!(app.get("/").status, 200);
    assert_eq!(mode(&data), 0o700, "the data folder");
    assert_eq!(mode(&data.join("media")), 0o700, "the media folder");
    for name in ["ashyq.db", "ashyq.db-wal", "ashyq.db-shm", "secret.key"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    let media: Vec<_> =
        std::fs::read_dir(data.join("media")).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(!media.is_empty());
    for file in media {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    drop(app);

    // A folder made by an older version, open to everyone, is closed when ashyq next starts.
    use std::os::unix::fs::PermissionsExt as _;
    for (path, bits) in [(data.clone(), 0o755), (data.join("ashyq.db"), 0o644)] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(bits)).unwrap();
    }
    let (ok, _, stderr) = import(work.path(), &data, &[demo_dir().to_str().unwrap(), "--replace"]);
    assert!(ok, "{stderr}");
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("ashyq.db")), 0o600);
}
