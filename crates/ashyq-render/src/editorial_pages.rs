//! The newsroom's writing pages: the article editor (with its errors shown at their lines and a
//! server-side preview), an article's revisions, and the photo upload page.

use ashyq_content::{ArticleError, LanguageTag, Licence, Location};
use askama::Template;

use crate::chrome::{Chrome, StaffNav};
use crate::pages::RenderError;
use crate::site::Site;

fn render(page: &'static str, template: &impl Template) -> Result<String, RenderError> {
    template.render().map_err(|source| RenderError::new(page, source))
}

/// One error in the article text, with the line it points at and a marker under its column.
#[derive(Debug, Clone)]
pub struct SourceErrorView {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// `12 | ` before the line's text.
    pub prefix: String,
    pub source_line: String,
    /// Spaces that put the marker under the column (after the prefix).
    pub marker_indent: String,
}

impl SourceErrorView {
    /// Ties `error` to its line in `source`.
    pub fn new(error: &ArticleError, source: &str) -> SourceErrorView {
        SourceErrorView::at(&error.location, error.kind.to_string(), source)
    }

    /// An error with its own (already localized) message at `location` in `source`.
    pub fn at(location: &Location, message: String, source: &str) -> SourceErrorView {
        let line = location.line;
        let column = location.column.max(1);
        let source_line =
            source.lines().nth(line.saturating_sub(1)).unwrap_or("").trim_end().to_owned();
        let prefix = format!("{line} | ");
        let marker_indent = " ".repeat(prefix.chars().count() + column - 1);
        SourceErrorView { line, column, message, prefix, source_line, marker_indent }
    }
}

/// The article as it would appear, rendered with the real fragment renderer.
#[derive(Debug, Clone)]
pub struct PreviewView {
    pub title: String,
    pub summary: String,
    pub lang: String,
    pub dir: &'static str,
    pub lead_html: Option<String>,
    pub body_html: String,
}

impl PreviewView {
    pub fn new(
        title: &str,
        summary: &str,
        lang: &LanguageTag,
        lead_html: Option<String>,
        body_html: String,
    ) -> PreviewView {
        PreviewView {
            title: title.to_owned(),
            summary: summary.to_owned(),
            lang: lang.as_str().to_owned(),
            dir: lang.direction().as_str(),
            lead_html,
            body_html,
        }
    }
}

/// A button the editor offers besides Preview: the form's `action` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorButton {
    Save,
    Review,
    Publish,
    Schedule,
    Unpublish,
}

impl EditorButton {
    pub fn code(self) -> &'static str {
        match self {
            EditorButton::Save => "save",
            EditorButton::Review => "review",
            EditorButton::Publish => "publish",
            EditorButton::Schedule => "schedule",
            EditorButton::Unpublish => "unpublish",
        }
    }
}

/// What the editor page shows.
#[derive(Debug, Clone, Default)]
pub struct EditorView {
    /// Where the form posts.
    pub form_action: String,
    /// The stored article's title and slug; `None` for a new one.
    pub stored: Option<(String, String)>,
    /// The stored state's code (`draft`, `review`, `published`, `unpublished`) and whether a
    /// published article is still waiting for its time.
    pub status: Option<(&'static str, bool)>,
    pub public_url: Option<String>,
    pub source: String,
    pub errors: Vec<SourceErrorView>,
    pub notice_id: Option<&'static str>,
    pub preview: Option<PreviewView>,
    pub buttons: Vec<EditorButton>,
    /// Whether the article is published (Save then keeps it published).
    pub published: bool,
}

/// A state as shown.
struct StatusView {
    code: &'static str,
    name: String,
}

#[derive(Template)]
#[template(path = "editor.html")]
struct EditorTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    heading: String,
    status: Option<StatusView>,
    revisions_url: Option<String>,
    notice: Option<String>,
    errors_heading: String,
    buttons: Vec<(&'static str, String)>,
    view: EditorView,
}

/// The Fluent id naming a state; `scheduled` for a published article whose time has not come.
pub fn status_message_id(code: &str, scheduled: bool) -> String {
    if scheduled { "status-scheduled".to_owned() } else { format!("status-{code}") }
}

pub fn render_editor_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    view: EditorView,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let heading = match &view.stored {
        Some((title, _)) => format!("{}: {title}", l10n.msg("editor-edit-title")),
        None => l10n.msg("editor-new-title"),
    };
    let title = format!("{heading} · {}", site.name());
    let status = view.status.map(|(code, scheduled)| StatusView {
        code,
        name: l10n.msg(&status_message_id(code, scheduled)),
    });
    let revisions_url =
        view.stored.as_ref().map(|(_, slug)| format!("/admin/articles/{slug}/revisions"));
    let notice = view.notice_id.map(|id| l10n.msg(id));
    let errors_heading = l10n.msg_count("editor-errors", "count", view.errors.len() as i64);
    let buttons = view
        .buttons
        .iter()
        .map(|button| {
            let id = match button {
                EditorButton::Save if view.published => "editor-save-published",
                EditorButton::Save => "editor-save",
                EditorButton::Review => "editor-review",
                EditorButton::Publish => "editor-publish",
                EditorButton::Schedule => "editor-schedule",
                EditorButton::Unpublish => "editor-unpublish",
            };
            (button.code(), l10n.msg(id))
        })
        .collect();
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "the editor",
        &EditorTemplate {
            chrome,
            csrf,
            heading,
            status,
            revisions_url,
            notice,
            errors_heading,
            buttons,
            view,
        },
    )
}

