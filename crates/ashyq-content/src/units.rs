//! Translation units: the pieces of an article a translator translates one by one (title, summary,
//! each top-level Markdown block, each figure's caption and alt text, each interview turn), with
//! identities that survive edits.
//!
//! Units named by the file itself keep that name as their id (`title`, `summary`, `lead.alt`,
//! `figure.ID.caption`…). Body blocks and interview turns have no name in the file, so they get an
//! id when first seen (`u-` and the first 8 hex digits of their text's hash) and keep it from then on:
//! a new version of the article is aligned with the units stored for the last one (a diff over the
//! units' hashes), so an unchanged block keeps its id wherever it moves, a block edited in place
//! keeps the id of the block it replaced, and only inserted blocks get new ids. Inserting a paragraph
//! therefore shifts no other id. Nothing here stores anything: callers keep `StoredUnit`s.

use std::collections::HashSet;

use pulldown_cmark::{Event, Parser};
use sha2::{Digest, Sha256};
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};

use crate::article::{Article, Block};
use crate::parse::{markdown_options, opening_summary};

/// Where in an article a unit sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitSlot {
    Title,
    Summary,
    LeadCaption,
    LeadAlt,
    FigureCaption(String),
    FigureAlt(String),
    /// A top-level Markdown block of the body (a paragraph, a list, a heading, a quote…).
    Block,
    /// An interview turn.
    Turn,
}

impl UnitSlot {
    /// The id of a unit named by the file, `None` for body blocks and turns (which get one by
    /// alignment).
    pub fn fixed_id(&self) -> Option<String> {
        match self {
            UnitSlot::Title => Some("title".to_owned()),
            UnitSlot::Summary => Some("summary".to_owned()),
            UnitSlot::LeadCaption => Some("lead.caption".to_owned()),
            UnitSlot::LeadAlt => Some("lead.alt".to_owned()),
            UnitSlot::FigureCaption(id) => Some(format!("figure.{id}.caption")),
            UnitSlot::FigureAlt(id) => Some(format!("figure.{id}.alt")),
            UnitSlot::Block | UnitSlot::Turn => None,
        }
    }

    /// The kind stored with a unit: its fixed id, or `block` / `turn`.
    pub fn code(&self) -> String {
        match self {
            UnitSlot::Block => "block".to_owned(),
            UnitSlot::Turn => "turn".to_owned(),
            fixed => fixed.fixed_id().unwrap_or_default(),
        }
    }
}

/// A unit as read from an article, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUnit {
    pub slot: UnitSlot,
    /// Plain text for title, summary, captions and alt texts; Markdown for blocks and turns.
    pub text: String,
    pub hash: String,
}

/// A unit with its stable id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub slot: UnitSlot,
    pub text: String,
    pub hash: String,
}

/// What is kept of a unit between versions of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUnit {
    pub id: String,
    /// [`UnitSlot::code`].
    pub kind: String,
    pub hash: String,
    /// The unit's text, to tell an edited block from an inserted one.
    pub text: String,
}

impl From<&Unit> for StoredUnit {
    fn from(unit: &Unit) -> StoredUnit {
        StoredUnit {
            id: unit.id.clone(),
            kind: unit.slot.code(),
            hash: unit.hash.clone(),
            text: unit.text.clone(),
        }
    }
}

/// How alike two versions of a block must be (word diff ratio) to be taken as one block edited.
const SAME_BLOCK_RATIO: f32 = 0.5;

/// A translated unit's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitState {
    Untranslated,
    Translated,
    /// The original changed after this unit was translated.
    NeedsUpdate,
    Approved,
}

impl UnitState {
    pub const ALL: [UnitState; 4] = [
        UnitState::Untranslated,
        UnitState::Translated,
        UnitState::NeedsUpdate,
        UnitState::Approved,
    ];

    /// The code stored in the database, written to XLIFF and used in Fluent ids.
    pub fn code(self) -> &'static str {
        match self {
            UnitState::Untranslated => "untranslated",
            UnitState::Translated => "translated",
            UnitState::NeedsUpdate => "needs-update",
            UnitState::Approved => "approved",
        }
    }

    pub fn from_code(code: &str) -> Option<UnitState> {
        UnitState::ALL.into_iter().find(|state| state.code() == code)
    }
}

/// Where a unit of a translation written in the side-by-side editor stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftState {
    /// Saved by the translator, not yet sent for review.
    Draft,
    /// Sent for review.
    Submitted,
    /// Accepted by a language editor.
    Approved,
    /// Sent back by a language editor with a note.
    Returned,
}

impl DraftState {
    pub const ALL: [DraftState; 4] =
        [DraftState::Draft, DraftState::Submitted, DraftState::Approved, DraftState::Returned];

