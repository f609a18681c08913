//! The index's fields. A text field pair (title, body) per analysed language: an article's words
//! go into its own language's pair, and every article's words also into `keys`, script-folded.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis::Analysis;

/// Bumped whenever fields or analyses change: an index of another version is rebuilt at start.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// Every field, looked up once.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub schema: Schema,
    /// The article's id in the store.
    pub id: Field,
    /// A hash of the story's translation group: one story's language versions share it.
    pub group: Field,
    pub slug: Field,
    pub lang: Field,
    pub status: Field,
    /// 1 when readers may see the article (published), 0 for drafts and the rest.
    pub public: Field,
    pub published_at: Field,
    /// Tag slugs and author slugs, for filters.
    pub tags: Field,
    pub authors: Field,
    /// Stored only: what a hit shows.
    pub title: Field,
    pub text: Field,
    /// `(title, body)` per analysis, in the order of `Analysis::LANGUAGES`.
    pub languages: Vec<(Field, Field)>,
    pub keys: Field,
}

impl Fields {
    pub(crate) fn new() -> Fields {
        let mut builder = Schema::builder();
        let id = builder.add_u64_field("id", INDEXED | STORED | FAST);
        let group = builder.add_u64_field("group", INDEXED | FAST);
        let slug = builder.add_text_field("slug", STRING | STORED);
        let lang = builder.add_text_field("lang", STRING | STORED);
        let status = builder.add_text_field("status", STRING | STORED);
        let public = builder.add_u64_field("public", INDEXED);
        let published_at = builder.add_i64_field("published_at", INDEXED | STORED | FAST);
        let tags = builder.add_text_field("tags", STRING);
        let authors = builder.add_text_field("authors", STRING);
        let title = builder.add_text_field("title", STORED);
        let text = builder.add_text_field("text", STORED);
        // Frequencies but no positions: queries are words, never phrases, and positions would
        // double the index.
        let analysed = |analysis: Analysis| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analysis.tokenizer_name())
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
        };
        let languages = Analysis::LANGUAGES
            .into_iter()
            .map(|analysis| {
                let name = analysis.tokenizer_name();
                (
                    builder.add_text_field(&format!("title_{name}"), analysed(analysis)),
                    builder.add_text_field(&format!("body_{name}"), analysed(analysis)),
                )
            })
            .collect();
        let keys = builder.add_text_field("keys", analysed(Analysis::Key));
        Fields {
            schema: builder.build(),
            id,
            group,
            slug,
            lang,
            status,
            public,
            published_at,
            tags,
            authors,
            title,
            text,
            languages,
            keys,
        }
    }

    /// The title and body fields of an analysis.
    pub(crate) fn language_fields(&self, analysis: Analysis) -> Option<(Field, Field)> {
        let position = Analysis::LANGUAGES.iter().position(|known| *known == analysis)?;
        self.languages.get(position).copied()
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}
