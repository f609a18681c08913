//! Text analysis per language: how a title or body becomes index terms, and a query word becomes
//! the same terms. English and Russian use tantivy's Snowball stemmers and stop lists, Kazakh our
//! suffix stripper and stop list, and every language also yields script-folded keys.

use std::sync::OnceLock;

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

use crate::{kazakh, script};

/// The analyses, each the tokenizer name of one group of indexed fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analysis {
    English,
    Russian,
    Kazakh,
    /// Any other language: words, lower-cased.
    Plain,
    /// Script-folded keys of every word, for cross-script matches.
    Key,
}

impl Analysis {
    /// The analyses with a field pair of their own, in the order of `crate::schema`.
    pub const LANGUAGES: [Analysis; 4] =
        [Analysis::English, Analysis::Russian, Analysis::Kazakh, Analysis::Plain];

    /// The analysis for articles in `lang` (an ISO 639-1 code).
    pub fn for_language(lang: &str) -> Analysis {
        match lang {
            "en" => Analysis::English,
            "ru" => Analysis::Russian,
            "kk" => Analysis::Kazakh,
            _ => Analysis::Plain,
        }
    }

    pub fn tokenizer_name(self) -> &'static str {
        match self {
            Analysis::English => "ashyq_en",
            Analysis::Russian => "ashyq_ru",
            Analysis::Kazakh => "ashyq_kk",
            Analysis::Plain => "ashyq_plain",
            Analysis::Key => "ashyq_key",
        }
    }

    /// This analysis, ready to use (a copy of one built once per process: building one sets up
    /// stop-word sets, which a query would otherwise redo for every word).
    pub fn analyzer(self) -> TextAnalyzer {
        static BUILT: OnceLock<Vec<(Analysis, TextAnalyzer)>> = OnceLock::new();
        let built = BUILT.get_or_init(|| {
            Analysis::LANGUAGES
                .into_iter()
                .chain([Analysis::Key])
                .map(|analysis| (analysis, analysis.build()))
                .collect()
        });
        built
            .iter()
            .find(|(known, _)| *known == self)
            .map_or_else(|| self.build(), |(_, analyzer)| analyzer.clone())
    }

    fn build(self) -> TextAnalyzer {
        // Longer "words" are base64 or URLs, never something a reader types.
        let base = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(60))
                .filter(LowerCaser)
                .filter(Rewrite(script::fold_within_script))
        };
        match self {
            Analysis::English => base()
                .filter(stop_words(Analysis::English))
                .filter(Stemmer::new(Language::English))
                .build(),
            Analysis::Russian => base()
                .filter(stop_words(Analysis::Russian))
                .filter(Stemmer::new(Language::Russian))
                .build(),
            Analysis::Kazakh => {
                base().filter(stop_words(Analysis::Kazakh)).filter(Rewrite(strip_kazakh)).build()
            }
            Analysis::Plain => base().build(),
            Analysis::Key => base().filter(Rewrite(folded_key)).build(),
        }
    }

    /// The terms `text` yields under this analysis.
    pub fn terms(self, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        terms
    }
}

/// The stop-word filter of an analysis: tantivy's lists for English (Lucene's) and Russian
/// (Snowball's), ours for Kazakh.
fn stop_words(analysis: Analysis) -> StopWordFilter {
    let listed = match analysis {
        Analysis::English => StopWordFilter::new(Language::English),
        Analysis::Russian => StopWordFilter::new(Language::Russian),
        Analysis::Kazakh | Analysis::Plain | Analysis::Key => None,
    };
    listed.unwrap_or_else(|| {
        let words: &[&str] = if analysis == Analysis::Kazakh { kazakh::STOP_WORDS } else { &[] };
        StopWordFilter::remove(words.iter().map(|word| (*word).to_owned()))
    })
}

/// Whether a query word is a stop word in one of the analysed languages: such a word is left out
/// of a query altogether, so "the protests" finds what "protests" finds, in every language.
pub fn is_stop_word(word: &str) -> bool {
    !Analysis::Plain.terms(word).is_empty()
        && [Analysis::English, Analysis::Russian, Analysis::Kazakh]
            .into_iter()
            .any(|analysis| analysis.terms(word).is_empty())
}

fn strip_kazakh(word: &str) -> Option<String> {
    let stem = kazakh::strip_suffixes(word);
    (stem.len() != word.len()).then(|| stem.to_owned())
}

fn folded_key(word: &str) -> Option<String> {
    let key = script::search_key(word);
    (!key.is_empty() && key != word).then_some(key)
}

/// Registers every analysis under its name.
pub fn register(manager: &TokenizerManager) {
    for analysis in Analysis::LANGUAGES.into_iter().chain([Analysis::Key]) {
        manager.register(analysis.tokenizer_name(), analysis.analyzer());
    }
}

/// A token filter that rewrites each token's text with a function (`None`: keep it as it is).
#[derive(Clone, Copy)]
struct Rewrite(fn(&str) -> Option<String>);

impl TokenFilter for Rewrite {
    type Tokenizer<T: Tokenizer> = RewriteTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RewriteTokenizer<T> {
        RewriteTokenizer { inner: tokenizer, rewrite: self.0 }
    }
}

#[derive(Clone)]
struct RewriteTokenizer<T> {
    inner: T,
    rewrite: fn(&str) -> Option<String>,
}

impl<T: Tokenizer> Tokenizer for RewriteTokenizer<T> {
    type TokenStream<'a> = RewriteStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RewriteStream { inner: self.inner.token_stream(text), rewrite: self.rewrite }
    }
}

struct RewriteStream<S> {
    inner: S,
    rewrite: fn(&str) -> Option<String>,
}

impl<S: TokenStream> TokenStream for RewriteStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        if let Some(text) = (self.rewrite)(&token.text) {
            token.text = text;
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::{Analysis, is_stop_word};

    fn check(analysis: Analysis, pairs: &[(&str, &str)]) {
        for (left, right) in pairs {
            assert_eq!(analysis.terms(left), analysis.terms(right), "{left} ~ {right}");
            assert!(!analysis.terms(left).is_empty(), "{left} yields terms");
        }
    }

    #[test]
    fn russian_morphological_variants_share_terms() {
        check(
            Analysis::Russian,
            &[("протестов", "протесты"), ("выборах", "выборы"), ("журналистами", "журналист")],
        );
        check(Analysis::Russian, &[("ёлка", "елка"), ("Протестов", "протестов")]);
    }

    #[test]
    fn english_morphological_variants_share_terms() {
        check(
            Analysis::English,
            &[("protests", "protest"), ("elections", "election"), ("reported", "reporting")],
        );
    }

    #[test]
    fn kazakh_variants_share_terms() {
        check(Analysis::Kazakh, &[("қалаларда", "қала"), ("наразылықтар", "наразылыққа")]);
    }

    #[test]
    fn stop_words_yield_no_terms() {
        assert!(Analysis::English.terms("the of and").is_empty());
        assert!(Analysis::Russian.terms("и в на").is_empty());
        assert!(Analysis::Kazakh.terms("және бұл").is_empty());
        assert!(is_stop_word("ещё") && is_stop_word("The") && is_stop_word("және"));
        assert!(!is_stop_word("протесты") && !is_stop_word("court"));
    }

    #[test]
    fn keys_cross_scripts() {
        assert_eq!(Analysis::Key.terms("Алматы"), Analysis::Key.terms("Almaty"));
        assert_eq!(Analysis::Key.terms("Жаңаөзен"), Analysis::Key.terms("Zhanaozen"));
    }
}
