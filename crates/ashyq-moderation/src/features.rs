//! Feature extraction shared by training and screening: one pass that folds the comment, finds word-list hits,
//! measures spam signals and hashes word unigrams, bigrams and character 3–5-grams into 32-bit feature ids.
use crate::hasher::{hash_str, mix64, step};
use crate::kazakh;
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
    /// Feature id of each folded token as a word unigram, in token order (explanations look their weights
    /// up; kept so they are not hashed twice).
    pub(crate) word_ids: Vec<u32>,
    /// For each folded token, the end (exclusive) of its features in `features.text`; its features start at the
    /// previous token's end (or 0). Explanations sum a word's contribution over them.
    pub(crate) token_ends: Vec<u32>,
}

const SEED_WORD: u64 = 0x776f_7264;
const SEED_BIGRAM: u64 = 0x6269_6772;
const SEED_CHAR: u64 = 0x6368_6172;
const SEED_META: u64 = 0x6d65_7461;
const SEED_STEM: u64 = 0x7374_656d;
const SEED_RU_STEM: u64 = 0x7275_7374_656d;
const SEED_KK_FOLD: u64 = 0x6b6b_666f_6c64;
const SEED_KK_STEM: u64 = 0x6b6b_7374_656d;

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
    // From here every character is two bytes long, so "at least n letters" is "at least 2n bytes"; and an
    // ending can only match if its last letter (two bytes) is the word's, which rules out most endings with
    // one comparison instead of a `memcmp` call each.
    let ends_with = |w: &str, ending: &str| {
        let (w, e) = (w.as_bytes(), ending.as_bytes());
        w.len() >= e.len() && w[w.len() - 2..] == e[e.len() - 2..] && w.ends_with(e)
    };
    let mut w = word;
    for refl in ["ся", "сь"] {
        if ends_with(w, refl) && w.len() - refl.len() >= 2 * 4 {
            w = &w[..w.len() - refl.len()];
            break;
        }
    }
    let groups: [&[&str]; 3] = [&RU_ENDINGS, &RU_SHORT_ENDINGS, &RU_LAST_ENDINGS];
    for group in groups {
        for ending in group {
            if ends_with(w, ending) && w.len() - ending.len() >= 2 * 3 {
                return Some(&w[..w.len() - ending.len()]);
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

/// Buffers of an [`Analysis`] given back by [`Analysis::recycle`], kept per thread so screening a comment does
/// not allocate them again (the feature list of a long comment is too big for the allocator's fast path).
/// They hold nothing from one comment to the next: they are cleared before they are kept.
#[derive(Debug, Default)]
struct Spare {
    text: Vec<u32>,
    meta: Vec<u32>,
    word_ids: Vec<u32>,
    token_ends: Vec<u32>,
    hits: Vec<Hit>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = std::cell::RefCell::default();
}

impl Analysis {
    /// Hand the buffers back for the next comment on this thread (what is not handed back is simply freed).
    pub(crate) fn recycle(self) {
        crate::normalize::recycle(self.normalized);
        const KEEP: usize = 1 << 14;
        let mut spare = Spare {
            text: self.features.text,
            meta: self.features.meta,
            word_ids: self.word_ids,
            token_ends: self.token_ends,
            hits: self.hits,
        };
        if spare.text.capacity() > KEEP || spare.word_ids.capacity() > KEEP {
            return; // an unusually long comment: give the memory back
        }
        spare.text.clear();
        spare.meta.clear();
        spare.word_ids.clear();
        spare.token_ends.clear();
        spare.hits.clear();
        let _ = SPARE.try_with(|cell| {
            if let Ok(mut kept) = cell.try_borrow_mut() {
                *kept = spare;
            }
        });
    }
}

/// Fold and analyse `text`. The language is taken from `lang_hint` when it names one of ours, else detected.
pub(crate) fn analyze(text: &str, lang_hint: Option<Lang>, lexicon: &Lexicon) -> Analysis {
    analyze_with(text, lang_hint, lexicon, false)
}

/// [`analyze`] for a training row: the words of VK reply markup give no features (see [`mention_markup`]).
pub(crate) fn analyze_for_training(
    text: &str,
    lang_hint: Option<Lang>,
    lexicon: &Lexicon,
) -> Analysis {
    analyze_with(text, lang_hint, lexicon, true)
}

fn analyze_with(
    text: &str,
    lang_hint: Option<Lang>,
    lexicon: &Lexicon,
    training: bool,
) -> Analysis {
    let lang = lang_hint.or_else(|| detect_language(text));
    let normalized = normalize_with(text, lang);
    let spare = SPARE
        .try_with(|cell| {
            cell.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default()
        })
        .unwrap_or_default();
    let mut hits = spare.hits;
    lexicon.find(&normalized, &mut hits);
    let spam = SpamSignals::of(text);
    let mut word_ids = spare.word_ids;
    word_ids.reserve(normalized.tokens().len());
    let mut token_ends = spare.token_ends;
    token_ends.reserve(normalized.tokens().len());
    let mut features = FeatureVec { text: spare.text, meta: spare.meta, lang };
    let mentions = if spam.mentions > 0 { mention_markup(text, training) } else { Vec::new() };
    let words = Words { normalized: &normalized, hits: &hits, skip: &mentions };
    extract(&words, lexicon, &spam, &mut features, &mut word_ids, &mut token_ends);
    Analysis { lang, normalized, hits, spam, features, word_ids, token_ends }
}

/// Byte ranges of VK reply markup (`[id123|Name]`, `[club123|Name]`): who a comment answers, not what it says.
/// With `whole` (training rows) the range is the whole markup: its words give the model no features, so it
/// cannot learn the id or the name of the person replied to (in the Russian data a reply's thread leaked its
/// toxicity to every reply to the same person; DATA.md, "Error audit"). Without it (screening) the range is only
/// `[id123`: the name is screened like any other words, so words wrapped in look-alike markup are not hidden from
/// the model, and only the numeric id, which cannot carry an insult, is left out. Either way the reply itself
/// still counts through the `mentions` signal.
fn mention_markup(text: &str, whole: bool) -> Vec<(u32, u32)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find('[')) {
        let start = from + at;
        from = start + 1;
        let body = &text[start + 1..];
        let Some(tail) = body.strip_prefix("id").or_else(|| body.strip_prefix("club")) else {
            continue;
        };
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        let Some(name) = tail[digits..].strip_prefix('|').filter(|_| digits > 0) else {
            continue;
        };
        // `name` is a suffix of `text`: its offset is what the two lengths differ by.
        let name_at = text.len() - name.len();
        if let Some(close) = name.find(']').filter(|&e| e <= 80 && !name[..e].contains('[')) {
            let end = name_at + close + 1;
            spans.push((start as u32, if whole { end } else { name_at - 1 } as u32));
            from = end;
        }
    }
    spans
}

/// The folded comment with its word-list hits and the byte ranges of the original whose tokens give no features.
struct Words<'a> {
    normalized: &'a Normalized,
    hits: &'a [Hit],
    skip: &'a [(u32, u32)],
}

