//! Reads just enough of a JPEG, PNG, WebP or GIF container, before any pixel is decoded, to learn the
//! image's declared size and which metadata it carries.
//!
//! Nothing here removes metadata: stripping happens by construction, because every published
//! variant is encoded from decoded pixels alone. This walk exists to *report* what was removed
//! (so a journalist learns that their camera records GPS positions) and to check the declared
//! pixel count before the decoder allocates anything. It is written by hand rather than with a
//! metadata crate because the containers' framing is simple, and because we want to see every
//! segment and chunk, including ones no metadata library knows, such as data appended after a
//! JPEG's end. Each parser only reads through `get`, so hostile input cannot make it panic, and
//! gives up quietly on malformed framing: the decoder then decides whether the file is readable.

mod blocks;
mod gif;
mod jpeg;
mod png;
mod webp;

use crate::format::ImageFormat;

/// What the container says about itself.
#[derive(Debug, Default)]
pub(crate) struct Inspection {
    /// Width and height as declared in the header (JPEG frame header, PNG `IHDR`, WebP `VP8X`
    /// canvas or bitstream header), if the walk reached it.
    pub(crate) declared_size: Option<(u32, u32)>,
    /// Human-readable names of the metadata found, in file order, without repeats.
    pub(crate) metadata: Vec<String>,
    /// The file stops in the middle of the image data. Only set for JPEG, because its decoder
    /// fills missing data with grey instead of failing, and a half-grey photo must not be
    /// published by accident.
    pub(crate) ends_early: bool,
    /// A WebP whose pixels are lossily compressed (a `VP8 ` bitstream).
    pub(crate) lossy: bool,
}

impl Inspection {
    fn found(&mut self, description: impl Into<String>) {
        let description = description.into();
        if !self.metadata.contains(&description) {
            self.metadata.push(description);
        }
    }
}

/// Walks the container of an image whose format was already detected from its magic number.
pub(crate) fn inspect(bytes: &[u8], format: ImageFormat) -> Inspection {
    let mut inspection = Inspection::default();
    match format {
        ImageFormat::Jpeg => jpeg::inspect(bytes, &mut inspection),
        ImageFormat::Png => png::inspect(bytes, &mut inspection),
        ImageFormat::Webp => webp::inspect(bytes, &mut inspection),
        ImageFormat::Gif => gif::inspect(bytes, &mut inspection),
    }
    inspection
}

fn read_u16_be(bytes: &[u8], at: usize) -> Option<u16> {
    let pair = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([pair[0], pair[1]]))
}

fn read_u32_be(bytes: &[u8], at: usize) -> Option<u32> {
    let quad = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([quad[0], quad[1], quad[2], quad[3]]))
}

fn read_u32_le(bytes: &[u8], at: usize) -> Option<u32> {
    let quad = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([quad[0], quad[1], quad[2], quad[3]]))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}

/// Makes a name taken from the file (a PNG keyword, a chunk type) safe to show: printable
/// ASCII only, and short.
fn printable_name(raw: &[u8]) -> String {
    let name: String = raw
        .iter()
        .take(40)
        .map(|&byte| if byte.is_ascii_graphic() || byte == b' ' { char::from(byte) } else { '?' })
        .collect();
    name.trim().to_owned()
}

/// "other chunks (caBX, zzZz)": lists at most a few names so a hostile file cannot produce an
/// endless report.
fn describe_list(what: &str, names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut listed = names.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        listed.push_str(", …");
    }
    format!("{what} ({listed})")
}

fn push_unique(names: &mut Vec<String>, name: String) {
    if !names.contains(&name) {
        names.push(name);
    }
}
