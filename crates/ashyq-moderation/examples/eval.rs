//! Evaluate the screen on labelled TSV files:
//! `eval [--cv K] [--threshold T] [--sweep] [--json] [--epochs N] [--seed S] [--ru-weight W] [--ru-bits B] [--ru-epochs N]
//! [--ru-lr R] [--ru-l2 L] [--ru-pos W] DIR_OR_FILES…` (`--ru-*`: the separate Russian head, see `TrainOptions`).
//!
//! `--seed S` changes the training shuffle (to see how much a figure moves between runs of the same model).
//! Without `--cv` the embedded model is evaluated as is (only honest on rows it was not trained on). With
//! `--cv K` a model is trained per fold and each row is screened by a model that never saw it.
//! `--split train` keeps only the rows that are not held aside (what training and threshold choice may see),
//! `--split held` only the held-aside rows (`sha256(text)[0] % 5 == 0`, see `data/GUIDELINES.md`).
//! `--report-ids PREFIX` reports only rows whose id starts with PREFIX (e.g. `rdt-`, the shared Russian rows) after
//! screening or cross-validating all of them; `--en-threshold`, `--ru-threshold`, `--kk-threshold` set the
//! per-language thresholds of the models trained in `--cv`; `--dump FILE` writes each reported row's out-of-fold
//! score, label, id and text (tab-separated) to FILE, to read the misses.
use std::path::{Path, PathBuf};

use ashyq_moderation::eval::report;
use ashyq_moderation::{
    EvalReport, LabelledComment, Screen, ScreenOptions, Thresholds, TrainOptions, cross_validate,
    evaluate, is_held_aside, parse_tsv,
};

fn tsv_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

fn load(paths: &[String]) -> Result<Vec<LabelledComment>, Box<dyn std::error::Error>> {
    let mut rows = Vec::new();
    for path in paths {
        for file in tsv_files(Path::new(path))? {
            let text = std::fs::read_to_string(&file)?;
            rows.extend(parse_tsv(&text, &file.display().to_string())?);
        }
    }
    Ok(rows)
}

fn print_summary(r: &EvalReport) {
    let l = |k: &str| {
        r.per_language
            .get(k)
            .map_or((0.0, 0.0, 0.0, 0.0), |p| (p.f1, p.precision, p.recall, p.false_positive_rate))
    };
    let (ef, ep, er, efpr) = l("en");
    let (rf, rp, rr, rfpr) = l("ru");
    let (kf, kp, kr, kfpr) = l("kk");
    let hard = |k: &str| r.hard_civil.get(k).map_or(0.0, |s| s.recall);
    let kk_attack =
        r.per_language_label.get("kk").and_then(|m| m.get("attack")).map_or(0.0, |s| s.recall);
    eprintln!(
        "en {:.2} ru {:.2} kk {:.2} | all F1 {:.3} P {:.3} R {:.3} FPR {:.3} | en F1 {ef:.3} P {ep:.3} R {er:.3} FPR {efpr:.3} | ru F1 {rf:.3} P {rp:.3} R {rr:.3} FPR {rfpr:.3} | kk F1 {kf:.3} P {kp:.3} R {kr:.3} FPR {kfpr:.3} attR {kk_attack:.3} | hard en {:.3} ru {:.3} kk {:.3} | {:.0}/s",
        r.thresholds.en,
        r.thresholds.ru,
        r.thresholds.kk,
        r.f1,
        r.precision,
        r.recall,
        r.false_positive_rate,
        hard("en"),
        hard("ru"),
        hard("kk"),
        r.comments_per_second
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut cv = None;
    let mut threshold = None;
    let mut json = false;
    let mut sweep = false;
    let mut train_options = TrainOptions::default();
    let mut options = ScreenOptions::default();
    let mut paths = Vec::new();
    let mut split: Option<String> = None;
    // Report only rows whose id starts with this prefix (after screening or cross-validating all rows).
    let mut report_ids: Option<String> = None;
    // Write each reported row's out-of-fold score to this file (`--cv` only), to read the misses.
    let mut dump: Option<String> = None;
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--cv" => cv = Some(value()?.parse::<usize>()?),
            "--threshold" => threshold = Some(value()?.parse::<f32>()?),
            "--lexicon-floor" => options.lexicon_floor = value()?.parse()?,
            "--evasion-floor" => options.evasion_floor = value()?.parse()?,
            "--epochs" => train_options.epochs = value()?.parse()?,
            "--lr" => train_options.learning_rate = value()?.parse()?,
            "--l2" => train_options.l2 = value()?.parse()?,
            "--seed" => train_options.seed = value()?.parse()?,
            "--bits" => train_options.main_bits = value()?.parse()?,
            "--ru-weight" => train_options.russian_weight = value()?.parse()?,
            "--ru-bits" => train_options.russian_bits = value()?.parse()?,
            "--ru-epochs" => train_options.russian_epochs = value()?.parse()?,
            "--ru-lr" => train_options.russian_learning_rate = value()?.parse()?,
            "--ru-l2" => train_options.russian_l2 = value()?.parse()?,
            "--ru-pos" => train_options.russian_positive_weight = value()?.parse()?,
            "--split" => split = Some(value()?),
            "--report-ids" => report_ids = Some(value()?),
            "--kk-threshold" => train_options.thresholds.kk = value()?.parse()?,
            "--en-threshold" => train_options.thresholds.en = value()?.parse()?,
            "--ru-threshold" => train_options.thresholds.ru = value()?.parse()?,
            "--dump" => dump = Some(value()?),
            "--json" => json = true,
            "--sweep" => sweep = true,
            _ => paths.push(a.clone()),
        }
    }
    let mut rows = load(&paths)?;
    match split.as_deref() {
        None => {}
        Some("train") => rows.retain(|r| !is_held_aside(&r.text)),
        Some("held") => rows.retain(|r| is_held_aside(&r.text)),
        Some(other) => return Err(format!("--split takes train or held, not {other}").into()),
    }
    options.threshold = threshold;
    let keep: Vec<bool> =
        rows.iter().map(|r| report_ids.as_deref().is_none_or(|p| r.id.starts_with(p))).collect();
    let subset = |v: &[LabelledComment]| -> Vec<LabelledComment> {
        v.iter().zip(&keep).filter(|(_, k)| **k).map(|(r, _)| r.clone()).collect()
    };
    let result = if let Some(k) = cv {
        let cv = cross_validate(&rows, k, &train_options, options);
        let kept_rows = subset(&rows);
        let kept: Vec<_> =
            cv.predictions.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| *p).collect();
        if let Some(path) = &dump {
            let mut out = String::from("score\tlabel\tid\ttext\n");
            for (row, p) in kept_rows.iter().zip(&kept) {
                let text = row.text.replace(['\t', '\n'], " ");
                out.push_str(&format!(
                    "{:.3}\t{}\t{}\t{text}\n",
                    p.score,
                    row.label.name(),
                    row.id
                ));
            }
            std::fs::write(path, out)?;
        }
        if sweep {
            for t in [
                0.2f32, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
            ] {
                print_summary(&report(&kept_rows, &kept, Thresholds::uniform(t), cv.seconds));
            }
        }
        report(&kept_rows, &kept, cv.thresholds, cv.seconds)
    } else {
        evaluate(&Screen::default().with_options(options), &subset(&rows))
    };
    print_summary(&result);
    if json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    }
    Ok(())
}
