//! What an article page tells machines about itself: JSON-LD `NewsArticle` (a data block, never run:
//! the Content-Security-Policy allows no script) and Open Graph `<meta>` tags. Both need absolute
//! addresses, so they take the site's public address.

use ashyq_i18n::Localizer;
use ashyq_store::ArticleView;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

use crate::figures::{FigureFacts, figures_in_html, licence_url};
use crate::urls;

/// One `<meta property="…" content="…">` tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaTag {
    pub property: &'static str,
    pub content: String,
}

/// JSON text safe inside `<script type="application/ld+json">…</script>`: `<`, `>` and `&` are
/// written as `\u003c`, `\u003e`, `\u0026` (so neither `</script>` nor `<!--` can occur in it), and
/// the line separators U+2028/U+2029 as escapes too.
pub fn json_for_script(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(ch),
        }
    }
    out
}

/// `base` + a site path (`base` has no trailing slash).
pub fn absolute(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

fn figures(view: &ArticleView) -> Vec<FigureFacts> {
    let mut figures = view.lead_html.as_deref().map(figures_in_html).unwrap_or_default();
    figures.extend(figures_in_html(&view.body_html));
    figures
}

/// The article as a schema.org `NewsArticle`, ready for the page's data block.
pub(crate) fn news_article_json(
    view: &ArticleView,
    base: &str,
    site_name: &str,
    l10n: &Localizer<'_>,
) -> String {
    let summary = &view.summary;
    let published = summary.published.format(&Rfc3339).unwrap_or_default();
    let authors: Vec<Value> = summary
        .authors
        .iter()
        .map(|author| {
            json!({"@type": "Person", "name": author.name, "url": absolute(base, &urls::author(&author.slug))})
        })
        .collect();
    let images: Vec<Value> = figures(view)
        .into_iter()
        .map(|figure| {
            let licence_name =
                figure.licence.map(|licence| l10n.msg(&format!("licence-{}", licence.code())));
            let mut image = json!({
                "@type": "ImageObject",
                "contentUrl": absolute(base, &figure.src),
                "url": absolute(base, &figure.src),
            });
            if !figure.caption.is_empty() {
                image["caption"] = json!(figure.caption);
            }
            if !figure.alt.is_empty() {
                image["description"] = json!(figure.alt);
            }
            if let Some(url) = figure.licence.and_then(licence_url) {
                image["license"] = json!(url);
            } else if let Some(name) = &licence_name {
                image["license"] = json!({"@type": "CreativeWork", "name": name});
            }
            if !figure.credit.is_empty() {
                image["creditText"] = json!(figure.credit);
            }
            let notice = match (&licence_name, figure.credit.is_empty()) {
                (Some(name), false) => format!("{} · {name}", figure.credit),
                (Some(name), true) => name.clone(),
                (None, _) => figure.credit.clone(),
            };
            if !notice.is_empty() {
                image["copyrightNotice"] = json!(notice);
            }
            image
        })
        .collect();
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": summary.title,
        "description": summary.summary,
        "inLanguage": summary.lang,
        "datePublished": published,
        "url": absolute(base, &urls::article(&summary.slug)),
        "mainEntityOfPage": absolute(base, &urls::article(&summary.slug)),
        "author": authors,
        "publisher": {"@type": "Organization", "name": site_name, "url": absolute(base, "/")},
        "keywords": view.tags.iter().map(|tag| tag.name.clone()).collect::<Vec<_>>(),
    });
    if !images.is_empty() {
        article["image"] = Value::Array(images);
    }
    if let Some(original) = &view.translation_of {
        article["translationOfWork"] =
            json!({"@type": "NewsArticle", "url": absolute(base, &urls::article(original))});
    }
    json_for_script(&article)
}

/// Open Graph's `language_TERRITORY` form for the languages the site is written in.
fn og_locale(lang: &str) -> String {
    match lang {
        "en" => "en_GB".to_owned(),
        "ru" => "ru_RU".to_owned(),
        "kk" => "kk_KZ".to_owned(),
        other => other.replace('-', "_"),
    }
}

/// The article's Open Graph tags (no Twitter-specific ones).
pub(crate) fn open_graph(view: &ArticleView, base: &str, site_name: &str) -> Vec<MetaTag> {
    let summary = &view.summary;
    let mut tags = vec![
        MetaTag { property: "og:type", content: "article".to_owned() },
        MetaTag { property: "og:site_name", content: site_name.to_owned() },
        MetaTag { property: "og:title", content: summary.title.clone() },
        MetaTag { property: "og:description", content: summary.summary.clone() },
        MetaTag { property: "og:url", content: absolute(base, &urls::article(&summary.slug)) },
        MetaTag { property: "og:locale", content: og_locale(&summary.lang) },
    ];
    for translation in &view.translations {
        tags.push(MetaTag {
            property: "og:locale:alternate",
            content: og_locale(&translation.lang),
        });
    }
    if let Some(figure) = figures(view).into_iter().next() {
        tags.push(MetaTag { property: "og:image", content: absolute(base, &figure.src) });
        if !figure.alt.is_empty() {
            tags.push(MetaTag { property: "og:image:alt", content: figure.alt });
        }
    }
    tags.push(MetaTag {
        property: "article:published_time",
        content: summary.published.format(&Rfc3339).unwrap_or_default(),
    });
    for author in &summary.authors {
        tags.push(MetaTag {
            property: "article:author",
            content: absolute(base, &urls::author(&author.slug)),
        });
    }
    for tag in &view.tags {
        tags.push(MetaTag { property: "article:tag", content: tag.name.clone() });
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_end_the_script_or_open_a_comment() {
        let value = json!({"headline": "</script><script>alert(1)</script> <!-- & \u{2028}"});
        let text = json_for_script(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert!(!text.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
