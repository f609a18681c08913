//! The screen: runs word lists, spam rules, duplicate checks and the model on one comment and returns a
//! [`Verdict`] of labelled findings with reasons and spans — advice for moderators, never a deletion.
use serde::{Deserialize, Serialize};

use crate::classifier::{Model, SUB_LABELS, Thresholds};
use crate::features::{Analysis, analyze};
use crate::language::Lang;
use crate::lexicon::{Category, Hit, Lexicon, MatchKind};
use crate::spam::{Fingerprint, fingerprint_normalized, is_near_duplicate};

/// What a finding says about a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// On a site's banned list.
    Banned,
    /// The same (or nearly the same) comment was posted before.
    Duplicate,
    /// Attack on a group (identity).
    Hate,
    /// Obscenity and profanity.
    Obscene,
    /// Insult or threat aimed at a person.
    Attack,
    /// Rude or abusive without a finer label.
    Toxic,
    /// Promotional or off-topic.
    Spam,
    /// On a site's suspect list: worth a closer look, not a reason on its own.
    Suspect,
}

impl Label {
    /// Lowercase name (`"hate"`), as in the data files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Label::Banned => "banned",
            Label::Duplicate => "duplicate",
            Label::Hate => "hate",
            Label::Obscene => "obscene",
            Label::Attack => "attack",
            Label::Toxic => "toxic",
            Label::Spam => "spam",
            Label::Suspect => "suspect",
        }
    }

    /// The label named `name` (as [`Label::name`] writes it).
    pub fn from_name(name: &str) -> Option<Label> {
        [
            Label::Banned,
            Label::Duplicate,
            Label::Hate,
            Label::Obscene,
            Label::Attack,
            Label::Toxic,
            Label::Spam,
            Label::Suspect,
        ]
        .into_iter()
        .find(|label| label.name() == name)
    }

    fn from_category(category: Category) -> Label {
        match category {
            Category::Obscene => Label::Obscene,
            Category::Hate => Label::Hate,
            Category::Attack => Label::Attack,
            Category::Toxic => Label::Toxic,
            Category::Spam => Label::Spam,
            Category::Banned => Label::Banned,
            Category::Suspect => Label::Suspect,
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One reason to look at a comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What kind of problem.
    pub label: Label,
    /// Stable machine code for translating the reason, e.g. `lexicon.obscene.evasion`, `model.attack`,
    /// `spam.links`, `duplicate.exact`, `site.banned`.
    pub code: &'static str,
    /// Human-readable explanation in English.
    pub reason: String,
    /// Byte ranges `(start, end)` (end exclusive) into the ORIGINAL comment text of the words concerned; empty
    /// when the finding is about the whole comment. Use [`char_spans`] for character offsets.
    pub spans: Vec<(usize, usize)>,
    /// What drove the finding, readable on its own next to the score: for a word-list finding the matched list
    /// entries as written in the list (`сігейін*`); for the model the (at most three) words of the comment
    /// whose features — the word, its stems and folded spellings, its character groups — added most to the
    /// score, as written in the comment, or the comment-wide signals (links, capitals…) when no word did; for a
    /// spam rule the links or the repeated run. Empty only for duplicates (the reason says it all).
    pub evidence: Vec<String>,
}

/// The screen's advice on one comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Findings, most serious label first. May be non-empty even when the comment may be approved (a
    /// suspect word, one link).
    pub labels: Vec<Finding>,
    /// Probability (0–1) that the comment should not be approved: the model's score, raised by rules
    /// (banned words, duplicates, hidden obscenity).
    pub score: f32,
    /// Language used for folding and word lists (the hint if it named one of ours, else detected).
    pub language: Option<Lang>,
    /// `score >= threshold`: sort it to the "probably reject" pile and show the findings.
    pub should_not_be_approved: bool,
    /// Fingerprint to store with the comment and pass back in [`CommentInput::recent`] later.
    pub fingerprint: Fingerprint,
}

