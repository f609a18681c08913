//! The labelled sets written for the project (`data/`): they parse, every label is present, the held-aside split
//! is stable (pinned counts: an edit that moves rows between the sides must update this test on purpose), and
//! the variety the guidelines promise is really there.
use std::collections::{BTreeMap, HashSet};

use ashyq_moderation::{DataLabel, LabelledComment, is_held_aside, parse_tsv};

fn load(name: &str) -> Vec<LabelledComment> {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_tsv(&text, name).unwrap_or_else(|e| panic!("{e}"))
}

fn count_tag(rows: &[LabelledComment], key: &str, value: &str) -> usize {
    rows.iter().filter(|r| r.tag(key) == Some(value)).count()
}

/// (file, language, minimum rows, held-aside rows as of the last deliberate edit)
const SETS: [(&str, &str, usize, usize); 3] =
    [("kk.tsv", "kk", 1500, 318), ("en-hard.tsv", "en", 400, 77), ("ru-hard.tsv", "ru", 400, 77)];

#[test]
fn sets_parse_with_every_label_and_a_stable_split() {
    for (file, lang, min_rows, held) in SETS {
        let rows = load(file);
        assert!(rows.len() >= min_rows, "{file}: {} rows", rows.len());
        let mut labels: BTreeMap<DataLabel, usize> = BTreeMap::new();
        let mut texts = HashSet::new();
        for row in &rows {
            assert_eq!(row.lang, lang, "{file} {}", row.id);
            assert!(!row.text.trim().is_empty(), "{file} {}", row.id);
            assert!(texts.insert(row.text.as_str()), "{file}: duplicate text in {}", row.id);
            assert!(row.tag("topic").is_some(), "{file} {}: no topic tag", row.id);
            *labels.entry(row.label).or_default() += 1;
        }
        for label in DataLabel::ALL {
            assert!(
                labels.get(&label).copied().unwrap_or(0) > 0,
                "{file}: no {} rows",
                label.name()
            );
        }
        let held_rows = rows.iter().filter(|r| is_held_aside(&r.text)).count();
        assert_eq!(held_rows, held, "{file}: the held-aside split moved");
        // About a fifth, and every label has training rows.
        assert!(held_rows * 100 / rows.len() >= 15 && held_rows * 100 / rows.len() <= 25);
        let hard = rows.iter().filter(|r| r.is_hard_civil()).count();
        assert!(hard >= 300, "{file}: {hard} hard-topic civil rows");
    }
}

#[test]
fn kazakh_set_covers_scripts_code_switching_and_evasions() {
    let rows = load("kk.tsv");
    assert!(count_tag(&rows, "script", "latn") >= 100, "Latin-script rows");
    assert!(count_tag(&rows, "mix", "ru") >= 150, "Kazakh–Russian code-switched rows");
    for evasion in ["spaced", "masked", "homoglyph", "keyboard", "mixed-script", "decoy"] {
        assert!(count_tag(&rows, "evasion", evasion) >= 5, "evasion={evasion}");
    }
    // Kazakh-only letters in most Cyrillic rows: it is Kazakh, not Russian with a tag.
    let cyrillic: Vec<&LabelledComment> = rows
        .iter()
        .filter(|r| {
            r.tag("script") == Some("cyrl") && r.tag("mix").is_none() && r.tag("evasion").is_none()
        })
        .collect();
    let kazakh_letters = cyrillic
        .iter()
        .filter(|r| r.text.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c)))
        .count();
    assert!(kazakh_letters * 100 / cyrillic.len() >= 90, "{kazakh_letters} of {}", cyrillic.len());
    // The 2021 Latin alphabet and chat Latin are both there.
    assert!(rows.iter().any(|r| r.tag("script") == Some("latn") && r.text.contains('ñ')));
    assert!(rows.iter().any(|r| r.tag("script") == Some("latn") && r.text.contains("sh")));
}
