//! XLIFF 2.0 (OASIS, `urn:oasis:names:tc:xliff:document:2.0`) for one story's translation into one
//! language: written by [`write_xliff`] for translators' tools and read back by [`read_xliff`] with
//! the same refusing reader as the archives (`crate::xml`: no document type, no entities beyond
//! XML's five, limits on size and depth), every refusal naming line, column and unit.
//!
//! One file holds one story: `<file original="SLUG">`, one `<unit>` per translation unit with our
//! stable unit id, one `<segment>` with its `<source>` and `<target>`. What XLIFF has no word for
//! travels in attributes of our own namespace on `<unit>` ([`ASHYQ_NS`], which XLIFF 2.0 allows
//! there): the unit's kind, our exact state, the hash of the source as exported, the hash of the
//! source the target was made from and the hash of the target as exported; `<file>` carries the
//! time of the export (`ashyq:exported-at`). Texts are plain text (Markdown for body blocks),
//! escaped; no inline XLIFF markup is written, and of what tools add only annotations (`<mrk>`,
//! `<pc>`, `<sm/>`, `<em/>`) are read through.

use quick_xml::escape::escape;

use crate::error::{LineIndex, ReadError, ReadErrorKind};
use crate::xml::{Element, Limits, read_tree};

/// The XLIFF 2.0 core namespace.
pub const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// Our own namespace, for what XLIFF has no attribute for.
pub const ASHYQ_NS: &str = "urn:ashyq:xliff:1";

/// How much one XLIFF file may hold: a story is a few hundred units of a few kilobytes.
pub const XLIFF_LIMITS: Limits =
    Limits { max_text_bytes: 1024 * 1024, max_depth: 16, max_elements: 200_000 };

/// XLIFF 2.0's segment states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentState {
    Initial,
    Translated,
    Reviewed,
    Final,
}

impl SegmentState {
    pub fn code(self) -> &'static str {
        match self {
            SegmentState::Initial => "initial",
            SegmentState::Translated => "translated",
            SegmentState::Reviewed => "reviewed",
            SegmentState::Final => "final",
        }
    }

    pub fn from_code(code: &str) -> Option<SegmentState> {
        [
            SegmentState::Initial,
            SegmentState::Translated,
            SegmentState::Reviewed,
            SegmentState::Final,
        ]
        .into_iter()
        .find(|state| state.code() == code)
    }
}

/// One story's translation as an XLIFF file holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XliffStory {
    pub src_lang: String,
    pub trg_lang: String,
    /// The original's slug (`<file original>`).
    pub slug: String,
    /// When the site wrote the file (`ashyq:exported-at` on `<file>`, RFC 3339), in Unix seconds;
    /// `None` in a file that never came from ashyq, or whose tool dropped the attribute.
    pub exported_at: Option<i64>,
    pub units: Vec<XliffUnit>,
}

/// One unit: our stable id, the original's text and the translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XliffUnit {
    pub id: String,
    /// `title`, `summary`, `block`, `turn`… (our `UnitSlot` code; informative).
    pub kind: String,
    pub source: String,
    /// `None` when the file has no `<target>`; empty when it is empty.
    pub target: Option<String>,
    pub state: SegmentState,
    /// Our exact state (`untranslated`, `draft`, `submitted`, `approved`, `needs-update`…).
    pub ashyq_state: String,
    /// The hash of `source` as exported; empty when a tool dropped the attribute.
    pub source_hash: String,
    /// The hash of the source the target was made from (empty: no target yet).
    pub target_source_hash: String,
    /// The hash of the target as exported (an import tells the translator's changes from the
    /// site's by it); empty when a tool dropped the attribute.
    pub target_hash: String,
    /// Notes for the translator (a reviewer's note, the source before it changed), as
    /// `(category, text)`.
    pub notes: Vec<(String, String)>,
    /// Line and column of `<unit>` in the file read (0 for a unit to write).
    pub line: usize,
    pub column: usize,
}

/// `text` escaped for XML content or a quoted attribute; a carriage return as a character
/// reference, so that a reader's line-end normalisation gives the same text back.
fn escaped(text: &str) -> String {
    escape(text).replace('\r', "&#13;")
}

fn attribute(name: &str, value: &str) -> String {
    format!(" {name}=\"{}\"", escaped(value))
}

