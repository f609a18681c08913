//! Right to left in a real Chromium (issue 11): an Arabic page and the Arabic translation of the
//! interview, whose Russian and English originals sit beside the Arabic, at 1280 and 390 px:
//! screenshots, the computed direction of the document and of each version block, the mirrored
//! layout, no sideways scrolling and no serious axe-core violation; and the interview reading
//! modes chosen with JavaScript off, remembered by the browser's cookie.

use serde_json::json;
use std::path::PathBuf;

use crate::browser::Driver;
use crate::browser_checks::{WIDTHS, axe_source, axe_violations, base64_decode, emulate, overflow};
use crate::support::TestApp;

const INTERVIEW: &str = "/articles/matabi-rafadat";

#[test]
fn an_arabic_page_and_a_bilingual_interview_read_right_to_left_at_both_widths_issue_11() {
    let Some(driver) = Driver::start() else { return };
    let app = TestApp::with_demo();
    let base = app.base.replace("127.0.0.1", "localhost");
    let session = driver.session_with_script();
    let axe = axe_source();
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&folder).unwrap();
    let mut failures = Vec::new();
    for (name, path) in [("arabic-front", "/ar/"), ("arabic-interview", INTERVIEW)] {
        for width in WIDTHS {
            emulate(&session, width, false);
            session.open(&format!("{base}{path}"));
            let at = format!("{path} at {width} px");
            assert_eq!(session.css("html", "direction"), "rtl", "{at}: the document");
            assert_eq!(session.css("h1", "direction"), "rtl", "{at}");
            if path == INTERVIEW {
                let russian = ".version[lang=\"ru\"]";
                assert_eq!(session.css(russian, "direction"), "ltr", "{at}: the Russian original");
                assert_eq!(session.css(".version[lang=\"en\"]", "direction"), "ltr", "{at}");
                let arabic = ".version[lang=\"ar\"]";
                assert_eq!(session.css(arabic, "direction"), "rtl", "{at}: the Arabic version");
                // Logical properties: each block's rule is on the side its text starts from.
                assert_eq!(session.css(arabic, "border-right-width"), "3px", "{at}");
                assert_eq!(session.css(arabic, "border-left-width"), "0px", "{at}");
                assert_eq!(session.css(russian, "border-left-width"), "3px", "{at}");
                // The label above the Russian block speaks the page's language, right to left.
                let label = ".version[lang=\"ru\"] .version-label";
                assert_eq!(session.css(label, "direction"), "rtl", "{at}");
            }
            for problem in overflow(&session) {
                failures.push(format!("{at}: {problem}"));
            }
            if let Some(axe) = &axe {
                for violation in axe_violations(&session, axe) {
                    failures.push(format!("{at}: {violation}"));
                }
            }
            let shot = session.cdp(
                "Page.captureScreenshot",
                json!({ "format": "png", "captureBeyondViewport": true }),
            );
            let png = base64_decode(shot["data"].as_str().expect("a screenshot"));
            assert!(png.starts_with(b"\x89PNG"), "a PNG");
            let file = folder.join(format!("{name}-{width}.png"));
            std::fs::write(&file, png).unwrap();
            eprintln!("screenshot: {}", file.display());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The reading modes are plain links: with JavaScript off, a click shows the original only, and
/// the browser's cookie keeps the choice for the next visit to the plain address.
#[test]
fn the_reading_modes_work_without_javascript_and_are_remembered_issue_11() {
    let Some(driver) = Driver::start() else { return };
    let app = TestApp::with_demo();
    let base = app.base.replace("127.0.0.1", "localhost");
    let reader = driver.session();
    assert!(!reader.script_runs(), "this reader has JavaScript off");
    reader.open(&format!("{base}{INTERVIEW}"));
    assert_eq!(reader.elements(".version[lang=\"ar\"]").len(), 10);
    reader.click(".interview-modes a[href*=\"interview=original\"]");
    let url = reader.wait_for_url("interview=original");
    assert!(url.ends_with("#interview-modes"), "{url}");
    assert!(reader.elements(".version[lang=\"ar\"]").is_empty(), "the original only");
    assert_eq!(reader.elements(".version.original").len(), 10);
    reader.open(&format!("{base}{INTERVIEW}"));
    assert!(reader.elements(".version[lang=\"ar\"]").is_empty(), "remembered");
    reader.click(".interview-modes a[href*=\"interview=paired\"]");
    reader.wait_for_url("interview=paired");
    assert_eq!(reader.elements(".version[lang=\"ar\"]").len(), 10);
}
