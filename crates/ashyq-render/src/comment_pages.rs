//! The comments section under an article (for the live site), and the page where a reader edits
//! their own comment while it awaits moderation.

use std::collections::{HashMap, HashSet};

use ashyq_i18n::Localizer;
use ashyq_store::{CommentStatus, PublicComment};
use askama::Template;

use crate::chrome::Chrome;
use crate::pages::RenderError;
use crate::site::Site;

/// A comment as shown under the article.
#[derive(Debug, Clone)]
pub struct CommentItem {
    pub id: i64,
    /// Reply depth, 0 to 4.
    pub depth: usize,
    pub author_name: String,
    /// An inline SVG drawn from the name (no avatar service is ever asked).
    pub identicon: String,
    /// "Author" or "Staff", already localized.
    pub badge: Option<String>,
    pub date_iso: String,
    pub date_text: String,
    /// Sanitized HTML.
    pub body_html: String,
    /// Awaiting moderation (shown only to its writer).
    pub pending: bool,
    pub own: bool,
    /// The writer may still edit or withdraw it.
    pub editable: bool,
    pub featured: bool,
    /// The language of the text (detected when posted), for the body's `lang`; `None` leaves it
    /// to the page's.
    pub lang: Option<String>,
}

/// The form, with what was typed and the errors to show next to the fields.
#[derive(Debug, Clone, Default)]
pub struct CommentFormView {
    pub name: String,
    pub email: String,
    /// "Tell me of replies" is ticked.
    pub notify: bool,
    pub body: String,
    pub parent_id: Option<i64>,
    pub replying_to: Option<String>,
    /// (field, message)
    pub errors: Vec<(String, String)>,
}

impl CommentFormView {
    /// The error for `field`, if any.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(name, _)| name == field).map(|(_, message)| message.as_str())
    }
}

/// Where this page of a long conversation sits among the others.
#[derive(Debug, Clone, Default)]
pub struct CommentPaging {
    /// 1-based.
    pub page: usize,
    pub pages: usize,
    /// "Page 2 of 5", in the page's language.
    pub position: String,
    pub earlier_url: Option<String>,
    pub later_url: Option<String>,
}

/// Everything the comments section shows.
#[derive(Debug, Clone, Default)]
pub struct CommentsSection {
    /// This page's comments (every approved comment is counted in `approved_count`).
    pub items: Vec<CommentItem>,
    pub paging: CommentPaging,
    pub approved_count: usize,
    pub csrf: String,
    pub action_url: String,
    /// The reader just posted: say it awaits moderation.
    pub posted: bool,
    /// A logged-in staff member comments under this name.
    pub staff_name: Option<String>,
    /// When the form was shown (Unix seconds), to flag instant submissions.
    pub form_started: String,
    pub form: CommentFormView,
    /// A read-only copy (the static mirror): no form and no reply links, only a line saying that
    /// comments are written on the live page at this address.
    pub read_only_at: Option<String>,
}

/// Orders comments into threads: editors' picks first among top-level comments, then oldest first;
/// replies under their parents, indented up to four levels.
fn thread(comments: &[PublicComment]) -> Vec<(usize, &PublicComment)> {
    let mut children: HashMap<Option<i64>, Vec<&PublicComment>> = HashMap::new();
    let visible: HashSet<i64> = comments.iter().map(|comment| comment.id.0).collect();
    for comment in comments {
        // A reply whose parent is not visible is shown at the top level rather than lost.
        let parent = comment.parent_id.map(|id| id.0).filter(|id| visible.contains(id));
        children.entry(parent).or_default().push(comment);
    }
    if let Some(top) = children.get_mut(&None) {
        top.sort_by_key(|comment| (!comment.featured, comment.created_at, comment.id.0));
    }
    let mut out = Vec::with_capacity(comments.len());
    let mut stack: Vec<(usize, &PublicComment)> = children
        .get(&None)
        .map(|top| top.iter().rev().map(|comment| (0, *comment)).collect())
        .unwrap_or_default();
    while let Some((depth, comment)) = stack.pop() {
        out.push((depth, comment));
        if let Some(replies) = children.get(&Some(comment.id.0)) {
            for reply in replies.iter().rev() {
                stack.push(((depth + 1).min(4), *reply));
            }
        }
    }
    out
}

