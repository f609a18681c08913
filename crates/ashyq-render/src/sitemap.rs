//! `/sitemap.xml` (with `hreflang` alternates between the language versions of a story, and between
//! the language front pages) and `/robots.txt`. A site with more addresses than one sitemap file may
//! hold (50,000) gets a sitemap index at `/sitemap.xml` and its parts at `/sitemaps/N.xml`.

use std::collections::HashMap;
use std::fmt::Write as _;

use ashyq_store::SitemapSource;
use time::format_description::well_known::Rfc3339;

use crate::structured::absolute;
use crate::urls;

/// The most addresses one sitemap file may list (the sitemaps.org limit).
pub const SITEMAP_LIMIT: usize = 50_000;

/// One address with its language alternates.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SitemapUrl {
    path: String,
    lastmod: Option<String>,
    /// `(hreflang, path)`, including this address itself; empty when it has no other version.
    alternates: Vec<(String, String)>,
}

/// Every address, in a stable order: front pages, articles by story, tags, authors.
fn addresses(source: &SitemapSource) -> Vec<SitemapUrl> {
    let mut list = Vec::new();
    let language_alternates: Vec<(String, String)> = if source.languages.len() > 1 {
        let mut alternates: Vec<(String, String)> = source
            .languages
            .iter()
            .map(|lang| (lang.clone(), urls::language_front_page(lang)))
            .collect();
        alternates.push(("x-default".to_owned(), urls::front_page()));
        alternates
    } else {
        Vec::new()
    };
    list.push(SitemapUrl {
        path: urls::front_page(),
        lastmod: None,
        alternates: language_alternates.clone(),
    });
    for lang in &source.languages {
        list.push(SitemapUrl {
            path: urls::language_front_page(lang),
            lastmod: None,
            alternates: language_alternates.clone(),
        });
    }
    let mut groups: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    for article in &source.articles {
        groups
            .entry(article.group.as_str())
            .or_default()
            .push((article.lang.clone(), urls::article(&article.slug)));
    }
    for article in &source.articles {
        let story = groups.get(article.group.as_str()).cloned().unwrap_or_default();
        list.push(SitemapUrl {
            path: urls::article(&article.slug),
            lastmod: article.updated.format(&Rfc3339).ok(),
            alternates: if story.len() > 1 { story } else { Vec::new() },
        });
    }
    for slug in &source.tags {
        list.push(SitemapUrl { path: urls::tag(slug), lastmod: None, alternates: Vec::new() });
    }
    for slug in &source.authors {
        list.push(SitemapUrl { path: urls::author(slug), lastmod: None, alternates: Vec::new() });
    }
    list
}

/// Escapes text for XML content and attributes.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn urlset(urls: &[SitemapUrl], base: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for url in urls {
        let _ = write!(out, "<url><loc>{}</loc>", xml(&absolute(base, &url.path)));
        if let Some(lastmod) = &url.lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", xml(lastmod));
        }
        for (lang, path) in &url.alternates {
            let _ = write!(
                out,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml(lang),
                xml(&absolute(base, path))
            );
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The addresses of the sitemap's files: `/sitemap.xml`, and its parts when it is an index.
pub fn sitemap_paths(source: &SitemapSource, limit: usize) -> Vec<String> {
    let count = addresses(source).len();
    let limit = limit.max(1);
    let mut paths = vec![urls::sitemap()];
    if count > limit {
        paths.extend((1..=count.div_ceil(limit)).map(urls::sitemap_part));
    }
    paths
}

/// The sitemap file at `path` (`/sitemap.xml` or `/sitemaps/N.xml`), or `None` when there is no
/// such file. `limit` is how many addresses one file holds ([`SITEMAP_LIMIT`] on a site).
pub fn render_sitemap(
    source: &SitemapSource,
    base: &str,
    limit: usize,
    path: &str,
) -> Option<String> {
    let base = base.trim_end_matches('/');
    let all = addresses(source);
    let limit = limit.max(1);
    if all.len() <= limit {
        return (path == urls::sitemap()).then(|| urlset(&all, base));
    }
    let parts: Vec<&[SitemapUrl]> = all.chunks(limit).collect();
    if path == urls::sitemap() {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for number in 1..=parts.len() {
            let _ = writeln!(
                out,
                "<sitemap><loc>{}</loc></sitemap>",
                xml(&absolute(base, &urls::sitemap_part(number)))
            );
        }
        out.push_str("</sitemapindex>\n");
        return Some(out);
    }
    let number: usize = path.strip_prefix("/sitemaps/")?.strip_suffix(".xml")?.parse().ok()?;
    let part = parts.get(number.checked_sub(1)?)?;
    Some(urlset(part, base))
}

/// `/robots.txt`: everything public may be crawled; the newsroom's, the moderators' and people's
/// own pages may not (they need a login anyway); the sitemap is named.
pub fn render_robots(base: &str) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    for private in [
        "/admin",
        "/moderation",
        "/account",
        "/login",
        "/logout",
        "/password",
        "/comments/",
        "/api/",
    ] {
        let _ = writeln!(out, "Disallow: {private}");
    }
    let _ = writeln!(out, "\nSitemap: {}", absolute(base.trim_end_matches('/'), &urls::sitemap()));
    out
}

