//! Tests of SVG sanitising with hostile drawings of our own: each attack is removed, the drawing
//! stays, and sanitising is a fixed point.

use super::*;

const SVG_NS: &str = "xmlns=\"http://www.w3.org/2000/svg\"";

fn clean(svg: &str) -> String {
    let sanitized = sanitize_svg(svg.as_bytes()).unwrap_or_else(|error| panic!("{error}: {svg}"));
    let text = String::from_utf8(sanitized.bytes.clone()).unwrap();
    let again = sanitize_svg(&sanitized.bytes).unwrap();
    assert_eq!(again.bytes, sanitized.bytes, "sanitising twice changes nothing: {text}");
    text
}

fn assert_lacks(text: &str, needles: &[&str]) {
    let lower = text.to_ascii_lowercase();
    for needle in needles {
        assert!(!lower.contains(&needle.to_ascii_lowercase()), "{needle:?} survived in {text}");
    }
}

#[test]
fn scripts_handlers_and_foreign_content_are_removed() {
    let text = clean(&format!(
        "<svg {SVG_NS} width=\"10\" height=\"10\" onload=\"alert(1)\">\
         <script>alert(2)</script><SCRIPT type=\"text/javascript\"><![CDATA[alert(3)]]></SCRIPT>\
         <rect width=\"5\" height=\"5\" fill=\"red\" onClick=\"alert(4)\" OnMouseOver=\"x()\"/>\
         <foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(5)</script></body></foreignObject>\
         <set attributeName=\"href\" to=\"javascript:alert(6)\"/>\
         <animate attributeName=\"href\" values=\"javascript:alert(7)\"/>\
         <iframe src=\"https://example.org\"/></svg>"
    ));
    assert_lacks(
        &text,
        &[
            "script",
            "alert",
            "onload",
            "onclick",
            "onmouseover",
            "foreignobject",
            "iframe",
            "<set",
            "animate",
        ],
    );
    assert!(text.contains("<rect width=\"5\" height=\"5\" fill=\"red\"/>"), "{text}");
}

#[test]
fn only_fragment_links_and_references_survive() {
    let text = clean(&format!(
        "<svg {SVG_NS} xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 20 10\">\
         <defs><linearGradient id=\"g\"/></defs>\
         <use xlink:href=\"#g\"/><use href=\" #g\"/>\
         <use href=\"https://tracker.example/pixel.svg#a\"/>\
         <image xlink:href=\"data:image/jpeg;base64,/9j/4AAQ\"/>\
         <a href=\"javascript:alert(1)\"><text>x</text></a>\
         <a xlink:href=\"jav&#x09;ascript:alert(1)\"/>\
         <rect fill=\"url(#g)\" stroke=\"url( 'https://tracker.example/x' )\" \
          style=\"fill:url(http://tracker.example/y)\"/></svg>"
    ));
    assert_lacks(&text, &["tracker", "data:", "javascript", "jav\tascript"]);
    assert!(text.contains("<use xlink:href=\"#g\"/>"), "{text}");
    assert!(text.contains("fill=\"url(#g)\""), "{text}");
}

#[test]
fn styles_that_load_or_import_are_removed_and_plain_styles_kept() {
    let text = clean(&format!(
        "<svg {SVG_NS} width=\"4\" height=\"4\"><style>@import url(https://x.example/a.css);</style>\
         <style>rect {{ fill: u\\rl(//x.example/b.png) }}</style>\
         <style><![CDATA[ .a {{ fill: #123 }} ]]></style><rect class=\"a\"/></svg>"
    ));
    assert_lacks(&text, &["x.example", "@import"]);
    assert!(text.contains(".a { fill: #123 }"), "{text}");
}

#[test]
fn metadata_comments_doctype_and_editor_namespaces_are_removed() {
    let text = clean(&format!(
        "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"https://x.example/s.css\"?>\n\
         <!DOCTYPE svg [<!ENTITY owner \"Aigerim\">]>\n<!-- drawn by Aigerim at the checkpoint -->\n\
         <svg {SVG_NS} xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" \
          xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" width=\"8\" height=\"6\" \
          inkscape:export-filename=\"/home/aigerim/secret/map.png\">\
         <metadata><rdf:RDF><rdf:Description about=\"Aigerim\"/></rdf:RDF></metadata>\
         <inkscape:grid/><!-- another --><g><circle r=\"2\"/></g></svg>"
    ));
    assert_lacks(&text, &["aigerim", "inkscape", "rdf", "doctype", "<!--", "<?", "x.example"]);
    assert!(
        text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"6\">"),
        "{text}"
    );
}

