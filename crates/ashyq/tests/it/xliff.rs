//! `ashyq translations export` and `import` with the real binary: every exported file checked by
//! our own XLIFF 2.0 schema test (with another XML parser than the one that reads them back), an
//! unchanged round trip that changes nothing, a file as a translator's tool sends it back, and each
//! refusal naming the file, the place and the unit.

use std::collections::HashSet;
use std::path::Path;

use crate::support::run_ashyq;

const XLIFF: &str = "urn:oasis:names:tc:xliff:document:2.0";

const HOSTILE_PARAGRAPH: &str = "Цена < 5 & \"кавычки\" 'и' — العربية بالعربية 🚢 \
    [ссылка](https://example.org/?a=1&b=2) </target> ]]> &amp;";

fn original(third: &str) -> String {
    format!(
        "+++\ntitle = \"Паром\"\nslug = \"parom\"\nlang = \"ru\"\npublished = 2026-04-20T07:15:00+05:00\n\
         summary = \"Газету возят на лодке.\"\n\
         authors = [{{ name = \"Аружан Алибекова\", slug = \"aruzhan-alibekova\" }}]\n+++\n\
         Каждую пятницу газета пересекает реку.\n\n{HOSTILE_PARAGRAPH}\n\n{third}\n"
    )
}

const ENGLISH: &str = "+++\ntitle = \"The ferry\"\nslug = \"the-ferry\"\nlang = \"en\"\n\
    translation_of = \"parom\"\ntranslators = [\"Dana Sarsen\"]\n\
    published = 2026-04-21T07:15:00+05:00\nsummary = \"The paper goes by boat.\"\n\
    authors = [{ name = \"Aruzhan Alibekova\", slug = \"aruzhan-alibekova\" }]\n+++\n\
    Every Friday the paper crosses the river.\n\nPrice < 5 & \"quotes\" 🚢 [link](https://example.org/?a=1&b=2)\n\n\
    The bridge will reopen in autumn.\n";

const KAZAKH_STORY: &str = "+++\ntitle = \"Дала\"\nslug = \"dala\"\nlang = \"kk\"\n\
    published = 2026-04-22T07:15:00+05:00\n\
    authors = [{ name = \"Асель\", slug = \"asel\" }]\n+++\nДала кең.\n";

pub(crate) fn ashyq(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let output = run_ashyq(dir, args);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn import_md(dir: &Path, data: &Path, files: &[(&str, &str)], replace: bool) {
    let mut args = vec!["import", "md", "--data", data.to_str().unwrap()];
    if replace {
        args.push("--replace");
    }
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
        args.push(name);
    }
    let (ok, _, stderr) = ashyq(dir, &args);
    assert!(ok, "{stderr}");
}

pub(crate) fn site() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let files = [
        ("parom.md", original("Мост откроют осенью.")),
        ("ferry.md", ENGLISH.to_owned()),
        ("dala.md", KAZAKH_STORY.to_owned()),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    import_md(dir.path(), data.path(), &files, false);
    (dir, data)
}

pub(crate) fn export(dir: &Path, data: &Path, lang: &str, out: &Path) -> String {
    let args = [
        "translations",
        "export",
        "--lang",
        lang,
        "--out",
        out.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ];
    let (ok, stdout, stderr) = ashyq(dir, &args);
    assert!(ok, "{stderr}");
    stdout
}

pub(crate) fn import_xliff(dir: &Path, data: &Path, files: &[&Path]) -> (bool, String, String) {
    let mut args = vec!["translations", "import", "--data", data.to_str().unwrap()];
    args.extend(files.iter().map(|file| file.to_str().unwrap()));
    ashyq(dir, &args)
}

/// What a round trip must not change: the drafts, the translations' unit records and the
/// articles' revisions.
pub(crate) fn snapshot(data: &Path) -> Vec<String> {
    use sqlx::Connection as _;
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(async {
        let url = format!("sqlite://{}", data.join("ashyq.db").display());
        let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let mut rows: Vec<String> = Vec::new();
        for query in [
            "SELECT lang || '|' || unit_id || '|' || state || '|' || text || '|' || updated_at \
             FROM translation_drafts ORDER BY 1",
            "SELECT slug || '|' || unit_id || '|' || state || '|' || target_hash FROM translation_units ORDER BY 1",
            "SELECT 'revisions ' || COUNT(*) FROM article_revisions",
            "SELECT 'articles ' || COUNT(*) FROM articles",
        ] {
            rows.extend(sqlx::query_scalar::<_, String>(query).fetch_all(&mut db).await.unwrap());
        }
        rows
    })
}

