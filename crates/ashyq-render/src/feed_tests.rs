//! Tests of the machine-readable outputs against real XML and JSON parsers: the Atom feed's
//! required elements, the article page's JSON-LD under hostile titles, Open Graph tags.

use ashyq_i18n::Catalog;
use ashyq_store::{
    ArticleSummary, ArticleView, FeedEntry, FeedScope, FeedSource, NamedLink, TranslationLink,
};
use time::macros::datetime;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

fn view(slug: &str, lang: &str, title: &str) -> ArticleView {
    ArticleView {
        summary: ArticleSummary {
            slug: slug.to_owned(),
            lang: lang.to_owned(),
            title: title.to_owned(),
            summary: format!("About {title}"),
            published: datetime!(2026-03-14 09:30 +05:00),
            authors: vec![NamedLink { slug: "asel".to_owned(), name: "Asel <Nur>".to_owned() }],
            picture: None,
            comments: None,
        },
        lead_html: Some(
            "<figure class=\"figure figure-lead\"><img src=\"/media/lead.jpg\" srcset=\"/media/lead-480.jpg 480w, /media/lead.jpg 960w\" alt=\"A press\" loading=\"eager\" decoding=\"async\"><figcaption><span class=\"caption\">The press</span> <span class=\"credit\">Credit: Dana &amp; Co</span> <span class=\"licence\" data-licence=\"cc-by\">Licence: CC BY</span></figcaption></figure>\n".to_owned(),
        ),
        body_html: "<p>Text with <a href=\"/tags/press\">a tag</a>.</p>\n<section class=\"interview\" aria-label=\"Interview\"><div class=\"version original\" lang=\"kk\" dir=\"ltr\"><p>Сәлем</p></div></section>\n".to_owned(),
        tags: vec![NamedLink { slug: "press".to_owned(), name: "Press & print".to_owned() }],
        translations: vec![TranslationLink {
            slug: format!("{slug}-ru"),
            lang: "ru".to_owned(),
            title: "Перевод".to_owned(),
            is_original: false,
        }],
        translation_of: None,
    }
}

fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|child| child.has_tag_name((ATOM, name)))
}

fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(node, name).and_then(|found| found.text()).unwrap_or_default().to_owned()
}