#[test]
fn only_the_svg_namespace_is_drawn() {
    let html_root = "<svg xmlns=\"http://www.w3.org/1999/xhtml\" width=\"1\" height=\"1\">\
        <meta http-equiv=\"refresh\" content=\"0;url=https://x.example\"/></svg>";
    assert!(matches!(sanitize_svg(html_root.as_bytes()), Err(SvgError::NotSvg { .. })));
    let text = clean(&format!(
        "<svg {SVG_NS} width=\"1\" height=\"1\"><g xmlns=\"http://www.w3.org/1999/xhtml\">\
         <meta http-equiv=\"refresh\" content=\"0;url=https://x.example\"/></g><rect/></svg>"
    ));
    assert_lacks(&text, &["xhtml", "meta", "x.example"]);
    assert!(text.contains("<rect/>"), "{text}");
    // A root without a namespace is given SVG's, so browsers draw it.
    let text = clean("<svg width=\"2\" height=\"1\"><rect/></svg>");
    assert!(text.starts_with(&format!("<svg {SVG_NS} width=\"2\"")), "{text}");
}

#[test]
fn entities_other_than_xmls_own_are_refused() {
    // The billion laughs: refused, not expanded.
    let laughs = format!(
        "<!DOCTYPE svg [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\
         <svg {SVG_NS} width=\"1\" height=\"1\"><text>&b;</text></svg>"
    );
    assert_eq!(sanitize_svg(laughs.as_bytes()), Err(SvgError::Entity { name: "b".to_owned() }));
    let external = format!(
        "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg {SVG_NS} width=\"1\" height=\"1\" id=\"&x;\"/>"
    );
    assert!(matches!(sanitize_svg(external.as_bytes()), Err(SvgError::Entity { .. })));
    let text = clean(&format!(
        "<svg {SVG_NS} width=\"1\" height=\"1\"><text>a &amp; b &#x41;</text></svg>"
    ));
    assert!(text.contains("a &amp; b &#x41;"), "{text}");
}

#[test]
fn the_size_comes_from_width_and_height_or_the_view_box() {
    let size = |svg: &str| sanitize_svg(svg.as_bytes()).map(|s| (s.width, s.height));
    assert_eq!(size(&format!("<svg {SVG_NS} width=\"640\" height=\"400px\"/>")), Ok((640, 400)));
    assert_eq!(size(&format!("<svg {SVG_NS} viewBox=\"0 0 320.4 200\"/>")), Ok((320, 200)));
    assert_eq!(
        size(&format!("<svg {SVG_NS} width=\"100%\" viewBox=\"0,0,30,20\"/>")),
        Ok((30, 20))
    );
    assert_eq!(size(&format!("<svg {SVG_NS} width=\"60\" viewBox=\"0 0 30 20\"/>")), Ok((60, 40)));
    assert_eq!(
        size(&format!("<svg {SVG_NS} width=\"1e309\" height=\"5\"/>")),
        Err(SvgError::NoSize)
    );
    assert_eq!(size(&format!("<svg {SVG_NS}/>")), Err(SvgError::NoSize));
}

#[test]
fn what_is_not_an_svg_is_refused_with_a_reason() {
    assert!(matches!(sanitize_svg(b"<html><body/></html>"), Err(SvgError::NotSvg { .. })));
    assert!(matches!(
        sanitize_svg(b"<svg width=\"1\" height=\"1\"><g></svg>"),
        Err(SvgError::Malformed { .. })
    ));
    assert!(matches!(
        sanitize_svg(b"<svg width=\"1\" height=\"1\"><g>"),
        Err(SvgError::Malformed { .. })
    ));
    assert_eq!(sanitize_svg(b"\xff\xfe<\0s\0"), Err(SvgError::NotUtf8));
    assert!(matches!(sanitize_svg(&vec![b' '; MAX_SVG_BYTES + 1]), Err(SvgError::TooLarge { .. })));
    assert!(matches!(
        sanitize_svg(b"<svg width=\"1\" height=\"1\"/><svg/>"),
        Err(SvgError::Malformed { .. })
    ));
    assert!(looks_like_svg(b"\xEF\xBB\xBF  <svg/>"));
    assert!(!looks_like_svg(b"\x89PNG"));
}

#[test]
fn hostile_strings_never_panic() {
    let Ok(list) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bad-input/blns.txt"
    )) else {
        return;
    };
    for line in list.lines() {
        let _ = sanitize_svg(line.as_bytes());
        let wrapped = format!(
            "<svg {SVG_NS} width=\"1\" height=\"1\" id=\"{line}\"><text>{line}</text></svg>"
        );
        if let Ok(clean) = sanitize_svg(wrapped.as_bytes()) {
            assert_eq!(
                sanitize_svg(&clean.bytes).map(|again| again.bytes),
                Ok(clean.bytes),
                "{line:?}"
            );
        }
    }
}
