//! The three ways a reader may read an interview: each turn's versions paired (the default), the
//! page's language only, or the original only. The body is rendered once, at import, with every
//! version; a mode keeps some versions of each turn out of the page, reading the fragment that
//! `fragment::render_body` wrote (the same module's format, as `rendered_image_urls` reads it).

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// How a reader reads interviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InterviewMode {
    /// Each turn's original with the version in the page's language beside it. On the page of an
    /// original article, every version its writer put in; on a translation, the original and the
    /// translation's own language (versions made for other translations are left out).
    #[default]
    Paired,
    /// Only the version in the page's language (a turn without one shows its original).
    PageLanguage,
    /// Only the words as they were spoken.
    Original,
}

impl InterviewMode {
    /// Every mode, in the order the page offers them.
    pub const ALL: [InterviewMode; 3] =
        [InterviewMode::Paired, InterviewMode::PageLanguage, InterviewMode::Original];

    /// The mode's name in addresses and in the preference cookie.
    pub fn as_str(self) -> &'static str {
        match self {
            InterviewMode::Paired => "paired",
            InterviewMode::PageLanguage => "language",
            InterviewMode::Original => "original",
        }
    }

    /// The mode named `text`; anything else is `None` (and is ignored by callers).
    pub fn parse(text: &str) -> Option<InterviewMode> {
        InterviewMode::ALL.into_iter().find(|mode| mode.as_str() == text)
    }
}

impl fmt::Display for InterviewMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const TURN: &str = "<div class=\"turn ";
const VERSION: &str = "<div class=\"version ";
const END: &str = "</div>\n";

/// Whether the body holds an interview turn with more than one version (only then does a page
/// offer the modes).
pub fn has_paired_turns(body_html: &str) -> bool {
    body_html.match_indices(TURN).any(|(at, _)| {
        let line = &body_html[at..];
        let line = &line[..line.find('>').unwrap_or(line.len())];
        line.split(['"', ' ']).any(|word| word == "pair")
    })
}

/// One version block of a turn, as rendered.
struct VersionBlock<'a> {
    original: bool,
    lang: &'a str,
    html: &'a str,
}

fn primary(lang: &str) -> &str {
    lang.split('-').next().unwrap_or(lang)
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = &tag[start..];
    Some(&rest[..rest.find('"')?])
}

/// Reads the versions of the turn starting at `html` (its opening line): the turn's class line,
/// its versions and where the turn ends. `None` if the text is not laid out as `render_body`
/// writes turns, in which case the turn is left as it is.
fn read_turn(html: &str) -> Option<(&str, Vec<VersionBlock<'_>>, usize)> {
    let head_end = html.find(">\n")? + 2;
    let head = &html[..head_end];
    let mut at = head_end;
    let mut versions = Vec::new();
    while html[at..].starts_with(VERSION) {
        let tag_end = at + html[at..].find('>')?;
        let tag = &html[at..tag_end];
        let end = at + html[at..].find(END)? + END.len();
        versions.push(VersionBlock {
            original: tag.contains("class=\"version original\""),
            lang: attribute(tag, "lang")?,
            html: &html[at..end],
        });
        at = end;
    }
    if versions.is_empty() || !html[at..].starts_with(END) {
        return None;
    }
    Some((head, versions, at + END.len()))
}

