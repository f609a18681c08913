//! A WordPress export (WXR 1.0, 1.1 or 1.2; `http://` or `https://` namespaces) as typed values:
//! the site's language, authors, and items (posts, pages, attachments…) with their terms, meta and
//! comments. Anything a WordPress exporter always writes is required; the rest is optional.

use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::error::{LineIndex, ReadError, ReadErrorKind};
use crate::xml::{Element, Limits, no_namespace, read_tree};

/// A whole export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wxr {
    /// `1.0`, `1.1` or `1.2`.
    pub version: String,
    pub title: String,
    /// `<language>`, e.g. `en-US`; empty when missing.
    pub language: String,
    pub base_site_url: String,
    pub authors: Vec<Author>,
    pub items: Vec<Item>,
}

/// `<wp:author>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub login: String,
    pub email: String,
    pub display_name: String,
}

/// An `<item>`: a post, a page, an attachment, a menu entry…
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub id: i64,
    pub title: String,
    pub link: String,
    /// The author's login (`dc:creator`).
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    /// `post_date_gmt`, or `post_date` when the GMT one is empty or zero (drafts).
    pub date: Option<OffsetDateTime>,
    /// `post_name` as exported (may be percent-encoded, may be empty).
    pub name: String,
    pub status: String,
    pub post_type: String,
    pub parent: i64,
    pub password: String,
    pub attachment_url: String,
    pub terms: Vec<Term>,
    pub meta: Vec<(String, String)>,
    pub comments: Vec<Comment>,
    pub line: usize,
}

impl Item {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
    }

    /// The first term of taxonomy `domain`.
    pub fn term(&self, domain: &str) -> Option<&Term> {
        self.terms.iter().find(|term| term.domain == domain)
    }
}

/// A `<category domain="…" nicename="…">Name</category>` on an item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub domain: String,
    pub nicename: String,
    pub name: String,
}

/// `<wp:comment>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub author: String,
    pub email: String,
    pub date: Option<OffsetDateTime>,
    pub content: String,
    /// `1`, `0`, `spam`, `trash`, `post-trashed`.
    pub approved: String,
    /// Empty or `comment` for comments; `pingback`, `trackback`…
    pub kind: String,
    /// 0 for a top-level comment.
    pub parent: i64,
    pub line: usize,
}

/// Whether `ns` is a WordPress export namespace of a version we read.
pub fn is_wp(ns: &str) -> bool {
    wp_version(ns).is_some()
}

fn wp_version(ns: &str) -> Option<&str> {
    let rest = ns.strip_prefix("http://").or_else(|| ns.strip_prefix("https://"))?;
    let version = rest.strip_prefix("wordpress.org/export/")?.strip_suffix('/')?;
    ["1.0", "1.1", "1.2"].contains(&version).then_some(version)
}

fn is_excerpt(ns: &str) -> bool {
    ns.strip_suffix("excerpt/").is_some_and(is_wp)
}

fn is_content(ns: &str) -> bool {
    ns == "http://purl.org/rss/1.0/modules/content/"
}

fn is_dc(ns: &str) -> bool {
    ns == "http://purl.org/dc/elements/1.1/"
}

/// Reads an export, or says why it cannot be read.
pub fn read_wxr(text: &str, limits: Limits) -> Result<Wxr, ReadError> {
    let root = read_tree(text, limits)?;
    let wrong = |element: &Element, detail: String| {
        ReadError::at(
            text,
            element.offset,
            ReadErrorKind::WrongFormat { expected: "a WordPress export (WXR)", detail },
        )
    };
    if root.name != "rss" || !root.ns.is_empty() {
        return Err(wrong(&root, format!("the root element is `<{}>`, not `<rss>`", root.name)));
    }
    let channel = root.child(no_namespace, "channel").ok_or_else(|| {
        ReadError::at(
            text,
            root.offset,
            ReadErrorKind::Missing { element: "channel".to_owned(), within: "rss".to_owned() },
        )
    })?;
    let version_element =
        channel.children.iter().find(|child| child.name == "wxr_version").ok_or_else(|| {
            wrong(
                channel,
                "`<wp:wxr_version>` is missing, so this is no WordPress export".to_owned(),
            )
        })?;
    let Some(version) = wp_version(&version_element.ns) else {
        return Err(wrong(
            version_element,
            format!(
                "the `wp:` namespace is `{}`; exports use http(s)://wordpress.org/export/1.0/ to 1.2/",
                version_element.ns
            ),
        ));
    };
    let mut wxr = Wxr {
        version: version.to_owned(),
        title: channel.child_text(no_namespace, "title").to_owned(),
        language: channel.child_text(no_namespace, "language").to_owned(),
        base_site_url: channel.child_text(is_wp, "base_site_url").to_owned(),
        ..Wxr::default()
    };
    for author in channel.children_named(is_wp, "author") {
        wxr.authors.push(Author {
            login: author.child_text(is_wp, "author_login").to_owned(),
            email: author.child_text(is_wp, "author_email").to_owned(),
            display_name: author.child_text(is_wp, "author_display_name").to_owned(),
        });
    }
    let lines = LineIndex::new(text);
    for item in channel.children_named(no_namespace, "item") {
        wxr.items.push(read_item(text, &lines, item)?);
    }
    Ok(wxr)
}

