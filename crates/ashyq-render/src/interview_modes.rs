//! How an article page shows its interviews: the body reduced to the versions the reader's mode
//! shows (`ashyq_content::select_versions`), and, on the live site, the links that choose the mode
//! (plain links: the server remembers the choice in a cookie, no script is involved).

use ashyq_content::{InterviewMode, has_paired_turns, select_versions};
use ashyq_i18n::Localizer;
use askama::Template;

use crate::pages::{RenderError, render};
use crate::urls;

/// Where the links go: just before the first interview.
const INTERVIEW_START: &str = "<section class=\"interview\"";

/// A link that chooses a mode.
#[derive(Debug, Clone)]
struct ModeLink {
    url: String,
    text: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "interview_modes.html")]
struct ModeLinks {
    label: String,
    links: Vec<ModeLink>,
}

/// The address that shows the article `slug` in `mode` (and remembers it).
pub fn interview_mode_url(slug: &str, mode: InterviewMode) -> String {
    format!("{}?interview={mode}#interview-modes", urls::article(slug))
}

/// The message id naming `mode`.
fn mode_message(mode: InterviewMode) -> &'static str {
    match mode {
        InterviewMode::Paired => "interview-mode-paired",
        InterviewMode::PageLanguage => "interview-mode-language",
        InterviewMode::Original => "interview-mode-original",
    }
}

/// The article's body as a page in `page_lang` shows it. `mode`: the reader's choice on the live
/// site, which also puts the links before the first interview; `None` for the static copy, which
/// cannot remember a choice and shows the versions paired, without links.
pub(crate) fn interview_body(
    l10n: &Localizer<'_>,
    slug: &str,
    body_html: &str,
    page_lang: &str,
    translation: bool,
    mode: Option<InterviewMode>,
) -> Result<String, RenderError> {
    let body = select_versions(body_html, mode.unwrap_or_default(), page_lang, translation);
    let (Some(mode), Some(at)) = (mode, body.find(INTERVIEW_START)) else {
        return Ok(body.into_owned());
    };
    if !has_paired_turns(body_html) {
        return Ok(body.into_owned());
    }
    let links = ModeLinks {
        label: l10n.msg("interview-modes"),
        links: InterviewMode::ALL
            .into_iter()
            .map(|choice| ModeLink {
                url: interview_mode_url(slug, choice),
                text: l10n.msg(mode_message(choice)),
                current: choice == mode,
            })
            .collect(),
    };
    let nav = render("the interview's reading modes", &links)?;
    Ok(format!("{}{nav}\n{}", &body[..at], &body[at..]))
}
