//! Writing a translation as an article file from its units: the original's file with each unit's
//! text replaced by its translation (title, summary, captions, alt texts, body blocks) and each
//! interview turn given a version in the translation's language. The article file stays the storage
//! and export form of a translation, however it was written.

use std::collections::HashMap;

use crate::errors::{ArticleError, ArticleErrorKind};
use crate::front_matter::split_file;
use crate::parse::parse_article;
use crate::units::{Unit, UnitSlot};

/// What a translation file is made of besides the original and the units' texts.
#[derive(Debug, Clone)]
pub struct TranslationFile<'a> {
    pub lang: &'a str,
    pub slug: &'a str,
    pub translators: &'a [String],
    /// The translation of each unit, by the original's unit id.
    pub texts: &'a HashMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("the original's file cannot be read: {0}")]
    Original(String),
    #[error("unit `{unit}` has no translation")]
    Missing { unit: String },
    #[error("unit `{unit}` was not found in the original's text")]
    NotFound { unit: String },
    #[error("the original already has a version in `{lang}` in an interview turn")]
    TurnHasLanguage { lang: String },
    #[error("the translation does not make a valid article: {}", .0.first().map(ToString::to_string).unwrap_or_default())]
    Invalid(Vec<ArticleError>),
}

fn text<'t>(file: &'t TranslationFile<'_>, unit: &Unit) -> Result<&'t str, ComposeError> {
    file.texts
        .get(&unit.id)
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .ok_or_else(|| ComposeError::Missing { unit: unit.id.clone() })
}

/// Sets `key` of the figure table `figure` (lead figure or `[[figures]]` entry).
fn set_figure(table: &mut toml::Table, id: Option<&str>, key: &str, value: &str) -> bool {
    let figure = match id {
        None => table.get_mut("lead_figure").and_then(toml::Value::as_table_mut),
        Some(id) => {
            table.get_mut("figures").and_then(toml::Value::as_array_mut).and_then(|figures| {
                figures
                    .iter_mut()
                    .filter_map(toml::Value::as_table_mut)
                    .find(|figure| figure.get("id").and_then(toml::Value::as_str) == Some(id))
            })
        }
    };
    figure
        .map(|figure| figure.insert(key.to_owned(), toml::Value::String(value.to_owned())))
        .is_some()
}

/// The translation's article file. `original_source` is the original's file and `units` its units
/// with their ids (`identify_units`); every unit must have a translation in `file.texts`. The result
/// is checked by parsing it.
pub fn compose_translation(
    original_source: &str,
    units: &[Unit],
    file: &TranslationFile<'_>,
) -> Result<String, ComposeError> {
    let split = split_file("original", original_source)
        .map_err(|error| ComposeError::Original(error.to_string()))?;
    let mut table: toml::Table = toml::from_str(split.front_matter)
        .map_err(|error| ComposeError::Original(error.to_string()))?;
    let original_slug =
        table.get("slug").and_then(toml::Value::as_str).unwrap_or_default().to_owned();
    let mut body = split.body.to_owned();
    let mut cursor = 0;
    for unit in units {
        let translated = text(file, unit)?;
        let not_found = || ComposeError::NotFound { unit: unit.id.clone() };
        let set = |table: &mut toml::Table, key: &str| {
            table.insert(key.to_owned(), toml::Value::String(translated.to_owned()));
        };
        match &unit.slot {
            UnitSlot::Title => set(&mut table, "title"),
            UnitSlot::Summary => set(&mut table, "summary"),
            UnitSlot::LeadCaption
            | UnitSlot::LeadAlt
            | UnitSlot::FigureCaption(_)
            | UnitSlot::FigureAlt(_) => {
                let (id, key) = match &unit.slot {
                    UnitSlot::LeadCaption => (None, "caption"),
                    UnitSlot::LeadAlt => (None, "alt"),
                    UnitSlot::FigureCaption(id) => (Some(id.as_str()), "caption"),
                    _ => (
                        match &unit.slot {
                            UnitSlot::FigureAlt(id) => Some(id.as_str()),
                            _ => None,
                        },
                        "alt",
                    ),
                };
                if !set_figure(&mut table, id, key, translated) {
                    return Err(not_found());
                }
            }
            UnitSlot::Block => {
                let at = body[cursor..].find(unit.text.as_str()).ok_or_else(not_found)? + cursor;
                body.replace_range(at..at + unit.text.len(), translated);
                cursor = at + translated.len();
            }
            UnitSlot::Turn => {
                let at = body[cursor..].find(unit.text.as_str()).ok_or_else(not_found)? + cursor;
                let version = format!("\n[{}]\n{translated}", file.lang);
                let end = at + unit.text.len();
                body.insert_str(end, &version);
                cursor = end + version.len();
            }
        }
    }
    table.insert("slug".to_owned(), toml::Value::String(file.slug.to_owned()));
    table.insert("lang".to_owned(), toml::Value::String(file.lang.to_owned()));
    table.insert("translation_of".to_owned(), toml::Value::String(original_slug));
    let translators = file.translators.iter().cloned().map(toml::Value::String).collect();
    table.insert("translators".to_owned(), toml::Value::Array(translators));
    let front =
        toml::to_string(&table).map_err(|error| ComposeError::Original(error.to_string()))?;
    let composed = format!("+++\n{}\n+++\n{}", front.trim_end(), body);
    match parse_article(file.slug, &composed) {
        Ok(_) => Ok(composed),
        Err(errors) => {
            let twice = errors
                .iter()
                .any(|error| matches!(error.kind, ArticleErrorKind::DuplicateVersion { .. }));
            if twice {
                return Err(ComposeError::TurnHasLanguage { lang: file.lang.to_owned() });
            }
            Err(ComposeError::Invalid(errors))
        }
    }
}

#[cfg(test)]
mod tests;
