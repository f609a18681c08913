//! SVG drawings: read with an XML parser (`quick-xml`, never regular expressions) and written back
//! with only what draws the picture. Scripts, event handlers, `<foreignObject>`, animations (which
//! can rewrite links), links and references to anything but a `#fragment` of the same file, styles
//! that load or import anything, metadata (`<metadata>`, editor namespaces, comments, processing
//! instructions) and the `<!DOCTYPE>` with its entities are removed.
//!
//! The result is a fixed point: sanitising a sanitised drawing gives the same bytes, so a drawing
//! exported and imported again keeps its content-addressed name.

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer, XmlVersion};

/// The one namespace elements may be in.
const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// The largest SVG file accepted.
pub const MAX_SVG_BYTES: usize = 2 * 1024 * 1024;

/// Elements removed with everything inside them.
const REMOVED_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "metadata",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "set",
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
    "discard",
];

/// A drawing ready to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizedSvg {
    pub bytes: Vec<u8>,
    /// From the root's `width` and `height`, or its `viewBox`, rounded to whole pixels.
    pub width: u32,
    pub height: u32,
    /// What was found and removed, for telling the uploader (e.g. `"script"`, `"metadata"`).
    pub removed: Vec<String>,
}

/// Why a drawing was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SvgError {
    #[error("the drawing is {size} bytes; the limit for SVG is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the SVG is not UTF-8 text")]
    NotUtf8,
    #[error("the SVG is not well-formed XML ({detail})")]
    Malformed { detail: String },
    #[error("the file is XML but not an SVG drawing (its root is `{root}`)")]
    NotSvg { root: String },
    #[error("the SVG uses the entity `&{name};`, which is not allowed")]
    Entity { name: String },
    #[error("the SVG has no size: give its root `width` and `height`, or a `viewBox`")]
    NoSize,
}

