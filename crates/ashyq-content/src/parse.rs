//! Parsing a whole article file, and the checks that need several files at once (duplicate slugs,
//! translation links).

use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag as MdTag};

use crate::article::{Article, Block, Version};
use crate::body::parse_body;
use crate::errors::{ArticleError, ArticleErrorKind, Location};
use crate::front_matter::{parse_front_matter, split_file};
use crate::links::refused_link_scheme;

/// The Markdown extensions articles may use.
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Parses and validates one article file. `file` is the name used in error messages. All errors
/// found are returned, in file order.
pub fn parse_article(file: &str, text: &str) -> Result<Article, Vec<ArticleError>> {
    let split = split_file(file, text).map_err(|error| vec![error])?;
    let front = parse_front_matter(file, split.front_matter, split.front_matter_line);
    let body = parse_body(file, split.body, split.body_line);
    let (front, blocks) = match (front, body) {
        (Ok(front), Ok(blocks)) => (front, blocks),
        (front, body) => {
            let mut errors = front.err().unwrap_or_default();
            errors.extend(body.err().unwrap_or_default());
            return Err(errors);
        }
    };

    let mut errors = Vec::new();
    let mut placed = Vec::new();
    let mut markdown_line = split.body_line;
    for block in &blocks {
        match block {
            Block::Figure { id, location } => {
                if front.figures.iter().any(|figure| figure.id.as_deref() == Some(id)) {
                    placed.push(id.as_str());
                } else {
                    errors.push(ArticleError::new(
                        location.clone(),
                        ArticleErrorKind::UnknownFigure { id: id.clone() },
                    ));
                }
            }
            Block::Interview(interview) => {
                if front.speakers.is_empty() {
                    errors.push(ArticleError::new(
                        interview.location.clone(),
                        ArticleErrorKind::NoSpeakers,
                    ));
                    continue;
                }
                for turn in &interview.turns {
                    if !front.speakers.iter().any(|speaker| speaker.id == turn.speaker) {
                        errors.push(ArticleError::new(
                            turn.location.clone(),
                            ArticleErrorKind::UnknownSpeaker { id: turn.speaker.clone() },
                        ));
                    }
                    for version in &turn.versions {
                        check_markdown(file, &version.markdown, version.first_line, &mut errors);
                        check_no_footnotes(file, version, &mut errors);
                    }
                }
            }
            Block::Markdown(markdown) => {
                // Inline images are refused (a picture without credit and licence must not reach a
                // page), and so are links other than http, https, mailto and relative ones.
                let line =
                    find_line(split.body, markdown, split.body_line).unwrap_or(markdown_line);
                markdown_line = line;
                check_markdown(file, markdown, line, &mut errors);
            }
        }
    }
    for figure in &front.figures {
        if let Some(id) = &figure.id
            && !placed.contains(&id.as_str())
        {
            errors.push(ArticleError::new(
                figure.src_location.clone(),
                ArticleErrorKind::UnusedFigure { id: id.clone() },
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|error| (error.location.line, error.location.column));
        return Err(errors);
    }

    Ok(Article {
        slug: front.slug,
        lang: front.lang,
        title: front.title,
        summary: front.summary.unwrap_or_else(|| opening_summary(&blocks)),
        published: front.published,
        authors: front.authors,
        tags: front.tags,
        translation_of: front.translation_of,
        translation_of_location: front.translation_of_location,
        translators: front.translators,
        lead_figure: front.lead_figure,
        figures: front.figures,
        speakers: front.speakers,
        body: blocks,
        slug_location: front.slug_location,
        source: text.to_owned(),
    })
}

/// The longest summary taken from the body when the file gives none, in characters.
pub const OPENING_SUMMARY_CHARS: usize = 200;

/// What listings and feeds show for an article without a `summary`: the plain text of the body's
/// first paragraph (or of the first interview turn's original), cut at a word boundary with `…`.
pub fn opening_summary(blocks: &[Block]) -> String {
    let opening = blocks.iter().find_map(|block| {
        let markdown = match block {
            Block::Markdown(markdown) => markdown.as_str(),
            Block::Interview(interview) => interview.turns.first()?.original()?.markdown.as_str(),
            Block::Figure { .. } => return None,
        };
        let text = first_paragraph_text(markdown);
        (!text.is_empty()).then_some(text)
    });
    let text = opening.unwrap_or_default();
    if text.chars().count() <= OPENING_SUMMARY_CHARS {
        return text;
    }
    let cut: String = text.chars().take(OPENING_SUMMARY_CHARS).collect();
    let cut = cut.rfind(char::is_whitespace).map_or(cut.as_str(), |end| &cut[..end]);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The plain text of the first paragraph of `markdown`, spaces collapsed.
fn first_paragraph_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(MdTag::Paragraph) => in_paragraph = true,
            Event::End(pulldown_cmark::TagEnd::Paragraph) if in_paragraph => break,
            Event::Text(part) | Event::Code(part) if in_paragraph => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Footnotes in an interview turn would print as `[^label]` with the note unlinked below, since
/// each language version is rendered on its own; they are refused at the reference.
fn check_no_footnotes(file: &str, version: &Version, errors: &mut Vec<ArticleError>) {
    let mut in_code = false;
    let mut offset = 0;
    for line in version.markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
        }
        if !in_code && let Some(found) = footnote_position(line) {
            errors.push(ArticleError::new(
                Location::at_offset(file, &version.markdown, offset + found, version.first_line),
                ArticleErrorKind::FootnoteInTurn,
            ));
        }
        offset += line.len();
    }
}

/// The byte position of the first `[^label]` in a line, outside inline code.
fn footnote_position(line: &str) -> Option<usize> {
    let mut in_code = false;
    for (index, ch) in line.char_indices() {
        match ch {
            '`' => in_code = !in_code,
            '[' if !in_code => {
                let rest = &line[index + 1..];
                if let Some(label) = rest.strip_prefix('^')
                    && let Some(end) = label.find(']')
                    && end > 0
                    && !label[..end].contains(char::is_whitespace)
                {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

/// The line on which `block` starts within `body`, when it can be found.
fn find_line(body: &str, block: &str, body_line: usize) -> Option<usize> {
    let offset = body.find(block)?;
    Some(body_line + body[..offset].matches('\n').count())
}

fn check_markdown(file: &str, markdown: &str, first_line: usize, errors: &mut Vec<ArticleError>) {
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        let kind = match event {
            Event::Start(MdTag::Image { .. }) => ArticleErrorKind::InlineImage,
            Event::Start(MdTag::Link { dest_url, .. }) => match refused_link_scheme(&dest_url) {
                Some(scheme) => ArticleErrorKind::RefusedLink { scheme },
                None => continue,
            },
            _ => continue,
        };
        errors.push(ArticleError::new(
            Location::at_offset(file, markdown, range.start, first_line),
            kind,
        ));
    }
}

/// Checks a batch of articles together with the slugs already on the site: no slug twice, and every
/// `translation_of` names an article that exists or is in the batch. `existing` maps slugs already
/// stored to a description for the message ("the article stored on the site").
pub fn check_batch(articles: &[Article], existing: &HashMap<String, String>) -> Vec<ArticleError> {
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    for article in articles {
        let slug = article.slug.as_str();
        if let Some(first) = seen.get(slug) {
            errors.push(ArticleError::new(
                article.slug_location.clone(),
                ArticleErrorKind::DuplicateSlug { slug: slug.to_owned(), other: first.to_string() },
            ));
        } else if let Some(other) = existing.get(slug) {
            errors.push(ArticleError::new(
                article.slug_location.clone(),
                ArticleErrorKind::DuplicateSlug { slug: slug.to_owned(), other: other.clone() },
            ));
        }
        seen.entry(slug).or_insert(&article.slug_location);
    }
    for article in articles {
        if let Some(original) = &article.translation_of
            && !seen.contains_key(original.as_str())
            && !existing.contains_key(original.as_str())
        {
            let location = article
                .translation_of_location
                .clone()
                .unwrap_or_else(|| article.slug_location.clone());
            errors.push(ArticleError::new(
                location,
                ArticleErrorKind::UnknownOriginal { slug: original.to_string() },
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests;
