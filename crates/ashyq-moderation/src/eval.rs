//! Labelled data and evaluation: the TSV format of `moderation-data` (see its SOURCES.md), precision / recall /
//! F1 for "should not be approved" overall, per language and per label, false-positive rate on clean rows,
//! throughput, and k-fold cross-validation split by folded-text hash.
//!
//! What is reported:
//! - `precision`, `recall`, `f1`: for the positive class "should not be approved" (any label but `clean`).
//! - `per_language`: the same, grouped by the row's `lang` column (the data's language, not the detected one).
//! - `per_label`: for each gold label, `rows` and `recall` = share of those rows flagged (for `clean` that is
//!   the false-positive rate), and `sub_label_recall` = share of the label's rows that were flagged AND whose
//!   primary predicted label ([`Verdict::primary_label`](crate::screen::Verdict::primary_label)) equals the
//!   gold label. Precision per sub-label is not reported: the sources label differently (all of
//!   `en-toxicspans` is non-clean; Davidson has no `attack`), so it would mostly measure the mix.
//! - `false_positive_rate`: clean rows flagged ÷ clean rows.
//! - `comments_per_second`: rows ÷ seconds of a single-threaded loop screening each row on its own (no
//!   batching, no duplicate history), model and word lists loaded before the clock starts.
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use serde::Serialize;

use crate::classifier::{Thresholds, TrainOptions, train};
use crate::language::Lang;
use crate::screen::{CommentInput, Label, Screen, ScreenOptions};
use crate::spam::fingerprint;

mod detection;
pub use detection::{DetectionStats, language_detection};

/// Gold label of a data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DataLabel {
    /// May be approved.
    Clean,
    /// Obscenity, profanity.
    Obscene,
    /// Attack on a group.
    Hate,
    /// Insult or threat at a person.
    Attack,
    /// Rude or abusive without a finer label.
    Toxic,
    /// Promotional or off-topic spam.
    Spam,
}

impl DataLabel {
    /// All labels, in file order.
    pub const ALL: [DataLabel; 6] = [
        DataLabel::Clean,
        DataLabel::Obscene,
        DataLabel::Hate,
        DataLabel::Attack,
        DataLabel::Toxic,
        DataLabel::Spam,
    ];

    /// Name as in the files.
    pub fn name(self) -> &'static str {
        match self {
            DataLabel::Clean => "clean",
            DataLabel::Obscene => "obscene",
            DataLabel::Hate => "hate",
            DataLabel::Attack => "attack",
            DataLabel::Toxic => "toxic",
            DataLabel::Spam => "spam",
        }
    }

    /// The label named `name` (as [`DataLabel::name`] writes it, as in the files).
    pub fn from_name(name: &str) -> Option<DataLabel> {
        DataLabel::ALL.into_iter().find(|l| l.name() == name)
    }

    fn matches(self, label: Label) -> bool {
        matches!(
            (self, label),
            (DataLabel::Obscene, Label::Obscene)
                | (DataLabel::Hate, Label::Hate)
                | (DataLabel::Attack, Label::Attack)
                | (DataLabel::Toxic, Label::Toxic)
                | (DataLabel::Spam, Label::Spam | Label::Duplicate)
        )
    }
}

/// One labelled comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledComment {
    /// Row id (`<source>-<id>`).
    pub id: String,
    /// Language column as written (`en`, `ru`, …).
    pub lang: String,
    /// Gold label.
    pub label: DataLabel,
    /// Comment text.
    pub text: String,
    /// The `orig_label` column (`key=value;…`; empty when the file has none). Our own sets keep their tags here
    /// (`topic=hard`, `script=latn`, `mix=ru`, `evasion=…`, see `data/GUIDELINES.md`).
    pub tags: String,
}

impl LabelledComment {
    /// The value of tag `key` in [`LabelledComment::tags`], if present.
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags.split(';').find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
    }

    /// A clean comment on a hard topic (violence, detention, ethnicity, language, politics…): `topic=hard`.
    pub fn is_hard_civil(&self) -> bool {
        self.label == DataLabel::Clean && self.tag("topic") == Some("hard")
    }
}

