//! Tests of article parsing: one valid file, and each error a writer can make, with its location.

use super::*;
use crate::Licence;

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
    check_errors("+++\ntitle = \"x\n+++\n", &["2:11: the front matter is not valid TOML:"]);
    let text = HEADER.replace("summary =", "sumary =");
    check_errors(&text, &["6:1: unknown key `sumary`; the keys allowed here are `title`"]);
    let text = HEADER.replace("title = \"Printers\"\n", "");
    check_errors(&text, &["2:1: the front matter has no `title`, which every article needs"]);
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

/// Issue 10 item 10: the shapes writers get wrong, each named by key in plain words.
#[test]
fn front_matter_messages_read_as_an_editor_wrote_them_issue_10_item_10() {
    let text = HEADER.replace(
        "authors = [{ name = \"Asel A\", slug = \"asel-a\" }]",
        "[[authors]]\nname = { en = \"Asel A\", ru = \"Асель А\" }\nslug = \"asel-a\"",
    );
    check_errors(
        &text,
        &["9:8: `name` in `[[authors]]` must be text in quotes, like `name = \"…\"`, not a table"],
    );
    let text = HEADER.replace("licence = \"used-with-permission\"", "licence = 5");
    check_errors(
        &text,
        &[
            "14:11: `licence` in `[lead_figure]` must be text in quotes, like `licence = \"…\"`, not the number 5",
        ],
    );
    let text = HEADER.replace("authors = [{ name = \"Asel A\", slug = \"asel-a\" }]\n", "");
    check_errors(
        &text,
        &["2:1: the front matter has no `[[authors]]`; add one with `name` and `slug`"],
    );
    let text = HEADER.replace("role = \"interviewee\"", "role = \"interviewee\"\nphoto = \"x\"");
    check_errors(
        &text,
        &["20:1: unknown key `photo` in `[[speakers]]`; the keys allowed here are `id`"],
    );
    for error in parse_article("a.md", &text).unwrap_err() {
        assert!(!error.to_string().contains("invalid type"), "{error}");
    }
}

#[test]
fn misspelt_version_lines_say_how_to_write_them_issue_10_item_10() {
    let text = with_body("::: interview\n@dm\n[ru-original]\nДа.\n:::\n");
    check_errors(
        &text,
        &["24:2: write `[ru original]`, with a space before `original` (got `[ru-original]`)"],
    );
    let text = with_body("::: interview\n@dm\n[Russian original]\nДа.\n:::\n");
    check_errors(
        &text,
        &["24:2: `Russian` is the name of a language; write its code instead: `[ru original]`"],
    );
    let text = with_body("::: interview\n@dm\n[ru original]\nДа.\n[English]\nYes.\n:::\n");
    check_errors(
        &text,
        &["26:2: `English` is the name of a language; write its code instead: `[en]`"],
    );
    for error in parse_article("a.md", &text).unwrap_err() {
        assert!(!error.to_string().contains("not a known language code"), "{error}");
    }
}

/// Issue 10 item 8: credit is required only where the licence needs attribution.
#[test]
fn credit_is_required_by_attribution_licences_only_issue_10_item_8() {
    let without_credit = HEADER.replace("credit = \"ashyq demo\"\n", "");
    let article = parse_article("a.md", &without_credit).unwrap();
    let lead = article.lead_figure.unwrap();
    assert_eq!((lead.credit.as_str(), lead.licence), ("", Licence::UsedWithPermission));
    let cc_by = without_credit.replace("\"used-with-permission\"", "\"cc-by-sa\"");
    check_errors(&cc_by, &["13:11: a figure under `cc-by-sa` needs a `credit`"]);
    let empty =
        HEADER.replace("\"used-with-permission\"", "\"cc-by\"").replace("\"ashyq demo\"", "\" \"");
    check_errors(&empty, &["13:10: a figure under `cc-by` needs a `credit`"]);
}

/// Issue 10 item 9: no `summary`; listings fall back to the opening of the body.
#[test]
fn summary_is_optional_and_falls_back_to_the_opening_issue_10_item_9() {
    let text = HEADER.replace("summary = \"Three printing houses said no.\"\n", "");
    let article = parse_article(
        "a.md",
        &format!("{text}# Heading\n\nThe *first* paragraph\nwraps.\n\nSecond.\n"),
    )
    .unwrap();
    assert_eq!(article.summary, "The first paragraph wraps.");
    let long = format!("{text}{}\n", "word ".repeat(100));
    let article = parse_article("a.md", &long).unwrap();
    assert!(article.summary.ends_with("word…"), "{}", article.summary);
    assert!(article.summary.chars().count() <= OPENING_SUMMARY_CHARS + 1);
    let interview_only = format!("{text}::: interview\n@dm\n[ru original]\nДа, **так**.\n:::\n");
    assert_eq!(parse_article("a.md", &interview_only).unwrap().summary, "Да, так.");
    let empty = HEADER.replace("\"Three printing houses said no.\"", "\" \"");
    assert_eq!(parse_article("a.md", &format!("{empty}Opening.\n")).unwrap().summary, "Opening.");
    let given = parse_article("a.md", &with_body("Body.\n")).unwrap();
    assert_eq!(given.summary, "Three printing houses said no.");
}

/// Issue 10 item 7: a footnote reference inside a turn is refused where it is written.
#[test]
fn footnotes_inside_turns_are_refused_at_the_reference_issue_10_item_7() {
    let text = with_body(
        "::: interview\n@dm\n[en original]\nWe met at the venue.[^venue] And `[^code]` is text.\n:::\n\n[^venue]: A café.\n",
    );
    check_errors(&text, &["25:21: footnotes cannot be used inside an interview"]);
    let outside = with_body("Text.[^n]\n\n[^n]: Note.\n");
    assert!(parse_article("a.md", &outside).is_ok());
}

/// Issue 10 item 4: a speaker's name may be a table by language.
#[test]
fn speaker_names_by_language_issue_10_item_4() {
    let text = HEADER
        .replace("name = \"Dina M\"", "name = { en = \"Dina Mukanova\", ru = \"Дина Муканова\" }");
    let article = parse_article("a.md", &text).unwrap();
    let speaker = &article.speakers[0];
    let ru = crate::LanguageTag::parse("ru").unwrap();
    let en = crate::LanguageTag::parse("en").unwrap();
    let kk = crate::LanguageTag::parse("kk").unwrap();
    assert_eq!(speaker.name_for(&ru, &en), "Дина Муканова");
    assert_eq!(speaker.name_for(&en, &en), "Dina Mukanova");
    assert_eq!(speaker.name_for(&kk, &en), "Dina Mukanova", "falls back to the article's language");
    let bad = HEADER.replace("name = \"Dina M\"", "name = { xx = \"Dina\" }");
    check_errors(&bad, &["18:8: `xx` is not a known language code"]);
}
