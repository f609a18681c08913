//! GIF: the logical screen's size, comment and application extensions (XMP lives in one), and
//! whether there is more than one frame (only the first is published).

use super::{Inspection, printable_name};

/// Walks the blocks of a GIF: header, logical screen descriptor, optional colour table, then
/// extensions and images up to the trailer.
pub(super) fn inspect(bytes: &[u8], inspection: &mut Inspection) {
    let (Some(width), Some(height)) = (read_u16_le(bytes, 6), read_u16_le(bytes, 8)) else {
        return;
    };
    inspection.declared_size = Some((u32::from(width), u32::from(height)));
    let Some(&flags) = bytes.get(10) else { return };
    let mut at = 13 + colour_table_len(flags);
    let mut frames = 0_u32;
    while let Some(&introducer) = bytes.get(at) {
        match introducer {
            0x21 => {
                let Some(&label) = bytes.get(at + 1) else { return };
                let first_block = bytes.get(at + 3..).unwrap_or_default();
                match label {
                    0xFE => inspection.found("GIF comment"),
                    0xFF if first_block.starts_with(b"XMP Data") => inspection.found("XMP"),
                    0xFF if !first_block.starts_with(b"NETSCAPE")
                        && !first_block.starts_with(b"ANIMEXTS") =>
                    {
                        let length = usize::from(bytes.get(at + 2).copied().unwrap_or(0)).min(8);
                        let name =
                            printable_name(bytes.get(at + 3..at + 3 + length).unwrap_or_default());
                        inspection.found(format!("GIF application data ({name})"));
                    }
                    _ => {}
                }
                let Some(next) = skip_sub_blocks(bytes, at + 2) else { return };
                at = next;
            }
            0x2C => {
                frames += 1;
                let Some(&image_flags) = bytes.get(at + 9) else { return };
                // Descriptor, local colour table, LZW code size, then the data's sub-blocks.
                let data = at + 10 + colour_table_len(image_flags) + 1;
                let Some(next) = skip_sub_blocks(bytes, data) else { return };
                at = next;
            }
            _ => break, // 0x3B, the trailer, or damage the decoder will judge.
        }
    }
    if frames > 1 {
        inspection.found("animation frames after the first");
    }
}

fn colour_table_len(flags: u8) -> usize {
    if flags & 0x80 == 0 { 0 } else { 3 << ((flags & 0x07) + 1) }
}

/// The position after a chain of sub-blocks starting at `at`, ended by an empty one.
fn skip_sub_blocks(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let length = usize::from(*bytes.get(at)?);
        at += 1;
        if length == 0 {
            return Some(at);
        }
        at += length;
    }
}

fn read_u16_le(bytes: &[u8], at: usize) -> Option<u16> {
    let pair = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([pair[0], pair[1]]))
}
