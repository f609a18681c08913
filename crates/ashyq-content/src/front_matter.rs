//! Splitting an article file into front matter and body, and turning the TOML front matter into
//! checked values. Every value keeps its span so that errors point at the exact line and column.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use toml::Spanned;

use crate::article::{AuthorRef, Figure, Speaker, SpeakerRole, Tag};
use crate::errors::{ArticleError, ArticleErrorKind, Location};
use crate::language::LanguageTag;
use crate::licence::Licence;
use crate::slug::{Slug, slugify};
use crate::toml_errors::editor_message;

/// The two parts of a file and where each starts.
#[derive(Debug)]
pub struct SplitFile<'a> {
    pub front_matter: &'a str,
    /// Line number (from 1) of the front matter's first line.
    pub front_matter_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Splits `+++\n<toml>\n+++\n<body>`. A byte-order mark and `\r\n` line ends are accepted.
pub fn split_file<'a>(file: &str, text: &'a str) -> Result<SplitFile<'a>, ArticleError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(ArticleError::new(
            Location::new(file, 1, 1),
            ArticleErrorKind::MissingFrontMatter,
        ));
    }
    let start = first.len();
    let mut offset = start;
    for (line_number, line) in (2..).zip(lines) {
        if line.trim_end() == "+++" {
            return Ok(SplitFile {
                front_matter: &text[start..offset],
                front_matter_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_number + 1,
            });
        }
        offset += line.len();
    }
    Err(ArticleError::new(Location::new(file, 1, 1), ArticleErrorKind::UnclosedFrontMatter))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    slug: Spanned<String>,
    lang: Spanned<String>,
    published: Spanned<toml::value::Datetime>,
    summary: Option<Spanned<String>>,
    authors: Spanned<Vec<RawAuthor>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    translation_of: Option<Spanned<String>>,
    #[serde(default)]
    translators: Vec<Spanned<String>>,
    lead_figure: Option<RawFigure>,
    #[serde(default)]
    figures: Vec<RawFigure>,
    #[serde(default)]
    speakers: Vec<RawSpeaker>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    name: Spanned<String>,
    slug: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: Option<Spanned<String>>,
    src: Spanned<String>,
    alt: Spanned<String>,
    #[serde(default)]
    caption: String,
    credit: Option<Spanned<String>>,
    licence: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpeaker {
    id: Spanned<String>,
    name: Spanned<RawName>,
    role: Spanned<String>,
    initials: Spanned<BTreeMap<String, String>>,
}

/// A speaker's `name`: one string, or a table from language tag to the name written in that
/// language's script.
enum RawName {
    One(String),
    ByLanguage(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for RawName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RawName, D::Error> {
        struct NameVisitor;
        impl<'de> serde::de::Visitor<'de> for NameVisitor {
            type Value = RawName;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name in quotes or a table of names by language")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<RawName, E> {
                Ok(RawName::One(value.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawName, A::Error> {
                BTreeMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawName::ByLanguage)
            }
        }
        deserializer.deserialize_any(NameVisitor)
    }
}

/// The checked front matter.
#[derive(Debug)]
pub struct FrontMatter {
    pub title: String,
    pub slug: Slug,
    pub slug_location: Location,
    pub lang: LanguageTag,
    pub published: OffsetDateTime,
    /// `None` when the file gives no `summary`.
    pub summary: Option<String>,
    pub authors: Vec<AuthorRef>,
    pub tags: Vec<Tag>,
    pub translation_of: Option<Slug>,
    pub translation_of_location: Option<Location>,
    /// Who translated it, as the page credits them.
    pub translators: Vec<String>,
    pub lead_figure: Option<Figure>,
    pub figures: Vec<Figure>,
    pub speakers: Vec<Speaker>,
}

/// Turns byte spans of the front matter into file locations and collects errors.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    first_line: usize,
    errors: Vec<ArticleError>,
}

impl Checker<'_> {
    fn location(&self, offset: usize) -> Location {
        Location::at_offset(self.file, self.text, offset, self.first_line)
    }

    fn fail<T>(&mut self, offset: usize, kind: ArticleErrorKind) -> Option<T> {
        let location = self.location(offset);
        self.errors.push(ArticleError::new(location, kind));
        None
    }

    fn non_empty(&mut self, value: &Spanned<String>, field: &'static str) -> Option<String> {
        let text = value.get_ref().trim();
        if text.is_empty() {
            return self.fail(value.span().start, ArticleErrorKind::Empty { field });
        }
        Some(text.to_owned())
    }

