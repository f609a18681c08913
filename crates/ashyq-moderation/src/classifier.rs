//! The statistical model: logistic regression over hashed features (one head for "should not be approved",
//! five one-vs-rest heads for the sub-label), trained deterministically with AdaGrad and stored as 8-bit
//! weights. The committed weights (`model/screen.bin`) are embedded with `include_bytes!`.
use crate::eval::{DataLabel, LabelledComment};
use crate::features::{FeatureVec, analyze_for_training};
use crate::hasher::Rng;
use crate::language::Lang;
use crate::lexicon::Lexicon;
use crate::screen::Label;

/// The sub-labels the model's second set of heads predicts, in head order.
pub const SUB_LABELS: [Label; 5] =
    [Label::Obscene, Label::Hate, Label::Attack, Label::Toxic, Label::Spam];

const MAGIC: &[u8; 8] = b"ASHYQMD1";
/// Version 2: version 1 followed by the Russian head (`ru_bits`, scale, bias, weights).
const MAGIC_V2: &[u8; 8] = b"ASHYQMD2";

/// The embedded, committed model.
static EMBEDDED: &[u8] = include_bytes!("../model/screen.bin");

/// Decision thresholds per language: a comment is flagged when its score is at or above the threshold of its
/// language. Kept per language because the sources (and so the model's calibration) differ by language.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Thresholds {
    /// English.
    pub en: f32,
    /// Russian.
    pub ru: f32,
    /// Kazakh.
    pub kk: f32,
    /// Undetected language.
    pub other: f32,
}

impl Thresholds {
    /// The same threshold for every language.
    pub fn uniform(t: f32) -> Thresholds {
        Thresholds { en: t, ru: t, kk: t, other: t }
    }

    /// Threshold for a language.
    pub fn for_lang(&self, lang: Option<Lang>) -> f32 {
        match lang {
            Some(Lang::En) => self.en,
            Some(Lang::Ru) => self.ru,
            Some(Lang::Kk) => self.kk,
            None => self.other,
        }
    }
}

/// Settings of a training run. The defaults are the ones the committed model was trained with.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training rows.
    pub epochs: u32,
    /// AdaGrad learning rate.
    pub learning_rate: f32,
    /// L2 penalty per update.
    pub l2: f32,
    /// log2 of the number of weights of the main head.
    pub main_bits: u32,
    /// log2 of the number of weight slots of the sub-label heads.
    pub sub_bits: u32,
    /// Seed of the row shuffle.
    pub seed: u64,
    /// Probabilities at or above which a comment is flagged as not approvable, stored in the model.
    pub thresholds: Thresholds,
    /// Weight of Russian rows in the loss of the shared head (there are 15 times fewer of them than English
    /// ones).
    pub russian_weight: f32,
    /// log2 of the number of weights of the separate Russian head, trained on Russian rows only and used to
    /// score comments in Russian; 0 = no separate head (Russian is scored by the shared head).
    pub russian_bits: u32,
    /// Passes over the Russian rows for the Russian head.
    pub russian_epochs: u32,
    /// AdaGrad learning rate of the Russian head.
    pub russian_learning_rate: f32,
    /// L2 penalty per update of the Russian head.
    pub russian_l2: f32,
    /// Loss weight of non-clean rows in the Russian head (class weighting: a fifth of the Russian rows are
    /// non-clean). The Russian head is logistic regression over naive-Bayes-scaled features (NB-LR).
    pub russian_positive_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            learning_rate: 0.1,
            l2: 1e-7,
            main_bits: 18,
            sub_bits: 15,
            seed: 0x0061_7368_7971,
            // Chosen from 5-fold cross-validation on the dev rows to keep the false-positive rate on clean
            // rows under 5% in each language while keeping recall (see DATA.md for the sweep).
            // Kazakh 0.60 and Russian 0.60 (was 0.55) from the same kind of sweep once the Kazakh and hard-topic
            // sets were added, on their training rows only (DATA.md). Russian back to 0.55 once the names in VK
            // reply markup stopped reaching the model: the shared Russian FPR at 0.55 is then below what it was
            // at 0.60 before (DATA.md, "Error audit of the shared Russian rows").
            thresholds: Thresholds { en: 0.92, ru: 0.55, kk: 0.61, other: 0.8 },
            russian_weight: 5.0,
            // A separate Russian head (`russian_bits: 16`) was measured and is not better at a Russian
            // false-positive rate under 5% (see DATA.md), so the shared head scores Russian.
            russian_bits: 0,
            russian_epochs: 10,
            russian_learning_rate: 0.1,
            russian_l2: 1e-7,
            russian_positive_weight: 1.0,
        }
    }
}

