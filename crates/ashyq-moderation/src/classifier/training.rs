//! Training: AdaGrad over hashed features, deterministic for the same rows and options, then quantized to the
//! 8-bit weights a [`Model`] stores; optionally a separate Russian head (naive-Bayes-scaled features).
use super::{Model, Thresholds, sigmoid};
use crate::eval::{DataLabel, LabelledComment};
use crate::features::analyze_for_training;
use crate::hasher::Rng;
use crate::language::Lang;
use crate::lexicon::Lexicon;

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