/// The comments under an article as the page shows them: threaded, with badges and dates in the
/// page's language. Used by the live page and the static mirror alike.
pub fn comment_items(comments: &[PublicComment], l10n: &Localizer<'_>) -> Vec<CommentItem> {
    thread(comments)
        .into_iter()
        .map(|(depth, comment)| {
            let moment = time::OffsetDateTime::from_unix_timestamp(comment.created_at)
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
            CommentItem {
                id: comment.id.0,
                depth,
                author_name: comment.author_name.clone(),
                identicon: crate::identicon::identicon_svg(&comment.author_name),
                badge: if comment.is_article_author {
                    Some(l10n.msg("comment-badge-author"))
                } else if comment.is_staff {
                    Some(l10n.msg("comment-badge-staff"))
                } else {
                    None
                },
                date_iso: moment
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
                date_text: l10n.date(&moment),
                body_html: comment.body_html.clone(),
                pending: comment.status != CommentStatus::Approved,
                own: comment.own,
                editable: comment.own && comment.status == CommentStatus::Pending,
                featured: comment.featured,
                lang: comment.language.clone(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "comment_edit.html")]
struct CommentEditTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    id: i64,
    article_title: String,
    article_url: String,
    name: String,
    body: String,
    errors: Vec<(String, String)>,
}

impl CommentEditTemplate<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(name, _)| name == field).map(|(_, message)| message.as_str())
    }
}

/// The edit page of a reader's own pending comment.
#[allow(clippy::too_many_arguments, reason = "plain page fields")]
pub fn render_comment_edit_page(
    site: &Site,
    lang: &str,
    csrf: &str,
    id: i64,
    article_title: &str,
    article_url: &str,
    name: &str,
    body: &str,
    errors: &[(String, String)],
) -> Result<String, RenderError> {
    let l10n = site.localizer(lang);
    let title = format!("{} · {}", l10n.msg("comment-edit-title"), site.name());
    let chrome = Chrome::new(site, l10n, title, &[], None);
    let page = CommentEditTemplate {
        chrome,
        csrf: csrf.to_owned(),
        id,
        article_title: article_title.to_owned(),
        article_url: article_url.to_owned(),
        name: name.to_owned(),
        body: body.to_owned(),
        errors: errors.to_vec(),
    };
    page.render().map_err(|source| RenderError::new("the comment edit page", source))
}

#[derive(Template)]
#[template(path = "comment_confirm.html")]
struct ConfirmTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    token: String,
}

/// The page a mailed confirmation link opens: one button that confirms the address (a link alone
/// changes nothing, so mail scanners that follow links cannot confirm for anyone).
pub fn render_confirm_email_page(
    site: &Site,
    ui_lang: &str,
    csrf: &str,
    token: &str,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("confirm-email-title"), site.name());
    let chrome = Chrome::new(site, l10n, title, &[], None);
    let page = ConfirmTemplate { chrome, csrf: csrf.to_owned(), token: token.to_owned() };
    page.render().map_err(|source| RenderError::new("the reply notice confirmation page", source))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ashyq_store::CommentId;

    fn comment(id: i64, parent: Option<i64>, created_at: i64, featured: bool) -> PublicComment {
        PublicComment {
            id: CommentId(id),
            parent_id: parent.map(CommentId),
            author_name: format!("c{id}"),
            is_staff: false,
            is_article_author: false,
            body_html: String::new(),
            created_at,
            status: CommentStatus::Approved,
            featured,
            own: false,
            language: None,
        }
    }

    #[test]
    fn threads_replies_under_parents_with_picks_first() {
        let comments = [
            comment(1, None, 10, false),
            comment(2, None, 20, true),
            comment(3, Some(1), 30, false),
            comment(4, Some(3), 40, false),
            comment(5, Some(99), 50, false),
        ];
        let order: Vec<(usize, i64)> =
            thread(&comments).iter().map(|(depth, c)| (*depth, c.id.0)).collect();
        assert_eq!(order, [(0, 2), (0, 1), (1, 3), (2, 4), (0, 5)]);
    }
}
