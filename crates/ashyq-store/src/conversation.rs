//! Where each thread of a story's one conversation stands on a page (issue 11): with the language
//! its top-level comment is written in. Pure; the stores give the comments, pages apply the rule.

use std::collections::HashMap;

use crate::comments::{CommentId, PublicComment};

impl PublicComment {
    /// The language this comment is written in: its own (the commenter's choice or the detected
    /// one) when known, else that of the version it was posted on. Old rows and text no detector
    /// can place ("+1", an emoji) have none, and count as their version's, so they never fall
    /// into a part nobody expects.
    pub fn written_in(&self) -> &str {
        self.language
            .as_deref()
            .map(str::trim)
            .filter(|lang| !lang.is_empty())
            .unwrap_or(&self.version_lang)
    }
}

/// For every comment of `comments`, the language of its thread: the one its top-level comment is
/// [written in](PublicComment::written_in). A reply whose parent is not among `comments` (not
/// approved, or on a version readers cannot see) opens a thread of its own, as pages show it.
/// So a page puts a whole thread in one part, whatever its replies are written in. Linear in the
/// number of comments, however deep the threads.
pub fn thread_languages(comments: &[PublicComment]) -> HashMap<CommentId, &str> {
    let by_id: HashMap<CommentId, &PublicComment> =
        comments.iter().map(|comment| (comment.id, comment)).collect();
    let mut thread_of: HashMap<CommentId, &str> = HashMap::with_capacity(comments.len());
    for comment in comments {
        // Up the thread to a comment already placed or to the top, then place the whole way.
        let mut way = Vec::new();
        let mut current = comment;
        let lang = loop {
            if let Some(lang) = thread_of.get(&current.id) {
                break *lang;
            }
            way.push(current.id);
            // Parents are older than their replies, so there is no loop; a damaged row that
            // made one would still end here, after at most every comment once.
            match current.parent_id.and_then(|parent| by_id.get(&parent)) {
                Some(parent) if way.len() <= comments.len() => current = parent,
                _ => break current.written_in(),
            }
        };
        for id in way {
            thread_of.insert(id, lang);
        }
    }
    thread_of
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::CommentStatus;

    fn comment(
        id: i64,
        parent: Option<i64>,
        language: Option<&str>,
        version: &str,
    ) -> PublicComment {
        PublicComment {
            id: CommentId(id),
            parent_id: parent.map(CommentId),
            author_name: format!("c{id}"),
            is_staff: false,
            is_article_author: false,
            body_html: String::new(),
            created_at: id,
            status: CommentStatus::Approved,
            featured: false,
            own: false,
            language: language.map(str::to_owned),
            version_lang: version.to_owned(),
        }
    }

    #[test]
    fn a_comment_is_written_in_its_own_language_else_its_versions() {
        assert_eq!(comment(1, None, Some("kk"), "ru").written_in(), "kk");
        assert_eq!(comment(2, None, None, "ru").written_in(), "ru", "undetected: +1");
        assert_eq!(comment(3, None, Some(""), "kk").written_in(), "kk", "an old empty row");
        assert_eq!(comment(4, None, Some("  "), "en").written_in(), "en");
    }

    #[test]
    fn every_reply_takes_its_top_level_comments_language_at_any_depth() {
        let comments = [
            // A Kazakh thread started on the Russian version, answered in Russian, then in English.
            comment(1, None, Some("kk"), "ru"),
            comment(2, Some(1), Some("ru"), "ru"),
            comment(3, Some(2), Some("en"), "en"),
            // A Russian thread with a Kazakh reply.
            comment(4, None, Some("ru"), "ru"),
            comment(5, Some(4), Some("kk"), "kk"),
            // "+1" on the Kazakh version, and a Russian reply to it.
            comment(6, None, None, "kk"),
            comment(7, Some(6), Some("ru"), "ru"),
            // A reply whose parent is not shown is a thread of its own.
            comment(8, Some(99), Some("en"), "ru"),
        ];
        let threads = thread_languages(&comments);
        let placed: Vec<(i64, &str)> =
            comments.iter().map(|comment| (comment.id.0, threads[&comment.id])).collect();
        assert_eq!(
            placed,
            [
                (1, "kk"),
                (2, "kk"),
                (3, "kk"),
                (4, "ru"),
                (5, "ru"),
                (6, "kk"),
                (7, "kk"),
                (8, "en")
            ]
        );
    }

    #[test]
    fn replies_listed_before_their_parents_and_a_damaged_loop_are_still_placed() {
        // Imported comments may come in any order; a loop cannot be stored, but must not hang.
        let comments = [
            comment(3, Some(2), Some("en"), "en"),
            comment(2, Some(1), Some("ru"), "ru"),
            comment(1, None, Some("kk"), "kk"),
            comment(10, Some(11), Some("ru"), "ru"),
            comment(11, Some(10), Some("en"), "en"),
        ];
        let threads = thread_languages(&comments);
        assert_eq!(threads[&CommentId(3)], "kk");
        assert_eq!(threads[&CommentId(2)], "kk");
        assert_eq!(threads.len(), 5, "the loop's comments are placed too");
    }
}