/// The XLIFF 2.0 file for `story`.
pub fn write_xliff(story: &XliffStory) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"{XLIFF_NS}\" xmlns:ashyq=\"{ASHYQ_NS}\" version=\"2.0\"{}{}>\n",
        attribute("srcLang", &story.src_lang),
        attribute("trgLang", &story.trg_lang)
    ));
    let exported_at = story
        .exported_at
        .and_then(|seconds| time::OffsetDateTime::from_unix_timestamp(seconds).ok())
        .and_then(|at| at.format(&time::format_description::well_known::Rfc3339).ok())
        .map(|at| attribute("ashyq:exported-at", &at))
        .unwrap_or_default();
    out.push_str(&format!(
        "  <file{}{}{exported_at}>\n",
        attribute("id", &format!("f-{}", story.slug)),
        attribute("original", &story.slug)
    ));
    for unit in &story.units {
        out.push_str(&format!(
            "    <unit{} canResegment=\"no\"{}{}{}{}{}>\n",
            attribute("id", &unit.id),
            attribute("ashyq:kind", &unit.kind),
            attribute("ashyq:state", &unit.ashyq_state),
            attribute("ashyq:source-hash", &unit.source_hash),
            attribute("ashyq:target-source-hash", &unit.target_source_hash),
            attribute("ashyq:target-hash", &unit.target_hash),
        ));
        if !unit.notes.is_empty() {
            out.push_str("      <notes>\n");
            for (category, text) in &unit.notes {
                out.push_str(&format!(
                    "        <note{}>{}</note>\n",
                    attribute("category", category),
                    escaped(text)
                ));
            }
            out.push_str("      </notes>\n");
        }
        out.push_str(&format!("      <segment state=\"{}\">\n", unit.state.code()));
        out.push_str(&format!(
            "        <source xml:space=\"preserve\">{}</source>\n",
            escaped(&unit.source)
        ));
        let target = unit.target.as_deref().unwrap_or_default();
        out.push_str(&format!(
            "        <target xml:space=\"preserve\">{}</target>\n",
            escaped(target)
        ));
        out.push_str("      </segment>\n    </unit>\n");
    }
    out.push_str("  </file>\n</xliff>\n");
    out
}

fn is_xliff(ns: &str) -> bool {
    ns == XLIFF_NS
}

fn at(text: &str, element: &Element, kind: ReadErrorKind) -> ReadError {
    ReadError::at(text, element.offset, kind)
}

fn bad(element: &Element, value: &str, expected: &'static str) -> ReadErrorKind {
    ReadErrorKind::BadValue { element: element.name.clone(), value: value.to_owned(), expected }
}

fn missing(element: &str, within: &str) -> ReadErrorKind {
    ReadErrorKind::Missing { element: element.to_owned(), within: within.to_owned() }
}

/// The text of `<source>` or `<target>`. Exports hold plain text; a translator's tool may wrap
/// parts of it in XLIFF's annotations and paired codes (`<mrk>`, `<pc>`: their text is kept, the
/// markup dropped) or mark where an annotation starts and ends (`<sm/>`, `<em/>`: nothing to
/// keep). Any other element (a placeholder standing for a code, something of another namespace)
/// is refused: what it stands for cannot be put back as text.
fn plain(text: &str, element: &Element, unit: &str) -> Result<String, ReadError> {
    element.mixed_text(&mut |inline| {
        if is_xliff(&inline.ns) {
            match inline.name.as_str() {
                "mrk" | "pc" => return plain(text, inline, unit),
                "sm" | "em" => return Ok(String::new()),
                _ => {}
            }
        }
        Err(at(
            text,
            inline,
            ReadErrorKind::WrongFormat {
                expected: "text inside <source> and <target> (annotations <mrk> and <pc> are read through)",
                detail: format!(
                    "unit `{unit}` holds the inline element `<{}>`; write the translation as text \
                     (Markdown stays as typed)",
                    inline.name
                ),
            },
        ))
    })
}

/// The units of `within` (a `<file>` or a `<group>`), groups read through.
fn collect_units<'e>(within: &'e Element, units: &mut Vec<&'e Element>) {
    for child in &within.children {
        if !is_xliff(&child.ns) {
            continue;
        }
        match child.name.as_str() {
            "unit" => units.push(child),
            "group" => collect_units(child, units),
            _ => {}
        }
    }
}

