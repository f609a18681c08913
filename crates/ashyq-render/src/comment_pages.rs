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
    /// The language of the text (detected when posted, else its version's), for the body's
    /// `lang`; `None` leaves it to the page's.
    pub lang: Option<String>,
    /// Written in (or, when its language is not known, posted on a version in) another language
    /// than the page's: that language. A Kazakh reply on the Russian version reads "Қазақша", not
    /// "Русский".
    pub version: Option<VersionMark>,
}

/// The language a comment is marked with, named in itself ("Русский").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionMark {
    pub lang: String,
    pub name: String,
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
    /// This page's threads whose top-level comment is written in the page's language.
    pub items: Vec<CommentItem>,
    /// This page's threads started in other languages, shown behind "Comments in other
    /// languages (N)".
    pub elsewhere: Vec<CommentItem>,
    pub paging: CommentPaging,
    /// Approved comments in the whole conversation (every version, every page of it).
    pub approved_count: usize,
    /// Approved comments in the threads started in other languages (the N above).
    pub elsewhere_count: i64,
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

impl CommentsSection {
    /// The number in "Comments in other languages (N)".
    pub fn elsewhere_total(&self) -> i64 {
        self.elsewhere_count
    }
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

/// A story's conversation as the page of one of its versions shows it: the threads whose
/// top-level comment is written in the page's language first, then those started in other
/// languages, each part threaded on its own. A thread is never split: its replies go with it,
/// whatever they are written in, each marked with its own language.
#[derive(Debug, Clone, Default)]
pub struct Conversation {
    /// Threads started in the page's language, threaded.
    pub here: Vec<CommentItem>,
    /// Threads started in other languages, threaded, each comment not in the page's language
    /// marked with its own.
    pub elsewhere: Vec<CommentItem>,
    /// Approved comments in the whole conversation (a writer's own pending ones never count).
    pub approved: usize,
    /// Approved comments in the threads started in other languages.
    pub elsewhere_approved: usize,
}

/// Splits a story's conversation (every version's comments, as the store gives them) for a page
/// in `page_lang`, with badges and dates in the page's language: each thread goes to the part of
/// the language its top-level comment is written in ([`ashyq_store::thread_languages`]; a
/// comment whose language is unknown counts as its version's). Used by the live page and the
/// static copy alike.
pub fn conversation(
    comments: &[PublicComment],
    page_lang: &str,
    l10n: &Localizer<'_>,
) -> Conversation {
    let threads = ashyq_store::thread_languages(comments);
    let (here, elsewhere): (Vec<PublicComment>, Vec<PublicComment>) =
        comments.iter().cloned().partition(|comment| {
            threads.get(&comment.id).copied().unwrap_or_else(|| comment.written_in()) == page_lang
        });
    let approved = |part: &[PublicComment]| {
        part.iter().filter(|comment| comment.status == CommentStatus::Approved).count()
    };
    Conversation {
        approved: approved(&here) + approved(&elsewhere),
        elsewhere_approved: approved(&elsewhere),
        here: thread_items(&here, page_lang, l10n),
        elsewhere: thread_items(&elsewhere, page_lang, l10n),
    }
}

/// One part of the conversation (whole threads), threaded, as items.
fn thread_items(part: &[PublicComment], page_lang: &str, l10n: &Localizer<'_>) -> Vec<CommentItem> {
    thread(part)
        .into_iter()
        .map(|(depth, comment)| comment_item(depth, comment, page_lang, l10n))
        .collect()
}

fn comment_item(
    depth: usize,
    comment: &PublicComment,
    page_lang: &str,
    l10n: &Localizer<'_>,
) -> CommentItem {
    let moment = time::OffsetDateTime::from_unix_timestamp(comment.created_at)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let written = comment.written_in();
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
        date_iso: moment.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        date_text: l10n.date(&moment),
        body_html: comment.body_html.clone(),
        pending: comment.status != CommentStatus::Approved,
        own: comment.own,
        editable: comment.own && comment.status == CommentStatus::Pending,
        featured: comment.featured,
        lang: (comment.language.is_some() || written != page_lang).then(|| written.to_owned()),
        version: (written != page_lang).then(|| VersionMark {
            lang: written.to_owned(),
            name: crate::pages::native_name(written),
        }),
    }
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
            version_lang: "en".to_owned(),
        }
    }

    fn written_in(mut comment: PublicComment, lang: &str) -> PublicComment {
        comment.language = Some(lang.to_owned());
        comment
    }

    fn in_version(mut comment: PublicComment, lang: &str) -> PublicComment {
        comment.version_lang = lang.to_owned();
        comment
    }

    /// (depth, id) of each item, in reading order.
    fn shape(items: &[CommentItem]) -> Vec<(usize, i64)> {
        items.iter().map(|item| (item.depth, item.id)).collect()
    }

    /// (id, the mark's name) of each marked item.
    fn marks(items: &[CommentItem]) -> Vec<(i64, &str)> {
        items
            .iter()
            .filter_map(|item| item.version.as_ref().map(|mark| (item.id, mark.name.as_str())))
            .collect()
    }

    #[test]
    fn a_page_shows_the_threads_started_in_its_language_first_whole_issue_11() {
        let catalog = ashyq_i18n::Catalog::new().unwrap();
        let l10n = catalog.localizer("en");
        let mut pending = in_version(comment(6, None, 60, false), "ru");
        pending.status = CommentStatus::Pending;
        pending.own = true;
        let mut empty = in_version(comment(11, None, 110, false), "ru");
        empty.language = Some(String::new());
        let comments = [
            // Language unknown ("+1", old rows): each counts as its version's.
            comment(1, None, 10, false),
            in_version(comment(2, None, 20, false), "ru"),
            in_version(comment(3, Some(2), 30, false), "kk"),
            comment(4, Some(2), 40, false),
            in_version(comment(5, Some(1), 50, false), "ru"),
            pending,
            in_version(written_in(comment(7, Some(2), 70, false), "kk"), "ru"),
            // Russian text on the English version.
            written_in(comment(8, None, 80, false), "ru"),
            // A Kazakh thread started on the Russian version, answered in Russian on the Kazakh one.
            in_version(written_in(comment(9, None, 90, false), "kk"), "ru"),
            in_version(written_in(comment(10, Some(9), 100, false), "ru"), "kk"),
            empty,
        ];

        let english = conversation(&comments, "en", &l10n);
        // Only the thread started in English; its Russian reply stays under it.
        assert_eq!(shape(&english.here), [(0, 1), (1, 5)]);
        assert_eq!(
            shape(&english.elsewhere),
            [(0, 2), (1, 3), (1, 4), (1, 7), (0, 6), (0, 8), (0, 9), (1, 10), (0, 11)],
            "the English reply to a Russian comment stays in its Russian thread"
        );
        assert_eq!((english.approved, english.elsewhere_approved), (10, 8), "pending never counts");
        assert_eq!(marks(&english.here), [(5, "Русский")]);
        assert_eq!(
            marks(&english.elsewhere),
            [
                (2, "Русский"),
                (3, "Қазақша"),
                (7, "Қазақша"),
                (6, "Русский"),
                (8, "Русский"),
                (9, "Қазақша"),
                (10, "Русский"),
                (11, "Русский")
            ],
            "each marked with the language it is written in; the English reply needs no mark"
        );
        let item =
            |items: &[CommentItem], id: i64| items.iter().find(|item| item.id == id).cloned();
        assert_eq!(item(&english.elsewhere, 3).and_then(|item| item.lang).as_deref(), Some("kk"));
        assert_eq!(item(&english.elsewhere, 4).and_then(|item| item.lang), None, "the page's");

        // The Russian page: the Russian threads whole (a Kazakh and an English reply in them,
        // marked), the English and the Kazakh one behind the details.
        let russian = conversation(&comments, "ru", &l10n);
        assert_eq!(shape(&russian.here), [(0, 2), (1, 3), (1, 4), (1, 7), (0, 6), (0, 8), (0, 11)]);
        assert_eq!(shape(&russian.elsewhere), [(0, 1), (1, 5), (0, 9), (1, 10)]);
        assert_eq!((russian.approved, russian.elsewhere_approved), (10, 4));
        assert_eq!(marks(&russian.here), [(3, "Қазақша"), (4, "English"), (7, "Қазақша")]);
        assert_eq!(marks(&russian.elsewhere), [(1, "English"), (9, "Қазақша")]);
        assert_eq!(item(&russian.here, 4).and_then(|item| item.lang).as_deref(), Some("en"));

        // The Kazakh page: the Kazakh comment posted on the Russian version comes first, with
        // its Russian reply.
        let kazakh = conversation(&comments, "kk", &l10n);
        assert_eq!(shape(&kazakh.here), [(0, 9), (1, 10)]);
        assert_eq!(marks(&kazakh.here), [(10, "Русский")]);
        assert_eq!(
            shape(&kazakh.elsewhere),
            [(0, 1), (1, 5), (0, 2), (1, 3), (1, 4), (1, 7), (0, 6), (0, 8), (0, 11)]
        );
        assert_eq!((kazakh.approved, kazakh.elsewhere_approved), (10, 8));
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
