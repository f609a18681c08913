//! Tests for turning WordPress HTML into our body.

use super::*;
use crate::article_file::{ArticleDraft, FilePiece, article_file};

fn markdown(html: &str) -> String {
    convert(html)
        .pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Markdown(text) => text,
            Piece::Figure(figure) => format!("<FIGURE {}>", figure.src),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The body as our article parser and renderer see it.
fn rendered(html: &str) -> String {
    let body = convert(html)
        .pieces
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Markdown(text) => Some(FilePiece::Markdown(text)),
            Piece::Figure(_) => None,
        })
        .collect();
    let draft = ArticleDraft {
        title: "T".to_owned(),
        slug: "t".to_owned(),
        lang: "en".to_owned(),
        published: time::macros::datetime!(2024-01-01 00:00 UTC),
        summary: Some("S".to_owned()),
        authors: vec![("A".to_owned(), "a".to_owned())],
        tags: Vec::new(),
        translation_of: None,
        lead_figure: None,
        body,
    };
    let text = article_file(&draft);
    let article = match ashyq_content::parse_article("t.md", &text) {
        Ok(article) => article,
        Err(errors) => panic!("{html:?} gave a file our parser refuses: {errors:?}\n{text}"),
    };
    article
        .body
        .iter()
        .map(|block| match block {
            ashyq_content::Block::Markdown(text) => ashyq_content::fragment::render_markdown(text),
            _ => String::new(),
        })
        .collect()
}

#[test]
fn headings_lists_quotes_tables_and_emphasis_become_markdown() {
    let html = "<h1>Top</h1><h3>Sub</h3><p>One <em>two</em> <strong>three</strong></p>\
        <ul><li>a</li><li>b<ol><li>c</li></ol></li></ul><blockquote><p>quoted</p></blockquote>\
        <table><tr><th>Y</th><th>P</th></tr><tr><td>2013</td><td>x | y</td></tr></table><pre>let x = 1;\n`tick`</pre>";
    let out = rendered(html);
    for expected in [
        "<h2>Top</h2>",
        "<h3>Sub</h3>",
        "<em>two</em>",
        "<strong>three</strong>",
        "<li>a</li>",
        "<ol>",
        "<blockquote>",
        "<table>",
        "<td>x | y</td>",
        "<code>let x = 1;\n`tick`",
    ] {
        assert!(out.contains(expected), "{expected} missing in {out}");
    }
}

#[test]
fn blank_lines_are_paragraphs_and_single_breaks_are_spaces() {
    assert_eq!(
        markdown("First line\nsame paragraph.\n\nSecond."),
        "First line same paragraph.\n\nSecond."
    );
}

#[test]
fn links_keep_allowed_schemes_and_others_become_text() {
    let converted = convert(
        "<a href=\"https://e.org/a b\">ok</a> <a href=\"javascript:alert(1)\">bad</a> <a href=\"data:text/html,x\">d</a>",
    );
    assert_eq!(converted.refused_links, ["javascript:alert(1)", "data:text/html,x"]);
    let out =
        rendered("<a href=\"https://e.org/a b\">ok</a> <a href=\"javascript:alert(1)\">bad</a>");
    assert!(out.contains("<a href=\"https://e.org/a%20b\">ok</a>"), "{out}");
    assert!(!out.contains("javascript"), "{out}");
    assert!(out.contains("bad"));
}

#[test]
fn images_and_figures_become_figures_with_caption_and_credit() {
    let converted = convert(
        "<p>Before</p><figure><a href=\"/x\"><img src=\"a.jpg\" alt=\"A\"></a><figcaption>The ford. <cite>Photo: D</cite></figcaption></figure><p>After <img src=\"b.png\"></p>",
    );
    assert_eq!(converted.pieces.len(), 4, "{:?}", converted.pieces);
    assert_eq!(
        converted.pieces[1],
        Piece::Figure(FigureRef {
            src: "a.jpg".to_owned(),
            alt: "A".to_owned(),
            caption: "The ford.".to_owned(),
            credit: "Photo: D".to_owned(),
        })
    );
    assert_eq!(converted.pieces[2], Piece::Markdown("After".to_owned()));
    assert!(matches!(&converted.pieces[3], Piece::Figure(figure) if figure.src == "b.png"));
}

#[test]
fn scripts_and_embeds_are_dropped_and_listed() {
    let converted =
        convert("<p>a</p><script>alert('<b>x</b>')</script><iframe src=x></iframe><p>b</p>");
    assert_eq!(converted.dropped, ["script", "iframe"]);
    assert_eq!(markdown("<p>a</p><script>alert('<b>x</b>')</script><p>b</p>"), "a\n\nb");
}

#[test]
fn text_that_looks_like_markup_or_directives_stays_text() {
    let out = rendered(
        "<p>::: figure x</p><p>1. not a list</p><p># not a heading</p><p>&lt;b&gt;raw&lt;/b&gt; *x* [y](z)</p><p>- dash</p>",
    );
    assert!(out.contains("::: figure x"), "{out}");
    assert!(out.contains("1. not a list"), "{out}");
    assert!(out.contains("# not a heading"), "{out}");
    assert!(out.contains("&lt;b&gt;raw&lt;/b&gt; *x* [y](z)"), "{out}");
    assert!(!out.contains("<ol>") && !out.contains("<h1>") && !out.contains("<ul>"), "{out}");
}

#[test]
fn comments_become_plain_text_paragraphs() {
    assert_eq!(
        plain_text("<p>One<br>two</p><p>Three &amp; four</p><script>x</script>"),
        "One\ntwo\n\nThree & four"
    );
}

#[test]
fn every_hostile_string_converts_to_a_file_our_parser_accepts() {
    let Ok(list) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bad-input/blns.txt"
    )) else {
        eprintln!("../shared/bad-input not present; skipping");
        return;
    };
    for line in list.lines().filter(|line| !line.starts_with('#')) {
        rendered(line);
        rendered(&format!(
            "<p>{line}</p><ul><li>{line}</li></ul><blockquote>{line}</blockquote><table><tr><td>{line}</td></tr></table>"
        ));
        let _ = plain_text(line);
    }
}
