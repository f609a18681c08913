//! Asking the index: a reader's or an editor's words and filters become one tantivy query; the
//! matches are grouped by story (a story's language versions are one hit), paged, and each hit gets
//! a snippet with the matched words marked.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue, Term};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::analysis::{self, Analysis};
use crate::error::SearchError;
use crate::folder::SearchIndex;
use crate::schema::Fields;

/// Words of a query beyond this many are ignored (each word is a clause per language).
pub const WORD_LIMIT: usize = 12;
/// Matches considered for grouping and paging; a search with more says "more than".
const MAX_MATCHES: usize = 1000;
/// Characters of body text a snippet shows.
const SNIPPET_CHARS: usize = 220;

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Readers: only published articles whose publication time has come.
    Readers { now: i64 },
    /// Editors in `/admin`: every article, drafts included.
    Newsroom,
}

/// A search as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub lang: Option<String>,
    pub tag: Option<String>,
    pub author: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub scope: Scope,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
}

/// A marked or plain run of a snippet; the page escapes `text` like any other text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub highlighted: bool,
}

/// One language version of a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub id: i64,
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub status: String,
    pub published_at: i64,
}

/// One story: its best-matching version, with a snippet, and all its versions the asker may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub best: Version,
    pub snippet: Vec<SnippetPart>,
    /// Every version (the best one too), by language code.
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchResults {
    /// The words searched for (stop words left out), lower-cased.
    pub words: Vec<String>,
    /// Stories found (counting at most the first `MAX_MATCHES` matching articles).
    pub stories: usize,
    /// More articles matched than were grouped.
    pub more: bool,
    pub hits: Vec<Hit>,
    pub page: usize,
    pub pages: usize,
}

impl SearchIndex {
    /// Runs a search. Empty words (or only stop words) find nothing.
    pub fn search(&self, request: &SearchQuery) -> Result<SearchResults, SearchError> {
        let current = self.current();
        let folder = self.root().join(&current.name);
        let index_error = |source| SearchError::Index { folder: folder.clone(), source };
        let words = query_words(&request.text);
        let per_page = request.per_page.max(1);
        let page = request.page.max(1);
        let mut results = SearchResults { words, page, ..SearchResults::default() };
        if results.words.is_empty() {
            return Ok(results);
        }
        let fields = &self.fields;
        let query = build_query(fields, &results.words, request);
        let searcher = current.reader.searcher();
        let (matches, count) = searcher
            .search(&query, &(TopDocs::with_limit(MAX_MATCHES).order_by_score(), Count))
            .map_err(index_error)?;
        results.more = count > MAX_MATCHES;

        // Group by story, keeping the order of each story's best match.
        let mut columns: HashMap<u32, Column<u64>> = HashMap::new();
        let mut groups: Vec<(u64, DocAddress)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (_score, address) in matches {
            let column = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => entry.insert(
                    searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .u64("group")
                        .map_err(index_error)?,
                ),
            };
            let group = column.first(address.doc_id).unwrap_or_default();
            if seen.insert(group) {
                groups.push((group, address));
            }
        }
        results.stories = groups.len();
        results.pages = groups.len().div_ceil(per_page).max(1);
        let snippets = Snippets::new(fields, &results.words);
        for (group, address) in groups.into_iter().skip((page - 1) * per_page).take(per_page) {
            let doc: TantivyDocument = searcher.doc(address).map_err(index_error)?;
            let best = version_of(fields, &doc);
            let text = first_text(&doc, fields.text);
            let snippet = snippets.snippet(&best.lang, &text);
            let versions =
                group_versions(fields, &searcher, group, request.scope).map_err(index_error)?;
            results.hits.push(Hit { best, snippet, versions });
        }
        Ok(results)
    }
}

/// The words of a query: lower-cased, ё folded, stop words left out, each once, at most
/// [`WORD_LIMIT`].
fn query_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in Analysis::Plain.terms(text) {
        if !analysis::is_stop_word(&word) && !words.contains(&word) {
            words.push(word);
        }
        if words.len() == WORD_LIMIT {
            break;
        }
    }
    words
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

/// Every word must match (in the title or body of any language, or by its script-folded key);
/// filters must all hold.
fn build_query(fields: &Fields, words: &[String], request: &SearchQuery) -> BooleanQuery {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in words {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for analysis in Analysis::LANGUAGES {
            let Some((title, body)) = fields.language_fields(analysis) else { continue };
            for term in analysis.terms(word) {
                let in_title = BoostQuery::new(term_query(title, &term), 2.0);
                alternatives.push((Occur::Should, Box::new(in_title)));
                alternatives.push((Occur::Should, term_query(body, &term)));
            }
        }
        for key in Analysis::Key.terms(word) {
            // A cross-script match counts a little less than a match in the article's own script.
            let by_key = BoostQuery::new(term_query(fields.keys, &key), 0.5);
            alternatives.push((Occur::Should, Box::new(by_key)));
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
    }
    let exact = |field: Field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
    };
    if let Some(lang) = &request.lang {
        clauses.push((Occur::Must, exact(fields.lang, lang)));
    }
    if let Some(tag) = &request.tag {
        clauses.push((Occur::Must, exact(fields.tags, tag)));
    }
    if let Some(author) = &request.author {
        clauses.push((Occur::Must, exact(fields.authors, author)));
    }
    let mut upper = request.to;
    if let Scope::Readers { now } = request.scope {
        upper = Some(upper.map_or(now, |to| to.min(now)));
    }
    if request.from.is_some() || upper.is_some() {
        let bound = |value: Option<i64>| {
            value.map_or(Bound::Unbounded, |seconds| {
                Bound::Included(Term::from_field_i64(fields.published_at, seconds))
            })
        };
        let range = RangeQuery::new(bound(request.from), bound(upper));
        clauses.push((Occur::Must, Box::new(range)));
    }
    clauses.extend(visibility(fields, request.scope));
    BooleanQuery::new(clauses)
}

