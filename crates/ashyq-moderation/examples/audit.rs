//! Error audit of out-of-fold predictions (DATA.md, "Error audit of the shared Russian rows"):
//! `audit DUMP [--threshold T] [--seed S] [--sample N] [--similarity J] [--list FILE] [--judgements FILE]`.
//!
//! DUMP is what `examples/eval.rs --cv 5 … --dump DUMP` writes (`score label id text`, one row per reported row).
//! The audit prints, for the rows of the dump:
//! 1. **Near-duplicate texts with opposite labels**: groups of rows whose folded text (VK reply prefix
//!    `[id…|name]` removed, [`normalize`]d, digits dropped) is identical, and pairs whose character-3-gram sets
//!    have Jaccard similarity ≥ J (default 0.8; both at least 20 folded characters long), split by whether the labels agree.
//! 2. **Word-list hits and labels**: of the rows with an obscene word-list hit (and with no hate or attack hit),
//!    how many the data labels clean, and the same for attack hits; this is the source's "mat not aimed at anyone
//!    is often labelled 0" rule made countable; each split by whether the row is a VK reply (`[id…|name], …`).
//! 3. **A seeded sample of the errors** at threshold T (default 0.60): N false negatives and N false positives
//!    (all of them when there are fewer), drawn by a Fisher–Yates shuffle driven by splitmix64 from seed S
//!    (default 16) over the dump's row order. `--list FILE` writes the sample (`kind id score text`) for judging.
//! 4. With `--judgements FILE` (`id category ours note`, tab-separated, `#` lines ignored; category one of
//!    `label` — the gold label contradicts the source's own rule as applied to similar rows, `rule` — consistent
//!    with the source's rule but our GUIDELINES.md decides the other way, `hard` — needs context, sarcasm or a
//!    coinage, `model` — the model should get it; `ours` is `flag` or `clean` under GUIDELINES.md): the counts per
//!    kind and category, and the F1 the judgements imply when the sample's shares are extrapolated to every
//!    error — as an analysis only, never as the reported score.
use std::collections::{BTreeMap, HashMap};

use ashyq_moderation::{CommentInput, Screen, normalize};

struct Row {
    score: f32,
    label: String,
    id: String,
    text: String,
}

