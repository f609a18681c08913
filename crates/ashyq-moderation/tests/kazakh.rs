//! Evasion and code-switching cases per language, written for this test (not rows of `data/`), and the rule that
//! a flag never comes without its reason: every flagged verdict has a finding whose evidence names what drove it.
use ashyq_moderation::{CommentInput, Lang, Screen, Verdict, guess_language, parse_tsv};

fn screen(text: &str, hint: Option<&str>) -> Verdict {
    Screen::default().screen(&CommentInput { text, lang_hint: hint, recent: &[] })
}

fn flagged(text: &str, hint: Option<&str>) {
    let v = screen(text, hint);
    assert!(v.should_not_be_approved, "{text:?} not flagged: {v:?}");
}

fn approved(text: &str, hint: Option<&str>) {
    let v = screen(text, hint);
    assert!(!v.should_not_be_approved, "{text:?} flagged: {v:?}");
}

#[test]
fn kazakh_evasions_are_flagged() {
    for text in [
        "Ей, м а л ғ ұ н, үндеме",      // spaced letters
        "шешеңді с*гейін, бар әрі",     // masked
        "сен нағыз aқымaқ екенсің",     // Latin look-alike letters
        "сен нағыз акымак екенсин",     // Russian keyboard
        "sen naghyz esek ekensin",      // chat Latin
        "Mynau naghyz oñbağan, betsız", // 2021 Latin alphabet
        "ол ақымааааақ, тыңдамаңдар",   // elongation
    ] {
        flagged(text, Some("kk"));
    }
}

#[test]
fn kazakh_russian_code_switching() {
    // Russian insults and mat inside Kazakh sentences.
    flagged("Сен вообще тупой адамсың, оқымай жазасың", Some("kk"));
    flagged("Мына әкім пиздит, жол әлі жоқ", Some("kk"));
    // Civil code-switched comments stay approvable, and are detected as Kazakh mixed with Russian.
    for text in [
        "Спасибо, мақала керемет, әжеме де жібердім.",
        "Кто знает, жиналыс ертең қай сағатта?",
        "Анам орысша оқымайды, пожалуйста, қазақша нұсқасын жасаңыздар.",
    ] {
        approved(text, None);
        let guess = guess_language(text);
        assert_eq!(guess.lang, Some(Lang::Kk), "{text}");
        assert!(guess.mixed, "{text}");
    }
}

#[test]
fn hard_topics_stay_approvable_in_each_language() {
    approved(
        "Please name every person the police shot in January; they were our neighbours.",
        None,
    );
    approved("Назовите поименно всех, кого застрелили в январе, это были наши соседи.", None);
    approved(
        "Қаңтарда оққа ұшқандардың бәрін атымен атаңыздар, олар біздің көршілеріміз еді.",
        None,
    );
    approved("Ұйғыр және дүңген отбасыларына көмек керек, олар да біздің азаматтар.", None);
}

#[test]
fn every_flag_carries_its_reason() {
    let screen = Screen::default();
    for file in ["kk.tsv", "en-hard.tsv", "ru-hard.tsv"] {
        let path = format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for row in parse_tsv(&text, file).unwrap_or_else(|e| panic!("{e}")) {
            let v = screen.screen(&CommentInput {
                text: &row.text,
                lang_hint: Some(&row.lang),
                recent: &[],
            });
            if !v.should_not_be_approved {
                continue;
            }
            assert!(
                v.labels.iter().any(|f| !f.evidence.is_empty() && !f.reason.is_empty()),
                "{}: flagged at {:.3} without evidence: {:?}",
                row.id,
                v.score,
                v.labels
            );
            for f in v.labels.iter().filter(|f| f.code.starts_with("model.")) {
                assert!(f.reason.contains("driven by"), "{}: {}", row.id, f.reason);
            }
        }
    }
}