/// Issue 12: a feed parses and has RFC 4287's required elements, `xml:lang`, full content with
/// absolute addresses, the figure's credit and licence, and the interview's `lang`.
#[test]
fn atom_feeds_parse_and_carry_the_required_elements_issue_12() {
    let site = crate::Site::with_defaults(std::sync::Arc::new(Catalog::new().unwrap()));
    let source = FeedSource {
        subject: Some(NamedLink { slug: "press".to_owned(), name: "Press & print".to_owned() }),
        entries: vec![
            FeedEntry {
                view: view("one", "en", "Printers <said> \"no\" & left"),
                updated: datetime!(2026-03-15 10:00 UTC),
            },
            FeedEntry {
                view: view("two", "ru", "Второй"),
                updated: datetime!(2026-03-14 04:30 UTC),
            },
        ],
    };
    let xml =
        crate::render_atom_feed(&site, FeedScope::Tag("press"), &source, "https://n.example/")
            .unwrap();
    let document =
        roxmltree::Document::parse(&xml).unwrap_or_else(|error| panic!("{error}\n{xml}"));
    let feed = document.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(feed.attribute((XML_NS, "lang")), Some("en"));
    assert_eq!(text_of(feed, "id"), "https://n.example/tags/press/feed.atom");
    assert!(text_of(feed, "title").contains("Press & print"), "{}", text_of(feed, "title"));
    assert_eq!(text_of(feed, "updated"), "2026-03-15T10:00:00Z");
    let self_link = feed
        .children()
        .find(|node| node.has_tag_name((ATOM, "link")) && node.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(self_link.attribute("href"), Some("https://n.example/tags/press/feed.atom"));

    let entries: Vec<_> =
        feed.children().filter(|node| node.has_tag_name((ATOM, "entry"))).collect();
    assert_eq!(entries.len(), 2);
    let first = entries[0];
    assert_eq!(first.attribute((XML_NS, "lang")), Some("en"));
    assert_eq!(entries[1].attribute((XML_NS, "lang")), Some("ru"));
    assert_eq!(text_of(first, "id"), "https://n.example/articles/one");
    assert_eq!(text_of(first, "title"), "Printers <said> \"no\" & left");
    assert_eq!(text_of(first, "updated"), "2026-03-15T10:00:00Z");
    assert_eq!(text_of(first, "published"), "2026-03-14T09:30:00+05:00");
    let author = child(first, "author").unwrap();
    assert_eq!(text_of(author, "name"), "Asel <Nur>");
    let alternates: Vec<(Option<&str>, Option<&str>)> = first
        .children()
        .filter(|node| node.has_tag_name((ATOM, "link")))
        .map(|node| (node.attribute("hreflang"), node.attribute("href")))
        .collect();
    assert_eq!(
        alternates,
        [
            (Some("en"), Some("https://n.example/articles/one")),
            (Some("ru"), Some("https://n.example/articles/one-ru"))
        ]
    );
    let content = child(first, "content").unwrap();
    assert_eq!(content.attribute("type"), Some("html"));
    let html = content.text().unwrap();
    assert!(html.contains("src=\"https://n.example/media/lead.jpg\""), "{html}");
    assert!(html.contains("https://n.example/media/lead-480.jpg 480w"), "{html}");
    assert!(html.contains("href=\"https://n.example/tags/press\""), "{html}");
    assert!(html.contains("Credit: Dana &amp; Co") && html.contains("data-licence=\"cc-by\""));
    assert!(html.contains("lang=\"kk\" dir=\"ltr\""), "the interview keeps its language");
    // Ids and updated are stable: the same stories render the same feed.
    let again =
        crate::render_atom_feed(&site, FeedScope::Tag("press"), &source, "https://n.example")
            .unwrap();
    assert_eq!(again, xml);
}

/// A site with nothing published yet still has a valid (empty) feed, titled and authored with the
/// site's name from its settings (not the software's).
#[test]
fn an_empty_site_feed_is_still_valid_atom_and_named_after_the_site() {
    let settings = ashyq_content::SiteSettings {
        name: "Dala <Courier>".to_owned(),
        ..ashyq_content::SiteSettings::default()
    };
    let site = crate::Site::new(
        std::sync::Arc::new(Catalog::new().unwrap()),
        std::sync::Arc::new(settings),
    );
    let source = FeedSource { subject: None, entries: Vec::new() };
    let xml = crate::render_atom_feed(&site, FeedScope::Site, &source, "http://x").unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    let feed = document.root_element();
    for required in ["id", "title", "updated"] {
        assert!(!text_of(feed, required).is_empty(), "{required}");
    }
    assert!(text_of(feed, "title").contains("Dala <Courier>"), "{xml}");
    assert_eq!(text_of(child(feed, "author").unwrap(), "name"), "Dala <Courier>");
}

/// Hostile strings from the shared list (and a few of our own, so the test never runs empty).
fn hostile_strings() -> Vec<String> {
    let mut list: Vec<String> = [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "</SCRIPT >",
        "\u{2028}\u{2029}",
        "\"}]}; alert(1); //",
        "<![CDATA[ ]]>",
        "control \u{1b}[31mred\u{0} and \u{8}\u{FFFE} characters",
    ]
    .iter()
    .map(|text| (*text).to_owned())
    .collect();
    for path in [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/bad-input/blns.txt"),
        "/work/shared/bad-input/blns.txt",
    ] {
        if let Ok(text) = std::fs::read_to_string(path) {
            list.extend(
                text.lines()
                    .filter(|line| !line.is_empty() && !line.starts_with('#'))
                    .map(str::to_owned),
            );
            break;
        }
    }
    list
}

/// The JSON-LD block between its tags.
fn json_ld(page: &str) -> &str {
    let open = "<script type=\"application/ld+json\">";
    let start = page.find(open).expect("the page has a JSON-LD block") + open.len();
    let end = page[start..].find("</script>").expect("the block ends") + start;
    &page[start..end]
}

/// Issue 12: the article page's JSON-LD is data that no title can break out of; it names the
/// headline, authors, date, language and images with licence, credit and copyright notice.
#[test]
fn json_ld_survives_hostile_titles_and_describes_the_article_issue_12() {
    let site = crate::Site::with_defaults(std::sync::Arc::new(Catalog::new().unwrap()));
    let languages = vec!["en".to_owned(), "ru".to_owned()];
    for title in hostile_strings() {
        let mut article = view("one", "en", &title);
        article.summary.authors[0].name = title.clone();
        let page =
            crate::render_article_page(&site, &article, &languages, None, "https://n.example")
                .unwrap();
        assert_eq!(page.matches("<script").count(), 1, "one data block only, for {title:?}");
        let block = json_ld(&page);
        assert!(!block.contains("</") && !block.contains("<!--"), "{title:?}: {block}");
        let value: serde_json::Value =
            serde_json::from_str(block).unwrap_or_else(|error| panic!("{title:?}: {error}"));
        assert_eq!(value["headline"], title.as_str());
        assert_eq!(value["author"][0]["name"], title.as_str());
    }
    let page = crate::render_article_page(
        &site,
        &view("one", "en", "Printers"),
        &languages,
        None,
        "https://n.example",
    )
    .unwrap();
    let value: serde_json::Value = serde_json::from_str(json_ld(&page)).unwrap();
    assert_eq!(value["@type"], "NewsArticle");
    assert_eq!(value["inLanguage"], "en");
    assert_eq!(value["datePublished"], "2026-03-14T09:30:00+05:00");
    assert_eq!(value["author"][0]["url"], "https://n.example/authors/asel");
    let image = &value["image"][0];
    assert_eq!(image["contentUrl"], "https://n.example/media/lead.jpg");
    assert_eq!(image["license"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(image["creditText"], "Dana & Co");
    assert!(image["copyrightNotice"].as_str().unwrap().contains("Dana & Co"));

    for expected in [
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:title\" content=\"Printers\">",
        "<meta property=\"og:url\" content=\"https://n.example/articles/one\">",
        "<meta property=\"og:image\" content=\"https://n.example/media/lead.jpg\">",
        "<meta property=\"og:locale\" content=\"en_GB\">",
        "<meta property=\"og:locale:alternate\" content=\"ru_RU\">",
        "<meta property=\"article:published_time\" content=\"2026-03-14T09:30:00+05:00\">",
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.atom\"",
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/en/feed.atom\"",
    ] {
        assert!(page.contains(expected), "missing {expected}");
    }
}

/// Issue 12: hostile titles, names and summaries (the shared list) leave a feed that still parses,
/// with each title read back as written, minus the characters XML 1.0 cannot hold at all.
#[test]
fn feeds_stay_well_formed_under_hostile_text_issue_12() {
    let site = crate::Site::with_defaults(std::sync::Arc::new(Catalog::new().unwrap()));
    for text in hostile_strings() {
        let mut article = view("one", "en", &text);
        article.summary.authors[0].name = text.clone();
        article.summary.summary = text.clone();
        article.tags[0].name = text.clone();
        let source = FeedSource {
            subject: Some(NamedLink { slug: "press".to_owned(), name: text.clone() }),
            entries: vec![FeedEntry { view: article, updated: datetime!(2026-03-15 10:00 UTC) }],
        };
        let xml =
            crate::render_atom_feed(&site, FeedScope::Tag("press"), &source, "https://n.example")
                .unwrap();
        let document = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|error| panic!("{text:?}: {error}\n{xml}"));
        let entry = child(document.root_element(), "entry").unwrap();
        let expected: String = text.chars().filter(|ch| crate::feeds::xml_char(*ch)).collect();
        // XML parsers normalise line ends (CR LF and lone CR become LF).
        let expected = expected.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(text_of(entry, "title"), expected, "{text:?}");
    }
}