fn extract(
    words: &Words<'_>,
    lexicon: &Lexicon,
    spam: &SpamSignals,
    f: &mut FeatureVec,
    word_ids: &mut Vec<u32>,
    token_ends: &mut Vec<u32>,
) {
    let (normalized, hits) = (words.normalized, words.hits);
    let lang = f.lang;
    let lang_code = lang.map_or("none", Lang::code);
    let tokens = normalized.tokens();
    f.text.reserve(normalized.text().len() * 3 + tokens.len() * 2);
    f.meta.reserve(16);
    let russian = lang == Some(Lang::Ru);
    let kazakh = lang == Some(Lang::Kk);
    let mut kk_fold = String::new();
    let mut prev_word: u64 = 0x0053_5441_5254; // start-of-comment marker
    let mut buf = [0u32; 34];
    // At most 3 n-grams (lengths 3, 4, 5) start at each of the 32 characters a word contributes.
    let mut grams = [0u32; 3 * 32];
    for token in tokens {
        let word = normalized.token_str(token);
        if words.skip.iter().any(|&(s, e)| token.orig_start >= s && token.orig_end <= e) {
            word_ids.push(0);
            token_ends.push(f.text.len() as u32);
            continue;
        }
        let wh = hash_str(SEED_WORD, word);
        f.text.push(feature_id(wh));
        word_ids.push(feature_id(wh));
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
        // Kazakh: one spelling for Cyrillic, Russian-keyboard and Latin forms, and its stem.
        if kazakh && kazakh::fold(word, &mut kk_fold) {
            f.text.push(feature_id(hash_str(SEED_KK_FOLD, &kk_fold)));
            if let Some(stem) = kazakh::stem(&kk_fold) {
                f.text.push(feature_id(hash_str(SEED_KK_STEM, stem)));
            }
        }
        // Character n-grams of the word padded with spaces, hashed into a stack buffer and appended at once
        // (a push per n-gram re-checked the vector's capacity and length in memory every time).
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
        let mut m = 0;
        for start in 0..n.saturating_sub(2) {
            let mut h = SEED_CHAR;
            for (len, &c) in buf[start..n.min(start + 5)].iter().enumerate() {
                h = step(h, c);
                if len >= 2 {
                    grams[m] = feature_id(h);
                    m += 1;
                }
            }
        }
        f.text.extend_from_slice(&grams[..m]);
        token_ends.push(f.text.len() as u32);
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

/// Feature id of one folded word (what [`Analysis::word_ids`] holds per token).
#[cfg(test)]
pub(crate) fn word_feature(word: &str) -> u32 {
    feature_id(hash_str(SEED_WORD, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vk_reply_markup_is_found_by_byte_range() {
        let text =
            "[id12|Имя], ответ [club5|Группа] и [idx|нет] [id7 Имя] [id3дебил|x] [id3|без конца";
        let found = |whole| -> Vec<&str> {
            mention_markup(text, whole)
                .iter()
                .map(|&(s, e)| &text[s as usize..e as usize])
                .collect()
        };
        assert_eq!(found(true), ["[id12|Имя]", "[club5|Группа]"]);
        assert_eq!(found(false), ["[id12", "[club5"]);
        assert!(mention_markup("[id]", true).is_empty());
    }

    #[test]
    fn the_person_a_reply_answers_gives_no_training_features() {
        // Error audit (DATA.md): out-of-fold, an empty reply "[id…|Name]," scored 0.67 because the other replies
        // to the same person were toxic. The name and id of the person answered must not reach the model.
        let lexicon = Lexicon::builtin();
        let features = |t: &str| {
            let a = analyze_for_training(t, Some(Lang::Ru), &lexicon);
            (a.features.text, a.features.meta, a.normalized.tokens().len(), a.token_ends.len())
        };
        let (text_a, meta_a, tokens_a, ends_a) = features("[id692715088|Кирилл], ты прав");
        let (text_b, meta_b, _, _) = features("[id15|Пётр], ты прав");
        assert_eq!((&text_a, &meta_a), (&text_b, &meta_b));
        assert_eq!(
            tokens_a, ends_a,
            "every token keeps its (empty) feature range for explanations"
        );
        // Still a reply (the `mentions` signal), and the words after the markup still count.
        assert_ne!(meta_a, features("ты прав").1);
        assert_ne!(text_a, features("[id15|Пётр], ты не прав").0);
    }

    #[test]
    fn words_wrapped_in_reply_markup_are_still_screened() {
        // Skipping the name when screening would let anyone hide words from the model inside "[id1|…]"; only the
        // numeric id is left out, so a reply to one person is screened like a reply to another of the same name.
        let lexicon = Lexicon::builtin();
        let screened = |t: &str| analyze(t, Some(Lang::Ru), &lexicon).features.text;
        let hidden = screened("[id1|Пустобрёх Тупорылый], ну и что");
        assert!(hidden.contains(&word_feature("тупорылый")));
        assert_ne!(hidden, screened("[id1|Пётр Иванов], ну и что"));
        assert_eq!(screened("[id692715088|Кирилл], ок"), screened("[id15|Кирилл], ок"));
    }

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

    /// The plain form of [`russian_stem`], before byte-level comparisons.
    fn russian_stem_plain(word: &str) -> Option<&str> {
        if word.len() < 8 || !word.chars().all(|c| ('\u{0430}'..='\u{044f}').contains(&c)) {
            return None;
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

    #[test]
    fn russian_stem_agrees_with_the_plain_form() {
        // Every ending on stems of one to five letters, with and without a reflexive suffix.
        let all: Vec<&str> =
            RU_ENDINGS.iter().chain(&RU_SHORT_ENDINGS).chain(&RU_LAST_ENDINGS).copied().collect();
        for stem in ["м", "мр", "мра", "мраз", "мразь", "ёлка", "abc"] {
            for ending in all.iter().chain(&["", "ся", "сь", "ась"]) {
                for refl in ["", "ся", "сь"] {
                    let word = format!("{stem}{ending}{refl}");
                    assert_eq!(russian_stem(&word), russian_stem_plain(&word), "{word:?}");
                }
            }
        }
    }

    #[test]
    fn word_ids_are_the_word_features_of_the_tokens() {
        let lexicon = Lexicon::builtin();
        for text in
            ["you are a f.u.c.k.i.n.g idiot", "Ну ты x у й, правда", "", "!!!", "сен ақымақсың"]
        {
            let a = analyze(text, None, &lexicon);
            let expected: Vec<u32> = a
                .normalized
                .tokens()
                .iter()
                .map(|t| word_feature(a.normalized.token_str(t)))
                .collect();
            assert_eq!(a.word_ids, expected, "{text:?}");
        }
    }
}