    fn slug(&mut self, value: &Spanned<String>) -> Option<Slug> {
        match Slug::parse(value.get_ref()) {
            Ok(slug) => Some(slug),
            Err(error) => self.fail(value.span().start, ArticleErrorKind::Slug(error)),
        }
    }

    fn language(&mut self, value: &Spanned<String>) -> Option<LanguageTag> {
        match LanguageTag::parse(value.get_ref()) {
            Ok(tag) => Some(tag),
            Err(error) => self.fail(value.span().start, ArticleErrorKind::Language(error)),
        }
    }

    fn figure(&mut self, raw: &RawFigure) -> Option<Figure> {
        let licence = match Licence::from_code(raw.licence.get_ref()) {
            Some(licence) => Some(licence),
            None => self.fail(
                raw.licence.span().start,
                ArticleErrorKind::UnknownLicence {
                    value: raw.licence.get_ref().clone(),
                    choices: Licence::all_codes(),
                },
            ),
        };
        let src = self.non_empty(&raw.src, "src");
        let credit = raw.credit.as_ref().map_or("", |credit| credit.get_ref().trim()).to_owned();
        let credit_ok = match licence {
            Some(licence) if licence.requires_attribution() && credit.is_empty() => {
                let offset =
                    raw.credit.as_ref().map_or(raw.licence.span().start, |c| c.span().start);
                self.fail(
                    offset,
                    ArticleErrorKind::CreditRequired { licence: licence.code().to_owned() },
                )
            }
            _ => Some(()),
        };
        Some(Figure {
            id: raw.id.as_ref().map(|id| id.get_ref().trim().to_owned()),
            src: src?,
            src_location: self.location(raw.src.span().start),
            alt: raw.alt.get_ref().trim().to_owned(),
            caption: raw.caption.trim().to_owned(),
            credit: credit_ok.map(|()| credit)?,
            licence: licence?,
        })
    }

    fn speaker(&mut self, raw: &RawSpeaker) -> Option<Speaker> {
        let id = self.non_empty(&raw.id, "id");
        let (name, names) = self.speaker_name(&raw.name);
        let role = match raw.role.get_ref().trim() {
            "interviewer" => Some(SpeakerRole::Interviewer),
            "interviewee" => Some(SpeakerRole::Interviewee),
            other => {
                self.fail(raw.role.span().start, ArticleErrorKind::UnknownRole(other.to_owned()))
            }
        };
        let mut initials = BTreeMap::new();
        for (lang, text) in raw.initials.get_ref() {
            match LanguageTag::parse(lang) {
                Ok(tag) => {
                    initials.insert(tag.as_str().to_owned(), text.trim().to_owned());
                }
                Err(error) => {
                    self.fail::<()>(raw.initials.span().start, ArticleErrorKind::Language(error));
                }
            }
        }
        if raw.initials.get_ref().is_empty() {
            self.fail::<()>(
                raw.initials.span().start,
                ArticleErrorKind::NoInitials(raw.id.get_ref().clone()),
            );
        }
        Some(Speaker { id: id?, name: name?, names, role: role?, initials })
    }

    /// A speaker's name: the one string, or the table by language (checked like `initials`); the
    /// plain `name` is then the first name in the table, for places that show one name.
    fn speaker_name(
        &mut self,
        raw: &Spanned<RawName>,
    ) -> (Option<String>, BTreeMap<String, String>) {
        let offset = raw.span().start;
        match raw.get_ref() {
            RawName::One(name) => {
                let name = name.trim();
                if name.is_empty() {
                    return (
                        self.fail(offset, ArticleErrorKind::Empty { field: "name" }),
                        BTreeMap::new(),
                    );
                }
                (Some(name.to_owned()), BTreeMap::new())
            }
            RawName::ByLanguage(table) => {
                let mut names = BTreeMap::new();
                for (lang, text) in table {
                    match LanguageTag::parse(lang) {
                        Ok(tag) if !text.trim().is_empty() => {
                            names.insert(tag.as_str().to_owned(), text.trim().to_owned());
                        }
                        Ok(_) => {
                            self.fail::<()>(offset, ArticleErrorKind::Empty { field: "name" });
                        }
                        Err(error) => {
                            self.fail::<()>(offset, ArticleErrorKind::Language(error));
                        }
                    }
                }
                if table.is_empty() {
                    return (self.fail(offset, ArticleErrorKind::Empty { field: "name" }), names);
                }
                (names.values().next().cloned(), names)
            }
        }
    }
}