/// Which versions of a turn `mode` keeps, as indexes.
fn kept(
    versions: &[VersionBlock<'_>],
    mode: InterviewMode,
    page_lang: &str,
    translation: bool,
) -> Vec<usize> {
    let in_page = |version: &VersionBlock<'_>| primary(version.lang) == primary(page_lang);
    let originals: Vec<usize> = match versions.iter().position(|version| version.original) {
        Some(_) => (0..versions.len()).filter(|&index| versions[index].original).collect(),
        None => vec![0],
    };
    match mode {
        InterviewMode::Paired if !translation => (0..versions.len()).collect(),
        InterviewMode::Paired => (0..versions.len())
            .filter(|&index| originals.contains(&index) || in_page(&versions[index]))
            .collect(),
        InterviewMode::PageLanguage => {
            let own: Vec<usize> =
                (0..versions.len()).filter(|&index| in_page(&versions[index])).collect();
            if own.is_empty() { originals } else { own }
        }
        InterviewMode::Original => originals,
    }
}

/// The speaker's name as a version block names them: `Some((name, true))` in full, `Some((name,
/// false))` by initials with the name in the `abbr` title.
fn speaker_in(version: &str) -> Option<(String, bool)> {
    const SPEAKER: &str = "<b class=\"speaker\">";
    let start = version.find(SPEAKER)? + SPEAKER.len();
    let rest = &version[start..];
    let bold = &rest[..rest.find("</b>")?];
    if let Some(abbr) = bold.strip_prefix("<abbr title=\"") {
        return Some((abbr[..abbr.find('"')?].to_owned(), false));
    }
    let (name, _) = bold.strip_suffix("):")?.rsplit_once(" (")?;
    Some((name.to_owned(), true))
}

/// A version block that named its speaker by initials, naming them in full instead (its first
/// turn in that language on the page was left out).
fn named_in_full(version: &str, name: &str) -> String {
    let abbr = format!("<b class=\"speaker\"><abbr title=\"{name}\">");
    let Some(start) = version.find(&abbr) else { return version.to_owned() };
    let rest = &version[start + abbr.len()..];
    let Some(initials_end) = rest.find("</abbr>:</b>") else { return version.to_owned() };
    let initials = &rest[..initials_end];
    let after = &rest[initials_end + "</abbr>:</b>".len()..];
    format!("{}<b class=\"speaker\">{name} ({initials}):</b>{after}", &version[..start])
}

/// The body with each interview turn reduced to the versions `mode` shows on a page in
/// `page_lang` (`translation`: the page is a translation of another article). Speakers whose
/// first turn in a language was left out are named in full where they first appear; a turn left
/// with one version is no longer marked as a pair. The default mode on an original changes
/// nothing and copies nothing.
pub fn select_versions<'a>(
    body_html: &'a str,
    mode: InterviewMode,
    page_lang: &str,
    translation: bool,
) -> Cow<'a, str> {
    if (mode == InterviewMode::Paired && !translation) || !body_html.contains(TURN) {
        return Cow::Borrowed(body_html);
    }
    let mut out = String::with_capacity(body_html.len());
    let mut named: HashSet<(String, String)> = HashSet::new();
    let mut changed = false;
    let mut rest = body_html;
    while let Some(at) = rest.find(TURN) {
        out.push_str(&rest[..at]);
        let turn = &rest[at..];
        let Some((head, versions, end)) = read_turn(turn) else {
            out.push_str(TURN);
            rest = &turn[TURN.len()..];
            continue;
        };
        let keep = kept(&versions, mode, page_lang, translation);
        changed |= keep.len() != versions.len();
        if keep.len() > 1 || !head.contains(" pair\"") {
            out.push_str(head);
        } else {
            out.push_str(&head.replace(" pair\"", "\""));
        }
        for index in keep {
            let version = &versions[index];
            let key = |name: String| (name, primary(version.lang).to_owned());
            match speaker_in(version.html) {
                Some((name, false)) if !named.contains(&key(name.clone())) => {
                    out.push_str(&named_in_full(version.html, &name));
                    named.insert(key(name));
                }
                Some((name, _)) => {
                    out.push_str(version.html);
                    named.insert(key(name));
                }
                None => out.push_str(version.html),
            }
        }
        out.push_str(END);
        rest = &turn[end..];
    }
    out.push_str(rest);
    if changed { Cow::Owned(out) } else { Cow::Borrowed(body_html) }
}

#[cfg(test)]
mod tests;
