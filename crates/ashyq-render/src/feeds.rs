//! Atom feeds (RFC 4287): the whole site, each language, each tag and each author, with the full
//! text of each story as its page shows it (figures with their credit and licence, interviews with
//! their `lang` and `dir`). On the live site the addresses inside are made absolute against the
//! site's public address, since a feed is read away from the site; in a static copy
//! ([`FeedLinks::Copy`]) every link a reader follows is relative to the feed's own file, so it
//! reaches the copy wherever the copy is, while ids stay the live site's permanent addresses.

use ashyq_content::LanguageTag;
use ashyq_store::{FeedScope, FeedSource};
use askama::Template;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::pages::{RenderError, render};
use crate::site::Site;
use crate::static_links::{StaticSite, relativize};
use crate::structured::absolute;
use crate::urls;

/// How many stories a feed holds: the newest 50. Enough for a reader who checks weekly on a busy
/// site, small enough (a few hundred kilobytes) to fetch over a slow or metered connection.
pub const FEED_ENTRIES: u32 = 50;

/// The feed's own address for `scope`.
pub fn feed_path(scope: FeedScope<'_>) -> String {
    match scope {
        FeedScope::Site => urls::site_feed(),
        FeedScope::Language(lang) => urls::language_feed(lang),
        FeedScope::Tag(slug) => urls::tag_feed(slug),
        FeedScope::Author(slug) => urls::author_feed(slug),
    }
}

/// The page the feed follows.
fn page_path(scope: FeedScope<'_>) -> String {
    match scope {
        FeedScope::Site => urls::front_page(),
        FeedScope::Language(lang) => urls::language_front_page(lang),
        FeedScope::Tag(slug) => urls::tag(slug),
        FeedScope::Author(slug) => urls::author(slug),
    }
}

/// Where the links a feed reader follows lead. Ids never change with it: an entry's id is its
/// permanent address on the live site, whichever copy the feed was fetched from.
#[derive(Clone, Copy)]
pub enum FeedLinks<'a> {
    /// The live site: every address absolute under its public address.
    Live,
    /// A static copy, where the feed is the file `file` (`tags/t/feed.atom`): addresses the copy
    /// holds become links relative to that file (a feed reader resolves them against the feed's
    /// own address, so they work on any host, under any sub-path and from disk); the rest go to
    /// the live site, absolute.
    Copy { file: &'a str, site: &'a StaticSite<'a> },
}

impl FeedLinks<'_> {
    /// The link to the site address `path`.
    fn link(&self, base: &str, path: &str) -> String {
        match self {
            FeedLinks::Live => absolute(base, path),
            FeedLinks::Copy { file, site } => {
                site.link(path, file.matches('/').count()).unwrap_or_else(|| absolute(base, path))
            }
        }
    }

    /// A story's HTML with its site addresses made links of this kind.
    fn content(&self, base: &str, html: &str) -> String {
        match self {
            FeedLinks::Live => absolute_links(html, base),
            FeedLinks::Copy { file, site } => relativize(html, file, site, &mut |_| {}),
        }
    }

    /// The `xml:base` of an entry: the live site's address, or none in a copy (relative
    /// references then resolve against the feed's own address).
    fn entry_base(&self, base: &str) -> String {
        match self {
            FeedLinks::Live => format!("{base}/"),
            FeedLinks::Copy { .. } => String::new(),
        }
    }
}

struct AtomLink {
    text: String,
    url: String,
}

struct AtomTranslation {
    lang: String,
    url: String,
    title: String,
}

struct AtomCategory {
    term: String,
    label: String,
}

struct AtomEntry {
    id: String,
    /// Its `xml:base` (empty: none).
    base: String,
    title: String,
    lang: String,
    updated: String,
    published: String,
    url: String,
    authors: Vec<AtomLink>,
    translations: Vec<AtomTranslation>,
    categories: Vec<AtomCategory>,
    summary: String,
    content: String,
}

#[derive(Template)]
#[template(path = "feed.xml")]
struct AtomFeedTemplate {
    lang: String,
    id: String,
    title: String,
    subtitle: String,
    /// The site's name: the feed's author, for entries that name none.
    site_name: String,
    updated: String,
    self_url: String,
    page_url: String,
    base: String,
    entries: Vec<AtomEntry>,
}

