//! A small element tree read with `quick-xml`, refusing what an export never needs: a document
//! type (so no entity can be defined, expanded or fetched), entities other than XML's five,
//! undeclared prefixes, and sizes past [`Limits`].

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::error::{ReadError, ReadErrorKind};

/// How much one file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Text of one element (a post's content, a comment).
    pub max_text_bytes: usize,
    pub max_depth: usize,
    pub max_elements: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_text_bytes: 8 * 1024 * 1024, max_depth: 64, max_elements: 5_000_000 }
    }
}

/// An element with its namespace, attributes (by local name), text and children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// The namespace URI, empty when unbound.
    pub ns: String,
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// The text and CDATA directly inside, joined.
    pub text: String,
    pub children: Vec<Element>,
    /// Byte offset of the start tag, for messages.
    pub offset: usize,
    /// How many bytes of the parent's `text` came before this element: where it sits in mixed
    /// content (see [`Element::mixed_text`]).
    pub text_before: usize,
}

impl Element {
    /// The first child called `name` whose namespace `ns` accepts.
    pub fn child(&self, ns: impl Fn(&str) -> bool, name: &str) -> Option<&Element> {
        self.children.iter().find(|child| child.name == name && ns(&child.ns))
    }

    /// Every child called `name` whose namespace `ns` accepts.
    pub fn children_named<'a>(
        &'a self,
        ns: impl Fn(&str) -> bool + 'a,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |child| child.name == name && ns(&child.ns))
    }

    /// The text of the first such child, trimmed; empty when there is none.
    pub fn child_text(&self, ns: impl Fn(&str) -> bool, name: &str) -> &str {
        self.child(ns, name).map_or("", |child| child.text.trim())
    }

    /// The text inside, in document order, with each child element's part given by `inner`
    /// (which may refuse it): `a <b>c</b> d` gives `a ` + `inner(b)` + ` d`.
    pub fn mixed_text<E>(
        &self,
        inner: &mut dyn FnMut(&Element) -> Result<String, E>,
    ) -> Result<String, E> {
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for child in &self.children {
            let until = child.text_before.clamp(at, self.text.len());
            out.push_str(self.text.get(at..until).unwrap_or_default());
            out.push_str(&inner(child)?);
            at = until;
        }
        out.push_str(self.text.get(at..).unwrap_or_default());
        Ok(out)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// Accepts elements without a namespace.
pub fn no_namespace(ns: &str) -> bool {
    ns.is_empty()
}

/// Reads `text` into its root element.
pub fn read_tree(text: &str, limits: Limits) -> Result<Element, ReadError> {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut elements = 0usize;
    loop {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let at = |kind: ReadErrorKind| ReadError::at(text, offset, kind);
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(error) => {
                let error_offset = usize::try_from(reader.error_position()).unwrap_or(offset);
                return Err(ReadError::at(
                    text,
                    error_offset,
                    ReadErrorKind::Malformed(error.to_string()),
                ));
            }
        };
        let ns = match resolved {
            ResolveResult::Bound(namespace) => namespace.0.to_owned(),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(prefix) => {
                return Err(at(ReadErrorKind::Malformed(format!(
                    "the prefix `{prefix}:` is used but never declared"
                ))));
            }
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                elements += 1;
                if elements > limits.max_elements {
                    return Err(at(ReadErrorKind::TooManyElements(limits.max_elements)));
                }
                if root.is_some() && stack.is_empty() {
                    return Err(at(ReadErrorKind::Malformed(
                        "a second element after the root".to_owned(),
                    )));
                }
                let mut attrs = Vec::new();
                for attribute in start.attributes() {
                    let attribute = attribute
                        .map_err(|error| at(ReadErrorKind::Malformed(error.to_string())))?;
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|error| at(attribute_error(&error.to_string())))?;
                    let key = attribute.key.local_name().as_ref().to_owned();
                    attrs.push((key, value.into_owned()));
                }
                let element = Element {
                    ns,
                    name: start.local_name().as_ref().to_owned(),
                    attrs,
                    text: String::new(),
                    children: Vec::new(),
                    offset,
                    text_before: stack.last().map_or(0, |parent| parent.text.len()),
                };
                if matches!(event, Event::Empty(_)) {
                    close(&mut stack, &mut root, element);
                } else {
                    if stack.len() >= limits.max_depth {
                        return Err(at(ReadErrorKind::TooDeep(limits.max_depth)));
                    }
                    stack.push(element);
                }
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    close(&mut stack, &mut root, element);
                }
            }
            Event::Text(content) => {
                let content = content.xml10_content();
                add_text(&mut stack, &content, limits, &at)?;
            }
            Event::CData(content) => {
                let content = content.xml10_content();
                add_text(&mut stack, &content, limits, &at)?;
            }
            Event::GeneralRef(reference) => {
                let name = reference.xml10_content().into_owned();
                let character = reference
                    .resolve_char_ref()
                    .map_err(|error| at(ReadErrorKind::Malformed(error.to_string())))?;
                let resolved = match (character, name.as_str()) {
                    (Some(character), _) => character,
                    (None, "amp") => '&',
                    (None, "lt") => '<',
                    (None, "gt") => '>',
                    (None, "quot") => '"',
                    (None, "apos") => '\'',
                    (None, _) => return Err(at(ReadErrorKind::Entity(name))),
                };
                add_text(&mut stack, resolved.encode_utf8(&mut [0; 4]), limits, &at)?;
            }
            Event::DocType(_) => return Err(at(ReadErrorKind::Doctype)),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(ReadError::at(
            text,
            text.len(),
            ReadErrorKind::Malformed(format!("the file ends inside `<{}>`", open.name)),
        ));
    }
    root.ok_or_else(|| {
        ReadError::at(
            text,
            text.len(),
            ReadErrorKind::Malformed("the file has no element".to_owned()),
        )
    })
}

