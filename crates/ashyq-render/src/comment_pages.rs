//! The comments section under an article (for the live site), and the page where a reader edits
//! their own comment while it awaits moderation.

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
