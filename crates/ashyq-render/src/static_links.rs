//! The static URL mode: the same rendered pages, with every site address turned into a link
//! relative to the page's own file, so that a copy of the site works from any host, any sub-path or
//! straight from disk (`file://`). Folder pages are linked as `…/index.html`, because a browser
//! opening files does not look for `index.html` by itself.
//!
//! Pages are rendered once by the ordinary renderers and then passed through [`relativize`]; the
//! stored article bodies (rendered at import with `/media/…` and `/articles/…` addresses) need the
//! same treatment, so one rewriting step covers templates and stored fragments alike. Every
//! attribute value on our pages is double-quoted and every text escaped (`"` never appears raw in
//! text), so finding `href="` and its closing quote is exact, not a guess.

use std::borrow::Cow;

/// The attributes that carry addresses on our pages.
const ADDRESS_ATTRIBUTES: [&str; 4] = ["href", "src", "srcset", "action"];

/// Address paths whose last segment names a page folder rather than a file.
const PAGE_FOLDERS: [&str; 4] = ["articles", "tags", "authors", "mirrors"];

/// The file (relative to the copy's top, still percent-encoded as in links) that holds the site
/// address `path` (`/articles/x` → `articles/x/index.html`, `/` → `index.html`,
/// `/media/a.jpg` → `media/a.jpg`). `None` for paths that leave the copy (`..`, empty segments).
pub fn static_file_for(path: &str) -> Option<String> {
    let inner = path.strip_prefix('/')?;
    if inner.is_empty() {
        return Some("index.html".to_owned());
    }
    let segments: Vec<&str> = inner.split('/').collect();
    let (last, folders) = segments.split_last()?;
    if folders.iter().any(|segment| segment.is_empty() || *segment == "." || *segment == "..")
        || *last == "."
        || *last == ".."
    {
        return None;
    }
    if last.is_empty() {
        return Some(format!("{inner}index.html"));
    }
    // `/tags/x` is a page even if `x` holds a dot; `/tags/x/feed.atom` is a file.
    let is_page =
        (PAGE_FOLDERS.contains(&segments[0]) && segments.len() <= 2) || !last.contains('.');
    if is_page { Some(format!("{inner}/index.html")) } else { Some(inner.to_owned()) }
}

/// How a static copy treats site addresses.
pub struct StaticSite<'a> {
    /// The live site's address without a trailing slash, for everything the copy cannot do itself
    /// (search, comment forms, login); `None` drops such links to the copy's front page.
    pub live_url: Option<&'a str>,
    /// Whether the copy holds a file (as returned by [`static_file_for`]).
    pub holds: &'a dyn Fn(&str) -> bool,
}