fn attribute_error(detail: &str) -> ReadErrorKind {
    ReadErrorKind::Malformed(format!("an attribute's value cannot be read: {detail}"))
}

fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn add_text(
    stack: &mut [Element],
    content: &str,
    limits: Limits,
    at: &dyn Fn(ReadErrorKind) -> ReadError,
) -> Result<(), ReadError> {
    let Some(open) = stack.last_mut() else {
        if content.trim().is_empty() {
            return Ok(());
        }
        return Err(at(ReadErrorKind::Malformed("text outside the root element".to_owned())));
    };
    if open.text.len() + content.len() > limits.max_text_bytes {
        return Err(at(ReadErrorKind::TooLarge {
            element: open.name.clone(),
            limit: limits.max_text_bytes,
        }));
    }
    open.text.push_str(content);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> ReadError {
        read_tree(text, Limits::default()).expect_err("refused")
    }

    #[test]
    fn reads_namespaces_cdata_entities_and_attributes() {
        let root = read_tree(
            "<?xml version=\"1.0\"?>\n<r xmlns:a=\"urn:a\"><a:x k=\"1 &amp; 2\"><![CDATA[<b>]]> &lt;&#1078;</a:x><y/></r>",
            Limits::default(),
        )
        .unwrap();
        let x = root.child(|ns| ns == "urn:a", "x").unwrap();
        assert_eq!(x.text, "<b> <ж");
        assert_eq!(x.attr("k"), Some("1 & 2"));
        assert!(root.child(no_namespace, "y").is_some());
        assert!(root.child(no_namespace, "x").is_none(), "namespaces are compared");
    }

    #[test]
    fn mixed_content_keeps_text_and_children_in_document_order() {
        let root = read_tree("<r>one <b>two <i>three</i></b> four<e/> five</r>", Limits::default())
            .unwrap();
        fn flat(element: &Element) -> Result<String, ()> {
            element.mixed_text(&mut |child| flat(child).map(|text| format!("[{text}]")))
        }
        assert_eq!(flat(&root).unwrap(), "one [two [three]] four[] five");
        assert_eq!(root.text, "one  four five", "text alone stays the direct text, joined");
    }

    #[test]
    fn billion_laughs_and_external_entities_are_refused_at_the_doctype() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>";
        let error = refused(laughs);
        assert_eq!(error.kind, ReadErrorKind::Doctype);
        assert_eq!(error.line, 2);
        let xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        assert_eq!(refused(xxe).kind, ReadErrorKind::Doctype);
    }

    #[test]
    fn undeclared_entities_and_prefixes_are_refused_with_their_place() {
        let error = refused("<r>\n  <x>&nbsp;</x></r>");
        assert_eq!(error.kind, ReadErrorKind::Entity("nbsp".to_owned()));
        assert_eq!((error.line, error.column), (2, 6));
        let error = refused("<r>\n<wp:x/></r>");
        assert!(error.to_string().contains("`wp:` is used but never declared"), "{error}");
        assert_eq!(error.line, 2);
    }

    #[test]
    fn malformed_files_name_line_and_column() {
        let error = refused("<r>\n<a></b></r>");
        assert!(matches!(error.kind, ReadErrorKind::Malformed(_)), "{error}");
        assert_eq!(error.line, 2);
        assert!(refused("<r><a>").to_string().contains("ends inside `<a>`"));
        assert!(refused("").to_string().contains("no element"));
        assert!(refused("<r/><s/>").to_string().contains("second element"));
    }

    #[test]
    fn sizes_past_the_limits_are_refused() {
        let limits = Limits { max_text_bytes: 10, max_depth: 3, max_elements: 5 };
        let error = read_tree("<r><a>0123456789x</a></r>", limits).unwrap_err();
        assert!(matches!(error.kind, ReadErrorKind::TooLarge { .. }), "{error}");
        let error = read_tree("<r><a><b><c></c></b></a></r>", limits).unwrap_err();
        assert_eq!(error.kind, ReadErrorKind::TooDeep(3));
        let error = read_tree("<r><a/><a/><a/><a/><a/></r>", limits).unwrap_err();
        assert_eq!(error.kind, ReadErrorKind::TooManyElements(5));
    }
}
