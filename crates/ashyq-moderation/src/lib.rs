//! Comment screening for ashyq: folds comments against evasion, detects the language, matches explainable word
//! lists, scores with a small linear model, flags spam and duplicates, and returns findings with reasons and
//! spans for moderators. Pure: no I/O — callers read files and pass `&str` / bytes in.
//!
//! The published comment rules this serves: every comment is reviewed by a moderator before it appears;
//! posting the same comment more than once gets it treated as spam; hate speech, obscenity and personal
//! attacks are not approved. The screen is advice (sorting and flagging); it never drops a comment.
//!
//! # Using it
//!
//! ```
//! use ashyq_moderation::{CommentInput, Label, Screen};
//!
//! let screen = Screen::default(); // built-in word lists + embedded model
//! let verdict = screen.screen(&CommentInput { text: "you are a f.u.c.k.i.n.g idiot", lang_hint: Some("en"), recent: &[] });
//! assert!(verdict.should_not_be_approved);
//! assert!(verdict.labels.iter().any(|f| f.label == Label::Obscene));
//! // Spans are byte ranges into the original text.
//! let (start, end) = verdict.labels[0].spans[0];
//! assert_eq!(&"you are a f.u.c.k.i.n.g idiot"[start..end], "f.u.c.k.i.n.g");
//! ```
//!
//! # Modules
//!
//! - [`normalize`]: `normalize(text) -> Normalized` — NFKD without marks, lowercase, invisible characters
//!   dropped, Latin/Cyrillic homoglyphs and l33t mapped per word, repeated letters cut to two, separators inside
//!   words removed; each [`normalize::Token`] keeps its byte span in the original text.
//! - [`language`]: `detect_language(text) -> Option<Lang>` for `en`, `ru`, `kk`.
//! - [`lexicon`]: built-in word lists (`lexicons/{en,ru,kk}.txt`, embedded) and site lists
//!   ([`Lexicon::parse`], [`Lexicon::from_words`]) with categories obscene / hate / attack / toxic / spam /
//!   banned / suspect and `allow` exceptions against the Scunthorpe problem.
//! - [`classifier`]: [`Model`] (logistic regression over hashed word 1–2-grams, character 3–5-grams and, for
//!   Russian, suffix-stripped stems; 8-bit weights, embedded from `model/screen.bin`; optionally a separate
//!   Russian head, see [`TrainOptions::russian_bits`]), [`train`], [`TrainOptions`],
//!   [`Model::to_bytes`] / [`Model::from_bytes`].
//! - [`spam`]: [`SpamSignals`] (links, repeated characters, caps) and [`fingerprint`] → [`Fingerprint`]
//!   `{ exact, simhash, tokens }` with [`is_near_duplicate`]; storage keeps fingerprints and passes recent ones
//!   back in [`CommentInput::recent`].
//! - [`screen`]: [`Screen`] → [`Verdict`] `{ labels: Vec<Finding>, score, language, should_not_be_approved,
//!   fingerprint }`; a [`Finding`] has a [`Label`], a stable `code` for translation, an English `reason` and
//!   `spans` as **byte** offsets into the original text ([`char_spans`] converts to character offsets).
//! - [`eval`]: [`parse_tsv`], [`evaluate`] → [`EvalReport`] (serde), [`cross_validate`].
//!
//! # How the score is made
//!
//! `score` is the model's probability that the comment should not be approved, raised to a floor by rules:
//! a site `banned` word → 1.0; an exact duplicate of a recent comment → 0.95 (near duplicate 0.8); an obscene,
//! hateful or attacking word-list hit that was disguised (l33t, homoglyphs, spacing, masking, elongation) →
//! 0.9; a plain one → 0.6. `should_not_be_approved` is `score >= threshold` of the comment's language (stored with
//! the model: en 0.92, ru 0.55, kk 0.61; DATA.md says how they were chosen). Empty and whitespace-only comments score 0.
//!
//! # Invariants
//!
//! - No I/O, no global state, no randomness at screening time; `train` is deterministic. (Folding and the
//!   screen reuse per-thread scratch buffers between calls, cleared before reuse; they carry nothing from one
//!   comment to the next.)
//! - Never panics on any input (checked against the Big List of Naughty Strings).
//! - Spans always lie on character boundaries of the original text.

mod chars;
pub mod classifier;
pub mod eval;
mod features;
mod hasher;
mod kazakh;
pub mod language;
pub mod lexicon;
pub mod normalize;
pub mod screen;
pub mod spam;
mod trie;

pub use classifier::{Model, ModelError, SUB_LABELS, Thresholds, TrainOptions, train};
pub use eval::{
    CrossValidation, DataLabel, DetectionStats, EvalReport, LabelStats, LabelledComment,
    Prediction, Prf, TsvError, cross_validate, evaluate, is_held_aside, parse_tsv,
    split_held_aside,
};
pub use language::{Lang, LanguageGuess, detect_language, guess_language};
pub use lexicon::{Category, Lexicon, LexiconError};
pub use normalize::{Normalized, normalize};
pub use screen::{CommentInput, Finding, Label, Screen, ScreenOptions, Verdict, char_spans};
pub use spam::{Fingerprint, SpamSignals, fingerprint, is_near_duplicate};