impl StaticSite<'_> {
    /// The link for site address `value` (path, optional query and fragment) from a page `depth`
    /// folders below the top.
    pub(crate) fn link(&self, value: &str, depth: usize) -> Option<String> {
        if !value.starts_with('/') || value.starts_with("//") {
            return None;
        }
        let (before_fragment, fragment) = match value.find('#') {
            Some(at) => value.split_at(at),
            None => (value, ""),
        };
        let path = before_fragment.split('?').next().unwrap_or(before_fragment);
        let up = "../".repeat(depth);
        match static_file_for(path).filter(|file| (self.holds)(file)) {
            Some(file) => Some(format!("{up}{file}{fragment}")),
            None => match self.live_url {
                Some(live) => Some(format!("{live}{value}")),
                None => Some(format!("{up}index.html")),
            },
        }
    }

    /// A `srcset` value: each candidate's address rewritten, its width kept.
    fn srcset(&self, value: &str, depth: usize) -> String {
        value
            .split(',')
            .map(|candidate| {
                let candidate = candidate.trim();
                let (address, descriptor) = match candidate.split_once(' ') {
                    Some((address, descriptor)) => (address, Some(descriptor)),
                    None => (candidate, None),
                };
                let address = self.link(address, depth).map_or(Cow::Borrowed(address), Cow::Owned);
                match descriptor {
                    Some(descriptor) => format!("{address} {descriptor}"),
                    None => address.into_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `html` (a page whose file is `page_file`, e.g. `articles/x/index.html`) with every site address
/// in `href`, `src`, `srcset` and `action` made relative to that file, or sent to the live site
/// when the copy does not hold it. `found` receives each file of the copy the page refers to (for
/// images: which derivatives to copy).
pub fn relativize(
    html: &str,
    page_file: &str,
    site: &StaticSite<'_>,
    found: &mut dyn FnMut(&str),
) -> String {
    let depth = page_file.matches('/').count();
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some((start, name)) = next_attribute(rest) {
        let value_start = start + name.len() + 2;
        let Some(length) = rest[value_start..].find('"') else { break };
        let value = &rest[value_start..value_start + length];
        out.push_str(&rest[..value_start]);
        if name == "srcset" {
            for candidate in value.split(',') {
                let address = candidate.trim().split(' ').next().unwrap_or_default();
                note_file(address, site, &mut *found);
            }
            out.push_str(&site.srcset(value, depth));
        } else {
            note_file(value, site, &mut *found);
            match site.link(value, depth) {
                Some(link) => out.push_str(&link),
                None => out.push_str(value),
            }
        }
        out.push('"');
        rest = &rest[value_start + length + 1..];
    }
    out.push_str(rest);
    out
}

fn note_file(value: &str, site: &StaticSite<'_>, found: &mut dyn FnMut(&str)) {
    if !value.starts_with('/') || value.starts_with("//") {
        return;
    }
    let path = value.split(['#', '?']).next().unwrap_or(value);
    if let Some(file) = static_file_for(path).filter(|file| (site.holds)(file)) {
        found(&file);
    }
}

/// The next ` NAME="` among the address attributes: the offset of the name, and the name.
fn next_attribute(html: &str) -> Option<(usize, &'static str)> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(offset) = memchr_equals_quote(&bytes[from..]) {
        let at = from + offset;
        for name in ADDRESS_ATTRIBUTES {
            if at > name.len()
                && html.get(at - name.len()..at) == Some(name)
                && bytes[at - name.len() - 1].is_ascii_whitespace()
            {
                return Some((at - name.len(), name));
            }
        }
        from = at + 2;
    }
    None
}

/// The offset of the next `="`.
fn memchr_equals_quote(bytes: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes, b"=\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, page: &str, expected: &str) {
        let holds = |file: &str| !file.starts_with("articles/draft") && !file.starts_with("search");
        let site = StaticSite { live_url: Some("https://news.example"), holds: &holds };
        let mut found = Vec::new();
        let got = relativize(html, page, &site, &mut |file| found.push(file.to_owned()));
        assert_eq!(got, expected);
    }

    #[test]
    fn site_addresses_become_relative_files() {
        check(
            r#"<a href="/">h</a> <a href="/ru/">r</a> <a class="x" href="/articles/a-b#c">a</a>"#,
            "articles/x/index.html",
            r#"<a href="../../index.html">h</a> <a href="../../ru/index.html">r</a> <a class="x" href="../../articles/a-b/index.html#c">a</a>"#,
        );
        check(
            r#"<img src="/media/p-480.jpg" srcset="/media/p-480.jpg 480w, /media/p-960.jpg 960w">"#,
            "index.html",
            r#"<img src="media/p-480.jpg" srcset="media/p-480.jpg 480w, media/p-960.jpg 960w">"#,
        );
        check(
            r#"<link rel="stylesheet" href="/static/site.abc.css"><a href="/tags/%D1%81">t</a>"#,
            "ru/index.html",
            r#"<link rel="stylesheet" href="../static/site.abc.css"><a href="../tags/%D1%81/index.html">t</a>"#,
        );
    }

    #[test]
    fn what_the_copy_cannot_do_goes_to_the_live_site() {
        check(
            r##"<a href="/search">s</a><a href="/articles/draft-1">d</a><a href="https://o.example/">o</a><a href="#main">m</a>"##,
            "tags/t/index.html",
            r##"<a href="https://news.example/search">s</a><a href="https://news.example/articles/draft-1">d</a><a href="https://o.example/">o</a><a href="#main">m</a>"##,
        );
    }

    #[test]
    fn text_that_looks_like_an_attribute_is_left_alone() {
        // Text is escaped, so a quote in it is never raw; `data-href` is not an address attribute.
        check(
            r#"<p>href=&quot;/x&quot;</p><a data-href="/x">y</a>"#,
            "index.html",
            r#"<p>href=&quot;/x&quot;</p><a data-href="/x">y</a>"#,
        );
    }

    #[test]
    fn files_and_folders_are_told_apart() {
        assert_eq!(static_file_for("/").as_deref(), Some("index.html"));
        assert_eq!(static_file_for("/kk/").as_deref(), Some("kk/index.html"));
        assert_eq!(static_file_for("/mirrors").as_deref(), Some("mirrors/index.html"));
        assert_eq!(static_file_for("/mirrors/ru").as_deref(), Some("mirrors/ru/index.html"));
        assert_eq!(static_file_for("/articles/v1.2").as_deref(), Some("articles/v1.2/index.html"));
        assert_eq!(static_file_for("/feed.xml").as_deref(), Some("feed.xml"));
        // Issue 12: feeds under page folders are files, not page folders.
        assert_eq!(
            static_file_for("/tags/press/feed.atom").as_deref(),
            Some("tags/press/feed.atom")
        );
        assert_eq!(static_file_for("/kk/feed.atom").as_deref(), Some("kk/feed.atom"));
        assert_eq!(static_file_for("/sitemaps/2.xml").as_deref(), Some("sitemaps/2.xml"));
        assert_eq!(static_file_for("/media/../secret.key"), None);
        assert_eq!(static_file_for("relative"), None);
    }
}
