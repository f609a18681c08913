//! Development aid: word-list hit rates per gold label and language: `inspect DIR_OR_FILES…`.
use std::collections::BTreeMap;

use ashyq_moderation::{CommentInput, Screen, parse_tsv};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rows = Vec::new();
    for path in std::env::args().skip(1) {
        let p = std::path::Path::new(&path);
        let files: Vec<std::path::PathBuf> = if p.is_dir() {
            let mut v: Vec<_> =
                std::fs::read_dir(p)?.filter_map(Result::ok).map(|e| e.path()).collect();
            v.sort();
            v
        } else {
            vec![p.to_path_buf()]
        };
        for f in files {
            rows.extend(parse_tsv(&std::fs::read_to_string(&f)?, &f.display().to_string())?);
        }
    }
    let screen = Screen::default();
    let mut stats: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for row in &rows {
        let v = screen.screen(&CommentInput {
            text: &row.text,
            lang_hint: Some(&row.lang),
            recent: &[],
        });
        let hit = v.labels.iter().any(|f| f.code.starts_with("lexicon."));
        let e = stats.entry((row.lang.clone(), row.label.name().to_owned())).or_default();
        e.0 += 1;
        e.1 += usize::from(hit);
        for f in v.labels.iter().filter(|f| f.code.starts_with("lexicon.")) {
            let e = stats
                .entry((row.lang.clone(), format!("{} {}", row.label.name(), f.code)))
                .or_default();
            e.0 += 1;
            e.1 += 1;
        }
    }
    for ((lang, label), (n, hit)) in stats {
        if label.contains(' ') {
            eprintln!("{lang} {label:30} rows {n:6}");
        } else {
            eprintln!(
                "{lang} {label:8} rows {n:6} with word-list hit {:.3}",
                hit as f64 / n as f64
            );
        }
    }
    Ok(())
}
