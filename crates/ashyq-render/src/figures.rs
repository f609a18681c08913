//! The figures of a rendered article read back from its HTML (which `ashyq-content::fragment`
//! wrote): image address, caption, credit and licence, for JSON-LD, Open Graph and e-books.

use ashyq_content::Licence;

/// One figure as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureFacts {
    /// The image's address as rendered (`/media/NAME`).
    pub src: String,
    pub alt: String,
    pub caption: String,
    /// The credit without its label; empty when the figure has none.
    pub credit: String,
    pub licence: Option<Licence>,
}

/// Undoes the escaping of `ashyq_content::escape_html` (and pulldown-cmark's).
pub(crate) fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The value of `name="…"` in a tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + end]))
}

/// The text of the `<span class="CLASS">` inside `figure`, if any.
fn span_text(figure: &str, class: &str) -> Option<String> {
    let marker = format!("<span class=\"{class}\"");
    let start = figure.find(&marker)?;
    let open_end = figure[start..].find('>')? + start + 1;
    let close = figure[open_end..].find("</span>")? + open_end;
    Some(unescape(&figure[open_end..close]))
}

/// Every figure in `html`, in page order.
pub fn figures_in_html(html: &str) -> Vec<FigureFacts> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<figure") {
        let Some(length) = rest[start..].find("</figure>") else { break };
        let figure = &rest[start..start + length];
        rest = &rest[start + length..];
        let Some(img_start) = figure.find("<img ") else { continue };
        let Some(img_length) = figure[img_start..].find('>') else { continue };
        let img = &figure[img_start..img_start + img_length];
        let Some(src) = attribute(img, "src") else { continue };
        // The credit and licence spans start with their localized label and ": ".
        let after_label = |text: String| {
            text.split_once(": ").map_or(text.clone(), |(_, value)| value.to_owned())
        };
        found.push(FigureFacts {
            src,
            alt: attribute(img, "alt").unwrap_or_default(),
            caption: span_text(figure, "caption").unwrap_or_default(),
            credit: span_text(figure, "credit").map(after_label).unwrap_or_default(),
            licence: figure
                .find("data-licence=\"")
                .and_then(|at| attribute(&figure[at - 1..], "data-licence"))
                .and_then(|code| Licence::from_code(&code)),
        });
    }
    found
}

/// A licence's canonical address, where it has one (the Creative Commons family).
pub fn licence_url(licence: Licence) -> Option<&'static str> {
    Some(match licence {
        Licence::CcBy => "https://creativecommons.org/licenses/by/4.0/",
        Licence::CcBySa => "https://creativecommons.org/licenses/by-sa/4.0/",
        Licence::CcByNd => "https://creativecommons.org/licenses/by-nd/4.0/",
        Licence::CcByNc => "https://creativecommons.org/licenses/by-nc/4.0/",
        Licence::CcByNcSa => "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        Licence::CcByNcNd => "https://creativecommons.org/licenses/by-nc-nd/4.0/",
        Licence::Cc0 => "https://creativecommons.org/publicdomain/zero/1.0/",
        Licence::PublicDomain => "https://creativecommons.org/publicdomain/mark/1.0/",
        Licence::FairUse | Licence::UsedWithPermission | Licence::AllRightsReserved => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_back_with_credit_and_licence() {
        let html = "<p>x</p><figure class=\"figure\"><img src=\"/media/a.svg\" width=\"4\" height=\"3\" \
            alt=\"A &lt;press&gt;\" loading=\"lazy\" decoding=\"async\"><figcaption><span class=\"caption\">\
            Old &amp; new</span> <span class=\"credit\">Credit: Ivan: Studio</span> <span class=\"licence\" \
            data-licence=\"cc-by-sa\">Licence: CC BY-SA</span></figcaption></figure>\n\
            <figure class=\"figure\"><img src=\"/media/b.png\" alt=\"\"><figcaption><span class=\"licence\" \
            data-licence=\"cc0\">Licence: CC0</span></figcaption></figure>";
        let figures = figures_in_html(html);
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].src, "/media/a.svg");
        assert_eq!(figures[0].alt, "A <press>");
        assert_eq!(figures[0].caption, "Old & new");
        assert_eq!(figures[0].credit, "Ivan: Studio");
        assert_eq!(figures[0].licence, Some(Licence::CcBySa));
        assert_eq!(figures[1].credit, "");
        assert_eq!(figures[1].licence, Some(Licence::Cc0));
    }
}
