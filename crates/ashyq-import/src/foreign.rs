//! Comments from elsewhere (WordPress, Disqus, Isso) in one shape, and how each platform's states
//! map to ours.

/// Where a comment stands, in our words. See `docs/import.md` for each platform's mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentState {
    Approved,
    Pending,
    Spam,
    /// Removed by a moderator (WordPress's trash, Disqus's and Isso's deleted).
    Rejected,
}

/// A comment read from another platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignComment {
    /// The platform's id, unique within the platform.
    pub id: String,
    pub parent: Option<String>,
    /// The thread: a WordPress post id, or a page's address (Disqus, Isso).
    pub thread: String,
    pub author: String,
    /// Plain text, paragraphs separated by blank lines.
    pub body: String,
    /// Unix seconds.
    pub created: i64,
    pub state: CommentState,
}

/// WordPress's `comment_approved`: `1` approved, `0` pending, `spam`, `trash`/`post-trashed`
/// rejected; anything else waits for a moderator.
pub fn wordpress_state(approved: &str) -> CommentState {
    match approved.trim() {
        "1" | "approve" => CommentState::Approved,
        "spam" => CommentState::Spam,
        "trash" | "post-trashed" => CommentState::Rejected,
        _ => CommentState::Pending,
    }
}

/// Isso's `mode`: 1 accepted, 2 pending, 4 deleted.
pub fn isso_state(mode: i64) -> CommentState {
    match mode {
        1 => CommentState::Approved,
        4 => CommentState::Rejected,
        _ => CommentState::Pending,
    }
}

/// Orders comments so that each parent comes before its replies (then by time), keeping those
/// whose parent is missing as top-level comments; returns the ids whose parent was missing.
pub fn order_threads(
    comments: &mut Vec<ForeignComment>,
    known: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let ids: std::collections::HashSet<String> = comments.iter().map(|c| c.id.clone()).collect();
    let mut orphans = Vec::new();
    for comment in comments.iter_mut() {
        if let Some(parent) = &comment.parent
            && !ids.contains(parent)
            && !known(parent)
        {
            orphans.push(comment.id.clone());
            comment.parent = None;
        }
    }
    comments.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    // Depth-first from the roots, so a reply dated before its parent (clock skew) still follows it.
    let mut placed: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut ordered = Vec::with_capacity(comments.len());
    let mut remaining: Vec<ForeignComment> = std::mem::take(comments);
    loop {
        let before = remaining.len();
        let mut next = Vec::new();
        for comment in remaining {
            let ready = comment
                .parent
                .as_ref()
                .is_none_or(|parent| placed.contains(parent) || !ids.contains(parent));
            if ready {
                placed.insert(comment.id.clone());
                ordered.push(comment);
            } else {
                next.push(comment);
            }
        }
        remaining = next;
        if remaining.is_empty() || remaining.len() == before {
            break;
        }
    }
    // A cycle (a file that names each other as parents): the rest become top-level comments.
    for mut comment in remaining {
        orphans.push(comment.id.clone());
        comment.parent = None;
        ordered.push(comment);
    }
    *comments = ordered;
    orphans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, parent: Option<&str>, created: i64) -> ForeignComment {
        ForeignComment {
            id: id.to_owned(),
            parent: parent.map(str::to_owned),
            thread: "t".to_owned(),
            author: String::new(),
            body: String::new(),
            created,
            state: CommentState::Approved,
        }
    }

    #[test]
    fn parents_come_first_and_missing_parents_make_top_level_comments() {
        let mut comments = vec![
            comment("3", Some("1"), 5),
            comment("1", None, 10),
            comment("4", Some("99"), 1),
            comment("5", Some("6"), 2),
            comment("6", Some("5"), 3),
            comment("7", Some("old"), 3),
        ];
        let orphans = order_threads(&mut comments, &|id| id == "old");
        let order: Vec<&str> = comments.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(order, ["4", "7", "1", "3", "5", "6"]);
        assert_eq!(orphans, ["4", "5", "6"]);
        assert_eq!(comments[1].parent.as_deref(), Some("old"), "a parent imported before stays");
    }

    #[test]
    fn states_map_as_documented() {
        assert_eq!(wordpress_state("1"), CommentState::Approved);
        assert_eq!(wordpress_state("0"), CommentState::Pending);
        assert_eq!(wordpress_state("spam"), CommentState::Spam);
        assert_eq!(wordpress_state("post-trashed"), CommentState::Rejected);
        assert_eq!(isso_state(1), CommentState::Approved);
        assert_eq!(isso_state(2), CommentState::Pending);
        assert_eq!(isso_state(4), CommentState::Rejected);
    }
}