/// The held-aside rule of every labelled set (shared and ours): a row is held aside for measurement, never
/// trained on or tuned on, when the first byte of the SHA-256 of its UTF-8 text is divisible by 5.
pub fn is_held_aside(text: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())[0] % 5 == 0
}

/// Split rows into (training rows, held-aside rows) by [`is_held_aside`], keeping their order.
pub fn split_held_aside(
    rows: Vec<LabelledComment>,
) -> (Vec<LabelledComment>, Vec<LabelledComment>) {
    rows.into_iter().partition(|r| !is_held_aside(&r.text))
}

/// A TSV file that could not be read; the message names the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TsvError {
    /// The file has no header line.
    #[error("{file}: empty file, expected a header line `id<TAB>lang<TAB>label<TAB>text…`")]
    Empty {
        /// File name.
        file: String,
    },
    /// The header does not start with the expected columns.
    #[error("{file}:1: header must start with `id<TAB>lang<TAB>label<TAB>text`, found `{found}`")]
    BadHeader {
        /// File name.
        file: String,
        /// The header's first columns.
        found: String,
    },
    /// Fewer than four columns.
    #[error(
        "{file}:{line}: expected at least 4 tab-separated columns (id, lang, label, text), found {found}"
    )]
    TooFewColumns {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// Columns found.
        found: usize,
    },
    /// A label that is not one of the six.
    #[error(
        "{file}:{line}: unknown label `{label}` (expected clean, obscene, hate, attack, toxic or spam)"
    )]
    UnknownLabel {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What was found.
        label: String,
    },
    /// An empty id column.
    #[error("{file}:{line}: empty id")]
    EmptyId {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
    },
    /// An id used twice in one file.
    #[error("{file}:{line}: id `{id}` already used on line {first_line}")]
    DuplicateId {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The id.
        id: String,
        /// Where it was first used.
        first_line: usize,
    },
}

/// Parse a TSV file (header, then `id lang label text [extra columns…]`, no quoting). `file_name` is used in
/// error messages only. Blank lines are skipped; a trailing `\r` is removed.
pub fn parse_tsv(text: &str, file_name: &str) -> Result<Vec<LabelledComment>, TsvError> {
    let mut lines = text.split('\n').enumerate();
    let header = lines.next().map(|(_, l)| l.trim_end_matches('\r')).unwrap_or("");
    if header.is_empty() {
        return Err(TsvError::Empty { file: file_name.to_owned() });
    }
    let head: Vec<&str> = header.split('\t').take(4).collect();
    if head != ["id", "lang", "label", "text"] {
        return Err(TsvError::BadHeader { file: file_name.to_owned(), found: head.join("\t") });
    }
    let mut rows = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (n, line) in lines {
        let line_no = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.splitn(6, '\t').collect();
        if cols.len() < 4 {
            return Err(TsvError::TooFewColumns {
                file: file_name.to_owned(),
                line: line_no,
                found: cols.len(),
            });
        }
        let id = cols[0];
        if id.is_empty() {
            return Err(TsvError::EmptyId { file: file_name.to_owned(), line: line_no });
        }
        let label = DataLabel::from_name(cols[2]).ok_or_else(|| TsvError::UnknownLabel {
            file: file_name.to_owned(),
            line: line_no,
            label: cols[2].to_owned(),
        })?;
        if let Some(&first_line) = seen.get(id) {
            return Err(TsvError::DuplicateId {
                file: file_name.to_owned(),
                line: line_no,
                id: id.to_owned(),
                first_line,
            });
        }
        seen.insert(id.to_owned(), line_no);
        rows.push(LabelledComment {
            id: id.to_owned(),
            lang: cols[1].to_owned(),
            label,
            text: cols[3].to_owned(),
            tags: cols.get(4).map_or_else(String::new, |t| (*t).to_owned()),
        });
    }
    Ok(rows)
}

/// Precision, recall and F1 of "should not be approved" for a group of rows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Flagged rows that are not clean ÷ flagged rows.
    pub precision: f64,
    /// Flagged non-clean rows ÷ non-clean rows.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Rows in the group.
    pub rows: usize,
    /// Flagged clean rows ÷ clean rows (0 when there are none).
    pub false_positive_rate: f64,
}

