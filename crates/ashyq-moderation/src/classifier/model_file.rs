//! The model's file format: magic bytes, sizes, scales and biases (little endian), then the 8-bit weights;
//! version 2 adds the Russian head. The committed weights (`model/screen.bin`) are embedded from here.
use super::{Model, ModelError, Thresholds};

pub(super) const MAGIC: &[u8; 8] = b"ASHYQMD1";
/// Version 2: version 1 followed by the Russian head (`ru_bits`, scale, bias, weights).
pub(super) const MAGIC_V2: &[u8; 8] = b"ASHYQMD2";

/// The embedded, committed model.
static EMBEDDED: &[u8] = include_bytes!("../../model/screen.bin");

impl Model {
    /// The model committed with the crate.
    pub fn embedded() -> Result<Model, ModelError> {
        Model::from_bytes(EMBEDDED)
    }

    /// Serialize: magic, sizes, scales and biases (little endian), then the 8-bit weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(96 + self.main.len() + self.sub.len() + self.ru.len());
        out.extend_from_slice(if self.ru_bits > 0 { MAGIC_V2 } else { MAGIC });
        out.extend_from_slice(&self.main_bits.to_le_bytes());
        out.extend_from_slice(&self.sub_bits.to_le_bytes());
        let t = self.thresholds;
        for v in [self.main_scale, self.main_bias, t.en, t.ru, t.kk, t.other] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in self.sub_scale.iter().chain(&self.sub_bias) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend(self.main.iter().map(|w| *w as u8));
        out.extend(self.sub.iter().map(|w| *w as u8));
        if self.ru_bits > 0 {
            out.extend_from_slice(&self.ru_bits.to_le_bytes());
            out.extend_from_slice(&self.ru_scale.to_le_bytes());
            out.extend_from_slice(&self.ru_bias.to_le_bytes());
            out.extend(self.ru.iter().map(|w| *w as u8));
        }
        out
    }

    /// Read a model written by [`Model::to_bytes`] (version 1, without a Russian head, or version 2).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let (rest, v2) = match bytes.strip_prefix(MAGIC.as_slice()) {
            Some(rest) => (rest, false),
            None => (bytes.strip_prefix(MAGIC_V2.as_slice()).ok_or(ModelError::BadMagic)?, true),
        };
        let mut reader = Reader(rest);
        let main_bits = reader.u32()?;
        let sub_bits = reader.u32()?;
        if !(1..=24).contains(&main_bits) || !(1..=24).contains(&sub_bits) {
            return Err(ModelError::Corrupt("table size out of range"));
        }
        let main_scale = reader.f32()?;
        let main_bias = reader.f32()?;
        let thresholds = Thresholds {
            en: reader.f32()?,
            ru: reader.f32()?,
            kk: reader.f32()?,
            other: reader.f32()?,
        };
        let mut sub_scale = [0.0; 5];
        for v in &mut sub_scale {
            *v = reader.f32()?;
        }
        let mut sub_bias = [0.0; 5];
        for v in &mut sub_bias {
            *v = reader.f32()?;
        }
        let main = reader.bytes(1usize << main_bits)?.iter().map(|b| *b as i8).collect();
        let sub = reader.bytes(5usize << sub_bits)?.iter().map(|b| *b as i8).collect();
        let (mut ru_bits, mut ru_scale, mut ru_bias, mut ru) = (0, 0.0, 0.0, Vec::new());
        if v2 {
            ru_bits = reader.u32()?;
            if !(1..=24).contains(&ru_bits) {
                return Err(ModelError::Corrupt("table size out of range"));
            }
            ru_scale = reader.f32()?;
            ru_bias = reader.f32()?;
            ru = reader.bytes(1usize << ru_bits)?.iter().map(|b| *b as i8).collect();
        }
        if !reader.0.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model {
            main_bits,
            sub_bits,
            main_scale,
            main_bias,
            thresholds,
            sub_scale,
            sub_bias,
            main,
            sub,
            ru_bits,
            ru_scale,
            ru_bias,
            ru,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.0.len() < n {
            return Err(ModelError::Corrupt("file ends early"));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
}
