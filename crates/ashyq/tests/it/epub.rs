//! Issue 12: `ashyq export epub` writes EPUB 3 books of the demo (one article, a tag, a book file)
//! that epubcheck accepts, and refuses bad requests with a message and no partial file.

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use crate::support::{demo_dir, run_ashyq};

/// A data folder with the demo imported.
fn demo_data() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let articles = demo_dir().join("articles");
    let output = run_ashyq(
        data.path(),
        &["--data", data.path().to_str().unwrap(), "import", "md", articles.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    data
}

fn export(data: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--data", data.to_str().unwrap(), "export", "epub"];
    args.extend_from_slice(extra);
    run_ashyq(data, &args)
}

/// Debian's `epubcheck` package installs a jar; `/usr/bin/epubcheck` links to it and runs only
/// where the kernel hands jars to Java (binfmt_misc), which containers often lack. So the jar is
/// run with `java -jar` when it is there, else the `epubcheck` command.
const EPUBCHECK_JAR: &str = "/usr/share/java/epubcheck.jar";

/// Runs epubcheck on `book`; `false` (with a loud line) when it is not installed outside CI.
fn epubcheck(book: &Path) -> bool {
    let mut command = if Path::new(EPUBCHECK_JAR).exists() {
        let mut java = Command::new("java");
        java.args(["-jar", EPUBCHECK_JAR]);
        java
    } else {
        Command::new("epubcheck")
    };
    let Ok(output) = command.arg(book).output() else {
        assert!(
            std::env::var_os("CI").is_none_or(|value| value != "true"),
            "CI must install epubcheck (see .ci/run)"
        );
        eprintln!(
            "SKIP: epubcheck is not installed; the EPUB was not validated (apt-get install epubcheck)"
        );
        return false;
    };
    assert!(
        output.status.success(),
        "epubcheck refused {}:\n{}\n{}",
        book.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

/// The text of one file inside the book.
fn entry(book: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut file = archive.by_name(name).unwrap_or_else(|_| panic!("{name} is in the book"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

/// Issue 12: the three forms write valid EPUB 3 with mimetype first and stored, navigation, the
/// figures' images with credit and licence, interviews with lang and dir, and a licence page.
#[test]
fn the_demo_exports_as_valid_epub_in_all_three_forms_issue_12() {
    let data = demo_data();
    let out = data.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let book_file = out.join("book.toml");
    std::fs::write(
        &book_file,
        "title = \"Printers and radios\"\narticles = [\n  \"printers-who-said-no\",\n  \"tipografii-kotorye-otkazali\",\n  \"auyl-radiosy\",\n]\n",
    )
    .unwrap();
    let forms: [(&str, Vec<&str>); 3] = [
        ("article.epub", vec!["--article", "printers-who-said-no"]),
        ("tag.epub", vec!["--tag", "censorship"]),
        ("book.epub", vec!["--book", book_file.to_str().unwrap()]),
    ];
    for (name, args) in &forms {
        let path = out.join(name);
        let mut all = vec!["--out", path.to_str().unwrap()];
        all.extend(args.iter().copied());
        let output = export(data.path(), &all);
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        let bytes = std::fs::read(&path).unwrap();
        // The first entry is `mimetype`, stored (method 0), with nothing else in it.
        assert_eq!(&bytes[0..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "mimetype is stored");
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], b"application/epub+zip");
        epubcheck(&path);
    }

    let book = out.join("book.epub");
    let opf = entry(&book, "OEBPS/content.opf");
    for expected in [
        "<dc:title>Printers and radios</dc:title>",
        "<dc:language>en</dc:language>",
        "<dc:language>ru</dc:language>",
        "<dc:language>kk</dc:language>",
        "<dc:creator>Aruzhan Alibekova</dc:creator>",
        "properties=\"cover-image\"",
        "properties=\"nav\"",
    ] {
        assert!(opf.contains(expected), "the package lacks {expected}:\n{opf}");
    }
    let nav = entry(&book, "OEBPS/nav.xhtml");
    assert_eq!(nav.matches("<li><a href=\"story-").count(), 3);
    let story = entry(&book, "OEBPS/story-001.xhtml");
    // XHTML content documents start with `<!DOCTYPE html>` (EPUB 3 asks for it).
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(&story, options)
        .unwrap_or_else(|error| panic!("{error}\n{story}"));
    assert!(story.contains("Aruzhan Alibekova") && story.contains("datetime=\"2026-"));
    assert!(story.contains("<img src=\"images/"), "figures point inside the book");
    assert!(story.contains("class=\"credit\"") && story.contains("data-licence=\"cc-by\""));
    assert!(story.contains("lang=\"ru\" dir=\"ltr\""), "the interview keeps lang and dir");
    assert!(
        story.contains("href=\"story-002.xhtml\""),
        "the link to the translation in the book stays in the book"
    );
    let kazakh = entry(&book, "OEBPS/story-003.xhtml");
    assert!(kazakh.contains("xml:lang=\"kk\""));
    let licence = entry(&book, "OEBPS/licence.xhtml");
    assert!(licence.contains("https://creativecommons.org/licenses/by-sa/4.0/"), "{licence}");
}

/// Issue 12: an unknown slug or a broken book file is named with file:line:column, the command
/// exits 1, and no file (not even a partial one) is left.
#[test]
fn bad_requests_name_the_place_and_leave_no_file_issue_12() {
    let data = demo_data();
    let out = data.path().join("book.epub");
    let check = |args: &[&str], expected: &str| {
        let mut all = vec!["--out", out.to_str().unwrap()];
        all.extend_from_slice(args);
        let output = export(data.path(), &all);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!out.exists(), "{args:?} left a file");
        let leftovers: Vec<_> = std::fs::read_dir(data.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|item| item.file_name().to_string_lossy().contains("epub"))
            .collect();
        assert!(leftovers.is_empty(), "{args:?} left {leftovers:?}");
    };
    check(&["--article", "no-such-story"], "there is no published article `no-such-story`");
    check(&["--tag", "no-such-tag"], "there is no tag `no-such-tag`");
    let book = data.path().join("list.toml");
    std::fs::write(
        &book,
        "title = \"T\"\narticles = [\n  \"auyl-radiosy\",\n  \"missing-one\",\n]\n",
    )
    .unwrap();
    check(
        &["--book", book.to_str().unwrap()],
        &format!("{}:4:3: there is no published article `missing-one`", book.display()),
    );
    std::fs::write(&book, "title = \"T\"\narticles = [\"auyl-radiosy\"]\ncolour = \"red\"\n")
        .unwrap();
    check(&["--book", book.to_str().unwrap()], &format!("{}:3:1:", book.display()));
    let usage = export(data.path(), &["--out", out.to_str().unwrap()]);
    assert_eq!(usage.status.code(), Some(2), "naming no stories is a usage error");
}
