//! The moderators' pages: the queues with findings, highlighted spans and history; the action log;
//! the site word lists; and the moderator's languages.

use askama::Template;

use crate::chrome::{Chrome, StaffNav};
use crate::fragments::escape_html;
use crate::pages::RenderError;
use crate::site::Site;

fn render(page: &'static str, template: &impl Template) -> Result<String, RenderError> {
    template.render().map_err(|source| RenderError::new(page, source))
}

/// The comment text, escaped, with the byte ranges `spans` wrapped in `<mark>`. Overlapping spans
/// merge; spans off character boundaries or out of range are ignored.
pub fn highlight(text: &str, spans: &[(usize, usize)]) -> String {
    let mut ranges: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|(start, end)| {
            start < end
                && *end <= text.len()
                && text.is_char_boundary(*start)
                && text.is_char_boundary(*end)
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut out = String::with_capacity(text.len() + merged.len() * 13);
    let mut position = 0;
    for (start, end) in merged {
        out.push_str(&escape_html(&text[position..start]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&text[start..end]));
        out.push_str("</mark>");
        position = end;
    }
    out.push_str(&escape_html(&text[position..]));
    out
}

/// One finding of the screen, for display.
#[derive(Debug, Clone)]
pub struct FindingItem {
    pub label: String,
    pub reason: String,
}

/// An earlier comment by the same person.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub url: String,
    pub status: String,
    pub date: String,
    pub excerpt: String,
}

/// A comment in a queue.
#[derive(Debug, Clone)]
pub struct QueueItem {
    pub id: i64,
    pub article_title: String,
    /// The title's language, where it differs from the page's.
    pub article_lang: Option<String>,
    /// The language of the version of the story the comment was posted on, named in itself: a
    /// story's comments from every version meet in one conversation, so the queue says which.
    pub article_language: String,
    pub article_url: String,
    pub author_name: String,
    pub is_staff: bool,
    pub date: String,
    pub language: String,
    /// The detected language as the body's `lang` (`None` when none was detected).
    pub body_lang: Option<String>,
    /// Nobody on the team declared this language.
    pub unreadable: bool,
    pub score: String,
    pub flagged: bool,
    pub findings: Vec<FindingItem>,
    pub flags: Vec<String>,
    /// Escaped text with `<mark>` spans.
    pub body_highlighted: String,
    pub history: Vec<HistoryEntry>,
    /// "3 earlier comments by this person", localized.
    pub history_label: String,
    pub has_address: bool,
    pub has_email: bool,
    pub featured: bool,
    pub decision_reason: Option<String>,
    /// The version shown: decisions name it, and are refused if the comment changed since.
    pub version: i64,
}

/// A tab of the queue.
#[derive(Debug, Clone)]
pub struct QueueTab {
    pub status: String,
    pub label: String,
    pub count: i64,
    pub current: bool,
}

/// What the queue page shows.
#[derive(Debug, Clone)]
pub struct QueueView {
    pub status: String,
    pub tabs: Vec<QueueTab>,
    pub items: Vec<QueueItem>,
    pub filter_article: String,
    pub filter_language: String,
    pub filter_label: String,
    pub notice: Option<String>,
    /// Why the last decision was refused, in words.
    pub refusal: Option<String>,
    pub undo_action: Option<i64>,
    pub can_feature: bool,
}

#[derive(Template)]
#[template(path = "moderation_queue.html")]
struct QueueTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    view: QueueView,
    reasons: Vec<(String, String)>,
}

impl QueueTemplate<'_> {
    /// The words before and after the language's name in "on the Русский version".
    fn posted_on(&self) -> (String, String) {
        crate::pages::around_argument(&self.chrome.l10n, "moderation-posted-on", "language")
    }
}

pub fn render_queue_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    view: QueueView,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("moderation-title"), site.name());
    let reasons = ["spam", "hate", "obscene", "attack", "other"]
        .iter()
        .map(|code| ((*code).to_owned(), l10n.msg(&format!("reason-{code}"))))
        .collect();
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render("the moderation queue", &QueueTemplate { chrome, csrf, view, reasons })
}

