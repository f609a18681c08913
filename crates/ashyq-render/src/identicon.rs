//! Identicons: a small symmetric pattern drawn from a commenter's name, inline in the page. Readers'
//! browsers fetch no avatar from anywhere, and the picture reveals nothing but the name already shown.

use sha2::{Digest, Sha256};

/// An inline SVG of a 5×5 mirrored pattern in a colour chosen from the name.
pub fn identicon_svg(seed: &str) -> String {
    let digest = Sha256::digest(seed.trim().to_lowercase().as_bytes());
    let hue = u16::from_be_bytes([digest[0], digest[1]]) % 360;
    let mut cells = String::new();
    for row in 0..5u8 {
        for column in 0..3u8 {
            let bit = usize::from(row * 3 + column);
            if digest[2 + bit / 8] >> (bit % 8) & 1 == 1 {
                cells.push_str(&format!(
                    "<rect x=\"{column}\" y=\"{row}\" width=\"1\" height=\"1\"/>"
                ));
                if column < 2 {
                    cells.push_str(&format!(
                        "<rect x=\"{}\" y=\"{row}\" width=\"1\" height=\"1\"/>",
                        4 - column
                    ));
                }
            }
        }
    }
    format!(
        "<svg class=\"identicon\" viewBox=\"-0.5 -0.5 6 6\" width=\"24\" height=\"24\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"-0.5\" y=\"-0.5\" width=\"6\" height=\"6\" fill=\"hsl({hue} 35% 92%)\"/><g fill=\"hsl({hue} 55% 38%)\">{cells}</g></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::identicon_svg;

    #[test]
    fn the_same_name_draws_the_same_picture_and_names_differ() {
        assert_eq!(identicon_svg("Dana"), identicon_svg(" dana "));
        assert_ne!(identicon_svg("Dana"), identicon_svg("Dina"));
        let svg = identicon_svg("<script>");
        assert!(svg.starts_with("<svg class=\"identicon\"") && !svg.contains("script"));
    }
}
