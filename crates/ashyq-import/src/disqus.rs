//! A Disqus export (`<disqus>` with `<category>`, `<thread dsq:id>` and `<post dsq:id>`) as
//! comments in our shape, each thread named by its page's address. Commenters' e-mails and IP
//! addresses are in the file but are never read into these values.

use std::collections::HashMap;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{ReadError, ReadErrorKind};
use crate::foreign::{CommentState, ForeignComment};
use crate::html::plain_text;
use crate::xml::{Element, Limits, read_tree};

const DISQUS: &str = "http://disqus.com";

fn is_disqus(ns: &str) -> bool {
    ns == DISQUS || ns.is_empty()
}

/// The comments of an export, and what could not be used (with why).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisqusExport {
    pub comments: Vec<ForeignComment>,
    pub skipped: Vec<(String, String)>,
}

fn flag(element: &Element, name: &str) -> bool {
    element.child_text(is_disqus, name) == "true"
}

/// Reads an export, or says why it cannot be read.
pub fn read_disqus(text: &str, limits: Limits) -> Result<DisqusExport, ReadError> {
    let root = read_tree(text, limits)?;
    if root.name != "disqus" || !is_disqus(&root.ns) {
        return Err(ReadError::at(
            text,
            root.offset,
            ReadErrorKind::WrongFormat {
                expected: "a Disqus export",
                detail: format!("the root element is `<{}>`, not `<disqus>`", root.name),
            },
        ));
    }
    let mut threads: HashMap<&str, &str> = HashMap::new();
    for thread in root.children_named(is_disqus, "thread") {
        let Some(id) = thread.attr("id") else { continue };
        threads.insert(id, thread.child_text(is_disqus, "link"));
    }
    let mut export = DisqusExport::default();
    for post in root.children_named(is_disqus, "post") {
        let Some(id) = post.attr("id") else {
            return Err(ReadError::at(
                text,
                post.offset,
                ReadErrorKind::Missing {
                    element: "dsq:id attribute".to_owned(),
                    within: "post".to_owned(),
                },
            ));
        };
        let what = format!("post {id}");
        let thread_id = post.child(is_disqus, "thread").and_then(|thread| thread.attr("id"));
        let Some(link) = thread_id.and_then(|thread| threads.get(thread)).filter(|l| !l.is_empty())
        else {
            export.skipped.push((what, "its thread is not in the export".to_owned()));
            continue;
        };
        let created = post.child_text(is_disqus, "createdAt");
        let Ok(created) = OffsetDateTime::parse(created, &Rfc3339) else {
            export.skipped.push((what, format!("its date `{created}` cannot be read")));
            continue;
        };
        let body =
            plain_text(&post.child(is_disqus, "message").map_or(String::new(), |m| m.text.clone()));
        if body.is_empty() {
            export.skipped.push((what, "it has no text".to_owned()));
            continue;
        }
        let author = post.child(is_disqus, "author");
        let name = author.map_or("", |author| author.child_text(is_disqus, "name"));
        let state = if flag(post, "isSpam") {
            CommentState::Spam
        } else if flag(post, "isDeleted") {
            CommentState::Rejected
        } else if post.child_text(is_disqus, "isApproved") == "false" {
            CommentState::Pending
        } else {
            CommentState::Approved
        };
        export.comments.push(ForeignComment {
            id: id.to_owned(),
            parent: post.child(is_disqus, "parent").and_then(|p| p.attr("id")).map(str::to_owned),
            thread: (*link).to_owned(),
            author: name.to_owned(),
            body,
            created: created.unix_timestamp(),
            state,
        });
    }
    Ok(export)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>ashyq-test</forum><title>General</title><isDefault>true</isDefault></category>
  <thread dsq:id="10">
    <id>wp-5</id><forum>ashyq-test</forum><category dsq:id="1"/>
    <link>https://old.example.org/2020/05/river-bridge/</link><title>The bridge</title>
    <createdAt>2020-05-01T08:00:00Z</createdAt>
    <author><name>Desk</name><isAnonymous>false</isAnonymous><username>desk</username></author>
    <isClosed>false</isClosed><isDeleted>false</isDeleted>
  </thread>
  <post dsq:id="100">
    <message><![CDATA[<p>Good reporting.</p><p>Thanks.</p>]]></message>
    <createdAt>2020-05-02T09:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><email>reader@example.org</email><name>Reader</name><isAnonymous>false</isAnonymous><username>reader</username></author>
    <ipAddress>203.0.113.9</ipAddress>
    <thread dsq:id="10"/>
  </post>
  <post dsq:id="101">
    <message><![CDATA[Cheap watches]]></message>
    <createdAt>2020-05-02T10:00:00Z</createdAt>
    <isDeleted>false</isDeleted><isSpam>true</isSpam>
    <author><name>Bot</name></author><thread dsq:id="10"/><parent dsq:id="100"/>
  </post>
  <post dsq:id="102">
    <message>Lost</message><createdAt>2020-05-02T10:00:00Z</createdAt>
    <isDeleted>true</isDeleted><isSpam>false</isSpam><author><name>X</name></author>
    <thread dsq:id="99"/>
  </post>
</disqus>"#;

    #[test]
    fn posts_keep_threads_parents_and_states_but_no_addresses() {
        let export = read_disqus(EXPORT, Limits::default()).unwrap();
        assert_eq!(export.comments.len(), 2);
        let first = &export.comments[0];
        assert_eq!(first.thread, "https://old.example.org/2020/05/river-bridge/");
        assert_eq!(first.body, "Good reporting.\n\nThanks.");
        assert_eq!(first.state, CommentState::Approved);
        assert_eq!(export.comments[1].parent.as_deref(), Some("100"));
        assert_eq!(export.comments[1].state, CommentState::Spam);
        assert_eq!(
            export.skipped,
            [("post 102".to_owned(), "its thread is not in the export".to_owned())]
        );
        assert!(!format!("{export:?}").contains("203.0.113.9"));
        assert!(!format!("{export:?}").contains("reader@example.org"));
    }

    #[test]
    fn other_files_are_refused() {
        let error = read_disqus("<rss/>", Limits::default()).unwrap_err();
        assert!(error.to_string().contains("not a Disqus export"), "{error}");
    }
}