/// The clause readers' searches carry: published articles only (the date is in the range).
fn visibility(fields: &Fields, scope: Scope) -> Option<(Occur, Box<dyn Query>)> {
    match scope {
        Scope::Readers { .. } => {
            let public =
                TermQuery::new(Term::from_field_u64(fields.public, 1), IndexRecordOption::Basic);
            Some((Occur::Must, Box::new(public)))
        }
        Scope::Newsroom => None,
    }
}

/// Every version of a story the asker may see.
fn group_versions(
    fields: &Fields,
    searcher: &Searcher,
    group: u64,
    scope: Scope,
) -> tantivy::Result<Vec<Version>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Must,
        Box::new(TermQuery::new(
            Term::from_field_u64(fields.group, group),
            IndexRecordOption::Basic,
        )),
    )];
    clauses.extend(visibility(fields, scope));
    if let Scope::Readers { now } = scope {
        let upper = Bound::Included(Term::from_field_i64(fields.published_at, now));
        clauses.push((Occur::Must, Box::new(RangeQuery::new(Bound::Unbounded, upper))));
    }
    let found =
        searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(64).order_by_score())?;
    let mut versions = Vec::with_capacity(found.len());
    for (_score, address) in found {
        let doc: TantivyDocument = searcher.doc(address)?;
        versions.push(version_of(fields, &doc));
    }
    versions.sort_by(|left, right| left.lang.cmp(&right.lang).then(left.id.cmp(&right.id)));
    Ok(versions)
}

fn first_text(doc: &TantivyDocument, field: Field) -> String {
    match doc.get_first(field).map(OwnedValue::from) {
        Some(OwnedValue::Str(text)) => text,
        _ => String::new(),
    }
}

fn first_number(doc: &TantivyDocument, field: Field) -> i64 {
    match doc.get_first(field).map(OwnedValue::from) {
        Some(OwnedValue::I64(number)) => number,
        Some(OwnedValue::U64(number)) => i64::try_from(number).unwrap_or_default(),
        _ => 0,
    }
}

fn version_of(fields: &Fields, doc: &TantivyDocument) -> Version {
    Version {
        id: first_number(doc, fields.id),
        slug: first_text(doc, fields.slug),
        lang: first_text(doc, fields.lang),
        title: first_text(doc, fields.title),
        status: first_text(doc, fields.status),
        published_at: first_number(doc, fields.published_at),
    }
}

/// Snippet makers: one per analysis, each marking the query's terms as that analysis sees them.
struct Snippets {
    by_analysis: Vec<(Analysis, SnippetGenerator)>,
}

impl Snippets {
    fn new(fields: &Fields, words: &[String]) -> Snippets {
        let by_analysis = Analysis::LANGUAGES
            .into_iter()
            .chain([Analysis::Key])
            .map(|analysis| {
                let terms: BTreeMap<String, f32> = words
                    .iter()
                    .flat_map(|word| analysis.terms(word))
                    .map(|term| (term, 1.0))
                    .collect();
                let generator =
                    SnippetGenerator::new(terms, analysis.analyzer(), fields.text, SNIPPET_CHARS);
                (analysis, generator)
            })
            .collect();
        Snippets { by_analysis }
    }

    fn generator(&self, analysis: Analysis) -> Option<&SnippetGenerator> {
        self.by_analysis
            .iter()
            .find(|(known, _)| *known == analysis)
            .map(|(_, generator)| generator)
    }

    /// The best passage of `text` with the words marked: by the article's language first, then by
    /// script-folded keys (a Latin query on a Cyrillic text), else the text's beginning unmarked.
    fn snippet(&self, lang: &str, text: &str) -> Vec<SnippetPart> {
        for analysis in [Analysis::for_language(lang), Analysis::Key] {
            let Some(generator) = self.generator(analysis) else { continue };
            let snippet = generator.snippet(text);
            if !snippet.highlighted().is_empty() {
                return parts(snippet.fragment(), snippet.highlighted());
            }
        }
        let mut beginning: String = text.chars().take(SNIPPET_CHARS).collect();
        if beginning.len() < text.len() {
            beginning.push('…');
        }
        vec![SnippetPart { text: beginning, highlighted: false }]
    }
}

fn parts(fragment: &str, marked: &[std::ops::Range<usize>]) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut at = 0;
    for range in marked {
        let (Some(before), Some(word)) =
            (fragment.get(at..range.start), fragment.get(range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            parts.push(SnippetPart { text: before.to_owned(), highlighted: false });
        }
        parts.push(SnippetPart { text: word.to_owned(), highlighted: true });
        at = range.end;
    }
    if let Some(rest) = fragment.get(at..).filter(|rest| !rest.is_empty()) {
        parts.push(SnippetPart { text: rest.to_owned(), highlighted: false });
    }
    parts
}
