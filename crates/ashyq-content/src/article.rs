//! The typed article: what an article file means once parsed and validated.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::errors::Location;
use crate::language::LanguageTag;
use crate::licence::Licence;
use crate::slug::Slug;

/// A parsed, valid article. `source` keeps the file's text so that export writes back exactly what
/// was imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub slug: Slug,
    pub lang: LanguageTag,
    pub title: String,
    pub summary: String,
    pub published: OffsetDateTime,
    pub authors: Vec<AuthorRef>,
    pub tags: Vec<Tag>,
    pub translation_of: Option<Slug>,
    pub translation_of_location: Option<Location>,
    /// Who translated it (`translators = ["…"]`), credited on the page.
    pub translators: Vec<String>,
    pub lead_figure: Option<Figure>,
    pub figures: Vec<Figure>,
    pub speakers: Vec<Speaker>,
    pub body: Vec<Block>,
    /// Where the slug is written, for duplicate-slug errors.
    pub slug_location: Location,
    pub source: String,
}

impl Article {
    /// Every figure of the article, the lead one first.
    pub fn all_figures(&self) -> impl Iterator<Item = &Figure> {
        self.lead_figure.iter().chain(self.figures.iter())
    }

    /// The figure placed with `::: figure ID`.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|figure| figure.id.as_deref() == Some(id))
    }

    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|speaker| speaker.id == id)
    }

    /// Whether the body holds an interview.
    pub fn has_interview(&self) -> bool {
        self.body.iter().any(|block| matches!(block, Block::Interview(_)))
    }
}

/// An author as named in an article: the slug identifies the person across articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorRef {
    pub name: String,
    pub slug: Slug,
}

/// A tag (a place or a topic) with the slug used in its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub slug: Slug,
}

/// An image with what a reader and a re-publisher need to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// `None` for the lead figure.
    pub id: Option<String>,
    /// The path as written in the file: relative to the article file, or `/media/NAME` for an
    /// uploaded photo.
    pub src: String,
    pub src_location: Location,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub licence: Licence,
}

/// The prefix of an image `src` that names an uploaded photo in the data folder's media directory
/// instead of a file next to the article.
pub const UPLOADED_MEDIA_PREFIX: &str = "/media/";

/// `NAME` when `src` is `/media/NAME` and NAME is a plain media file name (lowercase letters,
/// digits, hyphens and dots; no folders, not hidden); `None` for any other `src`.
pub fn uploaded_media_name(src: &str) -> Option<&str> {
    let name = src.strip_prefix(UPLOADED_MEDIA_PREFIX)?;
    let plain = !name.is_empty()
        && name.len() <= 120
        && !name.starts_with('.')
        && name.contains('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    plain.then_some(name)
}

/// Whether a speaker asks or answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerRole {
    Interviewer,
    Interviewee,
}

/// A person in an interview, with the initials shown before their words in each language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub id: String,
    /// The name as one string, or, when the file gives a table by language, its first entry.
    pub name: String,
    /// Language tag → the full name written for readers of that language; empty when `name` is one
    /// string.
    pub names: BTreeMap<String, String>,
    pub role: SpeakerRole,
    /// Language tag → initials, e.g. `en` → "DM", `ru` → "ДМ".
    pub initials: BTreeMap<String, String>,
}

impl Speaker {
    /// The initials to show in a block of language `lang`: that language, then its primary subtag,
    /// then the article's language, then any.
    pub fn initials_for(&self, lang: &LanguageTag, article_lang: &LanguageTag) -> &str {
        [lang.as_str(), lang.primary(), article_lang.as_str(), article_lang.primary()]
            .iter()
            .find_map(|key| self.initials.get(*key))
            .or_else(|| self.initials.values().next())
            .map_or("", String::as_str)
    }

    /// The full name to show in a block of language `lang`, with the same fallbacks as
    /// [`Speaker::initials_for`]; the one `name` when no table is given.
    pub fn name_for(&self, lang: &LanguageTag, article_lang: &LanguageTag) -> &str {
        [lang.as_str(), lang.primary(), article_lang.as_str(), article_lang.primary()]
            .iter()
            .find_map(|key| self.names.get(*key))
            .map_or(self.name.as_str(), String::as_str)
    }
}

/// A piece of the body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Markdown text between directives.
    Markdown(String),
    /// `::: figure ID`.
    Figure { id: String, location: Location },
    /// `::: interview … :::`.
    Interview(Interview),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interview {
    pub turns: Vec<Turn>,
    pub location: Location,
}

/// One speaker's words, in every language they are given in; the original comes first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: String,
    pub location: Location,
    pub versions: Vec<Version>,
}

impl Turn {
    pub fn original(&self) -> Option<&Version> {
        self.versions.iter().find(|version| version.original)
    }
}

/// The words of a turn in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub lang: LanguageTag,
    pub original: bool,
    pub markdown: String,
    /// The file line `markdown` starts on (the one after the `[LANG]` line), for error locations.
    pub first_line: usize,
}

#[cfg(test)]
mod tests {
    use super::uploaded_media_name;

    #[test]
    fn only_plain_names_under_media_are_uploads() {
        assert_eq!(uploaded_media_name("/media/ab12-photo.jpg"), Some("ab12-photo.jpg"));
        for other in [
            "media/a.jpg",
            "/media/../x.jpg",
            "/media/a/b.jpg",
            "/media/.a.jpg",
            "/media/A.jpg",
            "../images/a.svg",
            "/media/",
        ] {
            assert_eq!(uploaded_media_name(other), None, "{other}");
        }
    }
}