    /// The code stored in the database and used in Fluent ids (`draft-state-CODE`).
    pub fn code(self) -> &'static str {
        match self {
            DraftState::Draft => "draft",
            DraftState::Submitted => "submitted",
            DraftState::Approved => "approved",
            DraftState::Returned => "returned",
        }
    }

    pub fn from_code(code: &str) -> Option<DraftState> {
        DraftState::ALL.into_iter().find(|state| state.code() == code)
    }
}

/// The hash a unit's text is known by: 16 hex digits of its SHA-256, surrounding whitespace ignored.
pub fn unit_hash(text: &str) -> String {
    let digest = Sha256::digest(text.trim().as_bytes());
    hex::encode(&digest[..8])
}

fn source_unit(slot: UnitSlot, text: &str) -> SourceUnit {
    let text = text.trim().to_owned();
    SourceUnit { hash: unit_hash(&text), slot, text }
}

/// The article's units in reading order. Empty captions and alt texts are no units, nor is a
/// summary the file does not give (it is the body's opening). For a turn, the unit is the version in
/// the article's language when the article is a translation, else the turn's original.
pub fn article_units(article: &Article) -> Vec<SourceUnit> {
    let mut units = vec![source_unit(UnitSlot::Title, &article.title)];
    if !article.summary.is_empty() && article.summary != opening_summary(&article.body) {
        units.push(source_unit(UnitSlot::Summary, &article.summary));
    }
    let push_nonempty = |units: &mut Vec<SourceUnit>, slot: UnitSlot, text: &str| {
        if !text.trim().is_empty() {
            units.push(source_unit(slot, text));
        }
    };
    if let Some(lead) = &article.lead_figure {
        push_nonempty(&mut units, UnitSlot::LeadCaption, &lead.caption);
        push_nonempty(&mut units, UnitSlot::LeadAlt, &lead.alt);
    }
    for block in &article.body {
        match block {
            Block::Markdown(markdown) => {
                for text in markdown_blocks(markdown) {
                    units.push(source_unit(UnitSlot::Block, text));
                }
            }
            Block::Figure { id, .. } => {
                if let Some(figure) = article.figure(id) {
                    push_nonempty(&mut units, UnitSlot::FigureCaption(id.clone()), &figure.caption);
                    push_nonempty(&mut units, UnitSlot::FigureAlt(id.clone()), &figure.alt);
                }
            }
            Block::Interview(interview) => {
                for turn in &interview.turns {
                    let own = article
                        .translation_of
                        .as_ref()
                        .and_then(|_| turn.versions.iter().find(|v| v.lang == article.lang));
                    if let Some(version) = own.or_else(|| turn.original()) {
                        units.push(source_unit(UnitSlot::Turn, &version.markdown));
                    }
                }
            }
        }
    }
    units
}

/// The source text of each top-level block of `markdown` (paragraph, heading, list, quote, code…).
fn markdown_blocks(markdown: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0
                    && let Some(text) = markdown.get(range)
                    && !text.trim().is_empty()
                {
                    blocks.push(text);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    blocks
}

/// Gives each unit of a new version of an article its id, keeping the ids of `previous` (the units
/// stored for the last version) as described in the module documentation.
pub fn identify_units(previous: &[StoredUnit], current: Vec<SourceUnit>) -> Vec<Unit> {
    let old_flowing: Vec<&StoredUnit> =
        previous.iter().filter(|unit| unit.kind == "block" || unit.kind == "turn").collect();
    let new_flowing: Vec<usize> = current
        .iter()
        .enumerate()
        .filter(|(_, unit)| unit.slot.fixed_id().is_none())
        .map(|(index, _)| index)
        .collect();
    let old_keys: Vec<(&str, &str)> =
        old_flowing.iter().map(|unit| (unit.kind.as_str(), unit.hash.as_str())).collect();
    let codes: Vec<String> = new_flowing.iter().map(|index| current[*index].slot.code()).collect();
    let new_keys: Vec<(&str, &str)> = new_flowing
        .iter()
        .zip(&codes)
        .map(|(index, code)| (code.as_str(), current[*index].hash.as_str()))
        .collect();

    // `kept[i]` is the old id the i-th flowing unit inherits.
    let mut kept: Vec<Option<String>> = vec![None; new_flowing.len()];
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                for offset in 0..len {
                    kept[new_index + offset] = Some(old_flowing[old_index + offset].id.clone());
                }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } if old_len == new_len => {
                // Edited in place: the n-th replaced unit inherits the n-th old one's id when both
                // are of the same kind.
                for offset in 0..old_len {
                    let old = old_flowing[old_index + offset];
                    if old.kind == new_keys[new_index + offset].0 {
                        kept[new_index + offset] = Some(old.id.clone());
                    }
                }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                // Blocks inserted or removed beside edited ones: each old block goes, in order, to
                // the most alike new block of its kind, if any is alike enough.
                let mut next = new_index;
                for old in &old_flowing[old_index..old_index + old_len] {
                    let best = (next..new_index + new_len)
                        .filter(|n| new_keys[*n].0 == old.kind)
                        .map(|n| {
                            let text = &current[new_flowing[n]].text;
                            (n, TextDiff::from_words(old.text.as_str(), text.as_str()).ratio())
                        })
                        .filter(|(_, ratio)| *ratio >= SAME_BLOCK_RATIO)
                        .max_by(|a, b| a.1.total_cmp(&b.1));
                    if let Some((n, _)) = best {
                        kept[n] = Some(old.id.clone());
                        next = n + 1;
                    }
                }
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }

    let mut used: HashSet<String> = kept.iter().flatten().cloned().collect();
    let mut flowing_index = 0;
    current
        .into_iter()
        .map(|unit| {
            let id = match unit.slot.fixed_id() {
                Some(id) => id,
                None => {
                    let inherited = kept.get(flowing_index).cloned().flatten();
                    flowing_index += 1;
                    inherited.unwrap_or_else(|| fresh_id(&unit.hash, &mut used))
                }
            };
            Unit { id, slot: unit.slot, text: unit.text, hash: unit.hash }
        })
        .collect()
}

