//! How well language detection does on labelled rows, by group: `en`, `ru`, `kk` (Cyrillic Kazakh), `kk-latn`
//! (Kazakh in Latin script) and `kk+ru` (Kazakh mixed with Russian). The expected language is the row's `lang`
//! column; `kk+ru` rows are expected to be detected as Kazakh *and* flagged mixed.
use std::collections::BTreeMap;

use serde::Serialize;

use super::LabelledComment;
use crate::language::{Lang, guess_language};

/// Detection figures of one group of rows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DetectionStats {
    /// Rows in the group.
    pub rows: usize,
    /// Share detected as the row's language.
    pub accuracy: f64,
    /// Share flagged as Kazakh mixed with Russian (should be high for `kk+ru`, low elsewhere).
    pub mixed: f64,
}

/// The detection group of a row (see the module docs), or `None` for a language we do not detect.
fn group(row: &LabelledComment) -> Option<&'static str> {
    match Lang::from_code(&row.lang)? {
        Lang::En => Some("en"),
        Lang::Ru => Some("ru"),
        Lang::Kk if row.tag("script") == Some("latn") => Some("kk-latn"),
        Lang::Kk if row.tag("mix") == Some("ru") => Some("kk+ru"),
        Lang::Kk => Some("kk"),
    }
}

/// Detection accuracy and mixed-flag rate per group.
pub fn language_detection(rows: &[LabelledComment]) -> BTreeMap<String, DetectionStats> {
    let mut counts: BTreeMap<&'static str, (usize, usize, usize)> = BTreeMap::new();
    for row in rows {
        let Some(g) = group(row) else { continue };
        let guess = guess_language(&row.text);
        let e = counts.entry(g).or_default();
        e.0 += 1;
        e.1 +=
            usize::from(guess.lang.map(Lang::code) == Lang::from_code(&row.lang).map(Lang::code));
        e.2 += usize::from(guess.mixed);
    }
    counts
        .into_iter()
        .map(|(g, (n, right, mixed))| {
            let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
            (g.to_owned(), DetectionStats { rows: n, accuracy: share(right), mixed: share(mixed) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::DataLabel;

    fn row(lang: &str, tags: &str, text: &str) -> LabelledComment {
        LabelledComment {
            id: "t".into(),
            lang: lang.into(),
            label: DataLabel::Clean,
            text: text.into(),
            tags: tags.into(),
        }
    }

    #[test]
    fn groups_and_counts() {
        let rows = [
            row("kk", "script=cyrl", "Бұл мақала өте жақсы жазылған"),
            row("kk", "script=cyrl;mix=ru", "Мақала хорошая, но тым қысқа."),
            row("kk", "script=latn", "Maqalağa rahmet, köp närseni bıldım."),
            row("ru", "", "Спасибо за статью, очень интересно"),
            row("en", "", "Thanks for the article"),
            row("de", "", "Danke"),
        ];
        let stats = language_detection(&rows);
        assert_eq!(stats.len(), 5);
        for (g, s) in &stats {
            assert_eq!(s.rows, 1, "{g}");
            assert_eq!(s.accuracy, 1.0, "{g}");
        }
        assert_eq!(stats["kk+ru"].mixed, 1.0);
        assert_eq!(stats["kk"].mixed, 0.0);
    }
}