/// A model file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// Not a model file.
    #[error("not an ashyq moderation model (bad magic bytes)")]
    BadMagic,
    /// Cut short or with impossible sizes.
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(&'static str),
}

/// Trained weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    main_bits: u32,
    sub_bits: u32,
    main_scale: f32,
    main_bias: f32,
    thresholds: Thresholds,
    sub_scale: [f32; 5],
    sub_bias: [f32; 5],
    main: Vec<i8>,
    /// Interleaved: slot `i` holds the five sub-label weights at `5 * i ..`.
    sub: Vec<i8>,
    /// log2 of the Russian head's size; 0 = none (Russian is scored by the main head).
    ru_bits: u32,
    ru_scale: f32,
    ru_bias: f32,
    ru: Vec<i8>,
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// The model committed with the crate.
    pub fn embedded() -> Result<Model, ModelError> {
        Model::from_bytes(EMBEDDED)
    }

    /// A model that knows nothing (scores every comment 0.5 minus a little); used when the embedded model
    /// cannot be read, so screening still runs on word lists and rules.
    pub fn empty() -> Model {
        Model {
            main_bits: 1,
            sub_bits: 1,
            main_scale: 0.0,
            main_bias: -4.0,
            thresholds: Thresholds::uniform(0.5),
            sub_scale: [0.0; 5],
            sub_bias: [0.0; 5],
            main: vec![0; 2],
            sub: vec![0; 10],
            ru_bits: 0,
            ru_scale: 0.0,
            ru_bias: 0.0,
            ru: Vec::new(),
        }
    }

    /// The decision thresholds stored with the model.
    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// Return the model with other decision thresholds.
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Model {
        self.thresholds = thresholds;
        self
    }

    #[inline]
    fn main_index(&self, id: u32) -> usize {
        (id >> (32 - self.main_bits)) as usize
    }

    #[inline]
    fn sub_index(&self, id: u32) -> usize {
        (id >> (32 - self.sub_bits)) as usize * 5
    }

    /// Log-odds that the comment should not be approved.
    pub(crate) fn logit(&self, f: &FeatureVec) -> f32 {
        if self.ru_bits > 0 && f.lang == Some(Lang::Ru) {
            return self.ru_logit(f);
        }
        self.shared_logit(f)
    }

    fn shared_logit(&self, f: &FeatureVec) -> f32 {
        let mut text_sum = 0i32;
        for &id in &f.text {
            text_sum += i32::from(self.main[self.main_index(id)]);
        }
        let mut meta_sum = 0i32;
        for &id in &f.meta {
            meta_sum += i32::from(self.main[self.main_index(id)]);
        }
        self.main_bias + self.main_scale * (text_sum as f32 * f.text_weight() + meta_sum as f32)
    }

    /// Log-odds from the Russian head.
    fn ru_logit(&self, f: &FeatureVec) -> f32 {
        let shift = 32 - self.ru_bits;
        let mut text_sum = 0i32;
        for &id in &f.text {
            text_sum += i32::from(self.ru[(id >> shift) as usize]);
        }
        let mut meta_sum = 0i32;
        for &id in &f.meta {
            meta_sum += i32::from(self.ru[(id >> shift) as usize]);
        }
        self.ru_bias + self.ru_scale * (text_sum as f32 * f.text_weight() + meta_sum as f32)
    }

    /// Probability that the comment should not be approved.
    pub(crate) fn probability(&self, f: &FeatureVec) -> f32 {
        sigmoid(self.logit(f))
    }

    /// Probabilities of each sub-label (one-vs-rest, given that the comment is not approvable).
    pub(crate) fn sub_probabilities(&self, f: &FeatureVec) -> [f32; 5] {
        let mut text_sum = [0i32; 5];
        let mut meta_sum = [0i32; 5];
        // One bounds check per feature for its five weights (integer sums: the order does not matter).
        let add = |sum: &mut [i32; 5], id: u32| {
            let base = self.sub_index(id);
            if let Some(weights) = self.sub.get(base..base + 5) {
                for (s, &w) in sum.iter_mut().zip(weights) {
                    *s += i32::from(w);
                }
            }
        };
        for &id in &f.text {
            add(&mut text_sum, id);
        }
        for &id in &f.meta {
            add(&mut meta_sum, id);
        }
        let w = f.text_weight();
        let mut out = [0.0f32; 5];
        for k in 0..5 {
            out[k] = sigmoid(
                self.sub_bias[k]
                    + self.sub_scale[k] * (text_sum[k] as f32 * w + meta_sum[k] as f32),
            );
        }
        out
    }

    /// Contribution to the log-odds of a group of text features (one word's), in the head that scores
    /// `f.lang`: an integer sum of their 8-bit weights, scaled once (for explanations).
    pub(crate) fn text_contribution(&self, f: &FeatureVec, ids: &[u32]) -> f32 {
        let (table, shift, scale) = if self.ru_bits > 0 && f.lang == Some(Lang::Ru) {
            (&self.ru, 32 - self.ru_bits, self.ru_scale)
        } else {
            (&self.main, 32 - self.main_bits, self.main_scale)
        };
        let sum: i32 = ids.iter().map(|&id| i32::from(table[(id >> shift) as usize])).sum();
        sum as f32 * scale * f.text_weight()
    }

    /// Serialize: magic, sizes, scales and biases (little endian), then the 8-bit weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(96 + self.main.len() + self.sub.len() + self.ru.len());
        out.extend_from_slice(if self.ru_bits > 0 { MAGIC_V2 } else { MAGIC });
        out.extend_from_slice(&self.main_bits.to_le_bytes());
        out.extend_from_slice(&self.sub_bits.to_le_bytes());
        let t = self.thresholds;
        for v in [self.main_scale, self.main_bias, t.en, t.ru, t.kk, t.other] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in self.sub_scale.iter().chain(&self.sub_bias) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend(self.main.iter().map(|w| *w as u8));
        out.extend(self.sub.iter().map(|w| *w as u8));
        if self.ru_bits > 0 {
            out.extend_from_slice(&self.ru_bits.to_le_bytes());
            out.extend_from_slice(&self.ru_scale.to_le_bytes());
            out.extend_from_slice(&self.ru_bias.to_le_bytes());
            out.extend(self.ru.iter().map(|w| *w as u8));
        }
        out
    }

    /// Read a model written by [`Model::to_bytes`] (version 1, without a Russian head, or version 2).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let (rest, v2) = match bytes.strip_prefix(MAGIC.as_slice()) {
            Some(rest) => (rest, false),
            None => (bytes.strip_prefix(MAGIC_V2.as_slice()).ok_or(ModelError::BadMagic)?, true),
        };
        let mut reader = Reader(rest);
        let main_bits = reader.u32()?;
        let sub_bits = reader.u32()?;
        if !(1..=24).contains(&main_bits) || !(1..=24).contains(&sub_bits) {
            return Err(ModelError::Corrupt("table size out of range"));
        }
        let main_scale = reader.f32()?;
        let main_bias = reader.f32()?;
        let thresholds = Thresholds {
            en: reader.f32()?,
            ru: reader.f32()?,
            kk: reader.f32()?,
            other: reader.f32()?,
        };
        let mut sub_scale = [0.0; 5];
        for v in &mut sub_scale {
            *v = reader.f32()?;
        }
        let mut sub_bias = [0.0; 5];
        for v in &mut sub_bias {
            *v = reader.f32()?;
        }
        let main = reader.bytes(1usize << main_bits)?.iter().map(|b| *b as i8).collect();
        let sub = reader.bytes(5usize << sub_bits)?.iter().map(|b| *b as i8).collect();
        let (mut ru_bits, mut ru_scale, mut ru_bias, mut ru) = (0, 0.0, 0.0, Vec::new());
        if v2 {
            ru_bits = reader.u32()?;
            if !(1..=24).contains(&ru_bits) {
                return Err(ModelError::Corrupt("table size out of range"));
            }
            ru_scale = reader.f32()?;
            ru_bias = reader.f32()?;
            ru = reader.bytes(1usize << ru_bits)?.iter().map(|b| *b as i8).collect();
        }
        if !reader.0.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model {
            main_bits,
            sub_bits,
            main_scale,
            main_bias,
            thresholds,
            sub_scale,
            sub_bias,
            main,
            sub,
            ru_bits,
            ru_scale,
            ru_bias,
            ru,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.0.len() < n {
            return Err(ModelError::Corrupt("file ends early"));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

/// One logistic-regression head under training (full-precision weights plus AdaGrad accumulators).
struct Head {
    /// Per-weight input scale (NB-LR); empty = 1.
    scale: Vec<f32>,
    weights: Vec<f32>,
    grad_sq: Vec<f32>,
    bias: f32,
    bias_grad_sq: f32,
}

impl Head {
    fn new(size: usize) -> Head {
        Head {
            scale: Vec::new(),
            weights: vec![0.0; size],
            grad_sq: vec![0.0; size],
            bias: 0.0,
            bias_grad_sq: 0.0,
        }
    }

    fn logit(&self, idx: &[usize], text_count: usize, text_weight: f32) -> f32 {
        let mut z = self.bias;
        for (k, &i) in idx.iter().enumerate() {
            let s = self.scale.get(i).copied().unwrap_or(1.0);
            z += s * self.weights[i] * if k < text_count { text_weight } else { 1.0 };
        }
        z
    }

    #[allow(clippy::too_many_arguments)]
    fn update(
        &mut self,
        idx: &[usize],
        text_count: usize,
        text_weight: f32,
        y: f32,
        weight: f32,
        opts: &TrainOptions,
    ) {
        let p = sigmoid(self.logit(idx, text_count, text_weight));
        let g = (p - y) * weight;
        let lr = opts.learning_rate;
        for (k, &i) in idx.iter().enumerate() {
            let v = if k < text_count { text_weight } else { 1.0 }
                * self.scale.get(i).copied().unwrap_or(1.0);
            let grad = g * v + opts.l2 * self.weights[i];
            self.grad_sq[i] += grad * grad;
            self.weights[i] -= lr * grad / (self.grad_sq[i] + 1e-6).sqrt();
        }
        self.bias_grad_sq += g * g;
        self.bias -= lr * g / (self.bias_grad_sq + 1e-6).sqrt();
    }

    /// 8-bit weights with one scale: the largest weight maps to 127.
    fn quantize(&self) -> (Vec<i8>, f32) {
        let folded: Vec<f32>;
        let weights = if self.scale.is_empty() {
            &self.weights
        } else {
            folded = self.weights.iter().zip(&self.scale).map(|(w, s)| w * s).collect();
            &folded
        };
        let max = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        if max == 0.0 {
            return (vec![0; weights.len()], 0.0);
        }
        let scale = max / 127.0;
        let q = weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8).collect();
        (q, scale)
    }
}

/// Features of one training row, as table indices.
struct RowFeatures {
    main: Vec<usize>,
    sub: Vec<usize>,
    /// Indices into the Russian head (Russian rows only, when there is one).
    ru: Vec<usize>,
    text_count: usize,
    text_weight: f32,
    not_approvable: bool,
    sub_label: Option<usize>,
    weight: f32,
    russian: bool,
}

fn sub_label_index(label: DataLabel) -> Option<usize> {
    match label {
        DataLabel::Clean => None,
        DataLabel::Obscene => Some(0),
        DataLabel::Hate => Some(1),
        DataLabel::Attack => Some(2),
        DataLabel::Toxic => Some(3),
        DataLabel::Spam => Some(4),
    }
}

/// Train a model on labelled comments. Deterministic: the same rows in the same order with the same options
/// give the same bytes.
pub fn train(rows: &[LabelledComment], opts: &TrainOptions) -> Model {
    let lexicon = Lexicon::builtin();
    let main_size = 1usize << opts.main_bits;
    let sub_size = 1usize << opts.sub_bits;
    let main_shift = 32 - opts.main_bits;
    let sub_shift = 32 - opts.sub_bits;
    let ru_bits = opts.russian_bits.min(24);
    let ru_shift = 32 - ru_bits.max(1);
    let data: Vec<RowFeatures> = rows
        .iter()
        .map(|row| {
            let lang = Lang::from_code(&row.lang);
            let analysis = analyze_for_training(&row.text, lang, &lexicon);
            let f = analysis.features;
            let ids = f.text.iter().chain(&f.meta);
            let russian = lang == Some(Lang::Ru);
            RowFeatures {
                main: ids.clone().map(|&id| (id >> main_shift) as usize).collect(),
                sub: ids.clone().map(|&id| (id >> sub_shift) as usize).collect(),
                ru: if russian && ru_bits > 0 {
                    ids.map(|&id| (id >> ru_shift) as usize).collect()
                } else {
                    Vec::new()
                },
                text_count: f.text.len(),
                text_weight: f.text_weight(),
                not_approvable: row.label != DataLabel::Clean,
                sub_label: sub_label_index(row.label),
                weight: if russian { opts.russian_weight } else { 1.0 },
                russian,
            }
        })
        .collect();
    let mut main = Head::new(main_size);
    let mut subs: Vec<Head> = (0..5).map(|_| Head::new(sub_size)).collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(opts.seed);
    for _ in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &r in &order {
            let row = &data[r];
            let y = if row.not_approvable { 1.0 } else { 0.0 };
            main.update(&row.main, row.text_count, row.text_weight, y, row.weight, opts);
            if let Some(label) = row.sub_label {
                for (k, head) in subs.iter_mut().enumerate() {
                    let y = if k == label { 1.0 } else { 0.0 };
                    head.update(&row.sub, row.text_count, row.text_weight, y, row.weight, opts);
                }
            }
        }
    }
    let (main_q, main_scale) = main.quantize();
    let mut sub = vec![0i8; 5 * sub_size];
    let mut sub_scale = [0.0; 5];
    let mut sub_bias = [0.0; 5];
    for (k, head) in subs.iter().enumerate() {
        let (q, scale) = head.quantize();
        for (i, w) in q.into_iter().enumerate() {
            sub[5 * i + k] = w;
        }
        sub_scale[k] = scale;
        sub_bias[k] = head.bias;
    }
    let (ru, ru_scale, ru_bias) = if ru_bits > 0 {
        let head = train_russian_head(&data, ru_bits, opts);
        let (q, scale) = head.quantize();
        (q, scale, head.bias)
    } else {
        (Vec::new(), 0.0, 0.0)
    };
    Model {
        main_bits: opts.main_bits,
        sub_bits: opts.sub_bits,
        main_scale,
        main_bias: main.bias,
        thresholds: opts.thresholds,
        sub_scale,
        sub_bias,
        main: main_q,
        sub,
        ru_bits,
        ru_scale,
        ru_bias,
        ru,
    }
}