/// Whether `bytes` look like an SVG (or other XML) file rather than a raster image.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Sanitises an SVG drawing; see the module documentation for what is removed.
///
/// # Errors
///
/// Refuses files over [`MAX_SVG_BYTES`], text that is not UTF-8 or not well-formed XML, documents
/// whose root is not `<svg>`, entities other than XML's own, and drawings without a size.
pub fn sanitize_svg(bytes: &[u8]) -> Result<SanitizedSvg, SvgError> {
    if bytes.len() > MAX_SVG_BYTES {
        return Err(SvgError::TooLarge { size: bytes.len(), limit: MAX_SVG_BYTES });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| SvgError::NotUtf8)?;
    let mut sanitizer = Sanitizer {
        writer: Writer::new(Vec::with_capacity(bytes.len())),
        depth: 0,
        skipping: 0,
        seen_root: false,
        size: None,
        style: None,
        removed: Vec::new(),
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    loop {
        let event = reader.read_event().map_err(malformed)?;
        if matches!(event, Event::Eof) {
            break;
        }
        sanitizer.event(event)?;
    }
    if sanitizer.depth != 0 || sanitizer.skipping != 0 || !sanitizer.seen_root {
        return Err(SvgError::Malformed { detail: "the root element is not closed".to_owned() });
    }
    let (width, height) = sanitizer.size.ok_or(SvgError::NoSize)?;
    let mut removed = sanitizer.removed;
    removed.sort();
    removed.dedup();
    Ok(SanitizedSvg { bytes: sanitizer.writer.into_inner(), width, height, removed })
}

fn malformed(error: impl std::fmt::Display) -> SvgError {
    SvgError::Malformed { detail: error.to_string() }
}

struct Sanitizer {
    writer: Writer<Vec<u8>>,
    /// Open elements that are written.
    depth: usize,
    /// Inside a removed element: how many of its elements are open.
    skipping: usize,
    seen_root: bool,
    size: Option<(u32, u32)>,
    /// An open `<style>` element, held back until its text is known to be harmless.
    style: Option<(BytesStart<'static>, String)>,
    removed: Vec<String>,
}

impl Sanitizer {
    fn event(&mut self, event: Event<'_>) -> Result<(), SvgError> {
        match event {
            Event::Start(element) => {
                if self.skipping > 0 || self.style.is_some() {
                    self.skipping += 1;
                    return Ok(());
                }
                let Some(element) = self.element(&element)? else {
                    self.skipping = 1;
                    return Ok(());
                };
                if element.local_name().as_ref().eq_ignore_ascii_case("style") {
                    self.style = Some((element.into_owned(), String::new()));
                    return Ok(());
                }
                self.depth += 1;
                self.write(Event::Start(element))
            }
            Event::Empty(element) => {
                if self.skipping > 0 || self.style.is_some() {
                    return Ok(());
                }
                match self.element(&element)? {
                    Some(element) => self.write(Event::Empty(element)),
                    None => Ok(()),
                }
            }
            Event::End(end) => {
                if self.skipping > 0 {
                    self.skipping -= 1;
                    return Ok(());
                }
                if let Some((start, text)) = self.style.take() {
                    if is_harmful(&text) {
                        self.removed.push("style that loads other files".to_owned());
                        return Ok(());
                    }
                    self.write(Event::Start(start.borrow()))?;
                    self.write(Event::Text(BytesText::new(&text)))?;
                    return self.write(Event::End(end));
                }
                self.depth = self.depth.saturating_sub(1);
                self.write(Event::End(end))
            }
            Event::Text(text) => {
                if self.skipping > 0 {
                    return Ok(());
                }
                if let Some((_, style)) = self.style.as_mut() {
                    style.push_str(&text.xml10_content());
                    return Ok(());
                }
                if self.depth == 0 {
                    // Whitespace around the root is not kept.
                    return Ok(());
                }
                self.write(Event::Text(text))
            }
            Event::CData(data) => {
                if self.skipping > 0 {
                    return Ok(());
                }
                let content = data.xml_content(XmlVersion::Implicit1_0);
                match self.style.as_mut() {
                    Some((_, style)) => style.push_str(&content),
                    // Written back as escaped text: the same characters, one less construct.
                    None if self.depth > 0 => {
                        self.write(Event::Text(BytesText::new(&content)))?;
                    }
                    None => {}
                }
                Ok(())
            }
            Event::GeneralRef(reference) => {
                let name = reference.xml10_content().into_owned();
                let character = reference.resolve_char_ref().map_err(malformed)?;
                let predefined = ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_str());
                if character.is_none() && !predefined {
                    return Err(SvgError::Entity { name });
                }
                if self.skipping > 0 || self.depth == 0 {
                    return Ok(());
                }
                match self.style.as_mut() {
                    Some((_, style)) => {
                        style.push(character.unwrap_or(match name.as_str() {
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => '&',
                        }));
                        Ok(())
                    }
                    None => self.write(Event::GeneralRef(reference)),
                }
            }
            Event::DocType(_) => {
                self.removed.push("DOCTYPE".to_owned());
                Ok(())
            }
            Event::Comment(_) => {
                self.removed.push("comments".to_owned());
                Ok(())
            }
            Event::PI(_) => {
                self.removed.push("processing instructions".to_owned());
                Ok(())
            }
            Event::Decl(_) | Event::Eof => Ok(()),
        }
    }

    fn write(&mut self, event: Event<'_>) -> Result<(), SvgError> {
        self.writer.write_event(event).map_err(malformed)
    }

    /// The element as it may be written, or `None` when it is removed with its content.
    fn element(
        &mut self,
        element: &BytesStart<'_>,
    ) -> Result<Option<BytesStart<'static>>, SvgError> {
        let name = element.name().as_ref().to_owned();
        let local = element.local_name().as_ref().to_ascii_lowercase();
        let is_root = !self.seen_root;
        if is_root {
            if local != "svg" || element.name().prefix().is_some() {
                return Err(SvgError::NotSvg { root: name });
            }
            self.seen_root = true;
        } else if self.depth == 0 {
            return Err(malformed("more than one root element"));
        }
        if element.name().prefix().is_some() {
            // Editors' own elements (`sodipodi:namedview`, `rdf:RDF`…): metadata, not drawing.
            self.removed.push(format!("<{name}>"));
            return Ok(None);
        }
        if REMOVED_ELEMENTS.contains(&local.as_str()) {
            self.removed.push(format!("<{name}>"));
            return Ok(None);
        }
        let mut kept = BytesStart::new(name.clone());
        if is_root {
            // Always first and always SVG's: a root in the XHTML namespace would be read as an HTML
            // page when the file is opened on its own.
            kept.push_attribute(("xmlns", SVG_NAMESPACE));
        }
        let mut width = None;
        let mut height = None;
        let mut view_box = None;
        for attribute in element.attributes() {
            let attribute = attribute.map_err(malformed)?;
            let key = attribute.key.as_ref().to_owned();
            let value =
                attribute.normalized_value(XmlVersion::Implicit1_0).map_err(
                    |error| match error {
                        quick_xml::Error::Escape(escape) => {
                            SvgError::Entity { name: escape.to_string() }
                        }
                        other => malformed(other),
                    },
                )?;
            if key == "xmlns" {
                if value != SVG_NAMESPACE {
                    if is_root {
                        return Err(SvgError::NotSvg { root: format!("{name} in {value}") });
                    }
                    // HTML or another vocabulary inside the drawing: foreign content, removed.
                    self.removed.push(format!("<{name}> in {value}"));
                    return Ok(None);
                }
                if is_root {
                    continue;
                }
            }
            if let Some(reason) = refuse_attribute(&key, &value) {
                self.removed.push(reason);
                continue;
            }
            if is_root {
                match key.as_str() {
                    "width" => width = parse_length(&value),
                    "height" => height = parse_length(&value),
                    "viewBox" => view_box = parse_view_box(&value),
                    _ => {}
                }
            }
            kept.push_attribute((key.as_str(), value.as_ref()));
        }
        if is_root {
            self.size = match (width, height, view_box) {
                (Some(width), Some(height), _) => Some((width, height)),
                (_, _, Some((box_width, box_height))) => match (width, height) {
                    // One side given: the other follows the viewBox's proportions.
                    (Some(width), None) => Some((width, scale(box_height, width, box_width))),
                    (None, Some(height)) => Some((scale(box_width, height, box_height), height)),
                    _ => Some((box_width, box_height)),
                },
                _ => None,
            };
        }
        Ok(Some(kept))
    }
}

