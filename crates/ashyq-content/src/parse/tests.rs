//! Tests of article parsing: one valid file, and each error a writer can make, with its location.

use super::*;

const HEADER: &str = r#"+++
title = "Printers"
slug = "printers"
lang = "en"
published = 2026-03-14T09:30:00+05:00
summary = "Three printing houses said no."
tags = ["Kazakhstan", "Censorship", "censorship"]
authors = [{ name = "Asel A", slug = "asel-a" }]

[lead_figure]
src = "lead.svg"
alt = "A press"
credit = "ashyq demo"
licence = "used-with-permission"

[[speakers]]
id = "dm"
name = "Dina M"
role = "interviewee"
initials = { en = "DM", ru = "ДМ" }
+++
"#;

/// Parses `header + body` and expects the errors, each given as `line:column: fragment of message`.
fn check_errors(text: &str, expected: &[&str]) {
    let errors = parse_article("a.md", text).expect_err("the file should be rejected");
    let got: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), expected.len(), "errors: {got:#?}");
    for (error, want) in got.iter().zip(expected) {
        let (position, fragment) = want.split_once(": ").unwrap();
        assert!(
            error.starts_with(&format!("a.md:{position}: ")),
            "{error} should be at {position}"
        );
        assert!(error.contains(fragment), "{error} should say {fragment:?}");
    }
}

fn with_body(body: &str) -> String {
    format!("{HEADER}{body}")
}

#[test]
fn parses_a_complete_article() {
    let text =
        with_body("Intro.\n\n::: interview\n@dm\n[ru original]\nДа.\n[en]\nYes.\n:::\n\nOutro.\n");
    let article = parse_article("a.md", &text).unwrap();
    assert_eq!(article.slug.as_str(), "printers");
    assert_eq!(article.lang.as_str(), "en");
    assert_eq!(article.published.unix_timestamp(), 1_773_462_600);
    let tag_slugs: Vec<_> = article.tags.iter().map(|tag| tag.slug.as_str()).collect();
    assert_eq!(tag_slugs, ["kazakhstan", "censorship"], "duplicate tags fold into one");
    assert_eq!(article.body.len(), 3);
    let Block::Interview(interview) = &article.body[1] else { panic!("expected an interview") };
    assert_eq!(interview.turns[0].versions[0].lang.as_str(), "ru");
    assert!(interview.turns[0].versions[0].original);
    assert_eq!(article.lead_figure.as_ref().unwrap().src, "lead.svg");
    assert_eq!(article.source, text);
}

#[test]
fn missing_or_unclosed_front_matter() {
    check_errors("title = \"x\"\n", &["1:1: must start with a `+++`"]);
    check_errors("+++\ntitle = \"x\"\n", &["1:1: never closed"]);
}

#[test]
fn bad_toml_and_unknown_keys_point_at_the_line() {
    check_errors("+++\ntitle = \"x\n+++\n", &["2:11: front matter:"]);
    let text = HEADER.replace("summary =", "sumary =");
    check_errors(&text, &["6:1: unknown field `sumary`"]);
    let text = HEADER.replace("title = \"Printers\"\n", "");
    check_errors(&text, &["2:1: missing field `title`"]);
}

#[test]
fn unknown_licence_names_the_choices() {
    let text = HEADER.replace("\"used-with-permission\"", "\"cc-by-4.0\"");
    check_errors(&text, &["14:11: unknown licence `cc-by-4.0`; use one of: cc-by, cc-by-sa"]);
}

#[test]
fn unknown_language_codes_in_header_and_versions() {
    let text = HEADER.replace("lang = \"en\"", "lang = \"xx\"");
    check_errors(&text, &["4:8: `xx` is not a known language code"]);
    let text = with_body("::: interview\n@dm\n[zz original]\nText.\n:::\n");
    check_errors(&text, &["24:2: `zz` is not a known language code"]);
}

#[test]
fn turn_without_an_original() {
    let text = with_body("::: interview\n@dm\n[ru]\nДа.\n[en]\nYes.\n:::\n");
    check_errors(&text, &["23:1: this turn by `dm` has no original"]);
}

#[test]
fn turn_with_two_originals_or_duplicate_versions() {
    let text = with_body("::: interview\n@dm\n[ru original]\nДа.\n[en original]\nYes.\n:::\n");
    check_errors(&text, &["23:1: more than one original"]);
    let text = with_body("::: interview\n@dm\n[ru original]\nДа.\n[ru]\nДа.\n:::\n");
    check_errors(&text, &["26:2: two `ru` versions"]);
}