/// The Russian head: trained on the Russian rows alone, non-clean rows weighted by
/// `russian_positive_weight`.
fn train_russian_head(data: &[RowFeatures], bits: u32, opts: &TrainOptions) -> Head {
    let mut head = Head::new(1usize << bits);
    {
        // Naive-Bayes log-count ratios as input scales (NB-LR, Wang & Manning 2012): on this little data it
        // generalizes better than plain logistic regression. The scales are folded into the stored weights.
        let n = 1usize << bits;
        let (mut pos, mut neg) = (vec![1.0f32; n], vec![1.0f32; n]);
        for row in data.iter().filter(|r| r.russian) {
            let counts = if row.not_approvable { &mut pos } else { &mut neg };
            for &i in &row.ru {
                counts[i] += 1.0;
            }
        }
        let (sp, sn): (f32, f32) = (pos.iter().sum(), neg.iter().sum());
        head.scale =
            pos.iter().zip(&neg).map(|(p, q)| ((p / sp) / (q / sn)).ln().abs().max(0.1)).collect();
    }
    let head_opts = TrainOptions {
        learning_rate: opts.russian_learning_rate,
        l2: opts.russian_l2,
        ..opts.clone()
    };
    let mut order: Vec<usize> = (0..data.len()).filter(|&i| data[i].russian).collect();
    let mut rng = Rng::new(opts.seed ^ 0x7275);
    for _ in 0..opts.russian_epochs {
        rng.shuffle(&mut order);
        for &r in &order {
            let row = &data[r];
            let (y, w) =
                if row.not_approvable { (1.0, opts.russian_positive_weight) } else { (0.0, 1.0) };
            head.update(&row.ru, row.text_count, row.text_weight, y, w, &head_opts);
        }
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::analyze;

    fn row(id: usize, label: DataLabel, text: &str) -> LabelledComment {
        LabelledComment {
            id: format!("t-{id}"),
            lang: "en".into(),
            label,
            text: text.into(),
            tags: String::new(),
        }
    }

    fn sample() -> Vec<LabelledComment> {
        let mut rows = Vec::new();
        let clean = [
            "thanks for the article",
            "great reporting today",
            "the mayor spoke at noon",
            "i agree with you",
        ];
        let bad =
            ["you are a fucking idiot", "shut up moron", "go to hell you bitch", "fuck this shit"];
        for i in 0..10 {
            rows.push(row(2 * i, DataLabel::Clean, clean[i % 4]));
            rows.push(row(
                2 * i + 1,
                if i % 2 == 0 { DataLabel::Attack } else { DataLabel::Obscene },
                bad[i % 4],
            ));
        }
        rows
    }

    fn small() -> TrainOptions {
        TrainOptions { main_bits: 12, sub_bits: 10, epochs: 4, ..TrainOptions::default() }
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let rows = sample();
        let a = train(&rows, &small());
        let b = train(&rows, &small());
        assert_eq!(a.to_bytes(), b.to_bytes());
        let lexicon = Lexicon::builtin();
        let score = |t: &str| a.probability(&analyze(t, Some(Lang::En), &lexicon).features);
        assert!(score("you fucking idiot") > score("thanks for the reporting"));
    }

    #[test]
    fn bytes_round_trip_and_errors() {
        let model = train(&sample(), &small());
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes), Ok(model));
        assert_eq!(Model::from_bytes(b"nonsense"), Err(ModelError::BadMagic));
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::Corrupt(_))
        ));
    }

    #[test]
    fn russian_head_round_trips_and_scores_russian() {
        let mut rows = sample();
        let ru_clean = ["спасибо за статью", "хороший репортаж", "мэр выступил днем"];
        let ru_bad = ["ты тупой урод", "заткнись мразь", "вы все дебилы"];
        for i in 0..12 {
            let (label, text) = if i % 2 == 0 {
                (DataLabel::Clean, ru_clean[i % 3])
            } else {
                (DataLabel::Toxic, ru_bad[i % 3])
            };
            rows.push(LabelledComment {
                id: format!("r-{i}"),
                lang: "ru".into(),
                label,
                text: text.into(),
                tags: String::new(),
            });
        }
        let opts = TrainOptions { russian_bits: 10, ..small() };
        let model = train(&rows, &opts);
        assert_eq!(model, train(&rows, &opts));
        let bytes = model.to_bytes();
        assert!(bytes.starts_with(MAGIC_V2));
        assert_eq!(Model::from_bytes(&bytes), Ok(model.clone()));
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        let lexicon = Lexicon::builtin();
        let score = |t: &str| model.probability(&analyze(t, Some(Lang::Ru), &lexicon).features);
        assert!(score("ты тупой дебил") > score("спасибо за репортаж"));
        // Without a Russian head the file stays in version 1.
        assert!(train(&rows, &small()).to_bytes().starts_with(MAGIC));
    }

    #[test]
    fn embedded_model_loads() {
        let model = Model::embedded().expect("the committed model reads");
        assert!(model.main_bits >= 12);
        for t in
            [model.thresholds.en, model.thresholds.ru, model.thresholds.kk, model.thresholds.other]
        {
            assert!(t > 0.0 && t < 1.0);
        }
    }
}
