//! Explainable word lists: the built-in English, Russian and Kazakh lists (`lexicons/*.txt`, embedded) and
//! site lists supplied at run time, matched on folded tokens with stems, infixes, phrases and exceptions.
//!
//! File format (also accepted by [`Lexicon::parse`] for site lists): one entry per line, `CATEGORY ENTRY`;
//! `#` starts a comment line. `ENTRY` is one word or a phrase of words:
//!
//! | entry | matches a folded word that |
//! |---|---|
//! | `word` | equals `word` |
//! | `stem*` | starts with `stem` |
//! | `*part*` | contains `part` |
//! | `*end` | ends with `end` |
//!
//! Categories: `obscene`, `hate`, `attack`, `toxic`, `spam`, `banned`, `suspect`, and `allow` for exceptions:
//! a word that matches an `allow` entry never counts as a hit, which is how "shitake" survives `shit*` and
//! "застрахуй" survives `*хуй*`. Exact words and stems are preferred to infixes precisely to avoid the
//! Scunthorpe problem ("assassin", "scrap", "классный" contain listed letters but are not listed words).
//!
//! Evasions are matched too: tokens are folded by [`crate::normalize`] (l33t, homoglyphs, separators), an
//! elongated token ("fuuuuck") is also tried with every repeated letter cut to one, and a masked token
//! ("f**k", "п*здец", "х**") is compared with `*` standing for any one letter (at least one letter known and
//! three characters long).
use std::fmt;

use serde::Serialize;

use crate::hasher::FxMap;
use crate::language::Lang;
use crate::normalize::fold_entry;

mod index;
mod matching;
use index::{FirstChars, Index, Pattern, PatternKind, kazakh_on_russian_keyboard, skeleton};

/// What a word-list entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Obscenity and profanity.
    Obscene,
    /// Attack on a group (identity).
    Hate,
    /// Insult or threat aimed at a person.
    Attack,
    /// Rude without a finer category.
    Toxic,
    /// Promotional or off-topic.
    Spam,
    /// Site list: never approve.
    Banned,
    /// Site list: look closer.
    Suspect,
}

impl Category {
    /// All categories, in a stable order.
    pub const ALL: [Category; 7] = [
        Category::Obscene,
        Category::Hate,
        Category::Attack,
        Category::Toxic,
        Category::Spam,
        Category::Banned,
        Category::Suspect,
    ];

    /// The name used in word-list files.
    pub fn name(self) -> &'static str {
        match self {
            Category::Obscene => "obscene",
            Category::Hate => "hate",
            Category::Attack => "attack",
            Category::Toxic => "toxic",
            Category::Spam => "spam",
            Category::Banned => "banned",
            Category::Suspect => "suspect",
        }
    }

    fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A word list that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LexiconError {
    /// The category at the start of the line is not one we know.
    #[error(
        "{source_name}:{line}: unknown category `{category}` (expected one of obscene, hate, attack, toxic, spam, banned, suspect, allow)"
    )]
    UnknownCategory {
        /// Name of the list (a file name, usually).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What was found.
        category: String,
    },
    /// A category with no entry after it.
    #[error("{source_name}:{line}: category `{category}` has no word after it")]
    MissingEntry {
        /// Name of the list.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// The category.
        category: String,
    },
    /// An entry that folds to nothing (only punctuation, or only `*`).
    #[error("{source_name}:{line}: entry `{entry}` has no letters or digits to match")]
    EmptyEntry {
        /// Name of the list.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// The entry as written.
        entry: String,
    },
}

/// One entry of a word list.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry as written in the list (with its `*` markers).
    pub written: String,
    /// Its category.
    pub category: Category,
    /// The language of the list it came from, if the list has one.
    pub lang: Option<Lang>,
    parts: Vec<Pattern>,
}

/// How a hit was found; anything but `Plain` is a sign that someone tried to hide the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The word as written (after case and accent folding).
    Plain,
    /// Found after undoing l33t, homoglyphs, inserted separators or invisible characters.
    Folded,
    /// Found after cutting repeated letters.
    Elongated,
    /// Found by reading `*` as any letter.
    Masked,
}

/// A word-list match in a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the entry in [`Lexicon::entries`].
    pub entry: u32,
    /// The entry's category.
    pub category: Category,
    /// First token (index into [`Normalized::tokens`](crate::normalize::Normalized::tokens)).
    pub token_from: u32,
    /// One past the last token.
    pub token_to: u32,
    /// How it was found.
    pub how: MatchKind,
}

/// A compiled word list (or several merged).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    name: String,
    entries: Vec<Entry>,
    single: Index,
    /// Patterns with repeated letters cut to one, for elongated tokens.
    single_skeleton: Index,
    /// Multi-word entries, by the first character of their first word.
    phrases: FxMap<char, Vec<u32>>,
    phrase_firsts: FirstChars,
    allow: Vec<Pattern>,
}

const BUILTIN_EN: &str = include_str!("../lexicons/en.txt");
const BUILTIN_RU: &str = include_str!("../lexicons/ru.txt");
const BUILTIN_KK: &str = include_str!("../lexicons/kk.txt");

