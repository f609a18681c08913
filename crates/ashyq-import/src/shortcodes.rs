//! WordPress shortcodes in post text: `[caption]` becomes a `<figure>` with its `<figcaption>`;
//! every other shortcode is kept as it was written and named, so the report can list it.

/// Post text with captions turned into figures, and the other shortcodes' names (each once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub html: String,
    pub unknown: Vec<String>,
}

const CAPTION_NAMES: [&str; 2] = ["caption", "wp_caption"];

/// Expands `[caption …]<img …> Text[/caption]` (and the older `caption="…"` attribute form).
pub fn expand(content: &str) -> Expanded {
    let mut html = String::with_capacity(content.len());
    let mut unknown: Vec<String> = Vec::new();
    let mut rest = content;
    while let Some(open) = rest.find('[') {
        html.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            .collect();
        let next = after[name.len()..].chars().next();
        let is_shortcode = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && matches!(next, Some(' ' | ']' | '/'));
        if !is_shortcode {
            html.push('[');
            rest = after;
            continue;
        }
        if CAPTION_NAMES.contains(&name.as_str())
            && let Some((figure, consumed)) = caption(&name, after)
        {
            html.push_str(&figure);
            rest = &after[consumed..];
            continue;
        }
        if !unknown.contains(&name) && !CAPTION_NAMES.contains(&name.as_str()) {
            unknown.push(name);
        }
        html.push('[');
        rest = after;
    }
    html.push_str(rest);
    Expanded { html, unknown }
}

/// `after` starts just after `[`: returns the figure and how many bytes of `after` it used.
fn caption(name: &str, after: &str) -> Option<(String, usize)> {
    let head_end = after.find(']')?;
    let head = &after[name.len()..head_end];
    let close = format!("[/{name}]");
    let inner_start = head_end + 1;
    let inner_len = after[inner_start..].find(&close)?;
    let inner = &after[inner_start..inner_start + inner_len];
    // The image (maybe inside a link) comes first; the caption text is what follows its last `>`.
    let image_end = inner.rfind("</a>").map(|index| index + 4).or_else(|| {
        let img = inner.find("<img")?;
        inner[img..].find('>').map(|end| img + end + 1)
    })?;
    let mut text = inner[image_end..].trim().to_owned();
    if text.is_empty() {
        text = attribute(head, "caption").unwrap_or_default();
    }
    let figure =
        format!("<figure>{}<figcaption>{}</figcaption></figure>", &inner[..image_end], text);
    Some((figure, inner_start + inner_len + close.len()))
}

/// `key="value"` in a shortcode's head.
fn attribute(head: &str, key: &str) -> Option<String> {
    let start = head.find(&format!("{key}=\""))? + key.len() + 2;
    let end = head[start..].find('"')?;
    Some(head[start..start + end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_become_figures_and_others_are_listed_and_kept() {
        let expanded = expand(
            "Before [caption id=\"attachment_7\" align=\"alignnone\" width=\"300\"]<a href=\"x\"><img src=\"a.jpg\" alt=\"A\" /></a> The square at dawn[/caption] after [gallery ids=\"1,2\"] and [1] and [embed]u[/embed] [gallery]",
        );
        assert!(expanded.html.contains("<figure><a href=\"x\"><img src=\"a.jpg\" alt=\"A\" /></a><figcaption>The square at dawn</figcaption></figure>"), "{}", expanded.html);
        assert!(expanded.html.contains("[gallery ids=\"1,2\"]"));
        assert!(expanded.html.contains("[1]"));
        assert_eq!(expanded.unknown, ["gallery", "embed"]);
    }

    #[test]
    fn the_old_attribute_form_and_broken_captions() {
        let expanded = expand("[caption caption=\"Old style\"]<img src=\"b.png\">[/caption]");
        assert!(expanded.html.contains("<figcaption>Old style</figcaption>"), "{}", expanded.html);
        let broken = expand("[caption id=\"1\"]<img src=\"b.png\"> no end");
        assert_eq!(broken.html, "[caption id=\"1\"]<img src=\"b.png\"> no end");
    }
}
