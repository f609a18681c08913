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
    /// A reply whose parent stands in the page's other part of the conversation (a Kazakh
    /// answer to a Russian comment, on either's page): whom it answers, and where.
    pub answers: Option<Answered>,
}

/// The language a comment is marked with, named in itself ("Русский").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionMark {
    pub lang: String,
    pub name: String,
}

/// The comment a reply answers, when it is not shown right above the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub id: i64,
    pub author_name: String,
    /// Where the parent is: `#comment-N` on this page (the live site points at another page of
    /// the conversation when it is there).
    pub href: String,
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
    /// This page's comments posted on versions in the page's language.
    pub items: Vec<CommentItem>,
    /// This page's comments posted on versions in other languages, shown behind "Comments in
    /// other languages (N)".
    pub elsewhere: Vec<CommentItem>,
    pub paging: CommentPaging,
    /// Approved comments in the whole conversation (every version, every page of it).
    pub approved_count: usize,
    /// Approved comments posted on versions in other languages (the N above).
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

/// A story's conversation as the page of one of its versions shows it: the comments posted on
/// versions in the page's language first, then those posted in other languages, each part
/// threaded on its own.
#[derive(Debug, Clone, Default)]
pub struct Conversation {
    /// Posted on versions in the page's language, threaded.
    pub here: Vec<CommentItem>,
    /// Posted on versions in other languages, threaded, each marked with its version's language.
    pub elsewhere: Vec<CommentItem>,
    /// Approved comments in the whole conversation (a writer's own pending ones never count).
    pub approved: usize,
    /// Approved comments posted in other languages.
    pub elsewhere_approved: usize,
}

/// Splits a story's conversation (every version's comments, as the store gives them) for a page
/// in `page_lang`, with badges and dates in the page's language. A reply goes under its parent
/// when both are in the same part; one answering a comment in the other part opens a thread of
/// its own there, saying whom it answers and linking to them. Used by the live page and the
/// static copy alike.
pub fn conversation(
    comments: &[PublicComment],
    page_lang: &str,
    l10n: &Localizer<'_>,
) -> Conversation {
    let (here, elsewhere): (Vec<PublicComment>, Vec<PublicComment>) =
        comments.iter().cloned().partition(|comment| comment.version_lang == page_lang);
    let approved = |part: &[PublicComment]| {
        part.iter().filter(|comment| comment.status == CommentStatus::Approved).count()
    };
    let by_id: HashMap<i64, &PublicComment> =
        comments.iter().map(|comment| (comment.id.0, comment)).collect();
    Conversation {
        approved: approved(&here) + approved(&elsewhere),
        elsewhere_approved: approved(&elsewhere),
        here: thread_items(&here, page_lang, &by_id, l10n),
        elsewhere: thread_items(&elsewhere, page_lang, &by_id, l10n),
    }
}

