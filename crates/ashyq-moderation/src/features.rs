//! Feature extraction shared by training and screening: one pass that folds the comment, finds word-list hits,
//! measures spam signals and hashes word unigrams, bigrams and character 3–5-grams into 32-bit feature ids.
use crate::hasher::{hash_str, mix64, step};
use crate::language::{Lang, detect_language};
use crate::lexicon::{Category, Hit, Lexicon, MatchKind};
use crate::normalize::{Normalized, normalize_with};
use crate::spam::SpamSignals;

/// Hashed features of one comment. `text` features are weighted `1/sqrt(len)` (so long comments do not get
/// extreme scores), `meta` features weigh 1.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatureVec {
    pub(crate) text: Vec<u32>,
    pub(crate) meta: Vec<u32>,
    /// Language the features were extracted for (picks the model's head).
    pub(crate) lang: Option<Lang>,
}

impl FeatureVec {
    /// Weight of each text feature.
    pub(crate) fn text_weight(&self) -> f32 {
        if self.text.is_empty() { 0.0 } else { 1.0 / (self.text.len() as f32).sqrt() }
    }
}

/// Everything the screen and the trainer need to know about one comment.
#[derive(Debug, Clone)]
pub(crate) struct Analysis {
    pub(crate) lang: Option<Lang>,
    pub(crate) normalized: Normalized,
    pub(crate) hits: Vec<Hit>,
    pub(crate) spam: SpamSignals,
    pub(crate) features: FeatureVec,
}

const SEED_WORD: u64 = 0x776f_7264;
const SEED_BIGRAM: u64 = 0x6269_6772;
const SEED_CHAR: u64 = 0x6368_6172;
const SEED_META: u64 = 0x6d65_7461;
const SEED_STEM: u64 = 0x7374_656d;
const SEED_RU_STEM: u64 = 0x7275_7374_656d;

/// Inflectional endings of Russian nouns, adjectives, participles and verbs (after `ё` → `е`), longest first
/// within each group. Reflexive `ся`/`сь` is stripped before these.
const RU_ENDINGS: [&str; 58] = [
    "ейшими",
    "ейшего",
    "ейшему",
    "ейшая",
    "ейший",
    "ующий",
    "ующая",
    "ующие",
    "ивший",
    "ывший",
    "енного",
    "енный",
    "енная",
    "енные",
    "ового",
    "ыми",
    "ими",
    "ого",
    "его",
    "ому",
    "ему",
    "ешь",
    "ете",
    "ите",
    "ишь",
    "ать",
    "ять",
    "ить",
    "еть",
    "ыть",
    "ала",
    "ило",
    "али",
    "или",
    "ами",
    "ями",
    "ую",
    "юю",
    "ая",
    "яя",
    "ое",
    "ее",
    "ые",
    "ие",
    "ый",
    "ий",
    "ой",
    "ых",
    "их",
    "ым",
    "им",
    "ом",
    "ем",
    "ах",
    "ях",
    "ам",
    "ям",
    "ов",
];
const RU_SHORT_ENDINGS: [&str; 16] =
    ["ев", "ей", "ут", "ют", "ат", "ят", "ет", "ит", "ал", "ил", "ть", "а", "я", "о", "е", "ы"];
const RU_LAST_ENDINGS: [&str; 4] = ["и", "у", "ю", "ь"];

/// Crude Russian stem: the word without a reflexive suffix and one inflectional ending, when at least three
/// letters remain; `None` when nothing was stripped (the word feature already covers it) or the word is not
/// all Cyrillic.
pub(crate) fn russian_stem(word: &str) -> Option<&str> {
    if word.len() < 8 || !word.chars().all(|c| ('\u{0430}'..='\u{044f}').contains(&c)) {
        return None; // under four Cyrillic letters, or mixed/masked
    }
    let mut w = word;
    for refl in ["ся", "сь"] {
        if let Some(rest) = w.strip_suffix(refl)
            && rest.chars().count() >= 4
        {
            w = rest;
            break;
        }
    }
    let groups: [&[&str]; 3] = [&RU_ENDINGS, &RU_SHORT_ENDINGS, &RU_LAST_ENDINGS];
    for group in groups {
        for ending in group {
            if let Some(rest) = w.strip_suffix(ending)
                && rest.chars().count() >= 3
            {
                return Some(rest);
            }
        }
    }
    (w.len() != word.len()).then_some(w)
}

#[inline]
fn feature_id(h: u64) -> u32 {
    (mix64(h) >> 32) as u32
}

fn meta(name: &str) -> u32 {
    feature_id(hash_str(SEED_META, name))
}

fn meta_bucket(name: &str, bucket: u32) -> u32 {
    feature_id(step(hash_str(SEED_META, name), bucket))
}

/// Fold and analyse `text`. The language is taken from `lang_hint` when it names one of ours, else detected.
pub(crate) fn analyze(text: &str, lang_hint: Option<Lang>, lexicon: &Lexicon) -> Analysis {
    let lang = lang_hint.or_else(|| detect_language(text));
    let normalized = normalize_with(text, lang);
    let mut hits = Vec::new();
    lexicon.find(&normalized, &mut hits);
    let spam = SpamSignals::of(text);
    let features = extract(&normalized, &hits, lexicon, &spam, lang);
    Analysis { lang, normalized, hits, spam, features }
}