fn elements<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children().filter(roxmltree::Node::is_element).collect()
}

/// Our XLIFF 2.0 schema test, on a parser of its own (roxmltree): the namespace, the version, the
/// languages, file/unit/segment/source/target, unique ids, and no markup but XLIFF's.
fn check_schema(text: &str, src: &str, trg: &str) -> Vec<(String, String, String)> {
    let document = roxmltree::Document::parse(text).unwrap();
    let root = document.root_element();
    assert_eq!(root.tag_name().namespace(), Some(XLIFF));
    assert_eq!(root.tag_name().name(), "xliff");
    assert_eq!(root.attribute("version"), Some("2.0"));
    assert_eq!(root.attribute("srcLang"), Some(src));
    assert_eq!(root.attribute("trgLang"), Some(trg));
    let files = elements(root);
    assert_eq!(files.len(), 1, "one <file> per story");
    let file = files[0];
    assert_eq!((file.tag_name().namespace(), file.tag_name().name()), (Some(XLIFF), "file"));
    assert!(file.attribute("id").is_some() && file.attribute("original").is_some());
    let mut ids = HashSet::new();
    let mut units = Vec::new();
    for unit in elements(file) {
        assert_eq!((unit.tag_name().namespace(), unit.tag_name().name()), (Some(XLIFF), "unit"));
        let id = unit.attribute("id").unwrap();
        assert!(ids.insert(id.to_owned()), "unit id {id} twice");
        for name in ["kind", "state", "source-hash", "target-source-hash"] {
            assert!(
                unit.attribute(("urn:ashyq:xliff:1", name)).is_some(),
                "unit {id} carries ashyq:{name}"
            );
        }
        let children = elements(unit);
        let segments: Vec<_> =
            children.iter().filter(|child| child.tag_name().name() == "segment").collect();
        assert_eq!(segments.len(), 1, "unit {id}");
        for child in &children {
            assert!(["notes", "segment"].contains(&child.tag_name().name()), "unit {id}");
            assert_eq!(child.tag_name().namespace(), Some(XLIFF));
        }
        if let Some(notes) = children.iter().find(|child| child.tag_name().name() == "notes") {
            assert!(children[0] == *notes, "<notes> come before the segment in unit {id}");
        }
        let segment = segments[0];
        let state = segment.attribute("state").unwrap();
        assert!(["initial", "translated", "reviewed", "final"].contains(&state), "{state}");
        let parts = elements(*segment);
        let names: Vec<&str> = parts.iter().map(|part| part.tag_name().name()).collect();
        assert_eq!(names, ["source", "target"], "unit {id}");
        for part in &parts {
            assert!(elements(*part).is_empty(), "no inline markup in unit {id}");
        }
        let text = |index: usize| parts[index].text().unwrap_or_default().to_owned();
        units.push((id.to_owned(), text(0), text(1)));
    }
    units
}