impl Row {
    fn toxic(&self) -> bool {
        self.label != "clean"
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The first `n` of `items` after a seeded Fisher–Yates shuffle (all of them when there are fewer).
fn sample<T: Copy>(items: &[T], n: usize, seed: u64) -> Vec<T> {
    let mut v = items.to_vec();
    let mut state = seed;
    for i in (1..v.len()).rev() {
        let j = (splitmix64(&mut state) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v.truncate(n);
    v
}

/// Folded text for duplicate detection: VK reply prefixes and digits dropped.
fn key(text: &str) -> String {
    let mut t = text.to_owned();
    while let Some(start) = t.find("[id").or_else(|| t.find("[club")) {
        match t[start..].find(']') {
            Some(end) => t.replace_range(start..start + end + 1, " "),
            None => break,
        }
    }
    let n = normalize(&t);
    n.tokens()
        .iter()
        .map(|tok| n.token_str(tok))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sorted, deduplicated character 3-grams of `s`, each packed into a u64.
fn trigrams(s: &str) -> Vec<u64> {
    let c: Vec<u64> = s.chars().map(u64::from).collect();
    let mut g: Vec<u64> = c.windows(3).map(|w| (w[0] << 42) | (w[1] << 21) | w[2]).collect();
    g.sort_unstable();
    g.dedup();
    g
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common).max(1) as f64
}

fn f1(tp: f64, fp: f64, fn_: f64) -> f64 {
    2.0 * tp / (2.0 * tp + fp + fn_).max(1e-9)
}

fn near_duplicates(rows: &[Row], similarity: f64) {
    let keys: Vec<String> = rows.iter().map(|r| key(&r.text)).collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
        groups.entry(k.as_str()).or_default().push(i);
    }
    let (mut same, mut mixed, mut mixed_rows) = (0, 0, 0);
    let mut mixed_examples = Vec::new();
    for g in groups.values().filter(|g| g.len() > 1) {
        if g.iter().all(|&i| rows[i].toxic() == rows[g[0]].toxic()) {
            same += 1;
        } else {
            mixed += 1;
            mixed_rows += g.len();
            mixed_examples.extend(g.iter().map(|&i| rows[i].id.as_str()));
        }
    }
    println!(
        "exact duplicates after folding: {} groups with one label, {mixed} groups ({mixed_rows} rows) with both",
        same
    );
    println!("  mixed: {}", mixed_examples.join(" "));
    let grams: Vec<Vec<u64>> = keys.iter().map(|k| trigrams(k)).collect();
    let long: Vec<usize> = (0..rows.len()).filter(|&i| keys[i].chars().count() >= 20).collect();
    let (mut agree, mut disagree) = (0, Vec::new());
    for (a, &i) in long.iter().enumerate() {
        for &j in &long[a + 1..] {
            if keys[i] != keys[j] && jaccard(&grams[i], &grams[j]) >= similarity {
                if rows[i].toxic() == rows[j].toxic() {
                    agree += 1;
                } else {
                    disagree.push((i, j));
                }
            }
        }
    }
    println!(
        "near duplicates (3-gram Jaccard >= {similarity}, not identical, >= 20 chars): {agree} pairs with one label, {} with opposite labels",
        disagree.len()
    );
    for (i, j) in disagree {
        println!("  {} ({}) ~ {} ({})", rows[i].id, rows[i].label, rows[j].id, rows[j].label);
    }
}

fn list_hits(rows: &[Row]) {
    let screen = Screen::default();
    // (category of the strongest list hit, whether the row is a VK reply) -> (clean rows, toxic rows)
    let mut by: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for r in rows {
        let v = screen.screen(&CommentInput { text: &r.text, lang_hint: Some("ru"), recent: &[] });
        let codes: Vec<&str> =
            v.labels.iter().filter(|f| f.code.starts_with("lexicon.")).map(|f| f.code).collect();
        let class = if codes.iter().any(|c| c.contains("hate") || c.contains("attack")) {
            "attack or hate word"
        } else if codes.iter().any(|c| c.contains("obscene")) {
            "obscene word only"
        } else if codes.is_empty() {
            "no list hit"
        } else {
            "weaker list hit only"
        };
        let reply = if r.text.starts_with("[id") || r.text.starts_with("[club") {
            "reply"
        } else {
            "not a reply"
        };
        let e = by.entry((class, reply)).or_default();
        if r.toxic() {
            e.1 += 1;
        } else {
            e.0 += 1;
        }
    }
    for ((class, reply), (clean, toxic)) in by {
        println!(
            "{class:22} {reply:11} {:5} rows: {clean:5} labelled clean, {toxic:5} toxic ({:.1}% toxic)",
            clean + toxic,
            100.0 * toxic as f64 / (clean + toxic).max(1) as f64
        );
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut threshold, mut seed, mut n, mut similarity) = (0.60f32, 16u64, 100usize, 0.8f64);
    let (mut dump, mut list, mut judgements) = (None, None, None);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--threshold" => threshold = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "--sample" => n = value()?.parse()?,
            "--similarity" => similarity = value()?.parse()?,
            "--list" => list = Some(value()?),
            "--judgements" => judgements = Some(value()?),
            _ => dump = Some(a.clone()),
        }
    }
    let dump = dump.ok_or("usage: audit DUMP [--threshold T] [--seed S] [--sample N] [--similarity J] [--list FILE] [--judgements FILE]")?;
    let mut rows = Vec::new();
    for (i, line) in std::fs::read_to_string(&dump)?.lines().enumerate().skip(1) {
        let mut f = line.splitn(4, '\t');
        let (Some(score), Some(label), Some(id), Some(text)) =
            (f.next(), f.next(), f.next(), f.next())
        else {
            return Err(format!("{dump}:{}: expected 4 tab-separated columns", i + 1).into());
        };
        rows.push(Row {
            score: score.parse()?,
            label: label.to_owned(),
            id: id.to_owned(),
            text: text.to_owned(),
        });
    }
    let flagged = |r: &Row| r.score >= threshold;
    let tp = rows.iter().filter(|r| r.toxic() && flagged(r)).count();
    let fns: Vec<usize> =
        (0..rows.len()).filter(|&i| rows[i].toxic() && !flagged(&rows[i])).collect();
    let fps: Vec<usize> =
        (0..rows.len()).filter(|&i| !rows[i].toxic() && flagged(&rows[i])).collect();
    let clean = rows.iter().filter(|r| !r.toxic()).count();
    println!(
        "{} rows, threshold {threshold}: TP {tp}, FN {}, FP {} of {clean} clean; F1 {:.3}",
        rows.len(),
        fns.len(),
        fps.len(),
        f1(tp as f64, fps.len() as f64, fns.len() as f64)
    );
    near_duplicates(&rows, similarity);
    list_hits(&rows);

    let fn_sample = sample(&fns, n, seed);
    let fp_sample = sample(&fps, n, seed ^ 1);
    println!(
        "sample (seed {seed}): {} of {} FN, {} of {} FP",
        fn_sample.len(),
        fns.len(),
        fp_sample.len(),
        fps.len()
    );
    if let Some(path) = list {
        let mut out = String::from("kind\tid\tscore\ttext\n");
        for (kind, set) in [("FN", &fn_sample), ("FP", &fp_sample)] {
            for &i in set.iter() {
                let r = &rows[i];
                out.push_str(&format!("{kind}\t{}\t{:.3}\t{}\n", r.id, r.score, r.text));
            }
        }
        std::fs::write(path, out)?;
    }
    let Some(path) = judgements else { return Ok(()) };
    let mut judged: HashMap<String, (String, String)> = HashMap::new();
    for line in std::fs::read_to_string(&path)?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3
            || !["label", "rule", "hard", "model"].contains(&f[1])
            || !["flag", "clean"].contains(&f[2])
        {
            return Err(format!("{path}: bad judgement line {line:?}").into());
        }
        judged.insert(f[0].to_owned(), (f[1].to_owned(), f[2].to_owned()));
    }
    // Per kind: share of the sample in each category, and share that our guideline decides the other way.
    let share = |kind: &str, set: &[usize]| -> Result<(BTreeMap<String, f64>, f64), String> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut ours_differs = 0;
        for &i in set {
            let r = &rows[i];
            let (cat, ours) =
                judged.get(&r.id).ok_or(format!("{path}: no judgement for {} ({kind})", r.id))?;
            *counts.entry(cat.clone()).or_default() += 1;
            if (ours == "flag") != r.toxic() {
                ours_differs += 1;
            }
        }
        let total = set.len().max(1) as f64;
        println!(
            "{kind}: {} judged: {}; our guideline decides the other way on {ours_differs}",
            set.len(),
            counts.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
        );
        Ok((
            counts.into_iter().map(|(k, v)| (k, v as f64 / total)).collect(),
            ours_differs as f64 / total,
        ))
    };
    let (fn_share, fn_ours) = share("FN", &fn_sample)?;
    let (fp_share, fp_ours) = share("FP", &fp_sample)?;
    let (tp, fp, fn_) = (tp as f64, fps.len() as f64, fns.len() as f64);
    let g = |m: &BTreeMap<String, f64>, k: &str| m.get(k).copied().unwrap_or(0.0);
    let (fn_label, fp_label) = (g(&fn_share, "label"), g(&fp_share, "label"));
    println!("analysis only (sample shares extrapolated to all {fn_} FN and {fp} FP):");
    println!(
        "  inconsistent labels excluded: F1 {:.3}",
        f1(tp, fp * (1.0 - fp_label), fn_ * (1.0 - fn_label))
    );
    println!(
        "  inconsistent labels flipped:  F1 {:.3}",
        f1(tp + fp * fp_label, fp * (1.0 - fp_label), fn_ * (1.0 - fn_label))
    );
    println!(
        "  errors relabelled by our guideline: F1 {:.3}",
        f1(tp + fp * fp_ours, fp * (1.0 - fp_ours), fn_ * (1.0 - fn_ours))
    );
    let (fn_model, fp_model) = (g(&fn_share, "model"), g(&fp_share, "model"));
    println!(
        "  source labels, every `model` error fixed (those FN caught, those FP not flagged): F1 {:.3}",
        f1(tp + fn_ * fn_model, fp * (1.0 - fp_model), fn_ * (1.0 - fn_model))
    );
    println!(
        "  inconsistent labels flipped and every `model` error fixed: F1 {:.3}",
        f1(
            tp + fp * fp_label + fn_ * fn_model,
            fp * (1.0 - fp_label - fp_model),
            fn_ * (1.0 - fn_label - fn_model)
        )
    );
    Ok(())
}
