//! Full-text search over articles in every language and script: a tantivy index kept in its own
//! folder of the data folder (`DATA/search`), language-aware analysis (Snowball for English and
//! Russian, a suffix stripper for Kazakh, script folding across Cyrillic and Latin), and results that
//! group a story's language versions. The store feeds it [`SearchDocument`]s; it knows no database.

pub mod analysis;
mod error;
mod folder;
pub mod kazakh;
mod query;
mod schema;
pub mod script;
mod writer;

pub use error::SearchError;
pub use folder::{Opened, SearchIndex};
pub use query::{Hit, Scope, SearchQuery, SearchResults, SnippetPart, Version, WORD_LIMIT};
pub use writer::{IndexBuilder, Indexer, TryIndexer};

/// One article as the index takes it, whatever its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDocument {
    pub id: i64,
    /// The story's translation group (the original's slug): language versions share it.
    pub group: String,
    pub slug: String,
    pub lang: String,
    pub title: String,
    /// The summary and body as plain text (see [`text_from_html`]).
    pub text: String,
    /// Tag slugs and names; author slugs and names (names are searched, slugs filter).
    pub tags: Vec<(String, String)>,
    pub authors: Vec<(String, String)>,
    /// Unix seconds.
    pub published_at: i64,
    /// The status code (`published`, `draft`, …); only `published` is ever shown to readers.
    pub status: String,
}

/// The plain text of one of our own HTML fragments: tags dropped (block ends become spaces), the
/// entities our renderers write decoded. Not a general HTML parser: its input is ours.
pub fn text_from_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => {
                text.push(' ');
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    text.push_str(rest);
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