/// `u-` and 8 hex digits of the hash, with `-2`, `-3`… when taken (the same text twice).
fn fresh_id(hash: &str, used: &mut HashSet<String>) -> String {
    let base = format!("u-{}", hash.get(..8).unwrap_or(hash));
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Pairs a translation's units with its original's: units named by the file by their id, body
/// blocks and turns by their order among units of their kind. Returns the original unit's index and
/// the translation's unit, for every pair found.
pub fn pair_translation<'t>(
    original: &[Unit],
    translation: &'t [SourceUnit],
) -> Vec<(usize, &'t SourceUnit)> {
    pair_translation_with(original, translation, &[])
}

/// Like [`pair_translation`], with what is known from the translation's last version: `known`
/// holds, per original unit id, the hash of the text it was translated as. A block whose text is
/// unchanged is paired with the unit it translated before, wherever the original's blocks moved;
/// the others are paired in order between those anchors, preferring original units that had a
/// translation before over ones inserted since.
pub fn pair_translation_with<'t>(
    original: &[Unit],
    translation: &'t [SourceUnit],
    known: &[(String, String)],
) -> Vec<(usize, &'t SourceUnit)> {
    let mut pairs: Vec<(usize, &'t SourceUnit)> = Vec::new();
    for unit in translation {
        if let Some(id) = unit.slot.fixed_id()
            && let Some(index) = original.iter().position(|candidate| candidate.id == id)
        {
            pairs.push((index, unit));
        }
    }
    for kind in [UnitSlot::Block, UnitSlot::Turn] {
        let positions: Vec<usize> = original
            .iter()
            .enumerate()
            .filter(|(_, unit)| unit.slot == kind)
            .map(|(index, _)| index)
            .collect();
        let units: Vec<&'t SourceUnit> =
            translation.iter().filter(|unit| unit.slot == kind).collect();
        let mut used = vec![false; positions.len()];
        // Anchors: translated text unchanged since the last version.
        let mut anchor: Vec<Option<usize>> = vec![None; units.len()];
        for (t, unit) in units.iter().enumerate() {
            let found = positions.iter().enumerate().position(|(p, index)| {
                !used[p]
                    && known
                        .iter()
                        .any(|(id, hash)| *id == original[*index].id && *hash == unit.hash)
            });
            if let Some(p) = found {
                used[p] = true;
                anchor[t] = Some(p);
            }
        }
        let had_translation =
            |p: usize| known.iter().any(|(id, _)| *id == original[positions[p]].id);
        let mut last: Option<usize> = None;
        for (t, unit) in units.iter().enumerate() {
            if let Some(p) = anchor[t] {
                pairs.push((positions[p], unit));
                last = Some(p);
                continue;
            }
            let start = last.map_or(0, |p| p + 1);
            let limit = anchor[t + 1..].iter().flatten().next().copied().unwrap_or(positions.len());
            let candidates: Vec<usize> = (start..limit.max(start)).filter(|p| !used[*p]).collect();
            let chosen = candidates
                .iter()
                .copied()
                .find(|p| had_translation(*p))
                .or_else(|| candidates.first().copied());
            if let Some(p) = chosen {
                used[p] = true;
                pairs.push((positions[p], unit));
                last = Some(p);
            }
        }
    }
    pairs.sort_by_key(|(index, _)| *index);
    pairs
}

/// One run of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRun {
    pub change: DiffChange,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffChange {
    Same,
    Removed,
    Added,
}

/// What changed between two versions of a unit, word by word (runs of the same kind merged).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffRun> {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_words(old, new);
    let mut runs: Vec<DiffRun> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffChange::Same,
            ChangeTag::Delete => DiffChange::Removed,
            ChangeTag::Insert => DiffChange::Added,
        };
        match runs.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => runs.push(DiffRun { change: kind, text: change.value().to_owned() }),
        }
    }
    runs
}

#[cfg(test)]
mod tests;