/// A revision in the list.
#[derive(Debug, Clone)]
pub struct RevisionItem {
    pub number: i64,
    pub url: String,
    pub when: String,
    pub who: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "revisions.html")]
struct RevisionsTemplate<'a> {
    chrome: Chrome<'a>,
    title: String,
    edit_url: String,
    revisions: Vec<RevisionItem>,
}

pub fn render_revisions_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    article_title: &str,
    edit_url: String,
    revisions: Vec<RevisionItem>,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{}: {article_title} · {}", l10n.msg("revisions-title"), site.name());
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "the revisions page",
        &RevisionsTemplate { chrome, title: article_title.to_owned(), edit_url, revisions },
    )
}

#[derive(Template)]
#[template(path = "revision.html")]
struct RevisionTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    title: String,
    list_url: String,
    edit_url: String,
    revision: RevisionItem,
    restore_action: Option<String>,
    source: String,
}

/// One revision's text, with a Restore button when `restore_action` is given.
pub struct RevisionPage {
    pub article_title: String,
    pub list_url: String,
    pub edit_url: String,
    pub revision: RevisionItem,
    pub restore_action: Option<String>,
    pub source: String,
}

pub fn render_revision_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    page: RevisionPage,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!(
        "{} {}: {} · {}",
        l10n.msg("revision-title"),
        page.revision.number,
        page.article_title,
        site.name()
    );
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "a revision",
        &RevisionTemplate {
            chrome,
            csrf,
            title: page.article_title,
            list_url: page.list_url,
            edit_url: page.edit_url,
            revision: page.revision,
            restore_action: page.restore_action,
            source: page.source,
        },
    )
}

/// The upload form as last submitted (the file itself is never sent back).
#[derive(Debug, Clone, Default)]
pub struct PhotoForm {
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub licence: String,
    /// Words for the public address, as typed (optional).
    pub slug: String,
    /// Already localized (upload errors come worded from `ashyq-images`).
    pub error: Option<String>,
}

/// An uploaded photo as listed, or just uploaded.
#[derive(Debug, Clone)]
pub struct PhotoItem {
    /// `/media/NAME`, what articles write as `src`.
    pub src: String,
    pub alt: String,
    pub credit: String,
    pub preview_url: String,
    pub preview_width: u32,
    pub preview_height: u32,
    pub when: String,
    pub who: Option<String>,
    pub stripped: Vec<String>,
    /// A `[[figures]]` table ready to paste into an article.
    pub snippet: String,
}

#[derive(Template)]
#[template(path = "photos.html")]
struct PhotosTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    form: PhotoForm,
    uploaded: Option<PhotoItem>,
    done_heading: String,
    recent: Vec<PhotoItem>,
    licences: Vec<(&'static str, String, bool)>,
    limits_hint: String,
}

/// The photo page: the upload form, what the last upload became, and recent uploads.
pub struct PhotosPage {
    pub form: PhotoForm,
    pub uploaded: Option<PhotoItem>,
    /// Whether `uploaded` had been uploaded before (the same file).
    pub already_there: bool,
    pub recent: Vec<PhotoItem>,
    pub max_megabytes: u64,
}

pub fn render_photos_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    page: PhotosPage,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("photos-title"), site.name());
    let licences = Licence::ALL
        .iter()
        .map(|licence| {
            (
                licence.code(),
                l10n.msg(&format!("licence-{}", licence.code())),
                page.form.licence == licence.code(),
            )
        })
        .collect();
    let done_heading =
        l10n.msg(if page.already_there { "photos-already-there" } else { "photos-done" });
    let limits_hint = l10n.msg_count(
        "photos-file-hint",
        "megabytes",
        i64::try_from(page.max_megabytes).unwrap_or(i64::MAX),
    );
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "the photos page",
        &PhotosTemplate {
            chrome,
            csrf,
            form: page.form,
            uploaded: page.uploaded,
            done_heading,
            recent: page.recent,
            licences,
            limits_hint,
        },
    )
}

/// Writes `text` as a TOML basic string, quotes included.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `[[figures]]` table for an uploaded photo, and the line that places it.
pub fn figure_snippet(
    id: &str,
    src: &str,
    alt: &str,
    caption: &str,
    credit: &str,
    licence: &str,
) -> String {
    format!(
        "[[figures]]\nid = {}\nsrc = {}\nalt = {}\ncaption = {}\ncredit = {}\nlicence = {}\n\n::: figure {id}\n",
        toml_string(id),
        toml_string(src),
        toml_string(alt),
        toml_string(caption),
        toml_string(credit),
        toml_string(licence),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_valid_toml_whatever_the_text() {
        let snippet =
            figure_snippet("photo", "/media/a.jpg", "A \"quoted\" \\ alt\nline", "", "Us", "cc-by");
        let table = snippet.split("\n\n").next().unwrap();
        let value: toml::Value = toml::from_str(table).unwrap();
        assert_eq!(value["figures"][0]["alt"].as_str(), Some("A \"quoted\" \\ alt\nline"));
        assert!(snippet.ends_with("::: figure photo\n"));
    }

    #[test]
    fn errors_point_at_their_line_and_column() {
        let source = "+++\ntitle = \"T\"\nlicence = \"x\"\n";
        let error = ArticleError::new(
            ashyq_content::Location::new("article", 3, 11),
            ashyq_content::ArticleErrorKind::Empty { field: "title" },
        );
        let view = SourceErrorView::new(&error, source);
        assert_eq!(view.source_line, "licence = \"x\"");
        assert_eq!(view.prefix, "3 | ");
        assert_eq!(view.marker_indent.len(), 4 + 10);
    }
}