/// A logged action.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub id: i64,
    pub comment_id: i64,
    pub moderator: String,
    pub action: String,
    pub change: String,
    pub date: String,
    pub undone: bool,
    pub undoable: bool,
}

#[derive(Template)]
#[template(path = "moderation_log.html")]
struct LogTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    entries: Vec<LogEntry>,
}

pub fn render_log_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    entries: Vec<LogEntry>,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("moderation-log-title"), site.name());
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render("the moderation log", &LogTemplate { chrome, csrf, entries })
}

/// One editable word list.
#[derive(Debug, Clone)]
pub struct WordListItem {
    pub lang: String,
    pub language: String,
    pub kind: String,
    pub kind_label: String,
    pub words: String,
}

#[derive(Template)]
#[template(path = "moderation_words.html")]
struct WordsTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    lists: Vec<WordListItem>,
    saved: bool,
}

pub fn render_words_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    lists: Vec<WordListItem>,
    saved: bool,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("moderation-words-title"), site.name());
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render("the word lists", &WordsTemplate { chrome, csrf, lists, saved })
}

#[derive(Template)]
#[template(path = "moderation_languages.html")]
struct LanguagesTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    choices: Vec<(String, String, bool)>,
    saved: bool,
}

pub fn render_languages_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    choices: Vec<(String, String, bool)>,
    saved: bool,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("moderation-languages-title"), site.name());
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render("the moderator languages", &LanguagesTemplate { chrome, csrf, choices, saved })
}

#[derive(Template)]
#[template(path = "moderation_quick.html")]
struct QuickTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    author: String,
    body: String,
    body_lang: Option<String>,
    article_title: String,
    status: String,
    action_label: String,
    hidden: Vec<(String, String)>,
}

/// The page a mailed one-click link opens: the comment and the one button that decides.
#[allow(clippy::too_many_arguments, reason = "plain page fields")]
pub fn render_quick_page(
    site: &Site,
    ui_lang: &str,
    csrf: &str,
    author: &str,
    body: &str,
    body_lang: Option<&str>,
    article_title: &str,
    status: &str,
    action_label: &str,
    hidden: Vec<(String, String)>,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("moderation-title"), site.name());
    let chrome = Chrome::new(site, l10n, title, &[], None);
    let page = QuickTemplate {
        chrome,
        csrf: csrf.to_owned(),
        author: author.to_owned(),
        body: body.to_owned(),
        body_lang: body_lang.map(str::to_owned),
        article_title: article_title.to_owned(),
        status: status.to_owned(),
        action_label: action_label.to_owned(),
        hidden,
    };
    render("the one-click moderation page", &page)
}

#[derive(Template)]
#[template(path = "moderation_refused.html")]
struct RefusalTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    body: String,
    link_text: String,
}

/// A page saying why a decision was refused (`message`, already in words).
pub fn render_refusal_page(
    site: &Site,
    ui_lang: &str,
    title_id: &str,
    message: &str,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let heading = l10n.msg(title_id);
    let link_text = l10n.msg("moderation-title");
    let title = format!("{} · {}", heading, site.name());
    let chrome = Chrome::new(site, l10n, title, &[], None);
    let page = RefusalTemplate { chrome, heading, body: message.to_owned(), link_text };
    render("a refused decision", &page)
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn marks_spans_escapes_and_ignores_bad_ranges() {
        assert_eq!(
            highlight("you <b>idiot</b>", &[(7, 12)]),
            "you &lt;b&gt;<mark>idiot</mark>&lt;/b&gt;"
        );
        assert_eq!(highlight("abcdef", &[(0, 2), (1, 4), (10, 12), (3, 2)]), "<mark>abcd</mark>ef");
        let text = "ты дурак";
        let start = text.find("дурак").unwrap();
        assert_eq!(highlight(text, &[(start, text.len())]), "ты <mark>дурак</mark>");
        assert_eq!(highlight(text, &[(1, 3)]), "ты дурак", "a span inside a character is ignored");
    }
}
