//! Tests for what a WordPress export becomes.

use std::collections::{HashMap, HashSet};

use time::macros::datetime;

use super::*;
use crate::xml::Limits;

const SITE: &str = include_str!("../../fixtures/site.xml");

fn plan_with(known: &Known, images: &[&str]) -> Plan {
    let wxr = crate::wxr::read_wxr(SITE, Limits::default()).unwrap();
    let images: HashSet<String> = images.iter().map(|image| (*image).to_owned()).collect();
    let find = move |url: &str| {
        let path = uploads_path(url);
        images.contains(&path).then_some(path)
    };
    plan_wxr(&wxr, known, &find, datetime!(2026-01-01 00:00 UTC))
}

fn article<'a>(plan: &'a Plan, id: &str) -> &'a PlannedArticle {
    plan.articles.iter().find(|a| a.foreign_id == id).unwrap_or_else(|| panic!("post {id}"))
}

#[test]
fn statuses_map_and_trash_and_menus_are_skipped_with_reasons() {
    let plan = plan_with(&Known::default(), &[]);
    let states: HashMap<&str, PostState> =
        plan.articles.iter().map(|a| (a.foreign_id.as_str(), a.state)).collect();
    assert_eq!(states["10"], PostState::Published);
    assert_eq!(states["12"], PostState::Draft);
    assert_eq!(states["13"], PostState::Unpublished);
    assert_eq!(states["14"], PostState::Published, "future: published with a date to come");
    assert_eq!(states["15"], PostState::Review);
    assert_eq!(states["17"], PostState::Unpublished, "password-protected");
    assert_eq!(states["19"], PostState::Published, "pages too");
    assert!(!states.contains_key("16"));
    assert_eq!(plan.articles.len(), 9);
    let skipped: Vec<String> =
        plan.report.skipped.iter().map(|(w, r)| format!("{w}: {r}")).collect();
    assert!(
        skipped.contains(&"post 16 “Thrown away”: in WordPress's trash".to_owned()),
        "{skipped:?}"
    );
    assert!(
        skipped.contains(
            &"item 21 (nav_menu_item): `nav_menu_item` items are not articles".to_owned()
        ),
        "{skipped:?}"
    );
    assert_eq!(plan.report.people, 2);
}

#[test]
fn every_planned_file_parses_and_passes_the_batch_checks() {
    let plan = plan_with(&Known::default(), &["2024/03/square.jpg", "2024/03/lead.png"]);
    let articles: Vec<ashyq_content::Article> = plan
        .articles
        .iter()
        .map(|a| {
            ashyq_content::parse_article(&a.slug, &a.file)
                .unwrap_or_else(|e| panic!("{e:?}\n{}", a.file))
        })
        .collect();
    assert_eq!(ashyq_content::check_batch(&articles, &HashMap::new()), []);
    let bridge = &articles[0];
    assert_eq!(bridge.slug.as_str(), "the-bridge");
    assert_eq!(bridge.summary, "A village waited eleven years for a bridge.");
    assert_eq!(bridge.authors[0].name, "Dana Serikova");
    assert_eq!(
        bridge.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Water", "Bridges"]
    );
    assert_eq!(bridge.figures[0].caption, "Cars wait at the ford in March.");
    assert_eq!(bridge.figures[0].credit, "Photo: Dana Serikova");
    assert_eq!(
        bridge.lead_figure.as_ref().map(|f| f.alt.as_str()),
        Some("A river ford seen from a hill")
    );
    assert_eq!(article(&plan, "10").images, ["2024/03/square.jpg", "2024/03/lead.png"]);
    let russian = &articles[1];
    assert_eq!(russian.slug.as_str(), "most", "percent-encoded Cyrillic, transliterated");
    assert_eq!(russian.lang.as_str(), "ru");
    assert_eq!(russian.translation_of.as_ref().map(|s| s.as_str()), Some("the-bridge"));
    assert!(
        russian.summary.starts_with("Переправу у старой мельницы"),
        "the opening: {}",
        russian.summary
    );
    let kazakh = articles.iter().find(|a| a.lang.as_str() == "kk").unwrap();
    assert_eq!(kazakh.title, "(untitled)");
    assert_eq!(kazakh.slug.as_str(), "the-bridge-2", "duplicate slugs get a number");
    assert_eq!(kazakh.translation_of.as_ref().map(|s| s.as_str()), Some("the-bridge"));
    let draft = articles.iter().find(|a| a.title.starts_with("A draft")).unwrap();
    assert_eq!(draft.slug.as_str(), "a-draft-about-the-school-bus", "no slug: from the title");
}