fn read_unit(text: &str, lines: &LineIndex<'_>, element: &Element) -> Result<XliffUnit, ReadError> {
    let id = element
        .attr("id")
        .filter(|id| !id.trim().is_empty())
        .ok_or_else(|| at(text, element, missing("id attribute", "unit")))?
        .to_owned();
    let mut source = String::new();
    let mut target: Option<String> = None;
    let mut state = SegmentState::Initial;
    let mut segments = 0;
    // A unit's text is its segments and ignorables in order (a tool may have split it).
    for part in element.children.iter().filter(|child| is_xliff(&child.ns)) {
        if part.name != "segment" && part.name != "ignorable" {
            continue;
        }
        if part.name == "segment" {
            segments += 1;
            if let Some(code) = part.attr("state") {
                state = SegmentState::from_code(code).ok_or_else(|| {
                    at(text, part, bad(part, code, "initial, translated, reviewed or final"))
                })?;
            }
        }
        let part_source = part
            .child(is_xliff, "source")
            .ok_or_else(|| at(text, part, missing("source", &part.name)))?;
        source.push_str(&plain(text, part_source, &id)?);
        if let Some(part_target) = part.child(is_xliff, "target") {
            target.get_or_insert_with(String::new).push_str(&plain(text, part_target, &id)?);
        }
    }
    if segments == 0 {
        return Err(at(text, element, missing("segment", "unit")));
    }
    let notes = element
        .child(is_xliff, "notes")
        .map(|notes| {
            notes
                .children_named(is_xliff, "note")
                .map(|note| {
                    (note.attr("category").unwrap_or_default().to_owned(), note.text.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    let (line, column) = lines.position(element.offset);
    let own = |name: &str| element.attr(name).unwrap_or_default().to_owned();
    Ok(XliffUnit {
        id,
        kind: own("kind"),
        source,
        target,
        state,
        ashyq_state: own("state"),
        source_hash: own("source-hash"),
        target_source_hash: own("target-source-hash"),
        target_hash: own("target-hash"),
        notes,
        line,
        column,
    })
}

/// Reads an XLIFF 2.0 file holding one story, or says where and why it cannot be read: not
/// XLIFF 2.0, no `srcLang`/`trgLang`, not exactly one `<file>` with `original`, a unit without id
/// or segment, two units with one id, inline markup, or anything the refusing reader refuses.
pub fn read_xliff(text: &str) -> Result<XliffStory, ReadError> {
    let root = read_tree(text, XLIFF_LIMITS)?;
    if root.name != "xliff" || !is_xliff(&root.ns) {
        return Err(at(
            text,
            &root,
            ReadErrorKind::WrongFormat {
                expected: "an XLIFF 2.0 file",
                detail: format!(
                    "the root element is `<{}>` in namespace `{}`, not `<xliff>` in `{XLIFF_NS}`",
                    root.name, root.ns
                ),
            },
        ));
    }
    match root.attr("version") {
        Some("2.0") => {}
        Some(other) => return Err(at(text, &root, bad(&root, other, "version 2.0"))),
        None => return Err(at(text, &root, missing("version attribute", "xliff"))),
    }
    let lang = |name: &str| {
        root.attr(name)
            .filter(|value| !value.trim().is_empty())
            .map(|value| value.trim().to_owned())
            .ok_or_else(|| at(text, &root, missing(&format!("{name} attribute"), "xliff")))
    };
    let (src_lang, trg_lang) = (lang("srcLang")?, lang("trgLang")?);
    let files: Vec<&Element> = root.children_named(is_xliff, "file").collect();
    let file = match files.as_slice() {
        [file] => *file,
        [] => return Err(at(text, &root, missing("file", "xliff"))),
        [_, second, ..] => {
            return Err(at(
                text,
                second,
                ReadErrorKind::WrongFormat {
                    expected: "one story per file",
                    detail: "a second <file>; export writes one story per file".to_owned(),
                },
            ));
        }
    };
    let exported_at = match file.attr("exported-at") {
        None => None,
        Some(value) => Some(
            time::OffsetDateTime::parse(
                value.trim(),
                &time::format_description::well_known::Rfc3339,
            )
            .map_err(|_| at(text, file, bad(file, value, "a time such as 2026-11-30T12:00:00Z")))?
            .unix_timestamp(),
        ),
    };
    // Some tools drop `original` when they write a file back (the `xliff` npm package does); our
    // own `id="f-SLUG"` still names the story.
    let slug = file
        .attr("original")
        .filter(|slug| !slug.trim().is_empty())
        .or_else(|| file.attr("id").and_then(|id| id.trim().strip_prefix("f-")))
        .filter(|slug| !slug.trim().is_empty())
        .ok_or_else(|| {
            at(text, file, missing("original attribute (the story), or an id `f-STORY`", "file"))
        })?
        .trim()
        .to_owned();
    let mut elements = Vec::new();
    collect_units(file, &mut elements);
    let mut units: Vec<XliffUnit> = Vec::with_capacity(elements.len());
    let lines = LineIndex::new(text);
    for element in elements {
        let unit = read_unit(text, &lines, element)?;
        if units.iter().any(|seen| seen.id == unit.id) {
            return Err(at(
                text,
                element,
                ReadErrorKind::WrongFormat {
                    expected: "unique unit ids",
                    detail: format!("unit `{}` appears twice", unit.id),
                },
            ));
        }
        units.push(unit);
    }
    Ok(XliffStory { src_lang, trg_lang, slug, exported_at, units })
}

#[cfg(test)]
mod tests;