impl Verdict {
    /// The label that best describes why the comment should not be approved: the first finding that is not
    /// `Suspect`, or `None`.
    pub fn primary_label(&self) -> Option<Label> {
        self.labels.iter().map(|f| f.label).find(|l| *l != Label::Suspect)
    }
}

/// Convert byte spans into character (Unicode scalar) spans of the same text, for clients that count
/// characters.
pub fn char_spans(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let to_char = |byte: usize| text.get(..byte).map_or(0, |s| s.chars().count());
    spans.iter().map(|&(s, e)| (to_char(s), to_char(e))).collect()
}

/// One comment to screen.
#[derive(Debug, Clone, Copy, Default)]
pub struct CommentInput<'a> {
    /// The comment as submitted.
    pub text: &'a str,
    /// Language of the page or the commenter's interface (`"ru"`, `"kk-KZ"`); used when it names en, ru or kk.
    pub lang_hint: Option<&'a str>,
    /// Fingerprints of earlier comments by the same author or on the same article (supplied by storage);
    /// a match makes a `Duplicate` finding.
    pub recent: &'a [Fingerprint],
}

/// Knobs of the screen. The defaults are what the reported figures were measured with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenOptions {
    /// Score at or above which `should_not_be_approved` is set, for every language; `None` uses the
    /// per-language thresholds stored with the model.
    pub threshold: Option<f32>,
    /// Score floor for a plain word-list hit of obscenity, hate or a personal attack (site rules do not approve
    /// them).
    pub lexicon_floor: f32,
    /// Score floor for a word-list hit that was hidden (l33t, homoglyphs, spacing, masking, elongation).
    pub evasion_floor: f32,
}

impl Default for ScreenOptions {
    fn default() -> ScreenOptions {
        ScreenOptions { threshold: None, lexicon_floor: 0.6, evasion_floor: 0.9 }
    }
}

/// The comment screen: built-in word lists, site word lists and the model. Cheap to share (`&self`).
#[derive(Debug, Clone)]
pub struct Screen {
    builtin: Lexicon,
    site: Lexicon,
    model: Model,
    options: ScreenOptions,
}

impl Default for Screen {
    /// Built-in word lists and the embedded model, no site lists.
    fn default() -> Screen {
        Screen::new(&[])
    }
}

impl Screen {
    /// Screen with the built-in lists, the embedded model and the given site lists (banned / suspect words).
    /// If the embedded model cannot be read (it is checked by a unit test) the screen runs on rules alone.
    pub fn new(site_lexicons: &[Lexicon]) -> Screen {
        Screen::with_model(Model::embedded().unwrap_or_else(|_| Model::empty()), site_lexicons)
    }

    /// Screen with a given model (a freshly trained one, in cross-validation).
    pub fn with_model(model: Model, site_lexicons: &[Lexicon]) -> Screen {
        let mut site = Lexicon::default();
        for lexicon in site_lexicons {
            site.extend(lexicon);
        }
        Screen { builtin: Lexicon::builtin(), site, model, options: ScreenOptions::default() }
    }

    /// Change the options.
    pub fn with_options(mut self, options: ScreenOptions) -> Screen {
        self.options = options;
        self
    }

    /// The thresholds in force.
    pub fn thresholds(&self) -> Thresholds {
        self.options.threshold.map_or(self.model.thresholds(), Thresholds::uniform)
    }