/// Why an attribute is dropped, or `None` to keep it.
fn refuse_attribute(key: &str, value: &str) -> Option<String> {
    let lower = key.to_ascii_lowercase();
    let local = lower.rsplit(':').next().unwrap_or(&lower);
    if local.starts_with("on") {
        return Some(format!("event handler `{key}`"));
    }
    if local == "href" {
        return (key != "href" && key != "xlink:href" || !value.trim().starts_with('#'))
            .then(|| format!("link to `{}`", value.trim()));
    }
    if let Some(prefix) = lower.strip_prefix("xmlns:") {
        // Namespace declarations for editors' metadata go with the metadata.
        return (prefix != "xlink").then(|| format!("namespace `{key}`"));
    }
    if lower.contains(':') && lower != "xml:space" && lower != "xml:lang" {
        return Some(format!("attribute `{key}`"));
    }
    is_harmful(value).then(|| format!("attribute `{key}` that loads other files"))
}

/// Whether a value or style sheet could load, import or run something: `url(…)` to anything but
/// a `#fragment`, `@import`, script addresses, old CSS expressions.
fn is_harmful(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\\')
        .flat_map(char::to_lowercase)
        .collect();
    if ["@import", "javascript:", "vbscript:", "data:", "expression("]
        .iter()
        .any(|bad| compact.contains(bad))
    {
        return true;
    }
    compact.match_indices("url(").any(|(at, _)| {
        let target = compact[at + 4..].trim_start_matches(['"', '\'']);
        !target.starts_with('#')
    })
}

/// A root `width` or `height`: a plain number or pixels. Other units (%, em, cm) give no size.
fn parse_length(value: &str) -> Option<u32> {
    let number = value.trim().strip_suffix("px").unwrap_or(value.trim());
    to_pixels(number.trim().parse::<f64>().ok()?)
}

fn parse_view_box(value: &str) -> Option<(u32, u32)> {
    let numbers: Vec<f64> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers.as_slice() {
        [_, _, width, height] => Some((to_pixels(*width)?, to_pixels(*height)?)),
        _ => None,
    }
}

/// Whole pixels, at least one, for a positive finite size no larger than a screen could want.
fn to_pixels(number: f64) -> Option<u32> {
    (number.is_finite() && number > 0.0 && number <= 100_000.0)
        .then(|| (number.round() as u32).max(1))
}

/// `side × other_target / other_side`, rounded, at least one pixel.
fn scale(side: u32, other_target: u32, other_side: u32) -> u32 {
    let scaled = u64::from(side) * u64::from(other_target) / u64::from(other_side.max(1));
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
