//! The translators' pages: `/translate`, the stories waiting for a translation into each of the
//! person's languages, with their claims and the buttons to claim, release and reassign.

use ashyq_content::{DiffChange, DiffRun, LanguageTag, unit_hash};
use ashyq_i18n::Localizer;
use askama::Template;

use crate::account_pages::format_time;
use crate::chrome::{Chrome, StaffNav};
use crate::pages::{RenderError, render};
use crate::site::Site;
use crate::urls;

/// One story in one target language's list.
#[derive(Debug, Clone)]
pub struct WaitingItem {
    pub slug: String,
    pub title: String,
    pub lang: String,
    pub published_at: i64,
    pub tags: Vec<String>,
    /// The claim's holder and when it ends.
    pub claim: Option<(String, i64)>,
    /// Whether this person may claim it / release the claim / reassign it.
    pub may_claim: bool,
    pub may_release: bool,
    pub may_reassign: bool,
    /// Whether this person may open the side-by-side editor (the claim's holder, to write; a
    /// language editor, to review).
    pub may_open: bool,
}

/// The list for one language the person translates into.
#[derive(Debug, Clone)]
pub struct LanguageList {
    pub lang: String,
    pub stories: Vec<WaitingItem>,
}

/// What `/translate` shows.
#[derive(Debug, Clone, Default)]
pub struct TranslatePage {
    /// Every language one may choose, with whether this person has chosen it.
    pub choices: Vec<(String, bool)>,
    pub lists: Vec<LanguageList>,
    /// The filters: tag name and source language, as given.
    pub tag: String,
    pub from: String,
    /// A `translate-notice-CODE` to show, or a `translate-error-CODE` with its holder's name.
    pub notice: Option<String>,
    pub error: Option<(String, String)>,
}

struct ItemView {
    url: String,
    slug: String,
    title: String,
    lang: String,
    language: String,
    date: String,
    tags: String,
    claimed: Option<String>,
    may_claim: bool,
    may_release: bool,
    may_reassign: bool,
    work_url: String,
    may_open: bool,
}

struct ListView {
    lang: String,
    heading: String,
    stories: Vec<ItemView>,
}

#[derive(Template)]
#[template(path = "translate.html")]
struct TranslateTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    choices: Vec<(String, String, bool)>,
    lists: Vec<ListView>,
    tag: String,
    from: String,
    notice: Option<String>,
    error: Option<String>,
}

fn native_name(lang: &str) -> String {
    LanguageTag::parse(lang).map_or_else(|_| lang.to_owned(), |tag| tag.native_name())
}

pub fn render_translate_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    page: &TranslatePage,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("translate-title"), site.name());
    let csrf = staff.csrf.clone();
    let lists = page
        .lists
        .iter()
        .map(|list| ListView {
            lang: list.lang.clone(),
            heading: l10n.msg_with("translate-into", "language", &native_name(&list.lang)),
            stories: list
                .stories
                .iter()
                .map(|story| ItemView {
                    url: urls::article(&story.slug),
                    slug: story.slug.clone(),
                    title: story.title.clone(),
                    lang: story.lang.clone(),
                    language: native_name(&story.lang),
                    date: format_time(story.published_at),
                    tags: story.tags.join(", "),
                    claimed: story.claim.as_ref().map(|(name, until)| {
                        l10n.msg_args(
                            "translate-claimed-by",
                            &[("name", name), ("date", &format_time(*until))],
                        )
                    }),
                    may_claim: story.may_claim,
                    may_release: story.may_release,
                    may_reassign: story.may_reassign,
                    work_url: urls::translate_work(&story.slug, &list.lang),
                    may_open: story.may_open,
                })
                .collect(),
        })
        .collect();
    let choices = page
        .choices
        .iter()
        .map(|(lang, chosen)| (lang.clone(), native_name(lang), *chosen))
        .collect();
    let notice = page.notice.as_ref().map(|code| l10n.msg(&format!("translate-notice-{code}")));
    let error = page
        .error
        .as_ref()
        .map(|(code, holder)| l10n.msg_with(&format!("translate-error-{code}"), "name", holder));
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "the translators' page",
        &TranslateTemplate {
            chrome,
            csrf,
            choices,
            lists,
            tag: page.tag.clone(),
            from: page.from.clone(),
            notice,
            error,
        },
    )
}

/// One unit in the side-by-side editor.
#[derive(Debug, Clone)]
pub struct EditorUnit {
    pub id: String,
    /// `title`, `summary`, `block`, `turn`, `lead.caption`, `figure.ID.alt`…
    pub kind: String,
    /// For blocks and turns, which one (1-based).
    pub ordinal: usize,
    /// The original's text now.
    pub source: String,
    pub text: String,
    /// `draft`, `submitted`, `approved`, `returned`; `None`: untranslated.
    pub state: Option<String>,
    /// The original changed since the unit was translated: the word diff of that change.
    pub source_change: Option<Vec<DiffRun>>,
    pub note: String,
    /// The person looking may approve or return it.
    pub reviewable: bool,
    /// The hash of the stored text the page started from, sent back with a save (`b.ID`) so that
    /// a save never overwrites unseen a text someone else wrote since.
    pub base: String,
}

