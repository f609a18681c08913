//! Composing a translation file from units: every unit lands in its place, turns gain a version
//! in the translation's language, and the result parses and pairs with the original unit by unit.

use std::collections::HashMap;

use super::*;
use crate::units::{article_units, identify_units, pair_translation};

const ORIGINAL: &str = r#"+++
title = "The ferry"
slug = "ferry"
lang = "en"
published = 2026-04-20T07:15:00+05:00
summary = "A boat carries the weekly."
authors = [{ name = "Aruzhan A", slug = "aruzhan-a" }]

[lead_figure]
src = "/media/bridge-1600.jpg"
alt = "A closed bridge"
caption = "Closed since March"
licence = "cc0"

[[figures]]
id = "boat"
src = "/media/boat-1600.jpg"
alt = "A flat boat"
caption = "The crossing"
licence = "cc0"

[[speakers]]
id = "aa"
name = "Aruzhan A"
role = "interviewer"
initials = { en = "AA", kk = "АА" }
+++
The bridge closed in March.

::: figure boat

::: interview
@aa
[en original]
Who carries the papers?
:::

Every Friday the boat crosses.
"#;

fn kazakh() -> HashMap<String, String> {
    let units = identify_units(&[], article_units(&parse_article("o.md", ORIGINAL).unwrap()));
    let words = [
        "Паром",
        "Апталықты қайық тасиды.",
        "Наурыздан бері жабық",
        "Жабық көпір",
        "Көпір наурызда жабылды.",
        "Өткел",
        "Жалпақ қайық",
        "Газетті кім тасиды?",
        "Әр жұма сайын қайық өтеді.",
    ];
    assert_eq!(units.len(), words.len(), "{units:?}");
    units.iter().zip(words).map(|(unit, text)| (unit.id.clone(), text.to_owned())).collect()
}

fn check(texts: &HashMap<String, String>) -> Result<String, ComposeError> {
    let units = identify_units(&[], article_units(&parse_article("o.md", ORIGINAL).unwrap()));
    let translators = ["Dana Sarsen".to_owned()];
    let file = TranslationFile { lang: "kk", slug: "ferry-kk", translators: &translators, texts };
    compose_translation(ORIGINAL, &units, &file)
}

#[test]
fn every_unit_lands_in_its_place_and_the_file_pairs_with_the_original() {
    let composed = check(&kazakh()).unwrap();
    let article = parse_article("t.md", &composed).unwrap();
    assert_eq!(article.title, "Паром");
    assert_eq!(article.summary, "Апталықты қайық тасиды.");
    assert_eq!(article.lang.as_str(), "kk");
    assert_eq!(article.slug.as_str(), "ferry-kk");
    assert_eq!(article.translation_of.as_ref().map(|slug| slug.as_str()), Some("ferry"));
    assert_eq!(article.translators, ["Dana Sarsen"]);
    let lead = article.lead_figure.as_ref().unwrap();
    assert_eq!((lead.caption.as_str(), lead.alt.as_str()), ("Наурыздан бері жабық", "Жабық көпір"));
    let boat = article.figure("boat").unwrap();
    assert_eq!((boat.caption.as_str(), boat.alt.as_str()), ("Өткел", "Жалпақ қайық"));
    assert!(
        composed.contains("[en original]\nWho carries the papers?\n[kk]\nГазетті кім тасиды?\n")
    );
    assert!(composed.contains("Көпір наурызда жабылды.\n\n::: figure boat"));
    assert!(composed.ends_with("Әр жұма сайын қайық өтеді.\n"));
    // The translation's units pair with the original's one to one, in order.
    let original = identify_units(&[], article_units(&parse_article("o.md", ORIGINAL).unwrap()));
    let translated = article_units(&article);
    let pairs = pair_translation(&original, &translated);
    assert_eq!(pairs.len(), original.len());
    assert!(pairs.iter().enumerate().all(|(n, (index, _))| *index == n));
}

#[test]
fn a_unit_without_translation_is_named() {
    let mut texts = kazakh();
    let units = identify_units(&[], article_units(&parse_article("o.md", ORIGINAL).unwrap()));
    let last = units.last().unwrap().id.clone();
    texts.insert(last.clone(), "  ".to_owned());
    assert!(matches!(check(&texts), Err(ComposeError::Missing { unit }) if unit == last));
}
