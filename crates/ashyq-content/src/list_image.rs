//! The picture lists of stories show beside a story: read back from the lead figure's HTML that
//! `fragment::render_figure` wrote at import, so that a listing needs no second copy of it.

/// A lead figure's image as stored: every width the site serves it in, its full size and its
/// description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListImage {
    /// `(url, width in pixels)`, narrowest first; one entry for an image stored in one size.
    pub candidates: Vec<(String, u32)>,
    /// The full size's width and height.
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

impl ListImage {
    /// The narrowest stored size with its height: `(url, width, height)`.
    pub fn smallest(&self) -> (&str, u32, u32) {
        match self.candidates.first() {
            Some((url, width)) => (url, *width, self.height_at(*width)),
            None => ("", self.width, self.height),
        }
    }

    /// The height at `width`, keeping the full size's proportions.
    pub fn height_at(&self, width: u32) -> u32 {
        if self.width == 0 {
            return self.height;
        }
        let scaled = (u64::from(width) * u64::from(self.height) + u64::from(self.width) / 2)
            / u64::from(self.width);
        u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in the inside of one tag (`src="…" alt="…"`), unescaped.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + end]))
}

/// The first image of `lead_html` with its sizes, or `None` when it has no image or no stored size
/// (a list never shows a picture whose shape the browser cannot reserve).
pub fn list_image(lead_html: &str) -> Option<ListImage> {
    let start = lead_html.find("<img ")?;
    let end = lead_html[start..].find('>')? + start;
    let tag = &lead_html[start + "<img".len()..end];
    let src = attribute(tag, "src")?;
    let width: u32 = attribute(tag, "width")?.parse().ok()?;
    let height: u32 = attribute(tag, "height")?.parse().ok()?;
    if src.is_empty() || width == 0 || height == 0 {
        return None;
    }
    let alt = attribute(tag, "alt").unwrap_or_default();
    let mut candidates: Vec<(String, u32)> = attribute(tag, "srcset")
        .map(|srcset| {
            srcset
                .split(", ")
                .filter_map(|candidate| {
                    let (url, descriptor) = candidate.trim().rsplit_once(' ')?;
                    let width = descriptor.strip_suffix('w')?.parse().ok()?;
                    Some((url.to_owned(), width))
                })
                .collect()
        })
        .unwrap_or_default();
    if candidates.is_empty() {
        candidates.push((src, width));
    }
    candidates.sort_by_key(|(_, width)| *width);
    Some(ListImage { candidates, width, height, alt })
}

#[cfg(test)]
mod tests {
    use super::list_image;

    #[test]
    fn a_photo_with_several_widths_is_read_back_narrowest_first() {
        let html = "<figure class=\"figure figure-lead\"><img src=\"/media/a.jpg\" \
            srcset=\"/media/a-480.jpg 480w, /media/a-960.jpg 960w, /media/a.jpg 1200w\" \
            sizes=\"(min-width: 44rem) 42rem, 100vw\" width=\"1200\" height=\"800\" \
            alt=\"A &quot;quiet&quot; street &amp; a bus\" loading=\"eager\" decoding=\"async\">\
            <figcaption>…</figcaption></figure>";
        let image = list_image(html).expect("an image");
        assert_eq!(image.candidates[0], ("/media/a-480.jpg".to_owned(), 480));
        assert_eq!(image.candidates.len(), 3);
        assert_eq!(image.alt, "A \"quiet\" street & a bus");
        assert_eq!(image.smallest(), ("/media/a-480.jpg", 480, 320));
    }

    #[test]
    fn a_drawing_in_one_size_is_its_own_thumbnail() {
        let html = "<figure class=\"figure figure-lead\"><img src=\"/media/d.svg\" width=\"640\" \
            height=\"400\" alt=\"A press\" loading=\"eager\" decoding=\"async\"></figure>";
        let image = list_image(html).expect("an image");
        assert_eq!(image.smallest(), ("/media/d.svg", 640, 400));
    }

    #[test]
    fn an_image_without_a_stored_size_or_no_image_gives_nothing() {
        assert_eq!(list_image("<figure><img src=\"/media/d.svg\" alt=\"x\"></figure>"), None);
        assert_eq!(list_image("<p>no picture</p>"), None);
        assert_eq!(list_image("<img src=\"\" width=\"1\" height=\"1\">"), None);
        assert_eq!(list_image("<img src=\"/m\" width=\"0\" height=\"1\">"), None);
    }
}
