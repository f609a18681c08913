//! The statistical model: logistic regression over hashed features (one head for "should not be approved",
//! five one-vs-rest heads for the sub-label) stored as 8-bit weights, and how it scores a comment. Training is in
//! `training`, the file format (and the committed weights, `model/screen.bin`, embedded with `include_bytes!`)
//! in `model_file`.
use crate::features::FeatureVec;
use crate::language::Lang;
use crate::screen::Label;

mod model_file;
mod training;

pub use training::{TrainOptions, train};

/// The sub-labels the model's second set of heads predicts, in head order.
pub const SUB_LABELS: [Label; 5] =
    [Label::Obscene, Label::Hate, Label::Attack, Label::Toxic, Label::Spam];

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
}

#[cfg(test)]
mod tests {
    use super::model_file::{MAGIC, MAGIC_V2};
    use super::*;
    use crate::eval::{DataLabel, LabelledComment};
    use crate::features::analyze;
    use crate::lexicon::Lexicon;

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
