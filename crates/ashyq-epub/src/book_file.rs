//! The book file: a TOML file naming a book's title and its stories, in order.
//!
//! ```toml
//! title = "A year of printers"
//! articles = ["printers-who-said-no", "tipografii-kotorye-otkazali"]
//! ```

use serde::Deserialize;
use toml::Spanned;

/// A story named in a book file, with where it was named (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookSlug {
    pub slug: String,
    pub line: usize,
    pub column: usize,
}

/// A book file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookFile {
    pub title: String,
    pub articles: Vec<BookSlug>,
}

/// What is wrong with a book file, and where.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}:{column}: {message}")]
pub struct BookFileError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    title: Spanned<String>,
    articles: Spanned<Vec<Spanned<String>>>,
}

/// Line and column (from 1) of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (line, column)
}

/// Reads a book file; `file` names it in errors.
pub fn parse_book_file(file: &str, text: &str) -> Result<BookFile, BookFileError> {
    let error = |offset: usize, message: String| {
        let (line, column) = position(text, offset);
        BookFileError { file: file.to_owned(), line, column, message }
    };
    let raw: RawBook = toml::from_str(text).map_err(|parse| {
        let offset = parse.span().map_or(0, |span| span.start);
        let message = parse.message().trim().to_owned();
        let message = if message.contains("missing field") {
            format!("{message} (a book file needs `title = \"…\"` and `articles = [\"slug\", …]`)")
        } else {
            message
        };
        error(offset, message)
    })?;
    if raw.title.get_ref().trim().is_empty() {
        return Err(error(raw.title.span().start, "the title is empty".to_owned()));
    }
    if raw.articles.get_ref().is_empty() {
        return Err(error(
            raw.articles.span().start,
            "the book lists no articles: name at least one slug".to_owned(),
        ));
    }
    let mut articles: Vec<BookSlug> = Vec::new();
    for slug in raw.articles.get_ref() {
        let (line, column) = position(text, slug.span().start);
        if let Err(reason) = ashyq_content::Slug::parse(slug.get_ref()) {
            return Err(error(slug.span().start, reason.to_string()));
        }
        if let Some(first) = articles.iter().find(|known| &known.slug == slug.get_ref()) {
            return Err(error(
                slug.span().start,
                format!(
                    "`{}` is listed twice (first at line {}); a story appears once in a book",
                    slug.get_ref(),
                    first.line
                ),
            ));
        }
        articles.push(BookSlug { slug: slug.get_ref().clone(), line, column });
    }
    Ok(BookFile { title: raw.title.into_inner().trim().to_owned(), articles })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(text: &str, expected: &str) {
        let error = parse_book_file("book.toml", text).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn a_book_file_lists_a_title_and_slugs_with_their_places() {
        let book = parse_book_file(
            "b.toml",
            "title = \"Printers\"\narticles = [\n  \"one\",\n  \"two-b\",\n]\n",
        )
        .unwrap();
        assert_eq!(book.title, "Printers");
        assert_eq!(book.articles[1], BookSlug { slug: "two-b".to_owned(), line: 4, column: 3 });
    }

    #[test]
    fn errors_name_file_line_and_column() {
        check_error(
            "title = \"T\"\narticles = [\"ok\", \"Not A Slug\"]\n",
            "book.toml:2:19: `Not A Slug` is not a valid slug: use lowercase ASCII letters, digits and single hyphens, e.g. `printers-who-said-no`",
        );
        check_error(
            "title = \"T\"\narticles = [\"a\", \"a\"]\n",
            "book.toml:2:18: `a` is listed twice (first at line 2); a story appears once in a book",
        );
        check_error(
            "title = \"T\"\narticles = []\n",
            "book.toml:2:12: the book lists no articles: name at least one slug",
        );
        let unknown =
            parse_book_file("book.toml", "title = \"T\"\narticles = [\"a\"]\nauthor = \"x\"\n")
                .unwrap_err();
        assert_eq!((unknown.line, unknown.column), (3, 1), "{unknown}");
        let missing = parse_book_file("book.toml", "articles = [\"a\"]\n").unwrap_err();
        assert!(missing.message.contains("title"), "{missing}");
        let broken = parse_book_file("book.toml", "title = \"T\narticles = [\"a\"]\n").unwrap_err();
        assert_eq!(broken.line, 1, "{broken}");
    }
}