/// Per-label figures (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LabelStats {
    /// Rows with this gold label.
    pub rows: usize,
    /// Share of them flagged as not approvable (for `clean`: the false-positive rate).
    pub recall: f64,
    /// Share flagged with this label as the primary predicted label (absent for `clean`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_label_recall: Option<f64>,
}

/// Evaluation figures; serializes to the JSON the CLI prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Overall precision for "should not be approved".
    pub precision: f64,
    /// Overall recall.
    pub recall: f64,
    /// Overall F1.
    pub f1: f64,
    /// Single-threaded throughput.
    pub comments_per_second: f64,
    /// By the `lang` column.
    pub per_language: BTreeMap<String, Prf>,
    /// By gold label.
    pub per_label: BTreeMap<String, LabelStats>,
    /// Clean rows flagged ÷ clean rows.
    pub false_positive_rate: f64,
    /// Rows evaluated.
    pub rows: usize,
    /// Decision thresholds used (by the row's language).
    pub thresholds: Thresholds,
    /// Civil comments on hard topics (`topic=hard`, label clean), by the `lang` column: rows and the share
    /// flagged. Only languages with such rows appear.
    pub hard_civil: BTreeMap<String, LabelStats>,
    /// Per-label figures by the `lang` column (e.g. recall on Kazakh attacks: `["kk"]["attack"].recall`).
    pub per_language_label: BTreeMap<String, BTreeMap<String, LabelStats>>,
    /// Language detection on the rows, by group (`en`, `ru`, `kk`, `kk-latn`, `kk+ru`), independent of the
    /// `lang` hint the screen is given.
    pub language_detection: BTreeMap<String, DetectionStats>,
}

/// The screen's output for one row, kept so thresholds can be swept without screening again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Verdict score.
    pub score: f32,
    /// Primary label of the verdict.
    pub primary: Option<Label>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn add(&mut self, gold_bad: bool, flagged: bool) {
        match (gold_bad, flagged) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn prf(&self) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.tp, self.tp + self.fp);
        let recall = ratio(self.tp, self.tp + self.fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            rows: self.tp + self.fp + self.fn_ + self.tn,
            false_positive_rate: ratio(self.fp, self.fp + self.tn),
        }
    }
}

/// Screen every row and time it.
pub fn predict(screen: &Screen, rows: &[LabelledComment]) -> (Vec<Prediction>, f64) {
    let mut out = Vec::with_capacity(rows.len());
    let start = Instant::now();
    for row in rows {
        let verdict = screen.screen(&CommentInput {
            text: &row.text,
            lang_hint: Some(&row.lang),
            recent: &[],
        });
        out.push(Prediction { score: verdict.score, primary: verdict.primary_label() });
    }
    (out, start.elapsed().as_secs_f64())
}

