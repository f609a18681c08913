//! Tests of translation units: what the units of an article are, that ids survive insertions,
//! moves and edits, how translations pair, and the word diff.

use super::*;
use crate::parse_article;

const HEADER: &str = r#"+++
title = "The ferry"
slug = "ferry"
lang = "en"
published = 2026-04-20T07:15:00+05:00
summary = "A boat carries the weekly."
authors = [{ name = "Aruzhan A", slug = "aruzhan-a" }]

[[figures]]
id = "boat"
src = "boat.svg"
alt = "A flat boat"
caption = "The crossing"
licence = "cc0"

[[speakers]]
id = "bk"
name = "Bolat K"
role = "interviewee"
initials = { en = "BK", ru = "БК" }
+++
"#;

fn units_of(body: &str) -> Vec<SourceUnit> {
    let article = parse_article("a.md", &format!("{HEADER}{body}")).expect("valid article");
    article_units(&article)
}

/// Identifies the units of `body` after the version whose units are `previous`.
fn identify(previous: &[Unit], body: &str) -> Vec<Unit> {
    let stored: Vec<StoredUnit> = previous.iter().map(StoredUnit::from).collect();
    identify_units(&stored, units_of(body))
}

fn ids_and_texts(units: &[Unit]) -> Vec<(String, String)> {
    units.iter().map(|unit| (unit.id.clone(), unit.text.clone())).collect()
}

fn id_of<'u>(units: &'u [Unit], text: &str) -> &'u str {
    &units.iter().find(|unit| unit.text == text).expect("unit present").id
}

const BODY: &str = "First paragraph.\n\nSecond paragraph.\n\n::: figure boat\n\n- a list\n- of two\n\n::: interview\n@bk\n[ru original]\nПосмотрим.\n[en]\nWe will see.\n:::\n\nLast words.\n";

#[test]
fn every_translatable_piece_is_a_unit_in_reading_order() {
    let units = units_of(BODY);
    let got: Vec<(String, &str)> =
        units.iter().map(|unit| (unit.slot.code(), unit.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("title".to_owned(), "The ferry"),
            ("summary".to_owned(), "A boat carries the weekly."),
            ("block".to_owned(), "First paragraph."),
            ("block".to_owned(), "Second paragraph."),
            ("figure.boat.caption".to_owned(), "The crossing"),
            ("figure.boat.alt".to_owned(), "A flat boat"),
            ("block".to_owned(), "- a list\n- of two"),
            ("turn".to_owned(), "Посмотрим."),
            ("block".to_owned(), "Last words."),
        ]
    );
}

#[test]
fn a_summary_taken_from_the_body_is_no_unit() {
    let text = format!(
        "{}First paragraph.\n\n::: figure boat\n",
        HEADER.replace("summary = \"A boat carries the weekly.\"\n", "")
    );
    let article = parse_article("a.md", &text).expect("valid");
    assert!(article_units(&article).iter().all(|unit| unit.slot != UnitSlot::Summary));
}

#[test]
fn inserting_a_paragraph_shifts_no_other_id() {
    let first = identify(&[], BODY);
    let inserted = BODY.replace("Second paragraph.", "A new one.\n\nSecond paragraph.");
    let second = identify(&first, &inserted);
    for unit in &first {
        assert_eq!(id_of(&second, &unit.text), unit.id, "{} kept its id", unit.text);
    }
    let new_id = id_of(&second, "A new one.");
    assert!(first.iter().all(|unit| unit.id != new_id), "the new paragraph has a new id");
}

#[test]
fn an_edited_paragraph_keeps_its_id_and_only_its_hash_changes() {
    let first = identify(&[], BODY);
    let second = identify(&first, &BODY.replace("Second paragraph.", "Second paragraph, edited."));
    assert_eq!(first.len(), second.len());
    for (before, after) in first.iter().zip(&second) {
        assert_eq!(before.id, after.id);
        assert_eq!(
            before.hash == after.hash,
            before.text != "Second paragraph.",
            "{}",
            before.text
        );
    }
}

#[test]
fn deleting_and_moving_keep_the_ids_of_the_rest() {
    let first = identify(&[], BODY);
    let moved = BODY
        .replace("First paragraph.\n\nSecond paragraph.", "Second paragraph.\n\nFirst paragraph.");
    let second = identify(&first, &moved);
    assert_eq!(id_of(&second, "Second paragraph."), id_of(&first, "Second paragraph."));
    assert_eq!(id_of(&second, "Last words."), id_of(&first, "Last words."));
    let deleted = identify(&first, &BODY.replace("First paragraph.\n\n", ""));
    assert_eq!(ids_and_texts(&deleted)[2..], ids_and_texts(&first)[3..]);
}

