//! Rendering an article's body to an HTML fragment: Markdown through pulldown-cmark, figures with
//! caption, credit and licence, and interviews with each language version in its own `lang` block.
//! Raw HTML in Markdown is shown as text, never passed through: article text is data, not markup.

use std::collections::HashSet;
use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

use crate::article::{Article, Block, Figure, Interview, SpeakerRole};
use crate::licence::Licence;
use crate::links::refused_link_scheme;
use crate::parse::markdown_options;

/// The few words a fragment needs, in the page's language (the caller takes them from Fluent).
pub struct FragmentLabels<'a> {
    /// `aria-label` of an interview section.
    pub interview: &'a str,
    /// Marks the version in the language the words were spoken in.
    pub original: &'a str,
    /// Marks a translated version.
    pub translation: &'a str,
    pub credit: &'a str,
    pub licence: &'a str,
    /// The licence's name in the page's language.
    pub licence_name: &'a dyn Fn(Licence) -> String,
    /// The URL of an image given its `src` as written in the article file.
    pub image_url: &'a dyn Fn(&str) -> String,
    /// The sizes an image is served in (uploaded photos), given its `src`; `None` for images that
    /// exist in one size only.
    pub image_sizes: Option<&'a ImageSizesFn<'a>>,
}

/// Looks up the sizes of an image by its `src`.
pub type ImageSizesFn<'a> = dyn Fn(&str) -> Option<ImageSizes> + 'a;

/// An image's stored widths (the `srcset` list) and the largest size's dimensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSizes {
    /// `(url, width in pixels)`, narrowest first.
    pub candidates: Vec<(String, u32)>,
    pub width: u32,
    pub height: u32,
}

