//! The stylesheet and icon, embedded in the binary and addressed by a content hash so browsers may
//! cache them forever.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// The site's only stylesheet.
pub const STYLESHEET: &str = include_str!("../static/site.css");

/// The site's icon.
pub const ICON_SVG: &str = include_str!("../static/icon.svg");

fn hashed(name: &str, extension: &str, content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    let short = hex::encode(&digest[..6]);
    format!("/static/{name}.{short}.{extension}")
}

/// `/static/site.<hash>.css`: the address changes whenever the stylesheet does.
pub fn stylesheet_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| hashed("site", "css", STYLESHEET))
}

/// `/static/icon.<hash>.svg`.
pub fn icon_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| hashed("icon", "svg", ICON_SVG))
}

#[cfg(test)]
mod stylesheet_tests {
    use super::STYLESHEET;

    /// Issue 11: every layout mirrors on a right-to-left page, so the stylesheet names sides
    /// only logically (`inline-start`, `inline-end`), never `left` or `right`.
    #[test]
    fn the_stylesheet_uses_only_logical_sides_issue_11() {
        let physical: Vec<&str> = STYLESHEET
            .lines()
            .filter(|line| !line.trim_start().starts_with("/*") && !line.starts_with("   "))
            .filter(|line| line.contains("left") || line.contains("right"))
            .collect();
        assert!(physical.is_empty(), "physical sides in the stylesheet: {physical:?}");
        assert!(STYLESHEET.contains("text-align: start"));
    }
}
