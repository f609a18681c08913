//! Text and spans of findings, built without the `format!` machinery: the screen writes a reason for every
//! flagged comment, and on flagged-heavy streams formatting was a visible share of the time. Each function
//! produces exactly the text the plain `format!` calls produced (checked by the tests below).
use super::Label;

/// `"{reason} ({label}): “word” (lang), “word” (lang)"` — the reason of a word-list finding.
pub(super) fn word_list_reason(reason: &str, label: Label, named: &[(&str, &str)]) -> String {
    let words: usize = named.iter().map(|(w, l)| w.len() + l.len() + 12).sum();
    let mut out = String::with_capacity(reason.len() + 16 + words);
    out.push_str(reason);
    out.push_str(" (");
    out.push_str(label.name());
    out.push_str("): ");
    for (i, (written, lang)) in named.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('“');
        out.push_str(written);
        out.push_str("” (");
        out.push_str(lang);
        out.push(')');
    }
    out
}

/// `"statistical model: {p:.0}% likely not approvable, most like {label} ({best:.0}%); driven by “w1”, “w2”"`
/// with `p` and `best` in percent (the `; driven by` part only when there is evidence).
pub(super) fn model_reason(
    probability: f32,
    label: Label,
    best: f32,
    evidence: &[String],
) -> String {
    let mut out = String::with_capacity(96 + evidence.iter().map(|e| e.len() + 8).sum::<usize>());
    out.push_str("statistical model: ");
    push_percent(&mut out, probability);
    out.push_str("% likely not approvable, most like ");
    out.push_str(label.name());
    out.push_str(" (");
    push_percent(&mut out, best);
    out.push_str("%)");
    for (i, e) in evidence.iter().enumerate() {
        out.push_str(if i == 0 { "; driven by “" } else { ", “" });
        out.push_str(e);
        out.push('”');
    }
    out
}

/// Comment-wide signals the model weighs, named for moderators, when no single word stood out: links,
/// mentions, a long run of one character, capitals, exclamation marks, or (failing those) the length.
pub(super) fn comment_signals(spam: &crate::spam::SpamSignals, tokens: usize) -> Vec<String> {
    let mut out = Vec::new();
    if spam.links > 0 {
        out.push(format!("{} link(s)", spam.links));
    }
    if spam.mentions > 0 {
        out.push(format!("{} mention(s)", spam.mentions));
    }
    if spam.longest_run >= 5 {
        out.push(format!("a character repeated {} times", spam.longest_run));
    }
    if spam.caps_ratio() >= 0.5 {
        out.push("mostly capital letters".to_owned());
    }
    if spam.exclamations >= 3 {
        out.push(format!("{} exclamation marks", spam.exclamations));
    }
    if out.is_empty() {
        out.push(format!("the comment as a whole ({tokens} words)"));
    }
    out
}

/// Append `{:.0}` of `share * 100` (computed in `f32`, as the reason always was).
///
/// `{:.0}` prints the exact binary value rounded to an integer with ties to even, which is what
/// `round_ties_even` computes; for the probabilities here (0–100 %) the integer is then printed by hand.
/// Anything else (negative, NaN, huge) takes the formatter.
fn push_percent(out: &mut String, share: f32) {
    let v = share * 100.0;
    if v.is_sign_positive() && v < 1e6 {
        let mut n = v.round_ties_even() as u32;
        let mut digits = [0u8; 7];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            out.push(char::from(d));
        }
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{v:.0}");
    }
}

/// The (at most) three strongest words of the model's finding, kept while the tokens stream by instead of
/// collecting every weighted token and sorting.
///
/// Order matches a stable sort by weight, strongest first: a newcomer goes after every kept word at least as
/// strong (earlier tokens win ties), and what falls past the third place is dropped.
#[derive(Debug, Default)]
pub(super) struct TopWords {
    kept: [(f32, (usize, usize)); 3],
    len: usize,
}

impl TopWords {
    /// Consider one word of weight `weight` at `span`.
    pub(super) fn offer(&mut self, weight: f32, span: (usize, usize)) {
        let at = self.kept[..self.len]
            .iter()
            .position(|(w, _)| w.total_cmp(&weight).is_lt())
            .unwrap_or(self.len);
        if at >= self.kept.len() {
            return;
        }
        let end = (self.len + 1).min(self.kept.len());
        self.kept.copy_within(at..end - 1, at + 1);
        self.kept[at] = (weight, span);
        self.len = end;
    }

    /// The spans of the kept words, in text order, without repeats.
    pub(super) fn into_spans(self) -> Vec<(usize, usize)> {
        let mut spans: Vec<(usize, usize)> =
            self.kept[..self.len].iter().map(|(_, s)| *s).collect();
        spans.sort_unstable();
        spans.dedup();
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_match_format() {
        let named = [("fuck*", "en"), ("хуй", "ru"), ("casino*", "site-banned")];
        for n in 0..=named.len() {
            let words: Vec<String> =
                named[..n].iter().map(|(w, l)| format!("“{w}” ({l})")).collect();
            assert_eq!(
                word_list_reason("word list match", Label::Obscene, &named[..n]),
                format!("word list match ({}): {}", Label::Obscene, words.join(", "))
            );
        }
        let mut values = vec![0.0f32, 1e-9, 0.004_999, 0.005, 0.015, 0.025, 0.5, 0.925, 0.995, 1.0];
        // Every exact half percent and its neighbours: where rounding could differ.
        for k in 0..=200u32 {
            let half = (k as f32 + 0.5) / 100.0;
            values.extend([half, half.next_up(), half.next_down()]);
            let v = k as f32 + 0.5;
            values.extend([v / 100.0]);
        }
        values.extend([-0.0, -0.3, f32::NAN, f32::INFINITY, 1e9]);
        for p in values {
            for b in [0.0f32, 0.333, 0.875, p] {
                assert_eq!(
                    model_reason(p, Label::Attack, b, &[]),
                    format!(
                        "statistical model: {:.0}% likely not approvable, most like {} ({:.0}%)",
                        p * 100.0,
                        Label::Attack,
                        b * 100.0
                    ),
                    "{p:e} {b:e}"
                );
            }
        }
    }

    #[test]
    fn model_reason_names_its_evidence() {
        let evidence = vec!["ақымақ".to_owned(), "есек".to_owned()];
        assert_eq!(
            model_reason(0.934, Label::Attack, 0.8, &evidence),
            "statistical model: 93% likely not approvable, most like attack (80%); driven by “ақымақ”, “есек”"
        );
    }

    #[test]
    fn top_words_match_a_stable_sort() {
        let mut rng = crate::hasher::Rng::new(11);
        for round in 0..2000 {
            let n = round % 9;
            // Few distinct weights, so ties are common.
            let words: Vec<(f32, (usize, usize))> = (0..n)
                .map(|i| ((rng.next_u64() % 4) as f32 * 0.25 + 0.6, (i * 3 % 7, i * 3 % 7 + 1)))
                .collect();
            let mut top = TopWords::default();
            for &(w, s) in &words {
                top.offer(w, s);
            }
            let mut sorted = words.clone();
            sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
            sorted.truncate(3);
            let mut expected: Vec<(usize, usize)> = sorted.into_iter().map(|(_, s)| s).collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(top.into_spans(), expected, "{words:?}");
        }
    }
}