#[cfg(test)]
mod tests {
    use ashyq_store::SitemapArticle;
    use time::macros::datetime;

    use super::*;

    fn source(stories: usize) -> SitemapSource {
        let mut articles = Vec::new();
        for story in 0..stories {
            for lang in ["en", "ru"] {
                articles.push(SitemapArticle {
                    slug: format!("story-{story}-{lang}"),
                    lang: lang.to_owned(),
                    updated: datetime!(2026-03-14 09:30 UTC),
                    group: format!("story-{story}-en"),
                });
            }
        }
        SitemapSource {
            articles,
            tags: vec!["press".to_owned()],
            authors: vec!["asel".to_owned()],
            languages: vec!["en".to_owned(), "ru".to_owned()],
        }
    }

    #[test]
    fn a_small_site_has_one_file_and_past_the_limit_an_index_of_parts() {
        let site = source(2); // 3 front pages + 4 articles + 1 tag + 1 author = 9 addresses
        assert_eq!(sitemap_paths(&site, 9), ["/sitemap.xml"]);
        let single = render_sitemap(&site, "https://n.example", 9, "/sitemap.xml").unwrap();
        assert!(single.contains("<urlset"));
        assert_eq!(single.matches("<url>").count(), 9);
        assert!(render_sitemap(&site, "https://n.example", 9, "/sitemaps/1.xml").is_none());

        assert_eq!(
            sitemap_paths(&site, 4),
            ["/sitemap.xml", "/sitemaps/1.xml", "/sitemaps/2.xml", "/sitemaps/3.xml"]
        );
        let index = render_sitemap(&site, "https://n.example", 4, "/sitemap.xml").unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://n.example/sitemaps/3.xml</loc>"));
        let mut total = 0;
        for number in 1..=3 {
            let part =
                render_sitemap(&site, "https://n.example", 4, &format!("/sitemaps/{number}.xml"))
                    .unwrap();
            total += part.matches("<url>").count();
        }
        assert_eq!(total, 9, "every address is in exactly one part");
        assert!(render_sitemap(&site, "https://n.example", 4, "/sitemaps/4.xml").is_none());
        assert!(render_sitemap(&site, "https://n.example", 4, "/sitemaps/0.xml").is_none());
    }

    #[test]
    fn robots_keeps_private_paths_out_and_names_the_sitemap() {
        let robots = render_robots("https://n.example/");
        assert!(robots.contains("Disallow: /admin\n"));
        assert!(robots.contains("Disallow: /moderation\n"));
        assert!(robots.contains("Disallow: /account\n"));
        assert!(robots.contains("Sitemap: https://n.example/sitemap.xml\n"));
    }
}
