//! Our page HTML as XHTML for an e-book: void elements closed (`<img …/>`), image addresses pointed
//! at the files inside the book, responsive-image and lazy-loading attributes dropped (one image per
//! figure, no network), site links pointed at chapters or at the site, and ids made XML names.

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// HTML elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Attributes of `<img>` that make no sense inside a book.
const DROPPED_IMG: &[&str] = &["srcset", "sizes", "loading", "decoding"];

/// The HTML could not be read as markup (it is rendered by us, so this is a bug, reported by name).
#[derive(Debug, thiserror::Error)]
#[error("the story's HTML could not be converted to XHTML: {0}")]
pub struct XhtmlError(String);

/// How addresses are rewritten.
pub struct LinkMap<'a> {
    /// `/media/NAME` → its path inside the book.
    pub image: &'a dyn Fn(&str) -> String,
    /// A site-relative link (`/articles/…`, `/tags/…`) → a chapter in the book or an absolute URL.
    pub link: &'a dyn Fn(&str) -> String,
}

/// An `id` (or `#fragment`) as an XML name: one that does not start with a letter or `_` gets the
/// prefix `n-` (footnotes may be named `1`).
pub fn xml_id(id: &str) -> String {
    let starts_well = id.chars().next().is_some_and(|first| first.is_alphabetic() || first == '_');
    let clean: String = id
        .chars()
        .map(|ch| if ch.is_alphanumeric() || matches!(ch, '-' | '_' | '.') { ch } else { '-' })
        .collect();
    if starts_well { clean } else { format!("n-{clean}") }
}

fn unescape(raw: &str) -> String {
    raw.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn rewrite(start: &BytesStart<'_>, links: &LinkMap<'_>) -> Result<BytesStart<'static>, XhtmlError> {
    let name = start.name().as_ref().to_owned();
    let is_img = name == "img";
    let mut out = BytesStart::new(name);
    for attribute in start.attributes().with_checks(false) {
        let attribute: Attribute<'_> = attribute.map_err(|error| XhtmlError(error.to_string()))?;
        let key = attribute.key.as_ref().to_owned();
        let value = attribute.value.as_ref();
        if is_img && DROPPED_IMG.contains(&key.as_str()) {
            continue;
        }
        let replaced = match key.as_str() {
            "src" if is_img => Some((links.image)(&unescape(value))),
            "href" if value.starts_with('#') => {
                Some(format!("#{}", xml_id(&unescape(&value[1..]))))
            }
            "href" if value.starts_with('/') && !value.starts_with("//") => {
                Some((links.link)(&unescape(value)))
            }
            "id" => Some(xml_id(&unescape(value))),
            _ => None,
        };
        match replaced {
            Some(text) => out.push_attribute((key.as_str(), text.as_str())),
            None => out.push_attribute(attribute),
        }
    }
    Ok(out)
}

/// Converts a fragment of our HTML to well-formed XHTML.
pub fn to_xhtml(html: &str, links: &LinkMap<'_>) -> Result<String, XhtmlError> {
    let mut reader = Reader::from_str(html);
    reader.config_mut().check_end_names = false;
    let mut writer = Writer::new(Vec::with_capacity(html.len() + 64));
    loop {
        let event = reader.read_event().map_err(|error| XhtmlError(error.to_string()))?;
        let written = match event {
            Event::Eof => break,
            Event::Start(start) => {
                let element = rewrite(&start, links)?;
                if VOID.contains(&start.name().as_ref()) {
                    writer.write_event(Event::Empty(element))
                } else {
                    writer.write_event(Event::Start(element))
                }
            }
            Event::Empty(start) => writer.write_event(Event::Empty(rewrite(&start, links)?)),
            Event::End(end) if VOID.contains(&end.name().as_ref()) => Ok(()),
            // A doctype or processing instruction has no place inside a chapter.
            Event::DocType(_) | Event::PI(_) | Event::Decl(_) => Ok(()),
            other => writer.write_event(other),
        };
        written.map_err(|error| XhtmlError(error.to_string()))?;
    }
    String::from_utf8(writer.into_inner()).map_err(|error| XhtmlError(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> String {
        let links = LinkMap {
            image: &|src: &str| format!("images/{}", src.trim_start_matches("/media/")),
            link: &|path: &str| format!("https://n.example{path}"),
        };
        to_xhtml(html, &links).unwrap()
    }

    #[test]
    fn void_elements_close_and_images_point_inside_the_book() {
        let html = "<p>a<br>b &amp; c &#39;d&#39;</p>\n<figure class=\"figure\"><img src=\"/media/a.svg\" \
            srcset=\"/media/a-1.png 480w, /media/a.png 960w\" sizes=\"100vw\" width=\"4\" height=\"3\" \
            alt=\"x &quot;y&quot;\" loading=\"lazy\" decoding=\"async\"><figcaption>c</figcaption></figure>\
            <p><a href=\"/tags/press\">t</a> <sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\
            <div class=\"footnote-definition\" id=\"1\"><p>n</p></div><hr>";
        let xhtml = convert(html);
        let wrapped = format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{xhtml}</div>");
        let document =
            roxmltree::Document::parse(&wrapped).unwrap_or_else(|e| panic!("{e}\n{xhtml}"));
        let img = document.descendants().find(|n| n.has_tag_name("img")).unwrap();
        assert_eq!(img.attribute("src"), Some("images/a.svg"));
        assert_eq!(img.attribute("alt"), Some("x \"y\""));
        assert!(img.attribute("srcset").is_none() && img.attribute("loading").is_none());
        assert!(xhtml.contains("<br/>") && xhtml.contains("<hr/>"), "{xhtml}");
        assert!(xhtml.contains("href=\"https://n.example/tags/press\""));
        assert!(xhtml.contains("href=\"#n-1\"") && xhtml.contains("id=\"n-1\""), "{xhtml}");
        assert!(xhtml.contains("b &amp; c &#39;d&#39;"), "{xhtml}");
    }

    #[test]
    fn interviews_keep_lang_and_dir() {
        let xhtml = convert(
            "<section class=\"interview\" aria-label=\"I\"><div class=\"version original\" lang=\"kk\" dir=\"ltr\"><p>Сәлем</p></div></section>",
        );
        assert!(xhtml.contains("lang=\"kk\" dir=\"ltr\""), "{xhtml}");
    }
}