impl Lexicon {
    /// The built-in English, Russian and Kazakh lists merged into one.
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon { name: "built-in".into(), ..Lexicon::default() };
        for (text, name, lang) in [
            (BUILTIN_EN, "lexicons/en.txt", Lang::En),
            (BUILTIN_RU, "lexicons/ru.txt", Lang::Ru),
            (BUILTIN_KK, "lexicons/kk.txt", Lang::Kk),
        ] {
            // The built-in files are checked by a unit test; a bad line is skipped rather than panicking.
            let _ = lexicon.add_text(text, name, Some(lang));
        }
        lexicon
    }

    /// The built-in list for one language only.
    pub fn builtin_for(lang: Lang) -> Lexicon {
        let (text, name) = match lang {
            Lang::En => (BUILTIN_EN, "lexicons/en.txt"),
            Lang::Ru => (BUILTIN_RU, "lexicons/ru.txt"),
            Lang::Kk => (BUILTIN_KK, "lexicons/kk.txt"),
        };
        let mut lexicon = Lexicon { name: name.into(), ..Lexicon::default() };
        let _ = lexicon.add_text(text, name, Some(lang));
        lexicon
    }

    /// Parse a word list in the file format above (a site list). `source_name` is used in error messages.
    pub fn parse(
        text: &str,
        source_name: &str,
        lang: Option<Lang>,
    ) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon { name: source_name.to_owned(), ..Lexicon::default() };
        lexicon.add_text(text, source_name, lang)?;
        Ok(lexicon)
    }

    /// A site list from plain words or phrases, all of one category (`banned` or `suspect`, typically).
    /// Entries may use the `*` stem markers. Empty entries are skipped.
    pub fn from_words<'a>(
        name: &str,
        category: Category,
        lang: Option<Lang>,
        words: impl IntoIterator<Item = &'a str>,
    ) -> Lexicon {
        let mut lexicon = Lexicon { name: name.to_owned(), ..Lexicon::default() };
        for word in words {
            lexicon.add_entry(word.trim(), Some(category), lang);
        }
        lexicon
    }

    /// Name of the list.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The entries, indexed by [`Hit::entry`].
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn add_text(
        &mut self,
        text: &str,
        source_name: &str,
        lang: Option<Lang>,
    ) -> Result<(), LexiconError> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (category, entry) = match line.split_once(char::is_whitespace) {
                Some((c, e)) => (c, e.trim()),
                None => (line, ""),
            };
            let category_parsed = if category == "allow" {
                None
            } else {
                Some(Category::parse(category).ok_or_else(|| LexiconError::UnknownCategory {
                    source_name: source_name.to_owned(),
                    line: n + 1,
                    category: category.to_owned(),
                })?)
            };
            if entry.is_empty() {
                return Err(LexiconError::MissingEntry {
                    source_name: source_name.to_owned(),
                    line: n + 1,
                    category: category.to_owned(),
                });
            }
            if !self.add_entry(entry, category_parsed, lang) {
                return Err(LexiconError::EmptyEntry {
                    source_name: source_name.to_owned(),
                    line: n + 1,
                    entry: entry.to_owned(),
                });
            }
        }
        Ok(())
    }

    /// Add one entry; `category` `None` means an `allow` exception. Returns false if it folds to nothing.
    fn add_entry(&mut self, written: &str, category: Option<Category>, lang: Option<Lang>) -> bool {
        let mut parts = Vec::new();
        for word in written.split_whitespace() {
            let starts = word.starts_with('*');
            let ends = word.ends_with('*') && word.len() > 1;
            let core = word.trim_matches('*');
            let folded = fold_entry(core, lang);
            if folded.is_empty() {
                return false;
            }
            // A word that folds to several tokens ("t-shirt") becomes several exact parts.
            let pieces: Vec<&str> = folded.split(' ').collect();
            let last = pieces.len() - 1;
            for (i, piece) in pieces.iter().enumerate() {
                let kind = match (starts && i == 0, ends && i == last) {
                    (true, true) => PatternKind::Infix,
                    (false, true) => PatternKind::Prefix,
                    (true, false) => PatternKind::Suffix,
                    (false, false) => PatternKind::Exact,
                };
                parts.push(Pattern { kind, text: (*piece).to_owned() });
            }
        }
        if parts.is_empty() {
            return false;
        }
        let Some(category) = category else {
            self.allow.extend(parts);
            return true;
        };
        self.entries.push(Entry { written: written.to_owned(), category, lang, parts });
        self.index_last();
        true
    }

    /// Put the last entry into the lookup tables.
    fn index_last(&mut self) {
        let id = self.entries.len() as u32 - 1;
        let Some(entry) = self.entries.last() else {
            return;
        };
        if entry.parts.len() == 1 {
            let pattern = &entry.parts[0];
            self.single.insert(pattern, id);
            let skel = Pattern { kind: pattern.kind, text: skeleton(&pattern.text) };
            if skel.text == pattern.text || skel.text.chars().count() >= 4 {
                self.single_skeleton.insert(&skel, id);
            }
            if entry.lang == Some(Lang::Kk) && pattern.text.chars().count() >= 5 {
                let typed =
                    Pattern { kind: pattern.kind, text: kazakh_on_russian_keyboard(&pattern.text) };
                if typed.text != pattern.text {
                    self.single.insert(&typed, id);
                }
            }
        } else if let Some(first) = entry.parts[0].text.chars().next() {
            self.phrases.entry(first).or_default().push(id);
            self.phrase_firsts.insert(first);
        }
    }

    /// Append the entries and exceptions of `other` (used to merge site lists into one lookup).
    pub fn extend(&mut self, other: &Lexicon) {
        for entry in &other.entries {
            self.entries.push(entry.clone());
            self.index_last();
        }
        self.allow.extend(other.allow.iter().cloned());
    }
}

#[cfg(test)]
mod tests;