#[test]
fn the_same_text_twice_gets_two_ids() {
    let units = identify(&[], "Again.\n\nAgain.\n\n::: figure boat\n");
    assert_ne!(units[2].id, units[3].id);
}

#[test]
fn ids_are_the_same_for_the_same_text_on_a_first_import() {
    assert_eq!(identify(&[], BODY), identify(&[], BODY));
}

#[test]
fn translations_pair_by_id_then_by_order_and_take_their_own_turn_versions() {
    let original = identify(&[], BODY);
    let translation_text = format!(
        "{}Бірінші.\n\nЕкінші.\n\n::: figure boat\n\n- тізім\n\n::: interview\n@bk\n[ru original]\nПосмотрим.\n[kk]\nКөреміз.\n:::\n",
        HEADER
            .replace("slug = \"ferry\"", "slug = \"ferry-kk\"\ntranslation_of = \"ferry\"")
            .replace("lang = \"en\"", "lang = \"kk\"")
            .replace("The crossing", "Өткел")
    );
    let translation = parse_article("kk.md", &translation_text).expect("valid translation");
    let units = article_units(&translation);
    let pairs = pair_translation(&original, &units);
    let got: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(index, unit)| (original[*index].text.as_str(), unit.text.as_str()))
        .collect();
    assert!(got.contains(&("First paragraph.", "Бірінші.")));
    assert!(got.contains(&("- a list\n- of two", "- тізім")));
    assert!(got.contains(&("The crossing", "Өткел")));
    assert!(got.contains(&("Посмотрим.", "Көреміз.")));
    // The original's last paragraph has no counterpart: it stays untranslated.
    assert!(!got.iter().any(|(source, _)| *source == "Last words."));
}

#[test]
fn word_diff_shows_removed_and_added_words() {
    let runs = word_diff("The bridge reopens in autumn.", "The bridge reopens in spring.");
    assert!(
        runs.iter().any(|run| run.change == DiffChange::Removed && run.text.contains("autumn"))
    );
    assert!(runs.iter().any(|run| run.change == DiffChange::Added && run.text.contains("spring")));
    assert!(runs.iter().any(|run| run.change == DiffChange::Same && run.text.contains("bridge")));
}

#[test]
fn units_never_panic_on_hostile_bodies() {
    for body in ["", "\n\n\n", "* \n", "> \n>\n", "| a |\n|---|\n", "```\n::: figure x\n"] {
        let text = format!("{HEADER}First.\n\n::: figure boat\n{body}");
        if let Ok(article) = parse_article("a.md", &text) {
            let _ = identify_units(&[], article_units(&article));
        }
    }
}

#[test]
fn a_translation_pairs_with_what_it_translated_before_when_the_original_gained_a_paragraph() {
    let first = identify(&[], "One.\n\nTwo.\n\nThree.\n\n::: figure boat\n");
    let translated = |text: &str| source_unit(UnitSlot::Block, text);
    let known: Vec<(String, String)> = first[2..5]
        .iter()
        .zip(["Бір.", "Екі.", "Үш."])
        .map(|(unit, text)| (unit.id.clone(), unit_hash(text)))
        .collect();
    let second = identify(&first, "Zero.\n\nOne.\n\nTwo, changed.\n\nThree.\n\n::: figure boat\n");
    let translation = [translated("Бір!"), translated("Екі."), translated("Үш.")];
    let pairs = pair_translation_with(&second, &translation, &known);
    let got: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(index, unit)| (second[*index].text.as_str(), unit.text.as_str()))
        .collect();
    assert_eq!(got, vec![("One.", "Бір!"), ("Two, changed.", "Екі."), ("Three.", "Үш.")]);
    // Without that knowledge, order alone would pair the new paragraph.
    let blind = pair_translation(&second, &translation);
    assert_eq!(second[blind[0].0].text, "Zero.");
}

#[test]
fn a_paragraph_inserted_beside_an_edited_one_gets_the_new_id_not_the_edited_one() {
    let first = identify(
        &[],
        "One.\n\nThe ferry carries two hundred copies.\n\nThree.\n\n::: figure boat\n",
    );
    let second = identify(
        &first,
        "One.\n\nThe boatman is Bolat.\n\nThe ferry carries three hundred copies.\n\nThree.\n\n::: figure boat\n",
    );
    assert_eq!(
        id_of(&second, "The ferry carries three hundred copies."),
        id_of(&first, "The ferry carries two hundred copies.")
    );
    let inserted = id_of(&second, "The boatman is Bolat.");
    assert!(first.iter().all(|unit| unit.id != inserted));
}

#[test]
fn draft_states_read_back_from_their_codes_and_nothing_else() {
    for state in DraftState::ALL {
        assert_eq!(DraftState::from_code(state.code()), Some(state));
    }
    assert_eq!(DraftState::from_code("Approved"), None);
    assert_eq!(DraftState::from_code(""), None);
}
