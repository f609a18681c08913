//! Errors in article files, each tied to a file, line and column and worded for the person who wrote
//! the file.

use std::fmt;

use crate::language::LanguageError;
use crate::slug::SlugError;

/// Where in which file something was found. Lines and columns count from 1; columns count characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: &str, line: usize, column: usize) -> Location {
        Location { file: file.to_owned(), line, column }
    }

    /// The location of byte `offset` in `text`, whose first line is line `first_line` of the file.
    pub fn at_offset(file: &str, text: &str, offset: usize, first_line: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = first_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { file: file.to_owned(), line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// What is wrong. The message says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleErrorKind {
    #[error("the file must start with a `+++` line opening the front matter")]
    MissingFrontMatter,
    #[error("the front matter opened here is never closed with a `+++` line")]
    UnclosedFrontMatter,
    #[error("{0}")]
    Toml(String),
    #[error("`{field}` cannot be empty")]
    Empty { field: &'static str },
    #[error("unknown licence `{value}`; use one of: {choices}")]
    UnknownLicence { value: String, choices: String },
    #[error("{0}")]
    Language(LanguageError),
    #[error(
        "a figure under `{licence}` needs a `credit` naming who made it: the licence requires attribution"
    )]
    CreditRequired { licence: String },
    #[error(
        "footnotes cannot be used inside an interview; put the note's words in the turn itself, or place the reference in the text before or after the interview"
    )]
    FootnoteInTurn,
    #[error("{0}")]
    Slug(SlugError),
    #[error(
        "`published` must be a date and time with an offset, like 2026-03-14T09:30:00+05:00 (got `{0}`)"
    )]
    Date(String),
    #[error("an article needs at least one `[[authors]]` entry")]
    NoAuthors,
    #[error("speaker role must be `interviewer` or `interviewee`, not `{0}`")]
    UnknownRole(String),
    #[error(
        "speaker `{0}` has no `initials`; give at least one, e.g. `initials = {{ en = \"DM\" }}`"
    )]
    NoInitials(String),
    #[error("`{kind}` id `{id}` is used twice")]
    DuplicateId { kind: &'static str, id: String },
    #[error("there is no figure with id `{id}` in `[[figures]]`")]
    UnknownFigure { id: String },
    #[error("figure `{id}` is declared but never placed with `::: figure {id}`")]
    UnusedFigure { id: String },
    #[error("there is no speaker with id `{id}` in `[[speakers]]`")]
    UnknownSpeaker { id: String },
    #[error("unknown directive `::: {0}`; use `::: figure ID` or `::: interview`")]
    UnknownDirective(String),
    #[error("`::: figure` needs the id of a figure, e.g. `::: figure leaflet`")]
    FigureWithoutId,
    #[error("a closing `:::` without an open `::: interview`")]
    StrayClose,
    #[error("this `::: interview` is never closed with a `:::` line")]
    UnclosedInterview,
    #[error("an interview cannot contain another directive; close it with `:::` first")]
    NestedDirective,
    #[error("text inside an interview must follow a `@speaker` line and a `[LANG]` line")]
    TextOutsideVersion,
    #[error("a `[LANG]` line must follow a `@speaker` line")]
    VersionOutsideTurn,
    #[error("`@` must be followed by a speaker id, e.g. `@dm`")]
    TurnWithoutSpeaker,
    #[error("this turn by `{speaker}` has no original; mark one version as `[LANG original]`")]
    TurnWithoutOriginal { speaker: String },
    #[error(
        "this turn by `{speaker}` has more than one original; only one version is the words as spoken"
    )]
    SeveralOriginals { speaker: String },
    #[error("this turn has no language versions; add `[LANG original]` and the text")]
    EmptyTurn,
    #[error("this turn has two `{lang}` versions")]
    DuplicateVersion { lang: String },
    #[error("the `{lang}` version is empty")]
    EmptyVersion { lang: String },
    #[error("write `[LANG]` or `[LANG original]`, e.g. `[ru original]` (got `{0}`)")]
    BadVersionLine(String),
    #[error("write `{fixed}`, with a space before `original` (got `{got}`)")]
    HyphenatedOriginal { got: String, fixed: String },
    #[error("`{name}` is the name of a language; write its code instead: `{fixed}`")]
    LanguageNameNotCode { name: String, fixed: String },
    #[error("an interview is used, but the front matter has no `[[speakers]]`")]
    NoSpeakers,
    #[error(
        "images go in figures (with credit and licence): declare it in `[[figures]]` and place it with `::: figure ID`"
    )]
    InlineImage,
    #[error(
        "links to `{scheme}:` addresses are not allowed; use an http, https or mailto address, a relative address or a `#fragment`"
    )]
    RefusedLink { scheme: String },
    #[error("the slug `{slug}` is already used by {other}")]
    DuplicateSlug { slug: String, other: String },
    #[error("image `{path}` was not found (paths are relative to the article file)")]
    MissingImage { path: String },
    #[error("image `{path}` cannot be published: {reason}")]
    ImageRefused { path: String, reason: String },
    #[error("image `{path}` has an unsupported type; use .svg, .png, .jpg, .jpeg, .webp or .gif")]
    UnsupportedImage { path: String },
    #[error(
        "there is no uploaded image `/media/{name}`; upload it on the Photos page and paste the `src` it shows"
    )]
    MissingUpload { name: String },
    #[error(
        "an article written in the browser can only use uploaded images: upload `{path}` on the Photos page and use the `src = \"/media/NAME\"` it shows"
    )]
    ImageNotUploaded { path: String },
    #[error("`translation_of` names `{slug}`, but no such article exists or is being imported")]
    UnknownOriginal { slug: String },
    #[error("an article cannot be a translation of itself")]
    SelfTranslation,
    #[error("could not read the file: {0}")]
    Unreadable(String),
}

/// One problem in one article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleError {
    pub location: Location,
    pub kind: ArticleErrorKind,
}

impl ArticleError {
    pub fn new(location: Location, kind: ArticleErrorKind) -> ArticleError {
        ArticleError { location, kind }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.kind)
    }
}

impl std::error::Error for ArticleError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let text = "один\nдва три\n";
        assert_eq!(Location::at_offset("a.md", text, 0, 1).to_string(), "a.md:1:1");
        let offset = text.find("три").unwrap();
        assert_eq!(Location::at_offset("a.md", text, offset, 3).to_string(), "a.md:4:5");
        // An offset inside a multi-byte character or past the end does not panic.
        assert_eq!(Location::at_offset("a.md", text, 1, 1).line, 1);
        assert_eq!(Location::at_offset("a.md", text, 999, 1).line, 3);
    }
}