    /// Screen one comment.
    pub fn screen(&self, input: &CommentInput<'_>) -> Verdict {
        let hint = input.lang_hint.and_then(Lang::from_code);
        let analysis = analyze(input.text, hint, &self.builtin);
        let fingerprint = fingerprint_normalized(&analysis.normalized);
        let mut findings: Vec<Finding> = Vec::new();
        let mut floor = 0.0f32;

        // Built-in word lists: one finding per category.
        floor = floor.max(self.lexicon_findings(
            &self.builtin,
            &analysis,
            &analysis.hits,
            &mut findings,
        ));
        // Site lists.
        if !self.site.is_empty() {
            let mut site_hits = Vec::new();
            self.site.find(&analysis.normalized, &mut site_hits);
            floor =
                floor.max(self.lexicon_findings(&self.site, &analysis, &site_hits, &mut findings));
        }
        // Spam rules.
        let spam = &analysis.spam;
        if spam.links >= 2 {
            findings.push(Finding {
                label: Label::Spam,
                code: "spam.links",
                reason: format!("{} links in one comment", spam.links),
                spans: spam.links().to_vec(),
                evidence: spam
                    .links()
                    .iter()
                    .filter_map(|&(s, e)| input.text.get(s..e))
                    .map(str::to_owned)
                    .collect(),
            });
        }
        if spam.longest_run >= 12 {
            findings.push(Finding {
                label: Label::Spam,
                code: "spam.repeated_characters",
                reason: format!("one character repeated {} times", spam.longest_run),
                spans: vec![spam.longest_run_span],
                evidence: input
                    .text
                    .get(spam.longest_run_span.0..spam.longest_run_span.1)
                    .map(str::to_owned)
                    .into_iter()
                    .collect(),
            });
        }
        // Duplicates of earlier comments.
        if !input.text.trim().is_empty()
            && let Some(prev) = input.recent.iter().find(|r| is_near_duplicate(r, &fingerprint))
        {
            let exact = prev.exact == fingerprint.exact;
            floor = floor.max(if exact { 0.95 } else { 0.8 });
            findings.push(Finding {
                label: Label::Duplicate,
                code: if exact { "duplicate.exact" } else { "duplicate.near" },
                reason: if exact {
                    "the same comment was already posted (site rule: repeated comments are treated as spam)".into()
                } else {
                    "nearly the same comment was already posted (site rule: repeated comments are treated as spam)"
                        .into()
                },
                spans: Vec::new(),
                evidence: Vec::new(),
            });
        }
        // The model.
        let probability = if analysis.normalized.tokens().is_empty() && spam.links == 0 {
            0.0 // nothing to judge: empty, whitespace, or symbols only
        } else {
            self.model.probability(&analysis.features)
        };
        let threshold = self.thresholds().for_lang(analysis.lang);
        if probability >= threshold {
            findings.push(self.model_finding(&analysis, probability, input.text));
        }
        let score = probability.max(floor);
        findings.sort_by_key(|f| f.label);
        let language = analysis.lang;
        analysis.recycle();
        Verdict {
            labels: findings,
            score,
            language,
            should_not_be_approved: score >= threshold,
            fingerprint,
        }
    }

    /// Findings for word-list hits; returns the score floor they impose.
    fn lexicon_findings(
        &self,
        lexicon: &Lexicon,
        analysis: &Analysis,
        hits: &[Hit],
        out: &mut Vec<Finding>,
    ) -> f32 {
        let mut floor = 0.0f32;
        let tokens = analysis.normalized.tokens();
        // Listed words already named in the reason, as (written, list) pairs: a word is named once.
        let mut named: Vec<(&str, &str)> = Vec::new();
        for category in Category::ALL {
            if !hits.iter().any(|h| h.category == category) {
                continue;
            }
            let mut spans = Vec::new();
            named.clear();
            let mut hidden = false;
            for hit in hits.iter().filter(|h| h.category == category) {
                let first = tokens[hit.token_from as usize];
                let last = tokens[hit.token_to as usize - 1];
                spans.push((first.orig_start as usize, last.orig_end as usize));
                if let Some(entry) = lexicon.entries().get(hit.entry as usize) {
                    let lang: &str = entry.lang.map_or(lexicon.name(), |l| l.code());
                    if !named.contains(&(entry.written.as_str(), lang)) {
                        named.push((entry.written.as_str(), lang));
                    }
                }
                hidden |= hit.how != MatchKind::Plain;
            }
            let label = Label::from_category(category);
            let site = category == Category::Banned || category == Category::Suspect;
            let (code, reason) = match (site, hidden) {
                (true, _) if category == Category::Banned => {
                    ("site.banned", "on the site's banned list")
                }
                (true, _) => ("site.suspect", "on the site's suspect list"),
                (false, true) => {
                    (evasion_code(category), "word list match, written to get past filters")
                }
                (false, false) => (plain_code(category), "word list match"),
            };
            floor = floor.max(match category {
                Category::Banned => 1.0,
                Category::Obscene | Category::Hate | Category::Attack if hidden => {
                    self.options.evasion_floor
                }
                Category::Obscene | Category::Hate | Category::Attack => self.options.lexicon_floor,
                _ => 0.0,
            });
            out.push(Finding {
                label,
                code,
                reason: findings::word_list_reason(reason, label, &named),
                spans,
                evidence: named.iter().map(|(written, _)| (*written).to_owned()).collect(),
            });
        }
        floor
    }