#[test]
fn the_report_lists_shortcodes_links_missing_images_and_adaptations() {
    let plan = plan_with(&Known::default(), &["2024/03/square.jpg"]);
    let report = &plan.report;
    assert_eq!(report.unknown_shortcodes.get("gallery"), Some(&1));
    assert_eq!(
        report.missing_images,
        [
            (
                "https://old.example.org/wp-content/uploads/2024/03/lead.png".to_owned(),
                "2024/03/lead.png".to_owned()
            ),
            (
                "https://old.example.org/wp-content/uploads/2024/03/ford-winter.jpg".to_owned(),
                "2024/03/ford-winter.jpg".to_owned()
            ),
        ]
    );
    let notes = report.notes.join("\n");
    for expected in [
        "post 10: the link `javascript:alert(1)` is kept as text",
        "post 10: `<script>` left out",
        "post 17: password-protected, imported unpublished",
        "post 18: no title, imported as “(untitled)”",
        "post 11: slug `%d0%bc%d0%be%d1%81%d1%82` became `most`",
    ] {
        assert!(notes.contains(expected), "{expected}\n{notes}");
    }
    assert_eq!(report.pingbacks, 1);
}

#[test]
fn comments_keep_threads_and_states_in_parent_order() {
    let plan = plan_with(&Known::default(), &[]);
    let comments: Vec<(&str, Option<&str>, CommentState)> =
        plan.comments.iter().map(|c| (c.id.as_str(), c.parent.as_deref(), c.state)).collect();
    assert_eq!(
        comments,
        [
            ("101", None, CommentState::Approved),
            ("102", Some("101"), CommentState::Approved),
            ("103", Some("102"), CommentState::Pending),
            ("104", None, CommentState::Spam),
            ("105", None, CommentState::Rejected),
        ]
    );
    assert_eq!(plan.comments[0].thread, "10");
    assert_eq!(plan.comments[0].created, datetime!(2024-03-02 09:00 UTC).unix_timestamp());
}

#[test]
fn a_second_run_plans_nothing_and_a_later_export_only_the_new() {
    let first = plan_with(&Known::default(), &[]);
    let known = Known {
        posts: first.articles.iter().map(|a| (a.foreign_id.clone(), a.slug.clone())).collect(),
        comments: first.comments.iter().map(|c| c.id.clone()).collect(),
        slugs: first.articles.iter().map(|a| a.slug.clone()).collect(),
        names: HashMap::new(),
    };
    let second = plan_with(&known, &[]);
    assert!(second.articles.is_empty() && second.comments.is_empty());
    assert_eq!(second.report.posts_already, 9);
    assert_eq!(second.report.comments_already, 5);

    // A later export: post 18 and comment 103 were not there the first time.
    let mut partial = known.clone();
    partial.posts.remove("18");
    partial.slugs.remove("the-bridge-2");
    partial.comments.remove("103");
    let later = plan_with(&partial, &[]);
    assert_eq!(later.articles.iter().map(|a| a.foreign_id.as_str()).collect::<Vec<_>>(), ["18"]);
    let kazakh = ashyq_content::parse_article("k", &later.articles[0].file).unwrap();
    assert_eq!(
        kazakh.translation_of.as_ref().map(|s| s.as_str()),
        Some("the-bridge"),
        "the original from the first run"
    );
    assert_eq!(later.comments.len(), 1);
    assert_eq!(later.comments[0].parent.as_deref(), Some("102"), "its parent from the first run");
}

#[test]
fn terms_without_letters_are_left_out_and_said_not_written_as_tags_the_parser_refuses() {
    // Found by the fuzzer: a tag of NUL characters became `tags = ["\u0000…"]`, which our own
    // parser refuses, so the import would have failed at its own file.
    let text = SITE.replace(
        r#"<category domain="post_tag" nicename="bridges"><![CDATA[Bridges]]></category>"#,
        "<category domain=\"post_tag\" nicename=\"x\">\u{1}\u{1}</category>\
         <category domain=\"post_tag\" nicename=\"y\"><![CDATA[ ... ]]></category>\
         <category domain=\"post_tag\" nicename=\"z\">Brid\u{7}ges</category>",
    );
    assert_ne!(text, SITE, "the fixture still holds the tag this test replaces");
    let wxr = crate::wxr::read_wxr(&text, Limits::default()).unwrap();
    let plan = plan_wxr(&wxr, &Known::default(), &|_| None, datetime!(2026-01-01 00:00 UTC));
    let bridge = article(&plan, "10");
    let parsed = ashyq_content::parse_article("bridge.md", &bridge.file)
        .unwrap_or_else(|e| panic!("{e:?}\n{}", bridge.file));
    assert_eq!(
        parsed.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Water", "Bridges"],
        "control characters are dropped from a name; a name left with nothing is dropped"
    );
    assert!(
        plan.report.notes.iter().any(|n| n.starts_with("post 10: the term") && n.contains("...")),
        "{:?}",
        plan.report.notes
    );
}
