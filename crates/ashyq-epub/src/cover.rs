//! A generated cover: the book's title and the site's name on a plain background, as SVG (a core
//! EPUB image type that needs no image encoder and stays sharp on any screen).

use std::fmt::Write as _;

/// Escapes text for XML.
pub(crate) fn xml(text: &str) -> String {
    ashyq_render::feeds::xml_text(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Breaks `text` into lines of at most about `width` characters, at spaces.
fn lines(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.truncate(8);
    out
}

/// The cover as an SVG document, 600 × 900.
pub(crate) fn cover_svg(title: &str, site_name: &str, lang: &str) -> String {
    let mut svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"600\" height=\"900\" viewBox=\"0 0 600 900\" xml:lang=\"{lang}\">\n\
         <rect width=\"600\" height=\"900\" fill=\"#f4efe6\"/>\n\
         <rect x=\"40\" y=\"40\" width=\"520\" height=\"820\" fill=\"none\" stroke=\"#1d3557\" stroke-width=\"4\"/>\n",
        lang = xml(lang)
    );
    for (index, line) in lines(title, 20).iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"300\" y=\"{}\" font-family=\"serif\" font-size=\"44\" text-anchor=\"middle\" fill=\"#1d3557\">{}</text>",
            240 + index * 56,
            xml(line)
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"300\" y=\"800\" font-family=\"sans-serif\" font-size=\"30\" text-anchor=\"middle\" fill=\"#1d3557\">{}</text>",
        xml(site_name)
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_and_text_is_escaped() {
        let svg =
            cover_svg("Printers <who> said no & the weekly that found another way", "ashyq", "en");
        assert!(roxmltree::Document::parse(&svg).is_ok(), "{svg}");
        assert!(svg.matches("<text").count() >= 4);
        assert!(svg.contains("&lt;who&gt;"));
    }
}