/// Build a report from predictions at thresholds (chosen by each row's `lang`). `seconds` is the screening
/// time of all rows.
pub fn report(
    rows: &[LabelledComment],
    predictions: &[Prediction],
    thresholds: Thresholds,
    seconds: f64,
) -> EvalReport {
    let mut overall = Counts::default();
    let mut per_language: BTreeMap<String, Counts> = BTreeMap::new();
    let mut per_label: BTreeMap<DataLabel, (usize, usize, usize)> = BTreeMap::new();
    let mut hard: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut lang_label: BTreeMap<(String, DataLabel), (usize, usize, usize)> = BTreeMap::new();
    for (row, p) in rows.iter().zip(predictions) {
        let bad = row.label != DataLabel::Clean;
        let flagged = p.score >= thresholds.for_lang(Lang::from_code(&row.lang));
        overall.add(bad, flagged);
        per_language.entry(row.lang.clone()).or_default().add(bad, flagged);
        let e = per_label.entry(row.label).or_default();
        e.0 += 1;
        e.1 += usize::from(flagged);
        let right = flagged && p.primary.is_some_and(|l| row.label.matches(l));
        e.2 += usize::from(right);
        let e = lang_label.entry((row.lang.clone(), row.label)).or_default();
        e.0 += 1;
        e.1 += usize::from(flagged);
        e.2 += usize::from(right);
        if row.is_hard_civil() {
            let h = hard.entry(row.lang.clone()).or_default();
            h.0 += 1;
            h.1 += usize::from(flagged);
        }
    }
    let stats = |label: DataLabel, (n, flagged, right): (usize, usize, usize)| {
        let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        LabelStats {
            rows: n,
            recall: share(flagged),
            sub_label_recall: (label != DataLabel::Clean).then(|| share(right)),
        }
    };
    let mut per_language_label: BTreeMap<String, BTreeMap<String, LabelStats>> = BTreeMap::new();
    for ((lang, label), counts) in lang_label {
        per_language_label
            .entry(lang)
            .or_default()
            .insert(label.name().to_owned(), stats(label, counts));
    }
    let o = overall.prf();
    EvalReport {
        precision: o.precision,
        recall: o.recall,
        f1: o.f1,
        comments_per_second: if seconds > 0.0 { rows.len() as f64 / seconds } else { 0.0 },
        per_language: per_language.into_iter().map(|(k, c)| (k, c.prf())).collect(),
        per_label: per_label
            .into_iter()
            .map(|(label, counts)| (label.name().to_owned(), stats(label, counts)))
            .collect(),
        false_positive_rate: o.false_positive_rate,
        rows: rows.len(),
        thresholds,
        hard_civil: hard
            .into_iter()
            .map(|(lang, (n, flagged))| (lang, stats(DataLabel::Clean, (n, flagged, 0))))
            .collect(),
        per_language_label,
        language_detection: language_detection(rows),
    }
}

/// Screen `rows` with `screen` and report.
pub fn evaluate(screen: &Screen, rows: &[LabelledComment]) -> EvalReport {
    let (predictions, seconds) = predict(screen, rows);
    report(rows, &predictions, screen.thresholds(), seconds)
}

/// Out-of-fold predictions of k-fold cross-validation.
#[derive(Debug, Clone)]
pub struct CrossValidation {
    /// One per input row, in input order, each made by a model that never saw that row.
    pub predictions: Vec<Prediction>,
    /// Total seconds spent screening (not training).
    pub seconds: f64,
    /// Thresholds of the screens.
    pub thresholds: Thresholds,
}

impl CrossValidation {
    /// Report at the screens' threshold.
    pub fn report(&self, rows: &[LabelledComment]) -> EvalReport {
        report(rows, &self.predictions, self.thresholds, self.seconds)
    }
}

/// Fold of a row: by the hash of its folded text, so identical (and cosmetically different) texts share a
/// fold and cannot leak from training into testing.
pub fn fold_of(text: &str, k: usize) -> usize {
    (fingerprint(text).exact % k.max(1) as u64) as usize
}

/// k-fold cross-validation: for each fold, train on the other folds with `train_options`, screen the fold
/// with `screen_options`, and keep the out-of-fold predictions.
pub fn cross_validate(
    rows: &[LabelledComment],
    k: usize,
    train_options: &TrainOptions,
    screen_options: ScreenOptions,
) -> CrossValidation {
    let k = k.max(2);
    let folds: Vec<usize> = rows.iter().map(|r| fold_of(&r.text, k)).collect();
    let mut predictions = vec![Prediction { score: 0.0, primary: None }; rows.len()];
    let mut seconds = 0.0;
    let mut thresholds = train_options.thresholds;
    for fold in 0..k {
        let train_rows: Vec<LabelledComment> =
            rows.iter().zip(&folds).filter(|(_, f)| **f != fold).map(|(r, _)| r.clone()).collect();
        let test_idx: Vec<usize> = (0..rows.len()).filter(|&i| folds[i] == fold).collect();
        let test_rows: Vec<LabelledComment> = test_idx.iter().map(|&i| rows[i].clone()).collect();
        let model = train(&train_rows, train_options);
        let screen = Screen::with_model(model, &[]).with_options(screen_options);
        thresholds = screen.thresholds();
        let (fold_predictions, fold_seconds) = predict(&screen, &test_rows);
        seconds += fold_seconds;
        for (i, p) in test_idx.into_iter().zip(fold_predictions) {
            predictions[i] = p;
        }
    }
    CrossValidation { predictions, seconds, thresholds }
}