/// Parses and checks the front matter; `first_line` is its line number in the file.
pub fn parse_front_matter(
    file: &str,
    text: &str,
    first_line: usize,
) -> Result<FrontMatter, Vec<ArticleError>> {
    let raw: RawFrontMatter = toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        let message = editor_message(text, offset, error.message());
        vec![ArticleError::new(
            Location::at_offset(file, text, offset, first_line),
            ArticleErrorKind::Toml(message),
        )]
    })?;
    let mut check = Checker { file, text, first_line, errors: Vec::new() };

    let title = check.non_empty(&raw.title, "title");
    // An empty `summary = ""` (as the browser editor's template has) is the same as none.
    let summary = raw
        .summary
        .as_ref()
        .map(|summary| summary.get_ref().trim().to_owned())
        .filter(|summary| !summary.is_empty());
    let slug = check.slug(&raw.slug);
    let lang = check.language(&raw.lang);
    let published = {
        let written = raw.published.get_ref().to_string();
        match OffsetDateTime::parse(&written, &Rfc3339) {
            Ok(moment) => Some(moment),
            Err(_) => check.fail(raw.published.span().start, ArticleErrorKind::Date(written)),
        }
    };

    let mut authors = Vec::new();
    if raw.authors.get_ref().is_empty() {
        check.fail::<()>(raw.authors.span().start, ArticleErrorKind::NoAuthors);
    }
    for author in raw.authors.get_ref() {
        let name = check.non_empty(&author.name, "name");
        let slug = check.slug(&author.slug);
        if let (Some(name), Some(slug)) = (name, slug) {
            authors.push(AuthorRef { name, slug });
        }
    }

    let mut tags: Vec<Tag> = Vec::new();
    for tag in &raw.tags {
        let name = tag.get_ref().trim();
        match slugify(name) {
            Some(slug) if !tags.iter().any(|seen| seen.slug == slug) => {
                tags.push(Tag { name: name.to_owned(), slug });
            }
            Some(_) => {}
            None => {
                check.fail::<()>(tag.span().start, ArticleErrorKind::Empty { field: "tags" });
            }
        }
    }

    let translation_of = raw.translation_of.as_ref().and_then(|value| check.slug(value));
    let translation_of_location =
        raw.translation_of.as_ref().map(|value| check.location(value.span().start));
    if let (Some(original), Some(own)) = (&translation_of, &slug)
        && original == own
    {
        let offset = raw.translation_of.as_ref().map_or(0, |value| value.span().start);
        check.fail::<()>(offset, ArticleErrorKind::SelfTranslation);
    }

    let translators: Vec<String> =
        raw.translators.iter().filter_map(|name| check.non_empty(name, "translators")).collect();

    let lead_figure = raw.lead_figure.as_ref().and_then(|figure| check.figure(figure));
    let mut figures = Vec::new();
    let mut figure_ids = HashSet::new();
    for raw_figure in &raw.figures {
        let Some(id) = &raw_figure.id else {
            check.fail::<()>(raw_figure.src.span().start, ArticleErrorKind::Empty { field: "id" });
            continue;
        };
        if !figure_ids.insert(id.get_ref().trim().to_owned()) {
            check.fail::<()>(
                id.span().start,
                ArticleErrorKind::DuplicateId { kind: "figure", id: id.get_ref().clone() },
            );
        }
        if let Some(figure) = check.figure(raw_figure) {
            figures.push(figure);
        }
    }

    let mut speakers = Vec::new();
    let mut speaker_ids = HashSet::new();
    for raw_speaker in &raw.speakers {
        if !speaker_ids.insert(raw_speaker.id.get_ref().trim().to_owned()) {
            check.fail::<()>(
                raw_speaker.id.span().start,
                ArticleErrorKind::DuplicateId {
                    kind: "speaker",
                    id: raw_speaker.id.get_ref().clone(),
                },
            );
        }
        if let Some(speaker) = check.speaker(raw_speaker) {
            speakers.push(speaker);
        }
    }

    if !check.errors.is_empty() {
        return Err(check.errors);
    }
    let (Some(title), Some(slug), Some(lang), Some(published)) = (title, slug, lang, published)
    else {
        // Every `None` above pushed an error, so this branch is unreachable in practice; keep a
        // clear message rather than a panic all the same.
        return Err(vec![ArticleError::new(
            Location::new(file, first_line, 1),
            ArticleErrorKind::Toml("incomplete front matter".to_owned()),
        )]);
    };
    let slug_location = check.location(raw.slug.span().start);
    Ok(FrontMatter {
        title,
        slug,
        slug_location,
        lang,
        published,
        summary,
        authors,
        tags,
        translation_of,
        translation_of_location,
        translators,
        lead_figure,
        figures,
        speakers,
    })
}
