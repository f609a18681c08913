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