fn extract(
    normalized: &Normalized,
    hits: &[Hit],
    lexicon: &Lexicon,
    spam: &SpamSignals,
    lang: Option<Lang>,
) -> FeatureVec {
    let lang_code = lang.map_or("none", Lang::code);
    let tokens = normalized.tokens();
    let mut f = FeatureVec {
        text: Vec::with_capacity(normalized.text().len() * 3 + tokens.len() * 2),
        meta: Vec::with_capacity(16),
        lang,
    };
    let russian = lang == Some(Lang::Ru);
    let mut prev_word: u64 = 0x0053_5441_5254; // start-of-comment marker
    let mut buf = [0u32; 34];
    for token in tokens {
        let word = normalized.token_str(token);
        let wh = hash_str(SEED_WORD, word);
        f.text.push(feature_id(wh));
        f.text.push(feature_id(step(prev_word ^ SEED_BIGRAM, (wh >> 32) as u32) ^ wh));
        prev_word = wh;
        // A crude stem (first five letters of longer words) for inflected Russian and Kazakh words.
        if token.end - token.start >= 12 || (word.is_ascii() && word.len() >= 7) {
            let stem_end = word.char_indices().nth(5).map_or(word.len(), |(i, _)| i);
            f.text.push(feature_id(hash_str(SEED_STEM, &word[..stem_end])));
        }
        // Russian: the word without its inflectional ending ("мрази", "мразью" → "мраз").
        if russian && let Some(stem) = russian_stem(word) {
            f.text.push(feature_id(hash_str(SEED_RU_STEM, stem)));
        }
        // Character n-grams of the word padded with spaces.
        let mut n = 0;
        buf[n] = u32::from(b' ');
        n += 1;
        for c in word.chars() {
            if n == buf.len() - 1 {
                break;
            }
            buf[n] = c as u32;
            n += 1;
        }
        buf[n] = u32::from(b' ');
        n += 1;
        for start in 0..n.saturating_sub(2) {
            let mut h = SEED_CHAR;
            for (len, &c) in buf[start..n.min(start + 5)].iter().enumerate() {
                h = step(h, c);
                if len >= 2 {
                    f.text.push(feature_id(h));
                }
            }
        }
    }
    if !tokens.is_empty() {
        f.text.push(feature_id(step(prev_word ^ SEED_BIGRAM, 0x0045_4e44)));
    }
    // Word-list hits: the category, whether it was hidden, and the listed word itself (so "f**k" and "fuck"
    // share a feature).
    for hit in hits {
        let category = hit.category;
        f.meta.push(meta(category_feature(category)));
        f.meta
            .push(feature_id(hash_str(hash_str(SEED_META, category_feature(category)), lang_code)));
        if hit.how != MatchKind::Plain {
            f.meta.push(meta("lexicon:evasion"));
            if let Some(entry) = lexicon.entries().get(hit.entry as usize) {
                let canonical = entry.written.trim_matches('*');
                f.text.push(feature_id(hash_str(SEED_WORD, canonical)));
            }
        }
    }
    // The language: its own base rate (the sources differ a lot in how many comments they flag).
    f.meta.push(feature_id(hash_str(SEED_META ^ 0x6c61_6e67, lang_code)));
    // Spam and shouting signals, bucketed.
    f.meta.push(meta_bucket("links", spam.links.min(4)));
    if spam.mentions > 0 {
        f.meta.push(meta_bucket("mentions", spam.mentions.min(3)));
    }
    f.meta.push(meta_bucket(
        "longest_run",
        match spam.longest_run {
            0..=2 => 0,
            3..=4 => 1,
            5..=9 => 2,
            _ => 3,
        },
    ));
    f.meta.push(meta_bucket("caps", (spam.caps_ratio() * 4.0) as u32));
    f.meta.push(meta_bucket("exclamations", spam.exclamations.min(4)));
    f.meta.push(meta_bucket("tokens", (usize::BITS - tokens.len().leading_zeros()).min(9)));
    f
}

fn category_feature(category: Category) -> &'static str {
    match category {
        Category::Obscene => "lexicon:obscene",
        Category::Hate => "lexicon:hate",
        Category::Attack => "lexicon:attack",
        Category::Toxic => "lexicon:toxic",
        Category::Spam => "lexicon:spam",
        Category::Banned => "lexicon:banned",
        Category::Suspect => "lexicon:suspect",
    }
}

/// Feature id of one folded word (for explaining which words pushed the score up).
pub(crate) fn word_feature(word: &str) -> u32 {
    feature_id(hash_str(SEED_WORD, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_stems_strip_one_ending() {
        assert_eq!(russian_stem("мразями"), Some("мраз"));
        assert_eq!(russian_stem("тупыми"), Some("туп"));
        assert_eq!(russian_stem("дебилы"), Some("дебил"));
        assert_eq!(russian_stem("ругается"), Some("руга"));
        assert_eq!(russian_stem("кот"), None); // too short
        assert_eq!(russian_stem("х*йня"), None); // masked
        assert_eq!(russian_stem("idiots"), None);
    }
}
