//! Addresses of pages. Slugs may hold non-Latin letters (tags), so path segments are percent-encoded.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters escaped in a path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%');

fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

pub fn front_page() -> String {
    "/".to_owned()
}

pub fn language_front_page(lang: &str) -> String {
    format!("/{}/", segment(lang))
}

pub fn article(slug: &str) -> String {
    format!("/articles/{}", segment(slug))
}

/// The side-by-side editor of the translation of the original `slug` into `lang`.
pub fn translate_work(slug: &str, lang: &str) -> String {
    format!("/translate/{}/{}", segment(slug), segment(lang))
}

/// One comment on its article: the page of the conversation that holds it, at the comment.
pub fn comment(slug: &str, id: i64) -> String {
    format!("{}?comment={id}#comment-{id}", article(slug))
}

pub fn tag(slug: &str) -> String {
    format!("/tags/{}", segment(slug))
}

pub fn author(slug: &str) -> String {
    format!("/authors/{}", segment(slug))
}

/// Where an imported image is served from.
pub fn media(file_name: &str) -> String {
    format!("/media/{}", segment(file_name))
}

/// The newsroom's editor for an article.
pub fn edit_article(slug: &str) -> String {
    format!("/admin/articles/{}/edit", segment(slug))
}

/// The whole site's Atom feed (`/feed` redirects here).
pub fn site_feed() -> String {
    "/feed.atom".to_owned()
}

/// One language's Atom feed.
pub fn language_feed(lang: &str) -> String {
    format!("/{}/feed.atom", segment(lang))
}

/// A tag's Atom feed.
pub fn tag_feed(slug: &str) -> String {
    format!("/tags/{}/feed.atom", segment(slug))
}

/// An author's Atom feed.
pub fn author_feed(slug: &str) -> String {
    format!("/authors/{}/feed.atom", segment(slug))
}

/// The sitemap (an index of parts when the site has more addresses than one file may hold).
pub fn sitemap() -> String {
    "/sitemap.xml".to_owned()
}

/// What crawlers may visit.
pub fn robots() -> String {
    "/robots.txt".to_owned()
}

/// Part `number` (from 1) of a sitemap split into several files.
pub fn sitemap_part(number: usize) -> String {
    format!("/sitemaps/{number}.xml")
}

/// The newsroom's about page in `lang`.
pub fn about(lang: &str) -> String {
    format!("/{}/about", segment(lang))
}

/// The site settings page (administrators).
pub fn admin_site() -> String {
    "/admin/site".to_owned()
}

/// The readers' search page.
pub fn search() -> String {
    "/search".to_owned()
}

/// The page listing mirrors, the signing key and how to check a copy; `lang` picks a UI language
/// (`None`: the reader's preferred one on the server, English in a static copy).
pub fn mirrors(lang: Option<&str>) -> String {
    match lang {
        Some(lang) => format!("/mirrors/{}", segment(lang)),
        None => "/mirrors".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn unicode_slugs_are_percent_encoded() {
        assert_eq!(
            super::tag("свобода-прессы"),
            "/tags/%D1%81%D0%B2%D0%BE%D0%B1%D0%BE%D0%B4%D0%B0-%D0%BF%D1%80%D0%B5%D1%81%D1%81%D1%8B"
        );
        assert_eq!(super::article("a/b?c"), "/articles/a%2Fb%3Fc");
    }
}