#[test]
fn interview_structure_errors() {
    check_errors(
        &with_body("::: interview\nLoose text.\n:::\n"),
        &["23:1: must follow a `@speaker`"],
    );
    check_errors(
        &with_body("::: interview\n[en original]\nx\n:::\n"),
        &["23:2: must follow a `@speaker`"],
    );
    check_errors(
        &with_body("::: interview\n@nobody\n[en original]\nx\n:::\n"),
        &["23:1: no speaker with id `nobody`"],
    );
    check_errors(&with_body("::: interview\n@dm\n[en original]\nx\n"), &["22:1: never closed"]);
    check_errors(
        &with_body("::: interview\n@dm\n[en original]\n\n:::\n"),
        &["24:2: the `en` version is empty"],
    );
    check_errors(&with_body("::: interview\n@dm\n:::\n"), &["23:1: no language versions"]);
    check_errors(
        &with_body("::: interview\n@dm\n[ru translated]\nx\n:::\n"),
        &["24:2: write `[LANG]`"],
    );
    check_errors(&with_body("text\n:::\n"), &["23:1: closing `:::` without"]);
    check_errors(&with_body("::: gallery\n"), &["22:1: unknown directive `::: gallery`"]);
}

#[test]
fn figures_must_exist_and_be_placed() {
    check_errors(&with_body("::: figure nothing\n"), &["22:1: no figure with id `nothing`"]);
    let text = HEADER.replace(
        "[[speakers]]",
        "[[figures]]\nid = \"x\"\nsrc = \"x.svg\"\nalt = \"\"\ncredit = \"c\"\nlicence = \"cc0\"\n\n[[speakers]]",
    );
    check_errors(&text, &["18:7: figure `x` is declared but never placed"]);
}

#[test]
fn inline_images_are_refused() {
    check_errors(&with_body("Text\n\n![alt](x.png)\n"), &["24:1: images go in figures"]);
}

#[test]
fn links_other_than_web_mail_and_relative_are_refused_issue_9_item_14() {
    check_errors(
        &with_body(
            "Read [this](javascript:alert(1)).\n\nOr <vbscript:x> and [d][1].\n\n[1]: DATA:text/html,x\n",
        ),
        &[
            "22:6: links to `javascript:` addresses are not allowed",
            "24:4: links to `vbscript:` addresses are not allowed",
            "24:21: links to `data:` addresses are not allowed",
        ],
    );
    let inside_interview =
        with_body("::: interview\n@dm\n[ru original]\nСм. [тут](file:///etc/passwd).\n:::\n");
    check_errors(&inside_interview, &["25:5: links to `file:` addresses are not allowed"]);
    parse_article(
        "a.md",
        &with_body("[a](https://x.org) [b](mailto:a@x.org) [c](/articles/x) [d](#n) [e](x.md)\n"),
    )
    .unwrap();
}

#[test]
fn directives_inside_code_fences_are_text() {
    let article = parse_article("a.md", &with_body("```\n::: interview\n```\n")).unwrap();
    assert_eq!(article.body.len(), 1);
}

#[test]
fn bad_slug_and_date() {
    let text = HEADER.replace("slug = \"printers\"", "slug = \"Printers Who\"");
    check_errors(&text, &["3:8: not a valid slug"]);
    let text = HEADER.replace("2026-03-14T09:30:00+05:00", "2026-03-14");
    check_errors(&text, &["5:13: with an offset"]);
}

#[test]
fn batch_rejects_duplicate_slugs_and_unknown_originals() {
    let first = parse_article("a.md", HEADER).unwrap();
    let second =
        parse_article("b.md", &HEADER.replace("tags =", "translation_of = \"elsewhere\"\ntags ="))
            .unwrap();
    let errors: Vec<String> =
        check_batch(&[first, second], &HashMap::new()).iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("b.md:3:8: the slug `printers` is already used by a.md:3:8"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("b.md:7:18: `translation_of` names `elsewhere`"),
        "{}",
        errors[1]
    );

    let stored =
        HashMap::from([("printers".to_owned(), "an article already on the site".to_owned())]);
    let errors = check_batch(&[parse_article("a.md", HEADER).unwrap()], &stored);
    assert!(errors[0].to_string().contains("already used by an article already on the site"));
}

#[test]
fn hostile_strings_never_panic() {
    let Ok(list) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bad-input/blns.txt"
    )) else {
        eprintln!("../shared/bad-input not present; skipping");
        return;
    };
    for line in list.lines() {
        let _ = parse_article("bad.md", line);
        let _ = parse_article("bad.md", &with_body(line));
        let _ = parse_article("bad.md", &HEADER.replace("Printers", &line.replace('"', "\\\"")));
    }
}