/// Whether XML 1.0 can hold `ch` at all (not even as a character reference): tab, line ends and
/// everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
pub fn xml_char(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML cannot hold, so that no stored text can make a feed or an
/// e-book unreadable. (Escaping is the template's job.)
pub fn xml_text(text: &str) -> String {
    text.chars().filter(|ch| xml_char(*ch)).collect()
}

fn rfc3339(moment: &OffsetDateTime) -> String {
    moment.format(&Rfc3339).unwrap_or_default()
}

/// Makes the site-relative addresses in `src`, `href` and `srcset` attributes of our own HTML
/// absolute. Attribute values in it are escaped, so `="/` occurs only where an attribute starts.
pub fn absolute_links(html: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find("=\"/") {
        let name_start = rest[..at].rfind(' ').map_or(0, |space| space + 1);
        let name = &rest[name_start..at];
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        match name {
            "src" | "href" if !rest.starts_with("//") => out.push_str(base),
            "srcset" => {
                let end = rest.find('"').unwrap_or(rest.len());
                let candidates: Vec<String> = rest[..end]
                    .split(", ")
                    .map(|candidate| {
                        if candidate.starts_with('/') && !candidate.starts_with("//") {
                            format!("{base}{candidate}")
                        } else {
                            candidate.to_owned()
                        }
                    })
                    .collect();
                out.push_str(&candidates.join(", "));
                rest = &rest[end..];
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// The Atom feed for `scope` from its stories, as the live site serves it. `base` is the site's
/// public address (no trailing slash); the feed's and entries' ids are their permanent addresses
/// under it. The titles carry the site's name from its settings.
pub fn render_atom_feed(
    site_settings: &Site,
    scope: FeedScope<'_>,
    source: &FeedSource,
    base: &str,
) -> Result<String, RenderError> {
    render_atom_feed_with(site_settings, scope, source, base, FeedLinks::Live)
}

/// [`render_atom_feed`] with the links a reader follows made as `links` says (a static copy's
/// feeds link the copy); ids stay the permanent addresses under `base`.
pub fn render_atom_feed_with(
    site_settings: &Site,
    scope: FeedScope<'_>,
    source: &FeedSource,
    base: &str,
    links: FeedLinks<'_>,
) -> Result<String, RenderError> {
    let base = base.trim_end_matches('/');
    let lang = match scope {
        FeedScope::Language(lang) => lang.to_owned(),
        _ => majority_language(source).to_owned(),
    };
    let l10n = site_settings.localizer(&lang);
    let site = site_settings.name();
    let subject = source.subject.as_ref().map_or_else(String::new, |subject| subject.name.clone());
    let title = match scope {
        FeedScope::Site => l10n.msg_with("feed-title-site", "site", &site),
        FeedScope::Language(code) => {
            let language =
                LanguageTag::parse(code).map_or_else(|_| code.to_owned(), |tag| tag.native_name());
            l10n.msg_args("feed-title-language", &[("site", &site), ("language", &language)])
        }
        FeedScope::Tag(_) => l10n.msg_args("feed-title-tag", &[("site", &site), ("tag", &subject)]),
        FeedScope::Author(_) => {
            l10n.msg_args("feed-title-author", &[("site", &site), ("author", &subject)])
        }
    };
    let updated = source
        .entries
        .iter()
        .map(|entry| entry.updated)
        .max()
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let entries = source
        .entries
        .iter()
        .map(|entry| {
            let view = &entry.view;
            let id = absolute(base, &urls::article(&view.summary.slug));
            let mut content = view.lead_html.clone().unwrap_or_default();
            // As the static copy shows interviews: paired (on a translation, the original beside
            // the translation's own language).
            content.push_str(&ashyq_content::select_versions(
                &view.body_html,
                ashyq_content::InterviewMode::Paired,
                &view.summary.lang,
                view.translation_of.is_some(),
            ));
            AtomEntry {
                id,
                base: links.entry_base(base),
                title: xml_text(&view.summary.title),
                lang: view.summary.lang.clone(),
                updated: rfc3339(&entry.updated.max(view.summary.published)),
                published: rfc3339(&view.summary.published),
                url: links.link(base, &urls::article(&view.summary.slug)),
                authors: view
                    .summary
                    .authors
                    .iter()
                    .map(|author| AtomLink {
                        text: xml_text(&author.name),
                        url: links.link(base, &urls::author(&author.slug)),
                    })
                    .collect(),
                translations: view
                    .translations
                    .iter()
                    .map(|translation| AtomTranslation {
                        lang: translation.lang.clone(),
                        url: links.link(base, &urls::article(&translation.slug)),
                        title: xml_text(&translation.title),
                    })
                    .collect(),
                categories: view
                    .tags
                    .iter()
                    .map(|tag| AtomCategory {
                        term: xml_text(&tag.slug),
                        label: xml_text(&tag.name),
                    })
                    .collect(),
                summary: xml_text(&view.summary.summary),
                content: xml_text(&links.content(base, &content)),
            }
        })
        .collect();
    let feed = AtomFeedTemplate {
        id: absolute(base, &feed_path(scope)),
        self_url: links.link(base, &feed_path(scope)),
        page_url: links.link(base, &page_path(scope)),
        subtitle: xml_text(&site_settings.tagline(&l10n, Some(&lang)).text),
        site_name: xml_text(&site),
        lang,
        title: xml_text(&title),
        updated: rfc3339(&updated),
        base: base.to_owned(),
        entries,
    };
    render("an Atom feed", &feed)
}

/// The language most stories of a mixed feed are in (English when there are none).
fn majority_language(source: &FeedSource) -> &str {
    let mut best = ("en", 0);
    for entry in &source.entries {
        let lang = entry.view.summary.lang.as_str();
        let count = source.entries.iter().filter(|other| other.view.summary.lang == lang).count();
        if count > best.1 {
            best = (lang, count);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_relative_addresses_become_absolute_and_others_stay() {
        let html = "<p><a href=\"/tags/x\">t</a> <a href=\"//other.example/\">o</a> <a href=\"#fn1\">1</a> \
            <a href=\"https://e.org/\">e</a> text =\"/not\"</p><img src=\"/media/a.png\" \
            srcset=\"/media/a-480.png 480w, /media/a.png 960w\" alt=\"\">";
        let out = absolute_links(html, "https://news.example/");
        assert!(out.contains("href=\"https://news.example/tags/x\""), "{out}");
        assert!(out.contains("href=\"//other.example/\""));
        assert!(out.contains("href=\"#fn1\""));
        assert!(out.contains("src=\"https://news.example/media/a.png\""));
        assert!(out.contains(
            "srcset=\"https://news.example/media/a-480.png 480w, https://news.example/media/a.png 960w\""
        ));
        assert!(out.contains("text =\"/not\""), "{out}");
    }
}