#[test]
fn every_exported_file_passes_the_schema_test_and_an_unchanged_round_trip_changes_nothing() {
    let (dir, data) = site();
    let out = dir.path().join("kk");
    let summary = export(dir.path(), data.path(), "kk", &out);
    assert!(summary.contains("exported 1 stories into `kk`"), "{summary}");
    assert!(summary.contains("1 not at all"), "{summary}");
    assert!(!out.join("dala.xlf").exists(), "a story written in Kazakh is not exported into it");
    let kazakh = std::fs::read_to_string(out.join("parom.xlf")).unwrap();
    let units = check_schema(&kazakh, "ru", "kk");
    assert_eq!(units.len(), 5, "title, summary, three paragraphs");
    assert!(units.iter().all(|(_, _, target)| target.is_empty()), "nothing translated yet");
    assert_eq!(units[3].1, HOSTILE_PARAGRAPH, "the text survives escaping exactly");
    assert!(kazakh.contains("Цена &lt; 5 &amp; &quot;кавычки&quot;"), "{kazakh}");
    assert!(!kazakh.contains("</target> ]]>"), "markup in the text stays text");

    let out_en = dir.path().join("en");
    let summary = export(dir.path(), data.path(), "en", &out_en);
    assert!(summary.contains("1 fully translated"), "{summary}");
    let english = std::fs::read_to_string(out_en.join("parom.xlf")).unwrap();
    let units = check_schema(&english, "ru", "en");
    assert_eq!(units[0].2, "The ferry");
    assert_eq!(units[3].2, "Price < 5 & \"quotes\" 🚢 [link](https://example.org/?a=1&b=2)");
    // Imported by the operator (no --require-approval): approved and published.
    assert!(english.contains("ashyq:state=\"published-approved\""), "{english}");
    assert!(english.contains("<segment state=\"final\">"), "{english}");
    let out_ru = dir.path().join("ru");
    export(dir.path(), data.path(), "ru", &out_ru);
    check_schema(&std::fs::read_to_string(out_ru.join("dala.xlf")).unwrap(), "kk", "ru");
    assert!(!out_ru.join("parom.xlf").exists());

    // Exported and imported unchanged: nothing changes, and the command says so.
    let before = snapshot(data.path());
    let files = [out.join("parom.xlf"), out_en.join("parom.xlf"), out_ru.join("dala.xlf")];
    let files: Vec<&Path> = files.iter().map(|file| file.as_path()).collect();
    let (ok, stdout, stderr) = import_xliff(dir.path(), data.path(), &files);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("3 files read: nothing changed; 0 refused"), "{stdout}");
    assert_eq!(snapshot(data.path()), before);
    let again = dir.path().join("again");
    export(dir.path(), data.path(), "en", &again);
    // The same file but for the moment of the export (a second may have passed).
    let without_moment = |file: &str| {
        let (head, rest) = file.split_once(" ashyq:exported-at=\"").unwrap();
        format!("{head}{}", rest.split_once('"').unwrap().1)
    };
    let exported_again = std::fs::read_to_string(again.join("parom.xlf")).unwrap();
    assert_eq!(without_moment(&exported_again), without_moment(&english));
}

/// The exported file as a translation tool writes it back: its own prefix, another layout,
/// attributes reordered, states changed and targets filled in (one with `xml:space`).
fn as_a_tool_sends_it_back(exported: &str, targets: &[(&str, &str)]) -> String {
    let document = roxmltree::Document::parse(exported).unwrap();
    let root = document.root_element();
    let file = root.children().find(roxmltree::Node::is_element).unwrap();
    let mut out = format!(
        "<?xml version='1.0' encoding='utf-8'?>\r\n<x:xliff trgLang='{}' xmlns:our='urn:ashyq:xliff:1' srcLang='{}' \
         version='2.0' xmlns:x='{XLIFF}'>\r\n  <x:file original='{}' id='{}'>\r\n",
        root.attribute("trgLang").unwrap(),
        root.attribute("srcLang").unwrap(),
        file.attribute("original").unwrap(),
        file.attribute("id").unwrap(),
    );
    for unit in file.children().filter(roxmltree::Node::is_element) {
        let id = unit.attribute("id").unwrap();
        let hash = unit.attribute(("urn:ashyq:xliff:1", "source-hash")).unwrap();
        let segment = unit.children().find(|child| child.has_tag_name((XLIFF, "segment"))).unwrap();
        let source =
            segment.children().find(|child| child.has_tag_name((XLIFF, "source"))).unwrap();
        let escape =
            |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let (state, target) = match targets.iter().find(|(unit_id, _)| *unit_id == id) {
            Some((_, text)) => (
                "translated",
                format!("<x:target xml:space=\"preserve\">{}</x:target>", escape(text)),
            ),
            None => ("initial", "<x:target/>".to_owned()),
        };
        out.push_str(&format!(
            "    <x:unit our:source-hash=\"{hash}\"  id=\"{id}\">\r\n\t<x:segment state=\"{state}\">\r\n\t\t\
             <x:source>{}</x:source>\r\n\t\t{target}\r\n\t</x:segment>\r\n    </x:unit>\r\n",
            escape(source.text().unwrap_or_default())
        ));
    }
    out.push_str("  </x:file>\r\n</x:xliff>\r\n");
    out
}