fn required<'a>(text: &str, parent: &'a Element, name: &str) -> Result<&'a Element, ReadError> {
    parent.child(is_wp, name).ok_or_else(|| {
        ReadError::at(
            text,
            parent.offset,
            ReadErrorKind::Missing { element: format!("wp:{name}"), within: parent.name.clone() },
        )
    })
}

fn integer(text: &str, element: &Element) -> Result<i64, ReadError> {
    let value = element.text.trim();
    if value.is_empty() {
        return Ok(0);
    }
    value.parse().map_err(|_| {
        ReadError::at(
            text,
            element.offset,
            ReadErrorKind::BadValue {
                element: format!("wp:{}", element.name),
                value: value.chars().take(40).collect(),
                expected: "a whole number",
            },
        )
    })
}

fn read_item(text: &str, lines: &LineIndex<'_>, element: &Element) -> Result<Item, ReadError> {
    let id = integer(text, required(text, element, "post_id")?)?;
    let post_type = required(text, element, "post_type")?.text.trim().to_owned();
    let mut item = Item {
        id,
        title: element.child_text(no_namespace, "title").to_owned(),
        link: element.child_text(no_namespace, "link").to_owned(),
        creator: element.child_text(is_dc, "creator").to_owned(),
        content: element.child(is_content, "encoded").map_or(String::new(), |e| e.text.clone()),
        excerpt: element.child(is_excerpt, "encoded").map_or(String::new(), |e| e.text.clone()),
        date: date(element.child_text(is_wp, "post_date_gmt"))
            .or_else(|| date(element.child_text(is_wp, "post_date"))),
        name: element.child_text(is_wp, "post_name").to_owned(),
        status: element.child_text(is_wp, "status").to_owned(),
        post_type,
        parent: element.child(is_wp, "post_parent").map_or(Ok(0), |e| integer(text, e))?,
        password: element.child_text(is_wp, "post_password").to_owned(),
        attachment_url: element.child_text(is_wp, "attachment_url").to_owned(),
        line: lines.position(element.offset).0,
        ..Item::default()
    };
    for term in element.children_named(no_namespace, "category") {
        item.terms.push(Term {
            domain: term.attr("domain").unwrap_or_default().to_owned(),
            nicename: term.attr("nicename").unwrap_or_default().to_owned(),
            name: term.text.trim().to_owned(),
        });
    }
    for meta in element.children_named(is_wp, "postmeta") {
        item.meta.push((
            meta.child_text(is_wp, "meta_key").to_owned(),
            meta.child(is_wp, "meta_value").map_or(String::new(), |e| e.text.clone()),
        ));
    }
    for comment in element.children_named(is_wp, "comment") {
        item.comments.push(Comment {
            id: integer(text, required(text, comment, "comment_id")?)?,
            author: comment.child_text(is_wp, "comment_author").to_owned(),
            email: comment.child_text(is_wp, "comment_author_email").to_owned(),
            date: date(comment.child_text(is_wp, "comment_date_gmt"))
                .or_else(|| date(comment.child_text(is_wp, "comment_date"))),
            content: comment
                .child(is_wp, "comment_content")
                .map_or(String::new(), |e| e.text.clone()),
            approved: comment.child_text(is_wp, "comment_approved").to_owned(),
            kind: comment.child_text(is_wp, "comment_type").to_owned(),
            parent: comment.child(is_wp, "comment_parent").map_or(Ok(0), |e| integer(text, e))?,
            line: lines.position(comment.offset).0,
        });
    }
    Ok(item)
}

/// WordPress's `2024-05-01 10:00:00` (UTC for the `_gmt` fields); `None` for empty or zero dates.
pub fn date(value: &str) -> Option<OffsetDateTime> {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    PrimitiveDateTime::parse(value.trim(), format).ok().map(PrimitiveDateTime::assume_utc)
}

#[cfg(test)]
mod tests;