/// How wide a figure is shown: the full column on wide screens (42rem, `--measure` in the stylesheet), the full screen
/// width on phones. The browser picks the smallest candidate that covers this.
pub const FIGURE_SIZES: &str = "(min-width: 44rem) 42rem, 100vw";

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Renders Markdown to HTML with raw HTML escaped. A link to a refused scheme (`javascript:`…)
/// keeps its text and loses its address: parsing refuses such links, and this keeps a text stored
/// before that rule from carrying one onto a page, feed or mirror.
pub fn render_markdown(markdown: &str) -> String {
    let mut in_refused_link = false;
    let events = Parser::new_ext(markdown, markdown_options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. }) if refused_link_scheme(dest_url).is_some() => {
            in_refused_link = true;
            None
        }
        Event::End(TagEnd::Link) if in_refused_link => {
            in_refused_link = false;
            None
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Renders the article body (everything after the lead) as one fragment.
pub fn render_body(article: &Article, labels: &FragmentLabels<'_>) -> String {
    let mut out = String::new();
    for block in &article.body {
        match block {
            Block::Markdown(markdown) => out.push_str(&render_markdown(markdown)),
            Block::Figure { id, .. } => {
                if let Some(figure) = article.figure(id) {
                    out.push_str(&render_figure(figure, labels, false));
                }
            }
            Block::Interview(interview) => render_interview(article, interview, labels, &mut out),
        }
    }
    out
}

/// Renders a figure: the image, then caption, credit and licence.
pub fn render_figure(figure: &Figure, labels: &FragmentLabels<'_>, lead: bool) -> String {
    let class = if lead { "figure figure-lead" } else { "figure" };
    let loading = if lead { "eager" } else { "lazy" };
    let mut out = String::new();
    let sizes = labels.image_sizes.and_then(|sizes| sizes(&figure.src));
    // Every image the site stores has its size; a `srcset` only when there is more than one width
    // (an SVG, or a photo narrower than the smallest responsive width, has one).
    let responsive = sizes
        .map(|sizes| {
            let dimensions = format!(" width=\"{}\" height=\"{}\"", sizes.width, sizes.height);
            if sizes.candidates.len() < 2 {
                return dimensions;
            }
            let srcset = sizes
                .candidates
                .iter()
                .map(|(url, width)| format!("{} {width}w", escape_html(url)))
                .collect::<Vec<_>>()
                .join(", ");
            format!(" srcset=\"{srcset}\" sizes=\"{FIGURE_SIZES}\"{dimensions}")
        })
        .unwrap_or_default();
    let _ = write!(
        out,
        "<figure class=\"{class}\"><img src=\"{src}\"{responsive} alt=\"{alt}\" loading=\"{loading}\" decoding=\"async\"><figcaption>",
        src = escape_html(&(labels.image_url)(&figure.src)),
        alt = escape_html(&figure.alt),
    );
    if !figure.caption.is_empty() {
        let _ = write!(out, "<span class=\"caption\">{}</span> ", escape_html(&figure.caption));
    }
    // Credit is optional for licences that do not require attribution.
    if !figure.credit.is_empty() {
        let _ = write!(
            out,
            "<span class=\"credit\">{credit_label}: {credit}</span> ",
            credit_label = escape_html(labels.credit),
            credit = escape_html(&figure.credit),
        );
    }
    let _ = writeln!(
        out,
        "<span class=\"licence\" data-licence=\"{code}\">{licence_label}: {licence}</span></figcaption></figure>",
        code = figure.licence.code(),
        licence_label = escape_html(labels.licence),
        licence = escape_html(&(labels.licence_name)(figure.licence)),
    );
    out
}

/// The figures of an article in the order their `<img>` tags appear in the rendered fragments: the
/// lead figure, then each `::: figure` placement in the body.
pub fn figures_in_page_order(article: &Article) -> Vec<&Figure> {
    let mut figures: Vec<&Figure> = article.lead_figure.iter().collect();
    for block in &article.body {
        if let Block::Figure { id, .. } = block
            && let Some(figure) = article.figure(id)
        {
            figures.push(figure);
        }
    }
    figures
}

/// Reads back which URL each figure's image was rendered with, from fragments `render_figure`
/// produced for this article: `(src as written, URL)` pairs in page order. `None` when the HTML
/// does not hold exactly one image per placed figure (it was rendered from another text).
pub fn rendered_image_urls(
    article: &Article,
    lead_html: Option<&str>,
    body_html: &str,
) -> Option<Vec<(String, String)>> {
    const IMG: &str = "<img src=\"";
    let mut urls = Vec::new();
    for html in lead_html.into_iter().chain([body_html]) {
        let mut rest = html;
        while let Some(start) = rest.find(IMG) {
            rest = &rest[start + IMG.len()..];
            let end = rest.find('"')?;
            urls.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    let figures = figures_in_page_order(article);
    (figures.len() == urls.len())
        .then(|| figures.into_iter().map(|figure| figure.src.clone()).zip(urls).collect())
}

fn render_interview(
    article: &Article,
    interview: &Interview,
    labels: &FragmentLabels<'_>,
    out: &mut String,
) {
    // A heading of its own, so that the interview is in the page's outline (and reachable by
    // heading navigation); the section keeps its label for landmark navigation.
    let _ = writeln!(
        out,
        "<section class=\"interview\" aria-label=\"{label}\">\n<h2 class=\"interview-heading\">{label}</h2>",
        label = escape_html(labels.interview)
    );
    // A speaker is named in full in the first turn of each language, by initials afterwards, as
    // printed interviews do.
    let mut named: HashSet<(&str, &str)> = HashSet::new();
    for turn in &interview.turns {
        let Some(speaker) = article.speaker(&turn.speaker) else { continue };
        let kind = match speaker.role {
            SpeakerRole::Interviewer => "question",
            SpeakerRole::Interviewee => "answer",
        };
        let pair = if turn.versions.len() > 1 { " pair" } else { "" };
        let _ = writeln!(out, "<div class=\"turn {kind}{pair}\">");
        for version in &turn.versions {
            let (class, marker) = if version.original {
                ("original", labels.original)
            } else {
                ("translation", labels.translation)
            };
            let _ = write!(
                out,
                "<div class=\"version {class}\" lang=\"{lang}\" dir=\"{dir}\">",
                lang = escape_html(version.lang.as_str()),
                dir = version.lang.direction().as_str(),
            );
            // A label helps on a version not in the page's language and on a translation; an
            // original in the page's language needs none.
            if !version.original || version.lang.primary() != article.lang.primary() {
                let _ = write!(
                    out,
                    "<p class=\"version-label\" lang=\"{page_lang}\" dir=\"{page_dir}\">{marker} · <span lang=\"{lang}\" dir=\"{dir}\">{language}</span></p>",
                    lang = escape_html(version.lang.as_str()),
                    dir = version.lang.direction().as_str(),
                    page_lang = escape_html(article.lang.as_str()),
                    page_dir = article.lang.direction().as_str(),
                    marker = escape_html(marker),
                    language = escape_html(&version.lang.native_name()),
                );
            }
            let initials = speaker.initials_for(&version.lang, &article.lang);
            let name = speaker.name_for(&version.lang, &article.lang);
            let speaker_html = if named.insert((speaker.id.as_str(), version.lang.primary())) {
                format!(
                    "<b class=\"speaker\">{name} ({initials}):</b> ",
                    name = escape_html(name),
                    initials = escape_html(initials),
                )
            } else {
                format!(
                    "<b class=\"speaker\"><abbr title=\"{name}\">{initials}</abbr>:</b> ",
                    name = escape_html(name),
                    initials = escape_html(initials),
                )
            };
            let text = render_markdown(&version.markdown);
            match text.strip_prefix("<p>") {
                Some(rest) => {
                    out.push_str("<p>");
                    out.push_str(&speaker_html);
                    out.push_str(rest);
                }
                None => {
                    let _ = write!(out, "<p>{speaker_html}</p>{text}");
                }
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_article;

    const ARTICLE: &str = r#"+++
title = "T"
slug = "t"
lang = "en"
published = 2026-03-14T09:30:00+05:00
summary = "S"
authors = [{ name = "A", slug = "a" }]

[[figures]]
id = "pic"
src = "pic.svg"
alt = "A <drawn> press"
caption = "Caption & more"
credit = "Us"
licence = "cc-by"

[[speakers]]
id = "dm"
name = "Dina M"
role = "interviewee"
initials = { en = "DM", ru = "ДМ" }

[[speakers]]
id = "aa"
name = "Asel A"
role = "interviewer"
initials = { en = "AA" }
+++
Intro with <script>alert(1)</script> raw HTML.

::: figure pic

::: interview
@aa
[en original]
Why?
@dm
[en]
Because.
[ru original]
Потому что.
:::
"#;

    fn labels_render(article: &Article) -> String {
        let licence_name = |licence: Licence| format!("name-of-{licence}");
        let image_url = |src: &str| format!("/media/{src}");
        let labels = FragmentLabels {
            interview: "Interview",
            original: "Original",
            translation: "Translation",
            credit: "Credit",
            licence: "Licence",
            licence_name: &licence_name,
            image_url: &image_url,
            image_sizes: None,
        };
        render_body(article, &labels)
    }

    #[test]
    fn uploaded_images_get_srcset_sizes_and_dimensions() {
        let article = parse_article("t.md", ARTICLE).unwrap();
        let licence_name = |licence: Licence| licence.code().to_owned();
        let image_url = |src: &str| format!("/media/{src}");
        let sizes = |src: &str| {
            (src == "pic.svg").then(|| ImageSizes {
                candidates: vec![
                    ("/media/a-480.jpg".to_owned(), 480),
                    ("/media/a.jpg".to_owned(), 960),
                ],
                width: 960,
                height: 640,
            })
        };
        let labels = FragmentLabels {
            interview: "Interview",
            original: "Original",
            translation: "Translation",
            credit: "Credit",
            licence: "Licence",
            licence_name: &licence_name,
            image_url: &image_url,
            image_sizes: Some(&sizes),
        };
        let html = render_body(&article, &labels);
        assert!(
            html.contains(
                "<img src=\"/media/pic.svg\" srcset=\"/media/a-480.jpg 480w, /media/a.jpg 960w\" \
                 sizes=\"(min-width: 44rem) 42rem, 100vw\" width=\"960\" height=\"640\" alt="
            ),
            "{html}"
        );
        let one_size = |_: &str| {
            Some(ImageSizes {
                candidates: vec![("/media/a.svg".to_owned(), 640)],
                width: 640,
                height: 400,
            })
        };
        let labels = FragmentLabels { image_sizes: Some(&one_size), ..labels };
        let html = render_body(&article, &labels);
        assert!(
            html.contains("<img src=\"/media/pic.svg\" width=\"640\" height=\"400\" alt="),
            "{html}"
        );
    }

    #[test]
    fn renders_interview_original_first_with_lang_blocks_and_initials() {
        let article = parse_article("t.md", ARTICLE).unwrap();
        let html = labels_render(&article);
        let question = html.find("turn question").unwrap();
        let answer = html.find("turn answer").unwrap();
        assert!(question < answer);
        let ru = html.find("<div class=\"version original\" lang=\"ru\"").unwrap();
        let en = html.find("<div class=\"version translation\" lang=\"en\"").unwrap();
        assert!(ru < en, "original must come before its translation:\n{html}");
        // First turn in each language: the full name, visible, then the initials.
        assert!(html.contains("<b class=\"speaker\">Dina M (ДМ):</b> Потому что."), "{html}");
        assert!(html.contains("<b class=\"speaker\">Dina M (DM):</b> Because."), "{html}");
        assert!(html.contains("<b class=\"speaker\">Asel A (AA):</b> Why?"), "{html}");
    }

    /// Issue 10 items 4 and 5: names by language on first turns, initials later; labels only on
    /// pairs and on versions not in the page's language.
    #[test]
    fn first_turn_per_language_names_the_speaker_and_labels_only_where_they_help_issue_10_items_4_5()
     {
        let text = ARTICLE
            .replace("name = \"Dina M\"", "name = { en = \"Dina Mukanova\", ru = \"Дина Муканова\" }")
            .replace(
                "Потому что.\n:::",
                "Потому что.\n@aa\n[en original]\nAnd then?\n@dm\n[ru original]\nПотом тишина.\n@dm\n[kk original]\nСоңы.\n:::",
            );
        let article = parse_article("t.md", &text).unwrap();
        let html = labels_render(&article);
        assert!(
            html.contains("<b class=\"speaker\">Дина Муканова (ДМ):</b> Потому что."),
            "{html}"
        );
        assert!(html.contains("<b class=\"speaker\">Dina Mukanova (DM):</b> Because."), "{html}");
        assert!(
            html.contains(
                "<b class=\"speaker\"><abbr title=\"Дина Муканова\">ДМ</abbr>:</b> Потом тишина."
            ),
            "{html}"
        );
        assert!(
            html.contains("<b class=\"speaker\"><abbr title=\"Asel A\">AA</abbr>:</b> And then?"),
            "{html}"
        );
        // Kazakh: her first Kazakh turn names her (no Kazakh name: the article's language).
        assert!(html.contains("<b class=\"speaker\">Dina Mukanova (DM):</b> Соңы."), "{html}");
        // Labels: the pair (2) and the lone Russian and Kazakh answers (2); none on the English
        // originals.
        assert_eq!(html.matches("class=\"version-label\"").count(), 4, "{html}");
        let question =
            &html[html.find("turn question").unwrap()..html.find("turn answer").unwrap()];
        assert!(!question.contains("version-label"), "{question}");
    }

    /// Issue 11: on an Arabic page, the label above a Russian block speaks Arabic right to left
    /// inside the left-to-right block, and names the language left to right.
    #[test]
    fn labels_inside_a_block_of_another_direction_carry_the_page_direction_issue_11() {
        let text = ARTICLE.replace("lang = \"en\"\n", "lang = \"ar\"\n");
        let article = parse_article("t.md", &text).unwrap();
        let html = labels_render(&article);
        assert!(html.contains("<div class=\"version original\" lang=\"ru\" dir=\"ltr\"><p class=\"version-label\" lang=\"ar\" dir=\"rtl\">Original · <span lang=\"ru\" dir=\"ltr\">"), "{html}");
    }

    /// Issue 10 item 8: a figure without credit shows no empty credit line.
    #[test]
    fn figure_without_credit_shows_only_the_licence_issue_10_item_8() {
        let text = ARTICLE
            .replace("credit = \"Us\"\nlicence = \"cc-by\"", "licence = \"used-with-permission\"");
        let article = parse_article("t.md", &text).unwrap();
        let html = labels_render(&article);
        assert!(!html.contains("class=\"credit\""), "{html}");
        assert!(html.contains("data-licence=\"used-with-permission\""), "{html}");
    }

    #[test]
    fn renders_figures_with_escaped_caption_credit_and_licence() {
        let article = parse_article("t.md", ARTICLE).unwrap();
        let html = labels_render(&article);
        assert!(html.contains("<img src=\"/media/pic.svg\" alt=\"A &lt;drawn&gt; press\""));
        assert!(html.contains("Caption &amp; more"));
        assert!(html.contains("<span class=\"credit\">Credit: Us</span>"));
        assert!(html.contains("data-licence=\"cc-by\">Licence: name-of-cc-by</span>"));
    }

    #[test]
    fn image_urls_are_read_back_from_rendered_fragments() {
        let article = parse_article("t.md", ARTICLE).unwrap();
        let html = labels_render(&article);
        assert_eq!(
            rendered_image_urls(&article, None, &html),
            Some(vec![("pic.svg".to_owned(), "/media/pic.svg".to_owned())])
        );
        assert_eq!(rendered_image_urls(&article, None, "<p>no image</p>"), None);
    }

    #[test]
    fn links_to_refused_schemes_keep_their_text_and_lose_their_address() {
        let html = render_markdown(
            "[ok](https://example.org) [bad](javascript:alert(1)) <data:text/html,x> [rel](/a)",
        );
        assert!(html.contains("<a href=\"https://example.org\">ok</a>"), "{html}");
        assert!(html.contains("<a href=\"/a\">rel</a>"), "{html}");
        assert!(!html.contains("javascript") && !html.contains("href=\"data"), "{html}");
        assert!(html.contains(" bad "), "{html}");
    }

    #[test]
    fn raw_html_in_markdown_is_escaped() {
        let article = parse_article("t.md", ARTICLE).unwrap();
        let html = labels_render(&article);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
