//! An article file in our format (TOML front matter between `+++` lines, then the body) written
//! from what an importer gathered, so that imported articles go through the same parser, checks
//! and rendering as every other article.

use std::fmt::Write as _;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A figure whose image was found: `src` is the path the importer's image source resolves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFigure {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// A piece of the body: Markdown, or a figure placed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilePiece {
    Markdown(String),
    Figure(FileFigure),
}

/// Everything an article file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDraft {
    pub title: String,
    pub slug: String,
    pub lang: String,
    pub published: OffsetDateTime,
    /// `None` lets the parser take the body's opening.
    pub summary: Option<String>,
    /// (name, slug)
    pub authors: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub translation_of: Option<String>,
    pub lead_figure: Option<FileFigure>,
    pub body: Vec<FilePiece>,
}

/// The licence of images from an archive: nobody told us more, so we claim nothing.
const ARCHIVE_LICENCE: &str = "all-rights-reserved";

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn write_figure(out: &mut String, figure: &FileFigure, id: Option<&str>) {
    if let Some(id) = id {
        let _ = writeln!(out, "id = {}", quoted(id));
    }
    let alt = if figure.alt.trim().is_empty() {
        if figure.caption.trim().is_empty() { "Image from the archive" } else { &figure.caption }
    } else {
        &figure.alt
    };
    let _ = writeln!(out, "src = {}", quoted(&figure.src));
    let _ = writeln!(out, "alt = {}", quoted(alt));
    let _ = writeln!(out, "caption = {}", quoted(&figure.caption));
    if !figure.credit.is_empty() {
        let _ = writeln!(out, "credit = {}", quoted(&figure.credit));
    }
    let _ = writeln!(out, "licence = {}", quoted(ARCHIVE_LICENCE));
}

/// The file's text.
pub fn article_file(draft: &ArticleDraft) -> String {
    let mut out = String::from("+++\n");
    let published =
        draft.published.format(&Rfc3339).unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned());
    let _ = writeln!(out, "title = {}", quoted(&draft.title));
    let _ = writeln!(out, "slug = {}", quoted(&draft.slug));
    let _ = writeln!(out, "lang = {}", quoted(&draft.lang));
    let _ = writeln!(out, "published = {published}");
    if let Some(summary) = &draft.summary {
        let _ = writeln!(out, "summary = {}", quoted(summary));
    }
    if !draft.tags.is_empty() {
        let tags: Vec<String> = draft.tags.iter().map(|tag| quoted(tag)).collect();
        let _ = writeln!(out, "tags = [{}]", tags.join(", "));
    }
    if let Some(original) = &draft.translation_of {
        let _ = writeln!(out, "translation_of = {}", quoted(original));
    }
    for (name, slug) in &draft.authors {
        let _ = writeln!(out, "\n[[authors]]\nname = {}\nslug = {}", quoted(name), quoted(slug));
    }
    if let Some(lead) = &draft.lead_figure {
        out.push_str("\n[lead_figure]\n");
        write_figure(&mut out, lead, None);
    }
    let mut body = String::new();
    let mut number = 0;
    for piece in &draft.body {
        match piece {
            FilePiece::Markdown(text) => {
                body.push_str(text.trim());
                body.push_str("\n\n");
            }
            FilePiece::Figure(figure) => {
                number += 1;
                let id = format!("image-{number}");
                out.push_str("\n[[figures]]\n");
                write_figure(&mut out, figure, Some(&id));
                let _ = write!(body, "::: figure {id}\n\n");
            }
        }
    }
    out.push_str("+++\n");
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_draft_becomes_a_file_our_parser_reads_back() {
        let draft = ArticleDraft {
            title: "Quotes \" and \\ backslashes\nin a title".to_owned(),
            slug: "a-story".to_owned(),
            lang: "ru".to_owned(),
            published: datetime!(2019-04-02 08:30:00 UTC),
            summary: Some("Кратко.".to_owned()),
            authors: vec![("Айгерим".to_owned(), "aigerim".to_owned())],
            tags: vec!["Пресса".to_owned(), "Law".to_owned()],
            translation_of: None,
            lead_figure: Some(FileFigure {
                src: "2019/04/a.jpg".to_owned(),
                ..FileFigure::default()
            }),
            body: vec![
                FilePiece::Markdown("First paragraph.".to_owned()),
                FilePiece::Figure(FileFigure {
                    src: "2019/04/b.png".to_owned(),
                    alt: "B".to_owned(),
                    caption: "The caption".to_owned(),
                    credit: "Someone".to_owned(),
                }),
                FilePiece::Markdown("Second.".to_owned()),
            ],
        };
        let text = article_file(&draft);
        let article = ashyq_content::parse_article("x.md", &text).expect(&text);
        assert_eq!(article.title, "Quotes \" and \\ backslashes\nin a title");
        assert_eq!(article.tags.len(), 2);
        assert_eq!(article.figures[0].caption, "The caption");
        assert_eq!(article.figures[0].credit, "Someone");
        assert_eq!(
            article.lead_figure.as_ref().map(|f| f.alt.as_str()),
            Some("Image from the archive")
        );
        assert_eq!(article.published, datetime!(2019-04-02 08:30:00 UTC));
    }
}