#[test]
fn a_file_filled_in_by_a_tool_comes_back_unit_by_unit_and_only_changed_units_change() {
    let (dir, data) = site();
    let out = dir.path().join("kk");
    export(dir.path(), data.path(), "kk", &out);
    let exported = std::fs::read_to_string(out.join("parom.xlf")).unwrap();
    let ids: Vec<String> =
        check_schema(&exported, "ru", "kk").into_iter().map(|unit| unit.0).collect();
    let hostile_kk = "Баға < 5 & «тырнақша» — العربية 🚢 [сілтеме](https://example.org/?a=1&b=2)";
    let back = as_a_tool_sends_it_back(
        &exported,
        &[("title", "Паром"), ("summary", "Газетті қайықпен тасиды."), (&ids[3], hostile_kk)],
    );
    let returned = dir.path().join("returned.xlf");
    std::fs::write(&returned, back).unwrap();
    let (ok, stdout, stderr) = import_xliff(dir.path(), data.path(), &[&returned]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("3 units changed in 1 files"), "{stdout}");

    let out2 = dir.path().join("kk2");
    let summary = export(dir.path(), data.path(), "kk", &out2);
    assert!(summary.contains("1 partly"), "{summary}");
    let second = std::fs::read_to_string(out2.join("parom.xlf")).unwrap();
    let units = check_schema(&second, "ru", "kk");
    assert_eq!(units[3].2, hostile_kk);
    assert_eq!(units[2].2, "", "units left empty stay untranslated");
    assert!(second.contains("ashyq:state=\"draft\""), "{second}");
    // The same file again: those units are unchanged now, so nothing changes.
    let before = snapshot(data.path());
    let (ok, stdout, _) = import_xliff(dir.path(), data.path(), &[&returned]);
    assert!(ok && stdout.contains("nothing changed"), "{stdout}");
    assert_eq!(snapshot(data.path()), before);
}

fn refusal(dir: &Path, data: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let before = snapshot(data);
    let (ok, stdout, stderr) = import_xliff(dir, data, &[&path]);
    assert!(!ok, "{name} is refused: {stdout}");
    assert!(stdout.contains("1 refused"), "{stdout}");
    assert_eq!(snapshot(data), before, "nothing written from {name}");
    stderr
}

#[test]
fn files_that_no_longer_fit_are_refused_whole_naming_file_place_unit_and_why() {
    let (dir, data) = site();
    let out = dir.path().join("kk");
    export(dir.path(), data.path(), "kk", &out);
    let exported = std::fs::read_to_string(out.join("parom.xlf")).unwrap();
    let ids: Vec<String> =
        check_schema(&exported, "ru", "kk").into_iter().map(|unit| unit.0).collect();
    let filled = as_a_tool_sends_it_back(
        &exported,
        &[("title", "Паром"), (&ids[4], "Көпір күзде ашылады.")],
    );
    let line_of =
        |text: &str, needle: &str| text.lines().position(|line| line.contains(needle)).unwrap() + 1;

    let unknown = filled.replace(&format!("id=\"{}\"", ids[2]), "id=\"u-00000000\"");
    let stderr = refusal(dir.path(), data.path(), "unknown.xlf", &unknown);
    let line = line_of(&unknown, "u-00000000");
    assert!(
        stderr.contains(&format!("unknown.xlf:{line}:5: unit `u-00000000` no longer exists")),
        "{stderr}"
    );

    let twice = filled.replace(&format!("id=\"{}\"", ids[2]), "id=\"title\"");
    let stderr = refusal(dir.path(), data.path(), "twice.xlf", &twice);
    assert!(
        stderr.contains("twice.xlf:") && stderr.contains("unit `title` appears twice"),
        "{stderr}"
    );

    let wrong_source = filled.replace("srcLang='ru'", "srcLang='en'");
    let stderr = refusal(dir.path(), data.path(), "source.xlf", &wrong_source);
    assert!(
        stderr
            .contains("source.xlf: the file translates from `en`, but `parom` is written in `ru`"),
        "{stderr}"
    );

    let own_language = filled.replace("trgLang='kk'", "trgLang='ru'");
    let stderr = refusal(dir.path(), data.path(), "own.xlf", &own_language);
    assert!(
        stderr.contains(
            "own.xlf: the file translates `parom` into `ru`, the language it is written in"
        ),
        "{stderr}"
    );
    let not_a_language = filled.replace("trgLang='kk'", "trgLang='k k'");
    let stderr = refusal(dir.path(), data.path(), "tag.xlf", &not_a_language);
    assert!(stderr.contains("tag.xlf: trgLang `k k` is not a language tag"), "{stderr}");
    // With --lang, a file into another language is refused.
    let path = dir.path().join("kk-only.xlf");
    std::fs::write(&path, filled.replace("trgLang='kk'", "trgLang='en'")).unwrap();
    let args = [
        "translations",
        "import",
        "--lang",
        "kk",
        "--data",
        data.path().to_str().unwrap(),
        path.to_str().unwrap(),
    ];
    let (ok, _, stderr) = ashyq(dir.path(), &args);
    assert!(
        !ok && stderr.contains("kk-only.xlf: the file translates into `en`, not `kk`"),
        "{stderr}"
    );

    let no_story = filled.replace("original='parom'", "original='nothing-here'");
    let stderr = refusal(dir.path(), data.path(), "story.xlf", &no_story);
    assert!(stderr.contains("there is no published original `nothing-here`"), "{stderr}");

    let doctype = filled.replacen(
        "\r\n<x:xliff",
        "\r\n<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\r\n<x:xliff",
        1,
    );
    let stderr = refusal(dir.path(), data.path(), "laughs.xlf", &doctype);
    assert!(stderr.contains("laughs.xlf:2:1: the file declares a document type"), "{stderr}");

    let broken = filled.replacen("</x:source>", "</x:target>", 1);
    let stderr = refusal(dir.path(), data.path(), "broken.xlf", &broken);
    assert!(stderr.contains("broken.xlf:") && stderr.contains("malformed"), "{stderr}");

    // The original's last paragraph changes after the export: the unit is named, with what to do.
    let changed = original("Мост откроют весной.");
    import_md(dir.path(), data.path(), &[("parom.md", &changed)], true);
    let stderr = refusal(dir.path(), data.path(), "stale.xlf", &filled);
    let line = line_of(&filled, &format!("id=\"{}\"", ids[4]));
    assert!(
        stderr
            .contains(&format!("stale.xlf:{line}:5: unit `{}`: the original has changed", ids[4])),
        "{stderr}"
    );
    assert!(stderr.contains("export the story again"), "{stderr}");

    // Several files at once: the good one is taken, the stale one refused, and the exit says so.
    let fresh = dir.path().join("fresh");
    export(dir.path(), data.path(), "kk", &fresh);
    let exported = std::fs::read_to_string(fresh.join("parom.xlf")).unwrap();
    let good = dir.path().join("good.xlf");
    std::fs::write(&good, as_a_tool_sends_it_back(&exported, &[("title", "Паром")])).unwrap();
    let stale = dir.path().join("stale.xlf");
    let (ok, stdout, stderr) = import_xliff(dir.path(), data.path(), &[&good, &stale]);
    assert!(!ok, "{stdout}");
    assert!(stdout.contains("2 files read: 1 units changed in 1 files; 1 refused"), "{stdout}");
    assert!(stderr.contains("stale.xlf"), "{stderr}");
}