/// What `/translate/SLUG/LANG` shows.
#[derive(Debug, Clone)]
pub struct EditorPage {
    pub original_slug: String,
    pub original_lang: String,
    pub lang: String,
    pub units: Vec<EditorUnit>,
    pub may_write: bool,
    pub may_review: bool,
    /// Every unit approved and in step.
    pub approved: bool,
    /// A `translate-work-notice-CODE` to show.
    pub notice: Option<String>,
    /// A `translate-work-error-CODE` and the unit it is about (may be empty).
    pub error: Option<(String, String)>,
}

struct DiffView {
    /// `same`, `removed` or `added`.
    change: &'static str,
    text: String,
}

struct EditorUnitView {
    id: String,
    label: String,
    multiline: bool,
    source: String,
    text: String,
    state: String,
    diff: Vec<DiffView>,
    note: String,
    reviewable: bool,
    /// The hash of `text`, sent back with a review so that a decision on a text the translator
    /// has replaced since is refused.
    seen: String,
    /// [`EditorUnit::base`].
    base: String,
}

#[derive(Template)]
#[template(path = "translate_editor.html")]
struct TranslateEditorTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    heading: String,
    action: String,
    original_url: String,
    original_lang: String,
    original_dir: &'static str,
    lang: String,
    dir: &'static str,
    units: Vec<EditorUnitView>,
    may_write: bool,
    may_review: bool,
    any_reviewable: bool,
    approved: bool,
    notice: Option<String>,
    error: Option<String>,
}

fn direction(lang: &str) -> &'static str {
    LanguageTag::parse(lang).map_or("ltr", |tag| tag.direction().as_str())
}

/// A unit's name as the editor shows it ("Paragraph 3").
fn unit_label(l10n: &Localizer<'_>, unit: &EditorUnit) -> String {
    let ordinal = unit.ordinal.to_string();
    match unit.kind.as_str() {
        "title" => l10n.msg("translate-unit-title"),
        "summary" => l10n.msg("translate-unit-summary"),
        "block" => l10n.msg_with("translate-unit-block", "number", &ordinal),
        "turn" => l10n.msg_with("translate-unit-turn", "number", &ordinal),
        kind if kind.ends_with(".alt") => l10n.msg("translate-unit-alt"),
        _ => l10n.msg("translate-unit-caption"),
    }
}

/// The side-by-side editor: each unit of the original beside its translation's input, the word
/// diff of source changes, and the review controls for a language editor.
pub fn render_translate_editor(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    page: &EditorPage,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let heading = l10n.msg_with("translate-work-title", "language", &native_name(&page.lang));
    let title = format!("{} · {}", heading, site.name());
    let csrf = staff.csrf.clone();
    let units: Vec<EditorUnitView> = page
        .units
        .iter()
        .map(|unit| EditorUnitView {
            id: unit.id.clone(),
            label: unit_label(&l10n, unit),
            multiline: unit.kind == "block" || unit.kind == "turn",
            source: unit.source.clone(),
            text: unit.text.clone(),
            seen: unit_hash(&unit.text),
            base: unit.base.clone(),
            state: match (&unit.source_change, &unit.state) {
                (Some(_), _) => l10n.msg("translate-state-needs-update"),
                (None, Some(state)) => l10n.msg(&format!("translate-state-{state}")),
                (None, None) => l10n.msg("translate-state-untranslated"),
            },
            diff: unit
                .source_change
                .iter()
                .flatten()
                .map(|run| DiffView {
                    change: match run.change {
                        DiffChange::Same => "same",
                        DiffChange::Removed => "removed",
                        DiffChange::Added => "added",
                    },
                    text: run.text.clone(),
                })
                .collect(),
            note: unit.note.clone(),
            reviewable: unit.reviewable,
        })
        .collect();
    let notice =
        page.notice.as_ref().map(|code| l10n.msg(&format!("translate-work-notice-{code}")));
    let error = page
        .error
        .as_ref()
        .map(|(code, unit)| l10n.msg_with(&format!("translate-work-error-{code}"), "unit", unit));
    let any_reviewable = units.iter().any(|unit| unit.reviewable);
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "the side-by-side translation editor",
        &TranslateEditorTemplate {
            chrome,
            csrf,
            heading,
            action: urls::translate_work(&page.original_slug, &page.lang),
            original_url: urls::article(&page.original_slug),
            original_lang: page.original_lang.clone(),
            original_dir: direction(&page.original_lang),
            lang: page.lang.clone(),
            dir: direction(&page.lang),
            units,
            may_write: page.may_write,
            may_review: page.may_review,
            any_reviewable,
            approved: page.approved,
            notice,
            error,
        },
    )
}