/// Ids that occur in more than one file (for callers merging files).
pub fn duplicate_ids(rows: &[LabelledComment]) -> Vec<String> {
    let mut seen = HashSet::new();
    rows.iter().filter(|r| !seen.insert(r.id.as_str())).map(|r| r.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id\tlang\tlabel\ttext\torig_label\tspans\n";

    fn check_err(body: &str, expected: &str) {
        let err = parse_tsv(&format!("{HEADER}{body}"), "x.tsv").expect_err("should fail");
        assert_eq!(err.to_string(), expected);
    }

    #[test]
    fn parses_rows_with_extra_columns() {
        let rows = parse_tsv(
            &format!("{HEADER}a-1\ten\tclean\thello there\tclass=2\t\r\na-2\tru\ttoxic\tну ты\n\n"),
            "x.tsv",
        )
        .expect("parses");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text, "hello there");
        assert_eq!(rows[0].tags, "class=2");
        assert_eq!(rows[0].tag("class"), Some("2"));
        assert_eq!(rows[1].tags, "");
        assert_eq!(rows[1].label, DataLabel::Toxic);
        assert_eq!(rows[1].lang, "ru");
    }

    #[test]
    fn errors_name_file_and_line() {
        check_err(
            "a-1\ten\tnasty\thello\n",
            "x.tsv:2: unknown label `nasty` (expected clean, obscene, hate, attack, toxic or spam)",
        );
        check_err(
            "a-1\ten\tclean\n",
            "x.tsv:2: expected at least 4 tab-separated columns (id, lang, label, text), found 3",
        );
        check_err(
            "a-1\ten\tclean\tx\na-1\ten\tclean\ty\n",
            "x.tsv:3: id `a-1` already used on line 2",
        );
        check_err("\ten\tclean\tx\n", "x.tsv:2: empty id");
        assert_eq!(
            parse_tsv("text\tid\n", "y.tsv").expect_err("bad header").to_string(),
            "y.tsv:1: header must start with `id<TAB>lang<TAB>label<TAB>text`, found `text\tid`"
        );
        assert!(matches!(parse_tsv("", "z.tsv"), Err(TsvError::Empty { .. })));
    }

    #[test]
    fn report_counts() {
        let rows: Vec<LabelledComment> = [
            (DataLabel::Clean, 0.1),
            (DataLabel::Clean, 0.9),
            (DataLabel::Hate, 0.8),
            (DataLabel::Toxic, 0.2),
        ]
        .iter()
        .enumerate()
        .map(|(i, (l, _))| LabelledComment {
            id: i.to_string(),
            lang: "en".into(),
            label: *l,
            text: String::new(),
            tags: if i == 1 { "topic=hard".into() } else { String::new() },
        })
        .collect();
        let preds: Vec<Prediction> = [0.1, 0.9, 0.8, 0.2]
            .iter()
            .map(|&s| Prediction { score: s, primary: Some(Label::Hate) })
            .collect();
        let r = report(&rows, &preds, Thresholds::uniform(0.5), 1.0);
        assert!((r.precision - 0.5).abs() < 1e-9);
        assert!((r.recall - 0.5).abs() < 1e-9);
        assert!((r.false_positive_rate - 0.5).abs() < 1e-9);
        assert_eq!(r.per_label["hate"].sub_label_recall, Some(1.0));
        assert_eq!(r.per_label["toxic"].recall, 0.0);
        let json = serde_json::to_value(&r).expect("serializes");
        for key in ["precision", "recall", "f1", "comments_per_second", "per_language", "per_label"]
        {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert!(json["per_language"]["en"].get("f1").is_some());
        // Row 1 is the only hard-topic civil row, and it was flagged.
        assert_eq!(r.hard_civil["en"].rows, 1);
        assert_eq!(r.hard_civil["en"].recall, 1.0);
        assert_eq!(r.per_language_label["en"]["hate"].recall, 1.0);
        assert_eq!(r.per_language_label["en"]["clean"].rows, 2);
    }
}