/// `--as EMAIL` writes as that translator, under the same rule as the browser: only the holder of
/// the story's claim; the texts then show in their side-by-side editor.
#[test]
fn a_file_imported_as_a_translator_needs_their_claim_and_shows_in_their_editor() {
    let (dir, data) = site();
    let out = dir.path().join("kk");
    export(dir.path(), data.path(), "kk", &out);
    let exported = std::fs::read_to_string(out.join("parom.xlf")).unwrap();
    let returned = dir.path().join("returned.xlf");
    std::fs::write(&returned, as_a_tool_sends_it_back(&exported, &[("title", "Паром туралы")]))
        .unwrap();
    let data_arg = data.path().to_str().unwrap();
    let as_person = |email: &str| {
        let args = [
            "translations",
            "import",
            "--as",
            email,
            "--data",
            data_arg,
            returned.to_str().unwrap(),
        ];
        ashyq(dir.path(), &args)
    };
    let (ok, _, stderr) = as_person("ghost@example.org");
    assert!(
        !ok && stderr.contains("--as ghost@example.org: there is no active account"),
        "{stderr}"
    );

    let app = crate::support::TestApp::start_in(data.path(), &[]);
    app.add_user("dana@example.org", "Dana", "translator", "steppe wind over the river");
    let (ok, stdout, stderr) = as_person("dana@example.org");
    assert!(!ok, "{stdout}");
    assert!(stderr.contains("returned.xlf: only the translator holding the claim"), "{stderr}");
    let mut dana = crate::support::Browser::new(&app);
    assert_eq!(dana.login("dana@example.org", "steppe wind over the river").status, 303);
    assert_eq!(dana.post("/translate/languages", &[("lang", "kk")]).status, 303);
    assert_eq!(dana.post("/translate/claim", &[("slug", "parom"), ("lang", "kk")]).status, 303);
    let (ok, stdout, stderr) = as_person("dana@example.org");
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 units changed in 1 files"), "{stdout}");
    let page = dana.get("/translate/parom/kk");
    assert!(page.body.contains("value=\"Паром туралы\""), "{}", page.body);
}