    /// The model's finding: its most likely sub-label and the words whose features pushed the score up most.
    fn model_finding(&self, analysis: &Analysis, probability: f32, text: &str) -> Finding {
        let subs = self.model.sub_probabilities(&analysis.features);
        let (best, best_p) = subs
            .iter()
            .enumerate()
            .fold((0usize, f32::MIN), |acc, (k, &p)| if p > acc.1 { (k, p) } else { acc });
        let label = SUB_LABELS[best];
        // Each word's contribution to the log-odds: the weights of all features it produced (word, bigram with
        // the word before, stems, folded spelling, character groups). Strongest first (at most three), shown in
        // text order; only words that clearly push towards "not approvable".
        let features = &analysis.features;
        let mut top = findings::TopWords::default();
        let mut start = 0usize;
        for (t, &end) in analysis.normalized.tokens().iter().zip(&analysis.token_ends) {
            let end = end as usize;
            let ids = features.text.get(start..end).unwrap_or(&[]);
            let w = self.model.text_contribution(features, ids);
            if w > 0.25 {
                top.offer(w, (t.orig_start as usize, t.orig_end as usize));
            }
            start = end;
        }
        let spans = top.into_spans();
        let mut evidence: Vec<String> =
            spans.iter().filter_map(|&(s, e)| text.get(s..e)).map(str::to_owned).collect();
        if evidence.is_empty() {
            evidence =
                findings::comment_signals(&analysis.spam, analysis.normalized.tokens().len());
        }
        Finding {
            label,
            code: model_code(label),
            reason: findings::model_reason(probability, label, best_p, &evidence),
            spans,
            evidence,
        }
    }
}

fn plain_code(category: Category) -> &'static str {
    match category {
        Category::Obscene => "lexicon.obscene",
        Category::Hate => "lexicon.hate",
        Category::Attack => "lexicon.attack",
        Category::Toxic => "lexicon.toxic",
        Category::Spam => "lexicon.spam",
        Category::Banned => "site.banned",
        Category::Suspect => "site.suspect",
    }
}

fn evasion_code(category: Category) -> &'static str {
    match category {
        Category::Obscene => "lexicon.obscene.evasion",
        Category::Hate => "lexicon.hate.evasion",
        Category::Attack => "lexicon.attack.evasion",
        Category::Toxic => "lexicon.toxic.evasion",
        Category::Spam => "lexicon.spam.evasion",
        Category::Banned => "site.banned",
        Category::Suspect => "site.suspect",
    }
}

fn model_code(label: Label) -> &'static str {
    match label {
        Label::Obscene => "model.obscene",
        Label::Hate => "model.hate",
        Label::Attack => "model.attack",
        Label::Spam => "model.spam",
        _ => "model.toxic",
    }
}

mod findings;

#[cfg(test)]
mod tests;
