//! Issue 11, weak spot closed: XLIFF files as translation tools leave them — our namespace under
//! another prefix, `ashyq:target-hash` dropped, the tool's own `<mrk>`/`<pc>` markup, Windows line
//! ends — never replace unseen what the site changed after the export. A file with the export's
//! mark is refused naming each such unit at `FILE:LINE:COLUMN`; a file with no mark at all fills
//! only empty units and names the ones it kept; `--overwrite` lets the file win.

use std::path::Path;

use crate::xliff::{ashyq, export, import_xliff, site, snapshot};

/// `text` without every `name="…"` attribute.
fn without_attribute(text: &str, name: &str) -> String {
    let marker = format!(" {name}=\"");
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(&marker) {
        out.push_str(&rest[..start]);
        let after = &rest[start + marker.len()..];
        rest = &after[after.find('"').unwrap() + 1..];
    }
    out.push_str(rest);
    out
}

/// What a CAT tool makes of our export: our prefix renamed, target hashes dropped, the first
/// three targets filled with the tool's inline markup, CRLF line ends.
fn as_a_tool_leaves_it(exported: &str) -> String {
    let renamed = exported.replace("xmlns:ashyq=", "xmlns:t=").replace(" ashyq:", " t:");
    let mut text = without_attribute(&renamed, "t:target-hash");
    assert!(!text.contains("target-hash"), "{text}");
    let empty = "<target xml:space=\"preserve\"></target>";
    for filled in [
        "<target><mrk id=\"m1\" type=\"term\">Паром</mrk> туралы</target>",
        "<target>Газетті <pc id=\"p1\" dataRefStart=\"d1\">қайықпен</pc> тасиды.</target>",
        "<target>Әр жұма <mrk id=\"m2\" translate=\"no\">газет</mrk> өзеннен өтеді.<sm id=\"c\"/></target>",
    ] {
        assert!(text.contains(empty), "{text}");
        text = text.replacen(empty, filled, 1);
    }
    text.replace("<segment state=\"initial\">", "<segment state=\"translated\">")
        .replace('\n', "\r\n")
}

/// The 1-based line of the unit `id` in `text`.
fn line_of(text: &str, id: &str) -> usize {
    text.lines().position(|line| line.contains(&format!("<unit id=\"{id}\""))).unwrap() + 1
}

fn import_with(dir: &Path, data: &Path, file: &Path, extra: &[&str]) -> (bool, String, String) {
    let mut args = vec!["translations", "import", "--data", data.to_str().unwrap()];
    args.extend(extra);
    args.push(file.to_str().unwrap());
    ashyq(dir, &args)
}

#[test]
fn a_file_a_tool_stripped_of_its_hashes_never_overwrites_what_the_site_changed_issue_11() {
    let (dir, data) = site();
    let out = dir.path().join("kk");
    export(dir.path(), data.path(), "kk", &out);
    let exported = std::fs::read_to_string(out.join("parom.xlf")).unwrap();
    assert!(exported.contains("ashyq:exported-at=\""), "the export is marked: {exported}");

    // After the export, the site gets a title (an import of a file with its hashes).
    let site_title = exported.replacen(
        "<target xml:space=\"preserve\"></target>",
        "<target xml:space=\"preserve\">Сайттағы атау</target>",
        1,
    );
    let site_file = dir.path().join("site.xlf");
    std::fs::write(&site_file, site_title).unwrap();
    let (ok, _, stderr) = import_xliff(dir.path(), data.path(), &[&site_file]);
    assert!(ok, "{stderr}");

    // The translator's tool sends the file back without target hashes and with its own markup.
    let tool_text = as_a_tool_leaves_it(&exported);
    let tool_file = dir.path().join("cat.xlf");
    std::fs::write(&tool_file, &tool_text).unwrap();
    let before = snapshot(data.path());
    let (ok, stdout, stderr) = import_xliff(dir.path(), data.path(), &[&tool_file]);
    assert!(!ok, "{stdout}");
    let place = format!("cat.xlf:{}:", line_of(&tool_text, "title"));
    assert!(
        stderr.contains(&place)
            && stderr.contains("unit `title` was changed on the site after this file was exported"),
        "the conflict is named at its place: {stderr}"
    );
    assert!(stderr.contains("--overwrite") && stderr.contains("nothing was written"), "{stderr}");
    assert!(stdout.contains("1 refused"), "{stdout}");
    assert_eq!(snapshot(data.path()), before, "nothing of the file was written");

    // A file that never came from ashyq: no hashes and no export mark. It fills the empty units
    // and names the one it kept.
    let foreign_text = without_attribute(&tool_text, "t:exported-at");
    let foreign_file = dir.path().join("foreign.xlf");
    std::fs::write(&foreign_file, &foreign_text).unwrap();
    let (ok, stdout, stderr) = import_xliff(dir.path(), data.path(), &[&foreign_file]);
    assert!(ok, "{stderr}");
    let place = format!("foreign.xlf:{}:", line_of(&foreign_text, "title"));
    assert!(
        stdout.contains(&place)
            && stdout.contains("unit `title` already has a translation on the site")
            && stdout.contains("--overwrite"),
        "{stdout}"
    );
    assert!(stdout.contains("2 units changed in 1 files"), "{stdout}");
    let again = dir.path().join("again");
    export(dir.path(), data.path(), "kk", &again);
    let now = std::fs::read_to_string(again.join("parom.xlf")).unwrap();
    assert!(now.contains(">Сайттағы атау</target>"), "the site's title kept");
    assert!(now.contains(">Газетті қайықпен тасиды.</target>"), "the tool's markup read as text");
    assert!(now.contains(">Әр жұма газет өзеннен өтеді.</target>"));

    // --overwrite: the file's title replaces the site's.
    let (ok, stdout, stderr) = import_with(dir.path(), data.path(), &tool_file, &["--overwrite"]);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("1 units changed"), "{stdout}");
    let last = dir.path().join("last");
    export(dir.path(), data.path(), "kk", &last);
    let now = std::fs::read_to_string(last.join("parom.xlf")).unwrap();
    assert!(now.contains(">Паром туралы</target>"), "{now}");
}