/// One part of the conversation, threaded, as items. `everyone` holds every comment shown on
/// the page, to name the parent of a reply whose parent is in the other part.
fn thread_items(
    part: &[PublicComment],
    page_lang: &str,
    everyone: &HashMap<i64, &PublicComment>,
    l10n: &Localizer<'_>,
) -> Vec<CommentItem> {
    let in_part: HashSet<i64> = part.iter().map(|comment| comment.id.0).collect();
    thread(part)
        .into_iter()
        .map(|(depth, comment)| {
            let mut item = comment_item(depth, comment, page_lang, l10n);
            item.answers = comment
                .parent_id
                .filter(|parent| !in_part.contains(&parent.0))
                .and_then(|parent| everyone.get(&parent.0))
                .map(|parent| Answered {
                    id: parent.id.0,
                    author_name: parent.author_name.clone(),
                    href: format!("#comment-{}", parent.id.0),
                });
            item
        })
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
    let elsewhere = comment.version_lang != page_lang;
    let shown_lang = comment.language.as_deref().unwrap_or(&comment.version_lang);
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
        lang: comment.language.clone().or_else(|| elsewhere.then(|| comment.version_lang.clone())),
        version: (shown_lang != page_lang).then(|| VersionMark {
            lang: shown_lang.to_owned(),
            name: crate::pages::native_name(shown_lang),
        }),
        answers: None,
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

    #[test]
    fn a_page_shows_its_languages_comments_first_and_marks_the_others_issue_11() {
        let catalog = ashyq_i18n::Catalog::new().unwrap();
        let l10n = catalog.localizer("en");
        let mut pending = in_version(comment(6, None, 60, false), "ru");
        pending.status = CommentStatus::Pending;
        pending.own = true;
        let comments = [
            comment(1, None, 10, false),
            in_version(comment(2, None, 20, false), "ru"),
            in_version(comment(3, Some(2), 30, false), "kk"),
            comment(4, Some(2), 40, false),
            in_version(comment(5, Some(1), 50, false), "ru"),
            pending,
            in_version(written_in(comment(7, Some(2), 70, false), "kk"), "ru"),
            written_in(comment(8, None, 80, false), "ru"),
        ];
        let split = conversation(&comments, "en", &l10n);
        let shape = |items: &[CommentItem]| -> Vec<(usize, i64, Option<i64>)> {
            items
                .iter()
                .map(|item| (item.depth, item.id, item.answers.as_ref().map(|parent| parent.id)))
                .collect()
        };
        // The English reply to a Russian comment opens its own thread here and says whom it answers.
        assert_eq!(shape(&split.here), [(0, 1, None), (0, 4, Some(2)), (0, 8, None)]);
        // Russian and Kazakh are threaded together behind the details, a Kazakh reply under its
        // Russian parent, a Russian answer to an English comment pointing back at it.
        assert_eq!(
            shape(&split.elsewhere),
            [(0, 2, None), (1, 3, None), (1, 7, None), (0, 5, Some(1)), (0, 6, None)]
        );
        assert_eq!(
            (split.approved, split.elsewhere_approved),
            (7, 4),
            "the pending one never counts"
        );
        let here_marks: Vec<Option<&str>> =
            split.here.iter().map(|item| item.version.as_ref().map(|m| m.name.as_str())).collect();
        assert_eq!(
            here_marks,
            [None, None, Some("Русский")],
            "Russian text on the English version"
        );
        let marks: Vec<(&str, &str)> = split
            .elsewhere
            .iter()
            .filter_map(|item| item.version.as_ref())
            .map(|mark| (mark.lang.as_str(), mark.name.as_str()))
            .collect();
        assert_eq!(
            marks,
            [
                ("ru", "Русский"),
                ("kk", "Қазақша"),
                ("kk", "Қазақша"),
                ("ru", "Русский"),
                ("ru", "Русский")
            ],
            "a Kazakh reply on the Russian version is marked Kazakh"
        );
        assert_eq!(split.elsewhere[1].lang.as_deref(), Some("kk"), "the text carries its language");
        assert_eq!(split.here[1].answers.as_ref().unwrap().href, "#comment-2");

        // The Russian page of the same story turns it around.
        let russian = conversation(&comments, "ru", &l10n);
        assert_eq!(
            shape(&russian.here),
            [(0, 2, None), (1, 7, None), (0, 5, Some(1)), (0, 6, None)]
        );
        assert_eq!(
            shape(&russian.elsewhere),
            [(0, 1, None), (0, 3, Some(2)), (0, 4, Some(2)), (0, 8, None)]
        );
        assert_eq!((russian.approved, russian.elsewhere_approved), (7, 4));
        let mark = |items: &[CommentItem], id: i64| {
            items.iter().find(|item| item.id == id).and_then(|item| item.version.clone())
        };
        assert_eq!(mark(&russian.here, 7).map(|m| m.name), Some("Қазақша".to_owned()));
        assert_eq!(
            mark(&russian.elsewhere, 8),
            None,
            "Russian text needs no mark on a Russian page"
        );
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
